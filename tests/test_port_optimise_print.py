"""fminunc refuses an objective that prints: its evaluation points are not Octave's."""
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRIPT = """1;
function [J, g] = cost(t)
  J = (t - 3)^2{semi}
  g = 2 * (t - 3);
end
opts = optimset('GradObj', 'on');
t = fminunc(@(t) cost(t), 0, opts);
printf("%.4f\\n", t);
"""


def run(tmp_path, semi):
    (tmp_path / "m.m").write_text(SCRIPT.format(semi=semi))
    return subprocess.run([sys.executable, "-m", "octakd.port", "run", "m.m"], cwd=tmp_path,
                          capture_output=True, text=True, env={"PYTHONPATH": str(REPO)},
                          timeout=120)


def test_printing_objective_stops_with_a_reason(tmp_path):
    proc = run(tmp_path, "")
    assert proc.returncode != 0
    assert "fminunc: the function prints" in proc.stderr and proc.stdout == ""


def test_quiet_objective_runs(tmp_path):
    proc = run(tmp_path, ";")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "3.0000\n"
