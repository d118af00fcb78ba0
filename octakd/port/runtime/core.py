"""Octave-compatible helpers that scripts ported by ``octakd port`` call.

Values follow Octave's model, written with plain Python and NumPy types:

* a number is a Python ``int``/``float``/``bool`` (Octave's 1x1 double or logical);
* an array is a NumPy array with at least 2 dimensions (Octave has no 1-D arrays); 1x1 results
  of the helpers come back as Python scalars;
* a character row is a Python ``str``;
* anything else (octakd branch handles, models, lists of inputs) passes through untouched.

Indexing (:func:`index`, :func:`assign_index`) is 1-based, column-major for a single subscript,
keeps dimensions like Octave and grows arrays on assignment. Display (:func:`display`,
:func:`disp`) and formatted output (:func:`printf`, :func:`fprintf`, :func:`sprintf`) reproduce
GNU Octave's "format short" output, checked against GNU Octave 7.
"""
import builtins as _b
import math
import numbers
import sys

import numpy as np

__all__ = [
    "pi", "inf", "nan", "eps", "stdout", "stderr",
    "mat", "colon", "irange", "columns", "index", "assign_index", "end_index",
    "horzcat", "vertcat", "horzcat_or_list", "mtimes", "mpower",
    "transpose", "ctranspose", "istrue", "logical_not", "logical_and", "logical_or",
    "display", "disp", "printf", "fprintf", "sprintf", "do_string_escapes", "num2str", "fflush",
    "size", "numel", "length", "ndims", "isempty", "zeros", "ones", "eye",
    "linspace", "abs", "sqrt", "exp", "log", "log2", "log10", "sin", "cos", "tan", "tanh",
    "floor", "ceil", "round", "fix", "mod", "rem", "max", "min", "strcmp", "double", "single", "logical", "uint8", "int32",
]

# The Octave functions this module implements, with the kind of value each returns
# ("void", "str", "scalar", "num", or "same" as its first argument), for the translator.
FUNCTIONS = {
    "disp": "void", "printf": "void", "fprintf": "void", "fflush": "void", "display": "void",
    "sprintf": "str", "num2str": "str", "do_string_escapes": "str",
    "size": "num", "numel": "scalar", "length": "scalar", "ndims": "scalar", "isempty": "scalar",
    "strcmp": "scalar", "zeros": "num", "ones": "num", "eye": "num",
    "linspace": "num", "colon": "num",
    "abs": "same", "sqrt": "same", "exp": "same", "log": "same", "log2": "same", "log10": "same",
    "sin": "same", "cos": "same", "tan": "same", "tanh": "same", "floor": "same", "ceil": "same",
    "round": "same", "fix": "same", "mod": "same", "rem": "same", "double": "same",
    "max": "num", "min": "num", "single": "num", "logical": "same", "uint8": "num", "int32": "num",
}
MULTI_OUTPUT = {"size", "max", "min"}   # functions that take nargout=

pi = math.pi
inf = math.inf
nan = math.nan
eps = float(np.finfo(np.float64).eps)
stdout = 1
stderr = 2

PRECISION = 5        # Octave's output_precision for "format short"
TERMINAL_WIDTH = 80  # Octave splits wider matrices into column chunks


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
    if isinstance(x, numbers.Number) and not isinstance(x, (bool, np.generic)):
        x = float(x)         # Octave numbers are doubles
    a = np.asarray(x)
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
            raise ValueError("multi-row character arrays are not supported")
        if a.size == 1 and a.ndim <= 2:
            v = a.reshape(()).item() if a.dtype.kind in "bf" else a.reshape(())[()]
            return v
        if a.ndim < 2:
            return _arr(a)
    return a


def mat(rows):
    """A numeric matrix literal ``[1 2; 3 4]``: nested lists to a float64 array of >= 2 dims."""
    a = np.array(rows, dtype=np.float64)
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


