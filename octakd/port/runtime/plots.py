"""Octave's plotting calls (plot, bar, hist, scatter, surf, imagesc...) drawn with matplotlib.

Each function draws into the current axes of :mod:`.figures` (cleared first unless ``hold`` is
on) and returns a graphics handle number. Without matplotlib they are skipped (one warning, in
:func:`.figures.pyplot`); ``hist`` with outputs still computes its counts.

Line specs follow Octave: a colour letter (``rgbcmykw``), a line style (``-``, ``--``, ``:``,
``-.``) and a marker (``+ o * . x s d ^ v < > p h``); a marker without a line style draws no
line. Property pairs (``'LineWidth', 2``, ``'MarkerSize', 10``, ``'Color', [r g b]``,
``'MarkerFaceColor'``, ``'DisplayName'``) are matched without regard to case.
"""
import numpy as np

from .core import _num
from .figures import colormap_of_current, current_axes, new_plot, register_new

__all__ = ["plot", "semilogy", "semilogx", "loglog", "scatter", "stem", "stairs",
           "surf", "mesh", "contour", "imshow", "imagesc", "line", "plot3", "errorbar", "fplot"]
FUNCTIONS = {name: "void" for name in __all__}
MULTI_OUTPUT = set()

_COLORS = {"r": "red", "g": (0, 1, 0), "b": "blue", "c": "cyan", "m": "magenta", "y": "yellow",
           "k": "black", "w": "white"}
_COLOR_WORDS = {"red": "r", "green": "g", "blue": "b", "cyan": "c", "magenta": "m",
                "yellow": "y", "black": "k", "white": "w"}
_STYLES = ("--", "-.", "-", ":")
_MARKERS = {"+": "+", "o": "o", "*": "*", ".": ".", "x": "x", "s": "s", "d": "D", "^": "^",
            "v": "v", "<": "<", ">": ">", "p": "p", "h": "h"}


def _handle(ax):
    """The graphics handle of what this call drew into ``ax``."""
    return register_new(ax)


def color_value(value, where):
    """An Octave colour (letter, name, or [r g b] in [0, 1]) as a matplotlib colour."""
    if isinstance(value, str):
        key = _COLOR_WORDS.get(value.lower(), value.lower())
        if key in _COLORS:
            return _COLORS[key]
        if key == "none":
            return "none"
        raise ValueError(f"{where}: unknown colour '{value}'")
    rgb = np.asarray(value, dtype=np.float64).ravel()
    if rgb.size != 3 or rgb.min() < 0 or rgb.max() > 1:
        raise ValueError(f"{where}: expected a colour [r g b] with values in [0, 1]")
    return tuple(rgb)


def parse_linespec(spec, where="plot"):
    """``'r--o'`` -> matplotlib keywords; None when ``spec`` is not a line spec."""
    kw, rest = {}, spec
    label = None
    if ";" in rest:     # Octave's 'r;label;' legend key
        rest, _, tail = rest.partition(";")
        label = tail.rstrip(";")
    style = None
    while rest:
        for s in _STYLES:
            if rest.startswith(s):
                style, rest = s, rest[len(s):]
                break
        else:
            c = rest[0]
            if c in _COLORS and "color" not in kw:
                kw["color"] = _COLORS[c]
            elif c in _MARKERS and "marker" not in kw:
                kw["marker"] = _MARKERS[c]
            else:
                return None
            rest = rest[1:]
    if style is not None:
        kw["linestyle"] = style
    elif "marker" in kw:
        kw["linestyle"] = "none"
    if label:
        kw["label"] = label
    return kw


