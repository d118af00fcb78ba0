"""The ``octakd`` command: gradcheck, seed, demo, and (from octakd.port) port and run.

Conventions every subcommand follows (checked by tests/test_cli.py):

- ``octakd --version`` and ``python -m octakd`` work;
- usage errors (a bad option, a bad value, an output folder that cannot be written) are one
  message on stderr after the usage line, with exit status 2, before any work starts;
- an octakd error during the work (``OctakdError``: a bad input file, a shape mismatch) is one
  line on stderr, exit status 1, no traceback;
- Ctrl-C prints one line (``octakd: interrupted``) and exits with 130 (128 + SIGINT).

Each module that owns subcommands registers them with an ``add_commands(subparsers)``
function; :func:`build_parser` calls them in turn.
"""
import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path

from . import __version__
from .errors import OctakdError
from .fastmode import FAST_AUDIO_STEP, FAST_IMAGE_STEP
from .fastmode import small_inputs as _small_inputs

# -- argparse types shared by the subcommands (they turn a bad value into a usage error) ------


def positive_int(text):
    """argparse type: an integer >= 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def existing_dir(text):
    """argparse type: a folder that exists."""
    if not Path(text).is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is not a folder")
    return text


def output_dir(text):
    """argparse type: a folder the command can write into, checked before any work starts, so
    a bad ``--out`` fails in a second, not after minutes of training. The folder itself is
    made later, by the command; here a temporary file is written into it (or, if it does not
    exist yet, into its nearest existing parent) and removed."""
    path = Path(text).absolute()
    probe = path
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if not probe.is_dir():
        raise argparse.ArgumentTypeError(f"cannot write into the folder {text!r}: {probe} is not "
                                         f"a folder")
    try:
        with tempfile.TemporaryFile(dir=probe):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise argparse.ArgumentTypeError(f"cannot write into the folder {text!r}: {reason}") from None
    return text


# -- gradcheck ----------------------------------------------------------------------------------

def _gradcheck(args):
    from . import gradcheck, kernels
    if args.target:
        from .gradcheck_cli import user_layer_main
        return user_layer_main(args)
    if args.backend:
        kernels.set_backend(args.backend)
    print(f"octakd gradient check (float64, centred differences, h=1e-5), "
          f"kernel backend: {kernels.get_backend()}")
    rows = gradcheck.suite(seed=args.seed)
    print(gradcheck.format_table(rows))
    return 0 if all(err <= limit for _, err, limit in rows) else 1


def _add_gradcheck(sub):
    p = sub.add_parser("gradcheck", help="check every layer's and loss's backward pass numerically",
                       description="Compare every layer's and loss's backward pass with centred "
                                   "finite differences in float64 and print a table of relative "
                                   "errors. Exit status 0 when every error is below its limit, 1 "
                                   "otherwise.")
    p.add_argument("--backend", choices=["numpy", "numba"],
                   help="kernel backend to check (default: the current one)")
    p.add_argument("--seed", type=int, default=0, help="seed of the random test inputs (default 0)")
    from .gradcheck_cli import add_user_layer_arguments
    add_user_layer_arguments(p)
    p.set_defaults(func=_gradcheck)


# -- seed ---------------------------------------------------------------------------------------

@contextlib.contextmanager
def _environ(**values):
    """Set environment variables for the block, then restore them (and the working folder,
    which the listing changes)."""
    old = {k: os.environ.get(k) for k in values}
    cwd = os.getcwd()
    os.environ.update(values)
    try:
        yield
    finally:
        os.chdir(cwd)
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _seed(args):
    """Run the article's listing (tutorials/00_seed_listing.py, bundled in the wheel)."""
    import runpy

    from .builder import new_network
    from .bundled import SAMPLES, SEED_LISTING, bundled_path
    with contextlib.ExitStack() as stack:
        listing = stack.enter_context(bundled_path(SEED_LISTING))
        data = Path(args.data).resolve() if args.data else stack.enter_context(bundled_path(SAMPLES))
        env = {"OCTAKD_DATA": str(data)}
        if args.fast:
            env["OCTAKD_FAST"] = "1"
            stack.enter_context(_small_inputs())
            print(f"octakd seed --fast: the listing on every {FAST_IMAGE_STEP}th pixel and every "
                  f"{FAST_AUDIO_STEP}th audio sample (input layers scaled to match), 2 epochs")
        stack.enter_context(_environ(**env))
        new_network()
        runpy.run_path(str(listing), run_name="__main__")
    return 0


