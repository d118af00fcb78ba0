"""Reference LAPACK 3.11's DBDSQR (the SVD of a bidiagonal matrix, with vectors) and the
plane rotations it uses, in their order of operations; :mod:`svd_order`'s DGESVD calls it.

DBDSQR chases implicit (zero-shift or shifted) QR sweeps along the bidiagonal (d, e), splitting
it where an off-diagonal element falls below its threshold, solves 2x2 blocks with DLASV2, and
applies every rotation to the rows of V' (DLASR, DROT) and the columns of U; it ends by making
the singular values positive and sorting them in decreasing order.
"""
import numpy as np

EPS = np.finfo(np.float64).eps / 2          # DLAMCH('E'), the unit roundoff
SAFMIN = np.finfo(np.float64).tiny          # DLAMCH('S')
SAFMAX = 1.0 / SAFMIN


def _sq(x):
    """Fortran's ``X**2``, which gfortran compiles to ``X*X`` (Python's ``x ** 2`` calls the C
    library's ``pow``, which is not always the correctly rounded product)."""
    return x * x


def _sign(a, b):
    """Fortran's SIGN(a, b): |a| with the sign bit of b."""
    return float(np.copysign(abs(a), b))


# --------------------------------------------------------------------------- plane rotations
def dlartg(f, g):
    """DLARTG (LAPACK 3.10+): (c, s, r) with [c s; -s c] * [f; g] = [r; 0]."""
    rtmin, rtmax = np.sqrt(SAFMIN), np.sqrt(SAFMAX / 2)
    f1, g1 = abs(f), abs(g)
    if g == 0:
        return 1.0, 0.0, f
    if f == 0:
        return 0.0, _sign(1.0, g), g1
    if rtmin < f1 < rtmax and rtmin < g1 < rtmax:
        d = float(np.sqrt(f * f + g * g))
        c = f1 / d
        r = _sign(d, f)
        return c, g / r, r
    u = min(SAFMAX, max(SAFMIN, f1, g1))
    fs, gs = f / u, g / u
    d = float(np.sqrt(fs * fs + gs * gs))
    c = abs(fs) / d
    r = _sign(d, f)
    s = gs / r
    return c, s, r * u


def dlas2(f, g, h):
    """DLAS2: the singular values (ssmin, ssmax) of [f g; 0 h]."""
    fa, ga, ha = abs(f), abs(g), abs(h)
    fhmn, fhmx = min(fa, ha), max(fa, ha)
    if fhmn == 0:
        if fhmx == 0:
            return 0.0, ga
        big, small = max(fhmx, ga), min(fhmx, ga)
        return 0.0, big * float(np.sqrt(1.0 + _sq(small / big)))
    if ga < fhmx:
        as_ = 1.0 + fhmn / fhmx
        at = (fhmx - fhmn) / fhmx
        au = _sq(ga / fhmx)
        c = 2.0 / (float(np.sqrt(as_ * as_ + au)) + float(np.sqrt(at * at + au)))
        return fhmn * c, fhmx / c
    au = fhmx / ga
    if au == 0:
        return (fhmn * fhmx) / ga, ga
    as_ = 1.0 + fhmn / fhmx
    at = (fhmx - fhmn) / fhmx
    c = 1.0 / (float(np.sqrt(1.0 + _sq(as_ * au))) + float(np.sqrt(1.0 + _sq(at * au))))
    ssmin = (fhmn * c) * au
    return ssmin + ssmin, ga / (c + c)


