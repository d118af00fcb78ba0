"""Layer defaults, dataset splits and other rules pinned by hand (bugs that random-data comparisons miss)."""
import numpy as np
import pytest

from octakd.layers import MaxPool2D

X4 = np.arange(16.0).reshape(1, 1, 4, 4)       # rows [0 1 2 3] [4 5 6 7] [8 9 10 11] [12 13 14 15]


def test_maxpool_stride_defaults_to_the_pool_size():
    layer = MaxPool2D(2)
    assert layer.stride == (2, 2)
    # windows at rows/cols 0 and 2: max of [[0 1] [4 5]] = 5, [[2 3] [6 7]] = 7, 13, 15
    np.testing.assert_array_equal(layer.forward(X4)[0, 0], [[5.0, 7.0], [13.0, 15.0]])
    # a (1, 3) pool without a stride moves by (1, 3): one window per row, columns 0-2
    np.testing.assert_array_equal(MaxPool2D((1, 3)).forward(X4)[0, 0], [[2.0], [6.0], [10.0], [14.0]])


def test_maxpool_explicit_stride_one_overlaps():
    y = MaxPool2D(2, 1).forward(X4)[0, 0]
    np.testing.assert_array_equal(y, [[5.0, 6.0, 7.0], [9.0, 10.0, 11.0], [13.0, 14.0, 15.0]])


def test_split_rounds_each_class_share_to_the_nearest_whole():
    from octakd.datasets import make_multimodal_digits
    data = make_multimodal_digits(100, seed=0)          # 10 samples of each class
    train, test = data.split(0.26, seed=0)              # round(0.26 * 10) = round(2.6) = 3
    np.testing.assert_array_equal(np.bincount(test.labels, minlength=10), np.full(10, 3))
    np.testing.assert_array_equal(np.bincount(train.labels, minlength=10), np.full(10, 7))
    train, test = data.split(0.14, seed=0)              # round(1.4) = 1
    np.testing.assert_array_equal(np.bincount(test.labels, minlength=10), np.full(10, 1))


@pytest.mark.parametrize("C,kh,kw", [(16, 3, 3), (4, 5, 2), (1, 1, 7)])
def test_conv_initial_weights_follow_he_with_the_whole_receptive_field(C, kh, kw):
    from octakd.layers import Conv2D
    layer = Conv2D(200, kh, kw)
    layer.build((C, 12, 12), np.float64, np.random.default_rng(1))
    W, b = layer.params["W"], layer.params["b"]
    assert W.shape == (200, C, kh, kw)
    expected_std = np.sqrt(2.0 / (C * kh * kw))         # He-normal: N(0, 2 / (C kh kw))
    # at least 1,400 draws: one standard error of the sample std is under 2 %; 8 % is > 4 SE
    assert abs(W.std() / expected_std - 1) < 0.08
    np.testing.assert_array_equal(b, 0.0)


def test_add_leaves_its_branches_untouched():
    from octakd.layers import Add
    a = np.array([[1.0, 2.0], [3.0, 4.0]])
    b = np.array([[10.0, 20.0], [30.0, 40.0]])
    a0, b0 = a.copy(), b.copy()
    y = Add().forward([a, b])
    np.testing.assert_array_equal(y, [[11.0, 22.0], [33.0, 44.0]])
    np.testing.assert_array_equal(a, a0)            # a branch's output is still read by others
    np.testing.assert_array_equal(b, b0)
    dy = np.array([[1.0, -1.0], [0.5, 2.0]])
    da, db = _add_backward(dy)
    np.testing.assert_array_equal(da, dy)
    np.testing.assert_array_equal(db, dy)
    assert not np.shares_memory(da, db)


def _add_backward(dy):
    from octakd.layers import Add
    layer = Add()
    layer.forward([np.zeros((2, 2)), np.zeros((2, 2))])
    return layer.backward(dy)


@pytest.mark.parametrize("backend", ["numpy", "numba"])
def test_pool_nan_rule_in_the_general_sweep(backend):
    """Windows other than 2x2 / stride 2 (that one has its own fast kernel, pinned in
    test_kernels.py): NaN never wins, a later number replaces a NaN start, and a window of only
    NaN gives NaN at its first position. Worked by hand, taps in row-major order."""
    from octakd import kernels
    nan = np.nan
    x = np.array([[[[nan, 1.0, 2.0, nan],
                    [3.0, nan, 0.0, nan],
                    [nan, nan, 5.0, nan]]]])
    module = kernels._load(backend, "pool")
    y, a = module.maxpool2d_forward(x, (2, 2), (1, 1))
    # (0,0): nan 1 3 nan -> 3 (flat index 1*4 + 0 = 4); (0,1): 1 2 nan 0 -> 2 (2); (0,2): 2 nan 0 nan -> 2
    # (1,0): 3 nan nan nan -> 3 (4); (1,1): nan 0 nan 5 -> 5 (2*4 + 2 = 10); (1,2): 0 nan 5 nan -> 5
    np.testing.assert_array_equal(y[0, 0], [[3.0, 2.0, 2.0], [3.0, 5.0, 5.0]])
    np.testing.assert_array_equal(a[0, 0], [[4, 2, 2], [4, 10, 10]])
    y, a = module.maxpool2d_forward(np.array([[[[nan, nan, 1.0]]]]), (1, 2), (1, 1))
    np.testing.assert_array_equal(y[0, 0], [[nan, 1.0]])          # only NaN: NaN, at index 0
    np.testing.assert_array_equal(a[0, 0], [[0, 2]])


def test_inputs_in_another_order_are_matched_by_modality_and_rank():
    """A list ordered as ``order`` (a teacher's modalities) goes to the input layers by
    modality; two inputs of the same modality take that modality's entries in turn."""
    from octakd.layers import Concatenate, Dense, ImageInput, Softmax, TextInput
    from octakd.network import Network
    net = Network("two_texts")
    t1 = net.add(TextInput(1, 2))
    t2 = net.add(TextInput(1, 2))
    im = net.add(ImageInput(1, 1, 2, 2))
    net.add(Softmax(2), net.add(Dense(3), net.add(Concatenate(), [t1, t2, im])))
    assert net.modalities == ["text", "text", "image"]
    img, first, second = np.zeros((1, 1, 2, 2)), np.ones((1, 2)), np.full((1, 2), 2.0)
    picked = net.arrange_inputs([img, first, second], order=["image", "text", "text"])
    assert picked[0] is first and picked[1] is second and picked[2] is img
    picked = net.arrange_inputs([first, img, second], order=["text", "image", "text"])
    assert picked[0] is first and picked[1] is second and picked[2] is img
