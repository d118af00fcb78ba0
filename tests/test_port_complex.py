"""Complex values in `octakd run`: Octave's order, computed by hand here (the probes
complex_*.m compare whole scripts with GNU Octave's recorded output), and the reasons given
where complex values are not supported."""
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from octakd.port.runtime import cummax, gt, le, lt, ge, max as octave_max, sort

ROOT = Path(__file__).resolve().parents[1]


def test_arrays_compare_by_modulus_then_argument():
    a = np.array([[3 + 1j, -4 + 0j, 1 - 1j, 2j]])
    # moduli 3.16, 4, 1.41, 2 against 2 (modulus 2, argument 0): only 1-1i is smaller;
    # 2i has the same modulus and a larger argument (pi/2 > 0)
    assert lt(a, 2).tolist() == [[False, False, True, False]]
    assert le(a, 2).tolist() == [[False, False, True, False]]
    assert gt(a, 2).tolist() == [[True, True, False, True]]
    assert ge(2j, a).tolist() == [[False, False, True, True]]


def test_a_real_operand_counts_as_argument_zero_even_when_negative():
    # -4 against 4i: equal moduli; the real -4 counts as argument 0 < pi/2, the complex
    # -4+0i has argument pi > pi/2 (GNU Octave 7.3: [-4, 1] < 4i is [1 1], [-4 4i] > 4i is [1 0])
    assert lt(np.array([[-4.0, 1.0]]), 4j).tolist() == [[True, True]]
    assert gt(np.array([[-4 + 0j, 4j]]), 4j).tolist() == [[True, False]]


def test_an_argument_of_minus_pi_counts_as_pi():
    z = np.array([[complex(-4, -0.0)]])          # np.angle gives -pi
    assert gt(z, 4j) is True


def test_max_takes_the_first_largest_in_the_order():
    m, i = octave_max(np.array([[1j, -1j, 1, -1, -1]]), nargout=2)
    assert m == -1 and i == 4.0                  # argument pi beats pi/2, 0 and -pi/2
    s, k = sort(np.array([[1j, -1j, 1, -1]]), nargout=2)
    assert k.tolist() == [[2.0, 3.0, 1.0, 4.0]]


def test_unsupported_complex_calls_say_so():
    with pytest.raises(TypeError, match="cummax: complex values are not supported by octakd run"):
        cummax(np.array([[1j, 2]]))


def test_ordering_two_complex_scalars_stops_with_a_reason(tmp_path):
    script = tmp_path / "cmp.m"
    script.write_text("z = 3 + 4i;\nif z < 6\n  disp(1)\nend\n")
    done = subprocess.run([sys.executable, "-m", "octakd", "run", str(script)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith(f"error: {script}:2: comparing a complex number")
    assert "Traceback" not in done.stderr
