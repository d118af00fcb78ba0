"""Octave's display of values: ``x = 5`` for a statement without ``;``, and ``disp``.

The layout is GNU Octave 7's "format short": 5 significant digits, a common column width for a
matrix chosen from its largest and smallest magnitudes, and "Columns N through M" chunks for
matrices wider than the 80-column terminal.
"""
import builtins as _b
import math
import numbers

import numpy as np

from . import show_modes
from .complexes import narrowed
from .chars import CharMatrix, char_rows
from .values import DiagArray, RangeArray, _arr, _dims, _out

__all__ = ["display", "disp", "octave_format", "output_precision"]
FUNCTIONS = {"disp": "void", "display": "void", "format": "void", "output_precision": "scalar"}
MULTI_OUTPUT = set()
RENAMED = {"format": "octave_format"}    # not the Python built-in

PRECISION = 5        # Octave's output_precision: 5 for "format short", 16 for "format long"
COMPACT = False      # "format compact": no blank lines inside a matrix display
E_LIMIT = 8          # past this width (ld + 1 + rd) a number is shown in e-notation: 8 for
                     # "format short", 17 for "format long" (recorded from GNU Octave 7)
_FORMATS = {"short": (5, 8), "long": (16, 17)}
MODE = "fixed"       # "g" for format short g / long g, "e" for format short e / long e
                     # (see show_modes.py)
TERMINAL_WIDTH = 80  # Octave splits wider matrices into column chunks


# ----------------------------------------------------------------------------------- display
def _digits(x):
    """Octave's engineering digit count: floor(log10(x)) + 1, with 0 for x == 0."""
    return int(math.floor(math.log10(x))) + 1 if x > 0 else 0


def _near_int_matrix(finite):
    """GNU Octave 7 lays a matrix out as integers when its values are integers in single
    precision (measured: [2+1e-7, 3], [1+5e-8 2], [30+4e-15 60] and [-7+2e-15, 3] print as
    integers, [2+2e-7, 3], [1+7e-8 2] and [1+1e-7, 3] do not), as long as they stay below 2^23
    ([8388608.5, 1] is not). Such values print as %{fw}.{fw}g, so [1 -1e-50] shows
    "1  -1e-50"."""
    if np.abs(finite).max() >= 2 ** 23 and PRECISION <= 5:
        return False                  # measured under format short only: format long lays
                                      # [-10000000.5 1] out as integers ("-10000000.5  1")
    return bool(np.all(_is_int(finite.astype(np.float32).astype(np.float64))))


def _is_int(v):
    """Octave's test of an integer for display: floor(v + 0.5) == v, in doubles. Odd numbers
    between 2^52 and 2^53 fail it (v + 0.5 rounds to even), so Octave shows them as
    non-integers (``4503599627370497`` in e-notation under ``format long``)."""
    return np.floor(np.asarray(v, dtype=np.float64) + 0.5) == v


def _ld_rd(d):
    if d > 0:
        return d, (PRECISION - d if PRECISION > d else PRECISION)
    if d < 0:
        return 1, PRECISION - d
    return 1, PRECISION - 1


_NA_BITS = 0x7FF840F440000000   # Octave 7's NA: a quiet NaN with its own payload


def _special(v):
    if v != v:
        return "NA" if np.float64(v).view(np.uint64) == _NA_BITS else "NaN"
    return "Inf" if v > 0 else "-Inf"


def _format_scalar(v):
    """Octave's ``format short`` text of one real number (as in ``x = 2.5000``)."""
    if isinstance(v, (bool, np.bool_)):
        return "1" if v else "0"
    if isinstance(v, np.integer):
        return str(int(v))
    if isinstance(v, np.float32) and MODE == "fixed" and PRECISION == 16 and np.isfinite(v):
        return _single_long(v)
    if isinstance(v, np.float32) and not (np.isfinite(v) and v == np.round(v)):
        if not (MODE == "g" and PRECISION == 5):      # short g shows a single as a double
            _short_only("single precision fractions")
    v = float(v)            # a Python int is an Octave double
    if MODE != "fixed":
        return show_modes.scalar_text(v, PRECISION, MODE)
    if not math.isfinite(v):
        return _special(v).rjust(3)           # NA is " NA", as wide as NaN
    if _is_int(v):
        digits = _digits(_b.abs(v))          # floor(log10) + 1 in doubles, as Octave: 16
        if digits >= E_LIMIT:                # for 999999999999999, which then gets a blank
            return f"{v:.{PRECISION - 1}e}"
        return str(int(v)).rjust(digits)
    ld, rd = _ld_rd(_digits(_b.abs(v)))
    if ld + 1 + rd > E_LIMIT:
        return f"{v:.{PRECISION - 1}e}"
    return f"{v:.{rd}f}"


