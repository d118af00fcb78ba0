"""The seed's pseudo-API: argument order, the current-network rules, training functions."""
import numpy as np
import pytest

import octakd
from octakd import *
from octakd.layers import (AudioInput, Concatenate, Conv2D, Dense, Dropout, ImageInput, MaxPool2D,
                           ReLU, Softmax, TextInput)
from octakd.network import Branch, Network


def small_seed_network(classes=4, name=None):
    """The seed listing's structure at toy size, built with the seed functions."""
    new_network(name)
    img_branch = image_input_layer(1, 3, 12, 12)
    img_branch = conv2d_layer(4, 3, 3, 'same')
    img_branch = relu_layer()
    img_branch = max_pool2d_layer(2, 2)
    text_branch = text_input_layer(1, 20)
    text_branch = dense_layer(6, 'relu')
    text_branch = dropout_layer(0.5)
    audio_branch = audio_input_layer(1, 1, 64)
    audio_branch = conv2d_layer(4, 1, 3, 'same')
    audio_branch = relu_layer()
    audio_branch = max_pool2d_layer(2, 2)
    merged = concatenate_layer([img_branch, text_branch, audio_branch])
    merged = dense_layer(16, 'relu')
    merged = dropout_layer(0.5)
    output = softmax_layer(classes)
    return output.network, (img_branch, text_branch, audio_branch, merged, output)


def toy_data(n=30, classes=4, seed=0):
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, classes, n)
    images = rng.random((n, 3, 12, 12)).astype(np.float32) * 0.3
    images[np.arange(n), labels % 3, :4, :4] += 1.0          # a class signal in the image
    texts = [f"sample of class {c}" for c in labels]
    audio = rng.standard_normal((n, 1, 1, 64)).astype(np.float32) * 0.1
    return [images, texts, audio], labels


def test_seed_functions_take_the_articles_argument_order():
    net, _ = small_seed_network()
    kinds = [type(l) for l in net.layers]
    assert kinds == [ImageInput, Conv2D, ReLU, MaxPool2D, TextInput, Dense, Dropout,
                     AudioInput, Conv2D, ReLU, MaxPool2D, Concatenate, Dense, Dropout, Softmax]
    img, conv = net.layers[0], net.layers[1]
    assert img.sample_shape == (3, 12, 12) and img.batch == 1
    assert (conv.filters, conv.kh, conv.kw, conv.padding) == (4, 3, 3, "same")
    assert net.layers[3].pool == (2, 2) and net.layers[3].stride == (2, 2)
    assert net.layers[4].sample_shape == (20,)
    assert (net.layers[5].units, net.layers[5].activation) == (6, "relu")
    assert net.layers[6].p == 0.5
    assert net.layers[7].sample_shape == (1, 1, 64)
    assert (net.layers[8].kh, net.layers[8].kw) == (1, 3)
    assert net.layers[-1].classes == 4
    assert conv2d_layer.__code__.co_varnames[:4] == ("filters", "kh", "kw", "padding")


def test_branch_handles_name_the_tip_of_each_branch():
    net, (img, text, audio, merged, output) = small_seed_network()
    assert all(isinstance(b, Branch) for b in (img, text, audio, merged, output))
    assert isinstance(img.layer, MaxPool2D) and img.index == 3
    assert isinstance(text.layer, Dropout) and text.index == 6
    assert isinstance(audio.layer, MaxPool2D) and audio.index == 10
    assert net.parents[11] == [3, 6, 10]              # the concatenation joins the three tips
    assert isinstance(merged.layer, Dropout) and net.parents[12] == [11]
    assert net.ended


def test_new_network_starts_fresh_and_input_after_softmax_starts_another():
    teacher_net, _ = small_seed_network(name="teacher")
    assert current_network() is teacher_net
    student_net = new_network("student")
    assert student_net is not teacher_net and current_network() is student_net
    assert len(teacher_net.layers) == 15 and len(student_net.layers) == 0
    audio_input_layer(1, 1, 64)
    dense_layer(8, "relu")
    softmax_layer(4)
    image_input_layer(1, 3, 8, 8)                     # after softmax_layer: a new network
    assert current_network() is not student_net and len(student_net.layers) == 3


