"""Octave's string functions: ``upper``, ``lower``, ``strtrim``, ``strrep``, ``strcat``,
``blanks``, ``strfind``, ``strcmpi``, ``strncmp``, ``strncmpi``, ``int2str``, ``mat2str``,
``str2double`` and ``str2num``.

A string is a Python ``str`` (a 1xN char row); a multi-row char array is a
:class:`~.chars.CharMatrix`. Cell arrays of strings are not handled here: each function raises
for an argument it does not handle rather than guess. ``str2num`` parses only numeric literals
and matrices of them; it never evaluates text.
"""
import math
import numbers
import re

import numpy as np

from .chars import CharMatrix, char_rows
from .values import _arr, _is_numeric, _out, _scalar

__all__ = ["upper", "lower", "toupper", "tolower", "strtrim", "strrep", "strcat", "blanks",
           "strfind", "strcmpi", "strncmp", "strncmpi", "int2str", "mat2str", "str2double",
           "str2num", "deblank", "strtok"]
FUNCTIONS = {"upper": "str", "lower": "str", "toupper": "str",
             "tolower": "str", "strtrim": "str", "deblank": "str", "strrep": "str",
             "strcat": "str", "blanks": "str", "strfind": "num", "strcmpi": "scalar",
             "strncmp": "scalar", "strncmpi": "scalar", "int2str": "str", "mat2str": "str",
             "str2double": "num", "str2num": "num", "strtok": "str"}
MULTI_OUTPUT = {"strtok"}


def _text(x, where, what="STR"):
    if not isinstance(x, str):
        raise TypeError(f"{where}: {what} must be a string (this port handles only strings here)")
    return x


def _each(x, fn):
    """``fn`` on every element of a cell (a cell of the results), or None for a non-cell."""
    if getattr(type(x), "octave_class", None) != "cell":
        return None
    from .cells import Cell
    return Cell.of([fn(v) for v in x.values()], x.shape)


def _case(x, convert, where):
    got = _each(x, lambda v: _case(v, convert, where))
    if got is not None:
        return got
    if isinstance(x, str):
        return convert(x)
    if isinstance(x, CharMatrix):
        return CharMatrix.from_rows([convert(r) for r in char_rows(x)])
    if _is_numeric(x) or isinstance(x, np.ndarray) and x.dtype.kind in "biufc":
        return x                                  # Octave returns numbers unchanged
    raise TypeError(f"{where}: cell arrays are not supported here")


def _ascii_upper(s):
    return "".join(chr(ord(c) - 32) if "a" <= c <= "z" else c for c in s)


def _ascii_lower(s):
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in s)


def upper(x):
    """Octave's ``upper``: ASCII letters to upper case; numbers are returned unchanged."""
    return _case(x, _ascii_upper, "upper")


def lower(x):
    """Octave's ``lower``: ASCII letters to lower case; numbers are returned unchanged."""
    return _case(x, _ascii_lower, "lower")


toupper, tolower = upper, lower

_WHITE = " \t\n\v\f\r"      # isspace: NUL is not whitespace


def strtrim(s):
    """Octave's ``strtrim``: drop leading and trailing whitespace (not NULs); of a char
    matrix, the columns blank in every row at both ends; of a cell, each string."""
    got = _each(s, strtrim)
    if got is not None:
        return got
    if isinstance(s, CharMatrix):
        from .text import _trim_columns
        return _trim_columns(char_rows(s))
    return _text(s, "strtrim", "S").strip(_WHITE)


def deblank(s):
    """Octave's ``deblank``: drop trailing whitespace and NULs (of each string of a cell)."""
    got = _each(s, deblank)
    if got is not None:
        return got
    return _text(s, "deblank", "S").rstrip(_WHITE + "\0")


