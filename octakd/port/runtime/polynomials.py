"""Octave's polynomials and signals: polyfit (with S and mu), polyval, roots, poly, conv,
deconv, filter, fft, ifft, interp1, trapz, cumtrapz, diff, gradient; real, imag, conj, angle.

A polynomial is a row of coefficients, highest power first: p(x) = p(1)*x^n + ... + p(n+1).
Complex results (fft, ifft) are NumPy complex arrays; like Octave, a result whose imaginary
parts are all zero becomes real. octakd run cannot display complex values.
"""
import math

import numpy as np
import scipy.linalg as sl
import scipy.signal as ss
from scipy.integrate import trapezoid
from scipy.interpolate import CubicSpline, PchipInterpolator

from .complex_order import order_keys
from .core import _arr, _num, _out, _scalar, _dims

__all__ = ["polyfit", "polyval", "roots", "poly", "conv", "deconv", "filter", "fft", "ifft",
           "interp1", "trapz", "cumtrapz", "diff", "gradient", "NA"]
# real, imag, conj, angle and arg below are kept for this module's own use; the runtime's are
# complexes.py's (h-lang), which keep Python ints and bools as Octave doubles print them.
FUNCTIONS = {name: "num" for name in __all__ if name != "NA"}   # NA is a constant (emit_common)
MULTI_OUTPUT = {"polyfit", "polyval", "deconv", "filter", "gradient"}

# Octave's NA ("missing"), a NaN with R's payload 1954; core's display prints it as NA.
# Octave 7's NA: a quiet NaN with its own payload (num2hex(NA) is 7ff840f440000000), so that
# arithmetic keeps it (NA + 1 is NA)
NA = float(np.array([0x7FF840F440000000], dtype=np.uint64).view(np.float64)[0])


def _vec(x, where, name="input"):
    a = _arr(_num(x))
    if a.dtype.kind not in "biufc":
        raise TypeError(f"{where}: {name} must be numeric")
    if a.ndim > 2 or (a.size and 1 not in a.shape):
        raise ValueError(f"{where}: {name} must be a vector")
    return a


def _first_dim(a, dim=None):
    if dim is not None:
        return int(_scalar(dim, "dim")) - 1
    return next((k for k, s in enumerate(a.shape) if s != 1), 0)


def _real_if_real(a):
    """Octave narrows a complex result whose imaginary parts are all zero to a real one."""
    return a.real.copy() if np.iscomplexobj(a) and not np.any(a.imag) else a


# -------------------------------------------------------------------------------- polynomials
def polyval(p, x, s=None, mu=None, nargout=1):
    """Octave's ``polyval(p, x[, S[, mu]])``: p evaluated at every element of x (Horner's rule
    from p(1), as Octave's loop); with mu, at (x - mu(1)) / mu(2). ``[y, dy] = polyval(p, x,
    S)``: dy = sqrt(1 + sumsq(A/S.R, 2)) * S.normr / sqrt(S.df), A the Vandermonde matrix of x,
    as Octave's polyval.m computes it."""
    c = _vec(p, "polyval", "P").ravel().astype(np.float64)
    xs = np.asarray(_arr(_num(x)), dtype=np.float64)
    if mu is not None:
        m = _arr(mu).ravel()
        if m.size < 2:
            raise ValueError("polyval: MU must be numeric floating point with 2 values")
        xs = (xs - m[0]) / m[1]
    if c.size == 0:
        y = np.zeros_like(xs)
    else:
        y = np.full_like(xs, c[0])
        for coef in c[1:]:
            y = y * xs + coef
    y_out = _out(y) if np.ndim(x) else float(y.reshape(()))
    if nargout <= 1:
        return y_out
    return y_out, _polyval_delta(c, xs, s, np.ndim(x))


