"""Numerical faults: NaN/Inf during training stops it with TrainingDiverged, whose message names
the epoch and iteration, and whose ``.model`` holds the last finite weights (those from before
the failing step). Extreme temperatures and logits stay finite. An interrupted checkpoint save
leaves the previous checkpoint intact.

(Loss values at extreme logits are also in tests/test_losses.py; determinism and resume in
tests/test_checkpoint.py; interrupted save_model in tests/test_model_io.py.)"""
import os

import numpy as np
import pytest

import octakd
import octakd.training as training
from octakd import (NonFiniteError, OctakdValueError, TrainingDiverged, dense_layer, new_network,
                    predict, softmax_layer, text_input_layer, train_model)
from octakd import losses
from octakd.layers import Dense


def problem(n=16, features=8, classes=3):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((n, features))
    y = rng.integers(0, classes, n)
    new_network("mlp")
    text_input_layer(1, features)
    dense_layer(16, "relu")
    softmax_layer(classes)
    return X, y


def weights(params):
    return [p.copy() for p in params]


@pytest.fixture
def step_log(monkeypatch):
    """Record the weights the model holds after every successful optimiser step (and before
    the first): the last entry is what TrainingDiverged.model must hold."""
    log = []
    real = training.StepGuard.step

    def logged(guard, pairs, norms):
        if not log:
            log.append(weights(p for p, _ in pairs))
        ok = real(guard, pairs, norms)
        if ok:
            log.append(weights(p for p, _ in pairs))
        return ok

    monkeypatch.setattr(training.StepGuard, "step", logged)
    return log


def model_weights(model):
    return [layer.params[k] for layer, k in model.parameters()]


def assert_last_finite_weights(model, log):
    got = model_weights(model)
    assert all(np.all(np.isfinite(w)) for w in got)
    assert len(log) >= 1
    for a, b in zip(got, log[-1]):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("lr, what", [
    (1e3, "the gradient of"),        # gradients overflow first
    (1e10, "the logits"),            # the weights grow until the logits overflow
    (1e30, "the logits"),
])
def test_huge_sgd_learning_rate_stops_with_last_finite_weights(lr, what, step_log):
    X, y = problem()
    with pytest.raises(TrainingDiverged) as info:
        train_model(X, y, 20, lr, optimizer="sgd", batch_size=4, verbose=False)
    msg = str(info.value)
    assert msg.startswith("train_model: " + what)
    assert "NaN/Inf at epoch " in msg and ", iteration " in msg
    assert "the learning rate" in msg and "diverges (it is too high)" in msg
    assert "last finite weights" in msg
    assert isinstance(info.value, NonFiniteError) and isinstance(info.value, FloatingPointError)
    assert_last_finite_weights(info.value.model, step_log)
    try:                                                    # usable, or a clear error
        assert np.all(np.isfinite(predict(info.value.model, X[:2])))
    except NonFiniteError as exc:
        assert str(exc).startswith("predict: model 'teacher' gives NaN/Inf logits")


def test_a_step_that_would_overflow_the_weights_is_refused(step_log):
    """lr = 1e300 does not even fit float32: the step itself would write Inf into the weights.
    The guard runs it on its copy-protected path and puts the old weights back."""
    X, y = problem()
    with pytest.raises(TrainingDiverged) as info:
        train_model(X, y, 5, 1e300, optimizer="sgd", momentum=0.0, batch_size=4, verbose=False)
    msg = str(info.value)
    assert msg.startswith("train_model: the weights became NaN/Inf at epoch 1, iteration 1")
    assert "learning rate diverges (it is too high)" in msg
    assert_last_finite_weights(info.value.model, step_log)
    assert len(step_log) == 1                               # the initial weights, untouched


@pytest.mark.parametrize("lean_path", [True, False], ids=["lean", "teaching"])
def test_nan_gradient_at_iteration_k_names_epoch_and_iteration(monkeypatch, step_log, lean_path):
    """The 6th backward leaves a NaN in softmax_layer_1's weight gradient, on either path of
    the training loop (octakd.lean's plan after the first batch, or Network.backward)."""
    from octakd import lean
    monkeypatch.setattr(lean, "ENABLED", lean_path)
    X, y = problem()                                        # 16 samples, batch 4: 4 iterations/epoch
    real = lean.backward
    calls = {"n": 0}

    def poisoned(net, dlogits):
        dx = real(net, dlogits)
        calls["n"] += 1
        if calls["n"] == 6:
            next(l for l in net.layers if l.name == "softmax_layer_1").grads["W"][0, 0] = np.nan
        return dx

    monkeypatch.setattr(lean, "backward", poisoned)
    with pytest.raises(TrainingDiverged) as info:
        train_model(X, y, 3, 0.01, batch_size=4, verbose=False)
    msg = str(info.value)
    assert "the gradient of softmax_layer_1.W became NaN/Inf at epoch 2, iteration 6" in msg
    assert_last_finite_weights(info.value.model, step_log)
    assert len(step_log) == 6                               # initial + 5 good steps
    assert len(info.value.model.history) == 5


