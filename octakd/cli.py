"""The ``octakd`` command: gradcheck, seed, demo, and (from octakd.port) port and run."""
import argparse
import sys


def _gradcheck(args):
    from . import gradcheck, kernels
    if args.backend:
        kernels.set_backend(args.backend)
    print(f"octakd gradient check (float64, centred differences, h=1e-5), "
          f"kernel backend: {kernels.get_backend()}")
    rows = gradcheck.suite(seed=args.seed)
    print(gradcheck.format_table(rows))
    return 0 if all(err <= limit for _, err, limit in rows) else 1


def _seed(args):
    from .seed_listing import main
    return main(fast=args.fast)


def build_parser():
    parser = argparse.ArgumentParser(prog="octakd", description="Multimodal knowledge distillation "
                                     "from scratch, with the Octave-style API of the seed article.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("gradcheck", help="check every layer's and loss's backward pass numerically")
    p.add_argument("--backend", choices=["numpy", "numba"], help="kernel backend to check")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=_gradcheck)
    p = sub.add_parser("seed", help="run the article's listing, ported line by line, on data_samples/")
    p.add_argument("--fast", action="store_true", help="reduced size (for CI)")
    p.set_defaults(func=_seed)
    try:
        from .port.cli import add_commands
    except ImportError:
        pass
    else:
        add_commands(sub)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
