"""More of Octave's numeric functions that teaching scripts call: polynomial calculus
(``polyder``, ``polyint``), special matrices (``toeplitz``, ``vander``, ``rot90``), ``cond``,
``nextpow2``, the error functions (``erf``, ``erfc``, ``erfinv``) and running extremes
(``cummax``, ``cummin``), and ``rad2deg``/``deg2rad``.

Each follows the definition in GNU Octave 7's documentation; the probe ``lib_numextra`` records
Octave's output for them.
"""
import math

import numpy as np
import scipy.special as sp

from .core import _arr, _num, _out, _scalar
from .values import numeric_array

__all__ = ["polyder", "polyint", "cond", "rot90", "toeplitz", "vander", "nextpow2", "erf",
           "erfc", "erfinv", "cummax", "cummin", "rad2deg", "deg2rad"]
FUNCTIONS = {name: "num" for name in __all__}
FUNCTIONS.update({"rad2deg": "same", "deg2rad": "same"})
MULTI_OUTPUT = set()


def _numeric(x, where):
    a = numeric_array(x, where)
    return np.asarray(a, dtype=np.float64)


def _row(v):
    return _out(np.asarray(v, dtype=np.float64).reshape(1, -1))


def _strip(c):
    """A coefficient vector without its leading zeros ([0] when nothing is left)."""
    nz = np.flatnonzero(c)
    return c[nz[0]:] if nz.size else np.zeros(1)


def polyder(p, a=None):
    """Octave's ``polyder(p)`` (the derivative of the polynomial p, leading zeros dropped) and
    ``polyder(a, b)`` (the derivative of the product conv(a, b)). The quotient form
    ``[q, d] = polyder(b, a)`` is not supported."""
    c = _numeric(p, "polyder").ravel()
    if a is not None:
        c = np.convolve(c, _numeric(a, "polyder").ravel())
    n = c.size - 1
    if n <= 0:
        return 0.0
    d = c[:-1] * np.arange(n, 0, -1, dtype=np.float64)
    return _row(_strip(d))


def polyint(p, k=0.0):
    """Octave's ``polyint(p[, k])``: the integral of the polynomial p, with constant k."""
    c = _numeric(p, "polyint").ravel()
    n = c.size
    if n == 0:
        return _row([float(_scalar(k, "polyint"))])
    return _row(np.concatenate([c / np.arange(n, 0, -1, dtype=np.float64),
                                [float(_scalar(k, "polyint"))]]))


def cond(a, p=2):
    """Octave's ``cond(A)``: the 2-norm condition number s(1)/s(end) from the singular values
    (Inf for an exactly singular matrix; for one singular up to rounding the ratio of rounding
    errors, Octave's too, as the singular values come from the reference LAPACK's dqds);
    ``cond(A, p)`` for p = 1, Inf or 'fro' is norm(A, p) * norm(inv(A), p)."""
    m = _numeric(a, "cond")
    if m.ndim != 2:
        raise ValueError("cond: A must be a 2-D matrix")
    if isinstance(p, str) or _scalar(p, "cond") != 2:
        from .linalg import inv, norm
        return float(norm(m, p)) * float(norm(inv(m), p))
    if m.size == 0:
        return 0.0
    if not np.all(np.isfinite(np.asarray(m, dtype=np.float64))):
        from .functions import OctaveError
        raise OctaveError("", "cond: A must not contain Inf or NaN values")
    from .linalg import svd_values
    s = svd_values(np.asarray(m, dtype=np.float64), "cond")    # Octave's svd (DGESVD, dqds)
    return math.inf if s[-1] == 0 else float(s[0] / s[-1])


def rot90(a, k=1):
    """Octave's ``rot90(A[, k])``: A rotated by k * 90 degrees counterclockwise."""
    kk = _scalar(k, "rot90")
    if kk != int(kk):
        raise ValueError("rot90: K must be a single real integer")
    if isinstance(a, str):
        raise TypeError("rot90: strings are not supported")
    return _out(np.rot90(_arr(_num(a)), int(kk) % 4))


