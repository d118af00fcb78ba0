"""Cells of strings: ``strsplit``, ``strjoin``, and ``sort``, ``unique``, ``ismember``,
``strcmp``/``strcmpi``/``strncmp`` when a cell is involved (the last four are reached through
the functions of :mod:`.reductions`, :mod:`.arrays` and :mod:`.strings`)."""
import numpy as np

from .cells import Cell
from .values import _num, _out

__all__ = ["strsplit", "strjoin"]
FUNCTIONS = {"strsplit": "other", "strjoin": "str"}
MULTI_OUTPUT = set()


# ------------------------------------------------------------------------ text and cells
def strsplit(s, sep=None, *options):
    """Octave's ``strsplit(s)`` (on whitespace ' ') and ``strsplit(s, sep)`` (a string or a
    cell of strings, escapes such as ``\\t`` expanded): a 1xN cell of the pieces, empty pieces
    kept (Octave's default ``CollapseDelimiters`` is true: runs of separators count as one)."""
    if not isinstance(s, str):
        raise TypeError("strsplit: S and SEP must be string values")
    collapse = True
    opts = list(options)
    while opts:
        if len(opts) < 2 or not isinstance(opts[0], str) or opts[0].lower() != "collapsedelimiters":
            raise ValueError("strsplit: only the 'CollapseDelimiters' option is supported")
        collapse = bool(np.all(_num(opts[1])))
        opts = opts[2:]
    from .text import do_string_escapes
    if sep is None:
        seps = [" "]
    elif isinstance(sep, str):
        seps = [do_string_escapes(sep)]
    elif isinstance(sep, Cell) and all(isinstance(v, str) for v in sep.values()):
        seps = [do_string_escapes(v) for v in sep.values()]
    else:
        raise TypeError("strsplit: S and SEP must be string values")
    seps = sorted((x for x in seps if x), key=len, reverse=True)
    pieces, start, k, last_sep = [], 0, 0, False
    while k < len(s):
        hit = next((x for x in seps if s.startswith(x, k)), None)
        if hit is None:
            k += 1
            last_sep = False
            continue
        if not (collapse and last_sep):
            pieces.append(s[start:k])
        k += len(hit)
        start = k
        last_sep = True
    pieces.append(s[start:])
    return Cell.of(pieces, (1, len(pieces)))


def strjoin(c, delimiter=" "):
    """Octave's ``strjoin(C, delimiter)``: the strings of the cell C joined (escapes of the
    delimiter expanded, as Octave's do_string_escapes does)."""
    from .text import do_string_escapes
    if not isinstance(c, Cell) or not all(isinstance(v, str) for v in c.values()) or \
            c.shape[0] > 1 and c.data.size:
        raise TypeError("strjoin: CSTR must be a cell array of strings")
    if not isinstance(delimiter, str):
        raise TypeError("strjoin: DELIMITER must be a string")
    return do_string_escapes(delimiter).join(c.values())


# ------------------------------------------------------------------ cells of strings
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}

def _strings(c, where):
    vals = c.values()
    if not all(isinstance(v, str) for v in vals):
        raise TypeError(f"{where}: only cell arrays of character strings may be sorted")
    return vals


def sort_cellstr(c, descend=False, nargout=1):
    """``sort(C)`` of a cell of strings: code-point order, C's shape; ``[s, i]`` adds the
    1-based positions (stable for equal strings)."""
    vals = _strings(c, "sort")
    if c.data.size and 1 not in c.shape:
        raise ValueError("sort: a cell matrix of strings is not supported (only vectors)")
    order = sorted(range(len(vals)), key=lambda k: vals[k], reverse=descend)
    s = Cell.of([vals[k] for k in order], c.shape)
    if nargout > 1:
        return s, _out(np.array([k + 1.0 for k in order]).reshape(c.shape))
    return s


def unique_cellstr(c, nargout=1):
    """``unique(C)`` of a cell of strings: the sorted distinct strings (a row for a row C,
    else a column); ``[u, i, j]``: first positions i and ``C = u(j)``, both columns."""
    vals = _strings(c, "unique")
    distinct = sorted(set(vals))
    first = [vals.index(v) + 1.0 for v in distinct]
    where = {v: k + 1.0 for k, v in enumerate(distinct)}
    shape = (1, len(distinct)) if c.shape[0] == 1 and c.data.size else (len(distinct), 1)
    u = Cell.of(distinct, shape)
    if nargout <= 1:
        return u
    col = lambda xs: _out(np.array(xs, dtype=np.float64).reshape(-1, 1))   # noqa: E731
    return (u, col(first), col([where[v] for v in vals]))[:nargout]


def ismember_cellstr(a, s, nargout=1):
    """``ismember(a, S)`` with S a cell of strings: ``a`` a string (one answer) or a cell of
    strings (answers in its shape); ``[tf, loc]`` adds the 1-based position in S, the last one
    when S holds the string more than once (as Octave 7 does)."""
    pool = s.values()
    last = {x: k + 1 for k, x in enumerate(pool) if isinstance(x, str)}

    def loc_of(x):
        return float(last.get(x, 0)) if isinstance(x, str) else 0.0
    if isinstance(a, str):
        loc = loc_of(a)
        return (loc > 0, loc) if nargout > 1 else loc > 0
    if not isinstance(a, Cell):
        raise TypeError("ismember: A and S must be strings or cells of strings")
    locs = np.array([loc_of(x) for x in a.values()]).reshape(a.shape, order="F")
    tf = _out(locs > 0)
    return (tf, _out(locs)) if nargout > 1 else tf


def strcmp_cells(a, b, fold=False, n=None):
    """``strcmp`` (``strcmpi`` with ``fold``, ``strncmp`` with ``n``) when a cell is involved:
    a logical array of the cell's shape (element by element for two cells of one shape, a 1x1
    cell compared with every element)."""
    def same(x, y):
        if not (isinstance(x, str) and isinstance(y, str)):
            return False
        if fold:
            x, y = x.translate(_ASCII_LOWER), y.translate(_ASCII_LOWER)
        if n is not None:
            return len(x) >= n and len(y) >= n and x[:n] == y[:n]
        return x == y
    if isinstance(a, Cell) and isinstance(b, Cell):
        if a.shape != b.shape and a.data.size != 1 and b.data.size != 1:
            raise ValueError("strcmp: nonconformant cell arrays")
        if a.data.size == 1 and b.data.size != 1:
            a, b = b, a
        other = b.values() * a.data.size if b.data.size == 1 else b.values()
        flags, shape = [same(x, y) for x, y in zip(a.values(), other)], a.shape
    else:
        c, x = (a, b) if isinstance(a, Cell) else (b, a)
        flags, shape = [same(v, x) for v in c.values()], c.shape
    res = np.array(flags, dtype=bool).reshape(shape, order="F")
    return bool(res.reshape(())) if res.size == 1 else res
