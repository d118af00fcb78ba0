"""The singular value decomposition with vectors in the order of reference LAPACK's DGESVD.

GNU Octave's ``svd`` (and ``pinv``, ``null``, ``orth``, which call it) runs LAPACK's DGESVD; on
Debian that is the reference LAPACK 3.11 on the reference BLAS. This module repeats DGESVD's
arithmetic for JOBU = JOBVT = 'S' or 'A' with the optimal workspace Octave asks for, on all its
paths for those jobs: when one side is at least ``MNTHR = int(1.6 * min(m, n))`` the matrix is
first reduced to a square triangle by QR (DGEQR2, DORG2R) or LQ (DGELQ2, DORGL2); then DGEBRD
bidiagonalises (DGEBD2 below the crossover 128), DORGBR forms the orthogonal factors, DBDSQR
diagonalises the bidiagonal matrix with implicit QR sweeps (DLARTG, DLAS2, DLASV2, DLASR, DROT)
and sorts the singular values, and a DGEMM multiplies the factors back.

Each function mirrors the routine in its name. Not covered (:func:`dgesvd` returns None and the
caller uses SciPy): min(m, n) > 128 (the blocked codes), the singular values alone (DBDSQR then
calls the dqds code DLASQ1), and matrices DGESVD would scale first (max |A(i,j)| below
about 1e-138 or above 1e138).
"""
import math

import numpy as np

from .bdsqr_order import dbdsqr
from .fortran import fmax as _fmax
from .lapack_order import idamax as _idamax

EPS = np.finfo(np.float64).eps / 2          # DLAMCH('E'), the unit roundoff
SAFMIN = np.finfo(np.float64).tiny          # DLAMCH('S')
CROSSOVER = 128                             # ilaenv(3, 'DGEBRD' | 'DGEQRF' | 'DORGQR' | ...)
EXACT_LIMIT = 2000                          # the larger side; above it SciPy (time)


def _sq(x):
    """Fortran's ``X**2``, which gfortran compiles to ``X*X`` (Python's ``x ** 2`` calls the C
    library's ``pow``, which is not always the correctly rounded product)."""
    return x * x


# -------------------------------------------------------------------------------- small kernels
def dnrm2(x):
    """DNRM2 (LAPACK 3.10+, Blue's algorithm with three accumulators)."""
    tsml, tbig = 2.0 ** -511, 2.0 ** 486
    ssml, sbig = 2.0 ** 537, 2.0 ** -538
    asml = amed = abig = 0.0
    notbig = True
    for v in x:
        ax = abs(float(v))
        if ax > tbig:
            abig += _sq(ax * sbig)
            notbig = False
        elif ax < tsml:
            if notbig:
                asml += _sq(ax * ssml)
        else:
            amed += ax * ax
    if abig > 0:
        if amed > 0 or amed != amed:
            abig += (amed * sbig) * sbig
        return (1.0 / sbig) * np.sqrt(abig)
    if asml > 0:
        if amed > 0 or amed != amed:
            amed = np.sqrt(amed)
            asml = np.sqrt(asml) / ssml
            ymin, ymax = (amed, asml) if asml > amed else (asml, amed)
            return 1.0 * np.sqrt(_sq(ymax) * (1.0 + _sq(ymin / ymax)))
        return (1.0 / ssml) * np.sqrt(asml)
    return 1.0 * np.sqrt(amed)


def dlapy2(x, y):
    """DLAPY2: sqrt(x**2 + y**2) as ``w * sqrt(1 + (z/w)**2)``."""
    if x != x:
        return x
    if y != y:
        return y
    w, z = max(abs(x), abs(y)), min(abs(x), abs(y))
    if z == 0 or w > np.finfo(np.float64).max:
        return w
    return w * np.sqrt(1.0 + _sq(z / w))


def _sign(a, b):
    """Fortran's SIGN(a, b): |a| with the sign bit of b."""
    return float(np.copysign(abs(a), b))


