"""Dropout: inverted dropout, the identity at inference."""
import numpy as np

from ..validate import real_in_range
from .base import Layer


class Dropout(Layer):
    """dropout_layer(p): during training each value is dropped with probability p and the
    survivors are scaled by 1/(1-p), so the expected output equals the input and inference
    needs no rescaling.

    Forward (training):  mask ~ Bernoulli(1-p),  y = x * mask / (1-p)
    Forward (inference): y = x
    Backward:            dx = dy * mask / (1-p)   (dx = dy after an inference forward)

    The mask comes from ``self.rng``, a NumPy Generator seeded by ``seed`` (the network reseeds
    it from the training seed, so runs repeat bit for bit).
    """

    seed_name = "dropout_layer"

    def __init__(self, p=0.5, seed=0):
        super().__init__()
        self.p = real_in_range(p, "drop probability p", self.seed_name, 0.0, 1.0, high_open=True)
        self.rng = np.random.default_rng(seed)

    def config(self):
        return {"p": self.p}

    def forward(self, x, training=True):
        self._check_input(x)
        if not training or self.p == 0.0:
            self.scale = None
            return self._remember_output(x)
        keep = self.rng.random(x.shape) >= self.p
        self.scale = keep.astype(x.dtype) / x.dtype.type(1.0 - self.p)
        return self._remember_output(x * self.scale)

    def backward(self, dy):
        self._check_grad(dy)
        return dy if self.scale is None else dy * self.scale
