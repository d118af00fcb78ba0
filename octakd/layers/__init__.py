"""One small class per layer, all with the contract of ``base.Layer``."""
from .activation import ReLU
from .add import Add
from .base import Layer
from .batchnorm import BatchNorm
from .concat import Concatenate
from .conv import Conv2D
from .dense import Dense
from .dropout import Dropout
from .inputs import AudioInput, ImageInput, InputCroppedWarning, TextInput
from .pool import MaxPool2D
from .softmax import Softmax

LAYER_CLASSES = {cls.__name__: cls for cls in (
    ImageInput, TextInput, AudioInput, Conv2D, ReLU, MaxPool2D, Dense, Dropout, Concatenate, Softmax,
    BatchNorm, Add)}

__all__ = ["Layer", *LAYER_CLASSES, "InputCroppedWarning", "LAYER_CLASSES"]
