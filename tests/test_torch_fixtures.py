"""PyTorch as an independent oracle on every run, from recorded fixtures (no torch needed).

``tools/make_torch_fixtures.py`` ran torch 2.13 CPU on fixed inputs and stored inputs and results
in ``tests/fixtures/torch/*.npz``. Torch chose its own padding there (``padding='same'`` at
stride 1, the TF/Keras formula at stride > 1), never octakd's ``layer.pads``. Each test below
feeds octakd the same inputs and compares forward and backward with what torch computed, in
float64 (and conv and pool with both kernel backends).
"""
import json
from pathlib import Path

import numpy as np
import pytest

import octakd
from octakd import losses
from octakd.layers import Conv2D, Dense, MaxPool2D, ReLU, Softmax
from octakd.optim import SGD, Adam

HERE = Path(__file__).parent / "fixtures" / "torch"
TOL = {"rtol": 1e-10, "atol": 1e-12}


def load_cases(name):
    """{case: (meta dict, {array name: array})} from one fixture file."""
    with np.load(HERE / f"{name}.npz", allow_pickle=False) as data:
        cases = {}
        for key in data.files:
            case, field = key.split(":", 1)
            meta, arrays = cases.setdefault(case, ({}, {}))
            if field == "meta":
                meta.update(json.loads(str(data[key])))
            else:
                arrays[field] = data[key]
    return cases


CONV, DENSE, RELU = load_cases("conv2d"), load_cases("dense"), load_cases("relu")
SOFTMAX, POOL = load_cases("softmax_layer"), load_cases("maxpool2d")
LOSSES, OPTIM = load_cases("losses"), load_cases("optim")


def test_the_fixtures_cover_what_the_brief_asks():
    assert {"same_2x2_s1", "same_4x3_s1", "same_3x3_s2", "same_2x2_s2", "valid_3x2_s2",
            "valid_2x2_s1", "pad1_3x3_s23"} <= set(CONV)
    assert set(DENSE) == {"linear", "relu", "sigmoid", "tanh"}
    assert len(POOL) >= 5 and len(LOSSES) >= 10 and len(OPTIM) == 4


@pytest.fixture(params=["numpy", "numba"])
def backend(request):
    previous = octakd.set_backend(request.param)
    yield request.param
    octakd.set_backend(previous)


def run_layer(layer, a, params=("W", "b")):
    """Forward a["x"], set the recorded parameters, forward again and backward a["dy"]."""
    x = a["x"]
    if params:
        layer.build(x.shape[1:], x.dtype)
        for k in params:
            layer.params[k][...] = a[k]
    y = layer.forward(x)
    dx = layer.backward(a["dy"])
    return y, dx


@pytest.mark.parametrize("case", sorted(CONV))
def test_conv2d_matches_torch(case, backend):
    meta, a = CONV[case]
    layer = Conv2D(meta["filters"], meta["kh"], meta["kw"], meta["padding"], meta["stride"])
    y, dx = run_layer(layer, a)
    assert y.shape == a["y"].shape
    np.testing.assert_allclose(y, a["y"], **TOL)
    np.testing.assert_allclose(dx, a["dx"], **TOL)
    np.testing.assert_allclose(layer.grads["W"], a["dW"], **TOL)
    np.testing.assert_allclose(layer.grads["b"], a["db"], **TOL)


