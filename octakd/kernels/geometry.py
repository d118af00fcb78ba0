"""Output sizes and padding for conv2d and max_pool2d, checked before any kernel runs.

Conv output size (cs231n's formula, per axis)::

    H_out = 1 + (H + pad_top + pad_bottom - kh) // stride

Padding:
- ``'valid'``: no padding.
- ``'same'``: the output has ``ceil(H / stride)`` rows, as in TensorFlow/Keras. The total
  padding ``max((H_out - 1) * stride + kh - H, 0)`` is split with the smaller half on top
  (left), so a 3x3 kernel at stride 1 gets one row or column on every side.
- an integer ``p`` (or a pair ``(ph, pw)``): ``p`` zeros on every side.

Pooling never pads. A pool window larger than the input along an axis is clamped to that axis
(the seed's 2x2 pool on a 1-sample-high audio map pools 1x2).
"""
import math
import numbers

import numpy as np

from ..errors import OctakdTypeError, OctakdValueError, ShapeError
from ..validate import MAX_SIZE, _whole_number

PADDING_WORDS = ("same", "valid")


def pair(value, name, where, minimum=1):
    """Return ``value`` as a pair of ints (``3 -> (3, 3)``), each at least ``minimum``.
    An array of one or two numbers (Octave's ``[2 2]`` or ``2`` from a ported script) is
    taken as the scalar or the pair."""
    if isinstance(value, np.ndarray) and value.size in (1, 2):
        items = value.ravel().tolist()
        value = items[0] if len(items) == 1 else tuple(items)
    if isinstance(value, (tuple, list)) and len(value) == 2:
        items = tuple(value)
    elif isinstance(value, numbers.Real) and not isinstance(value, bool):
        items = (value, value)
    else:
        raise OctakdTypeError(f"{where}: {name} must be an integer or a pair of integers, got {value!r}")
    kind = "positive" if minimum >= 1 else "non-negative"
    try:
        return tuple(_whole_number(item, name, where, kind, minimum, MAX_SIZE) for item in items)
    except OctakdValueError as exc:
        if "too large" in str(exc):
            raise
        raise OctakdValueError(f"{where}: {name} must be {kind} integer(s), got {value!r}") from None
    except OctakdTypeError:
        raise OctakdValueError(f"{where}: {name} must be {kind} integer(s), got {value!r}") from None


def check_padding(padding, where):
    """Validate a padding spec: 'same', 'valid', an int >= 0 or a pair of them."""
    if isinstance(padding, str):
        word = padding.lower()
        if word not in PADDING_WORDS:
            raise OctakdValueError(
                f"{where}: padding must be 'same', 'valid' or a non-negative integer, got {padding!r}")
        return word
    return pair(padding, "padding", where, minimum=0)


def conv_pads(padding, in_hw, kernel_hw, stride_hw):
    """Return (top, bottom, left, right) zero padding for a checked padding spec."""
    if padding == "valid":
        return (0, 0, 0, 0)
    if padding == "same":
        pads = []
        for size, k, s in zip(in_hw, kernel_hw, stride_hw):
            out = -(-size // s)                       # ceil(size / s)
            total = max((out - 1) * s + k - size, 0)
            pads += [total // 2, total - total // 2]
        return tuple(pads)
    ph, pw = padding
    return (ph, ph, pw, pw)


def conv_output_hw(in_hw, kernel_hw, stride_hw, pads, where="conv2d"):
    """Output (H_out, W_out) of a convolution; a clear error if it would be empty."""
    H, W = in_hw
    kh, kw = kernel_hw
    sh, sw = stride_hw
    Hp, Wp = H + pads[0] + pads[1], W + pads[2] + pads[3]
    if Hp < kh or Wp < kw:
        raise ShapeError(
            f"{where}: kernel {kh}x{kw} does not fit the padded input {Hp}x{Wp} "
            f"(input {H}x{W}); the output would be empty. Use padding='same' or a smaller kernel")
    return (1 + (Hp - kh) // sh, 1 + (Wp - kw) // sw)


def pool_geometry(in_hw, pool_hw, stride_hw, where="max_pool2d"):
    """Return (clamped pool (ph, pw), (H_out, W_out)) for a max pool without padding."""
    H, W = in_hw
    if H < 1 or W < 1:
        raise ShapeError(f"{where}: the input map is empty ({H}x{W})")
    ph, pw = min(pool_hw[0], H), min(pool_hw[1], W)
    sh, sw = stride_hw
    return (ph, pw), (1 + (H - ph) // sh, 1 + (W - pw) // sw)


def ceil_div(a, b):
    return int(math.ceil(a / b))
