"""Singular values of a bidiagonal matrix by reference LAPACK 3.11's dqds (DLASQ1 to DLASQ6).

When Octave asks for singular values only (``svd(A)``, and so ``rank``, ``cond``, ``norm(A)``),
DGESVD's DBDSQR hands the bidiagonal matrix to DLASQ1, the differential quotient-difference
algorithm with shifts. This module repeats it operation for operation. The Fortran works on one
array Z with computed 1-based indices; the code below keeps those indices (``z[0]`` is unused)
so that each line can be read against the Fortran. MIN and MAX follow gfortran, where a NaN
argument loses to a number. The IEEE variants of DLASQ5 are the ones used (``ilaenv(10)`` is 1
on IEEE machines). DLASQ4, the shift, is in :mod:`dqds_shift`.
"""
import math

import numpy as np

from .dqds_shift import dlasq4
from .fortran import fmax as _max, fmin as _min

EPS = np.finfo(np.float64).eps                  # DLAMCH('P')
SAFMIN = np.finfo(np.float64).tiny              # DLAMCH('S')
CBIAS = 1.50
HUNDRD = 100.0


def dlascl(cfrom, cto, x):
    """DLASCL('G'): x := x * (cto / cfrom), in steps that neither overflow nor underflow."""
    smlnum = SAFMIN
    bignum = 1.0 / smlnum
    cfromc, ctoc = cfrom, cto
    while True:
        cfrom1 = cfromc * smlnum
        if cfrom1 == cfromc:
            mul, done = ctoc / cfromc, True
        else:
            cto1 = ctoc / bignum
            if cto1 == ctoc:
                mul, done, cfromc = ctoc, True, 1.0
            elif abs(cfrom1) > abs(ctoc) and ctoc != 0:
                mul, done, cfromc = smlnum, False, cfrom1
            elif abs(cto1) > abs(cfromc):
                mul, done, ctoc = bignum, False, cto1
            else:
                mul, done = ctoc / cfromc, True
                if mul == 1:
                    return
        x *= mul
        if done:
            return


def dlas2_max_min(f, g, h):
    from .bdsqr_order import dlas2
    return dlas2(f, g, h)


def dlasq1(d, e):
    """DLASQ1: the singular values of the bidiagonal (d, e), decreasing, into d. Returns info
    (2 when dqds failed and DBDSQR would go on with its QR sweeps)."""
    n = d.size
    if n == 0:
        return 0
    if n == 1:
        d[0] = abs(d[0])
        return 0
    if n == 2:
        sigmn, sigmx = dlas2_max_min(d[0], e[0], d[1])
        d[0], d[1] = sigmx, sigmn
        return 0
    sigmx = 0.0
    for i in range(n - 1):
        d[i] = abs(d[i])
        sigmx = _max(sigmx, abs(e[i]))
    d[n - 1] = abs(d[n - 1])
    if sigmx == 0:
        d[:] = np.sort(d)[::-1]                          # DLASRT('D')
        return 0
    for i in range(n):
        sigmx = _max(sigmx, d[i])
    scale = math.sqrt(EPS / SAFMIN)
    work = np.zeros(4 * n + 1)                           # 1-based: work[1 .. 4n]
    work[1:2 * n:2] = d
    work[2:2 * n - 1:2] = e[:n - 1]
    seg = work[1:2 * n]
    dlascl(sigmx, scale, seg)
    work[1:2 * n] = seg * seg
    work[2 * n] = 0.0
    info = dlasq2(n, work)
    if info == 0:
        d[:] = np.sqrt(work[1:n + 1])
        dlascl(scale, sigmx, d)
    elif info == 2:
        d[:] = np.sqrt(work[1:2 * n:2])
        e[:n - 1] = np.sqrt(work[2:2 * n:2])[:n - 1]
        dlascl(scale, sigmx, d)
        dlascl(scale, sigmx, e[:n - 1])
    return info


class _State:
    """The variables DLASQ2 passes to DLASQ3 by reference."""

    def __init__(self):
        self.dmin = self.sigma = self.desig = self.qmax = 0.0
        self.nfail = self.iter = self.ndiv = 0
        self.ttype = 0
        self.dmin1 = self.dmin2 = self.dn = self.dn1 = self.dn2 = self.g = self.tau = 0.0


