"""max_pool2d in plain NumPy: the readable version and the test oracle of the Numba kernels.

Shapes: x (N, C, H, W) -> y (N, C, H_out, W_out) with H_out = 1 + (H - ph) // sh.
``pool`` is the (already clamped) window (ph, pw), ``stride`` is (sh, sw). No padding.

Tie rule: the gradient of a window goes to a single winner, the FIRST maximum in row-major
order inside the window (a later equal value does not replace it). NaN never wins: a NaN in the
window's first position is replaced by the first non-NaN value; a window of only NaN gives NaN.
``argmax`` holds the winner's flat position ``row * W + col`` in its (H, W) plane.
"""
import numpy as np


def maxpool2d_forward(x, pool, stride):
    """Return (y, argmax); argmax is int64 with y's shape."""
    N, C, H, W = x.shape
    ph, pw = pool
    sh, sw = stride
    Ho, Wo = 1 + (H - ph) // sh, 1 + (W - pw) // sw
    rows = np.arange(Ho)[:, None] * sh       # top-left corner of each window
    cols = np.arange(Wo)[None, :] * sw
    y = x[:, :, 0:sh * (Ho - 1) + 1:sh, 0:sw * (Wo - 1) + 1:sw].copy()
    argmax = np.broadcast_to(rows * W + cols, y.shape).astype(np.int64)
    for di in range(ph):
        for dj in range(pw):
            if di == 0 and dj == 0:
                continue
            cand = x[:, :, di:di + sh * (Ho - 1) + 1:sh, dj:dj + sw * (Wo - 1) + 1:sw]
            # strict: the first maximum keeps the window; a NaN start yields to any number
            better = (cand > y) | (np.isnan(y) & ~np.isnan(cand))
            y = np.where(better, cand, y)
            argmax = np.where(better, (rows + di) * W + (cols + dj), argmax)
    return y, argmax


def maxpool2d_backward(dy, argmax, x_shape):
    """Route each dy value to its window's winner; overlapping windows add up."""
    N, C, H, W = x_shape
    dx = np.zeros((N * C, H * W), dtype=dy.dtype)
    planes = np.arange(N * C)[:, None]
    np.add.at(dx, (planes, argmax.reshape(N * C, -1)), dy.reshape(N * C, -1))
    return dx.reshape(x_shape)