def _range_values(base, inc, limit):
    if inc == 0 or (inc > 0 and base > limit) or (inc < 0 and base < limit):
        return np.zeros((1, 0))
    n = int(math.floor((limit - base) / inc * (1 + 4 * eps) + 4 * eps)) + 1
    return (base + inc * np.arange(n, dtype=np.float64)).reshape(1, n).view(RangeArray)


def colon(base, *rest):
    """Octave's ``base:limit`` / ``base:increment:limit``, a 1xN float64 row (inclusive)."""
    if len(rest) == 1:
        inc, limit = 1, rest[0]
    elif len(rest) == 2:
        inc, limit = rest
    else:
        raise TypeError("colon: expects 2 or 3 arguments")
    return _range_values(_scalar(base, "colon"), _scalar(inc, "colon"), _scalar(limit, "colon"))


def irange(base, *rest):
    """The values of ``colon(base, ...)`` for a ``for`` loop: ints when all are whole numbers."""
    values = np.asarray(colon(base, *rest)).ravel()
    if np.all(values == np.round(values)) and np.all(np.abs(values) < 2 ** 53):
        return [int(v) for v in values]
    return [float(v) for v in values]


def columns(x):
    """What ``for v = x`` iterates over: the columns of ``x`` (scalars for a row)."""
    if isinstance(x, (list, tuple)):
        return list(x)
    if isinstance(x, str):
        return list(x)
    a = _arr(x)
    if a.size == 0:
        return []
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
    shape = _arr(x).shape
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


def _check_bounds(pos, extent, a, k=1, n=1):
    if pos.size and pos.max() >= extent:
        where = "" if n == 1 else "(" + ",".join("_" if i != k else str(pos.max() + 1)
                                              for i in range(1, n + 1)) + ")"
        raise IndexError(f"index {where or '(' + str(pos.max() + 1) + ')'}: out of bound {extent} "
                         f"(dimensions are {_dims(a)})")


def assign_index(x, subs, value):
    """Octave's ``x(subs...) = value``: returns a new array (or string); grows it if needed.

    ``x`` is None when the variable does not exist yet. Growth pads with zeros, as in Octave.
    """
    subs = tuple(subs)
    if isinstance(value, np.ndarray) and value.size == 0 and not (isinstance(x, np.ndarray) and x.size == 0):
        raise ValueError("deleting elements with x(i) = [] is not supported")
    is_str = isinstance(x, str) or (x is None and isinstance(value, str))
    if x is None:
        a = np.zeros((0, 0), dtype="<U1" if is_str else np.float64)
    elif is_str:
        a = _arr(x)
    else:
        a = _arr(x).copy()
    if is_str:
        v = _arr(value) if isinstance(value, str) else _arr(np.vectorize(chr)(np.asarray(value, int)))
    else:
        v = _arr(value)
        if a.dtype.kind == "b" and v.dtype.kind != "b":
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
                raise IndexError(f"Octave:index out of bound; value {need} out of bound {n} "
                                 f"(A(I) = X cannot resize a {_dims(a)} matrix)")
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
    if _b.any(isinstance(x, str) for x in parts):
        if axis == 0:
            if len(parts) == 1:
                return parts[0]
            raise ValueError("vertical concatenation of strings (char matrices) is not supported")
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
        res = res.astype(np.float64) if res.dtype.kind != "f" else res
    return _out(res)


def horzcat(*xs):
    """Octave's ``[a, b, ...]``: joins numbers and arrays along columns, or characters."""
    return _cat(xs, 1)


def vertcat(*xs):
    """Octave's ``[a; b; ...]``: joins along rows."""
    return _cat(xs, 0)


def horzcat_or_list(*xs):
    """``[a, b, c]`` of plain names: Octave concatenation when that makes sense, else a list.

    Numbers and numeric arrays whose rows agree are concatenated as Octave does, and strings
    are joined. Any other mix (an image, a string and an audio vector, or octakd branch handles,
    which Octave could not concatenate) becomes the Python list ``[a, b, c]``: the seed's
    ``[img, text, audio]`` and ``[img_branch, text_branch, audio_branch]``.
    """
    if _b.all(isinstance(x, str) for x in xs):
        return "".join(xs)
    if _b.all(_is_numeric(x) for x in xs):
        try:
            return _cat(xs, 1)
        except ValueError:
            pass
    return list(xs)


