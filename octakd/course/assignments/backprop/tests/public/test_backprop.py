"""Public tests of assignment "backprop": shapes, small hand-checked values, gradient checks."""
import numpy as np

from octakd.course.checks import assert_close, points, rel_error_function
from layers import (conv_backward_naive, conv_forward_naive, dense_backward, dense_forward,
                    maxpool_backward_naive, maxpool_forward_naive, relu_backward, relu_forward,
                    softmax_cross_entropy)

rng = np.random.default_rng(231)


@points(1)
def test_dense_forward():
    """dense_forward: a 1x2 input by hand"""
    y, _ = dense_forward(np.array([[1.0, 2.0]]), np.array([[1.0, 0.0, 2.0], [0.0, 1.0, 3.0]]),
                         np.array([0.5, 0.0, -1.0]))
    assert_close(y, [[1.5, 2.0, 7.0]], "dense_forward(x, w, b)")


@points(2)
def test_dense_backward_gradcheck():
    """dense_backward: dx, dw and db against numerical gradients"""
    x, w, b = rng.standard_normal((4, 5)), rng.standard_normal((5, 3)), rng.standard_normal(3)
    dy = rng.standard_normal((4, 3))
    _, cache = dense_forward(x, w, b)
    dx, dw, db = dense_backward(dy, cache)
    for name, arr, grad in (("dx", x, dx), ("dw", w, dw), ("db", b, db)):
        err = rel_error_function(lambda _: np.sum(dense_forward(x, w, b)[0] * dy), arr, grad)
        assert err < 1e-7, f"dense_backward: {name} relative error {err:.2e} (should be < 1e-7)"


@points(1)
def test_relu():
    """relu_forward and relu_backward on a small array, dy left unmodified"""
    x = np.array([[-1.0, 2.0], [3.0, -4.0]])
    y, cache = relu_forward(x)
    assert_close(y, [[0.0, 2.0], [3.0, 0.0]], "relu_forward(x)")
    dy = np.ones_like(x)
    dx = relu_backward(dy, cache)
    assert_close(dx, [[0.0, 1.0], [1.0, 0.0]], "relu_backward(dy, cache)")
    assert np.all(dy == 1), "relu_backward modified dy in place; compute a new array"


@points(2)
def test_conv_forward_shape_and_value():
    """conv_forward_naive: output shape and one value by hand"""
    x = np.arange(16, dtype=np.float64).reshape(1, 1, 4, 4)
    w = np.ones((1, 1, 3, 3))
    y, _ = conv_forward_naive(x, w, np.array([1.0]), stride=1, pad=0)
    assert np.shape(y) == (1, 1, 2, 2), f"conv_forward_naive: shape {np.shape(y)}, expected (1, 1, 2, 2)"
    assert_close(y[0, 0, 0, 0], 0 + 1 + 2 + 4 + 5 + 6 + 8 + 9 + 10 + 1, "y[0, 0, 0, 0]")


@points(1)
def test_maxpool_forward():
    """maxpool_forward_naive: 2x2 windows by hand"""
    x = np.array([[1.0, 2, 5, 0], [3, 4, 1, 1], [0, 0, 2, 2], [9, 0, 2, 3]]).reshape(1, 1, 4, 4)
    y, _ = maxpool_forward_naive(x, 2, 2)
    assert_close(y, [[[[4.0, 5.0], [9.0, 3.0]]]], "maxpool_forward_naive(x, 2, 2)")


@points(1)
def test_softmax_cross_entropy_uniform():
    """softmax_cross_entropy: zero logits give log(K)"""
    loss, dz = softmax_cross_entropy(np.zeros((2, 4)), np.array([0, 3]))
    assert abs(loss - np.log(4)) < 1e-12, f"loss {loss}, expected log(4) = {np.log(4)}"
    assert_close(dz, [[-0.375, 0.125, 0.125, 0.125], [0.125, 0.125, 0.125, -0.375]], "dlogits")
