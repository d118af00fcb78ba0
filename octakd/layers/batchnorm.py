"""BatchNorm: batch normalisation with running statistics (Ioffe and Szegedy, 2015)."""
import numpy as np

from ..errors import ShapeError, describe
from ..validate import real_in_range
from .base import Layer


class BatchNorm(Layer):
    """batchnorm_layer(momentum=0.1, eps=1e-5).

    Shapes: x (N, C, H, W) is normalised per channel over N, H and W; x (N, D) per feature over
    N. gamma and beta are (C,) or (D,). M below is the number of values averaged per channel.

    Forward, training:   mu = mean(x),  var = mean((x - mu)^2)   (biased, over the M values)
                         xhat = (x - mu) / sqrt(var + eps),   y = gamma * xhat + beta
                         running_mean <- (1 - momentum) * running_mean + momentum * mu
                         running_var  <- (1 - momentum) * running_var + momentum * var * M/(M-1)
    Forward, inference:  xhat = (x - running_mean) / sqrt(running_var + eps)
    Backward, training:  dxhat = dy * gamma
                         dx = (M dxhat - sum(dxhat) - xhat * sum(dxhat * xhat)) / (M sqrt(var + eps))
                         dgamma = sum(dy * xhat),  dbeta = sum(dy)
    Backward, inference: dx = dy * gamma / sqrt(running_var + eps)  (the statistics are constants)

    The momentum and the unbiased running variance follow PyTorch's BatchNorm1d/2d, so the
    two agree on every output and buffer (tests/test_batchnorm.py). ``running_mean`` and
    ``running_var`` are buffers: saved by save_model and checkpointed, with no gradient.
    """

    seed_name = "batchnorm_layer"

    def __init__(self, momentum=0.1, eps=1e-5):
        super().__init__()
        self.momentum = real_in_range(momentum, "momentum", self.seed_name, 0.0, 1.0)
        self.eps = real_in_range(eps, "eps", self.seed_name, 0.0, 1.0, low_open=True)

    def config(self):
        return {"momentum": self.momentum, "eps": self.eps}

    def _init_params(self, input_shape, dtype, rng):
        if len(input_shape) not in (1, 3):
            raise ShapeError(f"{self.where}: expected inputs (N, D) or (N, C, H, W), got a "
                             f"per-sample shape {input_shape}")
        C = input_shape[0]
        self.params = {"gamma": np.ones(C, dtype), "beta": np.zeros(C, dtype)}
        self.buffers = {"running_mean": np.zeros(C, dtype), "running_var": np.ones(C, dtype)}

    def _axes(self, x):
        return (0,) if x.ndim == 2 else (0, 2, 3)

    def _bcast(self, v, x):
        return v.reshape((1, -1) if x.ndim == 2 else (1, -1, 1, 1))

    def forward(self, x, training=True):
        if isinstance(x, np.ndarray) and x.ndim not in (2, 4):
            raise ShapeError(f"{self.where}: expected (N, D) or (N, C, H, W), got {describe(x)}")
        self._check_input(x)
        axes = self._axes(x)
        M = x.size // x.shape[1]
        if training:
            if M < 2:
                raise ShapeError(f"{self.where}: training mode needs at least 2 values per channel "
                                 f"to estimate a variance, got input {x.shape}; use batches of 2 "
                                 f"or more samples (a batch_size that leaves no last batch of 1)")
            mu = x.mean(axis=axes)
            var = ((x - self._bcast(mu, x)) ** 2).mean(axis=axes)
            m = x.dtype.type(self.momentum)
            rm, rv = self.buffers["running_mean"], self.buffers["running_var"]
            rm[...] = (1 - m) * rm + m * mu
            rv[...] = (1 - m) * rv + m * var * x.dtype.type(M / (M - 1))
        else:
            mu, var = self.buffers["running_mean"], self.buffers["running_var"]
        self.scale = 1.0 / np.sqrt(var + x.dtype.type(self.eps))     # 1 / sqrt(var + eps), (C,)
        self.z = (x - self._bcast(mu, x)) * self._bcast(self.scale, x)  # xhat
        self.mask = training                                         # which backward applies
        y = self._bcast(self.params["gamma"], x) * self.z + self._bcast(self.params["beta"], x)
        return self._remember_output(y.astype(x.dtype, copy=False))

    def backward(self, dy):
        self._check_grad(dy)
        axes = self._axes(dy)
        xhat = self.z
        self.grads["gamma"] = (dy * xhat).sum(axis=axes)
        self.grads["beta"] = dy.sum(axis=axes)
        dxhat = dy * self._bcast(self.params["gamma"], dy)
        scale = self._bcast(self.scale, dy)
        if not self.mask:
            return dxhat * scale
        M = dy.size // dy.shape[1]
        s1 = self._bcast(dxhat.sum(axis=axes), dy)
        s2 = self._bcast((dxhat * xhat).sum(axis=axes), dy)
        return (scale / M) * (M * dxhat - s1 - xhat * s2)