# --------------------------------------------------------------------------------- operators
def _is_scalar(x):
    return isinstance(x, (numbers.Number, np.bool_)) or np.size(x) == 1


def mtimes(a, b):
    """Octave's ``a * b``: scalar product when either side is a scalar, else matrix product."""
    if _is_scalar(a) or _is_scalar(b):
        return _out(np.multiply(a, b)) if isinstance(a, np.ndarray) or isinstance(b, np.ndarray) else a * b
    A, B = _arr(a), _arr(b)
    if A.ndim > 2 or B.ndim > 2 or A.shape[1] != B.shape[0]:
        raise ValueError(f"operator *: nonconformant arguments (op1 is {_dims(A)}, op2 is {_dims(B)})")
    return _out(A @ B)


def _div0(a):
    a = _scalar(a, "/")
    return nan if a == 0 or a != a else math.copysign(inf, a)


def mpower(a, b):
    """Octave's ``a ^ b``: scalar power, or an integer power of a square matrix."""
    if _is_scalar(a) and _is_scalar(b):
        return _out(np.power(np.float64(_scalar(a, "^")), _scalar(b, "^")))
    A = _arr(a)
    if _is_scalar(b) and A.ndim == 2 and A.shape[0] == A.shape[1] and float(_scalar(b, "^")).is_integer():
        return _out(np.linalg.matrix_power(A.astype(np.float64), int(_scalar(b, "^"))))
    raise ValueError("operator ^: only scalars and integer powers of square matrices are supported")


def transpose(x):
    """Octave's ``x.'``."""
    if _is_scalar(x) and not isinstance(x, np.ndarray):
        return x
    if isinstance(x, str):
        if len(x) <= 1:
            return x
        raise ValueError("transposing a string (to a char column) is not supported")
    a = _arr(x)
    if a.ndim > 2:
        raise ValueError("transpose not defined for N-D objects")
    return a.T


def ctranspose(x):
    """Octave's ``x'`` (the conjugate transpose; the same for real values)."""
    t = transpose(x)
    return np.conj(t) if isinstance(t, np.ndarray) and t.dtype.kind == "c" else t


def istrue(x):
    """Octave's truth of an ``if``/``while`` condition: nonempty and all elements nonzero."""
    if isinstance(x, (bool, numbers.Number, np.bool_)):
        return bool(x)
    if isinstance(x, str):
        return len(x) > 0 and _b.all(c != "\0" for c in x)
    a = np.asarray(x)
    return a.size > 0 and bool(np.all(a))


def logical_not(x):
    """Octave's ``~x`` / ``!x``."""
    if isinstance(x, (bool, numbers.Number, np.bool_)):
        return not x
    return _out(np.logical_not(_arr(x)))


def logical_and(a, b):
    """Octave's element-wise ``a & b``."""
    return _out(np.logical_and(_num(a), _num(b)))


def logical_or(a, b):
    """Octave's element-wise ``a | b``."""
    return _out(np.logical_or(_num(a), _num(b)))


def _num(x):
    if isinstance(x, str):
        return _arr(np.array([ord(c) for c in x], dtype=np.float64))
    return x if isinstance(x, (bool, numbers.Number, np.bool_)) else _arr(x)


# ----------------------------------------------------------------------------------- display
def _digits(x):
    """Octave's engineering digit count: floor(log10(x)) + 1, with 0 for x == 0."""
    return int(math.floor(math.log10(x))) + 1 if x > 0 else 0


def _ld_rd(d):
    if d > 0:
        return d, (PRECISION - d if PRECISION > d else PRECISION)
    if d < 0:
        return 1, PRECISION - d
    return 1, PRECISION - 1


_NA_BITS = 0x7FF00000000007A2   # Octave's NA, a NaN with R's payload


