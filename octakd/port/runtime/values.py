"""Octave values in Python, and indexing and concatenation of them.

Values follow Octave's model, written with plain Python and NumPy types:

* a number is a Python ``int``/``float``/``bool`` (Octave's 1x1 double or logical);
* an array is a NumPy array with at least 2 dimensions (Octave has no 1-D arrays); 1x1 results
  of the helpers come back as Python scalars;
* a character row is a Python ``str``;
* anything else (octakd branch handles, models, lists of inputs) passes through untouched.

Indexing (:func:`index`, :func:`assign_index`) is 1-based, column-major for a single subscript,
keeps dimensions like Octave and grows arrays on assignment.
"""
import builtins as _b
import math
import sys
import types
import numbers

import numpy as np

from .chars import CharMatrix, as_chars, char_value
from .integers import IntArray

__all__ = [
    "pi", "inf", "nan", "eps", "stdout", "stderr",
    "mat", "colon", "irange", "columns", "loop_start", "loop_values", "index", "assign_index", "end_index",
    "value_or_none", "horzcat", "vertcat", "horzcat_or_list",
]
FUNCTIONS = {"colon": "num"}
MULTI_OUTPUT = set()

pi = math.pi
inf = math.inf
nan = math.nan
eps = float(np.finfo(np.float64).eps)
stdout = 1
stderr = 2


# ------------------------------------------------------------------------------- conversions
def _is_numeric(x):
    """True for numbers, booleans and numeric/boolean arrays."""
    if isinstance(x, (bool, numbers.Number, np.bool_)) and not isinstance(x, complex):
        return True
    return isinstance(x, np.ndarray) and (x.dtype.kind in "biuf")


def _arr(x):
    """``x`` as an array of at least 2 dimensions (numbers become 1x1, strings 1xN chars)."""
    if isinstance(x, str):
        return np.array([[c for c in x]], dtype="<U1").reshape(1, len(x))
    if isinstance(x, numbers.Number) and not isinstance(x, (bool, np.generic, complex)):
        x = float(x)         # Octave numbers are doubles
    a = np.asanyarray(x) if isinstance(x, IntArray) else np.asarray(x)
    if a.ndim == 0:
        return a.reshape(1, 1)
    if a.ndim == 1:
        return a.reshape(1, -1)
    return a


def _out(a):
    """Return a 1x1 array as a Python scalar, a char array as ``str``, anything else as is."""
    if isinstance(a, np.ndarray):
        if a.dtype.kind == "U":
            if a.ndim == 2 and a.shape[0] <= 1:
                return "".join(a.ravel().tolist())
            return char_value(a)
        if a.dtype.kind in "iu":             # Octave integers stay arrays, even 1x1
            return _arr(np.asarray(a)).view(IntArray)
        if a.size == 1 and a.ndim <= 2:
            v = a.reshape(()).item() if a.dtype.kind in "bf" else a.reshape(())[()]
            return v
        if a.ndim < 2:
            return _arr(a)
    return a


def numeric_array(x, where, kinds="biuf"):
    """``x`` as an array of at least 2 dimensions when its values are of a kind in ``kinds``
    (NumPy's dtype kinds: b logical, i/u integer, f float, c complex, U char); otherwise the
    TypeError that names the function and what came."""
    a = _arr(_num(x))
    if a.dtype.kind not in kinds:
        if a.dtype.kind == "c":
            raise TypeError(f"{where}: complex values are not supported by octakd run")
        name = getattr(type(x), "octave_class", None) or type(x).__name__
        raise TypeError(f"{where}: wrong type argument '{name}'")
    return a


def mat(rows):
    """A numeric matrix literal ``[1 2; 3 4]``: nested lists to a float64 array of >= 2 dims."""
    a = np.array(rows)
    a = a.astype(np.complex128 if a.dtype.kind == "c" else np.float64)
    if a.size == 0:
        return np.zeros((0, 0))
    return _arr(a)


# ------------------------------------------------------------------------------------ ranges
class RangeArray(np.ndarray):
    """The 1xN row of ``colon``: an ordinary array, marked only so that displaying it directly
    uses Octave's range layout (one more column of width for non-integer ranges). Any operation
    on it gives a plain array."""

    def __array_wrap__(self, obj, context=None, return_scalar=False):
        return np.asarray(obj)

    def __getitem__(self, item):
        return np.asarray(self)[item]


