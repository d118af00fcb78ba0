"""The ``octakd port`` and ``octakd run`` subcommands (see :func:`add_commands`)."""
import argparse
import os
import re
import sys
import traceback

from .emit import port_file, run_file
from .errors import PortError, PortErrors, printable


def _refusals(command, exc):
    """Print a refusal, or each of several, as ``octakd COMMAND: file:line:col: reason``."""
    for e in exc.errors if isinstance(exc, PortErrors) else [exc]:
        print(f"octakd {command}: {e}", file=sys.stderr)


def _check(args):
    """``octakd port --check script.m``: every construct that cannot be translated, or OK."""
    try:
        port_file(args.script, None, dirs=args.path)
    except PortError as exc:
        for e in exc.errors if isinstance(exc, PortErrors) else [exc]:
            print(e)
        return 1
    except OSError as exc:
        print(f"octakd port: {exc}", file=sys.stderr)
        return 1
    print(f"{printable(args.script)}: OK, every construct can be translated")
    return 0


def _load_layers(args, command):
    """Import each ``--layers FILE.py`` (it registers user layers); a message and False on failure."""
    from ..errors import OctakdError
    from ..userlayers import load_layer_file
    try:
        for path in getattr(args, "layers", None) or ():
            load_layer_file(path)
    except OctakdError as exc:
        print(f"octakd {command}: {exc}", file=sys.stderr)
        return False
    return True


def _with_layer_files(code, layers, output):
    """Put the loading of the ``--layers`` files before ``from octakd import *`` in the ported
    code, so the registered seed names exist when it runs; the line-offset comment is updated.
    The paths come from the command line, never from the script, and appear as repr literals.
    With ``-o`` a path is written relative to the output file's folder, else absolute."""
    lines = code.split("\n")
    at = lines.index("from octakd import *")
    new = ["from octakd.userlayers import load_layer_file"]
    for path in layers:
        full = os.path.abspath(path)
        if output is not None:
            rel = os.path.relpath(full, os.path.dirname(os.path.abspath(output)))
            new.append(f"load_layer_file({rel!r}, relative_to=__file__)")
        else:
            new.append(f"load_layer_file({full!r})")
    lines[at:at] = new
    lines[1] = re.sub(r"plus (\d+)\.$", lambda m: f"plus {int(m.group(1)) + len(new)}.", lines[1])
    return "\n".join(lines)


def _port(args):
    """``octakd port script.m [-o out.py] [--layers mylayers.py]``: print the Python, or write
    it to ``-o``; with ``--check``, only list what cannot be translated."""
    from .source import write_output
    if not _load_layers(args, "port"):
        return 1
    if args.check:
        return _check(args)
    try:
        code = port_file(args.script, args.output, dirs=args.path)
        if args.layers:
            code = _with_layer_files(code, args.layers, args.output)
            if args.output is not None:
                write_output(code, args.output, source=args.script)
    except PortError as exc:
        _refusals("port", exc)
        return 1
    except OSError as exc:
        print(f"octakd port: {exc}", file=sys.stderr)
        return 1
    if args.output is None:
        sys.stdout.write(code)
    return 0


def _run(args):
    """``octakd run script.m``: translate and run the script in its own folder."""
    from .runtime import figures
    from .runtime.errors import reset_warnings, uncaught_text
    from .runtime.functions import OctaveError
    reset_warnings()
    if not _load_layers(args, "run"):
        return 1
    out = getattr(args, "figures", None) or os.path.dirname(os.path.abspath(args.script))
    figures.configure(out, getattr(args, "show", False))
    try:
        try:
            run_file(args.script, dirs=args.path)
        finally:                                # figures drawn before an error are kept too
            figures.finish()
    except PortError as exc:                 # refused
        _refusals("run", exc)
        return 1
    except OSError as exc:                   # the .m file is missing
        print(f"octakd run: {exc}", file=sys.stderr)
        return 1
    except OctaveError as exc:               # error(...): what Octave prints, and its status
        sys.stdout.flush()
        sys.stderr.write(uncaught_text(exc))
        return 1
    except Exception as exc:   # the script failed: show where, in the Octave file
        tb = traceback.extract_tb(exc.__traceback__)
        frames = [f for f in tb if f.filename.endswith(".m")]
        where = f"{frames[-1].filename}:{frames[-1].lineno}: " if frames else ""
        text = f"{type(exc).__name__}: {exc}"
        if isinstance(exc, TypeError) and "not supported between instances" in str(exc) and \
                "complex" in str(exc):
            text = ("comparing a complex number with <, <=, > or >= is supported for arrays "
                    "only; compare abs() or real() of the numbers explicitly")
        if isinstance(exc, MemoryError) and "out of memory" not in str(exc):
            text = f"out of memory or dimension too large for Octave's index type ({text})"
        print(f"error: {where}{text}", file=sys.stderr)
        return 1
    return 0


def add_commands(subparsers):
    """Register ``port`` and ``run`` on an argparse subparsers object."""
    p = subparsers.add_parser("port", help="translate an Octave script to Python",
                              description="Translate an Octave script of the supported subset "
                                          "to Python, line by line.")
    p.add_argument("script", help="the Octave .m file")
    p.add_argument("-o", "--output", help="write the Python here instead of standard output; "
                                          "the function files the script calls are translated "
                                          "beside it, one NAME.py per NAME.m")
    p.add_argument("--path", action="append", default=[], metavar="DIR",
                   help="another folder of function files (after the script's own folder)")
    p.add_argument("--check", action="store_true",
                   help="only list every construct that cannot be translated, as "
                        "file:line:col: reason (exit status 1 if there is any)")
    p.add_argument("--layers", action="append", default=[], metavar="FILE.py",
                   help="a Python file that registers user layers (octakd.register_layer); "
                        "the script may call their seed names. Repeatable")
    p.set_defaults(func=_port)
    r = subparsers.add_parser("run", help="translate and run an Octave script",
                              description="Translate an Octave script and run it in its own folder.")
    r.add_argument("script", help="the Octave .m file")
    r.add_argument("--figures", metavar="DIR",
                   help="write figure1.png, ... here (default: the script's folder)")
    r.add_argument("--show", action="store_true",
                   help="also open the figures in windows when there is a display")
    r.add_argument("--path", action="append", default=[], metavar="DIR",
                   help="another folder of function files (after the script's own folder)")
    r.add_argument("--layers", action="append", default=[], metavar="FILE.py",
                   help="import this Python file first: the user layers it registers "
                        "(octakd.register_layer) can be called by their seed names. Repeatable")
    r.set_defaults(func=_run)


def main(argv=None):
    """``python -m octakd.port {port,run} ...`` (the same commands without the octakd CLI)."""
    parser = argparse.ArgumentParser(prog="python -m octakd.port")
    sub = parser.add_subparsers(dest="command", required=True)
    add_commands(sub)
    args = parser.parse_args(argv)
    return args.func(args)
