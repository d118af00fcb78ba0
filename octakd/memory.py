"""The memory budget: what a model will need, estimated from its layer settings before any array
is allocated, checked against the memory this process can still get.

Training holds, per parameter value, the weight, its gradient and (Adam) two moments: 4 copies
of the weights (3 for SGD with momentum, 2 without), plus about one more copy of the largest
array for the temporaries of an update. Each mini-batch adds the activations: every layer's
output is kept for backward, and backward makes an output-sized gradient, so about 3 values
per output value per sample. Loading a model from a file holds the inflated file data, the
arrays read from it and the model's own arrays: 3 copies of the weights.

    estimate = weights_bytes * copies + largest_array_bytes + activation_bytes_per_sample * 3 * batch

The available memory is the smallest of: MemAvailable in /proc/meminfo, the cgroup (v2) limit
minus its current use, and RLIMIT_AS minus the process's current address space. Where none is
known (not Linux) nothing is checked. ``OCTAKD_MEMORY_CHECK=0`` in the environment turns the
check off (for example when swap makes MemAvailable too pessimistic).
"""
import math
import os
import resource

import numpy as np

from .errors import MemoryBudgetError

OVERHEAD = 64 * 1024 * 1024          # interpreter, libraries, small arrays


def layer_param_shapes(layer, input_shape):
    """{key: shape} of the parameters ``layer`` will create for per-sample ``input_shape``,
    computed from its settings without allocating; None when it cannot be known (a user layer
    without a ``param_shapes(input_shape)`` method)."""
    from .layers import Conv2D, Dense, Softmax
    from .layers.base import Layer
    if hasattr(layer, "param_shapes"):
        try:
            return {k: tuple(int(n) for n in s) for k, s in layer.param_shapes(input_shape).items()}
        except Exception:
            return None
    if isinstance(layer, Softmax):
        return {"W": (math.prod(input_shape), layer.classes), "b": (layer.classes,)}
    if isinstance(layer, Dense):
        return {"W": (math.prod(input_shape), layer.units), "b": (layer.units,)}
    if isinstance(layer, Conv2D):
        return {"W": (layer.filters, int(input_shape[0]), layer.kh, layer.kw), "b": (layer.filters,)}
    kind = type(layer)
    if kind._init_params is Layer._init_params and kind.build is Layer.build:
        return {}                   # ReLU, MaxPool2D, Dropout: the base class makes no parameter
    return None


def plan(net):
    """Walk ``net`` as Network.build does, with shapes only. Returns (param_shapes, outputs):
    param_shapes[i] is layer i's {key: shape} (or None if unknown), outputs[i] the per-sample
    size of its output. Raises what build would raise for impossible settings."""
    from .layers import Concatenate
    shapes, params, outputs = [], [], []
    for i, layer in enumerate(net.layers):
        if layer.is_input:
            out = tuple(layer.output_shape())
            params.append({})
        else:
            ins = [shapes[p] for p in net.parents[i]]
            in_shape = ins if isinstance(layer, Concatenate) else ins[0]
            params.append({} if isinstance(layer, Concatenate) else layer_param_shapes(layer, in_shape))
            out = tuple(layer.output_shape(in_shape))
        shapes.append(out)
        outputs.append(math.prod(out))
    return params, outputs


def weights_bytes(params, dtype):
    """(total bytes, largest array bytes) of the known parameter shapes."""
    item = np.dtype(dtype).itemsize
    sizes = [math.prod(s) * item for p in params if p for s in p.values()]
    return sum(sizes), max(sizes, default=0)


def available():
    """Bytes this process can still allocate, or None when unknown."""
    limits = []
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    limits.append(int(line.split()[1]) * 1024)
    except (OSError, ValueError, IndexError):
        pass
    try:
        with open("/sys/fs/cgroup/memory.max") as f:
            high = f.read().strip()
        if high != "max":
            with open("/sys/fs/cgroup/memory.current") as f:
                limits.append(int(high) - int(f.read().strip()))
    except (OSError, ValueError):
        pass
    try:
        soft, _ = resource.getrlimit(resource.RLIMIT_AS)
        if soft != resource.RLIM_INFINITY:
            used = 0
            with open("/proc/self/status") as f:
                for line in f:
                    if line.startswith("VmSize:"):
                        used = int(line.split()[1]) * 1024
            limits.append(soft - used)
    except (OSError, ValueError, IndexError):
        pass
    return max(0, min(limits)) if limits else None


def _gb(n):
    return f"{n / 1e9:.2f} GB" if n >= 1e8 else f"{n / 1e6:.1f} MB"


def require(estimate, where, what, advice):
    """Raise MemoryBudgetError when ``estimate`` bytes exceed what is available."""
    if os.environ.get("OCTAKD_MEMORY_CHECK", "1").strip() == "0":
        return
    free = available()
    if free is not None and estimate > free:
        raise MemoryBudgetError(f"{where}: {what} needs about {_gb(estimate)} of memory, but only "
                                f"{_gb(free)} is available; {advice} (docs/errors.md, memory budget)")


def safe_plan(net):
    """plan(net), or None if the walk fails (a layer kind this walk does not know how to feed:
    the check is then skipped rather than standing in the way of a valid network)."""
    try:
        return plan(net)
    except Exception:
        return None


def check_training(net, batch_size, dtype, optimizer, momentum, where):
    """Refuse, before building, a training run that does not fit in memory. Layers whose
    parameter shapes cannot be known in advance count as none (the estimate is then low)."""
    planned = safe_plan(net)
    if planned is None:
        return None
    params, outputs = planned
    total, largest = weights_bytes(params, dtype)
    copies = 4 if optimizer == "adam" else (3 if momentum else 2)
    item = np.dtype(dtype).itemsize
    activations = 3 * sum(outputs) * item * batch_size
    estimate = total * copies + largest + activations + OVERHEAD
    require(estimate, where,
            f"training this network ({_gb(total)} of weights x {copies} for the weights, gradients"
            + (" and Adam's two moments" if optimizer == "adam" else " and optimiser state")
            + f", plus {_gb(activations)} of activations for a batch of {batch_size})",
            "use smaller layers (fewer units or filters, a smaller input before the first dense "
            "layer, or a pooling layer), a smaller batch_size, or float32 instead of float64")
    return estimate


def check_loading(total, where, path):
    """Refuse, before reading the weights, a model file whose weights do not fit."""
    estimate = 3 * total + OVERHEAD
    from .io.files import shown
    require(estimate, where, f"loading '{shown(path)}' ({_gb(total)} of weights, held 3 times while "
            f"loading)", "load it on a machine with more memory")
    return estimate
