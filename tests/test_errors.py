"""Issue 6: every bad input gets a clear error from octakd.

Each case asserts the exception class AND the key parts of the message: the function or layer,
what was expected, what came, and the fix where there is one. File errors (corrupt, truncated,
missing, newer format, read-only folder...) are mostly in tests/test_io.py and
tests/test_model_io.py; the cases here add what those do not cover (see FILE_CASES).
"""
import os
import warnings

import numpy as np
import pytest
import scipy.io

import octakd
from octakd import (LabelError, NetworkError, NonFiniteError, OctakdError, OctakdFileError,
                    OctakdTypeError, OctakdValueError, ShapeError, audio_input_layer, audioread,
                    calculate_distillation_loss, concatenate_layer, conv2d_layer, dense_layer,
                    dropout_layer, evaluate, imread, imresize, load_model, max_pool2d_layer,
                    new_network, optimize_model, predict, relu_layer, save_model, softmax_layer,
                    text_input_layer, image_input_layer, train_model)
from octakd import losses
from octakd.layers import (AudioInput, Concatenate, Conv2D, Dense, Dropout, ImageInput, MaxPool2D,
                           ReLU, Softmax, TextInput)
from octakd.network import Network

N = 4


def three_branch(classes=3, name="net"):
    """The seed's shape at toy size: image 3x8x8, text 16 features, audio 1 x 32 samples."""
    new_network(name)
    image_input_layer(1, 3, 8, 8)
    conv2d_layer(4, 3, 3, "same")
    relu_layer()
    img = max_pool2d_layer(2, 2)
    text_input_layer(1, 16)
    txt = dense_layer(8, "relu")
    audio_input_layer(1, 1, 32)
    conv2d_layer(4, 1, 3)
    aud = max_pool2d_layer(2, 2)
    concatenate_layer([img, txt, aud])
    dense_layer(8, "relu")
    dropout_layer(0.2)
    softmax_layer(classes)
    return octakd.current_network()


class Ctx:
    rng = np.random.default_rng(0)
    img = rng.random((N, 3, 8, 8)).astype(np.float32)
    txt = ["a cat", "a dog", "the bird sings", "fish"]
    aud = rng.random((N, 1, 32))
    inputs = [img, txt, aud]
    y = np.array([0, 1, 2, 1])


@pytest.fixture(scope="module")
def ctx():
    c = Ctx()
    c.net = three_branch()
    c.m = train_model(c.inputs, c.y, 1, 0.01, network=c.net, verbose=False)
    c.net4 = three_branch(classes=4, name="four")
    c.m4 = train_model(c.inputs, c.y, 1, 0.01, network=c.net4, verbose=False)
    c.loss = calculate_distillation_loss(c.m, c.m, c.inputs, c.y)
    return c


def check(exc_info, cls, *fragments):
    assert exc_info.type is cls or issubclass(exc_info.type, cls), exc_info.type
    msg = str(exc_info.value)
    for fragment in fragments:
        assert fragment in msg, f"{fragment!r} not in {msg!r}"


def raises(cls, fn, *fragments):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(OctakdError) as info:
            fn()
    check(info, cls, *fragments)
    return str(info.value)


