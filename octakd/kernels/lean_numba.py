"""The fused kernels of the lean per-batch path in Numba: the fast twin of ``lean_numpy.py``.

Same functions and results as the reference; what differs is how the work is arranged:

- every buffer (the padded input, the im2col matrix, the GEMM output, the layer's output, the
  gradient scratch) lives in the caller's ``scratch`` dict and is reused while the shapes stay
  the same: a training run allocates them once per batch shape, not once per batch. Results
  (y, argmax, dx) may therefore be scratch arrays, valid until the next call with the same
  scratch; the lean plan (octakd/lean.py) only uses them within one forward/backward step.
- conv forward = im2col (pad + conv_numba's row copies for stride 1; ``_im2col_gather``, by a
  tap table and without a padded copy, for strides > 1) + one GEMM ``[w | b] @ cols`` into an
  (F, N*P) buffer (in column blocks when there are few filters: ``gemm_column_block``) + one
  pass that moves it to (N, F, P) and applies the ReLU on the way (``_fnp_to_nfp``): bias and
  ReLU cost no pass of their own. Each geometry is checked and set up once (``_ConvSetup``).
- inference only: conv + ReLU + max-pool, the pool taken in that same last pass
  (``conv2d_relu_pool_forward``, ``_relu_pool``): no full-size output, no argmax.
- conv backward = one pass that applies the ReLU mask while moving dy to (F, N, P)
  (``_nfp_to_fnp``), then dW = dy @ cols^T and dcols = w^T @ dy as two GEMMs over the whole
  batch, and col2im straight from the (K, N, P) layout. The im2col matrix is the forward's
  (kept in ``scratch`` for the very x it was built from); dx is skipped when not needed (a
  first layer's input gradient is never used in training).
- the pool backward after a ReLU masks and scatters in one pass.

The kernels have no thread pool of their own; a big conv pass is split between threads by
images (threads.split_images, as in conv_numba.py), each slice doing its im2col, GEMM and
ReLU/pool pass (forward) or mask, dW, dx GEMM and col2im (backward) for its own images. They
release the GIL so that slices, or whole branches of a network (lean_threads.py), run at once.
"""
import numpy as np
from numba import njit

from . import boundary
from . import threads
from .conv_numba import _im2col, _im2col_image, _pad_into, weight_grad
from .pool_numba import _forward, _forward_2x2_stride2


def _buf(scratch, name, shape, dtype):
    """scratch[name], reallocated only when shape or dtype change."""
    a = scratch.get(name)
    if a is None or a.shape != shape or a.dtype != dtype:
        a = np.empty(shape, dtype)
        scratch[name] = a
    return a


@njit(cache=True, nogil=True)
def _fnp_to_nfp(src, dst, relu, zero, n0, n1):
    """dst[n, f, p] = src[f, n, p], or (src if src > 0 else 0) with ``relu`` (NaN -> 0, as
    layers.ReLU), for the images n0 <= n < n1. ``zero`` is 0 in the arrays' dtype."""
    F, N, P = src.shape
    for n in range(n0, n1):
        for f in range(F):
            s = src[f, n]
            d = dst[n, f]
            if relu:
                for p in range(P):
                    v = s[p]
                    d[p] = v if v > 0 else zero
            else:
                for p in range(P):
                    d[p] = s[p]


@njit(cache=True, nogil=True)
def _nfp_to_fnp(src, y, mask, dst, zero, n0, n1):
    """dst[f, n, p] = src[n, f, p], or 0 where y[n, f, p] <= 0 with ``mask``, for the images
    n0 <= n < n1."""
    N, F, P = src.shape
    for f in range(F):
        for n in range(n0, n1):
            s = src[n, f]
            d = dst[f, n]
            if mask:
                m = y[n, f]
                for p in range(P):
                    d[p] = s[p] if m[p] > 0 else zero
            else:
                for p in range(P):
                    d[p] = s[p]


