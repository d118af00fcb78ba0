"""save_model / load_model: models as MAT v5 files that GNU Octave's ``load`` reads.

The layout (one variable per piece: layer names and classes as cell arrays, weights as
matrices in a struct, a format version) is described in docs/io.md.
"""
import json
import numbers
import os

import numpy as np
import scipy.io

from .. import memory
from ..errors import MemoryBudgetError, OctakdError, OctakdFileError, OctakdTypeError, OctakdValueError, describe
from . import matfile
from .files import _atomic_write, _path_arg, _reason, open_regular, shown
from .matfile import MatError

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
    ``params`` (struct: params.<layer name>.W / .b, single or double), ``history`` (matrix) with
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


# Variables load_model reads (the others are for Octave's eyes only), and the largest size a
# text or index variable may have in the file: a model's history grows ~100 bytes per logged
# iteration, so this allows some 600,000 rows (thin it before saving: model.history[::10]).
_META_VARIABLES = ("octakd_format", "format_version", "name", "dtype", "layer_names",
                   "layer_classes", "layer_configs", "parents", "history_json", "settings_json",
                   "input_order")
MAX_META_BYTES = 64 * 1024 * 1024
MAX_LAYERS = 100_000
# Bytes a params struct may hold beyond its arrays' data: per array, the tags, flags, dims and
# field names (~200 bytes), and per layer the struct headers and field name table.
_STRUCT_OVERHEAD = 4096


def load_model(path):
    """Load a model saved by :func:`save_model`; its predictions equal the saved model's.

    The file is untrusted input (docs/security-files.md), so nothing is built or inflated
    before it is checked: the variables are listed with their sizes first (without inflating
    them), the octakd marker and format version are read, the network is assembled from the
    saved layer classes and settings, the weights those settings imply are checked against the
    available memory (octakd/memory.py), and only then are the weights read, inflated no
    further than their declared size, each checked for its exact shape and dtype. Variables
    load_model does not use are never inflated.

    The network is rebuilt layer by layer (``LAYER_CLASSES[class](**config)`` and
    ``Network.add`` with the saved parents), in the saved dtype, and the saved weights are
    copied in. History, settings and input order are restored. ``path`` without an extension
    also finds ``path + '.mat'`` (as Octave's load does).
    """
    where = "load_model"
    path = _path_arg(path, where)
    if not os.path.exists(path) and not os.path.splitext(path)[1] and os.path.exists(path + ".mat"):
        path = path + ".mat"
    with open_regular(path, where) as f:
        try:
            return _load(f, path)
        except (OctakdFileError, MemoryBudgetError):
            raise
        except OctakdError as exc:             # a layer refused its saved settings
            raise OctakdFileError(f"{where}: '{shown(path)}' is an octakd model but its layer "
                                  f"settings are invalid ({_reason(exc)}); save the model again") from None
        except MemoryError:
            raise OctakdFileError(f"{where}: '{shown(path)}' does not fit in memory") from None
        except MatError as exc:
            raise OctakdFileError(f"{where}: could not read '{shown(path)}' as a .mat file of an octakd model "
                                  f"({_reason(exc)})") from None
        except RecursionError:
            raise OctakdFileError(f"{where}: '{shown(path)}' is nested too deeply to be an octakd "
                                  f"model") from None
        except Exception as exc:
            raise OctakdFileError(f"{where}: '{shown(path)}' is an octakd model but it is damaged or "
                                  f"inconsistent ({_reason(exc)}); save the model again") from None


def _load(f, path):
    where = "load_model"
    header, endian, variables = matfile.directory(f, os.fstat(f.fileno()).st_size)
    if "octakd_format" not in variables:
        found = sorted(variables)
        shown_names = ", ".join(found[:8]) + (", ..." if len(found) > 8 else "") or "none"
        raise OctakdFileError(f"{where}: '{shown(path)}' is a .mat file but not an octakd model (no "
                              f"octakd_format = '{FORMAT_MAGIC}' marker; its variables: "
                              f"{shown_names}); load models written by save_model(model, path)")
    meta = matfile.read_variables(f, header, endian, variables, _META_VARIABLES,
                                  lambda name: MAX_META_BYTES)
    try:
        magic = _text(meta.get("octakd_format", ""))
    except ValueError:
        magic = ""
    if magic != FORMAT_MAGIC:
        raise OctakdFileError(f"{where}: '{shown(path)}' has a variable octakd_format but it is not "
                              f"'{FORMAT_MAGIC}'; load models written by save_model(model, path)")
    _check_version(_field(meta, "format_version", path), path)
    net, dtype = _assemble(meta, path)
    planned = memory.safe_plan(net)
    params = planned[0] if planned is not None else [None] * len(net.layers)
    total, _ = memory.weights_bytes(params, dtype)
    memory.check_loading(total, where, path)
    if any(p is None for p in params):
        # A layer whose weight shapes are not known in advance (a user layer without a
        # param_shapes(input_shape) method): build first, its shapes are then the reference.
        # The memory check above covered the other layers only.
        net.build(dtype, seed=0, init=_NoDraw())
        params = [{k: a.shape for k, a in layer.params.items()} for layer in net.layers]
        total, _ = memory.weights_bytes(params, dtype)
    expected = {(layer.name, k): shape for layer, shapes in zip(net.layers, params)
                for k, shape in shapes.items()}
    allowed = total + _STRUCT_OVERHEAD * (1 + len(expected))
    saved = matfile.read_variables(f, header, endian, variables, ["params"], lambda name: allowed)
    weights = _weights(_field(saved, "params", path), expected, dtype)
    if not net.built:
        net.build(dtype, seed=0, init=_NoDraw())
    built = {(layer.name, k) for layer in net.layers for k in layer.params}
    if built != set(expected):
        raise ValueError(f"the built layers have the weights {sorted(built)}, not {sorted(expected)}")
    for layer in net.layers:
        for key, target in layer.params.items():
            target[...] = weights[layer.name, key]   # in place: Softmax shares its Dense's dict
    net.history = json.loads(_text(meta.get("history_json", "[]")) or "[]")
    net.settings = json.loads(_text(meta.get("settings_json", "{}")) or "{}")
    if not isinstance(net.history, list) or not isinstance(net.settings, dict):
        raise ValueError("history_json must hold a list and settings_json an object")
    order = _cell_texts(meta.get("input_order", np.empty((0, 1), dtype=object)))
    net.input_order = order or None
    return net


