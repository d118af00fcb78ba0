"""Small functions real scripts call that sit between the other modules: Octave's own
spellings (``rows``, ``columns``, ``inverse``, ``bincoeff``, ``shift``), the floating-point
limits (``realmax``, ``realmin``, ``flintmax``), ``dot``, ``cross``, ``repelems``, and the
constants called as functions (``NaN(2, 3)``, ``true(n, 1)``, ``eps(x)``).
"""
import math

import numpy as np

from . import integers
from .arrays import _shape_args
from .text import num2str
from .linalg import inv
from .polynomials import NA
from .construct import circshift
from .values import _arr, _num, _out, _scalar

__all__ = ["rows", "octave_columns", "inverse", "bincoeff", "shift", "realmax", "realmin",
           "flintmax", "dot", "cross", "repelems", "constant_array", "intmax", "intmin",
           "polyout", "isinf", "isnan", "isfinite", "isna"]
FUNCTIONS = {"rows": "scalar", "columns": "scalar", "inverse": "num", "bincoeff": "num",
             "shift": "same", "realmax": "scalar", "realmin": "scalar", "flintmax": "scalar",
             "dot": "num", "cross": "num", "repelems": "num", "intmax": "num", "intmin": "num",
             "polyout": "void", "isinf": "same", "isnan": "same", "isfinite": "same",
             "isna": "same"}
MULTI_OUTPUT = set()
RENAMED = {"columns": "octave_columns"}     # ``columns`` is the translator's own loop helper


def rows(x):
    """Octave's ``rows(x)``: ``size(x, 1)``."""
    return float(_arr(x).shape[0])


def octave_columns(x):
    """Octave's ``columns(x)``: ``size(x, 2)``."""
    return float(_arr(x).shape[1])


def inverse(x):
    """Octave's ``inverse(A)``, another name of ``inv(A)``."""
    return inv(x)


def bincoeff(n, k):
    """Octave's ``bincoeff(n, k)``: the binomial coefficient, element-wise; 0 for k < 0.
    Whole numbers only (Octave's gamma-function form for other n is not translated)."""
    N, K = np.broadcast_arrays(_arr(_num(n)).astype(np.float64), _arr(_num(k)).astype(np.float64))
    if np.any(N != np.round(N)) or np.any(K != np.round(K)):
        raise ValueError("bincoeff: only whole numbers are supported")
    out = np.empty(N.shape)
    for idx, (a, b) in enumerate(zip(N.ravel(), K.ravel())):
        a, b = int(a), int(b)
        if b < 0:
            v = 0
        elif a >= 0:
            v = math.comb(a, b)
        else:                                   # (-1)^k * C(k - n - 1, k)
            v = (-1) ** b * math.comb(b - a - 1, b)
        out.flat[idx] = float(v)
    return _out(out)


def shift(x, b, dim=None):
    """Octave's ``shift(x, b[, dim])``: rotate by b places (``circshift`` with a scalar b)."""
    return circshift(x, b, dim)


def _float_class(args, where):
    """The float type a ``realmax``/``realmin``/``eps`` class argument names: float64 for none
    or ``'double'``, float32 for ``'single'``."""
    if not args or (len(args) == 1 and args[0] == "double"):
        return np.float64
    if len(args) == 1 and args[0] == "single":
        return np.float32
    name = args[0] if len(args) == 1 and isinstance(args[0], str) else "these arguments"
    raise ValueError(f"{where}: only the class 'double' or 'single' is supported, got {name}")


def _typed(value, ftype):
    """A double as a Python float; a single as a 1x1 float32 array (what ``single`` gives)."""
    return float(value) if ftype is np.float64 else np.array([[value]], dtype=np.float32)


def realmax(*args):
    """Octave's ``realmax``, ``realmax('double')``, ``realmax('single')``: the largest float."""
    ftype = _float_class(args, "realmax")
    return _typed(np.finfo(ftype).max, ftype)


def realmin(*args):
    """Octave's ``realmin``, ``realmin('double')``, ``realmin('single')``: the smallest normal
    float."""
    ftype = _float_class(args, "realmin")
    return _typed(np.finfo(ftype).tiny, ftype)


def flintmax(*args):
    """Octave's ``flintmax``: 2^53, the largest double below which every integer is exact."""
    return 9007199254740992.0


def _vec_pair(a, b, where):
    A, B = _arr(_num(a)).astype(np.float64), _arr(_num(b)).astype(np.float64)
    if A.shape != B.shape and A.size == B.size and 1 in A.shape and 1 in B.shape:
        B = B.reshape(A.shape)
    if A.shape != B.shape:
        raise ValueError(f"{where}: sizes of X and Y must match")
    return A, B


def dot(a, b):
    """Octave's ``dot(x, y)``: the sum of x.*y for vectors; column by column for matrices."""
    A, B = _vec_pair(a, b, "dot")
    if 1 in A.shape:
        return float(np.sum(A.ravel() * B.ravel()))
    return _out(np.sum(A * B, axis=0, keepdims=True))


def cross(a, b):
    """Octave's ``cross(x, y)`` of two 3-element vectors (the orientation of x)."""
    A, B = _vec_pair(a, b, "cross")
    if A.size != 3:
        raise ValueError("cross: both X and Y must have 3 elements")
    x, y = A.ravel(), B.ravel()
    c = np.array([x[1] * y[2] - x[2] * y[1], x[2] * y[0] - x[0] * y[2], x[0] * y[1] - x[1] * y[0]])
    return _out(c.reshape(A.shape))