def _polyval_delta(c, xs, s, shaped):
    """The second output of ``[y, dy] = polyval(p, x, S)`` (the standard error of y)."""
    from .structs import Struct
    if not isinstance(s, Struct):
        raise ValueError("polyval: S input must be a structure (the second output of polyfit)")
    fields = s.the_one("S")
    if not all(k in fields for k in ("R", "normr", "df")):
        raise ValueError("polyval: S input is missing required fields")
    n = c.size - 1
    flat = xs.ravel(order="F")
    A = flat.reshape(-1, 1) ** np.arange(n, -1, -1, dtype=np.float64).reshape(1, -1)
    R = np.asarray(_arr(_num(fields["R"])), dtype=np.float64)
    AR = sl.solve_triangular(R, A.T, trans="T", lower=False).T   # A / R, R upper
    dy = np.sqrt(1 + np.sum(AR ** 2, axis=1)) * float(_scalar(fields["normr"], "polyval")) / \
        math.sqrt(float(_scalar(fields["df"], "polyval")))
    dy = dy.reshape(xs.shape, order="F")
    return _out(dy) if shaped else float(dy.reshape(()))


def polyfit(x, y, n, nargout=1):
    """Octave's ``[p, S, mu] = polyfit(x, y, n)``: the least-squares polynomial of degree n,
    solved as Octave 7's polyfit.m does, through the pivoted economy QR of the Vandermonde
    matrix A (``[q, r, k] = qr(A, 0); p = r \\ (q' * y); p(k) = p``) in the reference
    LAPACK's order. With mu, x is first centred and scaled: mu = [mean(x), std(x)]. S holds
    yf, X, R, C = cholinv(R'*R), df and normr, as a struct (:class:`.structs.Struct`)."""
    xs = _vec(x, "polyfit", "X").ravel(order="F").astype(np.float64)
    ys = _vec(y, "polyfit", "Y").astype(np.float64)
    if xs.size != ys.size:
        raise ValueError("polyfit: X and Y must have the same number of points")
    deg = _scalar(n, "polyfit")
    if deg != int(deg) or deg < 0:
        raise ValueError("polyfit: N must be a non-negative integer")
    deg = int(deg)
    mu = None
    if nargout > 2:
        from .reductions import mean, std
        mu = np.array([[float(mean(xs)), float(std(xs))]])
        xs = (xs - mu[0, 0]) / mu[0, 1]
    a = np.vander(xs, deg + 1)               # vander.m: each column the next times x
    if deg < xs.size and _reference_qr_covers(a):
        p, yf, s_fields = _polyfit_reference(a, ys, deg, nargout)
    else:
        p, yf, s_fields = _polyfit_scipy(a, xs, ys, deg, nargout)
    p_row = p.reshape(1, -1)
    if nargout <= 1:
        return _out(p_row)
    from .structs import Struct
    outs = (_out(p_row), Struct.scalar(s_fields)) + ((_out(mu),) if mu is not None else ())
    return outs[:nargout]


def _reference_qr_covers(a):
    from .svd_order import covered
    return covered(*a.shape)


def _polyfit_reference(a, ys, deg, nargout):
    """polyfit.m of Octave 7.3 step for step, on the reference-order LAPACK and BLAS:
    ``[q, r, k] = qr(A, 0)`` (DGEQP3), ``p = r \\ (q' * y)``, ``p(k) = p``; for S,
    ``yf = A*p``, ``C = cholinv(r.'*r)(k, k)`` (NaN when r'r is not positive definite),
    ``normr = norm(yf - y)``."""
    from .linalg import _qr_reference
    from .matmul import reference_product
    from .octave_solve import solve
    from . import lapack_order, lapack_blocked
    y = ys.ravel(order="F").reshape(-1, 1)
    q, r, k = _qr_reference(a, True, pivoting=True)
    qty = reference_product(np.ascontiguousarray(q.T), y)
    sol = solve(r, qty).ravel()
    p = np.zeros(deg + 1)
    p[k] = sol
    if nargout <= 1:
        return p, None, None
    yf = reference_product(a, p.reshape(-1, 1)).reshape(ys.shape, order="F")
    rtr = reference_product(np.ascontiguousarray(r.T), r)
    c = np.array(np.triu(rtr), order="F")
    if lapack_order.dpotrf(c, upper=True) == 0:
        lapack_blocked.dpotri_upper(c)
        cinv = np.triu(c) + np.triu(c, 1).T
        cinv = cinv[np.ix_(k, k)]
    else:
        cinv = np.full((deg + 1, deg + 1), np.nan)
    fields = {"yf": _out(yf), "X": a, "R": r, "C": cinv, "df": float(max(0, ys.size - (deg + 1))),
              "normr": float(norm_vec(np.asarray(yf).ravel(order="F") - ys.ravel(order="F")))}
    return p, fields["yf"], fields


