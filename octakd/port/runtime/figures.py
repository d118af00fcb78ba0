"""Octave's figures and axes on matplotlib: the "current figure" state machine of a ported script.

Like pyplot over matplotlib's objects, this module keeps one small state (the open figures, the
current figure and axes, ``hold`` per axes) and every Octave call is a thin function over it.

* Headless by default: the Agg backend draws into memory. When the script ends
  (:func:`finish`, called by ``octakd run``), every figure drawn into since it was last printed
  is written as ``figureN.png`` into the script's folder or the ``--figures`` folder. ``print``
  and ``saveas`` write where the script says, as in Octave. ``close`` of a figure with unsaved
  drawing writes its ``figureN.png`` first, so a closed figure is never lost.
* ``--show`` (:func:`configure`) opens the figures in windows when there is a display.
* matplotlib is optional: without it every graphics call is skipped, one warning is printed on
  standard error, and the rest of the script runs.

Figures are 560x420 pixels, Octave's default, and lines cycle through Octave's colour order.
"""
import os
import re
import sys
import time

import numpy as np


__all__ = ["figure", "subplot", "hold", "close", "gcf", "gca", "clf", "drawnow", "pause",
           "print", "saveas"]
FUNCTIONS = {
    "figure": "void", "subplot": "void", "hold": "void", "close": "void", "gcf": "scalar",
    "gca": "scalar", "clf": "void", "drawnow": "void", "pause": "void", "print": "void",
    "saveas": "void",
}
MULTI_OUTPUT = set()

# Octave's default line colours (get(groot, 'defaultaxescolororder')).
COLOR_ORDER = [(0, 0.447, 0.741), (0.85, 0.325, 0.098), (0.929, 0.694, 0.125),
               (0.494, 0.184, 0.556), (0.466, 0.674, 0.188), (0.301, 0.745, 0.933),
               (0.635, 0.078, 0.184)]
SIZE_INCHES, DPI = (5.6, 4.2), 100     # 560x420 pixels
MAX_DPI = 2400
DEVICES = {"png": "png", "jpeg": "jpg", "jpg": "jpg", "pdf": "pdf", "svg": "svg", "eps": "eps",
           "epsc": "eps", "epsc2": "eps", "eps2": "eps", "tiff": "tif", "tif": "tif"}


class _State:
    """Everything the Octave graphics calls share; :func:`reset` makes a fresh one."""

    def __init__(self):
        self.figures = {}          # number -> matplotlib Figure (None without matplotlib)
        self.dirty = set()         # numbers of figures drawn into since they were last saved
        self.current = None        # current figure number
        self.axes = {}             # figure number -> current axes
        self.hold = {}             # id(axes) -> True when hold is on
        self.cmap = {}             # figure number -> colormap name or Colormap
        self.out_dir = None        # where figureN.png go (None: the working directory)
        self.show = False
        self.warned = False
        self.saved = []            # paths written, in order
        self.handles = {}          # graphics handle number -> list of matplotlib artists
        self.count = 0             # handles given so far


_state = _State()
_plt = None


def configure(out_dir=None, show=False):
    """Start a script's graphics: figures go to ``out_dir``; ``show`` opens windows if it can."""
    close_all_quietly()
    _state.__init__()       # the same object: other modules hold a reference to it
    _state.out_dir = None if out_dir is None else os.path.abspath(out_dir)
    _state.show = bool(show)


def pyplot():
    """matplotlib.pyplot, or None (after one warning) when matplotlib is not installed."""
    global _plt
    if _plt is not None:
        return _plt
    try:
        import matplotlib
        if not _state.show and "MPLBACKEND" not in os.environ:
            matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import warnings     # Octave prints no matplotlib advice: keep the script's stderr its own
        warnings.filterwarnings("ignore", category=UserWarning, module="matplotlib")
    except ImportError:
        if not _state.warned:
            _state.warned = True
            sys.stdout.flush()
            sys.stderr.write("warning: matplotlib is not installed: graphics calls are skipped and "
                             "no figure is saved (pip install matplotlib)\n")
            sys.stderr.flush()
        return None
    if _state.show and not _can_show(plt):
        _state.show = False
    _plt = plt
    return plt


def _can_show(plt):
    backend = plt.get_backend().lower()
    if "agg" == backend or backend in ("pdf", "svg", "ps", "cairo", "template"):
        sys.stderr.write("warning: --show: no display; figures are only saved\n")
        return False
    return True


