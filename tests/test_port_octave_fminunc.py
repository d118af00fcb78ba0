"""fminunc's building blocks (runtime/octave_fminunc.py) against independent oracles; the whole
method against GNU Octave 7.3 is the probe tests/port_probes/optim_octave_fminunc."""
import math

import numpy as np
import pytest

from octakd.port.runtime.octave_fminunc import (_dogleg, _rotation, cholesky_downdate,
                                                cholesky_update, trust_region_minimum)


def _factor(rng, n):
    a = rng.normal(size=(n, n))
    return np.linalg.cholesky(a @ a.T + n * np.eye(n)).T          # upper, R'R = A


@pytest.mark.parametrize("f, g", [(3.0, 4.0), (-3.0, 4.0), (0.0, -2.0), (5.0, 0.0),
                                  (1e-300, 1e-300), (1e300, -1e300)])
def test_rotation_zeroes_the_second_component(f, g):
    c, s, r = _rotation(f, g)
    assert math.isclose(c * c + s * s, 1.0, rel_tol=1e-15)
    assert math.isclose(c * f + s * g, r, rel_tol=1e-14)
    assert abs(-s * f + c * g) <= 1e-14 * max(abs(f), abs(g))


@pytest.mark.parametrize("n", [1, 2, 5])
def test_cholesky_update_and_downdate_change_rtr_by_uut(n):
    rng = np.random.default_rng(n)
    R, u = _factor(rng, n), rng.normal(size=n)
    up = cholesky_update(R, u)
    assert np.allclose(np.triu(up), up) and np.allclose(up.T @ up, R.T @ R + np.outer(u, u))
    down, info = cholesky_downdate(up, u)
    assert info == 0 and np.allclose(down.T @ down, R.T @ R)
    big, info = cholesky_downdate(R, 10 * np.sqrt(n) * np.abs(R).max() * np.ones(n))
    assert info == 1 and np.array_equal(big, R)                  # not positive definite


def test_dogleg_inside_the_region_is_the_newton_step():
    r = np.array([[2.0, 1.0], [0.0, 3.0]])
    g = np.array([1.0, -2.0])
    newton = np.linalg.solve(r.T @ r, g)
    assert np.allclose(_dogleg(r, g, np.ones(2), 10.0), newton)
    short = _dogleg(r, g, np.ones(2), 0.1)
    assert math.isclose(np.linalg.norm(short), 0.1, rel_tol=1e-12)


def test_minimises_a_quadratic_with_and_without_the_gradient():
    target = np.array([3.0, -1.0])
    value = lambda x: float(np.sum((x - target) ** 2) + x[0] * x[1])       # noqa: E731
    both = lambda x: (value(x), 2 * (x - target) + x[::-1])                 # noqa: E731
    exact = np.linalg.solve([[2.0, 1.0], [1.0, 2.0]], 2 * target)
    for has_grad in (True, False):
        x, fval, info, niter, nsuc, nfev, grad = trust_region_minimum(
            value, both, np.zeros(2), has_grad=has_grad)
        # info 3 stops on a small relative reduction (1e-7), as Octave does: x to about 1e-4
        assert info in (1, 2, 3) and np.allclose(x, exact, atol=1e-3) and niter > 1