def _add_seed(sub):
    p = sub.add_parser("seed", help="run the article's listing, ported line by line, on data_samples/",
                       description="Run the article's Octave listing, ported line by line "
                                   "(tutorials/00_seed_listing.py), on the bundled data_samples/ "
                                   "(a 224 x 224 image, 44100 audio samples): 100 epochs, a 283 M "
                                   "weight dense layer, about 3 minutes and 6 GB.")
    p.add_argument("--fast", action="store_true",
                   help=f"a smoke run in seconds: the same lines on a {224 // FAST_IMAGE_STEP} x "
                        f"{224 // FAST_IMAGE_STEP} image and {44100 // FAST_AUDIO_STEP} audio "
                        f"samples, 2 epochs")
    p.add_argument("--data", type=existing_dir,
                   help="folder with image.jpg and audio.wav (default: the bundled data_samples/)")
    p.set_defaults(func=_seed)


# -- the command --------------------------------------------------------------------------------

def build_parser():
    parser = argparse.ArgumentParser(
        prog="octakd", description="Multimodal knowledge distillation from scratch, with the "
                                   "Octave-style API of the seed article.",
        epilog="Run 'octakd COMMAND --help' for a command's options.")
    parser.add_argument("--version", action="version", version=f"octakd {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_gradcheck(sub)
    _add_seed(sub)
    from .course.cli import add_commands as add_course_commands
    from .demo import add_commands as add_demo_commands
    from .port.cli import add_commands as add_port_commands
    add_course_commands(sub)
    add_demo_commands(sub)
    add_port_commands(sub)
    return parser


@contextlib.contextmanager
def _noticing_ctrl_c():
    """Remember that Ctrl-C was pressed, for the cases where the KeyboardInterrupt itself is lost.

    A KeyboardInterrupt raised inside a C callback (Numba's LLVM compiler calls back into Python
    while it compiles a kernel) is printed as "Exception ignored" and swallowed, and the compiler
    then fails with an unrelated RuntimeError.  The handler below still raises KeyboardInterrupt
    as Python's default one does, but also records the press; :func:`main` then reports the
    interruption instead of the error it caused, and the swallowed one is not printed.

    Ctrl-C can also leave an object half-built (llvmlite's, when it lands in the middle of a
    constructor); its ``__del__`` then fails later, often as the interpreter exits.  So once
    Ctrl-C was pressed, every such "Exception ignored" message is dropped, also after this
    block: the process is ending on the user's request, and those messages are only noise.
    Yields a one-element list that becomes ``[True]`` once Ctrl-C was pressed.
    """
    import signal
    import threading
    pressed = [False]
    if threading.current_thread() is not threading.main_thread():
        yield pressed
        return

    def on_sigint(signum, frame):
        pressed[0] = True
        raise KeyboardInterrupt

    def quiet_if_interrupted(unraisable):
        if not pressed[0]:
            previous_hook(unraisable)

    previous_handler = signal.signal(signal.SIGINT, on_sigint)
    previous_hook = sys.unraisablehook
    sys.unraisablehook = quiet_if_interrupted
    try:
        yield pressed
    finally:
        signal.signal(signal.SIGINT, previous_handler)
        if not pressed[0]:
            sys.unraisablehook = previous_hook


def main(argv=None):
    """Entry point of ``octakd`` and ``python -m octakd``; returns the exit status."""
    args = None
    with _noticing_ctrl_c() as ctrl_c:
        try:
            args = build_parser().parse_args(argv)  # usage errors: stderr, SystemExit(2)
            status = args.func(args)
            # Ctrl-C whose KeyboardInterrupt a C callback swallowed, after which the work went
            # on to the end: the user still asked to stop, so say so.
            return _interrupted() if ctrl_c[0] else status
        except KeyboardInterrupt:
            return _interrupted()
        except Exception as exc:
            if ctrl_c[0]:                            # the error is what Ctrl-C left behind
                return _interrupted()
            if isinstance(exc, OctakdError):
                print(f"octakd {getattr(args, 'command', '')}: {exc}", file=sys.stderr)
                return 1
            if isinstance(exc, BrokenPipeError):     # `octakd port x.m | head`: the reader left
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                return 1
            raise


def _interrupted():
    print("octakd: interrupted", file=sys.stderr)
    return 130


if __name__ == "__main__":
    sys.exit(main())
