"""save_model / load_model: .mat layout, exact round trip, atomic writes and clear errors."""
import os
import shutil
import subprocess
import tempfile

import numpy as np
import pytest
import scipy.io

from octakd import io as oio
from octakd.errors import OctakdFileError, OctakdTypeError, OctakdValueError
from octakd.io import FORMAT_VERSION, load_model, save_model
from octakd.layers import (AudioInput, Concatenate, Conv2D, Dense, Dropout, ImageInput, MaxPool2D,
                           ReLU, Softmax, TextInput)
from octakd.network import Network


def make_net(dtype=np.float32, seed=0, audio=True):
    net = Network("student")
    img = net.add(ImageInput(1, 3, 8, 8))
    img = net.add(Conv2D(4, 3, 3), img)
    img = net.add(ReLU(), img)
    img = net.add(MaxPool2D(2, 2), img)
    txt = net.add(TextInput(1, 20))
    txt = net.add(Dense(6, "relu"), txt)
    txt = net.add(Dropout(0.5), txt)
    branches = [img, txt]
    if audio:
        aud = net.add(AudioInput(1, 1, 16))
        aud = net.add(Conv2D(2, 1, 3, padding="valid", stride=(1, 2)), aud)
        aud = net.add(MaxPool2D(2, 2), aud)
        branches.append(aud)
    merged = net.add(Concatenate(), branches)
    merged = net.add(Dense(5, "tanh"), merged)
    net.add(Softmax(3), merged)
    net.build(dtype, seed=seed)
    # non-zero biases, so that a bias lost on the way would show
    for layer in net.layers:
        for value in layer.params.values():
            if value.ndim == 1:
                value[...] = np.linspace(-0.5, 0.5, value.size)
    net.history = [{"epoch": 1, "iteration": 1, "loss": np.float32(1.25), "accuracy": 0.5},
                   {"epoch": 1, "iteration": 2, "loss": 0.75, "accuracy": 1.0}]
    net.settings = {"epochs": 1, "learning_rate": 0.001, "distilled": True, "temperature": 4.0,
                    "alpha": 0.9, "teacher": "teacher", "optimizer": "adam"}
    net.input_order = ["image", "text", "audio"] if audio else None
    return net


def make_inputs(n=3, dtype=np.float32, audio=True):
    rng = np.random.default_rng(42)
    x = [rng.standard_normal((n, 3, 8, 8)).astype(dtype), rng.standard_normal((n, 20)).astype(dtype)]
    if audio:
        x.append(rng.standard_normal((n, 1, 1, 16)).astype(dtype))
    return x


@pytest.fixture
def net():
    return make_net()


# -- round trip ---------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_round_trip_predictions_are_identical(tmp_path, dtype):
    net = make_net(dtype)
    x = make_inputs(dtype=dtype)
    path = tmp_path / "student.mat"
    save_model(net, path)
    twin = load_model(path)
    assert twin.dtype == np.dtype(dtype)
    assert np.array_equal(net.predict_proba(x), twin.predict_proba(x))
    assert np.array_equal(net.forward(x), twin.forward(x))
    for a, b in zip(net.layers, twin.layers):
        assert type(a) is type(b) and a.name == b.name and a.config() == b.config()
        assert sorted(a.params) == sorted(b.params)
        for k in a.params:
            assert b.params[k].dtype == a.params[k].dtype and np.array_equal(a.params[k], b.params[k])


def test_round_trip_restores_structure_history_settings_and_order(tmp_path, net):
    save_model(net, tmp_path / "m.mat")
    twin = load_model(tmp_path / "m.mat")
    assert twin.name == "student"
    assert twin.parents == net.parents
    assert twin.history == [{k: float(v) if k == "loss" else v for k, v in row.items()} for row in net.history]
    assert isinstance(twin.history[0]["epoch"], int)
    assert twin.settings == net.settings and twin.settings["distilled"] is True
    assert twin.input_order == ["image", "text", "audio"]
    assert twin.built and twin.num_params == net.num_params


def test_softmax_keeps_sharing_params_with_its_dense(tmp_path, net):
    save_model(net, tmp_path / "m.mat")
    twin = load_model(tmp_path / "m.mat")
    sm = twin.layers[-1]
    assert sm.dense.params is sm.params
    assert np.array_equal(sm.params["W"], net.layers[-1].params["W"])


