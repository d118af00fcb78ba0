"""max_pool2d in Numba: the fast twin of ``pool_numpy.py`` (same functions, same results).

Shapes: x (N, C, H, W) -> y (N, C, Ho, Wo), ``Ho = 1 + (H - ph) // sh``, ``Wo = 1 + (W - pw) // sw``.
``pool`` is the (already clamped) window (ph, pw) and ``stride`` is (sh, sw); no padding::

    y[n, c, p, q] = max_{0 <= di < ph, 0 <= dj < pw} x[n, c, p*sh + di, q*sw + dj]

Tie rule (as in pool_numpy): the first maximum in row-major window order wins; a later value must
be strictly greater to replace it, and NaN never wins (a window of only NaN gives NaN, at its first
position). ``argmax`` holds the winner's flat index ``row * W + col`` in its (H, W) plane, int64.

Both kernels are serial. A ``prange`` over the N*C planes was measured 2-3x SLOWER than the serial
loop on the 2-core benchmark machine (and a prange pool next to the conv's threaded BLAS would fight
it for the cores, docs/performance.md), so no thread pool is used here. The kernels release the
GIL, so that the branches of a network can pool at the same time (lean_threads.py). Backward is
a scatter-add: overlapping windows (stride < pool) add up.
"""
import numpy as np
from numba import njit

from . import boundary


@njit(cache=True, nogil=True)
def _forward(x, ph, pw, sh, sw, y, argmax):
    """x (NC, H, W) -> y, argmax (NC, Ho, Wo).

    Per output row p, in the same order as pool_numpy: for each tap (di, dj) of the window, in
    row-major order, sweep the whole output row q = 0..Wo-1 and keep the candidate
    ``x[p*sh + di, q*sw + dj]`` where it wins (the first tap always "wins", which initialises
    the row). The sweep is branch-free (selects, not ``if``: on random data the comparison is a
    coin flip and mispredicted branches cost 2x) and reads the input row through a view that
    starts at 0; stride 2, the common case, is spelled out so that LLVM vectorises the strided
    loads."""
    NC, H, W = x.shape
    Ho, Wo = y.shape[1], y.shape[2]
    for plane in range(NC):
        for p in range(Ho):
            yrow = y[plane, p]
            arow = argmax[plane, p]
            r0 = p * sh
            for di in range(ph):
                xrow = x[plane, r0 + di]
                base = (r0 + di) * W
                for dj in range(pw):
                    xs = xrow[dj:]
                    first = di == 0 and dj == 0
                    if sw == 2:
                        for q in range(Wo):
                            v = xs[2 * q]
                            best = yrow[q]
                            # strictly greater, or the first non-NaN after a NaN start
                            take = first | (v > best) | ((best != best) & (v == v))
                            yrow[q] = v if take else best
                            arow[q] = base + 2 * q + dj if take else arow[q]
                    else:
                        for q in range(Wo):
                            v = xs[q * sw]
                            best = yrow[q]
                            take = first | (v > best) | ((best != best) & (v == v))
                            yrow[q] = v if take else best
                            arow[q] = base + q * sw + dj if take else arow[q]


@njit(cache=True, nogil=True)
def _forward_2x2_stride2(x, y, argmax):
    """The common 2x2 / stride 2 pool in one pass: each output reads its four inputs from two
    input rows and keeps the running winner in registers (same tie and NaN rule as _forward,
    taps in row-major order). Writing y and argmax once instead of once per tap makes it
    about 2.5x faster than the general sweep on the seed's 64 x 224 x 224 map.

    The winners of a row go to a small scratch row first and are copied out afterwards:
    storing straight into y and argmax made small planes (32 x 32, 16 x 16) 5x slower, because
    the stores and the next loads from x fell on addresses 4 KB apart, which the CPU's
    store-to-load check mistakes for a conflict (measured; "4K aliasing")."""
    NC, H, W = x.shape
    Ho, Wo = y.shape[1], y.shape[2]
    y_row = np.empty(Wo, x.dtype)
    a_row = np.empty(Wo, np.int64)
    for plane in range(NC):
        for p in range(Ho):
            top = x[plane, 2 * p]
            bottom = x[plane, 2 * p + 1]
            base = 2 * p * W
            for q in range(Wo):
                best = top[2 * q]
                pos = base + 2 * q
                v = top[2 * q + 1]
                take = (v > best) | ((best != best) & (v == v))
                best = v if take else best
                pos = base + 2 * q + 1 if take else pos
                v = bottom[2 * q]
                take = (v > best) | ((best != best) & (v == v))
                best = v if take else best
                pos = base + W + 2 * q if take else pos
                v = bottom[2 * q + 1]
                take = (v > best) | ((best != best) & (v == v))
                best = v if take else best
                pos = base + W + 2 * q + 1 if take else pos
                y_row[q] = best
                a_row[q] = pos
            y[plane, p, :] = y_row
            argmax[plane, p, :] = a_row


@njit(cache=True, nogil=True)
def _backward(dy, argmax, dx):
    """dx (NC, H*W) = 0, then dx[plane, argmax[plane, k]] += dy[plane, k] for every k.

    It touches each dy element once and is memory-bound (0.2 ms for 1 M inputs)."""
    NC, HW = dx.shape
    K = dy.shape[1]
    for plane in range(NC):
        for s in range(HW):
            dx[plane, s] = 0
        for k in range(K):
            dx[plane, argmax[plane, k]] += dy[plane, k]


def maxpool2d_forward(x, pool, stride):
    """Return (y, argmax) of shape (N, C, Ho, Wo); y in x's dtype, argmax int64."""
    x = np.ascontiguousarray(x)
    boundary.pool_forward(x, pool, stride)
    N, C, H, W = x.shape
    ph, pw = int(pool[0]), int(pool[1])
    sh, sw = int(stride[0]), int(stride[1])
    Ho, Wo = 1 + (H - ph) // sh, 1 + (W - pw) // sw
    y = np.empty((N, C, Ho, Wo), dtype=x.dtype)
    argmax = np.empty((N, C, Ho, Wo), dtype=np.int64)
    planes, y_planes, a_planes = (x.reshape(N * C, H, W), y.reshape(N * C, Ho, Wo),
                                  argmax.reshape(N * C, Ho, Wo))
    if (ph, pw, sh, sw) == (2, 2, 2, 2):
        _forward_2x2_stride2(planes, y_planes, a_planes)
    else:
        _forward(planes, ph, pw, sh, sw, y_planes, a_planes)
    return y, argmax


def maxpool2d_backward(dy, argmax, x_shape):
    """dL/dx of max_pool2d, shape ``x_shape``, in dy's dtype; overlapping windows add up."""
    dy = np.ascontiguousarray(dy)
    argmax = np.ascontiguousarray(argmax, dtype=np.int64)
    boundary.pool_backward(dy, argmax, x_shape)
    N, C, H, W = (int(s) for s in x_shape)
    dx = np.empty((N * C, H * W), dtype=dy.dtype)
    _backward(dy.reshape(N * C, -1), argmax.reshape(N * C, -1), dx)
    return dx.reshape(N, C, H, W)
