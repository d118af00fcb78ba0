"""Octave's array construction: logspace, meshgrid, ndgrid, repmat, reshape, cat, fliplr,
flipud, circshift, diag, tril, triu, magic, randi, and rand/randn with their seed arguments.

``rand('seed', n)``, ``rand('state', n)``, ``randn('seed'|'state'|'twister', n)`` are accepted
and seed NumPy's generator: a seeded script repeats its own numbers from run to run, but they are
not the numbers GNU Octave's generator gives.
"""
import numpy as np

from .chars import CharMatrix, _no_char_matrix, as_chars, char_value

from .core import _arr, _num, _out, _scalar, _shape_args, _dims
from .values import numeric_array
from .linalg import DiagonalMatrix

__all__ = ["peaks", "logspace", "meshgrid", "ndgrid", "repmat", "reshape", "cat", "fliplr", "flipud", "flip",
           "circshift", "diag", "tril", "triu", "magic", "randi", "rand", "randn"]
FUNCTIONS = {name: "num" for name in __all__}
MULTI_OUTPUT = {"meshgrid", "ndgrid", "peaks"}


MAX_ELEMENTS = 2 ** 27      # 1 GiB of doubles: larger results are refused, not attempted


def _limit(count, where):
    """Refuse a result of more than MAX_ELEMENTS elements before allocating it."""
    if count > MAX_ELEMENTS:
        raise MemoryError(f"{where}: out of memory or dimension too large for Octave's index type "
                          f"({count:.0f} elements; octakd run allows {MAX_ELEMENTS})")


def _data(x, where):
    if isinstance(x, str):
        return _arr(x)
    return numeric_array(x, where, "biufcU")      # complex: these functions only move values


def _int(x, where, what="N"):
    v = _scalar(x, where)
    if v != int(v):
        raise ValueError(f"{where}: {what} must be an integer")
    return int(v)


def logspace(a, b, n=50):
    """Octave's ``logspace(a, b[, n])``: n points from 10^a to 10^b (a row)."""
    count = _int(n, "logspace")
    _limit(count, "logspace")
    if count == 1:              # Octave's single point is the end point 10^b
        return _out(np.array([[10.0 ** _scalar(b, "logspace")]]))
    return _out(np.logspace(_scalar(a, "logspace"), _scalar(b, "logspace"), count).reshape(1, -1))


def _grid(args, where, ij, nargout):
    if not args:
        raise ValueError(f"Invalid call to {where}")
    vecs = [_data(v, where).ravel(order="F").astype(np.float64) for v in args]
    if len(vecs) == 1 and ij and nargout <= 1:
        return _out(vecs[0].reshape(-1, 1))       # ndgrid(x) is x as a column
    if len(vecs) == 1:
        vecs = vecs * (3 if nargout >= 3 else 2)
    if nargout > len(vecs):
        raise ValueError(f"{where}: more output arguments than input vectors")
    _limit(float(np.prod([float(v.size) for v in vecs])), where)
    grids = np.meshgrid(*vecs, indexing="ij" if ij else "xy")
    return tuple(_out(g) for g in grids[:max(nargout, 1)]) if nargout > 1 else _out(grids[0])


def meshgrid(*args, nargout=1):
    """Octave's ``[X, Y] = meshgrid(x, y)``: X repeats the row x over length(y) rows, Y the
    column y over length(x) columns; ``meshgrid(x)`` is ``meshgrid(x, x)``; 3 inputs give 3-D."""
    return _grid(args, "meshgrid", False, nargout)


def ndgrid(*args, nargout=1):
    """Octave's ``[X, Y] = ndgrid(x, y)``: X varies down the rows, Y along the columns."""
    return _grid(args, "ndgrid", True, nargout)


