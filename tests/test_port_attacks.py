"""Attacks on the translator's newer surfaces (docs/security.md, "Newer surfaces").

Each test is a hostile script or data file that once made octakd run code the script did not
express, hang, or answer differently from GNU Octave in silence. Outputs marked "Octave 7.3"
were recorded with ``octave --no-gui --quiet --norc`` on the same text.
"""
import io
import time
from contextlib import redirect_stdout

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
