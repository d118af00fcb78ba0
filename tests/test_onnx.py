"""export_onnx (octakd/onnx_export.py) checked by an independent runtime: onnxruntime runs the
exported graph and must give predict's probabilities (max abs difference < 1e-4) for the demo's
teacher and student, the seed listing's network at a small size, and single layers with every
padding and stride form. Skips only when onnx or onnxruntime is missing (`octakd[onnx]`)."""
import sys

import numpy as np
import pytest

import octakd
from octakd import (audio_input_layer, concatenate_layer, conv2d_layer, dense_layer, dropout_layer,
                    image_input_layer, max_pool2d_layer, new_network, predict, relu_layer,
                    softmax_layer, text_input_layer, train_model)
from octakd.demo import student_network, teacher_network
from octakd.errors import NetworkError
from octakd.onnx_export import export_onnx, onnx_inputs

TOLERANCE = 1e-4
ALLOWED_OPS = {"Conv", "MaxPool", "Gemm", "MatMul", "Relu", "Sigmoid", "Tanh", "Concat", "Flatten",
               "Softmax"}


def test_without_onnx_the_error_names_the_extra(monkeypatch, rng):
    monkeypatch.setitem(sys.modules, "onnx", None)          # `import onnx` now fails
    new_network()
    text_input_layer(1, 8)
    softmax_layer(3)
    model = train_model(rng.standard_normal((6, 8)), [0, 1, 2, 0, 1, 2], 1, 0.01, verbose=False)
    with pytest.raises(ImportError, match=r"octakd\[onnx\]"):
        export_onnx(model, "unused.onnx")


try:
    import onnx
    import onnxruntime as ort
except ImportError:
    onnx = ort = None
needs_onnx = pytest.mark.skipif(ort is None, reason="needs onnx and onnxruntime: "
                                                    "pip install 'octakd[onnx]'")


def run_onnx(model, inputs, tmp_path):
    """Export, check the graph, run it in onnxruntime; return (probabilities, logits, proto)."""
    path = tmp_path / f"{model.name}.onnx"
    assert export_onnx(model, path) == path
    proto = onnx.load(str(path))
    onnx.checker.check_model(proto)
    ops = {node.op_type for node in proto.graph.node}
    assert ops <= ALLOWED_OPS, ops - ALLOWED_OPS
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    assert [i.name for i in session.get_inputs()] == [l.name for l in model.input_layers]
    assert [o.name for o in session.get_outputs()] == ["probabilities", "logits"]
    probs, logits = session.run(None, onnx_inputs(model, inputs))
    return probs, logits, proto


def assert_matches_predict(model, inputs, tmp_path):
    probs, logits, proto = run_onnx(model, inputs, tmp_path)
    expected = predict(model, inputs)
    assert probs.shape == expected.shape
    assert np.abs(probs - expected).max() < TOLERANCE
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    assert np.array_equal(probs.argmax(axis=1), expected.argmax(axis=1)) or \
        np.abs(probs - expected).max() < 1e-6
    return probs, logits, proto


@pytest.fixture(scope="module")
def digits():
    from octakd.datasets import make_multimodal_digits
    return make_multimodal_digits(120, seed=3)


@needs_onnx
@pytest.mark.parametrize("make", [teacher_network, student_network], ids=["teacher", "student"])
def test_demo_networks_match_predict(make, digits, tmp_path):
    """The demo's teacher (conv, pool, dense, dropout, concat) and its student (strided convs,
    stride (1, 4), pools)."""
    model = train_model(digits.inputs, digits.labels, 1, 0.002, network=make(), verbose=False)
    probs, logits, proto = assert_matches_predict(model, digits.inputs, tmp_path)
    ops = [node.op_type for node in proto.graph.node]
    assert {"Conv", "MaxPool", "Gemm", "Relu", "Concat", "Softmax"} <= set(ops)
    assert proto.producer_name == "octakd"


@needs_onnx
def test_single_modality_student_reads_the_teacher_ordered_list(digits, tmp_path):
    net = student_network(["audio"], name="audio_student")
    model = train_model([digits.audio], digits.labels, 1, 0.002, network=net, verbose=False)
    probs, _, _ = run_onnx(model, [digits.audio], tmp_path)
    assert np.abs(probs - predict(model, [digits.audio])).max() < TOLERANCE


