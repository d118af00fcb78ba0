"""conv2d in Numba: the fast twin of ``conv_numpy.py`` (same functions, same results).

Shapes: x (N, C, H, W), w (F, C, kh, kw), b (F,), y (N, F, Ho, Wo), with
``Ho = 1 + (H + top + bottom - kh) // sh`` (see ``geometry.py``). ``stride`` is (sh, sw) and
``pads`` is (top, bottom, left, right)::

    y[n, f, p, q] = b[f] + sum_{c, i, j} w[f, c, i, j] * xpad[n, c, p*sh + i, q*sw + j]

Strategy: **im2col + GEMM** for every shape (docs/performance.md), except 3x3 stride-1 convs
with many channels and filters, which go to Winograd's F(2x2, 3x3) in winograd_numba.py (fewer
multiply-adds; ``winograd_numba.pays`` says where it was measured to pay).

``cols`` is a (K + 1, N, P) matrix, K = C*kh*kw, P = Ho*Wo: row ``(c*kh + i)*kw + j`` holds
the input pixels that tap (c, i, j) meets, and the last row holds ones, so that the bias rides
along in the product (the "bias trick")::

    y[n]      = [w | b]       @ cols[:, n]       (F, K+1) @ (K+1, P)
    dcols[n]  = w^T           @ dy[n]            (K, F)   @ (F, P)     then col2im -> dx
    [dw | db] = sum_n dy[n]   @ cols[:, n]^T     (F, P)   @ (P, K+1)

The products run in BLAS (OpenBLAS reaches 100-150 GFLOP/s on 2 cores). The Numba kernels
(padding, im2col, col2im) have no thread pool of their own: a ``prange`` pool running between
BLAS calls fights the BLAS threads for the cores. When BLAS may use several threads and the pass
is big, the images are instead split between threads (threads.split_images), each slice doing
its own copies and GEMMs with BLAS held at one thread: one kind of thread at a time, see
threads.py and docs/performance.md. The kernels release the GIL (``nogil``) for that. Their
innermost loop copies one contiguous row through views that start at index 0, which LLVM
vectorises (see "Path 1" below for why the views matter). conv2d_backward_weight reuses the forward's ``cols``
when it is given the same, unchanged x (``_cached_cols``), so a forward + backward pair builds
the im2col matrix once instead of twice.
A direct-loop ``prange`` convolution (loops over taps, row updates innermost) was measured too and
was 4-15x slower than this path on all four benchmark shapes, including the 1-channel audio one,
so it is not kept. (The best direct version vectorised to a few tens of GFLOP/s, see
docs/performance.md; the GEMMs here run at 100+.)

Scratch (xpad, cols, dcols, dxpad, ...) lives in a per-thread module cache and is reused between calls (it only
grows: the largest shape seen sets its size); results are always fresh arrays.

Every kernel takes C-contiguous arrays of one float dtype; the wrappers make sure of that, so each
kernel is compiled at most twice (float32, float64) and the compiled code is cached on disk.
"""
import weakref

import numpy as np
from numba import njit

from . import boundary, scratch, threads, winograd_numba

# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------


# Scratch: per-thread, reused between calls (scratch.py). ``_scratch.cols_of`` notes which x
# the scratch cols were last built from (``_cached_cols``).
_scratch = scratch.local
_buffer = scratch.buffer


