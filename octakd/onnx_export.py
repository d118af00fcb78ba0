"""Export a trained octakd model to ONNX, so it can leave the teaching engine.

``export_onnx(model, path)`` writes one ONNX graph (opset 13, float32) whose first output,
``probabilities`` (N, K), equals ``predict(model, inputs)``; a second output, ``logits``,
holds the softmax layer's input. Layer by layer:

==================  ======================================================================
octakd layer        ONNX nodes
==================  ======================================================================
input layers        graph inputs, one per input layer in creation order, named after the
                    layer (``image_input_layer_1``...), batch dimension ``N``
conv2d_layer        Conv, explicit ``pads`` [top, left, bottom, right] and ``strides``
                    ('same' padding is resolved for the layer's input size)
relu_layer          Relu
max_pool2d_layer    MaxPool, the window clamped to the input as octakd does
dense_layer         Flatten (4-D inputs) + Gemm (x @ W + b), then Relu/Sigmoid/Tanh
dropout_layer       nothing (the identity at inference)
concatenate_layer   Flatten each branch + Concat on axis 1
softmax_layer       Gemm + Softmax (axis 1)
==================  ======================================================================

The input layers' conversions are *not* in the graph: it takes the arrays the input layers
produce. :func:`onnx_inputs` prepares them from the same inputs ``predict`` takes:

- image: float32 N x C x H x W in [0, 1] (uint8 divided by 255, H x W x C transposed);
- text: float32 N x features, the hashed n-gram features of ``octakd.text.encode_texts``;
- audio: float32 N x C x 1 x L (int16 divided by 32768, padded or cropped to L samples).

Needs the ``onnx`` package: ``pip install 'octakd[onnx]'``.
"""
import numpy as np

from .errors import NetworkError
from .kernels import geometry
from .layers import Concatenate, Conv2D, Dense, Dropout, MaxPool2D, ReLU, Softmax
from .network import Network

OPSET = 13
IR_VERSION = 8          # readable by onnxruntime >= 1.10 and older converters
_ACTIVATIONS = {"relu": "Relu", "sigmoid": "Sigmoid", "tanh": "Tanh"}


def _require_onnx():
    try:
        import onnx
    except ImportError as exc:
        raise ImportError("export_onnx needs the onnx package: pip install 'octakd[onnx]' "
                          "(or: pip install onnx)") from exc
    return onnx


class _Graph:
    """Collects nodes and initializers; names every value after the layer that makes it."""

    def __init__(self, onnx):
        self.onnx, self.helper = onnx, onnx.helper
        self.nodes, self.initializers = [], []

    def weight(self, name, array):
        self.initializers.append(self.onnx.numpy_helper.from_array(
            np.ascontiguousarray(array, dtype=np.float32), name))
        return name

    def node(self, op, inputs, output, **attrs):
        self.nodes.append(self.helper.make_node(op, inputs, [output], name=output, **attrs))
        return output

    def flatten(self, x, name, ndim):
        return x if ndim == 2 else self.node("Flatten", [x], f"{name}/flatten", axis=1)

    def dense(self, x, layer, name, ndim):
        x = self.flatten(x, name, ndim)
        W = self.weight(f"{name}.W", layer.params["W"])
        b = self.weight(f"{name}.b", layer.params["b"])
        return self.node("Gemm", [x, W, b], f"{name}/gemm" if layer.activation in _ACTIVATIONS else name)


