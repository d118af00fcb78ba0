"""Numerical gradient checking: centred differences in float64 against backprop.

    numeric df/dx_i = (f(x + h e_i) - f(x - h e_i)) / (2h),   h = 1e-5

compared with the analytic gradient by the relative error of cs231n's gradient checks,
with the maxima taken over the whole array:

    rel_error(a, b) = max_i |a_i - b_i| / max(1e-8, max_i (|a_i| + |b_i|))

(The per-element form, max_i of |a_i - b_i| / (|a_i| + |b_i|), blows up on entries whose true
gradient is about 0, where only rounding noise is left: it would flag a correct layer.)

Rules of thumb (docs/style.md): below 1e-7 a smooth function is right; up to 1e-4 is acceptable near
kinks (ReLU, max pooling), where a difference step may cross the kink; a whole network may
show up to 1e-2. The thresholds used by the tests and by ``octakd gradcheck`` are
``SMOOTH = 1e-6`` and ``KINK = 1e-4``; an array whose analytic and numeric gradients differ by
at most ``ABS_TOL = 1e-10`` everywhere matches whatever its relative error (reported as at most
ABS_TOL; see ``_compare``).
KINK applies to a user's layer only where the checker detects a kink at the worst entries.

A layer is checked through the scalar L = sum(forward(x) * R) with a fixed random R, so that
dL/dy = R exercises every output.
"""
import copy
import os
import traceback

import numpy as np

from .errors import OctakdError, describe
from .losses import distillation_loss, softmax_cross_entropy

SMOOTH = 1e-6
KINK = 1e-4
ABS_TOL = 1e-10        # differences this small are rounding noise of the centred differences


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
    """rel_error over the checked entries, except that an array whose analytic and numeric
    values differ by at most ABS_TOL everywhere matches: its error is reported as at most
    ABS_TOL. A gradient that is exactly zero, such as a conv bias followed by BatchNorm in
    training mode, leaves only rounding noise of about 1e-11 in the centred differences, which
    the 1e-8 floor of rel_error would turn into 1e-3."""
    a, b = np.asarray(analytic, np.float64), np.asarray(numeric, np.float64)
    if indices is not None:
        a, b = a.reshape(-1)[indices], b.reshape(-1)[indices]
    err = rel_error(a, b)
    if a.size and float(np.max(np.abs(a - b))) <= ABS_TOL:
        return min(err, ABS_TOL)
    return err


class GradcheckError(OctakdError, ValueError):
    """A layer under check returned something the layer contract does not allow (a dx of the
    wrong shape, a missing grads entry, a dy modified in place, ...), or raised."""


# The upstream gradient R comes from its own stream, never the caller's: a test that makes x
# with default_rng(0) and a checker drawing R from default_rng(0) would get R == x, and for a
# shape-preserving layer such as BatchNorm sum(y * x) has a (nearly) zero gradient, where
# rounding noise dominates and a correct layer fails.
UPSTREAM_KEY = 0x67726164636B          # "gradck": mixed with the seed, so R is independent of it


def upstream_gradient(shape, seed=0):
    """The fixed random dL/dy used to check a layer: float64, independent of default_rng(seed)."""
    return np.random.default_rng([UPSTREAM_KEY, seed]).standard_normal(shape)


class ArrayCheck:
    """The verdict on one gradient array (dx or a parameter) in one mode.

    ``worst`` lists up to 3 (index, analytic, numeric) entries with the largest differences;
    ``kink`` is a warning text when the input sits near a non-differentiable point."""

    def __init__(self, name, mode, error, threshold, worst, kink=None):
        self.name, self.mode, self.error, self.threshold = name, mode, error, threshold
        self.worst, self.kink = worst, kink

    @property
    def limit(self):
        """The threshold that applies: KINK (1e-4) where a kink was detected, else the given one."""
        return max(self.threshold, KINK) if self.kink else self.threshold

    @property
    def passed(self):
        return bool(np.isfinite(self.error) and self.error <= self.limit)


