"""Details of Dense, Dropout and Concatenate that mutation testing found unpinned.

Each test states the behaviour from its definition (the initialisation formulas, the saved-model
format, the layer contract in layers/base.py), not from what the code happens to return.
"""
import numpy as np
import pytest

from octakd.errors import OctakdTypeError, OctakdValueError, ShapeError
from octakd.layers import Concatenate, Dense, Dropout


# -- Dense: initialisation -----------------------------------------------------------------------
@pytest.mark.parametrize("activation,expected_std", [
    ("relu", np.sqrt(2.0 / 400)),                # He-normal: N(0, 2/D)
    ("tanh", np.sqrt(2.0 / (400 + 600))),        # Glorot-normal: N(0, 2/(D + units))
    ("linear", np.sqrt(2.0 / (400 + 600))),
])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dense_initial_weights_follow_he_or_glorot(activation, expected_std, dtype):
    layer = Dense(600, activation)
    layer.build((400,), dtype, np.random.default_rng(1))
    W, b = layer.params["W"], layer.params["b"]
    assert W.shape == (400, 600) and W.dtype == dtype
    # 240,000 draws: the sample std is within 0.15 % of sigma (one standard error); 2 % is > 10 SE
    assert abs(W.std() / expected_std - 1) < 0.02
    assert abs(W.mean()) < 5 * expected_std / np.sqrt(W.size)
    assert b.shape == (600,) and b.dtype == dtype
    np.testing.assert_array_equal(b, 0.0)


def test_dense_float64_weights_are_drawn_in_float64():
    # a float64 model gets full-precision draws, not float32 draws widened afterwards
    layer = Dense(50)
    layer.build((40,), np.float64, np.random.default_rng(2))
    W = layer.params["W"]
    assert np.mean(W != W.astype(np.float32).astype(np.float64)) > 0.99


def test_dense_input_size_is_counted_without_overflow():
    # 2**32 * 2**32 features wrap to 0 in int64; the exact count must reach the size check
    with pytest.raises(OctakdValueError, match="dense_layer: the weights would hold "
                                                "36,893,488,147,419,103,232 values"):
        Dense(2).build((2 ** 32, 2 ** 32), np.float32)


# -- Dense: activation names ---------------------------------------------------------------------
@pytest.mark.parametrize("given,name", [
    (None, "linear"), ("none", "linear"), ("None", "linear"), ("identity", "linear"), ("", "linear"),
    ("RELU", "relu"), ("Tanh", "tanh"), ("sigmoid", "sigmoid"),
])
def test_dense_activation_names_and_aliases(given, name):
    assert Dense(3, given).activation == name
    assert Dense(3).activation == "linear"


def test_dense_unknown_activation_lists_the_known_ones():
    with pytest.raises(OctakdValueError) as info:
        Dense(4, "softplus")
    assert str(info.value) == ("dense_layer: unknown activation 'softplus'; expected one of "
                               "'linear', 'relu', 'sigmoid', 'tanh' (or 'none')")


def test_dense_1d_input_error_describes_the_input():
    with pytest.raises(ShapeError, match=r"got an array of shape \(5,\) and dtype float64; "
                                         r"for one sample use x\[None, :\]"):
        Dense(3).forward(np.ones(5))


# -- config: the keys saved models store (LAYER_CLASSES[class](**config) rebuilds the layer) -----
def test_config_holds_the_constructor_arguments():
    assert Dense(4, "relu").config() == {"units": 4, "activation": "relu"}
    assert Dropout(0.3).config() == {"p": 0.3}
    assert Dropout().config() == {"p": 0.5}               # dropout_layer()'s default
    rebuilt = Dense(**Dense(7, "tanh").config())
    assert (rebuilt.units, rebuilt.activation) == (7, "tanh")


# -- Dense: flattened inputs, gradients, and train_model's reused gradient buffer -------------------------------------
def test_dense_accepts_the_same_features_flattened():
    layer = Dense(4)
    x = np.arange(24.0).reshape(4, 2, 3)          # built on (2, 3): D = 6
    y = layer.forward(x)
    np.testing.assert_array_equal(layer.forward(x.reshape(4, 6)), y)
    with pytest.raises(ShapeError, match=r"expected inputs of shape \(N, 2, 3\), got \(4, 5\)"):
        layer.forward(np.ones((4, 5)))


def _by_hand_dense(W_value, x, dy):
    """dW = x^T dy, db = sum_n dy, dx = dy W^T for a linear Dense (z = x W + b)."""
    return x.T @ dy, dy.sum(axis=0), dy @ W_value.T


