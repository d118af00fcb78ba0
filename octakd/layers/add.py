"""Add: join same-shape branches by element-wise sum (residual connections)."""
import numpy as np

from ..errors import ShapeError, describe
from ..validate import float_array
from .base import Layer


class Add(Layer):
    """addition_layer([b1, b2, ...]).

    Forward:  y = x_1 + x_2 + ... + x_k        (every x_i has the same shape and dtype)
    Backward: dx_i = dy for every branch      (each a fresh copy, so no two share storage)

    A residual block is ``y = x + F(x)``: the block's input branch and the tip of F joined here.
    """

    seed_name = "addition_layer"
    multi_input = True

    def build(self, input_shapes, dtype=np.float32, rng=None):
        shapes = [tuple(s) for s in input_shapes]
        if len(set(shapes)) != 1:
            raise ShapeError(f"{self.where}: the branches must have the same shape to be added, "
                             f"got per-sample shapes {shapes}; add a 1x1 conv2d_layer or a "
                             f"dense_layer to one branch to match them")
        self.input_shape = tuple(shapes)

    def output_shape(self, input_shapes):
        return tuple(input_shapes[0])

    def forward(self, xs, training=True):
        if not isinstance(xs, (list, tuple)) or len(xs) < 2:
            raise ShapeError(f"{self.where}: expected a list of at least 2 branch outputs, "
                             f"got {describe(xs)}")
        for x in xs:
            float_array(x, self.where)
        if len({x.shape for x in xs}) != 1 or len({x.dtype for x in xs}) != 1:
            raise ShapeError(f"{self.where}: the branches must have the same shape and dtype, got "
                             f"{', '.join(describe(x) for x in xs)}")
        if not self.built:
            self.build([x.shape[1:] for x in xs])
        self.shapes = [x.shape for x in xs]
        y = xs[0].copy()
        for x in xs[1:]:
            y += x
        return self._remember_output(y)

    def backward(self, dy):
        self._check_grad(dy)
        return [dy.copy() for _ in self.shapes]
