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


@pytest.fixture(params=["numpy", "small", "fused"])
def path(request, monkeypatch):
    """Adam's three code paths: the NumPy expression, the serial Numba loop (small arrays) and
    the fused parallel Numba kernel (large layers)."""
    if request.param == "fused":
        monkeypatch.setattr(octakd.optim, "FUSED_MIN_SIZE", 1)
    elif request.param == "numpy":
        monkeypatch.setattr(octakd.optim, "SMALL_FUSED", False)
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


# -- details found by mutation testing of optim.py --------------------------------------------------
def test_defaults_are_documented_values():
    sgd, adam = SGD(), Adam()
    assert (sgd.lr, sgd.momentum) == (0.01, 0.9)
    assert (adam.lr, adam.beta1, adam.beta2, adam.eps) == (1e-3, 0.9, 0.999, 1e-8)


@pytest.mark.parametrize("make,message", [
    (lambda: SGD(lr=0.0), r"^SGD: learning rate must be in \(0\.0, inf\], got 0\.0$"),
    (lambda: SGD(lr=-1), r"^SGD: learning rate must be in \(0\.0, inf\], got -1\.0$"),
    (lambda: SGD(0.1, momentum=1.0), r"^SGD: momentum must be in \[0\.0, 1\.0\), got 1\.0$"),
    (lambda: SGD(0.1, momentum=-0.1), r"^SGD: momentum must be in \[0\.0, 1\.0\), got -0\.1$"),
    (lambda: SGD(0.1, momentum=1.5), r"^SGD: momentum must be in"),
    (lambda: Adam(lr=0.0), r"^Adam: learning rate must be in \(0\.0, inf\], got 0\.0$"),
    (lambda: Adam(0.1, beta1=1.0), r"^Adam: beta1 must be in \[0\.0, 1\.0\), got 1\.0$"),
    (lambda: Adam(0.1, beta2=-0.5), r"^Adam: beta2 must be in \[0\.0, 1\.0\), got -0\.5$"),
    (lambda: Adam(0.1, eps=0.0), r"^Adam: eps must be in \(0\.0, inf\], got 0\.0$"),
])
def test_optimizer_arguments_are_checked(make, message):
    with pytest.raises(octakd.OctakdValueError, match=message):
        make()


def test_boundary_values_are_accepted():
    assert SGD(1e-300, 0.0).momentum == 0.0 and SGD(0.1, 0.999).momentum == 0.999
    assert Adam(0.1, 0.0, 0.0, 1e-300).beta1 == 0.0


@pytest.mark.parametrize("momentum", [0.0, 0.9])
def test_sgd_updates_every_parameter_in_its_own_dtype(momentum):
    a, b = np.ones(3, np.float32), np.ones((2, 2), np.float32)
    opt = SGD(0.5, momentum)
    opt.step([(a, np.ones(3, np.float32)), (b, np.full((2, 2), 2.0, np.float32))])
    np.testing.assert_array_equal(a, np.full(3, 0.5))
    np.testing.assert_array_equal(b, np.zeros((2, 2)))
    assert a.dtype == b.dtype == np.float32
    assert all(v.dtype == np.float32 for v in opt.velocity.values())


def test_adam_moments_keep_the_parameter_dtype(path):
    p = np.ones(4, np.float32)
    opt = Adam(0.1)
    opt.step([(p, np.ones(4, np.float32))])
    assert opt.m[0].dtype == opt.v[0].dtype == p.dtype == np.float32


def test_adam_uses_the_fused_kernel_exactly_from_fused_min_size(monkeypatch):
    from octakd.kernels import adam_numba
    calls = []
    real = adam_numba.adam_update
    monkeypatch.setattr(adam_numba, "adam_update", lambda *a: (calls.append(a[0].size), real(*a)))
    monkeypatch.setattr(octakd.optim, "FUSED_MIN_SIZE", 4)
    monkeypatch.setattr(octakd.optim, "_FUSED", None)       # as in a fresh process
    opt = Adam(0.1)
    small, exact, large = np.ones(3), np.ones(4), np.ones(5)
    opt.step([(small, np.ones(3)), (exact, np.ones(4)), (large, np.ones(5))])
    assert calls == [4, 5]
    for p in (small, exact, large):
        np.testing.assert_allclose(p, 1 - 0.1 / (1 + 1e-8), rtol=1e-6)


def test_optimizer_state_round_trips_through_state_dict():
    opt = Adam(0.1)
    p = np.ones(2)
    opt.step([(p, np.ones(2))])
    state = opt.state_dict()
    assert set(state) == {"t", "m", "v"} and state["t"] == 1
    assert state["m"][0] is opt.m[0] and state["v"][0] is opt.v[0]
    sgd = SGD(0.1)
    sgd.step([(p, np.ones(2))])
    assert set(sgd.state_dict()) == {"velocity"} and sgd.state_dict()["velocity"][0] is sgd.velocity[0]


def test_adam_without_numba_falls_back_to_numpy(monkeypatch):
    import sys
    import octakd.kernels
    monkeypatch.setitem(sys.modules, "octakd.kernels.adam_numba", None)    # import fails
    monkeypatch.delattr(octakd.kernels, "adam_numba", raising=False)
    monkeypatch.setattr(octakd.optim, "_FUSED", None)
    monkeypatch.setattr(octakd.optim, "FUSED_MIN_SIZE", 1)
    p = np.ones(3)
    Adam(0.1).step([(p, np.ones(3))])
    assert octakd.optim._FUSED is False
    np.testing.assert_allclose(p, 1 - 0.1 / (1 + 1e-8), rtol=1e-12)
