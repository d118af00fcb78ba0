"""``clear`` and ``clearvars`` after assignments (octakd/port/emit_clear.py).

The probes ``tests/port_probes/l3_clear_*.m`` compare the output with GNU Octave 7.3's; the
expected output of the persistent-reset test below was recorded with Octave 7.3 too.
"""
import pytest

from port_run import printed, run_text

from octakd.port import PortError, port_source


def test_clear_names_leave_the_module_and_the_translator_forgets_them():
    code = port_source("a1 = 1; a2 = 2; b = 3;\nclear a*\n", "s.m")
    assert "clear_variables(globals(), 'a1', 'a2')" in code


def test_clear_all_resets_persistent_variables_of_function_files(tmp_path):
    (tmp_path / "tick.m").write_text("function n = tick()\n  persistent c\n"
                                     "  if isempty(c), c = 0; end\n  c = c + 1;\n  n = c;\nend\n")
    (tmp_path / "main.m").write_text("tick(); tick();\ndisp(tick())\nclear all\ndisp(tick())\n"
                                     "clear functions\ndisp(tick())\nclear variables\n"
                                     "disp(tick())\n")
    assert printed(tmp_path / "main.m") == "3\n1\n1\n2\n"          # GNU Octave 7.3


def test_clear_before_any_assignment_is_a_comment(tmp_path):
    assert run_text(tmp_path, "clear all\nclose all\nx = 1\n") == "x = 1\n"


@pytest.mark.parametrize("src, line, col, message", [
    ("x = 1;\nclear x\ny = x;\n", 3, 5, "'x' is used before it is assigned"),
    ("x = 1;\nif x\n  clear x\nend\n", 3, 3, "'clear' inside an if/for/while block"),
    ("1;\nfunction f()\n  y = 2;\n  clear y\nend\n", 4, 3, "'clear' inside a function"),
    ("1;\nfunction f()\nend\nx = 1;\nclear all\n", 5, 1, "'clear all' after the script defined"),
    ("x = 1;\nclear -regexp ^x\n", 2, 1, "'clear -regexp ^x' is not supported"),
    ("x = 1;\nclear all x\n", 2, 1, "'clear all x' is not supported"),
])
def test_refusals(src, line, col, message):
    with pytest.raises(PortError) as info:
        port_source(src, "s.m")
    assert f"s.m:{line}:{col}: {message}" in str(info.value)