def dlarfg(alpha, x):
    """DLARFG: the elementary reflector H with H*(alpha; x) = (beta; 0); x is overwritten with
    v(2:n). Returns (beta, tau) (beta is alpha when tau is 0)."""
    if x.size == 0:
        return alpha, 0.0
    xnorm = dnrm2(x)
    if xnorm == 0:
        return alpha, 0.0
    beta = -_sign(dlapy2(alpha, xnorm), alpha)
    safmin = SAFMIN / EPS
    knt = 0
    if abs(beta) < safmin:
        rsafmn = 1.0 / safmin
        while True:
            knt += 1
            x *= rsafmn
            beta *= rsafmn
            alpha *= rsafmn
            if not (abs(beta) < safmin and knt < 20):
                break
        xnorm = dnrm2(x)
        beta = -_sign(dlapy2(alpha, xnorm), alpha)
    tau = (beta - alpha) / beta
    x *= 1.0 / (alpha - beta)
    for _ in range(knt):
        beta *= safmin
    return beta, tau


def _last_nonzero(v):
    nz = np.nonzero(v)[0]
    return int(nz[-1]) + 1 if nz.size else 0


def dlarf_left(v, tau, c):
    """DLARF('Left'): C := (I - tau*v*v') * C, over the rows up to v's last nonzero and the
    columns up to C's last nonzero one (ILADLC): DGEMV('T') then DGER."""
    if tau == 0:
        return
    lastv = _last_nonzero(v)
    if lastv == 0:
        return
    sub = c[:lastv, :]
    cols = np.nonzero(np.any(sub != 0, axis=0))[0]
    lastc = int(cols[-1]) + 1 if cols.size else 0
    if lastc == 0:
        return
    temp = np.zeros(lastc)                                   # DGEMV('Transpose'), beta = 0:
    for i in range(lastv):                                   # each column's dot product,
        temp += sub[i, :lastc] * v[i]                        # added top to bottom
    work = 0.0 + temp
    for j in range(lastc):                                   # DGER, alpha = -tau
        if work[j] != 0:
            sub[:, j] += v[:lastv] * (-tau * work[j])


def dlarf_right(v, tau, c):
    """DLARF('Right'): C := C * (I - tau*v*v'), over the columns up to v's last nonzero and
    the rows up to C's last nonzero one (ILADLR): DGEMV('N') then DGER."""
    if tau == 0:
        return
    lastv = _last_nonzero(v)
    if lastv == 0:
        return
    sub = c[:, :lastv]
    rows = np.nonzero(np.any(sub != 0, axis=1))[0]
    lastc = int(rows[-1]) + 1 if rows.size else 0
    if lastc == 0:
        return
    sub = sub[:lastc, :]
    work = np.zeros(lastc)
    for j in range(lastv):                                   # DGEMV('No transpose'), beta = 0
        work += (1.0 * v[j]) * sub[:, j]
    for j in range(lastv):                                   # DGER, alpha = -tau
        if v[j] != 0:
            sub[:, j] += work * (-tau * v[j])


# ------------------------------------------------------------------------- bidiagonalisation
def dgebd2(a):
    """DGEBD2: reduce the m x n ``a`` to bidiagonal form in place (upper when m >= n, lower
    otherwise), the reflectors stored below and right of it. Returns (d, e, tauq, taup)."""
    m, n = a.shape
    k = min(m, n)
    d, e = np.zeros(k), np.zeros(max(k - 1, 0))
    tauq, taup = np.zeros(k), np.zeros(k)
    if m >= n:
        for i in range(n):
            a[i, i], tauq[i] = dlarfg(a[i, i], a[i + 1:, i])
            d[i] = a[i, i]
            a[i, i] = 1.0
            if i < n - 1:
                dlarf_left(a[i:, i], tauq[i], a[i:, i + 1:])
            a[i, i] = d[i]
            if i < n - 1:
                a[i, i + 1], taup[i] = dlarfg(a[i, i + 1], a[i, i + 2:])
                e[i] = a[i, i + 1]
                a[i, i + 1] = 1.0
                dlarf_right(a[i, i + 1:], taup[i], a[i + 1:, i + 1:])
                a[i, i + 1] = e[i]
            else:
                taup[i] = 0.0
    else:
        for i in range(m):
            a[i, i], taup[i] = dlarfg(a[i, i], a[i, i + 1:])
            d[i] = a[i, i]
            a[i, i] = 1.0
            if i < m - 1:
                dlarf_right(a[i, i:], taup[i], a[i + 1:, i:])
            a[i, i] = d[i]
            if i < m - 1:
                a[i + 1, i], tauq[i] = dlarfg(a[i + 1, i], a[i + 2:, i])
                e[i] = a[i + 1, i]
                a[i + 1, i] = 1.0
                dlarf_left(a[i + 1:, i], tauq[i], a[i + 1:, i + 1:])
                a[i + 1, i] = e[i]
            else:
                tauq[i] = 0.0
    return d, e, tauq, taup