def dlasq2(n, z):
    """DLASQ2 on the 1-based array z (length >= 4n+1): returns info; on success z[1..n]
    holds the squares of the singular values, decreasing."""
    tol = EPS * HUNDRD
    tol2 = tol * tol
    if n == 1:
        return 0
    if n == 2:                                           # not reached from DLASQ1 (n >= 3)
        raise ValueError("dlasq2: n = 2 is handled by DLASQ1")
    z[2 * n] = 0.0
    emin = z[2]
    qmax = zmax = d = e = 0.0
    for k in range(1, 2 * (n - 1) + 1, 2):
        if z[k] < 0 or z[k + 1] < 0:
            return -1
        d = d + z[k]
        e = e + z[k + 1]
        qmax = _max(qmax, z[k])
        emin = _min(emin, z[k + 1])
        zmax = _max(qmax, zmax, z[k + 1])
    if z[2 * n - 1] < 0:
        return -1
    d = d + z[2 * n - 1]
    qmax = _max(qmax, z[2 * n - 1])
    zmax = _max(qmax, zmax)
    if e == 0:
        for k in range(2, n + 1):
            z[k] = z[2 * k - 1]
        z[1:n + 1] = np.sort(z[1:n + 1])[::-1]
        z[2 * n - 1] = d
        return 0
    trace = d + e
    if trace == 0:
        z[2 * n - 1] = 0.0
        return 0
    for k in range(2 * n, 1, -2):
        z[2 * k] = 0.0
        z[2 * k - 1] = z[k]
        z[2 * k - 2] = 0.0
        z[2 * k - 3] = z[k - 1]
    i0, n0 = 1, n
    if CBIAS * z[4 * i0 - 3] < z[4 * n0 - 3]:
        ipn4 = 4 * (i0 + n0)
        for i4 in range(4 * i0, 2 * (i0 + n0 - 1) + 1, 4):
            z[i4 - 3], z[ipn4 - i4 - 3] = z[ipn4 - i4 - 3], z[i4 - 3]
            z[i4 - 1], z[ipn4 - i4 - 5] = z[ipn4 - i4 - 5], z[i4 - 1]
    pp = 0
    for _k in range(2):
        d = z[4 * n0 + pp - 3]
        for i4 in range(4 * (n0 - 1) + pp, 4 * i0 + pp - 1, -4):
            if z[i4 - 1] <= tol2 * d:
                z[i4 - 1] = -0.0
                d = z[i4 - 3]
            else:
                d = z[i4 - 3] * (d / (d + z[i4 - 1]))
        emin = z[4 * i0 + pp + 1]
        d = z[4 * i0 + pp - 3]
        for i4 in range(4 * i0 + pp, 4 * (n0 - 1) + pp + 1, 4):
            z[i4 - 2 * pp - 2] = d + z[i4 - 1]
            if z[i4 - 1] <= tol2 * d:
                z[i4 - 1] = -0.0
                z[i4 - 2 * pp - 2] = d
                z[i4 - 2 * pp] = 0.0
                d = z[i4 + 1]
            elif SAFMIN * z[i4 + 1] < z[i4 - 2 * pp - 2] and \
                    SAFMIN * z[i4 - 2 * pp - 2] < z[i4 + 1]:
                temp = z[i4 + 1] / z[i4 - 2 * pp - 2]
                z[i4 - 2 * pp] = z[i4 - 1] * temp
                d = d * temp
            else:
                z[i4 - 2 * pp] = z[i4 + 1] * (z[i4 - 1] / z[i4 - 2 * pp - 2])
                d = z[i4 + 1] * (d / z[i4 - 2 * pp - 2])
            emin = _min(emin, z[i4 - 2 * pp])
        z[4 * n0 - pp - 2] = d
        qmax = z[4 * i0 - pp - 2]
        for i4 in range(4 * i0 - pp + 2, 4 * n0 - pp - 2 + 1, 4):
            qmax = _max(qmax, z[i4])
        pp = 1 - pp
    st = _State()
    st.iter = 2
    st.ndiv = 2 * (n0 - i0)
    for _iwhila in range(1, n + 2):
        if n0 < 1:
            return _finish(n, z)
        st.desig = 0.0
        st.sigma = 0.0 if n0 == n else -z[4 * n0 - 1]
        if st.sigma < 0:
            return 1
        emax = 0.0
        emin = abs(z[4 * n0 - 5]) if n0 > i0 else 0.0
        qmin = z[4 * n0 - 3]
        qmax = qmin
        i4 = 4
        for cand in range(4 * n0, 7, -4):
            if z[cand - 5] <= 0:
                i4 = cand
                break
            if qmin >= 4.0 * emax:
                qmin = _min(qmin, z[cand - 3])
                emax = _max(emax, z[cand - 5])
            qmax = _max(qmax, z[cand - 7] + z[cand - 5])
            emin = _min(emin, z[cand - 5])
        i0 = i4 // 4
        pp = 0
        if n0 - i0 > 1:
            dee = z[4 * i0 - 3]
            deemin = dee
            kmin = i0
            for j4 in range(4 * i0 + 1, 4 * n0 - 3 + 1, 4):
                dee = z[j4] * (dee / (dee + z[j4 - 2]))
                if dee <= deemin:
                    deemin = dee
                    kmin = (j4 + 3) // 4
            if (kmin - i0) * 2 < n0 - kmin and deemin <= 0.5 * z[4 * n0 - 3]:
                ipn4 = 4 * (i0 + n0)
                pp = 2
                for j4 in range(4 * i0, 2 * (i0 + n0 - 1) + 1, 4):
                    z[j4 - 3], z[ipn4 - j4 - 3] = z[ipn4 - j4 - 3], z[j4 - 3]
                    z[j4 - 2], z[ipn4 - j4 - 2] = z[ipn4 - j4 - 2], z[j4 - 2]
                    z[j4 - 1], z[ipn4 - j4 - 5] = z[ipn4 - j4 - 5], z[j4 - 1]
                    z[j4], z[ipn4 - j4 - 4] = z[ipn4 - j4 - 4], z[j4]
        st.dmin = -_max(0.0, qmin - 2.0 * math.sqrt(qmin) * math.sqrt(emax))
        st.qmax = qmax
        nbig = 100 * (n0 - i0 + 1)
        split_done = False
        for _iwhilb in range(1, nbig + 1):
            if i0 > n0:
                split_done = True
                break
            n0, pp = dlasq3(i0, n0, z, pp, st)
            pp = 1 - pp
            if pp == 0 and n0 - i0 >= 3:
                if z[4 * n0] <= tol2 * st.qmax or z[4 * n0 - 1] <= tol2 * st.sigma:
                    splt = i0 - 1
                    st.qmax = z[4 * i0 - 3]
                    emin = z[4 * i0 - 1]
                    oldemn = z[4 * i0]
                    for j4 in range(4 * i0, 4 * (n0 - 3) + 1, 4):
                        if z[j4] <= tol2 * z[j4 - 3] or z[j4 - 1] <= tol2 * st.sigma:
                            z[j4 - 1] = -st.sigma
                            splt = j4 // 4
                            st.qmax = 0.0
                            emin = z[j4 + 3]
                            oldemn = z[j4 + 4]
                        else:
                            st.qmax = _max(st.qmax, z[j4 + 1])
                            emin = _min(emin, z[j4 - 1])
                            oldemn = _min(oldemn, z[j4])
                    z[4 * n0 - 1] = emin
                    z[4 * n0] = oldemn
                    i0 = splt + 1
        if not split_done:
            return 2                                     # DBDSQR's QR takes over (rare)
    return 3