class GradcheckReport:
    """Every ArrayCheck of one layer, plus notes (dtype casts, modes), with a printable table."""

    def __init__(self, layer_name):
        self.layer_name = layer_name
        self.checks = []
        self.notes = []

    @property
    def passed(self):
        return bool(self.checks) and all(c.passed for c in self.checks)

    def errors(self):
        """{array name: worst relative error over the modes checked}."""
        out = {}
        for c in self.checks:
            out[c.name] = max(out.get(c.name, 0.0), c.error)
        return out

    def format(self):
        lines = [f"gradient check of {self.layer_name} (float64, centred differences, h=1e-5)"]
        lines += [f"note: {n}" for n in self.notes]
        lines.append(f"{'mode':<10} {'array':<12} {'rel error':>10} {'threshold':>9}  verdict")
        for c in self.checks:
            lines.append(f"{c.mode:<10} {c.name:<12} {c.error:10.2e} {c.limit:9.0e}  "
                         f"{'pass' if c.passed else 'FAIL'}")
        for c in self.checks:
            if not c.passed:
                lines.append(f"{c.mode} {c.name}: worst entries (index: analytic vs numeric)")
                lines += [f"    {idx}: {a: .6e} vs {n: .6e}" for idx, a, n in c.worst]
            if c.kink:
                lines.append(f"warning ({c.mode} {c.name}): {c.kink}")
        n_ok = sum(c.passed for c in self.checks)
        lines.append(f"{n_ok} of {len(self.checks)} arrays pass: "
                     f"{'PASS' if self.passed else 'FAIL'}")
        return "\n".join(lines)

    __str__ = format


def _layer_label(layer):
    name = type(layer).__name__
    given = getattr(layer, "name", None)
    return f"{name} ({given})" if given else name


def _user_call(label, method, fn, *args):
    """Call the layer's forward/backward; an exception becomes a GradcheckError that names the
    layer, the method and the line of the layer's code that raised. NotImplementedError (an
    assignment's stub) passes through unchanged, so graders and pytest report it as such."""
    try:
        return fn(*args)
    except (GradcheckError, NotImplementedError):
        raise                  # a stub not written yet is not a contract violation: say so as is
    except Exception as exc:
        frames = traceback.extract_tb(exc.__traceback__)
        at = f" at {os.path.basename(frames[-1].filename)}:{frames[-1].lineno}" if frames else ""
        raise GradcheckError(f"{label}.{method} raised {type(exc).__name__}: {exc}{at}") from exc


def _as_float64(layer, xs, report):
    """Cast x, the parameters and buffers to float64 (centred differences with h=1e-5 need it:
    float32 rounding alone gives relative errors of 1e-3), with a note when anything changed."""
    cast = []
    out = []
    for x in xs:
        x = np.asarray(x)
        if x.dtype != np.float64:
            cast.append(f"x ({x.dtype})")
        out.append(np.array(x, dtype=np.float64))
    for store in ("params", "buffers"):
        d = getattr(layer, store, None) or {}
        for k in list(d):
            if d[k].dtype != np.float64:
                cast.append(f"{store}['{k}'] ({d[k].dtype})")
                d[k] = d[k].astype(np.float64)
    if cast and hasattr(layer, "reset_grads"):
        layer.reset_grads()
    if cast:
        report.notes.append(f"cast {', '.join(cast)} to float64 for the check: with float32, "
                            f"rounding alone gives relative errors near 1e-3")
    return out


def _snapshot(layer):
    """What forward may change and the check must hold fixed: the dropout generator and buffers."""
    rng = copy.deepcopy(getattr(layer, "rng", None))
    buffers = {k: v.copy() for k, v in (getattr(layer, "buffers", None) or {}).items()}
    return rng, buffers


def _restore(layer, snap):
    rng, buffers = snap
    if rng is not None:
        layer.rng = copy.deepcopy(rng)
    for k, v in buffers.items():
        layer.buffers[k][...] = v


