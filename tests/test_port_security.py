"""Untrusted input to the translator (issue 13, items 1, 2, 3 and 8).

A ported script may come from anywhere. These tests check the translator's guarantees
(docs/security.md): nothing in a file name or a comment becomes Python code, lines and comments
end where GNU Octave ends them, and any input gives either a clean ``PortError`` with
``file:line:col`` or Python that compiles.

The expected outputs marked "Octave 7.3" were recorded with
``octave --no-gui --quiet --norc file.m`` on the same bytes.
"""
import ast
import io
import os
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from octakd.port import PortError, port_file, port_source, run_file
from octakd.port.cli import main as port_main
from octakd.port.emit import CODING_LINE

ROOT = Path(__file__).resolve().parent.parent


def run_capture(path):
    buf = io.StringIO()
    with redirect_stdout(buf):
        run_file(path)
    return buf.getvalue()


def statements(code):
    """Top-level statements of emitted Python, parsed as Python parses the file's bytes."""
    return ast.parse(code.encode("utf-8") if isinstance(code, str) else code).body


def assigned_names(code):
    return {t.id for node in ast.walk(ast.parse(code)) if isinstance(node, ast.Assign)
            for t in node.targets if isinstance(t, ast.Name)}


# ------------------------------------------------------------------ 1. file names in the header
EVIL_NAMES = [
    'evil\nopen("PWNED", "w").close()\n#.m',
    'evil\ropen("PWNED", "w").close()\r#.m',
    "evil\x0bopen('PWNED', 'w').close()\x0b#.m",
    "evil\u2028open('PWNED', 'w').close()\u2028#.m",
]


@pytest.mark.parametrize("name", EVIL_NAMES, ids=["lf", "cr", "vt", "u2028"])
def test_file_name_never_becomes_code_in_run(tmp_path, name):
    script = tmp_path / name
    script.write_text("x = 1\n", encoding="utf-8")
    assert run_capture(script) == "x = 1\n"
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize("name", EVIL_NAMES, ids=["lf", "cr", "vt", "u2028"])
def test_file_name_never_becomes_code_in_port(tmp_path, name):
    script = tmp_path / name
    script.write_text("x = 1;\n", encoding="utf-8")
    code = port_file(script)
    # the header is comments and two imports; the body is the one assignment
    kinds = [type(s).__name__ for s in statements(code)]
    assert kinds == ["ImportFrom", "Assign"], kinds
    assert code.splitlines()[0] == CODING_LINE


# ------------------------------------------------------------------ 2. coding=utf-7
def test_utf7_declaration_in_file_name_is_inert(tmp_path):
    script = tmp_path / "x coding=utf-7 .m"
    # In UTF-7, "+AAo-" is a newline: with a utf-7 declaration the comment would run print(...).
    script.write_text("x = 1;\n% +AAo-print('PWNED')\n", encoding="utf-8")
    out = tmp_path / "out.py"
    assert port_main(["port", str(script), "-o", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.splitlines()[0] == CODING_LINE.encode()
    # Python reads the file's bytes with its own encoding rules: no call appears.
    tree = ast.parse(raw)
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    # and running the file with Python prints nothing
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, str(out)], capture_output=True, text=True, env=env,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "PWNED" not in done.stdout


def test_utf7_declaration_in_first_comment_is_inert():
    code = port_source("% -*- coding: utf-7 -*-\n% +AAo-print('PWNED')\nx = 1;\n", "a.m")
    tree = ast.parse(code.encode("utf-8"))
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.Call)]


# ------------------------------------------------------------------ 3. Octave's line rules
# (source, what GNU Octave 7.3 printed)
OCTAVE_LINES = [
    ("x = 1 % comment\x1cx = 666\n", "x = 1\n"),
    ("x = 1 % comment\x0bx = 666\n", "x = 1\n"),
    ("x = 1 % comment\u2028x = 666\n", "x = 1\n"),
    ("x = 1 % comment\x85x = 666\n", "x = 1\n"),
    ("%{\nx = 666\n%}\xa0\ny = 2\n%}\nz = 3\n", "z = 3\n"),   # %} with a no-break space: no close
    ("%{\xa0\nx = 666\n%}\n", "x = 666\n"),                   # %{ with a no-break space: no open
    ("x = 1\ry = 2\r\nz = 3\n", "x = 1\ny = 2\nz = 3\n"),
    ("%{ not a block\nx = 5\n", "x = 5\n"),
    ("\t%{\t\nx = 666\n  %}  \nw = 4\n", "w = 4\n"),           # blanks are space and tab
]


