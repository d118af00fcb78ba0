"""3x3, stride-1 convolution by Winograd's minimal filtering F(2x2, 3x3), in Numba.

conv_numba.py computes every conv as im2col + GEMM: each output pixel costs C*9 multiply-adds
per filter. Winograd's algorithm computes a 2x2 block of outputs from a 4x4 block of input with
16 multiplications per (channel, filter) pair instead of 36, at the price of a few additions
before and after. Written for one channel and one filter, with d the 4x4 input tile and g the
3x3 filter, the 2x2 output tile is::

    Y = A^T [ (G g G^T) * (B^T d B) ] A          (* is the element-wise product)

    B^T = [[1,  0, -1,  0],     G = [[1,    0,   0  ],     A^T = [[1, 1,  1,  0],
           [0,  1,  1,  0],          [1/2,  1/2, 1/2],            [0, 1, -1, -1]]
           [0, -1,  1,  0],          [1/2, -1/2, 1/2],
           [0,  1,  0, -1]]          [0,    0,   1  ]]

Summed over channels, the 16 element-wise products of each tile become 16 matrix products, one
per position (k, l) of the 4x4 transformed tile, over all tiles t at once::

    U[kl] = (G w[f, c] G^T)[k, l]          (16, F, C)    the filters, transformed once per call
    V[kl] = (B^T d[c, t] B)[k, l]          (16, C, T)    the input tiles (T = N * tiles per image)
    M[kl] = U[kl] @ V[kl]                  (16, F, T)    16 GEMMs
    y tile (f, t) = A^T M[:, f, t] A + b[f]

The backward passes are the transposes of the same linear maps (see docs/performance.md,
"Winograd"): with Z the 4x4 transform of each 2x2 tile of dy, ``Z[kl] = (A dy[f, t] A^T)[k, l]``,

    dV[kl]  = U[kl]^T @ Z[kl]              (16, C, T)    then dx tile = B dV[:, c, t] B^T, added
                                                         into the overlapping 4x4 input tiles
    dU[kl]  = Z[kl] @ V[kl]^T              (16, F, C)    then dw[f, c] = G^T dU[:, f, c] G

so the forward, dx and dw are 16 GEMMs each, of 16/36 of im2col's multiply-adds. The backward
(``backward``, what Conv2D.backward calls through kernels.conv2d_backward) transforms dy once
per chunk for both dx and dw, and builds V again chunk by chunk rather than keeping the
forward's: it stays in cache that way, and no check that x is unchanged is needed. Tiles reach
past the bottom and right edges when Ho or Wo is odd: the padded input has the extra zero row or
column, and the outputs there are dropped (dy is taken as 0 there).

winograd_numpy.py is the readable version (each transform one einsum with the matrices above)
and the tests' oracle for every kernel here; conv_numpy.py is the oracle for the whole conv.

The exact arithmetic is that of conv2d; the rounding differs from im2col's by a few units in
the last place (the transforms add and subtract before multiplying). conv_numba uses this path
only where it was measured to pay (``pays``): 3x3 kernels, stride 1, enough channels and filters
for the 16 GEMMs to run near BLAS's peak, and enough images for the fixed costs to be repaid.
The lean per-batch path (lean.py) hands every conv that ``applies`` to the layer itself instead
of its fused im2col kernels, so that both paths run the same kernels and give the same bits.

Three things made it fast (docs/performance.md, "Winograd", has the measurements):

- the batch goes through in chunks of CHUNK images: a chunk's V, M, Z and dV (a few hundred
  kB) stay in the core's cache between the transform that writes them and the GEMM that reads
  them, instead of a round trip through memory of 4-8 MB arrays;
- the 16 planes of V, M, Z and dV are not exactly a power of two bytes apart (``PLANE_GAP``): a
  transform reads or writes all 16 at once, and 16 streams whose addresses differ by a multiple
  of 64 kB fall into the same cache sets and evict each other (this alone made the dy
  transform 7x slower);
- the transforms index the arrays directly, with one view per (image, channel) plane: a Numba
  array view costs two atomic reference-count updates, and one view per tile row doubled the
  time of the output transform.

And two in the backward: dy transformed once for dx and dw (above), and V written through a
transposed view, (16, T, C), so that dw's thin products Z[kl] @ V[kl]^T read a plain matrix
(OpenBLAS ran them 1.6x faster than on a transposed view).
"""
import numpy as np
from numba import njit