def dorg2r(a, tau, k):
    """DORG2R: the m x n matrix Q with orthonormal columns from k reflectors stored in the
    columns of ``a`` (as DGEQRF/DGEBRD leave them), in place."""
    m, n = a.shape
    for j in range(k, n):
        a[:, j] = 0.0
        a[j, j] = 1.0
    for i in range(k - 1, -1, -1):
        if i < n - 1:
            a[i, i] = 1.0
            dlarf_left(a[i:, i], tau[i], a[i:, i + 1:])
        if i < m - 1:
            a[i + 1:, i] *= -tau[i]
        a[i, i] = 1.0 - tau[i]
        a[:i, i] = 0.0


def dorgl2(a, tau, k):
    """DORGL2: the m x n matrix Q with orthonormal rows from k reflectors stored in the rows
    of ``a`` (as DGELQF/DGEBRD leave them), in place."""
    m, n = a.shape
    if k < m:
        a[k:, :] = 0.0
        for j in range(k, min(m, n)):
            a[j, j] = 1.0
    for i in range(k - 1, -1, -1):
        if i < n - 1:
            if i < m - 1:
                a[i, i] = 1.0
                dlarf_right(a[i, i:], tau[i], a[i + 1:, i:])
            a[i, i + 1:] *= -tau[i]
        a[i, i] = 1.0 - tau[i]
        a[i, :i] = 0.0


def dorgbr_q(a, tau, k):
    """DORGBR('Q', m, n, k): Q from DGEBRD's left reflectors, in place."""
    m, n = a.shape
    if m >= k:
        dorg2r(a, tau, k)
        return
    for j in range(m - 1, 0, -1):               # shift the vectors one column right
        a[0, j] = 0.0
        a[j + 1:, j] = a[j + 1:, j - 1]
    a[0, 0] = 1.0
    a[1:, 0] = 0.0
    if m > 1:
        dorg2r(a[1:, 1:], tau, m - 1)


def dorgbr_p(a, tau, k):
    """DORGBR('P', m, n, k): P' from DGEBRD's right reflectors, in place."""
    m, n = a.shape
    if k < n:
        dorgl2(a, tau, k)
        return
    a[0, 0] = 1.0
    a[1:, 0] = 0.0
    for j in range(1, n):                       # shift the vectors one row down
        a[1:j, j] = a[0:j - 1, j].copy()
        a[0, j] = 0.0
    if n > 1:
        dorgl2(a[1:, 1:], tau, n - 1)


# ------------------------------------------------------------------------------------- driver
def mnthr(m, n):
    """ilaenv(6, 'DGESVD'): INT(REAL(MIN(M, N))*1.6E0), in single precision."""
    return int(np.float32(min(m, n)) * np.float32(1.6))


def covered(m, n):
    """Whether :func:`dgesvd` reproduces DGESVD for an m x n matrix: every factorisation it
    calls stays unblocked while min(m, n) <= 128; the larger side is bounded for time."""
    return 0 < min(m, n) <= CROSSOVER and max(m, n) <= EXACT_LIMIT


def dgeqr2(a):
    """DGEQR2: QR factorisation in place (R above the diagonal, reflectors below); tau."""
    m, n = a.shape
    k = min(m, n)
    tau = np.zeros(k)
    for i in range(k):
        a[i, i], tau[i] = dlarfg(a[i, i], a[i + 1:, i])
        if i < n - 1:
            aii = a[i, i]
            a[i, i] = 1.0
            dlarf_left(a[i:, i], tau[i], a[i:, i + 1:])
            a[i, i] = aii
    return tau


