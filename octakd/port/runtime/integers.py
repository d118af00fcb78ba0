"""Octave's integer types (``int8`` ... ``uint64``): arithmetic that rounds and saturates.

In Octave ``uint8(200) * 2`` is 255, ``uint8(10) - 50`` is 0 and ``int32(7) / 2`` is 4: an
operation between an integer value and a double is computed in double precision, then rounded
(halves away from zero) and saturated to the integer type's range, and the result keeps the
integer type. NumPy's integer arrays wrap around instead, so integer values in a ported script
are :class:`IntArray` arrays (even 1x1 ones), whose ufuncs follow Octave's rule.
"""
import numpy as np

__all__ = ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "idivide"]
FUNCTIONS = {name: "num" for name in __all__}
MULTI_OUTPUT = set()

# ufuncs whose integer result is the rounded, saturated double result
_SATURATING = {np.add, np.subtract, np.multiply, np.true_divide, np.divide, np.power,
               np.negative, np.positive, np.absolute, np.floor, np.ceil, np.trunc, np.rint,
               np.maximum, np.minimum, np.fmax, np.fmin, np.sign}
# ufuncs whose result is logical
_LOGICAL = {np.equal, np.not_equal, np.less, np.less_equal, np.greater, np.greater_equal,
            np.logical_and, np.logical_or, np.logical_not, np.logical_xor, np.isnan,
            np.isinf, np.isfinite}


# the Octave operator each element-wise ufunc stands for, for the mixed-types error
_SYMBOLS = {"add": "+", "subtract": "-", "multiply": ".*", "true_divide": "./",
            "divide": "./", "power": ".^", "logical_and": "&", "logical_or": "|"}


def _kind(x):
    """Octave's name of an integer operand in its errors: ``'int8 scalar'``, ``'int8 matrix'``."""
    return f"{np.asarray(x).dtype} {'scalar' if np.size(x) == 1 else 'matrix'}"


def check_mixed(a, b, symbol):
    """Octave's error for an operator between two different integer types (``int8(1) +
    int16(2)``): ``binary operator '+' not implemented for 'int8 scalar' by 'int16 scalar'
    operations``. Comparisons and concatenation of mixed types are allowed; they do not call this."""
    da, db = _int_dtype(a), _int_dtype(b)
    if da is not None and db is not None and da != db:
        from .functions import OctaveError
        raise OctaveError("", f"binary operator '{symbol}' not implemented for '{_kind(a)}' by "
                              f"'{_kind(b)}' operations")


def _int_dtype(x):
    if isinstance(x, (np.ndarray, np.integer)) and x.dtype.kind in "iu":
        return x.dtype
    return None


def saturate(values, dtype):
    """Round ``values`` (float64) half away from zero and clip them into ``dtype``'s range."""
    info = np.iinfo(dtype)
    v = np.asarray(values, dtype=np.float64)
    v = np.sign(v) * np.floor(np.abs(v) + 0.5)
    v = np.where(np.isnan(v), 0.0, v)
    with np.errstate(invalid="ignore"):         # uint64's maximum rounds up to 2^64 in float64
        out = np.clip(v, info.min, info.max).astype(dtype)
    out[v >= float(info.max)] = info.max       # float64 cannot hold int64/uint64's maximum
    return out.view(IntArray)


