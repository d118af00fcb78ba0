"""pytest helpers for course repositories and user layers.

    from octakd.testing import assert_layer_gradients
    def test_my_tanh():
        assert_layer_gradients(MyTanh(), np.random.default_rng(0).standard_normal((4, 5)))
"""
from .gradcheck import SMOOTH, GradcheckError, gradcheck_layer


def assert_layer_gradients(layer, x, training=None, threshold=SMOOTH, seed=0, max_checks=None):
    """Gradient-check ``layer`` at ``x`` (see octakd.gradcheck.gradcheck_layer) and raise
    AssertionError with the report (or the contract violation) unless every array passes.
    Returns the report."""
    try:
        report = gradcheck_layer(layer, x, training, threshold, seed, max_checks=max_checks)
    except GradcheckError as exc:
        raise AssertionError(str(exc)) from None
    if not report.passed:
        raise AssertionError("\n" + report.format())
    return report