# (id, call(ctx), exception class, message fragments)
INPUT_CASES = [
    # wrong image size / channel count
    ("image size", lambda c: predict(c.m, [c.rng.random((N, 3, 9, 9)), c.txt, c.aud]), ShapeError,
     ["input 1 (image_input_layer)", "expected images of 8x8", "got 9x9x3", "imresize(img, [8 8])"]),
    ("imread image size", lambda c: predict(c.m, [np.zeros((10, 12, 3), np.uint8), "a", np.zeros((32, 1))]),
     ShapeError, ["input 1 (image_input_layer)", "got 10x12x3", "imresize(img, [8 8])"]),
    ("gray image to RGB layer", lambda c: predict(c.m, [c.rng.random((N, 1, 8, 8)), c.txt, c.aud]),
     ShapeError, ["input 1 (image_input_layer)", "expected 3 channel(s), got 1", "np.repeat"]),
    ("RGBA image", lambda c: predict(c.m, [np.zeros((8, 8, 4), np.uint8), "a", np.zeros((32, 1))]),
     ShapeError, ["expected 3 channel(s), got 4"]),
    # number and order of inputs
    ("two inputs for three", lambda c: predict(c.m, [c.img, c.txt]), ShapeError,
     ["predict: expected 3 input(s)", "image_input_layer, text_input_layer, audio_input_layer", "got 2"]),
    ("four inputs for three", lambda c: train_model(c.inputs + [c.img], c.y, 1, 0.1, network=c.net, verbose=False),
     ShapeError, ["train_model: expected 3 input(s)", "got 4"]),
    ("no inputs", lambda c: predict(c.m, []), ShapeError, ["predict: expected 3 input(s)", "got 0"]),
    ("order text, image, audio", lambda c: predict(c.m, [c.txt, c.img, c.aud]), OctakdTypeError,
     ["input 1 (image_input_layer)", "the string 'a cat'", "fits input 2 (text_input_layer)",
      "[image, text, audio]"]),
    ("order audio, text, image", lambda c: predict(c.m, [c.aud, c.txt, c.img]), ShapeError,
     ["input 1 (image_input_layer)", "fits input 3 (audio_input_layer)", "[image, text, audio]"]),
    ("dict without a modality", lambda c: predict(c.m, {"image": c.img, "text": c.txt}), ShapeError,
     ["predict: no input for audio_input_layer_1", "expected 'audio'"]),
    # wrong types
    ("file name to image layer", lambda c: predict(c.m, ["image.jpg", c.txt, c.aud]), OctakdTypeError,
     ["input 1 (image_input_layer)", "the string 'image.jpg'", "imread('image.jpg')"]),
    ("list of strings to image layer", lambda c: ImageInput(1, 3, 8, 8).forward(["a", "b"]), OctakdTypeError,
     ["image_input_layer: expected image data", "imread"]),
    ("file name to audio layer", lambda c: AudioInput(1, 1, 32).forward("audio.wav"), OctakdTypeError,
     ["audio_input_layer", "audioread('audio.wav')"]),
    ("dict to text layer", lambda c: predict(c.m, [c.img, {"text": "a"}, c.aud]), OctakdTypeError,
     ["input 2 (text_input_layer)", "a string, a list of strings or an N x 16 numeric array", "type dict"]),
    ("int to text layer", lambda c: predict(c.m, [c.img, 5, c.aud]), OctakdTypeError,
     ["input 2 (text_input_layer)", "got 5 (type int)"]),
    ("ints mixed with strings", lambda c: predict(c.m, [c.img, ["a", 1, 2, "b"], c.aud]), OctakdTypeError,
     ["input 2 (text_input_layer)", "a list of 4 item(s)"]),
    ("None to text layer", lambda c: predict(c.m, [c.img, None, c.aud]), OctakdTypeError,
     ["input 2 (text_input_layer)", "None"]),
    ("bytes to text layer", lambda c: TextInput(1, 16).forward(b"hello"), OctakdTypeError,
     ["text_input_layer", "b'hello'"]),
    ("text of the wrong width", lambda c: TextInput(1, 16).forward(np.ones((2, 9))), ShapeError,
     ["text_input_layer", "N x 16", "(2, 9)"]),
    ("complex image", lambda c: ImageInput(1, 1, 4, 4).forward(np.ones((4, 4), complex)), OctakdTypeError,
     ["image_input_layer", "complex128"]),
    ("object image", lambda c: ImageInput(1, 1, 4, 4).forward(np.array([[None] * 4] * 4)), OctakdTypeError,
     ["image_input_layer", "dtype object"]),
    ("PIL image", lambda c: ImageInput(1, 3, 2, 2).forward(__import__("PIL.Image").Image.new("RGB", (2, 2))),
     OctakdTypeError, ["image_input_layer: expected an image array", "Image"]),
    ("1-D image", lambda c: ImageInput(1, 1, 4, 4).forward(np.ones(16)), ShapeError,
     ["image_input_layer", "H x W x C or C x H x W", "(16,)"]),
    ("stereo clip for a mono layer", lambda c: AudioInput(1, 1, 8).forward(np.ones((8, 2))), ShapeError,
     ["audio_input_layer", "1 channel(s)", "(8, 2)"]),
    ("complex audio", lambda c: AudioInput(1, 1, 8).forward(np.ones((1, 1, 8), complex)), OctakdTypeError,
     ["audio_input_layer", "complex128"]),
    # NaN / Inf / empty
    ("NaN image", lambda c: predict(c.m, [np.full((N, 3, 8, 8), np.nan), c.txt, c.aud]), NonFiniteError,
     ["input 1 (image_input_layer)", "768 NaN", "np.nan_to_num"]),
    ("Inf audio", lambda c: train_model([c.img, c.txt, np.full((N, 1, 32), np.inf)], c.y, 1, 0.1,
                                        network=c.net, verbose=False), NonFiniteError,
     ["input 3 (audio_input_layer)", "128 Inf"]),
    ("NaN text features", lambda c: TextInput(1, 3).forward(np.array([[0.0, np.nan, 1.0]])), NonFiniteError,
     ["text_input_layer", "1 NaN"]),
    ("empty batch (arrays)", lambda c: predict(c.m, [c.img[:0], np.zeros((0, 16)), c.aud[:0]]), ShapeError,
     ["input 1 (image_input_layer)", "the batch is empty", "(0, 3, 8, 8)"]),
    ("empty batch (lists)", lambda c: TextInput(1, 4).forward([]), ShapeError,
     ["text_input_layer", "the batch is empty"]),
    ("empty list of images", lambda c: ImageInput(1, 3, 8, 8).forward([]), ShapeError,
     ["image_input_layer", "the batch is empty"]),
    ("empty audio clip", lambda c: AudioInput(1, 1, 8).forward(np.ones((0, 1))), ShapeError,
     ["audio_input_layer", "the audio clip is empty", "audioread"]),
    ("different sample counts", lambda c: predict(c.m, [c.img[:3], c.txt, c.aud]), ShapeError,
     ["predict: the inputs have different numbers of samples", "image_input_layer: 3", "text_input_layer: 4"]),
]

