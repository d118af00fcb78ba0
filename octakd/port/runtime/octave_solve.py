"""GNU Octave 7's ``inv``, ``det`` and ``A \\ B`` / ``B / A`` for real full matrices, on the
LAPACK routines of :mod:`lapack_order` so that the results are Octave's to the last bit.

Octave (liboctave ``Matrix::inverse``, ``Matrix::determinant``, ``Matrix::solve``) first
classifies a square matrix (``MatrixType``): *upper* or *lower* triangular when the diagonal has
no zero and the other triangle is all zeros, *hermitian* when it is symmetric with a positive
diagonal and every ``A(i,j)^2 < A(i,i)*A(j,j)``, else *full*. Then:

- triangular: ``inv`` is DTRTRI, ``\\`` is DTRTRS (with ``'T'`` for ``/``), the condition number
  DTRCON;
- hermitian: Cholesky (DPOTRF; ``'U'`` for ``inv``, then DPOTRI; ``'L'`` for ``\\``, then
  DPOTRS), falling back to the full path when it fails or (for ``\\``) when rcond < eps;
- full: LU (DGETRF, DGECON, then DGETRI or DGETRS); an exactly singular U gives an all-``Inf``
  inverse, and for ``\\`` the minimum-norm least-squares solution (DGELSD, from SciPy).

The reciprocal condition numbers (DGECON, DPOCON, DTRCON, in :mod:`condest_order`) decide the
warning ``matrix singular to machine precision, rcond = ...`` and whether ``inv`` returns all
``Inf``; they are computed in the reference order too. Above
:data:`EXACT_LIMIT` the factorisations are SciPy's, with a warning on standard error, once.
"""
import sys

import numpy as np
import scipy.linalg as sl

from . import condest_order
from . import lapack_blocked as lb
from . import lapack_order as lo

EXACT_LIMIT = 600           # matrix order; above it, SciPy's LAPACK (and a warning, once)
_warned = [False]


def _fallback_warning(what, n):
    if not _warned[0]:
        _warned[0] = True
        print(f"octakd: warning: {what} of a {n}x{n} matrix uses SciPy's LAPACK; "
              "its last digits may differ from GNU Octave's", file=sys.stderr)


def least_squares(a, b):
    """The minimum-norm least-squares solution of ``Matrix::lssolve`` (DGELSD), from SciPy: not
    repeated in the reference order, so it warns (once) that its last digits may differ."""
    if not _warned[0]:
        _warned[0] = True
        print(f"octakd: warning: a least-squares solve ({a.shape[0]}x{a.shape[1]}, DGELSD) uses "
              "SciPy's LAPACK; its last digits may differ from GNU Octave's", file=sys.stderr)
    return sl.lstsq(a, b, lapack_driver="gelsd", check_finite=False)[0]


def warn_singular(rcond=0.0):
    """Octave's ``warn_singular_matrix``: the rcond is shown unless it is exactly 0."""
    text = "warning: matrix singular to machine precision"
    if rcond != 0:
        text += f", rcond = {rcond:g}"
    print(text, file=sys.stderr)


def matrix_type(a):
    """Octave's ``matrix_real_probe``: 'upper', 'lower', 'hermitian' or 'full' (square a)."""
    d = np.diagonal(a)
    if not np.all(d != 0):
        return "full"                  # a zero (or the first NaN test) ends every candidate
    upper = bool(np.all(np.tril(a, -1) == 0))
    lower = bool(np.all(np.triu(a, 1) == 0))
    if upper:
        return "upper"
    if lower:
        return "lower"
    if np.all(d > 0) and np.array_equal(a, a.T):
        iu = np.triu_indices(a.shape[0], 1)
        if np.all(a[iu] * a[iu] < d[iu[0]] * d[iu[1]]):
            return "hermitian"
    return "full"


def norm1(a):
    """Octave's ``norm1`` (dMatrix.cc): the column sums of |A|, each added top to bottom; the
    largest, unless a sum is Inf or NaN, which is returned at once (the first one)."""
    sums = np.zeros(a.shape[1])
    for row in np.abs(a):
        sums += row
    anorm = 0.0
    for total in sums:
        if np.isinf(total) or np.isnan(total):
            return float(total)
        anorm = max(anorm, float(total))
    return anorm


def _gecon(lu, anorm):
    """DGECON, in the reference order (SciPy's above the exact limit)."""
    if lu.shape[0] > EXACT_LIMIT:
        return float(sl.lapack.dgecon(lu, anorm, norm="1")[0])
    return condest_order.dgecon(lu, anorm)