@needs_onnx
def test_seed_listing_network_at_small_size(rng, tmp_path):
    """The article's network at 1/8 image side and 1/20 audio length: 'same' 3x3 and 1x3 convs,
    the 2x2 pool clamped to 1x2 on the audio map, dropout, three-way concat, softmax."""
    new_network("seed_small")
    image_input_layer(1, 3, 28, 28)
    conv2d_layer(64, 3, 3, 'same')
    relu_layer()
    img_branch = max_pool2d_layer(2, 2)
    text_input_layer(1, 100)
    dense_layer(64, 'relu')
    text_branch = dropout_layer(0.5)
    audio_input_layer(1, 1, 2205)
    conv2d_layer(64, 1, 3, 'same')
    relu_layer()
    audio_branch = max_pool2d_layer(2, 2)
    concatenate_layer([img_branch, text_branch, audio_branch])
    dense_layer(128, 'relu')
    dropout_layer(0.5)
    softmax_layer(10)
    images = [rng.integers(0, 256, (28, 28, 3), dtype=np.uint8) for _ in range(4)]
    texts = ["This is a text data", "another text", "Привет мир", "你好世界"]
    audio = rng.uniform(-1, 1, (4, 1, 1, 2205)).astype(np.float32)
    model = train_model([images, texts, audio], [3, 1, 4, 1], 2, 0.001, verbose=False)
    probs, logits, _ = assert_matches_predict(model, [images, texts, audio], tmp_path)
    assert logits.shape == (4, 10)


@needs_onnx
@pytest.mark.parametrize("padding, stride, kernel", [
    ("same", 1, (3, 3)), ("same", 2, (4, 4)), ("same", (1, 3), (2, 5)), ("valid", 1, (3, 3)),
    ("valid", 2, (3, 2)), (2, 1, (3, 3)), ((1, 0), (2, 1), (3, 3)),
])
def test_conv_padding_and_stride_forms(padding, stride, kernel, rng, tmp_path):
    """Asymmetric 'same' padding (even kernels), explicit pads and strides, all positional."""
    new_network("conv_forms")
    image_input_layer(1, 2, 11, 9)
    conv2d_layer(5, kernel[0], kernel[1], padding, stride)
    relu_layer()
    max_pool2d_layer(2, (2, 1))
    dense_layer(7, 'tanh')
    dense_layer(6, 'sigmoid')
    softmax_layer(4)
    x = rng.standard_normal((5, 2, 11, 9)).astype(np.float32)
    model = train_model(x, [0, 1, 2, 3, 0], 1, 0.01, verbose=False)
    assert_matches_predict(model, x, tmp_path)


@needs_onnx
def test_float64_model_exports_as_float32(rng, tmp_path):
    new_network("f64")
    text_input_layer(1, 12)
    dense_layer(8, 'relu')
    softmax_layer(3)
    x = rng.standard_normal((9, 12))
    model = train_model(x, np.arange(9) % 3, 1, 0.01, verbose=False).astype(np.float64)
    probs, _, _ = run_onnx(model, x, tmp_path)
    assert probs.dtype == np.float32
    assert np.abs(probs - predict(model, x)).max() < TOLERANCE


@needs_onnx
def test_a_loaded_model_exports_the_same(rng, tmp_path):
    new_network("saved")
    image_input_layer(1, 1, 8, 8)
    conv2d_layer(3, 3, 3)
    max_pool2d_layer(2, 2)
    softmax_layer(2)
    x = rng.random((4, 1, 8, 8)).astype(np.float32)
    model = train_model(x, [0, 1, 0, 1], 1, 0.01, verbose=False)
    octakd.save_model(model, str(tmp_path / "m.mat"))
    loaded = octakd.load_model(str(tmp_path / "m.mat"))
    a, _, _ = run_onnx(model, x, tmp_path)
    b, _, _ = run_onnx(loaded, x, tmp_path)
    np.testing.assert_array_equal(a, b)


@needs_onnx
def test_refusals(rng, tmp_path):
    new_network("unbuilt")
    text_input_layer(1, 4)
    softmax_layer(2)
    with pytest.raises(NetworkError, match="export_onnx.*no weights"):
        export_onnx(octakd.current_network(), tmp_path / "x.onnx")
    with pytest.raises(NetworkError, match="export_onnx: expected a model"):
        export_onnx("model.mat", tmp_path / "x.onnx")

    class Doubler(octakd.layers.Layer):
        seed_name = "doubler_layer"

        def forward(self, x, training=True):
            return 2 * x

        def backward(self, dy):
            return 2 * dy

    net = octakd.Network("custom")
    b = net.add(octakd.layers.TextInput(1, 4))
    b = net.add(Doubler(), b)
    net.add(octakd.layers.Softmax(2), b)
    model = train_model(rng.standard_normal((4, 4)), [0, 1, 0, 1], 1, 0.01, network=net, verbose=False)
    with pytest.raises(NetworkError, match="Doubler.*no ONNX translation"):
        export_onnx(model, tmp_path / "custom.onnx")
    assert not (tmp_path / "custom.onnx").exists()
