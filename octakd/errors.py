"""The exceptions octakd raises for user mistakes.

Every message names the function or layer, what was expected and what came, and where it helps
the fix. The classes subclass the built-in exception a Python user would expect, so
``except ValueError`` still works.
"""


class OctakdError(Exception):
    """Base class of every error octakd raises on purpose."""


class ShapeError(OctakdError, ValueError):
    """An array has the wrong shape or size."""


class OctakdTypeError(OctakdError, TypeError):
    """An argument has the wrong type or dtype."""


class OctakdValueError(OctakdError, ValueError):
    """An argument has a value outside its allowed range (labels, sizes, rates...)."""


class LabelError(OctakdValueError):
    """Labels are out of range, 1-based, fractional or of the wrong count."""


class NetworkError(OctakdError, ValueError):
    """The network under construction is not in a state that allows the call."""


class NonFiniteError(OctakdError, FloatingPointError):
    """NaN or Inf appeared in inputs, a loss or a gradient."""


class OctakdFileError(OctakdError, OSError):
    """A file is missing, unreadable, corrupt or not what was expected."""


class MemoryBudgetError(OctakdError, MemoryError):
    """What was asked would need more memory than is available (see octakd/memory.py); raised
    before anything large is allocated."""


class CheckpointWriteError(OctakdFileError):
    """Saving a training checkpoint failed (disk full, folder gone...). ``.model`` holds the
    model as trained so far, so the work is not lost: save it elsewhere with save_model."""

    def __init__(self, message, model):
        super().__init__(message)
        self.model = model


def describe(value):
    """A short description of ``value`` for error messages: shape and dtype, or type."""
    shape = getattr(value, "shape", None)
    dtype = getattr(value, "dtype", None)
    if shape is not None and dtype is not None:
        return f"an array of shape {tuple(shape)} and dtype {dtype}"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {text!r}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)} item(s)"
    return f"{value!r} (type {type(value).__name__})"