def _finish(n, z):
    """DLASQ2's label 170: move the eigenvalues of the squared matrix to z[1..n], sorted."""
    for k in range(2, n + 1):
        z[k] = z[4 * k - 3]
    z[1:n + 1] = np.sort(z[1:n + 1])[::-1]
    return 0


def dlasq3(i0, n0, z, pp, st):
    """DLASQ3: deflate, choose a shift (DLASQ4), run one dqds transform (DLASQ5, or DLASQ6
    without a shift when it fails). Returns (n0, pp)."""
    n0in = n0
    tol = EPS * HUNDRD
    tol2 = tol * tol
    while True:                                          # label 10: deflation
        if n0 < i0:
            return n0, pp
        if n0 == i0:
            z[4 * n0 - 3] = z[4 * n0 + pp - 3] + st.sigma
            n0 -= 1
            continue
        nn = 4 * n0 + pp
        two_by_two = n0 == i0 + 1
        if not two_by_two:
            if not (z[nn - 5] > tol2 * (st.sigma + z[nn - 3]) and
                    z[nn - 2 * pp - 4] > tol2 * z[nn - 7]):
                z[4 * n0 - 3] = z[4 * n0 + pp - 3] + st.sigma     # label 20
                n0 -= 1
                continue
            if z[nn - 9] > tol2 * st.sigma and z[nn - 2 * pp - 8] > tol2 * z[nn - 11]:
                break                                    # label 50
        if z[nn - 3] > z[nn - 7]:                        # label 40
            z[nn - 3], z[nn - 7] = z[nn - 7], z[nn - 3]
        t = 0.5 * ((z[nn - 7] - z[nn - 3]) + z[nn - 5])
        if z[nn - 5] > z[nn - 3] * tol2 and t != 0:
            s = z[nn - 3] * (z[nn - 5] / t)
            if s <= t:
                s = z[nn - 3] * (z[nn - 5] / (t * (1.0 + math.sqrt(1.0 + s / t))))
            else:
                s = z[nn - 3] * (z[nn - 5] / (t + math.sqrt(t) * math.sqrt(t + s)))
            t = z[nn - 7] + (s + z[nn - 5])
            z[nn - 3] = z[nn - 3] * (z[nn - 7] / t)
            z[nn - 7] = t
        z[4 * n0 - 7] = z[nn - 7] + st.sigma
        z[4 * n0 - 3] = z[nn - 3] + st.sigma
        n0 -= 2
    if pp == 2:                                          # label 50
        pp = 0
    if st.dmin <= 0 or n0 < n0in:
        if CBIAS * z[4 * i0 + pp - 3] < z[4 * n0 + pp - 3]:
            ipn4 = 4 * (i0 + n0)
            for j4 in range(4 * i0, 2 * (i0 + n0 - 1) + 1, 4):
                z[j4 - 3], z[ipn4 - j4 - 3] = z[ipn4 - j4 - 3], z[j4 - 3]
                z[j4 - 2], z[ipn4 - j4 - 2] = z[ipn4 - j4 - 2], z[j4 - 2]
                z[j4 - 1], z[ipn4 - j4 - 5] = z[ipn4 - j4 - 5], z[j4 - 1]
                z[j4], z[ipn4 - j4 - 4] = z[ipn4 - j4 - 4], z[j4]
            if n0 - i0 <= 4:
                z[4 * n0 + pp - 1] = z[4 * i0 + pp - 1]
                z[4 * n0 - pp] = z[4 * i0 - pp]
            st.dmin2 = _min(st.dmin2, z[4 * n0 + pp - 1])
            z[4 * n0 + pp - 1] = _min(z[4 * n0 + pp - 1], z[4 * i0 + pp - 1],
                                      z[4 * i0 + pp + 3])
            z[4 * n0 - pp] = _min(z[4 * n0 - pp], z[4 * i0 - pp], z[4 * i0 - pp + 4])
            st.qmax = _max(st.qmax, z[4 * i0 + pp - 3], z[4 * i0 + pp + 1])
            st.dmin = -0.0
    dlasq4(i0, n0, z, pp, n0in, st)
    while True:                                          # label 70
        dlasq5(i0, n0, z, pp, st)
        st.ndiv += n0 - i0 + 2
        st.iter += 1
        if st.dmin >= 0 and st.dmin1 >= 0:
            break                                        # label 90
        if st.dmin < 0 and st.dmin1 > 0 and \
                z[4 * (n0 - 1) - pp] < tol * (st.sigma + st.dn1) and \
                abs(st.dn) < tol * st.sigma:
            z[4 * (n0 - 1) - pp + 2] = 0.0
            st.dmin = 0.0
            break
        if st.dmin < 0:
            st.nfail += 1
            if st.ttype < -22:
                st.tau = 0.0
            elif st.dmin1 > 0:
                st.tau = (st.tau + st.dmin) * (1.0 - 2.0 * EPS)
                st.ttype -= 11
            else:
                st.tau = 0.25 * st.tau
                st.ttype -= 12
            continue
        if st.dmin != st.dmin and st.tau != 0:
            st.tau = 0.0
            continue
        dlasq6(i0, n0, z, pp, st)                        # label 80
        st.ndiv += n0 - i0 + 2
        st.iter += 1
        st.tau = 0.0
        break
    if st.tau < st.sigma:                                # label 90
        st.desig = st.desig + st.tau
        t = st.sigma + st.desig
        st.desig = st.desig - (t - st.sigma)
    else:
        t = st.sigma + st.tau
        st.desig = st.sigma - (t - st.tau) + st.desig
    st.sigma = t
    return n0, pp