def _properties(args, where):
    """Property/value pairs as matplotlib line keywords."""
    if len(args) % 2:
        raise ValueError(f"{where}: property/value arguments must come in pairs")
    kw = {}
    for name, value in zip(args[::2], args[1::2]):
        if not isinstance(name, str):
            raise TypeError(f"{where}: expected a property name, got {type(name).__name__}")
        key = name.lower()
        if key == "linewidth":
            kw["linewidth"] = float(value)
        elif key == "markersize":
            kw["markersize"] = float(value)
        elif key == "color":
            kw["color"] = color_value(value, where)
        elif key == "markerfacecolor":
            kw["markerfacecolor"] = color_value(value, where)
        elif key == "markeredgecolor":
            kw["markeredgecolor"] = color_value(value, where)
        elif key == "linestyle":
            kw["linestyle"] = "none" if value == "none" else str(value)
        elif key == "marker":
            kw["marker"] = _MARKERS.get(str(value), "None" if value == "none" else str(value))
        elif key == "displayname":
            kw["label"] = str(value)
        elif key in ("visible", "clipping", "tag", "userdata"):
            continue
        else:
            raise ValueError(f"{where}: the property '{name}' is not supported")
    return kw


def _vector(x, where):
    a = np.asarray(x, dtype=np.float64) if not isinstance(x, str) else None
    if a is None:
        raise TypeError(f"{where}: expected numbers, got the string '{x}'")
    return a


def _series(args, where):
    """Split plot's arguments into (x, y, keywords) triples and trailing properties."""
    series, k = [], 0
    args = list(args)
    while k < len(args) and not isinstance(args[k], str):
        if k + 1 < len(args) and not isinstance(args[k + 1], str):
            x, y, k = _vector(args[k], where), _vector(args[k + 1], where), k + 2
        else:
            y = _vector(args[k], where)
            x, k = None, k + 1
        kw = {}
        if k < len(args) and isinstance(args[k], str):
            spec = parse_linespec(args[k], where)
            if spec is not None:
                kw, k = spec, k + 1
        series.append((x, y, kw))
    props = _properties(args[k:], where)
    if not series:
        raise ValueError(f"{where}: expected data to plot")
    return series, props


def _columns(x, y):
    """Octave's pairing of x and y: vectors as one line, matrix columns as several."""
    y = np.atleast_2d(y)
    if y.shape[0] == 1 or y.shape[1] == 1:
        y = y.reshape(-1, 1)
    if x is None:
        x = np.arange(1, y.shape[0] + 1, dtype=np.float64).reshape(-1, 1)
    x = np.atleast_2d(x)
    if x.shape[0] == 1 or x.shape[1] == 1:
        x = x.reshape(-1, 1)
        if x.shape[0] != y.shape[0] and y.shape[1] == x.shape[0]:
            y = y.T
    if x.shape[0] != y.shape[0]:
        raise ValueError(f"plot: the x and y data must have the same length "
                         f"({x.shape[0]} and {y.shape[0]} values)")
    return x, y


def _draw_lines(where, args, scale=None):
    series, props = _series(args, where)
    ax = new_plot()
    if ax is None:
        return None
    if scale in ("x", "xy"):
        ax.set_xscale("log")
    if scale in ("y", "xy"):
        ax.set_yscale("log")
    for x, y, kw in series:
        x, y = _columns(x, y)
        for j in range(y.shape[1]):
            xj = x[:, j] if x.shape[1] > 1 else x[:, 0]
            ax.plot(xj, y[:, j], **{**kw, **props})
    return _handle(ax)


def plot(*args):
    """Octave's ``plot(y)``, ``plot(x, y)``, ``plot(x, y, 'r--', x2, y2, 'bo', 'LineWidth', 2)``."""
    return _draw_lines("plot", args)


