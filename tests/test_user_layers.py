"""User layers: the checker's verdicts and validations, add_layer / register_layer, loading,
octakd port/run, and `octakd gradcheck FILE.py:Class`."""
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import octakd
from octakd.errors import OctakdTypeError
from octakd.gradcheck import GradcheckError, check_layer, gradcheck_layer, upstream_gradient
from octakd.layers import LAYER_CLASSES, BatchNorm, Conv2D, Dropout, Layer, ReLU
from octakd.testing import assert_layer_gradients


class Tanh(Layer):
    """A student's 8-line layer."""
    seed_name = "student_tanh_layer"

    def forward(self, x, training=True):
        self.y = np.tanh(x)
        return self.y

    def backward(self, dy):
        return dy * (1 - self.y ** 2)


class Scale(Layer):
    """A user layer with a parameter: y = x * a (a per feature)."""
    seed_name = "student_scale_layer"

    def _init_params(self, input_shape, dtype, rng):
        self.params = {"a": rng.standard_normal(input_shape).astype(dtype)}

    def forward(self, x, training=True):
        if not self.built:
            self.build(x.shape[1:], x.dtype)
        self.x = x
        return x * self.params["a"]

    def backward(self, dy):
        self.grads["a"] = (dy * self.x).sum(axis=0)
        return dy * self.params["a"]


# -- the checker's validations name the user's layer ------------------------------------------
class WrongShape(Tanh):
    def backward(self, dy):
        return (dy * (1 - self.y ** 2))[:, :-1]


class MissingGrad(Scale):
    def backward(self, dy):
        return dy * self.params["a"]


class ReturnsNone(Tanh):
    def backward(self, dy):
        dy * (1 - self.y ** 2)


class InPlace(Tanh):
    def backward(self, dy):
        dy *= 1 - self.y ** 2
        return dy


class Accumulates(Scale):
    def backward(self, dy):
        self.grads["a"] = self.grads["a"] + (dy * self.x).sum(axis=0)
        return dy * self.params["a"]


class ChangesCache(Tanh):
    def backward(self, dy):
        self.y = self.y * 0.5
        return dy * (1 - self.y ** 2)


class Float32Grad(Tanh):
    def backward(self, dy):
        return (dy * (1 - self.y ** 2)).astype(np.float32)


class Raises(Scale):
    def backward(self, dy):
        return dy * self.params["gamma"]


@pytest.mark.parametrize("cls,pattern", [
    (WrongShape, r"WrongShape\.backward returned dx of shape \(3, 3\); expected x's shape \(3, 4\)"),
    (MissingGrad, r"MissingGrad\.backward did not set grads\['a'\]"),
    (ReturnsNone, r"ReturnsNone\.backward returned None.*return dx"),
    (InPlace, r"InPlace\.backward modified dy in place"),
    (Accumulates, r"Accumulates\.grads\['a'\] is all NaN after backward: it adds to the previous value"),
    (ChangesCache, r"ChangesCache\.backward gave a different result when called twice"),
    (Float32Grad, r"Float32Grad\.backward returned dx of dtype float32; expected x's dtype float64"),
    (Raises, r"Raises\.backward raised KeyError: 'gamma' at test_user_layers\.py:\d+"),
])
def test_validation_messages_name_the_users_layer(cls, pattern):
    x = np.random.default_rng(1).standard_normal((3, 4))
    with pytest.raises(GradcheckError, match=pattern):
        gradcheck_layer(cls(), x)
    with pytest.raises(AssertionError, match=pattern):
        assert_layer_gradients(cls(), x)


def test_correct_user_layers_pass():
    x = np.random.default_rng(0).standard_normal((3, 4))
    for layer in (Tanh(), Scale()):
        report = assert_layer_gradients(layer, x)
        assert report.passed and "PASS" in report.format()


class ScaleNoBuild(Scale):
    """Relies on the engine to build it (as a Network does): forward never calls build."""
    def forward(self, x, training=True):
        self.x = x
        return x * self.params["a"]


def test_checker_builds_a_layer_whose_forward_does_not():
    layer = ScaleNoBuild()
    report = assert_layer_gradients(layer, np.random.default_rng(0).standard_normal((3, 4)))
    assert layer.params["a"].shape == (4,) and layer.params["a"].dtype == np.float64
    assert [c.name for c in report.checks] == ["dx", "a"]