@njit(cache=True, nogil=True)
def _col2im_kn(dcols, n0, kh, kw, sh, sw, top, left, dxpad, dx):
    """The adjoint of pad + im2col for dcols in (K, N, Ho, Wo) layout, K = C*kh*kw, for the
    images n0 <= n < n0 + len(dx): dxpad[m, c, p*sh + i, q*sw + j] += dcols[(c*kh + i)*kw + j,
    n0 + m, p, q], then dx = the interior. dxpad and dx hold only those images."""
    M, C, H, W = dx.shape
    N = dcols.shape[1]
    Hp, Wp = dxpad.shape[2], dxpad.shape[3]
    Ho, Wo = dcols.shape[2], dcols.shape[3]
    sf = dcols.reshape(-1)
    pf = dxpad.reshape(-1)
    xf = dx.reshape(-1)
    pf[:] = 0
    for c in range(C):
        for i in range(kh):
            for j in range(kw):
                k = (c * kh + i) * kw + j
                for m in range(M):
                    n = n0 + m
                    d0 = ((m * C + c) * Hp + i) * Wp + j
                    s = (k * N + n) * Ho * Wo
                    for p in range(Ho):
                        d = d0 + p * sh * Wp
                        src = sf[s:s + Wo]
                        if sw == 1:
                            dst = pf[d:d + Wo]
                            for q in range(Wo):
                                dst[q] += src[q]
                        else:
                            # every sw-th element, as a view (q >= 0: no negative-index test); named
                            # apart from dst so that dst keeps its contiguous array type
                            every = pf[d:d + (Wo - 1) * sw + 1:sw]
                            for q in range(Wo):
                                every[q] += src[q]
                        s += Wo
    for nc in range(M * C):
        for r in range(H):
            d = (nc * H + r) * W
            s = (nc * Hp + top + r) * Wp + left
            dst, src = xf[d:d + W], pf[s:s + W]
            for t in range(W):
                dst[t] = src[t]


@njit(cache=True, nogil=True)
def _pool_backward_masked(dy, argmax, y, relu, dx):
    """dx (NC, H*W) = 0, then dx[plane, argmax[plane, k]] += dy[plane, k] where y > 0 (or
    everywhere without ``relu``)."""
    NC, HW = dx.shape
    K = dy.shape[1]
    for plane in range(NC):
        for s in range(HW):
            dx[plane, s] = 0
        for k in range(K):
            if (not relu) or y[plane, k] > 0:
                dx[plane, argmax[plane, k]] += dy[plane, k]


@njit(cache=True, nogil=True)
def _pool_forward_one_row(x, pw, sh, sw, y, argmax):
    """Pools whose window is one row high (the audio branch's 1 x k windows): per output, the
    window's pw values are read once and the running winner stays in registers, instead of one
    sweep of the output row per tap (pool_numba._forward). Same tie and NaN rule: a later value
    must be strictly greater, and a number replaces a NaN. Branch-free (measured 1 thread, CPU
    time, 1x2 and 1x4 windows on 1,600-4,096 rows: 2x faster than the version with an if)."""
    NC, H, W = x.shape
    Ho, Wo = y.shape[1], y.shape[2]
    for plane in range(NC):
        for p in range(Ho):
            row = x[plane, p * sh]
            base = p * sh * W
            yrow = y[plane, p]
            arow = argmax[plane, p]
            for q in range(Wo):
                s = q * sw
                best = row[s]
                pos = s
                for dj in range(1, pw):
                    v = row[s + dj]
                    take = (v > best) | ((best != best) & (v == v))
                    best = v if take else best           # selects, not branches: on random data
                    pos = s + dj if take else pos        # a branch mispredicts half the time
                yrow[q] = best
                arow[q] = base + pos


