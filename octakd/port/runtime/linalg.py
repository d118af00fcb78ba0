"""Octave's linear algebra on NumPy/SciPy's LAPACK: inv, det, rank, norm, the factorisations
(lu, qr, chol, svd, eig with multiple outputs), null, orth, kron, expm and the ``\\`` and ``/``
operators with Octave's singular-matrix warning.

Octave calls the same LAPACK routines (getrf, geqrf, potrf, gesvd, syev/geev), so the signs of
vectors from qr, svd and eig agree with Octave's. ``eig``'s D, ``svd``'s S and ``lu``'s P print
with Octave's ``Diagonal Matrix`` / ``Permutation Matrix`` title.
"""
import math
import sys

import numpy as np
import scipy.linalg as sl

from . import expm_order, lapack_order, octave_solve, svd_order, syev_order
from .matmul import reference_product
from .norms import scaled_2norm, scaled_pnorm, sequential_1norm
from .values import numeric_array, DiagArray
from .core import _arr, _dims, _num, _out, _scalar, _is_scalar, _div0

__all__ = ["inv", "pinv", "det", "rcond", "rank", "trace", "norm", "lu", "qr", "chol", "svd", "eig",
           "null", "orth", "kron", "expm", "mldivide", "mrdivide"]
FUNCTIONS = {"inv": "num", "pinv": "num", "det": "scalar", "rcond": "scalar", "rank": "scalar",
             "trace": "scalar", "norm": "scalar", "lu": "num", "qr": "num", "chol": "num",
             "svd": "num",
             "eig": "num", "null": "num", "orth": "num", "kron": "num", "expm": "num"}
MULTI_OUTPUT = {"lu", "qr", "chol", "svd", "eig", "inv", "det"}


class TitledMatrix(np.ndarray):
    """A matrix Octave shows under a title (``Diagonal Matrix``). Scaling by a scalar keeps the
    title, as Octave's diagonal matrix type does; every other operation gives a plain array."""
    octave_title = "Matrix"

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        plain = [np.asarray(x) if isinstance(x, TitledMatrix) else x for x in inputs]
        res = getattr(ufunc, method)(*plain, **kwargs)
        scaled = ufunc in (np.multiply, np.true_divide) and method == "__call__" and \
            isinstance(inputs[0], DiagonalMatrix) and np.size(inputs[1]) == 1
        if (scaled or ufunc is np.negative) and isinstance(res, np.ndarray):
            return res.view(DiagonalMatrix)
        return res

    def __getitem__(self, item):
        return np.asarray(self)[item]


class DiagonalMatrix(TitledMatrix):
    octave_title = "Diagonal Matrix"


class PermutationMatrix(TitledMatrix):
    octave_title = "Permutation Matrix"


def _matrix(x, where, kinds="biuf"):
    """x as a 2-D float64 matrix (complex128 when complex values are among ``kinds``, the
    dtype kinds accepted: see values.numeric_array)."""
    a = _arr(_num(x))
    if a.ndim > 2:
        raise ValueError(f"{where}: A must be a 2-D matrix")
    a = numeric_array(a, where, kinds)
    return a.astype(np.complex128 if a.dtype.kind == "c" else np.float64)


def _square(x, where):
    a = _matrix(x, where)
    if a.shape[0] != a.shape[1]:
        raise ValueError(f"{where}: A must be a square matrix")
    return a


def _warn_singular(rcond=None):
    text = "warning: matrix singular to machine precision"
    if rcond is not None and rcond != 0:
        text += f", rcond = {rcond:g}"
    print(text, file=sys.stderr)


