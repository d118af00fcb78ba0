"""``octakd demo``: multimodal and cross-modal knowledge distillation, measured.

The experiment (every number it prints comes from this run; nothing is stored):

1. Data: ``make_multimodal_digits(4000, seed=0)`` (see octakd/datasets.py), split into 3000
   training and 1000 held-out test samples (stratified), plus an unlabelled pool of 3000 more
   samples from ``make_multimodal_digits(3000, seed=1)``.
2. The setting is *limited labelled data for the student*: the teacher is trained on all 3000
   training labels; the student has the labels of only 50 samples per class (500), drawn per
   seed, and unlabelled inputs. That is when distillation pays: the teacher's soft targets
   label everything else. The transfer set of the distilled students is the 3000 training
   inputs plus the 3000 unlabelled ones.
3. Rows of the table, each over ``seeds`` seeds (seed s draws the student's labelled subset,
   initialises the weights and shuffles the batches):
   - teacher: a multimodal CNN (image, text and audio branches, 16/32 filters, dense 256,
     dropout 0.5), all 3000 labels, 10 epochs;
   - student alone: the compact student (strided convolutions, dense 48; 22x fewer
     parameters) trained with cross-entropy on its 500 labels (60 epochs: it fits them);
   - student distilled: the same student trained on the transfer set with Hinton's loss
     (T=4, alpha=0.9, 16 epochs) against the teacher's logits; the hard-label term uses the
     true label on its 500 labelled samples and the teacher's top class elsewhere;
   - + optimize_model: that student after ``optimize_model`` (L-BFGS-B on the same loss,
     5 iterations), the article's last step;
   - image-only and audio-only students (cross-modal distillation): a student with one input
     branch, alone on its 500 labels, and distilled from the three-modality teacher, reading
     its modality out of the teacher-ordered ``[image, text, audio]`` list;
   - with ``--reference``: the student alone on all 3000 labels (what every label buys).
4. A temperature sweep (seed 0): the distilled student's test accuracy for T in 1, 2, 4, 8.

Timings: training time is ``train_model``'s wall time (plus optimize_model's for that row);
inference time is the best of 3 ``predict`` calls on the 1000 test samples (batch 256),
divided by 1000. The demo runs BLAS and Numba with one thread: on a 2-core machine shared
with other jobs, the small per-batch matrix products of these models ran about 5x faster with
one thread than with two (threads fighting over cores).
"""
import contextlib
import json
import time
from pathlib import Path

import numpy as np

from .datasets import MODALITIES, make_multimodal_digits
from .layers import (AudioInput, Concatenate, Conv2D, Dense, Dropout, ImageInput, MaxPool2D, ReLU,
                     Softmax, TextInput)
from .network import Network
from .plotting import optional_pyplot
from .training import calculate_distillation_loss, evaluate, optimize_model, predict, train_model

TEXT_FEATURES = 128

FULL = {"n": 4000, "test_fraction": 0.25, "unlabelled": 3000, "labelled_per_class": 50,
        "teacher_epochs": 10, "student_epochs": 16, "alone_epochs": 60, "learning_rate": 0.002,
        "batch_size": 32, "temperature": 4.0, "alpha": 0.9, "optimize_iter": 5,
        "temperatures": (1, 2, 4, 8), "reference": False}
FAST = dict(FULL, n=600, unlabelled=200, labelled_per_class=10, teacher_epochs=3, student_epochs=3,
            alone_epochs=6, optimize_iter=3, temperatures=(2, 4), reference=True)


# -- the models -----------------------------------------------------------------------------------

def teacher_network(modalities=MODALITIES, name="teacher"):
    """The multimodal CNN teacher (about 300 k parameters with all three branches):

    image 1x16x16: conv 3x3 (16) - relu - pool 2 - conv 3x3 (32) - relu - pool 2   -> 512
    text 128:      dense 64 relu                                                    ->  64
    audio 1x1x256: conv 1x9 (16) - relu - pool 4 - conv 1x9 (32) - relu - pool 4    -> 512
    concatenate - dense 256 relu - dropout 0.5 - softmax 10
    """
    net = Network(name)
    tips = []
    if "image" in modalities:
        b = net.add(ImageInput(1, 1, 16, 16))
        for layer in (Conv2D(16, 3, 3), ReLU(), MaxPool2D(2, 2), Conv2D(32, 3, 3), ReLU(), MaxPool2D(2, 2)):
            b = net.add(layer, b)
        tips.append(b)
    if "text" in modalities:
        b = net.add(TextInput(1, TEXT_FEATURES))
        tips.append(net.add(Dense(64, "relu"), b))
    if "audio" in modalities:
        b = net.add(AudioInput(1, 1, 256))
        for layer in (Conv2D(16, 1, 9), ReLU(), MaxPool2D(4, 4), Conv2D(32, 1, 9), ReLU(), MaxPool2D(4, 4)):
            b = net.add(layer, b)
        tips.append(b)
    return _head(net, tips, [Dense(256, "relu"), Dropout(0.5)])