# ---------------------------------------------------------------------------------------------
# Path 1: im2col + GEMM
#
# Why the copies go through a padded plane: in the channel-heavy shapes (case b: 16x16 maps)
# every row that im2col copies is only Wo = 16 elements long, and the copy is cheap next to the
# bookkeeping around it (slicing views, working out which columns fall into the padding, zeroing
# them). The first version spent about 17 ns per 16-element row, 5x what the memory traffic
# needs. So the kernels below first copy x once into a zero-bordered plane ``xpad`` (small: about
# x's size), after which every row of every tap is a plain, branch-free copy of Wo elements from
# a flat index, with no padding logic at all. col2im does the mirror image: it adds every row
# into a zero-bordered ``dxpad`` and copies the interior out at the end. Together: case b's
# im2col went from about 1.2 ms to 0.55 ms (pad 0.12 + copies 0.43, near memory speed).
#
# Why each row goes through a fresh view (``dst = cf[d:d + Wo]``) rather than ``cf[d + q]``:
# Numba supports negative indices, so every ``a[k]`` with a signed k carries a hidden
# "if k < 0: k += len" test. For ``dst[q]`` with q from ``range`` LLVM can prove q >= 0, drops
# the test and vectorises; for ``cf[d + q]`` it cannot (d could be negative), and the loop stays
# scalar (measured: 2-8x slower copies, worst on the long rows of cases c and d).
# ---------------------------------------------------------------------------------------------


@njit(cache=True, nogil=True)
def _pad_into(x, top, left, xpad):
    """xpad[n, c, top + r, left + s] = x[n, c, r, s], and 0 everywhere else (the border)."""
    N, C, H, W = x.shape
    Hp, Wp = xpad.shape[2], xpad.shape[3]
    xf = x.reshape(-1)
    pf = xpad.reshape(-1)
    for nc in range(N * C):
        base = nc * Hp * Wp
        pf[base:base + top * Wp] = 0                         # rows above the image
        for r in range(H):
            d = base + (top + r) * Wp
            pf[d:d + left] = 0
            dst, src = pf[d + left:d + left + W], xf[(nc * H + r) * W:(nc * H + r + 1) * W]
            for t in range(W):      # views that start at 0, so the copy loop vectorises
                dst[t] = src[t]
            pf[d + left + W:d + Wp] = 0
        pf[base + (top + H) * Wp:base + Hp * Wp] = 0         # rows below the image


@njit(cache=True, inline="always")
def _copy_row(xf, s, sw, dst):
    """dst[q] = xf[s + q*sw] for q < len(dst): one output row of im2col."""
    Wo = dst.shape[0]
    if sw == 1:
        src = xf[s:s + Wo]
        for q in range(Wo):
            dst[q] = src[q]
    else:
        # every sw-th element, as a view (q >= 0: no negative-index test); named apart from
        # src so that src keeps its contiguous array type
        every = xf[s:s + (Wo - 1) * sw + 1:sw]
        for q in range(Wo):
            dst[q] = every[q]


@njit(cache=True)
def _im2col(xpad, kh, kw, sh, sw, cols):
    """Fill cols (K+1, N, Ho, Wo) from the padded input xpad (N, C, Hp, Wp); the last row is ones.

    cols[(c*kh + i)*kw + j, n, p, q] = xpad[n, c, p*sh + i, q*sw + j].
    cols is written strictly in order (one running index ``d``), each output row being one
    copy of Wo elements from a flat source index; with sw == 1 that copy vectorises.
    """
    N, C, Hp, Wp = xpad.shape
    Ho, Wo = cols.shape[2], cols.shape[3]
    xf = xpad.reshape(-1)
    cf = cols.reshape(-1)
    d = 0
    for c in range(C):
        for i in range(kh):
            for j in range(kw):
                for n in range(N):
                    s0 = ((n * C + c) * Hp + i) * Wp + j
                    for p in range(Ho):
                        s = s0 + p * sh * Wp
                        _copy_row(xf, s, sw, cf[d:d + Wo])
                        d += Wo
    cf[d:] = 1                                               # the ones row (the bias trick)


