"""Octave's functions on arrays: sizes, constructors, element-wise maths, reductions, casts.

Each follows Octave's conventions: ``zeros(3)`` is 3x3, reductions work along the first
non-singleton dimension, ``round`` takes halves away from zero, integer casts saturate.
"""
import builtins as _b
import decimal
import math
import numbers

import numpy as np

from .complex_order import pairwise_extreme, reduce_extreme
from .libm import libm_unary, real_or
from .values import DiagArray, _arr, _num, _out, _scalar, nan

__all__ = [
    "size", "numel", "length", "ndims", "isempty", "zeros", "ones", "eye",
    "linspace", "abs", "sqrt", "exp", "log", "log2", "log10", "sin", "cos", "tan", "tanh",
    "floor", "ceil", "round", "fix", "mod", "rem", "max", "min",
    "strcmp", "double", "single", "logical",
]
FUNCTIONS = {
    "size": "num", "numel": "scalar", "length": "scalar", "ndims": "scalar", "isempty": "scalar",
    "strcmp": "scalar", "zeros": "num", "ones": "num", "eye": "num",
    "linspace": "num",
    "abs": "same", "sqrt": "same", "exp": "same", "log": "same", "log2": "same", "log10": "same",
    "sin": "same", "cos": "same", "tan": "same", "tanh": "same", "floor": "same", "ceil": "same",
    "round": "same", "fix": "same", "mod": "same", "rem": "same", "double": "same",
    "max": "num", "min": "num", "single": "num", "logical": "same",
}
MULTI_OUTPUT = {"size", "max", "min"}   # functions that take nargout=


# ----------------------------------------------------------------------- functions on arrays
def size(x, dim=None, nargout=1):
    """Octave's ``size``: a 1xN row, ``size(x, dim)`` an int, or ``nargout`` separate ints."""
    shape = _shape(x) if not _is_map(x) else (len(x.entries), 1)    # a Map's size is [Count 1]
    if dim is not None:
        d = int(_scalar(dim, "size"))
        return shape[d - 1] if d - 1 < len(shape) else 1
    if nargout > 1:
        dims = list(shape) + [1] * _b.max(0, nargout - len(shape))
        return tuple(dims[:nargout - 1]) + (int(np.prod(dims[nargout - 1:])),)
    return np.array([shape], dtype=np.float64)


def numel(x):
    """Octave's ``numel``."""
    return int(np.prod(_shape(x)))


def length(x):
    """Octave's ``length``: the largest dimension (0 for an empty array)."""
    if _is_map(x):
        return len(x.entries)           # a Map's length is its Count
    shape = _shape(x)
    return 0 if 0 in shape else _b.max(shape)


def ndims(x):
    """Octave's ``ndims``."""
    return len(_shape(x))


def _shape(x):
    """Octave's dimensions of any value: arrays, strings, cells and structs (their ``shape``)."""
    if isinstance(x, (list, tuple)):
        return (1, len(x))
    if getattr(type(x), "octave_class", None) in ("cell", "struct"):
        return x.shape
    if _is_map(x):
        return (1, 1)       # numel of a Map is 1: it is one object
    if isinstance(x, str) and not x:
        return (0, 0)       # '' is 0x0 in Octave (most empty strings are; s(1:0) is 1x0)
    return _arr(x).shape


def isempty(x):
    """Octave's ``isempty``."""
    if _is_map(x):
        return not x.entries
    return numel(x) == 0


def _is_map(x):
    return getattr(type(x), "octave_class", None) == "containers.Map"


def _size_int(v, where):
    """One size argument as an int; NaN is Octave's error, not Python's."""
    if isinstance(v, float) and v != v:
        raise ValueError(f"{where}: conversion of NaN to a size failed (NaN is not a valid "
                         f"dimension)")
    return int(v)


def _shape_args(args, where):
    if not args:
        return (1, 1)
    if len(args) == 1:
        a = np.asarray(args[0])
        if a.size == 1:
            n = _size_int(_scalar(args[0], where), where)
            return (_b.max(n, 0), _b.max(n, 0))
        return tuple(_b.max(_size_int(float(v), where), 0) for v in a.ravel())
    for a in args:
        if isinstance(a, str):
            raise ValueError(f"{where}: class and seed arguments are not supported")
    return tuple(_b.max(_size_int(_scalar(a, where), where), 0) for a in args)


