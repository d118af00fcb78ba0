"""The Adam update in plain NumPy: the readable twin of adam_numba.py and its test oracle.

Same signature and arithmetic (PyTorch's form) as ``adam_numba.adam_update``; optim.Adam uses
it for arrays below ``FUSED_MIN_SIZE``, where the temporaries it makes are cheap.
"""
import numpy as np

from .adam_check import check_adam_arrays


def adam_update(p, g, m, v, lr, beta1, beta2, eps, c1, c2):
    """In place:  m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
    p -= lr * (m / c1) / (sqrt(v / c2) + eps), with c1 = 1 - b1^t and c2 = 1 - b2^t."""
    check_adam_arrays(p, g, m, v, contiguous=False)
    m *= beta1
    m += (1 - beta1) * g
    v *= beta2
    v += (1 - beta2) * g * g
    p -= (lr * (m / c1) / (np.sqrt(v / c2) + eps)).astype(p.dtype, copy=False)
