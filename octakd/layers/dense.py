"""Dense: a fully connected layer with an optional element-wise activation."""
import numpy as np

from ..errors import OctakdValueError, ShapeError, describe
from ..validate import fits_in_memory, positive_int
from .activation import ACTIVATION_ALIASES, ACTIVATIONS
from .base import Layer


def check_activation(activation, where):
    name = "linear" if activation is None else activation
    if not isinstance(name, str):
        raise OctakdValueError(f"{where}: activation must be a string such as 'relu', got {activation!r}")
    name = ACTIVATION_ALIASES.get(name.lower(), name.lower())
    if name not in ACTIVATIONS:
        raise OctakdValueError(
            f"{where}: unknown activation {activation!r}; expected one of "
            f"{', '.join(repr(a) for a in ACTIVATIONS)} (or 'none')")
    return name


class Dense(Layer):
    """dense_layer(units, activation='linear').

    Shapes: x (N, D) or any (N, ...) which is flattened to (N, D); W (D, units); b (units,);
    y (N, units).

    Forward:   z = x @ W + b,  y = f(z)
    Backward:  dz = dy * f'(z),  dW = x^T @ dz,  db = sum_n dz,  dx = dz @ W^T (reshaped to x)
    Weights start He-normal N(0, 2/D) for relu, Glorot-normal N(0, 2/(D + units)) otherwise.

    The gradient arrays are allocated once and refilled by each backward call, because the
    seed's merged layer holds 283 M weights and a fresh 1.1 GB array every step costs more in
    page faults than the matrix product itself (see PERF_NOTES).
    """

    seed_name = "dense_layer"

    def __init__(self, units, activation="linear"):
        super().__init__()
        self.units = positive_int(units, "units", self.seed_name)
        self.activation = check_activation(activation, self.seed_name)

    def config(self):
        return {"units": self.units, "activation": self.activation}

    def output_shape(self, input_shape):
        return (self.units,)

    def _init_params(self, input_shape, dtype, rng):
        D = int(np.prod(input_shape, dtype=object))
        fits_in_memory(D * self.units, "the weights", self.where)
        scale = np.sqrt(2.0 / D) if self.activation == "relu" else np.sqrt(2.0 / (D + self.units))
        W = rng.standard_normal((D, self.units), dtype=np.float32 if dtype == np.float32 else np.float64)
        W *= scale
        self.params = {"W": W.astype(dtype, copy=False), "b": np.zeros(self.units, dtype=dtype)}

    def _shape_flexible(self, x):
        return int(np.prod(x.shape[1:])) == self.params["W"].shape[0]

    def forward(self, x, training=True):
        if isinstance(x, np.ndarray) and x.ndim < 2:
            raise ShapeError(f"{self.where}: expected a batch of shape (N, features), got "
                             f"{describe(x)}; for one sample use x[None, :]")
        self._check_input(x)
        self.x_shape = x.shape
        self.x2 = x.reshape(x.shape[0], -1)
        self.z = self.x2 @ self.params["W"] + self.params["b"]
        f, _ = ACTIVATIONS[self.activation]
        self.a = f(self.z)
        return self._remember_output(self.a)

    def backward(self, dy):
        self._check_grad(dy)
        _, fprime = ACTIVATIONS[self.activation]
        dz = dy * fprime(self.z, self.a)
        W = self.params["W"]
        if self.grads.get("W") is None or self.grads["W"].shape != W.shape or self.grads["W"].dtype != W.dtype:
            self.grads["W"] = np.empty_like(W)
        np.matmul(self.x2.T, dz, out=self.grads["W"])
        self.grads["b"] = dz.sum(axis=0)
        return (dz @ W.T).reshape(self.x_shape)
