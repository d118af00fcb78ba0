"""The seed's training functions: train_model, calculate_distillation_loss, optimize_model,
plus predict and evaluate.

    teacher = train_model([img, text, audio], labels, 100, 0.001)
    student = train_model([img, text, audio], labels, 100, 0.001, teacher)
    loss    = calculate_distillation_loss(student, teacher, [img, text, audio], labels)
    student = optimize_model(student, loss, [img, text, audio], labels)

Training is mini-batch Adam (PyTorch's form, see optim.py) on softmax cross-entropy, or, with a
teacher, on Hinton's distillation loss (losses.py) against the teacher's logits, which are
computed once, in inference mode, before the first epoch.
"""
import contextlib
import numbers
import time

import numpy as np

from . import builder
from . import checkpoint as checkpoint_file
from . import lean
from . import memory
from .errors import (CheckpointWriteError, NetworkError, NonFiniteError, OctakdFileError,
                     OctakdTypeError, ShapeError, describe)
from .losses import (check_labels, distillation_loss, distillation_parts, softmax,
                     softmax_cross_entropy)
from .network import Network
from .optim import SGD, Adam
from .progress import ProgressTable
from . import validate
from .validate import nonneg_int, positive_int, real_in_range

DEFAULT_TEMPERATURE = 4.0
DEFAULT_ALPHA = 0.9
DEFAULT_BATCH_SIZE = 32


class TrainingDiverged(NonFiniteError):
    """Training met a NaN/Inf loss or gradient. ``.model`` holds the last finite weights."""

    def __init__(self, message, model):
        super().__init__(message)
        self.model = model


# -- inputs -------------------------------------------------------------------------------------
def prepare_inputs(model, inputs, where, order=None):
    """Convert raw inputs once through the model's input layers: a list of float arrays, one
    per input layer, all with the same number of samples N."""
    check_model(model, where)
    data = model.arrange_inputs(inputs, where, order=order)
    arrays = model.convert_inputs(data)
    sizes = [a.shape[0] for a in arrays]
    if len(set(sizes)) > 1:
        detail = ", ".join(f"{l.seed_name}: {n}" for l, n in zip(model.input_layers, sizes))
        raise ShapeError(f"{where}: the inputs have different numbers of samples ({detail})")
    return arrays


def check_model(model, where, what="a model"):
    """A trained Network, else a clear error."""
    if not isinstance(model, Network):
        raise OctakdTypeError(f"{where}: expected {what} (what train_model returns), got {describe(model)}")
    if not model.built:
        raise NetworkError(f"{where}: model {model.name!r} has no weights yet; train it with train_model")
    return model


def _batch(arrays, index):
    return [a[index] for a in arrays]


def _logits(model, arrays, batch_size=256, where="predict"):
    """Inference-mode logits of already-prepared inputs, in batches; a clear error if the
    model's weights make them overflow."""
    n = arrays[0].shape[0]
    with np.errstate(over="ignore", invalid="ignore"), lean.threads_for(model, min(n, batch_size)):
        if n <= batch_size:                 # one batch: its logits are already a fresh array
            z = lean.forward(model, arrays, False)
        else:
            z = np.concatenate([lean.forward(model, _batch(arrays, slice(s, s + batch_size)), False)
                                for s in range(0, n, batch_size)])
    lean.trim(model)
    bad = ~np.isfinite(z).all(axis=1)
    if bad.any():
        raise NonFiniteError(f"{where}: model {model.name!r} gives NaN/Inf logits for {int(bad.sum())} "
                             f"of {n} sample(s) (the first is sample {int(np.argmax(bad))}); its "
                             f"weights are too large or not finite (was it trained with a learning "
                             f"rate that diverges?)")
    return z


def _check_teacher(student, teacher, where):
    if not isinstance(teacher, Network) or not teacher.built or not teacher.ended:
        raise OctakdTypeError(f"{where}: teacher_model must be a trained model (what train_model "
                              f"returns), got {describe(teacher)}")
    if teacher.num_classes != student.num_classes:
        raise ShapeError(f"{where}: the teacher has {teacher.num_classes} classes but the student "
                         f"has {student.num_classes}; both must end with the same softmax_layer(K)")


