"""Helpers for assignment tests (usable by students too): points, and array comparisons whose
failures say what differs.

    from octakd.course.checks import points, assert_close

    @points(2)
    def test_relu_forward():
        \"\"\"ReLU forward matches max(x, 0)\"\"\"
        assert_close(relu_forward(x), np.maximum(x, 0), "relu_forward(x)")
"""
import numpy as np


def points(n):
    """Mark a test as worth ``n`` points (read by the grader from the source, without import)."""
    def mark(func):
        func.points = n
        return func
    return mark


def assert_close(actual, expected, what, rtol=1e-6, atol=1e-8):
    """Assert that ``actual`` is an array like ``expected`` and equal within tolerances."""
    expected = np.asarray(expected)
    if actual is None:
        raise AssertionError(f"{what} returned None; did you forget `return`?")
    actual = np.asarray(actual)
    if actual.shape != expected.shape:
        raise AssertionError(f"{what} has shape {actual.shape}, expected {expected.shape}")
    if not np.all(np.isfinite(actual)):
        raise AssertionError(f"{what} has NaN or Inf values")
    diff = np.abs(actual.astype(np.float64) - expected)
    bad = diff > atol + rtol * np.abs(expected)
    if bad.any():
        i = np.unravel_index(int(np.argmax(diff)), diff.shape)
        raise AssertionError(f"{what} differs from the reference at {int(bad.sum())} of "
                             f"{bad.size} entries; the largest difference is at index {tuple(map(int, i))}: "
                             f"got {actual[i]!r}, expected {expected[i]!r}")


def rel_error_function(f, x, analytic, h=1e-5):
    """Relative error (cs231n's, over the array) of ``analytic`` against centred differences
    of the scalar function ``f(x)``; ``x`` (float64) is perturbed in place and restored."""
    from ..gradcheck import numerical_gradient, rel_error
    return rel_error(analytic, numerical_gradient(lambda: f(x), x, h))
