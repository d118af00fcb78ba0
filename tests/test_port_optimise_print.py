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


def test_the_output_struct_of_an_optimiser_is_refused_not_made_up(tmp_path):
    """Octave's fzero reports 9 iterations and 19 evaluations for cos(x) - x on [0, 1]; scipy's
    Brent takes other steps, so octakd refuses the 4th output instead of printing its own counts.
    Three outputs still work (x and fval match Octave to the printed digits)."""
    for call in ("[x, fv, info, out] = fzero(@(x) cos(x) - x, [0 1]);",
                 "[x, fv, info, out] = fminsearch(@(x) (x - 2)^2, 0);",
                 "[x, fv, info, out] = fminbnd(@(x) (x - 2)^2, 0, 3);"):
        (tmp_path / "m.m").write_text(call + "\nprintf('%.4f\\n', x);\n")
        proc = subprocess.run([sys.executable, "-m", "octakd.port", "run", "m.m"], cwd=tmp_path,
                              capture_output=True, text=True, env={"PYTHONPATH": str(REPO)},
                              timeout=120)
        assert proc.returncode == 1 and proc.stdout == "", call
        assert "the 4th output (iterations, funcCount) is not supported" in proc.stderr, proc.stderr
    (tmp_path / "m.m").write_text("[x, fv, info] = fzero(@(x) cos(x) - x, [0 1]);\n"
                                  "printf('%.6f %d\\n', x, info);\n")
    proc = subprocess.run([sys.executable, "-m", "octakd.port", "run", "m.m"], cwd=tmp_path,
                          capture_output=True, text=True, env={"PYTHONPATH": str(REPO)}, timeout=120)
    assert proc.stdout == "0.739085 1\n", proc.stderr