class DiagArray(np.ndarray):
    """The matrix of ``eye``: an ordinary array, marked so that it displays with Octave's
    ``Diagonal Matrix`` header.

    As in Octave it stays diagonal when negated, transposed, inverted, passed to ``sqrt`` or
    ``abs``, multiplied or divided by a double or logical scalar (even Inf or NaN: the zeros
    off the diagonal stay zero), and when added to, subtracted from or multiplied by another
    diagonal matrix of its size. Any other operation gives a plain (full) array.
    """

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        plain = [np.asarray(x) if isinstance(x, DiagArray) else x for x in inputs]
        if method != "__call__" or "out" in kwargs:
            return getattr(ufunc, method)(*plain, **kwargs)
        diag = [isinstance(x, DiagArray) for x in inputs]
        if len(inputs) == 1 and ufunc in (np.negative, np.positive, np.sqrt, np.absolute,
                                          np.conjugate):
            return _as_diag(ufunc(plain[0]), None)
        if len(inputs) == 2:
            other = plain[1] if diag[0] else plain[0]
            scalar = isinstance(other, (bool, int, float, np.bool_, np.floating)) or \
                isinstance(other, np.ndarray) and other.size == 1 and \
                not isinstance(other, IntArray) and other.dtype.kind in "bf"
            if scalar and (ufunc is np.multiply or ufunc is np.true_divide and diag[0]):
                d = np.diagonal(plain[0] if diag[0] else plain[1])
                s_ = float(np.asarray(other).reshape(()))
                values = d * s_ if ufunc is np.multiply else d / s_
                return _as_diag(values, (plain[0] if diag[0] else plain[1]).shape)
            if _b.all(diag) and ufunc in (np.add, np.subtract, np.matmul) and \
                    plain[0].shape == plain[1].shape and \
                    (ufunc is not np.matmul or plain[0].shape[0] == plain[0].shape[1]):
                return _as_diag(ufunc(plain[0], plain[1]), None)
        return getattr(ufunc, method)(*plain, **kwargs)

    def __array_wrap__(self, obj, context=None, return_scalar=False):
        return np.asarray(obj)

    def __getitem__(self, item):
        return np.asarray(self)[item]


def _as_diag(values, shape):
    """A DiagArray: ``values`` is the full matrix (shape None) or its diagonal."""
    if shape is None:
        full = np.asarray(values)
        if full.dtype.kind != "f":
            return full
        return full.view(DiagArray)
    with np.errstate(all="ignore"):
        full = np.zeros(shape)
        n = _b.min(shape)
        full[np.arange(n), np.arange(n)] = values
    return full.view(DiagArray)


INVALID_RESIZE = ("Invalid resizing operation or ambiguous assignment to an out-of-bounds "
                  "array element")


def invalid_resize():
    """Octave's error for ``A(k) = x`` with k past the end of a matrix that is not a vector
    (``A = ones(5); A(26) = 1``): a linear index cannot tell which dimension should grow."""
    from .functions import OctaveError
    return OctaveError("Octave:invalid-resize", INVALID_RESIZE)


def _range_values(base, inc, limit):
    if inc == 0 or (inc > 0 and base > limit) or (inc < 0 and base < limit):
        return np.zeros((1, 0))
    n = int(math.floor((limit - base) / inc * (1 + 4 * eps) + 4 * eps)) + 1
    values = base + inc * np.arange(n, dtype=np.float64)
    values[0] = base                     # exactly the base (-0 stays -0)
    if n > 1:                            # Octave 7's final value: clipped to the limit, and
        final = base + (n - 1) * inc     # whole when base and increment are whole
        if (inc > 0 and final >= limit) or (inc < 0 and final <= limit):
            final = limit
        if float(base).is_integer() and float(inc).is_integer():
            final = float(np.round(final))
        values[-1] = final
    r = values.reshape(1, n).view(RangeArray)
    r.range_parts = (float(base), float(limit), float(inc))   # what save -text writes
    return r