# ------------------------------------------------------------------------------ the state
def _figure(number=None):
    """The matplotlib figure ``number`` (default: the current one), created if needed."""
    plt = pyplot()
    if number is None:
        number = _state.current if _state.current is not None else 1
    number = int(number)
    if number not in _state.figures:
        fig = None
        if plt is not None:
            fig = plt.figure(number, figsize=SIZE_INCHES, dpi=DPI)
            fig.clf()
        _state.figures[number] = fig
    _state.current = number
    if plt is not None:
        plt.figure(number)
    return _state.figures[number]


def current_axes(projection=None):
    """The current axes of the current figure (one full-size axes is made if there is none).

    ``projection="3d"`` replaces a 2-D axes by a 3-D one in the same place (surf, mesh).
    """
    fig = _figure()
    if fig is None:
        return None
    number = _state.current
    ax = _state.axes.get(number)
    if ax is None or ax.figure is not fig or ax not in fig.axes:
        ax = fig.add_subplot(1, 1, 1, projection=projection)
        _setup_axes(ax)
        _state.axes[number] = ax
    elif projection == "3d" and getattr(ax, "name", "") != "3d":
        ax = _replace_axes(ax, "3d")
    return ax


def _replace_axes(ax, projection):
    """A new axes of ``projection`` in the place of ``ax`` (which is removed)."""
    fig = ax.figure
    spec = ax.get_subplotspec()
    hold_on = _state.hold.pop(id(ax), False)
    ax.remove()
    ax = fig.add_subplot(spec, projection=projection) if spec is not None else \
        fig.add_subplot(1, 1, 1, projection=projection)
    _setup_axes(ax)
    _state.hold[id(ax)] = hold_on
    _state.axes[_state.current] = ax
    return ax


def _setup_axes(ax):
    from cycler import cycler
    ax.set_prop_cycle(cycler(color=COLOR_ORDER))


def new_plot(projection=None):
    """The axes a plotting call draws into: cleared first unless ``hold`` is on (Octave's rule)."""
    ax = current_axes(projection)
    if ax is None:
        return None
    wanted = projection or "rectilinear"
    if getattr(ax, "name", wanted) != wanted and not _state.hold.get(id(ax), False):
        ax = _replace_axes(ax, wanted)      # a 2-D plot after surf: Octave's axes turn 2-D
    ax._octakd_before = {id(c) for c in ax.get_children()}
    if not _state.hold.get(id(ax), False):
        title = ax.get_title()
        ax.cla()
        _setup_axes(ax)
        if title:       # Octave keeps labels and title when a new plot replaces the old one
            ax.set_title(title)
        ax._octakd_before = {id(c) for c in ax.get_children()}
    mark_dirty()
    return ax


class GraphicsHandle(float):
    """The number of an axes or line handle. Octave's are negative with a fraction it draws at
    random (-6.3352, -7.7682, ...), so showing one is refused rather than printed."""
    __slots__ = ()


def register(artists):
    """A new graphics handle number for ``artists`` (Octave's handles of axes and lines are
    non-integer negative numbers; figures are 1, 2, ...)."""
    _state.count += 1
    number = GraphicsHandle(-_state.count - 0.5)
    _state.handles[float(number)] = list(artists)
    return number


def register_new(ax):
    """The handle of what the last plotting call added to ``ax``."""
    before = getattr(ax, "_octakd_before", set())
    return register([c for c in ax.get_children() if id(c) not in before])


def figure_number(h, where):
    """The figure of a handle: a figure number, or the figure holding an axes or a line."""
    value = _number(h, where)
    if value in _state.handles:
        for artist in _state.handles[value]:
            fig = artist.figure if hasattr(artist, "figure") else None
            for number, f in _state.figures.items():
                if f is not None and f is fig:
                    return number
        raise ValueError(f"{where}: the graphics handle {value} is not in an open figure")
    if value != int(value) or value < 1:
        raise ValueError(f"{where}: invalid graphics handle {value}")
    return int(value)


def mark_dirty():
    """Note that the current figure has drawing that is not saved yet."""
    if _state.current is not None:
        _state.dirty.add(_state.current)


def colormap_of_current():
    """The colormap set by ``colormap`` for the current figure (Octave's default: viridis)."""
    return _state.cmap.get(_state.current, "viridis")