def _check_version(value, path):
    """format_version: a whole number from 1 to FORMAT_VERSION (inf, NaN, -1, 1e300 refused)."""
    where = "load_model"
    arr = np.asarray(value)
    number = None
    if arr.size == 1 and arr.dtype.kind in "iuf":
        x = float(arr.ravel()[0])
        if np.isfinite(x) and x == int(x):
            number = int(x)
    if number is None:
        raise OctakdFileError(f"{where}: '{shown(path)}' has an unreadable format_version "
                              f"({describe(value)}); the file is damaged")
    if number > FORMAT_VERSION:
        raise OctakdFileError(f"{where}: '{shown(path)}' was written by a newer octakd (format "
                              f"{number}); this octakd reads format {FORMAT_VERSION}; upgrade octakd")
    if number < 1:
        raise OctakdFileError(f"{where}: '{shown(path)}' has an invalid format_version {number}")


def _assemble(contents, path):
    """The saved network, layers added but not built, and its dtype."""
    from ..layers import LAYER_CLASSES
    from ..network import Network
    names = _cell_texts(_field(contents, "layer_names", path))
    if len(names) > MAX_LAYERS:
        raise ValueError(f"{len(names):,} layers, more than the {MAX_LAYERS:,} a model may have")
    classes = _cell_texts(_field(contents, "layer_classes", path))
    configs = [json.loads(c) for c in _cell_texts(_field(contents, "layer_configs", path))]
    parents = []
    for p in np.asarray(_field(contents, "parents", path), dtype=object).ravel(order="F"):
        p = np.asarray(p)
        if p.dtype.kind not in "iuf" or p.size > len(names) or not np.all(np.isfinite(p)) \
                or np.any(p != np.round(p)):
            raise ValueError("the parent lists must hold whole layer numbers")
        parents.append(p.astype(np.float64).ravel().astype(np.int64).tolist())
    if not (len(names) == len(classes) == len(configs) == len(parents)) or not names:
        raise ValueError(f"{len(names)} layer names, {len(classes)} classes, {len(configs)} configs and "
                         f"{len(parents)} parent lists")
    if len(set(names)) != len(names):
        raise ValueError("two layers have the same name")
    dtype = np.dtype(_text(_field(contents, "dtype", path)))
    if dtype not in (np.float32, np.float64):
        raise ValueError(f"dtype must be float32 or float64, got {dtype}")
    net = Network(_text(_field(contents, "name", path)))
    branches = []
    for i, (cls_name, config, par) in enumerate(zip(classes, configs, parents)):
        if cls_name not in LAYER_CLASSES:
            raise ValueError(f"unknown layer class {cls_name!r}")
        if not isinstance(config, dict):
            raise ValueError(f"the settings of layer {i + 1} are not a JSON object")
        layer = LAYER_CLASSES[cls_name](**config)
        if any(p < 0 or p >= i for p in par) or (not layer.is_input and not par):
            raise ValueError(f"layer {i + 1} reads from nodes {par}")
        inputs = None if layer.is_input else (
            [branches[p] for p in par] if len(par) > 1 or cls_name == "Concatenate" else branches[par[0]])
        branches.append(net.add(layer, inputs))
    for layer, name in zip(net.layers, names):
        layer.name = name
    net.check("load_model")
    return net, dtype


def _weights(saved, expected, dtype):
    """{(layer name, key): array} from the loaded params struct, each of the exact shape and
    dtype the network needs (a transposed or reshaped matrix, or another dtype, is refused)."""
    saved = saved[0, 0] if isinstance(saved, np.ndarray) and saved.size == 1 else saved
    out = {}
    for (layer, key), shape in expected.items():
        group = getattr(saved, layer, None)
        if group is None:
            raise ValueError(f"no weights for {layer}")
        group = group[0, 0] if isinstance(group, np.ndarray) and group.dtype == object and group.size == 1 else group
        value = getattr(group, key, None)
        if not isinstance(value, np.ndarray):
            raise ValueError(f"no {key} for {layer}")
        if len(shape) == 1 and value.shape in ((shape[0], 1), (1, shape[0])):
            value = value.reshape(shape)            # MAT has no 1-D arrays: a bias is a column
        if value.shape != tuple(shape) or value.dtype != dtype:
            raise ValueError(f"{layer}.{key} is stored with shape {value.shape} and dtype "
                             f"{value.dtype}; the layer needs shape {tuple(shape)} and dtype {dtype}")
        if not np.all(np.isfinite(value)):
            raise ValueError(f"{layer}.{key} holds NaN or Inf")
        out[layer, key] = value
    return out


class _NoDraw:
    """A stand-in for the random generator given to the layers while load_model builds them:
    the weights are overwritten at once, so drawing them would be wasted work."""

    def standard_normal(self, size=None, dtype=np.float64):
        return np.zeros(size, dtype=dtype)

    def __getattr__(self, name):                    # other draws (user layers): a real generator
        return getattr(np.random.default_rng(0), name)
