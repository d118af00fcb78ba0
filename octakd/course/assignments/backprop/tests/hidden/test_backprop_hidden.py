"""Hidden tests of assignment "backprop": comparison with octakd's reference kernels."""
import numpy as np

from octakd.course.checks import assert_close, points, rel_error_function
from octakd.kernels import conv_numpy, pool_numpy
from octakd.losses import softmax_cross_entropy as reference_ce
from layers import (conv_backward_naive, conv_forward_naive, maxpool_backward_naive,
                    maxpool_forward_naive, softmax_cross_entropy)

rng = np.random.default_rng(7)


@points(3)
def test_conv_matches_reference():
    """conv_forward_naive and conv_backward_naive equal octakd's reference (stride 2, pad 1)"""
    x, w, b = rng.standard_normal((2, 3, 7, 6)), rng.standard_normal((4, 3, 3, 3)), rng.standard_normal(4)
    y, cache = conv_forward_naive(x, w, b, stride=2, pad=1)
    ref = conv_numpy.conv2d_forward(x, w, b, (2, 2), (1, 1, 1, 1))
    assert_close(y, ref, "conv_forward_naive(x, w, b, 2, 1)")
    dy = rng.standard_normal(ref.shape)
    dx, dw, db = conv_backward_naive(dy, cache)
    assert_close(dx, conv_numpy.conv2d_backward_input(dy, w, x.shape, (2, 2), (1, 1, 1, 1)), "dx")
    rdw, rdb = conv_numpy.conv2d_backward_weight(dy, x, w.shape, (2, 2), (1, 1, 1, 1))
    assert_close(dw, rdw, "dw")
    assert_close(db, rdb, "db")


@points(2)
def test_maxpool_matches_reference():
    """maxpool forward and backward equal octakd's reference (3x3 windows, stride 2: overlaps)"""
    x = rng.standard_normal((2, 2, 7, 9))
    y, cache = maxpool_forward_naive(x, 3, 2)
    ref, argmax = pool_numpy.maxpool2d_forward(x, (3, 3), (2, 2))
    assert_close(y, ref, "maxpool_forward_naive(x, 3, 2)")
    dy = rng.standard_normal(ref.shape)
    assert_close(maxpool_backward_naive(dy, cache), pool_numpy.maxpool2d_backward(dy, argmax, x.shape),
                 "maxpool_backward_naive")


@points(2)
def test_softmax_cross_entropy_large_logits():
    """softmax_cross_entropy: large logits (1000s) stay finite and match the reference"""
    z = rng.standard_normal((5, 6)) * 1000
    labels = rng.integers(0, 6, 5)
    loss, dz = softmax_cross_entropy(z, labels)
    rloss, rdz = reference_ce(z, labels)
    assert np.isfinite(loss) and abs(loss - rloss) <= 1e-9 * max(1, abs(rloss)), \
        f"loss {loss}, expected {rloss}"
    assert_close(dz, rdz, "dlogits")


@points(1)
def test_conv_gradcheck():
    """conv_backward_naive: dw against numerical gradients"""
    x, w, b = rng.standard_normal((1, 2, 5, 5)), rng.standard_normal((2, 2, 3, 3)), rng.standard_normal(2)
    y, cache = conv_forward_naive(x, w, b, 1, 1)
    dy = rng.standard_normal(np.shape(y))
    _, dw, _ = conv_backward_naive(dy, cache)
    err = rel_error_function(lambda _: np.sum(conv_forward_naive(x, w, b, 1, 1)[0] * dy), w, dw)
    assert err < 1e-7, f"conv_backward_naive: dw relative error {err:.2e}"
