"""``octakd port -o OUT`` writes atomically, as save_model does: after any failure OUT holds its
old content (or does not exist), never a part of the new one, and no temporary file is left
beside it. Tested by behaviour, not by how the writing is done: the write is made to fail half
way (a patched ``open``/``os.write``, and, in a subprocess, a real file-size limit as a full disk
would give), and the rename is made to fail.
"""
import builtins
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from octakd.port.cli import main

ROOT = Path(__file__).parents[1]

# Today (issue 16) ``port_file`` writes OUT.tmp<pid> and renames it, so OUT itself is always
# safe, but a failed write or rename leaves the temporary file behind. The checks of that part
# are marked xfail(strict=True): when the -o writing cleans up after itself (branch h-untrusted),
# they pass, strict xfail reports it, and this marker must then be removed.
LEAVES_TEMPORARY = pytest.mark.xfail(
    strict=True, reason="octakd port -o leaves OUT.tmp<pid> behind after a failed write (issue 16); "
                        "remove this marker once the -o writing cleans up")
SCRIPT = "x = 1;\n" + "".join(f"y{i} = x + {i};\n" for i in range(60)) + "disp(y59)\n"
OLD = "# the previous translation, which must survive a failed write\n"


@pytest.fixture
def files(tmp_path):
    m = tmp_path / "script.m"
    m.write_text(SCRIPT, encoding="utf-8")
    out = tmp_path / "out.py"
    out.write_text(OLD, encoding="utf-8")
    return tmp_path, m, out


def port(m, out):
    return main(["port", str(m), "-o", str(out)])


def test_port_o_writes_the_whole_translation(files, capsys):
    folder, m, out = files
    assert main(["port", str(m)]) == 0
    expected = capsys.readouterr().out
    assert len(expected) > 500
    assert port(m, out) == 0
    assert out.read_text(encoding="utf-8") == expected
    assert sorted(p.name for p in folder.iterdir()) == ["out.py", "script.m"]


class HalfThenFail:
    """A file object whose writes stop half way with 'No space left on device'."""

    def __init__(self, real):
        self._real = real

    def write(self, data):
        self._real.write(data[: len(data) // 2])
        self._real.flush()
        raise OSError(28, "No space left on device")

    def __getattr__(self, name):
        return getattr(self._real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._real.close()
        return False

    def __iter__(self):
        return iter(self._real)


def failed_write_leaves_the_old_file(files, monkeypatch, capsys):
    folder, m, out = files
    real_open, real_os_write = builtins.open, os.write

    def failing_open(file, mode="r", *args, **kwargs):
        f = real_open(file, mode, *args, **kwargs)
        return HalfThenFail(f) if any(c in mode for c in "wax+") else f

    def failing_os_write(fd, data):
        if fd > 2:
            real_os_write(fd, data[: len(data) // 2])
            raise OSError(28, "No space left on device")
        return real_os_write(fd, data)

    monkeypatch.setattr(builtins, "open", failing_open)
    monkeypatch.setattr(io, "open", failing_open)
    monkeypatch.setattr(os, "write", failing_os_write)
    code = port(m, out)
    monkeypatch.undo()
    assert code != 0
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == OLD
    return folder


def test_failed_write_leaves_the_old_file(files, monkeypatch, capsys):
    failed_write_leaves_the_old_file(files, monkeypatch, capsys)


def test_failed_write_of_a_new_file_creates_no_output(files, monkeypatch):
    failed_write_of_a_new_file_creates_no_output(files, monkeypatch)


def test_failed_rename_leaves_the_old_file(files, monkeypatch):
    failed_rename_leaves_the_old_file(files, monkeypatch)


@LEAVES_TEMPORARY
def test_failed_write_leaves_no_temporary(files, monkeypatch, capsys):
    folder = failed_write_leaves_the_old_file(files, monkeypatch, capsys)
    assert sorted(p.name for p in folder.iterdir()) == ["out.py", "script.m"]


def failed_write_of_a_new_file_creates_no_output(files, monkeypatch):
    folder, m, out = files
    out.unlink()
    real_open = builtins.open

    def failing_open(file, mode="r", *args, **kwargs):
        f = real_open(file, mode, *args, **kwargs)
        return HalfThenFail(f) if any(c in mode for c in "wax+") else f

    monkeypatch.setattr(builtins, "open", failing_open)
    monkeypatch.setattr(io, "open", failing_open)
    code = port(m, out)
    monkeypatch.undo()
    assert code != 0
    assert not out.exists()
    return folder


@LEAVES_TEMPORARY
def test_failed_write_of_a_new_file_leaves_nothing(files, monkeypatch):
    folder = failed_write_of_a_new_file_creates_no_output(files, monkeypatch)
    assert sorted(p.name for p in folder.iterdir()) == ["script.m"]


def failed_rename_leaves_the_old_file(files, monkeypatch):
    folder, m, out = files

    def refuse(*args, **kwargs):
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    monkeypatch.setattr(os, "rename", refuse)
    code = port(m, out)
    monkeypatch.undo()
    assert code != 0
    assert out.read_text(encoding="utf-8") == OLD
    return folder


@LEAVES_TEMPORARY
def test_failed_rename_leaves_no_temporary(files, monkeypatch):
    folder = failed_rename_leaves_the_old_file(files, monkeypatch)
    assert sorted(p.name for p in folder.iterdir()) == ["out.py", "script.m"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_FSIZE as on Linux")
def test_a_full_disk_in_a_real_process_leaves_the_old_file(files):
    """A real write failure (EFBIG from a file-size limit smaller than the translation), in a
    separate process so that no patching of Python is involved."""
    folder, m, out = files
    runner = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "from octakd.port.cli import main\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))\n"
        "sys.exit(main(['port', sys.argv[1], '-o', sys.argv[2]]))\n")
    proc = subprocess.run([sys.executable, "-c", runner, str(m), str(out)], capture_output=True,
                          text=True, timeout=120, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode != 0, proc.stdout
    assert out.read_text(encoding="utf-8") == OLD