def _special(v):
    if v != v:
        return "NA" if np.float64(v).view(np.uint64) == _NA_BITS else "NaN"
    return "Inf" if v > 0 else "-Inf"


def _format_scalar(v):
    """Octave's ``format short`` text of one real number (as in ``x = 2.5000``)."""
    if isinstance(v, (bool, np.bool_)):
        return "1" if v else "0"
    if isinstance(v, np.integer):
        return str(int(v))
    v = float(v)            # a Python int is an Octave double
    if not math.isfinite(v):
        return _special(v)
    if v == int(v):
        digits = len(str(_b.abs(int(v))))
        return str(int(v)) if digits < 8 else f"{v:.{PRECISION - 1}e}"
    ld, rd = _ld_rd(_digits(_b.abs(v)))
    if ld + 1 + rd > 8:
        return f"{v:.{PRECISION - 1}e}"
    return f"{v:.{rd}f}"


def _matrix_lines(a0):
    """The rows Octave prints for a 2-D real array (without the ``name =`` header)."""
    a = np.asarray(a0)
    if a.dtype.kind in "biu":
        texts = [[str(int(v)) for v in row] for row in a]
        fw = _b.max(len(t) for row in texts for t in row)
        cells = [[t.rjust(fw) for t in row] for row in texts]
        return _chunk(cells, fw, 2)
    a = a.astype(np.float64)
    finite = a[np.isfinite(a)]
    special = finite.size < a.size
    if finite.size == 0 or np.all(finite == np.round(finite)):
        maxabs = float(np.max(np.abs(finite))) if finite.size else 0.0
        digits = _digits(maxabs)
        fw = digits + 1 if digits > 0 else 2
        if special and fw < 4:
            fw = 4
        if digits >= 7:
            return _e_lines(a)
        cells = [[(str(int(v)) if math.isfinite(v) else _special(v)).rjust(fw) for v in row]
                 for row in a]
        return _chunk(cells, fw, 2)
    absf = np.abs(finite)
    ld_max, rd_max = _ld_rd(_digits(float(absf.max())))
    ld_min, rd_min = _ld_rd(_digits(float(absf.min())))
    ld, rd = _b.max(ld_max, ld_min), _b.max(rd_max, rd_min)
    if ld + 1 + rd > 8:
        return _e_lines(a)
    fw = 1 + ld + 1 + rd + (1 if isinstance(a0, RangeArray) else 0)
    cells = [[("0" if v == 0 else f"{v:.{rd}f}" if math.isfinite(v) else _special(v)).rjust(fw)
              for v in row] for row in a]
    return _chunk(cells, fw, 2)


def _e_lines(a):
    fw = PRECISION + 6
    cells = [[(f"{v:.{PRECISION - 1}e}" if math.isfinite(v) else _special(v)).rjust(fw)
              for v in row] for row in a]
    return _chunk(cells, fw, 2)


