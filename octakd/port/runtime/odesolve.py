"""The step-by-step integrator behind ``ode45``: the Dormand-Prince 5(4) pair with GNU Octave's
step-size control, so that ``[t, y] = ode45(f, [t0 t1], y0)`` returns the same steps as Octave.

One step from (t, x) with size h evaluates k1..k7 (k1 is the previous step's k7, "first same as
last") and forms the 5th-order solution x + h * sum(c_i k_i) and the 4th-order estimate
x + h * sum(c'_i k_i). The step is accepted when

    err = max_i |x_new_i - x_est_i| / max(AbsTol, RelTol * max(|x_new_i|, |x_old_i|)) <= 1,

and the next size is h * min(1.5, max(0.8, 0.38^(1/6) * err^(-1/6))), at most MaxStep
(0.1 * |t1 - t0| by default) and never past t1. The first size comes from Hairer's estimate.
Times are summed with Kahan's compensation. With more than two times in tspan, the solution at
each of them is the quartic Hermite interpolant of the step that covers it.
"""
import numpy as np

# The Dormand-Prince tableau.
_A = [[], [1 / 5], [3 / 40, 9 / 40], [44 / 45, -56 / 15, 32 / 9],
      [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
      [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656]]
_B = [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1]
_C = np.array([35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84])
_C_EST = np.array([5179 / 57600, 0, 7571 / 16695, 393 / 640, -92097 / 339200, 187 / 2100, 1 / 40])
# the solution at the middle of a step, for the quartic interpolant
_HALF = np.array([6025192743 / 30085553152, 0, 51252292925 / 65400821598,
                  -2691868925 / 45128329728, 187940372067 / 1594534317056,
                  -1776094331 / 19743644256, 11237099 / 235043384])
ORDER = 5
MAX_REJECTS = 5000


def _norm(x, x_old, atol, rtol, y=None):
    """Octave's AbsRel_norm (element-wise control): max |x - y| / max(atol, rtol*max(|x|, |x_old|))."""
    scale = np.maximum(atol, rtol * np.maximum(np.abs(x), np.abs(x_old)))
    diff = x if y is None else x - y
    return float(np.max(np.abs(diff) / scale))


def starting_step(f, t0, x0, atol, rtol):
    """Hairer's first step size for a method of order 5, as Octave's starting_stepsize."""
    d0 = _norm(x0, x0, atol, rtol)
    y = f(t0, x0)
    d1 = _norm(y, y, atol, rtol)
    h0 = 1e-6 if d0 < 1e-5 or d1 < 1e-5 else 0.01 * (d0 / d1)
    yh = f(t0 + h0, x0 + h0 * y)
    d2 = _norm(yh - y, yh - y, atol, rtol) / h0
    big = max(d1, d2)
    h1 = max(1e-6, h0 * 1e-3) if big <= 1e-15 else (1e-2 / big) ** (1 / (ORDER + 1))
    return min(100 * h0, h1)


def _step(f, t, x, h, k_prev, t_next):
    """One Dormand-Prince step: (5th-order x_next, 4th-order estimate, the 7 slopes as columns)."""
    k = np.zeros((x.size, 7))
    k[:, 0] = k_prev[:, -1] if k_prev is not None else f(t, x)
    for i in range(1, 6):
        k[:, i] = f(t + h * _B[i], x + k[:, :i] @ (h * np.array(_A[i])))
    x_next = x + k[:, :6] @ (h * _C)
    k[:, 6] = f(t_next, x_next)
    return x_next, x + k @ (h * _C_EST), k


def _interpolate(t0, t1, x0, x1, k, ts):
    """The quartic Hermite interpolant of a step at the times ts (one column per time)."""
    h = t1 - t0
    mid = x0 + 0.5 * h * (k @ _HALF)
    s = (np.asarray(ts) - t0) / h
    return (np.outer(x0, 1 - 11 * s ** 2 + 18 * s ** 3 - 8 * s ** 4)
            + np.outer(h * k[:, 0], s - 4 * s ** 2 + 5 * s ** 3 - 2 * s ** 4)
            + np.outer(mid, 16 * s ** 2 - 32 * s ** 3 + 16 * s ** 4)
            + np.outer(x1, -5 * s ** 2 + 14 * s ** 3 - 8 * s ** 4)
            + np.outer(h * k[:, -1], s ** 2 - 3 * s ** 3 + 2 * s ** 4))


def integrate(f, tspan, x0, atol=1e-6, rtol=1e-3, max_step=None, first_step=None, max_calls=None):
    """Integrate dx/dt = f(t, x) over tspan from the column x0; return (t, X) with X[:, j] the
    solution at t[j]: every accepted step for a 2-element tspan, else the times of tspan."""
    tspan = np.asarray(tspan, dtype=np.float64)
    direction = 1.0 if tspan[-1] >= tspan[0] else -1.0
    fixed = tspan.size > 2
    max_step = 0.1 * abs(tspan[-1] - tspan[0]) if max_step is None else max_step
    h = first_step if first_step is not None else starting_step(f, tspan[0], x0, atol, rtol)
    h = direction * min(abs(h), max_step)
    fac = 0.38 ** (1 / (ORDER + 1))
    times, values = [tspan[0]], [x0]
    t_old, x_old, comp, k_prev, rejects, caught_to = tspan[0], x0, 0.0, None, 0, 1
    while direction * t_old < direction * tspan[-1]:
        y = h - comp                          # Kahan's compensated sum t_old + h
        t_new = t_old + y
        comp = (t_new - t_old) - y
        x_new, x_est, k = _step(f, t_old, x_old, h, k_prev, t_new)
        err = _norm(x_new, x_old, atol, rtol, x_est)
        if err <= 1:
            rejects = 0
            if fixed:
                rest = tspan[caught_to:]
                hit = np.flatnonzero((direction * rest > direction * t_old) &
                                     (direction * rest <= direction * t_new))
                if hit.size:
                    chosen = rest[hit]
                    block = _interpolate(t_old, t_new, x_old, x_new, k, chosen)
                    times.extend(chosen.tolist())
                    values.extend(block.T)
                    caught_to += int(hit.max()) + 1
            else:
                times.append(t_new)
                values.append(x_new)
            t_old, x_old, k_prev = t_new, x_new, k
        else:
            rejects += 1
            if rejects >= MAX_REJECTS:
                raise ValueError(f"ode45: Solving was not successful. The iterative integration "
                                 f"loop exited at time t = {t_old:f} before the endpoint at "
                                 f"tend = {tspan[-1]:f} was reached.")
        err += np.finfo(np.float64).eps
        h *= min(1.5, max(0.8, fac * (1 / err) ** (1 / (ORDER + 1))))
        h = direction * min(abs(h), max_step)
        if not abs(h) > np.spacing(abs(times[-1])):
            break
        h = direction * min(abs(h), abs(tspan[-1] - t_old))
    return np.array(times), np.column_stack(values)
