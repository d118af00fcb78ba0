"""Fixes for constructs found in the real-script corpus (docs/port-corpus.md).

Each construct is reduced to a probe of our own in tests/port_probes (recorded from GNU
Octave 7.3) where octakd now prints what Octave prints; where octakd cannot match Octave, the
test here checks that it stops with a clear error instead of printing another number.
"""
import math

import pytest

from octakd.port import runtime as rt
from octakd.port.runtime.functions import OctaveError


def test_quad_refuses_a_result_quadpack_did_not_converge_to():
    """Octave prints 'ABNORMAL RETURN FROM DQAGP' and 90.890 for 1/x on [0, 1] (NaN when the
    integrand reaches Inf); SciPy's QUADPACK call stops elsewhere: octakd must not print its own."""
    with pytest.raises(OctaveError, match="quad: QUADPACK did not converge"):
        rt.quad(lambda x: 1.0 / x, 0.0, 1.0)
    with pytest.raises(OctaveError, match="quad: QUADPACK did not converge"):
        rt.quad(lambda x: abs(math.log(abs(x))) if x else math.inf, -1.0, 1.0)
    assert abs(rt.quad(lambda x: x * x, 0.0, 3.0) - 9.0) < 1e-12      # a converged one still runs


def test_an_unterminated_block_comment_runs_to_the_end_of_the_file(capsys):
    """Octave warns and ignores the rest of the file (a corpus file closed it with '}%');
    the probe block_comment_open checks the output, this that it is no longer refused."""
    from octakd.port.lexer import tokenize
    tokens = tokenize("x = 1\n%{\ny = 2\n}%\n", "f.m")
    assert [t.value for t in tokens if t.kind == "ID"] == ["x"]
    assert "block comment unterminated" in capsys.readouterr().err


def test_colon_takes_the_first_element_of_an_array_operand(capsys):
    """``2:size(theta)`` (course code): Octave uses size's first element, with a warning."""
    import numpy as np
    assert np.asarray(rt.colon(2, np.array([[4.0, 1.0]]))).tolist() == [[2.0, 3.0, 4.0]]
    assert "colon arguments should be scalars" in capsys.readouterr().err
    assert np.asarray(rt.colon(1, np.zeros((0, 0)))).shape == (1, 0)


def test_title_and_legend_take_leading_handles(tmp_path):
    """``title(s(1), text)`` on a subplot's handle and ``legend([p, p1], {'a', 'b'})`` (two
    corpus scripts stopped on them): the title lands on that axes, the labels on those lines."""
    from octakd.port import run_file
    from octakd.port.runtime import figures
    script = tmp_path / "s.m"
    script.write_text("s(1) = subplot(2, 1, 1);\np = plot(1:3);\nhold on\np1 = plot(3:-1:1);\n"
                      "s(2) = subplot(2, 1, 2);\nplot(1:2);\n"
                      "title(s(1), 'top');\nlegend([p1, p], {'b', 'a'});\n")
    figures.configure(str(tmp_path))
    try:
        run_file(script)
        top, bottom = figures.current_axes().figure.axes
        assert top.get_title() == "top" and bottom.get_title() == ""
        legend = top.get_legend()
        assert [t.get_text() for t in legend.get_texts()] == ["b", "a"]
        first, second = top.lines[:2]
        assert first.get_color() != second.get_color()
        assert legend.legend_handles[0].get_color() == second.get_color()    # p1 is named 'b'
    finally:
        figures.finish()


@pytest.mark.parametrize("name", ["default_param", "backslash_continuation", "index_call_result"])
def test_octave_extensions_run_instead_of_being_refused(name, tmp_path):
    """``function r = f(a, b=10)``, a line continued with '\\' (two Rosetta Code pages) and
    ``size(A)(1)`` (a numcalc script):
    Octave 7 runs them, so octakd must too, not refuse (the probe checks the output)."""
    from pathlib import Path
    from test_port_probes import run_forked
    probes = Path(__file__).parent / "port_probes"
    script = tmp_path / f"{name}.m"
    script.write_text((probes / f"{name}.m").read_text())
    code, out, err = run_forked(script, tmp_path)
    assert (code, out) == (0, (probes / f"{name}.out").read_bytes()), err.decode()


def test_showing_a_graphics_handle_is_refused(tmp_path):
    """``p = plot(...)`` without a semicolon: Octave prints a number with a random fraction
    (-6.3352), octakd must not print its own (a corpus script did, once legend(p, ...) ran)."""
    from octakd.port import run_file
    from octakd.port.runtime import figures
    script = tmp_path / "s.m"
    script.write_text("p = plot(1:3);\nset(p, 'LineWidth', 2);\nlegend(p, 'a');\np\n")
    figures.configure(str(tmp_path))
    try:
        with pytest.raises(Exception, match="showing a graphics handle is not supported"):
            run_file(script)
    finally:
        figures.finish()