def _validate_dx(label, dx, xs, multi):
    """dx must be like x: an array of x's shape and dtype (a list of them for joining layers)."""
    want = "a list of arrays, one per input" if multi else "an array"
    if dx is None:
        raise GradcheckError(f"{label}.backward returned None; it must return dL/dx, {want} shaped "
                             f"like forward's input (did you forget `return dx`?)")
    dxs = list(dx) if multi and isinstance(dx, (list, tuple)) else [dx]
    if len(dxs) != len(xs):
        raise GradcheckError(f"{label}.backward returned {describe(dx)}; expected {want} "
                             f"({len(xs)} input(s))")
    for k, (d, x) in enumerate(zip(dxs, xs)):
        which = f"dx[{k}]" if multi else "dx"
        if not isinstance(d, np.ndarray):
            raise GradcheckError(f"{label}.backward returned {which} as {describe(d)}; expected an "
                                 f"ndarray of shape {x.shape}")
        if d.shape != x.shape:
            raise GradcheckError(f"{label}.backward returned {which} of shape {d.shape}; expected "
                                 f"x's shape {x.shape} (dL/dx has one entry per input value)")
        if d.dtype != x.dtype:
            raise GradcheckError(f"{label}.backward returned {which} of dtype {d.dtype}; expected "
                                 f"x's dtype {x.dtype} (no silent dtype changes)")
    return dxs


def _poison_grads(layer):
    """Fill every grads entry with NaN (in the same dict: Softmax shares its Dense's), so that a
    backward that leaves one unset, or adds to it with +=, is seen. Returns the NaN arrays."""
    params, grads = getattr(layer, "params", None) or {}, getattr(layer, "grads", None)
    if not isinstance(grads, dict):
        return {}
    poison = {k: np.full(p.shape, np.nan, p.dtype) for k, p in params.items()}
    grads.update(poison)
    return poison


def _validate_grads(label, layer, poison):
    params, grads = getattr(layer, "params", {}) or {}, getattr(layer, "grads", None)
    if params and not isinstance(grads, dict):
        raise GradcheckError(f"{label}.grads is {describe(grads)}; backward must set a dict with the "
                             f"keys of params {sorted(params)}")
    for k, p in params.items():
        if k not in grads or grads[k] is None:
            raise GradcheckError(f"{label}.backward did not set grads['{k}']; it must set one "
                                 f"gradient per entry of params ({sorted(params)})")
        g = grads[k]
        unset = isinstance(g, np.ndarray) and g.size and np.isnan(g).all()
        if unset and g is poison.get(k):       # (filling it in place, as Dense does, is fine)
            raise GradcheckError(f"{label}.backward did not set grads['{k}']; it must set one "
                                 f"gradient per entry of params ({sorted(params)})")
        if unset:
            raise GradcheckError(f"{label}.grads['{k}'] is all NaN after backward: it adds to the "
                                 f"previous value (+=) instead of setting it (=), or reads it; "
                                 f"backward must set grads['{k}'] = ...")
        if not isinstance(g, np.ndarray) or g.shape != p.shape or g.dtype != p.dtype:
            raise GradcheckError(f"{label}.grads['{k}'] is {describe(g)}; expected shape {p.shape} "
                                 f"and dtype {p.dtype}, like params['{k}']")
    extra = sorted(set(grads or {}) - set(params))
    if extra:
        raise GradcheckError(f"{label}.grads has keys {extra} that are not in params "
                             f"{sorted(params)}")


def _worst(analytic, numeric, indices, shape):
    a, n = analytic.reshape(-1), numeric.reshape(-1)
    idx = np.arange(a.size) if indices is None else np.asarray(indices)
    order = idx[np.argsort(-np.abs(a[idx] - n[idx]), kind="stable")[:3]]
    return [(tuple(int(i) for i in np.unravel_index(i, shape)), float(a[i]), float(n[i]))
            for i in order]


def _kink(f, array, worst, h, label):
    """One-sided slopes at the worst entries: at a kink (ReLU at 0, a max-pool tie) the left and
    right slopes differ by O(1), where a smooth function's differ by O(h)."""
    flat = array.reshape(-1)
    for idx, _, _ in worst:
        i = int(np.ravel_multi_index(idx, array.shape))
        old = flat[i]
        f0 = f()
        flat[i] = old + h
        right = (f() - f0) / h
        flat[i] = old - h
        left = (f0 - f()) / h
        flat[i] = old
        if abs(right - left) > 1e-3 * max(1.0, abs(right) + abs(left)):
            return (f"the input sits near a kink of {label} at index {idx} (slope {left:.4g} on the "
                    f"left, {right:.4g} on the right), where centred differences straddle the "
                    f"corner; this is not a bug. Draw x again (another seed), or keep inputs away "
                    f"from the kink (no values near 0 for ReLU, no ties inside max-pool windows); "
                    f"up to {KINK:g} is accepted there")
    return None


