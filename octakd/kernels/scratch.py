"""Per-thread scratch arrays for the Numba conv kernels (conv_numba.py, winograd_numba.py).

A kernel pass needs big temporary arrays (a padded copy of x, the im2col matrix, Winograd's
transformed tiles) whose shapes repeat from batch to batch. ``buffer`` hands out a view of a
backing array kept per name, dtype and thread, which only grows: after the first batch no pass
allocates them again. Safe because scratch never leaves the kernels (no result is a view of it)
and each thread has its own (threads.split_images runs slices of a batch on several threads).
"""
import math
import threading

import numpy as np

local = threading.local()


def buffer(name, shape, dtype):
    """A reusable scratch array of ``shape`` and ``dtype`` (one per name, dtype and thread).

    The backing memory only grows; a call gets a view of its first prod(shape) elements."""
    store = local.__dict__.setdefault("buffers", {})
    size = math.prod(int(n) for n in shape)
    key = (name, np.dtype(dtype).str)
    buf = store.get(key)
    if buf is None or buf.size < size:
        buf = np.empty(max(size, 1), dtype=dtype)
        store[key] = buf
    return buf[:size].reshape(shape)
