"""``addpath`` in a script: function files in the named folders are found by later calls.

The expected output is GNU Octave 7.3's for the same files (``9 8``).
"""
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run(tmp_path, script):
    (tmp_path / "lib").mkdir()
    (tmp_path / "more").mkdir()
    (tmp_path / "lib" / "sq.m").write_text("function y = sq(x)\n  y = x^2;\nend\n")
    (tmp_path / "more" / "cube.m").write_text("function y = cube(x)\n  y = x^3;\nend\n")
    (tmp_path / "main.m").write_text(script)
    return subprocess.run([sys.executable, "-m", "octakd.port", "run", "main.m"], cwd=tmp_path,
                          capture_output=True, text=True, env={"PYTHONPATH": str(REPO)},
                          timeout=120)


def test_command_and_call_syntax_add_folders(tmp_path):
    proc = run(tmp_path, "addpath lib\naddpath('more');\nprintf(\"%d %d\\n\", sq(3), cube(2))\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "9 8\n"


def test_without_addpath_the_function_is_unknown(tmp_path):
    proc = run(tmp_path, "printf(\"%d\\n\", sq(3))\n")
    assert proc.returncode != 0 and "main.m:1:" in proc.stderr and "'sq'" in proc.stderr


def test_a_computed_folder_is_refused(tmp_path):
    proc = run(tmp_path, "d = 'lib';\naddpath(d);\ndisp(sq(2))\n")
    assert proc.returncode != 0 and "main.m:2:" in proc.stderr and "literal" in proc.stderr


def test_a_missing_folder_is_refused(tmp_path):
    proc = run(tmp_path, "addpath nowhere\n")
    assert proc.returncode != 0 and "main.m:1:" in proc.stderr and "nowhere" in proc.stderr