def _single_long(v):
    """A fractional single scalar under ``format long``: Octave's 8 significant digits for a
    float (its ``digits10``), e-notation past 9 columns: ``3.1415927``, ``123.45600``,
    ``5.0000001e-02`` (recorded from GNU Octave 7.3, probe single_format_long)."""
    global PRECISION, E_LIMIT
    saved = PRECISION, E_LIMIT
    PRECISION, E_LIMIT = 8, 9
    try:
        return _format_scalar(float(v))
    finally:
        PRECISION, E_LIMIT = saved


def _short_only(what):
    if PRECISION != 5 or MODE != "fixed":
        raise ValueError(f"display: {what} under 'format long', 'format short g' or 'format "
                         f"short e' (and their kin) is not supported")


def _plain_only(what):
    if MODE != "fixed":
        raise ValueError(f"display: {what} under 'format {'short' if PRECISION == 5 else 'long'} "
                         f"{MODE}' is not supported")


def _format_complex(z):
    """Octave's ``format short`` text of one complex number, as in ``z =  3 + 4i``.

    The real part gets one column more than the imaginary part (for its sign); both use the
    digits of the larger and the smaller magnitude, as Octave's real matrices do.
    """
    if MODE != "fixed":
        return show_modes.complex_text(z, PRECISION, MODE)
    re, im = float(z.real), float(z.imag)
    finite = [_b.abs(v) for v in (re, im) if math.isfinite(v)]
    special = len(finite) < 2
    sign = "-" if im < 0 or (im == 0 and math.copysign(1, im) < 0) else "+"

    def part(v, fw, rd=None, e=False):
        if not math.isfinite(v):
            return _special(v).rjust(fw)
        if e:
            return ("0" if v == 0 else f"{v:.{PRECISION - 1}e}").rjust(fw)
        if rd is None or v == 0:
            return str(int(v)).rjust(fw)
        return f"{v:.{rd}f}".rjust(fw)

    if _b.all(_is_int(v) for v in finite):
        digits = _digits(_b.max(finite)) if finite else 0
        if digits >= E_LIMIT:                  # as real integers: e-notation from 8 digits
            fw = PRECISION + 5
            return f"{part(re, fw + 1, e=True)} {sign} {part(_b.abs(im), fw, e=True)}i"
        i_fw = _b.max(digits, 1)
        if special:
            i_fw = _b.max(i_fw, 3)
        return f"{part(re, i_fw + 1)} {sign} {part(_b.abs(im), i_fw)}i"
    ld_max, rd_max = _ld_rd(_digits(_b.max(finite)))
    ld_min, rd_min = _ld_rd(_digits(_b.min(finite)))
    ld, rd = _b.max(ld_max, ld_min), _b.max(rd_max, rd_min)
    if ld + 1 + rd > E_LIMIT:
        fw = PRECISION + 5
        return f"{part(re, fw + 1, e=True)} {sign} {part(_b.abs(im), fw, e=True)}i"
    i_fw = ld + 1 + rd
    if special:
        i_fw = _b.max(i_fw, 4)
    return f"{part(re, i_fw + 1, rd)} {sign} {part(_b.abs(im), i_fw, rd)}i"


