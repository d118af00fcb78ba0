"""LU and Cholesky factorisations in the order of the reference LAPACK that GNU Octave calls.

Debian's ``octave`` package runs on the reference BLAS and LAPACK from netlib (LAPACK 3.11,
built by gfortran without fused multiply-adds). NumPy and SciPy run on OpenBLAS, whose blocked
and vectorised kernels round differently, so ``inv``, ``det`` and ``A \\ b`` computed with SciPy
differ from Octave's in the last bits. Each function here mirrors one reference routine, named
in its docstring, and performs the same floating-point operations in the same order; loops over
independent elements (the rows of a column update, the columns of a right-hand side) are NumPy
vector operations, which round each element exactly as the Fortran loop does.

Reference LAPACK's block size (``ilaenv``) is 64 for DGETRF, DGETRI, DTRTRI, DPOTRF and DLAUUM;
below it each of them calls its unblocked (or recursive) routine. DGETRF's blocked loop is
written too, so LU factors are exact at any size, and DPOTRF's blocked loop; the blocked
inverses (DGETRI, DTRTRI, DLAUUM above order 64) are in :mod:`lapack_blocked`.

Arrays are 2-D float64 NumPy arrays worked on in place; indices are 0-based, pivots included.
"""
import numpy as np

NB = 64                     # ilaenv( 1, 'DGETRF' | 'DGETRI' | 'DTRTRI' | 'DPOTRF', ... )
UNBLOCKED_LIMIT = NB        # the largest order at which DGETRI/DTRTRI/DLAUUM stay unblocked
SFMIN = np.finfo(np.float64).tiny      # DLAMCH('S')


# ------------------------------------------------------------------------------ level-1 BLAS
def idamax(x):
    """IDAMAX: index of the first element of largest absolute value (a NaN after the first
    element never wins, since ``NaN > dmax`` is false)."""
    ax = np.abs(x)
    if ax.size == 0:
        return 0
    if not np.isnan(ax[1:]).any():
        return int(np.argmax(ax))
    best, dmax = 0, ax[0]
    for i in range(1, ax.size):
        if ax[i] > dmax:
            best, dmax = i, ax[i]
    return best


def ddot(x, y):
    """DDOT: ``((0 + x1*y1) + x2*y2) + ...`` (the unrolled loop adds in the same order)."""
    total = 0.0
    for p in np.multiply(x, y):
        total += p
    return float(total)


def dlaswp(a, ipiv, k1, k2):
    """DLASWP with INCX = 1: interchange row i of ``a`` with row ipiv[i], for i = k1 .. k2-1."""
    for i in range(k1, k2):
        p = ipiv[i]
        if p != i:
            a[[i, p], :] = a[[p, i], :]


# ------------------------------------------------------------------------------ level-2/3 BLAS
def _masked(mask, values):
    """The update ``values`` where ``mask`` holds and +0.0 elsewhere (``x - 0.0`` is x)."""
    return np.where(mask, values, 0.0)


def dgemm_nn_minus(a, b, c):
    """DGEMM('N', 'N', alpha = -1, beta = 1): ``C := C - A*B``, for each column j and each l in
    turn ``C(i,j) = C(i,j) + (-B(l,j))*A(i,l)``."""
    for l in range(a.shape[1]):
        c += a[:, l:l + 1] * (-b[l:l + 1, :])


def dtrsm_left(a, b, upper, trans, unit):
    """DTRSM('Left', uplo, trans, diag, alpha = 1): B := inv(op(A)) * B, in the reference
    loop order of each of the four cases."""
    m = a.shape[0]
    if m == 0 or b.shape[1] == 0:
        return
    if not trans:
        order = range(m - 1, -1, -1) if upper else range(m)
        for k in order:
            nz = b[k, :] != 0
            if not unit:
                b[k, :] = np.where(nz, b[k, :] / a[k, k], b[k, :])
            rows = slice(0, k) if upper else slice(k + 1, m)
            b[rows, :] -= _masked(nz, b[k:k + 1, :] * a[rows, k:k + 1])
        return
    order = range(m) if upper else range(m - 1, -1, -1)
    for i in order:
        temp = b[i, :].copy()
        ks = range(i) if upper else range(i + 1, m)
        for k in ks:
            temp -= a[k, i] * b[k, :]
        if not unit:
            temp /= a[i, i]
        b[i, :] = temp