def tap_table(H, W, kh, kw, stride, pads):
    """Where each tap of a conv reads, for the gathering im2col (``_im2col_gather``):
    tab[i*kw + j, p*Wo + q] = (p*sh + i - top) * W + (q*sw + j - left), the flat index in one
    (H, W) input plane of the pixel that tap (i, j) meets at output pixel (p, q), or -1 where
    that pixel lies in the zero padding. Built once per geometry (a few kB for the demo's maps)."""
    sh, sw = stride
    top, bottom, left, right = pads
    Ho = (H + top + bottom - kh) // sh + 1
    Wo = (W + left + right - kw) // sw + 1
    rows, cols = np.arange(Ho) * sh - top, np.arange(Wo) * sw - left
    tab = np.empty((kh * kw, Ho * Wo), np.int64)
    for i in range(kh):
        for j in range(kw):
            r, c = (rows + i)[:, None], (cols + j)[None, :]
            inside = (r >= 0) & (r < H) & (c >= 0) & (c < W)
            tab[i * kw + j] = np.where(inside, r * W + c, -1).ravel()
    return tab


@njit(cache=True, nogil=True)
def _im2col_gather(x, tab, zero, cols, n0, n1):
    """im2col by table, straight from the unpadded x (N, C, H*W) into cols (K+1, N, P):
    cols[c*T + t, n, u] = x[n, c, tab[t, u]], or ``zero`` where tab[t, u] is -1 (padding);
    the last row is ones (the bias trick). T = kh*kw taps, P = Ho*Wo.

    For strided convs on small maps (the student's stride-2 and stride-4 convs): each output
    row there is only a few elements long, and the padded-plane im2col (``_pad_into`` +
    ``_im2col``) spent most of its time on per-row bookkeeping; this loop has none, and skips
    the padded copy. Measured 1 thread, batch 256: the student's 8x8 -> 4x4 conv 590 -> 100 µs,
    16x16 -> 8x8 170 -> 50 µs, its stride-4 audio conv 80 -> 50 µs. For stride 1 the row
    copies of ``_im2col`` vectorise and stay faster (teacher convs: 1.1-3.5x), so
    ``conv2d_relu_forward`` uses this only when a stride is > 1."""
    N, C, HW = x.shape
    T, P = tab.shape
    for c in range(C):
        for t in range(T):
            where = tab[t]
            for n in range(n0, n1):
                src = x[n, c]
                dst = cols[c * T + t, n]
                for u in range(P):
                    o = where[u]
                    dst[u] = src[o] if o >= 0 else zero
    for n in range(n0, n1):
        cols[C * T, n] = 1


@njit(cache=True, nogil=True)
def _pad_im2col(x, top, left, kh, kw, sh, sw, xpad, cols, n0, n1):
    """conv_numba's _pad_into then _im2col, in one call (one dispatch fewer per conv), for the
    images n0 <= n < n1 (all of them: _im2col's strictly ordered writes; a slice: image by
    image, _im2col_image)."""
    if n0 == 0 and n1 == x.shape[0]:
        _pad_into(x, top, left, xpad)
        _im2col(xpad, kh, kw, sh, sw, cols)
    else:
        _pad_into(x[n0:n1], top, left, xpad[n0:n1])
        for n in range(n0, n1):
            _im2col_image(xpad, n, kh, kw, sh, sw, cols)


@njit(cache=True, nogil=True)
def _weights_with_bias(w, b, wb):
    """wb (F, K+1) = [w.reshape(F, K) | b]: the GEMM's left operand (bias trick)."""
    F = wb.shape[0]
    K = wb.shape[1] - 1
    wf = w.reshape(F, K)
    for f in range(F):
        row = wb[f]
        src = wf[f]
        for k in range(K):
            row[k] = src[k]
        row[K] = b[f]


