"""Losses on logits, each returning ``(loss, dloss/dlogits)``, averaged over the batch.

All of them work in log space with the maximum subtracted (log-sum-exp), so they stay finite
for logits of magnitude 1e4 and temperatures from 0.05 to 100.

Notation: z are the student's logits (N, K), t the teacher's, y the integer labels (N,),
T the temperature, ``softmax_T(z) = softmax(z / T)``.
"""
import numpy as np

from .errors import LabelError, OctakdTypeError, ShapeError, describe
from . import validate
from .validate import all_finite


def log_softmax(z, temperature=1.0):
    """log softmax(z / T) along the last axis, stable: (z/T - m) - log sum exp(z/T - m)."""
    s = z / temperature if temperature != 1.0 else z       # z / 1 is z: skip that copy
    s = s - s.max(axis=-1, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=-1, keepdims=True))


def softmax(z, temperature=1.0):
    """softmax(z / T) along the last axis, stable."""
    return np.exp(log_softmax(z, temperature))


def check_labels(labels, n, classes, where):
    """Integer class indices 0..K-1, one per sample; a clear error for every usual mistake."""
    if np.isscalar(labels) and not isinstance(labels, str):
        labels = np.array([labels])
    if not isinstance(labels, (np.ndarray, list, tuple)):
        raise OctakdTypeError(f"{where}: labels must be integers 0..{classes - 1}, got {describe(labels)}")
    y = np.asarray(labels)
    if y.dtype.kind not in "biuf" or y.dtype == bool:
        raise OctakdTypeError(f"{where}: labels must be integers 0..{classes - 1}, got {describe(y)}")
    y = y.reshape(-1) if y.ndim == 2 and 1 in y.shape else y
    if y.ndim != 1:
        raise ShapeError(f"{where}: labels must be a vector of class indices, got shape {y.shape}")
    if y.size != n:
        raise LabelError(f"{where}: got {y.size} label(s) for {n} sample(s); give one label per sample")
    if y.dtype.kind == "f":
        if not np.all(np.isfinite(y)):
            raise LabelError(f"{where}: labels contain NaN or Inf")
        if np.any(y != np.round(y)):
            bad = float(y[y != np.round(y)][0])
            raise LabelError(f"{where}: labels must be whole numbers (class indices), got {bad!r}")
    y = y.astype(np.int64)
    if y.size and y.min() < 0:
        raise LabelError(f"{where}: labels must be in 0..{classes - 1}, got a negative label {int(y.min())}")
    if y.size and y.max() >= classes:
        hint = ""
        if y.max() == classes and y.min() >= 1:
            hint = (f"; they look 1-based (Octave style, 1..{classes}): "
                    f"use labels - 1 to make them 0-based")
        raise LabelError(f"{where}: labels must be in 0..{classes - 1} for {classes} classes, "
                         f"got a label {int(y.max())}{hint}")
    return y


def _check_logits(z, where, name="logits"):
    if not isinstance(z, np.ndarray) or z.dtype.kind != "f" or z.ndim != 2:
        raise ShapeError(f"{where}: {name} must be a 2-D float array (N, K), got {describe(z)}")
    if z.shape[0] == 0:
        raise ShapeError(f"{where}: {name} is an empty batch")
    return all_finite(z, where, name)


def softmax_cross_entropy(logits, labels):
    """CE = -1/N sum_n log softmax(z_n)[y_n];  dCE/dz = (softmax(z) - onehot(y)) / N."""
    z = _check_logits(logits, "softmax_cross_entropy")
    N, K = z.shape
    y = check_labels(labels, N, K, "softmax_cross_entropy")
    logp = log_softmax(z)
    loss = -logp[np.arange(N), y].mean() + 0.0      # + 0.0 turns a perfect fit's -0.0 into 0.0
    dz = np.exp(logp)
    dz[np.arange(N), y] -= 1
    dz /= N
    return float(loss), dz.astype(z.dtype, copy=False)


def kl_divergence(student_logits, teacher_logits, temperature):
    """KL(softmax_T(t) || softmax_T(z)), summed over classes, averaged over the batch.

    KL = 1/N sum_n sum_k p_k (log p_k - log q_k),  p = softmax_T(t),  q = softmax_T(z)
    dKL/dz = (q - p) / (T N)
    """
    logq = log_softmax(student_logits, temperature)
    logp = log_softmax(teacher_logits, temperature)
    p = np.exp(logp)
    N = student_logits.shape[0]
    kl = float((p * (logp - logq)).sum() / N)
    return kl, (np.exp(logq) - p) / (temperature * N)


def distillation_loss(student_logits, teacher_logits, labels, temperature=4.0, alpha=0.9):
    """Hinton et al. (2015):

        L = alpha * T^2 * KL(softmax_T(t) || softmax_T(z)) + (1 - alpha) * CE(y, softmax(z))

    Why T^2: the soft term's gradient is dKL/dz = (q - p) / T (q, p the student's and the
    teacher's softened probabilities), and for large T, q - p itself shrinks like 1/T, so the
    gradient scales as 1/T^2. The T^2 factor keeps it comparable across temperatures
    (tutorial 03 measures it). With ``labels=None`` only the soft term is used (alpha is taken
    as 1).
    Returns (loss, dL/dz).
    """
    where = "distillation_loss"
    z = _check_logits(student_logits, where, "student logits")
    t = _check_logits(teacher_logits, where, "teacher logits")
    if z.shape != t.shape:
        raise ShapeError(f"{where}: student logits {z.shape} and teacher logits {t.shape} differ; "
                         f"the teacher and the student must have the same number of classes")
    T = validate.temperature(temperature, where)
    alpha = validate.alpha(alpha, where)
    if labels is not None:
        labels = check_labels(labels, z.shape[0], z.shape[1], where)
    else:
        alpha = 1.0                  # no labels: the soft term alone, at full weight
    kl, dkl = kl_divergence(z, t.astype(z.dtype, copy=False), T)
    loss, dz = alpha * T * T * kl, alpha * T * T * dkl
    if labels is not None and alpha < 1.0:
        ce, dce = softmax_cross_entropy(z, labels)
        loss, dz = loss + (1 - alpha) * ce, dz + (1 - alpha) * dce
    return float(loss), dz.astype(z.dtype, copy=False)


def distillation_parts(student_logits, teacher_logits, labels, temperature, alpha):
    """The two terms of the distillation loss, unweighted: (T^2 KL, CE)."""
    kl, _ = kl_divergence(student_logits, teacher_logits, temperature)
    ce = softmax_cross_entropy(student_logits, labels)[0] if labels is not None else float("nan")
    return temperature * temperature * kl, ce
