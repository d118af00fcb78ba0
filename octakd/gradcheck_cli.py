"""``octakd gradcheck FILE.py:ClassName --input-shape N,C,H,W``: check a user's layer.

Loads the class from the file, makes an instance with ``--args`` (JSON), draws a float64 input
of the given shape from ``default_rng(--seed)``, and prints ``gradcheck_layer``'s report. The
exit status is 0 when every array passes, 1 when any fails or the layer breaks the contract.
"""
import os

import numpy as np

from .gradcheck import SMOOTH, GradcheckError, gradcheck_layer


def load_user_layer(target, args_json=None):
    """``FILE.py:ClassName`` -> an instance, made with ``--args`` (a JSON list of positional
    arguments, or an object of keyword arguments). Raises GradcheckError with the reason."""
    import importlib.util
    import json
    import sys
    path, sep, cls_name = str(target).rpartition(":")
    if not sep or not path.endswith(".py") or not cls_name.isidentifier():
        raise GradcheckError(f"gradcheck: expected FILE.py:ClassName, got {target!r}")
    if not os.path.isfile(path):
        raise GradcheckError(f"gradcheck: unable to find file '{path}'")
    try:
        args = json.loads(args_json) if args_json else []
    except ValueError as exc:
        raise GradcheckError(f"gradcheck: --args must be JSON (a list such as [4] or an object such "
                             f"as {{\"momentum\": 0.1}}), got {args_json!r} ({exc})") from None
    if not isinstance(args, (list, dict)):
        args = [args]                                   # --args 4 means one positional argument
    module_name = f"octakd_user_layer_{abs(hash(os.path.abspath(path)))}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        raise GradcheckError(f"gradcheck: importing '{path}' raised {type(exc).__name__}: {exc}") from None
    finally:
        sys.path.pop(0)
    cls = getattr(module, cls_name, None)
    if not isinstance(cls, type):
        found = sorted(n for n, v in vars(module).items() if isinstance(v, type) and hasattr(v, "backward"))
        raise GradcheckError(f"gradcheck: '{path}' has no class {cls_name}; layer classes found: "
                             f"{', '.join(found) or 'none'}")
    try:
        return cls(**args) if isinstance(args, dict) else cls(*args)
    except Exception as exc:
        raise GradcheckError(f"gradcheck: {cls_name}({args_json or ''}) raised "
                             f"{type(exc).__name__}: {exc}") from None


def parse_shape(text):
    """'2,3,8,8' -> (2, 3, 8, 8)."""
    try:
        shape = tuple(int(v) for v in str(text).replace("x", ",").split(","))
    except ValueError:
        shape = ()
    if not shape or any(v <= 0 for v in shape):
        raise GradcheckError(f"gradcheck: --input-shape must be positive integers such as 2,3,8,8; "
                             f"got {text!r}")
    return shape


def add_user_layer_arguments(parser):
    """The options of ``octakd gradcheck`` for a user's layer (cli.py adds them)."""
    parser.add_argument("target", nargs="?", help="a user's layer, FILE.py:ClassName (default: the "
                        "built-in suite)")
    parser.add_argument("--input-shape", help="shape of the random float64 input, e.g. 2,3,8,8")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--training", action="store_true", help="check training mode only")
    mode.add_argument("--inference", action="store_true", help="check inference mode only")
    parser.add_argument("--args", help="constructor arguments as JSON: [4, 3] or {\"p\": 0.5}")
    parser.add_argument("--threshold", type=float, default=SMOOTH,
                        help=f"largest relative error that passes (default {SMOOTH:g})")


def user_layer_main(args):
    """Check ``args.target``; print the report. 0 when every array passes, 1 otherwise."""
    import sys
    try:
        if not args.input_shape:
            raise GradcheckError("gradcheck: a user's layer needs --input-shape, e.g. 2,3,8,8")
        shape = parse_shape(args.input_shape)
        layer = load_user_layer(args.target, args.args)
        x = np.random.default_rng(args.seed).standard_normal(shape)
        training = True if args.training else (False if args.inference else None)
        report = gradcheck_layer(layer, x, training, args.threshold, args.seed)
    except GradcheckError as exc:
        print(f"FAIL: {exc}", file=sys.stderr)
        return 1
    except NotImplementedError as exc:
        print(f"FAIL: {args.target} is not written yet: it raises NotImplementedError"
              f"{(' (' + str(exc) + ')') if str(exc) else ''}", file=sys.stderr)
        return 1
    print(report.format())
    return 0 if report.passed else 1
