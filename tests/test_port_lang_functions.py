"""Functions in ported scripts: definitions in a script, function files beside it or on --path,
``port -o`` writing one module per .m file, nargin/nargout, outputs, refusals.

``tests/port_lang/funcfiles/ex1.out`` is GNU Octave 7.3's output for ``addpath('lib'); ex1``.
"""
import io
import os
import shutil
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from octakd.port import PortError, port_file, port_source, run_file
from octakd.port.runtime import MISSING, count_args, outputs
from octakd.port.runtime.functions import OctaveError

HERE = Path(__file__).parent / "port_lang" / "funcfiles"
ROOT = Path(__file__).parent.parent


@pytest.fixture
def project(tmp_path):
    shutil.copytree(HERE, tmp_path / "p")
    return tmp_path / "p"


def test_script_with_function_files_runs_like_octave(project):
    buf = io.StringIO()
    with redirect_stdout(buf):
        run_file(project / "ex1.m", dirs=[project / "lib"])
    assert buf.getvalue() == (HERE / "ex1.out").read_text()


def test_function_files_on_path_are_needed(project):
    with pytest.raises(PortError, match="'scale2' is not supported .no scale2.m"):
        run_file(project / "ex1.m")


def test_port_writes_one_module_per_function_file(project, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    port_file(project / "ex1.m", out / "ex1.py", dirs=[project / "lib"])
    assert sorted(p.name for p in out.iterdir()) == [
        "computeCost.py", "costAndGrad.py", "countdown.py", "ex1.py", "scale2.py"]
    script = (out / "ex1.py").read_text()
    assert "from computeCost import computeCost" in script
    assert "def costAndGrad(" in (out / "costAndGrad.py").read_text()
    assert "def helper(" in (out / "costAndGrad.py").read_text()     # the subfunction
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "ex1.py"], cwd=out, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.stdout == (HERE / "ex1.out").read_text(), done.stderr


def test_port_of_a_function_file_is_a_def_on_its_line():
    code = port_source("function r = twice(x)\n  r = 2 * x;\nend\n", "twice.m").splitlines()
    header = int(code[1].split("plus ")[1].rstrip("."))
    assert code[header].startswith("def twice(x=MISSING, nargout=1):")
    assert code[header + 2].strip().startswith("return outputs('twice', nargout, locals()")


@pytest.mark.parametrize("src, line, col, message", [
    ("y = f(2)\nfunction r = f(x)\n  r = x;\nend\n", 1, 5, "'f' is defined later in the script"),
    ("1;\nfunction r = f(x)\n  r = x;\nend\ny = f(1, 2)\n", 5, 5, "too many inputs"),
    ("1;\nfunction r = f(x)\n  r = x;\nend\n[a, b] = f(1)\n", 5, 10, "too many outputs"),
    ("1;\nfunction f(x)\n  disp(x)\nend\ny = f(1)\n", 5, 5, "too many outputs"),
    ("function r = f(x)\n  r = x;\nend\ndisp(1)\n", 4, 1, "a function file holds only functions"),
    ("x = nargin\n", 1, 5, "only defined inside a function"),
    ("if 1\n  function f()\n  end\nend\n", 2, 3, "inside if/for/while blocks"),
])
def test_function_refusals(src, line, col, message):
    with pytest.raises(PortError) as info:
        port_source(src, "t.m")
    assert (info.value.lineno, info.value.col) == (line, col)
    assert message in str(info.value)


def test_calling_a_script_file_is_refused(tmp_path):
    (tmp_path / "setup.m").write_text("x = 1;\n")
    (tmp_path / "main.m").write_text("setup\n")
    with pytest.raises(PortError, match="is a script, not a function file"):
        run_file(tmp_path / "main.m")


