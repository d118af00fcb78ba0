"""Optimisers: SGD with momentum, and Adam. Both update parameter arrays in place.

    opt = Adam(lr=1e-3)
    opt.step(pairs)          # pairs: [(param, grad), ...], the same arrays every step

State (velocity, moments) is kept per position in ``pairs``, so pass the parameters in the same
order each step (``Network.parameters()`` does).
"""
import numpy as np

from .kernels import adam_numpy
from .kernels.adam_check import check_adam_arrays
from .validate import real_in_range

# Arrays at least this big are updated by one fused Numba pass (see kernels/adam_numba.py):
# the textbook NumPy update makes several full-size temporaries, which for the seed's 283 M
# weight layer costs seconds per step.
FUSED_MIN_SIZE = 1 << 20
# Smaller arrays go through a serial Numba loop that gives the NumPy update's results bit for
# bit (adam_numba.adam_update_small) but saves its temporaries and per-array Python overhead,
# which dominate a teaching-size network's step. False: the NumPy expression (adam_numpy).
SMALL_FUSED = True


class SGD:
    """Stochastic gradient descent with (heavy-ball) momentum:

        v <- momentum * v - lr * g
        p <- p + v
    """

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = real_in_range(lr, "learning rate", "SGD", 0.0, None, low_open=True)
        self.momentum = real_in_range(momentum, "momentum", "SGD", 0.0, 1.0, high_open=True)
        self.velocity = {}

    def step(self, pairs):
        for k, (p, g) in enumerate(pairs):
            if self.momentum == 0.0:
                p -= p.dtype.type(self.lr) * g
                continue
            v = self.velocity.setdefault(k, np.zeros(p.shape, p.dtype))
            v *= self.momentum
            v -= p.dtype.type(self.lr) * g
            p += v

    def state_dict(self):
        return {"velocity": self.velocity}


class Adam:
    """Adam (Kingma and Ba, 2015), in the form PyTorch uses:

        m <- b1 m + (1 - b1) g                 v <- b2 v + (1 - b2) g^2
        m_hat = m / (1 - b1^t)                 v_hat = v / (1 - b2^t)
        p <- p - lr * m_hat / (sqrt(v_hat) + eps)
    """

    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = real_in_range(lr, "learning rate", "Adam", 0.0, None, low_open=True)
        self.beta1 = real_in_range(beta1, "beta1", "Adam", 0.0, 1.0, high_open=True)
        self.beta2 = real_in_range(beta2, "beta2", "Adam", 0.0, 1.0, high_open=True)
        self.eps = real_in_range(eps, "eps", "Adam", 0.0, None, low_open=True)
        self.t = 0
        self.m, self.v = {}, {}

    def step(self, pairs):
        self.t += 1
        c1 = 1.0 - self.beta1 ** self.t
        c2 = 1.0 - self.beta2 ** self.t
        for k, (p, g) in enumerate(pairs):
            m = self.m.setdefault(k, np.zeros(p.shape, p.dtype))   # lazy zero pages
            v = self.v.setdefault(k, np.zeros(p.shape, p.dtype))
            check_adam_arrays(p, g, m, v, contiguous=False)    # before any reshape or kernel
            if p.size >= FUSED_MIN_SIZE and _fused_available():
                from .kernels.adam_numba import adam_update
                adam_update(p.reshape(-1), g.reshape(-1), m.reshape(-1), v.reshape(-1),
                            self.lr, self.beta1, self.beta2, self.eps, c1, c2)
                continue
            if SMALL_FUSED and _fused_available() and all(a.flags.c_contiguous for a in (p, m, v)):
                from .kernels.adam_numba import adam_update_small
                adam_update_small(p.reshape(-1), g.reshape(-1), m.reshape(-1), v.reshape(-1),
                                  self.lr, self.beta1, self.beta2, self.eps, c1, c2)
                continue
            adam_numpy.adam_update(p, g, m, v, self.lr, self.beta1, self.beta2, self.eps, c1, c2)

    def state_dict(self):
        return {"t": self.t, "m": self.m, "v": self.v}


_FUSED = None


def _fused_available():
    global _FUSED
    if _FUSED is None:
        try:
            from .kernels import adam_numba  # noqa: F401
            _FUSED = True
        except ImportError:
            _FUSED = False
    return _FUSED
