"""conv2d in Numba: the fast twin of ``conv_numpy.py`` (same functions, same results).

Shapes: x (N, C, H, W), w (F, C, kh, kw), b (F,), y (N, F, Ho, Wo), with
``Ho = 1 + (H + top + bottom - kh) // sh`` (see ``geometry.py``). ``stride`` is (sh, sw) and
``pads`` is (top, bottom, left, right)::

    y[n, f, p, q] = b[f] + sum_{c, i, j} w[f, c, i, j] * xpad[n, c, p*sh + i, q*sw + j]

Two strategies, chosen per shape by the wrappers at the bottom of this file (PERF_NOTES.md):

1. **im2col + GEMM** (channel-heavy shapes, and every shape with a long output plane).
   ``cols[n]`` is a (K + 1, P) matrix, K = C*kh*kw, P = Ho*Wo: row ``(c*kh + i)*kw + j`` holds
   the input pixels that tap (c, i, j) meets, and the last row holds ones, so that the bias rides
   along in the matrix product (the "bias trick")::

       y[n]     = [w | b]        @ cols[n]          (F, K+1) @ (K+1, P)
       dcols[n] = w^T            @ dy[n]            (K, F)   @ (F, P)      then col2im -> dx
       [dw | db] = sum_n dy[n]   @ cols[n]^T        (F, P)   @ (P, K+1)

   The products run in threaded BLAS; the Numba kernels of this path (im2col, col2im) are
   serial, so that only one thread pool is busy at a time.
2. **direct loops** (few input channels and a short output plane, e.g. a batch of small images).
   ``prange`` over (n, f) or (n, c) planes; the innermost loop walks one contiguous row so that
   LLVM vectorises it. No BLAS call happens on this path.

Every kernel takes C-contiguous arrays of one float dtype; the wrappers make sure of that, so each
kernel is compiled at most twice (float32, float64) and the compiled code is cached on disk.
"""
import threading

import numpy as np
from numba import njit, prange

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
def _im2col(x, kh, kw, sh, sw, top, left, Ho, Wo, cols):
    """Fill cols (N, K+1, Ho*Wo) from x (N, C, H, W); K = C*kh*kw, the last row is ones.

    cols[n, (c*kh + i)*kw + j, p*Wo + q] = xpad[n, c, p*sh + i, q*sw + j]  (0 in the padding).
    """
    N, C, H, W = x.shape
    K = C * kh * kw
    for n in range(N):
        for c in range(C):
            for i in range(kh):
                for j in range(kw):
                    row = cols[n, (c * kh + i) * kw + j]
                    off = j - left
                    q0, q1 = _valid_cols(off, sw, W, Wo)
                    for p in range(Ho):
                        base = p * Wo
                        r = p * sh + i - top
                        if r < 0 or r >= H:
                            for q in range(Wo):
                                row[base + q] = 0
                            continue
                        xrow = x[n, c, r]
                        for q in range(q0):
                            row[base + q] = 0
                        if sw == 1:
                            for q in range(q0, q1):
                                row[base + q] = xrow[q + off]
                        else:
                            for q in range(q0, q1):
                                row[base + q] = xrow[q * sw + off]
                        for q in range(q1, Wo):
                            row[base + q] = 0
        cols[n, K, :] = 1


@njit(cache=True)
def _col2im(dcols, kh, kw, sh, sw, top, left, Ho, Wo, dx):
    """The adjoint of _im2col: dx[n, c, r, s] += dcols[n, (c*kh+i)*kw+j, p*Wo+q] for every
    (i, j, p, q) with r = p*sh + i - top, s = q*sw + j - left inside the image. dx is zeroed."""
    N, C, H, W = dx.shape
    dx[...] = 0
    for n in range(N):
        for c in range(C):
            for i in range(kh):
                for j in range(kw):
                    row = dcols[n, (c * kh + i) * kw + j]
                    off = j - left
                    q0, q1 = _valid_cols(off, sw, W, Wo)
                    for p in range(Ho):
                        r = p * sh + i - top
                        if r < 0 or r >= H:
                            continue
                        base = p * Wo
                        dxrow = dx[n, c, r]
                        if sw == 1:
                            for q in range(q0, q1):
                                dxrow[q + off] += row[base + q]
                        else:
                            for q in range(q0, q1):
                                dxrow[q * sw + off] += row[base + q]


def _cols(x, kh, kw, stride, pads, out_hw):
    """im2col into the module scratch: returns cols (N, K+1, P)."""
    N, C = x.shape[:2]
    Ho, Wo = out_hw
    cols = _buffer("cols", (N, C * kh * kw + 1, Ho * Wo), x.dtype)
    _im2col(x, kh, kw, stride[0], stride[1], pads[0], pads[2], Ho, Wo, cols)
    return cols