def _pocon(c, anorm, upper):
    if c.shape[0] > EXACT_LIMIT:
        return float(sl.lapack.dpocon(c, anorm, uplo="U" if upper else "L")[0])
    return condest_order.dpocon(c, anorm, upper)


def _trcon(a, upper):
    if a.shape[0] > EXACT_LIMIT:
        return float(sl.lapack.dtrcon(a, norm="1", uplo="U" if upper else "L", diag="N")[0])
    return condest_order.dtrcon(a, upper)


def _fortran(a):
    return np.array(a, dtype=np.float64, order="F")


def _isnan(x):
    return x != x


def _tiny(rcond):
    return rcond + 1.0 == 1.0 or _isnan(rcond)


# ------------------------------------------------------------------------------------ inverse
def inverse(a):
    """Octave's ``inv`` of a real square matrix of order >= 2: (result, rcond, info), info -1
    when the factorisation met an exact zero pivot."""
    n = a.shape[0]
    typ = matrix_type(a)
    if n > EXACT_LIMIT:
        _fallback_warning("inv", n)
    if typ in ("upper", "lower"):
        if n > EXACT_LIMIT:
            res = sl.lapack.dtrtri(a, lower=int(typ == "lower"))[0]
        else:
            res = _fortran(a)
            lb.dtrtri(res, upper=(typ == "upper"))
        rcond = _trcon(a, typ == "upper")
        return res, rcond, 0
    if typ == "hermitian":
        res = _chol_inverse(a)
        if res is not None:
            return res
    return _lu_inverse(a)


def _chol_inverse(a):
    """``chol<Matrix>`` (DPOTRF 'U', DPOCON) then ``chol2inv`` (DPOTRI 'U', lower triangle
    copied from the upper); None when A is not positive definite."""
    if a.shape[0] > EXACT_LIMIT:
        c, info = sl.lapack.dpotrf(np.triu(a), lower=0, clean=1)
        if info:
            return None
    else:
        c = _fortran(np.triu(a))
        if lo.dpotrf(c, upper=True):
            return None
    rcond = _pocon(c, norm1(a), True)
    if a.shape[0] > EXACT_LIMIT:
        c = sl.lapack.dpotri(c, lower=0)[0]
    else:
        lb.dpotri_upper(c)
    res = np.triu(c) + np.triu(c, 1).T
    if rcond == 0:
        res = np.full(a.shape, np.inf)
    return res, rcond, 0


def _lu_inverse(a):
    """``Matrix::finverse``: DGETRF, DGECON, DGETRI; all ``Inf`` when rcond is 0."""
    n = a.shape[0]
    anorm = norm1(a)
    if n > EXACT_LIMIT:
        lu, piv, info = sl.lapack.dgetrf(a)
        if info > 0:
            return np.full(a.shape, np.inf), 0.0, -1
        rcond = _gecon(lu, anorm)
        res = sl.lapack.dgetri(lu, piv)[0]
    else:
        lu = _fortran(a)
        piv, info = lo.dgetrf(lu)
        if info > 0:
            return np.full(a.shape, np.inf), 0.0, -1
        rcond = _gecon(lu, anorm)
        lb.dgetri(lu, piv)
        res = lu
    if rcond == 0:
        res = np.full(a.shape, np.inf)
    return res, rcond, 0


def _potrf_lower(a, what):
    """DPOTRF('L') as Octave's fsolve and determinant call it: (factor, info)."""
    n = a.shape[0]
    if n > EXACT_LIMIT:
        _fallback_warning(what, n)
        c, info = sl.lapack.dpotrf(a, lower=1, clean=0)
        return c, int(info)
    c = _fortran(a)
    return c, lo.dpotrf(c, upper=False)


# -------------------------------------------------------------------------------- determinant
def _det_product(values):
    """Octave's ``DET``: a coefficient in [0.5, 1) and a power of two, the coefficient
    multiplied by each value and renormalised (``frexp``) after each product."""
    coef, exp = np.frexp(1.0)
    for v in values:
        coef, e = np.frexp(coef * v)
        exp += int(e)
    return float(coef), int(exp)


def _det_value(coef, exp):
    """``DET::value``: coef * 2^exp, the power computed first (so it overflows to Inf, or
    underflows to 0, as in Octave, even when the product would be representable)."""
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        return float(coef * np.ldexp(1.0, exp))