def colon(base, *rest):
    """Octave's ``base:limit`` / ``base:increment:limit``, a 1xN float64 row (inclusive)."""
    if any(isinstance(v, float) and v != v for v in (base,) + rest):
        return nan                      # Octave: a range with a NaN part is the one value NaN
    if len(rest) == 1:
        inc, limit = 1, rest[0]
    elif len(rest) == 2:
        inc, limit = rest
    else:
        raise TypeError("colon: expects 2 or 3 arguments")
    parts = [_colon_operand(v) for v in (base, inc, limit)]
    if any(v is None for v in parts):
        return np.zeros((1, 0))         # Octave: an empty operand gives an empty range
    return _range_values(*parts)


def _colon_operand(x):
    """One operand of ``a:b``: a scalar; Octave takes the first element of an array (with a
    warning, ``2:size(theta)`` is common in course code) and gives an empty range for ``[]``."""
    if isinstance(x, (bool, numbers.Number, np.bool_)):
        return x
    a = np.asarray(_arr(x))
    if a.size == 0:
        return None
    if a.size > 1:
        print("warning: colon arguments should be scalars", file=sys.stderr)
    return a.reshape(-1, order="F")[0].item()


LAZY_RANGE = 2 ** 16    # a longer ``for`` range is walked value by value, never stored


def irange(base, *rest):
    """The values of ``base:limit`` / ``base:inc:limit`` for a ``for`` loop.

    Python floats (doubles, as Octave's: an int would make k*k*k exact); the values are those of
    :func:`colon` (element i is ``base + i*inc``, the last one clipped to the limit). As in
    Octave, a ``for`` range is never stored: a long one (more than ``LAZY_RANGE`` values) is
    produced one value at a time, so ``for k = 1:1e12 ... break`` costs what it runs, and an
    infinite limit warns and stops after 2^63 - 1 steps, as Octave does."""
    if any(isinstance(v, float) and v != v for v in (base,) + rest):
        return [nan]                    # Octave: a range with a NaN part is the one value NaN
    if len(rest) not in (1, 2):
        raise TypeError("colon: expects 2 or 3 arguments")
    inc, limit = (1, rest[0]) if len(rest) == 1 else rest
    parts = [_colon_operand(v) for v in (base, inc, limit)]
    if any(v is None for v in parts):
        return _EmptyLoop(colon(base, *rest))
    b, i, lim = (float(v) for v in parts)
    if not (math.isfinite(b) and math.isfinite(i)) or i == 0 or (i > 0 and b > lim) or \
            (i < 0 and b < lim):
        values = colon(base, *rest)
        return _listed(values) if np.size(values) else _EmptyLoop(values)
    if math.isinf(lim):
        print("warning: FOR loop limit is infinite, will stop after 9223372036854775807 steps",
              file=sys.stderr)
        count = 2 ** 63 - 1
    else:
        count = int(math.floor((lim - b) / i * (1 + 4 * eps) + 4 * eps)) + 1
    if count <= LAZY_RANGE:
        return _listed(colon(base, *rest))
    return _walk_range(b, i, lim, count)


def _listed(values):
    """A short range's values as Python floats: doubles, as in Octave (a Python int would
    compute k*k*k exactly where Octave rounds)."""
    return [float(v) for v in np.asarray(values).ravel()]


def _walk_range(base, inc, limit, count):
    """The values of a long range, one at a time (the same values :func:`colon` stores), as
    Python floats."""
    whole = base.is_integer() and inc.is_integer()
    final = base + (count - 1) * inc
    if (inc > 0 and final >= limit) or (inc < 0 and final <= limit):
        final = limit
    if whole and math.isfinite(final):
        final = float(round(final))
    for k in range(count - 1):
        yield base + k * inc
    yield final


class _EmptyLoop(list):
    """The values of a ``for`` loop that runs no iteration: none, but it keeps the loop's
    expression, which Octave then assigns to the loop variable (``for i = 1:0, end`` leaves
    i = zeros(1, 0); see :func:`loop_start`)."""

    def __init__(self, value):
        super().__init__()
        self.value = value


def loop_start(values):
    """The loop variable before a ``for`` over ``values`` (what irange / columns give) starts,
    when the variable is read elsewhere::

        i = loop_start(irange(1, n))
        for i in loop_values(i):

    With no iteration that is the loop's empty expression, which stays (as in Octave:
    ``for i = 1:0, end; i`` shows ``i = [](1x0)``); otherwise the values themselves, which the
    first iteration replaces before anything can read them."""
    return values.value if isinstance(values, _EmptyLoop) else values


