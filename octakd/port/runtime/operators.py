"""Octave's operators with matrix semantics: ``*``, ``/``, ``\\``, ``^``, transposes, logic.

The translator writes plain Python operators where Octave's meaning is the element-wise one and
calls these helpers where it is not (a matrix product, a linear solve, a matrix power).
"""
import builtins as _b
import math
import numbers
import sys

import numpy as np

from .chars import CharMatrix, transpose_chars
from .integers import IntArray, check_mixed
from .libm import libm_binary
from .matmul import reference_product
from .values import DiagArray, _arr, _dims, _num, _out, _scalar, inf, nan

__all__ = ["rdivide", "power", "times", "mtimes", "mpower",
           "transpose", "ctranspose", "istrue", "logical_not", "logical_and", "logical_or"]
FUNCTIONS = {"rdivide": "same", "power": "same", "transpose": "same", "ctranspose": "same"}
MULTI_OUTPUT = set()


# --------------------------------------------------------------------------------- operators
def _is_scalar(x):
    return isinstance(x, (numbers.Number, np.bool_)) or np.size(x) == 1


def _real_number(x):
    return isinstance(x, (numbers.Real, np.bool_)) and not isinstance(x, np.ndarray)


def rdivide(a, b):
    """Octave's ``a ./ b`` (and ``a / b`` by a scalar): ``x/0`` is Inf, -Inf or NaN, no error."""
    if _real_number(a) and _real_number(b):
        if b == 0:
            return nan if a == 0 or a != a else math.copysign(inf, a) * math.copysign(1, b)
        return a / b
    if isinstance(a, IntArray) or isinstance(b, IntArray):
        check_mixed(a, b, "/" if _is_scalar(b) else "./")
        return np.true_divide(a, b)
    if isinstance(a, DiagArray) and _real_number(b):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.true_divide(a, b)            # stays diagonal: eye(2)/0 is Inf on it
    with np.errstate(divide="ignore", invalid="ignore"):
        return _out(_arr(np.true_divide(_num(a), _num(b))))


_NEGATIVE_BASE = ("power: a negative base with a fractional, infinite or NaN exponent gives "
                  "complex values, and complex arrays are not supported")


def power(a, b):
    """Octave's ``a .^ b`` (and ``a ^ b`` of scalars): ``0^-1`` is Inf, overflow gives Inf.

    A negative base with a fractional exponent gives a complex number for scalars, as in Octave;
    for arrays that case is refused (complex arrays are not supported). A negative base with an
    infinite or NaN exponent is complex NaN in Octave (``(-2)^Inf`` is ``NaN - NaNi``): refused.
    """
    if _real_number(a) and _real_number(b):
        if a < 0 and not math.isfinite(b):
            raise ValueError(_NEGATIVE_BASE)
        try:
            return float(a) ** float(b)
        except ZeroDivisionError:                   # 0 ** negative
            odd = float(b).is_integer() and int(b) % 2 == 1
            return math.copysign(inf, float(a)) if odd else inf
        except OverflowError:
            odd = float(b).is_integer() and int(b) % 2 == 1
            return -inf if a < 0 and odd else inf
    if isinstance(a, (complex, np.complexfloating)) and _is_scalar(b) or \
            isinstance(b, (complex, np.complexfloating)) and _is_scalar(a):
        with np.errstate(all="ignore"):             # complex scalars: C's cpow, as Octave
            z = complex(np.power(np.complex128(_scalar(a, "^")), np.complex128(_scalar(b, "^"))))
        return z.real if z.imag == 0 else z         # Octave narrows a zero imaginary part
    if isinstance(a, (complex, np.complexfloating)) or isinstance(b, (complex, np.complexfloating)):
        raise ValueError("power: a complex scalar with an array gives a complex array, and complex "
                         "arrays are not supported")
    if isinstance(a, IntArray) or isinstance(b, IntArray):
        return np.power(a, b)
    A, B = _num(a), _num(b)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        base, expo = np.asarray(A, dtype=np.float64), np.asarray(B, dtype=np.float64)
        if np.any((base < 0) & ((expo != np.round(expo)) | ~np.isfinite(expo))):
            raise ValueError(_NEGATIVE_BASE)
        return _out(_arr(_element_power(base, expo)))


_pow = libm_binary("pow")


def _element_power(base, expo):
    """``base .^ expo`` of float64 arrays, computed as Octave's elem_xpow does: an array to the
    integer power 2, 3 or -1 by products (``a.*a``, ``a.*a.*a``, ``1./a``), every other case by
    libm's ``pow`` value by value (runtime/libm.py: NumPy's vectorised pow can differ in the last
    bit). ``[x y].^3`` and ``x^3`` can differ in the last bit in Octave too."""
    if expo.size == 1 and base.size != 1:
        b = float(expo.reshape(()))
        if b == 2:
            return base * base
        if b == 3:
            return base * base * base
        if b == -1:
            return 1.0 / base
    return _pow(base, expo)