@njit(cache=True, nogil=True)
def _im2col_image(xpad, n, kh, kw, sh, sw, cols):
    """_im2col for the single image ``n``: fill cols[:, n] (all K+1 rows, the last with ones) of
    cols (K+1, N, Ho, Wo) from xpad (N, C, Hp, Wp); the other images' columns are untouched.

    cols[(c*kh + i)*kw + j, n, p, q] = xpad[n, c, p*sh + i, q*sw + j].
    Used image by image just before that image's GEMM, which then finds its (K+1, Ho*Wo) block
    still in cache (see conv2d_forward).
    """
    N, C, Hp, Wp = xpad.shape
    K1, Ho, Wo = cols.shape[0], cols.shape[2], cols.shape[3]
    P = Ho * Wo
    xf = xpad.reshape(-1)
    cf = cols.reshape(-1)
    for c in range(C):
        for i in range(kh):
            for j in range(kw):
                d = (((c * kh + i) * kw + j) * N + n) * P
                s0 = ((n * C + c) * Hp + i) * Wp + j
                for p in range(Ho):
                    s = s0 + p * sh * Wp
                    _copy_row(xf, s, sw, cf[d:d + Wo])
                    d += Wo
    d = ((K1 - 1) * N + n) * P
    cf[d:d + P] = 1                                          # the ones row (the bias trick)


@njit(cache=True, nogil=True)
def _col2im(dcols, kh, kw, sh, sw, top, left, dxpad, dx):
    """The adjoint of _pad_into + _im2col, for dcols (N, K, Ho, Wo): zero dxpad, add
    dxpad[n, c, p*sh + i, q*sw + j] += dcols[n, (c*kh + i)*kw + j, p, q] for every tap and
    output pixel, then copy dxpad's interior (the part that is not padding) into dx.
    dcols is read strictly in order; each (n, c) plane of dxpad stays in cache while its
    kh*kw taps are added into it."""
    N, C, H, W = dx.shape
    Hp, Wp = dxpad.shape[2], dxpad.shape[3]
    Ho, Wo = dcols.shape[2], dcols.shape[3]
    sf = dcols.reshape(-1)
    pf = dxpad.reshape(-1)
    xf = dx.reshape(-1)
    pf[:] = 0
    s = 0
    for n in range(N):
        for c in range(C):
            for i in range(kh):
                for j in range(kw):
                    d0 = ((n * C + c) * Hp + i) * Wp + j
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
    for nc in range(N * C):
        for r in range(H):
            d = (nc * H + r) * W
            s = (nc * Hp + top + r) * Wp + left
            dst, src = xf[d:d + W], pf[s:s + W]
            for t in range(W):
                dst[t] = src[t]


@njit(cache=True)
def _same_interior(x, xpad, top, left):
    """True when x equals the interior of xpad bit for bit (both passed as unsigned-int views,
    so that NaN equals the same NaN and -0.0 differs from 0.0: "unchanged" means the very same
    bits). Reads x once; OR-ing the differences row by row keeps the inner loop vectorisable."""
    N, C, H, W = x.shape
    Hp, Wp = xpad.shape[2], xpad.shape[3]
    xf = x.reshape(-1)
    pf = xpad.reshape(-1)
    for nc in range(N * C):
        for r in range(H):
            s = (nc * H + r) * W
            d = (nc * Hp + top + r) * Wp + left
            a, b = xf[s:s + W], pf[d:d + W]
            diff = a[0] ^ a[0]                  # a zero of the array's own integer type
            for t in range(W):
                diff |= a[t] ^ b[t]
            if diff != 0:
                return False
    return True


_UINT = {4: np.uint32, 8: np.uint64}


def _cols(x, kh, kw, stride, pads, out_hw, per_image=None):
    """im2col into the module scratch: returns cols (K+1, N, P), P = Ho*Wo.

    Also leaves the padded copy of x in the scratch ``xpad`` and notes which array the scratch
    now describes (see ``_cached_cols``). With ``per_image = (wb, y3)`` the matrix is built
    image by image and each image's forward GEMM ``y3[n] = wb @ cols[:, n]`` runs right after
    its columns are written, while they are still in cache (``_per_image``)."""
    N, C, H, W = x.shape
    Ho, Wo = out_hw
    top, bottom, left, right = pads
    xpad = _buffer("xpad", (N, C, H + top + bottom, W + left + right), x.dtype)
    cols = _buffer("cols", (C * kh * kw + 1, N, Ho, Wo), x.dtype)
    _scratch.cols_of = None
    cols3 = cols.reshape(C * kh * kw + 1, N, Ho * Wo)
    if per_image is None:
        _pad_into(x, top, left, xpad)
        _im2col(xpad, kh, kw, stride[0], stride[1], cols)
    else:
        wb, y3 = per_image

        def images(lo, hi):
            _pad_into(x[lo:hi], top, left, xpad[lo:hi])
            for n in range(lo, hi):
                _im2col_image(xpad, n, kh, kw, stride[0], stride[1], cols)
                np.matmul(wb, cols3[:, n], out=y3[n])

        cost = threads.split_cost(N, C * kh * kw, wb.shape[0], Ho * Wo)
        threads.split_images(images, N, cost)
    return cols3


