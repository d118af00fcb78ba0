"""Losses, labels and text encoding: details pinned by hand, found by mutation testing
(tools/mutation.sh on losses.py and text.py). Each test kills mutants that the other suites
let survive; docs/testing.md lists the ones left and why they are equivalent.
"""
import math

import numpy as np
import pytest

from octakd.errors import LabelError, OctakdTypeError, ShapeError
from octakd.losses import (check_labels, distillation_loss, distillation_parts, log_softmax,
                           softmax, softmax_cross_entropy)
from octakd.text import encode_text, encode_texts

Z = np.array([[2.0, 0.0, -1.0], [0.5, 0.5, 3.0]])
T_LOGITS = np.array([[1.0, 1.0, 0.0], [0.0, 2.0, 1.0]])


def test_softmax_is_along_the_last_axis_of_any_rank():
    # softmax([0, log 3]) = [1/4, 3/4], for a 1-D vector too
    np.testing.assert_allclose(softmax(np.array([0.0, math.log(3.0)])), [0.25, 0.75], rtol=1e-15)
    np.testing.assert_allclose(log_softmax(np.array([0.0, 0.0])), [-math.log(2)] * 2, rtol=1e-15)
    x3 = np.zeros((2, 3, 4))
    np.testing.assert_allclose(softmax(x3), np.full((2, 3, 4), 0.25))


def test_perfect_fit_cross_entropy_is_plus_zero():
    loss, _ = softmax_cross_entropy(np.array([[1000.0, 0.0]]), [0])
    assert loss == 0.0 and math.copysign(1.0, loss) == 1.0


def test_distillation_defaults_are_t4_alpha09():
    y = [0, 2]
    (default, d_default), (explicit, d_explicit) = (distillation_loss(Z, T_LOGITS, y),
                                                    distillation_loss(Z, T_LOGITS, y, 4.0, 0.9))
    assert default == explicit
    np.testing.assert_array_equal(d_default, d_explicit)
    assert distillation_loss(Z, T_LOGITS, y)[0] != distillation_loss(Z, T_LOGITS, y, 5.0, 0.9)[0]


def test_distillation_without_labels_is_the_soft_term_at_full_weight():
    soft, _ = distillation_loss(Z, T_LOGITS, None, 2.0, 0.3)
    full, _ = distillation_loss(Z, T_LOGITS, None, 2.0, 1.0)
    assert soft == full
    t2kl, ce = distillation_parts(Z, T_LOGITS, None, 2.0, 0.3)
    assert t2kl == pytest.approx(soft, rel=1e-12) and math.isnan(ce)
    t2kl, ce = distillation_parts(Z, T_LOGITS, [0, 2], 2.0, 0.3)
    assert ce == pytest.approx(softmax_cross_entropy(Z, [0, 2])[0], rel=1e-12)


def test_float32_logits_give_float32_gradients():
    z32 = Z.astype(np.float32)
    assert softmax_cross_entropy(z32, [0, 1])[1].dtype == np.float32
    assert distillation_loss(z32, T_LOGITS, [0, 1])[1].dtype == np.float32


@pytest.mark.parametrize("labels", [np.array([[0], [2]]), np.array([[0, 2]]), [0.0, 2.0], (0, 2)])
def test_label_shapes_and_whole_floats_are_accepted(labels):
    np.testing.assert_array_equal(check_labels(labels, 2, 3, "f"), [0, 2])
    assert softmax_cross_entropy(Z, labels)[0] == softmax_cross_entropy(Z, [0, 2])[0]


@pytest.mark.parametrize("labels,error,message", [
    ({"a": 1}, OctakdTypeError, r"^f: labels must be integers 0\.\.2, got \{'a': 1\} \(type dict\)$"),
    (np.array(["a", "b"]), OctakdTypeError, r"^f: labels must be integers 0\.\.2, got "),
    (np.zeros((2, 2)), ShapeError, r"^f: labels must be a vector of class indices, got shape \(2, 2\)$"),
    ([0.5, 1.0], LabelError, r"^f: labels must be whole numbers \(class indices\), got 0\.5$"),
    ([0, -1], LabelError, r"^f: labels must be in 0\.\.2, got a negative label -1$"),
    ([0, 5], LabelError, r"^f: labels must be in 0\.\.2 for 3 classes, got a label 5$"),
    ([2, 5], LabelError, r"^f: labels must be in 0\.\.2 for 3 classes, got a label 5$"),
    ([1, 3], LabelError, r"got a label 3; they look 1-based \(Octave style, 1\.\.3\): use labels - 1"),
    ([0, 3], LabelError, r"^f: labels must be in 0\.\.2 for 3 classes, got a label 3$"),
])
def test_label_errors_say_what_is_wrong(labels, error, message):
    with pytest.raises(error, match=message):
        check_labels(labels, 2, 3, "f")


@pytest.mark.parametrize("call,message", [
    (lambda: softmax_cross_entropy(np.array([[1, 2]]), [0]),
     r"^softmax_cross_entropy: logits must be a 2-D float array \(N, K\), got .*int"),
    (lambda: softmax_cross_entropy(np.array([1.0, 2.0]), [0]),
     r"^softmax_cross_entropy: logits must be a 2-D float array \(N, K\), got .*\(2,\)"),
    (lambda: softmax_cross_entropy(np.zeros((0, 3)), []),
     r"^softmax_cross_entropy: logits is an empty batch$"),
    (lambda: softmax_cross_entropy(np.array([[1.0, np.nan]]), [0]),
     r"^softmax_cross_entropy: logits contain"),
    (lambda: distillation_loss(np.array([[1, 2]]), T_LOGITS, None),
     r"^distillation_loss: student logits must be a 2-D float array"),
    (lambda: distillation_loss(Z, np.array([1.0, 2.0]), None),
     r"^distillation_loss: teacher logits must be a 2-D float array"),
    (lambda: distillation_loss(Z, np.array([[np.inf, 0.0, 0.0]] * 2), None),
     r"^distillation_loss: teacher logits contain"),
])
def test_logit_errors_name_the_function_and_the_argument(call, message):
    with pytest.raises(ShapeError if "2-D" in message or "empty" in message else Exception,
                       match=message):
        call()


def test_encode_texts_shapes_and_dtypes():
    assert encode_texts([], 5).shape == (0, 5) and encode_texts([], 5).dtype == np.float32
    assert encode_texts([], 5, np.float64).dtype == np.float64
    two = encode_texts(["The cat sat.", ""], 16)
    assert two.shape == (2, 16) and two.dtype == np.float32
    np.testing.assert_array_equal(two[0], encode_text("The cat sat.", 16))
    np.testing.assert_array_equal(two[1], np.zeros(16))
    assert encode_texts(["a b"], 4, np.float64).dtype == np.float64