def _chunk(cells, fw, sep):
    """Rows of cells, split into Octave's "Columns N through M" chunks when too wide."""
    ncols = len(cells[0]) if cells else 0
    per = _b.max(1, (TERMINAL_WIDTH - 0) // (fw + sep))
    if ncols <= per:
        return [["".join(" " * sep + c for c in row) for row in cells]]
    chunks = []
    for start in range(0, ncols, per):
        stop = _b.min(ncols, start + per)
        if stop - start == 1:
            head = f" Column {start + 1}:"
        elif stop == ncols and stop - start == 2:
            head = f" Columns {start + 1} and {stop}:"
        else:
            head = f" Columns {start + 1} through {stop}:" if stop < ncols or stop - start > 2 \
                else f" Columns {start + 1} and {stop}:"
        chunks.append([head, ""] + ["".join(" " * sep + c for c in row[start:stop]) for row in cells])
    return chunks


def _value_text(value):
    """(single-line text or None, list of lines) describing ``value`` as Octave prints it."""
    if isinstance(value, str):
        return value, None
    if np.iscomplexobj(value) and not isinstance(value, (str, list, tuple)):
        raise ValueError("complex values cannot be displayed by octakd run (use abs, real, imag)")
    if isinstance(value, (bool, numbers.Number, np.bool_, np.number)) and not isinstance(value, complex):
        return _format_scalar(value), None
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        a = _arr(value)
        if a.size == 0:
            return f"[]({_dims(a)})", None
        if a.size == 1:
            v = a.reshape(())[()]
            return _format_scalar(v.item() if a.dtype.kind in "bf" else v), None
        if a.ndim > 2:
            return None, _nd_lines(a)
        chunks = _matrix_lines(value if isinstance(value, RangeArray) else a)
        title = getattr(value, "octave_title", None)   # Diagonal Matrix, Permutation Matrix
        return None, [[title, ""] + chunks[0]] + chunks[1:] if title else chunks
    if isinstance(value, np.ndarray) and value.dtype.kind == "U":
        return _out(value), None
    return None, [[line if line.startswith(" ") else "  " + line for line in repr(value).splitlines()]]


def _nd_lines(a):
    out = []
    for idx in np.ndindex(*a.shape[2:]):
        page = a[(slice(None), slice(None)) + idx]
        label = ",".join(str(i + 1) for i in idx)
        out.append(["", f"ans(:,:,{label}) =", ""] + [l for chunk in _matrix_lines(page) for l in chunk])
    return out


def display(name, value):
    """Print ``value`` the way Octave shows a statement without a semicolon (``x = 5``)."""
    if value is None:
        return
    line, chunks = _value_text(value)
    if line is not None:
        print(f"{name} = {line}")
        return
    if isinstance(value, np.ndarray) and value.ndim > 2:
        print(f"{name} =")
        print()
        for chunk in chunks:
            lines = [l.replace("ans(", f"{name}(", 1) for l in chunk[1:]]
            print("\n".join(lines))
        print()
        return
    print(f"{name} =")
    print()
    for chunk in chunks:
        print("\n".join(chunk))
        print()


def disp(value):
    """Octave's ``disp``: the value without its name."""
    line, chunks = _value_text(value)
    if line is not None:
        if isinstance(value, np.ndarray) and value.size == 0:
            return
        print(line)
        return
    for k, chunk in enumerate(chunks):
        if len(chunks) > 1 and k:
            print()
        print("\n".join(chunk))


# ---------------------------------------------------------------------------- formatted text
_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "a": "\a", "r": "\r",
            "f": "\f", "v": "\v", "b": "\b"}


def do_string_escapes(text):
    """Octave's ``do_string_escapes``: turn ``\\n``, ``\\t``, ``\\\\``... into characters."""
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt in "01234567":
                j = i + 1
                while j < len(text) and j < i + 4 and text[j] in "01234567":
                    j += 1
                out.append(chr(int(text[i + 1:j], 8)))
                i = j
                continue
            if nxt == "x":
                j = i + 2
                while j < len(text) and j < i + 4 and text[j] in "0123456789abcdefABCDEF":
                    j += 1
                if j > i + 2:
                    out.append(chr(int(text[i + 2:j], 16)))
                    i = j
                    continue
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                i += 2
                continue
        out.append(c)
        i += 1
    return "".join(out)


def _parse_format(fmt):
    """Split a printf template into literal strings and (flags, width, precision, type) tuples."""
    import re
    parts = []
    pattern = re.compile(r"%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([lhLqjzt]*)([diouxXeEfFgGcs%])")
    pos = 0
    text = []
    while pos < len(fmt):
        if fmt[pos] == "%":
            m = pattern.match(fmt, pos)
            if m and m.group(5) == "%":
                text.append("%")
                pos = m.end()
                continue
            if m:
                if text:
                    parts.append("".join(text))
                    text = []
                parts.append((m.group(1), m.group(2), m.group(3), m.group(5)))
                pos = m.end()
                continue
        text.append(fmt[pos])
        pos += 1
    if text:
        parts.append("".join(text))
    return parts


