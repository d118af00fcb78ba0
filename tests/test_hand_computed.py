"""Small cases worked out by hand, pinning what the layers mean (not only that they agree).

- conv2d is a cross-correlation (the kernel is not flipped);
- 'same' padding puts the smaller half of an odd total on top/left (TF/Keras), so an even
  kernel pads only below and to the right at stride 1;
- at stride 2 the windows start at rows/cols 0, 2, 4, ...;
- ReLU's subgradient at exactly 0 is 0, in ReLU and in Dense(activation='relu');
- a max-pool window with tied maxima sends its whole gradient to the first one in row-major order.

Every number below can be checked with pencil and paper; the comments show the arithmetic.
"""
import numpy as np
import pytest

import octakd
from octakd.kernels.geometry import conv_pads
from octakd.layers import Conv2D, Dense, MaxPool2D, ReLU

X3 = np.arange(1.0, 10.0).reshape(1, 1, 3, 3)          # [[1 2 3] [4 5 6] [7 8 9]]
K2 = np.array([[1.0, 2.0], [3.0, 4.0]])                 # asymmetric: a flip changes everything


@pytest.fixture(params=["numpy", "numba"], autouse=True)
def backend(request):
    previous = octakd.set_backend(request.param)
    yield request.param
    octakd.set_backend(previous)


def conv(x, kernel, padding, stride=1, bias=0.0):
    kh, kw = kernel.shape
    layer = Conv2D(1, kh, kw, padding, stride)
    layer.build(x.shape[1:], x.dtype)
    layer.params["W"][...] = kernel
    layer.params["b"][...] = bias
    return layer, layer.forward(x)


def test_2x2_asymmetric_kernel_valid_is_cross_correlation():
    # y[0,0] = 1*1 + 2*2 + 3*4 + 4*5 = 37 (a true convolution would give 4*1 + 3*2 + 2*4 + 1*5 = 23)
    # y[0,1] = 1*2 + 2*3 + 3*5 + 4*6 = 47,  y[1,0] = 1*4 + 2*5 + 3*7 + 4*8 = 67,  y[1,1] = 77
    _, y = conv(X3, K2, "valid")
    np.testing.assert_array_equal(y[0, 0], [[37, 47], [67, 77]])


def test_bias_is_added_once_per_output():
    _, y = conv(X3, K2, "valid", bias=0.5)
    np.testing.assert_array_equal(y[0, 0], [[37.5, 47.5], [67.5, 77.5]])


def test_even_kernel_same_pads_below_and_right():
    # total padding 1 per axis: 0 rows on top, 1 below; 0 columns left, 1 right.
    #   y[0,2] = 1*3 + 3*6 = 21     y[1,2] = 1*6 + 3*9 = 33
    #   y[2,0] = 1*7 + 2*8 = 23     y[2,1] = 1*8 + 2*9 = 26     y[2,2] = 1*9 = 9
    # (padding on top/left instead would give y[0,0] = 4*1 = 4)
    layer, y = conv(X3, K2, "same")
    np.testing.assert_array_equal(y[0, 0], [[37, 47, 21], [67, 77, 33], [23, 26, 9]])
    assert layer.pads == (0, 1, 0, 1)


def test_even_kernel_same_backward_by_hand():
    layer, y = conv(X3, K2, "same")
    dx = layer.backward(np.ones_like(y))
    # dx[i,j] = sum of the kernel taps that reach x[i,j]: x[0,0] only meets tap (0,0) = 1;
    # x[0,1] meets taps (0,0), (0,1) = 3;  x[1,0] meets (0,0), (1,0) = 4;  inner ones all = 10
    np.testing.assert_array_equal(dx[0, 0], [[1, 3, 3], [4, 10, 10], [4, 10, 10]])
    # dW[a,b] = sum of the inputs that tap (a,b) meets over all 9 outputs:
    #   (0,0): all of x = 45;  (0,1): columns 1-2 = 33;  (1,0): rows 1-2 = 39;  (1,1): 5+6+8+9 = 28
    np.testing.assert_array_equal(layer.grads["W"][0, 0], [[45, 33], [39, 28]])
    np.testing.assert_array_equal(layer.grads["b"], [9])


def test_odd_kernel_same_is_centred():
    # 3x3 kernel with a single 1 at the centre is the identity under 'same' (one pad each side)
    k = np.zeros((3, 3))
    k[1, 1] = 1.0
    layer, y = conv(X3, k, "same")
    np.testing.assert_array_equal(y, X3)
    # a single 1 at the top-left tap shifts the image down-right: y[i,j] = x[i-1,j-1]
    k = np.zeros((3, 3))
    k[0, 0] = 1.0
    _, y = conv(X3, k, "same")
    np.testing.assert_array_equal(y[0, 0], [[0, 0, 0], [0, 1, 2], [0, 4, 5]])