def _text(value, where):
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return "\n".join(_text(v, where) for v in value)
    if getattr(type(value), "octave_class", None) == "cell":      # {'line 1', 'line 2'}
        return "\n".join(_text(v, where) for v in value.values())
    raise TypeError(f"{where}: expected a string, got {type(value).__name__}")


_TEX_NAMES = set("""alpha beta gamma delta epsilon zeta eta theta vartheta iota kappa lambda mu nu xi
    pi rho sigma varsigma tau upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma
    Upsilon Phi Psi Omega infty pm cdot times div leq geq neq approx partial nabla sum int
    circ bullet rightarrow leftarrow uparrow downarrow sim propto ldots""".split())
_TEX_PIECE = re.compile(r"\\([A-Za-z]+)|([_^])(\{[^}]*\}|\\[A-Za-z]+|.)")


def tex(text, interpreter="tex"):
    """Octave's default 'tex' interpreter in matplotlib's mathtext: ``\\theta_0`` and ``x^2`` become
    ``$\\theta$$_{0}$`` and ``x$^{2}$``; any other ``$`` stays a dollar sign."""
    if interpreter != "tex" or not re.search(r"[\\_^]", text):
        return text

    def piece(m):
        if m.group(1) is not None:
            return f"$\\{m.group(1)}$" if m.group(1) in _TEX_NAMES else m.group(0)
        body = m.group(3)
        if body in "{}$\\%#&~":
            return m.group(0)
        body = body[1:-1] if body.startswith("{") else body
        if not re.fullmatch(r"[A-Za-z0-9 .,+\-*/=()'\\|<>]*", body):
            return m.group(0)       # keep what mathtext might not parse as it is
        body = re.sub(r"\\([A-Za-z]+)", lambda g: "\\" + g.group(1) if g.group(1) in _TEX_NAMES
                      else g.group(1), body)
        return f"${m.group(2)}{{{body}}}$"
    return re.sub(r"(?<!\\)\$\$", "", _TEX_PIECE.sub(piece, text.replace("$", r"\$")))


def _number(value, where):
    a = np.asarray(value, dtype=np.float64)
    if a.size != 1:
        raise ValueError(f"{where}: expected a scalar, got {a.size} values")
    return float(a.reshape(()))


def _pairs(args, where):
    """Property/value pairs ``'FontSize', 14`` as a dict with lower-case names."""
    if len(args) % 2:
        raise ValueError(f"{where}: property/value arguments must come in pairs")
    out = {}
    for name, value in zip(args[::2], args[1::2]):
        if not isinstance(name, str):
            raise TypeError(f"{where}: expected a property name, got {type(name).__name__}")
        out[name.lower()] = value
    return out


def _text_props(props):
    """FontSize, FontWeight and Color of a text property list as matplotlib keywords."""
    kw = {}
    if "fontsize" in props:
        kw["fontsize"] = _number(props["fontsize"], "fontsize")
    if "fontweight" in props:
        kw["fontweight"] = str(props["fontweight"])
    if "color" in props:
        from .plots import color_value
        kw["color"] = color_value(props["color"], "color")
    if "interpreter" in props:
        pass    # tex/latex/none: matplotlib draws the plain text
    return kw


# --------------------------------------------------------------------------- figures and axes
def figure(*args):
    """Octave's ``figure``, ``figure(n)``, ``figure('Name', ...)``: make a figure current; its number."""
    number = None
    if args and not isinstance(args[0], str):
        number = int(_number(args[0], "figure"))
        if number < 1:
            raise ValueError(f"figure: the figure number must be a positive integer, got {number}")
        args = args[1:]
    if number is None:
        number = max(_state.figures, default=0) + 1
    fig = _figure(number)
    props = _pairs(args, "figure")
    if fig is not None and "name" in props and fig.canvas.manager is not None:
        fig.canvas.manager.set_window_title(_text(props["name"], "figure"))
    return number


def gcf():
    """Octave's ``gcf``: the current figure's number (a new figure 1 if there is none)."""
    _figure()
    return _state.current


def gca():
    """Octave's ``gca``: the handle of the current axes (for ``set`` and ``get``)."""
    ax = current_axes()
    if ax is None:
        return -1.5
    for number, artists in _state.handles.items():
        if artists == [ax]:
            return number
    return register([ax])