def _remember_cols(x_arg, key):
    """Note that the scratch cols were just built from ``x_arg`` (the caller's own array object)
    with geometry ``key``. A weak reference: the note never keeps x alive, and a dead x can
    never be mistaken for a new array that happens to reuse its id()."""
    try:
        _scratch.cols_of = (weakref.ref(x_arg), key)
    except TypeError:                                    # not weak-referenceable: no caching
        _scratch.cols_of = None


def _cached_cols(x_arg, x, key):
    """The scratch cols if they were built by the last conv2d_forward from this very array
    ``x_arg``, with the same geometry, and x's contents have not changed since; else None.

    Why: a conv layer calls conv2d_forward(x) and later conv2d_backward_weight(dy, x) with the
    same ``self.x``, and both need the same im2col matrix (for case b that is 9.5 MB and took
    a quarter of the forward + backward time to build twice). Reusing it is only safe when all
    of these hold, and each check guards against a real way of getting it wrong:

    - ``x_arg`` *is* the array the forward saw (identity, through a weak reference; an id()
      alone can be reused by a new array once the old one is freed);
    - nothing rebuilt the scratch in between (any other im2col, e.g. another layer's forward,
      clears the note in ``_cols``);
    - the geometry and dtype match (``key``);
    - x was not modified in place: it is compared bit for bit with the padded copy kept from the
      forward (``_same_interior``, one read of x, far cheaper than im2col).
    """
    note = getattr(_scratch, "cols_of", None)
    if note is None or note[0]() is not x_arg or note[1] != key:
        return None
    N, C, H, W = x.shape
    kh, kw = key[1]
    top, bottom, left, right = key[3]
    Ho, Wo = key[4]
    xpad = _buffer("xpad", (N, C, H + top + bottom, W + left + right), x.dtype)
    u = _UINT[x.dtype.itemsize]
    if x.size and not _same_interior(x.view(u), xpad.view(u), top, left):
        return None
    cols = _buffer("cols", (C * kh * kw + 1, N, Ho, Wo), x.dtype)
    return cols.reshape(C * kh * kw + 1, N, Ho * Wo)


def _key(x, kh, kw, stride, pads, out_hw):
    return (x.dtype.str, (kh, kw), x.shape, pads, out_hw, stride)


def _per_sample(N, K, P):
    """dW: one GEMM per sample, else one GEMM over the whole batch (its long sum, N*P terms,
    keeps BLAS near its peak when cols has many rows).

    Per sample when N == 1, when the plane is long (P >= PER_SAMPLE_MIN_PLANE: no transposed
    copy of a big dy), or when cols has few rows (K + 1 < PER_SAMPLE_MIN_ROWS) and the plane is
    not small (P >= PER_SAMPLE_FEW_ROWS_MIN_PLANE). A whole-batch product (K+1, N*P) @ (N*P, F)
    with few rows runs poorly in OpenBLAS (case a, 28 rows, P = 1024: 1.75 ms, 33 GFLOP/s,
    against about 1 ms for the 32 per-sample products; 1 thread, CPU time), while with many rows
    it is the faster one (case b, 289 rows: 4.0 ms against 4.8), and so it is for small planes,
    where N separate calls cost more than they save (the demo student's first conv, 10 rows,
    P = 64: 37 against 90 µs; the teacher's, P = 256: within noise either way).
    lean_numba uses this same rule and the same products, so both paths give the same dW."""
    return (N == 1 or P >= PER_SAMPLE_MIN_PLANE
            or (K + 1 < PER_SAMPLE_MIN_ROWS and P >= PER_SAMPLE_FEW_ROWS_MIN_PLANE))