def strrep(s, ptn, rep):
    """Octave's ``strrep``: replace every occurrence of ``ptn``, overlapping ones included.

    Octave finds all (possibly overlapping) matches first; where matches overlap, each one's
    replacement is written and the overlapped characters are consumed once, so
    ``strrep('aaa', 'aa', 'b')`` is ``'bb'``. Of a cell, each string.
    """
    got = _each(s, lambda v: strrep(v, ptn, rep))
    if got is not None:
        return got
    s, ptn, rep = _text(s, "strrep"), _text(ptn, "strrep", "PTN"), _text(rep, "strrep", "REP")
    if not ptn or len(ptn) > len(s):
        return s
    starts = [i for i in range(len(s) - len(ptn) + 1) if s.startswith(ptn, i)]
    out, pos = [], 0
    for i in starts:
        out.append(s[pos:i] if i >= pos else "")
        out.append(rep)
        pos = max(pos, i + len(ptn))
    out.append(s[pos:])
    return "".join(out)


def strcat(*args):
    """Octave's ``strcat`` of strings: trailing whitespace of each char argument is removed.

    A number argument becomes the character of that code (``strcat('x', 65)`` is ``'xA'``).
    """
    parts = []
    for a in args:
        if isinstance(a, str):
            parts.append(a.rstrip(" \t\n\v\f\r\0"))
        elif _is_numeric(a) and not isinstance(a, np.ndarray) or \
                isinstance(a, np.ndarray) and a.dtype.kind in "biuf" and a.ndim == 2 and a.shape[0] == 1:
            parts.append("".join(chr(int(v)) for v in _arr(a).ravel()))
        else:
            raise TypeError("strcat: only strings (and numbers as character codes) are supported")
    return "".join(parts)


def blanks(n):
    """Octave's ``blanks(n)``: a string of n spaces."""
    k = _scalar(n, "blanks")
    if k != int(k) or k < 0:
        raise ValueError("blanks: N must be a non-negative integer")
    try:
        return " " * int(k)
    except (MemoryError, OverflowError):
        raise MemoryError("blanks: out of memory or dimension too large for Octave's index "
                          "type") from None


def strfind(s, ptn):
    """Octave's ``strfind``: the 1-based starts of every (overlapping) occurrence, a row."""
    s, ptn = _text(s, "strfind"), _text(ptn, "strfind", "PATTERN")
    starts = [i + 1 for i in range(len(s) - len(ptn) + 1) if ptn and s.startswith(ptn, i)]
    if not starts:
        return np.zeros((0, 0))                   # Octave 7: [](0x0) whenever nothing is found
    return _out(np.array([starts], dtype=np.float64))


def _compare(a, b, n, fold):
    if "cell" in (getattr(type(a), "octave_class", None), getattr(type(b), "octave_class", None)):
        from .cellstr import strcmp_cells             # element by element, in the cell's shape
        return strcmp_cells(a, b, fold, n)
    if not (isinstance(a, str) and isinstance(b, str)):
        if isinstance(a, (CharMatrix,)) or isinstance(b, (CharMatrix,)) or \
                isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
            raise TypeError("string comparison of char matrices or cells is not supported")
        return False
    if fold:
        a, b = _ascii_lower(a), _ascii_lower(b)
    if n is None:
        return a == b
    return len(a) >= n and len(b) >= n and a[:n] == b[:n]


def _count(n, where):
    k = _scalar(n, where)
    if k != int(k) or k <= 0:
        raise ValueError(f"{where}: N must be greater than 0")
    return int(k)


def strcmpi(a, b):
    """Octave's ``strcmpi``: equal strings, ignoring ASCII case; false for non-strings."""
    return _compare(a, b, None, True)


def strncmp(a, b, n):
    """Octave's ``strncmp``: the first n characters equal (false when either is shorter)."""
    return _compare(a, b, _count(n, "strncmp"), False)


def strncmpi(a, b, n):
    """Octave's ``strncmpi``: ``strncmp`` ignoring ASCII case."""
    return _compare(a, b, _count(n, "strncmpi"), True)


def strtok(s, delim=None, nargout=1):
    """Octave's ``[tok, rem] = strtok(str[, delim])``: the first token after any leading
    delimiters (whitespace by default), and the rest from the delimiter that ends it."""
    s = _text(s, "strtok", "STR")
    if delim is not None and not isinstance(delim, str):
        raise TypeError("strtok: DELIM must be a string")
    is_delim = (lambda c: c in _WHITE) if not delim else (lambda c: c in delim)
    start = next((i for i, c in enumerate(s) if not is_delim(c)), len(s))
    stop = next((i for i in range(start, len(s)) if is_delim(s[i])), len(s))
    tok, rem = s[start:stop], s[stop:]
    return (tok, rem) if nargout > 1 else tok


