"""octakd: multimodal knowledge distillation from scratch in NumPy and Numba.

``from octakd import *`` gives every name a ported Octave script needs: the seed's layer
functions, the training functions, and Octave-style I/O.
"""
__version__ = "0.1.0"

from . import datasets  # noqa: F401  (octakd.datasets after `import octakd`)
from .builder import (add_layer, addition_layer, audio_input_layer, batchnorm_layer,
                      concatenate_layer, conv2d_layer, current_network, dense_layer, dropout_layer,
                      image_input_layer, max_pool2d_layer, new_network, register_layer, relu_layer,
                      softmax_layer, text_input_layer)
from .errors import (LabelError, NetworkError, NonFiniteError, OctakdError, OctakdFileError,
                     OctakdTypeError, OctakdValueError, ShapeError)
from .io import audioinfo, audioread, audiowrite, imread, imresize, imwrite, load_model, save_model
from .kernels import get_backend, set_backend
from .network import Branch, Network
from .onnx_export import export_onnx  # noqa: F401  (octakd.export_onnx; needs octakd[onnx])
from .training import (DistillationLoss, TrainingDiverged, calculate_distillation_loss, evaluate,
                       optimize_model, predict, train_model)

__all__ = [
    "image_input_layer", "text_input_layer", "audio_input_layer", "conv2d_layer", "relu_layer",
    "max_pool2d_layer", "dense_layer", "dropout_layer", "concatenate_layer", "softmax_layer",
    "batchnorm_layer", "addition_layer", "add_layer", "register_layer",
    "new_network", "current_network", "Network", "Branch",
    "train_model", "calculate_distillation_loss", "optimize_model", "predict", "evaluate",
    "DistillationLoss", "TrainingDiverged",
    "imread", "imresize", "imwrite", "audioread", "audiowrite", "audioinfo",
    "save_model", "load_model", "set_backend", "get_backend",
    "OctakdError", "ShapeError", "OctakdTypeError", "OctakdValueError", "LabelError",
    "NetworkError", "NonFiniteError", "OctakdFileError",
]