def student_network(modalities=MODALITIES, name="student"):
    """The compact student (about 14 k parameters with all three branches). Strided
    convolutions instead of full-resolution maps keep inference cheap:

    image 1x16x16: conv 3x3 stride 2 (8) - relu - conv 3x3 stride 2 (8) - relu         -> 128
    text 128:      dense 16 relu                                                    ->  16
    audio 1x1x256: conv 1x9 stride 4 (8) - relu - pool 2 - conv 1x5 (8) - relu - pool 4 -> 64
    concatenate - dense 48 relu - softmax 10
    """
    net = Network(name)
    tips = []
    if "image" in modalities:
        b = net.add(ImageInput(1, 1, 16, 16))
        for layer in (Conv2D(8, 3, 3, "same", 2), ReLU(), Conv2D(8, 3, 3, "same", 2), ReLU()):
            b = net.add(layer, b)
        tips.append(b)
    if "text" in modalities:
        b = net.add(TextInput(1, TEXT_FEATURES))
        tips.append(net.add(Dense(16, "relu"), b))
    if "audio" in modalities:
        b = net.add(AudioInput(1, 1, 256))
        for layer in (Conv2D(8, 1, 9, "same", (1, 4)), ReLU(), MaxPool2D(2, 2), Conv2D(8, 1, 5), ReLU(),
                      MaxPool2D(4, 4)):
            b = net.add(layer, b)
        tips.append(b)
    return _head(net, tips, [Dense(48, "relu")])


def _head(net, tips, layers):
    b = net.add(Concatenate(), tips) if len(tips) > 1 else tips[0]
    for layer in layers:
        b = net.add(layer, b)
    net.add(Softmax(10), b)
    return net


# -- helpers --------------------------------------------------------------------------------------

@contextlib.contextmanager
def single_threaded():
    """BLAS (through threadpoolctl, when installed) and Numba limited to one thread."""
    stack = contextlib.ExitStack()
    try:
        from threadpoolctl import threadpool_limits
        stack.enter_context(threadpool_limits(1))
    except ImportError:
        pass
    numba_threads = None
    try:
        import numba
        numba_threads = numba.get_num_threads()
        numba.set_num_threads(1)
    except ImportError:
        pass
    try:
        with stack:
            yield
    finally:
        if numba_threads is not None:
            import numba
            numba.set_num_threads(numba_threads)


def features(ds):
    """The seed's ``[image, text, audio]`` list, with the texts hashed once (as text_input_layer
    would on every call)."""
    return [ds.image, ds.text_features(TEXT_FEATURES), ds.audio]


def inference_us(model, inputs, repeats=3):
    """Best of ``repeats`` predict calls, in microseconds per sample."""
    first = next(iter(inputs.values())) if isinstance(inputs, dict) else \
        inputs[0] if isinstance(inputs, list) else inputs
    n = len(first)
    best = np.inf
    for _ in range(repeats):
        t = time.perf_counter()
        predict(model, inputs)
        best = min(best, time.perf_counter() - t)
    return 1e6 * best / n


def _pick(inputs, modalities):
    return {m: inputs[MODALITIES.index(m)] for m in modalities}


ROWS = [
    ("teacher", "image+text+audio", "all labels"),
    ("student alone", "image+text+audio", "labelled subset"),
    ("student distilled", "image+text+audio", "subset + teacher"),
    ("student distilled + optimize_model", "image+text+audio", "subset + teacher"),
    ("image-only student alone", "image", "labelled subset"),
    ("image-only student distilled", "image", "subset + teacher"),
    ("audio-only student alone", "audio", "labelled subset"),
    ("audio-only student distilled", "audio", "subset + teacher"),
    ("student alone, all labels (reference)", "image+text+audio", "all labels"),
]