def zeros(*dims):
    """Octave's ``zeros(n)`` (n x n), ``zeros(r, c, ...)`` or ``zeros([r c])``."""
    return np.zeros(_shape_args(dims, "zeros"))


def ones(*dims):
    """Octave's ``ones``, with the same size arguments as :func:`zeros`."""
    return np.ones(_shape_args(dims, "ones"))


def eye(*dims):
    """Octave's ``eye(n)`` / ``eye(r, c)``."""
    shape = _shape_args(dims, "eye")
    return np.eye(shape[0], shape[1]).view(DiagArray)


def linspace(a, b, n=100):
    """Octave's ``linspace``: a 1xn row (``linspace(a, b, 1)`` is b, as in Octave).

    Built as GNU Octave 7 builds it, symmetrically from both ends: the ends are a and b
    exactly, element i (0-based) is ``a + i*delta`` in the first half and ``b - (n-1-i)*delta``
    in the second, with ``delta = (b - a)/(n - 1)``, and the middle one of an odd count is
    ``(a + b)/2`` (0 when a == -b). NumPy's ``a + i*delta`` all the way differs in the last bit
    in the second half."""
    count = int(n)
    first, last = float(_scalar(a, "linspace")), float(_scalar(b, "linspace"))
    if count < 1:
        return np.zeros((1, 0))
    if count == 1:
        return np.array([[last]])
    row = np.empty(count)
    row[0], row[-1] = first, last
    with np.errstate(all="ignore"):
        delta = (last - first) / (count - 1)
        half = count // 2
        steps = np.arange(1, half, dtype=np.float64)
        row[1:half] = first + steps * delta
        row[count - 2:count - 1 - len(steps) - 1:-1] = last - steps * delta
        if count % 2 == 1:
            row[half] = 0.0 if first == -last else (first + last) / 2
    return row.reshape(1, -1)


def _elementwise(func):
    def wrapper(x, *rest):
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            res = func(_num(x), *rest)
        return _out(res) if isinstance(res, np.ndarray) else (res.item() if isinstance(res, np.generic) else res)
    wrapper.__name__ = func.__name__
    wrapper.__doc__ = f"Octave's element-wise ``{func.__name__}`` (negative inputs give complex " \
        "results for sqrt and log)."
    return wrapper


_abs = _elementwise(np.abs)


def abs(x):
    """Octave's element-wise ``abs``; a diagonal matrix stays diagonal, as in Octave."""
    return np.absolute(x) if isinstance(x, DiagArray) else _abs(x)
_sqrt = _elementwise(np.emath.sqrt)      # sqrt(-4) is 0 + 2i, as in Octave


def sqrt(x):
    """Octave's element-wise ``sqrt`` (negative inputs give complex results); a diagonal
    matrix with a nonnegative diagonal stays diagonal, as in Octave."""
    if isinstance(x, DiagArray) and np.all(np.diagonal(np.asarray(x)) >= 0):
        return np.sqrt(x)
    return _sqrt(x)
def _real_log(complex_func, name, half_turn):
    """A logarithm as Octave computes it (liboctave's rc_log, rc_log2, rc_log10): libm's on
    each double; where x < 0, the complex value log(-x) + i*half_turn (pi, pi/ln 2 or
    pi/ln 10). -0 and NaN stay real (log(-0) is -Inf, not -Inf + pi*i). Integer types give
    doubles, single stays single (NumPy's function on it), complex x is NumPy's."""
    exact = libm_unary(name)

    def apply(x):
        a = np.asarray(x)
        if a.dtype.kind == "c":
            return complex_func(x)
        if a.dtype.kind in "biu":
            a = a.astype(np.float64)
        log_of = exact if a.dtype == np.float64 else complex_func
        negative = a < 0
        if not np.any(negative):
            return log_of(a)
        out = np.empty(a.shape, dtype=np.complex64 if a.dtype == np.float32 else np.complex128)
        out.real = log_of(np.abs(a))
        out.imag = np.where(negative, half_turn, 0.0)
        return out
    apply.__name__ = name
    return apply


