"""Training checkpoints: everything train_model needs to continue a run exactly.

A checkpoint is a NumPy ``.npz`` file written atomically (temporary file, fsync, rename; see
io/files.py) holding:

- every parameter array, as ``param/<layer>/<key>``;
- the optimiser state (Adam's moments ``opt/m/<k>`` and ``opt/v/<k>``, or SGD's velocities
  ``opt/velocity/<k>``, k the parameter's position), same shape and dtype as parameter k;
- ``meta``, a JSON text with the format version, the epoch reached, Adam's step count ``t``,
  the history so far, and the states of the shuffling and dropout random generators.

Resuming from it with the same network, data and seed gives bit-identical weights to a run that
was never interrupted (tested in tests/test_checkpoint.py).

A checkpoint file is untrusted input (docs/security-files.md). ``load_checkpoint`` reads the
zip directory, then each member's .npy header, and checks every name, shape, dtype and
metadata value against what this network and optimiser expect before it reads any data, and
before it changes anything. Each array is read into an array of the expected size, so a member
can never cost more memory than the weights it stands for. Every failure is an
OctakdFileError that names the file and what was wrong.
"""
import json
import numbers
import os
import zipfile

import numpy as np

from .errors import OctakdError, OctakdFileError
from .io.files import _atomic_write, _reason, open_regular, shown
from .validate import MAX_SIZE

CHECKPOINT_VERSION = 1
MAX_META_CHARS = 64 * 1024 * 1024      # the JSON text (history grows ~110 characters/iteration)
_NPY_HEADER_MAX = 65536                # an .npy header is ~128 bytes; numpy reads at most 10000
_MEMBER = "{}.npy"


def _dropout_layers(model):
    return [layer for layer in model.layers if hasattr(layer, "rng")]


def save_checkpoint(path, model, optimizer, shuffle_rng, epoch):
    """Write the state after ``epoch`` completed epochs to ``path`` (atomically)."""
    arrays = {f"param/{layer.name}/{k}": layer.params[k] for layer, k in model.parameters()}
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


# -- reading ------------------------------------------------------------------------------------
class _Bad(Exception):
    """A reason the checkpoint is refused (turned into OctakdFileError by load_checkpoint)."""


def _expected_arrays(model, optimizer):
    """{member name: (shape, dtype)} of the arrays, and {state name: [member names]} for the
    optimiser states, which are all present or all absent (a state is made on the first step)."""
    params = [(f"param/{layer.name}/{k}", layer.params[k]) for layer, k in model.parameters()]
    expected = {name: (a.shape, a.dtype) for name, a in params}
    groups = {}
    for state, value in optimizer.state_dict().items():
        if isinstance(value, dict):
            names = [f"opt/{state}/{k}" for k in range(len(params))]
            for name, (_, a) in zip(names, params):
                expected[name] = (a.shape, a.dtype)
            groups[state] = names
    return expected, groups


def _check_directory(zf, expected, groups):
    """Member names: no unknown, duplicate or missing member (before any member is read)."""
    names = zf.namelist()
    if len(names) != len(set(names)):
        raise _Bad("it holds the same member twice")
    arrays = {n[:-4] for n in names if n.endswith(".npy")}
    unknown = sorted(n for n in names if not n.endswith(".npy") or
                     (n[:-4] not in expected and n[:-4] != "meta"))
    if unknown:
        raise _Bad(f"unexpected member {unknown[0]!r} (for this network the members are param/..., "
                   f"opt/... and meta)")
    if "meta" not in arrays:
        raise _Bad("its member 'meta' is missing")
    params = [n for n in expected if n.startswith("param/")]
    missing = [n for n in params if n not in arrays]
    if missing:
        raise _Bad(f"it does not match this network: {missing[0]} is missing (was it saved from "
                   f"another network?)")
    for state, members in groups.items():
        present = [n for n in members if n in arrays]
        if present and len(present) != len(members):
            gone = next(n for n in members if n not in arrays)
            raise _Bad(f"its optimiser state is incomplete: {gone} is missing")