@pytest.mark.parametrize("src, expected", OCTAVE_LINES,
                         ids=["x1c", "x0b", "u2028", "x85", "nbsp-close", "nbsp-open", "cr",
                              "open-with-text", "tab-block"])
def test_lines_and_comments_end_where_octave_ends_them(tmp_path, src, expected):
    script = tmp_path / "s.m"
    script.write_bytes(src.encode("utf-8"))
    assert run_capture(script) == expected


@pytest.mark.parametrize("sep", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"])
def test_other_separators_stay_inside_the_comment(sep):
    code = port_source(f"x = 1; % c{sep}x = 666;\ny = 2;\n", "t.m")
    assert "666" not in "".join(line.split("#")[0] for line in code.splitlines())
    assigns = [s for s in statements(code) if isinstance(s, ast.Assign)]
    assert [(a.targets[0].id, a.value.value) for a in assigns] == [("x", 1), ("y", 2)]


@pytest.mark.parametrize("ch", ["\x0c", "\x0b", "\xa0", "\u2028", "\x00"])
def test_characters_outside_octave_blanks_are_refused_in_code(ch):
    with pytest.raises(PortError, match=r"^t\.m:1:6: unexpected character"):
        port_source(f"x = 1{ch};\n", "t.m")


def test_comment_text_is_escaped_not_copied():
    # NUL, a right-to-left override and a form feed inside comments
    code = port_source("x = 1; % a\x00b\u202ec\x0cd\n%{\n\x00\n%}\n", "t.m")
    compile(code, "t.py", "exec")
    assert "\x00" not in code and "\u202e" not in code and "\x0c" not in code
    assert "# a\\x00b\\u202ec\\x0cd" in code


def test_non_ascii_digits_are_not_numbers():
    with pytest.raises(PortError, match="unexpected character"):
        port_source("x = \u0663;\n", "t.m")


def test_error_messages_escape_control_characters():
    with pytest.raises(PortError) as info:
        port_source("x = foo('\x1b[31m');\n", "a\x1b]0;t\x07.m")
    message = str(info.value)
    assert message.isprintable()
    assert message.startswith("a\\x1b]0;t\\x07.m:1:5: ")


# ------------------------------------------------------------------ 8. robustness
# (source, what GNU Octave 7.3 printed)
OCTAVE_ROBUST = [
    ("x = 1d999\ninf = 3;\ny = Inf\n", "x = Inf\ny = Inf\n"),
    ("x = " + "(" * 49 + "2" + ")" * 49 + "\n", "x = 2\n"),
    ("a = 1;\nx = " + " + ".join(["a"] * 340) + "\n", "x = 340\n"),
    ("lambda = 1;\nlambda_ = 2;\nprintf('%d %d\\n', lambda, lambda_)\ndo_string_escapes = 5;\n"
     "fmt = 'v=%d\\n';\nprintf(fmt, do_string_escapes)\n", "1 2\nv=5\n"),
    ("x = 0;\n" + "".join(f"for i{k} = 1:1\n" for k in range(16)) + "x = x + 1;\n" + "end\n" * 16
     + "x\n", "x = 1\n"),
    ("_a = 1;\n_a_ = 2;\nprintf('%d %d\\n', _a, _a_)\n", "1 2\n"),
    ("\ufeffx = 1\n", "x = 1\n"),
]


@pytest.mark.parametrize("src, expected", OCTAVE_ROBUST,
                         ids=["1d999", "parens49", "sum340", "names", "blocks16", "underscore",
                              "bom"])
def test_robust_inputs_run_as_in_octave(tmp_path, src, expected):
    script = tmp_path / "s.m"
    script.write_bytes(src.encode("utf-8"))
    assert run_capture(script) == expected


DEEP = [
    ("x = " + "(" * 65 + "1" + ")" * 65 + ";", 1, 69, "more than 64 nested"),
    ("x = " + "[" * 65 + "1" + "]" * 65 + ";", 1, 69, "more than 64 nested"),
    ("x = " + "abs(" * 65 + "1" + ")" * 65 + ";", 1, 264, "more than 64 nested"),
    ("a = 1; x = " + " + ".join(["a"] * 100000) + ";", 1, None, "expression nested more than 400"),
    ("a = 1; x = " + "- " * 5000 + "a;", 1, None, "expression nested more than 400"),
    ("x = 2" + "^-1" * 500 + ";", 1, None, "expression nested more than 400"),
    ("A = rand(2); x = " + " * ".join(["A"] * 250) + ";", 1, 14, "more than 180 parentheses"),
    ("A = rand(2); x = A" + "'" * 300 + ";", 1, 14, "more than 180 parentheses"),
    ("".join(f"for i{k} = 1:2\n" for k in range(17)) + "x = 1;\n" + "end\n" * 17, 17, 1,
     "more than 16 nested if/for/while"),
    ("a = 1;\n" + "while a\n" * 25 + "a = 0;\n" + "end\n" * 25, 18, 1,
     "more than 16 nested if/for/while"),
    ("a = 1;\n" + "if a\n" * 120 + "a = 0;\n" + "end\n" * 120, 18, 1,
     "more than 16 nested if/for/while"),
]


@pytest.mark.parametrize("src, line, col, what", DEEP,
                         ids=["parens65", "brackets65", "calls65", "sum100k", "unary5000",
                              "power500", "mtimes250", "transpose300", "for17", "while25", "if120"])
def test_deep_input_is_refused_cleanly(src, line, col, what):
    with pytest.raises(PortError) as info:
        port_source(src + "\n", "deep.m")
    message = str(info.value)
    assert what in message
    assert message.startswith(f"deep.m:{line}:{col if col else ''}"), message


def test_deep_but_allowed_input_needs_little_stack():
    """64 nested brackets and a 400-long chain translate with 650 frames to spare, so with
    Python's default limit of 1000 they translate from a caller up to ~350 frames deep."""
    sources = ["x = " + "abs(" * 64 + "1" + ")" * 64 + ";\n",
               "v = 1; x = " + "v(" * 64 + "1" + ")" * 64 + ";\n",
               "a = 1; x = " + " + ".join(["a"] * 400) + ";\n",
               "a = 1; x = " + "-(" * 32 + "a" + ")" * 32 + ";\n"]

    def at_depth(n, fn):
        return fn() if n == 0 else at_depth(n - 1, fn)

    old = sys.getrecursionlimit()
    sys.setrecursionlimit(len(__import__("inspect").stack()) + 650 + 500)
    try:
        for src in sources:
            code = at_depth(500, lambda: port_source(src, "d.m"))
            compile(code, "d.py", "exec")
    finally:
        sys.setrecursionlimit(old)


def test_script_size_limit(tmp_path):
    from octakd.port.lexer import MAX_SOURCE_CHARS
    big = "x = 1;\n" * (MAX_SOURCE_CHARS // 7 + 1)
    with pytest.raises(PortError, match="at most"):
        port_source(big, "big.m")
    script = tmp_path / "big.m"
    script.write_text(big)
    with pytest.raises(PortError, match=r"big\.m:1:1: the script has \d+ bytes"):
        port_file(script)


# -- source decoding
def test_bom_is_accepted_and_latin1_comment_is_kept(tmp_path):
    script = tmp_path / "l.m"
    script.write_bytes(b"\xef\xbb\xbf% caf\xe9 \xa9 1999\nx = 1\n")
    code = port_file(script)
    assert "# caf\u00e9 \u00a9 1999" in code
    assert run_capture(script) == "x = 1\n"


@pytest.mark.parametrize("raw, col", [(b"x = 'caf\xe9';\n", 9), (b"x = 1;\ny = \xe9;\n", 5)])
def test_non_utf8_outside_comments_is_refused(tmp_path, raw, col):
    script = tmp_path / "l.m"
    script.write_bytes(raw)
    line = raw.count(b"\n", 0, raw.index(b"\xe9")) + 1
    with pytest.raises(PortError, match=rf"l\.m:{line}:{col}: byte 0xE9 is not valid UTF-8"):
        port_file(script)


def test_nul_bytes(tmp_path):
    # in a comment: kept, escaped (Octave 7.3 runs it and prints x = 1)
    script = tmp_path / "n.m"
    script.write_bytes(b"x = 1 % a\x00b\n")
    assert run_capture(script) == "x = 1\n"
    # in a string or in code: refused, as Octave 7.3 refuses it (parse error)
    with pytest.raises(PortError, match=r"t\.m:1:7: a NUL character in a string"):
        port_source("y = 'a\x00b';\n", "t.m")
    with pytest.raises(PortError, match=r"t\.m:1:5: unexpected character '\\x00'"):
        port_source("y = \x00;\n", "t.m")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_and_directory_are_refused(tmp_path):
    fifo = tmp_path / "f.m"
    os.mkfifo(fifo)
    for target in (fifo, tmp_path):
        with pytest.raises(OSError, match="not a regular file"):
            port_file(target)
        with pytest.raises(OSError, match="not a regular file"):
            run_file(target)


# -- names
def test_number_overflow_is_python_inf_not_a_name():
    code = port_source("inf = 3;\nx = 1d999;\ny = 1e999;\n", "t.m")
    assert "x = 1e999" in code and "y = 1e999" in code
    assert "inf_ = 3" in code
    assert port_source("x = 123456789012345678901;\n", "t.m").splitlines()[-1] == \
        "x = 1.2345678901234568e+20"
    compile(port_source("x = " + "9" * 5000 + ";\n", "t.m"), "t.py", "exec")


def test_reserved_names_never_end_with_underscore():
    from octakd.port.emit import RESERVED, Emitter
    reserved = RESERVED | Emitter("t.m").reserved
    assert not [r for r in reserved if r.endswith("_")]


NAME = st_names = None
try:
    from hypothesis import HealthCheck, given, settings, strategies as st
    HAVE_HYPOTHESIS = True
except ImportError:       # pragma: no cover
    HAVE_HYPOTHESIS = False
needs_hypothesis = pytest.mark.skipif(not HAVE_HYPOTHESIS, reason="needs hypothesis")

if HAVE_HYPOTHESIS:
    from octakd.port.emit import RESERVED, Emitter
    # identifiers only: pyname refuses any other text ("1j", the Python spelling of i, is reserved)
    _SOME_RESERVED = sorted(r for r in RESERVED if r.isidentifier())[:40] + ["lambda", "index", "inf", "do_string_escapes",
                                               "display", "bool", "None", "sum", "x"]
    st_names = st.builds(lambda pre, base, tail: pre + base + tail,
                         st.sampled_from(["", "_", "__"]), st.sampled_from(_SOME_RESERVED),
                         st.sampled_from(["", "_", "__", "___", "1", "_1"]))


@needs_hypothesis
def test_name_mangling_is_injective_and_avoids_helpers():
    em = Emitter("t.m")
    reserved = em.reserved

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st_names, min_size=2, max_size=8, unique=True))
    def check(names):
        py = [em.pyname(n) for n in names]
        assert len(set(py)) == len(py), dict(zip(names, py))
        assert not [p for p in py if p in reserved]
    check()