def test_upstream_gradient_is_independent_of_the_callers_seed():
    x = np.random.default_rng(0).standard_normal((4, 5))
    assert not np.allclose(upstream_gradient(x.shape, 0), x)
    # the false alarm of the old checker: BatchNorm with x = default_rng(0) and R == x
    assert gradcheck_layer(BatchNorm(), x).passed


def test_float32_is_cast_with_a_note():
    x = np.random.default_rng(0).standard_normal((2, 3, 6, 6)).astype(np.float32)
    layer = Conv2D(2, 3, 3)
    layer.forward(x)                                      # built in float32
    report = gradcheck_layer(layer, x)
    assert report.passed, report.format()
    assert any("float32" in note and "float64" in note for note in report.notes)
    assert layer.params["W"].dtype == np.float64


def test_kink_warning_says_what_to_do():
    x = np.round(np.random.default_rng(0).standard_normal((3, 8)), 1)   # exact zeros: kinks
    report = gradcheck_layer(ReLU(), x)
    assert not report.passed
    text = report.format()
    assert "kink of ReLU" in text and "Draw x again" in text
    failing = [c for c in report.checks if not c.passed][0]
    assert failing.worst and len(failing.worst[0]) == 3                   # index, analytic, numeric


def test_dropout_checked_in_training_mode_with_a_fixed_mask():
    x = np.random.default_rng(0).standard_normal((4, 6))
    report = gradcheck_layer(Dropout(0.5), x)
    assert {c.mode for c in report.checks} == {"inference", "training"}
    assert report.passed
    assert max(check_layer(Dropout(0.5), x, training=True).values()) < 1e-9


# -- add_layer and register_layer ---------------------------------------------------------------
def test_add_layer_continues_the_branch_and_trains():
    octakd.new_network("user")
    octakd.text_input_layer(1, 6)
    octakd.dense_layer(8)
    tip = octakd.add_layer(Tanh())
    assert tip.layer.name == "student_tanh_layer_1"
    octakd.softmax_layer(2)
    rng = np.random.default_rng(0)
    X = rng.standard_normal((80, 6)).astype(np.float32)
    y = (X[:, 0] + X[:, 1] > 0).astype(int)
    model = octakd.train_model([X], y, 30, 0.02, verbose=False)
    assert octakd.evaluate(model, [X], y) > 0.85


def test_add_layer_refuses_a_class():
    octakd.text_input_layer(1, 3)
    with pytest.raises(OctakdTypeError, match=r"add_layer: .*pass an instance, e.g. add_layer\(MyLayer\(\)\)"):
        octakd.add_layer(Tanh)


def test_unregistered_layer_then_registered_loads(tmp_path):
    class Unknown(Tanh):
        seed_name = "unknown_tanh_layer"
    octakd.new_network("u")
    octakd.text_input_layer(1, 4)
    octakd.add_layer(Unknown())
    octakd.softmax_layer(2)
    model = octakd.current_network().build(np.float32, 0)
    octakd.save_model(model, tmp_path / "u.mat")
    with pytest.raises(octakd.OctakdFileError, match="unknown layer class 'Unknown'"):
        octakd.load_model(tmp_path / "u.mat")
    octakd.register_layer(Unknown)
    try:
        again = octakd.load_model(tmp_path / "u.mat")
        X = np.random.default_rng(0).standard_normal((3, 4)).astype(np.float32)
        np.testing.assert_array_equal(octakd.predict(again, [X]), octakd.predict(model, [X]))
    finally:
        LAYER_CLASSES.pop("Unknown", None)


def test_register_layer_makes_seed_name_callable_from_octave(tmp_path):
    octakd.register_layer(Scale)
    assert "student_scale_layer" in octakd.__all__
    namespace = {}
    exec("from octakd import *", namespace)
    assert callable(namespace["student_scale_layer"])
    script = tmp_path / "user.m"
    script.write_text(textwrap.dedent("""\
        new_network('octave');
        text_input_layer(1, 5);
        student_scale_layer();
        softmax_layer(3);
        """))
    from octakd.port.emit import port_file, run_file
    assert "student_scale_layer()" in port_file(str(script))
    ns = run_file(str(script))
    layers = ns["current_network"]().layers
    assert [type(layer).__name__ for layer in layers] == ["TextInput", "Scale", "Softmax"]


