"""The blocked inverses of reference LAPACK 3.11 (orders above the block size 64), in order.

Above order 64 DTRTRI, DGETRI and DLAUUM stop calling their unblocked routines and work on
blocks of 64 columns with level-3 BLAS (DTRMM, DTRSM from the right, DGEMM, DSYRK). This module
writes those loops and the BLAS variants they need, each mirroring the reference Fortran, so
that ``inv`` of a large matrix is Octave's to the last bit as well. :func:`dtrtri`,
:func:`dgetri` and :func:`dpotri_upper` choose the blocked or the unblocked code as LAPACK does
(``ilaenv``'s NB >= N keeps the unblocked one).

Where the Fortran skips a zero multiplier (``IF (B(K,J).NE.ZERO)``), the update is skipped
here too with ``np.where``, so that signed zeros and infinities come out as in Octave.
"""
import numpy as np

from . import lapack_order as lo

NB = lo.NB


def dtrmm_left_notrans(a, b, upper):
    """DTRMM('Left', uplo, 'No transpose', 'Non-unit', alpha = 1): B := A*B."""
    m = a.shape[0]
    order = range(m) if upper else range(m - 1, -1, -1)
    for k in order:
        nz = b[k, :] != 0
        temp = b[k, :].copy()
        rows = slice(0, k) if upper else slice(k + 1, m)
        if upper:
            b[rows, :] = np.where(nz, b[rows, :] + temp * a[rows, k:k + 1], b[rows, :])
            b[k, :] = np.where(nz, temp * a[k, k], b[k, :])
        else:
            b[k, :] = np.where(nz, temp * a[k, k], b[k, :])
            b[rows, :] = np.where(nz, b[rows, :] + temp * a[rows, k:k + 1], b[rows, :])


def dtrmm_right_upper_trans(a, b):
    """DTRMM('Right', 'Upper', 'Transpose', 'Non-unit', alpha = 1): B := B*A'."""
    n = a.shape[0]
    for k in range(n):
        for j in range(k):
            if a[j, k] != 0:
                b[:, j] += a[j, k] * b[:, k]
        if a[k, k] != 1:
            b[:, k] = a[k, k] * b[:, k]


def dtrsm_right_notrans(a, b, upper, alpha=1.0, unit=False):
    """DTRSM('Right', uplo, 'No transpose', diag, alpha): B := alpha * B * inv(A), column by
    column (forward for upper, backward for lower), dividing by the reciprocal of A(j,j)."""
    n = a.shape[0]
    order = range(n) if upper else range(n - 1, -1, -1)
    for j in order:
        if alpha != 1:
            b[:, j] = alpha * b[:, j]
        ks = range(j) if upper else range(j + 1, n)
        for k in ks:
            if a[k, j] != 0:
                b[:, j] -= a[k, j] * b[:, k]
        if not unit:
            b[:, j] = (1.0 / a[j, j]) * b[:, j]


def dgemm_nt_plus(a, b, c):
    """DGEMM('N', 'T', alpha = 1, beta = 1): C := C + A*B', for each l in turn
    ``C(i,j) = C(i,j) + B(j,l)*A(i,l)``."""
    for l in range(a.shape[1]):
        c += a[:, l:l + 1] * b[:, l][None, :]


def dsyrk_upper_plus(a, c):
    """DSYRK('Upper', 'No transpose', alpha = 1, beta = 1): the upper triangle of C plus A*A',
    one rank-1 update per column l of A, skipping the zero A(j,l)."""
    n = c.shape[0]
    upper = np.triu(np.ones((n, n), dtype=bool))
    for l in range(a.shape[1]):
        col = a[:, l]
        use = upper & (col != 0)[None, :]
        c[:, :] = np.where(use, c + col[:, None] * col[None, :], c)


def dtrtri(a, upper):
    """DTRTRI(uplo, 'Non-unit'): the unblocked DTRTI2 up to order 64, else blocks of 64
    (DTRMM and DTRSM with the part already inverted, then DTRTI2 on the diagonal block).
    Returns info (k when A(k,k) is exactly zero, A untouched)."""
    n = a.shape[0]
    for k in range(n):
        if a[k, k] == 0:
            return k + 1
    if NB >= n:
        lo.dtrti2(a, upper)
        return 0
    if upper:
        for j in range(0, n, NB):
            e = j + min(NB, n - j)
            dtrmm_left_notrans(a[:j, :j], a[:j, j:e], upper=True)
            dtrsm_right_notrans(a[j:e, j:e], a[:j, j:e], upper=True, alpha=-1.0)
            lo.dtrti2(a[j:e, j:e], upper=True)
    else:
        for j in range(((n - 1) // NB) * NB, -1, -NB):
            e = j + min(NB, n - j)
            if e < n:
                dtrmm_left_notrans(a[e:, e:], a[e:, j:e], upper=False)
                dtrsm_right_notrans(a[j:e, j:e], a[e:, j:e], upper=False, alpha=-1.0)
            lo.dtrti2(a[j:e, j:e], upper=False)
    return 0


def dgetri(lu, ipiv):
    """DGETRI: inv(A) from DGETRF's factors, in place; unblocked up to order 64, else (with
    the workspace Octave gives it, n*64) blocks of 64 columns from the last: DGEMM with the
    columns already done, DTRSM('Right', 'Lower', 'No transpose', 'Unit') with L's block; then
    the column interchanges in reverse. Returns info."""
    n = lu.shape[0]
    if NB >= n:
        return lo.dgetri(lu, ipiv)
    info = dtrtri(lu, upper=True)
    if info > 0:
        return info
    work = np.zeros((n, NB))
    for j in range(((n - 1) // NB) * NB, -1, -NB):
        jb = min(NB, n - j)
        e = j + jb
        for jj in range(j, e):
            work[jj + 1:, jj - j] = lu[jj + 1:, jj]
            lu[jj + 1:, jj] = 0.0
        if e < n:
            lo.dgemm_nn_minus(lu[:, e:], work[e:, :jb], lu[:, j:e])
        dtrsm_right_notrans(work[j:e, :jb], lu[:, j:e], upper=False, unit=True)
    for j in range(n - 2, -1, -1):
        p = ipiv[j]
        if p != j:
            lu[:, [j, p]] = lu[:, [p, j]]
    return 0


def dlauum_upper(a):
    """DLAUUM('Upper'): U*U' in place; DLAUU2 up to order 64, else blocks of 64 (DTRMM from
    the right, DLAUU2, DGEMM, DSYRK)."""
    n = a.shape[0]
    if NB >= n:
        lo.dlauu2(a, upper=True)
        return
    for i in range(0, n, NB):
        e = i + min(NB, n - i)
        dtrmm_right_upper_trans(a[i:e, i:e], a[:i, i:e])
        lo.dlauu2(a[i:e, i:e], upper=True)
        if e < n:
            dgemm_nt_plus(a[:i, e:], a[i:e, e:], a[:i, i:e])
            dsyrk_upper_plus(a[i:e, e:], a[i:e, i:e])


def dpotri_upper(c):
    """DPOTRI('Upper'): inv(A) from its upper Cholesky factor (DTRTRI, DLAUUM), in place."""
    info = dtrtri(c, upper=True)
    if info:
        return info
    dlauum_upper(c)
    return 0