def dlasv2(f, g, h):
    """DLASV2: the SVD of [f g; 0 h]: (ssmin, ssmax, snr, csr, snl, csl)."""
    ft, fa, ht, ha = f, abs(f), h, abs(h)
    pmax = 1
    swap = ha > fa
    if swap:
        pmax = 3
        ft, ht = ht, ft
        fa, ha = ha, fa
    gt, ga = g, abs(g)
    if ga == 0:
        ssmin, ssmax = ha, fa
        clt, crt, slt, srt = 1.0, 1.0, 0.0, 0.0
    else:
        gasmal = True
        if ga > fa:
            pmax = 2
            if fa / ga < EPS:
                gasmal = False
                ssmax = ga
                ssmin = fa / (ga / ha) if ha > 1 else (fa / ga) * ha
                clt, slt, srt, crt = 1.0, ht / gt, 1.0, ft / gt
        if gasmal:
            d = fa - ha
            l = 1.0 if d == fa else d / fa
            m = gt / ft
            t = 2.0 - l
            mm, tt = m * m, t * t
            s = float(np.sqrt(tt + mm))
            r = abs(m) if l == 0 else float(np.sqrt(l * l + mm))
            a = 0.5 * (s + r)
            ssmin, ssmax = ha / a, fa * a
            if mm == 0:
                if l == 0:
                    t = _sign(2.0, ft) * _sign(1.0, gt)
                else:
                    t = gt / _sign(d, ft) + m / t
            else:
                t = (m / (s + t) + m / (r + l)) * (1.0 + a)
            l = float(np.sqrt(t * t + 4.0))
            crt = 2.0 / l
            srt = t / l
            clt = (crt + srt * m) / a
            slt = (ht / ft) * srt / a
    if swap:
        csl, snl, csr, snr = srt, crt, slt, clt
    else:
        csl, snl, csr, snr = clt, slt, crt, srt
    if pmax == 1:
        tsign = _sign(1.0, csr) * _sign(1.0, csl) * _sign(1.0, f)
    elif pmax == 2:
        tsign = _sign(1.0, snr) * _sign(1.0, csl) * _sign(1.0, g)
    else:
        tsign = _sign(1.0, snr) * _sign(1.0, snl) * _sign(1.0, h)
    ssmax = _sign(ssmax, tsign)
    ssmin = _sign(ssmin, tsign * _sign(1.0, f) * _sign(1.0, h))
    return ssmin, ssmax, snr, csr, snl, csl


def drot(x, y, c, s):
    """DROT: (x, y) := (c*x + s*y, c*y - s*x), in place."""
    temp = c * x + s * y
    y[:] = c * y - s * x
    x[:] = temp


def dlasr_rows(a, c, s, forward):
    """DLASR('L', 'V', direct): rotate rows j, j+1 of ``a`` by (c(j), s(j))."""
    order = range(a.shape[0] - 1) if forward else range(a.shape[0] - 2, -1, -1)
    for j in order:
        if c[j] != 1 or s[j] != 0:
            temp = a[j + 1, :].copy()
            a[j + 1, :] = c[j] * temp - s[j] * a[j, :]
            a[j, :] = s[j] * temp + c[j] * a[j, :]


def dlasr_cols(a, c, s, forward):
    """DLASR('R', 'V', direct): rotate columns j, j+1 of ``a`` by (c(j), s(j))."""
    order = range(a.shape[1] - 1) if forward else range(a.shape[1] - 2, -1, -1)
    for j in order:
        if c[j] != 1 or s[j] != 0:
            temp = a[:, j + 1].copy()
            a[:, j + 1] = c[j] * temp - s[j] * a[:, j]
            a[:, j] = s[j] * temp + c[j] * a[:, j]


# ------------------------------------------------------------------------------- bidiagonal QR
def dbdsqr(d, e, vt, u, lower=False):
    """DBDSQR with vectors (NCVT = columns of vt, NRU = rows of u, NCC = 0): the SVD of the
    bidiagonal matrix (d, e), the right rotations applied to the rows of ``vt`` and the left
    ones to the columns of ``u``; d ends as the singular values in decreasing order. Returns
    info (> 0 when it did not converge)."""
    n = d.size
    maxitr = 6
    if n == 0:
        return 0
    if n > 1:
        info = _dbdsqr_iterate(d, e, vt, u, lower, maxitr)
        if info:
            return info
    for i in range(n):                                   # make the singular values positive
        if d[i] < 0:
            d[i] = -d[i]
            vt[i, :] *= -1.0
    for i in range(n - 1):                               # selection sort, decreasing
        isub, smin = 0, d[0]
        for j in range(1, n - i):
            if d[j] <= smin:
                isub, smin = j, d[j]
        last = n - 1 - i
        if isub != last:
            d[isub] = d[last]
            d[last] = smin
            vt[[isub, last], :] = vt[[last, isub], :]
            u[:, [isub, last]] = u[:, [last, isub]]
    return 0


