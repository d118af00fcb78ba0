"""save_model / load_model: models as MAT v5 files that GNU Octave's ``load`` reads.

The layout (one variable per piece: layer names and classes as cell arrays, weights as
matrices in a struct, a format version) is described in docs/io.md.
"""
import json
import numbers
import os

import numpy as np
import scipy.io

from ..errors import OctakdFileError, OctakdTypeError, OctakdValueError, describe
from .files import _atomic_write, _path_arg, _reason, _require_file

FORMAT_MAGIC = "octakd-model"
FORMAT_VERSION = 1


# -- models ---------------------------------------------------------------------------------
def _mat_path(path, where):
    path = _path_arg(path, where)
    return path if os.path.splitext(path)[1] else path + ".mat"


def _cell(strings):
    """A list of str -> an n x 1 object array, which savemat writes as an Octave cell array."""
    cell = np.empty((len(strings), 1), dtype=object)
    for i, s in enumerate(strings):
        cell[i, 0] = s
    return cell


def _scalar_fields(mapping):
    """Keep what Octave shows well in a struct: numbers, strings, lists of numbers."""
    out = {}
    for key, value in mapping.items():
        if not (isinstance(key, str) and key[:1].isalpha() and key.replace("_", "a").isalnum()):
            continue
        if isinstance(value, bool):
            out[key] = np.uint8(value)
        elif isinstance(value, (numbers.Real, str)):
            out[key] = value
        elif isinstance(value, (list, tuple)) and value and all(
                isinstance(v, numbers.Real) and not isinstance(v, bool) for v in value):
            out[key] = np.asarray(value, dtype=np.float64)[None, :]
    return out


def _json_default(value):
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"cannot store {describe(value)}")


def _history_matrix(history):
    """list of dicts -> (n x k float64 matrix, k column names); missing values are NaN."""
    columns = []
    for row in history:
        for key in row:
            if key not in columns:
                columns.append(key)
    matrix = np.full((len(history), len(columns)), np.nan)
    for i, row in enumerate(history):
        for j, key in enumerate(columns):
            value = row.get(key)
            if isinstance(value, numbers.Real):
                matrix[i, j] = float(value)
    return matrix, columns


def save_model(model, path):
    """Save a trained model (a Network) to a MAT v5 file that GNU Octave's ``load`` reads.

    ``path`` without an extension gets ``.mat``. The write is atomic: a temporary file in the
    same folder is written, flushed, fsync-ed and renamed over ``path``, so an interrupted save
    leaves the previous file intact. The variables (see docs/io.md):
    ``octakd_format`` ('octakd-model'), ``format_version`` (1), ``octakd_version``, ``name``,
    ``dtype``, ``layer_names``/``layer_classes``/``layer_configs`` (cells; configs as JSON),
    ``config`` (struct of per-layer structs), ``parents`` (cell of 0-based index rows),
    ``params`` (struct: params.<layer name>.W / .b, single or double), ``buffers`` (struct:
    buffers.<layer name>.running_mean, ... for layers with non-trainable state), ``history`` (matrix) with
    ``history_columns`` (cell), ``history_json``, ``settings`` (struct) with ``settings_json``,
    and ``input_order`` (cell, empty for none).
    """
    where = "save_model"
    from ..network import Network
    if not isinstance(model, Network):
        raise OctakdTypeError(f"{where}: expected a model (what train_model returns), got {describe(model)}")
    if not model.built:
        raise OctakdValueError(f"{where}: the model {model.name!r} has no weights yet; train it "
                               f"(train_model) or call build() first")
    path = _mat_path(path, where)
    names = [layer.name for layer in model.layers]
    try:
        configs = [json.dumps(layer.config(), default=_json_default, allow_nan=True) for layer in model.layers]
        history_json = json.dumps(list(model.history), default=_json_default)
        settings_json = json.dumps(dict(model.settings), default=_json_default)
    except (TypeError, ValueError) as exc:
        raise OctakdValueError(f"{where}: the model holds something that cannot be saved ({_reason(exc)}); "
                               f"history and settings may hold numbers and strings only") from None
    params = {}
    for layer in model.layers:
        if layer.params:
            params[layer.name] = {k: np.asarray(v) for k, v in sorted(layer.params.items())}
    buffers = {layer.name: {k: np.asarray(v) for k, v in sorted(layer.buffers.items())}
               for layer in model.layers if getattr(layer, "buffers", None)}
    history, columns = _history_matrix(model.history)
    parents = np.empty((len(model.layers), 1), dtype=object)
    for i, p in enumerate(model.parents):
        parents[i, 0] = np.asarray(p, dtype=np.float64).reshape(1, -1)
    from .. import __version__
    variables = {
        "octakd_format": FORMAT_MAGIC,
        "format_version": np.int32(FORMAT_VERSION),
        "octakd_version": str(__version__),
        "name": str(model.name),
        "dtype": str(np.dtype(model.dtype)),
        "layer_names": _cell(names),
        "layer_classes": _cell([type(layer).__name__ for layer in model.layers]),
        "layer_configs": _cell(configs),
        "config": {layer.name: _scalar_fields(layer.config()) for layer in model.layers},
        "parents": parents,
        "params": params,
        "history": history,
        "history_columns": _cell(columns),
        "history_json": history_json,
        "settings": _scalar_fields(model.settings),
        "settings_json": settings_json,
        "input_order": _cell(list(model.input_order or [])),
    }

    if buffers:                         # savemat cannot write an empty struct
        variables["buffers"] = buffers

    def write(f):
        scipy.io.savemat(f, variables, do_compression=True, oned_as="column", format="5")

    _atomic_write(path, write, where)