LABEL_CASES = [
    # (id, labels, class, fragments)
    ("1-based", [1, 2, 3, 3], LabelError, ["labels must be in 0..2 for 3 classes", "got a label 3",
                                            "1-based", "labels - 1"]),
    ("out of range", [0, 1, 7, 1], LabelError, ["labels must be in 0..2", "got a label 7"]),
    ("negative", [0, -1, 2, 1], LabelError, ["negative label -1"]),
    ("fractional", [0, 1.5, 2, 1], LabelError, ["whole numbers", "1.5"]),
    ("NaN", [0, np.nan, 2, 1], LabelError, ["NaN or Inf"]),
    ("too few", [0, 1, 2], LabelError, ["got 3 label(s) for 4 sample(s)", "one label per sample"]),
    ("too many", [0, 1, 2, 1, 0], LabelError, ["got 5 label(s) for 4 sample(s)"]),
    ("one-hot matrix", np.eye(3)[[0, 1, 2, 1]], ShapeError, ["a vector of class indices", "(4, 3)"]),
    ("strings", ["a", "b", "c", "d"], OctakdTypeError, ["labels must be integers 0..2"]),
    ("None", None, OctakdTypeError, ["labels must be integers 0..2", "None"]),
    ("bool", [True, False, True, False], OctakdTypeError, ["labels must be integers", "bool"]),
    ("complex", np.array([0, 1, 2, 1], complex), OctakdTypeError, ["complex128"]),
]

LABEL_FUNCTIONS = {
    "train_model": lambda c, y: train_model(c.inputs, y, 1, 0.1, network=c.net, verbose=False),
    "evaluate": lambda c, y: evaluate(c.m, c.inputs, y),
    "calculate_distillation_loss": lambda c, y: calculate_distillation_loss(c.m, c.m, c.inputs, y),
    "optimize_model": lambda c, y: optimize_model(c.m, c.loss, c.inputs, y, verbose=False),
    "softmax_cross_entropy": lambda c, y: losses.softmax_cross_entropy(np.zeros((N, 3)), y),
    "distillation_loss": lambda c, y: losses.distillation_loss(np.zeros((N, 3)), np.zeros((N, 3)), y),
}

