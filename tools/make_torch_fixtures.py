"""Record PyTorch's forward and backward results as small .npz fixtures for tests/test_torch_fixtures.py.

Run from the repository root with torch 2.13 CPU installed (``pip install torch==2.13.0``)::

    python tools/make_torch_fixtures.py

It writes ``tests/fixtures/torch/*.npz``, one file per kind of layer, loss or optimiser. Every
case stores its inputs (x, W, b, dy, ...), its settings (as a JSON string under ``<case>:meta``)
and what torch computed (y, dx, dW, db, ...), all in float64. The test then runs octakd on the
same inputs and compares, so torch is needed only to re-record, never to run the tests.

This script never imports octakd: it is an independent oracle. In particular the 'same' padding
is torch's own ``padding='same'`` at stride 1. At stride > 1 (which torch's 'same' refuses) the
pads come from the TensorFlow/Keras definition, written out below in ``same_pads``:
``out = ceil(n / s)``, ``total = max((out - 1) * s + k - n, 0)``, the smaller half
(``total // 2``) before (top/left) and the rest after (bottom/right).
"""
import json
import math
import os
import sys

import numpy as np
import torch

F = torch.nn.functional
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "tests", "fixtures", "torch")


def t(a, grad=False):
    return torch.tensor(np.asarray(a), dtype=torch.float64, requires_grad=grad)


def n(tensor):
    return tensor.detach().numpy().copy()


def same_pads(size, k, s):
    """(before, after) zero padding of TF/Keras 'same' along one axis."""
    out = math.ceil(size / s)
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


class Recorder:
    """Collects cases, then writes one .npz: ``<case>:<array>`` keys and ``<case>:meta`` JSON."""

    def __init__(self, name):
        self.name, self.arrays = name, {}

    def add(self, case, meta, **arrays):
        self.arrays[f"{case}:meta"] = np.array(json.dumps(meta))
        for key, value in arrays.items():
            self.arrays[f"{case}:{key}"] = np.asarray(value, dtype=np.float64)

    def write(self):
        path = os.path.join(OUT, f"{self.name}.npz")
        np.savez_compressed(path, **self.arrays)
        print(f"{path}: {sum(1 for k in self.arrays if k.endswith(':meta'))} cases, "
              f"{os.path.getsize(path)} bytes")


# -- conv2d --------------------------------------------------------------------------------------
CONV_CASES = [
    # name,            x shape,       F, kh, kw, padding, stride
    ("same_3x3_s1",    (2, 3, 7, 6),  4, 3, 3, "same", (1, 1)),
    ("same_2x2_s1",    (2, 2, 5, 6),  3, 2, 2, "same", (1, 1)),     # even kernel: pad after
    ("same_4x3_s1",    (1, 2, 6, 5),  2, 4, 3, "same", (1, 1)),     # 1 row on top, 2 below
    ("same_2x5_s1",    (1, 1, 4, 9),  2, 2, 5, "same", (1, 1)),
    ("same_1x3_audio", (2, 1, 1, 16), 3, 1, 3, "same", (1, 1)),
    ("same_3x3_s2",    (2, 2, 8, 7),  3, 3, 3, "same", (2, 2)),     # pads (0, 1, 1, 1)
    ("same_2x2_s2",    (1, 2, 7, 6),  2, 2, 2, "same", (2, 2)),
    ("same_4x4_s2",    (1, 1, 9, 9),  2, 4, 4, "same", (2, 2)),     # pads (1, 2, 1, 2)
    ("same_3x3_s12",   (1, 2, 6, 7),  2, 3, 3, "same", (1, 2)),
    ("valid_3x3_s1",   (2, 3, 7, 6),  4, 3, 3, "valid", (1, 1)),
    ("valid_2x2_s1",   (1, 2, 5, 5),  3, 2, 2, "valid", (1, 1)),
    ("valid_3x2_s2",   (2, 3, 9, 8),  4, 3, 2, "valid", (2, 2)),
    ("pad1_3x3_s23",   (2, 2, 7, 7),  3, 3, 3, 1, (2, 3)),
    ("pad2_2x3_s1",    (1, 1, 4, 5),  2, 2, 3, 2, (1, 1)),
]


