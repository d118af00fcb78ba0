"""The seed's layer functions over an implicit "current network" (like pyplot's current figure).

Rules (the seed listing depends on them):
- ``*_input_layer(...)`` opens a new branch of the current network and makes it current;
- every other layer function appends to the current branch and returns a handle to its tip,
  so after ``img_branch = max_pool2d_layer(2, 2)`` the name ``img_branch`` holds the whole
  image branch;
- ``concatenate_layer([b1, b2, ...])`` joins the given branches; later layers continue the
  merged trunk;
- ``softmax_layer(K)`` ends the network. An input layer called after that starts a new
  current network (as ``new_network()`` does);
- ``new_network(name)`` starts a fresh current network explicitly.

This module is the only place that keeps state. Everything underneath is the plain object
API of ``octakd.network`` and ``octakd.layers``, which scripts may use directly.
"""
from .errors import NetworkError, OctakdTypeError, describe
from .layers import (LAYER_CLASSES, Add, AudioInput, BatchNorm, Concatenate, Conv2D, Dense, Dropout,
                     ImageInput, Layer, MaxPool2D, ReLU, Softmax, TextInput)
from .network import Branch, Network

_current = None     # the current Network
_tip = None         # the Branch the next layer function appends to


def new_network(name=None):
    """Start a fresh current network and return it."""
    global _current, _tip
    _current = Network(name)
    _tip = None
    return _current


def current_network():
    """The network the layer functions are building (created on first use)."""
    return _current if _current is not None else new_network()


def _open(layer):
    global _tip
    net = current_network()
    if net.ended:
        net = new_network()
    _tip = net.add(layer)
    return _tip


def _continue(layer):
    global _tip
    if _tip is None:
        raise NetworkError(f"{layer.seed_name}: no open branch; start one with an input layer, "
                           f"for example image_input_layer(1, 3, 224, 224)")
    _tip = _tip.network.add(layer, _tip)
    return _tip


def image_input_layer(batch, channels, height, width):
    """Open an image branch taking (N, C, H, W) arrays or imread's H x W x C uint8."""
    return _open(ImageInput(batch, channels, height, width))


def text_input_layer(batch, features):
    """Open a text branch taking strings (hashed to ``features`` values) or N x features arrays."""
    return _open(TextInput(batch, features))


def audio_input_layer(batch, channels, samples):
    """Open an audio branch taking audioread's samples x channels, as N x C x 1 x samples."""
    return _open(AudioInput(batch, channels, samples))


def conv2d_layer(filters, kh, kw=None, padding="same", stride=1):
    """Append Conv2D(filters, kh, kw, padding, stride) to the current branch."""
    return _continue(Conv2D(filters, kh, kw, padding, stride))


def relu_layer():
    """Append ReLU to the current branch."""
    return _continue(ReLU())


def max_pool2d_layer(pool=2, stride=None):
    """Append MaxPool2D(pool, stride) to the current branch (stride defaults to pool)."""
    return _continue(MaxPool2D(pool, stride))


def dense_layer(units, activation="linear"):
    """Append Dense(units, activation) to the current branch; 4-D inputs are flattened."""
    return _continue(Dense(units, activation))


def dropout_layer(p=0.5):
    """Append inverted Dropout(p) to the current branch."""
    return _continue(Dropout(p))


def batchnorm_layer(momentum=0.1, eps=1e-5):
    """Append BatchNorm(momentum, eps) to the current branch (running statistics as buffers)."""
    return _continue(BatchNorm(momentum, eps))


def concatenate_layer(branches):
    """Join ``[b1, b2, ...]`` (handles returned by the layer functions) along features; later
    layers continue the merged trunk."""
    return _join(Concatenate(), branches, "concatenate_layer")


def addition_layer(branches):
    """Add same-shape branches ``[b1, b2, ...]`` element-wise (a residual connection); later
    layers continue the sum."""
    return _join(Add(), branches, "addition_layer")


def add_layer(layer, branches=None):
    """Continue the current branch with any ``Layer`` (a user's own layer included) and return
    the branch handle, like the seed's layer functions. A layer that joins branches (its class
    sets ``multi_input = True``, as Add and Concatenate do) takes the list ``branches``."""
    if not isinstance(layer, Layer):
        what = "a class; pass an instance, e.g. add_layer(MyLayer())" if isinstance(layer, type) \
            else describe(layer)
        raise OctakdTypeError(f"add_layer: expected an octakd.layers.Layer instance, got {what}")
    if getattr(layer, "is_input", False):
        return _open(layer)
    if branches is not None or getattr(layer, "multi_input", False):
        return _join(layer, branches, f"add_layer({type(layer).__name__})")
    return _continue(layer)


def register_layer(cls):
    """Make a Layer subclass known to load_model, checkpoints and ``octakd port``/``run``: its
    class name joins ``octakd.layers.LAYER_CLASSES`` and its ``seed_name`` becomes a function of
    the flat API (``from octakd import *``) that constructs it with the given arguments and
    continues the current branch. Usable as a class decorator; returns ``cls``."""
    import octakd
    if not (isinstance(cls, type) and issubclass(cls, Layer)):
        raise OctakdTypeError(f"register_layer: expected a subclass of octakd.layers.Layer, got "
                              f"{describe(cls)}")
    name = getattr(cls, "seed_name", "layer")
    if name == "layer" or not name.isidentifier():
        raise OctakdTypeError(f"register_layer: {cls.__name__} needs a class attribute seed_name, "
                              f"the function name scripts will call (e.g. seed_name = "
                              f"'tanh_layer'), got {name!r}")
    taken = getattr(octakd, name, None)
    if taken is not None and getattr(taken, "registered_class", None) is None:
        raise OctakdTypeError(f"register_layer: {cls.__name__}.seed_name {name!r} is already an "
                              f"octakd function; choose another name")
    LAYER_CLASSES[cls.__name__] = cls

    def seed_function(*args, **kwargs):
        return add_layer(cls(*args, **kwargs))

    seed_function.__name__ = seed_function.__qualname__ = name
    seed_function.__doc__ = f"Append {cls.__name__}(...) to the current branch (registered layer)."
    seed_function.registered_class = cls
    setattr(octakd, name, seed_function)
    if name not in octakd.__all__:
        octakd.__all__.append(name)
    return cls


def _join(layer, branches, where):
    global _tip
    if isinstance(branches, Branch):
        branches = [branches]
    if not isinstance(branches, (list, tuple)) or len(branches) == 0:
        raise NetworkError(f"{where}: expected a list of branches such as [img_branch, text_branch], "
                           f"got {describe(branches)}")
    for k, b in enumerate(branches):
        if not isinstance(b, Branch):
            raise NetworkError(f"{where}: item {k + 1} is not a branch (what the layer functions "
                               f"return), got {describe(b)}")
    net = branches[0].network
    if any(b.network is not net for b in branches):
        raise NetworkError(f"{where}: the branches belong to different networks; build them after "
                           f"the same new_network() call")
    _tip = net.add(layer, list(branches))
    return _tip


def softmax_layer(classes):
    """End the current network with a dense projection to ``classes`` logits and softmax.
    Returns the finished network's output branch."""
    return _continue(Softmax(classes))


SEED_LAYER_FUNCTIONS = ["image_input_layer", "text_input_layer", "audio_input_layer", "conv2d_layer",
                        "relu_layer", "max_pool2d_layer", "dense_layer", "dropout_layer",
                        "concatenate_layer", "softmax_layer", "batchnorm_layer", "addition_layer",
                        "add_layer", "register_layer", "new_network", "current_network"]