from . import conv_numba, threads     # conv_numba imports this module too: used at call time only
from .scratch import buffer
from .winograd_numpy import padded_hw, tiles   # the tile geometry, shared with the NumPy twin

CHUNK = 2                # images per chunk (case b: 1, 2, 4 and 8 were measured; 2 and 4 best)
PLANE_GAP = 16           # elements between two planes of V, M, Z, dV (see the module docstring)


def applies(w_shape, stride):
    """True for the convs this path is for: a 3x3 kernel, stride 1, at least MIN_CHANNELS input
    channels and MIN_FILTERS filters (with fewer, im2col's single GEMM is as fast or faster:
    3 channels took twice as long here; docs/performance.md, "Winograd")."""
    return (tuple(w_shape[2:]) == (3, 3) and tuple(stride) == (1, 1)
            and w_shape[1] >= MIN_CHANNELS and w_shape[0] >= MIN_FILTERS)


def pays(N, w_shape, stride, out_hw):
    """True where conv_numba takes this path: ``applies``, and the batch has at least MIN_TILES
    2x2 output tiles (below that the fixed cost of the transforms and of 16 GEMM calls per
    chunk outweighs the saving: one 16x16 image took 1.5x im2col's time, four took 0.75x)."""
    th, tw = tiles(*out_hw)
    return applies(w_shape, stride) and N * th * tw >= MIN_TILES


MIN_CHANNELS = 32
MIN_FILTERS = 32
MIN_TILES = 192


# ---------------------------------------------------------------------------------------------
# The transforms. Each works on one chunk of images n0 <= n < n1 and tile index
# t = ((n - n0) * th + a) * tw + b for the tile at (a, b), i.e. rows 2a.. and columns 2b.. .
# ---------------------------------------------------------------------------------------------


@njit(cache=True, nogil=True)
def _filter_transform(w, U):
    """U[k*4 + l, f, c] = (G w[f, c] G^T)[k, l], for w (F, C, 3, 3) and U (16, F, C)."""
    F, C = w.shape[0], w.shape[1]
    half = w.dtype.type(0.5)
    t = np.empty((4, 3), dtype=w.dtype)
    for f in range(F):
        for c in range(C):
            g = w[f, c]
            for j in range(3):                           # t = G g: one column at a time
                t[0, j] = g[0, j]
                t[1, j] = half * (g[0, j] + g[1, j] + g[2, j])
                t[2, j] = half * (g[0, j] - g[1, j] + g[2, j])
                t[3, j] = g[2, j]
            for k in range(4):                           # U = t G^T: one row at a time
                U[4 * k + 0, f, c] = t[k, 0]
                U[4 * k + 1, f, c] = half * (t[k, 0] + t[k, 1] + t[k, 2])
                U[4 * k + 2, f, c] = half * (t[k, 0] - t[k, 1] + t[k, 2])
                U[4 * k + 3, f, c] = t[k, 2]