def dlasq5(i0, n0, z, pp, st):
    """DLASQ5 (IEEE variant): one dqds transform with shift tau, updating dmin, dmin1, dmin2,
    dn, dn1, dn2; a tau below eps*(sigma+tau)/2 counts as 0, and then small d are set to 0."""
    if n0 - i0 - 1 <= 0:
        return
    tau = st.tau
    dthresh = EPS * (st.sigma + tau)
    if tau < dthresh * 0.5:
        tau = 0.0
        st.tau = 0.0
    j4 = 4 * i0 + pp - 3
    emin = z[j4 + 4]
    d = z[j4] - tau
    dmin = d
    st.dmin1 = -z[j4]
    flush = tau == 0
    if pp == 0:
        for j4 in range(4 * i0, 4 * (n0 - 3) + 1, 4):
            z[j4 - 2] = d + z[j4 - 1]
            temp = z[j4 + 1] / z[j4 - 2]
            d = d * temp - tau
            if flush and d < dthresh:
                d = 0.0
            dmin = _min(dmin, d)
            z[j4] = z[j4 - 1] * temp
            emin = _min(z[j4], emin)
    else:
        for j4 in range(4 * i0, 4 * (n0 - 3) + 1, 4):
            z[j4 - 3] = d + z[j4]
            temp = z[j4 + 2] / z[j4 - 3]
            d = d * temp - tau
            if flush and d < dthresh:
                d = 0.0
            dmin = _min(dmin, d)
            z[j4 - 1] = z[j4] * temp
            emin = _min(z[j4 - 1], emin)
    dnm2 = d
    st.dmin2 = dmin
    j4 = 4 * (n0 - 2) - pp
    j4p2 = j4 + 2 * pp - 1
    z[j4 - 2] = dnm2 + z[j4p2]
    z[j4] = z[j4p2 + 2] * (z[j4p2] / z[j4 - 2])
    dnm1 = z[j4p2 + 2] * (dnm2 / z[j4 - 2]) - tau
    dmin = _min(dmin, dnm1)
    st.dmin1 = dmin
    j4 = j4 + 4
    j4p2 = j4 + 2 * pp - 1
    z[j4 - 2] = dnm1 + z[j4p2]
    z[j4] = z[j4p2 + 2] * (z[j4p2] / z[j4 - 2])
    dn = z[j4p2 + 2] * (dnm1 / z[j4 - 2]) - tau
    dmin = _min(dmin, dn)
    z[j4 + 2] = dn
    z[4 * n0 - pp] = emin
    st.dmin, st.dn, st.dn1, st.dn2 = dmin, dn, dnm1, dnm2


