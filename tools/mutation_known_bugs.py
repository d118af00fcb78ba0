"""Apply each known bug of issue 16 to the source, run the tests that must catch it, restore.

    python tools/mutation_known_bugs.py            # all bugs, a table on stdout
    python tools/mutation_known_bugs.py relu_zero  # one bug by name
    python tools/mutation_known_bugs.py --similar  # bugs of the same kinds (SIMILAR_BUGS)
    python tools/mutation_known_bugs.py --all

Each bug is a literal text replacement in one file (it must match exactly once, so the script
notices when the code it patches has changed). The file is always restored, even on Ctrl-C.
Exit status 0 when every bug is caught (the tests fail), 1 otherwise. See docs/testing.md.
"""
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ORACLE_TESTS = ["tests/test_torch_fixtures.py", "tests/test_hand_computed.py",
                "tests/test_hand_computed_text.py", "tests/test_optim.py",
                "tests/test_port_output_atomic.py"]

# name: (file, text to replace, replacement, what it does)
BUGS = {
    "same_pad_split": (
        "octakd/kernels/geometry.py",
        "pads += [total // 2, total - total // 2]",
        "pads += [total - total // 2, total // 2]",
        "'same' padding split with the larger half on top/left"),
    "adam_no_bias_correction": (
        "octakd/optim.py",
        "        c1 = 1.0 - self.beta1 ** self.t\n        c2 = 1.0 - self.beta2 ** self.t\n",
        "        c1 = 1.0\n        c2 = 1.0\n",
        "Adam without bias correction (NumPy and fused paths: both get c1, c2 from here)"),
    "adam_fused_no_bias_correction": (
        "octakd/kernels/adam_numba.py",
        "s(lr / c1), s(1.0 / c2), s(eps))",
        "s(lr), s(1.0), s(eps))",
        "Adam without bias correction in the fused Numba kernel only"),
    "relu_zero": (
        "octakd/layers/activation.py",
        "self.mask = x > 0",
        "self.mask = x >= 0",
        "ReLU's gradient 1 at x == 0"),
    "dense_relu_zero": (
        "octakd/layers/activation.py",
        '"relu": (relu, lambda z, a: (z > 0).astype(z.dtype)),',
        '"relu": (relu, lambda z, a: (z >= 0).astype(z.dtype)),',
        "Dense(activation='relu') gradient 1 at z == 0"),
    "port_o_direct_write": (
        "octakd/port/source.py",
        'fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(out)}.", suffix=".tmp", dir=folder)',
        "fd, tmp = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666), out",
        "octakd port -o writing straight into the output"),
    "text_sign_bit": (
        "octakd/text.py",
        "(value >> 63) & 1",
        "(value >> 62) & 1",
        "the text hash taking its sign from the wrong bit"),
    "optimize_gradient_sign": (
        "octakd/training.py",
        "return value, np.concatenate([layer.grads[k].ravel() for layer, k in params])",
        "return value, -np.concatenate([layer.grads[k].ravel() for layer, k in params])",
        "optimize_model giving L-BFGS-B the gradient with the wrong sign"),
    "conv_flipped_kernel": (
        "octakd/kernels/__init__.py",
        '    return _load(get_backend(), "conv").conv2d_forward(x, w, b, stride, pads)',
        '    return _load(get_backend(), "conv").conv2d_forward(x, w[:, :, ::-1, ::-1].copy(), b, stride, pads)',
        "a flipped conv kernel in forward (true convolution instead of cross-correlation)"),
}