@njit(cache=True, nogil=True)
def _input_transform(xpad, n0, V):
    """V[k*4 + l, c, t] = (B^T d B)[k, l] for the 4x4 tile d = xpad[n0 + n, c, 2a:2a+4, 2b:2b+4]
    of the chunk's images n, for xpad (N, C, Hp, Wp); V is (16, C, n * th * tw),
    th = (Hp - 2) // 2, tw = (Wp - 2) // 2.

    B^T d takes the rows d0 - d2, d1 + d2, d2 - d1, d1 - d3; (B^T d) B does the same to the
    columns."""
    C, Hp, Wp = xpad.shape[1], xpad.shape[2], xpad.shape[3]
    th, tw = (Hp - 2) // 2, (Wp - 2) // 2
    nb = V.shape[2] // (th * tw)
    for c in range(C):
        for n in range(nb):
            d = xpad[n0 + n, c]
            Vn = V[:, c, n * th * tw:(n + 1) * th * tw]
            for a in range(th):
                p = 2 * a
                for b in range(tw):
                    q, t = 2 * b, a * tw + b
                    r00 = d[p, q] - d[p + 2, q]
                    r01 = d[p, q + 1] - d[p + 2, q + 1]
                    r02 = d[p, q + 2] - d[p + 2, q + 2]
                    r03 = d[p, q + 3] - d[p + 2, q + 3]
                    r10 = d[p + 1, q] + d[p + 2, q]
                    r11 = d[p + 1, q + 1] + d[p + 2, q + 1]
                    r12 = d[p + 1, q + 2] + d[p + 2, q + 2]
                    r13 = d[p + 1, q + 3] + d[p + 2, q + 3]
                    r20 = d[p + 2, q] - d[p + 1, q]
                    r21 = d[p + 2, q + 1] - d[p + 1, q + 1]
                    r22 = d[p + 2, q + 2] - d[p + 1, q + 2]
                    r23 = d[p + 2, q + 3] - d[p + 1, q + 3]
                    r30 = d[p + 1, q] - d[p + 3, q]
                    r31 = d[p + 1, q + 1] - d[p + 3, q + 1]
                    r32 = d[p + 1, q + 2] - d[p + 3, q + 2]
                    r33 = d[p + 1, q + 3] - d[p + 3, q + 3]
                    Vn[0, t], Vn[1, t], Vn[2, t], Vn[3, t] = r00 - r02, r01 + r02, r02 - r01, r01 - r03
                    Vn[4, t], Vn[5, t], Vn[6, t], Vn[7, t] = r10 - r12, r11 + r12, r12 - r11, r11 - r13
                    Vn[8, t], Vn[9, t], Vn[10, t], Vn[11, t] = r20 - r22, r21 + r22, r22 - r21, r21 - r23
                    Vn[12, t], Vn[13, t], Vn[14, t], Vn[15, t] = r30 - r32, r31 + r32, r32 - r31, r31 - r33


@njit(cache=True, nogil=True)
def _output_transform(M, bias, n0, y):
    """y[n0 + n, f, 2a + i, 2b + j] = (A^T M[:, f, t] A)[i, j] + bias[f] for the chunk's images
    n, dropping the row and column past y's edges when Ho or Wo is odd. M is (16, F, n*th*tw).

    A^T m takes the rows m0 + m1 + m2 and m1 - m2 - m3; (A^T m) A does the same to the columns."""
    F, Ho, Wo = y.shape[1], y.shape[2], y.shape[3]
    th, tw = (Ho + 1) // 2, (Wo + 1) // 2
    nb = M.shape[2] // (th * tw)
    half = Wo // 2
    for f in range(F):
        bf = bias[f]
        for n in range(nb):
            out = y[n0 + n, f]
            m = M[:, f, n * th * tw:(n + 1) * th * tw]
            for a in range(th):
                for i in range(2):
                    p = 2 * a + i
                    if p >= Ho:
                        break
                    for b in range(half):
                        t = a * tw + b
                        if i == 0:                       # row 0 of A^T m
                            s0 = m[0, t] + m[4, t] + m[8, t]
                            s1 = m[1, t] + m[5, t] + m[9, t]
                            s2 = m[2, t] + m[6, t] + m[10, t]
                            s3 = m[3, t] + m[7, t] + m[11, t]
                        else:                            # row 1
                            s0 = m[4, t] - m[8, t] - m[12, t]
                            s1 = m[5, t] - m[9, t] - m[13, t]
                            s2 = m[6, t] - m[10, t] - m[14, t]
                            s3 = m[7, t] - m[11, t] - m[15, t]
                        out[p, 2 * b] = s0 + s1 + s2 + bf
                        out[p, 2 * b + 1] = s1 - s2 - s3 + bf
                    if Wo % 2:                           # the last tile's left column only
                        t = a * tw + tw - 1
                        if i == 0:
                            out[p, Wo - 1] = (m[0, t] + m[4, t] + m[8, t] + m[1, t] + m[5, t]
                                              + m[9, t] + m[2, t] + m[6, t] + m[10, t] + bf)
                        else:
                            out[p, Wo - 1] = (m[4, t] - m[8, t] - m[12, t] + m[5, t] - m[9, t]
                                              - m[13, t] + m[6, t] - m[10, t] - m[14, t] + bf)


