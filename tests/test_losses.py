"""Losses: values against an independent formula, gradients, and stability at the extremes."""
import numpy as np
import pytest
from scipy.special import log_softmax as scipy_log_softmax

from octakd import losses
from octakd.gradcheck import SMOOTH, check_loss


def reference_kd(z, t, y, T, alpha):
    """The distillation loss written from scipy's log-softmax, in float64."""
    logq, logp = scipy_log_softmax(z / T, axis=1), scipy_log_softmax(t / T, axis=1)
    kl = np.sum(np.exp(logp) * (logp - logq)) / len(z)
    ce = -np.mean(scipy_log_softmax(z, axis=1)[np.arange(len(y)), y])
    return alpha * T * T * kl + (1 - alpha) * ce


def test_cross_entropy_value_and_gradient(rng):
    z = rng.standard_normal((6, 5))
    y = rng.integers(0, 5, 6)
    loss, dz = losses.softmax_cross_entropy(z, y)
    assert loss == pytest.approx(-np.mean(scipy_log_softmax(z, axis=1)[np.arange(6), y]), rel=1e-12)
    assert check_loss(losses.softmax_cross_entropy, z, y) <= SMOOTH
    np.testing.assert_allclose(dz.sum(axis=1), 0, atol=1e-12)


@pytest.mark.parametrize("T", [0.05, 0.5, 1.0, 4.0, 20.0, 100.0])
@pytest.mark.parametrize("alpha", [0.0, 0.5, 0.9, 1.0])
def test_distillation_value_and_gradient(T, alpha, rng):
    z, t = rng.standard_normal((5, 4)) * 2, rng.standard_normal((5, 4)) * 2
    y = rng.integers(0, 4, 5)
    loss, _ = losses.distillation_loss(z, t, y, T, alpha)
    assert loss == pytest.approx(reference_kd(z, t, y, T, alpha), rel=1e-9, abs=1e-12)
    assert check_loss(losses.distillation_loss, z, t, y, T, alpha) <= SMOOTH


@pytest.mark.parametrize("T", [0.05, 1.0, 100.0])
def test_extreme_logits_stay_finite_and_correct(T, rng):
    z = rng.choice([-1e4, 0.0, 1e4], size=(4, 6)) + rng.standard_normal((4, 6))
    t = rng.choice([-1e4, 0.0, 1e4], size=(4, 6))
    y = rng.integers(0, 6, 4)
    for dtype in (np.float64, np.float32):
        loss, dz = losses.distillation_loss(z.astype(dtype), t.astype(dtype), y, T, 0.5)
        assert np.isfinite(loss) and np.all(np.isfinite(dz))
        assert dz.dtype == dtype
    loss64, _ = losses.distillation_loss(z, t, y, T, 0.5)
    assert loss64 == pytest.approx(reference_kd(z, t, y, T, 0.5), rel=1e-9)
    ce, dce = losses.softmax_cross_entropy(z, y)
    assert np.isfinite(ce) and np.all(np.isfinite(dce))


def test_identical_logits_give_zero_soft_term(rng):
    z = rng.standard_normal((3, 5))
    loss, dz = losses.distillation_loss(z, z.copy(), None, 4.0, 1.0)
    assert loss == pytest.approx(0.0, abs=1e-12)
    np.testing.assert_allclose(dz, 0, atol=1e-12)


def test_soft_gradient_scale_is_T_times_difference(rng):
    """d(T^2 KL)/dz = T (q - p) / N: the reason for the T^2 factor."""
    z, t = rng.standard_normal((2, 3)), rng.standard_normal((2, 3))
    T = 5.0
    _, dz = losses.distillation_loss(z, t, None, T, 1.0)
    q, p = losses.softmax(z, T), losses.softmax(t, T)
    np.testing.assert_allclose(dz, T * (q - p) / 2, rtol=1e-12)