def record_conv(rng):
    rec = Recorder("conv2d")
    for name, shape, filters, kh, kw, padding, stride in CONV_CASES:
        x = rng.standard_normal(shape)
        w = rng.standard_normal((filters, shape[1], kh, kw))
        b = rng.standard_normal(filters)
        xt, wt, bt = t(x, True), t(w, True), t(b, True)
        if padding == "same" and stride == (1, 1):
            yt = F.conv2d(xt, wt, bt, stride=1, padding="same")
        else:
            if padding == "same":
                (top, bottom), (left, right) = (same_pads(shape[2], kh, stride[0]),
                                                same_pads(shape[3], kw, stride[1]))
            elif padding == "valid":
                top = bottom = left = right = 0
            else:
                top = bottom = left = right = padding
            yt = F.conv2d(F.pad(xt, (left, right, top, bottom)), wt, bt, stride=stride)
        dy = rng.standard_normal(tuple(yt.shape))
        yt.backward(t(dy))
        rec.add(name, {"filters": filters, "kh": kh, "kw": kw, "padding": padding,
                       "stride": list(stride)},
                x=x, W=w, b=b, dy=dy, y=n(yt), dx=n(xt.grad), dW=n(wt.grad), db=n(bt.grad))
    rec.write()


# -- dense, relu, softmax layer ------------------------------------------------------------------
def record_dense(rng):
    rec = Recorder("dense")
    acts = {"linear": lambda v: v, "relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh}
    for act, fn in acts.items():
        x = rng.standard_normal((4, 2, 3, 3))
        x[0] = 0.0                                     # sample 0: z = b exactly
        w = rng.standard_normal((18, 5))
        b = np.array([0.0, 0.5, -0.5, 0.0, 1.0])      # so relu meets z == 0 exactly
        xt, wt, bt = t(x, True), t(w, True), t(b, True)
        yt = fn(xt.reshape(4, -1) @ wt + bt)
        dy = rng.standard_normal((4, 5))
        yt.backward(t(dy))
        rec.add(act, {"units": 5, "activation": act},
                x=x, W=w, b=b, dy=dy, y=n(yt), dx=n(xt.grad), dW=n(wt.grad), db=n(bt.grad))
    rec.write()


def record_relu(rng):
    rec = Recorder("relu")
    x = np.round(rng.standard_normal((3, 2, 4, 4)), 1)
    x[0, 0, :2] = 0.0                                  # exact zeros: the subgradient taken is 0
    xt = t(x, True)
    yt = torch.relu(xt)
    dy = rng.standard_normal(x.shape)
    yt.backward(t(dy))
    rec.add("relu_4d", {}, x=x, dy=dy, y=n(yt), dx=n(xt.grad))
    x2 = np.array([[-1.0, 0.0, 2.0, -0.0, 1e-300, -1e-300]])
    xt = t(x2, True)
    yt = torch.relu(xt)
    dy = np.arange(1.0, 7.0)[None, :]
    yt.backward(t(dy))
    rec.add("relu_edges", {}, x=x2, dy=dy, y=n(yt), dx=n(xt.grad))
    rec.write()


def record_softmax_layer(rng):
    rec = Recorder("softmax_layer")
    for name, shape, k, scale in [("small", (4, 6), 5, 1.0), ("large_logits", (3, 2, 2, 2), 4, 300.0)]:
        x = rng.standard_normal(shape)
        d = int(np.prod(shape[1:]))
        w = rng.standard_normal((d, k)) * scale / math.sqrt(d)
        b = rng.standard_normal(k)
        xt, wt, bt = t(x, True), t(w, True), t(b, True)
        pt = torch.softmax(xt.reshape(shape[0], -1) @ wt + bt, dim=1)
        dp = rng.standard_normal((shape[0], k))
        pt.backward(t(dp))
        rec.add(name, {"classes": k}, x=x, W=w, b=b, dy=dp, y=n(pt), dx=n(xt.grad), dW=n(wt.grad),
                db=n(bt.grad))
    rec.write()


# -- max pool --------------------------------------------------------------------------------------
def record_maxpool(rng):
    """Integer-valued inputs, so many windows hold ties: torch's CPU kernel keeps the first
    maximum in row-major order and sends the whole gradient to it."""
    rec = Recorder("maxpool2d")
    for name, shape, pool, stride in [("p2_s2", (2, 3, 8, 8), (2, 2), (2, 2)),
                                      ("p3_s2", (2, 2, 9, 8), (3, 3), (2, 2)),
                                      ("p2_s1_overlap", (1, 2, 6, 6), (2, 2), (1, 1)),
                                      ("p2x3_s12", (2, 1, 7, 9), (2, 3), (1, 2)),
                                      ("p1x2_audio", (2, 2, 1, 12), (1, 2), (1, 2))]:
        x = rng.integers(-2, 3, shape).astype(np.float64)
        x[0, 0, :pool[0], :pool[1]] = 1.0              # one window of all-equal values
        xt = t(x, True)
        yt = F.max_pool2d(xt, pool, stride)
        dy = rng.standard_normal(tuple(yt.shape))
        yt.backward(t(dy))
        rec.add(name, {"pool": list(pool), "stride": list(stride)}, x=x, dy=dy, y=n(yt),
                dx=n(xt.grad))
    rec.write()


# -- losses ----------------------------------------------------------------------------------------
def record_losses(rng):
    """Cross-entropy and Hinton's distillation loss, alpha * T^2 * KL(p_t || p_s) + (1 - alpha) * CE,
    KL summed over classes and averaged over the batch (torch's reduction='batchmean')."""
    rec = Recorder("losses")
    settings = [("T1_a05", 1.0, 0.5, 3.0), ("T4_a09", 4.0, 0.9, 3.0), ("T05_a03", 0.5, 0.3, 3.0),
                ("T10_a1", 10.0, 1.0, 3.0), ("T2_a0", 2.0, 0.0, 3.0), ("T005_a07", 0.05, 0.7, 1.0),
                ("T3_a05_large", 3.0, 0.5, 400.0), ("T4_soft_only", 4.0, None, 3.0)]
    for name, T, alpha, scale in settings:
        z = rng.standard_normal((6, 5)) * scale
        teacher = rng.standard_normal((6, 5)) * scale
        y = rng.integers(0, 5, 6)
        zt = t(z, True)
        kd = F.kl_div(F.log_softmax(zt / T, 1), F.log_softmax(t(teacher) / T, 1), log_target=True,
                      reduction="batchmean") * T * T
        ce = F.cross_entropy(zt, torch.tensor(y))
        total = kd if alpha is None else alpha * kd + (1 - alpha) * ce
        total.backward()
        rec.add(name, {"temperature": T, "alpha": alpha}, z=z, teacher=teacher, labels=y,
                loss=total.item(), dz=n(zt.grad))
    for name, shape, scale in [("ce_small", (5, 3), 1.0), ("ce_large", (4, 6), 1e4),
                               ("ce_one", (1, 2), 2.0)]:
        z = rng.standard_normal(shape) * scale
        y = rng.integers(0, shape[1], shape[0])
        zt = t(z, True)
        ce = F.cross_entropy(zt, torch.tensor(y))
        ce.backward()
        rec.add(name, {}, z=z, labels=y, loss=ce.item(), dz=n(zt.grad))
    rec.write()


# -- optimisers ------------------------------------------------------------------------------------
def record_optim(rng):
    """Parameter trajectories of torch.optim.Adam and torch.optim.SGD for a fixed sequence of
    gradients (given, not computed, so the test replays exactly the same inputs)."""
    rec = Recorder("optim")
    cases = [("adam_default", "adam", {"lr": 0.1}),
             ("adam_betas", "adam", {"lr": 0.01, "betas": (0.8, 0.95), "eps": 1e-3}),
             ("sgd_momentum", "sgd", {"lr": 0.05, "momentum": 0.9}),
             ("sgd_plain", "sgd", {"lr": 0.2, "momentum": 0.0})]
    for name, kind, kwargs in cases:
        p0 = rng.standard_normal((3, 4))
        grads = rng.standard_normal((6, 3, 4))
        grads[:, 0, 0] = 0.0                             # a parameter that never moves
        grads[:, 0, 1] = 1e-3                            # a small constant gradient
        p = torch.tensor(p0.copy(), dtype=torch.float64, requires_grad=True)
        opt = (torch.optim.Adam if kind == "adam" else torch.optim.SGD)([p], **kwargs)
        path = []
        for g in grads:
            p.grad = torch.tensor(g.copy(), dtype=torch.float64)
            opt.step()
            path.append(n(p))
        meta = {"kind": kind, **{k: list(v) if isinstance(v, tuple) else v for k, v in kwargs.items()}}
        rec.add(name, meta, p0=p0, grads=grads, path=np.stack(path))
    rec.write()


# -- a whole network -------------------------------------------------------------------------------
# Three branches joined by a concatenation, as in the seed listing. Each node: (layer class name
# in octakd.layers, constructor arguments, indices of the nodes it reads). Torch below computes the
# same graph by hand; the concatenation flattens each branch in NCHW order (torch's reshape).
NETWORK = [
    ("ImageInput", [1, 2, 6, 6], []),            # 0
    ("Conv2D", [3, 2, 2, "same", 1], [0]),       # 1  even kernel, 'same'
    ("ReLU", [], [1]),                           # 2
    ("MaxPool2D", [2, 2], [2]),                  # 3  -> (3, 3, 3)
    ("TextInput", [1, 5], []),                   # 4
    ("Dense", [4, "relu"], [4]),                 # 5
    ("AudioInput", [1, 1, 8], []),               # 6  -> (1, 1, 8)
    ("Conv2D", [2, 1, 3, "same", 2], [6]),       # 7  stride 2 -> (2, 1, 4)
    ("ReLU", [], [7]),                           # 8
    ("MaxPool2D", [2, 2], [8]),                  # 9  clamped to 1x2 -> (2, 1, 2)
    ("Concatenate", [], [3, 5, 9]),              # 10 -> 27 + 4 + 4 = 35
    ("Dense", [6, "tanh"], [10]),                # 11
    ("Softmax", [3], [11]),                      # 12 logits
]


def record_network(rng):
    """Forward, distillation loss (T = 2, alpha = 0.7) and the gradient of every parameter and
    input, for the NETWORK above with given weights."""
    rec = Recorder("network")
    N = 4
    img, txt, aud = rng.standard_normal((N, 2, 6, 6)), rng.standard_normal((N, 5)), \
        rng.standard_normal((N, 1, 1, 8))
    shapes = {1: (3, 2, 2, 2), 5: (5, 4), 7: (2, 1, 1, 3), 11: (35, 6), 12: (6, 3)}
    bias = {1: 3, 5: 4, 7: 2, 11: 6, 12: 3}
    params = {}
    for i, shape in shapes.items():
        params[f"p{i}_W"] = rng.standard_normal(shape) * 0.7
        params[f"p{i}_b"] = rng.standard_normal(bias[i]) * 0.3
    teacher, labels = rng.standard_normal((N, 3)) * 2, rng.integers(0, 3, N)
    P = {k: t(v, True) for k, v in params.items()}
    X = [t(img, True), t(txt, True), t(aud, True)]
    h_img = F.max_pool2d(torch.relu(F.conv2d(X[0], P["p1_W"], P["p1_b"], padding="same")), 2, 2)
    h_txt = torch.relu(X[1] @ P["p5_W"] + P["p5_b"])
    (top, bottom), (left, right) = same_pads(1, 1, 2), same_pads(8, 3, 2)
    h_aud = F.conv2d(F.pad(X[2], (left, right, top, bottom)), P["p7_W"], P["p7_b"], stride=2)
    h_aud = F.max_pool2d(torch.relu(h_aud), (1, 2), (2, 2))
    merged = torch.cat([h.reshape(N, -1) for h in (h_img, h_txt, h_aud)], dim=1)
    logits = torch.tanh(merged @ P["p11_W"] + P["p11_b"]) @ P["p12_W"] + P["p12_b"]
    T, alpha = 2.0, 0.7
    kd = F.kl_div(F.log_softmax(logits / T, 1), F.log_softmax(t(teacher) / T, 1), log_target=True,
                  reduction="batchmean") * T * T
    loss = alpha * kd + (1 - alpha) * F.cross_entropy(logits, torch.tensor(labels))
    loss.backward()
    grads = {f"d{k}": n(v.grad) for k, v in P.items()}
    rec.add("three_branches", {"nodes": NETWORK, "temperature": T, "alpha": alpha},
            image=img, text=txt, audio=aud, teacher=teacher, labels=labels, logits=n(logits),
            loss=loss.item(), dimage=n(X[0].grad), dtext=n(X[1].grad), daudio=n(X[2].grad),
            **params, **grads)
    rec.write()


def main():
    torch.use_deterministic_algorithms(True)
    os.makedirs(OUT, exist_ok=True)
    print(f"torch {torch.__version__}", file=sys.stderr)
    rng = np.random.default_rng(20260116)
    record_conv(rng)
    record_dense(rng)
    record_relu(rng)
    record_softmax_layer(rng)
    record_maxpool(rng)
    record_losses(rng)
    record_optim(rng)
    record_network(rng)


if __name__ == "__main__":
    main()
