"""The search algorithms of GNU Octave 7's ``fzero`` and ``fminsearch``, step for step.

SciPy's ``brentq`` and Nelder-Mead reach the same tolerances as Octave's solvers but through
other points, so a script that prints a minimiser's result to 4 decimals printed other digits
than Octave (``x(2) = -1.0000`` for Octave's ``-0.9999``). These two functions follow the
algorithms Octave's m-files use, in the same order of floating-point operations, so the iterates,
the counts and the printed results are Octave's.

``nelder_mead(fun, x0, ...)``: Octave's ``fminsearch`` is N. J. Higham's ``nmsmax`` (a
Nelder-Mead simplex that *maximises* ``-fun``):

* start: ``x0`` and n more vertices of a regular simplex of side ``max(norm(x0, Inf), 1)``:
  ``alpha = scale / (n*sqrt(2)) * [sqrt(n+1)-1+n, sqrt(n+1)-1]``, vertex j = ``x0 + alpha(2)``
  in every coordinate except the j-th, which is ``x0(j) + alpha(1)``;
* the vertices kept sorted by value, best first (a stable ascending sort of ``-f``, reversed);
* each step: reflect the worst vertex through the centroid ``vbar`` of the others
  (``vr = 2*vbar - v_worst``); expand (``2*vr - vbar``) when the reflection beats the best,
  else contract towards ``vbar`` (``(vt + vbar)/2``) when it does not beat the second worst,
  and shrink every vertex half way to the best when the contraction fails too;
* stop when the simplex's relative size ``norm(V(:,2:end) - v1, 1) / max(1, norm(v1, 1))`` is
  at most TolX and the spread of values ``max(abs(f1 - f(2:end)))`` at most TolFun, or after
  MaxIter steps or MaxFunEvals evaluations (200 n each by default).

``zero_in_bracket(fun, x0, ...)``: Octave's ``fzero`` is Alefeld, Potra and Shi's enclosing
method (ACM TOMS 748, algorithm 4.2): a bracket ``[a, b]`` with a sign change (searched for
around a scalar ``x0``), narrowed by a secant step, then by inverse cubic (or quadratic, with
Newton steps) interpolation, a double-length secant step and bisection in turn, each new point
kept ``delta`` inside the bracket; it stops when the bracket is shorter than
``2*(2*abs(u)*eps + TolX)``.

Both call ``fun`` exactly where Octave does, so a function that prints shows the same lines.
"""
import numpy as np

from .functions import OctaveError
from .norms import sequential_1norm

EPS = float(np.finfo(np.float64).eps)
_SEARCH_STEPS = (-.01, +.025, -.05, +.10, -.25, +.50, -1, +2.5, -5, +10, -50, +100, -500,
                 +1000)


def _display_level(display):
    levels = {"iter": 1, "final": 2, "notify": 3, "off": 0, "none": 0}
    key = str(display).lower()
    if key not in levels:
        return 0                                  # Octave: any other value is "none"
    return levels[key]


# ------------------------------------------------------------------------------ fminsearch
def _sorted_best_first(f, V):
    """Sort the vertices by ``f`` (values of ``-fun``) descending, as Octave's
    ``[~, j] = sort(f); j = j(end:-1:1)`` does (ties: the later vertex first)."""
    order = np.argsort(f, kind="stable")[::-1]
    return f[order], V[:, order]