# -- port -o
def test_port_o_refuses_to_overwrite_its_source(tmp_path):
    script = tmp_path / "a.m"
    script.write_text("x = 1;\n")
    link = tmp_path / "link.py"
    link.symlink_to(script)
    hard = tmp_path / "hard.py"
    os.link(script, hard)
    for out in (script, link, hard, tmp_path / "." / "a.m"):
        assert port_main(["port", str(script), "-o", str(out)]) == 1
        assert script.read_text() == "x = 1;\n"


def test_port_o_replaces_a_symlink_instead_of_writing_through_it(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    script = tmp_path / "a.m"
    script.write_text("x = 1;\n")
    out = tmp_path / "out.py"
    out.symlink_to(victim)
    # a symlink planted at the old, predictable temporary name
    (tmp_path / f"out.py.tmp{os.getpid()}").symlink_to(victim)
    assert port_main(["port", str(script), "-o", str(out)]) == 0
    assert victim.read_text() == "precious\n"
    assert not out.is_symlink() and "x = 1" in out.read_text()
    old = os.umask(0o022)
    os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o666 & ~old
    leftovers = sorted(p.name for p in tmp_path.iterdir())
    assert leftovers == sorted(["victim.txt", "a.m", "out.py", f"out.py.tmp{os.getpid()}"])


def test_port_o_failure_leaves_nothing_behind(tmp_path):
    script = tmp_path / "a.m"
    script.write_text("x = 1;\n")
    out = tmp_path / "dir.py"
    out.mkdir()
    assert port_main(["port", str(script), "-o", str(out)]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.m", "dir.py"]


# ------------------------------------------------------------------ fuzzing
def _python_names(code):
    """Every NAME token of the emitted Python (comments and strings are not NAME tokens)."""
    import tokenize
    return {t.string for t in tokenize.generate_tokens(io.StringIO(code).readline)
            if t.type == tokenize.NAME}


def _check_translation(src, filename="f.m"):
    """The property: a clean PortError, or Python that compiles and names nothing new."""
    from octakd.port.lexer import tokenize as octave_tokens
    try:
        code = port_source(src, filename)
    except PortError as exc:
        lines = str(exc).split("\n")        # one refusal per line (all of them are listed)
        assert all(l.startswith(f"{filename}:") and l.isprintable() for l in lines), lines
        return None
    compile(code, "f.py", "exec")
    said = {t.value for t in octave_tokens(src, filename) if t.kind in ("ID", "KW")}
    own = Emitter(filename).reserved | {"ans", "nargout", "octakd", "port", "runtime"}
    foreign = {n for n in _python_names(code) if n.rstrip("_") not in said | own
               and n not in said | own}
    assert not foreign, (src, foreign)
    return code


FRAGMENTS = [
    # names, including reserved ones and ones only comments or file names should mention
    "x", "y", "A", "v", "lambda", "lambda_", "do_string_escapes", "inf", "Inf", "NaN", "pi",
    "index", "display", "_a", "__import__", "exec", "os", "True", "None", "disp", "printf",
    "zeros", "ones", "size", "numel", "sum", "max", "ans", "end", "i",
    # literals
    "1", "2.5", "1d999", "1e999", "0x1F", ".5", "1e-3", "99999999999999999999", "'PWNED'",
    "'a''b'", '"c\\n"', "'%d\\n'", '"\\x41"',
    # operators and brackets
    "+", "-", "*", "/", "\\", "^", ".^", ".*", "'", ".'", "==", "~=", "<", "&&", "||", "&", "|",
    "!", "~", ":", "=", "+=", "(", ")", "[", "]", "{", "}", ",", ";", "@", ".",
    # keywords
    "if", "elseif", "else", "for", "while", "break", "continue", "end", "endif", "endfor",
    # comments and what tries to escape them
    "% PWNED = 1", "# import os", "% coding=utf-7 +AAo-PWNED", "%{", "%}", "...", "% \x00 PWNED",
    # separators, real and false
    " ", "\t", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029", "\xa0",
    "\x00", "\ufeff", "\u202e",
]


@needs_hypothesis
def test_fuzz_octave_like_tokens():
    @settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
    def check(parts):
        _check_translation("".join(parts))
    check()


@needs_hypothesis
def test_fuzz_statement_shaped_scripts():
    """Mostly valid scripts, so the emitter (not only the lexer) is exercised."""
    name = st.sampled_from(["x", "y", "v", "lambda", "lambda_", "inf", "index", "_b",
                            "do_string_escapes", "sum", "display"])
    atom = st.one_of(name, st.sampled_from(["1", "2.5", "1d999", "'s'", "[1 2 3]", "(1:3)",
                                            "zeros(2)", "pi", "Inf"]))
    expr = st.recursive(atom, lambda e: st.one_of(
        st.tuples(e, st.sampled_from([" + ", " - ", " * ", " .* ", " / ", " ^ ", " == ",
                                      " & ", " && ", ":"]), e).map("".join),
        e.map(lambda x: f"({x})"), e.map(lambda x: f"-{x}"), e.map(lambda x: f"[{x}, 1]"),
        e.map(lambda x: f"abs({x})")), max_leaves=12)
    # comment text that tries to end its line, or to open/close a block comment
    comment = st.lists(st.sampled_from(["PWNED = 1;", "\x1c", "\x0b", "\x0c", "\x85", "\u2028",
                                        "\u2029", "\xa0", "%{", "%}", "\x00", "abc", " ", "\t",
                                        "coding=utf-7", "+AAo-"]),
                       max_size=8).map("".join)
    stmt = st.one_of(
        st.tuples(name, expr, st.sampled_from([";", "", ","])).map(lambda t: f"{t[0]} = {t[1]}{t[2]}"),
        st.tuples(expr, comment).map(lambda t: f"x = {t[0]}; % {t[1]}"),
        comment.map(lambda c: f"% {c}"),
        st.tuples(expr, name).map(lambda t: f"if {t[0]}\n{t[1]} = 1;\nend"),
        st.tuples(name, expr).map(lambda t: f"for {t[0]} = 1:3\ny = {t[1]};\nend"),
        st.just("printf('%d\\n', 3);"),
    )

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(stmt, max_size=8), st.sampled_from(["\n", "\r\n", "\r"]))
    def check(stmts, eol):
        code = _check_translation(eol.join(stmts) + eol)
        # PWNED is only ever written inside comments: it must never become a Python name
        assert code is None or "PWNED" not in _python_names(code)
    check()


@needs_hypothesis
def test_fuzz_random_bytes_through_the_file_reader(tmp_path):
    from octakd.port.source import decode_source

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.binary(max_size=200))
    def check(data):
        _check_translation(decode_source(data))
    check()


@needs_hypothesis
def test_fuzz_file_names_never_reach_the_code():
    @settings(max_examples=300, deadline=None)
    @given(st.text(max_size=40))
    def check(name):
        code = port_source("x = 1;\n", name + ".m")
        assert code.splitlines()[0] == CODING_LINE
        assert [type(s).__name__ for s in statements(code)] == ["ImportFrom", "Assign"]
        assert _python_names(code) == {"from", "octakd", "import", "x"}
    check()
