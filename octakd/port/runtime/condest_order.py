"""Reference LAPACK 3.11's 1-norm condition estimators DGECON, DPOCON and DTRCON, in order.

Octave decides its warning ``matrix singular to machine precision, rcond = ...`` (and whether
``inv`` returns all ``Inf``) from these estimates. Each routine runs Higham's estimator DLACN2
(a state machine that asks for products with inv(A) and inv(A)') and answers each request with
DLATRS, the triangular solve that scales to avoid overflow (DTRSV when no scaling is needed),
then DRSCL. The functions mirror the Fortran routines named in them; ``x`` and ``cnorm`` are
NumPy vectors worked on in place, indices 0-based.
"""
import numpy as np
from .fortran import fmax as _fmax, fmin as _fmin
from .lapack_order import idamax as _idamax

SAFMIN = np.finfo(np.float64).tiny              # DLAMCH('S')
PREC = np.finfo(np.float64).eps                 # DLAMCH('P') = eps * base
OVERFLOW = np.finfo(np.float64).max             # DLAMCH('O')


# ----------------------------------------------------------------------------------- BLAS-1/2
def _sequential(ufunc, start, values):
    """``start op v1 op v2 ...`` from the left: ``ufunc.accumulate`` runs strictly in order
    (unlike ``sum``, which adds pairwise)."""
    if len(values) == 0:
        return float(start)
    return float(ufunc.accumulate(np.concatenate(([start], values)))[-1])


def dasum(x):
    """DASUM: |x1| + |x2| + ... from the left (the unrolled loop adds in the same order)."""
    return _sequential(np.add, 0.0, np.abs(x))


def ddot(x, y):
    """DDOT: the products added from the left, starting at 0."""
    return _sequential(np.add, 0.0, np.multiply(x, y))


def daxpy(alpha, x, y):
    """DAXPY: y := y + alpha*x, nothing when alpha is 0."""
    if alpha != 0:
        y += alpha * x


def dtrsv(a, x, upper, trans, unit):
    """DTRSV with INCX = 1: x := inv(op(A)) * x."""
    n = a.shape[0]
    if not trans:
        order = range(n - 1, -1, -1) if upper else range(n)
        for j in order:
            if x[j] != 0:
                if not unit:
                    x[j] = x[j] / a[j, j]
                rows = slice(0, j) if upper else slice(j + 1, n)
                x[rows] -= x[j] * a[rows, j]
        return
    order = range(n) if upper else range(n - 1, -1, -1)
    for j in order:
        if upper:
            prods = a[:j, j] * x[:j]
        else:
            prods = (a[j + 1:, j] * x[j + 1:])[::-1]          # I = N, N-1, ..., J+1
        temp = _sequential(np.subtract, x[j], prods)
        if not unit:
            temp /= a[j, j]
        x[j] = temp


def drscl(sa, x):
    """DRSCL: x := x / sa, by multiplications that neither overflow nor underflow."""
    smlnum = SAFMIN
    bignum = 1.0 / smlnum
    cden, cnum = sa, 1.0
    while True:
        cden1 = cden * smlnum
        cnum1 = cnum / bignum
        if abs(cden1) > abs(cnum) and cnum != 0:
            mul, done, cden = smlnum, False, cden1
        elif abs(cnum1) > abs(cden):
            mul, done, cnum = bignum, False, cnum1
        else:
            mul, done = cnum / cden, True
        x *= mul
        if done:
            return