class _Args:
    """The argument stream of printf: elements in column-major order, strings kept whole."""

    def __init__(self, args):
        self.items = []
        for a in args:
            if isinstance(a, str):
                if a:
                    self.items.append(a)
            elif isinstance(a, (bool, numbers.Number, np.bool_)):
                self.items.append(np.array([a], dtype=np.float64 if not isinstance(a, (numbers.Integral, bool, np.bool_)) else np.float64))
            elif isinstance(a, np.ndarray):
                if np.iscomplexobj(a):
                    raise TypeError("printf: complex values are not supported (use abs, real, imag)")
                if a.size:
                    self.items.append(a.ravel(order="F").astype(np.float64))
            else:
                raise TypeError(f"printf: wrong type argument '{type(a).__name__}'")
        self.k = 0      # current item
        self.j = 0      # position inside it

    def empty(self):
        return self.k >= len(self.items)

    def next(self, conv):
        item = self.items[self.k]
        if conv == "s" and self.j == 0:
            if isinstance(item, str):
                self.k += 1
                return item
            if np.all(item == np.round(item)) and np.all(item >= 0) and item.size > 1:
                self.k += 1
                return "".join(chr(int(v)) for v in item)
        value = item[self.j]
        value = float(ord(value)) if isinstance(item, str) else float(value)
        self.j += 1
        if self.j >= len(item):
            self.k += 1
            self.j = 0
        return value


def _convert(spec, value):
    flags, width, prec, conv = spec
    head = "%" + flags + (width or "") + ("." + prec if prec is not None else "")
    if isinstance(value, str):
        if conv in "sc":
            return (head + "s") % value
        return (head + conv) % value
    if conv in "sc":
        if value == int(value) and math.isfinite(value):
            return (head + "s") % chr(int(value))
        return (head + "g") % value if conv == "s" else ("%" + flags + (width or "") + "g") % value
    if not math.isfinite(value):
        return ("%" + flags.replace("0", "") + (width or "") + "s") % _special(value)
    if conv in "diouxX":
        if value == int(value):
            v = int(value)
            if conv in "ouxX" and v < 0:
                return ("%" + flags + (width or "") + "g") % value
            return (head + ("d" if conv in "iu" else conv)) % v
        return (head + "g") % value
    return (head + conv) % value


def sprintf(fmt, *args):
    """Octave's ``sprintf``: the template is reused until every argument is consumed."""
    if not isinstance(fmt, str):
        raise TypeError("sprintf: format TEMPLATE must be a string")
    parts = _parse_format(fmt)
    stream = _Args(args)
    specs = [p for p in parts if not isinstance(p, str)]
    out = []
    if not specs or stream.empty():
        for p in parts:
            out.append(p if isinstance(p, str) else _convert(p, "") if p[3] in "sc" else
                       ("%" + p[0] + (p[1] or "") + "s") % "")
        return "".join(out)
    while True:
        for p in parts:
            if isinstance(p, str):
                out.append(p)
                continue
            if stream.empty():
                return "".join(out)
            out.append(_convert(p, stream.next(p[3])))
        if stream.empty():
            return "".join(out)


def printf(fmt, *args):
    """Octave's ``printf``: format cycling over the arguments, matrices column-major."""
    sys.stdout.write(sprintf(fmt, *args))


def fprintf(*args):
    """Octave's ``fprintf([fid,] template, ...)``; fid 1 is stdout and 2 is stderr."""
    if args and not isinstance(args[0], str) and _is_numeric(args[0]) and np.size(args[0]) == 1:
        fid, args = int(_scalar(args[0], "fprintf")), args[1:]
    else:
        fid = 1
    if not args:
        return
    stream = {1: sys.stdout, 2: sys.stderr}.get(fid)
    if stream is None:
        raise ValueError(f"fprintf: invalid stream number = {fid} (files are not supported)")
    stream.write(sprintf(*args))


def fflush(fid=1):
    """Octave's ``fflush(stdout)``."""
    {1: sys.stdout, 2: sys.stderr}.get(int(fid), sys.stdout).flush()


