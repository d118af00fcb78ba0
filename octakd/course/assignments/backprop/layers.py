"""Assignment "backprop": forward and backward passes as plain loops and array code.

Every forward returns (out, cache); every backward takes (dout, cache) and returns the
gradients. Shapes: x (N, D) for dense layers; x (N, C, H, W) and w (F, C, HH, WW) for
convolutions. Check your work with `python -m pytest tests/public` and `python walkthrough.py`.
"""
import numpy as np


def dense_forward(x, w, b):
    """y = x @ w + b with x (N, D), w (D, M), b (M,). Returns (y, cache)."""
    ### BEGIN SOLUTION
    return x @ w + b, (x, w)
    ### END SOLUTION


def dense_backward(dy, cache):
    """Given dL/dy (N, M) return (dx, dw, db): dx = dy @ w.T, dw = x.T @ dy, db = sum_n dy."""
    ### BEGIN SOLUTION
    x, w = cache
    return dy @ w.T, x.T @ dy, dy.sum(axis=0)
    ### END SOLUTION


def relu_forward(x):
    """y = max(x, 0). Returns (y, cache)."""
    ### BEGIN SOLUTION
    return np.maximum(x, 0), x
    ### END SOLUTION


def relu_backward(dy, cache):
    """dx = dy where x > 0, else 0. Do not modify dy in place."""
    ### BEGIN SOLUTION
    x = cache
    return dy * (x > 0)
    ### END SOLUTION


def conv_forward_naive(x, w, b, stride=1, pad=0):
    """Convolution (cross-correlation, as in every DL library) with loops.

    x (N, C, H, W), w (F, C, HH, WW), b (F,); zero padding `pad` on every side.
    y (N, F, H', W') with H' = 1 + (H + 2 pad - HH) // stride, W' likewise:
        y[n, f, i, j] = b[f] + sum_{c,p,q} xpad[n, c, i*stride + p, j*stride + q] * w[f, c, p, q]
    Returns (y, cache).
    """
    ### BEGIN SOLUTION
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    Ho, Wo = 1 + (H + 2 * pad - HH) // stride, 1 + (W + 2 * pad - WW) // stride
    y = np.zeros((N, F, Ho, Wo), dtype=x.dtype)
    for n in range(N):
        for f in range(F):
            for i in range(Ho):
                for j in range(Wo):
                    window = xpad[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
                    y[n, f, i, j] = np.sum(window * w[f]) + b[f]
    return y, (x, w, stride, pad)
    ### END SOLUTION


def conv_backward_naive(dy, cache):
    """Given dL/dy (N, F, H', W') return (dx, dw, db) with the shapes of x, w and b."""
    ### BEGIN SOLUTION
    x, w, stride, pad = cache
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dxpad = np.zeros_like(xpad)
    dw = np.zeros_like(w)
    db = dy.sum(axis=(0, 2, 3))
    for n in range(N):
        for f in range(F):
            for i in range(dy.shape[2]):
                for j in range(dy.shape[3]):
                    rs, cs = i * stride, j * stride
                    dw[f] += dy[n, f, i, j] * xpad[n, :, rs:rs + HH, cs:cs + WW]
                    dxpad[n, :, rs:rs + HH, cs:cs + WW] += dy[n, f, i, j] * w[f]
    return dxpad[:, :, pad:pad + H, pad:pad + W], dw, db
    ### END SOLUTION


def maxpool_forward_naive(x, pool=2, stride=2):
    """Max pooling with loops: y[n, c, i, j] = max of the pool x pool window at (i*stride,
    j*stride). H' = 1 + (H - pool) // stride. Returns (y, cache)."""
    ### BEGIN SOLUTION
    N, C, H, W = x.shape
    Ho, Wo = 1 + (H - pool) // stride, 1 + (W - pool) // stride
    y = np.zeros((N, C, Ho, Wo), dtype=x.dtype)
    for n in range(N):
        for c in range(C):
            for i in range(Ho):
                for j in range(Wo):
                    y[n, c, i, j] = x[n, c, i * stride:i * stride + pool, j * stride:j * stride + pool].max()
    return y, (x, pool, stride)
    ### END SOLUTION


def maxpool_backward_naive(dy, cache):
    """Route each dy[n, c, i, j] to the position of its window's maximum (the first one on a
    tie); overlapping windows add up. Returns dx with x's shape."""
    ### BEGIN SOLUTION
    x, pool, stride = cache
    dx = np.zeros_like(x)
    for n in range(x.shape[0]):
        for c in range(x.shape[1]):
            for i in range(dy.shape[2]):
                for j in range(dy.shape[3]):
                    window = x[n, c, i * stride:i * stride + pool, j * stride:j * stride + pool]
                    p, q = np.unravel_index(np.argmax(window), window.shape)
                    dx[n, c, i * stride + p, j * stride + q] += dy[n, c, i, j]
    return dx
    ### END SOLUTION


def softmax_cross_entropy(logits, labels):
    """loss = -1/N sum_n log softmax(z_n)[y_n] and dloss/dz = (softmax(z) - onehot(y)) / N.
    Subtract each row's max before exp (large logits must not overflow). Returns (loss, dz)."""
    ### BEGIN SOLUTION
    z = logits - logits.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    N = logits.shape[0]
    loss = -logp[np.arange(N), labels].mean()
    dz = np.exp(logp)
    dz[np.arange(N), labels] -= 1
    return float(loss), dz / N
    ### END SOLUTION