# ------------------------------------------------------------------------------------- DLATRS
def dlatrs(a, x, cnorm, upper, trans, unit, normin):
    """DLATRS: solve op(A)*x = scale*b with scaling against overflow; ``cnorm`` holds the
    off-diagonal column norms (computed here unless ``normin``). Returns scale."""
    n = a.shape[0]
    scale = 1.0
    if n == 0:
        return scale
    smlnum = SAFMIN / PREC
    bignum = 1.0 / smlnum
    if not normin:
        for j in range(n):
            cnorm[j] = dasum(a[:j, j]) if upper else dasum(a[j + 1:, j])
    tmax = cnorm[_idamax(cnorm)]
    if tmax <= bignum:
        tscal = 1.0
    elif tmax <= OVERFLOW:
        tscal = 1.0 / (smlnum * tmax)
        cnorm *= tscal
    else:
        tmax = 0.0
        for j in (range(1, n) if upper else range(n - 1)):
            col = a[:j, j] if upper else a[j + 1:, j]
            tmax = _fmax(_dlange_max(col), tmax)
        if tmax <= OVERFLOW:
            tscal = 1.0 / (smlnum * tmax)
            for j in range(n):
                if cnorm[j] <= OVERFLOW:
                    cnorm[j] = cnorm[j] * tscal
                else:
                    cnorm[j] = 0.0
                    for v in (a[:j, j] if upper else a[j + 1:, j]):
                        cnorm[j] = cnorm[j] + tscal * abs(v)
        else:
            dtrsv(a, x, upper, trans, unit)
            return scale
    xmax = abs(x[_idamax(x)])
    xbnd = xmax
    forward = (not upper) if not trans else upper
    order = list(range(n)) if forward else list(range(n - 1, -1, -1))
    grow = _growth(a, cnorm, order, xbnd, tscal, trans, unit, smlnum)
    if grow * tscal > smlnum:
        dtrsv(a, x, upper, trans, unit)
    else:
        scale = _careful_solve(a, x, cnorm, order, upper, trans, unit, tscal, xmax,
                               smlnum, bignum)
    if tscal != 1:
        cnorm *= 1.0 / tscal
    return scale


def _dlange_max(col):
    """DLANGE('M') of a column: the largest |value|, a NaN winning."""
    value = 0.0
    for v in np.abs(col):
        if value < v or v != v:
            value = v
    return value


def _growth(a, cnorm, order, xbnd, tscal, trans, unit, smlnum):
    """DLATRS's bound on the growth of the solution (labels 30-80)."""
    if tscal != 1:
        return 0.0
    if not trans:
        if not unit:
            grow = 1.0 / _fmax(xbnd, smlnum)
            xbnd = grow
            for j in order:
                if grow <= smlnum:
                    return grow
                tjj = abs(a[j, j])
                xbnd = _fmin(xbnd, _fmin(1.0, tjj) * grow)
                if tjj + cnorm[j] >= smlnum:
                    grow = grow * (tjj / (tjj + cnorm[j]))
                else:
                    grow = 0.0
            return xbnd
        grow = _fmin(1.0, 1.0 / _fmax(xbnd, smlnum))
        for j in order:
            if grow <= smlnum:
                return grow
            grow = grow * (1.0 / (1.0 + cnorm[j]))
        return grow
    if not unit:
        grow = 1.0 / _fmax(xbnd, smlnum)
        xbnd = grow
        for j in order:
            if grow <= smlnum:
                return grow
            xj = 1.0 + cnorm[j]
            grow = _fmin(grow, xbnd / xj)
            tjj = abs(a[j, j])
            if xj > tjj:
                xbnd = xbnd * (tjj / xj)
        return _fmin(grow, xbnd)
    grow = _fmin(1.0, 1.0 / _fmax(xbnd, smlnum))
    for j in order:
        if grow <= smlnum:
            return grow
        grow = grow / (1.0 + cnorm[j])
    return grow


def _divide_scaled(a, x, j, tjjs, xj, cnorm, scale, xmax, bignum, smlnum, check_cnorm):
    """The diagonal division of DLATRS's careful loop, rescaling x first when needed."""
    n = x.size
    tjj = abs(tjjs)
    if tjj > smlnum:
        if tjj < 1 and xj > tjj * bignum:
            rec = 1.0 / xj
            x *= rec
            scale *= rec
            xmax *= rec
        x[j] = x[j] / tjjs
    elif tjj > 0:
        if xj > tjj * bignum:
            rec = (tjj * bignum) / xj
            if check_cnorm and cnorm[j] > 1:
                rec = rec / cnorm[j]
            x *= rec
            scale *= rec
            xmax *= rec
        x[j] = x[j] / tjjs
    else:
        x[:n] = 0.0
        x[j] = 1.0
        scale, xmax = 0.0, 0.0
    return scale, xmax