ARGUMENT_CASES = [
    # layer sizes
    ("conv filters 0", lambda c: conv2d_layer(0, 3), OctakdValueError,
     ["conv2d_layer: filters must be a positive integer, got 0"]),
    ("conv filters 2.5", lambda c: Conv2D(2.5, 3), OctakdValueError, ["conv2d_layer: filters", "2.5"]),
    ("conv kernel -3", lambda c: Conv2D(4, -3), OctakdValueError, ["conv2d_layer: kernel height", "-3"]),
    ("conv kernel str", lambda c: Conv2D(4, "3"), OctakdTypeError, ["conv2d_layer: kernel height", "'3'"]),
    ("dense units 0", lambda c: Dense(0), OctakdValueError, ["dense_layer: units must be a positive integer"]),
    ("dense units -5", lambda c: Dense(-5), OctakdValueError, ["dense_layer: units", "-5"]),
    ("dense units NaN", lambda c: Dense(float("nan")), OctakdValueError, ["dense_layer: units", "nan"]),
    ("dense units huge", lambda c: Dense(10**30), OctakdValueError, ["dense_layer: units is too large"]),
    ("dense units bool", lambda c: Dense(True), OctakdTypeError, ["dense_layer: units", "bool"]),
    ("softmax classes 0", lambda c: Softmax(0), OctakdValueError, ["softmax_layer: classes", "0"]),
    ("softmax one class", lambda c: Softmax(1), OctakdValueError, ["softmax_layer: classes must be at least 2"]),
    ("image channels 0", lambda c: image_input_layer(1, 0, 8, 8), OctakdValueError,
     ["image_input_layer: channels must be a positive integer, got 0"]),
    ("image height 7.5", lambda c: ImageInput(1, 3, 7.5, 8), OctakdValueError, ["image_input_layer: height"]),
    ("text features -1", lambda c: text_input_layer(1, -1), OctakdValueError, ["text_input_layer: features"]),
    ("audio samples 0", lambda c: audio_input_layer(1, 1, 0), OctakdValueError, ["audio_input_layer: samples"]),
    ("batch 0", lambda c: image_input_layer(0, 3, 8, 8), OctakdValueError, ["image_input_layer: batch size"]),
    ("pool 0", lambda c: MaxPool2D(0), OctakdValueError, ["max_pool2d_layer: pool size must be positive"]),
    ("pool NaN", lambda c: MaxPool2D(float("nan")), OctakdValueError, ["max_pool2d_layer: pool size"]),
    ("pool triple", lambda c: MaxPool2D((2, 2, 2)), OctakdTypeError, ["max_pool2d_layer: pool size",
                                                                      "an integer or a pair"]),
    ("stride 0", lambda c: Conv2D(4, 3, 3, "same", 0), OctakdValueError, ["conv2d_layer: stride"]),
    ("stride huge", lambda c: MaxPool2D(2, 10**30), OctakdValueError, ["max_pool2d_layer: stride is too large"]),
    # padding, activation, dropout
    ("unknown padding", lambda c: conv2d_layer(4, 3, 3, "full"), OctakdValueError,
     ["conv2d_layer: padding must be 'same', 'valid' or a non-negative integer", "'full'"]),
    ("negative padding", lambda c: Conv2D(4, 3, 3, -1), OctakdValueError, ["conv2d_layer: padding", "-1"]),
    ("unknown activation", lambda c: dense_layer(4, "softplus"), OctakdValueError,
     ["dense_layer: unknown activation 'softplus'", "'relu'"]),
    ("activation not a string", lambda c: Dense(4, 3), OctakdValueError, ["dense_layer: activation must be a string"]),
    ("dropout 1", lambda c: dropout_layer(1.0), OctakdValueError,
     ["dropout_layer: drop probability p must be in [0.0, 1.0)", "1.0"]),
    ("dropout -0.1", lambda c: Dropout(-0.1), OctakdValueError, ["dropout_layer", "-0.1"]),
    ("dropout NaN", lambda c: Dropout(float("nan")), OctakdValueError, ["dropout_layer", "nan"]),
    ("dropout str", lambda c: Dropout("0.5"), OctakdTypeError, ["dropout_layer", "'0.5'"]),
    # building the network
    ("layer with no open branch", lambda c: relu_layer(), NetworkError,
     ["relu_layer: no open branch", "image_input_layer("]),
    ("dense with no open branch", lambda c: dense_layer(3), NetworkError, ["dense_layer: no open branch"]),
    ("softmax with no open branch", lambda c: softmax_layer(3), NetworkError, ["softmax_layer: no open branch"]),
    ("concatenate nothing", lambda c: concatenate_layer([]), NetworkError,
     ["concatenate_layer: expected a list of branches", "0 item(s)"]),
    ("concatenate None", lambda c: concatenate_layer(None), NetworkError, ["concatenate_layer", "None"]),
    ("concatenate a non-branch", lambda c: (image_input_layer(1, 3, 8, 8), concatenate_layer([1, 2])),
     NetworkError, ["concatenate_layer: item 1 is not a branch", "got 1 (type int)"]),
    ("concatenate an array", lambda c: (image_input_layer(1, 3, 8, 8), concatenate_layer([c.img])),
     NetworkError, ["concatenate_layer: item 1 is not a branch", "shape (4, 3, 8, 8)"]),
    ("concatenate across networks", lambda c: concatenate_layer(
        [(new_network("a"), text_input_layer(1, 2))[1], (new_network("b"), text_input_layer(1, 2))[1]]),
     NetworkError, ["concatenate_layer: the branches belong to different networks"]),
    ("network name not a string", lambda c: new_network(5), OctakdTypeError, ["new_network: name must be a string"]),
    ("train an unfinished network", lambda c: (text_input_layer(1, 8), dense_layer(3),
                                               train_model(np.ones((2, 8)), [0, 1], 1, 0.1, verbose=False)),
     NetworkError, ["train_model: the network", "does not end with softmax_layer(K)"]),
    ("train an empty network", lambda c: train_model(np.ones((2, 8)), [0, 1], 1, 0.1, verbose=False),
     NetworkError, ["train_model: the network", "is empty"]),
    ("branch left out", lambda c: (text_input_layer(1, 8), text_input_layer(1, 4), softmax_layer(3),
                                   train_model([np.ones((2, 8)), np.ones((2, 4))], [0, 1], 1, 0.1, verbose=False)),
     NetworkError, ["text_input_layer_1 is not connected to the output", "concatenate_layer"]),
    # training arguments
    ("epochs -1", lambda c: train_model(c.inputs, c.y, -1, 0.01, network=c.net, verbose=False), OctakdValueError,
     ["train_model: epochs must be a positive integer, got -1"]),
    ("epochs 0", lambda c: train_model(c.inputs, c.y, 0, 0.01, network=c.net, verbose=False), OctakdValueError,
     ["train_model: epochs"]),
    ("epochs NaN", lambda c: train_model(c.inputs, c.y, float("nan"), 0.01, network=c.net, verbose=False),
     OctakdValueError, ["train_model: epochs", "nan"]),
    ("epochs 1e30", lambda c: train_model(c.inputs, c.y, 10**30, 0.01, network=c.net, verbose=False),
     OctakdValueError, ["train_model: epochs is too large"]),
    ("epochs str", lambda c: train_model(c.inputs, c.y, "10", 0.01, network=c.net, verbose=False),
     OctakdTypeError, ["train_model: epochs", "'10'"]),
    ("learning rate -0.1", lambda c: train_model(c.inputs, c.y, 1, -0.1, network=c.net, verbose=False),
     OctakdValueError, ["train_model: learning_rate must be in (0.0, inf]", "-0.1"]),
    ("learning rate 0", lambda c: train_model(c.inputs, c.y, 1, 0, network=c.net, verbose=False),
     OctakdValueError, ["train_model: learning_rate"]),
    ("learning rate NaN", lambda c: train_model(c.inputs, c.y, 1, float("nan"), network=c.net, verbose=False),
     OctakdValueError, ["train_model: learning_rate", "nan"]),
    ("learning rate Inf", lambda c: train_model(c.inputs, c.y, 1, float("inf"), network=c.net, verbose=False),
     OctakdValueError, ["train_model: learning_rate", "inf"]),
    ("learning rate None", lambda c: train_model(c.inputs, c.y, 1, None, network=c.net, verbose=False),
     OctakdTypeError, ["train_model: learning_rate must be a real number", "None"]),
    ("batch_size 0", lambda c: train_model(c.inputs, c.y, 1, 0.1, network=c.net, batch_size=0, verbose=False),
     OctakdValueError, ["train_model: batch_size"]),
    ("seed -1", lambda c: train_model(c.inputs, c.y, 1, 0.1, network=c.net, seed=-1, verbose=False),
     OctakdValueError, ["train_model: seed must be a non-negative integer"]),
    ("seed str", lambda c: train_model(c.inputs, c.y, 1, 0.1, network=c.net, seed="a", verbose=False),
     OctakdTypeError, ["train_model: seed"]),
    ("dtype float16", lambda c: train_model(c.inputs, c.y, 1, 0.1, network=c.net, dtype="float16", verbose=False),
     OctakdTypeError, ["train_model: dtype must be float32 or float64", "float16"]),
    ("unknown optimizer", lambda c: train_model(c.inputs, c.y, 1, 0.1, network=c.net, optimizer="rmsprop",
                                                verbose=False), OctakdTypeError, ["train_model: optimizer must be 'adam' or 'sgd'"]),
    ("momentum 1", lambda c: train_model(c.inputs, c.y, 1, 0.1, network=c.net, optimizer="sgd", momentum=1.0,
                                         verbose=False), OctakdValueError, ["train_model: momentum"]),
    ("checkpoint not a path", lambda c: train_model(c.inputs, c.y, 1, 0.1, network=c.net, checkpoint=5,
                                                    verbose=False), OctakdTypeError, ["train_model: expected a checkpoint"]),
    ("network not a network", lambda c: train_model(c.inputs, c.y, 1, 0.1, network="net", verbose=False),
     OctakdTypeError, ["train_model: network must be a Network"]),
    # distillation arguments
    ("temperature 0", lambda c: train_model(c.inputs, c.y, 1, 0.1, c.m, network=c.net, temperature=0, verbose=False),
     OctakdValueError, ["train_model: temperature must be a positive number", "got 0.0"]),
    ("temperature -4", lambda c: calculate_distillation_loss(c.m, c.m, c.inputs, c.y, temperature=-4),
     OctakdValueError, ["calculate_distillation_loss: temperature", "-4"]),
    ("temperature str", lambda c: calculate_distillation_loss(c.m, c.m, c.inputs, c.y, temperature="4"),
     OctakdTypeError, ["calculate_distillation_loss: temperature must be a real number"]),
    ("alpha 1.5", lambda c: train_model(c.inputs, c.y, 1, 0.1, c.m, network=c.net, alpha=1.5, verbose=False),
     OctakdValueError, ["train_model: alpha must be in [0.0, 1.0]", "1.5"]),
    ("alpha -0.1", lambda c: calculate_distillation_loss(c.m, c.m, c.inputs, c.y, alpha=-0.1),
     OctakdValueError, ["calculate_distillation_loss: alpha", "-0.1"]),
    ("alpha NaN", lambda c: losses.distillation_loss(np.zeros((2, 3)), np.zeros((2, 3)), [0, 1], 4.0, float("nan")),
     OctakdValueError, ["distillation_loss: alpha", "nan"]),
    ("teacher with other class count", lambda c: train_model(c.inputs, c.y, 1, 0.1, c.m4, network=c.net, verbose=False),
     ShapeError, ["train_model: the teacher has 4 classes but the student has 3", "softmax_layer(K)"]),
    ("loss with other class count", lambda c: calculate_distillation_loss(c.m, c.m4, c.inputs, c.y),
     ShapeError, ["calculate_distillation_loss: the teacher has 4 classes but the student has 3"]),
    ("logits of other class count", lambda c: losses.distillation_loss(np.zeros((2, 3)), np.zeros((2, 4)), [0, 1]),
     ShapeError, ["distillation_loss: student logits (2, 3) and teacher logits (2, 4) differ"]),
    ("teacher not a model", lambda c: train_model(c.inputs, c.y, 1, 0.1, "teacher", network=c.net, verbose=False),
     OctakdTypeError, ["train_model: teacher_model must be a trained model", "'teacher'"]),
    ("teacher None in the loss", lambda c: calculate_distillation_loss(c.m, None, c.inputs, c.y),
     OctakdTypeError, ["calculate_distillation_loss: teacher_model must be a trained model"]),
    ("student None in the loss", lambda c: calculate_distillation_loss(None, c.m, c.inputs, c.y),
     OctakdTypeError, ["calculate_distillation_loss: expected a student model", "None"]),
    ("untrained teacher", lambda c: train_model(c.inputs, c.y, 1, 0.1, c.net, network=c.net, verbose=False),
     OctakdTypeError, ["train_model: teacher_model must be a trained model"]),
    # inference and optimize_model arguments
    ("predict a non-model", lambda c: predict("model", c.inputs), OctakdTypeError,
     ["predict: expected a model (what train_model returns)", "'model'"]),
    ("predict an untrained network", lambda c: predict(c.net, c.inputs), NetworkError,
     ["predict: model 'net' has no weights yet", "train_model"]),
    ("evaluate a non-model", lambda c: evaluate(None, c.inputs, c.y), OctakdTypeError, ["evaluate: expected a model"]),
    ("predict batch_size 0", lambda c: predict(c.m, c.inputs, batch_size=0), OctakdValueError,
     ["predict: batch_size must be a positive integer"]),
    ("evaluate batch_size str", lambda c: evaluate(c.m, c.inputs, c.y, batch_size="a"), OctakdTypeError,
     ["evaluate: batch_size"]),
    ("optimize a non-model", lambda c: optimize_model("s", c.loss, c.inputs, c.y), OctakdTypeError,
     ["optimize_model: expected a trained student model"]),
    ("optimize with a string loss", lambda c: optimize_model(c.m, "x", c.inputs, c.y), OctakdTypeError,
     ["optimize_model: loss must be what calculate_distillation_loss returns"]),
    ("optimize with a NaN loss", lambda c: optimize_model(c.m, float("nan"), c.inputs, c.y), OctakdValueError,
     ["optimize_model: loss", "nan"]),
    ("optimize max_iter -1", lambda c: optimize_model(c.m, c.loss, c.inputs, c.y, max_iter=-1), OctakdValueError,
     ["optimize_model: max_iter"]),
    ("optimize max_params 0", lambda c: optimize_model(c.m, c.loss, c.inputs, c.y, max_params=0), OctakdValueError,
     ["optimize_model: max_params"]),
    ("set_backend unknown", lambda c: octakd.set_backend("cuda"), OctakdValueError,
     ["set_backend: expected one of ('numpy', 'numba')", "'cuda'"]),
]