def test_register_layer_refusals():
    with pytest.raises(OctakdTypeError, match="register_layer: expected a subclass"):
        octakd.register_layer(int)

    class NoName(Layer):
        pass
    with pytest.raises(OctakdTypeError, match="NoName needs a class attribute seed_name"):
        octakd.register_layer(NoName)

    class Clash(Layer):
        seed_name = "dense_layer"
    with pytest.raises(OctakdTypeError, match="already an octakd function"):
        octakd.register_layer(Clash)


# -- octakd gradcheck FILE.py:Class ---------------------------------------------------------------
LAYER_FILE = '''
import numpy as np
from octakd.layers import Layer

class Tanh(Layer):
    def forward(self, x, training=True):
        self.y = np.tanh(x)
        return self.y
    def backward(self, dy):
        return dy * (1 - self.y ** 2)

class WrongTanh(Tanh):
    def backward(self, dy):
        return dy * (1 - self.y)

class Stub(Tanh):
    def backward(self, dy):
        raise NotImplementedError("backward: write your code here")

class Affine(Layer):
    def __init__(self, scale, shift=0.0):
        super().__init__()
        self.scale, self.shift = scale, shift
    def forward(self, x, training=True):
        return self.scale * x + self.shift
    def backward(self, dy):
        return self.scale * dy
'''


def _gradcheck_cli(*args):
    return subprocess.run([sys.executable, "-m", "octakd.cli", "gradcheck", *args],
                          capture_output=True, text=True, timeout=300)


def test_gradcheck_cli_checks_a_users_layer(tmp_path):
    f = tmp_path / "mylayers.py"
    f.write_text(LAYER_FILE)
    ok = _gradcheck_cli(f"{f}:Tanh", "--input-shape", "2,3,4,4")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "gradient check of Tanh" in ok.stdout and "PASS" in ok.stdout
    bad = _gradcheck_cli(f"{f}:WrongTanh", "--input-shape", "4,5", "--training")
    assert bad.returncode == 1
    assert "training" in bad.stdout and "FAIL" in bad.stdout and "worst entries" in bad.stdout
    args = _gradcheck_cli(f"{f}:Affine", "--input-shape", "3,2", "--args", '{"scale": 2.5, "shift": 1}')
    assert args.returncode == 0, args.stderr
    missing = _gradcheck_cli(f"{f}:Nope", "--input-shape", "3,2")
    assert missing.returncode == 1 and "has no class Nope" in missing.stderr
    stub = _gradcheck_cli(f"{f}:Stub", "--input-shape", "3,2")
    assert stub.returncode == 1 and "Stub is not written yet: it raises NotImplementedError (backward: write your code here)" in stub.stderr


def test_a_stub_raises_not_implemented_error_unchanged():
    """An assignment's stub is reported as not written yet (the grader's message), not as a
    contract violation."""
    class Stub(Tanh):
        def backward(self, dy):
            raise NotImplementedError("backward: write your code here")
    with pytest.raises(NotImplementedError, match="backward: write your code here"):
        assert_layer_gradients(Stub(), np.ones((2, 3)))


# -- octakd run / port --layers FILE.py -----------------------------------------------------------
USER_LAYER_MODULE = '''
import numpy as np
import octakd
from octakd.layers import Layer

@octakd.register_layer
class CliTanh(Layer):
    seed_name = "cli_tanh_layer"
    def forward(self, x, training=True):
        self.y = np.tanh(x)
        return self.y
    def backward(self, dy):
        return dy * (1 - self.y ** 2)
'''

TRAIN_SCRIPT = '''new_network('octave');
text_input_layer(1, 5);
dense_layer(4, 'linear');
cli_tanh_layer();
softmax_layer(3);
x = [1 2 3 4 5; 5 4 3 2 1; 0 1 0 1 0];
m = train_model(x, [0 1 2], 3, 0.01);
save_model(m, 'user.mat');
p = predict(m, x);
printf('%d %d\\n', size(p));
'''

LOAD_SCRIPT = '''m = load_model('user.mat');
x = [1 2 3 4 5; 5 4 3 2 1; 0 1 0 1 0];
p = predict(m, x);
printf('%.6f\\n', p(1, :));
'''


def _octakd(*args, cwd):
    return subprocess.run([sys.executable, "-m", "octakd.cli", *args], capture_output=True,
                          text=True, timeout=300, cwd=cwd)


