"""The kernel boundary: conv2d and max_pool2d, forward and backward, behind a backend switch.

Layers call only the first six functions below; the lean per-batch path (octakd/lean.py) also
calls the fused ones at the end. Two backends implement them with identical signatures and
results (within float tolerance):

- ``'numpy'``: ``conv_numpy.py`` and ``pool_numpy.py``, short loops over kernel taps that a
  student can read; they are the oracle of the tests.
- ``'numba'``: ``conv_numba.py`` and ``pool_numba.py``, compiled with ``@njit(cache=True)``.
- the fused kernels: ``lean_numpy.py`` (reference, oracle) and ``lean_numba.py``.

Choose with ``octakd.set_backend('numpy' | 'numba')`` or the environment variable
``OCTAKD_BACKEND`` (read at import). The default is ``'numba'`` when Numba imports, else ``'numpy'``.
"""
import importlib
import os

from ..errors import OctakdValueError

BACKENDS = ("numpy", "numba")
_modules = {}
_backend = None


def _load(backend, kind):
    key = (backend, kind)
    if key not in _modules:
        _modules[key] = importlib.import_module(f".{kind}_{backend}", __name__)
    return _modules[key]


def _numba_available():
    try:
        importlib.import_module(".conv_numba", __name__)
        importlib.import_module(".pool_numba", __name__)
        return True
    except ImportError:
        return False


def set_backend(name):
    """Select the kernel backend, ``'numpy'`` or ``'numba'``. Returns the previous one."""
    global _backend
    if not isinstance(name, str) or name.lower() not in BACKENDS:
        raise OctakdValueError(f"set_backend: expected one of {BACKENDS}, got {name!r}")
    previous = get_backend()
    _backend = name.lower()
    return previous


def get_backend():
    """The name of the kernel backend in use."""
    global _backend
    if _backend is None:
        wanted = os.environ.get("OCTAKD_BACKEND", "").strip().lower()
        if wanted in BACKENDS:
            _backend = wanted
        else:
            _backend = "numba" if _numba_available() else "numpy"
    return _backend


def conv2d_forward(x, w, b, stride, pads):
    """(N, C, H, W) -> (N, F, H_out, W_out). See conv_numpy.conv2d_forward."""
    return _load(get_backend(), "conv").conv2d_forward(x, w, b, stride, pads)


def conv2d_backward_input(dy, w, x_shape, stride, pads):
    """dL/dx of conv2d, shape x_shape."""
    return _load(get_backend(), "conv").conv2d_backward_input(dy, w, x_shape, stride, pads)


def conv2d_backward_weight(dy, x, w_shape, stride, pads):
    """(dL/dw, dL/db) of conv2d."""
    return _load(get_backend(), "conv").conv2d_backward_weight(dy, x, w_shape, stride, pads)


def conv2d_backward(dy, x, w, stride, pads):
    """(dL/dx, dL/dw, dL/db) of conv2d in one call (what Conv2D.backward uses)."""
    return _load(get_backend(), "conv").conv2d_backward(dy, x, w, stride, pads)


def maxpool2d_forward(x, pool, stride):
    """(N, C, H, W) -> (y, argmax), see pool_numpy for the tie rule."""
    return _load(get_backend(), "pool").maxpool2d_forward(x, pool, stride)


def maxpool2d_backward(dy, argmax, x_shape):
    """dL/dx of max_pool2d, shape x_shape."""
    return _load(get_backend(), "pool").maxpool2d_backward(dy, argmax, x_shape)


# -- the lean per-batch path (octakd/lean.py): fused kernels, see lean_numpy.py -----------------

def conv2d_relu_forward(x, w, b, stride, pads, relu=True, scratch=None):
    """relu(conv(x, w) + b), or without the ReLU. See lean_numpy.conv2d_relu_forward."""
    return _load(get_backend(), "lean").conv2d_relu_forward(x, w, b, stride, pads, relu, scratch)


def conv2d_relu_pool_forward(x, w, b, stride, pads, pool, pool_stride, scratch=None):
    """maxpool(relu(conv(x, w) + b)) for inference (no argmax). See lean_numpy."""
    return _load(get_backend(), "lean").conv2d_relu_pool_forward(x, w, b, stride, pads, pool,
                                                                  pool_stride, scratch)


def conv2d_relu_backward(dy, y, x, w, stride, pads, need_dx=True, scratch=None):
    """(dx or None, dw, db) through the ReLU mask (y > 0) and the conv. See lean_numpy."""
    return _load(get_backend(), "lean").conv2d_relu_backward(dy, y, x, w, stride, pads, need_dx, scratch)


def maxpool2d_forward_into(x, pool, stride, scratch=None):
    """(y, argmax) of max_pool2d, into the scratch buffers of the Numba backend."""
    return _load(get_backend(), "lean").maxpool2d_forward(x, pool, stride, scratch)


def maxpool2d_relu_backward(dy, argmax, y, x_shape, relu=True, scratch=None):
    """dL/dx of max_pool2d, only through windows whose output is > 0 with ``relu``."""
    return _load(get_backend(), "lean").maxpool2d_relu_backward(dy, argmax, y, x_shape, relu, scratch)
