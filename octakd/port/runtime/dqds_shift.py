"""DLASQ4 of reference LAPACK 3.11: the shift of the next dqds transform, in order.

:mod:`dqds_order`'s DLASQ3 calls it before each transform. The shift tau is estimated from the
last entries of the qd array Z (1-based indices, as in the Fortran) and the minima of the
previous transform (dmin, dn, dn1, dn2 in the state ``st``); ``st.ttype`` records which of the
Fortran's cases chose it, and ``st.g`` carries the damping factor between calls.
"""
import math
from .fortran import fmax as _max, fmin as _min

HUNDRD = 100.0


def _sq(x):
    """Fortran's ``X**2`` (gfortran: ``X*X``)."""
    return x * x


def dlasq4(i0, n0, z, pp, n0in, st):
    """DLASQ4: the shift tau (and its type ttype) for the next dqds transform; an early
    return keeps the previous tau, as the Fortran does."""
    cnst1, cnst2, cnst3 = 0.5630, 1.010, 1.050
    qurtr, third, half = 0.250, 0.3330, 0.5
    if st.dmin <= 0:
        st.tau = -st.dmin
        st.ttype = -1
        return
    nn = 4 * n0 + pp
    dmin, dmin1, dmin2 = st.dmin, st.dmin1, st.dmin2
    dn, dn1, dn2 = st.dn, st.dn1, st.dn2
    s = 0.0
    if n0in == n0:
        if dmin == dn or dmin == dn1:
            b1 = math.sqrt(z[nn - 3]) * math.sqrt(z[nn - 5])
            b2 = math.sqrt(z[nn - 7]) * math.sqrt(z[nn - 9])
            a2 = z[nn - 7] + z[nn - 5]
            if dmin == dn and dmin1 == dn1:
                gap2 = dmin2 - a2 - dmin2 * qurtr
                if gap2 > 0 and gap2 > b2:
                    gap1 = a2 - dn - (b2 / gap2) * b2
                else:
                    gap1 = a2 - dn - (b1 + b2)
                if gap1 > 0 and gap1 > b1:
                    s = _max(dn - (b1 / gap1) * b1, half * dmin)
                    st.ttype = -2
                else:
                    s = 0.0
                    if dn > b1:
                        s = dn - b1
                    if a2 > (b1 + b2):
                        s = _min(s, a2 - (b1 + b2))
                    s = _max(s, third * dmin)
                    st.ttype = -3
            else:
                st.ttype = -4
                s = qurtr * dmin
                if dmin == dn:
                    gam = dn
                    a2 = 0.0
                    if z[nn - 5] > z[nn - 7]:
                        return
                    b2 = z[nn - 5] / z[nn - 7]
                    np_ = nn - 9
                else:
                    np_ = nn - 2 * pp
                    gam = dn1
                    if z[np_ - 4] > z[np_ - 2]:
                        return
                    a2 = z[np_ - 4] / z[np_ - 2]
                    if z[nn - 9] > z[nn - 11]:
                        return
                    b2 = z[nn - 9] / z[nn - 11]
                    np_ = nn - 13
                a2 = a2 + b2
                for i4 in range(np_, 4 * i0 - 1 + pp - 1, -4):
                    if b2 == 0:
                        break
                    b1 = b2
                    if z[i4] > z[i4 - 2]:
                        return
                    b2 = b2 * (z[i4] / z[i4 - 2])
                    a2 = a2 + b2
                    if HUNDRD * _max(b2, b1) < a2 or cnst1 < a2:
                        break
                a2 = cnst3 * a2
                if a2 < cnst1:
                    s = gam * (1.0 - math.sqrt(a2)) / (1.0 + a2)
        elif dmin == dn2:
            st.ttype = -5
            s = qurtr * dmin
            np_ = nn - 2 * pp
            b1 = z[np_ - 2]
            b2 = z[np_ - 6]
            gam = dn2
            if z[np_ - 8] > b2 or z[np_ - 4] > b1:
                return
            a2 = (z[np_ - 8] / b2) * (1.0 + z[np_ - 4] / b1)
            if n0 - i0 > 2:
                b2 = z[nn - 13] / z[nn - 15]
                a2 = a2 + b2
                for i4 in range(nn - 17, 4 * i0 - 1 + pp - 1, -4):
                    if b2 == 0:
                        break
                    b1 = b2
                    if z[i4] > z[i4 - 2]:
                        return
                    b2 = b2 * (z[i4] / z[i4 - 2])
                    a2 = a2 + b2
                    if HUNDRD * _max(b2, b1) < a2 or cnst1 < a2:
                        break
                a2 = cnst3 * a2
            if a2 < cnst1:
                s = gam * (1.0 - math.sqrt(a2)) / (1.0 + a2)
        else:
            if st.ttype == -6:
                st.g = st.g + third * (1.0 - st.g)
            elif st.ttype == -18:
                st.g = qurtr * third
            else:
                st.g = qurtr
            s = st.g * dmin
            st.ttype = -6
    elif n0in == n0 + 1:
        if dmin1 == dn1 and dmin2 == dn2:
            st.ttype = -7
            s = third * dmin1
            if z[nn - 5] > z[nn - 7]:
                return
            b1 = z[nn - 5] / z[nn - 7]
            b2 = b1
            if b2 != 0:
                for i4 in range(4 * n0 - 9 + pp, 4 * i0 - 1 + pp - 1, -4):
                    a2 = b1
                    if z[i4] > z[i4 - 2]:
                        return
                    b1 = b1 * (z[i4] / z[i4 - 2])
                    b2 = b2 + b1
                    if HUNDRD * _max(b1, a2) < b2:
                        break
            b2 = math.sqrt(cnst3 * b2)
            a2 = dmin1 / (1.0 + _sq(b2))
            gap2 = half * dmin2 - a2
            if gap2 > 0 and gap2 > b2 * a2:
                s = _max(s, a2 * (1.0 - cnst2 * a2 * (b2 / gap2) * b2))
            else:
                s = _max(s, a2 * (1.0 - cnst2 * b2))
                st.ttype = -8
        else:
            s = qurtr * dmin1
            if dmin1 == dn1:
                s = half * dmin1
            st.ttype = -9
    elif n0in == n0 + 2:
        if dmin2 == dn2 and 2.0 * z[nn - 5] < z[nn - 7]:
            st.ttype = -10
            s = third * dmin2
            if z[nn - 5] > z[nn - 7]:
                return
            b1 = z[nn - 5] / z[nn - 7]
            b2 = b1
            if b2 != 0:
                for i4 in range(4 * n0 - 9 + pp, 4 * i0 - 1 + pp - 1, -4):
                    if z[i4] > z[i4 - 2]:
                        return
                    b1 = b1 * (z[i4] / z[i4 - 2])
                    b2 = b2 + b1
                    if HUNDRD * b1 < b2:
                        break
            b2 = math.sqrt(cnst3 * b2)
            a2 = dmin2 / (1.0 + _sq(b2))
            gap2 = z[nn - 7] + z[nn - 9] - math.sqrt(z[nn - 11]) * math.sqrt(z[nn - 9]) - a2
            if gap2 > 0 and gap2 > b2 * a2:
                s = _max(s, a2 * (1.0 - cnst2 * a2 * (b2 / gap2) * b2))
            else:
                s = _max(s, a2 * (1.0 - cnst2 * b2))
        else:
            s = qurtr * dmin2
            st.ttype = -11
    elif n0in > n0 + 2:
        s = 0.0
        st.ttype = -12
    st.tau = s
