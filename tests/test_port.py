"""Tests of ``octakd port`` / ``octakd run``: golden translations, refusals, Octave parity."""
import argparse
import io
import os
import re
import shutil
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import numpy as np
import pytest

from octakd.port import PortError, port_file, port_source, run_file
from octakd.port import runtime as rt
from octakd.port.cli import add_commands

GOLDEN = Path(__file__).parent / "port_golden"
# The article's listing, verbatim plus `labels = 3;`, lives beside the files it reads;
# its expected translation is port_golden/seed_listing.py.
SEED_LISTING = Path(__file__).parent.parent / "data_samples" / "seed_listing.m"
OCTAVE_CASES = sorted((GOLDEN / "octave").glob("*.m"))
GOLDEN_CASES = sorted(GOLDEN.glob("*.m")) + [SEED_LISTING]


def run_capture(path):
    buf = io.StringIO()
    with redirect_stdout(buf):
        run_file(path)
    return buf.getvalue()


# ------------------------------------------------------------------------------ golden pairs
@pytest.mark.parametrize("case", GOLDEN_CASES, ids=lambda p: p.stem)
def test_golden_translation(case):
    expected = (GOLDEN / f"{case.stem}.py").read_text()
    assert port_source(case.read_text(), case.name) == expected


@pytest.mark.parametrize("case", GOLDEN_CASES, ids=lambda p: p.stem)
def test_golden_compiles_and_keeps_lines(case):
    code = port_source(case.read_text(), case.name)
    compile(code, case.name, "exec")
    header = int(re.search(r"plus (\d+)\.", code.splitlines()[1]).group(1))
    body = code.splitlines()[header:]
    src = case.read_text().splitlines()
    assert len(body) <= len(src)
    # every Octave comment stays on its own line number
    for n, line in enumerate(src):
        if line.strip().startswith("%") and not line.strip().startswith(("%{", "%}")):
            assert body[n].strip().startswith("#"), (n + 1, body[n])


def test_seed_listing_ports_line_by_line():
    src = SEED_LISTING.read_text()
    code = port_source(src, "seed_listing.m")
    compile(code, "seed_listing.py", "exec")
    assert code.splitlines()[2] == "from octakd import *"
    assert "concatenate_layer([img_branch, text_branch, audio_branch])" in code
    # `text` is also an Octave function (the runtime has it), so the variable is spelled text_
    assert "train_model([img, text_, audio], labels, 100, 0.001, teacher_model)" in code


def test_seed_listing_without_labels_is_refused():
    src = "\n".join(l for l in SEED_LISTING.read_text().splitlines()
                    if not l.startswith("labels"))
    with pytest.raises(PortError, match=r"seed\.m:\d+:\d+: 'labels' is undefined"):
        port_source(src, "seed.m")