def inv(x, nargout=1):
    """Octave's ``inv(A)`` (``Matrix::inverse`` through :mod:`octave_solve`): DTRTRI for a
    triangular A, Cholesky for a symmetric positive definite one, else LU; ``Inf`` everywhere
    (with the warning) when A is exactly singular, and the warning when rcond(A) < eps. A
    scalar is simply inverted, without a warning, as in Octave. ``[X, rcond] = inv(A)`` also
    returns the reciprocal condition estimate and, as Octave, prints no warning."""
    if _is_scalar(x) and not isinstance(x, (DiagArray, DiagonalMatrix)):
        v = float(_scalar(x, "inverse"))
        with np.errstate(divide="ignore", invalid="ignore"):
            res = float(np.float64(1.0) / np.float64(v))        # inv(-0) is -Inf
        rcond = 1.0 if (math.isfinite(v) and v != 0) else (0.0 if (math.isinf(v) or v == 0)
                                                              else math.nan)
        return (res, rcond) if nargout >= 2 else res
    a = _square(x, "inverse")
    if a.size == 0:
        if nargout >= 2:                       # Octave returns only X for []
            from .functions import OctaveError
            raise OctaveError("Octave:undefined-function",
                              "element number 2 undefined in return list")
        return np.zeros((0, 0))
    if isinstance(x, (DiagArray, DiagonalMatrix)):
        res, info = _diag_inverse(a, type(x))
        if nargout >= 2:
            return res, (0.0 if info == -1 else _diag_rcond(a))
        if info == -1:
            _warn_singular(0.0)
        return res
    res, rcond, info = octave_solve.inverse(a)
    if nargout >= 2:
        return _out(res), rcond
    if info == -1 or rcond + 1.0 == 1.0 or rcond != rcond:
        _warn_singular(rcond)
    return _out(res)


def _diag_rcond(a):
    """``DiagMatrix::rcond``: min |d| / max |d| (0 when all are 0)."""
    d = np.abs(np.diagonal(a))
    return 0.0 if d.max() == 0 else float(d.min() / d.max())


def _diag_inverse(a, kind):
    """``DiagMatrix::inverse``: (1/d on the diagonal, the diagonal type kept; info 0), or an
    ``Inf`` diagonal and info -1 when a zero is among nonzeros; all zeros is an error."""
    d = np.diagonal(a).copy()
    if not np.any(d != 0):
        from .functions import OctaveError
        raise OctaveError("", "inverse of the null matrix not defined")
    if np.any(d == 0):
        return np.diag(np.full(d.size, np.inf)).view(kind), -1
    return np.diag(1.0 / d).view(kind), 0


def _svd_tol(s, shape):
    return max(shape) * (s[0] if s.size else 0.0) * np.finfo(np.float64).eps


_svd_warned = [False]


def _gesvd(a, full, what):
    """(u, s, vt) of DGESVD with JOBU = JOBVT = 'A' (``full``) or 'S': reference LAPACK's
    arithmetic (``svd_order``) where it is reproduced, else SciPy's gesvd, with a warning on
    standard error (once) that the last digits may differ from Octave's."""
    res = svd_order.dgesvd(a, full)
    if res is not None:
        return res
    _warn_scipy_svd(a, what)
    return sl.svd(a, full_matrices=full, lapack_driver="gesvd", check_finite=False)


def _warn_scipy_svd(a, what):
    """The one warning (per run) that an SVD falls back to SciPy's LAPACK."""
    if not _svd_warned[0] and a.size:
        _svd_warned[0] = True
        print(f"octakd: warning: {what} of a {a.shape[0]}x{a.shape[1]} matrix uses SciPy's "
              "LAPACK; its last digits may differ from GNU Octave's", file=sys.stderr)


def _finite_for_svd(a):
    """Octave's svd (and rank, which calls it) stops on Inf or NaN, with this message."""
    if not np.all(np.isfinite(a)):
        from .functions import OctaveError
        raise OctaveError("", "svd: cannot take SVD of matrix containing Inf or NaN values")


def svd_values(a, what="svd"):
    """The singular values of DGESVD with JOBU = JOBVT = 'N' (decreasing), as Octave's
    ``svd(A)``, ``rank``, ``cond`` and ``norm(A)`` get them: ``svd_order.dgesvd_values``
    (DLASQ1's dqds in the reference order) where it is reproduced, else SciPy's gesvd with the
    warning of :func:`_gesvd`."""
    res = svd_order.dgesvd_values(a) if a.size else None
    if res is not None:
        return res
    _warn_scipy_svd(a, what)
    return sl.svd(a, compute_uv=False, lapack_driver="gesvd", check_finite=False)