def run_seed(seed, train, test, pool, cfg, log=print):
    """One seed of every row. ``train`` is labelled (the teacher sees all its labels, the
    students ``labelled_per_class`` of each class), ``pool`` is unlabelled (only distilled
    students use it, through the teacher). Returns ({row name: (accuracy, train seconds,
    inference us/sample, parameters)}, {row name: model}, the transfer inputs, the distilled
    students' labels)."""
    labelled = train.per_class_mask(cfg["labelled_per_class"], seed)
    lab = train.subset(labelled)
    X, L, T = features(train), features(lab), features(test)
    y, y_lab, y_test = train.labels, lab.labels, test.labels
    out, models = {}, {}

    def fit(name, inputs, labels, epochs, teacher=None, network=None, **extra):
        t = time.perf_counter()
        model = train_model(inputs, labels, epochs, cfg["learning_rate"], teacher, network=network,
                            name=name, batch_size=cfg["batch_size"], seed=seed, verbose=False, **extra)
        seconds = time.perf_counter() - t
        models[name] = model
        return model, seconds

    def record(name, model, seconds, test_inputs):
        acc = evaluate(model, test_inputs, y_test)
        out[name] = (acc, seconds, inference_us(model, test_inputs), model.num_params)
        log(f"  seed {seed}  {name:<40} test accuracy {100 * acc:5.1f} %  ({seconds:.1f} s)")

    teacher, s = fit("teacher", X, y, cfg["teacher_epochs"], network=teacher_network())
    record("teacher", teacher, s, T)

    # The transfer set: the training inputs and the unlabelled pool. Its labels (for the hard
    # term, weight 1 - alpha): the student's own on its labelled subset, the teacher's top
    # class elsewhere. The soft term always uses the teacher's logits.
    P = features(pool)
    transfer = [np.concatenate([a, b]) for a, b in zip(X, P)]
    y_transfer = predict(teacher, transfer).argmax(axis=1)
    y_transfer[:len(train)][labelled] = y[labelled]
    kd = {"temperature": cfg["temperature"], "alpha": cfg["alpha"]}

    alone, s = fit("student alone", L, y_lab, cfg["alone_epochs"], network=student_network())
    record("student alone", alone, s, T)
    dist, s = fit("student distilled", transfer, y_transfer, cfg["student_epochs"], teacher,
                  network=student_network(), **kd)
    record("student distilled", dist, s, T)
    t = time.perf_counter()
    loss = calculate_distillation_loss(dist, teacher, transfer, y_transfer)
    opt = optimize_model(dist, loss, transfer, y_transfer, max_iter=cfg["optimize_iter"], verbose=False)
    models["student distilled + optimize_model"] = opt
    record("student distilled + optimize_model", opt, s + time.perf_counter() - t, T)
    for m in ("image", "audio"):
        net = student_network((m,), name=f"{m}-only student")
        model, s = fit(f"{m}-only student alone", _pick(L, (m,)), y_lab, cfg["alone_epochs"], network=net)
        record(f"{m}-only student alone", model, s, _pick(T, (m,)))
        # cross-modal: the teacher-ordered list; the one-branch student takes its modality
        model, s = fit(f"{m}-only student distilled", transfer, y_transfer, cfg["student_epochs"],
                       teacher, network=net, **kd)
        record(f"{m}-only student distilled", model, s, T)
    if cfg["reference"]:
        name = "student alone, all labels (reference)"
        ref, s = fit(name, X, y, cfg["student_epochs"], network=student_network())
        record(name, ref, s, T)
    return out, models, transfer, y_transfer


def temperature_sweep(teacher, transfer, y_transfer, test, cfg, seed=0, log=print, known=None):
    """Test accuracy of the distilled compact student for each temperature in cfg."""
    T = features(test)
    result = dict(known or {})
    for temp in cfg["temperatures"]:
        if temp in result:
            continue
        model = train_model(transfer, y_transfer, cfg["student_epochs"], cfg["learning_rate"], teacher,
                            network=student_network(), batch_size=cfg["batch_size"], seed=seed,
                            temperature=float(temp), alpha=cfg["alpha"], verbose=False)
        result[temp] = evaluate(model, T, test.labels)
        log(f"  temperature {temp:>4g}: distilled student test accuracy {100 * result[temp]:5.1f} %")
    return dict(sorted(result.items()))