def dtrsm_right_lower_trans(a, b):
    """DTRSM('Right', 'Lower', 'Transpose', 'Non-unit', alpha = 1): B := B * inv(A'), column
    k scaled by the reciprocal ``1/A(k,k)``, then subtracted from the columns after it."""
    n = a.shape[0]
    for k in range(n):
        b[:, k] = (1.0 / a[k, k]) * b[:, k]
        for j in range(k + 1, n):
            if a[j, k] != 0:
                b[:, j] -= a[j, k] * b[:, k]


def dsyrk_minus(a, c, upper):
    """DSYRK(uplo, trans, alpha = -1, beta = 1) as DPOTRF2 calls it: ``C := C - A'*A`` for the
    upper triangle ('U', 'T': a dot product per element, then ``-temp + C``), ``C := C - A*A'``
    for the lower one ('L', 'N': rank-1 updates, skipping the zero A(j,l))."""
    n, k = c.shape[0], (a.shape[0] if upper else a.shape[1])
    tri = np.triu(np.ones((n, n), dtype=bool)) if upper else np.tril(np.ones((n, n), dtype=bool))
    if upper:
        temp = np.zeros((n, n))
        for l in range(k):
            temp += a[l, :, None] * a[l, None, :]     # temp(i,j) += A(l,i)*A(l,j)
        c[tri] = (-temp + c)[tri]
        return
    for l in range(k):
        col = a[:, l]
        update = col[:, None] * (-col)[None, :]        # (-A(j,l)) * A(i,l)
        c[tri & (col != 0)[None, :]] += update[tri & (col != 0)[None, :]]


def dtrmv_notrans(a, x, upper):
    """DTRMV(uplo, 'No transpose', 'Non-unit'): x := A*x, with INCX = 1."""
    n = a.shape[0]
    order = range(n) if upper else range(n - 1, -1, -1)
    for j in order:
        if x[j] != 0:
            temp = x[j]
            rows = slice(0, j) if upper else slice(j + 1, n)
            x[rows] += temp * a[rows, j]
            x[j] = x[j] * a[j, j]


def dgemv_n(a, x, y, alpha=1.0, beta=1.0):
    """DGEMV('No transpose'): y := alpha*A*x + beta*y, y scaled first, then for each column j
    ``y(i) = y(i) + (alpha*x(j))*A(i,j)``."""
    m, n = a.shape
    if m == 0 or n == 0 or (alpha == 0 and beta == 1):
        return
    if beta == 0:
        y[:] = 0.0
    elif beta != 1:
        y[:] = beta * y
    if alpha == 0:
        return
    for j in range(n):
        y += (alpha * x[j]) * a[:, j]


# ---------------------------------------------------------------------------------- LU (getrf)
def dgetrf2(a):
    """DGETRF2: recursive LU with partial pivoting of the m x n view ``a``, in place. Returns
    (ipiv, info): 0-based pivots relative to ``a``, and info > 0 when U(info,info) is zero."""
    m, n = a.shape
    if m == 0 or n == 0:
        return [], 0
    if m == 1:
        return [0], (1 if a[0, 0] == 0 else 0)
    if n == 1:
        i = idamax(a[:, 0])
        if a[i, 0] == 0:
            return [i], 1
        if i != 0:
            a[0, 0], a[i, 0] = a[i, 0], a[0, 0]
        if abs(a[0, 0]) >= SFMIN:
            a[1:, 0] *= 1.0 / a[0, 0]                    # DSCAL by the reciprocal
        else:
            a[1:, 0] /= a[0, 0]
        return [i], 0
    n1 = min(m, n) // 2
    ipiv, info = dgetrf2(a[:, :n1])
    dlaswp(a[:, n1:], ipiv, 0, n1)
    dtrsm_left(a[:n1, :n1], a[:n1, n1:], upper=False, trans=False, unit=True)
    dgemm_nn_minus(a[n1:, :n1], a[:n1, n1:], a[n1:, n1:])
    ipiv2, info2 = dgetrf2(a[n1:, n1:])
    if info == 0 and info2 > 0:
        info = info2 + n1
    ipiv = ipiv + [p + n1 for p in ipiv2]
    dlaswp(a[:, :n1], ipiv, n1, min(m, n))
    return ipiv, info