def test_outputs_and_nargin_helpers():
    assert count_args(1, 2, MISSING) == 2
    assert outputs("f", 2, {"a": 1, "b": 2}, ("a", 1, 11), ("b", 1, 14)) == (1, 2)
    assert outputs("f", 1, {"a": 1}, ("a", 1, 11), ("b", 1, 14)) == 1
    assert outputs("f", 0, {}, ("a", 1, 11)) is None
    with pytest.raises(OctaveError, match="'b' undefined near line 1, column 14"):
        outputs("f", 2, {"a": 1}, ("a", 1, 11), ("b", 1, 14))
    with pytest.raises(OctaveError, match="f: function called with too many outputs"):
        outputs("f", 3, {"a": 1, "b": 2}, ("a", 1, 11), ("b", 1, 14))


def test_function_files_with_reserved_names(tmp_path):
    """trace.m and lambda.m define trace_ and lambda_: the imports and the run agree with the defs."""
    (tmp_path / "trace.m").write_text("function y = trace(x)\n  y = x + 100;\nend\n")
    (tmp_path / "lambda.m").write_text("function y = lambda(x)\n  y = x * 2;\nend\n")
    script = tmp_path / "s.m"
    script.write_text("a = trace(1)\nb = lambda(2)\n")
    buf = io.StringIO()
    with redirect_stdout(buf):
        run_file(str(script))
    assert buf.getvalue() == "a = 101\nb = 4\n"
    out = tmp_path / "out"
    out.mkdir()
    code = port_file(str(script), str(out / "s.py"))
    assert "from trace_ import trace_" in code and "from lambda_ import lambda_" in code
    assert sorted(p.name for p in out.iterdir()) == ["lambda_.py", "s.py", "trace_.py"]
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    run = subprocess.run([sys.executable, "s.py"], cwd=out, capture_output=True, text=True, env=env)
    assert run.stdout == "a = 101\nb = 4\n", run.stderr


def test_a_function_file_is_called_by_its_file_name(tmp_path):
    """GNU Octave 7.3 runs ``f_spline.m`` whose header names ``otherName`` (with a warning on
    stderr): p = 4, q = 6, then 2 through a handle (gaps.md G7)."""
    (tmp_path / "f_spline.m").write_text("function [a, b] = otherName(x)\n  a = x + 1;\n"
                                         "  b = helper(x);\nend\nfunction y = helper(x)\n"
                                         "  y = 2 * x;\nend\n")
    (tmp_path / "main.m").write_text("[p, q] = f_spline(3)\nh = @f_spline;\ndisp(h(1))\n")
    buf = io.StringIO()
    with redirect_stdout(buf):
        run_file(tmp_path / "main.m")
    assert buf.getvalue() == "p = 4\nq = 6\n2\n"
    out = tmp_path / "out"
    out.mkdir()
    port_file(tmp_path / "main.m", out / "main.py")
    assert "def f_spline(" in (out / "f_spline.py").read_text()


def test_a_function_file_named_only_by_a_string_is_reached(tmp_path):
    """GNU Octave 7.3 prints r = 9, q = 4, 16, then c = [1 4] (gaps.md G5): ``f0.m`` is only
    named in strings, and called by ``feval`` inside another function file."""
    (tmp_path / "f0.m").write_text("function y = f0(x)\n  y = x.^2;\nend\n")
    (tmp_path / "appl.m").write_text("function s = appl(name, v)\n  s = feval(name, v);\nend\n")
    (tmp_path / "main.m").write_text('r = appl("f0", 3)\nq = feval("f0", 2)\n'
                                     'h = str2func("f0");\ndisp(h(4))\nc = cellfun("f0", {1, 2})\n')
    expected = "r = 9\nq = 4\n16\nc =\n\n   1   4\n\n"
    buf = io.StringIO()
    with redirect_stdout(buf):
        run_file(tmp_path / "main.m")
    assert buf.getvalue() == expected
    out = tmp_path / "out"
    out.mkdir()
    port_file(tmp_path / "main.m", out / "main.py")
    assert "from f0 import f0" in (out / "main.py").read_text()
    run = subprocess.run([sys.executable, "main.py"], cwd=out, capture_output=True, text=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert run.stdout == expected, run.stderr
