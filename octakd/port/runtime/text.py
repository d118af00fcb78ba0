"""Formatted text: ``printf``, ``fprintf``, ``sprintf``, ``num2str`` and string escapes.

The printf family follows Octave's rules: the template is reused until every argument is
consumed, matrices are consumed in column-major order, and a ``%d`` given a non-integer value
prints it as with ``%f``/``%g``.
"""
import builtins as _b
import math
import numbers
import re
import sys

import numpy as np

from .chars import CharMatrix
from .show import _special
from .values import _arr, _is_numeric, _scalar

__all__ = ["printf", "fprintf", "sprintf", "do_string_escapes", "num2str", "fflush"]
FUNCTIONS = {"printf": "void", "fprintf": "void", "fflush": "void",
             "sprintf": "str", "num2str": "str", "do_string_escapes": "str"}
MULTI_OUTPUT = set()


# ---------------------------------------------------------------------------- formatted text
_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "a": "\a", "r": "\r",
            "f": "\f", "v": "\v", "b": "\b"}


def do_string_escapes(text):
    """Octave's ``do_string_escapes``: turn ``\\n``, ``\\t``, ``\\\\``... into characters."""
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt in "01234567":
                j = i + 1
                while j < len(text) and j < i + 4 and text[j] in "01234567":
                    j += 1
                out.append(chr(int(text[i + 1:j], 8)))
                i = j
                continue
            if nxt == "x":
                j = i + 2
                while j < len(text) and j < i + 4 and text[j] in "0123456789abcdefABCDEF":
                    j += 1
                if j > i + 2:
                    out.append(chr(int(text[i + 2:j], 16)))
                    i = j
                    continue
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                i += 2
                continue
        out.append(c)
        i += 1
    return "".join(out)


def _parse_format(fmt):
    """Split a printf template into literal strings and (flags, width, precision, type) tuples."""
    import re
    parts = []
    pattern = re.compile(r"%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([lhLqjzt]*)([diouxXeEfFgGcs%])")
    pos = 0
    text = []
    while pos < len(fmt):
        if fmt[pos] == "%":
            m = pattern.match(fmt, pos)
            if m and m.group(5) == "%":
                text.append("%")
                pos = m.end()
                continue
            if m:
                if text:
                    parts.append("".join(text))
                    text = []
                parts.append((m.group(1), m.group(2), m.group(3), m.group(5)))
                pos = m.end()
                continue
        text.append(fmt[pos])
        pos += 1
    if text:
        parts.append("".join(text))
    return parts


_EMPTY = object()


class _Args:
    """The argument stream of printf: elements in column-major order, strings kept whole; an
    empty argument (``[]``, ``''``) is one item that a conversion consumes and prints as
    nothing (its width ignored), as in Octave. Of a complex argument GNU Octave 7 prints only
    the real parts (``%f``, ``%e``, ``%g``) and fails for an integer conversion."""

    def __init__(self, args):
        self.items = []
        self.complex = set()            # items that were complex: only their real parts print
        for a in args:
            if isinstance(a, complex) or isinstance(a, np.ndarray) and a.dtype.kind == "c":
                self.complex.add(len(self.items))
                a = np.real(a) if isinstance(a, np.ndarray) else a.real
            if isinstance(a, CharMatrix):           # its characters, column-major
                a = "".join(np.asarray(a).ravel(order="F").tolist())
            if isinstance(a, str):
                self.items.append(a if a else _EMPTY)
            elif isinstance(a, (bool, numbers.Number, np.bool_)):
                self.items.append(np.array([a], dtype=np.float64 if not isinstance(a, (numbers.Integral, bool, np.bool_)) else np.float64))
            elif isinstance(a, np.ndarray):
                self.items.append(np.asarray(a).ravel(order="F").astype(np.float64)
                                  if a.size else _EMPTY)
            else:
                raise TypeError(f"printf: wrong type argument '{type(a).__name__}'")
        self.k = 0      # current item
        self.j = 0      # position inside it

    def empty(self):
        return self.k >= len(self.items)

    def next(self, conv):
        item = self.items[self.k]
        if self.k in self.complex and conv not in "eEfFgG":
            raise TypeError("octave_base_value::int64_scalar_value(): wrong type argument "
                            "'complex scalar'" if conv in "diouxX" else
                            f"printf: %{conv} of a complex number is not supported")
        if item is _EMPTY:                 # an empty argument fills one conversion with nothing
            self.k += 1
            return _EMPTY
        if conv == "s" and self.j == 0:
            if isinstance(item, str):
                self.k += 1
                return item
            if np.all(item == np.round(item)) and np.all(item >= 0) and np.all(item < 128) \
                    and item.size > 1:
                self.k += 1
                return "".join(chr(int(v)) for v in item)
        value = item[self.j]
        value = float(ord(value)) if isinstance(item, str) else float(value)
        self.j += 1
        if self.j >= len(item):
            self.k += 1
            self.j = 0
        return value