def _half_turn_over_log(base):
    """pi / ln(base) rounded once to a double (Octave's M_PI / M_LN10, which the C compiler folds
    exactly; dividing the two doubles would be one ulp low for base 10)."""
    digits = decimal.Context(prec=50)
    pi = decimal.Decimal("3.14159265358979323846264338327950288419716939937510")
    return float(digits.divide(pi, digits.ln(decimal.Decimal(base))))


# libm's functions, value by value, as Octave computes them (runtime/libm.py says why)
exp = _elementwise(real_or(np.exp, "exp"))
log = _elementwise(_real_log(np.log, "log", math.pi))
log2 = _elementwise(_real_log(np.log2, "log2", _half_turn_over_log(2)))
log10 = _elementwise(_real_log(np.log10, "log10", _half_turn_over_log(10)))
sin = _elementwise(real_or(np.sin, "sin"))
cos = _elementwise(real_or(np.cos, "cos"))
tan = _elementwise(real_or(np.tan, "tan"))
tanh = _elementwise(real_or(np.tanh, "tanh"))
def _by_parts(func):
    """``func`` on a real value, or on the real and imaginary parts of a complex one apart
    (Octave's ``round(2.5 + 1.5i)`` is ``3 + 2i``)."""
    def parts(x):
        if np.iscomplexobj(x):              # not re + 1j * im: 1j * -0.0 has imaginary part +0
            out = np.empty(np.shape(x), dtype=np.complex128)
            out.real, out.imag = func(np.real(x)), func(np.imag(x))
            return out
        return func(x)
    parts.__name__ = func.__name__
    return parts


floor = _elementwise(_by_parts(np.floor))
ceil = _elementwise(_by_parts(np.ceil))
fix = _elementwise(_by_parts(np.trunc))
floor.__name__, ceil.__name__, fix.__name__ = "floor", "ceil", "fix"


def _round_half_away(x):
    return np.sign(x) * np.floor(np.abs(x) + 0.5)


round = _elementwise(_by_parts(_round_half_away))
round.__name__ = "round"
round.__doc__ = "Octave's ``round``: halves go away from zero."


def _int_pair(x, y):
    """The integer type of an integer-typed operand of mod/rem (None for doubles)."""
    for v in (x, y):
        if isinstance(v, np.ndarray) and v.dtype.kind in "iu":
            return v.dtype
    return None


def _int_result(x, y, func):
    """mod/rem of integer-typed values: computed exactly in doubles (the operands' values are
    whole), then stored in the integer type, as Octave (``mod(int8(-7), 3)`` is 2)."""
    from .integers import check_mixed, saturate
    dtype = _int_pair(x, y)
    check_mixed(x, y, "mod")
    a, b = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = func(a, b)
    return saturate(np.atleast_2d(r), dtype)


def mod(x, y):
    """Octave's ``mod``: x - floor(x ./ y) .* y, with mod(x, 0) = x."""
    x, y = _num(x), _num(y)
    if _int_pair(x, y) is not None:
        return _int_result(x, y, lambda a, b: np.where(b == 0, a, a - np.floor(a / b) * b))
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(np.asarray(y) == 0, x, x - np.floor(np.divide(x, y)) * y)
    return _out(_arr(r)) if np.ndim(r) else r.item()


def rem(x, y):
    """Octave's ``rem``: x - fix(x ./ y) .* y; rem(x, 0) of doubles is NaN, as in Octave 7
    (x - fix(x/0)*0 is x - Inf*0), but 0 for integer types."""
    x, y = _num(x), _num(y)
    if _int_pair(x, y) is not None:
        return _int_result(x, y, lambda a, b: np.where(b == 0, 0.0, a - np.trunc(a / b) * b))
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(np.asarray(y) == 0, np.nan, x - np.trunc(np.divide(x, y)) * y)
    return _out(_arr(r)) if np.ndim(r) else r.item()