def test_run_and_port_with_a_layer_file(tmp_path):
    (tmp_path / "mylayers.py").write_text(USER_LAYER_MODULE)
    (tmp_path / "train.m").write_text(TRAIN_SCRIPT)
    (tmp_path / "load.m").write_text(LOAD_SCRIPT)
    # without the layer file the name is unknown, and the porter says where
    plain = _octakd("run", "train.m", cwd=tmp_path)
    assert plain.returncode == 1 and "train.m:4:1: 'cli_tanh_layer' is undefined" in plain.stderr
    # with it the script builds, trains and saves a model that holds the user layer
    run = _octakd("run", "train.m", "--layers", "mylayers.py", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.rstrip().endswith("3 3")
    # a fresh process loads that model only when the layer is registered again
    refused = _octakd("run", "load.m", cwd=tmp_path)
    assert refused.returncode == 1 and "CliTanh" in refused.stderr
    loaded = _octakd("run", "load.m", "--layers", "mylayers.py", cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    probs = [float(v) for v in loaded.stdout.split()]
    assert len(probs) == 3 and abs(sum(probs) - 1) < 1e-5
    # port -o writes a script that loads the layer file itself (relative to the output), and
    # the line-offset comment still holds
    (tmp_path / "out").mkdir()
    ported = _octakd("port", "train.m", "--layers", "mylayers.py", "-o", "out/train.py", cwd=tmp_path)
    assert ported.returncode == 0, ported.stderr
    code = (tmp_path / "out" / "train.py").read_text().splitlines()
    assert "load_layer_file('../mylayers.py', relative_to=__file__)" in code
    offset = int(code[1].rsplit("plus ", 1)[1].rstrip("."))
    assert code[4 - 1 + offset] == "cli_tanh_layer()"
    again = subprocess.run([sys.executable, str(tmp_path / "out" / "train.py")], capture_output=True,
                           text=True, timeout=300, cwd=tmp_path / "out")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "out" / "user.mat").is_file()


def test_layer_file_refusals(tmp_path):
    (tmp_path / "t.m").write_text("disp(1)\n")
    (tmp_path / "none.py").write_text("import numpy\n")
    (tmp_path / "broken.py").write_text("import numpy\nraise RuntimeError('boom')\n")
    missing = _octakd("run", "t.m", "--layers", "nope.py", cwd=tmp_path)
    assert missing.returncode == 1 and "unable to find the layer file 'nope.py'" in missing.stderr
    none = _octakd("run", "t.m", "--layers", "none.py", cwd=tmp_path)
    assert none.returncode == 1 and "registered no layer" in none.stderr
    assert "octakd.register_layer(MyLayer)" in none.stderr
    broken = _octakd("port", "t.m", "--layers", "broken.py", cwd=tmp_path)
    assert broken.returncode == 1 and "broken.py:2: importing the layer file raised RuntimeError: boom" in broken.stderr


def test_readme_write_your_own_layer_example_runs(tmp_path, monkeypatch):
    """The README's section runs as written: its python blocks, in order, in one namespace."""
    from pathlib import Path
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Write your own layer\n", 1)[1].split("\n## ", 1)[0]
    blocks = [b.split("```", 1)[0] for b in section.split("```python\n")[1:]]
    assert len(blocks) == 3 and "class FeatureScale(Layer)" in blocks[0]
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": "readme_example"}
    try:
        for block in blocks:
            exec(compile(block, "README.md", "exec"), namespace)
        assert (tmp_path / "scaled.mat").is_file()
        assert "feature_scale_layer" in octakd.__all__
    finally:
        LAYER_CLASSES.pop("FeatureScale", None)


def test_layer_file_named_like_a_standard_module_does_not_shadow_it(tmp_path):
    import sys as _sys
    from octakd.userlayers import load_layer_file
    (tmp_path / "tabnanny.py").write_text(USER_LAYER_MODULE.replace("CliTanh", "ShadowTanh")
                                          .replace("cli_tanh_layer", "shadow_tanh_layer"))
    assert "tabnanny" not in _sys.modules          # a standard module nobody imported yet
    try:
        assert load_layer_file(tmp_path / "tabnanny.py") == ["shadow_tanh_layer"]
        assert load_layer_file(str(tmp_path / "tabnanny.py")) == ["shadow_tanh_layer"]   # once
        import tabnanny
        assert hasattr(tabnanny, "check")          # the standard module, not the layer file
    finally:
        LAYER_CLASSES.pop("ShadowTanh", None)
