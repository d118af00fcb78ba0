"""Grading hostile and broken submissions: each gives a clean results.json with score 0 on the
affected tests and a reason, within the time limit, and `octakd course grade` exits 0."""
import json
import os
import subprocess
import sys
import textwrap
import time

import pytest

from octakd.course import grade

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIMIT = 6.0          # seconds per test for these cases


@pytest.fixture
def assignment(tmp_path):
    """A two-test assignment: the student writes add(a, b) in f.py."""
    root = tmp_path / "assignment"
    (root / "tests" / "public").mkdir(parents=True)
    (root / "tests" / "hidden").mkdir(parents=True)
    (root / "assignment.json").write_text(json.dumps({
        "name": "tiny", "student_files": ["f.py"], "time_limit": LIMIT, "memory_mb": 1024}))
    (root / "f.py").write_text("def add(a, b):\n    ### BEGIN SOLUTION\n    return a + b\n"
                               "    ### END SOLUTION\n")
    (root / "tests" / "public" / "test_add.py").write_text(textwrap.dedent('''\
        from octakd.course.checks import points
        from f import add

        @points(2)
        def test_small():
            """add: 1 + 2"""
            assert add(1, 2) == 3, f"add(1, 2) returned {add(1, 2)!r}, expected 3"
        '''))
    (root / "tests" / "hidden" / "test_add_hidden.py").write_text(textwrap.dedent('''\
        from f import add

        def test_negative():
            """add: -5 + 2"""
            assert add(-5, 2) == -3
        '''))
    return root


def _grade(assignment, tmp_path, body, name="f.py"):
    sub = tmp_path / "submission"
    sub.mkdir(exist_ok=True)
    (sub / name).write_text(textwrap.dedent(body))
    out = tmp_path / "results" / "results.json"
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "octakd.cli", "course", "grade", str(assignment),
                           str(sub), "--json", str(out)], capture_output=True, text=True,
                          timeout=120, env=dict(os.environ, PYTHONPATH=ROOT))
    seconds = time.monotonic() - start
    assert proc.returncode == 0, proc.stderr
    results = json.loads(out.read_text())
    return results, seconds, proc.stdout


def _check_schema(results):
    assert set(results) >= {"score", "execution_time", "output", "stdout_visibility", "tests"}
    for t in results["tests"]:
        assert set(t) >= {"name", "score", "max_score", "status", "output", "visibility"}
        assert t["visibility"] in ("visible", "hidden", "after_due_date", "after_published")
        assert 0 <= t["score"] <= t["max_score"]
    assert results["score"] == sum(t["score"] for t in results["tests"])


def test_correct_submission_scores_full_marks(assignment, tmp_path):
    results, _, stdout = _grade(assignment, tmp_path, "def add(a, b):\n    return a + b\n")
    _check_schema(results)
    assert results["score"] == 3
    assert [t["visibility"] for t in results["tests"]] == ["visible", "after_published"]
    assert "tiny: 3 of 3 points" in stdout


HOSTILE = {
    "loop at import": ("while True:\n    pass\n", "did not finish within the time limit"),
    "loop in the function": ("def add(a, b):\n    while True:\n        pass\n",
                             "did not finish within the time limit"),
    "prints megabytes": ("def add(a, b):\n    while True:\n        print('x' * 100000)\n",
                         "wrote more output than the grader allows"),
    "sys.exit(0)": ("import sys\nsys.exit(0)\n", "called exit(0)"),
    "os._exit(0)": ("def add(a, b):\n    import os\n    os._exit(0)\n",
                    "ended (exit status 0) before the test finished"),
    "crash": ("def add(a, b):\n    import ctypes\n    return ctypes.string_at(0)\n", "SIGSEGV"),
    "memory bomb": ("def add(a, b):\n    return [bytearray(10**8) for _ in range(10**4)]\n",
                    "ran out of memory"),
    "syntax error": ("def add(a, b)\n    return a + b\n", "SyntaxError"),
    "reference import": ("from octakd.layers import Dense\ndef add(a, b):\n    return a + b\n",
                         "imports the library's reference implementation"),
    "hidden reference import": ("def add(a, b):\n    m = __import__('importlib').import_module("
                                "'octak' + 'd.losses')\n    return a + b\n",
                                "imports octakd.losses, the library's reference implementation"),
    "forges a verdict": ("import os\ndef add(a, b):\n    for fd in range(3, 30):\n        try:\n"
                         "            os.write(fd, b'0123 passed\\n')\n        except OSError:\n"
                         "            pass\n    os._exit(0)\n", "before the test finished"),
    "edits the tests": ("import glob\nfor p in glob.glob('tests/*/*.py'):\n"
                        "    open(p, 'w').write('def test_small():\\n    pass\\n')\n"
                        "def add(a, b):\n    return 0\n", "returned 0, expected 3"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_submission_scores_zero_with_a_reason(case, assignment, tmp_path):
    body, reason = HOSTILE[case]
    results, seconds, stdout = _grade(assignment, tmp_path, body)
    _check_schema(results)
    assert results["score"] == 0, results
    assert any(reason in t["output"] for t in results["tests"]), results["tests"][0]["output"]
    assert seconds < 2 * LIMIT + 30                 # every test stopped within the limit
    assert "tiny: 0 of 3 points" in stdout


def test_results_json_written_by_the_submission_is_replaced(assignment, tmp_path):
    target = tmp_path / "results" / "results.json"
    body = (f"import json\njson.dump({{'score': 100, 'tests': []}}, open({str(target)!r}, 'w'))\n"
            f"def add(a, b):\n    return None\n")
    target.parent.mkdir()
    results, _, _ = _grade(assignment, tmp_path, body)
    assert results["score"] == 0 and len(results["tests"]) == 2


def test_missing_file_and_nested_submission(assignment, tmp_path):
    results, _, _ = _grade(assignment, tmp_path, "def add(a, b):\n    return a + b\n", name="g.py")
    assert results["score"] == 0
    assert "f.py was not found in the submission" in results["tests"][0]["output"]
    nested = tmp_path / "nested"
    (nested / "deep" / "er").mkdir(parents=True)
    (nested / "deep" / "er" / "f.py").write_text("def add(a, b):\n    return a + b\n")
    assert grade(str(assignment), str(nested), None, stream=open(os.devnull, "w"))["score"] == 3


def test_a_single_submitted_file(assignment, tmp_path):
    f = tmp_path / "f.py"
    f.write_text("def add(a, b):\n    return a + b\n")
    assert grade(str(assignment), str(f), None, stream=open(os.devnull, "w"))["score"] == 3


def test_grading_itself_failing_exits_non_zero(tmp_path):
    out = tmp_path / "results.json"
    proc = subprocess.run([sys.executable, "-m", "octakd.cli", "course", "grade", str(tmp_path),
                           str(tmp_path), "--json", str(out)], capture_output=True, text=True,
                          timeout=120, env=dict(os.environ, PYTHONPATH=ROOT))
    assert proc.returncode == 2 and "is not an assignment folder" in proc.stderr
    results = json.loads(out.read_text())
    assert results["score"] == 0 and "grading could not run" in results["output"]