def num2str(x):
    """Octave's ``num2str`` for numbers, row vectors and strings."""
    if isinstance(x, str):
        return x
    a = _arr(x)
    if a.shape[0] != 1:
        raise ValueError("num2str: only scalars and row vectors are supported")
    vals = a.ravel().astype(np.float64)
    if np.all(vals[np.isfinite(vals)] == np.round(vals[np.isfinite(vals)])):
        finite = np.abs(vals[np.isfinite(vals)])
        dgt = _digits(float(finite.max())) if finite.size else 1
        dgt = _b.max(dgt, 1) + (1 if np.any(vals < 0) else 0)
        fmt = f"%{dgt + 2}d"
        text = "".join(("%" + str(dgt + 2) + "s") % _special(v) if not math.isfinite(v) else fmt % int(v)
                       for v in vals)
        return text.strip()
    finite = np.abs(vals[np.isfinite(vals)])
    dgt = int(math.floor(math.log10(float(finite.max())))) if finite.size and finite.max() > 0 else 0
    dgt = _b.max(dgt + 5, 5)
    if vals.size == 1:
        return (f"%{dgt + 7 + int(vals[0] < 0)}.{dgt}g" % vals[0]).strip()
    fmt = f"%{dgt + 7 + int(np.any(vals < 0))}.{dgt}g"
    return "".join(fmt % v for v in vals).strip()


# ----------------------------------------------------------------------- functions on arrays
def size(x, dim=None, nargout=1):
    """Octave's ``size``: a 1xN row, ``size(x, dim)`` an int, or ``nargout`` separate ints."""
    shape = _arr(x).shape if not isinstance(x, (list, tuple)) else (1, len(x))
    if dim is not None:
        d = int(_scalar(dim, "size"))
        return shape[d - 1] if d - 1 < len(shape) else 1
    if nargout > 1:
        dims = list(shape) + [1] * _b.max(0, nargout - len(shape))
        return tuple(dims[:nargout - 1]) + (int(np.prod(dims[nargout - 1:])),)
    return np.array([shape], dtype=np.float64)


def numel(x):
    """Octave's ``numel``."""
    if isinstance(x, (list, tuple)):
        return len(x)
    return int(np.prod(_arr(x).shape))


def length(x):
    """Octave's ``length``: the largest dimension (0 for an empty array)."""
    shape = _arr(x).shape if not isinstance(x, (list, tuple)) else (1, len(x))
    return 0 if 0 in shape else _b.max(shape)


def ndims(x):
    """Octave's ``ndims``."""
    return _arr(x).ndim


def isempty(x):
    """Octave's ``isempty``."""
    return numel(x) == 0


def _shape_args(args, where):
    if not args:
        return (1, 1)
    if len(args) == 1:
        a = np.asarray(args[0])
        if a.size == 1:
            n = int(_scalar(args[0], where))
            return (_b.max(n, 0), _b.max(n, 0))
        return tuple(_b.max(int(v), 0) for v in a.ravel())
    for a in args:
        if isinstance(a, str):
            raise ValueError(f"{where}: class and seed arguments are not supported")
    return tuple(_b.max(int(_scalar(a, where)), 0) for a in args)


def zeros(*dims):
    """Octave's ``zeros(n)`` (n x n), ``zeros(r, c, ...)`` or ``zeros([r c])``."""
    return np.zeros(_shape_args(dims, "zeros"))


def ones(*dims):
    """Octave's ``ones``, with the same size arguments as :func:`zeros`."""
    return np.ones(_shape_args(dims, "ones"))


def eye(*dims):
    """Octave's ``eye(n)`` / ``eye(r, c)``."""
    shape = _shape_args(dims, "eye")
    return np.eye(shape[0], shape[1])


def linspace(a, b, n=100):
    """Octave's ``linspace``: a 1xn row."""
    return np.linspace(_scalar(a, "linspace"), _scalar(b, "linspace"), int(n)).reshape(1, -1)