def _text(value):
    """A string from loadmat output (1-element str array, str, or empty array)."""
    if isinstance(value, str):
        return value
    arr = np.asarray(value)
    if arr.size == 0:
        return ""
    if arr.dtype.kind == "U":
        return str(arr.ravel()[0])
    raise ValueError(f"expected a string, got {describe(value)}")


def _cell_texts(value):
    arr = np.asarray(value, dtype=object)
    return [_text(v) for v in arr.ravel(order="F")]


def _field(contents, key, path):
    if key not in contents:
        raise OctakdFileError(f"load_model: '{path}' is an octakd model file but its variable '{key}' "
                              f"is missing; the file is damaged, save the model again")
    return contents[key]


def load_model(path):
    """Load a model saved by :func:`save_model`; its predictions equal the saved model's.

    The network is rebuilt layer by layer (``LAYER_CLASSES[class](**config)`` and
    ``Network.add`` with the saved parents), built in the saved dtype, and the saved weights are
    copied in. History, settings and input order are restored. ``path`` without an extension
    also finds ``path + '.mat'`` (as Octave's load does).
    """
    where = "load_model"
    path = _path_arg(path, where)
    if not os.path.exists(path) and not os.path.splitext(path)[1] and os.path.exists(path + ".mat"):
        path = path + ".mat"
    _require_file(path, where)
    try:
        contents = scipy.io.loadmat(path, squeeze_me=False, struct_as_record=False, chars_as_strings=True)
    except Exception as exc:
        raise OctakdFileError(f"{where}: could not read '{path}' as a .mat file ({_reason(exc)}); it may "
                              f"be truncated or corrupt") from None
    try:
        magic = _text(contents.get("octakd_format", ""))
    except ValueError:
        magic = ""
    if magic != FORMAT_MAGIC:
        found = sorted(k for k in contents if not k.startswith("__"))
        shown = ", ".join(found[:8]) + (", ..." if len(found) > 8 else "") or "none"
        raise OctakdFileError(f"{where}: '{path}' is a .mat file but not an octakd model (no "
                              f"octakd_format = '{FORMAT_MAGIC}' marker; its variables: {shown}); "
                              f"load models written by save_model(model, path)")
    try:
        version = int(np.asarray(_field(contents, "format_version", path)).ravel()[0])
    except (ValueError, TypeError, IndexError):
        raise OctakdFileError(f"{where}: '{path}' has an unreadable format_version; the file is damaged") from None
    if version > FORMAT_VERSION:
        raise OctakdFileError(f"{where}: '{path}' was written by a newer octakd (format {version}); this "
                              f"octakd reads format {FORMAT_VERSION}; upgrade octakd")
    if version < 1:
        raise OctakdFileError(f"{where}: '{path}' has an invalid format_version {version}")
    try:
        return _rebuild(contents, path)
    except OctakdFileError:
        raise
    except Exception as exc:
        raise OctakdFileError(f"{where}: '{path}' is an octakd model but it is damaged or inconsistent "
                              f"({_reason(exc)}); save the model again") from None