def pinv(x, tol=None):
    """Octave's ``pinv(A[, tol])`` (``Matrix::pseudo_inverse``): the economy SVD, the singular
    values s >= tol kept (tol = max(size(A)) * s(1) * eps by default), then
    ``(V .* (1 ./ s)) * U'`` with the reference BLAS's order of additions."""
    a = _matrix(x, "pinv")
    if a.size == 0:
        return np.zeros(a.shape[::-1])
    t = 0.0 if tol is None else float(_scalar(tol, "pinv"))
    if t < 0:
        raise ValueError("pinv: TOL must be greater than zero")
    if not np.all(np.isfinite(a)):
        return np.full(a.shape[::-1], np.nan)   # DGESVD spreads the NaN everywhere
    u, s, vt = _gesvd(a, False, "pinv")
    if t <= 0:
        t = _svd_tol(s, a.shape)
        if t == 0:
            t = np.finfo(np.float64).tiny
    r = s.size
    while r > 0 and s[r - 1] < t:
        r -= 1
    if r == 0:
        return np.zeros(a.shape[::-1])
    scaled = vt[:r].T * (1.0 / s[:r])                   # Matrix * DiagMatrix: exact products
    return _out(reference_product(np.ascontiguousarray(scaled), np.ascontiguousarray(u[:, :r].T)))


def det(x, nargout=1):
    """Octave's ``det(A)`` (``Matrix::determinant`` through :mod:`octave_solve`): the product
    of the diagonal for a triangular A, of the Cholesky factor's (squared) for a symmetric
    positive definite one, else of U's from the LU factorisation, kept as Octave's ``DET``.
    ``[d, rcond] = det(A)`` adds the reciprocal condition estimate (0 for a triangular A, as
    Octave does not compute it there)."""
    a = _square(x, "det")
    if a.size == 0:
        if nargout >= 2:                       # Octave returns only d for []
            from .functions import OctaveError
            raise OctaveError("Octave:undefined-function",
                              "element number 2 undefined in return list")
        return 1.0
    if isinstance(x, (DiagArray, DiagonalMatrix)):
        d = octave_solve._det_value(*octave_solve._det_product(np.diagonal(a)))
        return (d, _diag_rcond(a)) if nargout >= 2 else d
    d, rcond = octave_solve.determinant_rcond(a)
    return (d, rcond) if nargout >= 2 else d


def rcond(x):
    """Octave's ``rcond(A)``: LAPACK's estimate of the reciprocal 1-norm condition number,
    chosen by the matrix's type as ``Matrix::rcond`` (reference-order DTRCON, DPOCON or
    DGECON); Inf for ``[]``, 0 for an exactly singular matrix."""
    a = _matrix(x, "rcond")
    if a.shape[0] != a.shape[1]:
        from .functions import OctaveError
        raise OctaveError("", "rcond: A must be a square matrix")
    return float(octave_solve.rcond(a))


def rank(x, tol=None):
    """Octave's ``rank(A[, tol])``: the number of singular values above tol."""
    a = _matrix(x, "rank")
    if a.size == 0:
        return 0
    _finite_for_svd(a)                          # rank.m calls svd
    s = svd_values(a, "rank")
    t = _svd_tol(s, a.shape) if tol is None else float(_scalar(tol, "rank"))
    return int(np.sum(s > t))


def trace(x):
    """Octave's ``trace(A)``: the sum of the diagonal of a square matrix, added in order as
    trace.m's ``sum(diag(A))``."""
    a = _matrix(x, "trace", "biufc")
    if a.size == 0:
        return 0.0
    if 1 in a.shape:                    # Octave's trace of a vector is its first element
        return _out(a.ravel()[:1].reshape(1, 1))
    if a.shape[0] != a.shape[1]:
        raise ValueError("trace: only valid on square matrix")
    return _out(np.cumsum(np.diagonal(a))[-1:].reshape(1, 1))