def clf(*args):
    """Octave's ``clf``: clear the current figure."""
    fig = _figure()
    if fig is not None:
        fig.clf()
        _state.axes.pop(_state.current, None)


def subplot(*args):
    """Octave's ``subplot(m, n, p)`` and ``subplot(mnp)``; ``p`` may be a vector to span cells."""
    if len(args) == 1:
        code = int(_number(args[0], "subplot"))
        if not 111 <= code <= 999:
            raise ValueError(f"subplot: expected subplot(m, n, p) or subplot(mnp), got {code}")
        m, n, p = code // 100, code // 10 % 10, np.array([code % 10])
    elif len(args) >= 3:
        m, n = int(_number(args[0], "subplot")), int(_number(args[1], "subplot"))
        p = np.asarray(args[2], dtype=np.float64).ravel().astype(int)
    else:
        raise ValueError("subplot: expected subplot(m, n, p) or subplot(mnp)")
    if not (1 <= m <= 1000 and 1 <= n <= 1000):
        raise ValueError(f"subplot: the grid must be 1..1000 by 1..1000, got {m}x{n}")
    if p.size == 0 or p.min() < 1 or p.max() > m * n:
        raise ValueError(f"subplot: index {p.tolist()} out of range for a {m}x{n} grid")
    fig = _figure()
    if fig is None:
        return None
    rows, cols = (p - 1) // n, (p - 1) % n
    spec = fig.add_gridspec(m, n)[rows.min():rows.max() + 1, cols.min():cols.max() + 1]
    for ax in fig.axes:         # an existing axes in the same place becomes current again
        ss = ax.get_subplotspec() if hasattr(ax, "get_subplotspec") else None
        if ss is not None and ss.get_geometry()[:2] == (m, n) and \
                (ss.rowspan, ss.colspan) == (spec.rowspan, spec.colspan):
            _state.axes[_state.current] = ax
            return _axes_handle(ax)
    ax = fig.add_subplot(spec)
    _setup_axes(ax)
    _state.axes[_state.current] = ax
    return _axes_handle(ax)


def _axes_handle(ax):
    """The handle subplot returns: the axes' own (as in Octave, ``title(h, ...)`` and
    ``set(h, ...)`` reach that axes), the same number each time."""
    number = getattr(ax, "_octakd_handle", None)
    if number is None:
        number = register([ax])
        ax._octakd_handle = number
    return number


def hold(*args):
    """Octave's ``hold on``/``hold off``/``hold`` (toggle) for the current axes."""
    ax = current_axes()
    if ax is None:
        return
    word = args[-1].lower() if args and isinstance(args[-1], str) else None
    if word not in (None, "on", "off", "all"):
        raise ValueError(f"hold: expected 'on' or 'off', got '{args[-1]}'")
    _state.hold[id(ax)] = (not _state.hold.get(id(ax), False)) if word is None else word != "off"


def drawnow(*args):
    """Octave's ``drawnow``: show pending drawing (only with ``--show``)."""
    plt = pyplot()
    if plt is not None and _state.show and _state.figures:
        plt.pause(0.001)


_pause_enabled = True


def pause(*args):
    """Octave's ``pause``: ``pause(t)`` sleeps at most ``t`` seconds, ``pause`` waits for a key.

    Headless (no ``--show``), ``pause(t)`` returns at once: nothing is on screen to look at.
    Without a terminal on standard input, ``pause`` never waits. ``pause('off')`` disables it.
    """
    global _pause_enabled
    if args and isinstance(args[0], str):
        state = args[0].lower()
        if state not in ("on", "off", "query"):
            raise ValueError(f"pause: expected a time or 'on'/'off', got '{args[0]}'")
        if state != "query":
            _pause_enabled = state == "on"
        return "on" if _pause_enabled else "off" if state == "query" else None
    if not _pause_enabled:
        return None
    sys.stdout.flush()
    if args:
        t = _number(args[0], "pause")
        if np.isnan(t) or t < 0:
            raise ValueError("pause: N must be a non-negative real value")
        if np.isfinite(t):
            if _state.show and _plt is not None and _state.figures:
                _plt.pause(max(t, 0.001))
            elif _state.show:
                time.sleep(t)
            return None
    if sys.stdin is not None and sys.stdin.isatty():
        _wait_for_key()
    return None