LAYER_CALL_CASES = [
    # standalone layers: what the gradient-checking exercises call directly
    ("int input to conv", lambda c: Conv2D(2, 3).forward(np.ones((1, 1, 5, 5), int)), OctakdTypeError,
     ["conv2d_layer: expected dtype float32 or float64, got int64"]),
    ("list input to dense", lambda c: Dense(3).forward([[1.0, 2.0]]), OctakdTypeError,
     ["dense_layer: expected a NumPy float array", "a list"]),
    ("3-D input to conv", lambda c: Conv2D(2, 3).forward(np.ones((1, 5, 5))), ShapeError,
     ["conv2d_layer: expected a 4-D input", "(1, 5, 5)"]),
    ("1-D input to dense", lambda c: Dense(3).forward(np.ones(5)), ShapeError,
     ["dense_layer: expected a batch of shape (N, features)", "x[None, :]"]),
    ("kernel larger than input", lambda c: Conv2D(2, 7, 7, "valid").forward(np.ones((1, 1, 5, 5))), ShapeError,
     ["conv2d_layer: kernel 7x7 does not fit the padded input 5x5", "padding='same'"]),
    ("dense input width changes", lambda c: (lambda d: (d.forward(np.ones((2, 5))), d.forward(np.ones((2, 6)))))(Dense(3)),
     ShapeError, ["dense_layer: expected inputs of shape (N, 5), got (2, 6)"]),
    ("conv channel count changes", lambda c: (lambda l: (l.forward(np.ones((1, 1, 5, 5))), l.forward(np.ones((1, 2, 5, 5)))))(Conv2D(2, 3)),
     ShapeError, ["conv2d_layer: expected inputs of shape (N, 1, 5, 5)"]),
    ("float32 input to float64 weights", lambda c: (lambda d: (d.forward(np.ones((2, 5))), d.forward(np.ones((2, 5), np.float32))))(Dense(3)),
     OctakdTypeError, ["dense_layer: input is float32 but the weights are float64", "astype"]),
    ("backward before forward", lambda c: Conv2D(2, 3).backward(np.ones((1, 2, 5, 5))), NetworkError,
     ["conv2d_layer (backward): call forward(x) before backward(dy)"]),
    ("backward with the wrong shape", lambda c: (lambda l: (l.forward(np.ones((1, 1, 5, 5))), l.backward(np.ones((1, 3, 5, 5)))))(Conv2D(2, 3)),
     ShapeError, ["conv2d_layer (backward): expected dL/dy like the last forward output", "(1, 2, 5, 5)", "(1, 3, 5, 5)"]),
    ("dense backward before forward", lambda c: Dense(2).backward(np.ones((1, 2))), NetworkError,
     ["dense_layer (backward): call forward(x) before backward"]),
    ("pool backward wrong dtype", lambda c: (lambda l: (l.forward(np.ones((1, 1, 4, 4))), l.backward(np.ones((1, 1, 2, 2), np.float32))))(MaxPool2D(2)),
     ShapeError, ["max_pool2d_layer (backward)", "float64", "float32"]),
    ("zero features per sample", lambda c: Dense(3).forward(np.ones((2, 0))), ShapeError,
     ["dense_layer: each sample is empty", "(2, 0)"]),
    ("concatenate unequal batches", lambda c: Concatenate().forward([np.ones((2, 3)), np.ones((3, 3))]), ShapeError,
     ["concatenate_layer: the branches have different batch sizes [2, 3]"]),
    ("concatenate an array", lambda c: Concatenate().forward(np.ones((2, 3))), ShapeError,
     ["concatenate_layer: expected a list of branch outputs"]),
    ("conv too large to allocate", lambda c: Conv2D(1, 1, 1, 2**30).forward(np.ones((1, 1, 5, 5))), OctakdValueError,
     ["conv2d_layer: the padded input would hold", "use smaller sizes"]),
    ("dense too large to allocate", lambda c: Dense(2**31 - 1).forward(np.ones((1, 5))), OctakdValueError,
     ["dense_layer: the weights would hold", "values"]),
    ("imresize to a huge size", lambda c: imresize(np.zeros((4, 4)), [10**30, 3]), OctakdValueError,
     ["imresize", "too large"]),
]