PER_SAMPLE_MIN_PLANE = 4096
PER_SAMPLE_MIN_ROWS = 128
PER_SAMPLE_FEW_ROWS_MIN_PLANE = 512


def _per_image(N, K, P):
    """Forward and dx: image by image (im2col of one image, its GEMM, and for dx its GEMM and
    col2im, each while that image's (K+1, P) block is in cache) when one image's block has at
    least PER_IMAGE_MIN_COLS elements, else one GEMM over the whole batch.

    Measured at 1 thread, CPU time, image by image against whole batch: case b (N=32, C=32,
    16x16 -> 64, 3x3; block 289 x 256) forward 4.3 against 5.3 ms, dx 4.3 against 4.7 ms;
    case a (N=32, C=3, 32x32 -> 32; block 28 x 1024) forward 1.4 against 2.4 ms (no
    transposed copy of y), dx 1.2 against 1.4 ms. Tiny blocks stay whole-batch: there the N
    separate calls would cost more than the cache saves."""
    return N == 1 or (K + 1) * P >= PER_IMAGE_MIN_COLS


PER_IMAGE_MIN_COLS = 8192


def conv2d_forward(x, w, b, stride, pads):
    """y = conv(x, w) + b. Returns y of shape (N, F, Ho, Wo), in x's dtype.

    y[n] = [w | b] @ cols[:, n]: (F, K+1) @ (K+1, P), K = C*kh*kw, P = Ho*Wo; image by image
    straight into y when one image's block is big (``_per_image``), else one GEMM
    [w | b] @ cols (F, K+1) @ (K+1, N*P) into an (F, N, P) scratch, transposed into y.
    The forward always builds cols afresh; it only leaves a note so that the matching
    conv2d_backward_weight may reuse them (``_cached_cols``)."""
    x_arg = x
    x, stride, pads = np.ascontiguousarray(x), _pair(stride), _pads(pads)
    boundary.conv_out_hw("conv2d_forward", x.shape, w.shape, stride, pads)
    boundary.conv_forward(x, w, b)
    F, C, kh, kw = w.shape
    N = x.shape[0]
    Ho, Wo = _out_hw(x.shape[2:], (kh, kw), stride, pads)
    if winograd_numba.pays(N, w.shape, stride, (Ho, Wo)):
        w, b = (np.ascontiguousarray(a, dtype=x.dtype) for a in (w, b))
        return winograd_numba.forward(x, w, b, pads, Ho, Wo)
    P = Ho * Wo
    wb = np.empty((F, C * kh * kw + 1), dtype=x.dtype)        # [w | b]
    wb[:, :-1] = w.reshape(F, -1)
    wb[:, -1] = b
    y = np.empty((N, F, Ho, Wo), dtype=x.dtype)
    y3 = y.reshape(N, F, P)
    if _per_image(N, C * kh * kw, P):
        _cols(x, kh, kw, stride, pads, (Ho, Wo), per_image=(wb, y3))
    else:
        cols = _cols(x, kh, kw, stride, pads, (Ho, Wo))
        out = _buffer("out", (F, N, P), x.dtype)
        np.matmul(wb, cols.reshape(-1, N * P), out=out.reshape(F, N * P))
        y3[...] = out.transpose(1, 0, 2)
    _remember_cols(x_arg, _key(x, kh, kw, stride, pads, (Ho, Wo)))
    return y


