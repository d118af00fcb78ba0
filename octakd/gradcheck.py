"""Numerical gradient checking: centred differences in float64 against backprop.

    numeric df/dx_i = (f(x + h e_i) - f(x - h e_i)) / (2h),   h = 1e-5

compared with the analytic gradient by the relative error of cs231n's gradient checks,
with the maxima taken over the whole array:

    rel_error(a, b) = max_i |a_i - b_i| / max(1e-8, max_i (|a_i| + |b_i|))

(The per-element form, max_i of |a_i - b_i| / (|a_i| + |b_i|), blows up on entries whose true
gradient is about 0, where only rounding noise is left: it would flag a correct layer.)

Rules of thumb (STYLE.md): below 1e-7 a smooth function is right; up to 1e-4 is acceptable near
kinks (ReLU, max pooling), where a difference step may cross the kink; a whole network may
show up to 1e-2. The thresholds used by the tests and by ``octakd gradcheck`` are
``SMOOTH = 1e-6`` and ``KINK = 1e-4``.

A layer is checked through the scalar L = sum(forward(x) * R) with a fixed random R, so that
dL/dy = R exercises every output.
"""
import copy

import numpy as np

from .losses import distillation_loss, softmax_cross_entropy

SMOOTH = 1e-6
KINK = 1e-4