# Bugs of the same kinds, to check that the oracles are not tuned to the nine above. A tuple of
# five has a last item True: replace every occurrence (the Numba pool kernel repeats its test).
SIMILAR_BUGS = {
    "same_pad_ignores_stride": (
        "octakd/kernels/geometry.py", "out = -(-size // s)", "out = size",
        "'same' output size ignoring the stride"),
    "pool_ties_last_numpy": (
        "octakd/kernels/pool_numpy.py", "better = (cand > y)", "better = (cand >= y)",
        "max-pool ties to the last maximum (NumPy kernel)"),
    "pool_ties_last_numba": (
        "octakd/kernels/pool_numba.py", "(v > best)", "(v >= best)",
        "max-pool ties to the last maximum (Numba kernel)", True),
    "kd_without_t_squared": (
        "octakd/losses.py", "loss, dz = alpha * T * T * kl, alpha * T * T * dkl",
        "loss, dz = alpha * kl, alpha * dkl", "distillation loss without the T^2 factor"),
    "kl_gradient_without_t": (
        "octakd/losses.py", "return kl, (np.exp(logq) - p) / (temperature * N)",
        "return kl, (np.exp(logq) - p) / N", "KL gradient missing its 1/T"),
    "ce_gradient_not_averaged": (
        "octakd/losses.py", "    dz /= N\n", "", "cross-entropy gradient summed, not averaged"),
    "dense_bias_grad_mean": (
        "octakd/layers/dense.py", 'self.grads["b"] = dz.sum(axis=0)',
        'self.grads["b"] = dz.mean(axis=0)', "Dense bias gradient averaged over the batch"),
    "adam_eps_inside_sqrt": (
        "octakd/kernels/adam_numpy.py", "(np.sqrt(v / c2) + eps)", "np.sqrt(v / c2 + eps)",
        "Adam's eps inside the square root (NumPy path)"),
    "sgd_no_momentum_decay": (
        "octakd/optim.py", "            v *= self.momentum\n", "",
        "SGD velocity never decays (momentum ignored)"),
    "concat_reversed": (
        "octakd/layers/concat.py", "np.concatenate([x.reshape(x.shape[0], -1) for x in xs], axis=1)",
        "np.concatenate([x.reshape(x.shape[0], -1) for x in xs[::-1]], axis=1)",
        "concatenation joins the branches in reverse order (forward only)"),
    "dropout_not_inverted": (
        "octakd/layers/dropout.py", "self.scale = keep.astype(x.dtype) / x.dtype.type(1.0 - self.p)",
        "self.scale = keep.astype(x.dtype)", "dropout without the 1/(1-p) scaling"),
    "optimize_keeps_old_weights": (
        "octakd/training.py", "    if not np.isfinite(after) or after > before:",
        "    if True:", "optimize_model always restores the weights it was given"),
    "text_no_bigrams": (
        "octakd/text.py", '    grams += [f"b:{a} {b}" for a, b in zip(ws, ws[1:])]\n', "",
        "text features without the word bigrams"),
}
ALL_BUGS = {**BUGS, **SIMILAR_BUGS}


def run_tests(tests):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           *tests], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    failed = [line.split(" ")[1] for line in proc.stdout.splitlines() if line.startswith("FAILED ")]
    return proc.returncode, failed


def try_bug(name):
    path, old, new, _, *every = ALL_BUGS[name]
    file = ROOT / path
    original = file.read_text(encoding="utf-8")
    if original.count(old) == 0 or (original.count(old) > 1 and not every):
        return "PATCH DOES NOT APPLY", []
    try:
        file.write_text(original.replace(old, new), encoding="utf-8")
        code, failed = run_tests(ORACLE_TESTS)
    finally:
        file.write_text(original, encoding="utf-8")
    return ("caught" if code == 1 else f"NOT CAUGHT (pytest exit {code})"), failed


def main(argv):
    if argv == ["--similar"]:
        names = list(SIMILAR_BUGS)
    elif argv == ["--all"]:
        names = list(ALL_BUGS)
    else:
        names = argv or list(BUGS)
    all_caught = True
    print("| bug | result | failing tests, per file |\n|---|---|---|")
    for name in names:
        t0 = time.time()
        result, failed = try_bug(name)
        all_caught &= result == "caught"
        per_file = {}
        for test in failed:
            key = test.split("::")[0].replace("tests/", "")
            per_file[key] = per_file.get(key, 0) + 1
        detail = ", ".join(f"{k}: {v}" for k, v in per_file.items()) or "-"
        print(f"| {ALL_BUGS[name][3]} | {result} ({time.time() - t0:.0f} s) | {detail} |", flush=True)
    return 0 if all_caught else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