def _zip_directory_limits(f, expected_count):
    """Refuse a zip whose central directory is far larger than the members expected, before
    zipfile parses it into objects (a small file may list millions of members)."""
    try:
        end = zipfile._EndRecData(f)
    except (AttributeError, OSError):
        return
    if end is None:
        raise _Bad("it is not a zip archive (a .npz file)")
    entries, size = end[zipfile._ECD_ENTRIES_TOTAL], end[zipfile._ECD_SIZE]
    if entries > expected_count + 16 or size > 4096 + 1024 * (expected_count + 16):
        raise _Bad(f"its zip directory lists {entries} members in {size} bytes; at most "
                   f"{expected_count} were expected")


def _read_member(zf, name, shape, dtype):
    """Read member ``name`` + '.npy' into a new array, after checking its header: the exact
    shape and dtype when given (``dtype=None`` means a JSON text, kind 'U', 0-d)."""
    info = zf.getinfo(_MEMBER.format(name))
    limit = (MAX_META_CHARS * 4 if dtype is None else int(np.prod(shape)) * dtype.itemsize) + _NPY_HEADER_MAX
    if info.file_size > limit:
        raise _Bad(f"member {name} declares {info.file_size:,} bytes, more than the {limit:,} expected")
    with zf.open(info) as member:
        version = np.lib.format.read_magic(member)
        if version == (1, 0):
            got_shape, fortran, got_dtype = np.lib.format.read_array_header_1_0(member)
        elif version == (2, 0):
            got_shape, fortran, got_dtype = np.lib.format.read_array_header_2_0(member)
        else:
            raise _Bad(f"member {name} has an unknown .npy version {version}")
        if dtype is None:
            if got_shape != () or got_dtype.kind != "U" or got_dtype.itemsize > 4 * MAX_META_CHARS:
                raise _Bad(f"member meta should be a text of at most {MAX_META_CHARS:,} characters, "
                           f"got shape {got_shape} and dtype {got_dtype}")
            shape, dtype = (), got_dtype
        elif got_shape != tuple(shape) or got_dtype != dtype:
            raise _Bad(f"{name} has shape {got_shape} and dtype {got_dtype}; this network needs "
                       f"shape {tuple(shape)} and dtype {dtype}")
        out = np.empty(tuple(shape)[::-1] if fortran else tuple(shape), dtype=dtype)
        buffer = memoryview(out.reshape(-1).view(np.uint8))
        filled = 0
        while filled < out.nbytes:
            n = member.readinto(buffer[filled:])
            if not n:
                raise _Bad(f"member {name} is truncated ({filled} of {out.nbytes} bytes)")
            filled += n
    return out.T if fortran else out


def _whole(meta, key, low, high):
    value = meta.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _Bad(f"its {key} must be a whole number from {low} to {high}, got {value!r}")
    return value


def _rng_state(state, what):
    """A generator state that numpy accepts, checked on a scratch generator."""
    try:
        np.random.default_rng().bit_generator.state = state
    except Exception as exc:
        raise _Bad(f"its {what} is not a valid random generator state ({_reason(exc)})") from None
    return state