def norm(x, p=2):
    """Octave's ``norm``: for a vector sum(|v|.^p)^(1/p) (p = Inf: max |v|, -Inf: min |v|,
    'fro'); for a matrix the largest singular value (p = 2), max column sum (1), max row sum
    (Inf) or the Frobenius norm ('fro')."""
    a = _matrix(x, "norm", "biufc")
    if isinstance(p, str):
        key = p.lower()
        if key not in ("fro", "inf", "-inf"):
            raise ValueError(f"norm: unrecognized option: {p}")
        p = {"fro": "fro", "inf": math.inf, "-inf": -math.inf}[key]
    else:
        p = float(_scalar(p, "norm"))
    if a.dtype.kind == "c":
        return _complex_norm(a, p)
    if a.size == 0:
        return 0.0
    if 1 in a.shape:                    # accumulated as Octave does: runtime/norms.py
        v = np.abs(a.ravel())
        if p == "fro" or p == 2:
            return float(scaled_2norm(v)) if not np.isinf(v).any() else math.inf
        if p == math.inf:
            return float(v.max())
        if p == -math.inf:
            return float(v.min())
        if p == 0:
            return float(np.count_nonzero(v))
        if p == 1:
            return sequential_1norm(v)
        return float(scaled_pnorm(v, p))
    if p == "fro":
        return float(scaled_2norm(a))
    if p == 2:
        if not np.all(np.isfinite(a)):
            return math.nan                      # Octave's norm of a matrix with Inf or NaN
        return float(svd_values(a, "norm")[0])
    if p == 1:
        return float(np.abs(a).cumsum(axis=0)[-1].max())   # column sums left to right
    if p == math.inf:                   # row sums left to right, as Octave adds them
        return float(np.abs(a).cumsum(axis=1)[:, -1].max())
    raise ValueError("norm: only p = 1, 2, Inf and 'fro' are supported for matrices")


def _complex_norm(a, p):
    """Octave's norm of a complex vector or matrix. The 2-norm and the Frobenius norm take the
    real and imaginary parts as separate values, in order (re1, im1, re2, im2, ...), into the
    scaled sum of squares; the other norms use abs(z). The 2-norm of a complex matrix (its
    largest singular value) is refused: it needs a complex SVD in LAPACK's order.
    ``a`` is a 2-D complex128 matrix, ``p`` "fro" or a float (parsed by :func:`norm`)."""
    if a.size == 0:
        return 0.0
    flat = a.ravel(order="F")
    vector = 1 in a.shape
    if p == "fro" or (vector and p == 2):
        parts = np.column_stack([flat.real, flat.imag]).ravel()   # re1, im1, re2, im2, ...
        return float(scaled_2norm(parts)) if np.all(np.isfinite(parts)) else \
            (math.nan if np.isnan(parts).any() else math.inf)
    if vector:
        return norm(np.abs(flat).reshape(1, -1), p)
    if p == 1:
        return float(np.abs(a).cumsum(axis=0)[-1].max())
    if p == math.inf:
        return float(np.abs(a).cumsum(axis=1)[:, -1].max())
    raise ValueError("norm: the 2-norm of a complex matrix is not supported by octakd run "
                     "(it needs a complex SVD in LAPACK's order); 1, Inf and 'fro' are")


def lu(x, nargout=1):
    """Octave's ``lu``: ``Y = lu(A)`` is LAPACK's packed L+U-I; ``[L, U] = lu(A)`` gives a
    row-permuted L with A = L*U; ``[L, U, P] = lu(A)`` gives P*A = L*U."""
    a = _matrix(x, "lu")
    m, n = a.shape
    k = min(m, n)
    if max(m, n) > octave_solve.EXACT_LIMIT:
        packed, piv, _info = sl.lapack.dgetrf(a)
    else:
        packed = np.array(a, order="F")
        piv, _info = lapack_order.dgetrf(packed)       # reference LAPACK's order, as Octave
    if nargout <= 1:
        return _out(packed)
    perm = np.arange(m)
    for i, p in enumerate(piv):
        perm[[i, p]] = perm[[p, i]]
    l_ = np.tril(packed[:, :k], -1) + np.eye(m, k)
    u = np.triu(packed[:k, :])
    if nargout == 2:
        return _out(l_[np.argsort(perm)]), _out(u)
    pmat = np.zeros((m, m))
    pmat[np.arange(m), perm] = 1.0
    return _out(l_), _out(u), pmat.view(PermutationMatrix)


