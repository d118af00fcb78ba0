"""The ``octakd port`` and ``octakd run`` subcommands (see :func:`add_commands`)."""
import argparse
import os
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


def _port(args):
    """``octakd port script.m [-o out.py]``: print the Python, or write it to ``-o``."""
    if args.check:
        return _check(args)
    try:
        code = port_file(args.script, args.output, dirs=args.path)
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
        print(f"error: {where}{type(exc).__name__}: {exc}", file=sys.stderr)
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
    r.set_defaults(func=_run)


def main(argv=None):
    """``python -m octakd.port {port,run} ...`` (the same commands without the octakd CLI)."""
    parser = argparse.ArgumentParser(prog="python -m octakd.port")
    sub = parser.add_subparsers(dest="command", required=True)
    add_commands(sub)
    args = parser.parse_args(argv)
    return args.func(args)