def nelder_mead(fun, x0, *, tolx=1e-4, tolf=1e-4, maxiter=None, maxfev=None,
                display="notify"):
    """Minimise ``fun`` from ``x0`` (any shape; ``fun`` gets arrays of that shape) as Octave's
    fminsearch does. Returns ``(x, exitflag, iterations, evaluations, message)`` with ``x`` a
    flat float64 vector (column-major order of x0)."""
    from .text import printf, sprintf
    start = np.asarray(x0, dtype=np.float64).ravel(order="F")
    n = start.size
    maxiter = 200 * n if maxiter is None else maxiter
    maxfev = 200 * n if maxfev is None else maxfev
    trace = _display_level(display)

    def value(v):                                      # dirn * fun(x), with dirn = -1
        return -float(np.real(fun(v)))

    V = np.zeros((n, n + 1))
    f = np.zeros(n + 1)
    V[:, 0] = start
    f[0] = value(start)
    fmax_old = f[0]
    evaluations = 1
    if trace == 1:
        printf("f(x0) = %9.4e\n", -f[0])
    scale = max(float(np.max(np.abs(start))) if n else 0.0, 1.0)
    root = np.sqrt(n + 1.0)
    step = scale / (n * np.sqrt(2.0))
    alpha_own, alpha_other = step * (root - 1 + n), step * (root - 1)
    for j in range(1, n + 1):
        V[:, j] = start + alpha_other
        V[j - 1, j] = start[j - 1] + alpha_own
        f[j] = value(V[:, j].copy())
    evaluations += n
    how = "initial  "
    f, V = _sorted_best_first(f, V)

    k, exitflag = 0, 0
    while True:
        k += 1
        if k > maxiter:
            message = "Exceeded maximum iterations\n"
            break
        fmax = f[0]
        if trace == 1:
            printf("Iter. %2.0f,", k)
            printf("  how = %-11s", how + ",")
            printf("nf = %3.0f,  f = %9.4e  (%2.1f%%)\n", evaluations, -fmax,
                   100 * (fmax - fmax_old) / (abs(fmax_old) + EPS))
        fmax_old = fmax
        if evaluations >= maxfev:
            message = "Exceeded maximum number of function evaluations\n"
            break
        v1 = V[:, 0]
        spread = V[:, 1:] - v1[:, None]         # norm(..., 1): the largest column 1-norm
        size = max(sequential_1norm(spread[:, j]) for j in range(n)) if n else 0.0
        size /= max(1.0, sequential_1norm(v1))
        step_f = float(np.max(np.abs(f[0] - f[1:]))) if n else 0.0
        if size <= tolx and step_f <= tolf:
            message = sprintf("Algorithm converged.  Simplex size %9.4e <= %9.4e and step in "
                              "function value %9.4e <= %9.4e\n", size, tolx, step_f, tolf)
            exitflag = 1
            break
        vbar = np.zeros(n)                             # sum(V(:,1:n)')/n, vertex by vertex
        for j in range(n):
            vbar = vbar + V[:, j]
        vbar = vbar / n
        vr = 2 * vbar - 1 * V[:, n]                    # (1 + alpha)*vbar - alpha*V(:,n+1)
        fr = value(vr)
        evaluations += 1
        vk, fk, how = vr, fr, "reflect"
        if fr > f[n - 1]:
            if fr > f[0]:
                ve = 2 * vr + (1 - 2) * vbar           # gamma*vr + (1-gamma)*vbar
                fe = value(ve)
                evaluations += 1
                if fe > f[0]:
                    vk, fk, how = ve, fe, "expand"
        else:
            vt, ft = V[:, n], f[n]
            if fr > ft:
                vt, ft = vr, fr
            vc = 0.5 * vt + (1 - 0.5) * vbar           # beta*vt + (1-beta)*vbar
            fc = value(vc)
            evaluations += 1
            if fc > f[n - 1]:
                vk, fk, how = vc, fc, "contract"
            else:
                for j in range(1, n):
                    V[:, j] = (V[:, 0] + V[:, j]) / 2
                    f[j] = value(V[:, j].copy())
                evaluations += n - 1
                vk = (V[:, 0] + V[:, n]) / 2
                fk = value(vk)
                evaluations += 1
                how = "shrink"
        V[:, n] = vk
        f[n] = fk
        f, V = _sorted_best_first(f, V)
    if trace in (1, 2) or (trace == 3 and exitflag != 1):
        printf(message.replace("%", "%%"))
    return V[:, 0].copy(), exitflag, k, evaluations, message


# ------------------------------------------------------------------------------ fzero
def _sign(v):
    return float(np.sign(v))


def _distinct(values):
    """``length(unique([...]))``: NaNs count one each, as in Octave."""
    nans = sum(1 for v in values if v != v)
    return len({v for v in values if v == v}) + nans


def zero_in_bracket(fun, x0, *, tolx=EPS, maxiter=np.inf, maxfev=np.inf, display="notify"):
    """A zero of the scalar function ``fun`` as Octave's fzero finds it. ``x0`` is a bracket
    ``[a, b]`` or a start point. Returns ``(x, fval, info, iterations, evaluations, a, b, fa,
    fb)``; info is 1 (converged), 0 (limits reached), -5 (a singular point)."""
    with np.errstate(all="ignore"):           # x/0 is Inf or NaN, as in Octave
        return _zero_in_bracket(lambda t: np.float64(fun(t)), x0, np.float64(tolx), maxiter,
                                maxfev, _display_level(display))