def qr(x, econ=None, nargout=1):
    """Octave's ``qr``: ``[Q, R] = qr(A)`` (A = Q*R), ``qr(A, 0)`` economy size, ``[Q, R, P]``
    with column pivoting (A*P = Q*R); a single output
    is LAPACK's geqrf result (R in the upper triangle, Householder vectors below), as in Octave 7."""
    a = _matrix(x, "qr")
    economic = econ is not None
    if economic and not (isinstance(econ, str) and econ == "econ") and _scalar(econ, "qr") != 0:
        raise ValueError("qr: only qr(A, 0) and qr(A, 'econ') are supported")
    if nargout <= 1:
        raise ValueError("qr: the single-output form (LAPACK's packed result) is not supported; "
                         "use [Q, R] = qr(A)")
    if nargout == 2:
        if svd_order.covered(*a.shape):
            q, r = _qr_reference(a, economic)
            return _out(q), _out(r)
        q, r = sl.qr(a, mode="economic" if economic else "full", check_finite=False)
        return _out(q), _out(r)
    # [Q, R, P] = qr(A): column pivoting (LAPACK geqp3, as Octave), A*P = Q*R; P is a
    # permutation matrix, or the permutation as a row vector for qr(A, 0)
    if svd_order.covered(*a.shape):
        q, r, piv = _qr_reference(a, economic, pivoting=True)
        piv = np.array(piv)
    else:
        q, r, piv = sl.qr(a, mode="economic" if economic else "full", pivoting=True,
                          check_finite=False)
    if economic:
        return _out(q), _out(r), _out((piv + 1.0).reshape(1, -1))
    perm = np.zeros((a.shape[1], a.shape[1]))
    perm[piv, np.arange(piv.size)] = 1.0
    return _out(q), _out(r), perm.view(PermutationMatrix)


def _qr_reference(a, economic, pivoting=False):
    """``qr<Matrix>::init`` (or ``qrp<Matrix>::init`` with ``pivoting``) and ``form``: DGEQRF
    (DGEQR2) or DGEQP3 (DLAQP2) on a copy of A (widened to m x m for the full Q of a tall A),
    R cut from its upper triangle, then Q from the reflectors by DORGQR (DORG2R), in the
    reference LAPACK's order. Returns (q, r), plus the 0-based pivots with ``pivoting``."""
    m, n = a.shape
    k = min(m, n)
    cols = m if (m > n and not economic) else n
    afact = np.zeros((m, cols), order="F")
    afact[:, :n] = a
    if pivoting:
        tau, jpvt = svd_order.dgeqp3(afact[:, :n])
    else:
        tau, jpvt = svd_order.dgeqr2(afact[:, :n]), None
    if m >= n:
        rows = n if economic else m
        r = np.zeros((rows, n))
        r[:n, :] = np.triu(afact[:n, :n])
        q = afact
    else:
        q = np.array(np.tril(afact[:, :m], -1), order="F")
        r = np.triu(afact)
    svd_order.dorg2r(q, tau, k)
    return (q, r) if not pivoting else (q, r, jpvt)


def chol(x, nargout=1):
    """Octave's ``chol(A)``: upper triangular R with R'*R = A; an error unless A is positive
    definite (``[R, p] = chol(A)`` gives p = 0 or the failing column instead)."""
    a = _matrix(x, "chol")
    if a.shape[0] != a.shape[1]:
        raise ValueError("chol: requires square matrix")
    # chol<Matrix>::init: DPOTRF('U') on the upper triangle; on failure at column p the
    # factor of the leading (p-1) x (p-1) block, as Octave returns it
    r = np.array(np.triu(a), order="F")
    if a.shape[0] > octave_solve.EXACT_LIMIT:
        r, info = sl.lapack.dpotrf(r, lower=0, clean=1)
        info = int(info)
    else:
        info = lapack_order.dpotrf(r, upper=True)
    if info > 0 and nargout < 2:
        raise ValueError("chol: input matrix must be positive definite")
    if info > 0:
        r = r[:info - 1, :info - 1]
    r = np.triu(r)
    return (_out(r), info) if nargout >= 2 else _out(r)


