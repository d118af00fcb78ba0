"""GNU Octave 7's ``fminunc``, step for step: a trust-region quasi-Newton method.

Octave's ``fminunc.m`` keeps the Cholesky factor R of a BFGS approximation of the Hessian
(``hesr``, starting from the identity), takes dogleg steps inside a trust region of radius
``delta``, and updates R with two rank-one Cholesky updates (LINPACK/qrupdate's ``dch1up`` and
``dch1dn``, with LAPACK's ``dlartg`` rotations). SciPy's BFGS, used before, stops at another
point: the ML course's ex2 printed ``theta`` differing in the 5th digit. This module follows the
m-file's order of operations, with products, triangular solves and norms computed as Octave's
reference BLAS/LAPACK and its norm accumulator compute them, so the iterates are Octave's (up
to the rare last bit of an operation not written here).

``trust_region_minimum(fun, x0, ...)`` returns ``(x, fval, info, iterations, successful,
evaluations, grad)``; info is 1 (gradient small), 2 (step small), 3 (reduction small), 0 (limits
reached), -3 (trust region collapsed), or what a failed Cholesky downdate leaves (Octave's
quirk: the update's status overwrites ``info``).
"""
import math

import numpy as np

from .matmul import reference_product
from .norms import scaled_2norm

EPS = float(np.finfo(np.float64).eps)
_SAFMIN = 2.0 ** -1022
_SAFMAX = 1 / _SAFMIN
_RTMIN = math.sqrt(_SAFMIN)
_RTMAX = math.sqrt(_SAFMAX / 2)


# ------------------------------------------------------------------ BLAS/LAPACK-order helpers
def _dot(a, b):
    """ddot: a running sum of the products, left to right."""
    total = 0.0
    for u, v in zip(a.tolist(), b.tolist()):
        total = total + u * v
    return total


def _sumsq(v):
    total = 0.0
    for u in v.tolist():
        total = total + u * u
    return total


def _matvec(a, x):
    """dgemv: ``a @ x`` with each element added left to right."""
    return reference_product(a, x.reshape(-1, 1)).ravel()


def _dnrm2(v):
    """The reference BLAS's dnrm2 for values of ordinary size: sqrt of the running sum of
    squares (its scaled accumulators only act near overflow or underflow)."""
    return math.sqrt(_sumsq(v))


def _rotation(f, g):
    """LAPACK 3.10+'s dlartg: (c, s, r) with [c s; -s c] * [f; g] = [r; 0]."""
    f1, g1 = abs(f), abs(g)
    if g == 0:
        return 1.0, 0.0, f
    if f == 0:
        return 0.0, math.copysign(1.0, g), g1
    if _RTMIN < f1 < _RTMAX and _RTMIN < g1 < _RTMAX:
        d = math.sqrt(f * f + g * g)
        c = f1 / d
        r = math.copysign(d, f)
        return c, g / r, r
    u = min(_SAFMAX, max(_SAFMIN, f1, g1))
    fs, gs = f / u, g / u
    d = math.sqrt(fs * fs + gs * gs)
    c = abs(fs) / d
    r = math.copysign(d, f)
    return c, gs / r, r * u


def cholesky_update(R, u):
    """qrupdate's dch1up: R (upper, n x n) -> R1 with R1'*R1 = R'*R + u*u'."""
    R, u = R.copy(), u.astype(np.float64).copy()
    n = R.shape[0]
    w = np.zeros(n)
    for i in range(n):
        ui = u[i]
        for j in range(i):
            t = w[j] * R[j, i] + u[j] * ui
            ui = w[j] * ui - u[j] * R[j, i]
            R[j, i] = t
        w[i], u[i], R[i, i] = _rotation(R[i, i], ui)
    return R