# ----------------------------------------------------------------------------- refusals
REFUSALS = [
    ("f = @(varargin, x) 1;", 1, 7, "'varargin' must be the last parameter"),
    ("h = @nosuchfn;", 1, 5, "'@nosuchfn': no function 'nosuchfn'"),
    ("c(2) = [];", 1, 8, "deleting elements (x(i) = []) of a variable not assigned"),
    ("s.end = 1;", 1, 3, "a field named like the keyword 'end'"),
    ("y = size(3).field;", 1, 5, "'size' is not a variable here"),
    ("y = zeros(2){1};", 1, 5, "'zeros' is not a variable here"),
    ("function y = f(varargin, a)\ny = 1;\nend", 1, 1, "'varargin' must be the last name"),
    ("ME = MException('a:b', 'x %d', 1);", 1, 6, "'MException' does not exist in GNU Octave 7.3"),
    ("s = 'x = 1';\neval(s)", 2, 1, "eval of text computed at run time is supported only as a value"),
    ("a = isargout(2);\n", 1, 5, "isargout is only defined inside a function"),
    ("A(i = 2) = i;\n", 1, 1, "the value reads 'i', which the index of the target assigns"),
    ("1;\nfunction [a, b] = f(x)\n  a = isargout(1); b = x;\nend\n[~, q] = cellfun(@f, {1, 2});\n",
     5, 18, "'f' asks isargout, which '~' outputs of cellfun are not passed on to"),
    ("eval('z = [1 2')", 1, 11, "in the text of eval: unterminated '['"),
    ('eval("a = 1\\nb = 2")', 1, 6, "eval of text with more than one line"),
    ("eval('function f(), end')", 1, 6, "a function definition in the text of eval"),
    ("v = eval('a = 1;');", 1, 10, "'x = eval(text)' needs the text of one expression"),
    ("try\nx = 1;\ncatch err\nprint_usage(1)\nend", 4, 1, "print_usage with arguments"),
    ("switch 1\notherwise\nx = 1;\ncase 2\nend", 4, 1, "'otherwise' must be the last"),
    ("unwind_protect\nx = 1;\nend", 3, 1, "needs an 'unwind_protect_cleanup'"),
    ("x = 1;\nerror(x, 3);", 2, 7, "error with a computed first argument"),
    ("persistent g", 1, 1, "'persistent' is only allowed inside a function"),
    ("frobnicate on", 1, 1, "the function 'frobnicate' is not supported"),
    ("x = 1;\nx on", 2, 1, "'x' is a variable: command syntax needs a function"),
    ("x = foo(3);", 1, 5, "the function 'foo' is not supported"),
    ("y = undefined_thing + 1;", 1, 5, "'undefined_thing' is undefined"),
    ("global g = 1", 1, 10, "an initial value in 'global x = v'"),
    ("v = [1 2 3];\nv(2) -= [];", 2, 9, "deleting elements"),
    ("x = 1;\ny = x++;", 2, 6, "'++' inside an expression is not supported"),
    ("x = 1;\nx ++", 2, 3, "'++' after a space is a parse error in Octave"),
    ("a = 'abc' & 1;", 1, 11, "'&' on character strings is not supported"),
    ("a = 'x';\nt = regexp(a, 'x', 'tokenize');", 2, 20, "the option 'tokenize' is not supported"),
    ("[a, b] = numel(3);", 1, 1, "multiple return values"),
    ("x = (1:3)(2);", 1, 10, "indexing the result"),
    ("for i = 1:3\nx = i;\n", 1, 1, "'for' has no matching 'end'"),
    ("x = 1;\ny = 'unterminated;", 2, 5, "unterminated string"),
    ("x = 1;\nfor k = 1:2\n  clear\nend\n", 3, 3, "'clear' inside an if/for/while block"),
    ("v = [1 2];\nwhile (v(2) = 0) > 0, end\n", 2, 8, "an indexed or field assignment inside an expression"),
    ("y = sum(end);", 1, 9, "'end' is only supported inside the index"),
]


@pytest.mark.parametrize("src, line, col, what", REFUSALS, ids=[r[3][:30] for r in REFUSALS])
def test_refusals_name_file_line_column(src, line, col, what):
    with pytest.raises(PortError) as info:
        port_source(src, "script.m")
    message = str(info.value)
    assert message.startswith(f"script.m:{line}:{col}: "), message
    assert what in message


def test_refusal_is_a_syntax_error_subclass():
    with pytest.raises(SyntaxError):
        port_source("f = @nosuchfn;", "s.m")


# ----------------------------------------------------------------------------- translation details
@pytest.mark.parametrize("src, expected", [
    ("x = 5", "x = 5; display('x', x)"),
    ("x = 2^3^2;", "x = power(2 ** 3, 2)"),        # only a literal's small exact power is "**"
    ("x = 5; y = x^2;", "y = power(x, 2)"),
    ("x = -2^2;", "x = -2 ** 2"),
    ("x = 1; y = x < 2 < 3;", "y = (x < 2) < 3"),
    ("a = 1; b = [a, a];", "b = horzcat_or_list(a, a)"),
    ("a = 1; b = [a + 1, a];", "b = horzcat(a + 1, a)"),
    ("v = 1:3; for x = v, disp(x), end", "for x in columns(v): disp(x)"),
    ("lambda = 3;", "lambda_ = 3"),
    ("index = 3; y = index + 1;", "y = index_ + 1"),
    ("x = 1d3;", "x = 1000.0"),
    ("clc", "pass  # clc"),
    ("A = rand(3); B = A * A;", "B = mtimes(A, A)"),
    ("A = rand(3); B = A \\ A;", "B = mldivide(A, A)"),
    ("fmt = '%d\\n'; printf(fmt, 3);", "printf(do_string_escapes(fmt), 3)"),
    ("x = 3; x += 2;", "x = x + 2"),
])
def test_translation_details(src, expected):
    assert expected in port_source(src, "t.m")