def _elementwise(func):
    def wrapper(x, *rest):
        res = func(_num(x), *rest)
        return _out(res) if isinstance(res, np.ndarray) else (res.item() if isinstance(res, np.generic) else res)
    wrapper.__name__ = func.__name__
    wrapper.__doc__ = f"Octave's element-wise ``{func.__name__}``."
    return wrapper


abs = _elementwise(np.abs)
sqrt = _elementwise(np.sqrt)
exp = _elementwise(np.exp)
log = _elementwise(np.log)
log2 = _elementwise(np.log2)
log10 = _elementwise(np.log10)
sin = _elementwise(np.sin)
cos = _elementwise(np.cos)
tan = _elementwise(np.tan)
tanh = _elementwise(np.tanh)
floor = _elementwise(np.floor)
ceil = _elementwise(np.ceil)
fix = _elementwise(np.trunc)


def _round_half_away(x):
    return np.sign(x) * np.floor(np.abs(x) + 0.5)


round = _elementwise(_round_half_away)
round.__name__ = "round"
round.__doc__ = "Octave's ``round``: halves go away from zero."


def mod(x, y):
    """Octave's ``mod``: x - floor(x ./ y) .* y, with mod(x, 0) = x."""
    x, y = _num(x), _num(y)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(np.asarray(y) == 0, x, x - np.floor(np.divide(x, y)) * y)
    return _out(_arr(r)) if np.ndim(r) else r.item()


def rem(x, y):
    """Octave's ``rem``: x - fix(x ./ y) .* y, with rem(x, 0) = x."""
    x, y = _num(x), _num(y)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(np.asarray(y) == 0, x, x - np.trunc(np.divide(x, y)) * y)
    return _out(_arr(r)) if np.ndim(r) else r.item()


def _extreme(func, argfunc, pair, x, y=None, dim=None, nargout=1):
    if y is not None and not (isinstance(y, np.ndarray) and y.size == 0):
        return _out(_arr(pair(_num(x), _num(y)))) if isinstance(x, np.ndarray) or isinstance(y, np.ndarray) \
            else pair(x, y).item()
    a = _arr(_num(x))
    if dim is None:
        dim = next((k + 1 for k, s in enumerate(a.shape) if s != 1), 1)
    ax = int(dim) - 1
    value = _out(func(a, axis=ax, keepdims=True))
    if nargout > 1:
        return value, _out(np.expand_dims(argfunc(a, axis=ax), ax) + 1.0)
    return value


def max(x, y=None, dim=None, nargout=1):
    """Octave's ``max(x)``, ``max(x, y)``, ``max(x, [], dim)``; ``nargout=2`` adds the index."""
    return _extreme(np.max, np.argmax, np.maximum, x, y, dim, nargout)


def min(x, y=None, dim=None, nargout=1):
    """Octave's ``min``, like :func:`max`."""
    return _extreme(np.min, np.argmin, np.minimum, x, y, dim, nargout)


def strcmp(a, b):
    """Octave's ``strcmp``: True when both are strings with the same characters."""
    return isinstance(a, str) and isinstance(b, str) and a == b


def double(x):
    """Octave's ``double``: to float64 (strings become character codes)."""
    return _out(_arr(_num(x)).astype(np.float64)) if not isinstance(x, (numbers.Number, np.bool_)) else float(x)


def single(x):
    """Octave's ``single``: to float32."""
    return _arr(_num(x)).astype(np.float32)


def logical(x):
    """Octave's ``logical``."""
    return _out(_arr(_num(x)) != 0)


def _int_cast(dtype):
    def cast(x):
        info = np.iinfo(dtype)
        return np.clip(_round_half_away(_arr(_num(x)).astype(np.float64)), info.min, info.max).astype(dtype)
    cast.__name__ = np.dtype(dtype).name
    cast.__doc__ = f"Octave's ``{np.dtype(dtype).name}``: round, saturate and convert."
    return cast


uint8 = _int_cast(np.uint8)
int32 = _int_cast(np.int32)