def _modes_differ(layer, xs, multi):
    snap = _snapshot(layer)
    arg = xs if multi else xs[0]
    outs = []
    for training in (False, True):
        _restore(layer, snap)
        try:
            outs.append(np.array(layer.forward(arg, training), dtype=np.float64, copy=True))
        except Exception:
            _restore(layer, snap)
            return True                      # let the checked call report the problem
    _restore(layer, snap)
    return outs[0].shape != outs[1].shape or not np.array_equal(outs[0], outs[1])


def _build(layer, xs, multi, label):
    """Create an unbuilt layer's parameters in float64, as a Network does before the first
    forward (``layer.build(per-sample shape)``, which calls ``_init_params``), so a user's layer
    whose forward does not build itself is checked the way the engine will run it."""
    from .layers.base import Layer
    if multi or not isinstance(layer, Layer) or layer.built:
        return
    if type(layer)._init_params is Layer._init_params:
        return                                   # nothing to create
    _user_call(label, "build", layer.build, xs[0].shape[1:], np.float64)


def gradcheck_layer(layer, x, training=None, threshold=SMOOTH, seed=0, h=1e-5, max_checks=None):
    """Check ``layer`` (any object with the layer contract) at input ``x`` and give verdicts.

    - ``training``: True or False checks that mode; None checks both when the layer's output
      differs between them (Dropout, BatchNorm), else inference only.
    - x, params and buffers are cast to float64 (with a note in the report).
    - The upstream gradient dL/dy = R comes from ``upstream_gradient`` (independent of the
      caller's generators). The dropout generator and the buffers are restored before every
      forward call, so masks and running statistics stay fixed during the check.
    - What the layer returns is validated first (dx shape and dtype, grads keys, shapes and
      dtypes, dy not modified, a second backward equal to the first); a violation raises
      GradcheckError naming the layer.
    - Each array passes when its relative error is at most ``threshold`` (KINK where a kink is
      detected near the worst entries). Returns a GradcheckReport.
    """
    label = _layer_label(layer)
    report = GradcheckReport(label)
    multi = isinstance(x, (list, tuple))
    xs = _as_float64(layer, list(x) if multi else [x], report)
    arg = xs if multi else xs[0]
    _build(layer, xs, multi, label)
    _user_call(label, "forward", layer.forward, arg, False)     # builds an unbuilt layer
    if training is None:
        modes = [False, True] if _modes_differ(layer, xs, multi) else [False]
        if len(modes) == 1:
            report.notes.append("forward gives the same output with training=True and False; "
                                "checked once, in inference mode")
    else:
        modes = [bool(training)]
    for mode in modes:
        _check_mode(layer, xs, multi, mode, label, report, threshold, seed, h, max_checks)
    return report