def test_one_python_line_per_octave_line():
    src = "x = 1;\nfor i = 1:3, x = x + i; end\ny = x\n% done\n"
    body = port_source(src, "t.m").splitlines()[4:]
    assert body[1].startswith("for i in irange(1, 3): x = x + i")
    assert body[2].startswith("y = x")
    assert body[3] == "# done"


# ----------------------------------------------------------------------------- runtime
@pytest.mark.parametrize("value, text", [
    (5, "x = 5"), (2.5, "x = 2.5000"), (np.pi, "x = 3.1416"), (0.01, "x = 0.010000"),
    (0.001, "x = 1.0000e-03"), (123.456, "x = 123.46"), (12345.678, "x = 1.2346e+04"),
    (True, "x = 1"), ("hello", "x = hello"), ("", "x = "), (float("inf"), "x = Inf"),
    (np.zeros((0, 0)), "x = [](0x0)"), (2 ** 100, "x = 1.2677e+30"),
])
def test_display_scalars_like_octave(value, text, capsys):
    rt.display("x", value)
    assert capsys.readouterr().out == text + "\n"


def test_display_matrix_like_octave(capsys):
    rt.display("A", rt.mat([[1, -2, 300]]))
    rt.display("B", rt.mat([[1.5], [-2.25]]))
    assert capsys.readouterr().out == "A =\n\n     1    -2   300\n\nB =\n\n   1.5000\n  -2.2500\n\n"


def test_printf_cycles_and_stops_like_octave():
    assert rt.sprintf("%d %d\n", rt.mat([[1, 2, 3, 4, 5]])) == "1 2\n3 4\n5 "
    assert rt.sprintf("%d and %d\n", 1, 2, 3) == "1 and 2\n3 and "
    assert rt.sprintf("%d,", rt.mat([[1, 2], [3, 4]])) == "1,3,2,4,"
    assert rt.sprintf("%d\n", 1.5) == "1.5\n"
    assert rt.sprintf("%d %s\n", 1, "ab", 2, "cd") == "1 ab\n2 cd\n"
    assert rt.sprintf("%d %d\n", "ab") == "97 98\n"
    assert rt.sprintf("<%d>", rt.mat([])) == "<>"


def test_ranges_and_indexing_are_octave_like():
    assert rt.colon(1, 5).shape == (1, 5)
    assert rt.colon(5, 1).shape == (1, 0)
    assert rt.irange(0, 0.1, 0.3) == pytest.approx([0, 0.1, 0.2, 0.3])
    A = rt.mat([[1, 2], [3, 4]])
    assert rt.index(A, 2) == 3            # column-major linear index
    assert rt.index(A, 2, ":").shape == (1, 2)
    grown = rt.assign_index(None, (3,), 7)
    assert grown.tolist() == [[0, 0, 7]]
    assert A.tolist() == [[1, 2], [3, 4]]  # assignment never aliases
    with pytest.raises(IndexError, match="out of bound"):
        rt.index(A, 5)
    with pytest.raises(IndexError, match="Octave indices start at 1"):
        rt.index(A, 0)


def test_horzcat_or_list_for_the_seed_inputs():
    img = np.zeros((4, 4, 3), np.uint8)
    audio = np.zeros((10, 1))
    out = rt.horzcat_or_list(img, "text", audio)
    assert isinstance(out, list) and out[1] == "text"
    assert rt.horzcat_or_list(rt.mat([[1, 2]]), 3).tolist() == [[1, 2, 3]]
    assert rt.horzcat_or_list("ab", "cd") == "abcd"


