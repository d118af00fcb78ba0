"""The fused kernels of the lean per-batch path, in plain NumPy: the readable reference and the
test oracle of ``lean_numba.py`` (same functions, same results within float tolerance).

Each function is the composition of kernels and layer formulas that already exist, written out:

- ``conv2d_relu_forward``   conv (conv_numpy) + bias, then ReLU if ``relu`` (as layers.ReLU:
  ``x if x > 0 else 0``, so NaN gives 0);
- ``conv2d_relu_pool_forward`` the same followed by max-pool (inference: no argmax kept);
- ``conv2d_relu_backward``  ReLU's backward (mask ``y > 0``, y being the ReLU's output, which
  is > 0 exactly where the conv output is) followed by the conv's dW, db and (if asked) dx;
- ``im2col``                the conv's im2col matrix with its row of ones (the bias trick),
  tap by tap from conv_numpy's padded views;
- ``maxpool2d_forward``     as pool_numpy;
- ``maxpool2d_relu_backward`` the pool's backward followed by the ReLU's backward when the pool
  reads a ReLU's output: the gradient reaches the window's winner only where the pooled value
  is > 0 (the winner of a window whose maximum is 0 lies where the ReLU output is 0).

``scratch`` is a dict the Numba twin keeps its reusable buffers in (one per call site, owned
by the caller); the reference ignores it and always returns fresh arrays.
"""
import numpy as np

from . import conv_numpy, pool_numpy


def _relu(z):
    return np.where(z > 0, z, np.zeros((), dtype=z.dtype))


def conv2d_relu_forward(x, w, b, stride, pads, relu=True, scratch=None):
    """y = relu(conv(x, w) + b) (or without the ReLU), shape (N, F, Ho, Wo)."""
    y = conv_numpy.conv2d_forward(x, w, b, stride, pads)
    return _relu(y) if relu else y


def conv2d_relu_pool_forward(x, w, b, stride, pads, pool, pool_stride, scratch=None):
    """maxpool(relu(conv(x, w) + b)): the values only, shape (N, F, Hq, Wq)."""
    return pool_numpy.maxpool2d_forward(conv2d_relu_forward(x, w, b, stride, pads), pool,
                                        pool_stride)[0]


def conv2d_relu_backward(dy, y, x, w, stride, pads, need_dx=True, scratch=None):
    """(dx or None, dw, db) given dy = dL/d(output). With ``y`` (the forward's output after its
    ReLU) the ReLU's mask is applied first; with y None, dy is the conv output's gradient."""
    dz = dy if y is None else np.where(y > 0, dy, np.zeros((), dtype=dy.dtype))
    dw, db = conv_numpy.conv2d_backward_weight(dz, x, w.shape, stride, pads)
    dx = conv_numpy.conv2d_backward_input(dz, w, x.shape, stride, pads) if need_dx else None
    return dx, dw, db


def im2col(x, kh, kw, stride, pads, scratch=None):
    """cols (K+1, N, Ho, Wo), K = C*kh*kw: cols[(c*kh + i)*kw + j, n] is the part of the padded
    x[n, c] that tap (i, j) meets (conv_numpy._tap_view); the last row is ones."""
    N, C = x.shape[:2]
    Ho, Wo = conv_numpy.output_hw(x.shape[2:], (kh, kw), stride, pads)
    xpad = conv_numpy._pad(x, pads)
    cols = np.ones((C * kh * kw + 1, N, Ho, Wo), dtype=x.dtype)
    for c in range(C):
        for i in range(kh):
            for j in range(kw):
                tap = conv_numpy._tap_view(xpad, i, j, stride, (Ho, Wo))      # (N, C, Ho, Wo)
                cols[(c * kh + i) * kw + j] = tap[:, c]
    return cols


def maxpool2d_forward(x, pool, stride, scratch=None):
    """(y, argmax), see pool_numpy."""
    return pool_numpy.maxpool2d_forward(x, pool, stride)


def maxpool2d_relu_backward(dy, argmax, y, x_shape, relu=True, scratch=None):
    """dL/dx of the pool (x_shape); with ``relu`` only windows whose output y is > 0 pass on."""
    if relu:
        dy = np.where(y > 0, dy, np.zeros((), dtype=dy.dtype))
    return pool_numpy.maxpool2d_backward(dy, argmax, x_shape)