@pytest.mark.parametrize("case", ["same_2x2_s1", "same_3x3_s2", "valid_3x2_s2"])
def test_conv2d_matches_torch_in_float32(case, backend):
    meta, a = CONV[case]
    a32 = {k: v.astype(np.float32) for k, v in a.items()}
    layer = Conv2D(meta["filters"], meta["kh"], meta["kw"], meta["padding"], meta["stride"])
    y, dx = run_layer(layer, a32)
    assert y.dtype == np.float32 and dx.dtype == np.float32
    np.testing.assert_allclose(y, a["y"], rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(dx, a["dx"], rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(layer.grads["W"], a["dW"], rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("case", sorted(DENSE))
def test_dense_matches_torch(case):
    meta, a = DENSE[case]
    layer = Dense(meta["units"], meta["activation"])
    y, dx = run_layer(layer, a)
    np.testing.assert_allclose(y, a["y"], **TOL)
    np.testing.assert_allclose(dx, a["dx"], **TOL)
    np.testing.assert_allclose(layer.grads["W"], a["dW"], **TOL)
    np.testing.assert_allclose(layer.grads["b"], a["db"], **TOL)


def test_dense_relu_fixture_meets_zero_exactly():
    """The fixture is built so that z == 0 exactly somewhere (x = 0, b_j = 0): torch's
    subgradient there is 0, and octakd must agree (checked in test_dense_matches_torch)."""
    _, a = DENSE["relu"]
    z = a["x"].reshape(4, -1) @ a["W"] + a["b"]
    np.testing.assert_array_equal(z[0], [0.0, 0.5, -0.5, 0.0, 1.0])
    # only the units with z > 0 (1 and 4) pass dy back
    expected = a["dy"][0, 1] * a["W"][:, 1] + a["dy"][0, 4] * a["W"][:, 4]
    np.testing.assert_allclose(a["dx"][0].ravel(), expected, rtol=1e-12)


@pytest.mark.parametrize("case", sorted(RELU))
def test_relu_matches_torch(case):
    _, a = RELU[case]
    y, dx = run_layer(ReLU(), a, params=())
    np.testing.assert_array_equal(y, a["y"])
    np.testing.assert_array_equal(dx, a["dx"])
    assert np.any(a["x"] == 0.0)


@pytest.mark.parametrize("case", sorted(SOFTMAX))
def test_softmax_layer_matches_torch(case):
    meta, a = SOFTMAX[case]
    layer = Softmax(meta["classes"])
    y, dx = run_layer(layer, a)
    np.testing.assert_allclose(y, a["y"], rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(dx, a["dx"], rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(layer.grads["W"], a["dW"], rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(layer.grads["b"], a["db"], rtol=1e-8, atol=1e-12)


@pytest.mark.parametrize("case", sorted(POOL))
def test_maxpool_matches_torch_including_ties(case, backend):
    meta, a = POOL[case]
    y, dx = run_layer(MaxPool2D(meta["pool"], meta["stride"]), a, params=())
    np.testing.assert_array_equal(y, a["y"])
    np.testing.assert_allclose(dx, a["dx"], rtol=1e-14, atol=0)


@pytest.mark.parametrize("case", sorted(k for k in LOSSES if not k.startswith("ce_")))
def test_distillation_loss_matches_torch(case):
    meta, a = LOSSES[case]
    labels = a["labels"].astype(np.int64)
    if meta["alpha"] is None:
        loss, dz = losses.distillation_loss(a["z"], a["teacher"], None, meta["temperature"])
    else:
        loss, dz = losses.distillation_loss(a["z"], a["teacher"], labels, meta["temperature"],
                                            meta["alpha"])
    assert loss == pytest.approx(float(a["loss"]), rel=1e-9, abs=1e-12)
    np.testing.assert_allclose(dz, a["dz"], rtol=1e-8, atol=1e-12)


@pytest.mark.parametrize("case", sorted(k for k in LOSSES if k.startswith("ce_")))
def test_cross_entropy_matches_torch(case):
    _, a = LOSSES[case]
    loss, dz = losses.softmax_cross_entropy(a["z"], a["labels"].astype(np.int64))
    assert loss == pytest.approx(float(a["loss"]), rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(dz, a["dz"], rtol=1e-10, atol=1e-14)


def make_optimizer(meta):
    if meta["kind"] == "adam":
        beta1, beta2 = meta.get("betas", (0.9, 0.999))
        return Adam(meta["lr"], beta1, beta2, meta.get("eps", 1e-8))
    return SGD(meta["lr"], meta["momentum"])


@pytest.mark.parametrize("fused", [False, True], ids=["numpy", "fused"])
@pytest.mark.parametrize("case", sorted(OPTIM))
def test_optimizer_trajectory_matches_torch_optim(case, fused, monkeypatch):
    """Six steps of torch.optim.Adam / torch.optim.SGD on the same gradient sequence. With
    ``fused``, Adam goes through the Numba kernel used for large layers."""
    if fused:
        monkeypatch.setattr(octakd.optim, "FUSED_MIN_SIZE", 1)
    meta, a = OPTIM[case]
    opt = make_optimizer(meta)
    p = a["p0"].copy()
    for step, g in enumerate(a["grads"]):
        opt.step([(p, g.copy())])
        np.testing.assert_allclose(p, a["path"][step], rtol=1e-9, atol=1e-12,
                                   err_msg=f"{case}, step {step + 1}")


# -- a whole network: three branches, a concatenation, distillation loss ------------------------------
NETWORK = load_cases("network")


def build_network(nodes):
    """The recorded graph with octakd's object API, in float64."""
    from octakd import layers
    from octakd.network import Branch, Network

    net = Network("torch oracle")
    for kind, args, parents in nodes:
        inputs = [Branch(net, p) for p in parents]
        net.add(getattr(layers, kind)(*args), inputs if len(inputs) > 1 else (inputs[0] if inputs else None))
    return net.build(np.float64)


def test_network_forward_backward_matches_torch(backend):
    """Flattening order at the concatenation, the branch order, 'same' padding at stride 2 on an
    audio map, the clamped pool and the distillation loss, all at once."""
    meta, a = NETWORK["three_branches"]
    net = build_network(meta["nodes"])
    for i, layer in enumerate(net.layers):
        for k in layer.params:
            layer.params[k][...] = a[f"p{i}_{k}"]
    logits = net.forward([a["image"], a["text"], a["audio"]], training=True)
    np.testing.assert_allclose(logits, a["logits"], **TOL)
    loss, dz = losses.distillation_loss(logits, a["teacher"], a["labels"].astype(np.int64),
                                        meta["temperature"], meta["alpha"])
    assert loss == pytest.approx(float(a["loss"]), rel=1e-10)
    d_image, d_text, d_audio = net.backward(dz)
    np.testing.assert_allclose(d_image, a["dimage"], **TOL)
    np.testing.assert_allclose(d_text, a["dtext"], **TOL)
    np.testing.assert_allclose(d_audio, a["daudio"], **TOL)
    checked = 0
    for i, layer in enumerate(net.layers):
        for k in layer.params:
            np.testing.assert_allclose(layer.grads[k], a[f"dp{i}_{k}"], err_msg=f"{layer.name}.{k}", **TOL)
            checked += 1
    assert checked == 10
