"""Layer defaults and predict's mode, pinned by hand (bugs that random-data comparisons miss)."""
import numpy as np

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