def _careful_solve(a, x, cnorm, order, upper, trans, unit, tscal, xmax, smlnum, bignum):
    """DLATRS's scaled solve (labels 90-160): the columns in ``order``. Returns scale."""
    n = a.shape[0]
    scale = 1.0
    if xmax > bignum:
        s = bignum / xmax
        x *= s
        scale = s
        xmax = bignum
    if not trans:
        for j in order:
            xj = abs(x[j])
            skip = False
            if unit:
                tjjs = tscal
                skip = tscal == 1
            else:
                tjjs = a[j, j] * tscal
            if not skip:
                scale, xmax = _divide_scaled(a, x, j, tjjs, xj, cnorm, scale, xmax,
                                             bignum, smlnum, check_cnorm=True)
                xj = abs(x[j])
            if xj > 1:
                rec = 1.0 / xj
                if cnorm[j] > (bignum - xmax) * rec:
                    rec = rec * 0.5
                    x *= rec
                    scale *= rec
            elif xj * cnorm[j] > bignum - xmax:
                x *= 0.5
                scale *= 0.5
            if upper:
                if j > 0:
                    daxpy(-x[j] * tscal, a[:j, j], x[:j])
                    xmax = abs(x[_idamax(x[:j])])
            elif j < n - 1:
                daxpy(-x[j] * tscal, a[j + 1:, j], x[j + 1:])
                xmax = abs(x[j + 1 + _idamax(x[j + 1:])])
        return scale / tscal
    for j in order:
        xj = abs(x[j])
        uscal = tscal
        rec = 1.0 / _fmax(xmax, 1.0)
        if cnorm[j] > (bignum - xj) * rec:
            rec = rec * 0.5
            tjjs = a[j, j] * tscal if not unit else tscal
            tjj = abs(tjjs)
            if tjj > 1:
                rec = _fmin(1.0, rec * tjj)
                uscal = uscal / tjjs
            if rec < 1:
                x *= rec
                scale *= rec
                xmax *= rec
        sumj = 0.0
        col = a[:j, j] if upper else a[j + 1:, j]
        xs = x[:j] if upper else x[j + 1:]
        if uscal == 1:
            sumj = ddot(col, xs)
        else:
            for v, xv in zip(col, xs):
                sumj = sumj + (v * uscal) * xv
        if uscal == tscal:
            x[j] = x[j] - sumj
            xj = abs(x[j])
            skip = False
            if unit:
                tjjs = tscal
                skip = tscal == 1
            else:
                tjjs = a[j, j] * tscal
            if not skip:
                scale, xmax = _divide_scaled(a, x, j, tjjs, xj, cnorm, scale, xmax,
                                             bignum, smlnum, check_cnorm=False)
        else:
            x[j] = x[j] / tjjs - sumj
        xmax = _fmax(xmax, abs(x[j]))
    return scale / tscal


# ------------------------------------------------------------------------------------- DLACN2
class _Estimator:
    """DLACN2's state (V, ISGN, EST, KASE, ISAVE) for one estimate."""

    def __init__(self, n):
        self.n = n
        self.v = np.zeros(n)
        self.isgn = np.zeros(n, dtype=int)
        self.est = 0.0
        self.kase = 0
        self.isave = [0, 0, 0]

    def step(self, x):
        """One call of DLACN2: updates x, est and kase (0 when the estimate is final)."""
        n, isave = self.n, self.isave
        if self.kase == 0:
            x[:] = 1.0 / float(n)
            self.kase, isave[0] = 1, 1
            return
        state = isave[0]
        if state == 1:
            if n == 1:
                self.v[0] = x[0]
                self.est = abs(self.v[0])
                self.kase = 0
                return
            self.est = dasum(x)
            self._signs(x)
            self.kase, isave[0] = 2, 2
            return
        if state == 2:
            isave[1] = _idamax(x)
            isave[2] = 2
            self._unit_vector(x)
            return
        if state == 3:
            self.v[:] = x
            estold = self.est
            self.est = dasum(self.v)
            same = all((1 if x[i] >= 0 else -1) == self.isgn[i] for i in range(n))
            if not same and self.est > estold:
                self._signs(x)
                self.kase, isave[0] = 2, 4
                return
            self._alternating(x)
            return
        if state == 4:
            jlast = isave[1]
            isave[1] = _idamax(x)
            if x[jlast] != abs(x[isave[1]]) and isave[2] < 5:
                isave[2] += 1
                self._unit_vector(x)
                return
            self._alternating(x)
            return
        temp = 2.0 * (dasum(x) / float(3 * n))          # state 5
        if temp > self.est:
            self.v[:] = x
            self.est = temp
        self.kase = 0

    def _signs(self, x):
        for i in range(self.n):
            x[i] = 1.0 if x[i] >= 0 else -1.0
            self.isgn[i] = int(x[i])

    def _unit_vector(self, x):
        x[:] = 0.0
        x[self.isave[1]] = 1.0
        self.kase, self.isave[0] = 1, 3

    def _alternating(self, x):
        altsgn = 1.0
        for i in range(self.n):
            x[i] = altsgn * (1.0 + float(i) / float(self.n - 1))
            altsgn = -altsgn
        self.kase, self.isave[0] = 1, 5