def rel_error(a, b):
    """max |a - b| / max(1e-8, max(|a| + |b|)), over all elements."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b)) / max(1e-8, float(np.max(np.abs(a) + np.abs(b)))))


def numerical_gradient(f, x, h=1e-5, indices=None):
    """Centred-difference gradient of the scalar function ``f()`` with respect to the array
    ``x``, which ``f`` reads. ``x`` is perturbed in place and restored. With ``indices``
    (flat positions) only those entries are computed; the others are left at 0."""
    grad = np.zeros_like(x, dtype=np.float64)
    flat_x, flat_g = x.reshape(-1), grad.reshape(-1)
    for i in (range(x.size) if indices is None else indices):
        old = flat_x[i]
        flat_x[i] = old + h
        f_plus = f()
        flat_x[i] = old - h
        f_minus = f()
        flat_x[i] = old
        flat_g[i] = (f_plus - f_minus) / (2 * h)
    return grad


def _sample(size, limit, rng):
    return None if limit is None or size <= limit else rng.choice(size, limit, replace=False)


def _compare(analytic, numeric, indices):
    if indices is None:
        return rel_error(analytic, numeric)
    return rel_error(analytic.reshape(-1)[indices], numeric.reshape(-1)[indices])


def check_layer(layer, x, training=False, seed=0, h=1e-5, max_checks=None):
    """Gradient-check ``layer`` at input ``x`` (an array, or a list for Concatenate).

    Returns {"dx": err, "W": err, ...}: the relative error of dL/dx and of every parameter.
    Inputs and parameters should be float64. For Dropout use ``training=True``: the layer's
    random generator is reset before every forward call so the mask stays fixed.
    """
    rng = np.random.default_rng(seed)
    xs = list(x) if isinstance(x, (list, tuple)) else [x]
    rng_state = copy.deepcopy(getattr(layer, "rng", None))

    def forward():
        if rng_state is not None:
            layer.rng = copy.deepcopy(rng_state)
        return layer.forward(xs if isinstance(x, (list, tuple)) else xs[0], training)

    y = forward()
    R = rng.standard_normal(y.shape)

    def loss():
        return float(np.sum(forward() * R))

    dx = layer.backward(R.astype(y.dtype))
    dxs = list(dx) if isinstance(x, (list, tuple)) else [dx]
    analytic_params = {k: g.copy() for k, g in layer.grads.items()}
    errors = {}
    for k, (xi, dxi) in enumerate(zip(xs, dxs)):
        idx = _sample(xi.size, max_checks, rng)
        name = "dx" if len(xs) == 1 else f"dx{k + 1}"
        errors[name] = _compare(dxi, numerical_gradient(loss, xi, h, idx), idx)
    for key, p in layer.params.items():
        idx = _sample(p.size, max_checks, rng)
        errors[key] = _compare(analytic_params[key], numerical_gradient(loss, p, h, idx), idx)
    return errors


def check_loss(loss_fn, logits, *args, h=1e-5):
    """Gradient-check a loss ``loss_fn(logits, *args) -> (loss, dlogits)``."""
    _, analytic = loss_fn(logits, *args)
    numeric = numerical_gradient(lambda: loss_fn(logits, *args)[0], logits, h)
    return rel_error(analytic, numeric)


def check_network(net, inputs, labels, teacher_logits=None, temperature=4.0, alpha=0.9,
                  h=1e-5, max_checks=30, seed=0):
    """Gradient-check a whole network (dropout off) on cross-entropy, or on the distillation
    loss when ``teacher_logits`` is given. Returns {"<layer>.<param>": err} for every
    parameter array, checking at most ``max_checks`` random entries of each."""
    rng = np.random.default_rng(seed)

    def loss_and_grad():
        logits = net.forward(inputs, training=False)
        if teacher_logits is None:
            return softmax_cross_entropy(logits, labels)
        return distillation_loss(logits, teacher_logits, labels, temperature, alpha)

    _, dlogits = loss_and_grad()
    net.backward(dlogits)
    errors = {}
    for layer, key in net.parameters():
        analytic = layer.grads[key].copy()
        idx = _sample(analytic.size, max_checks, rng)
        numeric = numerical_gradient(lambda: loss_and_grad()[0], layer.params[key], h, idx)
        errors[f"{layer.name}.{key}"] = _compare(analytic, numeric, idx)
    return errors


def tiny_three_branch_network(seed=0, dtype=np.float64, dropout=0.5):
    """The seed's architecture at toy size (image 3x8x8, text 12, audio 1x1x17), built in
    ``dtype``: small enough to gradient-check every parameter in a second."""
    from .layers import (AudioInput, Concatenate, Conv2D, Dense, Dropout, ImageInput, MaxPool2D,
                         ReLU, Softmax, TextInput)
    from .network import Network
    net = Network("tiny three-branch")
    img = net.add(ImageInput(1, 3, 8, 8))
    img = net.add(Conv2D(4, 3, 3, "same"), img)
    img = net.add(ReLU(), img)
    img = net.add(MaxPool2D(2, 2), img)
    txt = net.add(TextInput(1, 12))
    txt = net.add(Dense(5, "relu"), txt)
    txt = net.add(Dropout(dropout), txt)
    aud = net.add(AudioInput(1, 1, 17))
    aud = net.add(Conv2D(3, 1, 3, "same"), aud)
    aud = net.add(ReLU(), aud)
    aud = net.add(MaxPool2D(2, 2), aud)
    merged = net.add(Concatenate(), [img, txt, aud])
    merged = net.add(Dense(8, "tanh"), merged)
    merged = net.add(Dropout(dropout), merged)
    net.add(Softmax(4), merged)
    return net.build(dtype, seed)


def tiny_inputs(n=3, seed=0):
    """Random float64 inputs and labels for ``tiny_three_branch_network``."""
    rng = np.random.default_rng(seed)
    inputs = [rng.standard_normal((n, 3, 8, 8)), rng.standard_normal((n, 12)),
              rng.standard_normal((n, 1, 1, 17))]
    return inputs, rng.integers(0, 4, n)


def suite(seed=0):
    """Every layer, loss and the whole network: [(name, max rel error, threshold)]."""
    from .layers import Concatenate, Conv2D, Dense, Dropout, MaxPool2D, ReLU, Softmax
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((2, 3, 7, 9))
    audio = rng.standard_normal((2, 1, 1, 13))
    cases = [
        ("Conv2D 3x3 'same' stride 1", Conv2D(4, 3, 3, "same"), x, False, SMOOTH),
        ("Conv2D 3x2 'valid' stride 2", Conv2D(3, 3, 2, "valid", 2), x, False, SMOOTH),
        ("Conv2D 3x3 pad 1 stride 2", Conv2D(3, 3, 3, 1, 2), x, False, SMOOTH),
        ("Conv2D 1x3 'same' (audio)", Conv2D(4, 1, 3, "same"), audio, False, SMOOTH),
        ("ReLU", ReLU(), x, False, KINK),
        ("MaxPool2D 2x2 stride 2", MaxPool2D(2, 2), x, False, KINK),
        ("MaxPool2D 3x3 stride 2 (overlap)", MaxPool2D(3, 2), x, False, KINK),
        ("MaxPool2D 2x2 on 1-high (clamped)", MaxPool2D(2, 2), audio, False, KINK),
        ("Dense linear (4-D input)", Dense(5, "linear"), x, False, SMOOTH),
        ("Dense relu", Dense(5, "relu"), x, False, KINK),
        ("Dense sigmoid", Dense(5, "sigmoid"), x, False, SMOOTH),
        ("Dense tanh", Dense(5, "tanh"), x, False, SMOOTH),
        ("Dropout p=0.5 (training)", Dropout(0.5), x, True, SMOOTH),
        ("Concatenate", Concatenate(), [x, rng.standard_normal((2, 4))], False, SMOOTH),
        ("Softmax(6)", Softmax(6), x, False, SMOOTH),
    ]
    rows = [(name, max(check_layer(layer, data, training, seed).values()), limit)
            for name, layer, data, training, limit in cases]
    logits = rng.standard_normal((5, 6)) * 3
    teacher = rng.standard_normal((5, 6)) * 3
    labels = rng.integers(0, 6, 5)
    rows.append(("softmax_cross_entropy", check_loss(softmax_cross_entropy, logits, labels), SMOOTH))
    for T in (1.0, 4.0, 20.0):
        rows.append((f"distillation_loss T={T:g} alpha=0.7",
                     check_loss(distillation_loss, logits, teacher, labels, T, 0.7), SMOOTH))
    net = tiny_three_branch_network(seed)
    inputs, y = tiny_inputs(seed=seed)
    rows.append(("3-branch network, cross-entropy", max(check_network(net, inputs, y).values()), KINK))
    t_logits = rng.standard_normal((3, 4))
    rows.append(("3-branch network, distillation",
                 max(check_network(net, inputs, y, teacher_logits=t_logits).values()), KINK))
    return rows


def format_table(rows):
    """The suite as a text table; the last line says how many rows passed."""
    width = max(len(name) for name, _, _ in rows)
    lines = [f"{'check':<{width}}  {'max rel error':>14}  {'threshold':>9}  result",
             "-" * (width + 36)]
    for name, err, limit in rows:
        lines.append(f"{name:<{width}}  {err:14.3e}  {limit:9.0e}  {'ok' if err <= limit else 'FAIL'}")
    passed = sum(err <= limit for _, err, limit in rows)
    lines.append(f"{passed} of {len(rows)} checks passed")
    return "\n".join(lines)
