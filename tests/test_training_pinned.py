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
from octakd.optim import Adam
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
