"""Benchmark the conv2d / max_pool2d kernels: octakd Numba vs octakd NumPy vs PyTorch CPU.

Usage::

    python benchmarks/bench_kernels.py [--threads 2] [--runs 7] [--default-malloc] [--skip-numpy]
    python benchmarks/bench_kernels.py --threads 1 --cpu-time      # on a machine shared with others

Each case times forward + backward (dx, dW, db for conv; dx for pool), float32, and prints the
median of ``--runs`` runs after two warm-up calls, in ms, with GFLOP/s and the ratios to each
baseline. PyTorch columns appear only when ``torch`` imports.

Fairness:
- Threads: OpenBLAS, Numba and torch all get ``--threads`` threads (env vars set before NumPy is
  imported, ``numba.set_num_threads``, ``torch.set_num_threads``).
- Allocator: by default the process calls glibc ``mallopt`` at start (M_MMAP_THRESHOLD and
  M_TRIM_THRESHOLD = 1 GiB, the same as ``MALLOC_MMAP_THRESHOLD_=1073741824
  MALLOC_TRIM_THRESHOLD_=1073741824``). Every backend runs in this one process, so all of them
  get the same setting. ``--default-malloc`` keeps glibc's defaults (for all of them).

``--cpu-time`` (only with ``--threads 1``) times with ``time.thread_time``, the CPU time of the
calling thread, instead of the wall clock: with one thread OpenBLAS, Numba and torch all compute
in the calling thread, so this counts their work and not the time other processes on a shared
machine held the core (the wall clock under a load average of 7 on 2 cores came out 10-100x the
quiet figures). It still includes cache and memory-bandwidth effects of the neighbours.

It also reports, each from a fresh subprocess: ``import numba``; the first-call JIT time of all
kernels with an empty cache; the cached load of all kernels; and the peak RSS of case (c)
forward + backward.
"""
import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _parse():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--default-malloc", action="store_true")
    ap.add_argument("--skip-numpy", action="store_true", help="leave out the slow NumPy backend")
    ap.add_argument("--no-torch", action="store_true", help="leave out PyTorch even if installed")
    ap.add_argument("--no-subprocess", action="store_true", help="skip JIT/load/RSS measurements")
    ap.add_argument("--cpu-time", action="store_true",
                    help="time with the calling thread's CPU time (requires --threads 1)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.cpu_time and args.threads != 1:
        ap.error("--cpu-time counts only the calling thread's CPU time: use it with --threads 1")
    return args


ARGS = _parse()
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
    os.environ[var] = str(ARGS.threads)


def _tune_malloc():
    """The in-process equivalent of MALLOC_MMAP_THRESHOLD_ / MALLOC_TRIM_THRESHOLD_ = 1 GiB."""
    import ctypes
    libc = ctypes.CDLL("libc.so.6")
    M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
    ok = libc.mallopt(M_MMAP_THRESHOLD, 1 << 30) and libc.mallopt(M_TRIM_THRESHOLD, 1 << 30)
    if not ok:
        raise RuntimeError("mallopt failed")


if not ARGS.default_malloc:
    _tune_malloc()

import json          # noqa: E402
import subprocess    # noqa: E402
import time          # noqa: E402

import numpy as np   # noqa: E402

sys.path.insert(0, ROOT)
import octakd.kernels as K                    # noqa: E402
from octakd.kernels import geometry           # noqa: E402

# name: (N, C, H, W, F, kh, kw)
CONV_CASES = {
    "a": (32, 3, 32, 32, 32, 3, 3),
    "b": (32, 32, 16, 16, 64, 3, 3),
    "c": (1, 3, 224, 224, 64, 3, 3),
    "d": (8, 1, 1, 44100, 64, 1, 3),
}
LABELS = {
    "a": "a: N=32, C=3, 32x32 -> 32, 3x3",
    "b": "b: N=32, C=32, 16x16 -> 64, 3x3",
    "c": "c: N=1, C=3, 224x224 -> 64, 3x3",
    "d": "d: N=8, C=1, 1x44100 -> 64, 1x3",
    "pool_a": "max-pool 2x2/2 on a's output",
    "pool_c": "max-pool 2x2/2 on c's output",
}


def median_ms(fns, runs):
    """Median ms of each function over ``runs`` runs, after two warm-up calls (JIT, scratch
    buffers, allocator). Each function runs in its own block, after a 0.3 s pause: interleaving
    them run by run was tried and made every backend 2-5x slower, because the thread pools
    (OpenBLAS, torch's OpenMP) keep spinning after a call and fight the next backend's threads."""
    out = []
    for fn in fns:
        time.sleep(0.3)
        fn()
        fn()
        clock = time.thread_time if ARGS.cpu_time else time.perf_counter
        ts = []
        for _ in range(runs):
            t = clock()
            fn()
            ts.append(clock() - t)
        out.append(1e3 * float(np.median(ts)))
    return out


def with_backend(name, fn):
    def run():
        previous = K.set_backend(name)
        try:
            fn()
        finally:
            K.set_backend(previous)
    return run


def conv_setup(name, seed=0):
    N, C, H, W, F, kh, kw = CONV_CASES[name]
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((N, C, H, W), dtype=np.float32)
    w = rng.standard_normal((F, C, kh, kw), dtype=np.float32) * np.float32(0.1)
    b = rng.standard_normal(F, dtype=np.float32)
    pads = geometry.conv_pads("same", (H, W), (kh, kw), (1, 1))
    Ho, Wo = geometry.conv_output_hw((H, W), (kh, kw), (1, 1), pads)
    dy = rng.standard_normal((N, F, Ho, Wo), dtype=np.float32)
    flops = 3 * 2 * N * F * C * kh * kw * Ho * Wo         # forward, dx and dW are one GEMM each
    return x, w, b, dy, pads, flops


def octakd_conv(x, w, b, dy, pads):
    """What a Conv2D layer runs: the forward, then its backward's one call for dx, dW and db
    (conv2d_backward; on the Winograd path it transforms dy once for both)."""
    def run():
        K.conv2d_forward(x, w, b, (1, 1), pads)
        K.conv2d_backward(dy, x, w, (1, 1), pads)
    return run


def pool_input(name):
    """The conv output of case a or c (computed once with the NumPy-free Numba backend)."""
    x, w, b, _, pads, _ = conv_setup(name)
    previous = K.set_backend("numba")
    y = K.conv2d_forward(x, w, b, (1, 1), pads)
    K.set_backend(previous)
    return y


def octakd_pool(y):
    yp, arg = K.maxpool2d_forward(y, (2, 2), (2, 2))
    dyp = np.random.default_rng(1).standard_normal(yp.shape, dtype=np.float32)

    def run():
        _, a = K.maxpool2d_forward(y, (2, 2), (2, 2))
        K.maxpool2d_backward(dyp, a, y.shape)
    return run


def torch_runs():
    if ARGS.no_torch:
        return None
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(ARGS.threads)
    F = torch.nn.functional

    def conv(name):
        x, w, b, dy, pads, _ = conv_setup(name)
        tx = torch.from_numpy(x).requires_grad_()
        tw = torch.from_numpy(w).requires_grad_()
        tb = torch.from_numpy(b).requires_grad_()
        tdy = torch.from_numpy(dy)

        def run():
            y = F.conv2d(tx, tw, tb, stride=1, padding="same")
            torch.autograd.grad(y, (tx, tw, tb), tdy)
        return run

    def pool(name):
        ty = torch.from_numpy(pool_input(name)).requires_grad_()
        with torch.no_grad():
            shape = F.max_pool2d(ty, 2, 2).shape
        tdy = torch.randn(shape)

        def run():
            out = F.max_pool2d(ty, 2, 2)
            torch.autograd.grad(out, (ty,), tdy)
        return run

    return torch, conv, pool


# ---------------------------------------------------------------------------------------------
# Fresh-process measurements
# ---------------------------------------------------------------------------------------------

CHILD_ALL_KERNELS = """
import time, numpy as np
t0 = time.perf_counter()
import numba
t1 = time.perf_counter()
from octakd.kernels import conv_numba as cn, pool_numba as pn
for dt in (np.float32, np.float64):
    x = np.ones((1, 2, 5, 6), dt); w = np.ones((3, 2, 3, 3), dt); b = np.ones(3, dt)
    y = cn.conv2d_forward(x, w, b, (1, 1), (1, 1, 1, 1))
    cn.conv2d_backward_input(y, w, x.shape, (1, 1), (1, 1, 1, 1))
    cn.conv2d_backward_weight(y, x, w.shape, (1, 1), (1, 1, 1, 1))
    p, a = pn.maxpool2d_forward(x, (2, 2), (2, 2))
    pn.maxpool2d_backward(p, a, x.shape)
    # the Winograd path (3 images of 16x16: 192 tiles, 32 channels and filters)
    x = np.ones((3, 32, 16, 16), dt); w = np.ones((32, 32, 3, 3), dt); b = np.ones(32, dt)
    y = cn.conv2d_forward(x, w, b, (1, 1), (1, 1, 1, 1))
    cn.conv2d_backward(y, x, w, (1, 1), (1, 1, 1, 1))
t2 = time.perf_counter()
print(json.dumps({"import_numba": t1 - t0, "kernels": t2 - t1}))
"""

CHILD_RSS = """
import resource, numpy as np
from octakd.kernels import conv_numba as cn
before = int([l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")][0])
rng = np.random.default_rng(0)
x = rng.standard_normal((1, 3, 224, 224), dtype=np.float32)
w = rng.standard_normal((64, 3, 3, 3), dtype=np.float32); b = np.zeros(64, np.float32)
for _ in range(3):
    y = cn.conv2d_forward(x, w, b, (1, 1), (1, 1, 1, 1))
    dx = cn.conv2d_backward_input(y, w, x.shape, (1, 1), (1, 1, 1, 1))
    dw, db = cn.conv2d_backward_weight(y, x, w.shape, (1, 1), (1, 1, 1, 1))
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
hwm = int([l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")][0])
print(json.dumps({"rss_before_kb": before, "rss_peak_kb": after, "vmhwm_kb": hwm}))
"""


def child(code, extra_env=None):
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.update(extra_env or {})
    out = subprocess.run([sys.executable, "-c", "import json\n" + code], env=env,
                         capture_output=True, text=True, check=True, timeout=600)
    return json.loads(out.stdout.strip().splitlines()[-1])


def fresh_process_report():
    import tempfile
    with tempfile.TemporaryDirectory() as empty_cache:
        jit = child(CHILD_ALL_KERNELS, {"NUMBA_CACHE_DIR": empty_cache})
    child(CHILD_ALL_KERNELS)                      # make sure the default cache is filled
    loads = [child(CHILD_ALL_KERNELS) for _ in range(3)]
    load = sorted(loads, key=lambda r: r["kernels"])[1]
    rss = child(CHILD_RSS)
    return jit, load, rss


# ---------------------------------------------------------------------------------------------


def fmt(v, spec):
    return "-" if v is None else format(v, spec)


def main():
    import numba
    numba.set_num_threads(ARGS.threads)
    tor = torch_runs()
    print(f"clock={'thread CPU time' if ARGS.cpu_time else 'wall'} load={open('/proc/loadavg').read().split()[:3]}")
    print(f"threads={ARGS.threads} runs={ARGS.runs} malloc={'default' if ARGS.default_malloc else 'tuned (mallopt 1 GiB)'}"
          f" numpy={np.__version__} numba={numba.__version__}"
          + (f" torch={tor[0].__version__}" if tor else " torch=absent"), flush=True)
    rows = []
    for name in list(CONV_CASES) + ["pool_a", "pool_c"]:
        if name in CONV_CASES:
            x, w, b, dy, pads, flops = conv_setup(name)
            make = lambda: octakd_conv(x, w, b, dy, pads)        # noqa: E731
        else:
            flops = None
            y = pool_input(name[-1])
            make = lambda: octakd_pool(y)                        # noqa: E731
        fns = [with_backend("numba", make())]
        if not ARGS.skip_numpy:
            fns.append(with_backend("numpy", make()))
        if tor:
            fns.append(tor[1](name) if name in CONV_CASES else tor[2](name[-1]))
        times = median_ms(fns, ARGS.runs)
        t_numba = times.pop(0)
        t_numpy = None if ARGS.skip_numpy else times.pop(0)
        t_torch = times.pop(0) if tor else None
        rows.append((name, t_numba, flops, t_numpy, t_torch))
        print(f"  {name}: numba {t_numba:.2f} ms, numpy {fmt(t_numpy, '.1f')} ms, "
              f"torch {fmt(t_torch, '.2f')} ms", flush=True)

    print()
    print("| case (fwd + bwd, float32) | octakd numba ms | GFLOP/s | numpy ms | numpy / octakd "
          "| torch ms | torch GFLOP/s | octakd / torch |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, tn, flops, tp, tt in rows:
        gf = None if flops is None else flops / tn / 1e6
        gt = None if (flops is None or tt is None) else flops / tt / 1e6
        print(f"| {LABELS[name]} | {tn:.2f} | {fmt(gf, '.1f')} | {fmt(tp, '.1f')} "
              f"| {fmt(None if tp is None else tp / tn, '.1f')}x | {fmt(tt, '.2f')} | {fmt(gt, '.1f')} "
              f"| {fmt(None if tt is None else tn / tt, '.2f')}x |")

    print(f"\nload average at the end: {open('/proc/loadavg').read().split()[:3]}")
    if not ARGS.no_subprocess:
        jit, load, rss = fresh_process_report()
        print()
        print(f"- `import numba` in a fresh process: {1e3 * load['import_numba']:.0f} ms")
        print(f"- first call of all kernels (float32 + float64), empty cache (JIT): "
              f"{jit['kernels']:.1f} s")
        print(f"- cached load + first call of all kernels (float32 + float64), fresh process: "
              f"{1e3 * load['kernels']:.0f} ms (median of 3; plus `import numba`: "
              f"{1e3 * (load['kernels'] + load['import_numba']):.0f} ms)")
        print(f"- peak RSS of case (c) fwd + bwd (numba backend, fresh process): "
              f"{rss['vmhwm_kb'] / 1024:.0f} MB (VmHWM; after imports: {rss['rss_before_kb'] / 1024:.0f} MB;"
              f" getrusage ru_maxrss says {rss['rss_peak_kb'] / 1024:.0f} MB, but on Linux it keeps"
              f" the peak of the process before exec, i.e. this benchmark's own)")


if __name__ == "__main__":
    main()
