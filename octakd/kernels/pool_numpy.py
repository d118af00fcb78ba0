"""max_pool2d in plain NumPy: the readable version and the test oracle of the Numba kernels.

Shapes: x (N, C, H, W) -> y (N, C, H_out, W_out) with H_out = 1 + (H - ph) // sh.
``pool`` is the (already clamped) window (ph, pw), ``stride`` is (sh, sw). No padding.

Tie rule: the gradient of a window goes to a single winner, the FIRST maximum in row-major
order inside the window (a later equal value does not replace it). NaN never wins: a NaN in the
window's first position is replaced by the first non-NaN value; a window of only NaN gives NaN.
``argmax`` holds the winner's flat position ``row * W + col`` in its (H, W) plane.

Two versions: ``maxpool2d_forward``/``maxpool2d_backward`` loop over the ph*pw window taps and
work on whole arrays (the backend the layers call); ``maxpool2d_forward_naive``/
``maxpool2d_backward_naive`` loop over every window, one value at a time, for teaching. Both
follow the tie rule above.
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


# -- The naive version: one window at a time ------------------------------------------------------
# Loops over every sample, channel and output position, as one would write it by hand. It is
# slow (Python loops), gives the same numbers as the vectorised version above (tested on random
# shapes, with ties and NaN), and is what tutorial 01 and the course's backprop assignment teach.

def _window_winner(window):
    """(row, col) of the window's winner: the first maximum in row-major order; NaN never wins
    (a window of only NaN gives its first position)."""
    best, where = np.nan, (0, 0)
    for i in range(window.shape[0]):
        for j in range(window.shape[1]):
            v = window[i, j]
            if v > best or (np.isnan(best) and not np.isnan(v)):     # strict: ties keep the first
                best, where = v, (i, j)
    return where


def maxpool2d_forward_naive(x, pool, stride):
    """Loop version of :func:`maxpool2d_forward`; returns y (N, C, H_out, W_out) only.

        y[n, c, p, q] = max over 0 <= i < ph, 0 <= j < pw of x[n, c, p*sh + i, q*sw + j]
    """
    N, C, H, W = x.shape
    ph, pw = pool
    sh, sw = stride
    Ho, Wo = 1 + (H - ph) // sh, 1 + (W - pw) // sw
    y = np.empty((N, C, Ho, Wo), dtype=x.dtype)
    for n in range(N):
        for c in range(C):
            for p in range(Ho):
                for q in range(Wo):
                    window = x[n, c, p * sh:p * sh + ph, q * sw:q * sw + pw]
                    i, j = _window_winner(window)
                    y[n, c, p, q] = window[i, j]
    return y


def maxpool2d_backward_naive(dy, x, pool, stride):
    """Loop version of :func:`maxpool2d_backward`, from the input x instead of an argmax:

        dx[n, c, p*sh + i*, q*sw + j*] += dy[n, c, p, q]

    where (i*, j*) is the window's winner (the first maximum); every other input of the window
    gets nothing from it. Overlapping windows (stride < pool) add up."""
    N, C, H, W = x.shape
    ph, pw = pool
    sh, sw = stride
    Ho, Wo = dy.shape[2:]
    dx = np.zeros(x.shape, dtype=dy.dtype)
    for n in range(N):
        for c in range(C):
            for p in range(Ho):
                for q in range(Wo):
                    i, j = _window_winner(x[n, c, p * sh:p * sh + ph, q * sw:q * sw + pw])
                    dx[n, c, p * sh + i, q * sw + j] += dy[n, c, p, q]
    return dx