_I64 = 2.0 ** 63
_U64 = 2.0 ** 64


def _convert(spec, value):
    """One conversion of a number or string, with GNU Octave 7's rules (recorded):

    * Inf/NaN print as text in the field width (a ``0`` flag and the precision dropped);
    * ``%d``/``%i`` of an integer up to 2^63 print it (clamped to the int64 range), and of any
      other number switch to ``%g`` with the same flags, width and precision;
    * ``%u %o %x %X`` likewise for integers from 0 to 2^64 (clamped to the uint64 range);
    * ``%s`` of a character code prints the character, of any other number nothing at all;
    * ``%c`` of a code prints the character, of a negative integer nothing, of a fraction
      ``%g`` with the same flags, width and precision.
    """
    flags, width, prec, conv = spec
    head = "%" + flags + (width or "") + ("." + prec if prec is not None else "")
    if isinstance(value, str):
        return (head + "s") % value
    if not math.isfinite(value):
        sign = "+" if value > 0 or value != value else ""   # Octave: '+' applies, ' ' not
        sign = sign if "+" in flags else ""
        return ("%" + flags.replace("0", "") + (width or "") + "s") % (sign + _special(value))
    whole = value == int(value)
    if conv in "sc":
        if whole and 128 <= value < 256:
            raise ValueError("printf: character codes 128 to 255 (bytes Octave writes raw) "
                             "are not supported")
        if whole and 0 <= value < (256 if conv == "s" else 0x110000):
            return (head + "s") % chr(int(value))
        if conv == "s" or whole and value < 0:
            return ""
        if whole:
            raise ValueError("printf: %c of a number past the Unicode range is not supported")
        return (head + "g") % value
    if conv in "di":
        if whole and value <= _I64:
            return _c_integer(flags, width, prec, "d",
                              _b.max(_b.min(int(value), 2 ** 63 - 1), -2 ** 63))
        return (head + "g") % value
    if conv in "uoxX":
        if whole and 0 <= value <= _U64:
            return _c_integer(flags, width, prec, conv, _b.min(int(value), 2 ** 64 - 1))
        return (head + "g") % value
    return (head + conv) % value


def _star_arguments(spec, stream):
    """A ``%*d``/``%.*f`` conversion with its width and precision taken from the arguments
    (integers from 0, as Octave requires); None when the arguments run out."""
    flags, width, prec, conv = spec
    taken = []
    for field in (width, prec):
        if field != "*":
            taken.append(field)
            continue
        if stream.empty():
            return None
        v = stream.next("d")
        if v is _EMPTY or isinstance(v, str) or not (0 <= v <= 2 ** 31 - 1) or v != int(v):
            raise ValueError("sprintf: invalid field width, must be integer >= 0 and <= INT_MAX")
        taken.append(str(int(v)))
    return flags, taken[0], taken[1], conv


def _c_integer(flags, width, prec, conv, v):
    """C's printf of an integer: a precision pads the digits with zeros (and cancels the 0
    flag); ``+`` and blank apply to %d only; ``#`` gives %o a leading 0 and %x/%X 0x/0X."""
    digits = format(_b.abs(v), {"d": "d", "u": "d", "o": "o", "x": "x", "X": "X"}[conv])
    if prec is not None:
        digits = "" if int(prec or 0) == 0 and v == 0 else digits.rjust(int(prec or 0), "0")
    sign = "-" if v < 0 else ("+" if "+" in flags else " " if " " in flags else "") \
        if conv == "d" else ""
    if "#" in flags and conv == "o" and not digits.startswith("0"):
        digits = "0" + digits
    if "#" in flags and conv in "xX" and v != 0:
        sign = "0" + conv
    n = int(width or 0)
    if "-" in flags:
        return (sign + digits).ljust(n)
    if "0" in flags and prec is None:
        return sign + digits.rjust(n - len(sign), "0")
    return (sign + digits).rjust(n)


