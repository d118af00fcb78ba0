"""``load`` of MAT files in `octakd run`: a file's sizes are its word, so they are bounded.

A MAT v5 variable may be zlib-compressed: a 5 MB file can inflate to 1.2 GB of zeros. The
runtime lists the variables without inflating them, refuses files whose variables declare more
than ``files.MAX_MAT_BYTES`` together, and inflates each no further than it declares. MAT
level 4 files (never compressed) load as in Octave.
"""
import io
import struct
import subprocess
import sys
import zlib
from contextlib import redirect_stdout

import numpy as np
import pytest
import scipy.io

from octakd.port import PortError, run_file
from octakd.port.runtime import files


def _element(kind, data):
    return struct.pack("<II", kind, len(data)) + data + b"\0" * (-len(data) % 8)


def write_zero_bomb(path, rows, cols, name=b"B"):
    """A MAT v5 file with one compressed rows x cols double matrix of zeros (MAT-File Format:
    miCOMPRESSED holding a miMATRIX of flags, dimensions, name, then miDOUBLE data)."""
    head = (_element(6, struct.pack("<II", 6, 0)) + _element(5, struct.pack("<ii", rows, cols)) +
            _element(1, name))
    data_bytes = rows * cols * 8
    packer = zlib.compressobj(1)
    stream = packer.compress(struct.pack("<II", 14, len(head) + 8 + data_bytes) + head +
                             struct.pack("<II", 9, data_bytes))
    chunk, left = b"\0" * (1 << 24), data_bytes
    while left:
        stream += packer.compress(chunk[:min(left, len(chunk))])
        left -= min(left, len(chunk))
    stream += packer.flush()
    header = b"MATLAB 5.0 MAT-file".ljust(116, b" ") + b"\0" * 8 + struct.pack("<H", 0x0100) + b"IM"
    path.write_bytes(header + struct.pack("<II", 15, len(stream)) + stream)


def run(path):
    out = io.StringIO()
    with redirect_stdout(out):
        run_file(path)
    return out.getvalue()


RUN_CAPPED = r"""
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
from octakd.port.cli import main
sys.exit(main(["run", sys.argv[1]]))
"""


@pytest.fixture(scope="module")
def bomb(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bomb")
    write_zero_bomb(folder / "bomb.mat", 150000, 1000)      # 1.2 GB of zeros in ~5 MB
    return folder


@pytest.mark.parametrize("code", ["load bomb.mat\ndisp(size(B))", "S = load('bomb.mat');",
                                  "load('bomb.mat', 'B');"])
def test_a_compressed_bomb_is_refused_in_bounded_memory(bomb, code):
    assert (bomb / "bomb.mat").stat().st_size < 10 << 20
    script = bomb / "s.m"
    script.write_text(code + "\n")
    done = subprocess.run([sys.executable, "-c", RUN_CAPPED, str(script)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 1 and done.stdout == ""
    assert "load: out of memory or dimension too large for Octave's index type" in done.stderr
    assert "declares 1,200,000,056 bytes" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_names_of_a_bomb_are_read_without_inflating_it(bomb, monkeypatch):
    monkeypatch.setattr(files, "MAX_MAT_BYTES", 2 << 30)    # the limit is not what saves us
    monkeypatch.setattr(zlib, "decompress", None)           # and nothing inflates it whole
    assert files.variables_in_file(str(bomb / "bomb.mat")) == ["B"]


def test_variables_load_as_scipy_reads_them(tmp_path):
    rng = np.random.default_rng(1)
    X = rng.random((50, 7))
    scipy.io.savemat(tmp_path / "d.mat", {"X": X, "y": np.arange(5.0).reshape(-1, 1),
                                          "s": "hello", "k": np.int16([[3, -4]])},
                     do_compression=True)
    values, named = files._read_any(str(tmp_path / "d.mat"))
    assert named and list(values) == ["X", "y", "s", "k"]
    assert np.array_equal(values["X"], X) and values["s"] == "hello"
    assert values["k"].dtype == np.int16 and values["k"].tolist() == [[3, -4]]
    (tmp_path / "s.m").write_text("load d.mat\nprintf('%d %d %s %d\\n', size(X), s, k(2))\n")
    assert run(tmp_path / "s.m") == "50 7 hello -4\n"


def test_a_mat_level_4_file_loads_as_in_octave(tmp_path):
    scipy.io.savemat(tmp_path / "v4.mat", {"E": np.array([[1.0, 2.0], [3.0, 4.5]])}, format="4")
    (tmp_path / "s.m").write_text("load v4.mat\ndisp(E)\nS = load('v4.mat'); disp(S.E(2, 2))\n")
    # GNU Octave 7.3 prints exactly this for the same file (checked by hand)
    assert run(tmp_path / "s.m") == "   1.0000   2.0000\n   3.0000   4.5000\n4.5000\n"


def test_a_damaged_mat_file_is_named_at_translation_and_at_run_time(tmp_path):
    scipy.io.savemat(tmp_path / "d.mat", {"X": np.ones((40, 40))}, do_compression=True)
    data = (tmp_path / "d.mat").read_bytes()
    (tmp_path / "cut.mat").write_bytes(data[:200])
    (tmp_path / "a.m").write_text("load cut.mat\n")
    with pytest.raises(PortError, match=r"a\.m:1:1: load: .*cut\.mat: not a readable MAT file"):
        run(tmp_path / "a.m")
    (tmp_path / "b.m").write_text("x = load('cut.mat');\n")
    with pytest.raises(ValueError, match=r"^load: cut\.mat: not a readable MAT file"):
        run(tmp_path / "b.m")


def test_cells_nested_too_deeply_are_refused_with_the_file_name(tmp_path):
    """A file of cells in cells, 3,000 deep (a few kB), must not end in a RecursionError
    traceback from inside scipy or the runtime."""
    v = np.array([[1.0]])
    for _ in range(3000):
        c = np.empty((1, 1), dtype=object)
        c[0, 0] = v
        v = c
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(50000)
    try:
        scipy.io.savemat(tmp_path / "deep.mat", {"z": v})
    finally:
        sys.setrecursionlimit(old)
    (tmp_path / "s.m").write_text("d = load('deep.mat');\n")
    with pytest.raises(ValueError, match=r"^load: deep\.mat: its cells or structs are nested too deeply"):
        run(tmp_path / "s.m")


def test_a_mat_file_of_cells_and_structs_from_elsewhere_loads_as_octave_values(tmp_path):
    c = np.empty((1, 2), dtype=object)
    c[0, 0], c[0, 1] = np.array([[1.0, 2.0]]), "ab"
    s = np.zeros((1, 2), dtype=[("v", object)])
    s[0, 0]["v"], s[0, 1]["v"] = np.array([[3.0]]), c
    scipy.io.savemat(tmp_path / "d.mat", {"c": c, "s": s}, do_compression=True)
    (tmp_path / "s.m").write_text("d = load('d.mat');\n"
                                  "printf('%s %s %d %s %d\\n', class(d.c), d.c{2}, d.s(1).v, "
                                  "class(d.s(2).v), numel(d.s))\n")
    assert run(tmp_path / "s.m") == "cell ab 3 cell 2\n"
