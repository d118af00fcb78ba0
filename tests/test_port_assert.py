"""assert: the passing forms print nothing (probe assert1, recorded from Octave 7.3); each
failing form stops the script with status 1, as in GNU Octave 7.3 (whose messages were recorded
by hand for the cases below: the condition forms' first line is Octave's exactly)."""
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

FAILING = [
    ("assert(1 == 2, 'Riemann %s!', 'Error')", "error: Riemann Error!\n"),
    ("assert(false)", "error: assert (cond) failed\n"),
    ("assert([1 2], [1 3])", "observed and expected differ"),
    ("assert(3, int8(3))", "observed and expected differ"),      # Octave: Class double != int8
    ("assert('a', 'b')", "observed and expected differ"),
    ("assert(1, 1 + 1e-3, 1e-6)", "observed and expected differ"),
    ("assert([1 NaN], [1 2])", "observed and expected differ"),
    ("assert(100, 103, -0.02)", "observed and expected differ"),  # 3 % > 2 % relative
    ("assert(1, complex(1, 0))", "observed and expected differ"),   # real != complex
]


def run(tmp_path, line):
    (tmp_path / "a.m").write_text(line + "\ndisp('after')\n")
    return subprocess.run([sys.executable, "-m", "octakd.port", "run", "a.m"], cwd=tmp_path,
                          capture_output=True, text=True, env={"PYTHONPATH": str(REPO)},
                          timeout=120)


@pytest.mark.parametrize("line, message", FAILING)
def test_a_failing_assert_stops_the_script(tmp_path, line, message):
    proc = run(tmp_path, line)
    assert proc.returncode == 1 and proc.stdout == "", (proc.stdout, proc.stderr)
    assert message in proc.stderr


@pytest.mark.parametrize("line", ["assert(100, 101, -0.02)", "assert([1 NaN], [1 NaN])",
                                  "assert(int8(3), int8(3))", "assert(true, 'msg')"])
def test_a_holding_assert_lets_the_script_go_on(tmp_path, line):
    proc = run(tmp_path, line)
    assert proc.returncode == 0 and proc.stdout == "after\n", proc.stderr
