"""Octave's labels, legends, grids, axis limits, text, colour bars and colormaps.

Each call changes the current axes of :mod:`.figures` (made if there is none) and marks the
figure as drawn into; without matplotlib they do nothing (the one warning comes from
:func:`.figures.pyplot`).
"""
import numpy as np

from .figures import _figure, _number, _pairs, _state, _text, _text_props, current_axes, \
    mark_dirty, pyplot, tex

__all__ = ["xlabel", "ylabel", "zlabel", "title", "legend", "grid", "axis", "xlim", "ylim",
           "zlim", "text", "colorbar", "colormap", "jet", "gray", "hot", "hsv", "box", "shading",
           "view"]
FUNCTIONS = {name: "void" for name in __all__}
FUNCTIONS.update({"jet": "num", "gray": "num", "hot": "num", "hsv": "num"})
MULTI_OUTPUT = set()


# ---------------------------------------------------------------------------- annotations
def _label(setter, where, args):
    if not args:
        raise ValueError(f"{where}: expected a string")
    ax, args = _target_axes(args, where)
    if ax is None:
        return None
    if not args:
        raise ValueError(f"{where}: expected a string")
    props = _pairs(args[1:], where)
    text = tex(_text(args[0], where), str(props.get("interpreter", "tex")).lower())
    getattr(ax, setter)(text, **_text_props(props))
    mark_dirty()


def _handle_targets(h):
    """The matplotlib objects of graphics handles (``title(hax, ...)``, ``legend([p1 p2], ...)``)."""
    from .handles import _targets
    return _targets(h)


def _target_axes(args, where):
    """``f(hax, text, ...)``: the axes of a leading handle and the other arguments; else the
    current axes and all of them."""
    if args and not isinstance(args[0], (str, list, tuple)) and \
            getattr(type(args[0]), "octave_class", None) is None and len(args) > 1:
        found = _handle_targets(args[0])
        if len(found) != 1 or not hasattr(found[0], "set_title"):
            raise ValueError(f"{where}: the first argument must be one axes handle")
        return found[0], args[1:]
    return current_axes(), args


def xlabel(*args):
    """Octave's ``xlabel('text', ...)``."""
    _label("set_xlabel", "xlabel", args)


def ylabel(*args):
    """Octave's ``ylabel('text', ...)``."""
    _label("set_ylabel", "ylabel", args)


def zlabel(*args):
    """Octave's ``zlabel('text', ...)`` (3-D axes)."""
    ax = current_axes()
    if ax is not None and not hasattr(ax, "set_zlabel"):
        return None
    _label("set_zlabel", "zlabel", args)


def title(*args):
    """Octave's ``title('text', ...)``."""
    _label("set_title", "title", args)


_LOCATIONS = {"north": "upper center", "south": "lower center", "east": "center right",
              "west": "center left", "northeast": "upper right", "northwest": "upper left",
              "southeast": "lower right", "southwest": "lower left", "best": "best",
              "northoutside": "upper center", "southoutside": "lower center",
              "eastoutside": "center left", "westoutside": "center right"}


# legend properties read (FontSize, Box) or accepted and not drawn (the rest)
_LEGEND_PROPS = {"fontsize", "interpreter", "box", "textcolor", "fontweight", "fontname",
                 "edgecolor", "color", "numcolumns", "autoupdate"}