def repmat(a, m, *rest):
    """Octave's ``repmat(A, m, n)``/``repmat(A, [m n])``/``repmat(A, m)``: tile A m x n times."""
    _no_char_matrix(a, "repmat")
    if rest:
        reps = [_int(m, "repmat")] + [_int(r, "repmat") for r in rest]
    else:
        v = _data(m, "repmat").ravel()
        reps = [int(v[0]), int(v[0])] if v.size == 1 else [int(r) for r in v]
    reps = [max(r, 0) for r in reps]
    if isinstance(a, str) and reps[0] == 1:
        return a * reps[1] if len(reps) == 2 else _out(np.tile(_arr(a), reps))
    x = _data(a, "repmat")
    _limit(float(np.prod([float(r) for r in reps])) * x.size, "repmat")
    x = x.reshape(x.shape + (1,) * (len(reps) - x.ndim))
    reps = reps + [1] * (x.ndim - len(reps))
    return _out(np.tile(x, reps))


def reshape(a, *dims):
    """Octave's ``reshape(A, m, n, ...)`` or ``reshape(A, [m n ...])``, column-major; one
    size may be ``[]`` and is computed."""
    _no_char_matrix(a, "reshape")
    x = _data(a, "reshape")
    if len(dims) == 1:
        sizes = [int(d) for d in _arr(dims[0]).ravel()]
        if len(sizes) < 2:
            raise ValueError("reshape: SIZE must have 2 or more dimensions")
    else:
        sizes = [None if isinstance(d, np.ndarray) and d.size == 0 else _int(d, "reshape", "SIZE")
                 for d in dims]
        if sizes.count(None) > 1:
            raise ValueError("reshape: only a single dimension can be unknown")
        if None in sizes:
            known = int(np.prod([s for s in sizes if s is not None]))
            if known == 0 or x.size % known:
                raise ValueError(f"reshape: SIZE is not divisible by the product of known "
                                 f"dimensions (= {known})")
            sizes[sizes.index(None)] = x.size // known
    if int(np.prod(sizes)) != x.size:
        raise ValueError(f"reshape: can't reshape {_dims(x)} array to "
                         f"{'x'.join(str(s) for s in sizes)} array")
    while len(sizes) > 2 and sizes[-1] == 1:
        sizes.pop()
    res = x.reshape(sizes, order="F")
    return _out(res) if not isinstance(a, str) else res


def cat(dim, *arrays):
    """Octave's ``cat(dim, A, B, ...)``: join along dimension dim (3 stacks pages)."""
    for x in arrays:
        _no_char_matrix(x, "cat")
    d = _int(dim, "cat", "DIM")
    if d < 1:
        raise ValueError("cat: DIM must be a valid dimension")
    parts = [_data(x, "cat") for x in arrays if np.size(x)]
    if not parts:
        return np.zeros((0, 0))
    nd = max(d, max(p.ndim for p in parts))
    parts = [p.reshape(p.shape + (1,) * (nd - p.ndim)) for p in parts]
    for p in parts[1:]:
        if p.shape[:d - 1] + p.shape[d:] != parts[0].shape[:d - 1] + parts[0].shape[d:]:
            raise ValueError(f"cat: dimension mismatch in dimension {d} "
                             f"({_dims(parts[0])} vs {_dims(p)})")
    res = np.concatenate(parts, axis=d - 1)
    return _out(res if res.dtype.kind != "b" or all(p.dtype.kind == "b" for p in parts) else res)


def fliplr(a):
    """Octave's ``fliplr(A)``: reverse the order of the columns."""
    if isinstance(a, CharMatrix):
        return char_value(np.flip(as_chars(a), axis=1))
    return a[::-1] if isinstance(a, str) else _out(np.flip(_data(a, "fliplr"), axis=1))


def flipud(a):
    """Octave's ``flipud(A)``: reverse the order of the rows."""
    if isinstance(a, CharMatrix):
        return char_value(np.flip(as_chars(a), axis=0))
    return a if isinstance(a, str) else _out(np.flip(_data(a, "flipud"), axis=0))


def flip(a, dim=None):
    """Octave's ``flip(x[, dim])``: reverse the order along ``dim``; by default along the
    first dimension whose size is not 1 (a row is reversed, a matrix's rows are)."""
    if dim is None:
        if isinstance(a, str):
            rows = 1 if a else 0
        elif isinstance(a, CharMatrix):
            rows = as_chars(a).shape[0]
        else:
            rows = np.atleast_2d(_data(a, "flip")).shape[0]
        dim = 2 if rows == 1 else 1
    d = _scalar(dim, "flip")
    if d != int(d) or d < 1:
        raise ValueError("flip: DIM must be a positive integer")
    if d == 1:
        return flipud(a)
    return fliplr(a) if d == 2 else a          # 2-D values: a third dimension has size 1