def test_layer_after_softmax_is_an_error():
    small_seed_network()
    with pytest.raises(NetworkError, match="already ends with softmax_layer"):
        dense_layer(4)


def test_explicit_object_style_matches_seed_style():
    seed_net, _ = small_seed_network()
    net = Network("explicit")
    img = net.add(ImageInput(1, 3, 12, 12))
    img = net.add(Conv2D(4, 3, 3, "same"), img)
    img = net.add(MaxPool2D(2, 2), net.add(ReLU(), img))
    txt = net.add(Dropout(0.5), net.add(Dense(6, "relu"), net.add(TextInput(1, 20))))
    aud = net.add(Conv2D(4, 1, 3, "same"), net.add(AudioInput(1, 1, 64)))
    aud = net.add(MaxPool2D(2, 2), net.add(ReLU(), aud))
    m = net.add(Dropout(0.5), net.add(Dense(16, "relu"), net.add(Concatenate(), [img, txt, aud])))
    net.add(Softmax(4), m)
    inputs, labels = toy_data()
    a = train_model(inputs, labels, 2, 0.01, network=net, verbose=False)
    b = train_model(inputs, labels, 2, 0.01, network=seed_net, verbose=False)
    assert a.num_params == b.num_params
    for (la, ka), (lb, kb) in zip(a.parameters(), b.parameters()):
        np.testing.assert_array_equal(la.params[ka], lb.params[kb])


def test_train_model_does_not_touch_the_network_and_learns():
    net, _ = small_seed_network()
    inputs, labels = toy_data()
    model = train_model(inputs, labels, 15, 0.01, verbose=False, batch_size=10)
    assert not net.built and model is not net
    assert model.history[-1]["loss"] < model.history[0]["loss"]
    assert evaluate(model, inputs, labels) > 0.6
    probs = predict(model, inputs)
    assert probs.shape == (30, 4)
    np.testing.assert_allclose(probs.sum(axis=1), 1, rtol=1e-5)
    assert {"epoch", "iteration", "time", "loss", "accuracy", "learning_rate"} <= set(model.history[0])


def test_progress_table_is_printed(capsys):
    small_seed_network()
    inputs, labels = toy_data(n=8)
    train_model(inputs, labels, 3, 0.01, log_every=2)
    out = capsys.readouterr().out
    assert "Epoch" in out and "Time Elapsed" in out and "Mini-batch" in out and "Base Learning" in out
    assert out.count("\n|       3 |") == 1                     # the last iteration is always shown


def test_single_sample_with_plain_int_label():
    small_seed_network()
    rng = np.random.default_rng(0)
    img = (rng.random((12, 12, 3)) * 255).astype(np.uint8)   # imread-style H x W x C uint8
    audio = rng.standard_normal((64, 1))                        # audioread-style samples x 1
    model = train_model([img, "This is a text data", audio], 3, 3, 0.01, verbose=False)
    assert predict(model, [img, "This is a text data", audio]).shape == (1, 4)


def test_distillation_loss_value_carries_parts_and_optimize_never_raises_it():
    small_seed_network()
    inputs, labels = toy_data()
    teacher = train_model(inputs, labels, 5, 0.01, verbose=False)
    student = train_model(inputs, labels, 2, 0.01, teacher, verbose=False)
    loss = calculate_distillation_loss(student, teacher, inputs, labels)
    assert isinstance(loss, float) and isinstance(loss, DistillationLoss)
    assert loss.temperature == 4.0 and loss.alpha == 0.9
    assert float(loss) == pytest.approx(loss.alpha * loss.soft + (1 - loss.alpha) * loss.hard, rel=1e-4)
    optimized = optimize_model(student, loss, inputs, labels, max_iter=30, verbose=False)
    after = calculate_distillation_loss(optimized, teacher, inputs, labels)
    assert after <= loss
    assert optimized.optimization["loss_after"] <= optimized.optimization["loss_before"]
    # the student passed in is unchanged
    again = calculate_distillation_loss(student, teacher, inputs, labels)
    assert float(again) == float(loss)
    # head-only mode for models above max_params
    head = optimize_model(student, loss, inputs, labels, max_params=100, verbose=False)
    assert head.optimization["scope"] == "softmax_layer_1"
    assert calculate_distillation_loss(head, teacher, inputs, labels) <= loss


