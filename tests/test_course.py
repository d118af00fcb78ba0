"""The course kit's parts: solution markers, test discovery, the static import scan, `course
list/new/build` and the layout of the student handout and the Gradescope autograder."""
import json
import os
import stat
import subprocess
import sys
import zipfile

import pytest

from octakd.course import build, builtin_names, new
from octakd.course.assignment import Assignment, forbidden_imports
from octakd.course.markers import strip_solutions
from octakd.errors import OctakdFileError, OctakdValueError


def octakd_cli(*args, cwd=None):
    env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return subprocess.run([sys.executable, "-m", "octakd.cli", *args], capture_output=True,
                          text=True, timeout=600, cwd=cwd, env=env)


def test_course_list_names_the_builtin_assignments():
    out = octakd_cli("course", "list")
    assert out.returncode == 0
    names = out.stdout.split()
    assert {"backprop", "distillation", "batchnorm"} <= set(names)
    assert names == builtin_names()


def test_strip_solutions_leaves_a_stub_at_the_markers_indentation():
    source = ("def f(x):\n    \"\"\"Doc.\"\"\"\n    ### BEGIN SOLUTION\n    y = x + 1\n    return y\n"
              "    ### END SOLUTION\n\n\ndef g():\n    return 2\n")
    out = strip_solutions(source, "f.py")
    assert "x + 1" not in out and "return 2" in out
    assert '    raise NotImplementedError("f: write your code here")\n' in out
    namespace = {}
    exec(out, namespace)
    with pytest.raises(NotImplementedError, match="f: write your code here"):
        namespace["f"](1)


@pytest.mark.parametrize("source,message", [
    ("### BEGIN SOLUTION\nx = 1\n", "f.py:1: ### BEGIN SOLUTION is never closed"),
    ("x = 1\n### END SOLUTION\n", "f.py:2: ### END SOLUTION without"),
    ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n", "f.py:2: ### BEGIN SOLUTION inside another"),
])
def test_unbalanced_markers_are_errors_with_file_and_line(source, message):
    with pytest.raises(OctakdValueError, match=message):
        strip_solutions(source, "f.py")


def test_static_scan_of_reference_imports():
    allowed = ["octakd.gradcheck", "octakd.layers.base"]
    source = ("import numpy as np\nfrom octakd.gradcheck import rel_error\n"
              "from octakd.layers.base import Layer\nfrom octakd import gradcheck\n"
              "from octakd.layers import Dense\nimport octakd.kernels.conv_numpy\n"
              "import importlib\nm = importlib.import_module('octakd.losses')\n"
              "s = 'octakd.layers is mentioned in a string, which is fine'\n")
    hits = forbidden_imports(source, "f.py", ["octakd"], allowed)
    assert hits == [(5, "octakd.layers.Dense"), (6, "octakd.kernels.conv_numpy"), (8, "octakd.losses")]


def test_tests_and_points_are_read_from_the_source():
    a = Assignment.load(os.path.join(os.path.dirname(__file__), "..", "octakd", "course",
                                     "assignments", "backprop"))
    public = [t for t in a.tests if t.visibility == "visible"]
    hidden = [t for t in a.tests if t.visibility == "after_published"]
    assert public and hidden
    assert a.max_score == 16
    conv = [t for t in a.tests if t.function == "test_conv_matches_reference"][0]
    assert conv.points == 3 and conv.title.startswith("conv_forward_naive and conv_backward_naive")


def test_new_refuses_unknown_names_and_used_folders(tmp_path):
    with pytest.raises(OctakdValueError, match="unknown assignment 'nope'; the built-in ones are"):
        new("nope", str(tmp_path / "x"))
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "file").write_text("x")
    with pytest.raises(OctakdFileError, match="already exists and is not an empty folder"):
        new("backprop", str(tmp_path / "used"))
    out = octakd_cli("course", "new", "nope", str(tmp_path / "y"))
    assert out.returncode == 2 and "unknown assignment" in out.stderr


@pytest.mark.parametrize("name", ["backprop", "distillation", "batchnorm"])
def test_build_layout(name, tmp_path):
    inst, out = str(tmp_path / "inst"), str(tmp_path / "out")
    new(name, inst)
    a = Assignment.load(inst)
    student_dir, zip_path = build(inst, out)
    # the student handout: stubs, public tests only, no instructor notes
    files = {os.path.relpath(os.path.join(d, f), student_dir)
             for d, _, fs in os.walk(student_dir) for f in fs}
    assert "INSTRUCTOR.md" not in files and "README.md" in files
    assert not any(f.startswith(os.path.join("tests", "hidden")) for f in files)
    assert any(f.startswith(os.path.join("tests", "public")) for f in files)
    for rel in a.student_files:
        text = open(os.path.join(student_dir, rel)).read()
        assert "BEGIN SOLUTION" not in text and "raise NotImplementedError(" in text
        compile(text, rel, "exec")
    for nb in a.manifest.get("notebooks", []):
        ipynb = os.path.join(student_dir, os.path.splitext(nb)[0] + ".ipynb")
        assert json.load(open(ipynb))["cells"]
    # the autograder: Gradescope's two scripts at the zip's root, executable; no solutions
    with zipfile.ZipFile(zip_path) as z:
        names = set(z.namelist())
        assert {"setup.sh", "run_autograder", "assignment/assignment.json"} <= names
        assert any(n.startswith("assignment/tests/hidden/") for n in names)
        assert "octakd/__init__.py" in names and "octakd/course/runner.py" in names
        assert not any(f"assignment/{rel}" in names for rel in a.student_files)
        mode = z.getinfo("run_autograder").external_attr >> 16
        assert mode & stat.S_IXUSR
        assert "/autograder/results/results.json" in z.read("run_autograder").decode().replace(
            "$ROOT", "/autograder")


def test_build_refuses_unbalanced_markers(tmp_path):
    inst = str(tmp_path / "inst")
    new("distillation", inst)
    with open(os.path.join(inst, "kd.py"), "a") as f:
        f.write("\n### BEGIN SOLUTION\n")
    with pytest.raises(OctakdValueError, match=r"kd.py:\d+: ### BEGIN SOLUTION is never closed"):
        build(inst, str(tmp_path / "out"))
