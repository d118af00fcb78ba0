"""The lean per-batch path (octakd/lean.py) against hand computation, at the points where
random data never lands: a Dense ReLU whose pre-activation is exactly 0.

tests/test_network.py compares the lean path with the teaching path on random data, where
z == 0 exactly never happens, so a mask ``z >= 0`` in the lean Dense step passes it. Here the
second batch of each shape (the first goes through the teaching path) runs the plan, and its
gradients are checked against numbers worked out by hand.
"""
import numpy as np
import pytest

import octakd
from octakd import kernels, lean
from octakd.layers import Dense, Softmax, TextInput
from octakd.network import Network


@pytest.fixture(autouse=True)
def numba_backend(monkeypatch):
    previous = octakd.set_backend("numba")
    if kernels.get_backend() != "numba":
        octakd.set_backend(previous)
        pytest.skip("the lean path runs with the Numba backend only")
    monkeypatch.setattr(lean, "ENABLED", True)
    yield
    octakd.set_backend(previous)


def _net():
    """x (N, 2) -> Dense(2, relu) -> Softmax(2); W1 = I, b1 = 0, so z1 = x exactly."""
    net = Network("lean_relu_zero")
    t = net.add(TextInput(1, 2))
    h = net.add(Dense(2, "relu"), t)
    net.add(Softmax(2), h)
    net.build(np.float64, 0)
    dense, soft = net.layers[1], net.layers[2]
    dense.params["W"][...] = np.eye(2)
    dense.params["b"][...] = 0.0
    soft.params["W"][...] = [[1.0, 2.0], [3.0, 5.0]]
    soft.params["b"][...] = 0.0
    return net, dense, soft


@pytest.mark.parametrize("training", [True, False])
def test_lean_dense_relu_gradient_is_zero_at_exactly_zero(training):
    net, dense, soft = _net()
    x = np.array([[0.0, 1.0], [2.0, 0.0]])          # z1 = x: one exact zero per sample
    dlogits = np.array([[1.0, -1.0], [0.5, 2.0]])
    for batch in range(2):                           # batch 0: teaching path; batch 1: the plan
        logits = lean.forward(net, [x.copy()], training=training)
        assert (lean._last[net] is None) == (batch == 0)
        # a1 = relu(x) = x; logits = a1 @ W2: [0*1 + 1*3, 0*2 + 1*5] = [3, 5]; [2, 4]
        np.testing.assert_array_equal(logits, [[3.0, 5.0], [2.0, 4.0]])
        if not training:
            continue
        lean.backward(net, dlogits)
        # da1 = dlogits @ W2^T: [1*1 - 1*2, 1*3 - 1*5] = [-1, -2]; [0.5 + 4, 1.5 + 10] = [4.5, 11.5]
        # mask (z1 > 0): [[0, 1], [1, 0]] -> dz1 = [[0, -2], [4.5, 0]]
        # dW1 = x^T @ dz1 = [[0*0 + 2*4.5, 0*-2 + 2*0], [1*0 + 0*4.5, 1*-2 + 0]] = [[9, 0], [0, -2]]
        np.testing.assert_array_equal(dense.grads["W"], [[9.0, 0.0], [0.0, -2.0]])
        np.testing.assert_array_equal(dense.grads["b"], [4.5, -2.0])
        # dW2 = a1^T @ dlogits = [[0*1 + 2*0.5, 0*-1 + 2*2], [1*1 + 0, 1*-1 + 0]]
        np.testing.assert_array_equal(soft.grads["W"], [[1.0, 4.0], [1.0, -1.0]])
        np.testing.assert_array_equal(soft.grads["b"], [1.5, 1.0])


def test_predict_is_deterministic_with_dropout_on_the_lean_path():
    """predict runs in inference mode: dropout off, whatever path (teaching for the first batch
    of a shape, the lean plan after it) computes the batch."""
    from octakd.layers import Dropout
    from octakd.training import predict
    net = Network("lean_dropout")
    t = net.add(TextInput(1, 4))
    h = net.add(Dense(8, "relu"), t)
    h = net.add(Dropout(0.5), h)
    net.add(Softmax(3), h)
    net.build(np.float64, 0)
    x = np.random.default_rng(2).standard_normal((12, 4))
    expected = net.forward([x], training=False)
    expected = np.exp(expected - expected.max(axis=1, keepdims=True))
    expected /= expected.sum(axis=1, keepdims=True)
    for _ in range(3):                              # batches of 4: teaching, then the plan
        np.testing.assert_allclose(predict(net, x, batch_size=4), expected, rtol=1e-12)
