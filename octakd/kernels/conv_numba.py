"""conv2d in Numba: the fast twin of ``conv_numpy.py`` (same functions, same results).

Shapes: x (N, C, H, W), w (F, C, kh, kw), b (F,), y (N, F, Ho, Wo), with
``Ho = 1 + (H + top + bottom - kh) // sh`` (see ``geometry.py``). ``stride`` is (sh, sw) and
``pads`` is (top, bottom, left, right)::

    y[n, f, p, q] = b[f] + sum_{c, i, j} w[f, c, i, j] * xpad[n, c, p*sh + i, q*sw + j]

Strategy: **im2col + GEMM** for every shape (PERF_NOTES.md). ``cols`` is a (K + 1, N, P) matrix,
K = C*kh*kw, P = Ho*Wo: row ``(c*kh + i)*kw + j`` holds the input pixels that tap (c, i, j)
meets, and the last row holds ones, so that the bias rides along in the product (the "bias
trick")::

    y[n]      = [w | b]       @ cols[:, n]       (F, K+1) @ (K+1, P)
    dcols[n]  = w^T           @ dy[n]            (K, F)   @ (F, P)     then col2im -> dx
    [dw | db] = sum_n dy[n]   @ cols[:, n]^T     (F, P)   @ (P, K+1)

The products run in threaded BLAS (OpenBLAS reaches 100-150 GFLOP/s on 2 cores). The two Numba
kernels, im2col and col2im, are serial on purpose: a ``prange`` pool running between BLAS calls
fights the BLAS threads for the cores, so only one thread pool is ever busy. Their innermost loop
copies one contiguous row through views that start at index 0, which LLVM vectorises.
A direct-loop ``prange`` convolution (loops over taps, row updates innermost) was measured too and
was 4-15x slower than this path on all four benchmark shapes, including the 1-channel audio one,
so it is not kept. (PERF_NOTES reports about 22 GFLOP/s for the best direct version; the GEMMs
here run at 100+.)

Scratch (cols, dcols) lives in a per-thread module cache and is reused between calls (it only
grows: the largest shape seen sets its size); results are always fresh arrays.

Every kernel takes C-contiguous arrays of one float dtype; the wrappers make sure of that, so each
kernel is compiled at most twice (float32, float64) and the compiled code is cached on disk.
"""
import threading

import numpy as np
from numba import njit

# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------


@njit(cache=True, inline="always")
def _valid_cols(offset, sw, W, Wo):
    """The output columns q in [q0, q1) whose input column ``q*sw + offset`` lies in [0, W)."""
    q0 = 0
    if offset < 0:
        q0 = (-offset + sw - 1) // sw
    last = W - 1 - offset                      # largest allowed q*sw
    q1 = last // sw + 1 if last >= 0 else 0
    if q1 > Wo:
        q1 = Wo
    if q0 > Wo:                 # padding wider than the whole output row
        q0 = Wo
    if q1 < q0:
        q1 = q0
    return q0, q1


_scratch = threading.local()


def _buffer(name, shape, dtype):
    """A reusable scratch array of ``shape`` and ``dtype`` (one per name, dtype and thread).

    The backing memory only grows; a call gets a view of its first prod(shape) elements. Safe
    because scratch never leaves this module (no result is a view of it)."""
    store = _scratch.__dict__.setdefault("buffers", {})
    size = int(np.prod(shape))
    key = (name, np.dtype(dtype).str)
    buf = store.get(key)
    if buf is None or buf.size < size:
        buf = np.empty(max(size, 1), dtype=dtype)
        store[key] = buf
    return buf[:size].reshape(shape)


# ---------------------------------------------------------------------------------------------
# Path 1: im2col + GEMM
# ---------------------------------------------------------------------------------------------


@njit(cache=True)
def _im2col(x, kh, kw, sh, sw, top, left, cols):
    """Fill cols (K+1, N, Ho, Wo) from x (N, C, H, W); K = C*kh*kw, the last row is ones.

    cols[(c*kh + i)*kw + j, n, p, q] = xpad[n, c, p*sh + i, q*sw + j]  (0 in the padding).
    Each (tap, n, p) is one output row; its valid columns [q0, q1) are a row copy.
    """
    N, C, H, W = x.shape
    K, Ho, Wo = C * kh * kw, cols.shape[2], cols.shape[3]
    for n in range(N):
        for c in range(C):
            for i in range(kh):
                for j in range(kw):
                    off = j - left
                    q0, q1 = _valid_cols(off, sw, W, Wo)
                    for p in range(Ho):
                        dst = cols[(c * kh + i) * kw + j, n, p]
                        r = p * sh + i - top
                        if r < 0 or r >= H:
                            for t in range(Wo):
                                dst[t] = 0
                            continue
                        src = x[n, c, r]
                        for t in range(q0):
                            dst[t] = 0
                        for t in range(q1, Wo):
                            dst[t] = 0
                        if sw == 1:
                            # views that start at 0, so the copy loop vectorises
                            d, s = dst[q0:q1], src[q0 + off:q1 + off]
                            for t in range(d.size):
                                d[t] = s[t]
                        else:
                            for q in range(q0, q1):
                                dst[q] = src[q * sw + off]
    cols[K] = 1


