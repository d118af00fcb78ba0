"""Softmax(classes): the network's end, a dense projection to logits and then softmax."""
import numpy as np

from ..errors import OctakdValueError
from ..losses import softmax
from ..validate import positive_int
from .base import Layer
from .dense import Dense


class Softmax(Layer):
    """softmax_layer(classes).

    Shapes: x (N, ...) flattened to (N, D); W (D, K); b (K,); logits z (N, K); p (N, K).

    Forward:   z = x @ W + b,  p = softmax(z)
    Backward:  dz = p * (dp - sum_k dp_k p_k)  (the softmax Jacobian), then as Dense.

    Training never goes through the softmax Jacobian: the losses take the logits and return
    dL/dz directly (``forward_logits`` / ``backward_logits``), which is both cheaper and more
    accurate. ``forward`` (probabilities) is what ``predict`` returns.
    """

    seed_name = "softmax_layer"

    def __init__(self, classes):
        super().__init__()
        classes = positive_int(classes, "classes", self.seed_name)
        if classes < 2:
            raise OctakdValueError(f"{self.seed_name}: classes must be at least 2 (one class leaves "
                                   f"nothing to predict), got {classes}")
        self.dense = Dense(classes, "linear")
        self.classes = self.dense.units
        self.params = self.dense.params
        self.grads = self.dense.grads

    def config(self):
        return {"classes": self.classes}

    def output_shape(self, input_shape):
        return (self.classes,)

    def build(self, input_shape, dtype=np.float32, rng=None):
        self.dense.name = self.name
        self.dense.build(input_shape, dtype, rng)
        self.input_shape = self.dense.input_shape
        self.params = self.dense.params
        self.grads = self.dense.grads

    def reset_grads(self):
        self.dense.reset_grads()
        self.grads = self.dense.grads

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.params = self.dense.params
        self.grads = self.dense.grads

    def forward_logits(self, x, training=True):
        self.dense.name = self.name
        if not self.built:
            self._check_input(x)
        logits = self.dense.forward(x, training)
        self.params, self.grads = self.dense.params, self.dense.grads
        return logits

    def backward_logits(self, dlogits):
        dx = self.dense.backward(dlogits)
        self.grads = self.dense.grads
        return dx

    def forward(self, x, training=True):
        self.probs = self._remember_output(softmax(self.forward_logits(x, training)))
        return self.probs

    def backward(self, dp):
        self._check_grad(dp)
        p = self.probs
        dz = p * (dp - (dp * p).sum(axis=1, keepdims=True))
        return self.backward_logits(dz)