def _zero_in_bracket(fun, x0, tolx, maxiter, maxfev, displev):
    from .text import printf
    x0 = np.asarray(x0, dtype=np.float64).ravel(order="F")
    mu = 0.5
    info, niter = 0, 0
    x = fval = np.nan
    a = x0[0]
    fa = fun(a)
    nfev = 1
    if x0.size > 1:
        b = x0[1]
        fb = fun(b)
        nfev += 1
    else:
        row = " %4d   %13.6g %13.6g %13.6g %13.6g   %s\n"
        if displev == 1:
            printf("\nSearch for an interval around %g containing a sign change:\n", a)
            printf(" Func-count    a          f(a)             b          ")
            printf("f(b)        Procedure\n")
            printf(row, nfev, a, fa, a, fa, "initial interval")
        aa = (0.1 if a == 0 else _sign(a) * 0.1) if abs(a) < .001 else a
        for srch in _SEARCH_STEPS:
            b = aa + aa * srch
            fb = fun(b)
            nfev += 1
            if displev == 1:
                printf(row, nfev, a, fa, b, fb, "search")
            if _sign(fa) * _sign(fb) <= 0:
                break
    if b < a:
        a, b, fa, fb = b, a, fb, fa
    if not _sign(fa) * _sign(fb) <= 0:
        raise OctaveError("Octave:fzero:bracket", "fzero: not a valid initial bracketing")
    row = " %4d   %13.6g %13.6g        %s\n"
    if displev == 1:
        printf("\nSearch for a zero in the interval [%g, %g]:\n", a, b)
        printf(" Func-count    x          f(x)             Procedure\n")
    slope0 = (fb - fa) / (b - a)
    if fa == 0:
        b, fb = a, fa
    elif fb == 0:
        a, fa = b, fb
    itype = 1
    u, fu = (a, fa) if abs(fa) < abs(fb) else (b, fb)
    if displev == 1:
        printf(row, nfev, u, fu, "initial")
    d = e = u
    fd = fe = fu
    mba = mu * (b - a)
    c = np.nan
    while niter < maxiter and nfev < maxfev:
        if itype == 1:
            if b - a <= 2 * (2 * abs(u) * EPS + tolx):    # the secant step
                x, fval, info = u, fu, 1
                break
            if abs(fa) <= 1e3 * abs(fb) and abs(fb) <= 1e3 * abs(fa):
                c = u - (a - b) / (fa - fb) * fu
            else:
                c = 0.5 * (a + b)
            d, fd = u, fu
            itype = 5
        elif itype in (2, 3):                             # inverse cubic interpolation
            distinct = _distinct([fa, fb, fd, fe])
            if distinct == 4:
                q11 = (d - e) * fd / (fe - fd)
                q21 = (b - d) * fb / (fd - fb)
                q31 = (a - b) * fa / (fb - fa)
                d21 = (b - d) * fd / (fd - fb)
                d31 = (a - b) * fb / (fb - fa)
                q22 = (d21 - q11) * fb / (fe - fb)
                q32 = (d31 - q21) * fa / (fd - fa)
                d32 = (d31 - q21) * fd / (fd - fa)
                q33 = (d32 - q22) * fa / (fe - fa)
                c = a + q31 + q32 + q33
            if distinct < 4 or _sign(c - a) * _sign(c - b) > 0:
                a0 = fa                                    # quadratic, with Newton steps
                a1 = (fb - fa) / (b - a)
                a2 = ((fd - fb) / (d - b) - a1) / (d - a)
                c = a - a0 / a1
                if a2 != 0:
                    c = a - a0 / a1
                    for _ in range(itype):
                        pc = a0 + (a1 + a2 * (c - b)) * (c - a)
                        pdc = a1 + a2 * (2 * c - a - b)
                        if pdc == 0:
                            c = a - a0 / a1
                            break
                        c -= pc / pdc
            itype += 1
        elif itype == 4:                                  # double-length secant step
            c = u - 2 * (b - a) / (fb - fa) * fu
            if abs(c - u) > 0.5 * (b - a):
                c = 0.5 * (b + a)
            itype = 5
        else:                                             # bisection
            c = 0.5 * (b + a)
            itype = 2
        delta = 2 * 0.7 * (2 * abs(u) * EPS + tolx)
        if (b - a) <= 2 * delta:
            c = (a + b) / 2
        else:
            c = max(a + delta, min(b - delta, c))
        x = c
        fval = fc = fun(c)
        niter += 1
        nfev += 1
        if displev == 1:
            printf(row, nfev, x, fc, "interpolation")
        if _sign(fc - fa) * _sign(fc - fb) >= 0:
            fe = fc
        else:
            e, fe = d, fd
        if _sign(fa) * _sign(fc) < 0:
            d, fd = b, fb
            b, fb = c, fc
        elif _sign(fb) * _sign(fc) < 0:
            d, fd = a, fa
            a, fa = c, fc
        elif fc == 0:
            a = b = c
            fa = fb = fc
            info = 1
            break
        else:
            raise OctaveError("Octave:fzero:bracket", "fzero: zero point is not bracketed")
        u, fu = (a, fa) if abs(fa) < abs(fb) else (b, fb)
        if b - a <= 2 * (2 * abs(u) * EPS + tolx):
            info = 1
            break
        if itype == 5 and (b - a) <= mba:
            itype = 2
        if itype == 2:
            mba = mu * (b - a)
    if info == 1 and (b - a) != 0 and \
            abs((fb - fa) / (b - a) / slope0) > max(1e6, 0.5 / (EPS + tolx)):
        info = -5
    if displev != 0:
        if info == 1 and displev != 3:
            printf("\nAlgorithm converged.\n\n")
        elif info == -5:
            printf("\nAlgorithm seemingly converged to a singular point.\n\n")
        elif info not in (1, -5):
            printf("\nMaximum number of iterations or function evaluations reached.\n\n")
    return x, fval, info, niter, nfev, a, b, fa, fb


