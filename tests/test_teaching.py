"""Teaching content: the naive max-pool loops against the vectorised kernel, and what
Dense.backward's grads may alias."""
import numpy as np
import pytest

from octakd.kernels import geometry, pool_numpy
from octakd.kernels.pool_numpy import (maxpool2d_backward, maxpool2d_backward_naive,
                                       maxpool2d_forward, maxpool2d_forward_naive)


# -- naive max-pool ------------------------------------------------------------------------------
def _random_case(rng):
    """A random shape, window and stride (overlapping, rectangular, clamped windows included)."""
    N, C = rng.integers(1, 4), rng.integers(1, 4)
    H, W = rng.integers(1, 10), rng.integers(1, 10)
    pool = (int(rng.integers(1, 5)), int(rng.integers(1, 5)))
    stride = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
    pool, _ = geometry.pool_geometry((H, W), pool, stride)
    return (int(N), int(C), int(H), int(W)), pool, stride


@pytest.mark.parametrize("values", ["normal", "ties", "nan"])
@pytest.mark.parametrize("seed", range(12))
def test_naive_maxpool_equals_the_vectorised_one(seed, values):
    rng = np.random.default_rng(seed)
    shape, pool, stride = _random_case(rng)
    if values == "normal":
        x = rng.standard_normal(shape)
    else:                                       # small integers: many windows with tied maxima
        x = rng.integers(0, 3, size=shape).astype(np.float64)
        if values == "nan":
            x[rng.random(shape) < 0.3] = np.nan
    y, argmax = maxpool2d_forward(x, pool, stride)
    np.testing.assert_array_equal(maxpool2d_forward_naive(x, pool, stride), y)
    dy = rng.standard_normal(y.shape)
    np.testing.assert_allclose(maxpool2d_backward_naive(dy, x, pool, stride),
                               maxpool2d_backward(dy, argmax, x.shape), rtol=1e-12, atol=1e-12)


def test_naive_maxpool_by_hand():
    """The documented tie policy, by hand: the first maximum in row-major order gets the whole
    gradient; overlapping windows add up; NaN never wins."""
    x = np.array([[[[1.0, 3.0, 3.0],
                    [3.0, 2.0, 3.0]]]])
    y = maxpool2d_forward_naive(x, (2, 2), (1, 1))
    np.testing.assert_array_equal(y, [[[[3.0, 3.0]]]])
    dx = maxpool2d_backward_naive(np.array([[[[1.0, 10.0]]]]), x, (2, 2), (1, 1))
    np.testing.assert_array_equal(dx, [[[[0.0, 11.0, 0.0], [0.0, 0.0, 0.0]]]])
    nan = np.nan
    x = np.array([[[[nan, 1.0], [2.0, nan]]]])
    assert maxpool2d_forward_naive(x, (2, 2), (2, 2))[0, 0, 0, 0] == 2.0
    np.testing.assert_array_equal(maxpool2d_backward_naive(np.ones((1, 1, 1, 1)), x, (2, 2), (2, 2)),
                                  [[[[0.0, 0.0], [1.0, 0.0]]]])


def test_naive_functions_live_beside_the_vectorised_ones():
    assert pool_numpy.maxpool2d_forward_naive is maxpool2d_forward_naive
    assert "naive" in pool_numpy.__doc__