def determinant(a):
    """Octave's ``det`` of a real square matrix (order >= 1)."""
    return determinant_rcond(a)[0]


def determinant_rcond(a):
    """``Matrix::determinant`` with ``calc_cond``: (det, rcond); rcond is 0 for a triangular A
    (Octave does not estimate it there) and for an exact zero pivot."""
    n = a.shape[0]
    typ = matrix_type(a)
    if typ in ("upper", "lower"):
        return _det_value(*_det_product(np.diagonal(a))), 0.0
    anorm = norm1(a)
    if typ == "hermitian":
        c, info = _potrf_lower(a, "det")
        if info == 0:
            rcond = _pocon(c, anorm, False)
            coef, exp = _det_product(np.diagonal(c))
            coef, e = np.frexp(coef * coef)          # DET::square
            return _det_value(coef, exp + exp + int(e)), rcond
    if n > EXACT_LIMIT:
        _fallback_warning("det", n)
        lu, piv, info = sl.lapack.dgetrf(a)
    else:
        lu = _fortran(a)
        piv, info = lo.dgetrf(lu)
    if info > 0:
        return 0.0, 0.0
    rcond = _gecon(lu, anorm)
    d = np.diagonal(lu)
    signed = [-d[i] if piv[i] != i else d[i] for i in range(n)]
    return _det_value(*_det_product(signed)), rcond


def rcond(a):
    """``Matrix::rcond``: the reciprocal 1-norm condition estimate of Octave's ``rcond(A)``, by
    the matrix's type: DTRCON for a triangular A, DPOTRF('L') and DPOCON for a symmetric one
    with a positive diagonal (LU when that fails), else DGETRF and DGECON (0 for an exact zero
    pivot); Inf for an empty matrix."""
    n = a.shape[0]
    if n == 0:
        return np.inf
    typ = matrix_type(a)
    if typ in ("upper", "lower"):
        return _trcon(a, typ == "upper")
    anorm = norm1(a)
    if typ == "hermitian":
        c, info = _potrf_lower(a, "rcond")
        if info == 0:
            return _pocon(c, anorm, False)
    if n > EXACT_LIMIT:
        _fallback_warning("rcond", n)
        lu, _piv, info = sl.lapack.dgetrf(a)
    else:
        lu = _fortran(a)
        _piv, info = lo.dgetrf(lu)
    if info > 0:
        return 0.0
    return _gecon(lu, anorm)


# ------------------------------------------------------------------------------------ solving
def solve(a, b, trans=False):
    """``Matrix::solve`` with the singular fallback: X with op(A)*X = B for a square A (op(A)
    is A' when ``trans``, as ``B / A`` asks), printing Octave's warnings on standard error."""
    n = a.shape[0]
    if n == 0 or b.shape[1] == 0:
        return np.zeros((n, b.shape[1]))
    typ = matrix_type(a)
    if typ in ("upper", "lower"):
        x = _fortran(b)
        lo.dtrsm_left(a, x, upper=(typ == "upper"), trans=trans, unit=False)
        rcond = _trcon(a, typ == "upper")
        if _tiny(rcond):
            warn_singular(rcond)
        return x
    if trans:
        a = a.T
    if typ == "hermitian":
        c, info = _potrf_lower(a, "a linear solve")
        if info == 0:
            rcond = _pocon(c, norm1(a), False)
            if not _tiny(rcond):
                x = _fortran(b)
                lo.dpotrs(c, x, upper=False)
                return x
            warn_singular(rcond)
    return _lu_solve(a, b)


def _lu_solve(a, b):
    """``Matrix::fsolve`` for a full matrix: DGETRF, DGECON, DGETRS; an exact zero pivot warns
    and gives the least-squares solution (``Matrix::lssolve``, DGELSD)."""
    n = a.shape[0]
    if n > EXACT_LIMIT:
        _fallback_warning("a linear solve", n)
        lu, piv, info = sl.lapack.dgetrf(a)
    else:
        lu = _fortran(a)
        piv, info = lo.dgetrf(lu)
    if info > 0:
        warn_singular()
        return least_squares(a, b)
    rcond = _gecon(lu, norm1(a))
    if _tiny(rcond):
        warn_singular(rcond)
    if n > EXACT_LIMIT:
        return sl.lapack.dgetrs(lu, piv, b)[0]
    x = _fortran(b)
    lo.dgetrs(lu, piv, x)
    return x