def fplot(fn, limits, *rest):
    """Octave's ``fplot(fn, [a b])`` (and ``[a b c d]``, a line spec, a point count or a
    tolerance): the handle fn drawn over [a, b], evaluated once on a column of points as Octave
    does (so fn must work element-wise). The sampled points are not Octave's adaptive ones,
    so ``[x, y] = fplot(...)`` is refused; the drawing goes to the figure's PNG."""
    if not callable(fn):
        raise ValueError("fplot: FCN must be a function handle (a text expression is not "
                         "supported)")
    lim = np.asarray(_num(limits), dtype=np.float64).ravel()
    if lim.size not in (2, 4) or not np.all(np.isfinite(lim[:2])) or lim[0] >= lim[1]:
        raise ValueError("fplot: LIMITS must be a real vector with 2 or 4 elements")
    count = 1001
    if rest and not isinstance(rest[0], str):          # fplot(fn, lim, n) or (fn, lim, tol)
        if np.size(rest[0]) != 1:
            raise ValueError("fplot: the third argument must be a count, a tolerance or a "
                             "line spec")
        first = float(np.asarray(_num(rest[0])).ravel()[0])
        count = int(first) if first >= 1 and first.is_integer() else count
        rest = rest[1:]
    x = np.linspace(lim[0], lim[1], max(count, 2)).reshape(-1, 1)
    y = np.asarray(_num(fn(x)), dtype=np.float64)
    if y.size != x.size:
        raise ValueError("fplot: FCN must be vectorized: it gave "
                         f"{y.size} values for {x.size} points")
    _draw_lines("fplot", (x, y.reshape(-1, 1)) + tuple(rest))  # a line spec, property pairs
    ax = current_axes() if lim.size == 4 else None
    if ax is not None:
        ax.set_xlim(lim[0], lim[1])
        ax.set_ylim(lim[2], lim[3])


def semilogy(*args):
    """Octave's ``semilogy``: ``plot`` with a logarithmic y axis."""
    return _draw_lines("semilogy", args, "y")


def semilogx(*args):
    """Octave's ``semilogx``: ``plot`` with a logarithmic x axis."""
    return _draw_lines("semilogx", args, "x")


def loglog(*args):
    """Octave's ``loglog``: ``plot`` with both axes logarithmic."""
    return _draw_lines("loglog", args, "xy")


def line(x, y, *args):
    """Octave's ``line(x, y, ...)``: a line added to the current axes (it ignores ``hold``)."""
    from .figures import current_axes, mark_dirty
    props = _properties(args, "line")
    ax = current_axes()
    if ax is None:
        return None
    ax._octakd_before = {id(c) for c in ax.get_children()}
    x, y = _columns(_vector(x, "line"), _vector(y, "line"))
    for j in range(y.shape[1]):
        ax.plot(x[:, min(j, x.shape[1] - 1)], y[:, j], **props)
    mark_dirty()
    return _handle(ax)


def plot3(*args):
    """Octave's ``plot3(x, y, z)``, ``plot3(x, y, z, 'r-o', ...)``: a line in 3-D axes."""
    k = next((i for i, a in enumerate(args) if isinstance(a, str)), len(args))
    if k != 3:
        raise ValueError("plot3: expected plot3(x, y, z) with an optional line spec and properties")
    x, y, z = (_vector(a, "plot3").ravel() for a in args[:3])
    if not x.size == y.size == z.size:
        raise ValueError(f"plot3: x, y and z must have the same length ({x.size}, {y.size}, {z.size})")
    rest = list(args[3:])
    kw = parse_linespec(rest.pop(0), "plot3") if rest and len(rest) % 2 == 1 else {}
    if kw is None:
        raise ValueError(f"plot3: invalid line spec '{args[3]}'")
    ax = new_plot("3d")
    if ax is None:
        return None
    ax.plot(x, y, z, **{**kw, **_properties(rest, "plot3")})
    return _handle(ax)


