"""Attacks on the translator's newer surfaces (docs/security.md, "Newer surfaces").

Each test is a hostile script or data file that once made octakd run code the script did not
express, hang, or answer differently from GNU Octave in silence. Outputs marked "Octave 7.3"
were recorded with ``octave --no-gui --quiet --norc`` on the same text.
"""
import io
import time
from contextlib import redirect_stdout

import numpy as np
import pytest

from octakd.port import PortError, port_file, run_file
from octakd.port.emit import Emitter
from octakd.port.runtime import regex as regex_module
from octakd.port.runtime import regexp, regexprep, str2double, str2num


def run_capture(path):
    buf = io.StringIO()
    with redirect_stdout(buf):
        run_file(path)
    return buf.getvalue()


# ------------------------------------------------- variable names read from a data file (load)
# ``load d.txt`` defines the variables the file names; the translator writes them as Python
# assignment targets. A name that is not an identifier was written into the Python verbatim.
INJECTED_NAMES = [
    "print;__import__('os').system('touch${IFS}PWNED');b",
    "a.b",
    "x[0]",
    "__class__.x",
    "\u00e9t\u00e9",
]


@pytest.mark.parametrize("name", INJECTED_NAMES, ids=["statement", "attribute", "subscript",
                                                      "dunder-attribute", "non-ascii"])
def test_load_variable_name_from_data_file_is_never_code(tmp_path, name):
    (tmp_path / "d.txt").write_text(f"# name: {name}\n# type: scalar\n5\n", encoding="utf-8")
    script = tmp_path / "s.m"
    script.write_text("load d.txt\n", encoding="utf-8")
    with pytest.raises(PortError, match="not a valid Octave variable name"):
        run_file(script)
    assert not (tmp_path / "PWNED").exists()


def test_load_with_a_valid_name_still_works(tmp_path):
    (tmp_path / "d.txt").write_text("# name: lambda\n# type: scalar\n5\n", encoding="utf-8")
    script = tmp_path / "s.m"
    script.write_text("load d.txt\nlambda\n", encoding="utf-8")
    assert run_capture(script) == "lambda = 5\n"          # Octave 7.3


@pytest.mark.parametrize("name", ["a;b", "a.b", "x y", "é", "1x", ""])
def test_emitter_refuses_a_name_that_is_not_an_identifier(name):
    """The backstop: whatever path a name takes into the emitter, it is never written as code."""
    with pytest.raises(PortError, match="not a valid variable name"):
        Emitter("f.m").pyname(name)


# --------------------------------------------------------------- regular expressions
def test_catastrophic_backtracking_is_bounded(monkeypatch):
    """(a*)*b on 40 a's backtracks 2^40 times: GNU Octave 7.3 hangs there (PCRE's match limit,
    then "trying harder"). octakd stops after MATCH_SECONDS with a clear error."""
    monkeypatch.setattr(regex_module, "MATCH_SECONDS", 0.3)
    start = time.monotonic()
    with pytest.raises(regex_module.RegexError, match="regexprep: matching took longer than 0.3 s"):
        regexprep("a" * 40, "(a*)*b", "x")
    with pytest.raises(regex_module.RegexError, match="regexp: matching took longer"):
        regexp("a" * 40, "(a*)*b")
    assert time.monotonic() - start < 5


def test_time_bound_leaves_no_timer_behind(monkeypatch):
    import signal
    monkeypatch.setattr(regex_module, "MATCH_SECONDS", 0.3)
    before = signal.getsignal(signal.SIGALRM)
    assert regexprep("abcb", "b", "x") == "axcx"          # Octave 7.3
    with pytest.raises(regex_module.RegexError):
        regexprep("a" * 40, "(a*)*b", "x")
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0
    assert signal.getsignal(signal.SIGALRM) is before


@pytest.mark.parametrize("rep", ["\\g<0>", "\\1", "\\x41", "\\N{DIGIT ONE}"])
def test_python_replacement_escapes_never_reach_re(rep):
    """Python's re.sub would read these; Octave's regexprep does not mean them the same way."""
    with pytest.raises(regex_module.RegexError, match="in a replacement is not supported"):
        regexprep("abc", "(b)", rep)


# --------------------------------------------------------------- numbers from text
@pytest.mark.parametrize("text, expected", [
    ("\u0661\u0662", "NaN"),          # Arabic-Indic digits: Octave 7.3 says NaN
    ("\uff11\uff12", "NaN"),          # fullwidth digits
    ("1\u00a0", "NaN"),               # a no-break space is not a blank
    ("\u00a01", "NaN"),
    ("infinity", "NaN"),              # Octave 7.3 reads only "Inf"
    ("1e400", "NaN"),                 # overflow: NaN in Octave 7.3
    ("1" * 400, "NaN"),
    ("1" * 309, "1.1111e+308"),
    (" 12 ", "12"),
])
def test_str2double_reads_only_octave_numbers(text, expected):
    value = str2double(text)
    shown = "NaN" if value != value else f"{value:.4e}" if value > 1e6 else f"{value:g}"
    assert shown == expected


@pytest.mark.parametrize("text", ["\u0661\u0662", "__import__('os')", "1+2", "exp(1)"])
def test_str2num_never_evaluates(text):
    with pytest.raises(ValueError, match="str2num: only numeric text is supported"):
        str2num(text)


# --------------------------------------------------------------- fields of non-structs
@pytest.mark.parametrize("code", ["f = @sin; x = f.label", "f = @sin; n = 'label'; x = f.(n)",
                                  "f = @(x) x; n = 'fn'; x = f.(n)",
                                  "c = {1, 2}; n = 'shape'; x = c.(n)"])
