"""Octave's set and row functions in their optional forms: ``unique(x, 'rows'|'first'|'last'|
'stable')``, ``sortrows``, ``ismember(a, s, 'rows')``, ``accumarray`` with a size and a function,
``histc`` along a dimension and ``[m, f, c] = mode(...)``'s cell of ties.

The plain forms live in :mod:`.reductions`, which calls these when an option is given.
"""
import numpy as np

from .core import _arr, _num, _out, _scalar
from .values import numeric_array

__all__ = ["sortrows"]
FUNCTIONS = {"sortrows": "num"}
MULTI_OUTPUT = {"sortrows"}

_UNIQUE_OPTIONS = ("rows", "first", "last", "stable", "sorted")


def _numeric(x, where):
    return numeric_array(x, where)


def _index_column(k):
    return _out((np.asarray(k, dtype=np.float64) + 1.0).reshape(-1, 1))


def unique_with(x, options, nargout):
    """``unique(x, opt, ...)``: 'rows' takes the distinct rows (sorted), 'last' makes i the last
    occurrences, 'stable' keeps the order of first appearance. i and j are columns."""
    opts = [str(o).lower() for o in options]
    bad = [o for o in opts if o not in _UNIQUE_OPTIONS]
    if bad:
        raise ValueError(f"unique: invalid option {bad[0]}")
    a = _numeric(x, "unique")
    rows = "rows" in opts and a.ndim == 2 and a.shape[1] > 1
    if rows:
        items = [tuple(r) for r in a]
    else:
        items = list(a.ravel(order="F"))
    if "stable" in opts:
        order = []
        seen = {}
        for k, v in enumerate(items):
            if v not in seen:
                seen[v] = len(order)
                order.append(k)
        first = np.array(order, dtype=np.intp)
        j = np.array([seen[v] for v in items], dtype=np.intp)
        picks = first
    else:
        keys = sorted(set(items))
        where = {v: n for n, v in enumerate(keys)}
        j = np.array([where[v] for v in items], dtype=np.intp)
        picks = np.zeros(len(keys), dtype=np.intp)
        last = "last" in opts
        for k in (range(len(items)) if last else range(len(items) - 1, -1, -1)):
            picks[j[k]] = k                      # the last write wins: first or last occurrence
    if rows:
        u = _out(a[picks, :]) if picks.size else np.zeros((0, a.shape[1]))
    else:
        flat = a.ravel(order="F")[picks]
        row = a.ndim == 2 and a.shape[0] == 1 and a.size
        u = _out(flat.reshape((1, -1) if row else (-1, 1)))
    if nargout <= 1:
        return u
    return (u, _index_column(picks), _index_column(j))[:nargout]


def stable_order(v, descend):
    """The stable sorting permutation of the 1-D float array v, as Octave sorts: NaN last
    ascending, first descending (before Inf), NaNs in their original order."""
    if not descend:
        return np.argsort(v, kind="stable")
    nan = np.isnan(v)
    return np.lexsort((np.where(nan, 0.0, -v), ~nan))       # NaN first, then largest first


def sortrows(a, cols=None, nargout=1):
    """Octave's ``sortrows(A[, c])`` and ``[s, i] = sortrows(...)``: the rows of A ordered by
    column c(1), ties by c(2), ...; a negative column sorts descending. Stable, as Octave's."""
    if isinstance(a, str) or getattr(type(a), "octave_class", None) == "cell":
        raise TypeError("sortrows: only numeric matrices are supported")
    m = _numeric(a, "sortrows")
    if m.ndim != 2:
        raise ValueError("sortrows: A must be a 2-D matrix")
    if cols is None:
        keys = [(k, False) for k in range(m.shape[1])]
    else:
        c = _arr(_num(cols)).ravel()
        if np.any(c == 0) or np.any(np.abs(c) > m.shape[1]) or np.any(c != np.round(c)):
            raise ValueError("sortrows: invalid column specification C")
        keys = [(int(abs(v)) - 1, v < 0) for v in c]
    idx = np.arange(m.shape[0])
    for col, descend in reversed(keys):         # least significant key first, stable sorts
        order = stable_order(m[idx, col].astype(np.float64), descend)
        idx = idx[order]
    s = _out(m[idx, :])
    return (s, _index_column(idx)) if nargout > 1 else s


def ismember_rows(a, s, nargout):
    """``ismember(a, s, 'rows')``: true for each row of a found among the rows of s, and the
    index of its last match (0 where absent), as Octave 7 gives it."""
    x, y = _numeric(a, "ismember"), _numeric(s, "ismember")
    if x.ndim != 2 or y.ndim != 2 or x.shape[1] != y.shape[1]:
        raise ValueError("ismember: number of columns in A and S must match")
    last = {}
    for k in range(y.shape[0]):
        last[tuple(y[k])] = k + 1
    loc = np.array([float(last.get(tuple(r), 0)) for r in x]).reshape(-1, 1)
    tf = _out(loc > 0)
    return (tf, _out(loc)) if nargout > 1 else tf


def accumulate(subs, v, shape, func, fill):
    """``accumarray(subs, vals, sz, func, fillval)``: func of the column of each position's
    values (in the order given), fill where no subscript points."""
    from .fhandles import resolve
    f = func if callable(func) else resolve(func, "accumarray")
    groups = {}
    for k in range(subs.shape[0]):
        groups.setdefault(tuple(subs[k]), []).append(v[k])
    out = np.full(shape, float(fill))
    for key, values in groups.items():
        res = _arr(_num(f(_out(np.array(values, dtype=np.float64).reshape(-1, 1)))))
        if res.size != 1:
            raise ValueError("accumarray: FCN must return a scalar for each group "
                             "(cell results are not supported)")
        out[key + (0,) * (len(shape) - len(key))] = float(res.ravel()[0])
    return _out(out)


def histc_along(counts_of, a, dim):
    """``histc(x, edges, dim)`` of a matrix: the counts of each column (dim 1) or row (dim 2)."""
    d = int(_scalar(dim, "histc"))
    if d not in (1, 2) or a.ndim != 2:
        raise ValueError("histc: DIM must be 1 or 2 for a matrix")
    if d == 1:
        return _out(np.column_stack([counts_of(a[:, k]) for k in range(a.shape[1])]))
    return _out(np.vstack([counts_of(a[k, :]) for k in range(a.shape[0])]))


def mode_ties(a, k):
    """The third output of ``[m, f, c] = mode(x, dim)``: for each slice, the column of all the
    values that occur most often (sorted), as a cell shaped like m."""
    from .cells import Cell
    moved = np.moveaxis(a.astype(np.float64), k, -1)
    shape = moved.shape[:-1]
    ties = []
    for idx in np.ndindex(*shape):
        values, counts = np.unique(moved[idx], return_counts=True, equal_nan=False)
        best = values[counts == counts.max()] if values.size else np.array([np.nan])
        ties.append(_out(best.reshape(-1, 1)))
    return _ties_cell(ties, a.shape, k)


def _ties_cell(ties, shape, k):
    """The cell of the ties, one per slice, in the slices' order (numpy's ndindex order)."""
    from .cells import Cell
    cell_shape = list(shape)
    cell_shape[k] = 1
    data = np.empty(tuple(cell_shape), dtype=object)
    moved = np.moveaxis(data, k, -1)
    for n, idx in enumerate(np.ndindex(*moved.shape[:-1])):
        moved[idx + (0,)] = ties[n]
    return Cell(data)