def _rebuild(contents, path):
    from ..layers import LAYER_CLASSES
    from ..network import Network
    names = _cell_texts(_field(contents, "layer_names", path))
    classes = _cell_texts(_field(contents, "layer_classes", path))
    configs = [json.loads(c) for c in _cell_texts(_field(contents, "layer_configs", path))]
    parents = [np.asarray(p, dtype=np.float64).ravel().astype(int).tolist()
               for p in np.asarray(_field(contents, "parents", path), dtype=object).ravel(order="F")]
    if not (len(names) == len(classes) == len(configs) == len(parents)) or not names:
        raise ValueError(f"{len(names)} layer names, {len(classes)} classes, {len(configs)} configs and "
                         f"{len(parents)} parent lists")
    net = Network(_text(_field(contents, "name", path)))
    branches = []
    for i, (cls_name, config, par) in enumerate(zip(classes, configs, parents)):
        if cls_name not in LAYER_CLASSES:
            raise ValueError(f"unknown layer class {cls_name!r}")
        layer = LAYER_CLASSES[cls_name](**config)
        if any(p < 0 or p >= i for p in par):
            raise ValueError(f"layer {i + 1} reads from nodes {par}")
        inputs = None if layer.is_input else (
            [branches[p] for p in par] if len(par) > 1 or layer.multi_input else branches[par[0]])
        branches.append(net.add(layer, inputs))
    for layer, name in zip(net.layers, names):
        layer.name = name
    net.build(np.dtype(_text(_field(contents, "dtype", path))), seed=0)
    saved = _field(contents, "params", path)
    saved = saved[0, 0] if isinstance(saved, np.ndarray) and saved.size == 1 else saved
    for layer in net.layers:
        if not layer.params:
            continue
        group = getattr(saved, layer.name, None)
        if group is None:
            raise ValueError(f"no weights for {layer.name}")
        group = group[0, 0] if isinstance(group, np.ndarray) else group
        for key, target in layer.params.items():
            value = getattr(group, key, None)
            if value is None:
                raise ValueError(f"no {key} for {layer.name}")
            value = np.asarray(value)
            if value.size != target.size:
                raise ValueError(f"{layer.name}.{key} has {value.size} values, the layer needs "
                                 f"{target.shape}")
            target[...] = value.reshape(target.shape)   # in place: Softmax shares its Dense's dict
    _restore_buffers(net, contents.get("buffers"))
    net.history = json.loads(_text(contents.get("history_json", "[]")) or "[]")
    net.settings = json.loads(_text(contents.get("settings_json", "{}")) or "{}")
    order = _cell_texts(contents.get("input_order", np.empty((0, 1), dtype=object)))
    net.input_order = order or None
    return net


def _restore_buffers(net, saved):
    """Copy saved buffers (BatchNorm's running statistics, ...) into the rebuilt layers. Files
    written before buffers existed have none; the layers then keep their initial state."""
    if saved is None:
        return
    saved = saved[0, 0] if isinstance(saved, np.ndarray) and saved.size == 1 else saved
    for layer in net.layers:
        if not getattr(layer, "buffers", None):
            continue
        group = getattr(saved, layer.name, None)
        if group is None:
            raise ValueError(f"no buffers for {layer.name}")
        group = group[0, 0] if isinstance(group, np.ndarray) else group
        for key, target in layer.buffers.items():
            value = getattr(group, key, None)
            if value is None or np.asarray(value).size != target.size:
                raise ValueError(f"{layer.name} buffer {key} is missing or has the wrong size")
            target[...] = np.asarray(value).reshape(target.shape)