def errorbar(*args):
    """Octave's ``errorbar(y, e)``, ``errorbar(x, y, e)``, ``errorbar(x, y, l, u)``, with an
    optional line spec: points with vertical error bars."""
    k = next((i for i, a in enumerate(args) if isinstance(a, str)), len(args))
    nums = [_vector(a, "errorbar").ravel() for a in args[:k]]
    if len(nums) == 2:
        y, e = nums
        x, err = np.arange(1, y.size + 1, dtype=np.float64), e
    elif len(nums) == 3:
        x, y, err = nums
    elif len(nums) == 4:
        x, y, lo, hi = nums
        err = np.vstack([lo, hi])
    else:
        raise ValueError("errorbar: expected errorbar(y, e), errorbar(x, y, e) or errorbar(x, y, l, u)")
    kw = parse_linespec(args[k], "errorbar") if k < len(args) else {}
    if kw is None:
        raise ValueError(f"errorbar: invalid line spec '{args[k]}'")
    ax = new_plot()
    if ax is None:
        return None
    ax.errorbar(x, y, yerr=err, capsize=3, **kw)
    return _handle(ax)


def stairs(*args):
    """Octave's ``stairs(y)``/``stairs(x, y)``: a staircase through the points."""
    series, props = _series(args, "stairs")
    ax = new_plot()
    if ax is None:
        return None
    for x, y, kw in series:
        x, y = _columns(x, y)
        for j in range(y.shape[1]):
            ax.step(x[:, min(j, x.shape[1] - 1)], y[:, j], where="post", **{**kw, **props})
    return _handle(ax)


def stem(*args):
    """Octave's ``stem(y)``/``stem(x, y)``/``stem(..., 'filled')``: vertical lines with markers."""
    args = list(args)
    filled = "filled" in [a.lower() for a in args if isinstance(a, str)]
    args = [a for a in args if not (isinstance(a, str) and a.lower() == "filled")]
    series, props = _series(args, "stem")
    ax = new_plot()
    if ax is None:
        return None
    for x, y, kw in series:
        x, y = _columns(x, y)
        color = kw.get("color", props.get("color"))
        for j in range(y.shape[1]):
            cont = ax.stem(x[:, min(j, x.shape[1] - 1)], y[:, j], basefmt=" ")
            if color is not None:
                cont.markerline.set_color(color)
                cont.stemlines.set_color(color)
            cont.markerline.set_markerfacecolor(cont.markerline.get_color() if filled else "none")
    return _handle(ax)


def scatter(x, y, *args):
    """Octave's ``scatter(x, y)``, ``scatter(x, y, s, c)``, ``'filled'``, marker letters."""
    args = list(args)
    kw = {"marker": "o"}
    filled = False
    nums = []
    while args and not isinstance(args[0], str):
        nums.append(args.pop(0))
    for a in list(args):
        if isinstance(a, str) and a.lower() == "filled":
            filled = True
            args.remove(a)
    if args and isinstance(args[0], str) and parse_linespec(args[0]) is not None:
        spec = parse_linespec(args.pop(0))
        kw["marker"] = spec.get("marker", "o")
        if "color" in spec:
            kw["color"] = spec["color"]
    props = _properties(args, "scatter")
    x, y = _vector(x, "scatter").ravel(), _vector(y, "scatter").ravel()
    if x.size != y.size:
        raise ValueError(f"scatter: x and y must have the same length ({x.size} and {y.size})")
    if nums and np.size(nums[0]):
        kw["s"] = np.asarray(nums[0], dtype=np.float64).ravel()
    else:
        kw["s"] = 36.0
    if len(nums) > 1:
        c = np.asarray(nums[1]) if not isinstance(nums[1], str) else nums[1]
        if isinstance(c, str):
            kw["color"] = color_value(c, "scatter")
        elif c.size == x.size:
            kw["c"] = c.ravel().astype(np.float64)
            kw["cmap"] = colormap_of_current()
        elif c.ndim == 2 and c.shape == (x.size, 3):
            kw["c"] = np.clip(c.astype(np.float64), 0, 1)     # one [r g b] row per point
        else:
            kw["color"] = color_value(c, "scatter")
    ax = new_plot()
    if ax is None:
        return None
    if "color" in props:
        kw["color"] = props.pop("color")
    edge = kw.pop("color", None)
    if filled:
        if edge is not None:
            kw["color"] = edge
    else:
        kw["facecolors"] = "none"
        if "c" in kw:       # hollow markers: the colours go to the edges
            c = kw.pop("c")
            if c.ndim == 1:
                import matplotlib
                cmap = kw.pop("cmap")
                cmap = matplotlib.colormaps[cmap] if isinstance(cmap, str) else cmap
                span = (c.max() - c.min()) or 1.0
                c = cmap((c - c.min()) / span)
            kw["edgecolors"] = c
        else:
            kw["edgecolors"] = edge if edge is not None else ax._get_lines.get_next_color()
    props.pop("linestyle", None)
    ax.scatter(x, y, **kw, **{k: v for k, v in props.items() if k in ("label", "linewidth")})
    return _handle(ax)