def norm_vec(v):
    from .norms import scaled_2norm
    return scaled_2norm(v)


def _polyfit_scipy(a, xs, ys, deg, nargout):
    """The fallback: SciPy's QR without pivoting (a degree at or above the number of points,
    or a matrix beyond the reference-order limits)."""
    q, r = sl.qr(a, mode="economic")
    p = sl.solve_triangular(r, q.T @ ys.ravel(order="F"), check_finite=False) \
        if r.shape[0] == r.shape[1] else np.linalg.lstsq(a, ys.ravel(order="F"), rcond=None)[0]
    if nargout <= 1:
        return p, None, None
    yf = polyval(p.reshape(1, -1), _arr(xs).reshape(ys.shape, order="F"))
    rinv = np.linalg.inv(r) if r.shape[0] == r.shape[1] else np.linalg.pinv(r)
    s = {"yf": yf, "X": a, "R": r, "C": rinv @ rinv.T, "df": float(max(0, ys.size - (deg + 1))),
         "normr": float(np.linalg.norm(_arr(yf).ravel() - ys.ravel(order="F")))}
    return p, yf, s


def roots(p):
    """Octave's ``roots(p)``: the eigenvalues of the companion matrix (a column), plus one zero
    per trailing zero coefficient. Complex roots are refused: SciPy's non-symmetric eigensolver
    gives them with other last bits than Octave's (``roots([1 -2 5])`` would show as
    ``1.0000 + 2.0000i`` where Octave shows ``1 + 2i``; docs/porting-library.md)."""
    c = _vec(p, "roots", "P").ravel().astype(np.float64)
    if not np.all(np.isfinite(c)):
        raise ValueError("roots: inputs must not contain Inf or NaN")
    nz = np.flatnonzero(c)
    if nz.size == 0:
        return np.zeros((0, 0))
    c = c[nz[0]:nz[-1] + 1]
    zeros = np.zeros(len(_vec(p, "roots").ravel()) - nz[-1] - 1)
    n = c.size
    if n < 2:
        r = np.zeros(0)
    else:
        comp = np.diag(np.ones(n - 2), -1)
        comp[0, :] = -c[1:] / c[0]
        r = sl.eigvals(comp, check_finite=False)
        if np.any(r.imag != 0):
            raise ValueError("roots: complex roots are not supported by octakd run (SciPy's "
                             "eigensolver differs from Octave's in their last bits)")
        r = r.real
    out = np.concatenate([r, zeros])
    return _out(out.reshape(-1, 1)) if out.size else np.zeros((0, 1))


def poly(x):
    """Octave's ``poly``: the monic polynomial whose roots are the vector x, or the
    characteristic polynomial of the square matrix x (a row).

    As Octave's poly.m: y(2:j+1) -= v(j) .* y(1:j) for each root v(j); the result is real when x
    is real, or when x's complex roots come in conjugate pairs, and complex otherwise."""
    a = _arr(_num(x))
    a = a.astype(np.complex128 if np.iscomplexobj(a) else np.float64)
    if a.size == 0:
        return 1.0
    if 1 in a.shape:
        v = a.ravel()
    elif a.shape[0] == a.shape[1]:
        from .linalg import eig                    # as poly.m: eig(x), with eig's refusals
        v = _arr(eig(x)).ravel()
    else:
        raise ValueError("poly: input must be a vector or a square matrix")
    y = np.zeros(v.size + 1, dtype=np.complex128)
    y[0] = 1.0
    for j, root in enumerate(v, start=1):
        y[1:j + 1] = y[1:j + 1] - root * y[0:j]
    if not np.iscomplexobj(a) or _conjugate_pairs(v):
        return _out(y.real.reshape(1, -1))
    return _out(_real_if_real(y).reshape(1, -1))


