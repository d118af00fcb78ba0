"""Details of octakd/training.py that mutation testing found unpinned.

- TrainingDiverged's message names the likely cause by fixed rules (training._diverged): the
  loss grew more than 10-fold, or the largest weight more than 1000-fold, else "check the data";
  each rule is checked on both sides of its threshold.
- evaluate() of a cross-modal student reads the teacher-ordered inputs list by modality, and
  its errors name evaluate; the oracle is the student's own predict() on its one modality.
"""
import numpy as np
import pytest

import octakd
from octakd import (TrainingDiverged, audio_input_layer, dense_layer, evaluate, new_network,
                    predict, softmax_layer, text_input_layer, train_model)
from octakd.errors import ShapeError
from octakd.optim import SGD, Adam
from octakd.training import StepGuard, _diverged

HEAD = "train_model: the loss became NaN/Inf at epoch 3, iteration 7"
TAIL = ". Training stopped; the model (exception.model) keeps the last finite weights"


class _Model:
    """Just what _diverged touches: release_memory()."""
    released = False

    def release_memory(self):
        self.released = True


def _message(losses, w0=1.0, w1=1.0, lr=0.5, step=None):
    p = np.array([w0, w0 / 4])
    guard = StepGuard(Adam(lr), [p])                  # initial_max = max|p| = w0
    p[0] = w1                                         # the weights now: max_now() = w1
    model = _Model()
    kwargs = {} if step is None else {"step": step}
    with pytest.raises(TrainingDiverged) as info:
        _diverged(model, "the loss", 3, 7, losses, guard, **kwargs)
    assert info.value.model is model and model.released
    return str(info.value)


@pytest.mark.parametrize("first,last,grew", [
    (2.0, 21.0, True),        # 21 > 10 * 2
    (2.0, 20.0, False),       # exactly 10-fold is not "grew"
    (2.0, 19.0, False),
    (0.0, 0.5, True),         # from 0: compared with 10 * 1e-12
    (1e-13, 1e-11, False),    # 1e-11 is not above 10 * max(1e-13, 1e-12) = 1e-11
])
def test_diverged_names_a_loss_that_grew_tenfold(first, last, grew):
    text = _message([first, last])
    if grew:
        assert text == (f"{HEAD}; the loss grew from {first:.4g} to {last:.4g}: the learning rate "
                        f"0.5 diverges (it is too high), lower it{TAIL}")
    else:
        assert text == f"{HEAD}; check the data, or lower the learning rate 0.5{TAIL}"


@pytest.mark.parametrize("w0,w1,grew", [
    (2.0, 2000.0, True),      # not 2000 < 1e3 * 2: grew
    (2.0, 1999.0, False),
    (2.0, 1000.0, False),
    (2.0, 2001.0, True),
    (0.0, 0.5, True),         # from all-zero weights: compared with 1e3 * 1e-12
])
def test_diverged_names_weights_that_grew_thousandfold(w0, w1, grew):
    text = _message([1.0, 1.5], w0=w0, w1=w1)
    if grew:
        assert text == (f"{HEAD}; the largest weight grew from {w0:.4g} to {w1:.4g}: the learning "
                        f"rate 0.5 diverges (it is too high), lower it{TAIL}")
    else:
        assert text == f"{HEAD}; check the data, or lower the learning rate 0.5{TAIL}"


def test_diverged_step_overflow_and_no_loss_yet():
    assert _message([], lr=0.25, step=True) == (
        f"{HEAD}; a step of learning rate 0.25 would overflow them: the learning rate diverges "
        f"(it is too high), lower it{TAIL}")
    assert _message([]) == f"{HEAD}; check the data, or lower the learning rate 0.5{TAIL}"


# -- evaluate ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def cross_modal():
    rng = np.random.default_rng(3)
    n = 24
    labels = rng.integers(0, 3, n)
    texts = [f"item {c} {'red' if c == 1 else 'blue'}" for c in labels]
    audio = rng.standard_normal((n, 1, 1, 16)).astype(np.float32)
    audio[np.arange(n), 0, 0, labels] += 2.0                 # a class signal in the audio
    return labels, [texts, audio]