def times(a, b):
    """Octave's ``a .* b`` with a scalar operand: ``a * b``, except that a diagonal matrix
    (``eye``) becomes full, as in Octave (``eye(2) * 2`` stays diagonal, ``eye(2) .* 2`` not)."""
    if isinstance(a, DiagArray):
        a = np.asarray(a)
    if isinstance(b, DiagArray):
        b = np.asarray(b)
    return a * b


def mtimes(a, b):
    """Octave's ``a * b``: scalar product when either side is a scalar, else matrix product."""
    if type(a) is float and type(b) is float:      # the common case in loops, answered first
        return a * b
    check_mixed(a, b, "*")
    if _is_scalar(a) or _is_scalar(b):
        return _out(np.multiply(a, b)) if isinstance(a, np.ndarray) or isinstance(b, np.ndarray) else a * b
    A, B = _arr(a), _arr(b)
    if A.ndim > 2 or B.ndim > 2 or A.shape[1] != B.shape[0]:
        raise ValueError(f"operator *: nonconformant arguments (op1 is {_dims(A)}, op2 is {_dims(B)})")
    if isinstance(a, DiagArray) and isinstance(b, DiagArray):
        return np.matmul(a, b)                     # a product of diagonals stays diagonal
    if A.dtype == np.float64 and B.dtype == np.float64 and \
            not isinstance(a, DiagArray) and not isinstance(b, DiagArray):
        return _out(reference_product(A, B))      # added in the reference BLAS's order
    return _out(A @ B)


def _div0(a):
    a = _scalar(a, "/")
    return nan if a == 0 or a != a else math.copysign(inf, a)


def _operand_kind(x):
    """How Octave's error messages name an operand: 'int8 scalar', 'matrix', ..."""
    shape = "scalar" if _is_scalar(x) else "matrix"
    return f"{x.dtype} {shape}" if isinstance(x, IntArray) else shape


def mpower(a, b):
    """Octave's ``a ^ b``: scalar power, or an integer power of a square matrix.

    With an integer operand (``int8(100)^2``) scalars follow ``power`` (rounded, saturated, the
    integer type kept: 127) and matrices are an error, as in Octave. A negative base with an
    infinite or NaN exponent is complex NaN in Octave: refused, as ``power`` does."""
    if isinstance(a, IntArray) or isinstance(b, IntArray):
        check_mixed(a, b, "^")                      # int8 ^ int16: Octave's '^' error
        if _is_scalar(a) and _is_scalar(b):
            return power(a, b)
        raise ValueError(f"binary operator '^' not implemented for '{_operand_kind(a)}' by "
                         f"'{_operand_kind(b)}' operations")
    if type(a) is float and type(b) in (float, int) and (a > 0 or float(b).is_integer()):
        try:                                        # C pow, as np.power of float64 scalars
            return a ** b
        except (OverflowError, ZeroDivisionError):
            pass                                    # numpy's Inf follows
    check_mixed(a, b, "^")
    if _is_scalar(a) and _is_scalar(b):
        x, y = _scalar(a, "^"), _scalar(b, "^")
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            if isinstance(x, complex) or isinstance(y, complex) or \
                    x < 0 and not float(y).is_integer() and math.isfinite(y):
                z = complex(np.power(np.complex128(x), np.complex128(y)))
                return z.real if z.imag == 0 else z   # Octave narrows a zero imaginary part
            if x < 0 and not math.isfinite(y):
                raise ValueError(_NEGATIVE_BASE)
            return _out(np.power(np.float64(x), y))
    A = _arr(a)
    if _is_scalar(b) and A.ndim == 2 and A.shape[0] == A.shape[1] and float(_scalar(b, "^")).is_integer():
        return _integer_matrix_power(A, int(_scalar(b, "^")))
    if _is_scalar(b) and A.ndim == 2 and A.shape[0] == A.shape[1]:
        p = _scalar(b, "^")
        return _eig_power(A, lambda lam: _cpow(lam, p))
    B = _arr(b)
    if _is_scalar(a) and B.ndim == 2 and B.shape[0] == B.shape[1]:
        x = _scalar(a, "^")
        return _eig_power(B, lambda lam: _cpow(np.full(lam.shape, x, dtype=complex), lam))
    from .functions import OctaveError
    raise OctaveError("", "for x^y, only square matrix arguments are permitted and one argument "
                          "must be scalar.  Use .^ for elementwise power.")