# ------------------------------------------------------------------------------ fminbnd
def bounded_minimum(fun, a, b, *, tolx=1e-4, maxiter=500, maxfev=500, display="notify"):
    """The minimum of the scalar function ``fun`` on ``[a, b]`` as Octave's fminbnd finds it:
    Brent's golden-section search with parabolic steps. Each step tries the minimum of the
    parabola through the three best points x, w, v when it falls inside the bracket and moves
    less than half the step before last; otherwise a golden step ``c = (3 - sqrt(5))/2`` of the
    larger part. It stops when ``abs(x - (a+b)/2) <= 2*tol - (b-a)/2`` with
    ``tol = 2*eps*abs(x) + TolX/3``. Returns ``(x, fval, info, iterations, evaluations, a, b)``."""
    with np.errstate(all="ignore"):
        return _bounded_minimum(lambda t: np.float64(fun(t)), np.float64(a), np.float64(b),
                                np.float64(tolx), maxiter, maxfev, str(display))


def _bounded_minimum(fun, a, b, tolx, maxiter, maxfev, display):
    from .strings import int2str
    from .text import num2str, printf
    info = niter = 0
    c = 0.5 * (3 - np.sqrt(5.0))
    v = a + c * (b - a)
    w = x = v
    e = d = np.float64(0.0)
    fv = fw = fval = fun(x)
    nfev = 1
    rows = [[nfev, x, fval, "initial"]]       # Octave's iter(k): the first row is overwritten
    while niter < maxiter and nfev < maxfev:
        xm = 0.5 * (a + b)
        tol = 2 * EPS * abs(x) + tolx / 3
        if abs(x - xm) <= (2 * tol - 0.5 * (b - a)):
            info = 1
            break
        golden = True
        if abs(e) > tol:
            procedure = "parabolic"
            r = (x - w) * (fval - fv)
            q = (x - v) * (fval - fw)
            p = (x - v) * q - (x - w) * r
            q = 2 * (q - r)
            p *= -np.sign(q)
            q = abs(q)
            r = e
            e = d
            if abs(p) < abs(0.5 * q * r) and p > q * (a - x) and p < q * (b - x):
                golden = False
                d = p / q
                u = x + d
                if min(u - a, b - u) < 2 * tol:
                    d = tol * (np.sign(xm - x) + (xm == x))
        if golden:
            procedure = "golden"
            e = a - x if x >= xm else b - x
            d = c * e
        u = x + max(abs(d), tol) * (np.sign(d) + (d == 0))
        fu = fun(u)
        niter += 1
        row = [nfev, u, fu, procedure]
        nfev += 1
        if niter == 1:
            rows[0] = row
        else:
            rows.append(row)
        if fu < fval:
            if u < x:
                b = x
            else:
                a = x
            v, fv = w, fw
            w, fw = x, fval
            x, fval = u, fu
        else:
            if u < x:
                a = u
            else:
                b = u
            if fu <= fw or w == x:
                v, fv = w, fw
                w, fw = u, fu
            elif fu <= fv or v == x or v == w:
                v, fv = u, fu
    rows[0][3] = "initial"

    def exit_message(with_tolx):
        if info == 1:
            printf("Optimization terminated:\n")
            printf(" the current x satisfies the termination criteria using OPTIONS.TolX of "
                   "%e\n", tolx)
        else:
            printf("Exiting: Maximum number of iterations has been exceeded\n")
            printf("         - increase MaxIter option.\n")
            printf("         Current function value: %.6f\n", fval)
        printf("\n")

    if display == "iter":
        printf("\n Func-count     x          f(x)         Procedure\n")
        for count, at, value, procedure in rows:
            printf("%5.5s        %7.7s    %8.8s\t%s\n", int2str(count), num2str(at, "%.5f"),
                   num2str(value, "%.6f"), procedure)
        printf("\n")
        exit_message(True)
    elif display == "notify":
        if info == 0:
            exit_message(False)
    elif display == "final":
        exit_message(True)
    elif display != "off":
        from .errors import warning
        warning("fminbnd: unknown option for Display: '%s'", display)
    return x, fval, info, niter, nfev, a, b