def im2col(x, kh, kw, stride, pads, scratch=None):
    """The im2col matrix (K+1, N, Ho, Wo) of x (N, C, H, W), last row ones, as the lean conv
    builds it (gathering by table when a stride is > 1, else through the padded plane); a
    scratch array. lean_numpy.im2col is its reference."""
    scratch = {} if scratch is None else scratch
    x = np.ascontiguousarray(x)
    N, C, H, W = x.shape
    Ho = (H + pads[0] + pads[1] - kh) // stride[0] + 1
    Wo = (W + pads[2] + pads[3] - kw) // stride[1] + 1
    cols = _buf(scratch, "cols", (C * kh * kw + 1, N, Ho, Wo), x.dtype)
    if max(stride) > 1:
        tab = tap_table(H, W, kh, kw, stride, pads)
        _im2col_gather(x.reshape(N, C, H * W), tab, x.dtype.type(0),
                       cols.reshape(C * kh * kw + 1, N, Ho * Wo), 0, N)
    else:
        xpad = _buf(scratch, "xpad", (N, C, H + pads[0] + pads[1], W + pads[2] + pads[3]), x.dtype)
        _pad_im2col(x, pads[0], pads[2], kh, kw, stride[0], stride[1], xpad, cols, 0, N)
    return cols


