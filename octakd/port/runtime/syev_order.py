"""The symmetric eigenproblem in the order of reference LAPACK's DSYEV, as GNU Octave calls it.

Octave's ``eig`` of a real symmetric matrix (exactly equal to its transpose) calls
``DSYEV('V' or 'N', 'U', ...)`` (liboctave's EIG::symmetric_init). On Debian that is the
reference LAPACK 3.11 on the reference BLAS. DSYEV reduces A to a tridiagonal matrix with
DSYTRD (ILAENV's NB = NX = 32: the unblocked DSYTD2 up to order 32, above it blocks of 32
columns from the right by DLATRD and DSYR2K, then DSYTD2 on the rest), then with vectors forms
the orthogonal factor with DORGTR (DORGQL, which stays the unblocked DORG2L while the order is
at most 129) and diagonalises with the implicit QL/QR iteration DSTEQR; without vectors it
uses the square-root free DSTERF. This module repeats that arithmetic operation by operation
(no FMA); DLARFG, DLARF, DLAPY2, DLARTG and DLASR come from the SVD modules.

Not covered (the functions return None and the caller uses SciPy, with a warning): vectors
above order :data:`EXACT_LIMIT` (DORGQL's blocked code), eigenvalues alone above
:data:`VALUES_LIMIT` (for time), and matrices DSYEV or DSTEQR/DSTERF would scale first (max
|A(i,j)| below about 1e-146 or above 1e146, or a tridiagonal block whose largest entry is
outside DSTEQR's safe range), or on which the iteration does not converge.
"""
import math

import numpy as np

from .bdsqr_order import dlartg, dlasr_cols
from .lapack_order import ddot, dgemv_n, dgemv_t
from .svd_order import dlapy2, dlarf_left, dlarfg

NB = 32                                       # ilaenv(1 | 3, 'DSYTRD'): DSYTD2 up to this order
EXACT_LIMIT = 129                             # DORGTR's DORGQL stays unblocked (DORG2L) up to here
VALUES_LIMIT = 600                            # eigenvalues alone (no DORGTR): a limit for time
EPS = np.finfo(np.float64).eps / 2            # DLAMCH('E')
SAFMIN = np.finfo(np.float64).tiny            # DLAMCH('S')
SAFMAX = 1.0 / SAFMIN
SMLNUM = SAFMIN / np.finfo(np.float64).eps    # DSYEV: DLAMCH('S') / DLAMCH('P')
RMIN, RMAX = math.sqrt(SMLNUM), math.sqrt(1.0 / SMLNUM)
MAXIT = 30


class _Unsupported(Exception):
    """A scaling step this module does not repeat (the caller falls back to SciPy)."""


def _sign(a, b):
    """Fortran's SIGN(a, b): |a| with the sign bit of b."""
    return float(np.copysign(abs(a), b))


# ------------------------------------------------------------------------- level-2 BLAS (upper)
def dsymv_upper(a, x, alpha):
    """DSYMV('U', beta = 0): y = alpha*A*x from A's upper triangle, column by column."""
    n = x.size
    y = np.zeros(n)
    for j in range(n):
        temp1 = alpha * x[j]
        temp2 = 0.0
        if j:
            y[:j] = y[:j] + temp1 * a[:j, j]
            products = np.concatenate(([0.0], np.multiply(a[:j, j], x[:j])))
            temp2 = float(np.add.accumulate(products)[-1])   # left to right, as the loop
        y[j] = y[j] + temp1 * a[j, j] + alpha * temp2
    return y


def dsyr2_upper(a, x, y, alpha):
    """DSYR2('U'): A := alpha*x*y' + alpha*y*x' + A on the upper triangle, in place."""
    for j in range(x.size):
        if x[j] != 0 or y[j] != 0:
            temp1 = alpha * y[j]
            temp2 = alpha * x[j]
            a[:j + 1, j] = a[:j + 1, j] + x[:j + 1] * temp1 + y[:j + 1] * temp2