def conv2d_backward_input(dy, w, x_shape, stride, pads):
    """dL/dx of conv2d, shape ``x_shape``, in dy's dtype.

    dcols[n] = w^T @ dy[n]: (K, F) @ (F, P), then col2im adds every column back onto the input
    pixel it came from. Image by image (GEMM into a one-image dcols, col2im of that image while
    it is in cache) when one image's block is big (``_per_image``), else all GEMMs first."""
    dy, stride, pads = np.ascontiguousarray(dy), _pair(stride), _pads(pads)
    boundary.conv_grad("conv2d_backward_input", dy, x_shape, w.shape, stride, pads)
    N, F, Ho, Wo = dy.shape
    _, C, kh, kw = w.shape
    if winograd_numba.pays(N, w.shape, stride, (Ho, Wo)):
        return winograd_numba.backward_input(dy, w, x_shape, pads)
    H, W = int(x_shape[2]), int(x_shape[3])
    top, bottom, left, right = pads
    K, P = C * kh * kw, Ho * Wo
    wt = np.ascontiguousarray(w.reshape(F, -1).T, dtype=dy.dtype)      # (K, F)
    dy3 = dy.reshape(N, F, P)
    dx = np.empty((N, C, H, W), dtype=dy.dtype)
    if _per_image(N, K, P):
        def images(lo, hi):         # scratch from _buffer is the calling thread's own
            dcols = _buffer("dcols", (1, K, Ho, Wo), dy.dtype)
            dxpad = _buffer("dxpad", (1, C, H + top + bottom, W + left + right), dy.dtype)
            for n in range(lo, hi):
                np.matmul(wt, dy3[n], out=dcols.reshape(K, P))
                _col2im(dcols, kh, kw, stride[0], stride[1], top, left, dxpad, dx[n:n + 1])

        threads.split_images(images, N, threads.split_cost(N, K, F, P))
    else:
        dcols = _buffer("dcols", (N, K, Ho, Wo), dy.dtype)
        np.matmul(wt, dy3, out=dcols.reshape(N, K, P))
        dxpad = _buffer("dxpad", (N, C, H + top + bottom, W + left + right), dy.dtype)
        _col2im(dcols, kh, kw, stride[0], stride[1], top, left, dxpad, dx)
    return dx


def conv2d_backward_weight(dy, x, w_shape, stride, pads):
    """(dL/dw, dL/db) of conv2d, in dy's dtype.

    [dw | db] = sum_n dy[n] @ cols[:, n]^T: (F, P) @ (P, K+1); the ones row of cols turns the
    last column into db[f] = sum_{n, p, q} dy[n, f, p, q]. cols come from the forward's scratch
    when that is provably still valid (``_cached_cols``), else from a fresh im2col."""
    x_arg = x
    dy, stride, pads = np.ascontiguousarray(dy), _pair(stride), _pads(pads)
    x = np.ascontiguousarray(x, dtype=dy.dtype)
    boundary.conv_grad("conv2d_backward_weight", dy, x.shape, w_shape, stride, pads)
    N, F, Ho, Wo = dy.shape
    if winograd_numba.pays(N, w_shape, stride, (Ho, Wo)):
        return winograd_numba.backward_weight(dy, x, w_shape, pads)
    kh, kw = int(w_shape[2]), int(w_shape[3])
    P = Ho * Wo
    cols = _cached_cols(x_arg, x, _key(x, kh, kw, stride, pads, (Ho, Wo)))
    if cols is None:
        cols = _cols(x, kh, kw, stride, pads, (Ho, Wo))
    dy3 = dy.reshape(N, F, P)
    if _per_sample(N, cols.shape[0] - 1, P):
        dwb = weight_grad(cols, dy3.transpose(1, 0, 2)).T   # a view: no copy needed
    else:
        dyt3 = _buffer("dyt", (F, N, P), dy.dtype)

        def transpose(lo, hi):                                # each slice moves its own images
            dyt3[:, lo:hi] = dy3[lo:hi].transpose(1, 0, 2)

        dwb = weight_grad(cols, dyt3, transpose).T
    dw = np.ascontiguousarray(dwb[:, :-1]).reshape(tuple(int(s) for s in w_shape))
    db = np.ascontiguousarray(dwb[:, -1])
    return dw, db