def _conjugate_pairs(v):
    """poly.m's test: the roots with a positive imaginary part, sorted, equal the conjugates of
    those with a negative one, sorted (Octave's complex sort: modulus, then argument)."""
    def octave_sorted(z):
        modulus, argument = order_keys(z)
        return z[np.lexsort((argument, modulus))]
    positive = octave_sorted(v[v.imag > 0])
    negative = octave_sorted(np.conj(v[v.imag < 0]))
    return positive.size > 0 and positive.shape == negative.shape and \
        bool(np.all(positive == negative))


def conv(a, b, shape="full"):
    """Octave's ``conv(a, b[, shape])``: the polynomial product / convolution of two vectors,
    length numel(a) + numel(b) - 1 ('full') or numel(a) ('same'), oriented like the longer."""
    u, v = _vec(a, "conv", "A"), _vec(b, "conv", "B")
    if shape not in ("full", "same", "valid"):
        raise ValueError('conv: SHAPE argument must be "full", "same", or "valid"')
    y = np.convolve(u.ravel(), v.ravel(), mode="full")
    if shape == "same":
        start = int(math.ceil((v.size - 1) / 2))
        y = y[start:start + u.size]
    elif shape == "valid":
        y = y[v.size - 1:u.size] if u.size >= v.size else np.zeros(0)
    longer = u if u.size > v.size else v
    if shape != "full":
        longer = u
    column = longer.shape[0] > 1 or (longer.size <= 1 and u.shape[0] > 1)
    return _out(y.reshape(-1, 1) if column else y.reshape(1, -1))


def deconv(y, a, nargout=1):
    """Octave's ``[b, r] = deconv(y, a)``: polynomial division y = conv(a, b) + r."""
    yv, av = _vec(y, "deconv", "Y"), _vec(a, "deconv", "A").ravel()
    if av.size == 0 or av[0] == 0:
        raise ValueError("deconv: divisor cannot be zero")
    ys = yv.ravel().astype(np.float64)
    if ys.size < av.size:
        b = np.zeros(1)
    else:
        b = np.zeros(ys.size - av.size + 1)
        rem = ys.copy()
        for k in range(b.size):
            b[k] = rem[k] / av[0]
            rem[k:k + av.size] -= b[k] * av
    full = np.convolve(av, b)
    r = ys.copy()
    r[:full.size] = ys[:full.size] - full[:ys.size] if full.size <= ys.size else ys - full[:ys.size]
    r[:b.size] = 0 if ys.size >= av.size else r[:b.size]
    col = yv.shape[0] > 1
    bo = _out(b.reshape(-1, 1) if col else b.reshape(1, -1))
    ro = _out(r.reshape(-1, 1) if col else r.reshape(1, -1))
    return (bo, ro) if nargout > 1 else bo