def _input_order(student, teacher):
    """The student reads a teacher-ordered inputs list by modality when its inputs differ."""
    if teacher is None or teacher.modalities == student.modalities:
        return None
    return teacher.input_order or teacher.modalities


# -- training -------------------------------------------------------------------------------------
def train_model(inputs, labels, epochs, learning_rate, teacher_model=None, *, network=None,
                batch_size=DEFAULT_BATCH_SIZE, temperature=DEFAULT_TEMPERATURE, alpha=DEFAULT_ALPHA,
                seed=0, verbose=True, optimizer="adam", momentum=0.9, dtype=np.float32,
                log_every=50, name=None, checkpoint=None, checkpoint_every=1, resume=False):
    """Build a fresh model from ``network`` (the current network by default), train it and
    return it. The network itself is never changed.

    inputs        one entry per input layer, in the order the input layers were created
                  (the seed's ``[img, text, audio]``); a dict keyed by modality also works
    labels        integer class indices 0..K-1, one per sample (a plain int for one sample)
    epochs        passes over the data;  learning_rate: Adam's (or SGD's) step size
    teacher_model with a teacher, train by distillation (Hinton et al. 2015):
                  L = alpha T^2 KL(softmax(t/T) || softmax(s/T)) + (1 - alpha) CE(y, softmax(s))
                  A student with fewer input layers than the teacher (cross-modal
                  distillation) takes its own modalities out of the teacher-ordered list.
    batch_size    mini-batch size (32); the data is reshuffled every epoch from ``seed``
    optimizer     'adam' (default) or 'sgd' (with ``momentum``)
    checkpoint    a file name: the full training state is saved there (atomically) every
                  ``checkpoint_every`` epochs and after the last one. With ``resume=True`` and
                  an existing checkpoint, training continues after the epoch it recorded and
                  ends with the same weights as an uninterrupted run with the same seed.

    Returns the trained model, with ``model.history`` (one row per iteration: epoch, iteration,
    time, loss, accuracy, learning_rate) and ``model.settings``. A NaN/Inf loss or gradient
    stops training with ``TrainingDiverged``, whose ``.model`` keeps the last finite weights.
    """
    where = "train_model"
    epochs = positive_int(epochs, "epochs", where)
    lr = real_in_range(learning_rate, "learning_rate", where, 0.0, None, low_open=True)
    batch_size = positive_int(batch_size, "batch_size", where)
    log_every = positive_int(log_every, "log_every", where)
    checkpoint_every = positive_int(checkpoint_every, "checkpoint_every", where)
    seed = nonneg_int(seed, "seed", where, maximum=None)
    dtype = validate.float_dtype(dtype, where)
    validate.optional_name(name, where)
    if checkpoint is not None:
        checkpoint = validate.file_name(checkpoint, where, "checkpoint")
    if teacher_model is not None:
        temperature = validate.temperature(temperature, where)
        alpha = validate.alpha(alpha, where)
    if not isinstance(optimizer, str) or optimizer.lower() not in ("adam", "sgd"):
        raise OctakdTypeError(f"{where}: optimizer must be 'adam' or 'sgd', got {optimizer!r}")
    optimizer = optimizer.lower()
    if optimizer == "sgd":
        momentum = real_in_range(momentum, "momentum", where, 0.0, 1.0, high_open=True)
    net = network if network is not None else builder.current_network()
    if not isinstance(net, Network):
        raise OctakdTypeError(f"{where}: network must be a Network, got {describe(net)}")
    net.check(where)
    if net.built:                 # a trained model passed as the architecture: keep its weights apart
        net = net.clone()
    model = net.clone(name or ("student" if teacher_model is not None else "teacher"))
    memory.check_training(model, 1, dtype, optimizer, momentum, where)
    model.build(dtype, seed)
    model.history = []
    order = None
    if teacher_model is not None:
        _check_teacher(model, teacher_model, where)
        order = _input_order(model, teacher_model)
        model.input_order = order
    X = prepare_inputs(model, inputs, where, order)
    n = X[0].shape[0]
    y = check_labels(labels, n, model.num_classes, where)
    memory.check_training(model, min(batch_size, n), dtype, optimizer, momentum, where, allocated=True)
    teacher_logits = None
    if teacher_model is not None:
        teacher_logits = _logits(teacher_model, prepare_inputs(teacher_model, inputs, where),
                                 where=f"{where} (teacher)")
    opt = Adam(lr) if optimizer == "adam" else SGD(lr, momentum)
    model.settings = {"epochs": epochs, "learning_rate": lr, "batch_size": batch_size,
                      "optimizer": optimizer, "seed": seed, "samples": n,
                      "distilled": teacher_model is not None,
                      "temperature": temperature if teacher_model is not None else 0.0,
                      "alpha": alpha if teacher_model is not None else 0.0,
                      "teacher": teacher_model.name if teacher_model is not None else ""}
    rng = np.random.default_rng(seed)
    model.reseed_dropout(seed)
    done = 0
    if resume and checkpoint_file.exists(checkpoint):
        done = checkpoint_file.load_checkpoint(checkpoint, model, opt, rng)
    save = None
    if checkpoint is not None:
        def save(epoch):
            if epoch % checkpoint_every == 0 or epoch == epochs:
                try:
                    checkpoint_file.save_checkpoint(checkpoint, model, opt, rng, epoch)
                except OctakdFileError as exc:      # disk full...: keep the trained model
                    model.release_memory()
                    raise CheckpointWriteError(f"{exc}; training stopped after epoch {epoch}, and "
                                               f"the model trained so far is in this error's "
                                               f".model (save it with save_model)", model) from None
    with _gradient_buffers(model):
        _fit(model, X, y, teacher_logits, opt, rng, done, epochs, batch_size, temperature, alpha,
             ProgressTable(verbose, log_every), save)
    return model