def test_loaded_model_trains_like_the_original(tmp_path, net):
    save_model(net, tmp_path / "m.mat")
    twin = load_model(tmp_path / "m.mat")
    x = make_inputs()
    dlogits = np.ones((3, 3), np.float32)
    for model in (net, twin):
        model.forward(x, training=False)
        model.backward(dlogits)
    assert np.array_equal(net.get_flat_grads(), twin.get_flat_grads())
    twin.set_flat_params(twin.get_flat_params() * 0.5)      # the arrays are writable
    assert not np.array_equal(net.predict_proba(x), twin.predict_proba(x))


def test_empty_history_and_no_input_order(tmp_path):
    net = make_net(audio=False)
    net.history, net.settings = [], {}
    save_model(net, tmp_path / "m.mat")
    twin = load_model(tmp_path / "m.mat")
    assert twin.history == [] and twin.settings == {} and twin.input_order is None
    x = make_inputs(audio=False)
    assert np.array_equal(net.predict_proba(x), twin.predict_proba(x))


def test_path_without_extension_gets_mat(tmp_path, net):
    save_model(net, tmp_path / "student")
    assert (tmp_path / "student.mat").exists() and not (tmp_path / "student").exists()
    assert load_model(tmp_path / "student").name == "student"        # as Octave's load finds it
    assert load_model(str(tmp_path / "student.mat")).name == "student"


def test_overwrite_replaces_the_file(tmp_path, net):
    path = tmp_path / "m.mat"
    save_model(net, path)
    net.layers[1].params["W"][...] = 0
    save_model(net, path)
    assert np.all(load_model(path).layers[1].params["W"] == 0)
    assert [p.name for p in tmp_path.iterdir()] == ["m.mat"]


# -- the .mat layout (what Octave users see) ----------------------------------------------
def test_mat_layout(tmp_path, net):
    save_model(net, tmp_path / "m.mat")
    m = scipy.io.loadmat(tmp_path / "m.mat", squeeze_me=True, struct_as_record=False)
    assert m["octakd_format"] == "octakd-model"
    assert int(m["format_version"]) == FORMAT_VERSION == 1
    assert scipy.io.loadmat(tmp_path / "m.mat")["format_version"].dtype == np.int32
    assert m["name"] == "student" and m["dtype"] == "float32"
    names = [layer.name for layer in net.layers]
    assert list(m["layer_names"]) == names
    assert list(m["layer_classes"])[:4] == ["ImageInput", "Conv2D", "ReLU", "MaxPool2D"]
    import json
    assert json.loads(m["layer_configs"][1]) == net.layers[1].config()
    conv = m["params"].conv2d_layer_1
    assert conv.W.dtype == np.float32 and conv.W.shape == (4, 3, 3, 3)   # (F, C, kh, kw)
    assert np.array_equal(conv.W, net.layers[1].params["W"])
    assert conv.b.shape == (4,)
    assert m["params"].softmax_layer_1.W.shape == (5, 3)
    assert not hasattr(m["params"], "relu_layer_1")                      # no params, no field
    assert m["config"].conv2d_layer_1.filters == 4 and m["config"].conv2d_layer_1.padding == "same"
    assert m["config"].dense_layer_1.activation == "relu"
    assert list(m["history_columns"]) == ["epoch", "iteration", "loss", "accuracy"]
    np.testing.assert_allclose(m["history"], [[1, 1, 1.25, 0.5], [1, 2, 0.75, 1.0]])
    assert m["settings"].temperature == 4.0 and m["settings"].teacher == "teacher"
    assert list(m["input_order"]) == ["image", "text", "audio"]
    concat = names.index("concatenate_layer_1")
    np.testing.assert_array_equal(m["parents"][concat], net.parents[concat])


def test_mat_raw_cells_are_column_cells(tmp_path, net):
    save_model(net, tmp_path / "m.mat")
    raw = scipy.io.loadmat(tmp_path / "m.mat")
    assert raw["layer_names"].dtype == object and raw["layer_names"].shape == (len(net.layers), 1)
    assert raw["__header__"].startswith(b"MATLAB 5.0 MAT-file")


def test_history_with_missing_keys_is_nan_in_the_matrix(tmp_path, net):
    net.history = [{"epoch": 1, "loss": 2.0}, {"epoch": 2, "loss": 1.0, "val_loss": 1.5}]
    save_model(net, tmp_path / "m.mat")
    m = scipy.io.loadmat(tmp_path / "m.mat", squeeze_me=True)
    assert np.isnan(m["history"][0, 2]) and m["history"][1, 2] == 1.5
    assert load_model(tmp_path / "m.mat").history == net.history


