"""Octave's ``rref`` (reduced row echelon form) and ``compan`` (companion matrix), step for
step as GNU Octave 7's m-files compute them, so the rounding is Octave's.

``[R, k] = rref(A[, tol])``: for each column c, the row with the largest ``abs`` value at or
below the current row r is the pivot (the first of equal ones); a column whose pivot is at most
``tol`` (default ``eps * max(size(A)) * norm(A, inf)``) is set to zero below row r and skipped.
Otherwise the pivot row is swapped into row r, divided by its pivot, and ``A(i,c:end) -=
A(i,c) * A(r,c:end)`` clears the column in every other row. k lists the pivot columns.

``compan(c)``: the companion matrix of the polynomial c, ``-c(2:n)/c(1)`` on the first row and
ones below the diagonal (``[]`` for a constant).
"""
import numpy as np

from .core import _arr, _num, _out, _scalar
from .values import numeric_array
from .norms import sequential_1norm

__all__ = ["rref", "compan"]
FUNCTIONS = {"rref": "num", "compan": "num"}
MULTI_OUTPUT = {"rref"}

EPS = float(np.finfo(np.float64).eps)


def _matrix(x, where):
    a = numeric_array(x, where)
    if a.ndim > 2:
        raise ValueError(f"{where}: A must be a 2-dimensional matrix")
    return np.array(a, dtype=np.float64)


def rref(a, tol=None, nargout=1):
    """Octave's ``[R, k] = rref(A[, tol])``."""
    A = _matrix(a, "rref")
    rows, cols = A.shape
    if tol is None:
        inf_norm = max((sequential_1norm(A[i]) for i in range(rows)), default=0.0)
        tol = EPS * max(rows, cols) * inf_norm
    else:
        tol = float(_scalar(tol, "rref"))
    used = np.zeros(cols, dtype=bool)
    r = 0                                         # 0-based current row
    for c in range(cols):
        if r >= rows:
            break
        column = np.abs(A[r:, c])
        pivot = r + int(np.argmax(column))        # the first of equal maxima
        if not column[pivot - r] > tol:           # m <= tol (and NaN)
            A[r:, c] = 0.0
            continue
        used[c] = True
        A[[pivot, r], c:] = A[[r, pivot], c:]
        A[r, c:] = A[r, c:] / A[r, c]
        others = [i for i in range(rows) if i != r]
        if others:
            A[others, c:] = A[others, c:] - A[others, c:c + 1] * A[r:r + 1, c:]
        r += 1
        if r == rows:
            break
    R = _out(A)
    if nargout < 2:
        return R
    k = (np.flatnonzero(used) + 1.0).reshape(1, -1)
    return R, _out(k)


def compan(c):
    """Octave's ``compan(c)``: the companion matrix of the polynomial with coefficients c."""
    v = _arr(_num(c))
    if v.ndim != 2 or min(v.shape) > 1:
        raise ValueError("compan: C must be a vector")
    v = np.asarray(v, dtype=np.float64).ravel()
    n = v.size
    if n == 1:
        return _out(np.zeros((0, 0)))
    A = np.diag(np.ones(n - 2), -1) if n > 2 else np.zeros((1, 1))
    A[0, :] = -v[1:] / v[0]
    return _out(A)