def _forward_gemm(x, w, b, stride, pads, out_hw):
    N = x.shape[0]
    F, C, kh, kw = w.shape
    Ho, Wo = out_hw
    cols = _cols(x, kh, kw, stride, pads, out_hw)
    wb = np.empty((F, C * kh * kw + 1), dtype=x.dtype)        # [w | b]
    wb[:, :-1] = w.reshape(F, -1)
    wb[:, -1] = b
    y = np.empty((N, F, Ho, Wo), dtype=x.dtype)
    np.matmul(wb, cols, out=y.reshape(N, F, Ho * Wo))        # one GEMM per sample
    return y


def _backward_input_gemm(dy, w, x_shape, stride, pads):
    N, F, Ho, Wo = dy.shape
    _, C, kh, kw = w.shape
    wt = np.ascontiguousarray(w.reshape(F, -1).T)             # (K, F)
    dcols = _buffer("dcols", (N, C * kh * kw, Ho * Wo), dy.dtype)
    np.matmul(wt, dy.reshape(N, F, Ho * Wo), out=dcols)
    dx = np.empty(x_shape, dtype=dy.dtype)
    _col2im(dcols, kh, kw, stride[0], stride[1], pads[0], pads[2], Ho, Wo, dx)
    return dx


def _backward_weight_gemm(dy, x, w_shape, stride, pads):
    N, F, Ho, Wo = dy.shape
    _, C, kh, kw = w_shape
    cols = _cols(x, kh, kw, stride, pads, (Ho, Wo))
    dy3 = dy.reshape(N, F, Ho * Wo)
    if N == 1:
        dwb = dy3[0] @ cols[0].T                               # (F, K+1)
    else:
        # One GEMM over the whole batch: (F, N*P) @ (N*P, K+1). The transposed copy of dy is
        # small next to the product for the shapes that take this path.
        dyt = np.ascontiguousarray(dy3.transpose(1, 0, 2)).reshape(F, -1)
        colt = _buffer("colst", (cols.shape[1], N, Ho * Wo), x.dtype)
        colt[...] = cols.transpose(1, 0, 2)
        dwb = dyt @ colt.reshape(cols.shape[1], -1).T
    dw = np.ascontiguousarray(dwb[:, :-1]).reshape(w_shape)
    db = np.ascontiguousarray(dwb[:, -1])
    return dw, db


# ---------------------------------------------------------------------------------------------
# Path 2: direct loops, parallel over planes
# ---------------------------------------------------------------------------------------------


@njit(cache=True, parallel=True)
def _forward_direct(x, w, b, sh, sw, top, left, y):
    """y[n, f] = b[f] + sum_{c, i, j} w[f, c, i, j] * (shifted rows of x[n, c]); prange over (n, f).

    For each output row p and tap (c, i, j) one contiguous row update
    ``y[n, f, p, q] += w[f, c, i, j] * x[n, c, p*sh + i - top, q*sw + j - left]`` (vectorised)."""
    N, C, H, W = x.shape
    F, _, kh, kw = w.shape
    Ho, Wo = y.shape[2], y.shape[3]
    for nf in prange(N * F):
        n = nf // F
        f = nf % F
        for p in range(Ho):
            yrow = y[n, f, p]
            for q in range(Wo):
                yrow[q] = b[f]
            for c in range(C):
                for i in range(kh):
                    r = p * sh + i - top
                    if r < 0 or r >= H:
                        continue
                    xrow = x[n, c, r]
                    for j in range(kw):
                        wv = w[f, c, i, j]
                        off = j - left
                        q0, q1 = _valid_cols(off, sw, W, Wo)
                        if sw == 1:
                            for q in range(q0, q1):
                                yrow[q] += wv * xrow[q + off]
                        else:
                            for q in range(q0, q1):
                                yrow[q] += wv * xrow[q * sw + off]