def dgelq2(a):
    """DGELQ2: LQ factorisation in place (L below the diagonal, reflectors right); tau."""
    m, n = a.shape
    k = min(m, n)
    tau = np.zeros(k)
    for i in range(k):
        a[i, i], tau[i] = dlarfg(a[i, i], a[i, i + 1:])
        if i < m - 1:
            aii = a[i, i]
            a[i, i] = 1.0
            dlarf_right(a[i, i:], tau[i], a[i + 1:, i:])
            a[i, i] = aii
    return tau


def dgemm_nn(a, b):
    """DGEMM('N', 'N', alpha = 1, beta = 0): C = A*B, each element added over l in order."""
    c = np.zeros((a.shape[0], b.shape[1]), order="F")
    for l in range(a.shape[1]):
        c += a[:, l:l + 1] * b[l:l + 1, :]
    return c


def _square_svd(r, lower_factor):
    """DGEBRD, DORGBR and DBDSQR on the k x k triangular factor of the QR/LQ paths: returns
    (q_factor, d, pt_factor, info), with q from the left reflectors and pt from the right."""
    d, e, tauq, taup = dgebd2(r)
    k = r.shape[0]
    if lower_factor:                          # paths 6t/9t: U from a copy, P' in place
        u = np.array(np.tril(r), order="F")
        dorgbr_p(r, taup, k)
        dorgbr_q(u, tauq, k)
        info = dbdsqr(d, e, r, u)
        return u, d, r, info
    vt = np.array(np.triu(r), order="F")       # paths 6/9: P' from a copy, Q in place
    dorgbr_q(r, tauq, k)
    dorgbr_p(vt, taup, k)
    info = dbdsqr(d, e, vt, r)
    return r, d, vt, info


def dgesvd(a, full):
    """DGESVD with JOBU = JOBVT = 'A' (``full``) or 'S', with the optimal workspace Octave
    asks for: (u, s, vt), or None when not covered (see :func:`covered`), when DGESVD would
    scale A first, or when DBDSQR did not converge."""
    m, n = a.shape
    if not covered(m, n):
        return None
    anrm = float(np.max(np.abs(a)))
    smlnum = np.sqrt(SAFMIN) / (EPS * 2)
    if anrm != anrm or (0 < anrm < smlnum) or anrm > 1.0 / smlnum:
        return None                                      # DGESVD would scale A first
    a = np.array(a, dtype=np.float64, order="F")
    if m >= n and m >= mnthr(m, n):                      # paths 6 and 9: QR first
        tau = dgeqr2(a)
        r = np.array(np.triu(a[:n, :n]), order="F")
        if full:
            q = np.zeros((m, m), order="F")
            q[:, :n] = np.tril(a)
        else:
            q = a
        dorg2r(q, tau, n)
        ur, d, vt, info = _square_svd(r, lower_factor=False)
        u = q
        u[:, :n] = dgemm_nn(q[:, :n], ur)
    elif m < n and n >= mnthr(m, n):                     # paths 6t and 9t: LQ first
        tau = dgelq2(a)
        l_ = np.array(np.tril(a[:m, :m]), order="F")
        if full:
            q = np.zeros((n, n), order="F")
            q[:m, :] = np.triu(a)
        else:
            q = a
        dorgl2(q, tau, m)
        u, d, vl, info = _square_svd(l_, lower_factor=True)
        vt = q
        vt[:m, :] = dgemm_nn(vl, q[:m, :])
    elif m >= n:                                         # path 10
        d, e, tauq, taup = dgebd2(a)
        u = np.zeros((m, m if full else n), order="F")
        u[:, :n] = np.tril(a)
        dorgbr_q(u, tauq, n)
        vt = np.array(np.triu(a[:n, :n]), order="F")
        dorgbr_p(vt, taup, n)
        info = dbdsqr(d, e, vt, u, lower=False)
    else:                                                # path 10t
        d, e, tauq, taup = dgebd2(a)
        u = np.array(np.tril(a[:m, :m]), order="F")
        dorgbr_q(u, tauq, n)
        vt = np.zeros((n if full else m, n), order="F")
        vt[:m, :] = np.triu(a)
        dorgbr_p(vt, taup, m)
        info = dbdsqr(d, e, vt, u, lower=True)
    if info:
        return None
    return u, d, vt