def cholesky_downdate(R, u):
    """qrupdate's dch1dn: R -> R1 with R1'*R1 = R'*R - u*u'. Returns (R1, info); info 1 when
    the result would not be positive definite, 2 when R is singular (R returned unchanged)."""
    n = R.shape[0]
    if any(R[i, i] == 0 for i in range(n)):
        return R, 2
    R, u = R.copy(), u.astype(np.float64).copy()
    for j in range(n):                          # dtrsv('U', 'T'): u = R' \ u
        temp = u[j]
        for i in range(j):
            temp = temp - R[i, j] * u[i]
        u[j] = temp / R[j, j]
    rho = _dnrm2(u)
    rho = 1 - rho ** 2
    if rho <= 0:
        return R, 1
    rho = math.sqrt(rho)
    w = np.zeros(n)
    for i in range(n - 1, -1, -1):
        w[i], u[i], rho = _rotation(rho, u[i])
    for i in range(n - 1, -1, -1):
        ui = 0.0
        for j in range(i, -1, -1):
            t = w[j] * ui + u[j] * R[j, i]
            R[j, i] = w[j] * R[j, i] - u[j] * ui
            ui = t
    return R, 0


def _lower_solve(L, b):
    """dtrsm('L', 'L', 'N', 'N') on one column: forward substitution, column by column."""
    x = b.astype(np.float64).copy()
    m = L.shape[0]
    for k in range(m):
        if x[k] != 0:
            x[k] = x[k] / L[k, k]
            for i in range(k + 1, m):
                x[i] = x[i] - x[k] * L[i, k]
    return x


def _upper_solve(U, b):
    """dtrsm('L', 'U', 'N', 'N') on one column: back substitution, column by column."""
    x = b.astype(np.float64).copy()
    for k in range(U.shape[0] - 1, -1, -1):
        if x[k] != 0:
            x[k] = x[k] / U[k, k]
            for i in range(k):
                x[i] = x[i] - x[k] * U[i, k]
    return x


def _dogleg(r, g, d, delta):
    """Octave's __doglegm__: the dogleg step for min g'x + x'r'rx/2 with norm(d.*x) <= delta."""
    b = _lower_solve(np.ascontiguousarray(r.T), g)
    x = _upper_solve(r, b)
    xn = scaled_2norm(d * x)
    if xn > delta:
        s = g / d
        sn = scaled_2norm(s)
        if sn > 0:
            s = (s / sn) / d
            tn = scaled_2norm(_matvec(r, s))
            snm = (sn / tn) / tn
            if snm < delta:
                bn = scaled_2norm(b)
                dxn = delta / xn
                snmd = snm / delta
                t = (bn / sn) * (bn / xn) * snmd
                t -= dxn * snmd ** 2 - math.sqrt((t - dxn) ** 2 + (1 - dxn ** 2) * (1 - snmd ** 2))
                alpha = dxn * (1 - snmd ** 2) / t
            else:
                alpha = 0.0
        else:
            alpha = delta / xn
            snm = 0.0
        x = alpha * x + ((1 - alpha) * min(snm, delta)) * s
    return x


def _steps(x, typicalx, shape, scale, signed):
    """Octave's step sizes ``err * sign(x) .* max(abs(x), typicalx)`` with x in its own shape
    (``shape``) and typicalx a column: for a row x0 the two broadcast to a matrix, and step i is
    that matrix's i-th element in column-major order, as in Octave 7.3's __fdjac__ (a 2x2 x0
    against the 4x1 typicalx is its nonconformant error)."""
    X = x.reshape(shape, order="F")
    T = typicalx.reshape(-1, 1)
    try:
        M = np.maximum(np.abs(X), T)
    except ValueError:
        from .functions import OctaveError
        raise OctaveError("Octave:nonconformant-args",
                          f"max: nonconformant arguments (op1 is {shape[0]}x{shape[1]}, op2 is "
                          f"{T.shape[0]}x1)") from None
    if signed:
        signp = np.sign(X)
        signp[signp == 0] = 1
        H = scale * signp * M
    else:
        H = scale * M
    return H.ravel(order="F")