def test_python_properties_are_not_octave_fields(tmp_path, code):
    """Octave 7.3 refuses a field of a function handle or a cell; the runtime's Python
    properties (a handle's ``label``, a cell's ``shape``) must not answer instead."""
    script = tmp_path / "s.m"
    script.write_text(code + "\n", encoding="utf-8")
    with pytest.raises((PortError, TypeError, ValueError, KeyError)):
        run_capture(script)


# --------------------------------------------------------------- sizes
@pytest.mark.parametrize("code, message", [
    ("x = zeros(NaN)", "zeros: conversion of NaN"),
    ("x = ones(2, NaN)", "ones: conversion of NaN"),
    ("x = zeros([2 NaN])", "zeros: conversion of NaN"),
    ("x = blanks(1e12)", "blanks: out of memory or dimension too large"),
    ("x = zeros(1e6, 1e6)", "Unable to allocate"),
])
def test_impossible_sizes_give_a_message_naming_the_function(tmp_path, code, message):
    script = tmp_path / "s.m"
    script.write_text(code + "\n", encoding="utf-8")
    with pytest.raises((ValueError, MemoryError), match=message):
        run_capture(script)


# --------------------------------------------------------------- memory a script cannot hold
# Each script runs in a child process whose address space is capped at 3 GB: building what the
# script asks for (a 10^12-element cell, a 10^12-value for range) would take far more, so the
# child must refuse (or, for the loop, never build the range) well under the cap.
RUN_CAPPED = r"""
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
from octakd.port.cli import main
sys.exit(main(["run", sys.argv[1]]))
"""


def run_capped(tmp_path, code):
    import subprocess
    import sys
    script = tmp_path / "s.m"
    script.write_text(code + "\n", encoding="utf-8")
    return subprocess.run([sys.executable, "-c", RUN_CAPPED, str(script)], capture_output=True,
                          text=True, timeout=300)


@pytest.mark.parametrize("code, where", [
    ("a = cell(1e6, 1e6);", "cell:"),
    ("c = {}; c{1e9} = 1;", "A(I) = X:"),
    ("c = cell(2, 2); c(3e4, 3e4) = {1};", "A(I) = X:"),
])
def test_a_huge_cell_is_refused_before_it_is_built(tmp_path, code, where):
    done = run_capped(tmp_path, code)
    assert done.returncode == 1
    assert f"{where} out of memory or dimension too large for Octave's index type" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_numpy_allocation_failure_reads_as_octaves(tmp_path):
    done = run_capped(tmp_path, "x = zeros(1e6, 1e6);")
    assert done.returncode == 1
    assert done.stderr.startswith("error: ")
    assert "s.m:1: out of memory or dimension too large for Octave's index type" in done.stderr


def test_a_long_for_range_is_walked_not_stored(tmp_path):
    done = run_capped(tmp_path, "for k = 1:1e12\n if k > 2, break; end\nend\ndisp(k)\n"
                                "for x = 0.5:0.5:1e15\n if x > 1, break; end\nend\ndisp(x)")
    assert (done.returncode, done.stdout, done.stderr) == (0, "3\n1.5000\n", "")


def test_an_infinite_for_range_warns_as_octave(tmp_path):
    done = run_capped(tmp_path, "for i = 1:Inf\n if i > 3, break; end\nend\ndisp(i)")
    assert done.returncode == 0 and done.stdout == "4\n"
    assert done.stderr == ("warning: FOR loop limit is infinite, will stop after "
                           "9223372036854775807 steps\n")


@pytest.mark.parametrize("base, inc, limit", [(0, 0.1, 7000), (1, 1, 70000), (-3, -0.25, -20000),
                                               (10, 3, 2e5 + 1), (0.5, 1e-1, 6600.05)])
def test_a_walked_range_has_colons_values(base, inc, limit):
    from octakd.port.runtime import colon, irange
    walked = list(irange(base, inc, limit))
    stored = np.asarray(colon(base, inc, limit)).ravel()
    assert len(walked) == stored.size > 2 ** 16
    assert np.array_equal(np.asarray(walked, dtype=float), stored)
    assert all(type(v) is float for v in walked)      # doubles, as Octave's (never exact ints)


def test_a_bad_linear_resize_is_octaves_error(tmp_path):
    # Octave 7.3 prints these four lines (recorded by hand): the error is Octave's own, with
    # its identifier, for a matrix and for a cell alike.
    script = tmp_path / "s.m"
    script.write_text("A = ones(5); c = cell(5);\n"
                      "try, A(26) = 1; catch e, disp(e.identifier), disp(e.message), end\n"
                      "try, c(26) = {1}; catch e, disp(e.identifier), disp(e.message), end\n")
    message = ("Invalid resizing operation or ambiguous assignment to an out-of-bounds array "
               "element")
    assert run_capture(script) == f"Octave:invalid-resize\n{message}\n" * 2


@pytest.mark.parametrize("code, message", [
    ("[a, b] = (3);", "multiple return values of an expression that is not a call"),
    ("[a, b] = [1 2];", "multiple return values of an expression that is not a call"),
    ("[a, b] = 'text';", "multiple return values of an expression that is not a call"),
    ("[c, h] = contour([1 2; 3 4]);", "multiple return values of 'contour' are not supported"),
])
def test_multiple_assignment_from_what_gives_one_value_is_refused_not_a_crash(tmp_path, code,
                                                                               message):
    script = tmp_path / "s.m"
    script.write_text(code + "\n")
    with pytest.raises(PortError, match=message):
        port_file(str(script))
