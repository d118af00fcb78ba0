"""Concatenate: flatten each branch and join them along the feature axis."""
import numpy as np

from ..errors import ShapeError, describe
from ..validate import float_array
from .base import Layer


class Concatenate(Layer):
    """concatenate_layer([b1, b2, ...]).

    Forward:  x_k (N, ...) -> flat_k (N, D_k);  y = [flat_1, flat_2, ...]  (N, sum_k D_k)
    Backward: dy is split back into the D_k columns and each piece reshaped to x_k's shape.
    """

    seed_name = "concatenate_layer"
    multi_input = True

    def build(self, input_shapes, dtype=np.float32, rng=None):
        self.input_shape = tuple(tuple(s) for s in input_shapes)

    def output_shape(self, input_shapes):
        return (int(sum(np.prod(s) for s in input_shapes)),)

    def forward(self, xs, training=True):
        if not isinstance(xs, (list, tuple)) or len(xs) == 0:
            raise ShapeError(f"{self.where}: expected a list of branch outputs, got {describe(xs)}")
        for x in xs:
            float_array(x, self.where)
        batch = {x.shape[0] for x in xs}
        if len(batch) != 1:
            raise ShapeError(f"{self.where}: the branches have different batch sizes "
                             f"{[x.shape[0] for x in xs]}; give every input the same number of samples")
        dtypes = {x.dtype for x in xs}
        if len(dtypes) != 1:
            raise ShapeError(f"{self.where}: the branches have different dtypes {sorted(map(str, dtypes))}")
        if not self.built:
            self.build([x.shape[1:] for x in xs])
        self.shapes = [x.shape for x in xs]
        return self._remember_output(np.concatenate([x.reshape(x.shape[0], -1) for x in xs], axis=1))

    def backward(self, dy):
        self._check_grad(dy)
        pieces, start = [], 0
        for shape in self.shapes:
            width = int(np.prod(shape[1:]))
            pieces.append(dy[:, start:start + width].reshape(shape))
            start += width
        return pieces