def test_nan_loss_stops_before_backward(monkeypatch, step_log):
    X, y = problem()
    real = training.softmax_cross_entropy
    calls = {"n": 0}

    def flaky(logits, labels):
        calls["n"] += 1
        loss, d = real(logits, labels)
        return (float("nan"), d) if calls["n"] == 3 else (loss, d)

    monkeypatch.setattr(training, "softmax_cross_entropy", flaky)
    with pytest.raises(TrainingDiverged, match="the loss became NaN/Inf at epoch 1, iteration 3"):
        train_model(X, y, 2, 0.01, batch_size=4, verbose=False)


def test_nan_weights_set_by_hand_are_caught_in_the_first_forward(monkeypatch):
    X, y = problem()
    real = training.Network.build

    def build_then_poison(net, *args, **kwargs):
        out = real(net, *args, **kwargs)
        net.layers[1].params["W"][0, 0] = np.inf
        return out

    monkeypatch.setattr(training.Network, "build", build_then_poison)
    with pytest.raises(TrainingDiverged, match="epoch 1, iteration 1"):
        train_model(X, y, 1, 0.01, verbose=False)


def test_adam_with_a_large_learning_rate_stays_finite_or_stops_cleanly():
    X, y = problem()
    for lr in (10.0, 1e6):
        try:
            model = train_model(X, y, 10, lr, batch_size=4, verbose=False)
        except TrainingDiverged as exc:
            model = exc.model
        assert all(np.all(np.isfinite(w)) for w in model_weights(model))


def test_no_overflow_warnings_leak_from_a_diverging_run(recwarn):
    X, y = problem()
    with pytest.raises(TrainingDiverged):
        train_model(X, y, 20, 1e10, optimizer="sgd", batch_size=4, verbose=False)
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


def test_distillation_at_the_temperature_limits_trains_finite():
    X, y = problem()
    teacher = train_model(X, y, 2, 0.01, verbose=False)
    for T in (1e-4, 1e4):
        student = train_model(X, y, 2, 0.01, teacher, temperature=T, alpha=0.5, verbose=False)
        assert all(np.isfinite(row["loss"]) for row in student.history)


@pytest.mark.parametrize("T", [1e-4, 1e-2, 1.0, 1e2, 1e4])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_extreme_temperatures_and_logits_stay_finite(T, dtype):
    rng = np.random.default_rng(3)
    z = (rng.choice([-1e4, 0.0, 1e4], size=(5, 7)) + rng.standard_normal((5, 7))).astype(dtype)
    t = rng.choice([-1e4, 1e4], size=(5, 7)).astype(dtype)
    y = rng.integers(0, 7, 5)
    for alpha in (0.0, 0.5, 1.0):
        loss, dz = losses.distillation_loss(z, t, y, T, alpha)
        assert np.isfinite(loss) and loss >= -1e-6 * max(1.0, abs(loss))
        assert np.all(np.isfinite(dz)) and dz.dtype == dtype


@pytest.mark.parametrize("T", [0.0, -1.0, 1e-5, 1e5, 1e300, float("nan"), float("inf")])
def test_temperatures_outside_the_range_are_refused(T):
    z = np.zeros((2, 3))
    with pytest.raises(OctakdValueError) as info:
        losses.distillation_loss(z, z, [0, 1], T, 0.5)
    assert "distillation_loss: temperature must be a positive number from 0.0001 to 10000" in str(info.value)


# -- interrupted writes -----------------------------------------------------------------------
def test_interrupted_checkpoint_save_keeps_the_previous_checkpoint(tmp_path, monkeypatch):
    X, y = problem()
    path = tmp_path / "run.npz"
    train_model(X, y, 1, 0.01, verbose=False, checkpoint=path)
    before = path.read_bytes()
    real = np.savez

    def half_then_interrupt(f, **arrays):
        real(f, **arrays)
        f.truncate(f.tell() // 2)
        raise KeyboardInterrupt

    monkeypatch.setattr(np, "savez", half_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        train_model(X, y, 2, 0.01, verbose=False, checkpoint=path)
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["run.npz"]           # no temporary file left
    monkeypatch.undo()
    resumed = train_model(X, y, 1, 0.01, verbose=False, checkpoint=path, resume=True)
    assert resumed.history                                        # still a readable checkpoint


def test_failed_checkpoint_save_is_a_file_error_and_keeps_the_old_one(tmp_path, monkeypatch):
    X, y = problem()
    path = tmp_path / "run.npz"
    train_model(X, y, 1, 0.01, verbose=False, checkpoint=path)
    before = path.read_bytes()

    def disk_full(f, **arrays):
        f.write(b"PK\x03\x04")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(np, "savez", disk_full)
    with pytest.raises(octakd.OctakdFileError) as info:
        train_model(X, y, 2, 0.01, verbose=False, checkpoint=path)
    assert "run.npz" in str(info.value) and "unchanged" in str(info.value)
    assert path.read_bytes() == before
