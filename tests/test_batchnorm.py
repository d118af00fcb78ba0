"""BatchNorm and Add against PyTorch (recorded fixtures, and live when torch is installed),
numerical gradient checks in both modes, and buffers through save/load and checkpoints."""
import importlib.util
import os

import numpy as np
import pytest

import octakd
from octakd.errors import ShapeError
from octakd.gradcheck import KINK, SMOOTH, check_network, gradcheck_layer
from octakd.layers import Add, BatchNorm

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")
RECORDED = dict(np.load(os.path.join(FIXTURES, "torch_batchnorm.npz")))
CASES = {"bn2d": (0.1, 1e-5), "bn1d": (0.3, 1e-3)}


def _live_torch():
    """The recorder re-run with the installed torch (same seed): the live oracle."""
    pytest.importorskip("torch")
    spec = importlib.util.spec_from_file_location("record_torch_batchnorm",
                                                  os.path.join(FIXTURES, "record_torch_batchnorm.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rng, out = np.random.default_rng(2026), {}
    for name, (shape, momentum, eps) in module.CASES.items():
        module.record(name, shape, momentum, eps, rng, out)
    return out


def _replay(oracle, name):
    """Run octakd's BatchNorm through the recorded steps (3 training, 1 inference) and compare
    y, dx, dgamma, dbeta and the running statistics after every step."""
    momentum, eps = CASES[name]
    bn = BatchNorm(momentum, eps)
    for step, training in enumerate([True, True, True, False]):
        rec = {k.split("/")[-1]: v for k, v in oracle.items() if k.startswith(f"{name}/step{step}/")}
        if step == 0:
            bn.build(rec["x"].shape[1:], np.float64)
            bn.params["gamma"][...] = oracle[f"{name}/gamma"]
            bn.params["beta"][...] = oracle[f"{name}/beta"]
        y = bn.forward(rec["x"], training)
        dx = bn.backward(rec["dy"])
        np.testing.assert_allclose(y, rec["y"], rtol=1e-10, atol=1e-12, err_msg=f"{name} step {step} y")
        np.testing.assert_allclose(dx, rec["dx"], rtol=1e-9, atol=1e-12, err_msg=f"{name} step {step} dx")
        np.testing.assert_allclose(bn.grads["gamma"], rec["dgamma"], rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(bn.grads["beta"], rec["dbeta"], rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(bn.buffers["running_mean"], rec["running_mean"], rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(bn.buffers["running_var"], rec["running_var"], rtol=1e-12)


@pytest.mark.parametrize("name", sorted(CASES))
def test_batchnorm_matches_recorded_torch(name):
    _replay(RECORDED, name)


@pytest.mark.parametrize("name", sorted(CASES))
def test_batchnorm_matches_live_torch(name):
    live = _live_torch()
    _replay(live, name)
    for key, value in live.items():            # the fixture still is what torch computes
        np.testing.assert_allclose(RECORDED[key], value, rtol=1e-12, atol=1e-14, err_msg=key)


def test_add_matches_recorded_torch():
    xs = [RECORDED[f"add/x{k}"].reshape(2, 3, 4) for k in range(3)]
    layer = Add()
    np.testing.assert_allclose(layer.forward(xs), RECORDED["add/y"], rtol=1e-15)
    for k, dx in enumerate(layer.backward(RECORDED["add/dy"])):
        np.testing.assert_array_equal(dx, RECORDED[f"add/dx{k}"])


@pytest.mark.parametrize("shape", [(4, 3, 5, 5), (6, 4), (3, 2, 1, 9)])
def test_batchnorm_gradients_both_modes(shape):
    # x from default_rng(0), the idiom that collided with the old checker's upstream gradient
    x = np.random.default_rng(0).standard_normal(shape)
    report = gradcheck_layer(BatchNorm(), x)
    assert {c.mode for c in report.checks} == {"training", "inference"}
    assert report.passed, report.format()
    assert max(report.errors().values()) <= SMOOTH


class BatchNormWithoutCentringTerm(BatchNorm):
    """A classic bug: the training-mode backward forgets the terms through mean and variance."""

    def backward(self, dy):
        self._check_grad(dy)
        training, self.mask = self.mask, False
        try:
            return super().backward(dy)
        finally:
            self.mask = training


def test_wrong_batchnorm_is_caught_in_training_mode():
    x = np.random.default_rng(0).standard_normal((5, 3))
    report = gradcheck_layer(BatchNormWithoutCentringTerm(), x)
    verdicts = {(c.mode, c.name): c.passed for c in report.checks}
    assert verdicts[("inference", "dx")] is True
    assert verdicts[("training", "dx")] is False
    assert not report.passed
    assert "training   dx" in report.format() and "FAIL" in report.format()


def test_batchnorm_running_statistics_and_modes():
    rng = np.random.default_rng(3)
    bn = BatchNorm(momentum=0.5)
    x = rng.standard_normal((10, 2)) * 3 + 7
    y = bn.forward(x, training=True)
    np.testing.assert_allclose(y.mean(axis=0), 0, atol=1e-6)
    np.testing.assert_allclose(bn.buffers["running_mean"], 0.5 * x.mean(axis=0), rtol=1e-6)
    np.testing.assert_allclose(bn.buffers["running_var"], 0.5 + 0.5 * x.var(axis=0, ddof=1), rtol=1e-6)
    before = {k: v.copy() for k, v in bn.buffers.items()}
    y_eval = bn.forward(x, training=False)
    for k in before:                                     # inference leaves the buffers alone
        np.testing.assert_array_equal(bn.buffers[k], before[k])
    expected = (x - before["running_mean"]) / np.sqrt(before["running_var"] + 1e-5)
    np.testing.assert_allclose(y_eval, expected, rtol=1e-5)


def test_batchnorm_errors_name_the_layer():
    with pytest.raises(ShapeError, match="batchnorm_layer.*at least 2 values per channel"):
        BatchNorm().forward(np.ones((1, 3)), training=True)
    with pytest.raises(ShapeError, match="batchnorm_layer.*expected \\(N, D\\) or \\(N, C, H, W\\)"):
        BatchNorm().forward(np.ones((2, 3, 4)), training=True)
    with pytest.raises(ShapeError, match="addition_layer.*same shape"):
        Add().forward([np.ones((2, 3)), np.ones((2, 4))])


def _residual_bn_network(dtype=np.float64):
    """image -> conv -> batchnorm -> relu -> conv, added to the input (a residual block)."""
    octakd.new_network("residual")
    x = octakd.image_input_layer(1, 2, 6, 6)
    octakd.conv2d_layer(2, 3, 3, "same")
    octakd.batchnorm_layer()
    octakd.relu_layer()
    block = octakd.conv2d_layer(2, 3, 3, "same")
    octakd.addition_layer([x, block])
    octakd.dropout_layer(0.3)
    octakd.softmax_layer(3)
    return octakd.current_network().build(dtype, 0)


def test_residual_network_gradients_in_both_modes():
    net = _residual_bn_network()
    rng = np.random.default_rng(4)
    x, y = rng.standard_normal((4, 2, 6, 6)), rng.integers(0, 3, 4)
    for training in (False, True):
        errors = check_network(net, [x], y, training=training)
        assert max(errors.values()) <= KINK, (training, errors)


def _data(n=40):
    rng = np.random.default_rng(9)
    X = rng.standard_normal((n, 2, 6, 6)).astype(np.float32)
    return X, (X[:, 0].mean(axis=(1, 2)) > 0).astype(int)


def test_buffers_saved_and_loaded(tmp_path):
    _residual_bn_network(np.float32)
    X, y = _data()
    model = octakd.train_model([X], y, 2, 0.01, verbose=False)
    bn = model.layers[2]
    assert not np.allclose(bn.buffers["running_mean"], 0)            # training moved them
    octakd.save_model(model, tmp_path / "res.mat")
    again = octakd.load_model(tmp_path / "res.mat")
    np.testing.assert_array_equal(again.layers[2].buffers["running_var"], bn.buffers["running_var"])
    np.testing.assert_array_equal(octakd.predict(again, [X]), octakd.predict(model, [X]))
    import scipy.io                        # the buffers are plain matrices for Octave's load
    saved = scipy.io.loadmat(tmp_path / "res.mat", simplify_cells=True)
    np.testing.assert_array_equal(saved["buffers"]["batchnorm_layer_1"]["running_mean"],
                                  bn.buffers["running_mean"])


def test_buffers_checkpointed_and_resumed_exactly(tmp_path):
    X, y = _data()
    _residual_bn_network(np.float32)
    full = octakd.train_model([X], y, 4, 0.01, verbose=False, seed=1)
    ck = str(tmp_path / "run.npz")
    _residual_bn_network(np.float32)
    octakd.train_model([X], y, 2, 0.01, verbose=False, seed=1, checkpoint=ck)
    _residual_bn_network(np.float32)
    resumed = octakd.train_model([X], y, 4, 0.01, verbose=False, seed=1, checkpoint=ck, resume=True)
    for k in ("running_mean", "running_var"):
        np.testing.assert_array_equal(resumed.layers[2].buffers[k], full.layers[2].buffers[k])
    np.testing.assert_array_equal(octakd.predict(resumed, [X]), octakd.predict(full, [X]))
