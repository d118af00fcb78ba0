"""The ``octakd`` command: gradcheck, seed, demo, and (from octakd.port) port and run."""
import argparse
import sys


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


def _seed(args):
    """Run tutorials/00_seed_listing.py, the article's listing ported line by line."""
    import os
    import runpy
    from pathlib import Path
    listing = Path(__file__).resolve().parent.parent / "tutorials" / "00_seed_listing.py"
    if not listing.exists():
        print(f"octakd seed: cannot find {listing}; run it from a checkout of the octakd "
              f"repository (pip install -e .)", file=sys.stderr)
        return 2
    if args.fast:
        os.environ["OCTAKD_FAST"] = "1"
    if args.data:
        os.environ["OCTAKD_DATA"] = str(Path(args.data).resolve())
    runpy.run_path(str(listing), run_name="__main__")
    return 0


def build_parser():
    parser = argparse.ArgumentParser(prog="octakd", description="Multimodal knowledge distillation "
                                     "from scratch, with the Octave-style API of the seed article.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("gradcheck", help="check every layer's and loss's backward pass numerically")
    p.add_argument("--backend", choices=["numpy", "numba"], help="kernel backend to check")
    p.add_argument("--seed", type=int, default=0)
    from .gradcheck_cli import add_user_layer_arguments
    add_user_layer_arguments(p)
    p.set_defaults(func=_gradcheck)
    p = sub.add_parser("seed", help="run the article's listing, ported line by line, on data_samples/")
    p.add_argument("--fast", action="store_true", help="2 epochs instead of 100 (for CI)")
    p.add_argument("--data", help="folder with image.jpg and audio.wav (default: data_samples/)")
    p.set_defaults(func=_seed)
    from .course.cli import add_commands as add_course_commands
    from .demo import add_commands as add_demo_commands
    from .port.cli import add_commands as add_port_commands
    add_course_commands(sub)
    add_demo_commands(sub)
    add_port_commands(sub)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
