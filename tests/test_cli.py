"""The ``octakd`` command's conventions (octakd/cli.py): --version, ``python -m octakd``, help for
every subcommand and option, usage errors on stderr with exit status 2 before any work,
octakd errors as one line with exit status 1, and Ctrl-C as one line with exit status 130."""
import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import octakd
from octakd.cli import build_parser, main, output_dir

ROOT = Path(__file__).resolve().parent.parent


def octakd_cmd(*args, cwd=None, timeout=300, **kw):
    """``python -m octakd ARGS`` in a subprocess (the package from this checkout)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
               PYTHONUNBUFFERED="1")
    return subprocess.run([sys.executable, "-m", "octakd", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout, **kw)


def test_version(tmp_path):
    done = octakd_cmd("--version", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"octakd {octakd.__version__}"


def test_python_dash_m_without_a_command_is_a_usage_error(tmp_path):
    done = octakd_cmd(cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("usage: octakd") and "COMMAND" in done.stderr
    assert "Traceback" not in done.stderr


def _subparsers(parser):
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices


def test_every_subcommand_and_option_has_help():
    parser = build_parser()
    commands = _subparsers(parser)
    assert {"gradcheck", "seed", "demo", "port", "run"} <= set(commands)
    for name, sub in commands.items():
        assert sub.description and len(sub.description) > 20, f"{name} has no description"
        for action in sub._actions:
            if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
                continue
            assert action.help, f"octakd {name}: {action.option_strings or action.dest} has no help"


@pytest.mark.parametrize("args, words", [
    (["demo", "--seeds", "0"], ["--seeds", "at least 1"]),
    (["demo", "--seeds", "two"], ["--seeds", "positive integer"]),
    (["gradcheck", "--backend", "cuda"], ["--backend", "invalid choice"]),
    (["seed", "--data", "no/such/folder"], ["--data", "not a folder"]),
    (["no-such-command"], ["invalid choice"]),
])
def test_usage_errors_go_to_stderr_with_status_2(args, words, tmp_path):
    start = time.perf_counter()
    done = octakd_cmd(*args, cwd=tmp_path)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    for word in words:
        assert word in done.stderr
    assert time.perf_counter() - start < 60      # no training happened before the check
    assert not (tmp_path / "demo_out").exists()


def test_demo_out_is_checked_before_training(tmp_path):
    """An --out inside a regular file cannot be made: refused at once (as root too, where
    permission bits would not stop a write)."""
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    done = octakd_cmd("demo", "--fast", "--out", str(blocker / "out"), cwd=tmp_path, timeout=120)
    assert done.returncode == 2
    assert "--out" in done.stderr and "not a folder" in done.stderr
    assert "octakd demo (fast)" not in done.stdout     # the demo's first line: it never started
    assert done.stdout == ""


def test_output_dir_accepts_new_and_existing_folders_without_making_them(tmp_path):
    assert output_dir(str(tmp_path)) == str(tmp_path)
    new = tmp_path / "a" / "b"
    assert output_dir(str(new)) == str(new)
    assert not (tmp_path / "a").exists()
    assert list(tmp_path.iterdir()) == []            # the probe file was removed


def test_an_octakd_error_is_one_line_with_status_1(tmp_path):
    """seed --data on a folder without image.jpg: imread's error, no traceback."""
    empty = tmp_path / "empty"
    empty.mkdir()
    done = octakd_cmd("seed", "--fast", "--data", str(empty), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("octakd seed: ") and "image.jpg" in lines[0]


def test_main_returns_130_on_ctrl_c(monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt
    monkeypatch.setattr("octakd.cli._gradcheck", interrupted)
    assert main(["gradcheck"]) == 130
    captured = capsys.readouterr()
    assert captured.err == "octakd: interrupted\n" and captured.out == ""


def test_ctrl_c_that_a_c_callback_swallowed_still_exits_130(monkeypatch, capsys):
    """Numba's compiler swallows a KeyboardInterrupt raised in its callback and fails with a
    RuntimeError instead; the command must still report the interruption, not that error."""
    def compiling(args):
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)                             # the handler raises long before this ends
        except KeyboardInterrupt:
            raise RuntimeError("no compiled object yet") from None
        return 0
    monkeypatch.setattr("octakd.cli._gradcheck", compiling)
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)  # main keeps its quiet one
    before = signal.getsignal(signal.SIGINT)     # SIG_IGN when pytest runs as a background job
    assert main(["gradcheck"]) == 130
    assert capsys.readouterr().err == "octakd: interrupted\n"
    assert signal.getsignal(signal.SIGINT) is before                     # the handler restored