def conv2d_backward(dy, x, w, stride, pads):
    """(dL/dx, dL/dw, dL/db) of conv2d, in dy's dtype: what Conv2D.backward needs, in one call.

    On the Winograd path one pass over the batch gives all three (dy is transformed once for
    both dx and dW); elsewhere it is conv2d_backward_weight then conv2d_backward_input. Either
    way the results are the same bits as those two functions give."""
    dy, stride, pads = np.ascontiguousarray(dy), _pair(stride), _pads(pads)
    boundary.conv_grad("conv2d_backward", dy, x.shape, w.shape, stride, pads)
    N, F, Ho, Wo = dy.shape
    if winograd_numba.pays(N, w.shape, stride, (Ho, Wo)):
        return winograd_numba.backward(dy, np.ascontiguousarray(x, dtype=dy.dtype), w, pads)
    # x itself, not a copy: conv2d_backward_weight reuses the forward's cols for that very array
    dw, db = conv2d_backward_weight(dy, x, w.shape, stride, pads)
    return conv2d_backward_input(dy, w, x.shape, stride, pads), dw, db


def weight_grad(cols3, dyt3, prepare=None, finish=None):
    """[dw | db]^T, shape (K+1, F): sum over images n of cols3[:, n] @ dyt3[:, n]^T, for
    cols3 (K+1, N, P) and dyt3 (F, N, P) (a view is fine; for the whole-batch products each
    slice ``dyt3[:, lo:hi]`` must reshape to (F, (hi-lo)*P) without a copy). ``prepare(lo, hi)``,
    if given, is called first in each slice's thread (to fill that slice of dyt3), and
    ``finish(lo, hi)`` last (the lean backward's dx of those images).

    Per sample (``_per_sample``) one (F, P) @ (P, K+1) product per image, added up in image
    order; otherwise one product per slice of images, [dw | db]^T = cols @ dyt^T,
    (K+1, h*P) @ (h*P, F): with the long sum (h*P terms) and only 64-ish output columns,
    OpenBLAS splits and blocks this orientation better than its transpose (measured on case
    b: 1.9-2.1 ms against 2.4-2.8 ms).

    The images are cut into slices (threads.split_images: one slice with one BLAS thread, else
    one slice per thread, each slice's products in its own thread) and the slices' sums are
    added in slice order. The teaching path (conv2d_backward_weight) and the lean path
    (lean_numba.conv2d_relu_backward) both call this function, so they give the same dW bit
    for bit at any thread count."""
    K1, N, P = cols3.shape
    F = dyt3.shape[0]
    per_sample = _per_sample(N, K1 - 1, P)
    sums = {}

    def images(lo, hi):
        if prepare is not None:
            prepare(lo, hi)
        if per_sample:
            acc = dyt3[:, lo] @ cols3[:, lo].T                    # (F, K+1)
            for n in range(lo + 1, hi):
                acc += dyt3[:, n] @ cols3[:, n].T
            acc = acc.T
        else:
            acc = cols3[:, lo:hi].reshape(K1, -1) @ dyt3[:, lo:hi].reshape(F, -1).T
        sums[lo] = acc
        if finish is not None:
            finish(lo, hi)

    threads.split_images(images, N, threads.split_cost(N, K1 - 1, F, P))
    total = None
    for lo in sorted(sums):
        total = sums[lo] if total is None else total + sums[lo]
    return total


def _out_hw(x_hw, w_hw, stride, pads):
    return ((x_hw[0] + pads[0] + pads[1] - w_hw[0]) // stride[0] + 1,
            (x_hw[1] + pads[2] + pads[3] - w_hw[1]) // stride[1] + 1)


def _pair(stride):
    return (int(stride[0]), int(stride[1]))


def _pads(pads):
    return tuple(int(p) for p in pads)
