"""Octave's reductions, sorting and set functions: sum, prod, cumsum, cumprod, mean, median,
mode, std, var (each along the first non-singleton dimension or ``dim``), sort, unique, find,
any, all, histc, accumarray, ismember.
"""
import math
import sys

import numpy as np

from .complex_order import order_keys
from .chars import _no_char_matrix
from .core import _arr, _num, _out, _scalar
from .values import numeric_array

__all__ = ["sum", "prod", "cumsum", "cumprod", "mean", "median", "mode", "std", "var",
           "sort", "unique", "find", "any", "all", "histc", "accumarray", "ismember", "nnz", "sumsq"]
FUNCTIONS = {name: "num" for name in __all__}
MULTI_OUTPUT = {"sort", "unique", "find", "ismember", "mode"}


def _data(x, where):
    return numeric_array(x, where)


def _dim(a, dim, where):
    """The 0-based axis: ``dim`` - 1, or the first dimension whose size is not 1."""
    if dim is None:
        return next((k for k, s in enumerate(a.shape) if s != 1), 0)
    d = _scalar(dim, where)
    if d != int(d) or d < 1:
        raise ValueError(f"{where}: DIM must be a valid dimension")
    return int(d) - 1


def _along(func, x, dim, where, empty, complex_ok=False):
    """Apply ``func(a, axis)`` (keeping the axis) along Octave's reduction dimension."""
    a = numeric_array(x, where, "biufc" if complex_ok else "biuf")
    if dim is None and a.shape == (0, 0):
        return empty
    ax = _dim(a, dim, where)
    if ax >= a.ndim:                       # sum(A, 3) of a matrix: A itself
        res = func(a.reshape(a.shape + (1,) * (ax + 1 - a.ndim)), ax)
        return _out(res.reshape(res.shape[:max(2, a.ndim)]))
    return _out(func(a, ax))


def sum(x, dim=None):
    """Octave's ``sum(x[, dim])``: added one element after the other, as Octave's loop does."""
    return _along(lambda a, k: _sequential_sum(a, k, _acc(a)), x, dim, "sum", 0, True)


def sumsq(x, dim=None):
    """Octave's ``sumsq(x[, dim])``: the sum of the squares, added left to right as ``sum``
    (integers and logicals give double, single stays single)."""
    def squares(a, k):
        b = a.astype(_acc(a))
        return _sequential_sum(b * b, k, b.dtype)
    return _along(squares, x, dim, "sumsq", 0)


def _sequential_sum(a, k, dtype):
    """The sum along axis k, kept (size 1), accumulated left to right.

    NumPy's np.sum adds in pairs and in eight interleaved partial sums, so from 8 elements on its
    last bit can differ from Octave's plain loop, and ``format long`` shows it. A running sum
    (np.cumsum) adds in Octave's order; its last element is the sum."""
    if a.shape[k] == 0:
        return np.sum(a, axis=k, keepdims=True, dtype=dtype)
    return np.take(np.cumsum(a, axis=k, dtype=dtype), [-1], axis=k)


def _acc(a):
    """The type of Octave 7's sums and products: single stays single, complex stays complex,
    everything else (integer types and logicals included) becomes double."""
    if a.dtype.kind == "c":
        return a.dtype
    return np.float32 if a.dtype == np.float32 else np.float64


def prod(x, dim=None):
    """Octave's ``prod(x[, dim])``."""
    return _along(lambda a, k: np.prod(a, axis=k, keepdims=True, dtype=_acc(a)), x, dim, "prod", 1,
                  True)


def cumsum(x, dim=None):
    """Octave's ``cumsum(x[, dim])``: running sums, the same size as x."""
    return _along(lambda a, k: np.cumsum(a, axis=k, dtype=_acc(a)), x, dim, "cumsum",
                  np.zeros((0, 0)), True)


def cumprod(x, dim=None):
    """Octave's ``cumprod(x[, dim])``: running products, the same size as x."""
    return _along(lambda a, k: np.cumprod(a, axis=k, dtype=_acc(a)), x, dim, "cumprod",
                  np.zeros((0, 0)), True)


