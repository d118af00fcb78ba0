"""The size and type checks at the boundary of the Adam kernels.

A compiled kernel indexes all four arrays with the length of the first; an optimiser state of
another size (a damaged or foreign checkpoint) would make it read and write past the arrays'
ends. So every call checks first, and a mismatch is a clear ShapeError, never a crash.
"""
import numpy as np

from ..errors import OctakdTypeError, ShapeError


def check_adam_arrays(p, g, m, v, contiguous=True):
    """p (parameters), g (gradient), m and v (moments): float arrays of one shape and dtype
    (C-contiguous 1-D views for the compiled kernel)."""
    arrays = {"parameters": p, "gradient": g, "first moment m": m, "second moment v": v}
    for what, a in arrays.items():
        if not isinstance(a, np.ndarray) or a.dtype not in (np.float32, np.float64):
            raise OctakdTypeError(f"Adam: the {what} must be a float32/float64 array, got "
                                  f"{type(a).__name__}{'' if not hasattr(a, 'dtype') else ' ' + str(a.dtype)}")
        if a.shape != p.shape or a.dtype != p.dtype:
            raise ShapeError(f"Adam: the {what} has shape {a.shape} and dtype {a.dtype}, the "
                             f"parameters {p.shape} and {p.dtype}; the optimiser state does not "
                             f"belong to these parameters")
        if contiguous and (a.ndim != 1 or not a.flags.c_contiguous):
            raise ShapeError(f"Adam: the fused kernel needs contiguous 1-D arrays; the {what} is "
                             f"{a.ndim}-D{'' if a.flags.c_contiguous else ', not contiguous'}")
    if not p.flags.writeable or not m.flags.writeable or not v.flags.writeable:
        raise ShapeError("Adam: the parameters and moments must be writeable arrays")
