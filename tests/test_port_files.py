"""Data files, the console and introspection in ported scripts, against GNU Octave 7.3.

Each ``tests/port_files/NAME.m`` runs through ``octakd run`` in a fresh folder holding copies of
the probes and their ``.txt`` data; its standard output must equal ``NAME.out``, what GNU Octave
printed (``tests/port_files/record.sh`` records them again). ``NAME.stdin`` is fed as standard
input. The files ``save`` writes are printed by the probes line by line, so they are compared
byte for byte too. Live tests read octakd's files back with GNU Octave and scipy.
"""
import io
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from octakd.port import PortError, port_source
from octakd.port.cli import main as port_main

PROBES = Path(__file__).parent / "port_files"
NAMES = sorted(p.stem for p in PROBES.glob("*.m"))
OCTAVE = shutil.which("octave")


def run_probe(name, tmp_path, monkeypatch, capsys):
    for f in list(PROBES.glob("*.m")) + list(PROBES.glob("*.txt")):
        shutil.copy(f, tmp_path / f.name)
    stdin = PROBES / f"{name}.stdin"
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin.read_text() if stdin.exists() else ""))
    code = port_main(["run", str(tmp_path / f"{name}.m")])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", NAMES)
def test_probe_prints_what_octave_prints(name, tmp_path, monkeypatch, capsys):
    code, out, err = run_probe(name, tmp_path, monkeypatch, capsys)
    expected = (PROBES / f"{name}.out").read_text()
    assert code == 0, err
    assert out == expected, f"--- octave\n{expected}\n--- octakd\n{out}\n--- stderr\n{err}"


def test_load_without_output_needs_the_file_when_translating(tmp_path):
    script = tmp_path / "s.m"
    with pytest.raises(PortError, match=r"s\.m:1:1: load: cannot tell which variables 'gone\.mat'"):
        port_source("load gone.mat\n", str(script))
    with pytest.raises(PortError, match=r"s\.m:2:1: load without an output needs a literal file name"):
        port_source("f = 'x.mat';\nload(f)\n", str(script))


def test_mat_round_trip_through_scipy(tmp_path, capsys):
    import scipy.io
    script = tmp_path / "s.m"
    script.write_text("x = [1 2; 3 4.5];\nn = 'abc';\nt = true;\nsave v.mat x n t\n"
                      "save -v7 w.dat x\n")
    assert port_main(["run", str(script)]) == 0
    data = scipy.io.loadmat(tmp_path / "v.mat")
    np.testing.assert_array_equal(data["x"], [[1, 2], [3, 4.5]])
    assert str(data["n"][0]) == "abc" and bool(data["t"][0, 0])
    assert "x" in scipy.io.loadmat(tmp_path / "w.dat")
    # and back in: load of a MAT file defines its variables
    (tmp_path / "r.m").write_text("load v.mat\ndisp(x(2, 2))\nprintf('%s\\n', n)\n")
    assert port_main(["run", str(tmp_path / "r.m")]) == 0
    assert capsys.readouterr().out == "4.5000\nabc\n"


def test_octave_text_round_trip(tmp_path, capsys):
    (tmp_path / "s.m").write_text("a = [0.1 pi; NaN -Inf];\nk = int32(-5);\nb = [true false];\n"
                                  "s = 'hi';\nsave -text t.txt a k b s\n")
    assert port_main(["run", str(tmp_path / "s.m")]) == 0
    (tmp_path / "r.m").write_text("load t.txt\nprintf('%.17g ', a); disp(class(k)); disp(b); disp(s)\n")
    assert port_main(["run", str(tmp_path / "r.m")]) == 0
    assert capsys.readouterr().out == "0.10000000000000001 NaN 3.1415926535897931 -Inf int32\n  1  0\nhi\n"


@pytest.mark.skipif(OCTAVE is None, reason="GNU Octave is not installed")
def test_octave_reads_what_save_writes(tmp_path):
    (tmp_path / "s.m").write_text("x = [1 2.5; -3 4e6];\nn = 'abc';\nsave v.mat x n\n"
                                  "save -text t.txt x n\nsave -ascii a.txt x\n")
    assert port_main(["run", str(tmp_path / "s.m")]) == 0
    check = ("load v.mat; printf('%g ', x); printf('%s\\n', n); clear x n;"
             "load t.txt; printf('%g ', x); printf('%s\\n', n);"
             "y = load('a.txt'); printf('%g ', y); printf('\\n');")
    proc = subprocess.run([OCTAVE, "--no-gui", "--quiet", "--norc", "--eval", check], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert proc.stdout == "1 -3 2.5 4e+06 abc\n1 -3 2.5 4e+06 abc\n1 -3 2.5 4e+06 \n", proc.stderr


def test_help_and_doc_print_one_line_and_go_on(tmp_path, capsys):
    (tmp_path / "s.m").write_text("help plot\ndoc('sin')\ndisp(2)\n")
    assert port_main(["run", str(tmp_path / "s.m")]) == 0
    out, err = capsys.readouterr()
    assert out == "2\n"
    assert err.count("\n") == 2 and "'plot'" in err and "'sin'" in err


def test_input_at_end_of_input_is_octaves_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    (tmp_path / "s.m").write_text("x = input('', 's');\n")
    assert port_main(["run", str(tmp_path / "s.m")]) == 1
    assert "input: reading user-input failed!" in capsys.readouterr().err


def test_bad_files_are_named_errors(tmp_path, capsys):
    (tmp_path / "bad.txt").write_text("1 2\nx y\n")
    (tmp_path / "s.m").write_text("d = load('bad.txt');\n")
    assert port_main(["run", str(tmp_path / "s.m")]) == 1
    err = capsys.readouterr().err
    assert "load: unable to determine file format of 'bad.txt'" in err and "Traceback" not in err
    (tmp_path / "s.m").write_text("d = csvread('missing.csv');\n")
    assert port_main(["run", str(tmp_path / "s.m")]) == 1
    assert "unable to open file 'missing.csv'" in capsys.readouterr().err


def test_textscan_and_numeric_input(tmp_path, monkeypatch, capsys):
    (tmp_path / "t.csv").write_text("x,name\n1.5,ab\n2,cd\n")
    monkeypatch.setattr(sys, "stdin", io.StringIO("[1 2; 3 4]\n7\n"))
    (tmp_path / "s.m").write_text("fid = fopen('t.csv');\nC = textscan(fid, '%f %s', 'Delimiter', ',', "
                                  "'HeaderLines', 1);\nfclose(fid);\nA = input('A? ');\nb = input('');\n")
    from octakd.port import run_file
    ns = run_file(tmp_path / "s.m")
    assert capsys.readouterr().out == "A? "
    first, second = ns["C"].values()        # a 1x2 cell, as Octave's textscan gives
    np.testing.assert_array_equal(first, [[1.5], [2.0]])
    assert second.shape == (2, 1) and second.values() == ["ab", "cd"]
    np.testing.assert_array_equal(ns["A"], [[1, 2], [3, 4]])
    assert ns["b"] == 7