@pytest.mark.parametrize("case", INPUT_CASES + ARGUMENT_CASES + LAYER_CALL_CASES, ids=lambda case: case[0])
def test_bad_input_gets_a_clear_error(case, ctx):
    _, call, cls, fragments = case
    raises(cls, lambda: call(ctx), *fragments)


@pytest.mark.parametrize("function", list(LABEL_FUNCTIONS))
@pytest.mark.parametrize("case", LABEL_CASES, ids=lambda case: case[0])
def test_bad_labels_get_a_clear_error(case, function, ctx):
    _, labels, cls, fragments = case
    if labels is None and function == "distillation_loss":     # documented: the soft term only
        assert np.isfinite(LABEL_FUNCTIONS[function](ctx, labels)[0])
        return
    msg = raises(cls, lambda: LABEL_FUNCTIONS[function](ctx, labels), *fragments)
    assert msg.startswith(function + ":")


def test_the_model_is_unchanged_by_a_refused_call(ctx):
    before = [layer.params[k].copy() for layer, k in ctx.m.parameters()]
    raises(LabelError, lambda: evaluate(ctx.m, ctx.inputs, [1, 2, 3, 3]))
    raises(OctakdTypeError, lambda: predict(ctx.m, [ctx.txt, ctx.img, ctx.aud]))
    for a, (layer, k) in zip(before, ctx.m.parameters()):
        np.testing.assert_array_equal(a, layer.params[k])


