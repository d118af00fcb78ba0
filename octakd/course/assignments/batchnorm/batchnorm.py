"""Assignment "batchnorm": a user layer with the octakd layer contract.

    y = layer.forward(x, training)   # keep what backward needs on self
    dx = layer.backward(dy)          # return dL/dx, set self.grads["gamma"] and ["beta"]

x is (N, D). Training mode normalises with the batch's mean and (biased) variance and updates
the buffers running_mean and running_var:  r <- (1 - momentum) r + momentum * batch value
(the running variance uses the unbiased batch variance, var * N / (N - 1), as PyTorch does).
Inference mode normalises with the buffers. y = gamma * xhat + beta.
"""
import numpy as np

from octakd.layers.base import Layer


class MyBatchNorm(Layer):
    seed_name = "my_batchnorm_layer"

    def __init__(self, momentum=0.1, eps=1e-5):
        super().__init__()
        self.momentum, self.eps = momentum, eps

    def config(self):
        return {"momentum": self.momentum, "eps": self.eps}

    def _init_params(self, input_shape, dtype, rng):
        D = input_shape[0]
        self.params = {"gamma": np.ones(D, dtype), "beta": np.zeros(D, dtype)}
        self.buffers = {"running_mean": np.zeros(D, dtype), "running_var": np.ones(D, dtype)}

    def forward(self, x, training=True):
        """x (N, D) -> y (N, D); see the module docstring."""
        if not self.built:
            self.build(x.shape[1:], x.dtype)
        ### BEGIN SOLUTION
        if training:
            mu, var = x.mean(axis=0), x.var(axis=0)
            m, n = self.momentum, x.shape[0]
            self.buffers["running_mean"][...] = (1 - m) * self.buffers["running_mean"] + m * mu
            self.buffers["running_var"][...] = (1 - m) * self.buffers["running_var"] + m * var * n / (n - 1)
        else:
            mu, var = self.buffers["running_mean"], self.buffers["running_var"]
        self.training = training
        self.inv_std = 1.0 / np.sqrt(var + self.eps)
        self.xhat = (x - mu) * self.inv_std
        return self.params["gamma"] * self.xhat + self.params["beta"]
        ### END SOLUTION

    def backward(self, dy):
        """dL/dy (N, D) -> dL/dx (N, D); sets self.grads["gamma"] and self.grads["beta"]."""
        ### BEGIN SOLUTION
        self.grads["gamma"] = (dy * self.xhat).sum(axis=0)
        self.grads["beta"] = dy.sum(axis=0)
        dxhat = dy * self.params["gamma"]
        if not self.training:
            return dxhat * self.inv_std
        n = dy.shape[0]
        return self.inv_std / n * (n * dxhat - dxhat.sum(axis=0) - self.xhat * (dxhat * self.xhat).sum(axis=0))
        ### END SOLUTION