def loop_values(start):
    """What ``for`` walks after :func:`loop_start`: its values, or none when it gave the empty
    expression (an Octave value, never a list of values or a walk of a long range)."""
    return start if isinstance(start, (list, types.GeneratorType)) else ()


def columns(x):
    """What ``for v = x`` iterates over: the columns of ``x`` (scalars for a row)."""
    if isinstance(x, (list, tuple)):
        return list(x)
    if hasattr(type(x), "paren_index"):          # a cell or struct array: its columns
        if x.shape[0] and x.shape[1]:
            return [x.paren_index((":", j + 1)) for j in range(x.shape[1])]
        return _EmptyLoop(x)
    if isinstance(x, str):
        return list(x) if x else _EmptyLoop(x)
    a = _arr(x)
    if a.size == 0:
        return _EmptyLoop(x)
    a = a.reshape(a.shape[0], -1, order="F")
    return [_out(a[:, j:j + 1]) for j in range(a.shape[1])]


def _scalar(x, where):
    if isinstance(x, (bool, numbers.Number, np.bool_)):
        return x
    a = np.asarray(x)
    if a.size != 1:
        raise ValueError(f"{where}: expected a scalar, got an array of size {_dims(a)}")
    return a.reshape(()).item()


def _dims(a):
    return "x".join(str(d) for d in _arr(a).shape)


# ---------------------------------------------------------------------------------- indexing
def _subscript(sub, extent, position, nsubs):
    """Convert one 1-based Octave subscript to 0-based integer positions (and a shape hint)."""
    if isinstance(sub, str) and sub == ":":
        return np.arange(extent), True
    if isinstance(sub, (bool, np.bool_)) or (isinstance(sub, np.ndarray) and sub.dtype == bool):
        mask = _arr(sub).ravel(order="F")
        if mask.size > extent and mask[extent:].any():
            raise IndexError(f"index ({mask.size}): out of bound {extent}")
        return np.flatnonzero(mask), False
    k = np.asarray(sub, dtype=np.float64)
    flat = k.ravel(order="F")
    if flat.size and (np.any(flat != np.round(flat)) or np.any(flat < 1)):
        bad = flat[(flat != np.round(flat)) | (flat < 1)][0]
        shown = int(bad) if bad == int(bad) else bad
        raise IndexError(f"index ({shown}): out of bound; value {shown} out of bound {extent}"
                         if bad >= 1 else
                         f"index ({shown}): out of bound; value {shown} out of bound {extent} "
                         f"(Octave indices start at 1)")
    return flat.astype(np.intp) - 1, False


def end_index(x, k, n):
    """The value of ``end`` in subscript ``k`` of ``n`` subscripts of ``x``."""
    shape = x.shape if hasattr(type(x), "paren_index") else _arr(x).shape
    if n == 1:
        return int(np.prod(shape))
    if k < n:
        return shape[k - 1] if k - 1 < len(shape) else 1
    return int(np.prod(shape[k - 1:])) if k - 1 < len(shape) else 1


