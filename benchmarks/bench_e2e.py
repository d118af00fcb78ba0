"""End-to-end benchmark: the demo's teacher and compact student, octakd against PyTorch CPU.

Usage::

    python benchmarks/bench_e2e.py [--threads 1 2] [--runs 5] [--quick] [--no-torch]
                                   [--default-malloc] [--samples 3000] [--epochs 3] [--cpu-time]

For each thread count and each run it starts one octakd process and one PyTorch process (in
alternating order, one after the other, never together), so octakd and PyTorch are measured
interleaved under the same load. Each process builds the network (octakd/demo.py's
``teacher_network`` and ``student_network``; the same layers written with ``torch.nn``), then
measures:

- training: seconds per epoch of Adam (lr 0.002), batch 32, cross-entropy, on ``--samples``
  random samples (image 1x16x16, text 128 features, audio 1x1x256, 10 classes); the median of
  epochs 2.. (epoch 1 includes loading compiled kernels and first-touch page faults). octakd
  runs ``train_model`` itself (with its per-step checks: finite logits, gradient norms, the
  step guard), and the per-epoch times come from ``model.history``;
- inference at batch 1: ``predict`` on one sample at a time (PyTorch: ``softmax(net(x))`` under
  ``torch.inference_mode()``), microseconds per sample, median of the calls;
- inference at batch 256: the same on 256 samples, microseconds per sample, median of the calls.

The table gives the median over runs of each time and the median over runs of the per-run
ratio octakd / PyTorch (each ratio comes from a pair of processes run back to back).

Fairness: the same thread count for everything (OPENBLAS/OMP/MKL/NUMBA_NUM_THREADS set before
NumPy is imported; ``torch.set_num_threads``), and the same allocator setting (glibc ``mallopt``
M_MMAP_THRESHOLD and M_TRIM_THRESHOLD = 1 GiB in every process, or glibc's defaults for all with
``--default-malloc``). ``--quick`` is a smoke run on tiny sizes (it checks that everything runs;
its numbers mean nothing).

``--cpu-time`` (only with ``--threads 1``: with one thread OpenBLAS, Numba and PyTorch all
compute in the calling thread) times with ``time.thread_time`` instead of the wall clock, so
that other processes on a shared machine do not count. Training is then timed differently:
after a one-epoch warm-up run on 256 samples (kernels loaded, pages touched), octakd's CPU time
is that of a whole ``train_model`` call divided by its epochs (so it includes the call's own
set-up: the teaching-path first batch of each shape, the plans), PyTorch's the median of its
per-epoch CPU times.
"""
import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MEASURES = ("train_s_per_epoch", "infer_b1_us", "infer_b256_us")
NETS = ("teacher", "student")