def _complex_matrix_lines(a):
    """The rows Octave prints for a 2-D complex matrix: ``   1 + 2i   3 - 4i``.

    The digits come from the largest magnitudes of the real and the imaginary parts, and from
    the larger of their smallest magnitudes (Octave's make_complex_matrix_format).
    """
    if MODE != "fixed":
        cells, width = show_modes.complex_cells(a, PRECISION, MODE)
        return _chunk(cells, width, 2)
    parts = [np.abs(a.real), np.abs(a.imag)]
    finite = [p[np.isfinite(p)] for p in parts]
    special = _b.any(f.size < a.size for f in finite)
    allf = np.concatenate(finite)
    if allf.size == 0 or np.all(_is_int(allf)) or _near_int_matrix(allf):
        digits = _digits(float(allf.max())) if allf.size else 0
        if digits > 10:
            raise ValueError("display: complex matrices with such large values are not supported")
        i_fw, rd = _b.max(digits, 1), None
        if special:
            i_fw = _b.max(i_fw, 3)
    else:
        x_max = _b.max(_digits(float(f.max())) if f.size else 0 for f in finite)
        x_min = _b.max(_digits(float(f.min())) if f.size else 0 for f in finite)
        ld_max, rd_max = _ld_rd(x_max)
        ld_min, rd_min = _ld_rd(x_min)
        ld, rd = _b.max(ld_max, ld_min), _b.max(rd_max, rd_min)
        if ld + 1 + rd > E_LIMIT:
            raise ValueError("display: complex matrices in e-notation are not supported")
        i_fw = ld + 1 + rd
        if special:
            i_fw = _b.max(i_fw, 4)

    def part(v, fw):
        if not math.isfinite(v):
            return _special(v).rjust(fw)
        if v == 0:
            return "0".rjust(fw)
        # the integer layout prints %{fw}.{fw}g, as for real matrices (1e-50 stays 1e-50)
        return (f"{v:.{fw}g}" if rd is None else f"{v:.{rd}f}").rjust(fw)

    def cell(z):
        im = float(z.imag)
        sign = "-" if im < 0 or (im == 0 and math.copysign(1, im) < 0) else "+"
        return f"{part(float(z.real), i_fw + 1)} {sign} {part(_b.abs(im), i_fw)}i"
    cells = [[cell(z) for z in row] for row in a]
    return _chunk(cells, len(cells[0][0]), 2)


def _matrix_lines(a0):
    """The rows Octave prints for a 2-D real array (without the ``name =`` header)."""
    a = np.asarray(a0)
    if a.dtype.kind in "biu":
        texts = [[str(int(v)) for v in row] for row in a]
        # Octave's integer width: the most digits of a nonzero magnitude, plus one if a value
        # is negative; the type's minimum (whose magnitude overflows in Octave) and zeros count
        # for nothing, so they may stick out of the column.
        low = np.iinfo(a.dtype).min if a.dtype.kind == "i" else None
        counted = [int(v) for v in a.ravel() if v != 0 and (low is None or v != low)]
        fw = _b.max([len(str(_b.abs(v))) for v in counted], default=0) + \
            (1 if _b.any(v < 0 for v in counted) else 0)
        cells = [[t.rjust(fw) for t in row] for row in texts]
        return _chunk(cells, fw, 2)
    a = a.astype(np.float64)
    if MODE != "fixed":
        cells, width = show_modes.matrix_cells(a, PRECISION, MODE, isinstance(a0, RangeArray))
        return _chunk(cells, width, 2)
    finite = a[np.isfinite(a)]
    special = finite.size < a.size
    if finite.size == 0 or np.all(_is_int(finite)) or _near_int_matrix(finite):
        maxabs = float(np.max(np.abs(finite))) if finite.size else 0.0
        digits = _digits(maxabs)
        fw = digits + 1 if digits > 0 else 2
        if special and fw < 4:
            fw = 4
        if digits >= E_LIMIT - 1:
            return _e_lines(a)
        # Octave's integer format is %{fw}.{fw}g (so [1 -1e-50] shows "1  -1e-50"); zero is "0"
        cells = [[("0" if v == 0 else f"{v:.{fw}g}" if math.isfinite(v) else _special(v)).rjust(fw)
                  for v in row] for row in a]
        return _chunk(cells, fw, 2)
    absf = np.abs(finite)
    ld_max, rd_max = _ld_rd(_digits(float(absf.max())))
    ld_min, rd_min = _ld_rd(_digits(float(absf.min())))
    ld, rd = _b.max(ld_max, ld_min), _b.max(rd_max, rd_min)
    if ld + 1 + rd > E_LIMIT:
        return _e_lines(a)
    fw = 1 + ld + 1 + rd + (1 if isinstance(a0, RangeArray) else 0)
    cells = [[("0" if v == 0 else f"{v:.{rd}f}" if math.isfinite(v) else _special(v)).rjust(fw)
              for v in row] for row in a]
    return _chunk(cells, fw, 2)


def _e_lines(a):
    fw = PRECISION + 6 + show_modes.exponent_column(a)
    cells = [[("0" if v == 0 else f"{v:.{PRECISION - 1}e}" if math.isfinite(v) else
               _special(v)).rjust(fw)
              for v in row] for row in a]
    return _chunk(cells, fw, 2)