def summarise(per_seed):
    """[(row, inputs, labels, params, acc mean, acc std, train s mean, infer us mean)]."""
    rows = []
    for name, inputs, labels in ROWS:
        vals = np.array([r[name] for r in per_seed if name in r])
        if vals.size == 0:
            continue
        rows.append({"model": name, "inputs": inputs, "labels": labels,
                     "params": int(vals[0, 3]), "acc_mean": 100 * vals[:, 0].mean(),
                     "acc_std": 100 * vals[:, 0].std(ddof=1) if len(vals) > 1 else 0.0,
                     "accs": [100 * v for v in vals[:, 0]],
                     "train_s": vals[:, 1].mean(), "infer_us": vals[:, 2].mean()})
    return rows


def format_table(rows, seeds):
    """The results as a Markdown table."""
    head = (f"| model | inputs | labels | parameters | test accuracy % (mean ± std, {seeds} seed"
            f"{'s' if seeds > 1 else ''}) | training time (s) | inference (µs/sample) |")
    lines = [head, "|---|---|---|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['model']} | {r['inputs']} | {r['labels']} | {r['params']:,} | "
                     f"{r['acc_mean']:.1f} ± {r['acc_std']:.1f} | {r['train_s']:.1f} | {r['infer_us']:.1f} |")
    return "\n".join(lines)


def check_targets(rows):
    """The issue's targets, measured: [(target, met, detail)]."""
    r = {row["model"]: row for row in rows}
    out = []

    def beats(a, b):
        A, B = r[a], r[b]
        gain = A["acc_mean"] - B["acc_mean"]
        spread = max(A["acc_std"], B["acc_std"])
        return gain > spread, f"{A['acc_mean']:.1f} vs {B['acc_mean']:.1f} (gain {gain:+.1f}, larger std {spread:.1f})"

    out.append(("distilled student beats student alone by more than one std",
                *beats("student distilled", "student alone")))
    t, s = r["teacher"], r["student distilled"]
    final = r["student distilled + optimize_model"]
    ratio_p = t["params"] / s["params"]
    ratio_t = t["infer_us"] / s["infer_us"]
    gap = t["acc_mean"] - final["acc_mean"]
    out.append(("student has >= 10x fewer parameters", ratio_p >= 10, f"{ratio_p:.1f}x"))
    out.append(("student runs >= 5x faster at inference", ratio_t >= 5,
                f"{ratio_t:.1f}x ({t['infer_us']:.1f} vs {s['infer_us']:.1f} µs/sample)"))
    out.append(("the final student (distilled + optimize_model) within 2 points of the teacher",
                gap <= 2.0, f"{final['acc_mean']:.1f} vs {t['acc_mean']:.1f} (gap {gap:.1f}; "
                f"before optimize_model {s['acc_mean']:.1f}, gap {t['acc_mean'] - s['acc_mean']:.1f})"))
    for m in ("image", "audio"):
        out.append((f"{m}-only distilled student beats {m}-only alone",
                    *beats(f"{m}-only student distilled", f"{m}-only student alone")))
    return out


# -- plots ----------------------------------------------------------------------------------------

def _epoch_curve(history, key):
    epochs = np.array([h["epoch"] for h in history])
    values = np.array([h[key] for h in history])
    xs = np.unique(epochs)
    return xs, np.array([values[epochs == e].mean() for e in xs])


def save_plots(models, sweep, rows, out):
    """training_curves.png and temperature.png in ``out``; returns the paths (none without
    matplotlib)."""
    out = Path(out)
    plt = optional_pyplot(out)
    if plt is None:
        return []
    paths = []
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    for name, model in models.items():
        for ax, key in zip(axes, ("loss", "accuracy")):
            xs, ys = _epoch_curve(model.history, key)
            ax.plot(xs, ys, marker=".", label=name)
    axes[0].set(title="training loss (mean per epoch)", xlabel="epoch", ylabel="loss", yscale="log")
    axes[1].set(title="training mini-batch accuracy", xlabel="epoch", ylabel="accuracy")
    axes[1].legend(fontsize=8)
    fig.tight_layout()
    paths.append(out / "training_curves.png")
    fig.savefig(paths[-1], dpi=110)
    plt.close(fig)
    if sweep:
        r = {row["model"]: row for row in rows}
        fig, ax = plt.subplots(figsize=(5.5, 3.8))
        temps = list(sweep)
        ax.plot(temps, [100 * sweep[t] for t in temps], marker="o", label="student distilled (seed 0)")
        for name, style in (("teacher", "--"), ("student alone", ":")):
            if name in r:
                ax.axhline(r[name]["acc_mean"], linestyle=style, color="grey", label=f"{name} (mean)")
        ax.set(xscale="log", xlabel="temperature T", ylabel="test accuracy (%)",
               title="distillation: accuracy against temperature")
        ax.minorticks_off()
        ax.set_xticks(temps, [f"{t:g}" for t in temps])
        ax.legend(fontsize=8)
        fig.tight_layout()
        paths.append(out / "temperature.png")
        fig.savefig(paths[-1], dpi=110)
        plt.close(fig)
    return paths