def test_errors_are_also_the_builtin_exceptions_users_expect():
    assert issubclass(ShapeError, ValueError) and issubclass(LabelError, ValueError)
    assert issubclass(OctakdTypeError, TypeError) and issubclass(NonFiniteError, FloatingPointError)
    assert issubclass(OctakdFileError, OSError)
    with pytest.raises(ValueError):
        Dense(0)
    with pytest.raises(TypeError):
        Dense("3")


# -- files ------------------------------------------------------------------------------------
# Already covered elsewhere (not repeated here):
#   tests/test_io.py: test_imread_missing_file_message_like_octave, test_imread_corrupt_file_names_the_file
#     (truncated/garbage images), test_imread_rejects_folders_and_non_paths,
#     test_audioread_missing_and_corrupt_files, test_audioread_truncated_wav, test_imwrite_errors,
#     test_imresize_errors, test_audiowrite_errors, test_audiowrite_failure_keeps_the_previous_file
#   tests/test_model_io.py: test_save_into_missing_folder, test_save_into_read_only_folder,
#     test_save_when_the_temporary_file_cannot_be_created, test_save_rejects_non_models,
#     test_load_missing_file, test_load_a_mat_that_is_not_a_model, test_load_truncated_mat,
#     test_load_garbage_and_empty_files, test_load_newer_format_version,
#     test_load_damaged_model_files, test_failed_write_leaves_previous_file_intact,
#     test_interrupt_during_write_also_cleans_up
#   tests/test_checkpoint.py: test_resume_from_a_foreign_file_is_a_clear_error
#   tests/test_numerical_faults.py: interrupted and failed checkpoint saves
FILE_CASES = [
    ("image file that is a WAV", "imread", OctakdFileError, ["imread: could not read", "as an image"]),
    ("WAV file that is a PNG", "audioread", OctakdFileError, ["audioread: could not read", "as audio"]),
    ("empty image file", "imread_empty", OctakdFileError, ["imread", "empty.png"]),
    ("empty WAV file", "audioread_empty", OctakdFileError, ["audioread", "empty.wav"]),
    ("model from an image", "load_png", OctakdFileError, ["load_model", "as a .mat file"]),
    ("checkpoint into a missing folder", "checkpoint_missing", OctakdFileError,
     ["train_model (checkpoint): cannot write", "does not exist", "os.makedirs"]),
    ("checkpoint into a read-only folder", "checkpoint_readonly", OctakdFileError,
     ["train_model (checkpoint)", "not writable"]),
    ("resume from a model file", "resume_mat", OctakdFileError,
     ["train_model (resume)", "not a readable octakd checkpoint"]),
    ("mat with a model's variables of the wrong kind", "load_wrong_kind", OctakdFileError, ["load_model"]),
]