# -- atomic writes and write errors -------------------------------------------------------
def test_failed_write_leaves_previous_file_intact(tmp_path, net, monkeypatch):
    path = tmp_path / "student.mat"
    save_model(net, path)
    before = path.read_bytes()
    real = scipy.io.savemat

    def half_then_fail(f, variables, **kwargs):
        buffer = tempfile.TemporaryFile()
        real(buffer, variables, **kwargs)
        buffer.seek(0)
        data = buffer.read()
        f.write(data[: len(data) // 2])
        raise OSError("No space left on device")

    monkeypatch.setattr(scipy.io, "savemat", half_then_fail)
    net.layers[1].params["W"][...] = 7
    with pytest.raises(OctakdFileError) as info:
        save_model(net, path)
    assert "student.mat" in str(info.value) and "unchanged" in str(info.value)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["student.mat"]       # temp file removed
    monkeypatch.undo()
    assert not np.all(load_model(path).layers[1].params["W"] == 7)


def test_interrupt_during_write_also_cleans_up(tmp_path, net, monkeypatch):
    def interrupted(f, variables, **kwargs):
        f.write(b"MATLAB 5.0")
        raise KeyboardInterrupt
    monkeypatch.setattr(scipy.io, "savemat", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_model(net, tmp_path / "m.mat")
    assert list(tmp_path.iterdir()) == []


def test_write_uses_fsync_and_rename(tmp_path, net, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda a, b: (calls.append(("replace", os.path.dirname(a) == os.path.dirname(b))), real_replace(a, b))[1])
    save_model(net, tmp_path / "m.mat")
    assert calls[0] == "fsync" and calls[1] == ("replace", True)


def test_saved_file_gets_normal_permissions(tmp_path, net):
    path = tmp_path / "m.mat"
    save_model(net, path)
    umask = os.umask(0)
    os.umask(umask)
    assert os.stat(path).st_mode & 0o777 == 0o666 & ~umask
    os.chmod(path, 0o640)
    save_model(net, path)                                   # an overwrite keeps the old mode
    assert os.stat(path).st_mode & 0o777 == 0o640


def test_save_into_missing_folder(tmp_path, net):
    target = tmp_path / "no" / "such" / "m.mat"
    with pytest.raises(OctakdFileError) as info:
        save_model(net, target)
    assert str(target) in str(info.value) and "does not exist" in str(info.value)
    assert "os.makedirs" in str(info.value)


def test_save_into_read_only_folder(tmp_path, net, monkeypatch):
    # tests run as root, where chmod does not stop writes; simulate the permission check
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode == os.W_OK else real_access(p, mode, **kw))
    with pytest.raises(OctakdFileError, match="not writable") as info:
        save_model(net, tmp_path / "m.mat")
    assert "m.mat" in str(info.value)


def test_save_when_the_temporary_file_cannot_be_created(tmp_path, net, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(OctakdFileError, match="Permission denied") as info:
        save_model(net, tmp_path / "m.mat")
    assert "m.mat" in str(info.value)


def test_save_rejects_non_models(tmp_path):
    with pytest.raises(OctakdTypeError, match="save_model"):
        save_model({"W": np.zeros(3)}, tmp_path / "m.mat")
    net = Network("empty")
    net.add(TextInput(1, 4))
    with pytest.raises(OctakdValueError, match="no weights"):
        save_model(net, tmp_path / "m.mat")
    with pytest.raises(OctakdTypeError, match="file name"):
        save_model(make_net(), 42)


def test_save_rejects_unsavable_settings(tmp_path, net):
    net.settings = {"callback": print}
    with pytest.raises(OctakdValueError, match="numbers and strings"):
        save_model(net, tmp_path / "m.mat")
    assert list(tmp_path.iterdir()) == []


# -- load errors ----------------------------------------------------------------------------
def test_load_missing_file(tmp_path):
    missing = str(tmp_path / "student.mat")
    with pytest.raises(OctakdFileError) as info:
        load_model(missing)
    assert str(info.value) == f"load_model: unable to find file '{missing}'"
    assert isinstance(info.value, FileNotFoundError.__mro__[1])       # an OSError


def test_load_a_mat_that_is_not_a_model(tmp_path):
    path = tmp_path / "data.mat"
    scipy.io.savemat(path, {"X": np.zeros((2, 2)), "labels": np.arange(3)})
    with pytest.raises(OctakdFileError) as info:
        load_model(path)
    message = str(info.value)
    assert "not an octakd model" in message and "data.mat" in message
    assert "X, labels" in message and "save_model" in message


@pytest.mark.parametrize("cut", [0.5, 0.9, 100])
def test_load_truncated_mat(tmp_path, net, cut):
    path = tmp_path / "m.mat"
    save_model(net, path)
    data = path.read_bytes()
    size = int(len(data) * cut) if cut < 1 else cut
    path.write_bytes(data[:size])
    with pytest.raises(OctakdFileError) as info:
        load_model(path)
    assert "m.mat" in str(info.value)
    assert info.value.__suppress_context__


def test_load_garbage_and_empty_files(tmp_path):
    for name, data in (("text.mat", b"This is a text data" * 10), ("empty.mat", b"")):
        (tmp_path / name).write_bytes(data)
        with pytest.raises(OctakdFileError, match=name):
            load_model(tmp_path / name)


def _rewrite(path, **changes):
    contents = scipy.io.loadmat(path)
    # "config" (empty structs for layers without arguments) does not survive scipy's own
    # load-and-save; load_model does not need it
    contents = {k: v for k, v in contents.items() if not k.startswith("__") and k != "config"}
    contents.update(changes)
    for key in [k for k, v in changes.items() if v is None]:
        del contents[key]
    scipy.io.savemat(path, contents, do_compression=True, oned_as="column")


def test_load_newer_format_version(tmp_path, net):
    path = tmp_path / "m.mat"
    save_model(net, path)
    _rewrite(path, format_version=np.int32(2))
    with pytest.raises(OctakdFileError) as info:
        load_model(path)
    assert ("was written by a newer octakd (format 2); this octakd reads format 1; upgrade octakd"
            in str(info.value))


def test_load_damaged_model_files(tmp_path, net):
    path = tmp_path / "m.mat"
    save_model(net, path)
    original = path.read_bytes()
    damages = [
        {"layer_names": None},
        {"params": {"conv2d_layer_1": {"W": np.zeros((2, 2), np.float32)}}},
        {"layer_classes": oio.models._cell(["Nonsense"] * len(net.layers))},
        {"format_version": "one"},
    ]
    for change in damages:
        path.write_bytes(original)
        _rewrite(path, **change)
        with pytest.raises(OctakdFileError) as info:
            load_model(path)
        assert "m.mat" in str(info.value)


def test_load_rejects_folders_and_bad_paths(tmp_path):
    with pytest.raises(OctakdFileError, match="folder"):
        load_model(tmp_path)
    with pytest.raises(OctakdTypeError):
        load_model(None)


# -- GNU Octave reads the file (only when Octave is installed) ------------------------------
OCTAVE = shutil.which("octave-cli") or shutil.which("octave")


@pytest.mark.skipif(OCTAVE is None, reason="GNU Octave is not installed")
def test_octave_load_reads_the_model(tmp_path, net):
    save_model(net, tmp_path / "student.mat")
    script = (
        "m = load('student.mat');"
        "printf('format=%s version=%d name=%s\\n', m.octakd_format, m.format_version, m.name);"
        "printf('layers=%d class=%s\\n', numel(m.layer_names), class(m.layer_names));"
        "printf('first=%s last=%s\\n', m.layer_names{1}, m.layer_classes{end});"
        "printf('W=%s %s\\n', mat2str(size(m.params.conv2d_layer_1.W)), class(m.params.conv2d_layer_1.W));"
        "printf('W1=%.9g\\n', m.params.conv2d_layer_1.W(1,2,3,1));"
        "printf('hist=%s cols=%s\\n', mat2str(size(m.history)), strjoin(m.history_columns', ','));"
        "printf('T=%g order=%s\\n', m.settings.temperature, strjoin(m.input_order', ','));"
        "printf('filters=%d\\n', m.config.conv2d_layer_1.filters);"
    )
    result = subprocess.run([OCTAVE, "--no-gui", "--quiet", "--eval", script], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    out = result.stdout
    assert "format=octakd-model version=1 name=student" in out, result.stderr
    assert f"layers={len(net.layers)} class=cell" in out
    assert "first=image_input_layer_1 last=Softmax" in out
    assert "W=[4 3 3 3] single" in out
    w = float(out.split("W1=")[1].split()[0])
    assert w == pytest.approx(float(net.layers[1].params["W"][0, 1, 2, 0]), rel=1e-7)
    assert "hist=[2 4] cols=epoch,iteration,loss,accuracy" in out
    assert "T=4 order=image,text,audio" in out
    assert "filters=4" in out