@njit(cache=True, nogil=True)
def _grad_transform(dy, n0, Z):
    """Z[k*4 + l, f, t] = (A e A^T)[k, l] for the 2x2 tile e = dy[n0 + n, f, 2a:2a+2, 2b:2b+2]
    (0 past dy's edges) of the chunk's images n; Z is (16, F, n * th * tw).

    A e takes the rows e0, e0 + e1, e0 - e1, -e1; (A e) A^T does the same to the columns."""
    F, Ho, Wo = dy.shape[1], dy.shape[2], dy.shape[3]
    th, tw = (Ho + 1) // 2, (Wo + 1) // 2
    nb = Z.shape[2] // (th * tw)
    zero = dy.dtype.type(0)
    for f in range(F):
        for n in range(nb):
            e = dy[n0 + n, f]
            z = Z[:, f, n * th * tw:(n + 1) * th * tw]
            for a in range(th):
                p = 2 * a
                for b in range(tw):
                    q, t = 2 * b, a * tw + b
                    e00 = e[p, q]
                    e01 = e[p, q + 1] if q + 1 < Wo else zero
                    e10 = e[p + 1, q] if p + 1 < Ho else zero
                    e11 = e[p + 1, q + 1] if p + 1 < Ho and q + 1 < Wo else zero
                    u0, v0 = e00, e01                    # the rows (u, v) of A e
                    u1, v1 = e00 + e10, e01 + e11
                    u2, v2 = e00 - e10, e01 - e11
                    u3, v3 = -e10, -e11
                    z[0, t], z[1, t], z[2, t], z[3, t] = u0, u0 + v0, u0 - v0, -v0
                    z[4, t], z[5, t], z[6, t], z[7, t] = u1, u1 + v1, u1 - v1, -v1
                    z[8, t], z[9, t], z[10, t], z[11, t] = u2, u2 + v2, u2 - v2, -v2
                    z[12, t], z[13, t], z[14, t], z[15, t] = u3, u3 + v3, u3 - v3, -v3


@njit(cache=True, nogil=True)
def _input_adjoint(dV, n0, top, left, dxpad, dx):
    """dx for the chunk's images: every tile's B dV[:, c, t] B^T is added into the 4x4 block
    of the zeroed padded plane dxpad (Hp, Wp) it came from, whose interior then goes to
    dx[n0 + n, c] (H, W). dV is (16, C, n * th * tw).

    B v takes the rows v0, v1 - v2 + v3, v1 + v2 - v0, -v3; (B v) B^T does the same to the
    columns."""
    C, H, W = dx.shape[1], dx.shape[2], dx.shape[3]
    Hp, Wp = dxpad.shape[0], dxpad.shape[1]
    th, tw = (Hp - 2) // 2, (Wp - 2) // 2
    nb = dV.shape[2] // (th * tw)
    for n in range(nb):
        for c in range(C):
            dxpad[:, :] = 0
            v = dV[:, c, n * th * tw:(n + 1) * th * tw]
            for a in range(th):
                p = 2 * a
                for b in range(tw):
                    q, t = 2 * b, a * tw + b
                    r00, r01, r02, r03 = v[0, t], v[1, t], v[2, t], v[3, t]
                    r10 = v[4, t] - v[8, t] + v[12, t]
                    r11 = v[5, t] - v[9, t] + v[13, t]
                    r12 = v[6, t] - v[10, t] + v[14, t]
                    r13 = v[7, t] - v[11, t] + v[15, t]
                    r20 = v[4, t] + v[8, t] - v[0, t]
                    r21 = v[5, t] + v[9, t] - v[1, t]
                    r22 = v[6, t] + v[10, t] - v[2, t]
                    r23 = v[7, t] + v[11, t] - v[3, t]
                    r30, r31, r32, r33 = -v[12, t], -v[13, t], -v[14, t], -v[15, t]
                    dxpad[p, q] += r00
                    dxpad[p, q + 1] += r01 - r02 + r03
                    dxpad[p, q + 2] += r01 + r02 - r00
                    dxpad[p, q + 3] -= r03
                    dxpad[p + 1, q] += r10
                    dxpad[p + 1, q + 1] += r11 - r12 + r13
                    dxpad[p + 1, q + 2] += r11 + r12 - r10
                    dxpad[p + 1, q + 3] -= r13
                    dxpad[p + 2, q] += r20
                    dxpad[p + 2, q + 1] += r21 - r22 + r23
                    dxpad[p + 2, q + 2] += r21 + r22 - r20
                    dxpad[p + 2, q + 3] -= r23
                    dxpad[p + 3, q] += r30
                    dxpad[p + 3, q + 1] += r31 - r32 + r33
                    dxpad[p + 3, q + 2] += r31 + r32 - r30
                    dxpad[p + 3, q + 3] -= r33
            dst = dx[n0 + n, c]
            for r in range(H):
                drow, srow = dst[r], dxpad[top + r, left:left + W]
                for j in range(W):
                    drow[j] = srow[j]