def test_optimize_model_keeps_weights_when_it_cannot_improve(monkeypatch):
    import scipy.optimize
    small_seed_network()
    inputs, labels = toy_data()
    student = train_model(inputs, labels, 2, 0.01, verbose=False)
    loss = float(np.log(4))                          # a plain number: cross-entropy objective
    real = scipy.optimize.minimize

    def worse(fun, x0, **kw):                         # an optimiser that ends higher
        result = real(fun, x0, **kw)
        result.x = x0 + 1.0
        return result
    monkeypatch.setattr(scipy.optimize, "minimize", worse)
    out = optimize_model(student, loss, inputs, labels, max_iter=2, verbose=False)
    assert out.optimization["loss_after"] == out.optimization["loss_before"]
    np.testing.assert_array_equal(out.get_flat_params(), student.get_flat_params())


def test_cross_modal_student_takes_its_modality_from_the_teacher_list():
    small_seed_network(name="teacher")
    inputs, labels = toy_data()
    teacher = train_model(inputs, labels, 5, 0.01, verbose=False)
    new_network("audio student")
    audio_input_layer(1, 1, 64)
    conv2d_layer(2, 1, 3, 'same')
    relu_layer()
    max_pool2d_layer(2, 2)
    softmax_layer(4)
    student = train_model(inputs, labels, 2, 0.01, teacher, verbose=False)
    assert student.input_order == ["image", "text", "audio"]
    assert predict(student, inputs).shape == (30, 4)
    assert predict(student, {"audio": inputs[2]}).shape == (30, 4)
    assert predict(student, inputs[2]).shape == (30, 4)
    loss = calculate_distillation_loss(student, teacher, inputs, labels)
    assert np.isfinite(loss)


def test_teacher_and_student_class_counts_must_match():
    small_seed_network(classes=4)
    inputs, labels = toy_data()
    teacher = train_model(inputs, labels, 1, 0.01, verbose=False)
    small_seed_network(classes=5)
    with pytest.raises(ShapeError, match="teacher has 4 classes but the student has 5"):
        train_model(inputs, labels, 1, 0.01, teacher, verbose=False)


def test_everything_a_ported_script_needs_is_exported():
    for name in ["image_input_layer", "text_input_layer", "audio_input_layer", "conv2d_layer",
                 "relu_layer", "max_pool2d_layer", "dense_layer", "dropout_layer",
                 "concatenate_layer", "softmax_layer", "new_network", "train_model",
                 "calculate_distillation_loss", "optimize_model", "predict", "evaluate",
                 "save_model", "load_model", "imread", "audioread", "imresize", "set_backend"]:
        assert name in octakd.__all__, name


def test_single_input_model_given_a_multimodal_list_says_what_to_do():
    new_network()
    audio_input_layer(1, 1, 20)
    dense_layer(3)
    softmax_layer(3)
    model = train_model(np.zeros((4, 1, 1, 20)), [0, 1, 2, 0], 1, 0.01, verbose=False)
    inputs = [np.zeros((4, 3, 8, 8)), ["a"] * 4, np.zeros((4, 1, 1, 20))]
    with pytest.raises(ShapeError, match=r"expected 1 input \(audio_input_layer\).*pass a dict"):
        predict(model, inputs)
    assert predict(model, {"audio": inputs[2]}).shape == (4, 3)
    assert predict(model, [np.zeros((20, 1)), np.zeros((20, 1))]).shape == (2, 3)   # a batch of clips