@njit(cache=True, parallel=True)
def _backward_input_direct(dy, w, sh, sw, top, left, dx):
    """dx[n, c, r, s] = sum_{f, i, j, p, q : p*sh+i-top = r, q*sw+j-left = s} w[f,c,i,j] dy[n,f,p,q].

    prange over input rows (n, c, r): each dx row gathers from the dy rows p whose tap i lands on
    it, ``i = r + top - p*sh``, so no two threads write the same row."""
    N, F, Ho, Wo = dy.shape
    _, C, kh, kw = w.shape
    H, W = dx.shape[2], dx.shape[3]
    for ncr in prange(N * C * H):
        n = ncr // (C * H)
        c = (ncr // H) % C
        r = ncr % H
        dxrow = dx[n, c, r]
        for s in range(W):
            dxrow[s] = 0
        # the rows p with 0 <= i = r + top - p*sh < kh
        p_lo = max((r + top - kh) // sh + 1, 0)
        p_hi = min((r + top) // sh + 1, Ho)
        for p in range(p_lo, p_hi):
            i = r + top - p * sh
            if i < 0 or i >= kh:
                continue
            for f in range(F):
                dyrow = dy[n, f, p]
                for j in range(kw):
                    wv = w[f, c, i, j]
                    off = j - left
                    q0, q1 = _valid_cols(off, sw, W, Wo)
                    if sw == 1:
                        for q in range(q0, q1):
                            dxrow[q + off] += wv * dyrow[q]
                    else:
                        for q in range(q0, q1):
                            dxrow[q * sw + off] += wv * dyrow[q]


@njit(cache=True, parallel=True, fastmath={"reassoc", "contract"})
def _backward_weight_direct(dy, x, sh, sw, top, left, dw, db):
    """dw[f, c, i, j] = sum_{n, p, q} dy[n, f, p, q] * xpad[n, c, p*sh + i, q*sw + j];
    db[f] = sum_{n, p, q} dy[n, f, p, q]. prange over f; each term is a dot product of a
    contiguous dy row with a (shifted) x row. ``reassoc`` lets LLVM vectorise the sums; they
    only change the summation order."""
    N, F, Ho, Wo = dy.shape
    C, H, W = x.shape[1], x.shape[2], x.shape[3]
    kh, kw = dw.shape[2], dw.shape[3]
    for f in prange(F):
        for c in range(C):
            for i in range(kh):
                for j in range(kw):
                    dw[f, c, i, j] = 0
        acc_b = 0.0
        for n in range(N):
            for p in range(Ho):
                dyrow = dy[n, f, p]
                s = 0.0
                for q in range(Wo):
                    s += dyrow[q]
                acc_b += s
                for c in range(C):
                    for i in range(kh):
                        r = p * sh + i - top
                        if r < 0 or r >= H:
                            continue
                        xrow = x[n, c, r]
                        for j in range(kw):
                            off = j - left
                            q0, q1 = _valid_cols(off, sw, W, Wo)
                            s = 0.0
                            if sw == 1:
                                for q in range(q0, q1):
                                    s += dyrow[q] * xrow[q + off]
                            else:
                                for q in range(q0, q1):
                                    s += dyrow[q] * xrow[q * sw + off]
                            dw[f, c, i, j] += s
        db[f] = acc_b


# ---------------------------------------------------------------------------------------------
# Strategy and the public functions (same signatures as conv_numpy)
# ---------------------------------------------------------------------------------------------


def _use_gemm(C, kh, kw, N, Ho, Wo):
    """im2col + GEMM unless the shape has few taps per output AND a short plane."""
    return True


def _out_hw(x_hw, w_hw, stride, pads):
    return ((x_hw[0] + pads[0] + pads[1] - w_hw[0]) // stride[0] + 1,
            (x_hw[1] + pads[2] + pads[3] - w_hw[1]) // stride[1] + 1)


def _args(stride, pads):
    sh, sw = (int(s) for s in stride)
    top, bottom, left, right = (int(p) for p in pads)
    return (sh, sw), (top, bottom, left, right)


def conv2d_forward(x, w, b, stride, pads):
    """y = conv(x, w) + b. Returns y of shape (N, F, Ho, Wo), in x's dtype."""
    x = np.ascontiguousarray(x)
    w = np.ascontiguousarray(w, dtype=x.dtype)
    b = np.ascontiguousarray(b, dtype=x.dtype)
    stride, pads = _args(stride, pads)
    F, C, kh, kw = w.shape
    Ho, Wo = _out_hw(x.shape[2:], (kh, kw), stride, pads)
    if _use_gemm(C, kh, kw, x.shape[0], Ho, Wo):
        return _forward_gemm(x, w, b, stride, pads, (Ho, Wo))
    y = np.empty((x.shape[0], F, Ho, Wo), dtype=x.dtype)
    _forward_direct(x, w, b, stride[0], stride[1], pads[0], pads[2], y)
    return y


def conv2d_backward_input(dy, w, x_shape, stride, pads):
    """dL/dx of conv2d, shape ``x_shape``, in dy's dtype."""
    dy = np.ascontiguousarray(dy)
    w = np.ascontiguousarray(w, dtype=dy.dtype)
    stride, pads = _args(stride, pads)
    x_shape = tuple(int(s) for s in x_shape)
    N, F, Ho, Wo = dy.shape
    _, C, kh, kw = w.shape
    if _use_gemm(C, kh, kw, N, Ho, Wo):
        return _backward_input_gemm(dy, w, x_shape, stride, pads)
    dx = np.empty(x_shape, dtype=dy.dtype)
    _backward_input_direct(dy, w, stride[0], stride[1], pads[0], pads[2], dx)
    return dx


def conv2d_backward_weight(dy, x, w_shape, stride, pads):
    """(dL/dw, dL/db) of conv2d, in dy's dtype."""
    dy = np.ascontiguousarray(dy)
    x = np.ascontiguousarray(x, dtype=dy.dtype)
    stride, pads = _args(stride, pads)
    w_shape = tuple(int(s) for s in w_shape)
    N, F, Ho, Wo = dy.shape
    _, C, kh, kw = w_shape
    if _use_gemm(C, kh, kw, N, Ho, Wo):
        return _backward_weight_gemm(dy, x, w_shape, stride, pads)
    dw = np.empty(w_shape, dtype=dy.dtype)
    db = np.empty(F, dtype=dy.dtype)
    _backward_weight_direct(dy, x, stride[0], stride[1], pads[0], pads[2], dw, db)
    return dw, db
