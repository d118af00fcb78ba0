"""Control flow and errors in ported scripts: switch, try/catch, do-until, unwind_protect,
error/warning/lasterr/rethrow/narginchk, uncaught errors, and ``port --check``.

``tests/port_flow/NAME.{out,err,status}`` are GNU Octave 7.3's stdout, stderr and exit status
for ``NAME.m`` (``tests/port_flow/record.sh``). Octave 7.3 ends the stderr of a session that saw
an error with ``error: ignoring const execution_exception& while preparing to exit``, and after
``warning on`` warns about its own ``close.m`` at exit; those shutdown lines are dropped before
comparing. Stdout of the constructs themselves is covered by ``tests/port_probes/flow_*.m``.
"""
import io
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import numpy as np
import pytest

from octakd.port import PortError, port_source
from octakd.port.cli import main as port_main
from octakd.port.errors import PortErrors
from octakd.port.runtime import errors as E
from octakd.port.runtime.functions import OctaveError

HERE = Path(__file__).parent / "port_flow"
ROOT = Path(__file__).parent.parent
SCRIPTS = sorted(p.stem for p in HERE.glob("*.m"))
SHUTDOWN = ("preparing to exit", "/m/plot/util/close.m")


def _octave_stderr(name):
    lines = (HERE / f"{name}.err").read_text().splitlines(keepends=True)
    return "".join(l for l in lines if not any(s in l for s in SHUTDOWN))


@pytest.mark.parametrize("name", SCRIPTS)
def test_uncaught_errors_and_warnings_print_what_octave_prints(name, tmp_path):
    script = tmp_path / f"{name}.m"
    script.write_bytes((HERE / f"{name}.m").read_bytes())
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "octakd.port", "run", str(script)], cwd=tmp_path,
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.stdout == (HERE / f"{name}.out").read_text()
    assert done.stderr == _octave_stderr(name)
    assert done.returncode == int((HERE / f"{name}.status").read_text())


# ----------------------------------------------------------------------------- error()
def _raised(*args):
    with pytest.raises(OctaveError) as info:
        E.error(*args)
    return info.value.identifier, info.value.message


@pytest.mark.parametrize("args, expected", [
    (("plain %d",), ("", "plain %d")),                  # one argument: the text as written
    (("a:b", "v=%d", 3), ("a:b", "v=3")),
    (("a: b %d", 3), ("", "a: b 3")),                   # whitespace: not an identifier
    ((":ab", "x"), ("", ":ab")),                        # ':' first: not an identifier
    (("ab:", "x"), ("", "ab:")),
    (("a%b:c", "x"), ("", "a%b:c")),
    (("a:b",), ("", "call to error with message identifier 'a:b' requires message")),
    (("msg\n",), ("", "msg")),
])
def test_error_follows_octaves_identifier_rule(args, expected):
    assert _raised(*args) == expected


def test_error_with_trailing_newline_has_no_trace():
    with pytest.raises(OctaveError) as info:
        E.error("done\n")
    assert info.value.traceback is False
    assert E.uncaught_text(info.value) == "error: done\n"


def test_catch_keeps_octave_messages_and_refuses_octakds_own():
    caught = E.catch_error(OctaveError("p:q", "text"), "s.m", 3, 1)
    assert (caught.message, caught.identifier) == ("text", "p:q")
    assert E.lasterr() == "text"
    other = E.catch_error(IndexError("index (5): out of bound 3"), "s.m", 7, 2)
    with pytest.raises(PortError, match=r"^s\.m:7:2: the text of this error is octakd's"):
        other.message
    with pytest.raises(PortError, match=r"^s\.m:7:2: "):
        E.lasterr()
    with pytest.raises(PortError):                     # a refusal is never caught
        E.catch_error(PortError("s.m", 1, 1, "refused"), "s.m", 2, 1)
    E.reset_warnings()
    assert E.lasterr() == ""


@pytest.mark.parametrize("value, labels, expected", [
    (3, (3,), True), (3, (1, 2), False), (2, (1, 2), True),
    ("abc", ("abc",), True), ("abc", ("ABC",), False), ("abc", ("ab",), False),
    ("a", (97,), True), (98, ("b",), True), (True, (1,), True),
    (np.zeros((0, 0)), (1,), False), (np.zeros((0, 0)), ("",), True), ("", ("",), True),
    (np.array([[1.0, 2.0]]), (1,), False), (np.array([[1.0, 2.0]]), (np.array([[1.0, 2.0]]),), True),
    (1, (np.array([[1.0, 2.0]]),), False), (np.nan, (np.nan,), False),
])
def test_switch_match_is_octaves_is_equal(value, labels, expected):
    assert E.switch_match(value, *labels) is expected


def test_narginchk_messages():
    E.narginchk(1, 2, 2)
    with pytest.raises(OctaveError, match="^narginchk: not enough input arguments$"):
        E.narginchk(2, 3, 1)
    with pytest.raises(OctaveError, match="^narginchk: too many input arguments$"):
        E.narginchk(0, 1, 2)


def test_warning_states():
    E.reset_warnings()
    buf = io.StringIO()
    with redirect_stderr(buf):
        E.warning("x:y", "one %d", 1)
        E.warning("off", "x:y")
        E.warning("x:y", "silenced")
        E.warning("other:id", "two")
        E.warning("off", "all")
        E.warning("three")
        E.warning("on", "x:y")
        E.warning("x:y", "four")
        E.warning("on", "all")
        E.warning("off", "backtrace")
        E.warning("five %d")
    E.reset_warnings()
    assert buf.getvalue() == ("warning: one 1\nwarning: two\nwarning: four\n"
                              "warning: five %d\n")