def test_stride_2_valid_by_hand():
    # x[i,j] = 4i + j on 4x4. Windows start at rows/cols 0 and 2:
    # y[p,q] = x[2p,2q] + 2 x[2p,2q+1] + 3 x[2p+1,2q] + 4 x[2p+1,2q+1] = 10 (8p + 2q) + 2 + 12 + 20
    x = np.arange(16.0).reshape(1, 1, 4, 4)
    _, y = conv(x, K2, "valid", stride=2)
    np.testing.assert_array_equal(y[0, 0], [[34, 54], [114, 134]])


def test_stride_2_same_by_hand():
    # 4x4 input, 3x3 kernel of ones, stride 2: output ceil(4/2) = 2, total pad (2-1)*2 + 3 - 4 = 1,
    # all of it below/right. Windows: rows 0-2 and 2-4 (row 4 is padding), same for columns.
    #   y[0,0] = 0+1+2+4+5+6+8+9+10 = 45     y[0,1] = 2+3+6+7+10+11 = 39
    #   y[1,0] = 8+9+10+12+13+14 = 66        y[1,1] = 10+11+14+15 = 50
    x = np.arange(16.0).reshape(1, 1, 4, 4)
    layer, y = conv(x, np.ones((3, 3)), "same", stride=2)
    np.testing.assert_array_equal(y[0, 0], [[45, 39], [66, 50]])
    dx = layer.backward(np.ones_like(y))
    # row/col 2 is shared by both windows along that axis
    np.testing.assert_array_equal(dx[0, 0], [[1, 1, 2, 1], [1, 1, 2, 1], [2, 2, 4, 2], [1, 1, 2, 1]])


@pytest.mark.parametrize("padding,in_hw,k,stride,expected", [
    ("same", (5, 5), (3, 3), (1, 1), (1, 1, 1, 1)),
    ("same", (3, 3), (2, 2), (1, 1), (0, 1, 0, 1)),     # even kernel: the extra pad after
    ("same", (6, 5), (4, 3), (1, 1), (1, 2, 1, 1)),
    ("same", (1, 16), (1, 4), (1, 1), (0, 0, 1, 2)),
    ("same", (4, 4), (3, 3), (2, 2), (0, 1, 0, 1)),     # out 2: (2-1)*2 + 3 - 4 = 1
    ("same", (8, 7), (3, 3), (2, 2), (0, 1, 1, 1)),     # 3*2+3-8 = 1;  3*2+3-7 = 2
    ("same", (9, 9), (4, 4), (2, 2), (1, 2, 1, 2)),     # 4*2+4-9 = 3
    ("same", (5, 6), (1, 1), (3, 3), (0, 0, 0, 0)),     # 1*3+1-5 < 0: no padding
    ("same", (7, 7), (5, 5), (3, 2), (2, 2, 2, 2)),     # out 3, 4: 2*3+5-7 = 4;  3*2+5-7 = 4
    ("valid", (7, 7), (5, 5), (1, 1), (0, 0, 0, 0)),
    ((2, 2), (4, 4), (3, 3), (1, 1), (2, 2, 2, 2)),
    ((1, 3), (4, 4), (3, 3), (1, 1), (1, 1, 3, 3)),
])
def test_conv_pads_exact_values(padding, in_hw, k, stride, expected):
    assert conv_pads(padding, in_hw, k, stride) == expected


def test_relu_gradient_at_exactly_zero_is_zero():
    x = np.array([[-1.0, 0.0, -0.0, 2.0, 1e-300]])
    layer = ReLU()
    y = layer.forward(x)
    np.testing.assert_array_equal(y, [[0, 0, 0, 2, 1e-300]])
    np.testing.assert_array_equal(layer.backward(np.array([[5.0, 6.0, 7.0, 8.0, 9.0]])),
                                  [[0, 0, 0, 8, 9]])


def test_dense_relu_gradient_at_exactly_zero_is_zero():
    # z = x @ W + b = [1*1 + (-1)*1 + 0, 2*1 + 0] = [0, 2]: unit 0 sits exactly at the kink
    layer = Dense(2, "relu")
    x = np.array([[1.0, -1.0]])
    layer.build(x.shape[1:], x.dtype)
    layer.params["W"][...] = [[1.0, 2.0], [1.0, 0.0]]
    layer.params["b"][...] = [0.0, 0.0]
    y = layer.forward(x)
    np.testing.assert_array_equal(y, [[0.0, 2.0]])
    dx = layer.backward(np.array([[3.0, 5.0]]))
    # only unit 1 passes its gradient: dz = [0, 5]
    np.testing.assert_array_equal(layer.grads["b"], [0.0, 5.0])
    np.testing.assert_array_equal(layer.grads["W"], [[0.0, 5.0], [0.0, -5.0]])
    np.testing.assert_array_equal(dx, [[10.0, 0.0]])


