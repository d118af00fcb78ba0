"""ReLU and the element-wise activations Dense uses."""
import numpy as np

from .base import Layer


def relu(z):
    return np.maximum(z, 0)


def sigmoid(z):
    """1 / (1 + exp(-z)), written so that neither branch overflows."""
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


# name -> (f(z), f'(z) written in terms of z and a = f(z))
ACTIVATIONS = {
    "linear": (lambda z: z, lambda z, a: np.ones_like(z)),
    "relu": (relu, lambda z, a: (z > 0).astype(z.dtype)),
    "sigmoid": (sigmoid, lambda z, a: a * (1 - a)),
    "tanh": (np.tanh, lambda z, a: 1 - a * a),
}
ACTIVATION_ALIASES = {"none": "linear", "identity": "linear", "": "linear"}


class ReLU(Layer):
    """y = max(x, 0);  dL/dx = dL/dy * [x > 0]  (the subgradient at 0 is taken as 0)."""

    seed_name = "relu_layer"

    def forward(self, x, training=True):
        self._check_input(x)
        self.mask = x > 0
        return self._remember_output(np.where(self.mask, x, np.zeros((), dtype=x.dtype)))

    def backward(self, dy):
        self._check_grad(dy)
        return np.where(self.mask, dy, np.zeros((), dtype=dy.dtype))
