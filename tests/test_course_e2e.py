"""The course round trip, played by an instructor and a student:

instructor: `octakd course new backprop` -> `octakd course build` -> grade the untouched student
            copy (0, a helpful message per test) and the instructor's copy (full marks);
student:    fills in dense and relu forward/backward in the handout, runs the public tests
            locally with pytest, and submits; the autograder zip, unpacked as Gradescope does,
            grades the submission through run_autograder into results/results.json.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = dict(os.environ, PYTHONPATH=ROOT)


def run(*args, cwd=None, env=ENV):
    return subprocess.run(list(args), capture_output=True, text=True, timeout=900, cwd=cwd, env=env)


def octakd(*args):
    return run(sys.executable, "-m", "octakd.cli", *args)


STUDENT_CODE = {
    "dense_forward": "    return x @ w + b, (x, w)\n",
    "dense_backward": "    x, w = cache\n    return dy @ w.T, x.T @ dy, dy.sum(axis=0)\n",
    "relu_forward": "    return np.maximum(x, 0), x\n",
    "relu_backward": "    return dy * (cache > 0)\n",
}


def fill_in(path):
    """The student replaces four stubs with code."""
    text = open(path).read()
    for name, code in STUDENT_CODE.items():
        stub = f'    raise NotImplementedError("{name}: write your code here")\n'
        assert stub in text, name
        text = text.replace(stub, code)
    open(path, "w").write(text)


def test_instructor_and_student_round_trip(tmp_path):
    inst, out = tmp_path / "instructor", tmp_path / "build"
    # -- the instructor ---------------------------------------------------------------------
    assert octakd("course", "new", "backprop", str(inst)).returncode == 0
    built = octakd("course", "build", str(inst), str(out))
    assert built.returncode == 0, built.stderr
    student_copy = out / "student"
    untouched = octakd("course", "grade", str(inst), str(student_copy), "--json", str(tmp_path / "r0.json"))
    assert untouched.returncode == 0, untouched.stderr
    r0 = json.loads((tmp_path / "r0.json").read_text())
    assert r0["score"] == 0 and len(r0["tests"]) == 10
    for t in r0["tests"]:
        assert re.search(r"not implemented yet: \w+\(\) in layers.py raises NotImplementedError", t["output"]), t
    full = octakd("course", "grade", str(inst), str(inst), "--json", str(tmp_path / "r1.json"))
    r1 = json.loads((tmp_path / "r1.json").read_text())
    assert r1["score"] == 16 and all(t["status"] == "passed" for t in r1["tests"]), full.stdout
    # -- the student ------------------------------------------------------------------------
    work = tmp_path / "student"
    shutil.copytree(student_copy, work)
    fill_in(work / "layers.py")
    local = run(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/public", cwd=work)
    assert "3 failed, 3 passed" in local.stdout, local.stdout   # dense and relu pass locally
    # -- the submission, graded as Gradescope does --------------------------------------------
    gradescope = tmp_path / "autograder"
    with zipfile.ZipFile(out / "autograder" / "autograder.zip") as z:
        z.extractall(gradescope / "source")
    (gradescope / "submission").mkdir()
    shutil.copy(work / "layers.py", gradescope / "submission" / "layers.py")
    env = dict(os.environ, AUTOGRADER_ROOT=str(gradescope))
    env.pop("PYTHONPATH", None)                 # the zip's own copy of octakd is what runs
    graded = run("bash", str(gradescope / "source" / "run_autograder"), env=env)
    assert graded.returncode == 0, graded.stderr
    results = json.loads((gradescope / "results" / "results.json").read_text())
    by_function = {t["name"].split("::")[-1].rstrip(")"): t for t in results["tests"]}
    passed = {f for f, t in by_function.items() if t["status"] == "passed"}
    assert passed == {"test_dense_forward", "test_dense_backward_gradcheck", "test_relu"}
    assert results["score"] == 4
    assert by_function["test_conv_matches_reference"]["visibility"] == "after_published"
    assert "conv_forward_naive() in layers.py raises NotImplementedError" in \
        by_function["test_conv_matches_reference"]["output"]


def test_a_looping_submission_is_graded_within_the_time_limit(tmp_path):
    """A student's infinite loop fails the tests that reach it, with a reason, after the time
    limit; the other tests still pass and grading exits 0."""
    import time
    inst, sub = tmp_path / "instructor", tmp_path / "submission"
    assert octakd("course", "new", "backprop", str(inst)).returncode == 0
    sub.mkdir()
    text = (inst / "layers.py").read_text()
    head = "def maxpool_forward_naive("
    assert text.count(head) == 1
    start = text.index(head)
    body = text.index('"""', text.index('"""', start) + 3) + 3      # after the docstring
    text = text[:body] + "\n    while True:\n        pass" + text[body:]
    (sub / "layers.py").write_text(text)
    t0 = time.monotonic()
    graded = octakd("course", "grade", str(inst), str(sub), "--json", str(tmp_path / "r.json"),
                    "--time-limit", "5")
    elapsed = time.monotonic() - t0
    assert graded.returncode == 0, graded.stderr
    results = json.loads((tmp_path / "r.json").read_text())
    looping = [t for t in results["tests"] if "maxpool" in t["name"]]
    assert len(looping) == 2
    for t in looping:
        assert t["score"] == 0 and "did not finish within the time limit of 5 s" in t["output"], t
    assert results["score"] == 16 - sum(t["max_score"] for t in looping)
    assert elapsed < 5 * len(looping) + 90, elapsed       # the loops cost their limits, no more


import pytest  # noqa: E402


@pytest.mark.parametrize("name", ["distillation", "batchnorm"])
def test_other_assignments_round_trip(name, tmp_path):
    """new -> build -> grade for the other built-in assignments: the untouched student copy
    scores 0 with a message per test, the instructor's copy full marks."""
    inst, out = tmp_path / "instructor", tmp_path / "build"
    assert octakd("course", "new", name, str(inst)).returncode == 0
    assert octakd("course", "build", str(inst), str(out)).returncode == 0
    zero = octakd("course", "grade", str(inst), str(out / "student"), "--json", str(tmp_path / "r0.json"))
    assert zero.returncode == 0, zero.stderr
    r0 = json.loads((tmp_path / "r0.json").read_text())
    assert r0["score"] == 0 and r0["tests"]
    for t in r0["tests"]:
        assert "raises NotImplementedError" in t["output"] and t["visibility"] in ("visible", "after_published"), t
    full = octakd("course", "grade", str(inst), str(inst), "--json", str(tmp_path / "r1.json"))
    assert full.returncode == 0, full.stderr
    r1 = json.loads((tmp_path / "r1.json").read_text())
    total = sum(t["max_score"] for t in r1["tests"])
    assert total > 0 and r1["score"] == total, full.stdout