def mean(x, dim=None):
    """Octave's ``mean(x[, dim])``: sum(x) / n; NaN for ``[]``. A complex sum is divided part by
    part (NumPy's complex / real divides by n + 0i, whose last bit can differ)."""
    def mean_along(a, k):
        if not a.shape[k]:
            return np.full(_reduced(a, k), math.nan)
        if a.dtype.kind == "c":
            total = _sequential_sum(a.astype(np.complex128), k, np.complex128)
            return total.real / a.shape[k] + 1j * (total.imag / a.shape[k])
        return _sequential_sum(a.astype(np.float64), k, np.float64) / a.shape[k]
    return _along(mean_along, x, dim, "mean", math.nan, True)


def _reduced(a, k):
    return tuple(1 if i == k else s for i, s in enumerate(a.shape))


def median(x, dim=None):
    """Octave's ``median(x[, dim])``: the middle value (mean of the two middle ones); NaN when
    the slice holds a NaN. An empty x is Octave's error."""
    if _data(x, "median").size == 0:
        from .functions import OctaveError
        raise OctaveError("", "median: X cannot be an empty matrix")

    def med(a, k):
        if not a.shape[k]:
            return np.full(_reduced(a, k), math.nan)
        m = np.median(a.astype(np.float64), axis=k, keepdims=True)
        m[np.any(np.isnan(a), axis=k, keepdims=True)] = math.nan
        return m
    return _along(med, x, dim, "median", math.nan)


def mode(x, dim=None, nargout=1):
    """Octave's ``mode(x[, dim])``: the most frequent value, the smallest one on a tie;
    ``[m, f, c] = mode(...)`` adds the frequency and a cell of the tied values (sets.mode_ties)."""
    if dim is None and _data(x, "mode").shape == (0, 0):
        return np.zeros((1, 0))                     # mode([]) is [](1x0), as in Octave
    if nargout > 1:
        m = mode(x, dim)
        a = _data(x, "mode")
        if a.shape == (0, 0) and dim is None:
            raise ValueError("mode: the outputs f and c of an empty x are not supported")
        ax = _dim(a, dim, "mode")
        mm = _arr(m)
        f = _out(np.sum(a.astype(np.float64) == mm, axis=ax, keepdims=True).astype(np.float64))
        from .sets import mode_ties
        return (m, f, mode_ties(a, ax))[:nargout]

    def most(a, k):
        moved = np.moveaxis(a.astype(np.float64), k, -1)
        out = np.empty(moved.shape[:-1])
        for idx in np.ndindex(*moved.shape[:-1]):
            values, counts = np.unique(moved[idx], return_counts=True, equal_nan=False)
            out[idx] = values[np.argmax(counts)] if values.size else math.nan
        return np.expand_dims(out, k)
    return _along(most, x, dim, "mode", math.nan)


def _opt(opt, where):
    if opt is None or (isinstance(opt, np.ndarray) and opt.size == 0):
        return 0
    o = _scalar(opt, where)
    if o not in (0, 1):
        raise ValueError("var: W must be 0, 1, or a vector of positive integers")
    return int(o)


def var(x, opt=None, dim=None):
    """Octave's ``var(x[, opt[, dim]])``, as var.m computes it: sumsq(x - mean(x)) / (n - 1 + opt),
    every sum added left to right (mean is sum(x) / n); a single value gives 0, or NaN when it
    is NaN or Inf."""
    o = _opt(opt, "var")

    def v(a, k):
        a = a.astype(np.float64)
        n = a.shape[k]
        if n == 1:
            return np.where(np.isfinite(a), 0.0, math.nan)
        centred = a - _sequential_sum(a, k, np.float64) / n
        return _sequential_sum(centred * centred, k, np.float64) / (n - 1 + o)
    return _along(v, x, dim, "var", math.nan)


def std(x, opt=None, dim=None):
    """Octave's ``std(x[, opt[, dim]])``: sqrt(var(x, opt, dim))."""
    v = var(x, opt, dim)
    return _out(np.sqrt(_arr(v))) if isinstance(v, np.ndarray) else math.sqrt(v)


