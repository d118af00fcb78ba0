"""Octave's tick and colour-limit setters (xticks, yticks, zticks, xticklabels, yticklabels,
caxis) and the interactive modes that mean nothing in a saved picture (rotate3d, zoom, pan).

Only the setting forms are translated: ``xticks(v)`` places ticks, but ``v = xticks`` would
read ticks that Octave's own renderer chose, which matplotlib does not choose alike, so
reading is refused at run time with a reason instead of printing other numbers.
"""
import numpy as np

from .figures import current_axes, mark_dirty

__all__ = ["xticks", "yticks", "zticks", "xticklabels", "yticklabels", "caxis", "rotate3d",
           "zoom", "pan"]
FUNCTIONS = {name: "void" for name in __all__}
MULTI_OUTPUT = set()


def _reading(where):
    return ValueError(f"{where}: reading the current value is not supported (Octave's "
                      f"automatic ticks and colour limits are its renderer's own); set it "
                      f"with {where}(value)")


def _ticks(setter, where, args):
    if not args or isinstance(args[0], str):
        if args and args[0].lower() in ("auto", "manual"):
            return None
        raise _reading(where)
    ax = current_axes()
    if ax is None or not hasattr(ax, setter):
        return None
    values = np.asarray(args[0], dtype=np.float64).ravel()
    if values.size and np.any(np.diff(values) <= 0):
        raise ValueError(f"{where}: the tick values must be increasing")
    getattr(ax, setter)(values)
    mark_dirty()


def xticks(*args):
    """Octave's ``xticks(v)``: ticks of the x axis at the values ``v`` (increasing)."""
    _ticks("set_xticks", "xticks", args)


def yticks(*args):
    """Octave's ``yticks(v)``."""
    _ticks("set_yticks", "yticks", args)


def zticks(*args):
    """Octave's ``zticks(v)`` (3-D axes)."""
    _ticks("set_zticks", "zticks", args)


def _labels(setter, where, args):
    if not args:
        raise _reading(where)
    labels = args[0]
    if hasattr(labels, "values") and callable(labels.values):        # a cell of strings
        labels = labels.values()
    elif isinstance(labels, str):
        labels = [labels]
    if not all(isinstance(s, str) for s in labels):
        raise TypeError(f"{where}: expected a cell of strings")
    ax = current_axes()
    if ax is None:
        return None
    getattr(ax, setter)(list(labels))
    mark_dirty()


def xticklabels(*args):
    """Octave's ``xticklabels({'a', 'b'})``: the labels of the current x ticks."""
    _labels("set_xticklabels", "xticklabels", args)


def yticklabels(*args):
    """Octave's ``yticklabels({'a', 'b'})``."""
    _labels("set_yticklabels", "yticklabels", args)


def caxis(*args):
    """Octave's ``caxis([lo hi])``: the colour limits of the current axes' images and
    surfaces; ``caxis('auto')`` is accepted."""
    if not args or isinstance(args[0], str):
        if args and args[0].lower() in ("auto", "manual"):
            return None
        raise _reading("caxis")
    lim = np.asarray(args[0], dtype=np.float64).ravel()
    if lim.size != 2 or not lim[0] < lim[1]:
        raise ValueError(f"caxis: expected [lo hi] with lo < hi, got {lim.tolist()}")
    ax = current_axes()
    if ax is None:
        return None
    for m in ax.images + [c for c in ax.collections if c.get_array() is not None]:
        m.set_clim(lim[0], lim[1])
    mark_dirty()


def rotate3d(*args):
    """Octave's ``rotate3d on``: an interactive mode, nothing in a saved picture (no-op)."""


def zoom(*args):
    """Octave's ``zoom on``/``zoom(2)``: interactive (no-op; a factor is not applied)."""


def pan(*args):
    """Octave's ``pan on``: interactive (no-op)."""