# ----------------------------------------------------------------------------- translation
def test_caught_error_message_of_a_python_error_is_refused_when_run(tmp_path):
    script = tmp_path / "s.m"
    script.write_text("x = [1 2 3];\ntry\n  y = x(5);\ncatch err\n  disp(err.message);\nend\n")
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = port_main(["run", str(script)])
    assert status == 1 and out.getvalue() == ""
    assert err.getvalue().startswith(f"octakd run: {script}:4:1: the text of this error is octakd's")


def test_do_until_condition_is_tested_after_continue():
    code = port_source("k = 0;\ndo\n  k = k + 1;\n  if k > 1, continue; end\nuntil k >= 3\n", "d.m")
    body = code.splitlines()
    at = body.index("_do1 = True")
    assert body[at + 1:at + 3] == ["while _do1 or not (k >= 3):", "    _do1 = False"]


def test_switch_keeps_each_case_on_its_line():
    src = "x = 2;\nswitch x\n  case 1\n    y = 1;\n  case {2, 3}\n    y = 2;\n  otherwise\n    y = 0;\nend\n"
    body = port_source(src, "s.m").splitlines()[4:]
    assert body[1] == "_switch1 = x"
    assert body[2] == "if switch_match(_switch1, 1):"
    assert body[4] == "elif switch_match(_switch1, 2, 3):"
    assert body[6] == "else:"


# ----------------------------------------------------------------------------- all refusals
BAD = """persistent g
parfor k = 1:2
  y = undefined_var + 1;
end
z = 1 2;
try
  w = 3;
catch err
  disp(MException(1));
end
q = undefined_function(4);
"""
EXPECTED = ["1:1: 'persistent' is only allowed", "2:1: parfor", "3:7: 'undefined_var' is undefined",
            "5:7: unexpected '2'", "9:8: 'MException' does not exist",
            "11:5: the function 'undefined_function'"]


def test_every_refusal_is_listed_sorted_by_line():
    with pytest.raises(PortErrors) as info:
        port_source(BAD, "bad.m")
    lines = str(info.value).split("\n")
    assert len(lines) == len(EXPECTED)
    wanted = sorted(EXPECTED, key=lambda w: tuple(int(n) for n in w.split(":")[:2]))
    for line, want in zip(lines, wanted):
        assert line.startswith(f"bad.m:{want.split(': ')[0]}: "), (line, want)
        assert want.split(": ", 1)[1] in line


def test_check_lists_all_and_exits_1(tmp_path, capsys):
    script = tmp_path / "bad.m"
    script.write_text(BAD)
    assert port_main(["port", "--check", str(script)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(EXPECTED)
    assert all(l.startswith(f"{script}:") for l in out)
    assert [int(l.split(":")[1]) for l in out] == [1, 2, 3, 5, 9, 11]


def test_check_ok_exits_0(tmp_path, capsys):
    script = tmp_path / "good.m"
    script.write_text("x = 1;\nswitch x, case 1, disp('one'); end\n")
    assert port_main(["port", "--check", str(script)]) == 0
    assert capsys.readouterr().out == f"{script}: OK, every construct can be translated\n"


@pytest.mark.parametrize("command", ["port", "run"])
def test_port_and_run_list_every_refusal(command, tmp_path, capsys):
    script = tmp_path / "bad.m"
    script.write_text(BAD)
    assert port_main([command, str(script)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == len(EXPECTED)
    assert all(l.startswith(f"octakd {command}: {script}:") for l in err)


def test_statements_inside_a_refused_block_header_are_still_checked():
    src = "parfor k = 1:2\n  persistent g\nend\nz = 2;\n"
    with pytest.raises(PortErrors) as info:
        port_source(src, "b.m")
    assert [(e.lineno, e.col) for e in info.value.errors] == [(1, 1), (2, 3)]


def test_an_undefined_name_in_a_block_is_octaves_error_where_it_runs(tmp_path):
    """GNU Octave 7.3: ``1``, then ``error: 'undefined_q' undefined near line 3, column 9``;
    at the script's top level the same name is refused when porting (gaps.md G10)."""
    from port_run import run_text
    from octakd.port.runtime.functions import OctaveError
    src = "for k = 1:2\n  if k == 2\n    q = undefined_q + 1;\n  end\n  disp(k)\nend\n"
    with pytest.raises(OctaveError, match="'undefined_q' undefined near line 3, column 9"):
        run_text(tmp_path, src)
    with pytest.raises(PortError, match="s.m:1:5: 'undefined_q' is undefined"):
        port_source("q = undefined_q + 1;\n", "s.m")


def test_octave_arithmetic_prints_no_numpy_warnings(tmp_path):
    """Inf - Inf is NaN in silence in Octave; NumPy scalars would warn on stderr (gaps.md G12)."""
    import warnings
    from port_run import run_text
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        out = run_text(tmp_path, "x = single(3e38);\ny = x * 10\n")
    assert out == "y = Inf\n"                  # GNU Octave 7.3, nothing on stderr
    assert not [w for w in seen if issubclass(w.category, RuntimeWarning)]
