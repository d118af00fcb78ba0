"""The lean per-batch path: the same network, run batch after batch without per-batch overhead.

``Network.forward`` / ``Network.backward`` (network.py) are the teaching path: every layer checks
its input, allocates its output and keeps what its backward needs, one readable step at a time.
That is what the docs explain and what a student reads. At teaching sizes (the demo's networks,
batch 32, or batch 1 in predict) that per-layer overhead costs more than the arithmetic, so the
training loop and predict go through this module instead:

    logits = lean.forward(model, arrays, training)   # arrays: prepared inputs (prepare_inputs)
    lean.backward(model, dlogits)                     # sets every layer's grads, as Network.backward

What it does differently (the results are the same within float rounding; tests/test_network.py
compares the two paths):

- **validation once per shape**: the first batch of each set of input shapes (and dtype,
  training flag) goes through the teaching path, with every check. Its success is what the plan
  relies on; later batches of the same shapes run the plan, which checks nothing per layer.
- **buffers reused**: each step of a plan owns its buffers (``scratch``), allocated once for its
  shape and refilled by every batch.
- **fused kernels** (kernels/lean_numba.py, reference kernels/lean_numpy.py): conv + bias + ReLU
  in one kernel call; the ReLU's mask folded into the conv's backward, or into the backward of a
  max-pool that reads the ReLU; the conv's im2col matrix kept from forward to backward; the input
  gradient of a first layer (never used) not computed.
- **concatenation into one reused buffer**, and views of the gradient on the way back.
- **inference keeps nothing for backward**: the layers' caches are not written, and a max-pool
  that is the only reader of a fused conv + ReLU is computed in the same kernel call
  (``ConvStep.pool_into``: no argmax, no full-size conv output).

Layers without a lean step (Dropout, BatchNorm, Add, user layers, activations other than ReLU
and linear) run their own forward and backward inside the plan, so any network works. The plan
is used only with the Numba backend; with ``set_backend('numpy')`` (or ``OCTAKD_LEAN=0`` in the
environment, or ``lean.ENABLED = False``) everything goes through the teaching path.
"""
import contextlib
import os
import weakref

import numpy as np

from . import kernels, lean_threads
from .kernels import threads
from .layers import Concatenate, Conv2D, Dense, MaxPool2D, ReLU, Softmax

ENABLED = os.environ.get("OCTAKD_LEAN", "1").strip() not in ("0", "no", "false", "off")

_plans = weakref.WeakKeyDictionary()     # network -> {key: Plan}
_last = weakref.WeakKeyDictionary()      # network -> the Plan of the last forward (None: teaching)


def active(net):
    """Whether ``net`` runs on the lean path."""
    return ENABLED and kernels.get_backend() == "numba"


def forward(net, arrays, training=False):
    """The logits (N, K) of prepared ``arrays`` (one per input layer, as prepare_inputs returns):
    the teaching path for the first batch of each shape, the plan afterwards."""
    if not active(net):
        _last.pop(net, None)
        return net.forward(arrays, training)
    key = (bool(training), net.dtype.str, len(net.layers),
           tuple((a.shape, a.dtype.str) for a in arrays))
    plans = _plans.setdefault(net, {})
    plan = plans.get(key)
    if plan is None:
        logits = net.forward(arrays, training)       # every check, once for this shape
        plans[key] = Plan(net, arrays, bool(training))
        _last[net] = None
        return logits
    _last[net] = plan
    return plan.forward(arrays, training)


def backward(net, dlogits):
    """Backpropagate through the path the last forward took; sets every layer's grads."""
    plan = _last.get(net)
    if plan is None:
        return net.backward(dlogits)
    return plan.backward(dlogits)


def forget(net):
    """Drop the plans (and their buffers) of ``net``."""
    _plans.pop(net, None)
    _last.pop(net, None)


# Plans whose buffers hold more than this are dropped after each predict / evaluate call, so a
# large network (the seed's full-size teacher: 2.2 M features per sample) does not keep
# hundreds of MB of scratch alive between calls. The demo's plans hold a few MB.
KEEP_BYTES = 128 << 20


def trim(net, limit=None):
    """Drop the plans of ``net`` whose buffers hold more than ``limit`` bytes (KEEP_BYTES)."""
    limit = KEEP_BYTES if limit is None else limit
    plans = _plans.get(net, {})
    for key in [k for k, plan in plans.items() if plan.nbytes() > limit]:
        if _last.get(net) is plans[key]:
            _last[net] = None
        del plans[key]


