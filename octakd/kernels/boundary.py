"""Size checks at the boundary of the compiled kernels.

The Numba kernels index flat arrays with sizes taken from their arguments and (for speed) no
bounds checks, so arguments that disagree (an x_shape that is not the forward's, an argmax from
elsewhere) would read or write outside the arrays. Each public function of conv_numba.py and
pool_numba.py calls one of these first; a mismatch is a ShapeError, never a crash. The layers
always pass consistent arrays, so these checks only ever fire on a misuse.
"""
import numpy as np

from ..errors import ShapeError


def _fail(where, message):
    raise ShapeError(f"{where} kernel: {message}")


def _four(where, name, shape):
    shape = tuple(int(s) for s in shape)
    if len(shape) != 4 or min(shape) < 1:
        _fail(where, f"{name} must have 4 positive dimensions (N, C, H, W), got {shape}")
    return shape


def _geometry(where, stride, pads):
    if len(stride) != 2 or min(int(s) for s in stride) < 1:
        _fail(where, f"stride must be two positive integers, got {tuple(stride)}")
    if len(pads) != 4 or min(int(p) for p in pads) < 0:
        _fail(where, f"pads must be four non-negative integers, got {tuple(pads)}")


def conv_out_hw(where, x_shape, w_shape, stride, pads):
    """Check x (N, C, H, W) against w (F, C, kh, kw), stride and pads; return (Ho, Wo)."""
    N, C, H, W = _four(where, "x", x_shape)
    F, Cw, kh, kw = _four(where, "w", w_shape)
    _geometry(where, stride, pads)
    if C != Cw:
        _fail(where, f"x has {C} channels but w expects {Cw}")
    Ho = (H + int(pads[0]) + int(pads[1]) - kh) // int(stride[0]) + 1
    Wo = (W + int(pads[2]) + int(pads[3]) - kw) // int(stride[1]) + 1
    if Ho < 1 or Wo < 1:
        _fail(where, f"a {kh}x{kw} kernel does not fit the padded {H}x{W} input")
    return Ho, Wo


def conv_forward(x, w, b):
    where = "conv2d_forward"
    F = _four(where, "w", w.shape)[0]
    if b.shape != (F,):
        _fail(where, f"b must have shape ({F},), got {b.shape}")


def conv_grad(where, dy, x_shape, w_shape, stride, pads):
    """dy must be (N, F, Ho, Wo) for these x and w."""
    Ho, Wo = conv_out_hw(where, x_shape, w_shape, stride, pads)
    want = (int(x_shape[0]), int(w_shape[0]), Ho, Wo)
    if tuple(dy.shape) != want:
        _fail(where, f"dy must have shape {want}, got {tuple(dy.shape)}")


def pool_forward(x, pool, stride):
    where = "maxpool2d_forward"
    _, _, H, W = _four(where, "x", x.shape)
    if len(pool) != 2 or not (1 <= int(pool[0]) <= H and 1 <= int(pool[1]) <= W):
        _fail(where, f"pool {tuple(pool)} must be positive and fit the {H}x{W} input")
    _geometry(where, stride, (0, 0, 0, 0))


def pool_backward(dy, argmax, x_shape):
    where = "maxpool2d_backward"
    N, C, H, W = _four(where, "x_shape", x_shape)
    if dy.ndim != 4 or dy.shape != argmax.shape or dy.shape[:2] != (N, C):
        _fail(where, f"dy {tuple(dy.shape)} and argmax {tuple(argmax.shape)} must both be "
                     f"({N}, {C}, Ho, Wo)")
    if argmax.size and (int(np.min(argmax)) < 0 or int(np.max(argmax)) >= H * W):
        _fail(where, f"argmax holds positions outside the {H}x{W} input")
