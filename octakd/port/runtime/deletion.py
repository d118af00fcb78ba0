"""Octave's deletion ``x(idx) = []``: of numbers, strings, cells and struct arrays.

The rules of GNU Octave 7 (recorded in the probes ``del_*``):

* one subscript: the elements left, in column-major order, keep a row's or a column's
  orientation; of a matrix they form a column; ``x(:) = []`` leaves a 0x0 value, and an empty
  subscript changes nothing;
* two subscripts: one of them must take its whole dimension (``:`` or every index), and the
  rows (or columns) the other names are removed; with both whole, every row goes.
  Otherwise Octave refuses: "a null assignment can only have one non-colon index".

An index past the end is an error, as in Octave.
"""
import numpy as np

from .values import _arr, _out, _subscript

__all__ = ["delete_elements", "DELETED"]
FUNCTIONS = {}
MULTI_OUTPUT = set()


class _Deleted:
    """The ``[]`` of ``s.list(2) = []`` passed through ``assign_path``: delete, do not store."""

    def __repr__(self):
        return "DELETED"


DELETED = _Deleted()


def _positions(sub, extent):
    pos, whole = _subscript(sub, extent, 1, 1)
    if pos.size and pos.max() >= extent:
        raise IndexError(f"index ({int(pos.max()) + 1}): out of bound {extent}")
    return np.unique(pos), whole or np.array_equal(np.unique(pos), np.arange(extent))


def _delete(a, subs):
    """The 2-D array ``a`` (any dtype) after ``a(subs) = []``."""
    if len(subs) == 1:
        flat = a.ravel(order="F")
        pos, whole = _positions(subs[0], flat.size)
        if isinstance(subs[0], str) and subs[0] == ":":
            return flat[:0].reshape(0, 0)
        if not pos.size:
            return a
        keep = np.delete(flat, pos)
        return keep.reshape(1, -1) if a.shape[0] == 1 else keep.reshape(-1, 1)
    if len(subs) != 2:
        raise ValueError("deleting elements with more than 2 subscripts is not supported")
    rows, rows_whole = _positions(subs[0], a.shape[0])
    cols, cols_whole = _positions(subs[1], a.shape[1])
    if rows_whole and cols_whole:
        return a[:0, :]
    if cols_whole:
        return np.delete(a, rows, axis=0)
    if rows_whole:
        return np.delete(a, cols, axis=1)
    raise ValueError("a null assignment can only have one non-colon index")


def delete_elements(x, subs):
    """``x(subs) = []``: a new value without the elements (``x`` is left as it was)."""
    from .cells import Cell
    from .structs import Struct
    subs = tuple(subs)
    if x is None:
        raise NameError("deleting elements of a variable that does not exist")
    if isinstance(x, Cell):
        return Cell(_delete(x.data, subs))
    if isinstance(x, Struct):
        return Struct(x.keys, _delete(x.data, subs))
    if isinstance(x, str):
        left = _delete(_arr(x), subs)
        if left.shape[0] > 1:
            raise ValueError("deleting from a string that leaves a column of characters is "
                             "not supported")
        return "".join(left.ravel().tolist())
    if callable(x) or not isinstance(x, (np.ndarray, int, float, bool, complex, np.generic)):
        raise TypeError(f"deleting elements of a {type(x).__name__} is not supported")
    a = _arr(x)
    if a.ndim > 2:
        raise ValueError("deleting elements of an N-D array is not supported")
    left = _delete(np.asarray(a), subs)
    return _out(left) if left.size else left
