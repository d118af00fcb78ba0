"""Public tests of assignment "batchnorm"."""
import numpy as np

from octakd.course.checks import assert_close, points
from octakd.testing import assert_layer_gradients
from batchnorm import MyBatchNorm

rng = np.random.default_rng(0)


@points(2)
def test_training_forward_normalises():
    """forward(training=True): each feature has mean 0 and variance 1 (gamma=1, beta=0)"""
    x = rng.standard_normal((16, 3)) * 5 + 2
    y = MyBatchNorm().forward(x, training=True)
    assert_close(np.mean(y, axis=0), np.zeros(3), "the mean of y", atol=1e-7)
    assert_close(np.var(y, axis=0), np.ones(3), "the variance of y", rtol=1e-3)


@points(3)
def test_gradients_both_modes():
    """backward: numerical gradient checks in training and inference mode"""
    x = rng.standard_normal((6, 4))
    assert_layer_gradients(MyBatchNorm(), x, training=True)
    assert_layer_gradients(MyBatchNorm(), x, training=False)