def dgesvd_values(a):
    """DGESVD with JOBU = JOBVT = 'N' (Octave's ``svd(A)`` with one output, ``rank``, ``cond``,
    ``norm(A)``): the bidiagonal form by the same paths as :func:`dgesvd` (QR or LQ first when
    one side is at least 1.6 times the other), then DBDSQR without vectors, which is DLASQ1
    (dqds, :mod:`dqds_order`). Returns the singular values, decreasing, or None when not
    covered or when dqds did not converge."""
    from .dqds_order import dlasq1
    m, n = a.shape
    if not covered(m, n):
        return None
    anrm = float(np.max(np.abs(a)))
    smlnum = np.sqrt(SAFMIN) / (EPS * 2)
    if anrm != anrm or (0 < anrm < smlnum) or anrm > 1.0 / smlnum:
        return None
    a = np.array(a, dtype=np.float64, order="F")
    if m >= n and m >= mnthr(m, n):                      # path 1: QR first
        dgeqr2(a)
        r = np.array(np.triu(a[:n, :n]), order="F")
        d, e, _tq, _tp = dgebd2(r)
    elif m < n and n >= mnthr(m, n):                     # path 1t: LQ first
        dgelq2(a)
        l_ = np.array(np.tril(a[:m, :m]), order="F")
        d, e, _tq, _tp = dgebd2(l_)
    else:                                                # paths 10 and 10t
        d, e, _tq, _tp = dgebd2(a)
    if d.size == 1:                                      # DBDSQR with N = 1
        if d[0] < 0:
            d[0] = -d[0]
        return d
    if dlasq1(d, e) != 0:
        return None
    return d


def dgeqp3(a):
    """DGEQP3 with every column free (as Octave's ``qrp`` calls it), for min(m, n) <= 128
    where it runs DLAQP2: QR with column pivoting in place. Column norms by DNRM2, the pivot
    the largest remaining partial norm (IDAMAX), and the norms downdated after each step
    (recomputed when cancellation makes the downdate unreliable, TOL3Z = sqrt(eps)).
    Returns (tau, jpvt) with 0-based column numbers."""
    m, n = a.shape
    jpvt = list(range(n))
    vn1 = np.array([dnrm2(a[:, j]) for j in range(n)])
    vn2 = vn1.copy()
    mn = min(m, n)
    tol3z = math.sqrt(EPS)
    tau = np.zeros(mn)
    for i in range(mn):
        pvt = i + _idamax(vn1[i:])
        if pvt != i:
            a[:, [pvt, i]] = a[:, [i, pvt]]
            jpvt[pvt], jpvt[i] = jpvt[i], jpvt[pvt]
            vn1[pvt] = vn1[i]
            vn2[pvt] = vn2[i]
        a[i, i], tau[i] = dlarfg(a[i, i], a[i + 1:, i])
        if i < n - 1:
            aii = a[i, i]
            a[i, i] = 1.0
            dlarf_left(a[i:, i], tau[i], a[i:, i + 1:])
            a[i, i] = aii
        for j in range(i + 1, n):
            if vn1[j] != 0:
                temp = 1.0 - _sq(abs(a[i, j]) / vn1[j])
                temp = _fmax(temp, 0.0)
                temp2 = temp * _sq(vn1[j] / vn2[j])
                if temp2 <= tol3z:
                    if i < m - 1:
                        vn1[j] = dnrm2(a[i + 1:, j])
                        vn2[j] = vn1[j]
                    else:
                        vn1[j] = 0.0
                        vn2[j] = 0.0
                else:
                    vn1[j] = vn1[j] * math.sqrt(temp)
    return tau, jpvt