def dlasq6(i0, n0, z, pp, st):
    """DLASQ6: one dqd transform without a shift, guarding against underflow."""
    if n0 - i0 - 1 <= 0:
        return
    j4 = 4 * i0 + pp - 3
    emin = z[j4 + 4]
    d = z[j4]
    dmin = d
    for j4 in range(4 * i0, 4 * (n0 - 3) + 1, 4):
        if pp == 0:
            iq, ie, inext, iout = j4 - 2, j4 - 1, j4 + 1, j4
        else:
            iq, ie, inext, iout = j4 - 3, j4, j4 + 2, j4 - 1
        z[iq] = d + z[ie]
        if z[iq] == 0:
            z[iout] = 0.0
            d = z[inext]
            dmin = d
            emin = 0.0
        elif SAFMIN * z[inext] < z[iq] and SAFMIN * z[iq] < z[inext]:
            temp = z[inext] / z[iq]
            z[iout] = z[ie] * temp
            d = d * temp
        else:
            z[iout] = z[inext] * (z[ie] / z[iq])
            d = z[inext] * (d / z[iq])
        dmin = _min(dmin, d)
        emin = _min(emin, z[iout])
    dnm2 = d
    st.dmin2 = dmin
    j4 = 4 * (n0 - 2) - pp
    j4p2 = j4 + 2 * pp - 1
    dnm1, dmin, emin = _dqd_tail(z, j4, j4p2, dnm2, dmin, emin)
    st.dmin1 = dmin
    j4 = j4 + 4
    j4p2 = j4 + 2 * pp - 1
    dn, dmin, emin = _dqd_tail(z, j4, j4p2, dnm1, dmin, emin)
    z[j4 + 2] = dn
    z[4 * n0 - pp] = emin
    st.dmin, st.dn, st.dn1, st.dn2 = dmin, dn, dnm1, dnm2


def _dqd_tail(z, j4, j4p2, dprev, dmin, emin):
    """One of DLASQ6's last two unrolled steps: returns (d, dmin, emin)."""
    z[j4 - 2] = dprev + z[j4p2]
    if z[j4 - 2] == 0:
        z[j4] = 0.0
        d = z[j4p2 + 2]
        dmin = d
        emin = 0.0
    elif SAFMIN * z[j4p2 + 2] < z[j4 - 2] and SAFMIN * z[j4 - 2] < z[j4p2 + 2]:
        temp = z[j4p2 + 2] / z[j4 - 2]
        z[j4] = z[j4p2] * temp
        d = dprev * temp
    else:
        z[j4] = z[j4p2 + 2] * (z[j4p2] / z[j4 - 2])
        d = z[j4p2 + 2] * (dprev / z[j4 - 2])
    dmin = _min(dmin, d)
    return d, dmin, emin