# -- the plan ----------------------------------------------------------------------------------

def _by_winograd(layer):
    """True for a Conv2D that the teaching kernels compute by Winograd's algorithm
    (kernels/winograd_numba.py: 3x3, stride 1, many channels and filters). The plan leaves such
    a conv (and its ReLU) to the layer itself rather than to the fused im2col kernels, so that
    both paths give the same bits (a run resumed from a checkpoint must match an uninterrupted
    one exactly, docs/performance.md)."""
    from .kernels import winograd_numba
    W = getattr(layer, "params", {}).get("W")
    return W is not None and winograd_numba.applies(W.shape, layer.stride)


class Plan:
    """The steps of one network for one set of input shapes; see the module docstring."""

    def __init__(self, net, arrays, training=True):
        self.net = net
        layers, parents = net.layers, net.parents
        n = len(layers)
        children = [[] for _ in range(n)]
        for i, ps in enumerate(parents):
            for p in ps:
                children[p].append(i)
        self.parents = parents
        self.steps = []

        def need_dx(i):              # an input layer's gradient is never used
            return not all(layers[p].is_input for p in parents[i])

        absorbed = {}                    # node -> the earlier node whose step computes it
        k = 0
        for i, layer in enumerate(layers):
            if i in absorbed:
                continue
            if layer.is_input:
                self.steps.append(InputStep(i, layer, k, arrays[k]))
                k += 1
            elif isinstance(layer, Conv2D) and not _by_winograd(layer):
                relu = None
                kids = children[i]
                if len(kids) == 1 and isinstance(layers[kids[0]], ReLU) and parents[kids[0]] == [i]:
                    relu = kids[0]
                    absorbed[relu] = i
                self.steps.append(ConvStep(i, layer, relu, need_dx(i)))
            elif isinstance(layer, MaxPool2D):
                p = parents[i][0]
                after_relu = (p in absorbed and isinstance(layers[p], ReLU) and children[p] == [i])
                conv = next(s for s in self.steps if s.index == absorbed[p]) if after_relu else None
                if after_relu and not training:
                    conv.pool_into(i, layer)            # inference: conv + ReLU + pool, one step
                    continue
                if after_relu:
                    conv.masked_by_pool = True
                self.steps.append(PoolStep(i, layer, after_relu))
            elif isinstance(layer, Softmax):
                self.steps.append(DenseStep(i, layer.dense, need_dx(i), logits_of=layer))
            elif isinstance(layer, Dense) and layer.activation in ("relu", "linear"):
                self.steps.append(DenseStep(i, layer, need_dx(i)))
            elif isinstance(layer, Concatenate):
                self.steps.append(ConcatStep(i, layer))
            else:
                self.steps.append(LayerStep(i, layer))
        self.outputs = [None] * n
        self.batch = arrays[0].shape[0]
        self.hold = lean_threads.wants_threads(net, self.batch)
        self.head = lean_threads.head(self.steps, net)
        self._groups = {}                # thread count -> lean_threads.branch_groups

    def _threads(self):
        """threads.hold_blas() for a plan that uses our threads, else threads.serial()."""
        return threads.hold_blas() if self.hold else threads.serial()

    def _branch_groups(self):
        """The plan's input branches in one group per thread (None: run everything in order)."""
        parts = threads.blas_threads()
        if parts not in self._groups:
            self._groups[parts] = lean_threads.branch_groups(self.steps, self.net, self.batch, parts)
        return self._groups[parts]

    def nbytes(self):
        """The bytes held by the steps' buffers (counted once after the first forward and once
        after the first backward, which set them all up: a plan's shapes never change)."""
        if self._nbytes is None:
            self._nbytes = sum(a.nbytes for step in self.steps for a in step.scratch.values()
                               if isinstance(a, np.ndarray))
        return self._nbytes

    _nbytes = None                      # counted by nbytes(), forgotten by a first run
    _ran = (False, False)               # (forward, backward) ran at least once

    def forward(self, arrays, training):
        if not self._ran[0]:
            self._ran, self._nbytes = (True, self._ran[1]), None
        out = self.outputs

        def run(steps):
            for step in steps:
                step.forward(out, self.parents, arrays, training)

        with self._threads():
            groups = self._branch_groups()
            if groups is None:
                run(self.steps)
            else:                       # the branches at the same time, then where they meet
                _together([lambda g=g: run(g) for g in groups])
                run(self.head)
        logits = out[-1]
        if not training:
            self.outputs = [None] * len(out)
        return logits

    def backward(self, dlogits):
        if not self._ran[1]:
            self._ran, self._nbytes = (self._ran[0], True), None
        grads = [None] * len(self.outputs)
        grads[-1] = dlogits

        def run(steps):
            for step in reversed(steps):
                dy = grads[step.out_index]
                if dy is None:
                    continue
                pieces = step.backward(dy, self.outputs, self.parents)
                if pieces is None:
                    continue
                for p, piece in zip(self.parents[step.index], pieces):
                    if piece is None:
                        continue
                    grads[p] = piece if grads[p] is None else grads[p] + piece

        with self._threads():
            groups = self._branch_groups()
            if groups is None:
                run(self.steps)
            else:                       # from the head back to where the branches meet, then
                run(self.head)          # the branches at the same time
                _together([lambda g=g: run(g) for g in groups])
        return None