def dgetrf(a):
    """DGETRF: LU with partial pivoting, in place; blocked (NB = 64) when min(m, n) > 64, through
    DGETRF2 on each panel, DLASWP, DTRSM and DGEMM. Returns (ipiv, info) as dgetrf2."""
    m, n = a.shape
    mn = min(m, n)
    if NB >= mn:
        return dgetrf2(a)
    ipiv, info = [], 0
    for j in range(0, mn, NB):
        jb = min(mn - j, NB)
        piv, iinfo = dgetrf2(a[j:, j:j + jb])
        if info == 0 and iinfo > 0:
            info = iinfo + j
        ipiv += [p + j for p in piv]
        dlaswp(a[:, :j], ipiv, j, j + jb)
        if j + jb < n:
            dlaswp(a[:, j + jb:], ipiv, j, j + jb)
            dtrsm_left(a[j:j + jb, j:j + jb], a[j:j + jb, j + jb:],
                       upper=False, trans=False, unit=True)
            if j + jb < m:
                dgemm_nn_minus(a[j + jb:, j:j + jb], a[j:j + jb, j + jb:], a[j + jb:, j + jb:])
    return ipiv, info


def dgetrs(lu, ipiv, b):
    """DGETRS('No transpose'): solve A*X = B from DGETRF's factors, B overwritten: the row
    interchanges, then L (unit lower) and U (upper) by DTRSM."""
    n = lu.shape[0]
    dlaswp(b, ipiv, 0, n)
    dtrsm_left(lu, b, upper=False, trans=False, unit=True)
    dtrsm_left(lu, b, upper=True, trans=False, unit=False)


# ----------------------------------------------------------------------- triangular inverses
def dtrti2(a, upper):
    """DTRTI2(uplo, 'Non-unit'): inverse of a triangular matrix in place, column by column
    (DTRMV with the part already inverted, then DSCAL by ``-1/A(j,j)``)."""
    n = a.shape[0]
    if upper:
        for j in range(n):
            a[j, j] = 1.0 / a[j, j]
            ajj = -a[j, j]
            dtrmv_notrans(a[:j, :j], a[:j, j], upper=True)
            a[:j, j] = ajj * a[:j, j]
    else:
        for j in range(n - 1, -1, -1):
            a[j, j] = 1.0 / a[j, j]
            ajj = -a[j, j]
            if j < n - 1:
                dtrmv_notrans(a[j + 1:, j + 1:], a[j + 1:, j], upper=False)
                a[j + 1:, j] = ajj * a[j + 1:, j]


def dtrtri(a, upper):
    """DTRTRI(uplo, 'Non-unit') up to order 64: info = k (1-based) when A(k,k) is exactly zero
    (A untouched), else DTRTI2 and info 0."""
    n = a.shape[0]
    if n > UNBLOCKED_LIMIT:
        raise ValueError("dtrtri: blocked path not reproduced")
    for k in range(n):
        if a[k, k] == 0:
            return k + 1
    dtrti2(a, upper)
    return 0


def dgetri(lu, ipiv):
    """DGETRI (unblocked, order <= 64): inv(A) from DGETRF's factors, in place: inv(U) by DTRTRI,
    then inv(A)*L = inv(U) column by column from the last (DGEMV), then the column
    interchanges in reverse. Returns info (> 0: U is exactly singular)."""
    n = lu.shape[0]
    info = dtrtri(lu, upper=True)
    if info > 0:
        return info
    work = np.zeros(n)
    for j in range(n - 1, -1, -1):
        work[j + 1:] = lu[j + 1:, j]
        lu[j + 1:, j] = 0.0
        if j < n - 1:
            dgemv_n(lu[:, j + 1:], work[j + 1:], lu[:, j], alpha=-1.0)
    for j in range(n - 2, -1, -1):
        p = ipiv[j]
        if p != j:
            lu[:, [j, p]] = lu[:, [p, j]]
    return 0


# ----------------------------------------------------------------------------------- Cholesky
def dpotrf2(a, upper):
    """DPOTRF2: recursive Cholesky factorisation in place (the triangle named by ``upper``;
    the other one is not referenced). Returns info (> 0: the leading minor of that order is
    not positive definite)."""
    n = a.shape[0]
    if n == 0:
        return 0
    if n == 1:
        if not a[0, 0] > 0:                   # A(1,1) <= 0 or NaN
            return 1
        a[0, 0] = np.sqrt(a[0, 0])
        return 0
    n1 = n // 2
    info = dpotrf2(a[:n1, :n1], upper)
    if info:
        return info
    if upper:
        dtrsm_left(a[:n1, :n1], a[:n1, n1:], upper=True, trans=True, unit=False)
        dsyrk_minus(a[:n1, n1:], a[n1:, n1:], upper=True)
    else:
        dtrsm_right_lower_trans(a[:n1, :n1], a[n1:, :n1])
        dsyrk_minus(a[n1:, :n1], a[n1:, n1:], upper=False)
    info = dpotrf2(a[n1:, n1:], upper)
    return info + n1 if info else 0