class IntArray(np.ndarray):
    """An Octave integer array: NumPy integer storage with saturating arithmetic."""

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        plain = [np.asarray(x) if isinstance(x, IntArray) else x for x in inputs]
        if method != "__call__" or "out" in kwargs:
            return getattr(ufunc, method)(*plain, **kwargs)
        types = [d for d in map(_int_dtype, plain) if d is not None]
        if not types:               # an IntArray view of floats (x.astype(float)): plain numbers
            return ufunc(*[np.asarray(x) for x in plain], **kwargs)
        if len(set(types)) > 1:
            if ufunc in _LOGICAL and ufunc.__name__ not in _SYMBOLS:    # int8(1) < int16(2)
                return ufunc(*[np.asarray(x, dtype=np.float64) for x in plain], **kwargs)
            if ufunc.__name__ not in _SYMBOLS:
                raise TypeError(f"{ufunc.__name__}: mixed integer types "
                                f"({' and '.join(map(str, types))}) are not supported")
            check_mixed(plain[0], plain[1], _SYMBOLS[ufunc.__name__])
        dtype = np.dtype(types[0])
        floats = [np.asarray(x, dtype=np.float64) if not isinstance(x, str) else x for x in plain]
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            result = ufunc(*floats, **kwargs)
        if ufunc in _LOGICAL:
            return result
        if ufunc in _SATURATING:
            return saturate(result, dtype)
        raise TypeError(f"{ufunc.__name__}: not defined for {dtype} values "
                        f"(convert with double() first)")

    def __array_wrap__(self, obj, context=None, return_scalar=False):
        return np.asarray(obj).view(IntArray) if np.asarray(obj).dtype.kind in "iu" else np.asarray(obj)


def _cast(dtype):
    name = np.dtype(dtype).name

    def cast(x):
        if isinstance(x, str):
            x = [[ord(c) for c in x]]
        a = np.asarray(x)
        if a.dtype.kind not in "biuf":
            raise TypeError(f"{name}: expected a number or a numeric array, got {type(x).__name__}")
        if a.ndim < 2:
            a = a.reshape(1, -1) if a.ndim == 1 else a.reshape(1, 1)
        return saturate(np.asarray(a, dtype=np.float64), dtype)
    cast.__name__ = name
    cast.__doc__ = f"Octave's ``{name}``: round halves away from zero, saturate, convert."
    return cast


int8, uint8 = _cast(np.int8), _cast(np.uint8)
int16, uint16 = _cast(np.int16), _cast(np.uint16)
int32, uint32 = _cast(np.int32), _cast(np.uint32)
int64, uint64 = _cast(np.int64), _cast(np.uint64)


def idivide(x, y, op="fix"):
    """Octave's ``idivide(x, y[, op])``: integer division rounded by ``op`` (``"fix"``, the
    default, ``"round"``, ``"floor"`` or ``"ceil"``), as Octave 7's idivide.m computes it.

    The quotient ``z = x ./ y`` of integers is rounded to the nearest (halves away from zero,
    saturated); it is then moved one step where ``z .* y`` passed ``x`` (all in the integer
    type, saturating). Octave's ``"fix"`` step compares ``z .* y > x`` whatever the sign of x,
    so a negative quotient that rounded down stays there (``idivide(int32(-7), int32(2))`` is
    -4 in Octave 7.3, not -3): this follows Octave, not the mathematics."""
    from .functions import OctaveError
    if not isinstance(op, str) or op.lower() not in ("fix", "round", "floor", "ceil"):
        raise OctaveError("", f'idivide: unrecognized rounding type "{op}"')
    op = op.lower()
    tx, ty = _int_dtype(x), _int_dtype(y)
    if tx is None and ty is None:
        raise OctaveError("", "idivide: at least one input (X or Y) must be an integer type")
    if tx is not None and ty is not None and tx != ty:
        raise OctaveError("", f"idivide: integer type of X ({tx}) must match integer type of Y "
                              f"({ty})")
    dtype = tx or ty
    x = saturate(np.atleast_2d(np.asarray(x, dtype=np.float64)), dtype) if tx is None else x
    y = saturate(np.atleast_2d(np.asarray(y, dtype=np.float64)), dtype) if ty is None else y
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.true_divide(x, y)
    if op == "round":
        return z
    zy = np.multiply(z, y)
    positive = np.asarray(y) > 0
    if op == "fix":
        step = np.where(positive, -1, 1) * (np.asarray(zy) > np.asarray(x))
    elif op == "floor":
        step = -1.0 * np.where(positive, np.asarray(zy) > np.asarray(x),
                               np.asarray(zy) < np.asarray(x))
    else:
        step = np.where(positive, np.asarray(zy) < np.asarray(x), np.asarray(zy) > np.asarray(x))
    return np.add(z, step.astype(np.float64))
