"""MaxPool2D: the maximum over each pool window, without padding."""
from .. import kernels
from ..errors import ShapeError
from ..kernels import geometry
from .base import Layer


class MaxPool2D(Layer):
    """max_pool2d_layer(pool, stride).

    Shapes: x (N, C, H, W) -> y (N, C, H_out, W_out), ``H_out = 1 + (H - ph) // sh``.
    A window larger than the input along an axis is clamped to that axis: the seed's 2x2
    pool on a 1 x L audio map pools 1x2 windows, giving 1 x (1 + (L - 2) // 2).

    Backward: each window's dy goes to its single winner, the first maximum in row-major
    order (see kernels/pool_numpy.py); everything else gets 0.
    """

    seed_name = "max_pool2d_layer"

    def __init__(self, pool=2, stride=None):
        super().__init__()
        where = self.seed_name
        self.pool = geometry.pair(pool, "pool size", where)
        self.stride = geometry.pair(self.pool if stride is None else stride, "stride", where)

    def config(self):
        return {"pool": list(self.pool), "stride": list(self.stride)}

    def _geometry(self, input_shape):
        if len(input_shape) != 3:
            raise ShapeError(f"{self.where}: expected inputs of shape (N, C, H, W), "
                             f"got per-sample shape {tuple(input_shape)}")
        return geometry.pool_geometry(input_shape[1:], self.pool, self.stride, self.where)

    def output_shape(self, input_shape):
        _, (Ho, Wo) = self._geometry(input_shape)
        return (input_shape[0], Ho, Wo)

    def forward(self, x, training=True):
        self._check_input(x, ndim=(4,))
        pool, _ = self._geometry(x.shape[1:])
        self.x_shape = x.shape
        y, self.argmax = kernels.maxpool2d_forward(x, pool, self.stride)
        return self._remember_output(y)

    def backward(self, dy):
        self._check_grad(dy)
        return kernels.maxpool2d_backward(dy, self.argmax, self.x_shape)