def legend(*args):
    """Octave's ``legend('a', 'b', ...)``, ``legend({'a', 'b'})``, ``legend('Location', 'nw')``,
    ``legend show``/``off``/``hide``/``boxoff``."""
    ax = current_axes()
    if ax is None:
        return None
    labels, kw, props = [], {}, {}
    args = list(args)
    chosen = None                  # legend([p1, p2], ...): the labelled objects
    if args and not isinstance(args[0], (str, list, tuple)) and \
            getattr(type(args[0]), "octave_class", None) is None:
        chosen = _handle_targets(args.pop(0))
        owners = [getattr(c, "axes", None) for c in chosen]
        if chosen and owners[0] is not None:       # the legend goes on their axes, as in Octave
            ax = owners[0]
    while args:
        a = args.pop(0)
        if isinstance(a, str) and a.lower() in _LEGEND_PROPS and args:
            props[a.lower()] = args.pop(0)
        elif isinstance(a, str) and a.lower() == "location" and args:
            loc = str(args.pop(0)).lower()
            if loc not in _LOCATIONS:
                raise ValueError(f"legend: unknown location '{loc}'")
            kw["loc"] = _LOCATIONS[loc]
        elif isinstance(a, str) and a.lower() == "orientation" and args:
            if str(args.pop(0)).lower() == "horizontal":
                kw["ncol"] = max(len(labels), 1)
        elif isinstance(a, str) and a.lower() in ("off", "hide"):
            if ax.get_legend() is not None:
                ax.get_legend().remove()
            mark_dirty()
            return None
        elif isinstance(a, str) and a.lower() in ("show", "boxon", "boxoff", "toggle"):
            kw["frameon"] = a.lower() != "boxoff"
        elif isinstance(a, str):
            labels.append(tex(a))
        elif isinstance(a, (list, tuple)):
            labels.extend(tex(_text(x, "legend")) for x in a)
        elif getattr(type(a), "octave_class", None) == "cell":      # legend(h, {'a', 'b'})
            labels.extend(tex(_text(x, "legend")) for x in a.values())
        else:
            raise TypeError(f"legend: expected label strings, got {type(a).__name__}")
    drawn = _legend_artists(ax) if chosen is None else chosen
    old = ax.get_legend()
    if not labels and old is not None:       # legend boxoff/show on an existing legend
        old.set_frame_on(kw.get("frameon", True))
        mark_dirty()
        return None
    if not labels:      # Octave names unlabelled objects data1, data2, ...
        labels = [a.get_label() if not str(a.get_label()).startswith("_") else f"data{k + 1}"
                  for k, a in enumerate(drawn)]
    handles = drawn[:len(labels)]
    if "fontsize" in props:
        kw["fontsize"] = _number(props["fontsize"], "fontsize")
    if "box" in props:
        kw["frameon"] = str(props["box"]).lower() != "off"
    if handles:
        ax.legend(handles, labels[:len(handles)], **kw)
    mark_dirty()


def _legend_artists(ax):
    """The plotted objects in drawing order, as Octave's legend counts them: a line, a scatter,
    and a bar, stem or errorbar series each count once; images, contours and surfaces do not."""
    from matplotlib.collections import PathCollection
    from matplotlib.lines import Line2D

    def members(obj):
        if isinstance(obj, (list, tuple)):
            for x in obj:
                yield from members(x)
        elif obj is not None:
            yield obj
    owner = {id(m): c for c in ax.containers for m in members(list(c))}
    out, seen = [], set()
    for a in ax.get_children():
        c = owner.get(id(a))
        if c is not None:
            if id(c) not in seen:
                seen.add(id(c))
                out.append(c)
        elif isinstance(a, (Line2D, PathCollection)):
            out.append(a)
    return out


def grid(*args):
    """Octave's ``grid on``/``off``/``minor``, or ``grid`` to toggle."""
    ax = current_axes()
    if ax is None:
        return None
    word = args[-1].lower() if args and isinstance(args[-1], str) else None
    if word == "minor":
        ax.minorticks_on()
        ax.grid(True, which="both")
    elif word in ("on", "off"):
        ax.grid(word == "on", which="both" if word == "off" else "major")
    elif word is None:
        ax.grid(not any(line.get_visible() for line in ax.xaxis.get_gridlines()))
    else:
        raise ValueError(f"grid: expected 'on', 'off' or 'minor', got '{args[-1]}'")
    mark_dirty()