def _export_layer(g, layer, xs, ndims):
    """Add the nodes of one (non-input) layer; returns its output's name and rank."""
    name = layer.name
    if isinstance(layer, Conv2D):
        C, H, W = layer.input_shape
        top, bottom, left, right = geometry.conv_pads(layer.padding, (H, W), (layer.kh, layer.kw),
                                                      layer.stride)
        w = g.weight(f"{name}.W", layer.params["W"])
        b = g.weight(f"{name}.b", layer.params["b"])
        return g.node("Conv", [xs[0], w, b], name, kernel_shape=[layer.kh, layer.kw],
                      pads=[top, left, bottom, right], strides=list(layer.stride)), 4
    if isinstance(layer, ReLU):
        return g.node("Relu", [xs[0]], name), ndims[0]
    if isinstance(layer, MaxPool2D):
        _, H, W = layer.input_shape
        pool, _ = geometry.pool_geometry((H, W), layer.pool, layer.stride, layer.where)
        return g.node("MaxPool", [xs[0]], name, kernel_shape=list(pool),
                      strides=list(layer.stride)), 4
    if isinstance(layer, Softmax):
        logits = g.dense(xs[0], layer.dense, "logits", ndims[0])
        return g.node("Softmax", [logits], "probabilities", axis=1), 2
    if isinstance(layer, Dense):
        z = g.dense(xs[0], layer, name, ndims[0])
        if layer.activation in _ACTIVATIONS:
            z = g.node(_ACTIVATIONS[layer.activation], [z], name)
        return z, 2
    if isinstance(layer, Dropout):
        return xs[0], ndims[0]
    if isinstance(layer, Concatenate):
        flat = [g.flatten(x, f"{name}/{k}", nd) for k, (x, nd) in enumerate(zip(xs, ndims))]
        return g.node("Concat", flat, name, axis=1), 2
    raise NetworkError(f"export_onnx: layer {name} ({type(layer).__name__}) has no ONNX "
                       f"translation; supported: conv2d, relu, max_pool2d, dense, dropout, "
                       f"concatenate and softmax layers")


def to_onnx(model):
    """The ONNX ``ModelProto`` of a trained (built) model; see the module docstring."""
    onnx = _require_onnx()
    if not isinstance(model, Network):
        raise NetworkError(f"export_onnx: expected a model from train_model or load_model, "
                           f"got {type(model).__name__}")
    if not getattr(model, "built", False):
        raise NetworkError("export_onnx: the model has no weights yet; train it (train_model) "
                           "or build it (model.build()) first")
    model._require_end("export_onnx")
    g = _Graph(onnx)
    inputs, names, ndims = [], [None] * len(model.layers), [None] * len(model.layers)
    for i, layer in enumerate(model.layers):
        if layer.is_input:
            shape = ["N", *layer.sample_shape]
            inputs.append(onnx.helper.make_tensor_value_info(layer.name, onnx.TensorProto.FLOAT, shape))
            names[i], ndims[i] = layer.name, len(shape)
            continue
        parents = model.parents[i]
        names[i], ndims[i] = _export_layer(g, layer, [names[p] for p in parents],
                                           [ndims[p] for p in parents])
    K = model.num_classes
    outputs = [onnx.helper.make_tensor_value_info(n, onnx.TensorProto.FLOAT, ["N", K])
               for n in ("probabilities", "logits")]
    graph = onnx.helper.make_graph(g.nodes, model.name, inputs, outputs, g.initializers)
    proto = onnx.helper.make_model(graph, producer_name="octakd",
                                   opset_imports=[onnx.helper.make_opsetid("", OPSET)])
    from . import __version__
    proto.producer_version = __version__
    proto.ir_version = IR_VERSION
    proto.doc_string = (f"octakd model {model.name!r}: inputs "
                        + ", ".join(f"{l.name} ({l.modality})" for l in model.input_layers)
                        + "; see octakd/onnx_export.py for the preprocessing")
    onnx.helper.set_model_props(proto, {"modalities": ",".join(model.modalities)})
    onnx.checker.check_model(proto)
    return proto


def export_onnx(model, path):
    """Write ``model`` (trained, or loaded with load_model) to the ONNX file ``path``.

    Returns the path. The graph's output ``probabilities`` equals ``predict(model, inputs)``
    when fed ``onnx_inputs(model, inputs)``. Raises ImportError without the onnx package and
    NetworkError for a layer with no ONNX translation."""
    onnx = _require_onnx()
    proto = to_onnx(model)
    try:
        onnx.save_model(proto, str(path))
    except OSError as exc:
        raise OSError(f"export_onnx: cannot write {path}: {exc.strerror or exc}") from None
    return path


def onnx_inputs(model, inputs):
    """The feed dict for an onnxruntime session: ``{input layer name: float32 array}``, made
    from the same ``inputs`` that ``predict(model, inputs)`` takes, by the input layers'
    own conversions (scaling, transposition, text hashing, audio padding)."""
    data = model.arrange_inputs(inputs, "onnx_inputs", model.input_order)
    arrays = model.convert_inputs(data)
    return {layer.name: np.ascontiguousarray(x, dtype=np.float32)
            for layer, x in zip(model.input_layers, arrays)}
