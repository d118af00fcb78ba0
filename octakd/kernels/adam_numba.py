"""One fused pass of the Adam update over contiguous 1-D views, for very large layers.

Reads p, g, m, v once and writes p, m, v once, with no temporaries: about 7 bytes moved per
byte of weights, against several full-size temporaries for the NumPy expression. The
arithmetic is that of ``optim.Adam`` (PyTorch's form). The scalars are passed in the arrays'
own dtype, so a float32 model is updated in float32 arithmetic, as the NumPy path does, and
the loop vectorises (a float64 scalar would force a conversion of every element).
"""
import numpy as np
from numba import njit, prange

from .adam_check import check_adam_arrays


@njit(parallel=True, fastmath=True, cache=True)
def _adam_kernel(p, g, m, v, beta1, one_minus_beta1, beta2, one_minus_beta2, step, inv_c2, eps):
    for i in prange(p.shape[0]):
        gi = g[i]
        mi = beta1 * m[i] + one_minus_beta1 * gi
        vi = beta2 * v[i] + one_minus_beta2 * gi * gi
        m[i] = mi
        v[i] = vi
        p[i] -= step * mi / (np.sqrt(vi * inv_c2) + eps)


def adam_update(p, g, m, v, lr, beta1, beta2, eps, c1, c2):
    """In place, for every i:  m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
    p -= (lr / c1) * m / (sqrt(v / c2) + eps), with c1 = 1 - b1^t and c2 = 1 - b2^t."""
    check_adam_arrays(p, g, m, v)
    s = p.dtype.type
    _adam_kernel(p, g, m, v, s(beta1), s(1.0 - beta1), s(beta2), s(1.0 - beta2),
                 s(lr / c1), s(1.0 / c2), s(eps))


# error_model="numpy": a float division by zero gives inf/NaN, as in NumPy, instead of Numba's
# default Python-style ZeroDivisionError check on every division, which kept this loop scalar;
# without it the loop vectorises (sqrt and division 8 floats at a time: 278 k float32 weights,
# 1 thread, 1150 -> 140 µs per step), with the very same results (no fastmath)
@njit(cache=True, error_model="numpy")
def _adam_small_kernel(p, g, m, v, beta1, one_minus_beta1, beta2, one_minus_beta2, lr, c1, c2, eps):
    for i in range(p.shape[0]):
        gi = g[i]
        mi = m[i] * beta1 + one_minus_beta1 * gi
        vi = v[i] * beta2 + one_minus_beta2 * gi * gi
        m[i] = mi
        v[i] = vi
        p[i] = p[i] - lr * (mi / c1) / (np.sqrt(vi / c2) + eps)


def adam_update_small(p, g, m, v, lr, beta1, beta2, eps, c1, c2):
    """The same update for the many small arrays of a teaching-size network: serial (no thread
    pool to wake for a few thousand values) and without fastmath, doing adam_numpy's operations
    in adam_numpy's order and dtype, so its results are the NumPy update's bit for bit (tests
    check). It saves that expression's eight temporaries and Python calls per array and step."""
    check_adam_arrays(p, g, m, v)
    s = p.dtype.type
    _adam_small_kernel(p, g, m, v, s(beta1), s(1 - beta1), s(beta2), s(1 - beta2), s(lr), s(c1),
                       s(c2), s(eps))
