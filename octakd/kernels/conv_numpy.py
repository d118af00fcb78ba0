"""conv2d in plain NumPy: the readable version and the test oracle of the Numba kernels.

Shapes: x (N, C, H, W), w (F, C, kh, kw), b (F,), y (N, F, H_out, W_out).
``stride`` is (sh, sw) and ``pads`` is (top, bottom, left, right), see ``geometry.py``.

The loops run over the kh*kw kernel taps. Tap (i, j) multiplies a strided, shifted view of the
padded input by the (F, C) weight matrix ``w[:, :, i, j]``:

    y[n, f, p, q] = b[f] + sum_{c, i, j} w[f, c, i, j] * xpad[n, c, p*sh + i, q*sw + j]
"""
import numpy as np


def _pad(x, pads):
    top, bottom, left, right = pads
    return np.pad(x, ((0, 0), (0, 0), (top, bottom), (left, right)))


def _tap_view(xpad, i, j, stride, out_hw):
    """The input rows/cols that tap (i, j) meets, shape (N, C, H_out, W_out)."""
    sh, sw = stride
    Ho, Wo = out_hw
    return xpad[:, :, i:i + sh * (Ho - 1) + 1:sh, j:j + sw * (Wo - 1) + 1:sw]


def output_hw(x_hw, w_hw, stride, pads):
    return ((x_hw[0] + pads[0] + pads[1] - w_hw[0]) // stride[0] + 1,
            (x_hw[1] + pads[2] + pads[3] - w_hw[1]) // stride[1] + 1)


def conv2d_forward(x, w, b, stride, pads):
    """y = conv(x, w) + b. Returns y of shape (N, F, H_out, W_out), in x's dtype."""
    N = x.shape[0]
    F, C, kh, kw = w.shape
    Ho, Wo = output_hw(x.shape[2:], (kh, kw), stride, pads)
    xpad = _pad(x, pads)
    y = np.zeros((N, F, Ho, Wo), dtype=x.dtype)
    for i in range(kh):
        for j in range(kw):
            patch = _tap_view(xpad, i, j, stride, (Ho, Wo))          # (N, C, Ho, Wo)
            y += np.einsum("nchw,fc->nfhw", patch, w[:, :, i, j], optimize=True)
    y += b.reshape(1, F, 1, 1)
    return y


def conv2d_backward_input(dy, w, x_shape, stride, pads):
    """dL/dx: each tap scatters dy back through w[:, :, i, j]^T. Returns shape ``x_shape``."""
    N, C, H, W = x_shape
    F, _, kh, kw = w.shape
    Ho, Wo = dy.shape[2:]
    top, bottom, left, right = pads
    dxpad = np.zeros((N, C, H + top + bottom, W + left + right), dtype=dy.dtype)
    for i in range(kh):
        for j in range(kw):
            _tap_view(dxpad, i, j, stride, (Ho, Wo))[...] += np.einsum(
                "nfhw,fc->nchw", dy, w[:, :, i, j], optimize=True)
    return dxpad[:, :, top:top + H, left:left + W].copy()


def conv2d_backward_weight(dy, x, w_shape, stride, pads):
    """dL/dw[f, c, i, j] = sum_{n,p,q} dy[n, f, p, q] * xpad[n, c, p*sh+i, q*sw+j];
    dL/db[f] = sum_{n,p,q} dy[n, f, p, q]. Returns (dw, db)."""
    F, C, kh, kw = w_shape
    Ho, Wo = dy.shape[2:]
    xpad = _pad(x, pads)
    dw = np.zeros(w_shape, dtype=dy.dtype)
    for i in range(kh):
        for j in range(kw):
            patch = _tap_view(xpad, i, j, stride, (Ho, Wo))
            dw[:, :, i, j] = np.einsum("nfhw,nchw->fc", dy, patch, optimize=True)
    db = dy.sum(axis=(0, 2, 3))
    return dw, db


def conv2d_backward(dy, x, w, stride, pads):
    """(dL/dx, dL/dw, dL/db): conv2d_backward_input and conv2d_backward_weight in one call."""
    dw, db = conv2d_backward_weight(dy, x, w.shape, stride, pads)
    return conv2d_backward_input(dy, w, x.shape, stride, pads), dw, db