@pytest.mark.parametrize("reuse", [False, True])
def test_dense_gradients_by_hand_and_the_buffer(reuse):
    # x = [[1, 2], [3, 4]], W = [[1, 0, 2], [0, 1, 1]], dy = [[1, 0, 1], [2, 1, 0]]
    # dW = x^T dy = [[1+6, 3, 1], [2+8, 4, 2]] = [[7, 3, 1], [10, 4, 2]];  db = [3, 1, 1]
    # dx = dy W^T = [[1+2, 0+1], [2, 1]] = [[3, 1], [2, 1]]
    layer = Dense(3)
    if reuse:                                # train_model's fast path writes dW in place;
        layer.reuse_grad_buffer = True       # otherwise (the default) every step gets new arrays
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    layer.build((2,), np.float64)
    layer.params["W"][...] = [[1, 0, 2], [0, 1, 1]]
    dy = np.array([[1.0, 0.0, 1.0], [2.0, 1.0, 0.0]])
    layer.forward(x)
    dx = layer.backward(dy)
    first = layer.grads["W"]
    np.testing.assert_array_equal(first, [[7, 3, 1], [10, 4, 2]])
    np.testing.assert_array_equal(layer.grads["b"], [3, 1, 1])
    np.testing.assert_array_equal(dx, [[3, 1], [2, 1]])
    layer.forward(2 * x)
    layer.backward(dy)
    np.testing.assert_array_equal(layer.grads["W"], [[14, 6, 2], [20, 8, 4]])
    if reuse:                                # one array, refilled by every step
        assert layer.grads["W"] is first
    else:                                    # a reference kept from step 1 keeps step 1's values
        assert layer.grads["W"] is not first
        np.testing.assert_array_equal(first, [[7, 3, 1], [10, 4, 2]])


def test_dense_gradient_buffer_follows_replaced_weights():
    rng = np.random.default_rng(5)
    layer = Dense(3)
    layer.reuse_grad_buffer = True
    layer.forward(rng.standard_normal((2, 4)).astype(np.float32))
    layer.backward(rng.standard_normal((2, 3)).astype(np.float32))      # the float32 buffer
    dy = rng.standard_normal((2, 3))
    # a user swaps in float64 weights (the dtype changes), then weights of another input width
    # (the shape changes): each time the buffer must follow
    for width in (4, 5):
        W = rng.standard_normal((width, 3))
        layer.params["W"] = W
        layer.params["b"] = np.zeros(3)
        x = rng.standard_normal((2, width))
        layer.forward(x)
        dx = layer.backward(dy)
        dW, db, dx_expected = _by_hand_dense(W, x, dy)
        assert layer.grads["W"].dtype == np.float64 and layer.grads["W"].shape == (width, 3)
        np.testing.assert_allclose(layer.grads["W"], dW, rtol=1e-12)
        np.testing.assert_allclose(dx, dx_expected, rtol=1e-12)
    # and a layer whose gradients were dropped gets a fresh buffer
    layer.grads = {}
    layer.backward(dy)
    np.testing.assert_allclose(layer.grads["W"], dW, rtol=1e-12)
    np.testing.assert_allclose(layer.grads["b"], db, rtol=1e-12)


# -- Dropout -------------------------------------------------------------------------------------
def test_dropout_defaults_to_training_mode_and_seed_0():
    x = np.ones((20, 30))
    y = Dropout(0.5).forward(x)                       # forward(x) trains by default, like every layer
    assert 0 < np.count_nonzero(y) < x.size
    np.testing.assert_array_equal(y, Dropout(0.5, seed=0).forward(x, training=True))
    assert Dropout().p == 0.5


# -- Concatenate ---------------------------------------------------------------------------------
def test_concatenate_one_branch_is_its_flattened_input():
    x = np.arange(12.0).reshape(2, 2, 3)
    layer = Concatenate()
    np.testing.assert_array_equal(layer.forward([x]), [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11]])
    assert layer.input_shape == ((2, 3),)


def test_concatenate_builds_with_per_sample_shapes():
    # the layer contract: the first forward builds the layer for the per-sample input shapes
    layer = Concatenate()
    a, b = np.ones((3, 2, 5, 5)), np.zeros((3, 7))
    y = layer.forward([a, b])
    assert layer.built and layer.input_shape == ((2, 5, 5), (7,))
    assert y.shape == (3, 57) and layer.output_shape(layer.input_shape) == (57,)
    np.testing.assert_array_equal(y[:, :50], 1.0)
    np.testing.assert_array_equal(y[:, 50:], 0.0)


def test_concatenate_errors_name_the_layer_and_the_input():
    with pytest.raises(ShapeError, match=r"concatenate_layer: expected a list of branch outputs, "
                                         r"got a list of 0 item\(s\)"):
        Concatenate().forward([])
    with pytest.raises(ShapeError, match=r"got an array of shape \(2, 3\) and dtype float64"):
        Concatenate().forward(np.ones((2, 3)))
    with pytest.raises(OctakdTypeError, match="concatenate_layer: expected dtype float32 or float64, "
                                              "got int64"):
        Concatenate().forward([np.ones((2, 3)), np.ones((2, 2), np.int64)])
    with pytest.raises(ShapeError) as info:
        Concatenate().forward([np.ones((2, 3), np.float32), np.ones((2, 2))])
    assert str(info.value) == ("concatenate_layer: the branches have different dtypes "
                               "['float32', 'float64']")
