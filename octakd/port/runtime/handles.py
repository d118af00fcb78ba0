"""Octave's ``set`` and ``get`` on graphics handles: figures (1, 2, ...), the axes of ``gca``
and what ``plot``, ``bar``, ``scatter``... return.

Properties are matched without regard to case. Those a ported script can change:

* lines and markers: ``LineWidth``, ``Color``, ``LineStyle``, ``Marker``, ``MarkerSize``,
  ``MarkerFaceColor``, ``MarkerEdgeColor``, ``DisplayName``, ``XData``, ``YData``, ``Visible``;
* axes: ``FontSize``, ``XLim``, ``YLim``, ``ZLim``, ``XTick``, ``YTick``, ``XTickLabel``,
  ``YTickLabel``, ``XScale``, ``YScale``, ``XGrid``, ``YGrid``, ``YDir``, ``Box``, ``LineWidth``,
  ``Title``-free text properties are set with ``title``/``xlabel``;
* figures: ``Name``, ``Color``, ``Position`` (its size, in pixels), ``Visible``.

An unknown property is an error that names it, never a silent no-op.
"""
import numpy as np

from . import figures as F

__all__ = ["set", "get"]
FUNCTIONS = {"set": "void", "get": "unknown"}
MULTI_OUTPUT = set()


def _targets(h):
    """The matplotlib objects of one or several handles."""
    found = []
    for value in np.asarray(h, dtype=np.float64).ravel():
        value = float(value)
        if value in F._state.handles:
            found += F._state.handles[value]
        elif value == int(value) and int(value) in F._state.figures:
            fig = F._state.figures[int(value)]
            if fig is not None:
                found.append(fig)
        else:
            raise ValueError(f"set: invalid graphics handle {value:g}")
    return found


def _strings(value):
    if isinstance(value, str):
        return value.split("|")
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [("%g" % v) for v in np.asarray(value, dtype=np.float64).ravel()]


def _set_axes(ax, key, value):
    if key == "fontsize":
        size = float(np.asarray(value).reshape(()))
        ax.tick_params(labelsize=size)
        for t in (ax.title, ax.xaxis.label, ax.yaxis.label):
            t.set_fontsize(size * 1.1 if t is ax.title else size)
    elif key in ("xlim", "ylim", "zlim"):
        lim = np.asarray(value, dtype=np.float64).ravel()
        getattr(ax, f"set_{key}")(lim[0], lim[1])
    elif key in ("xtick", "ytick", "ztick"):
        getattr(ax, f"set_{key[0]}ticks")(np.asarray(value, dtype=np.float64).ravel())
    elif key in ("xticklabel", "yticklabel"):
        axis = ax.xaxis if key[0] == "x" else ax.yaxis
        labels = _strings(value)
        ticks = axis.get_ticklocs()[:len(labels)]
        axis.set_ticks(ticks, labels[:len(ticks)])
    elif key in ("xscale", "yscale"):
        getattr(ax, f"set_{key}")("log" if str(value).lower() == "log" else "linear")
    elif key in ("xgrid", "ygrid"):
        ax.grid(str(value).lower() == "on", axis=key[0])
    elif key == "ydir":
        if (str(value).lower() == "reverse") != ax.yaxis_inverted():
            ax.invert_yaxis()
    elif key == "box":
        for side in ("top", "right"):
            ax.spines[side].set_visible(str(value).lower() == "on")
    elif key == "linewidth":
        for spine in ax.spines.values():
            spine.set_linewidth(float(np.asarray(value).reshape(())))
    else:
        return False
    return True


