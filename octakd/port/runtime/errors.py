"""Octave errors and warnings: ``error``, ``warning``, ``lasterr``, ``rethrow``, ``try``/``catch``.

* :func:`error` raises :class:`~.functions.OctaveError` with Octave's identifier rule: the first
  argument is an identifier when it contains ``:`` (neither first nor last) and no whitespace or
  ``%``, and more arguments follow; a lone identifier-like argument gives Octave's message
  ``call to error with message identifier 'ID' requires message``. One argument is the message
  as written; with more, the message is ``sprintf(template, args...)`` (the translator expands
  the escapes of a single-quoted template, as for ``printf``). A message ending in a newline
  loses it and is printed without the ``called from`` trace.
* ``catch err`` binds what :func:`catch_error` makes. For ``error(...)`` and the runtime's
  errors raised as :class:`OctaveError` (their text is Octave's) it is, as in Octave 7.3, a
  struct (:class:`CaughtStruct`) with the fields ``message``, ``identifier`` and ``stack`` (an
  Nx1 struct of ``file``, ``name``, ``line``, ``column``, innermost first, from
  :mod:`.calltrace`); it displays, copies and indexes like any struct. Any other failure is a
  Python exception whose text is octakd's, not Octave's: it binds a :class:`CaughtError`, and
  reading or showing it refuses with ``file:line:col`` of the ``catch`` instead of printing a
  text Octave would not print. So does the ``stack`` of an error when the positions of the
  translated code are unknown (a ported .py run by Python, not by ``octakd run``). A refusal
  (:class:`PortError`) is never caught.
* :func:`warning` prints ``warning: MESSAGE`` on stderr, then Octave's ``called from`` trace of
  the Octave frames (:mod:`.calltrace`) and a blank line; ``warning('off', ID)``,
  ``warning('on', ID)``, ``'all'`` and ``'backtrace'`` switch them.
* :func:`switch_match` is the case test of ``switch``: Octave's ``is_equal`` (same rows and
  columns and every element ``==``; two empty values match); a cell case matches if any of its
  elements does.
"""
import sys

import numpy as np

from ..errors import PortError
from .calltrace import octave_frames, octave_stack, trace_lines
from .functions import OctaveError
from .structs import Struct
from .text import sprintf

__all__ = ["error", "warning", "lasterr", "rethrow", "catch_error", "switch_match",
           "narginchk", "CaughtError", "CaughtStruct", "print_usage"]
FUNCTIONS = {"error": "void", "warning": "void", "lasterr": "str", "rethrow": "void",
             "narginchk": "void", "print_usage": "void"}
MULTI_OUTPUT = set()

_WARN = {"all": True, "backtrace": True, "ids": {}}
_LAST = {"error": ""}           # lasterr: a message, or the refusal for an unknown one


class CaughtStruct(Struct):
    """``catch err`` of an error whose text is Octave's: the struct Octave 7.3 binds (message,
    identifier, stack), remembering the exception (``original``) for :func:`rethrow`."""
    __slots__ = ("original",)

    @classmethod
    def of_error(cls, exc, stack):
        frames = [{"file": f, "name": n, "line": float(line), "column": float(col)}
                  for f, n, line, col in stack]
        fields = {"message": exc.message, "identifier": exc.identifier,
                  "stack": Struct.of(frames, (len(frames), 1),
                                     keys=["file", "name", "line", "column"])}
        made = cls(list(fields), Struct.scalar(fields).data)
        made.original = exc
        return made


class CaughtError:
    """The value ``catch err`` binds when octakd cannot give Octave's struct: ``message`` and
    ``identifier`` of the error, while ``refusal`` (a :class:`PortError`) is raised by reading
    them (an error whose text is octakd's) or by anything else (``stack``, showing it).
    ``original`` is the exception, which :func:`rethrow` raises again.
    """

    def __init__(self, original, message=None, identifier=None, refusal=None, stack_refusal=None):
        self.original = original
        self._message, self._identifier, self.refusal = message, identifier, refusal
        self.stack_refusal = stack_refusal or refusal

    @property
    def stack(self):
        raise self.stack_refusal

    def as_struct(self):
        """Showing the caught error: refused (see the class)."""
        raise self.stack_refusal

    @property
    def message(self):
        if self.refusal is not None:
            raise self.refusal
        return self._message

    @property
    def identifier(self):
        if self.refusal is not None:
            raise self.refusal
        return self._identifier

    def __repr__(self):
        return f"CaughtError({self._message!r}, {self._identifier!r})"