def filter(b, a, x, si=None, dim=None, nargout=1):
    """Octave's ``filter(b, a, x[, si[, dim]])``: the direct form II transposed IIR filter
    a(1)*y(n) = sum b(k+1)*x(n-k) - sum a(k+1)*y(n-k), along the first non-singleton
    dimension; ``[y, sf] = filter(...)`` adds the final state."""
    bv = _vec(b, "filter", "B").ravel().astype(np.float64)
    av = _vec(a, "filter", "A").ravel().astype(np.float64)
    if av.size == 0 or av[0] == 0:
        raise ValueError("filter: the first element of A must be nonzero")
    xs = _arr(_num(x)).astype(np.float64)
    if xs.size == 0 and nargout <= 1:
        return _out(xs)                             # filter(b, a, []) is [](0x0)
    ax = _first_dim(xs, dim)
    n = max(av.size, bv.size) - 1
    zi = None
    if si is not None and np.size(si):
        zi = _arr(si).astype(np.float64).ravel()
        if zi.size != n:
            raise ValueError("filter: first dimension of SI must be of length max (length (a), "
                             "length (b)) - 1")
        shape = [1] * xs.ndim
        shape[ax] = n
        zi = np.broadcast_to(zi.reshape(shape), tuple(n if k == ax else s
                                                      for k, s in enumerate(xs.shape))).copy()
    if zi is None and nargout > 1:
        zi = np.zeros(tuple(n if k == ax else s for k, s in enumerate(xs.shape)))
    if zi is None:
        y = ss.lfilter(bv, av, xs, axis=ax)
        return _out(y)
    y, zf = ss.lfilter(bv, av, xs, axis=ax, zi=zi)
    return (_out(y), _out(zf.reshape(-1, 1) if 1 in xs.shape else zf)) if nargout > 1 else _out(y)


def _fft(func, x, n, dim, where):
    a = _arr(_num(x))
    ax = _first_dim(a, dim)
    m = None if n is None or (isinstance(n, np.ndarray) and n.size == 0) else int(_scalar(n, where))
    if m is not None and m < 1:
        raise ValueError(f"{where}: number of points N must be greater than zero")
    return _out(_real_if_real(func(a, n=m, axis=ax)))


def fft(x, n=None, dim=None):
    """Octave's ``fft(x[, n[, dim]])``: the discrete Fourier transform along the first
    non-singleton dimension, X(k) = sum_j x(j) exp(-2 pi i (j-1)(k-1)/n)."""
    return _fft(np.fft.fft, x, n, dim, "fft")


def ifft(x, n=None, dim=None):
    """Octave's ``ifft(x[, n[, dim]])``: the inverse transform (real when it comes out real)."""
    return _fft(np.fft.ifft, x, n, dim, "ifft")


def real(x):
    """Octave's ``real``."""
    return _out(_arr(np.real(_num(x)))) if np.ndim(x) else float(np.real(x))


def imag(x):
    """Octave's ``imag``."""
    return _out(_arr(np.imag(_num(x))).astype(np.float64)) if np.ndim(x) else float(np.imag(x))


def conj(x):
    """Octave's ``conj``."""
    return _out(_real_if_real(np.conj(_arr(_num(x))))) if np.ndim(x) else np.conj(x)


def angle(x):
    """Octave's ``angle``/``arg``: atan2(imag(x), real(x))."""
    return _out(_arr(np.angle(_num(x)))) if np.ndim(x) else float(np.angle(x))


arg = angle