def _grid_args(args, where):
    """(X, Y, Z) from ``f(Z)`` or ``f(X, Y, Z)`` with vector or matrix X, Y."""
    first = next((k for k, a in enumerate(args) if isinstance(a, str)), len(args))
    nums = [np.asarray(a, dtype=np.float64) for a in args[:first]]
    if not nums:
        raise ValueError(f"{where}: expected {where}(Z) or {where}(X, Y, Z)")
    if len(nums) == 1 or (len(nums) == 2 and where == "contour"):
        z = np.atleast_2d(nums[0])
        x, y = np.meshgrid(np.arange(1, z.shape[1] + 1), np.arange(1, z.shape[0] + 1))
        rest = nums[1:]
    elif len(nums) >= 3:
        x, y, z = nums[0], nums[1], np.atleast_2d(nums[2])
        rest = nums[3:]
        if x.ndim < 2 or 1 in x.shape:
            x, y = np.meshgrid(x.ravel(), y.ravel())
    else:
        raise ValueError(f"{where}: expected {where}(Z) or {where}(X, Y, Z)")
    if not (x.shape == y.shape == z.shape):
        raise ValueError(f"{where}: X, Y and Z must describe the same grid "
                         f"({'x'.join(map(str, x.shape))}, {'x'.join(map(str, y.shape))}, "
                         f"{'x'.join(map(str, z.shape))})")
    return x, y, z, rest, _surface_props(args[first:], where)


def _surface_props(args, where):
    """Property pairs of surf/mesh/contour: EdgeColor, FaceColor, FaceAlpha, LineWidth,
    LineColor, ShowText."""
    if len(args) % 2:
        raise ValueError(f"{where}: property/value arguments must come in pairs")
    kw = {}
    for name, value in zip(args[::2], args[1::2]):
        key = str(name).lower()
        if key in ("edgecolor", "linecolor", "facecolor"):
            if isinstance(value, str) and value.lower() in ("none", "flat", "interp"):
                kw[key] = "none" if value.lower() == "none" else value.lower()
            else:
                kw[key] = color_value(value, where)
        elif key in ("facealpha", "linewidth"):
            kw[key] = float(np.asarray(value).reshape(()))
        elif key == "showtext":
            kw[key] = str(value).lower() == "on"
        else:
            raise ValueError(f"{where}: the property '{name}' is not supported")
    return kw


def surf(*args):
    """Octave's ``surf(Z)``/``surf(X, Y, Z)``: a coloured 3-D surface."""
    x, y, z, _, props = _grid_args(args, "surf")
    ax = new_plot("3d")
    if ax is None:
        return None
    edge = props.get("edgecolor", "k")
    kw = {"cmap": colormap_of_current(), "edgecolor": edge if edge not in ("flat", "interp") else None,
          "linewidth": props.get("linewidth", 0.2), "alpha": props.get("facealpha")}
    face = props.get("facecolor")
    if face not in (None, "flat", "interp"):
        kw = {**kw, "color": face, "cmap": None}
    ax.plot_surface(x, y, z, **{k: v for k, v in kw.items() if v is not None})
    return _handle(ax)