def _is_identifier(text):
    """Octave's test (error.cc, maybe_extract_message_id) for a message identifier."""
    return (isinstance(text, str) and ":" in text and text[0] != ":" and text[-1] != ":"
            and not any(c in text for c in "% \f\n\r\t\v"))


def _message(caller, args):
    """(identifier, message) of ``error(args...)``/``warning(args...)``, as Octave builds them."""
    if not args:
        raise OctaveError("Octave:invalid-fun-call", f"Invalid call to {caller}")
    first, rest = args[0], list(args[1:])
    identifier = ""
    if _is_identifier(first):
        if rest:
            identifier, first, rest = first, rest[0], rest[1:]
            if not isinstance(first, str):
                raise OctaveError("", "sprintf: format TEMPLATE must be a string")
            return identifier, sprintf(first, *rest)
        return "", f"call to {caller} with message identifier '{first}' requires message"
    if not isinstance(first, str):
        raise TypeError(f"{caller}: only a text message (or a caught error) is supported")
    if len(args) == 1:
        return identifier, first
    return identifier, sprintf(first, *rest)


def error(*args):
    """Octave's ``error(template, ...)``, ``error(id, template, ...)`` or ``error(err)``."""
    if len(args) == 1 and isinstance(args[0], (CaughtError, Struct)):
        rethrow(args[0])
    identifier, message = _message("error", args)
    exc = OctaveError(identifier, message.removesuffix("\n"))
    exc.traceback = not message.endswith("\n")
    raise exc


def rethrow(err):
    """Octave's ``rethrow(err)``: raise the caught error again, unchanged."""
    if isinstance(err, Struct) and not isinstance(err, CaughtStruct):
        return _raise_struct(err)
    if not isinstance(err, (CaughtError, CaughtStruct)):
        raise TypeError("rethrow: only an error caught by 'catch err' is supported")
    if isinstance(err, CaughtError) and err.refusal is not None:
        raise err.original
    if isinstance(err, CaughtStruct):
        fields = err.values()[0]
        if fields.get("message") != err.original.message or \
                fields.get("identifier") != err.original.identifier:
            return _raise_struct(err)                   # changed since it was caught
        exc = OctaveError(err.original.identifier, err.original.message)
    else:
        exc = OctaveError(err._identifier, err._message)
    exc.traceback = getattr(err.original, "traceback", True)
    # Octave reports where the error first happened, not where it was thrown again
    exc.stack = getattr(err.original, "stack", None) or octave_stack(err.original.__traceback__)
    exc.frames = getattr(err.original, "frames", None) or [f[1:] for f in exc.stack]
    raise exc


def print_usage(name):
    """Octave's ``print_usage()`` in a function of a script (or at its top level, ``name``
    being the script's): Octave 7.3 finds no help text for it and says so. (The translator
    refuses it in a function file, whose help text Octave would print.)"""
    raise OctaveError("", f"print_usage: '{name}' not found")


def _raise_struct(err):
    """``error(s)``/``rethrow(s)`` with a struct made by the script: its message and identifier
    (Octave's error(struct) also takes a stack; octakd refuses one rather than guess)."""
    if err.data.size != 1 or "message" not in err.keys or \
            not set(err.keys) <= {"message", "identifier", "stack"}:
        raise OctaveError("", "rethrow: ERR must be a struct with fields message and identifier")
    fields = err.values()[0]
    stack = fields.get("stack")
    if stack is not None and not (isinstance(stack, Struct) and stack.keys ==
                                  ["file", "name", "line", "column"]):
        raise TypeError("error/rethrow: only the 'stack' of a caught error is supported "
                        "(a struct of file, name, line, column)")
    message, identifier = fields["message"], fields.get("identifier", "")
    if not isinstance(message, str) or not isinstance(identifier, str):
        raise TypeError("error/rethrow: the message and identifier must be strings")
    exc = OctaveError(identifier, message)
    if stack is not None:       # Octave reports the error where its stack says
        exc.stack = [(e["file"], e["name"], int(e["line"]), int(e["column"]))
                     for e in stack.values()]
        exc.frames = [f[1:] for f in exc.stack]
    raise exc