def index(x, *subs):
    """Octave's ``x(subs...)``: 1-based, ``':'`` for a whole dimension, ``end`` resolved earlier.

    One subscript indexes ``x`` in column-major order; the result of a vector keeps the vector's
    orientation. Several subscripts select a block and keep its dimensions.
    """
    if type(x) is np.ndarray and x.ndim == 2 and x.dtype.kind in "fb" and 0 < len(subs) <= 2:
        fast = _scalar_element(x, subs)             # x(i) or x(i, j) with in-range numbers
        if fast is not None:
            return fast
    if hasattr(type(x), "paren_index"):          # a cell or struct array (.cells, .structs)
        return x.paren_index(subs) if subs else x
    if getattr(type(x), "octave_class", None) == "function_handle":
        return x(*subs)         # f(args) on a variable holding a handle (fhandles.py): a call
    is_str = isinstance(x, str)
    a = _arr(x)
    if not subs:
        return x
    if len(subs) == 1:
        flat = a.ravel(order="F")
        pos, whole = _subscript(subs[0], flat.size, 1, 1)
        _check_bounds(pos, flat.size, a)
        picked = flat[pos]
        if whole:
            res = picked.reshape(-1, 1)
        elif isinstance(subs[0], np.ndarray) and _arr(subs[0]).shape[0] > 1 and \
                _arr(subs[0]).shape[1] > 1 and not subs[0].dtype == bool:
            res = picked.reshape(_arr(subs[0]).shape, order="F")
        elif a.ndim == 2 and a.shape[1] == 1 and a.shape[0] != 1:
            res = picked.reshape(-1, 1)
        elif a.ndim == 2 and a.shape[0] == 1:
            res = picked.reshape(1, -1)
        else:
            sub = subs[0]
            shape = _arr(sub).shape if isinstance(sub, np.ndarray) else (1, picked.size)
            res = picked.reshape(shape, order="F") if np.prod(shape) == picked.size \
                else picked.reshape(1, -1)
    else:
        shape = list(a.shape) + [1] * _b.max(0, len(subs) - a.ndim)
        n = len(subs)
        folded = shape[:n - 1] + [int(np.prod(shape[n - 1:]))]
        b = a.reshape(folded, order="F")
        picks = []
        for k, sub in enumerate(subs):
            pos, _ = _subscript(sub, folded[k], k + 1, n)
            _check_bounds(pos, folded[k], a, k + 1, n)
            picks.append(pos)
        res = b[np.ix_(*picks)]
    out = _out(res) if not is_str else "".join(res.ravel(order="F").tolist())
    return out