def test_evaluate_of_a_cross_modal_student(cross_modal):
    labels, inputs = cross_modal
    new_network("teacher")
    t = text_input_layer(1, 16)
    t = dense_layer(8, "relu")
    a = audio_input_layer(1, 1, 16)
    a = dense_layer(8, "relu")
    octakd.concatenate_layer([t, a])
    softmax_layer(3)
    teacher = train_model(inputs, labels, 3, 0.01, verbose=False)
    new_network("student")
    audio_input_layer(1, 1, 16)
    dense_layer(6, "relu")
    softmax_layer(3)
    student = train_model(inputs, labels, 3, 0.01, teacher, verbose=False)
    assert student.input_order == ["text", "audio"]
    own = predict(student, {"audio": inputs[1]})             # its one modality, by name
    expected = float(np.mean(own.argmax(axis=1) == labels))
    assert evaluate(student, inputs, labels) == expected      # the teacher-ordered list
    assert evaluate(student, inputs, labels, batch_size=5) == expected
    with pytest.raises(ShapeError, match=r"^evaluate: expected 1 input \(audio_input_layer\), got "
                                         r"a list of 3 entries"):
        evaluate(student, [inputs[0], inputs[1], inputs[1]], labels)


# -- StepGuard's bounds (the inequalities in its docstring) --------------------------------------
def test_step_guard_bounds_by_hand():
    # Adam(lr 0.1, beta1 0.9, eps 1e-8) before its 3rd step (t = 2), max|m| <= 2, ||g|| = 3:
    #   s = 0.9 * 2 + 0.1 * 3 = 2.1;  c1 = 1 - 0.9^3 = 0.271;  delta = 0.1 * 2.1 / (0.271 * 1e-8)
    adam = Adam(0.1)
    adam.t = 2
    guard = StepGuard(adam, [np.zeros(3)])
    guard.s_max = [2.0]
    s, delta = guard._bounds(0, 3.0)
    assert s == pytest.approx(2.1, rel=1e-12)
    assert delta == pytest.approx(0.1 * 2.1 / (0.271 * 1e-8), rel=1e-12)
    # SGD(lr 0.1, momentum 0.5), max|v| <= 2, ||g|| = 3:  s = delta = 0.5 * 2 + 0.1 * 3 = 1.3
    guard = StepGuard(SGD(0.1, 0.5), [np.zeros(3)])
    guard.s_max = [2.0]
    assert guard._bounds(0, 3.0) == pytest.approx((1.3, 1.3), rel=1e-12)


@pytest.mark.parametrize("make", [lambda: Adam(0.05), lambda: SGD(0.05, 0.9)])
def test_step_guard_bounds_hold_for_real_steps(make):
    # over 5 real steps, max|state| <= s and max|p' - p| <= delta, the guarantee the guard needs
    rng = np.random.default_rng(4)
    opt = make()
    p = rng.standard_normal(50)
    guard = StepGuard(opt, [p])
    for _ in range(5):
        g = rng.standard_normal(50) * 10
        before = p.copy()
        ((s, delta),) = [guard._bounds(0, float(np.linalg.norm(g)))]
        assert guard.step([(p, g)], [float(np.linalg.norm(g))])
        state = opt.m[0] if isinstance(opt, Adam) else opt.velocity[0]
        assert np.abs(state).max() <= s * (1 + 1e-12)
        assert np.abs(p - before).max() <= delta * (1 + 1e-12)
        assert guard.p_max[0] >= np.abs(p).max() * (1 - 1e-12)
        assert guard.max_now() == np.abs(p).max()