# ------------------------------------------------------------------------- numbers as text
def int2str(x):
    """Octave's ``int2str``: each element rounded (halves away from zero) and printed with
    ``%{d+3}.0f``, d = floor(log10(max|x|)) (at least ``%5.0f`` with an Inf or NaN), the
    columns joined and the rows trimmed as ``num2str`` does."""
    from .text import _trim_columns, sprintf
    if isinstance(x, (str, CharMatrix)):
        return x
    a = np.asarray(_arr(x))
    if a.size == 0:
        return ""
    if a.ndim > 2:
        raise ValueError("int2str: N-dimensional arrays are not supported")
    a = np.real(a).astype(np.float64)
    a = np.where(np.isfinite(a), np.sign(a) * np.floor(np.abs(a) + 0.5), a)
    valid = a[np.isfinite(a)]
    top = float(np.max(np.abs(valid))) if valid.size else 0.0
    ndgt = (int(math.floor(math.log10(top))) if top > 0 else 0) + 3
    if valid.size < a.size:
        ndgt = max(ndgt, 5)
    text = sprintf(f"%{ndgt}.0f" * a.shape[1] + "\n", a.T)
    return _trim_columns([r for r in text.split("\n") if r])


def _g(v, prec):
    """One number as mat2str writes it: ``%.{prec}g``, with Inf, -Inf and NaN spelled out."""
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Inf" if v > 0 else "-Inf"
    return f"{v:.{prec}g}"


def mat2str(x, n=None, cls=None):
    """Octave's ``mat2str(x[, n])``: ``[1 2;3 4.5]``; a scalar without brackets; logicals as
    ``true``/``false``; numbers with ``%.15g`` (or ``%.{n}g``)."""
    if cls is not None:
        raise ValueError("mat2str: the 'class' option is not supported")
    if isinstance(x, (str, CharMatrix)):
        raise ValueError("mat2str: X must be two dimensional")    # Octave 7 refuses char too
    a = _arr(x)
    if a.ndim > 2:
        raise ValueError("mat2str: X must be two dimensional")
    prec = 15 if n is None else int(_scalar(n, "mat2str"))
    if a.dtype.kind == "c":
        def cell(z):
            im = float(z.imag)
            sign = "-" if math.copysign(1.0, im) < 0 else "+"
            return _g(float(z.real), prec) + sign + _g(abs(im), prec) + "i"
    elif a.dtype.kind == "b":
        cell = lambda v: "true" if v else "false"        # noqa: E731
    elif a.dtype.kind in "iu":
        cell = lambda v: str(int(v))                     # noqa: E731
    else:
        cell = lambda v: _g(float(v), prec)              # noqa: E731
    rows = [" ".join(cell(v) for v in row) for row in a]
    if a.size == 1:
        return rows[0]
    if a.size == 0:
        return "[]"                                # Octave 7.3, for zeros(0, 3) too
    return "[" + ";".join(rows) + "]"


# ASCII only (re.ASCII): other scripts' digits and spaces ('١٢', '１２') are not numbers in Octave
_VALUE = r"(?:inf|nan|na|(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)"
_TERM = re.compile(r"\s*(?P<sign>[+-])?\s*(?:(?P<v>%s)(?:\s*\*?\s*(?P<i>[ij]))?|"
                   r"(?P<i2>[ij])(?:\s*\*?\s*(?P<v2>%s))?)" % (_VALUE, _VALUE),
                   re.IGNORECASE | re.ASCII)


def _value(text):
    word = text.lower()
    if word.startswith("inf"):
        return math.inf
    if word == "nan":
        return math.nan
    if word == "na":
        from .show import _NA_BITS
        return float(np.array(_NA_BITS, dtype=np.uint64).view(np.float64))
    value = float(text.replace(",", ""))
    return value if math.isfinite(value) else math.nan     # '1e400' overflows: NaN in Octave 7


