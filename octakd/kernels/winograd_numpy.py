"""Winograd's F(2x2, 3x3) convolution in plain NumPy: the readable version of winograd_numba.py
and the oracle of its transforms in the tests.

A 3x3, stride-1 convolution computes each 2x2 block of outputs from the 4x4 block of padded
input under it. For one channel and one filter, with d that 4x4 tile and g the 3x3 filter::

    Y = A^T [ (G g G^T) * (B^T d B) ] A          (* is the element-wise product)

with the constant matrices below. Summed over channels, the element-wise product becomes 16
matrix products, one per position (k, l) of the 4x4 transformed tile, over all tiles at once:
``M[kl] = U[kl] @ V[kl]``, (F, C) @ (C, T), T = N * th * tw tiles (t = (n*th + a)*tw + b for
the tile at rows 2a.., columns 2b.. of image n). The backward passes apply the transposes of the
same maps (docs/performance.md, "Winograd").

Shapes: x (N, C, H, W), w (F, C, 3, 3), pads (top, bottom, left, right), y (N, F, Ho, Wo) with
Ho = H + top + bottom - 2. When Ho or Wo is odd the last tiles reach one row or column past the
output: the padded input gets an extra zero row or column there, and those outputs are dropped.
"""
import numpy as np

BT = np.array([[1, 0, -1, 0],
               [0, 1, 1, 0],
               [0, -1, 1, 0],
               [0, 1, 0, -1]], dtype=float)           # B^T: 4x4 input tile -> transformed tile
G = np.array([[1, 0, 0],
              [0.5, 0.5, 0.5],
              [0.5, -0.5, 0.5],
              [0, 0, 1]])                            # 3x3 filter -> 4x4 transformed filter
AT = np.array([[1, 1, 1, 0],
               [0, 1, -1, -1]], dtype=float)          # A^T: 4x4 product -> 2x2 output tile


def tiles(Ho, Wo):
    """(th, tw): the number of 2x2 output tiles down and across, covering Ho x Wo."""
    return (Ho + 1) // 2, (Wo + 1) // 2


def padded_hw(Ho, Wo):
    """(Hp, Wp) of the padded input the tiles read: 2 * tiles + 2 in each direction."""
    th, tw = tiles(Ho, Wo)
    return 2 * th + 2, 2 * tw + 2


def filter_transform(w):
    """U (16, F, C): U[4k + l, f, c] = (G w[f, c] G^T)[k, l]."""
    F, C = w.shape[:2]
    u = np.einsum("ki,fcij,lj->klfc", G, w, G)
    return u.reshape(16, F, C).astype(w.dtype)


def input_tiles(x, pads, Ho, Wo):
    """d (N, C, th, tw, 4, 4): the 4x4 padded-input tile under each 2x2 output tile."""
    N, C, H, W = x.shape
    top, _, left, _ = pads
    xpad = np.zeros((N, C) + padded_hw(Ho, Wo), dtype=x.dtype)
    xpad[:, :, top:top + H, left:left + W] = x
    windows = np.lib.stride_tricks.sliding_window_view(xpad, (4, 4), axis=(2, 3))
    return windows[:, :, ::2, ::2]


def input_transform(x, pads, Ho, Wo):
    """V (16, C, T): V[4k + l, c, t] = (B^T d B)[k, l] for the tile d of t."""
    C = x.shape[1]
    d = input_tiles(x, pads, Ho, Wo)
    v = np.einsum("ki,ncabij,lj->klcnab", BT, d, BT)
    return v.reshape(16, C, -1).astype(x.dtype)


def output_transform(M, b, N, Ho, Wo):
    """y (N, F, Ho, Wo) from M (16, F, T): each tile is A^T M[:, f, t] A, plus b[f]."""
    F = M.shape[1]
    th, tw = tiles(Ho, Wo)
    m = M.reshape(4, 4, F, N, th, tw)
    y = np.einsum("ik,klfnab,jl->nfaibj", AT, m, AT).reshape(N, F, 2 * th, 2 * tw)
    return (y[:, :, :Ho, :Wo] + b.reshape(1, F, 1, 1)).astype(M.dtype)


def grad_transform(dy):
    """Z (16, F, T): Z[4k + l, f, t] = (A e A^T)[k, l] for the 2x2 tile e of dy at t
    (zeros past dy's edges)."""
    N, F, Ho, Wo = dy.shape
    th, tw = tiles(Ho, Wo)
    e = np.zeros((N, F, 2 * th, 2 * tw), dtype=dy.dtype)
    e[:, :, :Ho, :Wo] = dy
    e = e.reshape(N, F, th, 2, tw, 2)
    z = np.einsum("ki,nfaibj,lj->klfnab", AT.T, e, AT.T)
    return z.reshape(16, F, -1).astype(dy.dtype)


def input_adjoint(dV, x_shape, pads, Ho, Wo):
    """dx (x_shape) from dV (16, C, T): each tile's B dV[:, c, t] B^T is added back onto the
    4x4 input block it came from (the blocks of neighbouring tiles overlap by 2)."""
    N, C, H, W = x_shape
    top, _, left, _ = pads
    th, tw = tiles(Ho, Wo)
    v = dV.reshape(4, 4, C, N, th, tw)
    d = np.einsum("ki,klcnab,lj->ncabij", BT, v, BT)          # B v B^T, tile by tile
    dxpad = np.zeros((N, C) + padded_hw(Ho, Wo), dtype=dV.dtype)
    for i in range(4):
        for j in range(4):
            dxpad[:, :, i:i + 2 * th:2, j:j + 2 * tw:2] += d[..., i, j]
    return dxpad[:, :, top:top + H, left:left + W].copy()


def filter_adjoint(dU):
    """dw (F, C, 3, 3) from dU (16, F, C): dw[f, c] = G^T dU[:, f, c] G."""
    F, C = dU.shape[1:]
    return np.einsum("ki,klfc,lj->fcij", G, dU.reshape(4, 4, F, C), G).astype(dU.dtype)


def conv2d_forward(x, w, b, pads):
    """y = conv(x, w) + b, stride 1: M[kl] = U[kl] @ V[kl], then the output transform."""
    N, _, H, W = x.shape
    Ho, Wo = H + pads[0] + pads[1] - 2, W + pads[2] + pads[3] - 2
    M = filter_transform(w) @ input_transform(x, pads, Ho, Wo)
    return output_transform(M, b, N, Ho, Wo)


def conv2d_backward_input(dy, w, x_shape, pads):
    """dx: dV[kl] = U[kl]^T @ Z[kl], then the input transform's adjoint."""
    Ho, Wo = dy.shape[2:]
    dV = filter_transform(w).transpose(0, 2, 1) @ grad_transform(dy)
    return input_adjoint(dV, x_shape, pads, Ho, Wo)


def conv2d_backward_weight(dy, x, pads):
    """(dw, db): dU[kl] = Z[kl] @ V[kl]^T, then the filter transform's adjoint; db sums dy."""
    Ho, Wo = dy.shape[2:]
    dU = grad_transform(dy) @ input_transform(x, pads, Ho, Wo).transpose(0, 2, 1)
    return filter_adjoint(dU), dy.sum(axis=(0, 2, 3))
