"""The gradient checker itself, against hand computation: if it computed the wrong numeric
gradient, or compared with a weak measure, every gradient test built on it would pass a wrong
backward. Polynomials make centred differences exact (up to rounding), so the expected values
are known without any code.
"""
import numpy as np

from octakd.gradcheck import SMOOTH, check_loss, numerical_gradient, rel_error
from octakd.losses import softmax_cross_entropy


def test_centred_difference_of_a_quadratic_is_exact():
    x = np.array([1.0, -2.0, 3.0])
    g = numerical_gradient(lambda: float(np.sum(x ** 2)), x)
    # ((x + h)^2 - (x - h)^2) / (2h) = 2x exactly (rounding aside)
    np.testing.assert_allclose(g, [2.0, -4.0, 6.0], rtol=1e-8)


def test_centred_difference_of_a_cubic_has_the_h_squared_term():
    x = np.array([2.0])
    h = 1e-2
    g = numerical_gradient(lambda: float(x[0] ** 3), x, h=h)
    # ((x + h)^3 - (x - h)^3) / (2h) = 3x^2 + h^2 = 12.0001 (a one-sided step would give 12.06...)
    np.testing.assert_allclose(g, [12.0 + h * h], rtol=1e-10)


def test_numerical_gradient_restores_x_and_honours_indices():
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    before = x.copy()
    g = numerical_gradient(lambda: float(np.sum(x ** 2)), x, indices=[1, 2])
    np.testing.assert_array_equal(x, before)             # bit for bit, not just close
    np.testing.assert_allclose(g, [[0.0, 4.0], [6.0, 0.0]], rtol=1e-8)
    # the perturbation of entry i is gone before entry i+1 is perturbed: f sees one change only
    seen = []
    numerical_gradient(lambda: seen.append(x.copy()) or 0.0, x)
    for k, snap in enumerate(seen):
        assert np.count_nonzero(snap != before) == 1, k


def test_rel_error_is_relative_for_small_gradients():
    # max |a - b| / max(|a| + |b|) = 1e-3 / 3e-3
    assert abs(rel_error(np.array([1e-3]), np.array([2e-3])) - 1 / 3) < 1e-12
    assert abs(rel_error(np.array([1e-6, 0.0]), np.array([0.0, 0.0])) - 1.0) < 1e-12
    assert rel_error(np.zeros(3), np.zeros(3)) == 0.0


def test_check_loss_catches_a_gradient_off_by_a_factor_two_on_small_logits():
    z = np.array([[1e-3, -2e-3, 0.0], [0.0, 1e-3, 5e-4]])
    y = np.array([0, 2])
    assert check_loss(softmax_cross_entropy, z, y) < SMOOTH

    def doubled(logits, labels):
        loss, dz = softmax_cross_entropy(logits, labels)
        return loss, 2 * dz

    assert check_loss(doubled, z, y) > 0.3               # |2g - g| / (|2g| + |g|) = 1/3



class _Tiny:
    """y = 1e-7 x, with a backward that is right (factor 1) or off by ``factor``."""

    def __init__(self, factor):
        from octakd.layers import Layer

        class Tiny(Layer):
            seed_name = "tiny_layer"

            def forward(self, x, training=True):
                return 1e-7 * x

            def backward(self, dy):
                return factor * 1e-7 * dy

        self.layer = Tiny()


def test_tiny_gradients_are_still_checked_relatively():
    """ABS_TOL (1e-10) forgives only rounding noise: a layer whose gradients are about 1e-7
    and off by a factor 2 (differences of about 1e-7) must still fail."""
    from octakd.gradcheck import gradcheck_layer
    x = np.random.default_rng(0).standard_normal((3, 4))
    assert gradcheck_layer(_Tiny(1.0).layer, x).passed
    report = gradcheck_layer(_Tiny(2.0).layer, x)
    assert not report.passed
    assert report.checks[0].error > 0.3                  # |2g - g| / (|2g| + |g|) = 1/3