# ----------------------------------------------------------------------------- running
@pytest.mark.parametrize("case", OCTAVE_CASES, ids=lambda p: p.stem)
def test_run_matches_recorded_octave_output(case):
    assert run_capture(case) == case.with_suffix(".out").read_text()


@pytest.mark.skipif(shutil.which("octave") is None, reason="GNU Octave is not installed")
@pytest.mark.parametrize("case", OCTAVE_CASES, ids=lambda p: p.stem)
def test_run_matches_live_octave(case):
    proc = subprocess.run(["octave", "--no-gui", "--quiet", "--norc", case.name], cwd=case.parent,
                          capture_output=True, text=True, timeout=120)
    assert run_capture(case) == proc.stdout


def test_run_chdirs_to_the_script_folder(tmp_path):
    (tmp_path / "data.txt").write_text("x")
    script = tmp_path / "s.m"
    script.write_text("disp(pwd_check)\n".replace("pwd_check", "'ok'"))
    before = os.getcwd()
    ns = {}
    assert run_capture(script) == "ok\n"
    assert os.getcwd() == before


def test_runtime_error_points_at_the_octave_line(tmp_path):
    script = tmp_path / "bad.m"
    script.write_text("v = [1 2 3];\nx = v(7);\n")
    with pytest.raises(IndexError) as info:
        run_capture(script)
    frames = [f for f in info.traceback if str(f.path).endswith("bad.m")]
    assert frames and frames[-1].lineno + 1 == 2


def test_port_file_writes_output(tmp_path):
    src = tmp_path / "a.m"
    src.write_text("x = 1 + 1\n")
    out = tmp_path / "a.py"
    code = port_file(src, out)
    assert out.read_text() == code


def test_cli_commands(tmp_path, capsys):
    script = tmp_path / "c.m"
    script.write_text("printf('%d\\n', 6 * 7);\n")
    parser = argparse.ArgumentParser()
    add_commands(parser.add_subparsers(dest="cmd"))
    args = parser.parse_args(["run", str(script)])
    assert args.func(args) == 0
    assert capsys.readouterr().out == "42\n"
    args = parser.parse_args(["port", str(script)])
    assert args.func(args) == 0
    assert "printf('%d\\n', 6 * 7)" in capsys.readouterr().out
    bad = tmp_path / "bad.m"
    bad.write_text("f = @nosuchfn;\n")
    args = parser.parse_args(["port", str(bad)])
    assert args.func(args) == 1
    assert "bad.m:1:5: '@nosuchfn': no function" in capsys.readouterr().err


def test_python_dash_m_entry_point(tmp_path):
    script = tmp_path / "m.m"
    script.write_text("x = 2 * 21\n")
    proc = subprocess.run([sys.executable, "-m", "octakd.port", "run", str(script)],
                          capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).parents[1])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "x = 42\n"


def test_run_seed_listing_structure_with_two_epochs(tmp_path):
    samples = Path(__file__).parents[1] / "data_samples"
    assert (samples / "image.jpg").exists() and (samples / "audio.wav").exists()
    src = SEED_LISTING.read_text()
    src = src.replace("100, 0.001", "2, 0.001")
    src = src.replace("224, 224", "32, 32").replace("44100", "1000").replace("conv2d_layer(64", "conv2d_layer(4")
    src = src.replace("dense_layer(128", "dense_layer(16").replace("dense_layer(64", "dense_layer(8")
    src = src.replace("img = imread('image.jpg');", "img = imresize(imread('image.jpg'), [32 32]);")
    src = src.replace("audio = audioread('audio.wav');", "audio = audioread('audio.wav');\naudio = audio(1:1000, 1);")
    for name in ("image.jpg", "audio.wav"):
        shutil.copy(samples / name, tmp_path / name)
    script = tmp_path / "seed_small.m"
    script.write_text(src)
    ns = run_file(script)
    assert "student_model" in ns and ns["student_model"] is not None