def _set_line(obj, key, value):
    from .plots import _MARKERS, color_value
    setter = {"linewidth": "set_linewidth", "markersize": "set_markersize",
              "displayname": "set_label"}.get(key)
    if setter and hasattr(obj, setter):
        getattr(obj, setter)(value if key == "displayname" else float(np.asarray(value).reshape(())))
    elif key == "color" and hasattr(obj, "set_color"):
        obj.set_color(color_value(value, "set"))
    elif key in ("markerfacecolor", "markeredgecolor") and hasattr(obj, f"set_{key}"):
        getattr(obj, f"set_{key}")(color_value(value, "set"))
    elif key == "linestyle" and hasattr(obj, "set_linestyle"):
        obj.set_linestyle("None" if value == "none" else value)
    elif key == "marker" and hasattr(obj, "set_marker"):
        obj.set_marker(_MARKERS.get(value, "None" if value == "none" else value))
    elif key in ("xdata", "ydata") and hasattr(obj, f"set_{key}"):
        getattr(obj, f"set_{key}")(np.asarray(value, dtype=np.float64).ravel())
        obj.axes.relim()
        obj.axes.autoscale_view()
    elif key == "visible":
        obj.set_visible(str(value).lower() == "on")
    else:
        return False
    return True


def _set_figure(fig, key, value):
    if key == "name":
        if fig.canvas.manager is not None:
            fig.canvas.manager.set_window_title(str(value))
    elif key == "color":
        from .plots import color_value
        fig.set_facecolor(color_value(value, "set"))
    elif key == "position":
        pos = np.asarray(value, dtype=np.float64).ravel()
        if pos.size != 4 or pos[2] <= 0 or pos[3] <= 0 or pos[2] > 10000 or pos[3] > 10000:
            raise ValueError("set: Position must be [left bottom width height] in pixels, "
                             "width and height in 1..10000")
        fig.set_size_inches(pos[2] / F.DPI, pos[3] / F.DPI)
    elif key in ("visible", "numbertitle", "menubar", "toolbar", "units", "paperpositionmode"):
        pass        # window decorations: nothing to draw in a saved picture
    else:
        return False
    return True


def set(h, *args):
    """Octave's ``set(h, 'Property', value, ...)`` on figures, axes and plotted objects."""
    if F.pyplot() is None:
        return None
    if len(args) % 2:
        raise ValueError("set: property/value arguments must come in pairs")
    if np.size(h) == 1 and float(np.asarray(h, dtype=np.float64).ravel()[0]) == 0 and \
            all(isinstance(n, str) and n.lower().startswith("default") for n in args[::2]):
        return None             # set(0, 'DefaultFigureWindowStyle', ...): the root's defaults
                                # change how windows open, not what a saved PNG holds
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    for obj in _targets(h):
        for name, value in zip(args[::2], args[1::2]):
            if not isinstance(name, str):
                raise TypeError(f"set: expected a property name, got {type(name).__name__}")
            key = name.lower()
            if isinstance(obj, Figure):
                done = _set_figure(obj, key, value)
            elif isinstance(obj, Axes):
                done = _set_axes(obj, key, value)
            else:
                done = _set_line(obj, key, value)
            if not done:
                raise ValueError(f"set: the property '{name}' of a {type(obj).__name__} "
                                 f"is not supported")
    F.mark_dirty()


def get(h, name):
    """Octave's ``get(h, 'Property')`` for XLim/YLim, XData/YData, LineWidth, Color, Name."""
    if F.pyplot() is None:
        return None
    objs = _targets(h)
    if len(objs) != 1 or not isinstance(name, str):
        raise ValueError("get: expected one graphics handle and a property name")
    obj, key = objs[0], name.lower()
    if key in ("xlim", "ylim", "zlim") and hasattr(obj, f"get_{key}"):
        return np.array([getattr(obj, f"get_{key}")()], dtype=np.float64)
    if key in ("xdata", "ydata") and hasattr(obj, f"get_{key}"):
        return np.asarray(getattr(obj, f"get_{key}")(), dtype=np.float64).reshape(1, -1)
    if key == "linewidth" and hasattr(obj, "get_linewidth"):
        return float(np.asarray(obj.get_linewidth()).ravel()[0])
    if key == "color" and hasattr(obj, "get_color"):
        from matplotlib.colors import to_rgb
        return np.array([to_rgb(obj.get_color())])
    raise ValueError(f"get: the property '{name}' is not supported")
