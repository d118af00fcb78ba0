"""The optimisers evaluate the objective where Octave does (their own algorithms, written again),
so an objective that prints prints Octave's lines; their 4th output is Octave's; fminsearch's
extra arguments. Expected outputs were printed by GNU Octave 7.3."""
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


OCTAVE_PRINTED = 'J = 9\nJ = 9\nJ = 8.4100\nJ = 8.4100\nJ = 7.6098\nJ = 7.6098\nJ = 6.5464\nJ = 6.5464\nJ = 5.1790\nJ = 5.1790\nJ = 3.5185\nJ = 3.5185\nJ = 1.7164\nJ = 1.7164\nJ = 0.2603\nJ = 0.2603\nJ = 0\nJ = 0\n3.0000\n'     # GNU Octave 7.3, the SCRIPT without ';' after J


def test_an_objective_that_prints_prints_what_octave_prints(tmp_path):
    """fminunc is Octave's trust-region method: the same evaluation points, so the same lines."""
    proc = run(tmp_path, "")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == OCTAVE_PRINTED


def test_quiet_objective_runs(tmp_path):
    proc = run(tmp_path, ";")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "3.0000\n"


def test_the_output_struct_of_an_optimiser_is_octaves(tmp_path):
    """fzero, fminsearch, fminbnd and fminunc run Octave's own algorithms, so their counts are
    Octave's: Octave 7.3 reports 5 iterations and 7 evaluations for fzero of cos(x) - x on
    [0, 1], and x = 2.0000, info 1, 8 iterations, 7 successful, 15 evaluations for fminunc of
    (x - 2)^2 from 0."""
    (tmp_path / "m.m").write_text("[x, fv, info, out] = fminunc(@(x) (x - 2)^2, 0);\n"
                                  "printf('%.4f %d %d %d %d\\n', x, info, out.iterations, "
                                  "out.successful, out.funcCount);\n")
    proc = subprocess.run([sys.executable, "-m", "octakd.port", "run", "m.m"], cwd=tmp_path,
                          capture_output=True, text=True, env={"PYTHONPATH": str(REPO)}, timeout=120)
    assert proc.stdout == "2.0000 1 8 7 15\n", proc.stderr
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