def sprintf(fmt, *args):
    """Octave's ``sprintf``: the template is reused until every argument is consumed."""
    if not isinstance(fmt, str):
        raise TypeError("sprintf: format TEMPLATE must be a string")
    parts = _parse_format(fmt)
    stream = _Args(args)
    specs = [p for p in parts if not isinstance(p, str)]
    out = []
    if not args:                           # no arguments: the text up to the first conversion
        for p in parts:
            if not isinstance(p, str):
                break
            out.append(p)
        return "".join(out)
    if not specs:
        return "".join(parts)
    while True:
        for p in parts:
            if isinstance(p, str):
                out.append(p)
                continue
            if stream.empty():
                return "".join(out)
            p = _star_arguments(p, stream)
            if p is None or stream.empty():
                return "".join(out)
            value = stream.next(p[3])
            if value is _EMPTY:               # %s and %c still pad to their width
                out.append(("%" + p[0].replace("0", "") + (p[1] or "") + "s") % ""
                           if p[3] in "sc" else "")
            else:
                out.append(_convert(p, value))
        if stream.empty():
            return "".join(out)


def printf(fmt, *args):
    """Octave's ``printf``: format cycling over the arguments, matrices column-major."""
    sys.stdout.write(sprintf(fmt, *args))


def fprintf(*args):
    """Octave's ``fprintf([fid,] template, ...)``; fid 1 is stdout and 2 is stderr."""
    if args and not isinstance(args[0], str) and _is_numeric(args[0]) and np.size(args[0]) == 1:
        fid, args = int(_scalar(args[0], "fprintf")), args[1:]
    else:
        fid = 1
    if not args:
        return
    stream = {1: sys.stdout, 2: sys.stderr}.get(fid)
    if stream is None:
        raise ValueError(f"fprintf: invalid stream number = {fid} (files are not supported)")
    stream.write(sprintf(*args))


def fflush(fid=1):
    """Octave's ``fflush(stdout)``."""
    {1: sys.stdout, 2: sys.stderr}.get(int(fid), sys.stdout).flush()


def num2str(x, arg=None):
    """Octave's ``num2str(x)``, ``num2str(x, precision)``, ``num2str(x, format)``.

    The format (GNU Octave 7's rules): for a non-integer double, or one with more than 15
    integer digits, ``%{d+7}.{d}g`` with d = max(floor(log10(max|x|)) + 5, 5) capped at 16;
    for an integer-valued double ``%{d+3}.0f`` with d = floor(log10(max|x|)) (at least ``%5``
    when an Inf or NaN is present); ``%{d+3}d`` for integer types, ``%3d`` for logicals. A
    precision p gives ``%{p+7}.{p}g`` (``%{p}d`` for integer types and logicals). The format is
    repeated once per column (trailing blanks dropped), each row of x printed on its own line,
    and the lines become a char matrix with its common blank columns trimmed at both ends.
    """
    if isinstance(x, (str, CharMatrix)):
        return x
    if not (_is_numeric(x) or isinstance(x, np.ndarray) and x.dtype.kind in "biuf"):
        if isinstance(x, complex) or isinstance(x, np.ndarray) and x.dtype.kind == "c":
            return _num2str_complex(np.asarray(_arr(x)), arg)
        raise TypeError("num2str: X must be a numeric, logical, or character array")
    a = np.asarray(_arr(x))
    if a.size == 0:
        return ""
    if a.ndim > 2:
        raise ValueError("num2str: N-dimensional arrays are not supported")
    isfloat = a.dtype.kind == "f"
    if arg is not None:
        if isinstance(arg, str):
            fmt = arg
        else:
            p = _scalar(arg, "num2str")
            if not (p >= 0 and float(p).is_integer()):
                raise ValueError("num2str: PRECISION must be a scalar integer >= 0")
            fmt = f"%{int(p) + 7}.{int(p)}g" if isfloat else f"%{int(p)}d"
    elif a.dtype.kind == "b":
        fmt = "%3d"
    else:
        vals = a.astype(np.float64).ravel()
        valid = vals[np.isfinite(vals)]
        top = float(np.max(np.abs(valid))) if valid.size else 0.0
        ndgt = int(math.floor(math.log10(top))) if top > 0 else 0
        if ndgt > 15 or np.any(valid != np.trunc(valid)):
            ndgt = _b.min(_b.max(ndgt + 5, 5), 16)
            fmt = f"%{ndgt + 7}.{ndgt}g"
        else:
            ndgt += 3
            if valid.size < vals.size:
                ndgt = _b.max(ndgt, 5)
            fmt = f"%{ndgt}.0f" if isfloat else f"%{ndgt}d"
    fmt = do_string_escapes(fmt)
    convs = len(re.findall(r"%", fmt.replace("%%", "")))
    if not (convs > 1 or fmt in ("%s", "%c")):
        fmt = (fmt * a.shape[1]).rstrip(" \t\n\v\f\r\0") + "\n"
    text = sprintf(fmt, a.T if a.dtype.kind != "b" else a.T.astype(np.float64))
    rows = [r for r in text.split("\n") if r]
    return _trim_columns(rows)


