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

    Gradients: each backward call stores new arrays in ``grads``, so a reference kept from one
    step still holds that step's values after the next. The one exception is the fast path of
    ``train_model``: while it trains, ``reuse_grad_buffer`` is True and dW is written into the
    same array every step (the seed's merged layer holds 283 M weights, and a fresh 1.1 GB array
    per step costs more in page faults than the matrix product itself; docs/performance.md).
    The training loop uses each step's gradients before the next backward, and turns the flag
    off when it returns.
    """

    seed_name = "dense_layer"
    reuse_grad_buffer = False     # True only inside train_model's loop (see above)

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
        """dy (N, units) -> dx (shaped like x); sets grads["W"] (D, units) and grads["b"] (units,)."""
        self._check_grad(dy)
        _, fprime = ACTIVATIONS[self.activation]
        dz = dy * fprime(self.z, self.a)            # back through the activation: (N, units)
        if self.reuse_grad_buffer:
            self._matmul_into_grad_W(self.x2.T, dz)     # the fast path: the same array each step
        else:
            self.grads["W"] = self.x2.T @ dz        # (D, N) @ (N, units): summed over the batch
        self.grads["b"] = dz.sum(axis=0)
        dx = dz @ self.params["W"].T                # (N, units) @ (units, D)
        return dx.reshape(self.x_shape)

    def _matmul_into_grad_W(self, a, b):
        """grads["W"] = a @ b, written into the existing array (allocated on first use)."""
        W, g = self.params["W"], self.grads.get("W")
        if g is None or g.shape != W.shape or g.dtype != W.dtype:
            g = self.grads["W"] = np.empty_like(W)
        np.matmul(a, b, out=g)

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("reuse_grad_buffer", None)        # a copy made while training is a plain layer
        return state
