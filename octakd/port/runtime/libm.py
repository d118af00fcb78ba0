"""Element-wise functions computed value by value by the C library's libm, as GNU Octave does.

GNU Octave computes ``exp(x)``, ``log(x)``, ``tanh(x)``, ``x.^y`` ... by calling the C
library's ``exp``, ``log``, ``tanh``, ``pow`` on each element. NumPy, on processors with AVX-512
(found at run time), uses its own vectorised versions of most of them, which are not always
correctly rounded: measured on this project's machine, 4.6 % of ``exp`` values and 25 % of
``tanh`` values differed from the C library's in the last bit, and such a bit shows as soon as a
script prints with ``%.17g`` or ``format long``, or decides ``if`` on it. So the port runtime
computes these functions through libm, one value at a time (about 0.1 µs a value, against 1 ns
for NumPy's: the price of printing Octave's digits).

``libm_unary(name)`` and ``libm_binary(name)`` give functions of a float64 array (or number)
returning float64; other dtypes (complex) go to the NumPy function given as the fallback.
Python's ``math`` module calls libm directly for the functions used here, except ``gamma``,
``lgamma`` and ``hypot``, which it computes itself; those are called from libm through ctypes.
"""
import ctypes
import ctypes.util
import math

import numpy as np

# Python's math functions that are libm's own (CPython's mathmodule calls the C function, after
# checking for special values that it reports as exceptions).
_MATH = {
    "exp": math.exp, "log": math.log, "log2": math.log2, "log10": math.log10,
    "sin": math.sin, "cos": math.cos, "tan": math.tan,
    "asin": math.asin, "acos": math.acos, "atan": math.atan,
    "sinh": math.sinh, "cosh": math.cosh, "tanh": math.tanh,
    "asinh": math.asinh, "acosh": math.acosh, "atanh": math.atanh,
    "expm1": math.expm1, "log1p": math.log1p, "cbrt": getattr(math, "cbrt", None),
    "atan2": math.atan2, "pow": math.pow,
}
# NumPy's twins, for what libm reports as an error (overflow, a pole, a domain error): their
# value there (Inf, -Inf, NaN) is the C library's too.
_NUMPY = {
    "exp": np.exp, "log": np.log, "log2": np.log2, "log10": np.log10,
    "sin": np.sin, "cos": np.cos, "tan": np.tan,
    "asin": np.arcsin, "acos": np.arccos, "atan": np.arctan,
    "sinh": np.sinh, "cosh": np.cosh, "tanh": np.tanh,
    "asinh": np.arcsinh, "acosh": np.arccosh, "atanh": np.arctanh,
    "expm1": np.expm1, "log1p": np.log1p, "cbrt": np.cbrt,
    "atan2": np.arctan2, "pow": np.power, "hypot": np.hypot,
    "tgamma": None, "lgamma": None,
}


def _c_library():
    """The C math library through ctypes, or None where it cannot be found."""
    name = ctypes.util.find_library("m")
    try:
        return ctypes.CDLL(name) if name else None
    except OSError:
        return None


_LIBM = _c_library()


def _c_function(name, arity):
    """libm's ``double name(double[, double])``, or None."""
    if _LIBM is None or not hasattr(_LIBM, name):
        return None
    func = getattr(_LIBM, name)
    func.restype = ctypes.c_double
    func.argtypes = [ctypes.c_double] * arity
    return func


def _scalar_function(name, arity):
    """A Python function of ``arity`` floats computing libm's ``name``."""
    func = _MATH.get(name) or _c_function(name, arity)
    if func is None:                                   # no libm found: NumPy's value
        fallback = _NUMPY[name]
        return lambda *v: float(fallback(*v))
    fallback = _NUMPY.get(name)

    def value(*v):
        try:
            return func(*v)
        except (ValueError, OverflowError, ZeroDivisionError):
            with np.errstate(all="ignore"):           # Inf, -Inf or NaN, as C gives them
                return float(fallback(*(np.float64(x) for x in v)))
    value.__name__ = name
    return value


def _vectorised(name, arity):
    one = _scalar_function(name, arity)
    many = np.frompyfunc(one, arity, 1)

    def apply(*args):
        arrays = [np.asarray(a) for a in args]
        if any(a.dtype != np.float64 for a in arrays):
            raise TypeError(f"{name}: float64 values expected")
        if all(a.ndim == 0 for a in arrays):
            return np.float64(one(*(float(a) for a in arrays)))
        return np.asarray(many(*arrays), dtype=np.float64)
    apply.__name__ = name
    apply.__doc__ = f"libm's ``{name}`` applied to every value (float64 in, float64 out)."
    return apply


def libm_unary(name):
    """``f(x)``: libm's one-argument function ``name`` on every float64 value of x."""
    return _vectorised(name, 1)


def libm_binary(name):
    """``f(x, y)``: libm's two-argument function ``name`` (``atan2``, ``hypot``, ``pow``) on
    every pair of values of x and y, broadcast as NumPy does."""
    return _vectorised(name, 2)


def real_or(numpy_func, name):
    """``numpy_func`` for complex (or other non-float64) values, libm's ``name`` for float64
    ones: the element-wise function Octave computes."""
    exact = libm_unary(name)

    def apply(x, *rest):
        a = np.asarray(x)
        if rest or a.dtype != np.float64:
            return numpy_func(x, *rest)
        return exact(a)
    apply.__name__ = name
    return apply
