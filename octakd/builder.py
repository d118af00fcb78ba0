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
from .errors import NetworkError, describe
from .layers import (AudioInput, Concatenate, Conv2D, Dense, Dropout, ImageInput, MaxPool2D,
                     ReLU, Softmax, TextInput)
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


def concatenate_layer(branches):
    """Join ``[b1, b2, ...]`` (handles returned by the layer functions) along features; later
    layers continue the merged trunk."""
    global _tip
    where = "concatenate_layer"
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
    _tip = net.add(Concatenate(), list(branches))
    return _tip


def softmax_layer(classes):
    """End the current network with a dense projection to ``classes`` logits and softmax.
    Returns the finished network's output branch."""
    return _continue(Softmax(classes))


SEED_LAYER_FUNCTIONS = ["image_input_layer", "text_input_layer", "audio_input_layer", "conv2d_layer",
                        "relu_layer", "max_pool2d_layer", "dense_layer", "dropout_layer",
                        "concatenate_layer", "softmax_layer", "new_network", "current_network"]