def _trim_columns(rows):
    """Octave's ``strtrim(char(rows))``: pad the rows to one width, then drop the columns that
    are blank (isspace) in every row, at both ends."""
    if not rows:
        return ""
    width = _b.max(len(r) for r in rows)
    rows = [r.ljust(width) for r in rows]
    keep = [j for j in range(width) if _b.any(r[j] not in " \t\n\v\f\r" for r in rows)]
    if not keep:
        return ""
    return CharMatrix.from_rows([r[keep[0]:keep[-1] + 1] for r in rows])


def _num2str_complex(a, arg):
    """``num2str`` of complex numbers (GNU Octave 7's rules): each number as its real part
    with ``%{d+7}.{d}g`` (``%{d+3}.0f`` when both parts are integers) and its imaginary part
    with the same format, flags ``-+``, followed by ``i``; the blanks that padding leaves
    before an ``i`` move after it, and the rows are trimmed as for real numbers."""
    if a.size == 0:
        return ""
    if a.ndim > 2:
        raise ValueError("num2str: N-dimensional arrays are not supported")
    if arg is not None:
        if isinstance(arg, str):
            fmt = arg.rstrip(" \t\n\v\f\r\0") + "%-+" + arg[1:] + "i"
        else:
            p = _scalar(arg, "num2str")
            if not (p >= 0 and float(p).is_integer()):
                raise ValueError("num2str: PRECISION must be a scalar integer >= 0")
            p = int(p)
            fmt = f"%{p + 7}.{p}g%-+{p + 7}.{p}gi"
    else:
        re_, im = a.real, a.imag
        parts = np.concatenate([np.abs(re_[np.isfinite(re_)]), np.abs(im[np.isfinite(im)])])
        top = float(parts.max()) if parts.size else 0.0
        ndgt = int(math.floor(math.log10(top))) if top > 0 else 0
        both = np.isfinite(re_) & np.isfinite(im)
        if np.any(re_[both] != np.trunc(re_[both])) or np.any(im[both] != np.trunc(im[both])):
            ndgt = _b.min(_b.max(ndgt + 5, 5), 16)
            fmt = f"%{ndgt + 7}.{ndgt}g%-+{ndgt + 7}.{ndgt}gi"
        else:
            ndgt += 3
            fmt = f"%{ndgt}.0f%-+{ndgt}.0fi"
    interleaved = np.empty((a.shape[0], 2 * a.shape[1]))
    interleaved[:, 0::2], interleaved[:, 1::2] = a.real, a.imag
    row = (fmt * a.shape[1]).rstrip(" \t\n\v\f\r\0") + "\n"
    text = sprintf(row, interleaved.T)
    text = re.sub(r" +i\n", "i\n", text)
    text = re.sub(r"( +)i", lambda m: "i" + m.group(1), text)
    return _trim_columns(text[:-1].split("\n"))