def mesh(*args):
    """Octave's ``mesh(Z)``/``mesh(X, Y, Z)``: a 3-D wire frame coloured by height."""
    x, y, z, _, props = _grid_args(args, "mesh")
    ax = new_plot("3d")
    if ax is None:
        return None
    import matplotlib
    cmap = colormap_of_current()
    cmap = matplotlib.colormaps[cmap] if isinstance(cmap, str) else cmap
    color = props.get("edgecolor", cmap(0.35))
    ax.plot_wireframe(x, y, z, color=color if color not in ("flat", "interp", "none") else cmap(0.35),
                      linewidth=props.get("linewidth", 0.7))
    return _handle(ax)


def contour(*args):
    """Octave's ``contour(Z)``, ``contour(X, Y, Z)``, ``contour(..., n)`` or given levels."""
    x, y, z, rest, props = _grid_args(args, "contour")
    levels = None
    if rest:
        lv = rest[0].ravel()
        levels = int(lv[0]) if lv.size == 1 else np.unique(lv)   # [0 0]: the one level 0
    ax = new_plot()
    if ax is None:
        return None
    kw = {"cmap": colormap_of_current()}
    if props.get("linecolor") not in (None, "flat"):
        kw = {"colors": [props["linecolor"]]}
    if "linewidth" in props:
        kw["linewidths"] = props["linewidth"]
    drawn = ax.contour(x, y, z, levels=levels, **kw)
    if props.get("showtext"):
        ax.clabel(drawn)
    return _handle(ax)


def imagesc(*args):
    """Octave's ``imagesc(A)``, ``imagesc(x, y, A)``, ``imagesc(A, [lo hi])``: an image whose
    colours span the data range (row 1 at the top)."""
    nums = [np.asarray(a, dtype=np.float64) for a in args if not isinstance(a, str)]
    if not nums:
        raise ValueError("imagesc: expected a matrix")
    clim = None
    if len(nums) in (2, 4) and nums[-1].size == 2:
        clim = tuple(nums.pop().ravel())
    if len(nums) == 3:
        xs, ys, a = nums[0].ravel(), nums[1].ravel(), nums[2]
        extent = (xs[0], xs[-1], ys[-1], ys[0])
    else:
        a, extent = nums[0], None
    if a.ndim != 2:
        raise ValueError(f"imagesc: expected a 2-D matrix, got {a.ndim} dimensions")
    ax = new_plot()
    if ax is None:
        return None
    ax.imshow(a, cmap=colormap_of_current(), aspect="auto", interpolation="nearest",
              extent=extent, vmin=None if clim is None else clim[0],
              vmax=None if clim is None else clim[1])
    return _handle(ax)


def imshow(img, *args):
    """Octave's ``imshow(I)``: uint8 0..255, logical, or double 0..1 (``imshow(I, [])`` scales to
    the data range); H x W gray or H x W x 3 colour; no axes, square pixels."""
    a = np.asarray(img)
    if a.ndim not in (2, 3) or (a.ndim == 3 and a.shape[2] not in (1, 3)):
        raise ValueError(f"imshow: expected an H x W or H x W x 3 image, got {a.shape}")
    if a.ndim == 3 and a.shape[2] == 1:
        a = a[:, :, 0]
    lo, hi = (0, 255) if a.dtype == np.uint8 else (0, 1)
    if args and not isinstance(args[0], str):
        rng = np.asarray(args[0], dtype=np.float64).ravel()
        lo, hi = (np.nanmin(a), np.nanmax(a)) if rng.size == 0 else (rng[0], rng[1])
    ax = new_plot()
    if ax is None:
        return None
    if a.ndim == 3:
        data = np.clip((a.astype(np.float64) - lo) / ((hi - lo) or 1), 0, 1)
        ax.imshow(data, interpolation="nearest")
    else:
        cmap = colormap_of_current()
        ax.imshow(a.astype(np.float64), cmap="gray" if cmap == "viridis" else cmap,
                  vmin=lo, vmax=hi, interpolation="nearest")
    ax.set_axis_off()
    return _handle(ax)