def _dbdsqr_iterate(d, e, vt, u, lower, maxitr):
    """DBDSQR's main loop (labels 60 to 160 of the Fortran), 0-based."""
    n = d.size
    if lower:                                            # rotate to upper bidiagonal
        cs_, sn_ = np.zeros(n - 1), np.zeros(n - 1)
        for i in range(n - 1):
            cs, sn, r = dlartg(d[i], e[i])
            d[i] = r
            e[i] = sn * d[i + 1]
            d[i + 1] = cs * d[i + 1]
            cs_[i], sn_[i] = cs, sn
        if u.shape[0] > 0:
            dlasr_cols(u, cs_, sn_, forward=True)
    tolmul = max(10.0, min(100.0, EPS ** -0.125))
    tol = tolmul * EPS
    unfl = SAFMIN
    smax = 0.0
    for i in range(n):
        smax = max(smax, abs(d[i]))
    for i in range(n - 1):
        smax = max(smax, abs(e[i]))
    sminoa = abs(d[0])
    if sminoa != 0:
        mu = sminoa
        for i in range(1, n):
            mu = abs(d[i]) * (mu / (mu + abs(e[i - 1])))
            sminoa = min(sminoa, mu)
            if sminoa == 0:
                break
    sminoa = sminoa / np.sqrt(float(n))
    thresh = max(tol * sminoa, maxitr * (n * (n * unfl)))
    maxitdivn = maxitr * n
    iterdivn, iter_ = 0, -1
    oldll, oldm = -1, -1
    idir = 0
    m = n                                                 # 1-based, as in the Fortran
    work = [np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n)]
    while True:
        if m <= 1:
            return 0
        if iter_ >= n:
            iter_ -= n
            iterdivn += 1
            if iterdivn >= maxitdivn:
                return int(np.count_nonzero(e[:n - 1]))
        # find a diagonal block to work on; D(k) is d[k-1], E(k) is e[k-1]
        smax = abs(d[m - 1])
        ll = 0
        split = False
        for lll in range(1, m):
            ll = m - lll
            abss, abse = abs(d[ll - 1]), abs(e[ll - 1])
            if abse <= thresh:
                split = True
                break
            smax = max(smax, abss, abse)
        if split:
            e[ll - 1] = 0.0
            if ll == m - 1:
                m -= 1
                continue
        else:
            ll = 0
        ll += 1
        if ll == m - 1:                                  # a 2x2 block
            sigmn, sigmx, sinr, cosr, sinl, cosl = dlasv2(d[m - 2], e[m - 2], d[m - 1])
            d[m - 2], e[m - 2], d[m - 1] = sigmx, 0.0, sigmn
            if vt.shape[1] > 0:
                drot(vt[m - 2, :], vt[m - 1, :], cosr, sinr)
            if u.shape[0] > 0:
                drot(u[:, m - 2], u[:, m - 1], cosl, sinl)
            m -= 2
            continue
        if ll > oldm or m < oldll:
            idir = 1 if abs(d[ll - 1]) >= abs(d[m - 1]) else 2
        if idir == 1:
            if abs(e[m - 2]) <= abs(tol) * abs(d[m - 1]):
                e[m - 2] = 0.0
                continue
            mu = abs(d[ll - 1])
            sminl = mu
            converged = False
            for lll in range(ll, m):
                if abs(e[lll - 1]) <= tol * mu:
                    e[lll - 1] = 0.0
                    converged = True
                    break
                mu = abs(d[lll]) * (mu / (mu + abs(e[lll - 1])))
                sminl = min(sminl, mu)
            if converged:
                continue
        else:
            if abs(e[ll - 1]) <= abs(tol) * abs(d[ll - 1]):
                e[ll - 1] = 0.0
                continue
            mu = abs(d[m - 1])
            sminl = mu
            converged = False
            for lll in range(m - 1, ll - 1, -1):
                if abs(e[lll - 1]) <= tol * mu:
                    e[lll - 1] = 0.0
                    converged = True
                    break
                mu = abs(d[lll - 1]) * (mu / (mu + abs(e[lll - 1])))
                sminl = min(sminl, mu)
            if converged:
                continue
        oldll, oldm = ll, m
        # the shift
        if n * tol * (sminl / smax) <= max(EPS, 0.01 * tol):
            shift = 0.0
        else:
            if idir == 1:
                sll = abs(d[ll - 1])
                shift, _r = dlas2(d[m - 2], e[m - 2], d[m - 1])
            else:
                sll = abs(d[m - 1])
                shift, _r = dlas2(d[ll - 1], e[ll - 1], d[ll])
            if sll > 0 and _sq(shift / sll) < EPS:
                shift = 0.0
        iter_ += m - ll
        _sweep(d, e, vt, u, ll, m, idir, shift, thresh, work)