@contextlib.contextmanager
def _gradient_buffers(model):
    """While training, Dense layers (and Softmax's projection) write dW into one array per
    layer instead of a new one per step (Dense.reuse_grad_buffer; docs/performance.md). The loop
    reads each step's gradients before the next backward, so that is safe here; afterwards the
    layers give fresh arrays again, whatever happened."""
    layers = []
    for layer in model.layers:
        for part in (layer, getattr(layer, "dense", None)):
            if hasattr(type(part), "reuse_grad_buffer"):
                layers.append(part)
    for part in layers:
        part.reuse_grad_buffer = True
    try:
        yield
    finally:
        for part in layers:
            part.__dict__.pop("reuse_grad_buffer", None)


def _fit(model, X, y, teacher_logits, opt, rng, done, epochs, batch_size, temperature, alpha,
         table, save):
    """The training loop: shuffle, forward, loss, backward, check, step; log as it goes.
    Epochs ``done + 1 .. epochs`` run; ``save(epoch)`` (if given) is called after each.

    Numerical faults stop it with TrainingDiverged before they reach the weights: non-finite
    logits or loss (before backward), a non-finite gradient (before the step), and a step that
    would overflow the weights (StepGuard). So ``exception.model`` always holds the weights
    from before the failing step."""
    n = y.size
    per_epoch = -(-n // batch_size)
    start = time.perf_counter() - (model.history[-1]["time"] if model.history else 0.0)
    table.header()
    losses = []                       # [first loss, last finite loss] for the messages
    pairs = [(layer.params[k], layer.grads[k]) for layer, k in model.parameters()]
    guard = StepGuard(opt, [p for p, _ in pairs])
    iteration = done * per_epoch
    # BLAS at one thread for the whole loop when the plans use our own threads (lean_threads)
    with lean.threads_for(model, min(n, batch_size)):
        for epoch in range(done + 1, epochs + 1):
            order = rng.permutation(n)
            for b in range(per_epoch):
                iteration += 1
                idx = order[b * batch_size:(b + 1) * batch_size]
                with np.errstate(over="ignore", invalid="ignore"):     # checked just below
                    logits = lean.forward(model, _batch(X, idx), training=True)
                if not np.all(np.isfinite(logits)):
                    _diverged(model, "the logits", epoch, iteration, losses, guard)
                if teacher_logits is None:
                    loss, dlogits = softmax_cross_entropy(logits, y[idx])
                else:
                    loss, dlogits = distillation_loss(logits, teacher_logits[idx], y[idx], temperature, alpha)
                if not np.isfinite(loss):
                    _diverged(model, "the loss", epoch, iteration, losses, guard)
                losses[:] = [losses[0] if losses else loss, loss]
                with np.errstate(over="ignore", invalid="ignore"):
                    lean.backward(model, dlogits)
                pairs = [(layer.params[k], layer.grads[k]) for layer, k in model.parameters()]
                norms = _gradient_norms(model, epoch, iteration, losses, guard)
                if not guard.step(pairs, norms):
                    _diverged(model, "the weights", epoch, iteration, losses, guard, step=True)
                accuracy = float(np.mean(np.argmax(logits, axis=1) == y[idx]))
                row = {"epoch": epoch, "iteration": iteration, "time": time.perf_counter() - start,
                       "loss": loss, "accuracy": accuracy, "learning_rate": opt.lr}
                model.history.append(row)
                last = epoch == epochs and b == per_epoch - 1
                table.row(row, force=last)
            if save is not None:
                save(epoch)
    table.footer()
    model.release_memory()
    lean.forget(model)
    model.settings["train_seconds"] = time.perf_counter() - start


def _gradient_norms(model, epoch, iteration, losses, guard):
    """The L2 norm of each parameter's gradient; stop before a step that would put NaN/Inf
    into the weights. The squared norm g.g is one BLAS dot product per array, and it is also
    infinite when a gradient is so large that it overflows (a diverging run)."""
    norms, bad = [], []
    for layer, k in model.parameters():
        g = layer.grads[k].reshape(-1)
        with np.errstate(over="ignore", invalid="ignore"):
            sq = float(np.dot(g, g))
        if not np.isfinite(sq):
            bad.append(f"{layer.name}.{k}")
        norms.append(np.sqrt(sq))
    if bad:
        _diverged(model, f"the gradient of {', '.join(bad[:3])}", epoch, iteration, losses, guard)
    return norms


def _diverged(model, what, epoch, iteration, losses, guard, step=False):
    """Raise TrainingDiverged with a message naming what failed, where, and the likely cause:
    a learning rate that diverges shows as a loss or weights that grew by orders of magnitude."""
    first, last = (losses + [None, None])[:2]
    lr = guard.opt.lr
    w0, w1 = guard.initial_max, guard.max_now()
    if step:
        cause = (f"; a step of learning rate {lr:g} would overflow them: the learning rate "
                 f"diverges (it is too high), lower it")
    elif last is not None and last > 10 * max(first, 1e-12):
        cause = (f"; the loss grew from {first:.4g} to {last:.4g}: the learning rate {lr:g} "
                 f"diverges (it is too high), lower it")
    elif not w1 < 1e3 * max(w0, 1e-12):
        cause = (f"; the largest weight grew from {w0:.4g} to {w1:.4g}: the learning rate {lr:g} "
                 f"diverges (it is too high), lower it")
    else:
        cause = f"; check the data, or lower the learning rate {lr:g}"
    model.release_memory()
    lean.forget(model)
    raise TrainingDiverged(
        f"train_model: {what} became NaN/Inf at epoch {epoch}, iteration {iteration}{cause}. "
        f"Training stopped; the model (exception.model) keeps the last finite weights", model)


class StepGuard:
    """Makes sure an optimiser step cannot put Inf or NaN into the weights, without copying the
    weights at every step (the seed's dense layer has 283 M of them).

    For each parameter array it keeps cheap upper bounds on max|p| and on the size of one
    update, from the gradient norms the loop computes anyway (max|g| <= ||g||):

        SGD:   max|v'| <= momentum max|v| + lr ||g||,           max|p'| <= max|p| + max|v'|
        Adam:  max|m'| <= beta1 max|m| + (1 - beta1) ||g||,    max|p'| <= max|p| + lr max|m'| / (c1 eps)

    When every bound stays below half the dtype's largest value the step is safe and just
    runs. Otherwise (a run near divergence) the bound is tightened with the exact norm of p,
    and if it is still too large the step runs on a copy-protected path: the weights are
    saved, stepped, checked, and restored if anything became non-finite.
    """

    def __init__(self, opt, params):
        self.opt = opt
        self.limit = [0.5 * float(np.finfo(p.dtype).max) for p in params]
        self.p_max = [self._norm(p) for p in params]
        state = opt.velocity if isinstance(opt, SGD) else opt.m
        self.s_max = [self._norm(state[k]) if k in state else 0.0 for k in range(len(params))]
        self.params = params
        self.initial_max = self.max_now()

    def max_now(self):
        """max |w| over all the weights (two passes, no temporary array)."""
        return max((max(float(p.max()), -float(p.min())) for p in self.params if p.size), default=0.0)

    @staticmethod
    def _norm(a):
        """||a||, an upper bound on max|a|; Inf if a.a overflows (the caller then plays safe)."""
        a = a.reshape(-1)
        with np.errstate(over="ignore", invalid="ignore"):
            return float(np.sqrt(np.dot(a, a)))

    def _bounds(self, k, g_norm):
        opt = self.opt
        if isinstance(opt, SGD):
            s = opt.momentum * self.s_max[k] + opt.lr * g_norm
            return s, s
        s = opt.beta1 * self.s_max[k] + (1 - opt.beta1) * g_norm
        c1 = 1.0 - opt.beta1 ** (opt.t + 1)
        return s, opt.lr * s / (c1 * opt.eps)

    def step(self, pairs, g_norms):
        """Run the optimiser step; False (weights unchanged) if it would make them non-finite."""
        bounds = [self._bounds(k, g) for k, g in enumerate(g_norms)]
        safe = True
        for k, ((p, _), (_, delta)) in enumerate(zip(pairs, bounds)):
            if not self.p_max[k] + delta < self.limit[k]:
                self.p_max[k] = self._norm(p)
                safe = safe and self.p_max[k] + delta < self.limit[k]
        if safe:
            self.opt.step(pairs)
            for k, (s, delta) in enumerate(bounds):
                self.s_max[k], self.p_max[k] = s, self.p_max[k] + delta
            return True
        saved = [p.copy() for p, _ in pairs]
        with np.errstate(over="ignore", invalid="ignore"):
            self.opt.step(pairs)
        if all(np.isfinite(p).all() for p, _ in pairs):
            self.p_max = [self._norm(p) for p, _ in pairs]
            self.s_max = [s for s, _ in bounds]
            return True
        for (p, _), old in zip(pairs, saved):
            p[...] = old
        return False


# -- the distillation loss as a value -------------------------------------------------------------
class DistillationLoss(float):
    """A float (the loss) that also carries its parts and settings:

    ``.soft`` (T^2 KL, unweighted), ``.hard`` (CE, unweighted), ``.temperature``, ``.alpha``,
    ``.samples``, and ``.teacher_logits`` (N, K), which optimize_model reuses.
    loss = alpha * soft + (1 - alpha) * hard.
    """

    def __new__(cls, value, **parts):
        obj = super().__new__(cls, value)
        obj.__dict__.update(parts)
        return obj

    def __repr__(self):
        return (f"DistillationLoss({float(self):.6g}: soft {self.soft:.6g}, hard {self.hard:.6g}, "
                f"T={self.temperature:g}, alpha={self.alpha:g}, N={self.samples})")


def _kd_settings(student, temperature, alpha, where):
    settings = getattr(student, "settings", {}) or {}
    if temperature is None:
        temperature = settings.get("temperature") or DEFAULT_TEMPERATURE
    if alpha is None:
        alpha = settings.get("alpha") if settings.get("distilled") else DEFAULT_ALPHA
    return validate.temperature(temperature, where), validate.alpha(alpha, where)


def calculate_distillation_loss(student_model, teacher_model, inputs, labels, *,
                                temperature=None, alpha=None):
    """The distillation loss of the student against the teacher on ``inputs`` (dropout off).

    Temperature and alpha default to those the student was distilled with (else T=4,
    alpha=0.9). Returns a DistillationLoss: a float carrying ``.soft``, ``.hard`` and settings.
    """
    where = "calculate_distillation_loss"
    check_model(student_model, where, "a student model")
    _check_teacher(student_model, teacher_model, where)
    T, alpha = _kd_settings(student_model, temperature, alpha, where)
    X = prepare_inputs(student_model, inputs, where, _input_order(student_model, teacher_model))
    _check_teacher(student_model, teacher_model, where)
    y = check_labels(labels, X[0].shape[0], student_model.num_classes, where)
    t = _logits(teacher_model, prepare_inputs(teacher_model, inputs, where), where=f"{where} (teacher)")
    s = _logits(student_model, X, where=where)
    loss, _ = distillation_loss(s, t.astype(s.dtype), y, T, alpha)
    soft, hard = distillation_parts(s.astype(np.float64), t.astype(np.float64), y, T, alpha)
    return DistillationLoss(loss, soft=soft, hard=hard, temperature=T, alpha=alpha,
                            samples=int(y.size), teacher_logits=t, teacher=teacher_model.name)


# -- optimize_model -------------------------------------------------------------------------------
def optimize_model(student_model, loss, inputs, labels, *, max_iter=100, max_params=2_000_000,
                   teacher_model=None, verbose=True):
    """Minimise the same objective as ``loss`` over the student's parameters with
    scipy.optimize.minimize (L-BFGS-B, the analogue of Octave's fminunc), with exact gradients
    from backprop and dropout off. Returns an optimised copy; the student passed in is unchanged.

    ``loss`` is what calculate_distillation_loss returned: its temperature, alpha and teacher
    logits define the objective. A plain number means cross-entropy on the labels.

    Large models: L-BFGS-B keeps float64 copies and a history of the parameter vector (about
    25 vectors); for more than ``max_params`` parameters that does not fit, so only the trailing
    layers of the trunk whose parameters fit in ``max_params`` are optimised (the "head", e.g.
    the softmax layer), on features computed once by the frozen layers before them. The result
    records what was done in ``model.optimization``.

    The loss returned is never above the one given: if the optimiser ends higher (it cannot on
    the training objective, but float32 rounding can), the original weights are kept.
    """
    import scipy.optimize

    where = "optimize_model"
    check_model(student_model, where, "a trained student model")
    max_iter = positive_int(max_iter, "max_iter", where)
    max_params = positive_int(max_params, "max_params", where)
    if not isinstance(loss, (DistillationLoss, numbers.Real)) or isinstance(loss, bool):
        raise OctakdTypeError(f"{where}: loss must be what calculate_distillation_loss returns (or "
                              f"a number), got {describe(loss)}")
    model = student_model.clone()
    X = prepare_inputs(model, inputs, where, model.input_order)
    y = check_labels(labels, X[0].shape[0], model.num_classes, where)
    if isinstance(loss, DistillationLoss):
        teacher_logits = loss.teacher_logits.astype(model.dtype)
        T, alpha = loss.temperature, loss.alpha
        objective = lambda z: distillation_loss(z, teacher_logits, y, T, alpha)  # noqa: E731
    else:
        real_in_range(loss, "loss", where)
        objective = lambda z: softmax_cross_entropy(z, y)  # noqa: E731

    start_index, features = _head(model, X, max_params)
    params = [(layer, k) for layer in model.layers[start_index:] for k in sorted(layer.params)]

    def get_vector():
        return np.concatenate([layer.params[k].ravel() for layer, k in params]).astype(np.float64)

    def set_vector(v):
        pos = 0
        for layer, k in params:
            p = layer.params[k]
            p[...] = v[pos:pos + p.size].reshape(p.shape)
            pos += p.size

    def f_and_grad(v):
        set_vector(v)
        if start_index == 0:
            value, dz = objective(model.forward(features, training=False))
            model.backward(dz)
        else:
            value, dz = objective(model.forward_from(start_index, features))
            model.backward_to(start_index, dz)
        return value, np.concatenate([layer.grads[k].ravel() for layer, k in params]).astype(np.float64)

    x0 = get_vector()
    before, _ = f_and_grad(x0)
    t0 = time.perf_counter()
    result = scipy.optimize.minimize(f_and_grad, x0, jac=True, method="L-BFGS-B",
                                     options={"maxiter": max_iter})
    after, _ = f_and_grad(result.x)
    if not np.isfinite(after) or after > before:
        set_vector(x0)
        after = before
    scope = "all layers" if start_index == 0 else ", ".join(l.name for l in model.layers[start_index:]
                                                            if l.params)
    model.optimization = {"loss_before": float(before), "loss_after": float(after),
                          "iterations": int(result.nit), "message": str(result.message),
                          "parameters": int(x0.size), "scope": scope,
                          "seconds": time.perf_counter() - t0}
    if verbose:
        print(f"optimize_model: L-BFGS-B on {x0.size:,} parameters ({scope}), {result.nit} "
              f"iterations: loss {before:.6g} -> {after:.6g}")
    return model


def _head(model, X, max_params):
    """Where optimisation starts: 0 (every layer) if the model is small enough, else the first
    node of the longest chain at the end of the trunk whose parameters fit in max_params.
    Returns (start index, the input of that node computed once with dropout off)."""
    if model.num_params <= max_params:
        return 0, X
    start, total = len(model.layers) - 1, model.layers[-1].num_params
    while start - 1 > 0 and model.parents[start] == [start - 1] and not model.layers[start - 1].is_input \
            and total + model.layers[start - 1].num_params <= max_params:
        start -= 1
        total += model.layers[start].num_params
    if total > max_params:
        raise ShapeError(f"optimize_model: even the softmax layer has {total:,} parameters, more than "
                         f"max_params={max_params:,}; raise max_params")
    parent = model.parents[start][0]
    features = _outputs_of(model, X, parent)
    return start, features


def _outputs_of(model, X, index, batch_size=256):
    """The output of node ``index`` (dropout off) for prepared inputs X, in batches."""
    n = X[0].shape[0]
    return np.concatenate([model.forward(_batch(X, slice(s, s + batch_size)), training=False,
                                         output_index=index) for s in range(0, n, batch_size)])


# -- inference ------------------------------------------------------------------------------------
def predict(model, inputs, *, batch_size=256):
    """Class probabilities (N, K) for ``inputs`` (dropout off)."""
    check_model(model, "predict")
    batch_size = positive_int(batch_size, "batch_size", "predict")
    X = prepare_inputs(model, inputs, "predict", model.input_order)
    return softmax(_logits(model, X, batch_size, "predict"))


def evaluate(model, inputs, labels, *, batch_size=256):
    """Accuracy in [0, 1]: the fraction of samples whose most probable class is the label."""
    check_model(model, "evaluate")
    batch_size = positive_int(batch_size, "batch_size", "evaluate")
    X = prepare_inputs(model, inputs, "evaluate", model.input_order)
    y = check_labels(labels, X[0].shape[0], model.num_classes, "evaluate")
    return float(np.mean(np.argmax(_logits(model, X, batch_size, "evaluate"), axis=1) == y))