def nnz(x):
    """Octave's ``nnz(x)``: the number of nonzero elements (NaN counts as nonzero)."""
    a = numeric_array(x, "nnz", "biufc")
    return float(np.count_nonzero(a))


def any(x, dim=None):
    """Octave's ``any(x[, dim])``: true where a slice holds a nonzero that is not NaN (Octave's
    ``any(NaN)`` is false, where ``all(NaN)`` is true)."""
    def nonzero(a):
        return (a != 0) & ~np.isnan(a) if a.dtype.kind in "fc" else a != 0
    if dim is None and 1 in _arr(_num(x)).shape:
        return bool(np.any(nonzero(_arr(_num(x)))))
    return _along(lambda a, k: np.any(nonzero(a), axis=k, keepdims=True), x, dim, "any", False)


def all(x, dim=None):
    """Octave's ``all(x[, dim])``: true where a slice is all nonzero."""
    if dim is None and 1 in _arr(_num(x)).shape:
        return bool(np.all(_arr(_num(x))))
    return _along(lambda a, k: np.all(a, axis=k, keepdims=True), x, dim, "all", True)


def sort(x, *args, nargout=1):
    """Octave's ``sort(x[, dim][, 'ascend'|'descend'])``: stable; NaN last ascending, first
    descending; ``[s, i] = sort(...)`` adds the 1-based indices."""
    _no_char_matrix(x, "sort")
    dim, descend = None, False
    for arg in args:
        if isinstance(arg, str):
            if arg.lower() not in ("ascend", "descend"):
                raise ValueError('sort: MODE must be either "ascend" or "descend"')
            descend = arg.lower() == "descend"
        else:
            dim = arg
    if getattr(type(x), "octave_class", None) == "cell":
        from .cellstr import sort_cellstr
        return sort_cellstr(x, descend, nargout)
    if isinstance(x, str):
        order = sorted(range(len(x)), key=lambda k: x[k], reverse=descend)
        s = "".join(x[k] for k in order)
        return (s, np.array([[k + 1.0 for k in order]])) if nargout > 1 else s
    if np.iscomplexobj(_num(x)):
        return _sort_complex(x, dim, descend, nargout)
    a = _data(x, "sort")
    ax = _dim(a, dim, "sort")
    if descend:                                    # NaN first (before Inf), then largest
        values = a.astype(np.float64)
        nan = np.isnan(values)
        idx = np.lexsort((np.where(nan, 0.0, -values), ~nan), axis=ax)
    else:
        idx = np.argsort(a, axis=ax, kind="stable")
    s = np.take_along_axis(a, idx, axis=ax)
    if nargout > 1:
        return _out(s), _out(idx + 1.0)
    return _out(s)


def _sort_complex(x, dim, descend, nargout):
    """Octave's sort of complex values: by modulus, then argument (see .complex_order); stable,
    and 'descend' reverses both keys."""
    a = _arr(_num(x)).astype(np.complex128)
    if np.isnan(a).any():
        raise ValueError("sort: complex values with NaN are not supported by octakd run")
    ax = _dim(a, dim, "sort")
    modulus, argument = order_keys(a)
    if descend:
        modulus, argument = -modulus, -argument
    moved = [np.moveaxis(k, ax, -1) for k in (modulus, argument)]
    flat_m, flat_a = (k.reshape(-1, k.shape[-1]) for k in moved)
    idx = np.array([np.lexsort((a_row, m_row)) for m_row, a_row in zip(flat_m, flat_a)],
                   dtype=np.intp)
    idx = np.moveaxis(idx.reshape(moved[0].shape), -1, ax)
    s = np.take_along_axis(a, idx, axis=ax)
    if nargout > 1:
        return _out(s), _out(idx + 1.0)
    return _out(s)


