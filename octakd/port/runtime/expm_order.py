"""GNU Octave 7's ``expm`` (scripts/linear-algebra/expm.m) step for step, on reference LAPACK.

expm.m shifts A by its mean eigenvalue estimate trace(A)/n when that is positive, balances it
(``balance``: LAPACK's DGEBAL with job 'B', written here in its order), scales it by a power of
two below its infinity norm, evaluates a degree-8 Pade approximant with matrix products added in
the reference BLAS's order, solves ``(x - y) \\ (x + y)`` through Octave's solver
(:mod:`octave_solve`), squares back, and undoes the balancing and the shift. Identity terms are
added to the diagonal only, as Octave's ``Matrix + DiagMatrix`` does.
"""
import math

import numpy as np

from .lapack_order import idamax
from .matmul import reference_product
from .octave_solve import solve
from .svd_order import dnrm2
from .fortran import fmax as _fmax, fmin as _fmin

SCLFAC = 2.0
FACTOR = 0.95
PADE = [5.0000000000000000e-1, 1.1666666666666667e-1, 1.6666666666666667e-2,
        1.6025641025641026e-3, 1.0683760683760684e-4, 4.8562548562548563e-6,
        1.3875013875013875e-7, 1.9270852604185938e-9]


def dgebal(a):
    """DGEBAL('B'): permute rows and columns to isolate eigenvalues, then scale by powers of
    two to even the row and column norms, in place. Returns (ilo, ihi, scale) with 1-based
    ilo, ihi and, in scale, the Fortran's 1-based permutation indices and scale factors."""
    n = a.shape[0]
    scale = np.ones(n)
    k, l = 1, n                                          # 1-based, as in the Fortran
    if n == 0:
        return k, l, scale

    def exchange(j, m):
        scale[m - 1] = j
        if j != m:
            a[:l, [j - 1, m - 1]] = a[:l, [m - 1, j - 1]]
            a[[j - 1, m - 1], k - 1:] = a[[m - 1, j - 1], k - 1:]

    # rows isolating an eigenvalue: pushed down to the bottom (labels 40-70)
    while True:
        found = False
        for j in range(l, 0, -1):
            if all(i == j or a[j - 1, i - 1] == 0 for i in range(1, l + 1)):
                exchange(j, l)
                found = True
                break
        if not found:
            break
        if l == 1:
            return k, l, scale
        l -= 1
    # columns isolating an eigenvalue: pushed left (labels 80-110)
    while True:
        found = False
        for j in range(k, l + 1):
            if all(i == j or a[i - 1, j - 1] == 0 for i in range(k, l + 1)):
                exchange(j, k)
                found = True
                break
        if not found:
            break
        k += 1
    scale[k - 1:l] = 1.0
    sfmin1 = np.finfo(np.float64).tiny / np.finfo(np.float64).eps
    sfmax1 = 1.0 / sfmin1
    sfmin2 = sfmin1 * SCLFAC
    sfmax2 = 1.0 / sfmin2
    noconv = True
    while noconv:
        noconv = False
        for i in range(k, l + 1):
            c = dnrm2(a[k - 1:l, i - 1])
            r = dnrm2(a[i - 1, k - 1:l])
            ica = idamax(a[:l, i - 1])
            ca = abs(a[ica, i - 1])
            ira = idamax(a[i - 1, k - 1:])
            ra = abs(a[i - 1, ira + k - 1])
            if c == 0 or r == 0:
                continue
            g = r / SCLFAC
            f = 1.0
            s = c + r
            while not (c >= g or _fmax(f, c, ca) >= sfmax2 or _fmin(r, g, ra) <= sfmin2):
                if math.isnan(c + f + ca + r + g + ra):
                    raise ValueError("expm: balancing met a NaN")
                f, c, ca = f * SCLFAC, c * SCLFAC, ca * SCLFAC
                r, g, ra = r / SCLFAC, g / SCLFAC, ra / SCLFAC
            g = c / SCLFAC
            while not (g < r or _fmax(r, ra) >= sfmax2 or _fmin(f, c, g, ca) <= sfmin2):
                f, c, g, ca = f / SCLFAC, c / SCLFAC, g / SCLFAC, ca / SCLFAC
                r, ra = r * SCLFAC, ra * SCLFAC
            if c + r >= FACTOR * s:
                continue
            if f < 1 and scale[i - 1] < 1 and f * scale[i - 1] <= sfmin1:
                continue
            if f > 1 and scale[i - 1] > 1 and scale[i - 1] >= sfmax1 / f:
                continue
            g = 1.0 / f
            scale[i - 1] = scale[i - 1] * f
            noconv = True
            a[i - 1, k - 1:] *= g
            a[:l, i - 1] *= f
    return k, l, scale


def _balance(a):
    """Octave's ``[d, p, aa] = balance(A)`` (aepbalance: scaling and permuting vectors)."""
    aa = np.array(a, dtype=np.float64, order="F")
    ilo, ihi, scale = dgebal(aa)
    n = aa.shape[0]
    d = np.ones(n)
    d[ilo - 1:ihi] = scale[ilo - 1:ihi]
    pv = list(range(n))
    for i in range(n - 1, ihi - 1, -1):
        j = int(scale[i]) - 1
        pv[i], pv[j] = pv[j], pv[i]
    for i in range(ilo - 1):
        j = int(scale[i]) - 1
        pv[i], pv[j] = pv[j], pv[i]
    return d, pv, aa


def _plus_diag(m, value):
    """``M + value * eye(n)`` as Octave adds a diagonal matrix: the diagonal only."""
    out = m.copy()
    idx = np.arange(m.shape[0])
    out[idx, idx] = out[idx, idx] + value
    return out


def expm_full(a):
    """expm.m's general case (A square, not empty, not scalar, not diagonal)."""
    a = np.array(a, dtype=np.float64)
    n = a.shape[0]
    a[a == -np.inf] = -np.finfo(np.float64).max
    total = 0.0
    for v in np.diagonal(a):                              # trace: added in order
        total += v
    trshift = total / n
    if trshift > 0:
        a = _plus_diag(a, -trshift)
    d, p, aa = _balance(a)
    rows = np.zeros(n)
    for col in np.abs(aa).T:                              # norm(aa, Inf): row sums, in order
        rows += col
    inf_norm = float(np.max(rows)) if not np.isnan(rows).any() else math.nan
    _m, e = math.frexp(inf_norm) if math.isfinite(inf_norm) else (0.0, 0)
    s = min(max(0, e), 1023)
    aa = aa * 2.0 ** (-s)
    c = PADE
    a2 = reference_product(aa, aa)
    x = _plus_diag(c[7] * a2, c[5])
    x = _plus_diag(reference_product(x, a2), c[3])
    x = _plus_diag(reference_product(x, a2), c[1])
    x = _plus_diag(reference_product(x, a2), 1.0)
    y = _plus_diag(c[6] * a2, c[4])
    y = _plus_diag(reference_product(y, a2), c[2])
    y = _plus_diag(reference_product(y, a2), c[0])
    y = reference_product(y, aa)
    r = solve(x - y, x + y)
    for _ in range(s):
        r = reference_product(r, r)
    r = d[:, None] * r                                    # diag(d) * r
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(d[None, :] != 0, r / d[None, :], 0.0)   # r / diag(d)
    out = np.empty_like(r)
    out[np.ix_(p, p)] = r                                 # r(p, p) = r
    if trshift > 0:
        out = out * math.exp(trshift)
    return out
