"""Layer contract and gradient checks (float64, centred differences, asserted thresholds)."""
import numpy as np
import pytest

from octakd.gradcheck import KINK, SMOOTH, check_layer
from octakd.layers import (AudioInput, Concatenate, Conv2D, Dense, Dropout, ImageInput, MaxPool2D,
                           ReLU, Softmax, TextInput)

CONV_CASES = [
    # (N, C, H, W, filters, kh, kw, padding, stride)
    (2, 3, 7, 9, 4, 3, 3, "same", 1),
    (1, 1, 5, 5, 2, 3, 3, "valid", 1),
    (2, 3, 9, 7, 3, 3, 2, "valid", 2),
    (2, 2, 8, 11, 3, 3, 3, "same", 2),
    (1, 3, 7, 7, 2, 5, 3, 2, 2),
    (2, 1, 1, 17, 4, 1, 3, "same", 1),       # the audio branch: 1-high maps, 1x3 kernel
    (1, 2, 6, 6, 2, 2, 2, "same", 1),        # even kernel: asymmetric 'same' padding
    (1, 3, 10, 9, 2, 3, 3, (1, 0), 3),
]


@pytest.mark.parametrize("case", CONV_CASES)
def test_conv2d_gradients(case, rng):
    N, C, H, W, F, kh, kw, padding, stride = case
    x = rng.standard_normal((N, C, H, W))
    errors = check_layer(Conv2D(F, kh, kw, padding, stride), x)
    assert set(errors) == {"dx", "W", "b"}
    assert max(errors.values()) <= SMOOTH, errors


@pytest.mark.parametrize("pool,stride,shape", [
    (2, 2, (2, 3, 8, 8)), (2, 2, (1, 2, 7, 9)), (3, 2, (2, 2, 9, 7)), (3, 1, (1, 1, 5, 6)),
    ((2, 3), (1, 2), (1, 2, 6, 7)), (2, 2, (2, 3, 1, 15)),
])
def test_maxpool_gradients(pool, stride, shape, rng):
    errors = check_layer(MaxPool2D(pool, stride), rng.standard_normal(shape))
    assert errors["dx"] <= KINK, errors


@pytest.mark.parametrize("activation,limit", [("linear", SMOOTH), ("relu", KINK),
                                              ("sigmoid", SMOOTH), ("tanh", SMOOTH)])
@pytest.mark.parametrize("shape", [(3, 7), (2, 3, 5, 3)])
def test_dense_gradients(activation, limit, shape, rng):
    errors = check_layer(Dense(5, activation), rng.standard_normal(shape))
    assert max(errors.values()) <= limit, errors


def test_relu_dropout_concat_softmax_gradients(rng):
    x = rng.standard_normal((3, 2, 5, 5))
    assert check_layer(ReLU(), x)["dx"] <= KINK
    assert check_layer(Dropout(0.3), x, training=True)["dx"] <= SMOOTH
    errs = check_layer(Concatenate(), [x, rng.standard_normal((3, 7)), rng.standard_normal((3, 1, 1, 4))])
    assert max(errs.values()) <= SMOOTH
    assert max(check_layer(Softmax(7), x).values()) <= SMOOTH


@pytest.mark.parametrize("layer_factory,shape", [
    (lambda: Conv2D(4, 3, 3, "same", 2), (2, 3, 9, 7)),
    (lambda: MaxPool2D(2, 2), (2, 3, 9, 7)),
    (lambda: Dense(6, "tanh"), (4, 10)),
    (lambda: ReLU(), (4, 10)),
    (lambda: Dropout(0.5), (4, 10)),
    (lambda: Softmax(3), (4, 10)),
])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_kept_and_dy_untouched(layer_factory, shape, dtype, rng):
    layer = layer_factory()
    x = rng.standard_normal(shape).astype(dtype)
    y = layer.forward(x, training=True)
    assert y.dtype == dtype
    for p in layer.params.values():
        assert p.dtype == dtype
    dy = rng.standard_normal(y.shape).astype(dtype)
    dy_copy = dy.copy()
    dx1 = layer.backward(dy)
    grads1 = {k: g.copy() for k, g in layer.grads.items()}
    dx2 = layer.backward(dy)
    assert dx1.dtype == dtype and dx1.shape == x.shape
    np.testing.assert_array_equal(dy, dy_copy)
    np.testing.assert_array_equal(dx1, dx2)
    for k, g in layer.grads.items():
        assert g.shape == layer.params[k].shape and g.dtype == dtype
        np.testing.assert_array_equal(g, grads1[k])


def test_params_can_be_overwritten_in_place(rng):
    layer = Dense(2)
    x = rng.standard_normal((3, 4))
    layer.forward(x)
    layer.params["W"][...] = 1.0
    layer.params["b"][...] = 0.5
    np.testing.assert_allclose(layer.forward(x), x.sum(axis=1, keepdims=True) + 0.5 + np.zeros((3, 2)))


def test_dropout_inverted_and_identity_at_inference(rng):
    x = np.ones((200, 50))
    layer = Dropout(0.5, seed=3)
    y = layer.forward(x, training=True)
    assert set(np.unique(y)) <= {0.0, 2.0}
    assert abs(y.mean() - 1.0) < 0.05
    np.testing.assert_array_equal(layer.forward(x, training=False), x)
    again = Dropout(0.5, seed=3).forward(x, training=True)
    np.testing.assert_array_equal(y, again)


def test_maxpool_window_clamped_on_one_high_map(rng):
    x = rng.standard_normal((2, 4, 1, 10))
    layer = MaxPool2D(2, 2)
    y = layer.forward(x)
    assert y.shape == (2, 4, 1, 5)
    np.testing.assert_array_equal(y, x.reshape(2, 4, 1, 5, 2).max(axis=-1))
    assert layer.output_shape((4, 1, 10)) == (4, 1, 5)


def test_conv_same_keeps_size_and_valid_shrinks(rng):
    x = rng.standard_normal((1, 3, 11, 8))
    assert Conv2D(5, 3, 3, "same").forward(x).shape == (1, 5, 11, 8)
    assert Conv2D(5, 3, 3, "valid").forward(x).shape == (1, 5, 9, 6)
    assert Conv2D(5, 3, 3, "same", 2).forward(x).shape == (1, 5, 6, 4)
    assert Conv2D(5, 3, 3, 1, 2).forward(x).shape == (1, 5, 6, 4)


def test_softmax_outputs_probabilities(rng):
    p = Softmax(4).forward(rng.standard_normal((5, 3)) * 50)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    assert np.all(p >= 0)


def test_input_layers_convert_seed_data(rng):
    img = (rng.random((6, 5, 3)) * 255).astype(np.uint8)        # Octave's H x W x C
    x = ImageInput(1, 3, 6, 5).forward(img)
    assert x.shape == (1, 3, 6, 5) and x.dtype == np.float32
    np.testing.assert_allclose(x[0, 2], img[:, :, 2] / 255.0, rtol=1e-6)
    t = TextInput(1, 32).forward("This is a text data")
    assert t.shape == (1, 32)
    assert abs(np.linalg.norm(t) - 1) < 1e-5
    np.testing.assert_array_equal(t, TextInput(1, 32).forward(["This is a text data"]))
    a = AudioInput(1, 1, 100).forward(rng.standard_normal((80, 1)))  # audioread: samples x channels
    assert a.shape == (1, 1, 1, 100)
    assert np.all(a[..., 80:] == 0)