def repelems(x, r):
    """Octave's ``repelems(x, r)``: a row where element r(1, j) of x appears r(2, j) times."""
    X = _arr(_num(x)).ravel(order="F")
    R = _arr(_num(r))
    if R.ndim != 2 or R.shape[0] != 2:
        raise ValueError("repelems: R must be a matrix with two rows")
    idx, counts = R[0].astype(np.intp) - 1, R[1].astype(np.intp)
    if np.any(idx < 0) or np.any(idx >= X.size):
        raise ValueError("repelems: index out of range")
    return _out(np.repeat(X[idx], counts).reshape(1, -1))


_FILL = {"NaN": math.nan, "nan": math.nan, "Inf": math.inf, "inf": math.inf, "pi": math.pi,
         "e": math.e, "true": True, "false": False, "NA": NA}


def constant_array(name, *args):
    """A constant called as a function: ``NaN(2, 3)``, ``Inf(n)``, ``true(n, 1)``, ``pi(1, 2)``
    fill an array of that size (logical for true/false); ``eps(x)`` is the spacing of the
    doubles at each element of x."""
    if name == "eps":
        if len(args) == 1 and isinstance(args[0], str):        # eps('double'), eps('single')
            ftype = _float_class(args, "eps")
            return _typed(np.finfo(ftype).eps, ftype)
        if len(args) == 1 and getattr(args[0], "dtype", None) == np.float32:
            x = np.abs(np.asarray(args[0]))                   # eps(single(x)): float32 spacing
            with np.errstate(all="ignore"):
                return np.where(np.isfinite(x), np.spacing(x), np.float32(np.nan))
        if len(args) == 1 and not isinstance(args[0], str):
            x = np.abs(_arr(_num(args[0])).astype(np.float64))
            mant, expo = np.frexp(x)                # x = mant * 2^expo, mant in [0.5, 1)
            with np.errstate(all="ignore"):
                res = np.ldexp(1.0, expo - 53)      # 2^(floor(log2 x) - 52), even at realmax
                res = np.where(x < np.finfo(np.float64).tiny, 2.0 ** -1074, res)
                res = np.where(np.isfinite(x), res, np.nan)
            return _out(res)
        return _out(np.full(_shape_args(args, "eps"), np.finfo(np.float64).eps))
    if name not in _FILL or any(isinstance(a, str) for a in args):
        raise ValueError(f"{name}: these arguments are not supported")
    shape = _shape_args(args, name)
    value = _FILL[name]
    if isinstance(value, bool):
        return np.full(shape, value, dtype=bool)
    return _out(np.full(shape, value))


def _int_type(t, where):
    name = t if isinstance(t, str) else getattr(getattr(t, "dtype", None), "name", "")
    if name not in integers.__all__:
        raise ValueError(f"{where}: invalid class name '{name}'")
    return name


def intmax(t="int32"):
    """Octave's ``intmax([class])``: the largest value of an integer type (int32 by default)."""
    name = _int_type(t, "intmax")
    return getattr(integers, name)(float(np.iinfo(name).max))


def intmin(t="int32"):
    """Octave's ``intmin([class])``: the smallest value of an integer type (int32 by default)."""
    name = _int_type(t, "intmin")
    return getattr(integers, name)(float(np.iinfo(name).min))


def polyout(c, x="s"):
    """Octave's ``polyout(c[, x])`` with no output: prints the polynomial with coefficients c
    as ``c1*x^n + c2*x^(n-1) ... + cn``, each coefficient written by num2str."""
    v = _arr(_num(c)).ravel(order="F")
    if np.iscomplexobj(v):
        raise ValueError("polyout: complex coefficients are not supported")
    n = v.size
    if n == 0:
        text = " "
    else:
        text = num2str(float(v[0]))
        for k in range(1, n):
            sign = " - " if v[k] < 0 else " + "
            text = f"{text}*{x}^{n - k}{sign}{num2str(float(-v[k] if v[k] < 0 else v[k]))}"
    print(text)


def _predicate(test, x, where):
    if isinstance(x, str):
        return _out(np.zeros((1, len(x)), dtype=bool)) if where != "isfinite" else \
            _out(np.ones((1, len(x)), dtype=bool))
    a = np.asarray(_num(x))
    res = test(a)
    return bool(res) if res.ndim == 0 else _out(_arr(res))


def isinf(x):
    """Octave's ``isinf(x)``: true where x is Inf or -Inf (logical, the shape of x)."""
    return _predicate(np.isinf, x, "isinf")


def isnan(x):
    """Octave's ``isnan(x)``: true where x is NaN."""
    return _predicate(np.isnan, x, "isnan")


def isna(x):
    """Octave's ``isna(x)``: true where x is Octave's NA (a NaN with its own bit pattern), false
    for any other NaN."""
    def is_na(a):
        return np.asarray(a, dtype=np.float64).view(np.uint64) == np.float64(NA).view(np.uint64)
    return _predicate(is_na, x, "isna")


def isfinite(x):
    """Octave's ``isfinite(x)``: true where x is neither Inf nor NaN."""
    return _predicate(np.isfinite, x, "isfinite")
