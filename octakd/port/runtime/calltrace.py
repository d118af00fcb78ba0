"""Octave's ``called from`` trace of errors and warnings, from the Python frames of ported code.

``octakd run`` compiles each translated file under its ``.m`` path and registers here, with
:func:`register`, where each emitted statement starts: for every Python line, the Octave line
and the (Python column, Octave column) of each statement on it, and the Octave name of each
``def``. A Python frame running a ``.m`` file then maps back to Octave's report::

    error: boom
    error: called from
        g at line 7 column 7        <- innermost first: function name, line, column
        t5 at line 11 column 3      <- the script itself, by its file name

Octave's column is the statement's: the ``=`` of an assignment, the start of a call, the
operator of a binary expression. Frames of files nobody registered are left out.
"""
import os
import types

__all__ = []
FUNCTIONS = {}
MULTI_OUTPUT = set()

MAPS = {}       # filename -> {"script": name, "names": {pyname: octave name}, "lines": {...}}


def register(filename, script, names, lines):
    """Record the positions of a translated file (see the module docstring).

    ``lines`` maps a Python line number to ``(octave line, [(python col, octave col), ...])``
    sorted by Python column; ``names`` maps each Python ``def`` name to its Octave name.
    """
    MAPS[filename] = {"script": script, "names": names, "lines": lines}


def _position(code, lineno, lasti):
    """(Octave line, column) of the instruction ``lasti`` of ``code`` at Python line ``lineno``."""
    info = MAPS[code.co_filename]
    octave_line, segments = info["lines"].get(lineno, (lineno, [(0, 1)]))
    col = None
    if lasti >= 0:
        positions = list(code.co_positions())
        if lasti // 2 < len(positions):
            col = positions[lasti // 2][2]
    octave_col = segments[0][1] if segments else 1
    for pycol, ocol in segments:
        if col is not None and pycol <= col:
            octave_col = ocol
    return octave_line, octave_col


def octave_frames(start, innermost_last=False):
    """[(name, line, column)] of the registered Octave frames, innermost first.

    ``start`` is a frame (walked outwards through ``f_back``) or, with ``innermost_last``, a
    traceback (walked inwards through ``tb_next``).
    """
    return [frame[1:] for frame in octave_stack(start)]


def octave_stack(start):
    """[(file, name, line, column)] of the registered Octave frames, innermost first: Octave's
    ``err.stack``, whose ``file`` is the absolute path of the .m file. ``start`` is as for
    :func:`octave_frames`."""
    found = []
    if isinstance(start, types.TracebackType):
        tb = start
        while tb is not None:
            found.append((tb.tb_frame.f_code, tb.tb_lineno, tb.tb_lasti))
            tb = tb.tb_next
        found.reverse()
    else:
        frame = start
        while frame is not None:
            found.append((frame.f_code, frame.f_lineno, frame.f_lasti))
            frame = frame.f_back
    out = []
    for code, lineno, lasti in found:
        info = MAPS.get(code.co_filename)
        if info is None:
            continue
        if code.co_name == "<module>":
            name = info["script"]
        else:
            name = info["names"].get(code.co_name)
            if name is None:
                continue
        line, col = _position(code, lineno, lasti)
        out.append((os.path.abspath(code.co_filename), name, line, col))
    return out


def trace_lines(kind, frames):
    """Octave's trace lines: ``KIND: called from`` and ``    NAME at line L column C``."""
    return [f"{kind}: called from"] + [f"    {name} at line {line} column {col}"
                                       for name, line, col in frames]


def script_name(path):
    """The name Octave gives a script in traces: its file name without ``.m``."""
    return os.path.splitext(os.path.basename(path))[0]