def circshift(a, n, dim=None):
    """Octave's ``circshift(x, n[, dim])``: rotate the elements n places along the first
    non-singleton dimension (or dim); ``n = [r c]`` rotates rows by r and columns by c."""
    _no_char_matrix(a, "circshift")
    x = _data(a, "circshift")
    shifts = [int(v) for v in _arr(n).ravel()]
    if dim is not None:
        axes = [_int(dim, "circshift", "DIM") - 1]
    elif len(shifts) == 1:
        axes = [next((k for k, s in enumerate(x.shape) if s != 1), 0)]
    else:
        axes = list(range(len(shifts)))
    res = np.roll(x, shifts, axis=axes) if x.size else x
    return "".join(res.ravel().tolist()) if isinstance(a, str) else _out(res)


def diag(a, k=0):
    """Octave's ``diag(v[, k])``: a matrix with v on diagonal k (Octave's ``Diagonal Matrix``
    for k = 0); ``diag(A[, k])``: the k-th diagonal of A as a column."""
    _no_char_matrix(a, "diag")
    x = _data(a, "diag")
    x = x.astype(np.complex128 if x.dtype.kind == "c" else np.float64)
    kk = _int(k, "diag", "K")
    if x.ndim > 2:
        raise ValueError("diag: requires a 2-D matrix or a vector")
    if 1 in x.shape:
        if x.dtype.kind == "c":
            raise TypeError("diag: a complex diagonal matrix is not supported by octakd run")
        v = x.ravel()
        if x.size == 1 and kk == 0:
            return float(v[0])
        full = np.diag(v, kk)
        return full.view(DiagonalMatrix) if kk == 0 else full
    return _out(np.diag(x, kk).reshape(-1, 1).copy())


def tril(a, k=0):
    """Octave's ``tril(A[, k])``: A with the entries above diagonal k set to 0."""
    _no_char_matrix(a, "tril")
    return _out(np.tril(_data(a, "tril"), _int(k, "tril", "K")))


def triu(a, k=0):
    """Octave's ``triu(A[, k])``: A with the entries below diagonal k set to 0."""
    _no_char_matrix(a, "triu")
    return _out(np.triu(_data(a, "triu"), _int(k, "triu", "K")))


def magic(n):
    """Octave's ``magic(n)``: the same magic squares as Octave's (odd, doubly even and singly
    even constructions), rows, columns and diagonals summing to n*(n^2+1)/2."""
    n = _int(n, "magic")
    if n < 0:
        raise ValueError("magic: N must be non-negative")
    _limit(float(n) * n, "magic")
    if n < 1:
        return np.zeros((0, 0))
    if n == 2:
        return np.array([[4.0, 3.0], [1.0, 2.0]])
    if n % 2:
        shift = np.floor(np.arange(n * n) / n)
        c = np.mod(np.arange(1, n * n + 1) - shift + (n - 3) / 2, n)
        r = np.mod(np.arange(n * n, 0, -1) + 2 * shift, n)
        flat = np.zeros(n * n)
        flat[(c * n + r).astype(int)] = np.arange(1, n * n + 1)
        return flat.reshape(n, n, order="F")
    if n % 4 == 0:
        a = np.arange(1, n * n + 1, dtype=np.float64).reshape(n, n)   # reshape(1:n*n, n, n)'
        for first, last in ((0, 3), (1, 2)):        # Octave's 1:4:n, 4:4:n then 2:4:n, 3:4:n
            i = np.r_[np.arange(first, n, 4), np.arange(last, n, 4)]
            a[np.ix_(i, i)] = n * n + 1 - a[np.ix_(i, i)]
        return a
    m = n // 2
    b = magic(m)
    a = np.block([[b, b + 2 * m * m], [b + 3 * m * m, b + m * m]])
    k = (m - 1) // 2
    if k > 1:
        rows = np.arange(m)
        cols = np.r_[np.arange(1, k), np.arange(n - k + 1, n)]
        a[np.ix_(np.r_[rows, rows + m], cols)] = a[np.ix_(np.r_[rows + m, rows], cols)]
    rows = np.r_[np.arange(k), np.arange(k + 1, m)]
    a[np.r_[rows, rows + m], 0] = a[np.r_[rows + m, rows], 0]
    a[[k, k + m], k] = a[[k + m, k], k]
    return a