def _extreme(func, argfunc, pair, x, y=None, dim=None, nargout=1):
    """Octave's max/min: NaN is skipped unless a whole slice is NaN; ``max([])`` is ``[]``.

    ``max(x, y)`` is element-wise (``max(5, [])`` is ``[]``); ``max(x, [], dim)`` reduces. An
    empty dimension reduces to 0 (``max(zeros(0, 3))`` is ``[](0x3)``), any other to 1.
    """
    name = func.__name__[3:]
    if y is not None and (dim is None or not (isinstance(y, np.ndarray) and y.size == 0)):
        if nargout > 1:
            raise ValueError(f"{name}: two outputs are not defined for two inputs")
        if dim is not None:
            raise ValueError(f"{name}: DIM must be used with an empty second argument")
        if isinstance(x, np.ndarray) or isinstance(y, np.ndarray):
            A, B = _arr(_num(x)), _arr(_num(y))
            if _b.any(p != q and p != 1 and q != 1 for p, q in zip(A.shape, B.shape)) or \
                    A.ndim != B.ndim:
                raise ValueError(f"{name}: nonconformant arguments "
                                 f"(op1 is {A.shape[0]}x{A.shape[1]}, op2 is {B.shape[0]}x{B.shape[1]})")
            if np.iscomplexobj(_num(x)) or np.iscomplexobj(_num(y)):
                return _out(_arr(pairwise_extreme(_num(x), _num(y), pair is np.fmax)))
            return _out(_arr(pair(_num(x), _num(y))))
        if isinstance(x, complex) or isinstance(y, complex):
            return pairwise_extreme(x, y, pair is np.fmax).item()
        return pair(x, y).item()
    a = _arr(_num(x))
    if dim is None:
        dim = next((k + 1 for k, s in enumerate(a.shape) if s != 1), 1)
    ax = int(dim) - 1
    if a.size == 0:
        shape = list(a.shape) + [1] * _b.max(0, ax + 1 - a.ndim)
        shape[ax] = _b.min(shape[ax], 1)
        empty = np.zeros(shape[:_b.max(2, a.ndim)], dtype=np.float64 if a.dtype.kind in "bfU"
                         else a.dtype)
        empty = _out(empty) if a.dtype.kind in "iu" else empty
        return (empty, np.zeros(empty.shape)) if nargout > 1 else empty
    if a.dtype.kind == "c":
        value, idx = reduce_extreme(a, ax, func is np.nanmax)
        return (_out(value), _out(idx + 1.0)) if nargout > 1 else _out(value)
    nan_free = a.dtype.kind != "f" or not np.isnan(a).any()
    with np.errstate(invalid="ignore"):
        if nan_free:
            value = func(a, axis=ax, keepdims=True)
        else:                                      # all-NaN slices give NaN, as in Octave
            filled = np.where(np.isnan(a), -np.inf if func is np.nanmax else np.inf, a)
            value = np.where(np.all(np.isnan(a), axis=ax, keepdims=True), np.nan,
                             func(filled, axis=ax, keepdims=True))
    value = _out(value.view(type(a)) if isinstance(a, np.ndarray) else value)
    if nargout > 1:
        where = a if nan_free else np.where(np.isnan(a), -np.inf if func is np.nanmax else np.inf, a)
        return value, _out(np.expand_dims(argfunc(where, axis=ax), ax) + 1.0)
    return value


def max(x, y=None, dim=None, nargout=1):
    """Octave's ``max(x)``, ``max(x, y)``, ``max(x, [], dim)``; ``nargout=2`` adds the index."""
    return _extreme(np.nanmax, np.argmax, np.fmax, x, y, dim, nargout)


def min(x, y=None, dim=None, nargout=1):
    """Octave's ``min``, like :func:`max`."""
    return _extreme(np.nanmin, np.argmin, np.fmin, x, y, dim, nargout)


def strcmp(a, b):
    """Octave's ``strcmp``: True when both are strings with the same characters."""
    if "cell" in (getattr(type(a), "octave_class", None), getattr(type(b), "octave_class", None)):
        from .cellstr import strcmp_cells
        return strcmp_cells(a, b)
    return isinstance(a, str) and isinstance(b, str) and a == b


def double(x):
    """Octave's ``double``: to float64 (strings become character codes)."""
    return _out(_arr(_num(x)).astype(np.float64)) if not isinstance(x, (numbers.Number, np.bool_)) else float(x)


def single(x):
    """Octave's ``single``: to float32."""
    return _arr(_num(x)).astype(np.float32)


def logical(x):
    """Octave's ``logical`` (a NaN is Octave's error)."""
    from .operators import no_nan_to_logical
    return _out(no_nan_to_logical(_arr(_num(x))) != 0)