# ---------------------------------------------------------------------------- the estimators
def dgecon(lu, anorm):
    """DGECON('1'): the reciprocal 1-norm condition number from DGETRF's factors."""
    with np.errstate(all="ignore"):
        return _dgecon(lu, anorm)


def _dgecon(lu, anorm):
    n = lu.shape[0]
    if n == 0:
        return 1.0
    if anorm == 0:
        return 0.0
    smlnum = SAFMIN
    est = _Estimator(n)
    x = np.zeros(n)
    cl, cu = np.zeros(n), np.zeros(n)
    normin = False
    while True:
        est.step(x)
        if est.kase == 0:
            break
        if est.kase == 1:
            sl_ = dlatrs(lu, x, cl, upper=False, trans=False, unit=True, normin=normin)
            su = dlatrs(lu, x, cu, upper=True, trans=False, unit=False, normin=normin)
        else:
            su = dlatrs(lu, x, cu, upper=True, trans=True, unit=False, normin=normin)
            sl_ = dlatrs(lu, x, cl, upper=False, trans=True, unit=True, normin=normin)
        scale = sl_ * su
        normin = True
        if scale != 1:
            ix = _idamax(x)
            if scale < abs(x[ix]) * smlnum or scale == 0:
                return 0.0
            drscl(scale, x)
    return (1.0 / est.est) / anorm if est.est != 0 else 0.0


def dpocon(c, anorm, upper):
    """DPOCON: the reciprocal 1-norm condition number from DPOTRF's factor."""
    with np.errstate(all="ignore"):
        return _dpocon(c, anorm, upper)


def _dpocon(c, anorm, upper):
    n = c.shape[0]
    if n == 0:
        return 1.0
    if anorm == 0:
        return 0.0
    smlnum = SAFMIN
    est = _Estimator(n)
    x = np.zeros(n)
    cn = np.zeros(n)
    normin = False
    while True:
        est.step(x)
        if est.kase == 0:
            break
        if upper:
            scl = dlatrs(c, x, cn, upper=True, trans=True, unit=False, normin=normin)
            normin = True
            scu = dlatrs(c, x, cn, upper=True, trans=False, unit=False, normin=normin)
        else:
            scl = dlatrs(c, x, cn, upper=False, trans=False, unit=False, normin=normin)
            normin = True
            scu = dlatrs(c, x, cn, upper=False, trans=True, unit=False, normin=normin)
        scale = scl * scu
        if scale != 1:
            ix = _idamax(x)
            if scale < abs(x[ix]) * smlnum or scale == 0:
                return 0.0
            drscl(scale, x)
    return (1.0 / est.est) / anorm if est.est != 0 else 0.0


def dlantr_1(a, upper):
    """DLANTR('1', uplo, 'N'): the largest column sum of |A| over the triangle (a NaN wins)."""
    n = a.shape[0]
    value = 0.0
    for j in range(n):
        total = 0.0
        for v in (a[:j + 1, j] if upper else a[j:, j]):
            total += abs(v)
        if value < total or total != total:
            value = total
    return value


def dtrcon(a, upper):
    """DTRCON('1', uplo, 'N'): the reciprocal 1-norm condition number of a triangular A."""
    with np.errstate(all="ignore"):
        return _dtrcon(a, upper)


def _dtrcon(a, upper):
    n = a.shape[0]
    if n == 0:
        return 1.0
    smlnum = SAFMIN * float(max(1, n))
    anorm = dlantr_1(a, upper)
    if not anorm > 0:
        return 0.0
    est = _Estimator(n)
    x = np.zeros(n)
    cn = np.zeros(n)
    normin = False
    while True:
        est.step(x)
        if est.kase == 0:
            break
        scale = dlatrs(a, x, cn, upper=upper, trans=(est.kase != 1), unit=False, normin=normin)
        normin = True
        if scale != 1:
            ix = _idamax(x)
            if scale < abs(x[ix]) * smlnum or scale == 0:
                return 0.0
            drscl(scale, x)
    return (1.0 / anorm) / est.est if est.est != 0 else 0.0
