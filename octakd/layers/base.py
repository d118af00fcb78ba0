"""The contract every octakd layer follows.

    y  = layer.forward(x, training=True)   # keeps what backward needs on the layer
    dx = layer.backward(dy)                # returns dL/dx and sets layer.grads[k]

``layer.params`` maps a name ("W", "b") to an ndarray; ``layer.grads`` has the same keys and
shapes. ``layer.buffers`` maps a name to non-trainable state (BatchNorm's running mean and
variance): it has no gradient, but it is saved, loaded and checkpointed with the parameters. Layers infer their parameter shapes on the first forward call (``build``); after that a
user may overwrite ``params`` in place. ``backward`` never modifies ``dy`` in place.
"""
import numpy as np

from ..errors import NetworkError, OctakdTypeError, OctakdValueError, ShapeError, describe
from ..validate import float_array


class Layer:
    """Base class. Subclasses set ``seed_name`` (the seed function that makes them) and
    implement ``forward``, ``backward`` and, when they have parameters, ``_init_params``."""

    seed_name = "layer"
    is_input = False
    multi_input = False          # True for layers that join branches (Concatenate, Add)

    def __init__(self):
        self.params = {}
        self.grads = {}
        self.buffers = {}            # non-trainable state: saved and checkpointed, no gradient
        self.input_shape = None      # per-sample shape, set by build
        self.name = None             # set by the network: "conv2d_layer_2", ...

    # -- construction -------------------------------------------------------------------
    @property
    def where(self):
        """How error messages name this layer."""
        return self.name or self.seed_name

    @property
    def built(self):
        return self.input_shape is not None

    def build(self, input_shape, dtype=np.float32, rng=None):
        """Create the parameters for inputs whose per-sample shape is ``input_shape``."""
        try:
            self._init_params(tuple(input_shape), np.dtype(dtype),
                              rng if rng is not None else np.random.default_rng(0))
        except MemoryError:
            raise OctakdValueError(f"{self.where}: the parameters for inputs of shape "
                                   f"{tuple(input_shape)} do not fit in memory; use smaller "
                                   f"layer sizes") from None
        self.input_shape = tuple(input_shape)
        self.reset_grads()

    def reset_grads(self):
        """Fresh zero gradients. ``np.zeros`` (not ``zeros_like``) lets the OS hand out zero
        pages lazily, so a 1 GB gradient costs nothing until backward writes it."""
        self.grads = {k: np.zeros(v.shape, v.dtype) for k, v in self.params.items()}

    # What forward keeps for backward. Copies and saved models leave it out: it can be large
    # (the seed's merged input is 2.2 M features per sample) and is rebuilt by the next forward.
    FORWARD_CACHE = ("x", "x2", "z", "a", "mask", "argmax", "scale", "probs", "x_shape", "shapes",
                     "y_spec")

    def __getstate__(self):
        state = {k: v for k, v in self.__dict__.items() if k not in self.FORWARD_CACHE}
        state["grads"] = None
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.__dict__.setdefault("buffers", {})
        self.reset_grads()

    def _init_params(self, input_shape, dtype, rng):
        """Parameter-free layers need nothing."""

    def output_shape(self, input_shape):
        """Per-sample output shape for a per-sample input shape."""
        return tuple(input_shape)

    def config(self):
        """The constructor arguments, to rebuild the layer from a saved model."""
        return {}

    @property
    def num_params(self):
        return int(sum(p.size for p in self.params.values()))

    # -- checks used by forward ----------------------------------------------------------
    def _check_input(self, x, ndim=None):
        """Check dtype and rank, build on first use, and check the per-sample shape."""
        float_array(x, self.where)
        if ndim is not None and x.ndim not in ndim:
            want = " or ".join(f"{d}-D" for d in ndim)
            raise ShapeError(f"{self.where}: expected a {want} input, got {describe(x)}")
        if x.shape[0] == 0:
            raise ShapeError(f"{self.where}: the batch is empty (input shape {x.shape})")
        if 0 in x.shape[1:]:
            raise ShapeError(f"{self.where}: each sample is empty (input shape {x.shape}); "
                             f"a layer needs at least one value per sample")
        if not self.built:
            self.build(x.shape[1:], x.dtype)
        elif self.params and x.dtype != next(iter(self.params.values())).dtype:
            weight_dtype = next(iter(self.params.values())).dtype
            raise OctakdTypeError(
                f"{self.where}: input is {x.dtype} but the weights are {weight_dtype}; "
                f"convert one of them (x.astype(np.{weight_dtype}) or model.astype('{x.dtype}'))")
        expected = self.input_shape
        if self.params and tuple(x.shape[1:]) != expected and not self._shape_flexible(x):
            raise ShapeError(
                f"{self.where}: expected inputs of shape (N, {', '.join(map(str, expected))}), "
                f"got {tuple(x.shape)}")
        return x

    def _remember_output(self, y):
        """Note the shape and dtype of what forward returned, which backward's dy must match."""
        self.y_spec = (y.shape, y.dtype)
        return y

    def _check_grad(self, dy):
        """backward's checks: forward ran first, and dy is like forward's output."""
        spec = getattr(self, "y_spec", None)
        where = f"{self.where} (backward)"
        if spec is None:
            raise NetworkError(f"{where}: call forward(x) before backward(dy); backward needs what "
                               f"forward keeps")
        float_array(dy, where)
        if dy.shape != spec[0] or dy.dtype != spec[1]:
            raise ShapeError(f"{where}: expected dL/dy like the last forward output, shape "
                             f"{spec[0]} and dtype {spec[1]}, got {describe(dy)}")
        return dy

    def _shape_flexible(self, x):
        """Dense accepts any input with the right number of features per sample."""
        return False

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.config().items())
        return f"{type(self).__name__}({args})"