def gemm_column_block(rows, inner, columns, itemsize):
    """How many columns of the forward GEMM [w | b] (rows x inner) @ cols (inner x columns)
    to multiply per BLAS call (``matmul_by_columns``); ``columns`` means one call.

    With few filters (rows <= GEMM_BLOCK_MAX_ROWS) OpenBLAS ran the whole-batch product well
    below its speed, and in blocks of columns whose slice of cols holds about
    GEMM_BLOCK_BYTES it ran 1.3-2.7x faster (1 thread, CPU time, batch 256: the student's
    8 x 41 x 16384 product 345 -> 125 µs, 8 x 73 x 4096 163 -> 60 µs, the teacher's 16 x 10 x
    65536 920 -> 360 µs); with 32 or 64 filters blocks made no difference or were slower.

    The blocks are all of one width, a power of two >= 256 that divides ``columns``: then every
    output element is the very same sum as in one call (checked in tests/test_kernels.py).
    Blocks with a ragged end are not used: OpenBLAS computed the last few columns of a
    product whose width is not a multiple of 8 or 16 in another order than inside a wider
    one (differences in the last bit), and the lean and the teaching path must agree exactly."""
    if rows > GEMM_BLOCK_MAX_ROWS:
        return columns
    width = 1 << max(8, (GEMM_BLOCK_BYTES // (inner * itemsize)).bit_length() - 1)
    while width >= 256:
        if columns % width == 0 and columns > width:
            return width
        width //= 2
    return columns


GEMM_BLOCK_MAX_ROWS = 16
GEMM_BLOCK_BYTES = 256 << 10


def matmul_by_columns(a, b, out, width):
    """out = a @ b (2-D; b and out may be column slices of wider arrays), ``width`` columns of
    b and out per np.matmul call."""
    n = b.shape[1]
    if width >= n:
        np.matmul(a, b, out=out)
        return out
    for s in range(0, n, width):
        np.matmul(a, b[:, s:s + width], out=out[:, s:s + width])
    return out


def _geometry(x_shape, w_shape, stride, pads):
    N, C, H, W = x_shape
    F, _, kh, kw = w_shape
    Ho = (H + pads[0] + pads[1] - kh) // stride[0] + 1
    Wo = (W + pads[2] + pads[3] - kw) // stride[1] + 1
    return N, C, H, W, F, kh, kw, Ho, Wo


def conv2d_relu_forward(x, w, b, stride, pads, relu=True, scratch=None):
    """y = relu(conv(x, w) + b) (or without the ReLU), shape (N, F, Ho, Wo); see the module
    docstring for the buffers. Leaves the im2col matrix in scratch for the backward.

    The first call for a geometry checks the arguments and sets up its buffers (``_ConvSetup``);
    later calls with the same shapes, dtype, stride and pads do only the work: one im2col call,
    [w | b] refilled (the weights may have changed since), the GEMM, one pass for layout + ReLU.
    """
    scratch = {} if scratch is None else scratch

    def finish(g, lo, hi):
        _fnp_to_nfp(g.out3, g.y3, relu, g.zero, lo, hi)

    return _conv_gemm(x, w, b, stride, pads, scratch, finish).y


def conv2d_relu_pool_forward(x, w, b, stride, pads, pool, pool_stride, scratch=None):
    """maxpool(relu(conv(x, w) + b)), shape (N, F, Hq, Wq), for inference: the ReLU and the
    pool run in one pass over the GEMM output (``_relu_pool``), so the conv's full-size output
    is never written and no argmax is kept. ``pool`` is the window (already fitted to the conv
    output, as MaxPool2D._geometry gives it), ``pool_stride`` its stride; no padding.
    The values are the very ones of conv2d_relu_forward followed by maxpool2d_forward."""
    scratch = {} if scratch is None else scratch
    x = np.ascontiguousarray(x)
    g = _setup(x, w, b, stride, pads, scratch)
    N, F, Ho, Wo = g.y.shape
    key = (g.y.shape, pool, pool_stride)
    if scratch.get("pool_checked") != key:
        boundary.pool_forward(g.y, pool, pool_stride)
        Hq, Wq = 1 + (Ho - pool[0]) // pool_stride[0], 1 + (Wo - pool[1]) // pool_stride[1]
        scratch["pooled"] = np.empty((N, F, Hq, Wq), g.y.dtype)
        scratch["pool_checked"] = key
    pooled = scratch["pooled"]
    kernel = _relu_pool_each if pooled.shape[3] < RELU_POOL_MIN_SWEEP else _relu_pool
    out4 = g.out3.reshape(F, N, Ho, Wo)

    def finish(g, lo, hi):
        kernel(out4, pool[0], pool[1], pool_stride[0], pool_stride[1], g.zero, pooled, lo, hi)

    _conv_gemm(x, w, b, stride, pads, scratch, finish)
    return pooled


# _relu_pool (row sweeps) measured faster for output rows of 8 or more (teacher's 16x16 maps
# 2x2 pool: 720 against 1420 µs at batch 256), _relu_pool_each for shorter ones (8x8 maps:
# 790 against 1150 µs)
RELU_POOL_MIN_SWEEP = 8


@njit(cache=True, nogil=True)
def _relu_pool(src, ph, pw, sh, sw, zero, dst, n0, n1):
    """dst[n, f, p, q] = max(0, max over the window of src[f, n, p*sh + di, q*sw + dj]), the
    max-pool of relu(src) moved to (N, F, Hq, Wq). src is the conv GEMM's (F, N, Ho, Wo).

    Why this is the pool of the ReLU output bit for bit: relu gives 0 for z <= 0 and for NaN
    (layers.ReLU), so its outputs are never NaN and the pool's NaN rule never applies; the
    pool then returns the largest of the window's relu values, which is the largest z if that
    is > 0, else 0; and a running maximum that starts at 0 and takes only values v > best
    (a NaN compares false) gives exactly that.

    Row sweeps as pool_numba._forward: for each tap, the whole output row is updated, into a
    small scratch row (not straight into dst: see _forward_2x2_stride2 on 4K aliasing);
    strides 2 and 4 are spelled out so that LLVM vectorises the strided loads. Only the images
    n0 <= n < n1 (their slice of a split, threads.split_images)."""
    F, N, Ho, Wo = src.shape
    Hq, Wq = dst.shape[2], dst.shape[3]
    acc = np.empty(Wq, dst.dtype)
    for n in range(n0, n1):
        for f in range(F):
            s = src[f, n]
            d = dst[n, f]
            for p in range(Hq):
                for q in range(Wq):
                    acc[q] = zero
                for di in range(ph):
                    srow = s[p * sh + di]
                    for dj in range(pw):
                        xs = srow[dj:]
                        if sw == 2:
                            for q in range(Wq):
                                v = xs[2 * q]
                                best = acc[q]
                                acc[q] = v if v > best else best
                        elif sw == 4:
                            for q in range(Wq):
                                v = xs[4 * q]
                                best = acc[q]
                                acc[q] = v if v > best else best
                        else:
                            for q in range(Wq):
                                v = xs[q * sw]
                                best = acc[q]
                                acc[q] = v if v > best else best
                drow = d[p]
                for q in range(Wq):
                    drow[q] = acc[q]


@njit(cache=True, nogil=True)
def _relu_pool_each(src, ph, pw, sh, sw, zero, dst, n0, n1):
    """_relu_pool output by output: the window is read into a register (better when the
    output rows are short, as on 8x8 maps); images n0 <= n < n1."""
    F, N, Ho, Wo = src.shape
    Hq, Wq = dst.shape[2], dst.shape[3]
    for n in range(n0, n1):
        for f in range(F):
            s = src[f, n]
            d = dst[n, f]
            for p in range(Hq):
                drow = d[p]
                for q in range(Wq):
                    best = zero
                    for di in range(ph):
                        srow = s[p * sh + di]
                        for dj in range(pw):
                            v = srow[q * sw + dj]
                            best = v if v > best else best
                    drow[q] = best


def _setup(x, w, b, stride, pads, scratch):
    """The _ConvSetup of this geometry (checked and allocated on its first call)."""
    key = (x.shape, w.shape, x.dtype, stride, pads)
    g = scratch.get("setup")
    if g is None or g.key != key:
        g = _ConvSetup(x, w, b, stride, pads, scratch, key)
        scratch["setup"] = g
    return g


def _conv_gemm(x, w, b, stride, pads, scratch, finish):
    """im2col, the GEMM of the lean conv forward into the (F, N*P) output, and
    ``finish(g, lo, hi)`` (the pass that moves images lo..hi of it into place); returns the
    geometry's _ConvSetup. With more than one BLAS thread the images are split between threads
    (threads.split_images), each doing all three steps for its own images; each slice's GEMM
    covers its own columns, in the same column blocks as one call over all of them would."""
    x = np.ascontiguousarray(x)
    g = _setup(x, w, b, stride, pads, scratch)
    scratch["cols"], scratch["cols_of"] = g.cols, x         # for the backward
    _weights_with_bias(np.ascontiguousarray(w), b, g.wb)
    kh, kw = w.shape[2], w.shape[3]
    x3 = x.reshape(g.x3_shape)
    P = g.cols.shape[2] * g.cols.shape[3]

    def images(lo, hi):
        if g.tab is not None:
            _im2col_gather(x3, g.tab, g.zero, g.cols3, lo, hi)
        else:
            _pad_im2col(x, pads[0], pads[2], kh, kw, stride[0], stride[1], g.xpad, g.cols, lo, hi)
        columns = slice(lo * P, hi * P)
        width = g.width if hi - lo == x.shape[0] else \
            gemm_column_block(g.wb.shape[0], g.wb.shape[1], (hi - lo) * P, x.dtype.itemsize)
        matmul_by_columns(g.wb, g.cols2[:, columns], g.out[:, columns], width)
        finish(g, lo, hi)

    threads.split_images(images, x.shape[0],
                         threads.split_cost(x.shape[0], g.wb.shape[1] - 1, g.wb.shape[0], P))
    return g


class _ConvSetup:
    """One conv geometry, checked once, and its buffers: the tap table (or None) and x's shape
    as (N, C, H*W) for the gathering im2col, else the padded plane ``xpad``; ``cols`` (K+1, N,
    Ho, Wo) also as (K+1, N, P) and (K+1, N*P); ``wb`` (F, K+1); the GEMM output ``out``
    (F, N*P) also as (F, N, P); ``y`` (N, F, Ho, Wo) also as (N, F, P); zero in the dtype; the
    GEMM's column block. The gathering im2col (no padded copy) is used when a stride is > 1."""

    __slots__ = ("key", "tab", "x3_shape", "xpad", "cols", "cols3", "cols2", "wb", "out", "out3",
                 "y", "y3", "zero", "width")

    def __init__(self, x, w, b, stride, pads, scratch, key):
        boundary.conv_out_hw("conv2d_forward", x.shape, w.shape, stride, pads)
        boundary.conv_forward(x, w, b)
        N, C, H, W, F, kh, kw, Ho, Wo = _geometry(x.shape, w.shape, stride, pads)
        K, P, dt = C * kh * kw, Ho * Wo, x.dtype
        self.key = key
        self.x3_shape = (N, C, H * W)
        if max(stride) > 1:
            self.tab, self.xpad = tap_table(H, W, kh, kw, stride, pads), None
        else:
            self.tab = None
            self.xpad = _buf(scratch, "xpad", (N, C, H + pads[0] + pads[1], W + pads[2] + pads[3]), dt)
        self.cols = _buf(scratch, "cols", (K + 1, N, Ho, Wo), dt)
        self.cols3, self.cols2 = self.cols.reshape(K + 1, N, P), self.cols.reshape(K + 1, N * P)
        self.wb = _buf(scratch, "wb", (F, K + 1), dt)
        self.out = _buf(scratch, "out", (F, N * P), dt)
        self.out3 = self.out.reshape(F, N, P)
        self.y = _buf(scratch, "y", (N, F, Ho, Wo), dt)
        self.y3 = self.y.reshape(N, F, P)
        self.zero = dt.type(0)
        self.width = gemm_column_block(F, K + 1, N * P, dt.itemsize)


def conv2d_relu_backward(dy, y, x, w, stride, pads, need_dx=True, scratch=None):
    """(dx or None, dw, db); dy is dL/d(output), ``y`` the forward's ReLU output (None: no
    ReLU mask). dw and db are fresh arrays; dx is a scratch array."""
    scratch = {} if scratch is None else scratch
    x = np.ascontiguousarray(x)
    dy = np.ascontiguousarray(dy)
    boundary.conv_grad("conv2d_backward_weight", dy, x.shape, w.shape, stride, pads)
    N, C, H, W, F, kh, kw, Ho, Wo = _geometry(x.shape, w.shape, stride, pads)
    K, P, dt = C * kh * kw, Ho * Wo, dy.dtype
    cols = scratch.get("cols")
    if scratch.get("cols_of") is not x or cols is None or cols.shape != (K + 1, N, Ho, Wo):
        xpad = _buf(scratch, "xpad", (N, C, H + pads[0] + pads[1], W + pads[2] + pads[3]), dt)
        cols = _buf(scratch, "cols", (K + 1, N, Ho, Wo), dt)
        _pad_into(x, pads[0], pads[2], xpad)
        _im2col(xpad, kh, kw, stride[0], stride[1], cols)
        scratch["cols_of"] = x
    dyt = _buf(scratch, "dyt", (F, N * P), dt)
    dy3, dyt3 = dy.reshape(N, F, P), dyt.reshape(F, N, P)
    y3 = dy3 if y is None else np.ascontiguousarray(y).reshape(N, F, P)

    def prepare(lo, hi):            # dy moved to (F, N, P), through the ReLU mask y > 0
        _nfp_to_fnp(dy3, y3, y is not None, dyt3, dt.type(0), lo, hi)

    finish = None
    if need_dx:
        wt = _buf(scratch, "wt", (K, F), dt)
        wt[...] = w.reshape(F, K).T
        dcols = _buf(scratch, "dcols", (K, N * P), dt)
        dxpad = _buf(scratch, "dxpad", (N, C, H + pads[0] + pads[1], W + pads[2] + pads[3]), dt)
        dx = _buf(scratch, "dx", (N, C, H, W), dt)

        def finish(lo, hi):         # dcols = w^T @ dy for these images, then col2im
            columns = slice(lo * P, hi * P)
            np.matmul(wt, dyt[:, columns], out=dcols[:, columns])
            _col2im_kn(dcols.reshape(K, N, Ho, Wo), lo, kh, kw, stride[0], stride[1], pads[0],
                       pads[2], dxpad[lo:hi], dx[lo:hi])

    # The same products, in the same order, as conv_numba.conv2d_backward_weight (the one
    # function for both), so that the lean and the teaching path give the very same dW (a
    # training run resumed from a checkpoint, whose first batches go through the teaching
    # path, stays bit-identical).
    dwb = weight_grad(cols.reshape(K + 1, N, P), dyt3, prepare, finish)     # (K+1, F)
    dw = np.ascontiguousarray(dwb[:K].T).reshape(w.shape)
    db = np.ascontiguousarray(dwb[K])
    return (dx if need_dx else None), dw, db


def maxpool2d_forward(x, pool, stride, scratch=None):
    """(y, argmax) as pool_numba.maxpool2d_forward, into scratch buffers."""
    scratch = {} if scratch is None else scratch
    x = np.ascontiguousarray(x)
    if scratch.get("checked") != (x.shape, pool, stride):
        boundary.pool_forward(x, pool, stride)
        scratch["checked"] = (x.shape, pool, stride)
    N, C, H, W = x.shape
    ph, pw = pool
    sh, sw = stride
    Ho, Wo = 1 + (H - ph) // sh, 1 + (W - pw) // sw
    y = _buf(scratch, "y", (N, C, Ho, Wo), x.dtype)
    argmax = _buf(scratch, "argmax", (N, C, Ho, Wo), np.dtype(np.int64))
    planes, yp, ap = x.reshape(N * C, H, W), y.reshape(N * C, Ho, Wo), argmax.reshape(N * C, Ho, Wo)
    if (ph, pw, sh, sw) == (2, 2, 2, 2):
        _forward_2x2_stride2(planes, yp, ap)
    elif ph == 1 and pw > 2:
        # 1 x k windows, k > 2; for 1 x 2 the general sweep measured faster (1,600 rows of 64,
        # stride 2, 1 thread: 0.08 ms against 0.11-0.19 ms; for 1 x 4 it is the slower one,
        # 0.42 against 0.23 ms)
        _pool_forward_one_row(planes, pw, sh, sw, yp, ap)
    else:
        _forward(planes, ph, pw, sh, sw, yp, ap)
    return y, argmax


def maxpool2d_relu_backward(dy, argmax, y, x_shape, relu=True, scratch=None):
    """dL/dx of the pool, masked by y > 0 with ``relu``; a scratch array of shape x_shape."""
    scratch = {} if scratch is None else scratch
    dy = np.ascontiguousarray(dy)
    own = argmax is scratch.get("argmax") and scratch.get("checked", (None,))[0] == tuple(x_shape)
    if not (own and dy.shape == argmax.shape):    # not this scratch's forward: check everything
        argmax = np.ascontiguousarray(argmax, dtype=np.int64)
        boundary.pool_backward(dy, argmax, x_shape)
    if y.shape != dy.shape:
        boundary._fail("maxpool2d_relu_backward", f"y {y.shape} must have dy's shape {dy.shape}")
    N, C, H, W = (int(s) for s in x_shape)
    dx = _buf(scratch, "dx", (N, C, H, W), dy.dtype)
    _pool_backward_masked(dy.reshape(N * C, -1), argmax.reshape(N * C, -1),
                          np.ascontiguousarray(y).reshape(N * C, -1), relu, dx.reshape(N * C, H * W))
    return dx