def catch_error(exc, filename, line, col):
    """The :class:`CaughtError` of an exception caught by ``catch`` at ``filename:line:col``.

    A refusal of the translator (:class:`PortError`) is raised again: it is not Octave's error.
    """
    if isinstance(exc, PortError):
        raise exc
    if isinstance(exc, OctaveError):
        _LAST["error"] = exc.message
        frames = getattr(exc, "frames", None)
        stack = getattr(exc, "stack", None) or octave_stack(exc.__traceback__)
        if stack and (frames is None or [f[1:] for f in stack] == [tuple(f) for f in frames]):
            return CaughtStruct.of_error(exc, stack)
        refusal = PortError(filename, line, col,
                            "the stack of this error is not known (the positions of the "
                            "translated code are registered by `octakd run`)")
        return CaughtError(exc, exc.message, exc.identifier, stack_refusal=refusal)
    what = type(exc).__name__
    refusal = PortError(filename, line, col,
                        f"the text of this error is octakd's, not known to be Octave's ({what}: "
                        f"{exc}); octakd does not show it as Octave's message")
    _LAST["error"] = refusal
    return CaughtError(exc, refusal=refusal)


def lasterr():
    """Octave's ``lasterr``: the message of the last error caught."""
    last = _LAST["error"]
    if isinstance(last, PortError):
        raise last
    return last


# ------------------------------------------------------------------------------------ warnings
def _enabled(identifier):
    if identifier and identifier in _WARN["ids"]:
        return _WARN["ids"][identifier]
    return _WARN["all"]


def warning(*args):
    """Octave's ``warning``: print a warning, or switch warnings ``on``/``off``."""
    if args and isinstance(args[0], str) and args[0] in ("on", "off") and len(args) <= 2:
        state = args[0] == "on"
        target = args[1] if len(args) == 2 else "all"
        if not isinstance(target, str):
            raise TypeError("warning: the identifier must be a string")
        if target == "all":
            _WARN["all"] = state
            _WARN["ids"].clear()
        elif target == "backtrace":
            _WARN["backtrace"] = state
        else:
            _WARN["ids"][target] = state
        return
    identifier, message = _message("warning", args)
    if not _enabled(identifier):
        return
    sys.stdout.flush()
    lines = [f"warning: {message.removesuffix(chr(10))}"]
    if _WARN["backtrace"] and not message.endswith("\n"):
        frames = octave_frames(sys._getframe(1))
        if frames:
            lines += trace_lines("warning", frames) + [""]
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()


def reset_warnings():
    """Every warning on again, and no last error (a fresh Octave session)."""
    _WARN.update(all=True, backtrace=True, ids={})
    _LAST["error"] = ""


# ------------------------------------------------------------------------------------ switch
def _cmp_array(x):
    if isinstance(x, str):
        if not x:
            return np.zeros((0, 0))
        return np.array([[ord(c) for c in x]], dtype=np.float64)
    a = np.asarray(x)
    if a.dtype == object:
        raise TypeError("switch: only numbers, logical values and strings can be compared")
    if a.ndim == 0:
        a = a.reshape(1, 1)
    elif a.ndim == 1:
        a = a.reshape(1, -1)
    return a


def _is_equal(value, label):
    """Octave's ``octave_value::is_equal``: same rows and columns, then ``all(value == label)``."""
    a, b = _cmp_array(value), _cmp_array(label)
    if a.shape[0] != b.shape[0] or int(np.prod(a.shape[1:])) != int(np.prod(b.shape[1:])):
        return False
    if a.size == 0:
        return True
    if a.shape != b.shape:
        b = b.reshape(a.shape)
    return bool(np.all(a == b))


def switch_match(value, *labels, cell=False):
    """Does ``case label`` (or ``case {labels...}`` with ``cell``) match the switch ``value``?"""
    return any(_is_equal(value, label) for label in labels)


def narginchk(minargs, maxargs, nargin):
    """Octave's ``narginchk(minargs, maxargs)``; the translator passes the caller's ``nargin``."""
    if minargs > maxargs:
        raise OctaveError("", "narginchk: MINARGS cannot be larger than MAXARGS")
    if nargin < minargs:
        raise OctaveError("", "narginchk: not enough input arguments")
    if nargin > maxargs:
        raise OctaveError("", "narginchk: too many input arguments")


def uncaught_text(exc):
    """What Octave prints on stderr for an error nobody caught: the message and the trace."""
    lines = [f"error: {exc.message}"]
    if getattr(exc, "traceback", True):
        frames = getattr(exc, "frames", None) or octave_frames(exc.__traceback__, innermost_last=True)
        if frames:
            lines += trace_lines("error", frames)
    return "\n".join(lines) + "\n"
