"""Compare ``octakd run`` with GNU Octave on a corpus of real scripts kept outside the repository.

The scripts come from public repositories written by other people, so they are not committed;
``docs/port-corpus.md`` lists where each one comes from. Point this tool at a folder laid out as::

    CORPUS/manifest.json      [{"name": ..., "dir": ..., "script": ..., "source": ...}, ...]
    CORPUS/<dir>/...           the script with its function files and data files
    CORPUS/recorded/<name>.out GNU Octave's standard output (made by --record)

and it runs every script with ``python -m octakd.port run`` in a scratch copy of its folder, then
sorts it into one of:

* ``identical``: exit status 0 and standard output equal to Octave's, byte for byte;
* ``refused``: octakd said what it cannot translate, as ``file:line:col: reason``;
* ``error``: the script failed at run time with an ``error: ...`` line (as Octave would print);
* ``differs``: it ran and printed something else (a silent difference: the worst outcome);
* ``crashed``: a Python traceback reached the user.

Usage::

    python tools/port_corpus.py CORPUS [--record] [--only NAME ...] [--show NAME]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

TIMEOUT = 120
REFUSAL = re.compile(r":\d+:\d+: ")


def scratch_copy(corpus, entry):
    """A temporary copy of the entry's folder (scripts may write files next to themselves)."""
    tmp = Path(tempfile.mkdtemp(prefix="corpus-"))
    shutil.copytree(corpus / entry["dir"], tmp / "w")
    return tmp, tmp / "w"


# Octave's own ``pause`` waits for a key even without a terminal; octakd's never blocks then.
# The recording shadows it with a ``pause`` that returns at once, so both print the same.
PAUSE_SHIM = "function pause(varargin)\nend\n"


def run_octave(corpus, entry):
    tmp, work = scratch_copy(corpus, entry)
    (tmp / "shim").mkdir()
    (tmp / "shim" / "pause.m").write_text(PAUSE_SHIM)
    try:
        # Invisible figures: gnuplot would otherwise draw them as text on standard output.
        run = f"set(0, 'defaultfigurevisible', 'off'); {Path(entry['script']).stem}"
        proc = subprocess.run(["octave", "--no-gui", "--quiet", "--norc", "--no-window-system",
                               "--path", str(tmp / "shim"), "--eval", run],
                              cwd=work, stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=TIMEOUT)
        return proc.returncode, proc.stdout, proc.stderr
    except subprocess.TimeoutExpired:
        return -1, b"", b"timeout"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_octakd(corpus, entry, checkout):
    tmp, work = scratch_copy(corpus, entry)
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONPATH=str(checkout))
    try:
        proc = subprocess.run([sys.executable, "-m", "octakd.port", "run", entry["script"]],
                              cwd=work, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=TIMEOUT, env=env)
        return proc.returncode, proc.stdout, proc.stderr
    except subprocess.TimeoutExpired:
        return -1, b"", b"timeout"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def classify(expected, code, out, err):
    text = err.decode("utf-8", "replace")
    if "Traceback (most recent call last)" in text or code == -1:
        return "crashed"
    if code == 0:
        return "identical" if out == expected else "differs"
    if REFUSAL.search(text):
        return "refused"
    return "error"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--record", action="store_true", help="run GNU Octave and record its output")
    ap.add_argument("--only", nargs="*", help="names of the entries to run")
    ap.add_argument("--show", help="print both outputs of one entry")
    ap.add_argument("--octakd", type=Path, default=Path(__file__).resolve().parent.parent,
                    help="the octakd checkout to test (default: the one holding this tool)")
    args = ap.parse_args(argv)
    entries = json.loads((args.corpus / "manifest.json").read_text())
    if args.only:
        entries = [e for e in entries if e["name"] in args.only]
    rec = args.corpus / "recorded"
    rec.mkdir(exist_ok=True)
    if args.record:
        for e in entries:
            code, out, err = run_octave(args.corpus, e)
            (rec / f"{e['name']}.out").write_bytes(out)
            (rec / f"{e['name']}.err").write_bytes(err)
            (rec / f"{e['name']}.status").write_text(str(code))
            print(f"recorded {e['name']}: exit {code}, {len(out)} bytes")
        return 0
    counts = {}
    for e in entries:
        expected = (rec / f"{e['name']}.out").read_bytes()
        code, out, err = run_octakd(args.corpus, e, args.octakd.resolve())
        verdict = classify(expected, code, out, err)
        counts[verdict] = counts.get(verdict, 0) + 1
        first = err.decode("utf-8", "replace").strip().splitlines()[:1]
        print(f"{verdict:9s} {e['name']:28s} {first[0][:110] if first else ''}")
        if args.show == e["name"]:
            print("--- octave\n" + expected.decode("utf-8", "replace"))
            print("--- octakd\n" + out.decode("utf-8", "replace") + err.decode("utf-8", "replace"))
    print(" ".join(f"{k}: {v}" for k, v in sorted(counts.items())), f"(of {len(entries)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