def toeplitz(c, r=None):
    """Octave's ``toeplitz(c[, r])``: first column c, first row r (c(1) wins on the corner);
    ``toeplitz(c)`` is the symmetric one."""
    col = _numeric(c, "toeplitz").ravel()
    row = col if r is None else _numeric(r, "toeplitz").ravel()
    out = np.empty((col.size, row.size))
    for i in range(col.size):
        for j in range(row.size):
            out[i, j] = col[i - j] if i >= j else row[j - i]
    return _out(out)


def vander(c, n=None):
    """Octave's ``vander(c[, n])``: columns c.^(n-1), ..., c.^1, c.^0."""
    v = _numeric(c, "vander").ravel()
    cols = v.size if n is None else int(_scalar(n, "vander"))
    return _out(v.reshape(-1, 1) ** np.arange(cols - 1, -1, -1, dtype=np.float64))


def nextpow2(x):
    """Octave's ``nextpow2(x)``: the smallest n with 2^n >= |x|, element-wise (0 at 0)."""
    a = np.abs(_numeric(x, "nextpow2"))
    f, e = np.frexp(a)                           # a = f * 2^e, f in [0.5, 1)
    n = np.where(f == 0.5, e - 1, e).astype(np.float64)
    n = np.where(a == 0, 0.0, n)
    n = np.where(np.isinf(a), np.inf, n)
    n = np.where(np.isnan(a), np.nan, n)
    return _out(n) if np.ndim(x) else float(n.reshape(()))


def _map(func, name):
    def f(x):
        a = _numeric(x, name)
        with np.errstate(all="ignore"):
            res = func(a)
        return _out(res) if np.ndim(x) else float(np.asarray(res).reshape(()))
    f.__name__ = name
    f.__doc__ = f"Octave's element-wise ``{name}`` (SciPy's special function)."
    return f


erf = _map(sp.erf, "erf")
erfc = _map(sp.erfc, "erfc")
erfinv = _map(sp.erfinv, "erfinv")


def _running(func, x, dim, where):
    a = _numeric(x, where)
    if dim is None:
        ax = next((k for k, s in enumerate(a.shape) if s != 1), 0)
    else:
        ax = int(_scalar(dim, where)) - 1
    if a.size == 0:
        return _out(a)
    return _out(func.accumulate(a, axis=ax))


def cummax(x, dim=None):
    """Octave's ``cummax(x[, dim])``: the running maximum (NaN is passed over)."""
    return _running(np.fmax, x, dim, "cummax")


def cummin(x, dim=None):
    """Octave's ``cummin(x[, dim])``: the running minimum (NaN is passed over)."""
    return _running(np.fmin, x, dim, "cummin")


def _angle_conversion(x, factor, where, what):
    """``x * factor`` for a double or single x (Octave's rad2deg.m / deg2rad.m), else their
    error; a single stays single."""
    from .introspect import class_of
    if class_of(x) not in ("double", "single"):
        from .functions import OctaveError
        raise OctaveError("", f"{where}: {what} must be a floating point class (double or single)")
    if isinstance(x, np.float32):
        return x * np.float32(factor)      # single arithmetic, as Octave's single * double
    if isinstance(x, (int, float)):
        return float(x) * factor
    a = np.asarray(x)
    return a * np.float32(factor) if a.dtype == np.float32 else _out(_arr(x) * factor)


def rad2deg(rad):
    """Octave's ``rad2deg(rad)``: ``rad * (180/pi)`` (the factor first, as rad2deg.m has it)."""
    return _angle_conversion(rad, 180 / math.pi, "rad2deg", "RAD")


def deg2rad(deg):
    """Octave's ``deg2rad(deg)``: ``deg * (pi/180)``."""
    return _angle_conversion(deg, math.pi / 180, "deg2rad", "DEG")