def _chunk(cells, fw, sep):
    """Rows of cells, split into Octave's "Columns N through M" chunks when too wide."""
    ncols = len(cells[0]) if cells else 0
    per = _b.max(1, (TERMINAL_WIDTH - 0) // (fw + sep))
    if ncols <= per:
        return [["".join(" " * sep + c for c in row) for row in cells]]
    chunks = []
    for start in range(0, ncols, per):
        stop = _b.min(ncols, start + per)
        if stop - start == 1:
            head = f" Column {start + 1}:"
        elif stop == ncols and stop - start == 2:
            head = f" Columns {start + 1} and {stop}:"
        else:
            head = f" Columns {start + 1} through {stop}:" if stop < ncols or stop - start > 2 \
                else f" Columns {start + 1} and {stop}:"
        chunks.append([head, ""] + ["".join(" " * sep + c for c in row[start:stop]) for row in cells])
    return chunks


def _value_text(value):
    """(single-line text or None, list of lines) describing ``value`` as Octave prints it."""
    shown = getattr(value, "octave_display", None)     # a function handle (fhandles.py)
    if shown is not None:
        return shown()
    if isinstance(value, str):
        return value, None
    if isinstance(value, CharMatrix):
        return ("", None) if value.shape[0] == 0 else (None, [char_rows(value)])
    value = narrowed(value)
    if isinstance(value, complex):
        return _format_complex(value), None
    if isinstance(value, np.ndarray) and value.dtype.kind == "c":
        if value.size == 1:
            return _format_complex(complex(value.reshape(())[()])), None
        if value.size == 0 or value.ndim > 2:
            raise ValueError("display: empty or N-D complex arrays are not supported")
        return None, _complex_matrix_lines(value)
    if isinstance(value, (bool, numbers.Number, np.bool_, np.number)) and not isinstance(value, complex):
        return _format_scalar(value), None
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        if value.dtype == np.float32 and value.size == 1 and MODE == "fixed" and \
                PRECISION == 16 and np.isfinite(value).all():
            return _single_long(value.reshape(())[()]), None
        if value.dtype == np.float32 and not np.all(np.isfinite(value) & (value == np.round(value))):
            if not (MODE == "g" and PRECISION == 5 and value.size == 1):
                _short_only("single precision fractions")
        a = _arr(value)
        if a.size == 0:
            return f"[]({_dims(a)})", None
        if a.size == 1:
            v = a.reshape(())[()]
            return _format_scalar(v.item() if a.dtype.kind in "bf" else v), None
        if a.ndim > 2:
            _plain_only("an N-d array")
            return None, _nd_lines(a)
        chunks = _matrix_lines(value if isinstance(value, RangeArray) else a)
        title = "Diagonal Matrix" if isinstance(value, DiagArray) else \
            getattr(value, "octave_title", None)       # lu's Permutation Matrix
        if title:
            _plain_only(title.lower())
            chunks[0] = [title, ""] + chunks[0]
        return None, chunks
    if isinstance(value, np.ndarray) and value.dtype.kind == "U":
        return _value_text(_out(value))
    return None, [[line if line.startswith(" ") else "  " + line for line in repr(value).splitlines()]]


def _nd_lines(a):
    out = []
    for idx in np.ndindex(*a.shape[2:]):
        page = a[(slice(None), slice(None)) + idx]
        label = ",".join(str(i + 1) for i in idx)
        out.append(["", f"ans(:,:,{label}) =", ""] + [l for chunk in _matrix_lines(page) for l in chunk])
    return out


def _caught(value):
    """A caught error octakd cannot show as Octave's struct refuses here (see .errors)."""
    from .errors import CaughtError
    return value.as_struct() if isinstance(value, CaughtError) else value
def _refuse_handle(value, where):
    from .figures import GraphicsHandle
    if isinstance(value, GraphicsHandle):
        raise ValueError(f"{where}: showing a graphics handle is not supported (Octave's handle "
                         f"numbers have a random fraction octakd cannot reproduce)")


def display(name, value):
    """Print ``value`` the way Octave shows a statement without a semicolon (``x = 5``)."""
    if value is None:
        return
    value = _caught(value)
    if hasattr(type(value), "disp_text"):        # an object (containers.Map)
        print(f"{name} =\n\n{value.disp_text()}")
        return
    _refuse_handle(value, "display")
    if getattr(type(value), "octave_class", None) in ("cell", "struct"):
        if MODE != "g":       # under 'g', fields and elements show as scalars do (c3_format_g)
            _plain_only("a cell or struct")
        if COMPACT:
            raise ValueError("display: showing a cell or struct under 'format compact' is not "
                             "supported")
        from .show_containers import display_container
        return display_container(name, value)
    line, chunks = _value_text(value)
    if line is not None:
        print(f"{name} = {line}")
        return
    if COMPACT and isinstance(value, np.ndarray) and value.ndim > 2:
        raise ValueError("display: showing an N-d array under 'format compact' is not supported")
    if isinstance(value, np.ndarray) and value.ndim > 2:
        print(f"{name} =")
        print()
        for chunk in chunks:
            lines = [l.replace("ans(", f"{name}(", 1) for l in chunk[1:]]
            print("\n".join(lines))
        print()
        return
    if COMPACT:                 # the same lines without the blank ones, and one at the end
        print("\n".join([f"{name} ="] + [l for chunk in chunks for l in chunk if l]))
        print()
        return
    print(f"{name} =")
    print()
    for chunk in chunks:
        print("\n".join(chunk))
        print()


def disp(value):
    """Octave's ``disp``: the value without its name."""
    value = _caught(value)
    if hasattr(type(value), "disp_text"):        # an object (containers.Map)
        print(value.disp_text(), end="")
        return
    _refuse_handle(value, "disp")
    if getattr(type(value), "octave_class", None) in ("cell", "struct"):
        if MODE != "g":       # under 'g', fields and elements show as scalars do (c3_format_g)
            _plain_only("a cell or struct")
        from .show_containers import disp_container
        return disp_container(value)
    line, chunks = _value_text(value)
    if line is not None:
        print(line)             # an empty array shows as [](RxC), an empty string as a blank line
        return
    if COMPACT and len(chunks) > 1:
        raise ValueError("disp: a matrix split into columns under 'format compact' is not "
                         "supported")
    for k, chunk in enumerate(chunks):
        if len(chunks) > 1 and k:
            print()
        print("\n".join(chunk))


_MODES = {"g": "g", "e": "e"}
_JOINED = {"shortg": ("short", "g"), "longg": ("long", "g"), "shorte": ("short", "e"),
           "longe": ("long", "e")}


def octave_format(*words):
    """Octave's ``format``: ``short`` and ``long`` set the digits of displayed numbers (5 or 16
    significant), followed by ``g`` or ``e`` (``format long g``, also ``format longg``) for the
    general or exponent layouts of show_modes.py; ``compact`` and ``loose`` set the layout
    (compact drops the blank lines of a matrix display); ``format`` alone restores short, fixed
    and loose. Other modes are refused by the translator."""
    global PRECISION, E_LIMIT, COMPACT, MODE
    words = [w.lower() if isinstance(w, str) else w for w in words]
    if not words:
        words, COMPACT = ["short"], False
    if len(words) == 1 and words[0] in ("compact", "loose"):
        COMPACT = words[0] == "compact"      # the layout only; the digits stay
        return
    if len(words) == 1 and words[0] in _JOINED:
        words = list(_JOINED[words[0]])
    if words[0] not in _FORMATS or len(words) > 2 or len(words) == 2 and words[1] not in _MODES:
        raise ValueError(f"format: the mode {' '.join(map(str, words))!r} is not supported "
                         f"(only short, long, short g, long g, short e, long e, compact and "
                         f"loose)")
    PRECISION, E_LIMIT = _FORMATS[words[0]]
    MODE = _MODES[words[1]] if len(words) == 2 else "fixed"


def output_precision(*args):
    """Octave's ``output_precision``: the significant digits of displayed numbers (no
    argument), or set them. Any precision from 1 to 16 is supported under ``format short g``
    and ``format short e`` (and their long kin); under the fixed formats only 5 and 16 (those of
    ``format short`` and ``format long``), where Octave's switch to e-notation is measured."""
    global PRECISION, E_LIMIT
    if not args:
        return float(PRECISION)
    if len(args) > 1:
        raise ValueError("Invalid call to output_precision")
    n = np.asarray(args[0], dtype=np.float64)
    if n.size != 1 or n.reshape(())[()] != math.floor(n.reshape(())[()]) or \
            not 0 <= n.reshape(())[()] <= 16:
        raise ValueError("output_precision: arg must be an integer value between 0 and 16")
    n = int(n.reshape(())[()])
    if MODE == "fixed" and n not in (5, 16) or n == 0:
        raise ValueError(f"output_precision({n}) is not supported under the fixed formats "
                         f"(only 5 and 16, or any under format short g / short e)")
    PRECISION = n
    if MODE == "fixed":
        E_LIMIT = _FORMATS["short" if n == 5 else "long"][1]
