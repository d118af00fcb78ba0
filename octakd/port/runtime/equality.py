"""Octave's ``isequal(a, b, ...)``: same size and same values, whatever the classes.

As in Octave, the class does not matter (``isequal(1, true)`` and ``isequal('a', 97)`` are
true), NaN is not equal to itself, cells are equal element by element, and structs when they
have the same field names (in any order) and equal fields. Nested cells and structs are
walked with an explicit stack.
"""
import numbers

import numpy as np

from .cells import Cell
from .structs import Struct
from .values import _arr, _num

__all__ = ["isequal"]
FUNCTIONS = {"isequal": "scalar"}
MULTI_OUTPUT = set()


def _numeric(x):
    if isinstance(x, str):
        return _num(x)
    if isinstance(x, (bool, numbers.Number, np.bool_, np.number)):
        return np.array([[x]])
    if isinstance(x, np.ndarray) and x.dtype.kind == "U":
        a = _arr(np.asarray(x))
        return np.vectorize(ord, otypes=[float])(a) if a.size else np.zeros(a.shape)
    if isinstance(x, np.ndarray) and x.dtype.kind in "biufc":
        return _arr(np.asarray(x))
    return None


def _pair_equal(a, b, todo):
    """Compare one pair; containers push their elements onto ``todo``."""
    if isinstance(a, Cell) or isinstance(b, Cell):
        if not (isinstance(a, Cell) and isinstance(b, Cell)) or a.shape != b.shape:
            return False
        todo.extend(zip(a.values(), b.values()))
        return True
    if isinstance(a, Struct) or isinstance(b, Struct):
        if not (isinstance(a, Struct) and isinstance(b, Struct)) or a.shape != b.shape or \
                set(a.keys) != set(b.keys):
            return False
        for ea, eb in zip(a.values(), b.values()):
            todo.extend((ea[k], eb[k]) for k in a.keys)
        return True
    x, y = _numeric(a), _numeric(b)
    if x is None or y is None:
        if getattr(type(a), "octave_class", None) == "function_handle":
            return a is b
        raise TypeError(f"isequal: comparing a {type(a).__name__} with a {type(b).__name__} "
                        f"is not supported")
    if x.shape != y.shape:
        return False
    return bool(np.all(x == y))


def isequal(a, b, *more):
    """Octave's ``isequal``: True when every argument equals the first."""
    for other in (b,) + more:
        todo = [(a, other)]
        while todo:
            x, y = todo.pop()
            if not _pair_equal(x, y, todo):
                return False
    return True
