"""Training checkpoints: everything train_model needs to continue a run exactly.

A checkpoint is a NumPy ``.npz`` file written atomically (temporary file, fsync, rename; see
io/files.py) holding:

- every parameter array, as ``param/<layer>/<key>``, and every buffer (non-trainable state
  such as BatchNorm's running statistics), as ``buffer/<layer>/<key>``;
- the optimiser state (Adam's step count and moments, or SGD's velocities), as ``opt/...``;
- a JSON text with the epoch reached, the history so far, and the states of the shuffling and
  dropout random generators.

Resuming from it with the same network, data and seed gives bit-identical weights to a run that
was never interrupted (tested in tests/test_checkpoint.py).
"""
import json
import os

import numpy as np

from .errors import OctakdFileError, ShapeError
from .io.files import _atomic_write

CHECKPOINT_VERSION = 1


def _dropout_layers(model):
    return [layer for layer in model.layers if hasattr(layer, "rng")]


def save_checkpoint(path, model, optimizer, shuffle_rng, epoch):
    """Write the state after ``epoch`` completed epochs to ``path`` (atomically)."""
    arrays = {f"param/{layer.name}/{k}": layer.params[k] for layer, k in model.parameters()}
    for layer in model.layers:
        for k, b in getattr(layer, "buffers", {}).items():
            arrays[f"buffer/{layer.name}/{k}"] = b
    for name, state in optimizer.state_dict().items():
        if isinstance(state, dict):
            for k, a in state.items():
                arrays[f"opt/{name}/{k}"] = a
    meta = {"version": CHECKPOINT_VERSION, "epoch": epoch, "history": model.history,
            "optimizer": type(optimizer).__name__, "t": getattr(optimizer, "t", 0),
            "shuffle_rng": shuffle_rng.bit_generator.state,
            "dropout_rngs": [layer.rng.bit_generator.state for layer in _dropout_layers(model)]}
    arrays["meta"] = np.array(json.dumps(meta))
    _atomic_write(path, lambda f: np.savez(f, **arrays), "train_model (checkpoint)")


def load_checkpoint(path, model, optimizer, shuffle_rng):
    """Restore a checkpoint into ``model``, ``optimizer`` and ``shuffle_rng`` (in place).
    Returns the number of epochs already done."""
    where = "train_model (resume)"
    try:
        with np.load(path, allow_pickle=False) as data:
            contents = {k: data[k] for k in data.files}
        meta = json.loads(str(contents.pop("meta")))
    except FileNotFoundError:
        raise OctakdFileError(f"{where}: unable to find checkpoint '{path}'") from None
    except (OSError, ValueError, KeyError) as exc:
        raise OctakdFileError(f"{where}: '{path}' is not a readable octakd checkpoint ({exc})") from None
    if meta.get("optimizer") != type(optimizer).__name__:
        raise ShapeError(f"{where}: the checkpoint was made with {meta.get('optimizer')}, "
                         f"this run uses {type(optimizer).__name__}")
    for layer, k in model.parameters():
        key = f"param/{layer.name}/{k}"
        if key not in contents or contents[key].shape != layer.params[k].shape:
            raise ShapeError(f"{where}: checkpoint '{path}' does not match this network "
                             f"({key} is missing or has another shape)")
        layer.params[k][...] = contents[key]
    for layer in model.layers:
        for k, b in getattr(layer, "buffers", {}).items():
            key = f"buffer/{layer.name}/{k}"
            if key not in contents or contents[key].shape != b.shape:
                raise ShapeError(f"{where}: checkpoint '{path}' has no buffer {key} of shape "
                                 f"{b.shape}; it was made with another network")
            b[...] = contents[key]
    for name, state in optimizer.state_dict().items():
        if isinstance(state, dict):
            prefix = f"opt/{name}/"
            for key, a in contents.items():
                if key.startswith(prefix):
                    state[int(key[len(prefix):])] = a.copy()
    if hasattr(optimizer, "t"):
        optimizer.t = meta["t"]
    shuffle_rng.bit_generator.state = meta["shuffle_rng"]
    for layer, state in zip(_dropout_layers(model), meta["dropout_rngs"]):
        layer.rng.bit_generator.state = state
    model.history = meta["history"]
    return int(meta["epoch"])


def exists(path):
    return path is not None and os.path.exists(path)