def _together(tasks):
    """Run the tasks at the same time (threads.run_together), or one after the other when the
    threads are busy (a split or another plan running in another thread)."""
    if not threads.run_together(tasks):
        for task in tasks:
            task()


def threads_for(net, N):
    """The context of a whole train_model (N = its batch size) or predict / evaluate call
    (N = its largest batch): BLAS held at one thread when ``net``'s lean plans use our own
    threads at batch N (lean_threads.hold), else nothing."""
    return lean_threads.hold(net, N) if active(net) else contextlib.nullcontext()


class Step:
    """One node (or a fused pair of nodes); ``out_index`` is the node whose output it writes."""

    def __init__(self, index, layer):
        self.index = index
        self.out_index = index
        self.layer = layer
        self.scratch = {}


class InputStep(Step):
    """The prepared input itself, or (if the input layer changes prepared data) converted."""

    def __init__(self, index, layer, k, sample):
        super().__init__(index, layer)
        self.k = k
        self.convert = layer.forward(sample, False) is not sample

    def forward(self, out, parents, arrays, training):
        x = arrays[self.k]
        out[self.index] = self.layer.forward(x, training) if self.convert else x

    def backward(self, dy, out, parents):
        return None


class ConvStep(Step):
    """Conv2D, with the ReLU that is its only reader fused in (node ``relu``)."""

    def __init__(self, index, layer, relu, need_dx):
        super().__init__(index, layer)
        self.pads = layer.pads               # as the teaching forward just set it for this shape
        self.relu = relu
        self.need_dx = need_dx
        self.masked_by_pool = False          # the pool after the ReLU applies the ReLU's mask
        self.pool = None                     # inference: the pool fused in (pool_into)
        if relu is not None:
            self.out_index = relu

    def pool_into(self, index, pool_layer):
        """Inference only: also compute the MaxPool2D node ``index`` that reads the fused ReLU
        (and nothing else reads), in the same kernel call; no argmax is kept."""
        self.pool, _ = pool_layer._geometry(pool_layer.x_shape[1:])   # the teaching forward's
        self.pool_stride = pool_layer.stride
        self.out_index = index

    def forward(self, out, parents, arrays, training):
        L = self.layer
        x = out[parents[self.index][0]]
        self.x = x if training else None
        if self.pool is not None:
            out[self.out_index] = kernels.conv2d_relu_pool_forward(
                x, L.params["W"], L.params["b"], L.stride, self.pads, self.pool, self.pool_stride,
                self.scratch)
            return
        out[self.out_index] = kernels.conv2d_relu_forward(x, L.params["W"], L.params["b"], L.stride,
                                                          self.pads, self.relu is not None, self.scratch)

    def backward(self, dy, out, parents):
        L = self.layer
        y = out[self.out_index] if self.relu is not None and not self.masked_by_pool else None
        dx, dw, db = kernels.conv2d_relu_backward(dy, y, self.x, L.params["W"], L.stride, self.pads,
                                                  self.need_dx, self.scratch)
        L.grads["W"], L.grads["b"] = dw, db
        return [dx]


class PoolStep(Step):
    """MaxPool2D; after a fused conv + ReLU its backward also applies the ReLU's mask."""

    def __init__(self, index, layer, after_relu):
        super().__init__(index, layer)
        self.pool, _ = layer._geometry(layer.x_shape[1:])     # the teaching forward's x_shape
        self.after_relu = after_relu

    def forward(self, out, parents, arrays, training):
        L = self.layer
        x = out[parents[self.index][0]]
        self.x_shape = x.shape
        y, self.argmax = kernels.maxpool2d_forward_into(x, self.pool, L.stride, self.scratch)
        out[self.index] = y

    def backward(self, dy, out, parents):
        return [kernels.maxpool2d_relu_backward(dy, self.argmax, out[self.index], self.x_shape,
                                                self.after_relu, self.scratch)]