@njit(cache=True)
def _col2im(dcols, kh, kw, sh, sw, top, left, dx):
    """The adjoint of _im2col, for dcols (N, K, Ho, Wo): zero dx, then
    dx[n, c, p*sh + i - top, q*sw + j - left] += dcols[n, (c*kh + i)*kw + j, p, q]
    for every tap and output pixel that lands inside the image."""
    N, C, H, W = dx.shape
    Ho, Wo = dcols.shape[2], dcols.shape[3]
    dx[...] = 0
    for n in range(N):
        for c in range(C):
            for i in range(kh):
                for j in range(kw):
                    off = j - left
                    q0, q1 = _valid_cols(off, sw, W, Wo)
                    for p in range(Ho):
                        r = p * sh + i - top
                        if r < 0 or r >= H:
                            continue
                        src = dcols[n, (c * kh + i) * kw + j, p]
                        dst = dx[n, c, r]
                        if sw == 1:
                            d, s = dst[q0 + off:q1 + off], src[q0:q1]
                            for t in range(d.size):
                                d[t] += s[t]
                        else:
                            for q in range(q0, q1):
                                dst[q * sw + off] += src[q]


def _cols(x, kh, kw, stride, pads, out_hw):
    """im2col into the module scratch: returns cols (K+1, N, P)."""
    N, C = x.shape[:2]
    Ho, Wo = out_hw
    cols = _buffer("cols", (C * kh * kw + 1, N, Ho, Wo), x.dtype)
    _im2col(x, kh, kw, stride[0], stride[1], pads[0], pads[2], cols)
    return cols.reshape(C * kh * kw + 1, N, Ho * Wo)


def _per_sample(N, P):
    """One GEMM per sample when the plane is long (no transposed copy of a big output),
    else one GEMM over the whole batch (bigger, so BLAS runs closer to its peak)."""
    return N == 1 or P >= PER_SAMPLE_MIN_PLANE


PER_SAMPLE_MIN_PLANE = 4096


def conv2d_forward(x, w, b, stride, pads):
    """y = conv(x, w) + b. Returns y of shape (N, F, Ho, Wo), in x's dtype.

    y[n] = [w | b] @ cols[:, n]: (F, K+1) @ (K+1, P), K = C*kh*kw, P = Ho*Wo."""
    x, stride, pads = np.ascontiguousarray(x), _pair(stride), _pads(pads)
    F, C, kh, kw = w.shape
    N = x.shape[0]
    Ho, Wo = _out_hw(x.shape[2:], (kh, kw), stride, pads)
    P = Ho * Wo
    cols = _cols(x, kh, kw, stride, pads, (Ho, Wo))
    wb = np.empty((F, C * kh * kw + 1), dtype=x.dtype)        # [w | b]
    wb[:, :-1] = w.reshape(F, -1)
    wb[:, -1] = b
    y = np.empty((N, F, Ho, Wo), dtype=x.dtype)
    y3 = y.reshape(N, F, P)
    if _per_sample(N, P):
        for n in range(N):
            np.matmul(wb, cols[:, n], out=y3[n])
    else:
        out = _buffer("out", (F, N, P), x.dtype)
        np.matmul(wb, cols.reshape(-1, N * P), out=out.reshape(F, N * P))
        y3[...] = out.transpose(1, 0, 2)
    return y


def conv2d_backward_input(dy, w, x_shape, stride, pads):
    """dL/dx of conv2d, shape ``x_shape``, in dy's dtype.

    dcols[n] = w^T @ dy[n]: (K, F) @ (F, P), then col2im adds every column back onto the input
    pixel it came from."""
    dy, stride, pads = np.ascontiguousarray(dy), _pair(stride), _pads(pads)
    N, F, Ho, Wo = dy.shape
    _, C, kh, kw = w.shape
    wt = np.ascontiguousarray(w.reshape(F, -1).T, dtype=dy.dtype)      # (K, F)
    dcols = _buffer("dcols", (N, C * kh * kw, Ho, Wo), dy.dtype)
    np.matmul(wt, dy.reshape(N, F, Ho * Wo), out=dcols.reshape(N, -1, Ho * Wo))  # per sample
    dx = np.empty(tuple(int(s) for s in x_shape), dtype=dy.dtype)
    _col2im(dcols, kh, kw, stride[0], stride[1], pads[0], pads[2], dx)
    return dx


def conv2d_backward_weight(dy, x, w_shape, stride, pads):
    """(dL/dw, dL/db) of conv2d, in dy's dtype.

    [dw | db] = sum_n dy[n] @ cols[:, n]^T: (F, P) @ (P, K+1); the ones row of cols turns the
    last column into db[f] = sum_{n, p, q} dy[n, f, p, q]."""
    dy, stride, pads = np.ascontiguousarray(dy), _pair(stride), _pads(pads)
    x = np.ascontiguousarray(x, dtype=dy.dtype)
    N, F, Ho, Wo = dy.shape
    _, C, kh, kw = w_shape
    P = Ho * Wo
    cols = _cols(x, kh, kw, stride, pads, (Ho, Wo))
    dy3 = dy.reshape(N, F, P)
    if _per_sample(N, P):
        dwb = dy3[0] @ cols[:, 0].T
        for n in range(1, N):
            dwb += dy3[n] @ cols[:, n].T
    else:
        dyt = _buffer("dyt", (F, N, P), dy.dtype)
        dyt[...] = dy3.transpose(1, 0, 2)
        dwb = dyt.reshape(F, N * P) @ cols.reshape(-1, N * P).T
    dw = np.ascontiguousarray(dwb[:, :-1]).reshape(tuple(int(s) for s in w_shape))
    db = np.ascontiguousarray(dwb[:, -1])
    return dw, db


def _out_hw(x_hw, w_hw, stride, pads):
    return ((x_hw[0] + pads[0] + pads[1] - w_hw[0]) // stride[0] + 1,
            (x_hw[1] + pads[2] + pads[3] - w_hw[1]) // stride[1] + 1)


def _pair(stride):
    return (int(stride[0]), int(stride[1]))


def _pads(pads):
    return tuple(int(p) for p in pads)