# ------------------------------------------------------------------------------ interpolation
def interp1(x, y, xi, method="linear", extrap=None):
    """Octave's ``interp1(x, y, xi[, method[, extrap]])`` with 'linear', 'nearest', 'previous',
    'next', 'pchip'/'cubic' and 'spline' (not-a-knot). Points outside [min(x), max(x)] give NA
    unless extrap is 'extrap' (extrapolate) or a number (that value)."""
    xs = _vec(x, "interp1", "X").ravel().astype(np.float64)
    ya = _arr(_num(y)).astype(np.float64)
    yv = ya.reshape(-1, 1) if 1 in ya.shape else ya
    if yv.shape[0] != xs.size:
        raise ValueError("interp1: length of X and Y must match")
    if xs.size < 2:
        raise ValueError("interp1: minimum of 2 points required in each dimension")
    method = str(method).lower().lstrip("*")
    if method not in ("linear", "nearest", "previous", "next", "pchip", "cubic", "spline"):
        raise ValueError(f"interp1: invalid METHOD '{method}'")
    order = np.argsort(xs, kind="stable")
    xs, yv = xs[order], yv[order]
    if np.any(np.diff(xs) == 0):
        raise ValueError("interp1: X must be strictly monotonic")
    q = _arr(_num(xi)).astype(np.float64)
    qf = q.ravel(order="F")
    if method == "linear":
        out = np.column_stack([np.interp(qf, xs, yv[:, k]) for k in range(yv.shape[1])])
    elif method in ("nearest", "previous", "next"):
        if method == "nearest":
            idx = np.searchsorted(0.5 * (xs[1:] + xs[:-1]), qf, side="right")
        elif method == "previous":
            idx = np.clip(np.searchsorted(xs, qf, side="right") - 1, 0, xs.size - 1)
        else:
            idx = np.clip(np.searchsorted(xs, qf, side="left"), 0, xs.size - 1)
        out = yv[idx]
    elif method == "spline":
        out = CubicSpline(xs, yv, axis=0, bc_type="not-a-knot")(qf)
    else:
        out = PchipInterpolator(xs, yv, axis=0, extrapolate=True)(qf)
    out = np.asarray(out, dtype=np.float64).reshape(qf.size, yv.shape[1])
    outside = (qf < xs[0]) | ~(qf <= xs[-1])        # a NaN point is outside too, as in Octave
    if extrap is None:
        out[outside] = NA
    elif isinstance(extrap, str):
        if extrap != "extrap":
            raise ValueError(f"interp1: invalid EXTRAP '{extrap}'")
        if method == "linear":
            for k in range(yv.shape[1]):
                lo, hi = qf < xs[0], qf > xs[-1]
                s0 = (yv[1, k] - yv[0, k]) / (xs[1] - xs[0])
                s1 = (yv[-1, k] - yv[-2, k]) / (xs[-1] - xs[-2])
                out[lo, k] = yv[0, k] + s0 * (qf[lo] - xs[0])
                out[hi, k] = yv[-1, k] + s1 * (qf[hi] - xs[-1])
    else:
        out[outside] = float(_scalar(extrap, "interp1"))
    if yv.shape[1] == 1:
        return _out(out.reshape(q.shape, order="F")) if np.ndim(xi) else float(out[0, 0])
    return _out(out)


# ------------------------------------------------------------------------------- calculus
def diff(x, k=1, dim=None):
    """Octave's ``diff(x[, k[, dim]])``: the k-th order differences x(2:end) - x(1:end-1)
    (complex differences of a complex x)."""
    a = _arr(_num(x))
    a = a.astype(np.complex128 if np.iscomplexobj(a) else np.float64)
    order = int(_scalar(k, "diff")) if not (isinstance(k, np.ndarray) and k.size == 0) else 1
    if order < 0:
        raise ValueError("diff: order K must be non-negative")
    ax = _first_dim(a, dim)
    if dim is None and a.size == 1 and order > 0:
        return np.zeros((0, 0))                     # diff(5) is [](0x0), as in Octave
    if dim is None:
        res = a
        for _ in range(order):
            if res.shape[ax] <= 1 and res.size:
                return np.zeros((0, 0)) if res.shape[ax] == 0 else _out(np.diff(res, axis=ax))
            ax = _first_dim(res) if res.shape[ax] > 1 else ax
            res = np.diff(res, axis=ax)
        return _out(res)
    return _out(np.diff(a, n=order, axis=ax))


def _xy(args, where):
    if len(args) == 1:
        return None, _arr(_num(args[0])).astype(np.float64)
    if len(args) in (2, 3):
        return _arr(_num(args[0])).astype(np.float64), _arr(_num(args[1])).astype(np.float64)
    raise ValueError(f"Invalid call to {where}")