def axis(*args):
    """Octave's ``axis([x0 x1 y0 y1])``, ``axis equal``/``tight``/``square``/``off``/``on``/
    ``ij``/``xy``/``auto``/``image``/``normal``."""
    ax = current_axes()
    if ax is None:
        return None
    for a in args:
        if isinstance(a, str):
            word = a.lower()
            if word in ("equal", "image"):
                ax.set_aspect("equal", adjustable="box" if word == "image" else "datalim")
                if word == "image":
                    ax.autoscale(tight=True)
            elif word == "tight":
                ax.autoscale(enable=True, tight=True)
            elif word == "square":
                ax.set_box_aspect(1)
            elif word in ("off", "on"):
                ax.set_axis_off() if word == "off" else ax.set_axis_on()
            elif word == "ij":
                if not ax.yaxis_inverted():
                    ax.invert_yaxis()
            elif word == "xy":
                if ax.yaxis_inverted():
                    ax.invert_yaxis()
            elif word in ("auto", "normal", "fill"):
                ax.set_aspect("auto")
                ax.autoscale(enable=True)
            else:
                raise ValueError(f"axis: unknown option '{a}'")
            continue
        lim = np.asarray(a, dtype=np.float64).ravel()
        if lim.size not in (4, 6):
            raise ValueError(f"axis: expected [xmin xmax ymin ymax], got {lim.size} values")
        ax.set_xlim(lim[0], lim[1])
        ax.set_ylim(lim[2], lim[3])
        if lim.size == 6 and hasattr(ax, "set_zlim"):
            ax.set_zlim(lim[4], lim[5])
    mark_dirty()


def _limits(setter, where, args):
    ax = current_axes()
    if ax is None:
        return None
    if not args or isinstance(args[0], str):
        if args and args[0].lower() == "auto":
            ax.autoscale(axis=where[0])
        return None
    lim = np.asarray(args[0], dtype=np.float64).ravel()
    if lim.size != 2:
        raise ValueError(f"{where}: expected [min max], got {lim.size} values")
    if not hasattr(ax, setter):
        return None
    getattr(ax, setter)(lim[0], lim[1])
    mark_dirty()


def xlim(*args):
    """Octave's ``xlim([min max])``."""
    _limits("set_xlim", "xlim", args)


def ylim(*args):
    """Octave's ``ylim([min max])``."""
    _limits("set_ylim", "ylim", args)


def zlim(*args):
    """Octave's ``zlim([min max])`` (3-D axes)."""
    _limits("set_zlim", "zlim", args)


def text(*args):
    """Octave's ``text(x, y, 'str', ...)`` and ``text(x, y, z, 'str', ...)``."""
    split = next((k for k, a in enumerate(args) if isinstance(a, str)), None)
    if split not in (2, 3):
        raise ValueError("text: expected text(x, y, 'string') or text(x, y, z, 'string')")
    ax = current_axes()
    if ax is None:
        return None
    coords = [np.asarray(a, dtype=np.float64).ravel() for a in args[:split]]
    props = _pairs(args[split + 1:], "text")
    kw = _text_props(props)
    label = tex(_text(args[split], "text"), str(props.get("interpreter", "tex")).lower())
    for k in range(coords[0].size):
        if split == 3 and hasattr(ax, "text2D"):
            ax.text(coords[0][k], coords[1][k], coords[2][k], label, **kw)
        else:
            ax.text(coords[0][k], coords[1][k], label, **kw)
    mark_dirty()


def colorbar(*args):
    """Octave's ``colorbar``: a colour scale beside the current axes' last image or surface."""
    ax = current_axes()
    if ax is None:
        return None
    if args and isinstance(args[0], str) and args[0].lower() == "off":
        return None
    mappables = ax.images + [c for c in ax.collections if c.get_array() is not None]
    if not mappables:
        raise ValueError("colorbar: the current axes has no image, surface or coloured plot")
    ax.figure.colorbar(mappables[-1], ax=ax)
    mark_dirty()


def colormap(*args):
    """Octave's ``colormap('gray')``, ``colormap(gray)``, ``colormap(jet(64))`` or an n x 3 map."""
    if not args:
        return None
    plt = pyplot()
    _figure()
    spec = args[-1]
    if isinstance(spec, str):
        name = spec.lower()
        if name == "default":
            name = "viridis"
        if plt is not None:
            import matplotlib
            if name not in matplotlib.colormaps:
                raise ValueError(f"colormap: unknown colormap '{spec}'")
        cmap = name
    else:
        rgb = np.asarray(spec, dtype=np.float64)
        if rgb.ndim != 2 or rgb.shape[1] != 3 or rgb.size == 0 or rgb.min() < 0 or rgb.max() > 1:
            raise ValueError("colormap: expected an n x 3 matrix of values in [0, 1]")
        cmap = None
        if plt is not None:
            from matplotlib.colors import ListedColormap
            cmap = ListedColormap(rgb)
    _state.cmap[_state.current] = cmap
    fig = _state.figures.get(_state.current)
    if fig is not None:     # Octave's colormap applies to what is already drawn
        for ax in fig.axes:
            for m in ax.images + [c for c in ax.collections if c.get_array() is not None]:
                m.set_cmap(cmap)
        mark_dirty()


