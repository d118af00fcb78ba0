"""Optimisers against their formulas (worked numbers), inside train_model, and optimize_model
against a real decrease of the loss. (The trajectories against torch.optim are in
tests/test_torch_fixtures.py.)

Adam (Kingma and Ba 2015, PyTorch's form), t = 1, 2, ...:
    m = b1 m + (1 - b1) g,   v = b2 v + (1 - b2) g^2,
    p -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
so the very first step is ``lr * g / (|g| + eps)``: about ``lr`` in the direction of -g, whatever
the size of g. Without the bias correction it would be ``lr * 0.1 g / (0.0316 |g| + eps)``,
about 3.16 lr.

SGD with momentum:  v = momentum v - lr g;  p += v.
"""
import math

import numpy as np
import pytest

import octakd
from octakd import (calculate_distillation_loss, optimize_model, train_model)
from octakd.losses import softmax_cross_entropy
from octakd.optim import SGD, Adam


@pytest.fixture(params=["numpy", "fused"])
def path(request, monkeypatch):
    """Adam's two code paths: the NumPy expression and the fused Numba kernel (large layers)."""
    if request.param == "fused":
        monkeypatch.setattr(octakd.optim, "FUSED_MIN_SIZE", 1)
    return request.param


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_adam_first_step_is_lr_times_sign(path, dtype):
    p = np.array([1.0, -2.0, 0.5, 3.0], dtype=dtype)
    g = np.array([2.0, -1e-3, 50.0, 0.0], dtype=dtype)
    Adam(lr=0.1).step([(p, g)])
    # lr * g / (|g| + eps): 0.1 * 2 / (2 + 1e-8) = 0.1 (to 1e-9), and a zero gradient stays put
    expected = np.array([1.0 - 0.1 * 2 / (2 + 1e-8), -2.0 + 0.1 * 1e-3 / (1e-3 + 1e-8),
                         0.5 - 0.1 * 50 / (50 + 1e-8), 3.0])
    tol = 1e-12 if dtype == np.float64 else 1e-6
    np.testing.assert_allclose(p, expected, rtol=tol, atol=tol)


def test_adam_two_steps_by_hand(path):
    p = np.array([0.0])
    opt = Adam(lr=0.1)
    opt.step([(p, np.array([2.0]))])
    opt.step([(p, np.array([-1.0]))])
    # step 1: m = 0.2, v = 0.004, m_hat = 2, v_hat = 4, p = -0.1 * 2 / (2 + 1e-8)
    p1 = -0.1 * 2 / (2 + 1e-8)
    # step 2: m = 0.9*0.2 - 0.1 = 0.08, v = 0.999*0.004 + 0.001 = 0.004996
    #         m_hat = 0.08 / 0.19, v_hat = 0.004996 / (1 - 0.999^2) = 0.004996 / 0.001999
    m_hat, v_hat = 0.08 / 0.19, 0.004996 / 0.001999
    p2 = p1 - 0.1 * m_hat / (math.sqrt(v_hat) + 1e-8)
    np.testing.assert_allclose(p, [p2], rtol=1e-12)
    assert opt.t == 2
    np.testing.assert_allclose(opt.m[0], [0.08], rtol=1e-12)
    np.testing.assert_allclose(opt.v[0], [0.004996], rtol=1e-12)


def test_adam_many_steps_match_the_formula(path):
    rng = np.random.default_rng(3)
    p = rng.standard_normal(7)
    ref, m, v = p.copy(), np.zeros(7), np.zeros(7)
    opt = Adam(lr=0.05, beta1=0.8, beta2=0.9, eps=1e-4)
    for t in range(1, 11):
        g = rng.standard_normal(7)
        opt.step([(p, g)])
        m = 0.8 * m + 0.2 * g
        v = 0.9 * v + 0.1 * g * g
        ref -= 0.05 * (m / (1 - 0.8 ** t)) / (np.sqrt(v / (1 - 0.9 ** t)) + 1e-4)
        np.testing.assert_allclose(p, ref, rtol=1e-12, atol=1e-14, err_msg=f"step {t}")


def test_sgd_momentum_by_hand():
    p = np.array([1.0, 2.0])
    opt = SGD(lr=0.1, momentum=0.9)
    opt.step([(p, np.array([1.0, -2.0]))])
    # v = -0.1 g = [-0.1, 0.2];  p = [0.9, 2.2]
    np.testing.assert_allclose(p, [0.9, 2.2], rtol=1e-15)
    opt.step([(p, np.array([1.0, 0.0]))])
    # v = 0.9 [-0.1, 0.2] - 0.1 [1, 0] = [-0.19, 0.18];  p = [0.71, 2.38]
    np.testing.assert_allclose(p, [0.71, 2.38], rtol=1e-14)
    np.testing.assert_allclose(opt.velocity[0], [-0.19, 0.18], rtol=1e-14)