def test_ctrl_c_swallowed_while_the_work_went_on_still_exits_130(monkeypatch, capsys):
    def compiling(args):
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)
        except KeyboardInterrupt:
            pass                                      # swallowed; the compile went on
        return 0
    monkeypatch.setattr("octakd.cli._gradcheck", compiling)
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)  # main keeps its quiet one
    assert main(["gradcheck"]) == 130
    assert capsys.readouterr().err == "octakd: interrupted\n"


def test_an_error_without_ctrl_c_is_not_called_an_interruption(monkeypatch):
    def broken(args):
        raise RuntimeError("a real bug")
    monkeypatch.setattr("octakd.cli._gradcheck", broken)
    with pytest.raises(RuntimeError, match="a real bug"):
        main(["gradcheck"])


def test_ctrl_c_on_a_running_command_prints_one_line_and_exits_130(tmp_path):
    """SIGINT while `octakd seed --fast` trains (after its first line appeared)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
               PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "octakd", "seed", "--fast"], cwd=tmp_path,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()
        assert first.startswith("octakd seed --fast"), first
        time.sleep(1.0)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert err == "octakd: interrupted\n"


_HALF_BUILT_ON_CTRL_C = """
import os, signal, sys, time
from argparse import Namespace
from octakd import cli

class HalfBuilt:
    # Like an llvmlite object that Ctrl-C interrupted in its __init__: its __del__ fails.
    def __del__(self):
        raise AttributeError("half built")

def command(args):
    global left_behind
    left_behind = HalfBuilt()
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(10)

cli.build_parser = lambda: type("P", (), {"parse_args": lambda self, a: Namespace(func=command, command="x")})()
sys.exit(cli.main([]))
"""


def test_ctrl_c_leaves_no_exception_ignored_message_at_exit(tmp_path):
    """An object that Ctrl-C left half-built (llvmlite's, during a JIT compile) fails in __del__
    when the interpreter exits; that message is noise after an interruption, so it is not printed."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.run([sys.executable, "-c", _HALF_BUILT_ON_CTRL_C], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 130, proc.stderr
    assert proc.stderr == "octakd: interrupted\n"


def test_seed_fast_runs_the_listing_on_small_inputs(monkeypatch, tmp_path, capsys):
    """`octakd seed --fast` (in-process): the listing at 28 x 28 and 2205 samples; after it the
    octakd functions, the environment and the working
    folder are as before."""
    monkeypatch.chdir(tmp_path)
    before = {n: getattr(octakd, n) for n in ("imread", "audioread", "image_input_layer",
                                              "audio_input_layer")}
    env_before = {k: os.environ.get(k) for k in ("OCTAKD_FAST", "OCTAKD_DATA")}
    assert main(["seed", "--fast"]) == 0
    assert {n: getattr(octakd, n) for n in before} == before
    assert {k: os.environ.get(k) for k in env_before} == env_before
    assert Path.cwd() == tmp_path
    out = capsys.readouterr().out
    assert "image_input_layer_1     -                           (3, 28, 28)" in out
    assert "audio_input_layer_1     -                           (1, 1, 2205)" in out
    assert "student predicts class:       3" in out and "epochs: 2," in out
    assert list(tmp_path.iterdir()) == []            # nothing written where it ran