# -- calculate_distillation_loss's defaults come from the student --------------------------------
def test_distillation_loss_settings_default_to_the_students(cross_modal):
    labels, inputs = cross_modal
    new_network("teacher")
    text_input_layer(1, 16)
    softmax_layer(3)
    teacher = train_model(inputs[0], labels, 2, 0.01, verbose=False)
    new_network("student")
    text_input_layer(1, 16)
    softmax_layer(3)
    student = train_model(inputs[0], labels, 2, 0.01, teacher, temperature=2.0, alpha=0.3,
                          verbose=False)
    loss = octakd.calculate_distillation_loss(student, teacher, inputs[0], labels)
    assert (loss.temperature, loss.alpha) == (2.0, 0.3)              # what it was distilled with
    assert float(loss) == pytest.approx(0.3 * loss.soft + 0.7 * loss.hard, rel=1e-5)
    plain = octakd.calculate_distillation_loss(teacher, teacher, inputs[0], labels)
    assert (plain.temperature, plain.alpha) == (4.0, 0.9)            # not distilled: T=4, 0.9
    assert float(plain) == pytest.approx(0.1 * plain.hard, rel=1e-5, abs=1e-7)   # KL(t||t) = 0
    given = octakd.calculate_distillation_loss(student, teacher, inputs[0], labels,
                                               temperature=3.0, alpha=0.5)
    assert (given.temperature, given.alpha) == (3.0, 0.5)


# -- the training loop's history ------------------------------------------------------------------
def _one_step_model(inputs, labels, dropout):
    """One iteration over the whole batch at a negligible learning rate: the trained weights are
    the initial ones to ~1e-12, so the first history row describes them."""
    new_network("mlp")
    text_input_layer(1, 16)
    dense_layer(12, "relu")
    if dropout:
        octakd.dropout_layer(0.5)
    softmax_layer(3)
    n = len(labels)
    return train_model(inputs[0], labels, 1, 1e-12, batch_size=n, verbose=False)


def test_history_row_is_the_batch_in_training_mode(cross_modal):
    labels, inputs = cross_modal
    plain = _one_step_model(inputs, labels, dropout=False)
    row = plain.history[0]
    probs = predict(plain, inputs[0])
    # no dropout: training mode and inference agree, so the row is predict's loss and accuracy
    assert row["accuracy"] == float(np.mean(probs.argmax(axis=1) == labels))
    expected_loss = -np.mean(np.log(probs[np.arange(len(labels)), labels]))
    assert row["loss"] == pytest.approx(expected_loss, rel=1e-5)
    assert (row["epoch"], row["iteration"]) == (1, 1) and row["learning_rate"] == 1e-12
    # with dropout the loop trains in training mode: half the units are dropped, so the logged
    # loss is not the inference loss of the same weights
    dropped = _one_step_model(inputs, labels, dropout=True)
    probs = predict(dropped, inputs[0])
    inference_loss = -np.mean(np.log(probs[np.arange(len(labels)), labels]))
    assert abs(dropped.history[0]["loss"] - inference_loss) > 1e-4


# -- optimize_model: what it records, which layers it optimises, when it keeps the weights -------
def _chain_model():
    """input(6) -> dense 5 tanh (35 parameters) -> dense 4 tanh (24) -> softmax 3 (15): 74."""
    new_network("chain")
    text_input_layer(1, 6)
    dense_layer(5, "tanh")
    dense_layer(4, "tanh")
    softmax_layer(3)
    rng = np.random.default_rng(5)
    X = rng.standard_normal((8, 6))
    y = np.array([0, 1, 2, 0, 1, 2, 0, 1])
    return train_model(X, y, 1, 0.001, verbose=False), X, y


def _cross_entropy_by_hand(model, X, y):
    """The model's mean cross-entropy computed here in float64, layer by layer."""
    (W1, b1), (W2, b2), (W3, b3) = [(l.params["W"].astype(np.float64), l.params["b"].astype(np.float64))
                                    for l in model.layers[1:]]
    z = np.tanh(np.tanh(X @ W1 + b1) @ W2 + b2) @ W3 + b3
    z = z - z.max(axis=1, keepdims=True)
    return float(np.mean(np.log(np.exp(z).sum(axis=1)) - z[np.arange(len(y)), y]))


