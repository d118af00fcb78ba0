"""One fused pass of the Adam update over contiguous 1-D views, for very large layers.

Reads p, g, m, v once and writes p, m, v once, with no temporaries: about 7 bytes moved per
byte of weights, against several full-size temporaries for the NumPy expression. The
arithmetic is the same as ``optim.Adam`` (PyTorch's form).
"""
import math

from numba import njit, prange


@njit(parallel=True, cache=True)
def adam_update(p, g, m, v, lr, beta1, beta2, eps, c1, c2):
    """In place, for every i:  m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
    p -= lr * (m / c1) / (sqrt(v / c2) + eps), with c1 = 1 - b1^t and c2 = 1 - b2^t."""
    n = p.shape[0]
    chunk = 1 << 16
    for start in prange((n + chunk - 1) // chunk):
        for i in range(start * chunk, min(n, (start + 1) * chunk)):
            gi = g[i]
            mi = beta1 * m[i] + (1.0 - beta1) * gi
            vi = beta2 * v[i] + (1.0 - beta2) * gi * gi
            m[i] = mi
            v[i] = vi
            p[i] -= lr * (mi / c1) / (math.sqrt(vi / c2) + eps)
