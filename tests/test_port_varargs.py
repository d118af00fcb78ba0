"""``varargin`` and ``varargout`` in function headers, in a script's functions and in function
files; the probes ``varargin*.m``/``varargout*.m`` in tests/port_probes cover the display.

``tests/port_lang/varargs/main.out`` is GNU Octave 7.3's output for ``main.m`` (which calls the
function file ``sumall.m`` beside it).
"""
import shutil
from pathlib import Path

import pytest

from port_run import printed, run_text

from octakd.port import PortError, port_source
from octakd.port.runtime.functions import OctaveError

HERE = Path(__file__).parent / "port_lang" / "varargs"



def test_function_file_with_varargin_and_varargout_runs_like_octave(tmp_path):
    shutil.copytree(HERE, tmp_path / "p")
    assert printed(tmp_path / "p" / "main.m") == (HERE / "main.out").read_text()


def test_varargin_is_a_python_star_parameter_and_a_cell():
    code = port_source("1;\nfunction r = f(a, varargin)\n  r = nargin;\nend\n", "s.m")
    assert "def f(a=MISSING, *varargin, nargout=1):" in code
    assert "varargin = varargin_cell(varargin)" in code
    assert "_nargin = count_args(a) + len(varargin)" in code


def test_nargin_counts_varargin(tmp_path):
    out = run_text(tmp_path, "1;\nfunction f(a, varargin)\n  disp(nargin)\nend\n"
                             "f(1)\nf(1, 2, 3)\nf()\n")
    assert out == "1\n3\n0\n"


def test_empty_varargin_is_a_0x0_cell(tmp_path):
    out = run_text(tmp_path, "1;\nfunction f(varargin)\n  disp(size(varargin))\nend\n"
                             "f()\nf(1, 2)\n")
    assert out == "   0   0\n   1   2\n"


def test_too_few_varargout_values_is_octaves_error(tmp_path):
    with pytest.raises(OctaveError, match="element number 2 undefined in return list"):
        run_text(tmp_path, "1;\nfunction varargout = f()\n  varargout{1} = 1;\nend\n"
                           "[a, b] = f();\n")


def test_varargout_that_is_not_a_cell_is_octaves_error(tmp_path):
    with pytest.raises(OctaveError, match="varargout must be a cell array object"):
        run_text(tmp_path, "1;\nfunction varargout = f()\n  varargout = 1;\nend\nx = f();\n")


def test_no_varargout_value_for_one_output_is_octaves_error(tmp_path):
    with pytest.raises(OctaveError, match="value on right hand side of assignment is undefined"):
        run_text(tmp_path, "1;\nfunction varargout = f()\nend\nx = f();\n")


def test_varargin_must_be_last():
    with pytest.raises(PortError, match="'varargin' must be the last name"):
        port_source("1;\nfunction f(varargin, a)\nend\n", "s.m")
    with pytest.raises(PortError, match="'varargout' must be the last name"):
        port_source("1;\nfunction [varargout, a] = f()\nend\n", "s.m")


def test_handle_to_a_varargin_function_counts_negative(tmp_path):
    out = run_text(tmp_path, "1;\nfunction varargout = f(a, varargin)\nend\nh = @f;\n"
                             "disp(nargin(h))\ndisp(nargout(h))\ndisp(nargin('f'))\n")
    assert out == "-2\n-1\n-2\n"


def test_spread_into_varargout_is_refused_outside_its_idiom():
    with pytest.raises(PortError, match="only '\\[c\\{1:nargout\\}\\] = f\\(...\\)' is supported"):
        port_source("c = {};\n[c{1:2}] = max([5 6]);\n", "s.m")
    with pytest.raises(PortError, match="is only supported inside a function"):
        port_source("c = {};\n[c{1:nargout}] = max([5 6]);\n", "s.m")


def test_spread_into_a_cell_that_holds_values_is_refused(tmp_path):
    with pytest.raises(OctaveError, match="already holds values"):
        run_text(tmp_path, "1;\nfunction varargout = f()\n  varargout = {1};\n"
                           "  [varargout{1:nargout}] = max([1 2]);\nend\nx = f();\n")
