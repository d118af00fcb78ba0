"""``global`` and ``persistent`` variables; the probes ``global_*.m``/``persistent_*.m`` in
tests/port_probes cover the display.

``tests/port_lang/declare/main.out`` is GNU Octave 7.3's output for ``main.m``, which calls the
function file ``nextid.m`` (a persistent counter) beside it. ``tests/port_lang/globals/main.out``
is Octave's output for ``main.m`` there, whose globals are shared with function files.
"""
import shutil
from pathlib import Path

import pytest

from port_run import printed, run_text

from octakd.port import PortError, port_file, port_source, run_file

HERE = Path(__file__).parent / "port_lang" / "declare"
GLOBALS = Path(__file__).parent / "port_lang" / "globals"



def test_persistent_in_a_function_file_runs_like_octave(tmp_path):
    shutil.copytree(HERE, tmp_path / "p")
    assert printed(tmp_path / "p" / "main.m") == (HERE / "main.out").read_text()


def test_a_global_is_an_attribute_of_the_shared_globals():
    code = port_source("1;\nfunction f()\n  global G\n  G = 2;\nend\nglobal G\nf();\n", "s.m")
    assert "    octave_global('G')\n    octave_globals.G = 2\n" in code
    assert "global G" not in code


def test_globals_are_shared_with_function_files_like_octave(tmp_path):
    shutil.copytree(GLOBALS, tmp_path / "p")
    assert printed(tmp_path / "p" / "main.m") == (GLOBALS / "main.out").read_text()


def test_port_output_shares_globals_across_modules(tmp_path):
    import subprocess
    import sys
    shutil.copytree(GLOBALS, tmp_path / "p")
    out = tmp_path / "out"
    out.mkdir()
    port_file(tmp_path / "p" / "main.m", out / "main.py")
    root = Path(__file__).parent.parent
    run = subprocess.run([sys.executable, "main.py"], cwd=out, capture_output=True, text=True,
                         env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert run.stdout == (GLOBALS / "main.out").read_text(), run.stderr


def test_a_run_starts_with_no_globals(tmp_path):
    src = "global G\ndisp(isempty(G))\nG = 4;\n"
    assert run_text(tmp_path, src) == "1\n"
    assert run_text(tmp_path, src) == "1\n"


def test_script_variable_and_a_functions_global_of_one_name_stay_apart(tmp_path):
    out = run_text(tmp_path, "1;\nfunction f()\n  global G\n  G = 2;\nend\nG = 5;\nf();\n"
                             "disp(G)\n")
    assert out == "5\n"                    # GNU Octave 7.3 prints 5


def test_persistent_variables_of_two_functions_stay_apart(tmp_path):
    out = run_text(tmp_path, "1;\nfunction r = f()\n  persistent a_b\n"
                             "  if isempty(a_b), a_b = 0; end\n"
                             "  a_b = a_b + 1; r = a_b;\nend\n"
                             "function r = f_a()\n  persistent b\n  if isempty(b), b = 10; end\n"
                             "  b = b + 10; r = b;\nend\n"
                             "f(); f_a(); disp([f() f_a()])\n")
    assert out == "    2   30\n"


def test_functions_share_a_global_the_script_never_names(tmp_path):
    out = run_text(tmp_path, "1;\nfunction set_it(v)\n  global S\n  S = v;\nend\n"
                             "function r = get_it()\n  global S\n  r = S;\nend\n"
                             "set_it(4);\ndisp(get_it())\n")
    assert out == "4\n"


@pytest.mark.parametrize("src, line, col, message", [
    ("1;\nfunction r = f()\n  global G\n  r = @() G;\nend\n", 4, 7,
     "an anonymous function that captures the global 'G' is not supported"),
    ("global G\nwhile (G = 1) < 0, end\n", 2, 8,
     "assigning the global 'G' inside an expression is not supported"),
    ("x = 1;\nglobal x\n", 2, 8, "'x' is already a variable here"),
    ("persistent p\n", 1, 1, "'persistent' is only allowed inside a function"),
    ("global y = 3\n", 1, 10, "an initial value in 'global x = v' is not supported"),
    ("1;\nfunction r = f(a)\n  persistent a\nend\n", 2, 1, "'a' is a parameter or output"),
    ("global\n", 1, 1, "'global' needs the names"),
    ("global G\nG = 1;\nwho\n", 3, 1, "who in a scope with global variables is not supported"),
    ("global G\nn = 'G';\ne = exist(n);\n", 3, 5, "exist in a scope with global variables"),
])
def test_refusals(src, line, col, message):
    with pytest.raises(PortError) as info:
        port_source(src, "s.m")
    assert f"s.m:{line}:{col}: {message}" in str(info.value)


def test_a_global_never_set_is_empty_in_a_function_file(tmp_path):
    (tmp_path / "gg.m").write_text("function r = gg()\n  global Z\n  r = Z;\nend\n")
    (tmp_path / "main.m").write_text("x = gg()\n")
    assert printed(tmp_path / "main.m") == "x = [](0x0)\n"     # GNU Octave 7.3