# ------------------------------------------------------------------------------ tridiagonalise
def dsytd2_upper(a):
    """DSYTD2('U'): reduce A (upper triangle used, overwritten by the reflectors) to the
    tridiagonal (d, e); returns (d, e, tau)."""
    n = a.shape[0]
    d, e, tau = np.zeros(n), np.zeros(max(n - 1, 0)), np.zeros(max(n - 1, 0))
    for i in range(n - 2, -1, -1):                 # Fortran I = i + 1, from N-1 down to 1
        col = a[:, i + 1]
        beta, taui = dlarfg(float(col[i]), col[:i])
        e[i] = beta
        if taui != 0:
            col[i] = 1.0
            v = col[:i + 1]
            w = dsymv_upper(a, v, taui)            # DSYMV into TAU(1:I)
            alpha = -(0.5 * taui * ddot(w, v))
            w = w + alpha * v                      # DAXPY
            dsyr2_upper(a, v, w, -1.0)
            col[i] = e[i]
        else:
            col[i] = beta
        d[i + 1] = a[i + 1, i + 1]
        tau[i] = taui
    d[0] = a[0, 0]
    return d, e, tau


def dlatrd_upper(a, nb, e, tau):
    """DLATRD('U'): reduce the last ``nb`` columns of the leading block ``a`` (nn x nn) and
    return W (nn x nb) for DSYR2K's update of the rest; fills e and tau at the global indices
    (the block starts at the matrix's first row)."""
    nn = a.shape[0]
    w = np.zeros((nn, nb))
    for i in range(nn, nn - nb, -1):               # Fortran I; IW = I - NN + NB
        iw = i - nn + nb
        col = a[:, i - 1]
        if i < nn:
            dgemv_n(a[:i, i:nn], w[i - 1, iw:nb], col[:i], -1.0)
            dgemv_n(w[:i, iw:nb], a[i - 1, i:nn], col[:i], -1.0)
        if i > 1:
            beta, t = dlarfg(float(col[i - 2]), col[:i - 2])
            tau[i - 2], e[i - 2] = t, beta
            col[i - 2] = 1.0
            v = col[:i - 1]
            wc = w[:, iw - 1]
            wc[:i - 1] = dsymv_upper(a[:i - 1, :i - 1], v, 1.0)
            if i < nn:
                dgemv_t(w[:i - 1, iw:nb], v, wc[i:nn], 0.0)
                dgemv_n(a[:i - 1, i:nn], wc[i:nn], wc[:i - 1], -1.0)
                dgemv_t(a[:i - 1, i:nn], v, wc[i:nn], 0.0)
                dgemv_n(w[:i - 1, iw:nb], wc[i:nn], wc[:i - 1], -1.0)
            wc[:i - 1] = t * wc[:i - 1]                                  # DSCAL
            alpha = -(0.5 * t * ddot(wc[:i - 1], v))
            wc[:i - 1] = wc[:i - 1] + alpha * v                          # DAXPY
    return w


def dsyr2k_upper_minus(c, y, w):
    """DSYR2K('U', 'N', alpha = -1, beta = 1): C := C - Y*W' - W*Y' on the upper triangle."""
    for j in range(c.shape[0]):
        for l in range(y.shape[1]):
            if y[j, l] != 0 or w[j, l] != 0:
                temp1 = -1.0 * w[j, l]
                temp2 = -1.0 * y[j, l]
                c[:j + 1, j] = c[:j + 1, j] + y[:j + 1, l] * temp1 + w[:j + 1, l] * temp2