@njit(cache=True, nogil=True)
def _filter_adjoint(dU, dw):
    """dw[f, c] = G^T dU[:, f, c] G (3x3), for dU (16, F, C) and dw (F, C, 3, 3)."""
    F, C = dw.shape[0], dw.shape[1]
    half = dw.dtype.type(0.5)
    r = np.empty((3, 4), dtype=dw.dtype)
    for f in range(F):
        for c in range(C):
            for l in range(4):                           # r = G^T u
                u0, u1, u2, u3 = dU[0 + l, f, c], dU[4 + l, f, c], dU[8 + l, f, c], dU[12 + l, f, c]
                r[0, l] = u0 + half * (u1 + u2)
                r[1, l] = half * (u1 - u2)
                r[2, l] = half * (u1 + u2) + u3
            for k in range(3):                           # dw = r G
                dw[f, c, k, 0] = r[k, 0] + half * (r[k, 1] + r[k, 2])
                dw[f, c, k, 1] = half * (r[k, 1] - r[k, 2])
                dw[f, c, k, 2] = half * (r[k, 1] + r[k, 2]) + r[k, 3]


# ---------------------------------------------------------------------------------------------
# One thread's slice of images, chunk by chunk, in one compiled call: the transforms and the 16
# GEMMs per chunk (np.dot, which Numba hands to BLAS) run without the interpreter, so two
# threads working on two slices never wait for each other at the GIL between chunks (in
# Python, a pass's slices spent 0.3-0.5 ms more in wall time than in CPU time).
#
# The scratch arrays are flat buffers. Plane k of a chunk with T tiles starts at k * step
# (step = rows * width + PLANE_GAP for the widest chunk) and holds a C-contiguous (rows, T)
# matrix, so a short last chunk still has contiguous planes for np.dot.
# ---------------------------------------------------------------------------------------------


@njit(cache=True, nogil=True)
def _plane(flat, k, rows, cols, step):
    """Plane k of ``flat`` as a C-contiguous (rows, cols) matrix."""
    return flat[k * step:k * step + rows * cols].reshape((rows, cols))


@njit(cache=True, nogil=True)
def _planes_of(flat, rows, cols, step):
    """All 16 planes of ``flat`` as one (16, rows, cols) view."""
    item = flat.itemsize
    return np.lib.stride_tricks.as_strided(flat, (16, rows, cols), (step * item, cols * item, item))