def _wait_for_key():
    """Wait for one key press on a terminal (the Enter key if raw mode is not available)."""
    try:
        import termios
        import tty
        fd = sys.stdin.fileno()
        old = termios.tcgetattr(fd)
        try:
            tty.setcbreak(fd)
            os.read(fd, 1)
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, old)
    except (ImportError, OSError, ValueError):
        sys.stdin.readline()


# ------------------------------------------------------------------------------- saving
def _save(number, path, fmt=None, dpi=None):
    fig = _state.figures.get(number)
    if fig is None:
        return
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fig.savefig(path, format=fmt, dpi=dpi or DPI)
    _state.dirty.discard(number)
    _state.saved.append(os.path.abspath(path))


def print_(*args):
    """Octave's ``print -dpng file.png`` / ``print(h, '-dpng', '-r300', 'file')``.

    The device picks the format; a file name without an extension gets the device's.
    (Defined as ``print_`` and exported as ``print``, so this module keeps Python's own.)
    """
    number, device, dpi, path = None, None, None, None
    for a in args:
        if not isinstance(a, str):
            number = figure_number(a, "print")
        elif a.startswith("-d"):
            device = a[2:].lower()
            if device not in DEVICES:
                raise ValueError(f"print: unknown device '{a}' (known: "
                                 f"{', '.join('-d' + d for d in sorted(DEVICES))})")
        elif a.startswith("-r"):
            try:
                dpi = int(float(a[2:]))
            except ValueError:
                raise ValueError(f"print: invalid resolution '{a}'") from None
            if not 1 <= dpi <= MAX_DPI:     # a 560x420 figure at 2400 dpi is 13440x10080
                raise ValueError(f"print: the resolution must be in 1..{MAX_DPI} dpi, got {dpi}")
        elif a.startswith("-"):
            continue        # -color, -S..., -F...: no effect on the picture file
        else:
            path = a
    if path is None:
        raise ValueError("print: expected a file name, e.g. print -dpng figure.png")
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    if device is None:
        device = ext if ext in DEVICES else "png"
    if not ext:
        path = f"{path}.{DEVICES[device]}"
    if pyplot() is None:
        return None
    _figure(number)
    _save(_state.current, path, "eps" if DEVICES[device] == "eps" else
          "tiff" if DEVICES[device] == "tif" else DEVICES[device].replace("jpg", "jpeg"), dpi)


globals()["print"] = print_     # the name a ported script imports


def saveas(h, path, fmt=None):
    """Octave's ``saveas(h, 'file.png')`` / ``saveas(h, 'file', 'png')``."""
    if fmt is not None:
        print_(figure_number(h, "saveas"), f"-d{fmt}", path)
    else:
        print_(figure_number(h, "saveas"), path)


def _auto_path(number):
    return os.path.join(_state.out_dir or os.getcwd(), f"figure{number}.png")


def close(*args):
    """Octave's ``close``, ``close(n)``, ``close all``: unsaved drawing goes to ``figureN.png``."""
    if args and isinstance(args[0], str):
        if args[0].lower() != "all":
            raise ValueError(f"close: expected 'all' or a figure number, got '{args[0]}'")
        numbers = list(_state.figures)
    elif args:
        numbers = [int(_number(args[0], "close"))]
    else:
        numbers = [_state.current] if _state.current is not None else []
    for number in numbers:
        if number not in _state.figures:
            continue
        if number in _state.dirty:
            _save(number, _auto_path(number))
        fig = _state.figures.pop(number)
        _state.axes.pop(number, None)
        if fig is not None:
            _plt.close(fig)
        if _state.current == number:
            _state.current = max(_state.figures) if _state.figures else None


def finish():
    """The script ended: write ``figureN.png`` for every figure with unsaved drawing, then, with
    ``--show``, open the windows. Returns the list of files written during the script."""
    for number in sorted(_state.dirty & set(_state.figures)):
        _save(number, _auto_path(number))
    if _state.show and _plt is not None and _state.figures:
        _plt.show()
    saved = list(_state.saved)
    close_all_quietly()
    return saved


def close_all_quietly():
    """Close every figure without saving (a fresh start for the next script in this process)."""
    if _plt is not None:
        for fig in _state.figures.values():
            if fig is not None:
                _plt.close(fig)
    _state.figures.clear()
    _state.dirty.clear()
    _state.axes.clear()
    _state.current = None
