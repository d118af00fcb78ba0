"""Vector norms accumulated value by value as GNU Octave 7 accumulates them.

Octave's ``norm(v)`` does not compute ``sqrt(sum(v.^2))``: it keeps a scale (the largest
absolute value seen so far) and a sum of squared ratios to that scale, so that no square
overflows or underflows (Hammarling's scaling, as in LAPACK's old dnrm2)::

    scl = 0, sum = 1
    for each value: t = |v|
        t == scl:  sum += 1
        t >  scl:  sum = sum * (scl/t)^2 + 1, scl = t
        t != 0:    sum += (t/scl)^2
    norm = scl * sqrt(sum)

The result can differ from NumPy's ``sqrt(sum(v*v))`` in the last bit, which ``%.17g``,
``format long`` or a convergence test shows. The p-norms use the same scaling with
``(t/scl)^p`` and ``scl * sum^(1/p)``, the 1-norm a plain left-to-right sum. Values are visited in column-major order.
"""
import math

import numpy as np


def _values(a):
    return np.abs(np.asarray(a, dtype=np.float64)).ravel(order="F").tolist()


def scaled_2norm(a):
    """Octave's 2-norm (and Frobenius norm) of the values of ``a``."""
    scl, total = 0.0, 1.0
    for t in _values(a):
        if t == scl:
            total += 1
        elif scl < t:
            r = scl / t
            total *= r * r
            total += 1
            scl = t
        elif t != 0:
            r = t / scl
            total += r * r
    return scl * math.sqrt(total)


def scaled_pnorm(a, p):
    """Octave's p-norm for p other than 0, 1, 2 and +-Inf. For negative p Octave 7 scales
    ``1/|v|`` with ``(ratio)^p`` (p negative), which makes the first ratio ``0^p`` infinite:
    ``norm(v, -2)`` is Inf in Octave 7.3 whatever v is, and so here."""
    scl, total = 0.0, 1.0
    with np.errstate(all="ignore"):
        for v in _values(a):
            t = v if p > 0 else (1 / v if v != 0 else math.inf)
            if t == scl:
                total += 1
            elif scl < t:
                total *= _pow(scl / t, p)
                total += 1
                scl = t
            elif t != 0:
                total += _pow(t / scl, p)
    return scl * _pow(total, 1 / p if p > 0 else -1 / p)


def _pow(x, y):
    """C's pow, with its Inf for 0 to a negative power (Python raises there)."""
    try:
        return math.pow(x, y)
    except (ValueError, ZeroDivisionError, OverflowError):
        return float(np.power(np.float64(x), np.float64(y)))


def sequential_1norm(a):
    """Octave's 1-norm of a vector: the absolute values added left to right."""
    total = 0.0
    for t in _values(a):
        total += t
    return total
