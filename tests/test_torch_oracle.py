"""PyTorch as a live independent oracle, forward and backward. Skipped when torch is not installed
(`pip install torch==2.13.0`, or the `[oracle]` extra). The same comparisons run on every
submission from recorded fixtures in tests/test_torch_fixtures.py.

Torch pads by itself: ``padding='same'`` at stride 1, and at stride > 1 the TF/Keras formula
written out in ``same_pads`` below. octakd's ``layer.pads`` is never used, so a wrong split of
the 'same' padding shows up as a mismatch."""
import math

import numpy as np
import pytest

from octakd import losses
from octakd.layers import Conv2D, Dense, MaxPool2D

torch = pytest.importorskip("torch")
F = torch.nn.functional


def same_pads(size, k, s):
    """(before, after) zero padding of TF/Keras 'same': the smaller half before."""
    total = max((math.ceil(size / s) - 1) * s + k - size, 0)
    return total // 2, total - total // 2


def torch_conv(xt, wt, bt, padding, stride):
    """torch's conv2d with padding chosen by torch (stride 1) or by the formula."""
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    if padding == "same" and (sh, sw) == (1, 1):
        return F.conv2d(xt, wt, bt, padding="same")
    if padding == "same":
        (top, bottom), (left, right) = (same_pads(xt.shape[2], wt.shape[2], sh),
                                        same_pads(xt.shape[3], wt.shape[3], sw))
    else:
        top = bottom = left = right = 0 if padding == "valid" else padding
    return F.conv2d(F.pad(xt, (left, right, top, bottom)), wt, bt, stride=(sh, sw))


def t(a, grad=False):
    return torch.tensor(a, dtype=torch.float64, requires_grad=grad)


@pytest.mark.parametrize("shape,filters,k,padding,stride", [
    ((2, 3, 9, 8), 4, (3, 3), "same", 1), ((2, 3, 9, 8), 4, (3, 2), "valid", 2),
    ((1, 1, 1, 21), 5, (1, 3), "same", 1), ((2, 2, 7, 7), 3, (3, 3), 1, 3),
    ((2, 2, 6, 7), 3, (2, 2), "same", 1), ((1, 2, 6, 5), 2, (4, 3), "same", 1),
    ((2, 2, 8, 7), 3, (3, 3), "same", 2), ((1, 1, 9, 9), 2, (4, 4), "same", 2),
    ((1, 2, 7, 6), 2, (2, 2), "same", (2, 1))])
def test_conv2d_matches_torch(shape, filters, k, padding, stride, rng):
    x = rng.standard_normal(shape)
    layer = Conv2D(filters, k[0], k[1], padding, stride)
    y = layer.forward(x)
    dy = rng.standard_normal(y.shape)
    dx = layer.backward(dy)
    xt, wt, bt = t(x, True), t(layer.params["W"], True), t(layer.params["b"], True)
    yt = torch_conv(xt, wt, bt, padding, stride)
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


@pytest.mark.parametrize("kind,kwargs", [("adam", {"lr": 0.05}),
                                         ("adam", {"lr": 0.01, "betas": (0.5, 0.9), "eps": 1e-4}),
                                         ("sgd", {"lr": 0.1, "momentum": 0.9})])
def test_optimizers_match_torch_optim(kind, kwargs, rng):
    from octakd.optim import SGD, Adam
    p0, grads = rng.standard_normal((4, 3)), rng.standard_normal((8, 4, 3))
    pt = t(p0.copy(), True)
    if kind == "adam":
        ref = torch.optim.Adam([pt], **kwargs)
        b1, b2 = kwargs.get("betas", (0.9, 0.999))
        opt = Adam(kwargs["lr"], b1, b2, kwargs.get("eps", 1e-8))
    else:
        ref, opt = torch.optim.SGD([pt], **kwargs), SGD(kwargs["lr"], kwargs["momentum"])
    p = p0.copy()
    for g in grads:
        pt.grad = t(g)
        ref.step()
        opt.step([(p, g)])
        np.testing.assert_allclose(p, pt.detach().numpy(), rtol=1e-10, atol=1e-12)
