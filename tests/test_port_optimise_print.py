"""fminunc refuses an objective that prints: its evaluation points are not Octave's. The
optimisers' 4th output, and fminsearch's extra arguments."""
import subprocess
import sys
from pathlib import Path

import pytest

from octakd.port import runtime as rt

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
    """fminunc is SciPy's BFGS, whose iteration and evaluation counts are not Octave's, so
    octakd refuses its 4th output instead of printing its own counts. fzero, fminsearch and
    fminbnd run Octave's own algorithms, so theirs is given: Octave's fzero reports 5
    iterations and 7 evaluations for cos(x) - x on [0, 1]. Three outputs always work."""
    for call in ("[x, fv, info, out] = fminunc(@(x) (x - 2)^2, 0);",):
        (tmp_path / "m.m").write_text(call + "\nprintf('%.4f\\n', x);\n")
        proc = subprocess.run([sys.executable, "-m", "octakd.port", "run", "m.m"], cwd=tmp_path,
                              capture_output=True, text=True, env={"PYTHONPATH": str(REPO)},
                              timeout=120)
        assert proc.returncode == 1 and proc.stdout == "", call
        assert "the 4th output (iterations, funcCount) is not supported" in proc.stderr, proc.stderr
    (tmp_path / "m.m").write_text("[x, fv, info, out] = fzero(@(x) cos(x) - x, [0 1]);\n"
                                  "printf('%d %d\\n', out.iterations, out.funcCount);\n")
    proc = subprocess.run([sys.executable, "-m", "octakd.port", "run", "m.m"], cwd=tmp_path,
                          capture_output=True, text=True, env={"PYTHONPATH": str(REPO)}, timeout=120)
    assert proc.stdout == "5 7\n", proc.stderr          # GNU Octave 7.3 printed "5 7"
    (tmp_path / "m.m").write_text("[x, fv, info] = fzero(@(x) cos(x) - x, [0 1]);\n"
                                  "printf('%.6f %d\\n', x, info);\n")
    proc = subprocess.run([sys.executable, "-m", "octakd.port", "run", "m.m"], cwd=tmp_path,
                          capture_output=True, text=True, env={"PYTHONPATH": str(REPO)}, timeout=120)
    assert proc.stdout == "0.739085 1\n", proc.stderr


def test_fminsearch_fval_with_extra_arguments_is_refused():
    """Octave 7.3's fminsearch computes FVAL as fun(x) without the extra arguments p1, ...
    (an error there), so octakd refuses that combination; X alone works with them."""
    f = lambda x, a: (x - a) ** 2                      # noqa: E731
    with pytest.raises(ValueError, match="FVAL with extra arguments"):
        rt.fminsearch(f, 0.0, None, 3.0, nargout=2)
    assert abs(rt.fminsearch(f, 0.0, None, 3.0) - 3) < 1e-3
