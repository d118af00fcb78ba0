"""A caught error is Octave 7.3's struct (message, identifier, stack); ``print_usage``;
``error(struct)``; what stays refused. The probes ``err_stack.m``, ``err_struct.m`` and
``print_usage1.m`` in tests/port_probes cover the rest.

``tests/port_lang/errors/show_err.out`` is GNU Octave 7.3's output for ``show_err.m`` (which
displays ``err`` with its stack), recorded in another folder: ``@DIR@`` stands for the folder
of the script, whose absolute path Octave shows in ``stack.file``.
"""
import io
import shutil
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from port_run import printed, run_text

from octakd.port import PortError, port_file, run_file
from octakd.port.runtime.functions import OctaveError

HERE = Path(__file__).parent / "port_lang" / "errors"
ROOT = Path(__file__).parent.parent



def test_displayed_error_shows_octaves_struct_with_the_scripts_path(tmp_path):
    shutil.copy(HERE / "show_err.m", tmp_path / "show_err.m")
    buf = io.StringIO()
    with redirect_stdout(buf):
        run_file(tmp_path / "show_err.m")
    expected = (HERE / "show_err.out").read_text().replace("@DIR@", str(tmp_path.resolve()))
    assert buf.getvalue() == expected


def test_stack_of_a_ported_file_run_by_python_is_refused(tmp_path):
    # without `octakd run` the positions of the translated code are unknown: refuse the stack
    (tmp_path / "s.m").write_text("try\n  error('a:b', 'x');\ncatch err\n  disp(err.message)\n"
                                  "  disp(err.stack)\nend\n")
    port_file(tmp_path / "s.m", tmp_path / "s.py")
    done = subprocess.run([sys.executable, "s.py"], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT)}, timeout=120)
    assert done.stdout == "x\n"
    assert "the stack of this error is not known" in done.stderr


def test_error_of_a_struct_the_script_made(tmp_path):
    out = run_text(tmp_path, "s.message = 'boom'; s.identifier = 'p:q';\ntry\n  error(s);\n"
                             "catch e\n  printf('%s|%s\\n', e.identifier, e.message);\nend\n")
    assert out == "p:q|boom\n"


def test_error_of_a_struct_with_a_made_up_stack_is_refused(tmp_path):
    with pytest.raises(TypeError, match="only the 'stack' of a caught error is supported"):
        run_text(tmp_path, "s.message = 'boom'; s.stack = 1;\nerror(s);\n")


def test_a_changed_caught_error_is_thrown_with_its_new_message(tmp_path):
    out = run_text(tmp_path, "try\n  error('a:b', 'one');\ncatch e\n  e.message = 'two';\n"
                             "  try\n    rethrow(e);\n  catch f\n    disp(f.message)\n  end\nend\n")
    assert out == "two\n"


def test_print_usage_in_a_function_file_is_refused(tmp_path):
    (tmp_path / "g.m").write_text("function g()\n  print_usage();\nend\n")
    (tmp_path / "m.m").write_text("g();\n")
    with pytest.raises(PortError, match="g.m:2:3: print_usage in a function file"):
        run_file(tmp_path / "m.m")


def test_print_usage_message(tmp_path):
    with pytest.raises(OctaveError, match="print_usage: 'f' not found"):
        run_text(tmp_path, "1;\nfunction f()\n  print_usage();\nend\nf();\n")
