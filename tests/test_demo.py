"""octakd.demo in fast mode, and cross-modal distillation through train_model's modality matching."""
import argparse

import numpy as np
import pytest

from octakd import evaluate, predict, train_model
from octakd.datasets import make_multimodal_digits
from octakd.demo import (FAST, ROWS, add_commands, features, run_demo, student_network,
                         teacher_network)


@pytest.fixture(scope="module")
def small():
    data = make_multimodal_digits(300, seed=0)
    return data.split(0.2, seed=0)


@pytest.fixture(scope="module")
def teacher(small):
    train, _ = small
    return train_model(features(train), train.labels, 2, 0.002, network=teacher_network(),
                       verbose=False)


def test_fast_demo_prints_the_table(tmp_path, capsys):
    result = run_demo(fast=True, seeds=2, out=tmp_path)
    printed = capsys.readouterr().out
    assert "| model | inputs | labels | parameters |" in printed
    for name, _, _ in ROWS:
        assert f"| {name} |" in printed
    assert len(result["rows"]) == len(ROWS)
    for row in result["rows"]:
        assert len(row["accs"]) == 2 and row["acc_mean"] == pytest.approx(np.mean(row["accs"]))
        assert 0 < row["infer_us"] < 1e5
    teacher_row = result["rows"][0]
    assert teacher_row["model"] == "teacher" and teacher_row["acc_mean"] > 30    # chance: 10
    assert (tmp_path / "results.json").exists()
    assert result["seconds"] < 120
    assert set(result["sweep"]) == set(float(t) for t in FAST["temperatures"])
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        assert result["plots"] == []
    else:
        assert (tmp_path / "training_curves.png").exists() and (tmp_path / "temperature.png").exists()


def test_student_is_much_smaller_than_teacher():
    t = teacher_network().build().num_params
    s = student_network().build().num_params
    assert t >= 10 * s
    assert student_network(("image",)).modalities == ["image"]
    assert student_network(("audio",)).build().num_params < s


@pytest.mark.parametrize("modality", ["image", "audio", "text"])
def test_cross_modal_student_reads_the_teacher_ordered_list(small, teacher, modality):
    train, test = small
    X, T = features(train), features(test)
    student = train_model(X, train.labels, 2, 0.002, teacher, network=student_network((modality,)),
                          verbose=False)
    assert student.modalities == [modality]
    assert student.input_order == ["image", "text", "audio"]
    probs = predict(student, T)                     # the whole teacher-ordered list
    assert probs.shape == (len(test), 10)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-5)
    # the same as giving the student its own modality only
    own = T[["image", "text", "audio"].index(modality)]
    np.testing.assert_allclose(predict(student, {modality: own}), probs, rtol=1e-5, atol=1e-7)
    assert evaluate(student, T, test.labels) == pytest.approx(np.mean(probs.argmax(axis=1) == test.labels))


def test_cross_modal_distillation_uses_the_teacher(small, teacher):
    """The student's soft targets come from the three-modality teacher: with alpha=1 the labels
    are ignored, so scrambled labels give the same student."""
    train, _ = small
    X = features(train)
    net = student_network(("image",))
    a = train_model(X, train.labels, 1, 0.002, teacher, network=net, alpha=1.0, verbose=False)
    b = train_model(X, train.labels[::-1].copy(), 1, 0.002, teacher, network=net, alpha=1.0,
                    verbose=False)
    np.testing.assert_allclose(a.get_flat_params(), b.get_flat_params(), rtol=1e-6, atol=1e-7)
    c = train_model(X[0], train.labels, 1, 0.002, network=net, verbose=False)
    assert not np.allclose(a.get_flat_params(), c.get_flat_params())


def test_add_commands_registers_demo(tmp_path):
    parser = argparse.ArgumentParser(prog="octakd")
    sub = parser.add_subparsers(dest="command", required=True)
    add_commands(sub)
    args = parser.parse_args(["demo", "--fast", "--seeds", "1", "--out", str(tmp_path)])
    assert args.fast and args.seeds == 1 and args.out == str(tmp_path)
    assert args.func(args) == 0
    args = parser.parse_args(["demo", "--seeds", "0"])
    assert args.func(args) == 2