def _scalar_element(a, subs):
    """``a(i)`` or ``a(i, j)`` of a 2-D double or logical array when every subscript is a whole
    number in range, as a Python float or bool; None for anything else (the general path then
    answers, errors included). Scripts index single elements in their inner loops."""
    rows, cols = a.shape
    if len(subs) == 1:
        k = subs[0]
        if type(k) is int or type(k) is float and k.is_integer():
            k = int(k)
            if 1 <= k <= rows * cols:
                return a.item((k - 1) % rows, (k - 1) // rows)
        return None
    i, j = subs
    if (type(i) is int or type(i) is float and i.is_integer()) and \
            (type(j) is int or type(j) is float and j.is_integer()):
        i, j = int(i), int(j)
        if 1 <= i <= rows and 1 <= j <= cols:
            return a.item(i - 1, j - 1)
    return None


def _check_bounds(pos, extent, a, k=1, n=1):
    if pos.size and pos.max() >= extent:
        where = "" if n == 1 else "(" + ",".join("_" if i != k else str(pos.max() + 1)
                                              for i in range(1, n + 1)) + ")"
        raise IndexError(f"index {where or '(' + str(pos.max() + 1) + ')'}: out of bound {extent} "
                         f"(dimensions are {_dims(a)})")


def value_or_none(read):
    """The variable ``read()`` returns, or None when it is not assigned yet (for ``x(i) = v``
    on a path where ``x`` may not exist: Octave then creates it)."""
    try:
        return read()
    except NameError:                   # UnboundLocalError and unset closure cells included
        return None


def assign_index(x, subs, value):
    """Octave's ``x(subs...) = value``: returns a new array (or string); grows it if needed.

    ``x`` is None when the variable does not exist yet. Growth pads with zeros, as in Octave.
    """
    subs = tuple(subs)
    if hasattr(type(x), "paren_assign") or x is None and hasattr(type(value), "paren_assign"):
        from .structs import assign_path           # a cell or struct array
        return assign_path(x, [("()", subs)], value)
    # An empty value is no deletion (only the literal ``[]`` deletes, in the translator): it
    # fills an empty selection, and is nonconformant with any other (as in Octave 7)
    is_str = isinstance(x, (str, CharMatrix)) or (x is None and isinstance(value, str))
    if x is None:                       # a new variable is logical when the value is
        logical = isinstance(value, (bool, np.bool_)) or \
            isinstance(value, np.ndarray) and value.dtype == bool
        a = np.zeros((0, 0), dtype="<U1" if is_str else bool if logical else np.float64)
    elif is_str:
        a = as_chars(x).copy()
    else:
        a = _arr(x).copy()
    if is_str:
        v = as_chars(value) if isinstance(value, (str, CharMatrix)) else \
            _arr(np.vectorize(chr)(np.asarray(value, int)))
    else:
        v = _arr(value)
        if v.dtype.kind == "c" and a.dtype.kind in "bf":     # a complex value makes it complex
            a = a.astype(np.complex64 if a.dtype == np.float32 else np.complex128)
        elif a.dtype.kind == "b" and v.dtype.kind != "b":
            a = a.astype(np.float64)
        elif a.dtype.kind in "iu" and v.dtype.kind == "f":
            v = np.clip(np.round(v), np.iinfo(a.dtype).min, np.iinfo(a.dtype).max)
        elif a.dtype.kind == "f" and v.dtype.kind == "f" and v.dtype.itemsize > a.dtype.itemsize:
            pass
    fill = "\0" if is_str else 0
    if len(subs) == 1:
        n = a.size
        pos, whole = _subscript(subs[0], n, 1, 1)
        need = int(pos.max()) + 1 if pos.size else 0
        if need > n:
            if a.size == 0 or a.shape[0] == 1:
                a = _grow(a, (1, need), fill)
            elif a.ndim == 2 and a.shape[1] == 1:
                a = _grow(a, (need, 1), fill)
            else:
                raise invalid_resize()
        flat = a.reshape(-1, order="F").copy()
        flat[pos] = _fit(v, pos.size)
        a = flat.reshape(a.shape, order="F")
    else:
        n = len(subs)
        shape = list(a.shape) + [1] * _b.max(0, n - a.ndim)
        if a.size == 0:
            shape = [0] * n
        picks, need = [], []
        for k, sub in enumerate(subs):
            extent = shape[k]
            if isinstance(sub, str) and sub == ":" and extent == 0:
                extent = v.shape[k] if k < v.ndim else 1
            pos, _ = _subscript(sub, extent, k + 1, n)
            picks.append(pos)
            need.append(_b.max(shape[k], int(pos.max()) + 1 if pos.size else 0))
        if n < a.ndim:
            raise IndexError("assignment with fewer subscripts than dimensions is not supported")
        a = _grow(a.reshape(shape, order="F") if a.size else np.zeros(shape, a.dtype), tuple(need), fill)
        block = tuple(p.size for p in picks)
        a[np.ix_(*picks)] = _fit(v, int(np.prod(block)), block)
    if is_str:
        return _out(a)
    if a.dtype.kind in "iu":
        return _out(a)
    if a.dtype.kind == "c" and not np.any(a.imag):     # Octave narrows an all-real result
        a = a.real.copy()
    return _out(a) if a.size == 1 and x is not None and not isinstance(x, np.ndarray) else a


def _grow(a, shape, fill):
    shape = tuple(_b.max(s, t) for s, t in zip(tuple(a.shape) + (1,) * (len(shape) - a.ndim), shape))
    if shape == a.shape:
        return a
    out = np.full(shape, fill, dtype=a.dtype)
    if a.size:
        out[tuple(slice(0, s) for s in a.reshape(tuple(a.shape) + (1,) * (len(shape) - a.ndim)).shape)] = \
            a.reshape(tuple(a.shape) + (1,) * (len(shape) - a.ndim))
    return out


def _fit(v, count, block=None):
    if v.size == 1:
        return v.reshape(())
    if v.size != count:
        raise ValueError(f"=: nonconformant arguments (op1 is {count} elements, op2 is {_dims(v)})")
    if block is None:
        return v.ravel(order="F")
    return v.reshape(block, order="F")


# ----------------------------------------------------------------------------- concatenation
def _cat(xs, axis):
    parts = [x for x in xs if not (isinstance(x, np.ndarray) and x.size == 0) and not
             (isinstance(x, str) and x == "" and axis == 1)]
    if not parts:
        return "" if xs and _b.all(isinstance(x, str) for x in xs) else np.zeros((0, 0))
    if _b.any(isinstance(x, CharMatrix) for x in parts) or \
            axis == 0 and len(parts) > 1 and _b.any(isinstance(x, str) for x in parts):
        return _cat_chars(parts, axis)
    if _b.any(isinstance(x, str) for x in parts):
        if axis == 0:
            return parts[0]
        text = []
        for x in parts:
            if isinstance(x, str):
                text.append(x)
            else:
                text.extend(chr(int(c)) for c in _arr(x).ravel(order="F"))
        return "".join(text)
    arrays = [_arr(x) for x in parts]
    other = 0 if axis == 1 else 1
    for b in arrays[1:]:
        if b.shape[other] != arrays[0].shape[other] or b.shape[2:] != arrays[0].shape[2:]:
            word = "horizontal" if axis == 1 else "vertical"
            raise ValueError(f"{word} dimensions mismatch ({_dims(arrays[0])} vs {_dims(b)})")
    ints = [b.dtype for b in arrays if b.dtype.kind in "iu"]
    res = np.concatenate(arrays, axis=axis)
    if ints:
        res = res.astype(ints[0])
    elif _b.all(b.dtype.kind == "b" for b in arrays):
        res = res.astype(bool)
    else:
        res = res.astype(np.float64) if res.dtype.kind not in "fc" else res
    return _out(res)


def _cat_chars(parts, axis):
    """Concatenation that involves a char matrix, or stacks strings: a char matrix. Numbers
    join as the characters of their codes (as Octave's char conversion)."""
    blocks = []
    for x in parts:
        if isinstance(x, str) and not x:
            continue                                      # ['ab'; ''] is 'ab'
        if isinstance(x, (str, CharMatrix)):
            blocks.append(as_chars(x))
        elif _is_numeric(x):
            codes = _arr(x)
            if not np.all(codes == np.round(codes)):
                raise ValueError("joining non-integer numbers with characters is not supported")
            blocks.append(np.vectorize(lambda v: chr(int(v)), otypes=["<U1"])(codes)
                          if codes.size else np.zeros(codes.shape, dtype="<U1"))
        else:
            raise TypeError("concatenation of characters with this value is not supported")
    if axis == 0 and _b.all(isinstance(x, (str, CharMatrix)) for x in parts):
        width = _b.max(b.shape[1] for b in blocks)       # Octave pads strings with blanks
        blocks = [np.pad(b, ((0, 0), (0, width - b.shape[1])), constant_values=" ")
                  for b in blocks]
    other = 1 - axis
    for b in blocks[1:]:
        if b.shape[other] != blocks[0].shape[other]:
            word = "horizontal" if axis == 1 else "vertical"
            raise ValueError(f"{word} dimensions mismatch ({_dims(blocks[0])} vs {_dims(b)})")
    return char_value(np.concatenate(blocks, axis=axis))


def horzcat(*xs):
    """Octave's ``[a, b, ...]``: joins numbers and arrays along columns, or characters."""
    return _cat_any(xs, 1)


def vertcat(*xs):
    """Octave's ``[a; b; ...]``: joins along rows."""
    return _cat_any(xs, 0)


def _cat_any(xs, axis):
    classes = [getattr(type(x), "octave_class", None) for x in xs]
    if "struct" in classes and "cell" not in classes:
        from .structs import struct_concat         # [s1, s2] of structs: a struct array
        return struct_concat(xs, axis)
    if _b.any(c in ("cell", "struct") for c in classes):
        from .cells import _cell_concat            # [c1, c2] joins cells (.cells)
        return _cell_concat(xs, axis)
    return _cat(xs, axis)


def horzcat_or_list(*xs):
    """``[a, b, c]`` of plain names: Octave concatenation when that makes sense, else a list.

    Numbers and numeric arrays whose rows agree are concatenated as Octave does, and strings
    are joined. Any other mix (an image, a string and an audio vector, or octakd branch handles,
    which Octave could not concatenate) becomes the Python list ``[a, b, c]``: the seed's
    ``[img, text, audio]`` and ``[img_branch, text_branch, audio_branch]``.
    """
    if _b.all(isinstance(x, str) for x in xs):
        return "".join(xs)
    if _b.any(getattr(type(x), "octave_class", None) in ("cell", "struct") for x in xs):
        return _cat_any(xs, 1)
    if _b.all(_is_numeric(x) for x in xs):
        try:
            return _cat(xs, 1)
        except ValueError:
            pass
    return list(xs)


def _num(x):
    if isinstance(x, str):
        return _arr(np.array([ord(c) for c in x], dtype=np.float64))
    if isinstance(x, CharMatrix):                     # character codes, as Octave's double()
        return np.array([[ord(c) for c in row] for row in np.asarray(x).tolist()],
                        dtype=np.float64).reshape(x.shape)
    return x if isinstance(x, (bool, numbers.Number, np.bool_)) else _arr(x)
