"""Octave's filled, polar and arrow plots (fill, patch, area, pie, barh, polar, quiver) drawn
with matplotlib.

Like :mod:`.plots`, each draws into the current axes (cleared first unless ``hold`` is on) and
returns a graphics handle; without matplotlib they are skipped with one warning. What they
draw is a picture only: a script's printed output never depends on it.
"""
import numpy as np

from .figures import new_plot, register_new
from .plots import _columns, _properties, _vector, color_value, parse_linespec
from .plots_bars import bar_data, bar_offsets

__all__ = ["fill", "patch", "area", "pie", "barh", "polar", "quiver"]
FUNCTIONS = {name: "void" for name in __all__}
MULTI_OUTPUT = set()


def _color_arg(value, where):
    """A fill colour: a letter or name, ``[r g b]``, or a value per vertex (drawn in one
    colour: ``None``, matplotlib's next colour, since its polygons take one colour)."""
    if isinstance(value, str):
        spec = parse_linespec(value, where)
        if spec is not None and "color" in spec:
            return spec["color"]
        return color_value(value, where)
    if np.size(value) == 3:
        return color_value(value, where)
    return None


_FACE_PROPERTIES = ("facecolor", "edgecolor", "facealpha")


def _polygons(args, where):
    """``x1, y1, c1, x2, y2, c2, ..., props``: (x, y, colour) triples, line properties and the
    face properties (FaceColor, EdgeColor; FaceAlpha is accepted and not drawn)."""
    args = list(args)
    triples, k = [], 0
    while k + 1 < len(args) and not isinstance(args[k], str) and not isinstance(args[k + 1], str):
        x, y = _vector(args[k], where), _vector(args[k + 1], where)
        if x.size != y.size:
            raise ValueError(f"{where}: x and y must have the same number of values "
                             f"({x.size} and {y.size})")
        colour = _color_arg(args[k + 2], where) if k + 2 < len(args) else None
        triples.append((x.ravel(order="F"), y.ravel(order="F"), colour))
        k += 3
    if not triples:
        raise ValueError(f"{where}: expected x, y and a colour")
    rest = args[k:]
    if len(rest) % 2:
        raise ValueError(f"{where}: property/value arguments must come in pairs")
    face, line = {}, []
    for name, value in zip(rest[::2], rest[1::2]):
        if isinstance(name, str) and name.lower() in _FACE_PROPERTIES:
            if name.lower() != "facealpha":
                face[name.lower()] = color_value(value, where)
        else:
            line += [name, value]
    return triples, _properties(line, where), face


def fill(*args):
    """Octave's ``fill(x, y, c)`` (several triples allowed): filled polygons."""
    return _fill("fill", args)


def patch(*args):
    """Octave's ``patch(x, y, c)`` (the x/y/c form): a filled polygon."""
    return _fill("patch", args)


def _fill(where, args):
    triples, props, face = _polygons(args, where)
    ax = new_plot() if where == "fill" else _current_for_patch()
    if ax is None:
        return None
    for x, y, colour in triples:
        colour = face.get("facecolor", colour)
        ax.fill(x, y, color=colour, edgecolor=face.get("edgecolor", "black"),
                **{k: v for k, v in props.items() if k in ("linewidth",)})
    return register_new(ax)


def _current_for_patch():
    """patch adds to the axes as they are (Octave's patch never clears them)."""
    from .figures import current_axes
    return current_axes()


def area(*args):
    """Octave's ``area(y)``, ``area(x, y)``; a matrix ``y`` stacks its columns."""
    nums = [a for a in args if not isinstance(a, str)]
    if not nums or len(nums) > 2:
        raise ValueError("area: expected area(y) or area(x, y)")
    x, y = (None, nums[0]) if len(nums) == 1 else nums
    x, y = _columns(None if x is None else _vector(x, "area"), _vector(y, "area"))
    props = _properties([a for a in args[len(nums):]], "area")
    ax = new_plot()
    if ax is None:
        return None
    ax.stackplot(x[:, 0], *[y[:, j] for j in range(y.shape[1])],
                 **{k: v for k, v in props.items() if k in ("linewidth",)})
    return register_new(ax)