def _weights(model):
    return [l.params[k].copy() for l in model.layers for k in sorted(l.params)]


@pytest.mark.parametrize("max_params,scope,size,first", [
    (74, "all layers", 74, 1),                                  # everything fits
    (73, "dense_layer_2, softmax_layer_1", 39, 2),              # 74 > 73: the last two layers
    (39, "dense_layer_2, softmax_layer_1", 39, 2),              # exactly 24 + 15 fits
    (38, "softmax_layer_1", 15, 3),
    (15, "softmax_layer_1", 15, 3),
])
def test_optimize_model_records_and_optimises_the_head(max_params, scope, size, first, capsys):
    student, X, y = _chain_model()
    before = _weights(student)
    out = optimize_model_quiet(student, X, y, max_params, capsys)
    info = out.optimization
    assert sorted(info) == ["iterations", "loss_after", "loss_before", "message", "parameters",
                            "scope", "seconds"]
    assert info["scope"] == scope and info["parameters"] == size
    assert 0 < info["iterations"] <= 4 and isinstance(info["iterations"], int)
    assert info["message"] == "STOP: TOTAL NO. OF ITERATIONS REACHED LIMIT"
    assert 0 <= info["seconds"] < 60
    assert info["loss_before"] == pytest.approx(_cross_entropy_by_hand(student, X, y), rel=1e-5)
    assert info["loss_after"] == pytest.approx(_cross_entropy_by_hand(out, X, y), rel=1e-4)
    assert info["loss_after"] < 0.99 * info["loss_before"]
    assert all(np.array_equal(a, b) for a, b in zip(_weights(student), before))  # a copy
    for index, layer in enumerate(student.layers[1:], start=1):      # frozen below `first`
        for k in sorted(layer.params):
            changed = not np.array_equal(layer.params[k], out.layers[index].params[k])
            assert changed == (index >= first), (layer.name, k)


def optimize_model_quiet(student, X, y, max_params, capsys):
    """optimize_model with its one printed line checked against the record."""
    out = octakd.optimize_model(student, 1.0, X, y, max_iter=4, max_params=max_params)
    info = out.optimization
    assert capsys.readouterr().out == (
        f"optimize_model: L-BFGS-B on {info['parameters']:,} parameters ({info['scope']}), "
        f"{info['iterations']} iterations: loss {info['loss_before']:.6g} -> "
        f"{info['loss_after']:.6g}\n")
    return out


def test_optimize_model_head_too_large():
    student, X, y = _chain_model()
    with pytest.raises(ShapeError, match=r"^optimize_model: even the softmax layer has 15 parameters, "
                                         r"more than max_params=14; raise max_params$"):
        octakd.optimize_model(student, 1.0, X, y, max_params=14, verbose=False)


def test_optimize_model_keeps_the_weights_if_the_optimiser_ends_worse(monkeypatch):
    # an optimiser that ends on a worse point: the student's weights come back
    import scipy.optimize

    student, X, y = _chain_model()

    def worse(fun, x0, **kwargs):
        f0, g = fun(x0)
        x = x0 + 0.5 * g / np.linalg.norm(g)
        assert fun(x)[0] > f0                           # a real step up the gradient
        return scipy.optimize.OptimizeResult(x=x, nit=2, message="fake")
    monkeypatch.setattr(scipy.optimize, "minimize", worse)
    out = octakd.optimize_model(student, 1.0, X, y, verbose=False)
    info = out.optimization
    assert info["loss_after"] == info["loss_before"]
    assert info["loss_before"] == pytest.approx(_cross_entropy_by_hand(student, X, y), rel=1e-5)
    assert (info["iterations"], info["message"]) == (2, "fake")
    assert all(np.array_equal(a, b) for a, b in zip(_weights(out), _weights(student)))


