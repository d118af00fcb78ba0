"""Public tests of assignment "distillation"."""
import numpy as np

from octakd.course.checks import assert_close, points, rel_error_function
from kd import distillation_loss, softmax_t

rng = np.random.default_rng(15)


@points(1)
def test_softmax_t():
    """softmax_t: rows sum to 1, a higher T is softer, large logits stay finite"""
    z = np.array([[1.0, 2.0, 3.0], [1000.0, 0.0, -1000.0]])
    p1, p4 = softmax_t(z, 1.0), softmax_t(z, 4.0)
    assert_close(p1.sum(axis=1), [1.0, 1.0], "softmax_t(z).sum(axis=1)")
    assert np.all(np.isfinite(p1)), "softmax_t overflows on logits of 1000: subtract the row max"
    assert p4[0].max() < p1[0].max(), "softmax_t(z, 4) should be softer (flatter) than T=1"


@points(2)
def test_loss_gradcheck():
    """distillation_loss: the gradient matches centred differences (T=3, alpha=0.7)"""
    s, t = rng.standard_normal((4, 5)), rng.standard_normal((4, 5)) * 2
    y = rng.integers(0, 5, 4)
    _, grad = distillation_loss(s, t, y, 3.0, 0.7)
    err = rel_error_function(lambda z: distillation_loss(z, t, y, 3.0, 0.7)[0], s, grad)
    assert err < 1e-7, f"distillation_loss: gradient relative error {err:.2e} (should be < 1e-7)"