def dsytrd_upper(a):
    """DSYTRD('U') with ILAENV's NB = NX = 32: blocks of 32 columns from the right by DLATRD
    and DSYR2K, then DSYTD2 on the leading KK columns; returns (d, e, tau)."""
    n = a.shape[0]
    if n <= NB:
        return dsytd2_upper(a)
    d, e, tau = np.zeros(n), np.zeros(n - 1), np.zeros(n - 1)
    kk = n - ((n - NB + NB - 1) // NB) * NB
    for i in range(n - NB + 1, kk, -NB):           # Fortran I, the block's first column
        w = dlatrd_upper(a[:i + NB - 1, :i + NB - 1], NB, e, tau)
        dsyr2k_upper_minus(a[:i - 1, :i - 1], a[:i - 1, i - 1:i + NB - 1], w[:i - 1])
        for j in range(i, i + NB):
            a[j - 2, j - 1] = e[j - 2]
            d[j - 1] = a[j - 1, j - 1]
    d2, e2, tau2 = dsytd2_upper(a[:kk, :kk])
    d[:kk], e[:kk - 1], tau[:kk - 1] = d2, e2, tau2
    return d, e, tau


def dorgtr_upper(a, tau):
    """DORGTR('U'): the orthogonal Q of DSYTD2('U') from its reflectors, via DORG2L."""
    n = a.shape[0]
    q = np.zeros((n, n))
    for j in range(n - 1):                         # shift the vectors one column left
        q[:j, j] = a[:j, j + 1]
    q[n - 1, n - 1] = 1.0
    dorg2l(q[:n - 1, :n - 1], tau)
    return q


def dorg2l(a, tau):
    """DORG2L with M = N = K: Q = H(k) ... H(2) H(1) from the reflectors stored in the
    columns of ``a`` above the diagonal (in place)."""
    m = a.shape[0]
    for i in range(m):                             # II = I; the reflector's length is II
        col = a[:, i]
        col[i] = 1.0
        dlarf_left(col[:i + 1], tau[i], a[:i + 1, :i])
        col[:i] = -tau[i] * col[:i]               # DSCAL
        col[i] = 1.0 - tau[i]
        col[i + 1:] = 0.0


# -------------------------------------------------------------------------------- QL / QR
def dlaev2(a, b, c):
    """DLAEV2: eigen-decomposition of [a b; b c]: (rt1, rt2, cs1, sn1)."""
    sm, df = a + c, a - c
    adf, tb = abs(df), b + b
    ab = abs(tb)
    acmx, acmn = (a, c) if abs(a) > abs(c) else (c, a)
    if adf > ab:
        rt = adf * math.sqrt(1.0 + (ab / adf) * (ab / adf))
    elif adf < ab:
        rt = ab * math.sqrt(1.0 + (adf / ab) * (adf / ab))
    else:
        rt = ab * math.sqrt(2.0)
    if sm < 0:
        rt1, sgn1 = 0.5 * (sm - rt), -1
        rt2 = (acmx / rt1) * acmn - (b / rt1) * b
    elif sm > 0:
        rt1, sgn1 = 0.5 * (sm + rt), 1
        rt2 = (acmx / rt1) * acmn - (b / rt1) * b
    else:
        rt1, rt2, sgn1 = 0.5 * rt, -0.5 * rt, 1
    if df >= 0:
        cs, sgn2 = df + rt, 1
    else:
        cs, sgn2 = df - rt, -1
    if abs(cs) > ab:
        ct = -tb / cs
        sn1 = 1.0 / math.sqrt(1.0 + ct * ct)
        cs1 = ct * sn1
    elif ab == 0:
        cs1, sn1 = 1.0, 0.0
    else:
        tn = -cs / tb
        cs1 = 1.0 / math.sqrt(1.0 + tn * tn)
        sn1 = tn * cs1
    if sgn1 == sgn2:
        cs1, sn1 = -sn1, cs1
    return rt1, rt2, cs1, sn1


def dsteqr(d, e, z):
    """DSTEQR('V'): eigenvalues of the tridiagonal (d, e) into d (ascending) and the vectors
    accumulated into the columns of z, by implicit QL or QR sweeps (in place). Indices below
    are Fortran's (1-based) on padded copies."""
    n = d.size
    if n <= 1:
        return
    D = np.concatenate(([0.0], d))
    E = np.concatenate(([0.0], e, [0.0]))
    eps2 = EPS * EPS
    ssfmax = math.sqrt(SAFMAX) / 3.0
    ssfmin = math.sqrt(SAFMIN) / eps2
    nmaxit, jtot, l1 = n * MAXIT, 0, 1
    wc, ws = np.zeros(n + 1), np.zeros(n + 1)
    while True:
        if l1 > n:
            break
        if l1 > 1:
            E[l1 - 1] = 0.0
        m = n
        for mm in range(l1, n):
            tst = abs(E[mm])
            if tst == 0:
                m = mm
                break
            if tst <= (math.sqrt(abs(D[mm])) * math.sqrt(abs(D[mm + 1]))) * EPS:
                E[mm] = 0.0
                m = mm
                break
        l = l1
        lsv, lend = l, m
        lendsv = lend
        l1 = m + 1
        if lend == l:
            continue
        anorm = max(np.max(np.abs(D[l:lend + 1])), np.max(np.abs(E[l:lend])))   # DLANST('M')
        if anorm != anorm:
            raise _Unsupported
        if anorm == 0:
            continue
        if anorm > ssfmax or anorm < ssfmin:
            raise _Unsupported                     # DLASCL scaling of the block
        if abs(D[lend]) < abs(D[l]):
            lend, l = lsv, lendsv
        if lend > l:                               # QL iteration
            while True:
                m = lend
                if l != lend:
                    for mm in range(l, lend):
                        tst = abs(E[mm]) * abs(E[mm])
                        if tst <= (eps2 * abs(D[mm])) * abs(D[mm + 1]) + SAFMIN:
                            m = mm
                            break
                if m < lend:
                    E[m] = 0.0
                p = D[l]
                if m == l:
                    D[l] = p
                    l += 1
                    if l <= lend:
                        continue
                    break
                if m == l + 1:
                    rt1, rt2, c, s = dlaev2(D[l], E[l], D[l + 1])
                    dlasr_cols(z[:, l - 1:l + 1], np.array([c]), np.array([s]), False)
                    D[l], D[l + 1], E[l] = rt1, rt2, 0.0
                    l += 2
                    if l <= lend:
                        continue
                    break
                if jtot == nmaxit:
                    break
                jtot += 1
                g = (D[l + 1] - p) / (2.0 * E[l])
                r = dlapy2(g, 1.0)
                g = D[m] - p + (E[l] / (g + _sign(r, g)))
                s, c, p = 1.0, 1.0, 0.0
                for i in range(m - 1, l - 1, -1):
                    f = s * E[i]
                    b = c * E[i]
                    c, s, r = dlartg(g, f)
                    if i != m - 1:
                        E[i + 1] = r
                    g = D[i + 1] - p
                    r = (D[i] - g) * s + 2.0 * c * b
                    p = s * r
                    D[i + 1] = g + p
                    g = c * r - b
                    wc[i], ws[i] = c, -s
                dlasr_cols(z[:, l - 1:m], wc[l:m], ws[l:m], False)
                D[l] = D[l] - p
                E[l] = g
        else:                                      # QR iteration
            while True:
                m = lend
                if l != lend:
                    for mm in range(l, lend, -1):
                        tst = abs(E[mm - 1]) * abs(E[mm - 1])
                        if tst <= (eps2 * abs(D[mm])) * abs(D[mm - 1]) + SAFMIN:
                            m = mm
                            break
                if m > lend:
                    E[m - 1] = 0.0
                p = D[l]
                if m == l:
                    D[l] = p
                    l -= 1
                    if l >= lend:
                        continue
                    break
                if m == l - 1:
                    rt1, rt2, c, s = dlaev2(D[l - 1], E[l - 1], D[l])
                    dlasr_cols(z[:, l - 2:l], np.array([c]), np.array([s]), True)
                    D[l - 1], D[l], E[l - 1] = rt1, rt2, 0.0
                    l -= 2
                    if l >= lend:
                        continue
                    break
                if jtot == nmaxit:
                    break
                jtot += 1
                g = (D[l - 1] - p) / (2.0 * E[l - 1])
                r = dlapy2(g, 1.0)
                g = D[m] - p + (E[l - 1] / (g + _sign(r, g)))
                s, c, p = 1.0, 1.0, 0.0
                for i in range(m, l):
                    f = s * E[i]
                    b = c * E[i]
                    c, s, r = dlartg(g, f)
                    if i != m:
                        E[i - 1] = r
                    g = D[i] - p
                    r = (D[i + 1] - g) * s + 2.0 * c * b
                    p = s * r
                    D[i] = g + p
                    g = c * r - b
                    wc[i], ws[i] = c, s
                dlasr_cols(z[:, m - 1:l], wc[m:l], ws[m:l], True)
                D[l] = D[l] - p
                E[l - 1] = g
        if jtot >= nmaxit:
            raise _Unsupported                     # no convergence: LAPACK's INFO > 0
    for ii in range(2, n + 1):                     # selection sort, swapping columns of z
        i = ii - 1
        k, p = i, D[i]
        for j in range(ii, n + 1):
            if D[j] < p:
                k, p = j, D[j]
        if k != i:
            D[k] = D[i]
            D[i] = p
            z[:, [i - 1, k - 1]] = z[:, [k - 1, i - 1]]
    d[:] = D[1:]


# ------------------------------------------------------------------------ root-free QL / QR
def dlae2(a, b, c):
    """DLAE2: the eigenvalues (rt1, rt2) of [a b; b c], |rt1| >= |rt2|."""
    sm, df = a + c, a - c
    adf, tb = abs(df), b + b
    ab = abs(tb)
    acmx, acmn = (a, c) if abs(a) > abs(c) else (c, a)
    if adf > ab:
        rt = adf * math.sqrt(1.0 + (ab / adf) * (ab / adf))
    elif adf < ab:
        rt = ab * math.sqrt(1.0 + (adf / ab) * (adf / ab))
    else:
        rt = ab * math.sqrt(2.0)
    if sm < 0:
        rt1 = 0.5 * (sm - rt)
        return rt1, (acmx / rt1) * acmn - (b / rt1) * b
    if sm > 0:
        rt1 = 0.5 * (sm + rt)
        return rt1, (acmx / rt1) * acmn - (b / rt1) * b
    return 0.5 * rt, -0.5 * rt


def _sweep_root_free(D, E, l, m, step):
    """One DSTERF sweep (loop 80 for QL, step -1; loop 130 for QR, step +1) between the
    Fortran indices l and m, in place on the padded D and E (E holds squares)."""
    if step < 0:
        rte = math.sqrt(E[l])
        sigma = (D[l + 1] - D[l]) / (2.0 * rte)
    else:
        rte = math.sqrt(E[l - 1])
        sigma = (D[l - 1] - D[l]) / (2.0 * rte)
    r = dlapy2(sigma, 1.0)
    sigma = D[l] - (rte / (sigma + _sign(r, sigma)))
    c, s = 1.0, 0.0
    gamma = D[m] - sigma
    p = gamma * gamma
    order = range(m - 1, l - 1, -1) if step < 0 else range(m, l)
    for i in order:
        bb = E[i]
        r = p + bb
        if step < 0 and i != m - 1:
            E[i + 1] = s * r
        if step > 0 and i != m:
            E[i - 1] = s * r
        oldc = c
        c = p / r
        s = bb / r
        oldgam = gamma
        alpha = D[i] if step < 0 else D[i + 1]
        gamma = c * (alpha - sigma) - s * oldgam
        if step < 0:
            D[i + 1] = oldgam + (alpha - gamma)
        else:
            D[i] = oldgam + (alpha - gamma)
        p = (gamma * gamma) / c if c != 0 else oldc * bb
    if step < 0:
        E[l] = s * p
    else:
        E[l - 1] = s * p
    D[l] = sigma + gamma


def dsterf(d, e):
    """DSTERF: the eigenvalues of the tridiagonal (d, e), ascending, by the square-root free
    Pal-Walker-Kahan QL/QR iteration; returns them (d and e are not changed)."""
    n = d.size
    if n <= 1:
        return d.copy()
    D = np.concatenate(([0.0], d))
    E = np.concatenate(([0.0], e, [0.0]))
    eps2 = EPS * EPS
    ssfmax = math.sqrt(SAFMAX) / 3.0
    ssfmin = math.sqrt(SAFMIN) / eps2
    nmaxit, jtot, l1 = n * MAXIT, 0, 1
    while l1 <= n:
        if l1 > 1:
            E[l1 - 1] = 0.0
        m = n
        for mm in range(l1, n):
            if abs(E[mm]) <= (math.sqrt(abs(D[mm])) * math.sqrt(abs(D[mm + 1]))) * EPS:
                E[mm] = 0.0
                m = mm
                break
        l = l1
        lsv, lend = l, m
        lendsv = lend
        l1 = m + 1
        if lend == l:
            continue
        anorm = max(np.max(np.abs(D[l:lend + 1])), np.max(np.abs(E[l:lend])))   # DLANST('M')
        if anorm != anorm:
            raise _Unsupported
        if anorm == 0:
            continue
        if anorm > ssfmax or anorm < ssfmin:
            raise _Unsupported                     # DLASCL scaling of the block
        E[l:lend] = E[l:lend] * E[l:lend]
        if abs(D[lend]) < abs(D[l]):
            lend, l = lsv, lendsv
        step = -1 if lend >= l else 1               # QL (label 50) or QR (label 100)
        while True:
            m = lend
            if l != lend:
                for mm in (range(l, lend) if step < 0 else range(l, lend, -1)):
                    em = E[mm] if step < 0 else E[mm - 1]
                    if abs(em) <= eps2 * abs(D[mm] * D[mm - step]):
                        m = mm
                        break
            if step < 0 and m < lend:
                E[m] = 0.0
            if step > 0 and m > lend:
                E[m - 1] = 0.0
            p = D[l]
            if m == l:
                D[l] = p
                l -= step
                if (l <= lend) if step < 0 else (l >= lend):
                    continue
                break
            if m == l - step:
                lo = l if step < 0 else l - 1         # the 2x2 block's first index
                rt1, rt2 = dlae2(D[l], math.sqrt(E[lo]), D[m])
                D[l], D[m], E[lo] = rt1, rt2, 0.0
                l -= 2 * step
                if (l <= lend) if step < 0 else (l >= lend):
                    continue
                break
            if jtot == nmaxit:
                break
            jtot += 1
            _sweep_root_free(D, E, l, m, step)
        if jtot >= nmaxit:
            raise _Unsupported                     # no convergence: LAPACK's INFO > 0
    return np.sort(D[1:])                          # DLASRT('I')


# ---------------------------------------------------------------------------------- driver
def _prepare(a, limit=EXACT_LIMIT):
    """DSYEV's checks before DSYTRD: None when this module does not cover ``a``."""
    n = a.shape[0]
    if n > limit:
        return None
    anrm = float(np.max(np.abs(np.triu(a)))) if n else 0.0          # DLANSY('M', 'U')
    if anrm != anrm or (0 < anrm < RMIN) or anrm > RMAX:
        return None
    return np.array(a, dtype=np.float64, order="F", copy=True)


def dsyev_vectors(a):
    """DSYEV('V', 'U'): (w, V) with w ascending, or None when not covered."""
    a = _prepare(a)
    if a is None:
        return None
    n = a.shape[0]
    if n == 1:
        return a[0].copy(), np.ones((1, 1))
    try:
        d, e, tau = dsytrd_upper(a)
        z = dorgtr_upper(a, tau)
        dsteqr(d, e, z)
    except _Unsupported:
        return None
    return d, z


def dsyev_values(a):
    """DSYEV('N', 'U'): the eigenvalues ascending, or None when not covered."""
    a = _prepare(a, VALUES_LIMIT)
    if a is None:
        return None
    if a.shape[0] == 1:
        return a[0].copy()
    try:
        d, e, _ = dsytrd_upper(a)
        return dsterf(d, e)
    except _Unsupported:
        return None