@njit(cache=True, nogil=True)
def _forward_slice(xpad, lo, hi, chunk, U, bias, Vflat, Mflat, y):
    """y for the images lo <= n < hi, xpad holding them padded (its image 0 is image lo):
    per chunk, V = input transform, M[kl] = U[kl] @ V[kl], y = output transform of M."""
    F, C = U.shape[1], U.shape[2]
    th, tw = (y.shape[2] + 1) // 2, (y.shape[3] + 1) // 2
    stepV, stepM = C * chunk * th * tw + PLANE_GAP, F * chunk * th * tw + PLANE_GAP
    for n0 in range(lo, hi, chunk):
        T = (min(n0 + chunk, hi) - n0) * th * tw
        _input_transform(xpad, n0 - lo, _planes_of(Vflat, C, T, stepV))
        for k in range(16):
            np.dot(U[k], _plane(Vflat, k, C, T, stepV), _plane(Mflat, k, F, T, stepM))
        _output_transform(_planes_of(Mflat, F, T, stepM), bias, n0, y)


@njit(cache=True, nogil=True)
def _backward_slice(dy, lo, hi, chunk, want_dx, Ut, top, left, Zflat, dVflat, dxpad, dx,
                    want_dw, xpad, Vtflat, dU):
    """For the images lo <= n < hi, per chunk: Z = transform of dy; with ``want_dx``,
    dV[kl] = U[kl]^T @ Z[kl] and its adjoint transform into dx; with ``want_dw``, V = input
    transform of xpad (its image 0 is image lo) written as (16, T, C), and dU[kl] += Z[kl] @
    V[kl]^T. dU (16, F, C) is always a real array; the other arrays of a part not wanted may be
    empty placeholders."""
    F, Ho, Wo = dy.shape[1], dy.shape[2], dy.shape[3]
    C = dU.shape[2]
    th, tw = (Ho + 1) // 2, (Wo + 1) // 2
    stepZ, stepV = F * chunk * th * tw + PLANE_GAP, C * chunk * th * tw + PLANE_GAP
    product = np.empty((F, C), dtype=dy.dtype)
    for n0 in range(lo, hi, chunk):
        T = (min(n0 + chunk, hi) - n0) * th * tw
        _grad_transform(dy, n0, _planes_of(Zflat, F, T, stepZ))
        if want_dx:
            for k in range(16):
                np.dot(Ut[k], _plane(Zflat, k, F, T, stepZ), _plane(dVflat, k, C, T, stepV))
            _input_adjoint(_planes_of(dVflat, C, T, stepV), n0, top, left, dxpad, dx)
        if want_dw:
            # V is written through a transposed view, so that the product Z @ V^T reads a
            # plain (T, C) matrix: OpenBLAS ran these 16 thin products 1.6x faster that way
            # than on the transposed view of a (C, T) V.
            _input_transform(xpad, n0 - lo, _planes_of(Vtflat, T, C, stepV).transpose(0, 2, 1))
            for k in range(16):
                np.dot(_plane(Zflat, k, F, T, stepZ), _plane(Vtflat, k, T, C, stepV), product)
                dU[k] += product


# ---------------------------------------------------------------------------------------------
# The three passes. conv_numba's wrappers have checked the arguments and made them contiguous.
# ---------------------------------------------------------------------------------------------


def _pad_images(x, n0, n1, top, left, Hp, Wp):
    """The images n0 <= n < n1 of x, zero-bordered to (n1 - n0, C, Hp, Wp) (thread scratch)."""
    xpad = buffer("wino_xpad", (n1 - n0, x.shape[1], Hp, Wp), x.dtype)
    conv_numba._pad_into(x[n0:n1], top, left, xpad)
    return xpad


def _flat(name, rows, th, tw, dtype):
    """A flat scratch buffer for 16 planes of ``rows`` rows of a chunk's tiles (see above)."""
    return buffer(name, (16 * (rows * CHUNK * th * tw + PLANE_GAP),), dtype)


def _cost(N, C, F, P):
    """The split cost (threads.split_cost) of one pass: im2col's, as the copies weigh alike."""
    return threads.split_cost(N, 9 * C, F, P)