def unique(x, *options, nargout=1):
    """Octave's ``unique(x)``: the sorted distinct values (a row for a row vector, else a
    column); ``[u, i, j]``: u = x(i) (first occurrences) and x = u(j), i and j columns."""
    if getattr(type(x), "octave_class", None) == "cell":
        from .cellstr import unique_cellstr
        return unique_cellstr(x, nargout)
    _no_char_matrix(x, "unique")
    if options:
        if isinstance(x, str):
            raise TypeError("unique: options with a string are not supported")
        from .sets import unique_with
        return unique_with(x, options, nargout)
    if isinstance(x, str):
        chars, first, inverse = np.unique(list(x), return_index=True, return_inverse=True)
        res = "".join(chars.tolist())
        outs = (res, _out((first + 1.0).reshape(-1, 1)), _out((inverse + 1.0).reshape(-1, 1)))
        return outs[:nargout] if nargout > 1 else res
    a = _data(x, "unique")
    flat = a.ravel(order="F")
    u, first, inverse = np.unique(flat, return_index=True, return_inverse=True)
    shape = (1, -1) if a.ndim == 2 and a.shape[0] == 1 and a.size else (-1, 1)
    res = _out(u.reshape(shape)) if u.size else np.zeros((0, 1) if a.size else a.shape)
    if nargout <= 1:
        return res
    i = _out((first + 1.0).reshape(-1, 1))
    j = _out((inverse.ravel() + 1.0).reshape(-1, 1))
    return (res, i, j)[:nargout]


def find(x, n=None, direction=None, nargout=1):
    """Octave's ``find(x[, n])``: 1-based linear indices of the nonzeros (a row for a row
    vector, else a column); ``[r, c] = find(x)`` rows and columns, ``[r, c, v]`` and values."""
    a = numeric_array(x, "find", "biufc")
    if a.shape == (0, 0):
        empty = np.zeros((0, 0))                    # find([]) is [](0x0)
        return empty if nargout <= 1 else tuple(empty for _ in range(nargout))
    if a.ndim > 2:
        a = a.reshape(a.shape[0], -1, order="F")
    flat = a.ravel(order="F")
    k = np.flatnonzero(flat)
    if n is not None:
        limit = _scalar(n, "find")
        if limit != int(limit) or limit < 0:
            raise ValueError("find: N must be a non-negative integer")
        if direction is not None and str(direction) == "last":
            k = k[-int(limit):]
        else:
            k = k[:int(limit)]
    row = a.ndim == 2 and a.shape[0] == 1 and a.shape[1] != 1
    shape = (1, -1) if row else (-1, 1)
    if a.shape == (1, 1) or a.size == 0:
        shape = (1, -1) if a.shape[0] == 1 else (-1, 1)
    if nargout <= 1:
        return _out((k + 1.0).reshape(shape))
    r, c = k % a.shape[0], k // a.shape[0]
    outs = [_out((r + 1.0).reshape(shape)), _out((c + 1.0).reshape(shape))]
    if nargout > 2:
        outs.append(_out(flat[k].reshape(shape)))
    return tuple(outs)


def histc(x, edges, dim=None):
    """Octave's ``histc(x, edges[, dim])``: see :func:`_histc`; dim counts each column or row."""
    if dim is not None:
        from .sets import histc_along
        e = _data(edges, "histc")
        return histc_along(lambda v: np.asarray(_histc(v.reshape(1, -1), e)).ravel(),
                           _data(x, "histc"), dim)
    return _histc(x, edges)


def _histc(x, edges):
    """``histc(x, edges)`` of a vector (or of [])."""
    if _data(x, "histc").shape == (0, 0):           # histc([], edges): [](numel(edges)x0)
        return np.zeros((_data(edges, "histc").size, 0))
    return _histc_vector(x, edges)


def _histc_vector(x, edges):
    """Octave's ``histc(x, edges)``: n(k) counts edges(k) <= x < edges(k+1); the last bin counts
    x == edges(end). The counts lie along x's first non-singleton dimension, as histc.m's
    ``size(x)`` with that dimension set to numel(edges): a row for a row x, a column for a
    column or a scalar x."""
    a = _data(x, "histc")
    e = _data(edges, "histc").ravel()
    if e.size == 0:
        raise ValueError("histc: EDGES must not be empty")
    if np.any(np.diff(e) < 0):
        print("warning: histc: edge values not sorted on input", file=sys.stderr)
        e = np.sort(e)
    vals = a.ravel(order="F")
    idx = np.searchsorted(e, vals, side="right") - 1
    idx[(vals == e[-1])] = e.size - 1
    ok = (idx >= 0) & ((idx < e.size - 1) | (vals == e[-1]))
    counts = np.bincount(idx[ok], minlength=e.size).astype(np.float64)
    if 1 not in a.shape:
        raise ValueError("histc: only vector data is supported")
    row = a.shape[0] == 1 and a.shape[1] > 1
    return _out(counts.reshape(1, -1) if row else counts.reshape(-1, 1))