def _sweep(d, e, vt, u, ll, m, idir, shift, thresh, work):
    """One QR sweep of DBDSQR on rows/columns ll..m (1-based), zero-shift or shifted, chasing
    the bulge down (idir 1) or up (idir 2), then the rotations applied to vt and u."""
    cw, sw, cw2, sw2 = work
    k = m - ll                                           # rotations in the sweep
    if shift == 0:
        if idir == 1:
            cs, oldcs, oldsn = 1.0, 1.0, 0.0
            for i in range(ll, m):
                cs, sn, r = dlartg(d[i - 1] * cs, e[i - 1])
                if i > ll:
                    e[i - 2] = oldsn * r
                oldcs, oldsn, d[i - 1] = dlartg(oldcs * r, d[i] * sn)
                j = i - ll
                cw[j], sw[j], cw2[j], sw2[j] = cs, sn, oldcs, oldsn
            h = d[m - 1] * cs
            d[m - 1] = h * oldcs
            e[m - 2] = h * oldsn
            _apply(vt, u, ll, m, cw[:k], sw[:k], cw2[:k], sw2[:k], forward=True)
            if abs(e[m - 2]) <= thresh:
                e[m - 2] = 0.0
        else:
            cs, oldcs, oldsn = 1.0, 1.0, 0.0
            for i in range(m, ll, -1):
                cs, sn, r = dlartg(d[i - 1] * cs, e[i - 2])
                if i < m:
                    e[i - 1] = oldsn * r
                oldcs, oldsn, d[i - 1] = dlartg(oldcs * r, d[i - 2] * sn)
                j = i - ll - 1
                cw[j], sw[j], cw2[j], sw2[j] = cs, -sn, oldcs, -oldsn
            h = d[ll - 1] * cs
            d[ll - 1] = h * oldcs
            e[ll - 1] = h * oldsn
            _apply(vt, u, ll, m, cw2[:k], sw2[:k], cw[:k], sw[:k], forward=False)
            if abs(e[ll - 1]) <= thresh:
                e[ll - 1] = 0.0
        return
    if idir == 1:
        f = (abs(d[ll - 1]) - shift) * (_sign(1.0, d[ll - 1]) + shift / d[ll - 1])
        g = e[ll - 1]
        for i in range(ll, m):
            cosr, sinr, r = dlartg(f, g)
            if i > ll:
                e[i - 2] = r
            f = cosr * d[i - 1] + sinr * e[i - 1]
            e[i - 1] = cosr * e[i - 1] - sinr * d[i - 1]
            g = sinr * d[i]
            d[i] = cosr * d[i]
            cosl, sinl, r = dlartg(f, g)
            d[i - 1] = r
            f = cosl * e[i - 1] + sinl * d[i]
            d[i] = cosl * d[i] - sinl * e[i - 1]
            if i < m - 1:
                g = sinl * e[i]
                e[i] = cosl * e[i]
            j = i - ll
            cw[j], sw[j], cw2[j], sw2[j] = cosr, sinr, cosl, sinl
        e[m - 2] = f
        _apply(vt, u, ll, m, cw[:k], sw[:k], cw2[:k], sw2[:k], forward=True)
        if abs(e[m - 2]) <= thresh:
            e[m - 2] = 0.0
    else:
        f = (abs(d[m - 1]) - shift) * (_sign(1.0, d[m - 1]) + shift / d[m - 1])
        g = e[m - 2]
        for i in range(m, ll, -1):
            cosr, sinr, r = dlartg(f, g)
            if i < m:
                e[i - 1] = r
            f = cosr * d[i - 1] + sinr * e[i - 2]
            e[i - 2] = cosr * e[i - 2] - sinr * d[i - 1]
            g = sinr * d[i - 2]
            d[i - 2] = cosr * d[i - 2]
            cosl, sinl, r = dlartg(f, g)
            d[i - 1] = r
            f = cosl * e[i - 2] + sinl * d[i - 2]
            d[i - 2] = cosl * d[i - 2] - sinl * e[i - 2]
            if i > ll + 1:
                g = sinl * e[i - 3]
                e[i - 3] = cosl * e[i - 3]
            j = i - ll - 1
            cw[j], sw[j], cw2[j], sw2[j] = cosr, -sinr, cosl, -sinl
        e[ll - 1] = f
        if abs(e[ll - 1]) <= thresh:
            e[ll - 1] = 0.0
        _apply(vt, u, ll, m, cw2[:k], sw2[:k], cw[:k], sw[:k], forward=False)


def _apply(vt, u, ll, m, cv, sv, cu, su, forward):
    """The sweep's rotations: DLASR('L', 'V', ...) on rows ll..m of vt with (cv, sv), and
    DLASR('R', 'V', ...) on columns ll..m of u with (cu, su)."""
    if vt.shape[1] > 0:
        dlasr_rows(vt[ll - 1:m, :], cv, sv, forward)
    if u.shape[0] > 0:
        dlasr_cols(u[:, ll - 1:m], cu, su, forward)