def test_sgd_without_momentum_is_plain_gradient_descent():
    p = np.array([1.0, 2.0])
    opt = SGD(lr=0.5, momentum=0.0)
    for _ in range(3):
        opt.step([(p, np.array([1.0, -2.0]))])
    np.testing.assert_allclose(p, [1.0 - 1.5, 2.0 + 3.0], rtol=1e-15)


# -- inside train_model -----------------------------------------------------------------------------
def _tiny_problem():
    net = octakd.new_network("tiny")
    octakd.text_input_layer(1, 6)
    octakd.dense_layer(5, "tanh")
    octakd.softmax_layer(3)
    rng = np.random.default_rng(11)
    X = rng.standard_normal((8, 6))
    y = np.array([0, 1, 2, 0, 1, 2, 0, 1])
    return net, X, y


def _first_gradient(net, X, y):
    """Initial weights (as train_model builds them) and the full-batch cross-entropy gradient."""
    model = net.clone()
    model.build(np.float64, 0)
    w0 = [model_param.copy() for model_param in (l.params[k] for l, k in model.parameters())]
    _, dz = softmax_cross_entropy(model.forward([X], training=True), y)
    model.backward(dz)
    grads = [l.grads[k].copy() for l, k in model.parameters()]
    return w0, grads


@pytest.mark.parametrize("optimizer", ["adam", "sgd"])
def test_train_model_first_step_follows_the_optimizer_formula(optimizer):
    net, X, y = _tiny_problem()
    w0, grads = _first_gradient(net, X, y)
    model = train_model(X, y, 1, 0.01, network=net, batch_size=8, verbose=False, dtype=np.float64,
                        optimizer=optimizer, momentum=0.9)
    for (layer, k), w, g in zip(model.parameters(), w0, grads):
        if optimizer == "adam":
            expected = w - 0.01 * g / (np.abs(g) + 1e-8)
        else:
            expected = w - 0.01 * g
        np.testing.assert_allclose(layer.params[k], expected, rtol=1e-9, atol=1e-12,
                                   err_msg=f"{layer.name}.{k}")
    assert any(np.abs(g).max() > 1e-3 for g in grads)      # the step was not trivially zero


# -- optimize_model ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def underfit():
    """A student stopped after one epoch on a problem it can fit much better."""
    net, X, y = _tiny_problem()
    teacher = train_model(X, y, 30, 0.05, network=net, batch_size=8, verbose=False)
    student = train_model(X, y, 1, 0.001, network=net, batch_size=8, verbose=False)
    return X, y, teacher, student


def test_optimize_model_strictly_lowers_the_distillation_loss(underfit):
    X, y, teacher, student = underfit
    loss = calculate_distillation_loss(student, teacher, X, y)
    out = optimize_model(student, loss, X, y, max_iter=50, verbose=False)
    info = out.optimization
    assert info["iterations"] > 0
    assert info["loss_before"] == pytest.approx(float(loss), rel=1e-5)
    assert info["loss_after"] < 0.99 * info["loss_before"], info
    # the reported loss is the returned model's real loss
    assert float(calculate_distillation_loss(out, teacher, X, y)) == pytest.approx(
        info["loss_after"], rel=1e-4)


def test_optimize_model_strictly_lowers_cross_entropy(underfit):
    X, y, _, student = underfit
    out = optimize_model(student, 1.0, X, y, max_iter=50, verbose=False)
    info = out.optimization
    assert info["iterations"] > 0 and info["loss_after"] < 0.99 * info["loss_before"], info
    z = out.forward([X.astype(np.float32)], training=False)
    assert softmax_cross_entropy(z.astype(np.float64), y)[0] == pytest.approx(info["loss_after"],
                                                                              rel=1e-3, abs=1e-6)


def test_optimize_model_head_mode_strictly_lowers_the_loss(underfit):
    X, y, teacher, student = underfit
    loss = calculate_distillation_loss(student, teacher, X, y)
    out = optimize_model(student, loss, X, y, max_params=20, verbose=False)
    info = out.optimization
    assert info["scope"] == "softmax_layer_1"
    assert info["iterations"] > 0 and info["loss_after"] < 0.99 * info["loss_before"], info