def randi(imax, *dims):
    """Octave's ``randi(imax, ...)``/``randi([lo hi], ...)``: uniform integers in [1, imax] or
    [lo, hi] (as doubles), with rand's size arguments; NumPy's generator."""
    lim = _arr(_num(imax)).ravel()
    lo, hi = (1, lim[0]) if lim.size == 1 else (lim[0], lim[1])
    if lim.size == 1 and hi < 1:
        raise ValueError("randi: require IMAX >= 1")
    if lo != int(lo) or hi != int(hi):
        raise ValueError("randi: IMIN and IMAX must be integer bounds")
    if hi < lo:
        raise ValueError("randi: require IMIN <= IMAX")
    shape = _shape_args(dims, "randi")
    _limit(float(np.prod([float(d) for d in shape])), "randi")
    vals = np.random.randint(int(lo), int(hi) + 1, size=shape).astype(np.float64)
    return _out(vals)


def _seeded(args, where):
    """``rand('seed', n)`` and friends: seed NumPy's generator; True when args were a seed."""
    if args and isinstance(args[0], str):
        key = args[0].lower()
        if key not in ("seed", "state", "twister"):
            raise ValueError(f"{where}: unrecognized string argument '{args[0]}'")
        if len(args) != 2:
            raise ValueError(f"{where}: only {where}('{key}', value) is supported")
        value = _arr(_num(args[1])).ravel()
        np.random.seed(int(abs(value[0])) % 2 ** 32 if value.size else 0)
        return True
    return False


def rand(*dims):
    """Uniform [0, 1) numbers with Octave's size arguments (NumPy's generator, not Octave's);
    ``rand('seed', n)``/``rand('state', n)`` seed it."""
    if _seeded(dims, "rand"):
        return None
    values = np.random.random_sample(_shape_args(dims, "rand"))
    return _out(values) if not dims else values


def randn(*dims):
    """Standard normal numbers with Octave's size arguments (NumPy's generator);
    ``randn('seed', n)``/``randn('state', n)`` seed it."""
    if _seeded(dims, "randn"):
        return None
    values = np.random.standard_normal(_shape_args(dims, "randn"))
    return _out(values) if not dims else values


def peaks(x=None, y=None, nargout=1):
    """Octave's ``peaks``: the test surface of Octave 7's peaks.m, computed in its order,
    ``3*(1-X).^2.*exp(-X.^2-(Y+1).^2) - 10*(X/5-X.^3-Y.^5).*exp(-X.^2-Y.^2)
    - 1/3*exp(-(X+1).^2-Y.^2)`` on ``linspace(-3, 3, 49)`` (or n points, or the given grid).
    ``Z = peaks(...)``, or ``[X, Y, Z] = peaks(...)``; drawing it (no outputs) is refused."""
    from .arrays import exp, linspace
    from .operators import power, times
    if nargout == 0:
        raise ValueError("peaks: drawing the surface (peaks with no outputs) is not supported; "
                         "use surf(peaks(n))")
    if x is None:
        x = y = linspace(-3, 3, 49)
    elif y is None:
        if np.size(x) > 1:
            y = x
        else:
            x = y = linspace(-3, 3, _int(x, "peaks"))
    X, Y = (meshgrid(x, y, nargout=2) if 1 in np.shape(x) and 1 in np.shape(y)
            else (_data(x, "peaks"), _data(y, "peaks")))
    X, Y = np.asarray(X, dtype=np.float64), np.asarray(Y, dtype=np.float64)
    Z = (times(3 * power(1 - X, 2), exp(-power(X, 2) - power(Y + 1, 2)))
         - times(10 * (X / 5 - power(X, 3) - power(Y, 5)), exp(-power(X, 2) - power(Y, 2)))
         - (1 / 3) * exp(-power(X + 1, 2) - power(Y, 2)))
    Z = np.asarray(Z)
    return Z if nargout == 1 else (X, Y, Z)[:nargout]
