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