def svd(x, econ=None, nargout=1):
    """Octave's ``svd``: ``s = svd(A)`` the singular values (a column, descending);
    ``[U, S, V] = svd(A)`` with A = U*S*V'; ``svd(A, 0)``/``'econ'`` economy size."""
    a = _matrix(x, "svd")
    _finite_for_svd(a)
    if nargout <= 1:
        return _out(svd_values(a, "svd").reshape(-1, 1))
    # svd(A, 0) is economy-sized only when A has more rows than columns; svd(A, 'econ') always
    economic = econ is not None and (not _is_scalar(econ) or isinstance(econ, str)
                                     or a.shape[0] > a.shape[1])
    u, s, vt = _gesvd(a, not economic, "svd")
    shape = (u.shape[1], vt.shape[0])
    big_s = np.zeros(shape)
    big_s[np.arange(s.size), np.arange(s.size)] = s
    return _out(u), big_s.view(DiagonalMatrix), _out(vt.T)


def eig(x, nargout=1):
    """Octave's ``eig``: the eigenvalues (a column; ascending for a symmetric matrix), or
    ``[V, D] = eig(A)`` with A*V = V*D. Complex eigenvalues are refused (no complex display).
    A symmetric A (exactly equal to its transpose) goes to DSYEV as in Octave, repeated in the
    reference LAPACK's order by :mod:`syev_order`; Inf or NaN is Octave's EIG error."""
    a = _square(x, "eig")
    if not np.all(np.isfinite(a)):
        from .functions import OctaveError
        raise OctaveError("", "EIG: matrix contains Inf or NaN values")
    if a.size == 0:
        return np.zeros((0, 0)) if nargout <= 1 else (np.zeros((0, 0)), np.zeros((0, 0)))
    if np.array_equal(a, a.T):
        w, v = _syev(a, nargout > 1)
    else:
        w, v = sl.eig(a, check_finite=False)
        if np.any(w.imag != 0):
            raise ValueError("eig: complex eigenvalues are not supported by octakd run")
        w, v = w.real, v.real
    if nargout <= 1:
        return _out(w.reshape(-1, 1))
    return _out(v), np.diag(w).view(DiagonalMatrix)


_syev_warned = [False]


def _syev(a, vectors):
    """(w, V) of DSYEV('V' or 'N', 'U'), as Octave's eig of a symmetric matrix: reference
    LAPACK's arithmetic (``syev_order``) where it is reproduced, else SciPy's with a warning on
    standard error (once) that the last digits may differ from Octave's."""
    if vectors:
        res = syev_order.dsyev_vectors(a)
    else:
        res = syev_order.dsyev_values(a)
        res = None if res is None else (res, None)
    if res is not None:
        return res
    if not _syev_warned[0]:
        _syev_warned[0] = True
        print(f"octakd: warning: eig of a {a.shape[0]}x{a.shape[1]} matrix uses SciPy's "
              "LAPACK; its last digits may differ from GNU Octave's", file=sys.stderr)
    return sl.eigh(a, driver="ev", check_finite=False)


def null(x, tol=None):
    """Octave's ``null(A)``: an orthonormal basis of the null space, from the right singular
    vectors beyond rank(A); entries below eps are set to 0, as Octave does."""
    a = _matrix(x, "null")
    if a.size == 0:
        return np.zeros((0, 0))
    u, s, vt = _gesvd(a, a.shape[0] <= a.shape[1], "null")   # null.m: svd (A, 0)
    t = _svd_tol(s, a.shape) if tol is None else float(_scalar(tol, "null"))
    r = int(np.sum(s > t))
    out = vt[r:].T.copy()
    out[np.abs(out) < np.finfo(np.float64).eps] = 0
    return out if out.size else np.zeros((a.shape[1], 0))