def pie(x, *rest):
    """Octave's ``pie(x)``, ``pie(x, explode)``, ``pie(..., labels)``: slices of ``x/sum(x)``
    (of x itself when the sum is below 1, as Octave draws a partial pie)."""
    values = _vector(x, "pie").ravel(order="F")
    if values.size == 0 or np.any(values < 0):
        raise ValueError("pie: expected non-negative values")
    explode, labels = None, None
    for arg in rest:
        if hasattr(arg, "values") and callable(arg.values):         # a cell of labels
            labels = [str(v) for v in arg.values()]
        elif not isinstance(arg, str):
            explode = (_vector(arg, "pie").ravel(order="F") != 0) * 0.1
        else:
            raise ValueError(f"pie: unknown option '{arg}'")
    if labels is not None and len(labels) != values.size:
        raise ValueError(f"pie: {values.size} values but {len(labels)} labels")
    total = values.sum()
    ax = new_plot()
    if ax is None:
        return None
    ax.pie(values, explode=explode, labels=labels, normalize=total >= 1)
    ax.set_aspect("equal")
    return register_new(ax)


def barh(*args):
    """Octave's ``barh(y)``, ``barh(x, y)``, ``barh(..., width)``, ``barh(..., 'r')``:
    horizontal bars (the arguments of :func:`.plots_bars.bar`)."""
    x, y, width, kw = bar_data(args, "barh")
    ax = new_plot()
    if ax is None:
        return None
    h, offsets = bar_offsets(x, y.shape[1], width)
    for j, offset in enumerate(offsets):
        ax.barh(x + offset, y[:, j], height=h, **kw)
    return register_new(ax)


def polar(theta, rho=None, *rest):
    """Octave's ``polar(theta, rho[, spec])``: a line in polar axes."""
    if rho is None or isinstance(rho, str):
        raise ValueError("polar: expected polar(theta, rho)")
    kw = {}
    if rest and isinstance(rest[0], str):
        kw = parse_linespec(rest[0], "polar") or {}
    t, r = _vector(theta, "polar").ravel(order="F"), _vector(rho, "polar").ravel(order="F")
    if t.size != r.size:
        raise ValueError(f"polar: theta and rho must have the same length ({t.size} and "
                         f"{r.size})")
    ax = new_plot("polar")
    if ax is None:
        return None
    ax.plot(t, r, **kw)
    return register_new(ax)


def quiver(*args):
    """Octave's ``quiver(u, v)``, ``quiver(x, y, u, v[, scale][, spec])``: arrows (u, v) at
    (x, y), scaled to the grid spacing as Octave does (``scale`` 0 draws them unscaled)."""
    nums = [a for a in args if not isinstance(a, str)]
    strs = [a for a in args if isinstance(a, str)]
    if len(nums) not in (2, 3, 4, 5):
        raise ValueError("quiver: expected quiver(u, v) or quiver(x, y, u, v[, scale])")
    scale = 0.9
    if len(nums) in (3, 5):
        scale = float(np.asarray(nums.pop()).reshape(()))
    if len(nums) == 2:
        u, v = (_vector(a, "quiver") for a in nums)
        rows, cols = np.atleast_2d(u).shape
        x, y = np.meshgrid(np.arange(1, cols + 1.0), np.arange(1, rows + 1.0))
    else:
        x, y, u, v = (_vector(a, "quiver") for a in nums)
    u2 = np.atleast_2d(u)
    if np.size(x) != np.size(u) and np.size(x) == u2.shape[1] and np.size(y) == u2.shape[0]:
        x, y = np.meshgrid(np.ravel(x), np.ravel(y))     # vectors of a grid, as in Octave
    x, y, u, v = (np.ravel(a, order="F") for a in (x, y, u, v))
    if not x.size == y.size == u.size == v.size:
        raise ValueError("quiver: x, y, u and v must have the same number of values")
    kw = {}
    for s in strs:
        spec = parse_linespec(s, "quiver")
        if spec is None:
            raise ValueError(f"quiver: unknown option '{s}'")
        if "color" in spec:
            kw["color"] = spec["color"]
    if scale > 0 and u.size > 1:
        spacing = min(np.ptp(x) / max(np.unique(x).size - 1, 1) or 1.0,
                      np.ptp(y) / max(np.unique(y).size - 1, 1) or 1.0)
        longest = np.max(np.hypot(u, v)) or 1.0
        factor = scale * spacing / longest
        u, v = u * factor, v * factor
    ax = new_plot()
    if ax is None:
        return None
    ax.quiver(x, y, u, v, angles="xy", scale_units="xy", scale=1, **kw)
    return register_new(ax)