def str2double(s):
    """Octave's ``str2double`` of one string: the number it spells, else NaN.

    A number is a real term, an imaginary term, or one of each joined by a sign: a term is an
    optional sign (blanks may follow it), digits with optional thousands commas, a decimal
    part, an exponent with ``e``, or ``Inf``/``NaN``/``NA`` in any case (ASCII only; a
    number too large for a double is NaN); an
    imaginary term adds ``i`` or ``j`` (``2i``, ``2*i``, ``i*2``, ``i``). Anything else, and
    any non-string, is NaN, as in Octave.
    """
    if not isinstance(s, str):
        if isinstance(s, (list, tuple, CharMatrix)):
            raise TypeError("str2double: cells and char matrices are not supported")
        return math.nan
    terms, pos = [], 0
    while pos < len(s) and len(terms) < 2:
        m = _TERM.match(s, pos)
        if not m or (terms and not m.group("sign")):
            break
        sign = -1.0 if m.group("sign") == "-" else 1.0
        if m.group("v") is not None:
            terms.append((m.group("i") is not None, sign * _value(m.group("v"))))
        else:
            terms.append((True, sign * (_value(m.group("v2")) if m.group("v2") else 1.0)))
        pos = m.end()
    if not terms or s[pos:].strip(" \t\n\v\f\r") or (len(terms) == 2 and terms[0][0] == terms[1][0]):
        return math.nan
    if len(terms) == 1 and not terms[0][0]:
        return terms[0][1]
    real = next((v for imag, v in terms if not imag), 0.0)
    return complex(real, next(v for imag, v in terms if imag))


_S2N_TOKEN = re.compile(r"\s*(?:(?P<num>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)|"
                        r"(?P<word>Inf|inf|NaN|nan|pi|true|false)|(?P<op>[-+\[\],;\n]))",
                        re.ASCII)


def str2num(s):
    """Octave's ``str2num`` for numeric text only: numbers (optionally signed), ``Inf``,
    ``NaN``, ``pi``, ``true``, ``false``, separated by spaces or commas, rows by ``;`` or new
    lines, optionally inside one pair of brackets. Octave evaluates the text; this port never
    does, and raises for any other text."""
    if not isinstance(s, str):
        raise TypeError("str2num: S must be a string or string array")
    text = s.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    rows, row, pos, sign, logical = [], [], 0, 1.0, True
    words = {"Inf": math.inf, "inf": math.inf, "NaN": math.nan, "nan": math.nan, "pi": math.pi,
             "true": True, "false": False}
    expect_value = True
    while pos < len(text):
        m = _S2N_TOKEN.match(text, pos)
        if not m or m.end() == pos:
            if text[pos:].strip() == "":
                break
            raise ValueError(f"str2num: only numeric text is supported (not {s!r})")
        pos = m.end()
        if m.group("num") or m.group("word"):
            v = words[m.group("word")] if m.group("word") else float(m.group("num"))
            logical = logical and isinstance(v, bool)
            row.append(sign * float(v) if not isinstance(v, bool) or sign != 1.0 else v)
            sign, expect_value = 1.0, False
        elif m.group("op") in "+-":
            spaced_sign = m.group(0) != m.group(0).lstrip() and text[pos:pos + 1] not in " \t"
            if not expect_value and not spaced_sign:   # "1 - 2", "1-2": arithmetic, refused
                raise ValueError(f"str2num: only numeric text is supported (not {s!r})")
            sign = -sign if m.group("op") == "-" else sign
            expect_value = True
        elif m.group("op") in "[]":
            raise ValueError(f"str2num: only numeric text is supported (not {s!r})")
        elif m.group("op") == ",":
            if expect_value:
                raise ValueError(f"str2num: only numeric text is supported (not {s!r})")
            expect_value = True
        else:                                          # ; or a new line: a new row
            if row:
                rows.append(row)
            row, expect_value = [], True
    if sign != 1.0 or (expect_value and row):
        raise ValueError(f"str2num: only numeric text is supported (not {s!r})")
    if row:
        rows.append(row)
    if not rows:
        return np.zeros((0, 0))
    if len({len(r) for r in rows}) != 1:
        raise ValueError("vertical dimensions mismatch")
    a = np.array(rows, dtype=bool if logical else np.float64)
    return _out(a)
