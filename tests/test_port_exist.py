"""``exist`` and ``isvarname``; the probes ``exist_*.m`` in tests/port_probes cover the common
cases (optional parameters, a variable assigned later in a loop, Octave's own functions).

``tests/port_lang/exist/main.out`` is GNU Octave 7.3's output for ``main.m`` run in that folder
(a function file ``ff.m``, a file ``data.txt`` and a folder ``sub`` beside it).
"""
import io
import shutil
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from octakd.port import PortError, port_source, run_file
from octakd.port.runtime import exist, isvarname
from octakd.port.runtime.functions import OctaveError
from octakd.port.runtime.octave_names import BUILTINS, KEYWORDS, M_FILES, OCT_FILES

HERE = Path(__file__).parent / "port_lang" / "exist"


def test_exist_in_a_folder_runs_like_octave(tmp_path, monkeypatch):
    shutil.copytree(HERE, tmp_path / "p")
    monkeypatch.chdir(tmp_path / "p")
    buf = io.StringIO()
    with redirect_stdout(buf):
        run_file(tmp_path / "p" / "main.m")
    assert buf.getvalue() == (HERE / "main.out").read_text()


def test_a_literal_name_is_resolved_when_porting():
    code = port_source("1;\nfunction r = f(a)\n  r = exist('a', 'var');\nend\nx = 1;\n"
                       "y = exist('x');\nz = exist('f');\n", "s.m")
    assert "exist('a', 'var', var=a is not MISSING)" in code
    assert "exist('x', var=True)" in code
    assert "exist('f', var=False, user=103)" in code


def test_recorded_tables():
    # Octave 7.3's answers, by hand from `exist` in Octave: sin built-in, num2str an m-file,
    # __glpk__ compiled; no name in two tables; the keywords are not functions
    assert "sin" in BUILTINS and "num2str" in M_FILES and "__glpk__" in OCT_FILES
    assert not (BUILTINS & M_FILES or BUILTINS & OCT_FILES or M_FILES & OCT_FILES)
    assert "for" in KEYWORDS and "for" not in BUILTINS


def test_runtime_answers_without_a_scope(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    (tmp_path / "f.csv").write_text("1\n")
    assert exist("sin", var=False) == 5
    assert exist("sin", "file", var=False) == 0
    assert exist("strsplit", "file", var=False) == 2
    assert exist("d", var=False) == 7 and exist("d", "dir", var=False) == 7
    assert exist("f.csv", var=False) == 2 and exist("f.csv", "dir", var=False) == 0
    assert exist("no_such_name_here", var=False) == 0
    assert exist("x", "var", var=True) == 1 and exist("x", "file", var=True) == 0
    with pytest.raises(OctaveError, match='exist: unrecognized type argument "bogus"'):
        exist("x", "bogus", var=False)


def test_exist_ans_is_refused():
    with pytest.raises(PortError, match=r"s.m:1:7: exist\('ans'\) is not supported"):
        port_source("exist('ans')\n", "s.m")


def test_a_computed_name_of_a_script_function_is_refused(tmp_path):
    script = tmp_path / "s.m"
    script.write_text("1;\nfunction r = g()\n  r = 1;\nend\nn = 'g';\nexist(n)\n")
    with pytest.raises(OctaveError, match="exist: 'g' is a function of the script"):
        with redirect_stdout(io.StringIO()):
            run_file(script)


@pytest.mark.parametrize("name, valid", [
    ("abc", True), ("a_b2", True), ("_x", True), ("1abc", False), ("", False), (5, False),
    ("end", False), ("a b", False), ("a" * 63, True), ("a" * 64, True), ("é", False)])
def test_isvarname(name, valid):
    assert isvarname(name) is valid