@pytest.fixture
def sample_files(tmp_path):
    from octakd import audiowrite, imwrite
    png, wav = tmp_path / "x.png", tmp_path / "x.wav"
    imwrite(np.zeros((4, 4, 3), np.uint8), png)
    audiowrite(wav, np.zeros((16, 1)), 8000)
    (tmp_path / "empty.png").write_bytes(b"")
    (tmp_path / "empty.wav").write_bytes(b"")
    return tmp_path, png, wav


@pytest.mark.parametrize("case", FILE_CASES, ids=lambda case: case[0])
def test_bad_files_get_a_clear_error(case, sample_files, ctx, monkeypatch):
    _, what, cls, fragments = case
    folder, png, wav = sample_files
    small = lambda: (new_network(), text_input_layer(1, 4), softmax_layer(2))  # noqa: E731
    calls = {
        "imread": lambda: imread(wav),
        "audioread": lambda: audioread(png),
        "imread_empty": lambda: imread(folder / "empty.png"),
        "audioread_empty": lambda: audioread(folder / "empty.wav"),
        "load_png": lambda: load_model(png),
        "checkpoint_missing": lambda: (small(), train_model(np.ones((2, 4)), [0, 1], 1, 0.1, verbose=False,
                                                            checkpoint=folder / "no" / "c.npz")),
        "checkpoint_readonly": lambda: (small(), train_model(np.ones((2, 4)), [0, 1], 1, 0.1, verbose=False,
                                                             checkpoint=folder / "c.npz")),
        "resume_mat": lambda: (save_model(ctx.m, folder / "m.mat"),
                               train_model(ctx.inputs, ctx.y, 1, 0.1, network=ctx.net, verbose=False,
                                           checkpoint=folder / "m.mat", resume=True)),
        "load_wrong_kind": lambda: (scipy.io.savemat(folder / "w.mat", {
            "format": "octakd-model", "format_version": 1.0, "layer_names": 5.0}), load_model(folder / "w.mat")),
    }
    if what == "checkpoint_readonly":      # tests may run as root, where chmod does not stop writes
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode == os.W_OK else real_access(p, mode, **kw))
    raises(cls, calls[what], *fragments)


def count_cases():
    """The number of bad-input cases this file tests (reported in docs/errors.md)."""
    return (len(INPUT_CASES) + len(ARGUMENT_CASES) + len(LAYER_CALL_CASES)
            + len(LABEL_CASES) * len(LABEL_FUNCTIONS) - 1 + len(FILE_CASES))