# -- the whole demo -------------------------------------------------------------------------------

def run_demo(fast=False, seeds=3, out="demo_out", log=print, reference=None):
    """Run the experiment; print progress and the table; save plots and results.json in
    ``out``. ``reference=True`` adds the row "student alone, all labels" (the default in fast
    mode only, to keep the full demo under 3 minutes). Returns a dict with 'rows', 'table',
    'targets', 'sweep', 'seconds', 'plots'."""
    start = time.perf_counter()
    cfg = dict(FAST if fast else FULL)
    if reference is not None:
        cfg["reference"] = bool(reference)
    with single_threaded():
        data = make_multimodal_digits(cfg["n"], seed=0)
        train, test = data.split(cfg["test_fraction"], seed=0)
        pool = make_multimodal_digits(cfg["unlabelled"], seed=1)
        log(f"octakd demo{' (fast)' if fast else ''}: {len(train)} labelled training samples "
            f"(the students get {cfg['labelled_per_class']} labels per class), {len(pool)} unlabelled, "
            f"{len(test)} test samples; {seeds} seed(s)")
        per_seed, sweep, curves = [], {}, {}
        for seed in range(seeds):
            results, models, transfer, y_transfer = run_seed(seed, train, test, pool, cfg, log)
            per_seed.append(results)
            if seed == 0:
                curves = {k: models[k] for k in ("teacher", "student alone", "student distilled")}
                known = {cfg["temperature"]: results["student distilled"][0]}
                sweep = temperature_sweep(models["teacher"], transfer, y_transfer, test, cfg, 0, log,
                                          known)
        rows = summarise(per_seed)
    table = format_table(rows, seeds)
    targets = [(name, bool(ok), detail) for name, ok, detail in check_targets(rows)]
    plots = save_plots(curves, sweep, rows, out) if out else []
    seconds = time.perf_counter() - start
    log("")
    log(table)
    log("")
    log("targets:")
    for name, ok, detail in targets:
        log(f"  [{'met' if ok else 'NOT met'}] {name}: {detail}")
    log("temperature sweep (seed 0): " + ", ".join(f"T={t:g}: {100 * a:.1f} %" for t, a in sweep.items()))
    for p in plots:
        log(f"saved {p}")
    log(f"total wall time {seconds:.1f} s (seeds {list(range(seeds))}, one BLAS/Numba thread)")
    sweep = {float(t): float(a) for t, a in sweep.items()}
    result = {"rows": rows, "table": table, "targets": targets, "sweep": sweep, "seconds": seconds,
              "plots": [str(p) for p in plots], "config": {k: v for k, v in cfg.items()}, "seeds": seeds}
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        with open(Path(out) / "results.json", "w") as f:
            json.dump(result, f, indent=1, default=_plain)
    return result


def _plain(value):
    if isinstance(value, (np.bool_, np.integer)):
        return value.item()
    if isinstance(value, np.floating):
        return float(value)
    raise TypeError(f"not JSON: {type(value)}")


def _handler(args):
    result = run_demo(fast=args.fast, seeds=args.seeds, out=args.out,
                      reference=True if args.reference else None)
    return 0 if result["rows"] else 1


def add_commands(subparsers):
    """Register ``octakd demo [--fast] [--seeds 3] [--out DIR]``."""
    p = subparsers.add_parser("demo", help="train a multimodal teacher, a compact student and "
                              "cross-modal students on the built-in data set and compare them",
                              description="Train a multimodal teacher, a compact student alone and "
                              "distilled, and cross-modal students on the built-in multimodal digits; "
                              "print their test accuracy and timings, save plots and results.json.")
    p.add_argument("--fast", action="store_true", help="a tiny version for CI (seconds, not minutes)")
    from .cli import output_dir, positive_int
    p.add_argument("--seeds", type=positive_int, default=3, help="seeds per row (default 3)")
    p.add_argument("--out", type=output_dir, default="demo_out", help="folder for the plots and results.json "
                   "(default: demo_out)")
    p.add_argument("--reference", action="store_true", help="also train the student alone on "
                   "every label (a reference row; about 15 s more)")
    p.set_defaults(func=_handler)
    return p