def forward(x, w, b, pads, Ho, Wo):
    """y (N, F, Ho, Wo) = conv(x, w) + b, chunk by chunk: V = input transform, M[kl] =
    U[kl] @ V[kl] (16 GEMMs), y = output transform of M."""
    N, C = x.shape[:2]
    F = w.shape[0]
    th, tw = tiles(Ho, Wo)
    Hp, Wp = padded_hw(Ho, Wo)
    U = np.empty((16, F, C), dtype=x.dtype)
    _filter_transform(w, U)
    y = np.empty((N, F, Ho, Wo), dtype=x.dtype)

    def images(lo, hi):
        xpad = _pad_images(x, lo, hi, pads[0], pads[2], Hp, Wp)
        _forward_slice(xpad, lo, hi, CHUNK, U, b, _flat("wino_V", C, th, tw, x.dtype),
                       _flat("wino_M", F, th, tw, x.dtype), y)

    threads.split_images(images, N, _cost(N, C, F, Ho * Wo))
    return y


def backward(dy, x, w, pads):
    """(dx, dw, db) in one pass over the chunks, which transforms dy once for both (dx and dW
    separately would each do it): Z = transform of dy; dx from dV[kl] = U[kl]^T @ Z[kl]; dU summed
    over chunks of Z[kl] @ V[kl]^T with V the transform of x, then dw = G^T dU G. The same
    products in the same order as backward_input and backward_weight: the same bits."""
    return _backward(dy, x, w, x.shape, w.shape, pads, want_dx=True, want_dw=True)


def backward_input(dy, w, x_shape, pads):
    """dx (N, C, H, W) alone (see ``backward``)."""
    return _backward(dy, None, w, x_shape, w.shape, pads, want_dx=True, want_dw=False)[0]


def backward_weight(dy, x, w_shape, pads):
    """(dw, db) alone (see ``backward``)."""
    return _backward(dy, x, None, x.shape, w_shape, pads, want_dx=False, want_dw=True)[1:]


def _backward(dy, x, w, x_shape, w_shape, pads, want_dx, want_dw):
    """(dx or None, dw or None, db or None), chunk by chunk, each thread's slice of images in
    its own chunks; the slices' dU and db (dy summed over their images and pixels) are added in
    slice order."""
    N, F, Ho, Wo = dy.shape
    C, H, W = (int(s) for s in x_shape[1:])
    th, tw = tiles(Ho, Wo)
    Hp, Wp = padded_hw(Ho, Wo)
    dt = dy.dtype
    none4, none3 = np.empty((0, 0, 0, 0), dt), np.empty((0, 0, 0), dt)   # parts not wanted
    Ut, dx = none3, none4
    if want_dx:
        U = np.empty((16, F, C), dtype=dt)
        _filter_transform(np.ascontiguousarray(w, dtype=dt), U)
        Ut = np.ascontiguousarray(U.transpose(0, 2, 1))                 # (16, C, F)
        dx = np.empty((N, C, H, W), dtype=dt)
    sums = {}

    def images(lo, hi):
        dV = _flat("wino_dV", C, th, tw, dt) if want_dx else none3.reshape(0)
        dxpad = buffer("wino_dxpad", (Hp, Wp), dt) if want_dx else none3.reshape(0, 0)
        xpad = _pad_images(x, lo, hi, pads[0], pads[2], Hp, Wp) if want_dw else none4
        Vt = _flat("wino_Vt", C, th, tw, dt) if want_dw else none3.reshape(0)
        dU = np.zeros((16, F, C), dtype=dt)
        _backward_slice(dy, lo, hi, CHUNK, want_dx, Ut, pads[0], pads[2],
                        _flat("wino_Z", F, th, tw, dt), dV, dxpad, dx, want_dw, xpad, Vt, dU)
        if want_dw:
            sums[lo] = dU, dy[lo:hi].sum(axis=(0, 2, 3))

    threads.split_images(images, N, _cost(N, C, F, Ho * Wo))
    if not want_dw:
        return dx, None, None
    dU, db = None, None
    for lo in sorted(sums):
        dU, db = sums[lo] if dU is None else (dU + sums[lo][0], db + sums[lo][1])
    dw = np.empty(tuple(int(s) for s in w_shape), dtype=dt)
    _filter_adjoint(dU, dw)
    return (dx if want_dx else None), dw, db