def _check_meta(text, model, optimizer):
    """The parsed, validated metadata (a dict)."""
    try:
        meta = json.loads(str(text))
    except (ValueError, RecursionError) as exc:
        raise _Bad(f"its metadata is not valid JSON ({_reason(exc)})") from None
    if not isinstance(meta, dict):
        raise _Bad("its metadata is not a JSON object")
    version = meta.get("version")
    if version != CHECKPOINT_VERSION or isinstance(version, bool):
        raise _Bad(f"its format version is {version!r}; this octakd reads version "
                   f"{CHECKPOINT_VERSION}" + (" (written by a newer octakd? upgrade octakd)"
                                              if isinstance(version, int) and version > 1 else ""))
    if meta.get("optimizer") != type(optimizer).__name__:
        raise _Bad(f"it was made with the optimiser {meta.get('optimizer')!r}, this run uses "
                   f"{type(optimizer).__name__!r}")
    _whole(meta, "epoch", 0, MAX_SIZE)
    _whole(meta, "t", 0, 2**62)
    history = meta.get("history")
    if not isinstance(history, list) or not all(
            isinstance(row, dict) and all(isinstance(v, (numbers.Real, str)) for v in row.values())
            for row in history):
        raise _Bad("its history must be a list of rows of numbers and strings")
    if history:
        last = history[-1].get("time")
        if isinstance(last, bool) or not isinstance(last, numbers.Real) or not np.isfinite(last):
            raise _Bad(f"the last row of its history has no finite 'time', got {last!r}")
    _rng_state(meta.get("shuffle_rng"), "shuffle_rng")
    dropout = meta.get("dropout_rngs")
    n_dropout = len(_dropout_layers(model))
    if not isinstance(dropout, list) or len(dropout) != n_dropout:
        raise _Bad(f"its dropout_rngs must list {n_dropout} generator state(s), got "
                   f"{type(dropout).__name__}")
    for state in dropout:
        _rng_state(state, "dropout_rngs")
    return meta


def _read_all(f, model, optimizer):
    """Validate and read everything; returns (meta, {name: array}). Changes nothing."""
    expected, groups = _expected_arrays(model, optimizer)
    _zip_directory_limits(f, len(expected) + 1)
    f.seek(0)
    with zipfile.ZipFile(f) as zf:
        _check_directory(zf, expected, groups)
        meta = _check_meta(_read_member(zf, "meta", (), None), model, optimizer)
        present = {n[:-4] for n in zf.namelist()}
        arrays = {name: _read_member(zf, name, shape, dtype)
                  for name, (shape, dtype) in expected.items() if name in present}
    for name, a in arrays.items():
        if not np.all(np.isfinite(a)):
            raise _Bad(f"{name} holds NaN or Inf")
    return meta, arrays


def load_checkpoint(path, model, optimizer, shuffle_rng):
    """Restore a checkpoint into ``model``, ``optimizer`` and ``shuffle_rng`` (in place).
    Returns the number of epochs already done. Everything is validated before anything is
    changed; any problem is an OctakdFileError and leaves the model and optimiser untouched."""
    where = "train_model (resume)"
    try:
        with open_regular(path, where) as f:
            meta, arrays = _read_all(f, model, optimizer)
    except OctakdError:
        raise
    except _Bad as exc:
        raise OctakdFileError(f"{where}: '{shown(path)}' is not a readable octakd checkpoint for this "
                              f"run: {exc}") from None
    except MemoryError:
        raise OctakdFileError(f"{where}: checkpoint '{shown(path)}' does not fit in memory") from None
    except Exception as exc:   # zipfile, zlib and numpy raise many kinds on a damaged file
        raise OctakdFileError(f"{where}: '{shown(path)}' is not a readable octakd checkpoint "
                              f"({type(exc).__name__}: {_reason(exc)})") from None
    for layer, k in model.parameters():
        layer.params[k][...] = arrays[f"param/{layer.name}/{k}"]
    for name, state in optimizer.state_dict().items():
        if isinstance(state, dict):
            state.clear()
            prefix = f"opt/{name}/"
            for key, a in arrays.items():
                if key.startswith(prefix):
                    state[int(key[len(prefix):])] = np.ascontiguousarray(a)
    if hasattr(optimizer, "t"):
        optimizer.t = meta["t"]
    shuffle_rng.bit_generator.state = meta["shuffle_rng"]
    for layer, state in zip(_dropout_layers(model), meta["dropout_rngs"]):
        layer.rng.bit_generator.state = state
    model.history = meta["history"]
    return int(meta["epoch"])


def exists(path):
    return path is not None and os.path.exists(path)