def test_maxpool_ties_go_to_the_first_maximum():
    x = np.array([[[[3.0, 3.0, 1.0, 5.0],
                    [3.0, 1.0, 5.0, 5.0],
                    [0.0, 0.0, 2.0, 1.0],
                    [0.0, 0.0, 1.0, 2.0]]]])
    layer = MaxPool2D(2, 2)
    y = layer.forward(x)
    np.testing.assert_array_equal(y[0, 0], [[3, 5], [0, 2]])
    dx = layer.backward(np.array([[[[1.0, 2.0], [3.0, 4.0]]]]))
    np.testing.assert_array_equal(dx[0, 0], [[1, 0, 0, 2],
                                             [0, 0, 0, 0],
                                             [3, 0, 4, 0],
                                             [0, 0, 0, 0]])


def test_overlapping_pool_windows_add_their_gradients():
    # stride 1: x[0,1] = 9 wins both windows of the first row, x[1,1] = 9 is a later tie
    x = np.array([[[[1.0, 9.0, 2.0],
                    [4.0, 9.0, 3.0]]]])
    layer = MaxPool2D(2, 1)
    y = layer.forward(x)
    np.testing.assert_array_equal(y[0, 0], [[9, 9]])
    dx = layer.backward(np.array([[[[1.0, 10.0]]]]))
    np.testing.assert_array_equal(dx[0, 0], [[0, 11, 0], [0, 0, 0]])


def test_dropout_is_inverted_and_backward_uses_the_same_mask():
    from octakd.layers import Dropout
    x = np.full((50, 40), 3.0)
    layer = Dropout(0.25, seed=4)
    y = layer.forward(x, training=True)
    # every value is dropped (0) or kept and scaled by 1 / (1 - 0.25): 3 / 0.75 = 4
    assert set(np.unique(y)) == {0.0, 4.0}
    kept = y == 4.0
    assert 0.70 < kept.mean() < 0.80                       # 2000 draws of Bernoulli(0.75)
    dy = np.arange(2000.0).reshape(50, 40)
    np.testing.assert_allclose(layer.backward(dy), np.where(kept, dy / 0.75, 0.0), rtol=1e-15)
    # inference: the identity, and its backward too
    np.testing.assert_array_equal(layer.forward(x, training=False), x)
    np.testing.assert_array_equal(layer.backward(dy), dy)


# -- geometry edge cases (found by mutation testing of kernels/geometry.py) -------------------------
@pytest.mark.parametrize("k,padding,stride,hw,expected", [
    ((2, 2), "same", (1, 1), (3, 3), (3, 3)),        # asymmetric pads (0, 1): the sum is 1, not 2
    ((2, 3), "same", (1, 1), (4, 6), (4, 6)),
    ((4, 4), "same", (2, 2), (9, 9), (5, 5)),        # pads (1, 2, 1, 2)
    ((3, 5), "valid", (1, 1), (3, 5), (1, 1)),       # kernel exactly the input: one output
    ((3, 3), 1, (2, 3), (7, 7), (4, 3)),             # 1 + (7 + 2 - 3) // 2 = 4;  1 + 6 // 3 = 3
])
def test_conv_output_shape_is_what_forward_returns(k, padding, stride, hw, expected):
    layer = Conv2D(2, k[0], k[1], padding, stride)
    shape = layer.output_shape((1,) + hw)
    assert shape == (2,) + expected and all(type(v) is int for v in shape)
    y = layer.forward(np.ones((1, 1) + hw))
    assert y.shape == (1, 2) + expected


@pytest.mark.parametrize("pool,stride,hw,expected", [
    ((2, 2), (2, 2), (4, 1), (2, 1)),                # 1 wide: the window is clamped to 2x1
    ((2, 2), (2, 2), (1, 5), (1, 2)),                # 1 high (audio): 1x2 windows
    ((3, 2), (2, 3), (7, 8), (3, 3)),                # 1 + (7 - 3) // 2 = 3;  1 + (8 - 2) // 3 = 3
])
def test_pool_output_shape_is_what_forward_returns(pool, stride, hw, expected):
    layer = MaxPool2D(pool, stride)
    shape = layer.output_shape((1,) + hw)
    assert shape == (1,) + expected and all(type(v) is int for v in shape)
    assert layer.forward(np.ones((1, 1) + hw)).shape == (1, 1) + expected


def test_geometry_errors_name_the_problem():
    from octakd.errors import OctakdValueError, ShapeError
    from octakd.kernels.geometry import pool_geometry
    with pytest.raises(ShapeError, match=r"max_pool2d: the input map is empty \(0x3\)"):
        pool_geometry((0, 3), (2, 2), (1, 1))
    with pytest.raises(ShapeError, match=r"the input map is empty \(3x0\)"):
        pool_geometry((3, 0), (2, 2), (1, 1))
    with pytest.raises(OctakdValueError,
                       match=r"conv2d_layer: padding must be non-negative integer\(s\), got -1"):
        Conv2D(1, 3, 3, -1)
    with pytest.raises(OctakdValueError, match=r"conv2d_layer: padding must be non-negative"):
        Conv2D(1, 3, 3, (1, 2.5))
    with pytest.raises(OctakdValueError, match=r"conv2d_layer: stride must be positive integer\(s\), got 0"):
        Conv2D(1, 3, 3, "same", 0)