def parse(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--runs", type=int, default=5, help="process pairs per thread count")
    ap.add_argument("--samples", type=int, default=3000)
    ap.add_argument("--epochs", type=int, default=3, help="epochs per process (the first is not timed)")
    ap.add_argument("--calls", type=int, default=200, help="batch-1 predict calls per process")
    ap.add_argument("--quick", action="store_true", help="tiny sizes, one run: a smoke test")
    ap.add_argument("--no-torch", action="store_true", help="octakd only, even if torch imports")
    ap.add_argument("--default-malloc", action="store_true")
    ap.add_argument("--cpu-time", action="store_true", help="thread CPU time (with --threads 1)")
    ap.add_argument("--child", choices=("octakd", "torch"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.cpu_time and args.threads != [1]:
        ap.error("--cpu-time counts only the calling thread's CPU time: use it with --threads 1")
    if args.quick:
        args.samples, args.epochs, args.calls, args.runs = 64, 2, 5, 1
        args.threads = args.threads[:1] if args.threads != [1, 2] else [1]
    return args


def tune_malloc():
    """The in-process equivalent of MALLOC_MMAP_THRESHOLD_ / MALLOC_TRIM_THRESHOLD_ = 1 GiB."""
    import ctypes
    libc = ctypes.CDLL("libc.so.6")
    M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
    if not (libc.mallopt(M_MMAP_THRESHOLD, 1 << 30) and libc.mallopt(M_TRIM_THRESHOLD, 1 << 30)):
        raise RuntimeError("mallopt failed")


def make_data(n, seed=0):
    """Random inputs of the demo's shapes and labels 0..9 (timings do not depend on values)."""
    import numpy as np
    rng = np.random.default_rng(seed)
    image = rng.random((n, 1, 16, 16), dtype=np.float32)
    text = rng.standard_normal((n, 128), dtype=np.float32)
    audio = rng.standard_normal((n, 1, 1, 256), dtype=np.float32) * np.float32(0.3)
    return [image, text, audio], rng.integers(0, 10, n)


def median(xs):
    xs = sorted(xs)
    k = len(xs) // 2
    return xs[k] if len(xs) % 2 else 0.5 * (xs[k - 1] + xs[k])


def epoch_times(ends):
    """Seconds per epoch from the end times of epochs 1..E; epoch 1 is left out when E > 1."""
    diffs = [b - a for a, b in zip(ends, ends[1:])]
    return median(diffs) if diffs else ends[0]


def infer_times(run, X, calls, clock=time.perf_counter):
    """(µs/sample at batch 1, µs/sample at batch 256): medians of timed calls after a warm-up."""
    one = [[a[i:i + 1] for a in X] for i in range(calls)]
    run(one[0])
    ts = []
    for x in one:
        t = clock()
        run(x)
        ts.append(clock() - t)
    big = [a[:256] for a in X]
    nb = big[0].shape[0]
    run(big)
    tb = []
    for _ in range(max(3, calls // 20)):
        t = clock()
        run(big)
        tb.append(clock() - t)
    return 1e6 * median(ts), 1e6 * median(tb) / nb


# -- octakd ------------------------------------------------------------------------------------

def octakd_child(args, threads):
    import numba
    numba.set_num_threads(threads)
    import numpy as np
    from octakd.demo import student_network, teacher_network
    from octakd.training import predict, train_model
    X, y = make_data(args.samples)
    clock = time.thread_time if args.cpu_time else time.perf_counter
    out = {}
    for name, make in (("teacher", teacher_network), ("student", student_network)):
        if args.cpu_time:
            w = min(256, args.samples)
            train_model([a[:w] for a in X], y[:w], 1, 0.002, network=make(), batch_size=32,
                        seed=0, verbose=False)                          # warm-up
            start = clock()
        model = train_model(X, y, args.epochs, 0.002, network=make(), batch_size=32, seed=0,
                            verbose=False)
        if args.cpu_time:
            per_epoch = (clock() - start) / args.epochs
        else:
            ends = {}
            for row in model.history:
                ends[row["epoch"]] = row["time"]
            per_epoch = epoch_times([ends[e] for e in sorted(ends)])
        b1, b256 = infer_times(lambda x: predict(model, x), X, args.calls, clock)
        out[name] = {"train_s_per_epoch": per_epoch, "infer_b1_us": b1, "infer_b256_us": b256}
    out["versions"] = {"numpy": np.__version__, "numba": numba.__version__}
    return out


# -- PyTorch -----------------------------------------------------------------------------------

def torch_nets(torch):
    """The teacher and the student of octakd/demo.py in torch.nn ('same' paddings as there)."""
    nn = torch.nn

    class Multi(nn.Module):
        def __init__(self, image, text, audio, head):
            super().__init__()
            self.image, self.text, self.audio, self.head = image, text, audio, head

        def forward(self, image, text, audio):
            z = torch.cat([self.image(image).flatten(1), self.text(text),
                           self.audio(audio).flatten(1)], dim=1)
            return self.head(z)

    def teacher():
        return Multi(
            nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2)),
            nn.Sequential(nn.Linear(128, 64), nn.ReLU()),
            nn.Sequential(nn.Conv2d(1, 16, (1, 9), padding=(0, 4)), nn.ReLU(), nn.MaxPool2d((1, 4)),
                          nn.Conv2d(16, 32, (1, 9), padding=(0, 4)), nn.ReLU(), nn.MaxPool2d((1, 4))),
            nn.Sequential(nn.Linear(512 + 64 + 512, 256), nn.ReLU(), nn.Dropout(0.5), nn.Linear(256, 10)))

    def student():
        return Multi(
            nn.Sequential(nn.Conv2d(1, 8, 3, stride=2, padding=1), nn.ReLU(),
                          nn.Conv2d(8, 8, 3, stride=2, padding=1), nn.ReLU()),
            nn.Sequential(nn.Linear(128, 16), nn.ReLU()),
            nn.Sequential(nn.Conv2d(1, 8, (1, 9), stride=(1, 4), padding=(0, 3)), nn.ReLU(),
                          nn.MaxPool2d((1, 2)), nn.Conv2d(8, 8, (1, 5), padding=(0, 2)), nn.ReLU(),
                          nn.MaxPool2d((1, 4))),
            nn.Sequential(nn.Linear(128 + 16 + 64, 48), nn.ReLU(), nn.Linear(48, 10)))

    return {"teacher": teacher, "student": student}


def torch_child(args, threads):
    import torch
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    Xn, yn = make_data(args.samples)
    X = [torch.from_numpy(a) for a in Xn]
    y = torch.from_numpy(yn)
    clock = time.thread_time if args.cpu_time else time.perf_counter
    out = {}
    for name, make in torch_nets(torch).items():
        if args.cpu_time:                                               # warm-up, as octakd's
            w = min(256, args.samples)
            torch_epochs(make(), [a[:w] for a in X], y[:w], 1, w, clock)
        net = make()
        ends = torch_epochs(net, X, y, args.epochs, args.samples, clock)
        net.eval()

        def run(x):
            with torch.inference_mode():
                return torch.softmax(net(*x), dim=1)

        b1, b256 = infer_times(run, X, args.calls, clock)
        out[name] = {"train_s_per_epoch": epoch_times(ends), "infer_b1_us": b1, "infer_b256_us": b256}
    out["versions"] = {"torch": torch.__version__}
    return out


def torch_epochs(net, X, y, epochs, samples, clock):
    """Train ``net`` with Adam, batch 32; the clock's end time of each epoch."""
    import torch
    loss_fn = torch.nn.functional.cross_entropy
    opt = torch.optim.Adam(net.parameters(), lr=0.002)
    g = torch.Generator().manual_seed(0)
    ends, start = [], clock()
    for _ in range(epochs):
        net.train()
        order = torch.randperm(samples, generator=g)
        for s in range(0, samples, 32):
            idx = order[s:s + 32]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(net(*[a[idx] for a in X]), y[idx])
            loss.backward()
            opt.step()
        ends.append(clock() - start)
    return ends


# -- the parent --------------------------------------------------------------------------------

def spawn(args, who, threads):
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
        env[var] = str(threads)
    cmd = [sys.executable, os.path.abspath(__file__), "--child", who, "--threads", str(threads),
           "--samples", str(args.samples), "--epochs", str(args.epochs), "--calls", str(args.calls)]
    if args.default_malloc:
        cmd.append("--default-malloc")
    if args.cpu_time:
        cmd.append("--cpu-time")
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        raise RuntimeError(f"{who} child failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def torch_available():
    done = subprocess.run([sys.executable, "-c", "import torch"], capture_output=True)
    return done.returncode == 0


def load_average():
    try:
        return open("/proc/loadavg").read().split()[0]
    except OSError:
        return "?"


def table(results, with_torch):
    """Markdown rows: threads, network, measure, octakd median, torch median, ratio median."""
    unit = {"train_s_per_epoch": "training, s/epoch", "infer_b1_us": "inference batch 1, µs/sample",
            "infer_b256_us": "inference batch 256, µs/sample"}
    lines = ["| threads | network | measure | octakd | PyTorch | octakd / PyTorch |",
             "|---:|---|---|---:|---:|---:|"]
    for threads, pairs in results.items():
        for net in NETS:
            for m in MEASURES:
                ours = median([p["octakd"][net][m] for p in pairs])
                if with_torch:
                    theirs = median([p["torch"][net][m] for p in pairs])
                    ratio = median([p["octakd"][net][m] / p["torch"][net][m] for p in pairs])
                    cells = f"{theirs:.4g} | {ratio:.2f}x"
                else:
                    cells = "- | -"
                lines.append(f"| {threads} | {net} | {unit[m]} | {ours:.4g} | {cells} |")
    return "\n".join(lines)


def main(argv=None):
    args = parse(argv)
    if args.child:
        threads = args.threads[0]
        if not args.default_malloc:
            tune_malloc()
        sys.path.insert(0, ROOT)
        result = (octakd_child if args.child == "octakd" else torch_child)(args, threads)
        print(json.dumps(result))
        return 0
    with_torch = not args.no_torch and torch_available()
    print(f"bench_e2e: samples={args.samples} epochs={args.epochs} (median of epochs 2..) "
          f"calls={args.calls} runs={args.runs} threads={args.threads} "
          f"malloc={'default' if args.default_malloc else 'tuned (mallopt 1 GiB)'} "
          f"clock={'thread CPU time' if args.cpu_time else 'wall'} "
          f"torch={'yes' if with_torch else 'no'} cpus={os.cpu_count()} load={load_average()}",
          flush=True)
    results = {}
    for threads in args.threads:
        pairs = []
        for r in range(args.runs):
            order = ("octakd", "torch") if r % 2 == 0 else ("torch", "octakd")
            pair = {who: spawn(args, who, threads) for who in order if with_torch or who == "octakd"}
            pairs.append(pair)
            short = " ".join(f"{who} {net} {pair[who][net]['train_s_per_epoch']:.3f}s/ep"
                             for who in pair for net in NETS)
            print(f"  threads {threads} run {r + 1}/{args.runs}: {short}", flush=True)
        results[threads] = pairs
    versions = {k: v for pair in results[args.threads[0]][:1] for who in pair
                for k, v in pair[who]["versions"].items()}
    print(f"versions: {versions}; load after: {load_average()}")
    print(table(results, with_torch))
    return 0


if __name__ == "__main__":
    sys.exit(main())
