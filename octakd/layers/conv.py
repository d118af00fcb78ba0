"""Conv2D: 2-D cross-correlation over NCHW inputs, as in every deep-learning framework."""
import numpy as np

from .. import kernels
from ..errors import ShapeError
from ..kernels import geometry
from ..validate import fits_in_memory, positive_int
from .base import Layer


class Conv2D(Layer):
    """conv2d_layer(filters, kh, kw, padding='same', stride=1).

    Shapes: x (N, C, H, W), W (F, C, kh, kw), b (F,), y (N, F, H_out, W_out) with
    ``H_out = 1 + (H + pad_top + pad_bottom - kh) // stride`` (see kernels/geometry.py for
    'same', 'valid' and integer padding).

    Forward:   y[n,f,p,q] = b[f] + sum_{c,i,j} W[f,c,i,j] * xpad[n, c, p*s + i, q*s + j]
    Backward:  dW[f,c,i,j] = sum_{n,p,q} dy[n,f,p,q] * xpad[n, c, p*s + i, q*s + j]
               db[f]       = sum_{n,p,q} dy[n,f,p,q]
               dx          = the transpose of the forward map applied to dy
    Weights start He-normal: N(0, 2 / (C * kh * kw)); biases start at 0.
    """

    seed_name = "conv2d_layer"

    def __init__(self, filters, kh, kw=None, padding="same", stride=1):
        super().__init__()
        where = self.seed_name
        self.filters = positive_int(filters, "filters", where)
        self.kh = positive_int(kh, "kernel height", where)
        self.kw = positive_int(kh if kw is None else kw, "kernel width", where)
        self.padding = geometry.check_padding(padding, where)
        self.stride = geometry.pair(stride, "stride", where)

    def config(self):
        padding = self.padding if isinstance(self.padding, str) else list(self.padding)
        return {"filters": self.filters, "kh": self.kh, "kw": self.kw,
                "padding": padding, "stride": list(self.stride)}

    def _geometry(self, input_shape):
        if len(input_shape) != 3:
            raise ShapeError(f"{self.where}: expected inputs of shape (N, C, H, W), "
                             f"got per-sample shape {tuple(input_shape)}")
        hw = tuple(input_shape[1:])
        pads = geometry.conv_pads(self.padding, hw, (self.kh, self.kw), self.stride)
        out_hw = geometry.conv_output_hw(hw, (self.kh, self.kw), self.stride, pads, self.where)
        return pads, out_hw

    def output_shape(self, input_shape):
        _, (Ho, Wo) = self._geometry(input_shape)
        return (self.filters, Ho, Wo)

    def _init_params(self, input_shape, dtype, rng):
        self._geometry(input_shape)
        C = input_shape[0]
        fits_in_memory(self.filters * C * self.kh * self.kw, "the weights", self.where)
        fan_in = C * self.kh * self.kw
        W = rng.standard_normal((self.filters, C, self.kh, self.kw)) * np.sqrt(2.0 / fan_in)
        self.params = {"W": W.astype(dtype), "b": np.zeros(self.filters, dtype=dtype)}

    def _shape_flexible(self, x):
        """Any height and width will do; the channel count must match the weights."""
        return x.shape[1] == self.input_shape[0]

    def forward(self, x, training=True):
        self._check_input(x, ndim=(4,))
        self.pads, (Ho, Wo) = self._geometry(x.shape[1:])
        N, C, H, W = x.shape
        top, bottom, left, right = self.pads
        fits_in_memory(N * C * (H + top + bottom) * (W + left + right), "the padded input", self.where)
        fits_in_memory(N * C * self.kh * self.kw * Ho * Wo, "the unfolded (im2col) input", self.where)
        fits_in_memory(N * self.filters * Ho * Wo, "the output", self.where)
        self.x = x
        y = kernels.conv2d_forward(x, self.params["W"], self.params["b"], self.stride, self.pads)
        return self._remember_output(y)

    def backward(self, dy):
        self._check_grad(dy)
        dx, dW, db = kernels.conv2d_backward(dy, self.x, self.params["W"], self.stride, self.pads)
        self.grads["W"], self.grads["b"] = dW, db
        return dx