# -- _logits names how many samples give NaN/Inf logits, and the first ---------------------------
def test_logits_counts_the_bad_samples():
    # logits x @ W + b in float32 with W = [1e30 0; -1e30 1]: x0 = 1e10 gives 1e40 = Inf, and
    # x = [1e10 1e10] gives Inf - Inf = NaN; the other rows stay finite
    new_network("wide")
    text_input_layer(1, 2)
    softmax_layer(2)
    X = np.array([[1.0, 1.0], [1e10, 1.0], [1.0, 2.0], [1e10, 0.0], [2.0, 1.0], [1e10, 1e10]])
    model = train_model(X, np.array([0, 1, 0, 1, 0, 1]), 1, 1e-6, verbose=False)
    model.layers[1].params["W"][...] = [[1e30, 0.0], [-1e30, 1.0]]
    model.layers[1].params["b"][...] = 0.0
    import warnings
    with pytest.raises(octakd.NonFiniteError) as info, warnings.catch_warnings():
        warnings.simplefilter("error")             # the overflow is reported, not warned about
        predict(model, X)
    assert str(info.value).startswith(f"predict: model {model.name!r} gives NaN/Inf logits for 3 of 6 "
                                      "sample(s) (the first is sample 1); its weights")
    assert predict(model, X[[0, 2, 4]]).shape == (3, 2)               # the good rows are fine


def test_optimize_model_uses_the_loss_settings_and_names_itself():
    # the objective is the distillation loss with the given loss's T and alpha (not defaults)
    student, X, y = _chain_model()
    teacher, _, _ = _chain_model()
    loss = octakd.calculate_distillation_loss(student, teacher, X, y, temperature=2.0, alpha=0.3)
    out = octakd.optimize_model(student, loss, X, y, max_iter=2, verbose=False)
    assert out.optimization["loss_before"] == pytest.approx(float(loss), rel=1e-5)
    with pytest.raises(octakd.OctakdTypeError) as info:
        octakd.optimize_model(student, "x", X, y)
    assert str(info.value).endswith("(or a number), got the string 'x'")
    with pytest.raises(ShapeError, match=r"^optimize_model: no input for text_input_layer"):
        octakd.optimize_model(student, 1.0, {"audio": X}, y, verbose=False)


def test_distillation_loss_records_and_names_itself():
    student, X, y = _chain_model()
    teacher, _, _ = _chain_model()
    loss = octakd.calculate_distillation_loss(student, teacher, X, y)
    assert (loss.samples, loss.teacher) == (8, teacher.name)
    with pytest.raises(ShapeError, match=r"^calculate_distillation_loss: no input for "
                                         r"text_input_layer"):
        octakd.calculate_distillation_loss(student, teacher, {"audio": X}, y)
    # NaN/Inf logits: the message says which of the two models gives them (x0 = 1e10 times a
    # weight of 1e30 overflows float32 in the first sample)
    X = np.array([[1e10, 1.0], [1.0, 1.0], [2.0, 1.0]])
    y = np.array([0, 1, 0])
    models = []
    for _ in range(2):
        new_network("wide")
        text_input_layer(1, 2)
        softmax_layer(2)
        models.append(train_model(X, y, 1, 1e-6, verbose=False))
    teacher, student = models
    teacher.layers[1].params["W"][...] = [[1e30, 0.0], [0.0, 1.0]]
    with pytest.raises(octakd.NonFiniteError, match=r"^calculate_distillation_loss \(teacher\): "
                                                    r"model .* logits for 1 of 3 sample"):
        octakd.calculate_distillation_loss(student, teacher, X, y)
    teacher.layers[1].params["W"][...] = 0.0
    student.layers[1].params["W"][...] = [[1e30, 0.0], [0.0, 1.0]]
    with pytest.raises(octakd.NonFiniteError, match=r"^calculate_distillation_loss: model .* "
                                                    r"logits for 1 of 3 sample"):
        octakd.calculate_distillation_loss(student, teacher, X, y)