def accumarray(subs, vals, sz=None, func=None, fillval=None):
    """Octave's ``accumarray(subs, vals[, sz[, func[, fillval]]])``: out(subs(k, :)) += vals(k)
    into a zero array (a column for one column of subscripts); with func, func of each
    position's values (sets.accumulate), fillval where none."""
    s = _data(subs, "accumarray")
    if s.shape[0] == 1 and s.shape[1] > 1 and (sz is None or np.size(sz) <= 2):
        s = s.reshape(-1, 1) if np.size(vals) == s.size or np.size(vals) == 1 else s
    if np.any(s != np.round(s)) or np.any(s < 1):
        raise ValueError("accumarray: indices must be positive integers")
    s = s.astype(np.intp) - 1
    v = _data(vals, "accumarray").ravel(order="F").astype(np.float64)
    if v.size == 1:
        v = np.full(s.shape[0], v[0])
    if v.size != s.shape[0]:
        raise ValueError("accumarray: dimension mismatch between SUBS and VALS")
    shape = tuple(int(m) + 1 for m in s.max(axis=0)) if s.size else (0,)
    if s.shape[1] == 1:
        shape = (shape[0], 1)
    if sz is not None and np.size(sz):
        want = tuple(int(d) for d in _arr(sz).ravel())
        if len(want) != len(shape) and not (s.shape[1] == 1 and len(want) == 2):
            raise ValueError("accumarray: dimensions mismatch")
        shape = want
    if float(np.prod([float(d) for d in shape])) > 2 ** 27:
        raise MemoryError("accumarray: out of memory or dimension too large for Octave's index type")
    if (func is not None and not (isinstance(func, np.ndarray) and func.size == 0)) or \
            (fillval is not None and np.size(fillval)):
        from .sets import accumulate
        fill = 0.0 if fillval is None or not np.size(fillval) else _scalar(fillval, "accumarray")
        f = func if func is not None and not (isinstance(func, np.ndarray) and func.size == 0) \
            else (lambda col: float(np.sum(_arr(col))))
        return accumulate(s, v, shape, f, fill)
    out = np.zeros(shape)
    np.add.at(out, tuple(s[:, k] for k in range(s.shape[1])) + ((0,) * (len(shape) - s.shape[1])), v)
    return _out(out)


def ismember(a, s, *options, nargout=1):
    """Octave's ``ismember(a, s)``: true where an element of a is in s; ``[tf, loc]`` adds the
    1-based index in s (0 where absent). When s holds a value more than once, Octave 7 gives
    the index of its LAST occurrence (its ismember looks a up in the stably sorted s), not
    MATLAB's first: ``[tf, loc] = ismember(2, [2 1 2])`` gives loc 3. A string a looks up one string;
    ``ismember(a, s, 'rows')`` compares whole rows (sets.ismember_rows)."""
    if options:
        if [str(o).lower() for o in options] != ["rows"]:
            raise ValueError("ismember: the only option is 'rows'")
        from .sets import ismember_rows
        return ismember_rows(a, s, nargout)
    if getattr(type(s), "octave_class", None) == "cell":
        from .cellstr import ismember_cellstr
        return ismember_cellstr(a, s, nargout)
    x, y = _data(a, "ismember"), _data(s, "ismember").ravel(order="F")
    flat = x.ravel(order="F")
    loc = np.zeros(flat.size)
    for k, v in enumerate(flat):
        hits = np.flatnonzero(y == v)
        loc[k] = hits[-1] + 1 if hits.size else 0      # the last occurrence, as Octave
    tf = _out((loc > 0).reshape(x.shape, order="F"))
    if nargout > 1:
        return tf, _out(loc.reshape(x.shape, order="F"))
    return tf