def _check_mode(layer, xs, multi, training, label, report, threshold, seed, h, max_checks):
    mode = "training" if training else "inference"
    snap = _snapshot(layer)
    arg = xs if multi else xs[0]

    def forward():
        _restore(layer, snap)
        return _user_call(label, "forward", layer.forward, arg, training)

    y = forward()
    if not isinstance(y, np.ndarray) or y.dtype != np.float64:
        raise GradcheckError(f"{label}.forward returned {describe(y)} for a float64 input; expected "
                             f"a float64 ndarray (the output dtype is the input dtype)")
    R = upstream_gradient(y.shape, seed)
    dy = R.copy()
    poison = _poison_grads(layer)
    dx = _user_call(label, "backward", layer.backward, dy)
    if not np.array_equal(dy, R):
        raise GradcheckError(f"{label}.backward modified dy in place; compute into a new array "
                             f"(dx = dy * mask, not dy[mask] = 0 or dy *= ...)")
    dxs = [d.copy() for d in _validate_dx(label, dx, xs, multi)]
    _validate_grads(label, layer, poison)
    grads = {k: g.copy() for k, g in layer.grads.items()}
    dx2 = _user_call(label, "backward", layer.backward, R.copy())
    again = list(dx2) if multi and isinstance(dx2, (list, tuple)) else [dx2]
    same = len(again) == len(dxs) and all(np.array_equal(a, b) for a, b in zip(again, dxs))
    same = same and all(np.array_equal(layer.grads.get(k), g) for k, g in grads.items())
    if not same:
        raise GradcheckError(f"{label}.backward gave a different result when called twice with the "
                             f"same dy; it must not change what forward stored, and grads must be "
                             f"set (=), not accumulated (+=)")

    def loss():
        return float(np.sum(forward() * R))

    rng = np.random.default_rng([UPSTREAM_KEY, seed, 1])
    targets = [(("dx" if len(xs) == 1 else f"dx{k + 1}"), xi, dxs[k]) for k, xi in enumerate(xs)]
    targets += [(k, layer.params[k], grads[k]) for k in layer.params]
    for name, array, analytic in targets:
        idx = _sample(array.size, max_checks, rng)
        numeric = numerical_gradient(loss, array, h, idx)
        err = _compare(analytic, numeric, idx)
        worst = _worst(analytic, numeric, idx, array.shape)
        kink = _kink(loss, array, worst, h, label) if err > threshold else None
        report.checks.append(ArrayCheck(name, mode, err, threshold, worst, kink))
    _restore(layer, snap)


def check_layer(layer, x, training=None, seed=0, h=1e-5, max_checks=None):
    """Gradient-check ``layer`` at input ``x`` (an array, or a list for Concatenate and Add).

    Returns {"dx": err, "W": err, ...}: the relative error of dL/dx and of every parameter, the
    worst over the modes checked (see ``gradcheck_layer``, which also gives verdicts).
    """
    return gradcheck_layer(layer, x, training, SMOOTH, seed, h, max_checks).errors()


def check_loss(loss_fn, logits, *args, h=1e-5):
    """Gradient-check a loss ``loss_fn(logits, *args) -> (loss, dlogits)``."""
    _, analytic = loss_fn(logits, *args)
    numeric = numerical_gradient(lambda: loss_fn(logits, *args)[0], logits, h)
    return rel_error(analytic, numeric)


def check_network(net, inputs, labels, teacher_logits=None, temperature=4.0, alpha=0.9,
                  h=1e-5, max_checks=30, seed=0, training=False):
    """Gradient-check a whole network on cross-entropy, or on the distillation loss when
    ``teacher_logits`` is given. Returns {"<layer>.<param>": err} for every parameter array,
    checking at most ``max_checks`` random entries of each.

    With ``training=True`` the network runs in training mode: every layer's dropout generator
    and buffers are restored before each forward call, so the dropout masks and BatchNorm's
    running statistics are the same in every evaluation of the loss."""
    rng = np.random.default_rng(seed)
    snaps = [_snapshot(layer) for layer in net.layers]

    def loss_and_grad():
        for layer, snap in zip(net.layers, snaps):
            _restore(layer, snap)
        logits = net.forward(inputs, training=training)
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
    for layer, snap in zip(net.layers, snaps):
        _restore(layer, snap)
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
    from .layers import Add, BatchNorm, Concatenate, Conv2D, Dense, Dropout, MaxPool2D, ReLU, Softmax
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
        ("BatchNorm (N,C,H,W), training", BatchNorm(), x, True, SMOOTH),
        ("BatchNorm (N,C,H,W), inference", BatchNorm(), x, False, SMOOTH),
        ("BatchNorm (N,D), training", BatchNorm(), rng.standard_normal((5, 4)), True, SMOOTH),
        ("Add (3 branches)", Add(), [x, x[::-1].copy(), rng.standard_normal(x.shape)], False, SMOOTH),
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
    rows.append(("3-branch network, training mode (dropout masks fixed)",
                 max(check_network(net, inputs, y, training=True).values()), KINK))
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