def orth(x, tol=None):
    """Octave's ``orth(A)``: an orthonormal basis of the range, -U(:, 1:rank(A)) (Octave's sign)."""
    a = _matrix(x, "orth")
    if a.size == 0:
        return np.zeros((0, 0))
    u, s, vt = _gesvd(a, True, "orth")
    t = _svd_tol(s, a.shape) if tol is None else float(_scalar(tol, "orth"))
    return _out(-u[:, :int(np.sum(s > t))])


def kron(a, b, *rest):
    """Octave's ``kron(A, B, ...)``: the Kronecker product (each element one product, so a
    complex A or B gives Octave's bits too)."""
    out = _matrix(a, "kron", "biufc")
    for c in (b,) + rest:
        c = _matrix(c, "kron", "biufc")
        if float(out.size) * c.size > 2 ** 27:
            raise MemoryError("kron: out of memory or dimension too large for Octave's index type")
        out = np.kron(out, c)
    return _out(out)


def expm(x):
    """Octave's ``expm(A)``: expm.m's trace shift, balancing, scaling, Pade approximant and
    squaring, in the reference LAPACK's and BLAS's order (:mod:`expm_order`). As in Octave's
    expm.m, an empty A is itself, a scalar gives exp(A), and a diagonal A gives
    diag(exp(diag(A))), which displays as a ``Diagonal Matrix``."""
    a = _square(x, "expm")
    if a.size == 0:
        return _out(a)
    if a.shape[0] == 1:
        return float(math.exp(a[0, 0])) if np.isfinite(a[0, 0]) else float(np.exp(a[0, 0]))
    if not np.any(a - np.diag(np.diagonal(a))):
        from .construct import diag
        return diag(np.exp(np.diagonal(a)).reshape(-1, 1))
    if a.shape[0] > octave_solve.EXACT_LIMIT:
        return _out(sl.expm(a))
    return _out(expm_order.expm_full(a))


# ---------------------------------------------------------------------------------- operators
def mldivide(a, b):
    """Octave's ``A \\ b``: the LU solution for a square A (warning when rcond(A) < eps, the
    minimum-norm least-squares solution when a pivot is exactly zero); least squares for a
    non-square A."""
    if _is_scalar(a):
        return mrdivide(b, a)
    A, B = _matrix(a, "operator \\"), _matrix(b, "operator \\")
    if A.shape[0] != B.shape[0]:
        raise ValueError(f"operator \\: nonconformant arguments (op1 is {_dims(A)}, op2 is {_dims(B)})")
    if A.shape[0] == A.shape[1] and isinstance(a, (DiagArray, DiagonalMatrix)):
        return _out(_diag_divide(np.diagonal(A), B, rows=True))
    if A.shape[0] == A.shape[1]:
        return _out(octave_solve.solve(A, B))
    return _out(octave_solve.least_squares(A, B))


def _diag_divide(d, m, rows):
    """Octave's division by a diagonal matrix (``D \\ M`` divides the rows of M, ``M / D`` its
    columns by d), a zero of d giving zeros, without a warning."""
    dd = d[:, None] if rows else d[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(dd != 0, m / np.where(dd != 0, dd, 1.0), 0.0)


def mrdivide(a, b):
    """Octave's ``a / b``: division by a scalar, else (b' \\ a')' (x*b = a)."""
    from .integers import check_mixed
    check_mixed(a, b, "/")
    if _is_scalar(b):
        b = _scalar(b, "/")
        if b == 0 and not isinstance(a, np.ndarray):
            return _div0(a)
        return _out(np.divide(a, b)) if isinstance(a, np.ndarray) else a / b
    A, B = _matrix(a, "operator /"), _matrix(b, "operator /")
    if A.shape[1] != B.shape[1]:
        raise ValueError(f"operator /: nonconformant arguments (op1 is {_dims(A)}, op2 is {_dims(B)})")
    if B.shape[0] == B.shape[1] and isinstance(b, (DiagArray, DiagonalMatrix)):
        return _out(_diag_divide(np.diagonal(B), A, rows=False))
    if B.shape[0] == B.shape[1]:             # Octave: B.solve (typ, A.', ..., blas_trans)
        return _out(octave_solve.solve(B, np.ascontiguousarray(A.T), trans=True).T)
    res = mldivide(B.T, A.T)
    return _out(_arr(res).T)