class DenseStep(Step):
    """Dense with a ReLU or linear activation (or a Softmax layer's dense part: the logits).
    The same arithmetic as layers/dense.py, into reused buffers."""

    def __init__(self, index, dense, need_dx, logits_of=None):
        super().__init__(index, dense)
        self.need_dx = need_dx
        self.logits_of = logits_of
        self.relu = dense.activation == "relu"

    def forward(self, out, parents, arrays, training):
        L = self.layer
        x = out[parents[self.index][0]]
        x2 = x.reshape(x.shape[0], -1)
        W, b = L.params["W"], L.params["b"]
        if self.logits_of is not None:
            z = x2 @ W + b                      # fresh: the logits leave the plan
        else:
            z = _buf(self.scratch, "z", (x2.shape[0], W.shape[1]), W.dtype)
            np.matmul(x2, W, out=z)
            z += b
        a = z
        if self.relu:
            a = _buf(self.scratch, "a", z.shape, z.dtype)
            np.maximum(z, 0, out=a)                    # ACTIVATIONS['relu'] (NaN stays NaN)
        if training:
            self.x_shape, self.x2, self.z = x.shape, x2, z
        out[self.index] = a

    def backward(self, dy, out, parents):
        L = self.layer
        if self.relu:
            mask = _buf(self.scratch, "mask", self.z.shape, np.dtype(bool))
            np.greater(self.z, 0, out=mask)
            dz = _buf(self.scratch, "dz", self.z.shape, dy.dtype)
            np.multiply(dy, mask, out=dz)
        else:
            dz = dy
        W = L.params["W"]
        if getattr(L, "reuse_grad_buffer", False):        # inside train_model (layers/dense.py)
            L._matmul_into_grad_W(self.x2.T, dz)
        else:
            L.grads["W"] = self.x2.T @ dz
        L.grads["b"] = dz.sum(axis=0)
        if self.logits_of is not None:
            self.logits_of.grads = L.grads
        if not self.need_dx:
            return [None]
        dx = _buf(self.scratch, "dx", self.x2.shape, dz.dtype)
        np.matmul(dz, W.T, out=dx)
        return [dx.reshape(self.x_shape)]


class ConcatStep(Step):
    """Concatenate: each branch is flattened into its columns of one reused (N, D) buffer;
    backward hands each branch a view of its columns."""

    def forward(self, out, parents, arrays, training):
        xs = [out[p] for p in parents[self.index]]
        if self.scratch.get("shapes") != [x.shape for x in xs]:     # the plan's first batch
            self.shapes = [x.shape for x in xs]
            N = xs[0].shape[0]
            widths = [int(np.prod(shape[1:])) for shape in self.shapes]
            y = _buf(self.scratch, "y", (N, sum(widths)), xs[0].dtype)
            starts = np.cumsum([0] + widths)
            self.widths = widths
            self.parts = [y[:, a:b] for a, b in zip(starts[:-1], starts[1:])]   # views of y
            self.scratch["shapes"] = self.shapes
        for part, x in zip(self.parts, xs):
            part[...] = x.reshape(part.shape)
        out[self.index] = self.scratch["y"]

    def backward(self, dy, out, parents):
        pieces, start = [], 0
        for shape, w in zip(self.shapes, self.widths):
            pieces.append(dy[:, start:start + w].reshape(shape))
            start += w
        return pieces


class LayerStep(Step):
    """Any other layer: its own forward and backward (the teaching path's code)."""

    def forward(self, out, parents, arrays, training):
        L = self.layer
        if L.multi_input:
            out[self.index] = L.forward([out[p] for p in parents[self.index]], training)
        else:
            out[self.index] = L.forward(out[parents[self.index][0]], training)

    def backward(self, dy, out, parents):
        dx = self.layer.backward(dy)
        return dx if self.layer.multi_input else [dx]


def _buf(scratch, name, shape, dtype):
    a = scratch.get(name)
    if a is None or a.shape != shape or a.dtype != dtype:
        a = np.empty(shape, dtype)
        scratch[name] = a
    return a