def _map_size(n):
    """The length of a colormap: 64 by default, 0..2**20 (a bound on memory)."""
    size = 64 if n is None else int(_number(n, "colormap"))
    if not 0 <= size <= 1 << 20:
        raise ValueError(f"colormap: the number of colours must be in 0..{1 << 20}, got {size}")
    return size


def gray(n=None):
    """Octave's ``gray(n)``: n x 3, black to white."""
    v = np.linspace(0, 1, _map_size(n)).reshape(-1, 1)
    return np.hstack([v, v, v])


def jet(n=None):
    """Octave's ``jet(n)``: dark blue, blue, cyan, yellow, red, dark red (piecewise linear)."""
    x = np.linspace(0, 1, _map_size(n))
    r = np.clip(np.minimum(4 * x - 1.5, -4 * x + 4.5), 0, 1)
    g = np.clip(np.minimum(4 * x - 0.5, -4 * x + 3.5), 0, 1)
    b = np.clip(np.minimum(4 * x + 0.5, -4 * x + 2.5), 0, 1)
    return np.column_stack([r, g, b])


def hot(n=None):
    """Octave's ``hot(n)``: black, red, yellow, white."""
    x = np.linspace(0, 1, _map_size(n))
    return np.column_stack([np.clip(3 * x, 0, 1), np.clip(3 * x - 1, 0, 1), np.clip(3 * x - 2, 0, 1)])


def hsv(n=None):
    """Octave's ``hsv(n)``: the hue circle red, yellow, green, cyan, blue, magenta."""
    import colorsys
    m = _map_size(n)
    return np.array([colorsys.hsv_to_rgb(h, 1, 1) for h in np.arange(m) / max(m, 1)]).reshape(m, 3)


def box(*args):
    """Octave's ``box on``/``box off``: the frame around the axes."""
    ax = current_axes()
    if ax is None:
        return None
    word = args[-1].lower() if args and isinstance(args[-1], str) else None
    if word not in (None, "on", "off"):
        raise ValueError(f"box: expected 'on' or 'off', got '{args[-1]}'")
    on = word != "off" if word else not ax.spines["top"].get_visible()
    for side in ("top", "right"):
        ax.spines[side].set_visible(on)
    mark_dirty()


def shading(*args):
    """Octave's ``shading flat``/``interp``/``faceted``: edge lines of the current surfaces."""
    ax = current_axes()
    if ax is None:
        return None
    word = args[-1].lower() if args and isinstance(args[-1], str) else ""
    if word not in ("flat", "interp", "faceted"):
        raise ValueError(f"shading: expected 'flat', 'interp' or 'faceted', got '{word}'")
    for c in ax.collections:
        if word == "faceted":
            c.set_edgecolor("k")
            c.set_linewidth(0.2)
        else:
            c.set_edgecolor("none")
    mark_dirty()


def view(*args):
    """Octave's ``view(az, el)``, ``view([az el])``, ``view(2)``, ``view(3)`` on 3-D axes."""
    ax = current_axes()
    if ax is None or not hasattr(ax, "view_init"):
        return None
    vals = np.concatenate([np.asarray(a, dtype=np.float64).ravel() for a in args]) if args else np.array([3.0])
    if vals.size == 1:
        az, el = (0.0, 90.0) if vals[0] == 2 else (-37.5, 30.0)
    else:
        az, el = vals[0], vals[1]
    ax.view_init(elev=el, azim=az - 90)     # Octave's azimuth 0 looks along +y
    mark_dirty()