def trapz(*args):
    """Octave's ``trapz(y)``/``trapz(x, y)``: the trapezoid-rule integral along the first
    non-singleton dimension (unit spacing without x); ``trapz(y, dim)`` and
    ``trapz(x, y, dim)`` along dim."""
    args, dim = _dim_form(args)
    x, y = _xy(args, "trapz")
    dim = args[2] if len(args) == 3 else dim
    if y.shape == (0, 0) and dim is None:
        return 0.0                                  # trapz([]) is 0, as in Octave
    ax = _first_dim(y, dim)
    if x is None:
        return _out(_keep(trapezoid(y, axis=ax), y, ax))
    xv = x.ravel() if 1 in x.shape else x
    if 1 in x.shape and xv.size != y.shape[ax]:
        raise ValueError("trapz: length of X and length of Y along DIM must match")
    return _out(_keep(trapezoid(y, x=xv, axis=ax), y, ax))


def _dim_form(args):
    """Octave's rule for two arguments: ``(y, dim)`` when the second is a scalar and the first
    is not, else ``(x, y)``. Returns the arguments without dim, and dim (or None)."""
    if len(args) == 2 and np.size(args[1]) == 1 and np.size(args[0]) != 1 and \
            not isinstance(args[1], str):
        return args[:1], args[1]
    return args, None


def _keep(r, y, ax):
    return np.expand_dims(np.asarray(r), ax)


def cumtrapz(*args):
    """Octave's ``cumtrapz(y)``/``cumtrapz(x, y)``: running trapezoid integrals from 0;
    ``cumtrapz(y, dim)`` and ``cumtrapz(x, y, dim)`` along dim."""
    args, dim = _dim_form(args)
    x, y = _xy(args, "cumtrapz")
    dim = args[2] if len(args) == 3 else dim
    ax = _first_dim(y, dim)
    mid = 0.5 * (np.take(y, range(1, y.shape[ax]), axis=ax) + np.take(y, range(y.shape[ax] - 1), axis=ax))
    if x is not None:
        dx = np.diff(x.ravel())
        if dx.size != mid.shape[ax]:
            raise ValueError("cumtrapz: length of X and length of Y along DIM must match")
        shape = [1] * y.ndim
        shape[ax] = dx.size
        mid = mid * dx.reshape(shape)
    zero = np.zeros(tuple(1 if k == ax else s for k, s in enumerate(y.shape)))
    return _out(np.concatenate([zero, np.cumsum(mid, axis=ax)], axis=ax))


def _grad1(v, h):
    """Central differences inside, one-sided at the ends; h a scalar step or coordinates."""
    n = v.size
    if n < 2:
        return np.zeros_like(v)
    xs = np.arange(n) * h if np.ndim(h) == 0 else np.asarray(h, dtype=np.float64).ravel()
    g = np.empty(n)
    g[0] = (v[1] - v[0]) / (xs[1] - xs[0])
    g[-1] = (v[-1] - v[-2]) / (xs[-1] - xs[-2])
    g[1:-1] = (v[2:] - v[:-2]) / (xs[2:] - xs[:-2])
    return g


def gradient(m, *spacing, nargout=1):
    """Octave's ``gradient(v[, h])`` for a vector, and ``[dx, dy] = gradient(M[, hx, hy])``
    for a matrix (dx along the columns, dy down the rows)."""
    a = _arr(_num(m)).astype(np.float64)
    hs = [_arr(h).ravel() if np.size(h) > 1 else float(_scalar(h, "gradient")) for h in spacing]
    if a.ndim > 2:
        raise ValueError("gradient: only vectors and matrices are supported")
    if 1 in a.shape:
        g = _grad1(a.ravel(), hs[0] if hs else 1.0)
        return _out(g.reshape(a.shape))
    hx = hs[0] if hs else 1.0
    hy = hs[1] if len(hs) > 1 else hx
    dx = np.apply_along_axis(_grad1, 1, a, hx)
    dy = np.apply_along_axis(_grad1, 0, a, hy)
    return (_out(dx), _out(dy))[:max(nargout, 1)] if nargout > 1 else _out(dx)
