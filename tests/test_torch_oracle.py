"""PyTorch as an independent oracle, forward and backward. Skipped when torch is not installed
(CI does not install it; `pip install torch==2.13.0` to run these)."""
import numpy as np
import pytest

from octakd import losses
from octakd.layers import Conv2D, Dense, MaxPool2D

torch = pytest.importorskip("torch")
F = torch.nn.functional


def t(a, grad=False):
    return torch.tensor(a, dtype=torch.float64, requires_grad=grad)


@pytest.mark.parametrize("shape,filters,k,padding,stride", [
    ((2, 3, 9, 8), 4, (3, 3), "same", 1), ((2, 3, 9, 8), 4, (3, 2), "valid", 2),
    ((1, 1, 1, 21), 5, (1, 3), "same", 1), ((2, 2, 7, 7), 3, (3, 3), 1, 3)])
def test_conv2d_matches_torch(shape, filters, k, padding, stride, rng):
    x = rng.standard_normal(shape)
    layer = Conv2D(filters, k[0], k[1], padding, stride)
    y = layer.forward(x)
    dy = rng.standard_normal(y.shape)
    dx = layer.backward(dy)
    xt, wt, bt = t(x, True), t(layer.params["W"], True), t(layer.params["b"], True)
    pad = layer.pads
    yt = F.conv2d(F.pad(xt, (pad[2], pad[3], pad[0], pad[1])), wt, bt, stride=stride)
    yt.backward(t(dy))
    np.testing.assert_allclose(y, yt.detach().numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dx, xt.grad.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(layer.grads["W"], wt.grad.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(layer.grads["b"], bt.grad.numpy(), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("pool,stride", [(2, 2), (3, 2), (2, 1)])
def test_maxpool_matches_torch(pool, stride, rng):
    x = rng.standard_normal((2, 3, 9, 8))
    layer = MaxPool2D(pool, stride)
    y = layer.forward(x)
    dy = rng.standard_normal(y.shape)
    xt = t(x, True)
    yt = F.max_pool2d(xt, pool, stride)
    yt.backward(t(dy))
    np.testing.assert_allclose(y, yt.detach().numpy())
    np.testing.assert_allclose(layer.backward(dy), xt.grad.numpy(), rtol=1e-12)


@pytest.mark.parametrize("activation", ["linear", "relu", "sigmoid", "tanh"])
def test_dense_matches_torch(activation, rng):
    x = rng.standard_normal((4, 2, 3, 3))
    layer = Dense(5, activation)
    y = layer.forward(x)
    dy = rng.standard_normal(y.shape)
    dx = layer.backward(dy)
    xt, wt, bt = t(x, True), t(layer.params["W"], True), t(layer.params["b"], True)
    z = xt.reshape(4, -1) @ wt + bt
    act = {"linear": lambda v: v, "relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh}
    act[activation](z).backward(t(dy))
    np.testing.assert_allclose(dx, xt.grad.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(layer.grads["W"], wt.grad.numpy(), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("T,alpha", [(1.0, 0.5), (4.0, 0.9), (0.5, 0.3)])
def test_losses_match_torch(T, alpha, rng):
    z, teacher = rng.standard_normal((6, 5)) * 3, rng.standard_normal((6, 5)) * 3
    y = rng.integers(0, 5, 6)
    zt = t(z, True)
    ce = F.cross_entropy(zt, torch.tensor(y))
    kd = F.kl_div(F.log_softmax(zt / T, 1), F.log_softmax(t(teacher) / T, 1), log_target=True,
                  reduction="batchmean") * T * T
    total = alpha * kd + (1 - alpha) * ce
    total.backward()
    loss, dz = losses.distillation_loss(z, teacher, y, T, alpha)
    assert loss == pytest.approx(total.item(), rel=1e-10)
    np.testing.assert_allclose(dz, zt.grad.numpy(), rtol=1e-9, atol=1e-12)
    ce_loss, _ = losses.softmax_cross_entropy(z, y)
    assert ce_loss == pytest.approx(ce.item(), rel=1e-12)