def dgemm_tn_minus(a, b, c):
    """DGEMM('T', 'N', alpha = -1, beta = 1): C := C - A'*B, each element's dot product
    ``temp`` accumulated from 0 over l, then ``-temp + C(i,j)``."""
    temp = np.zeros(c.shape)
    for l in range(a.shape[0]):
        temp += a[l, :, None] * b[l, None, :]
    c += -temp


def dgemm_nt_minus(a, b, c):
    """DGEMM('N', 'T', alpha = -1, beta = 1): C := C - A*B', for each l in turn
    ``C(i,j) = C(i,j) + (-B(j,l))*A(i,l)``."""
    for l in range(a.shape[1]):
        c += a[:, l:l + 1] * (-b[:, l])[None, :]


def dpotrf(a, upper):
    """DPOTRF: Cholesky factorisation in place; DPOTRF2 up to order 64, else blocked (NB = 64:
    DSYRK, DPOTRF2 on the diagonal block, DGEMM and DTRSM on the panel). Returns info."""
    n = a.shape[0]
    if NB >= n:
        return dpotrf2(a, upper)
    for j in range(0, n, NB):
        jb = min(NB, n - j)
        e = j + jb
        if upper:
            dsyrk_minus(a[:j, j:e], a[j:e, j:e], upper=True)
            info = dpotrf2(a[j:e, j:e], upper=True)
            if info:
                return info + j
            if e < n:
                dgemm_tn_minus(a[:j, j:e], a[:j, e:], a[j:e, e:])
                dtrsm_left(a[j:e, j:e], a[j:e, e:], upper=True, trans=True, unit=False)
        else:
            dsyrk_minus(a[j:e, :j], a[j:e, j:e], upper=False)
            info = dpotrf2(a[j:e, j:e], upper=False)
            if info:
                return info + j
            if e < n:
                dgemm_nt_minus(a[e:, :j], a[j:e, :j], a[e:, j:e])
                dtrsm_right_lower_trans(a[j:e, j:e], a[e:, j:e])
    return 0


def dpotrs(c, b, upper):
    """DPOTRS: solve A*X = B from the Cholesky factor (two DTRSM)."""
    if upper:
        dtrsm_left(c, b, upper=True, trans=True, unit=False)
        dtrsm_left(c, b, upper=True, trans=False, unit=False)
    else:
        dtrsm_left(c, b, upper=False, trans=False, unit=False)
        dtrsm_left(c, b, upper=False, trans=True, unit=False)


def dlauu2(a, upper):
    """DLAUU2: the product U*U' (or L'*L) of a triangular factor, in place, row by row (DDOT,
    DGEMV with beta = A(i,i), DSCAL)."""
    n = a.shape[0]
    for i in range(n):
        aii = a[i, i]
        if upper:
            if i < n - 1:
                a[i, i] = ddot(a[i, i:], a[i, i:])
                dgemv_n(a[:i, i + 1:], a[i, i + 1:].copy(), a[:i, i], alpha=1.0, beta=aii)
            else:
                a[:i + 1, i] = aii * a[:i + 1, i]
        else:
            if i < n - 1:
                a[i, i] = ddot(a[i:, i], a[i:, i])
                dgemv_t(a[i + 1:, :i], a[i + 1:, i].copy(), a[i, :i], beta=aii)
            else:
                a[i, :i + 1] = aii * a[i, :i + 1]


def dgemv_t(a, x, y, beta):
    """DGEMV('Transpose', alpha = 1): y := A'*x + beta*y, y scaled first, each element then
    plus its dot product ``temp`` accumulated from 0."""
    m, n = a.shape
    if m == 0 or n == 0:
        return
    if beta == 0:
        y[:] = 0.0
    elif beta != 1:
        y[:] = beta * y
    for j in range(n):
        y[j] += ddot(a[:, j], x)