def _integer_matrix_power(A, k):
    """``A^k`` for a square matrix and a whole k, as Octave's xpow computes it: ``A^0`` is the
    identity as a diagonal matrix; a negative k inverts A first (as ``inv`` does, with xpow's
    warning ``inverse: matrix singular ...`` only for an exact zero pivot); then binary powering, ``result = atmp * result`` on each set bit and
    ``atmp = atmp * atmp`` between them, with products in the reference BLAS order."""
    from .arrays import eye
    if k == 0:
        return eye(A.shape[0])
    if k < 0 and A.dtype.kind in "biuf" and A.shape[0] > 1:
        # xpow: a.inverse (...) as inv computes it; only an exact zero pivot warns
        from .octave_solve import inverse
        A, rcond, info = inverse(np.asarray(A, dtype=np.float64))
        if info == -1:
            print(f"warning: inverse: matrix singular to machine precision, rcond = {rcond:g}",
                  file=sys.stderr)
    elif k < 0:
        from .linalg import inv
        A = _arr(inv(A))
    kind = np.complex128 if A.dtype.kind == "c" else np.float64      # keep complex values
    atmp = A.astype(kind)
    multiply = reference_product if kind is np.float64 else np.matmul
    result = atmp.copy()
    k = abs(k) - 1
    while k > 0:
        if k & 1:
            result = multiply(atmp, result)
        k >>= 1
        if k > 0:
            atmp = multiply(atmp, atmp)
    return _out(result)


def _cpow(base, expo):
    """C++'s ``std::pow`` of complex numbers, element by element, with libstdc++'s rule that a
    positive real base to a real power is the real power (no rounding in the imaginary part)."""
    base = np.asarray(base, dtype=complex)
    expo = np.broadcast_to(np.asarray(expo), base.shape)
    out = np.empty(base.shape, dtype=complex)
    with np.errstate(all="ignore"):
        for i, (z, y) in enumerate(zip(base.ravel(), expo.ravel())):
            if z.imag == 0 and z.real > 0 and np.imag(y) == 0:
                out.flat[i] = float(z.real) ** float(np.real(y))
            else:
                out.flat[i] = complex(z) ** complex(y)
    return out


def _eig_power(M, power_of):
    """Octave's ``A ^ p`` (non-integer p) and ``s ^ A``: with A = Q*D/Q its eigen-decomposition
    (symmetric solver for a symmetric A, as Octave's EIG), the result is Q * f(D) * inv(Q);
    it becomes real when every imaginary part is zero, as in Octave."""
    M = M.astype(np.float64) if M.dtype.kind != "c" else M
    if M.dtype.kind != "c" and np.array_equal(M, M.T):
        lam, Q = np.linalg.eigh(M)
    else:
        lam, Q = np.linalg.eig(M)
    Q = Q.astype(complex)
    res = (Q * power_of(lam.astype(complex))) @ np.linalg.inv(Q)
    if not np.any(res.imag):
        res = res.real
    return _out(res)


def transpose(x):
    """Octave's ``x.'``."""
    if hasattr(type(x), "transposed"):           # a cell or struct array
        return x.transposed()
    if isinstance(x, (str, CharMatrix)):
        return transpose_chars(x)
    if _is_scalar(x) and not isinstance(x, np.ndarray):
        return x
    if isinstance(x, DiagArray):
        return np.asarray(x).T.copy().view(DiagArray)
    a = _arr(x)
    if a.ndim > 2:
        raise ValueError("transpose not defined for N-D objects")
    return _out(a.T) if a.dtype.kind in "iu" else a.T


def ctranspose(x):
    """Octave's ``x'`` (the conjugate transpose; the same for real values)."""
    t = transpose(x)
    if isinstance(t, (complex, np.complexfloating)):
        return t.conjugate()
    return np.conj(t) if isinstance(t, np.ndarray) and t.dtype.kind == "c" else t


def no_nan_to_logical(x):
    """Octave's error when a NaN is taken as true or false (``if NaN``, ``~NaN``, ``NaN & 1``,
    ``logical(NaN)``); ``x`` is returned unchanged when it holds no NaN."""
    if isinstance(x, float) and x != x or isinstance(x, np.ndarray) and x.dtype.kind in "fc" \
            and np.isnan(x).any():
        from .functions import OctaveError
        raise OctaveError("", "invalid conversion from NaN to logical")
    return x


def istrue(x):
    """Octave's truth of an ``if``/``while`` condition: nonempty and all elements nonzero."""
    if isinstance(x, (bool, numbers.Number, np.bool_)):
        return bool(no_nan_to_logical(x))
    if isinstance(x, str):
        return len(x) > 0 and _b.all(c != "\0" for c in x)
    a = no_nan_to_logical(np.asarray(x))
    return a.size > 0 and bool(np.all(a))


def logical_not(x):
    """Octave's ``~x`` / ``!x``."""
    if isinstance(x, (bool, numbers.Number, np.bool_)):
        return not no_nan_to_logical(x)
    return _out(np.logical_not(no_nan_to_logical(_arr(x))))


def logical_and(a, b):
    """Octave's element-wise ``a & b``."""
    check_mixed(a, b, "&")
    return _out(np.logical_and(no_nan_to_logical(_num(a)), no_nan_to_logical(_num(b))))


def logical_or(a, b):
    """Octave's element-wise ``a | b``."""
    check_mixed(a, b, "|")
    return _out(np.logical_or(no_nan_to_logical(_num(a)), no_nan_to_logical(_num(b))))