def _finite_differences(value, x, fvec, typicalx, central, shape):
    """Octave's __fdjac__ for a scalar function: the gradient by forward (or central)
    differences with steps sqrt(eps) * max(|x|, typicalx) (eps^(1/3) for central)."""
    n = x.size
    grad = np.zeros(n)
    if central:
        h = _steps(x, typicalx, shape, math.pow(max(EPS, 0.0), 1 / 3), False)
        for i in range(n):
            x1, x2 = x.copy(), x.copy()
            x1[i] += h[i]
            x2[i] -= h[i]
            grad[i] = (value(x1) - value(x2)) / (x1[i] - x2[i])
        return grad
    h = _steps(x, typicalx, shape, math.sqrt(max(EPS, 0.0)), True)
    for i in range(n):
        x1 = x.copy()
        x1[i] += h[i]
        grad[i] = (value(x1) - fvec) / (x1[i] - x[i])
    return grad


def trust_region_minimum(value, both, x0, *, has_grad=False, central=False, maxiter=400,
                         maxfev=None, typicalx=None, tolx=1e-7, tolf=1e-7, shape=None):
    """Minimise as Octave's fminunc does. ``value(x)`` gives f at a flat vector x, ``both(x)``
    gives (f, gradient) when ``has_grad``."""
    x = np.asarray(x0, dtype=np.float64).ravel(order="F").copy()
    n = x.size
    shape = (n, 1) if shape is None else shape
    maxfev = 100 * n if maxfev is None else maxfev
    typicalx = np.ones(n) if typicalx is None else np.asarray(typicalx, dtype=np.float64).ravel()
    dg = 1 / typicalx
    factor = 0.1
    niter, nfev, info = 1, 0, 0
    fval = value(x)
    nsuciter, lastratio = 0, 0.0
    grad = None
    hesr = np.eye(n)
    w = s = None
    xn = delta = 0.0
    while niter < maxiter and nfev < maxfev and not info:
        grad0 = grad
        if has_grad:
            fval, grad = both(x)
            nfev += 1
        else:
            grad = _finite_differences(value, x, fval, typicalx, central, shape)
            nfev += (1 + central) * n
        if niter == 1:
            hesr = np.eye(n)
        else:
            y = grad - grad0
            sBs = _sumsq(w)
            Bs = _matvec(np.ascontiguousarray(hesr.T), w)
            sy = _dot(y, s)
            theta = 0.8 / max(1 - sy / sBs, 0.8)
            r = theta * y + (1 - theta) * Bs
            hesr = cholesky_update(hesr, r / math.sqrt(_dot(s, r)))
            hesr, info = cholesky_downdate(hesr, Bs / math.sqrt(sBs))
            if info:
                hesr = np.eye(n)
        if niter == 1:
            xn = scaled_2norm(dg * x)
            delta = factor * max(xn, 1)
        if scaled_2norm(grad) <= tolf * n * xn:
            info = 1
            break
        suc = False
        decfac = 0.5
        while not suc and niter <= maxiter and nfev < maxfev and not info:
            s = -_dogleg(hesr, grad, dg, delta)
            sn = scaled_2norm(dg * s)
            if niter == 1:
                delta = min(delta, sn)
            fval1 = value(x + s)
            nfev += 1
            actred = (fval - fval1) / (abs(fval1) + abs(fval)) if fval1 < fval else -1.0
            w = _matvec(hesr, s)
            t = 1 / 2 * _sumsq(w) + _dot(grad, s)
            if t < 0:
                prered = -t / (abs(fval) + abs(fval + t))
                ratio = actred / prered
            else:
                ratio = 0.0
            if ratio < min(max(0.1, 0.8 * lastratio), 0.9):
                delta *= decfac
                decfac = math.pow(decfac, 1.4142)
                if delta <= 10 * EPS * xn:
                    info = -3
                    break
            else:
                lastratio = ratio
                decfac = 0.5
                if abs(1 - ratio) <= 0.1:
                    delta = 1.4142 * sn
                elif ratio >= 0.5:
                    delta = max(delta, 1.4142 * sn)
            if ratio >= 1e-4:
                x = x + s
                xn = scaled_2norm(dg * x)
                fval = fval1
                nsuciter += 1
                suc = True
            niter += 1
            if ratio >= 1e-4:
                if sn <= tolx * xn:
                    info = 2
                elif actred < tolf:
                    info = 3
    return x, fval, info, niter, nsuciter, nfev, grad
