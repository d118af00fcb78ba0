"""Octave's cell arrays: ``{1, 'a'; [1 2], {3}}``, ``c{i}``, ``c(i)``, ``cell``, ``cellfun``...

A cell array is a :class:`Cell`: a 2-D NumPy array of Python objects (``Cell.data``), each one a
runtime value (number, string, array, cell, struct, handle). Cells are values, as in Octave:
every assignment returns a new ``Cell`` and never changes the one it started from, so
``d = c; d{1} = 5`` leaves ``c`` alone.

Indexing reuses the numeric rules of :mod:`.values`: the positions ``1..numel`` laid out in the
cell's shape are indexed (or assigned) as a double array, and the result says which elements
to take, so ``c(2:end)``, ``c(:)``, ``c(mask)``, growth and the bound errors follow the same
rules as for matrices. A new position after growth holds ``[]`` (a 0x0 double), as in Octave.

``c{...}`` with several elements is a comma-separated list: :func:`brace_list` gives the
values for ``f(c{:})`` and ``[c{:}]``; :func:`brace` (a single value) gives the first one,
as Octave 7 does for ``x = c{:}``.
"""
import numpy as np

from .values import _arr, _dims, _num, _out, _scalar, assign_index, index, invalid_resize

__all__ = ["Cell", "cell", "cell_literal", "brace", "brace_list", "first_of", "held_template",
           "char_codes", "first_n", "deal", "iscell", "iscellstr", "cellfun", "cell2mat",
           "num2cell", "empty_double"]
FUNCTIONS = {"deal": "unknown", "cell": "other", "iscell": "scalar", "iscellstr": "scalar",
             "cellfun": "unknown",
             "cell2mat": "unknown", "num2cell": "other"}
MULTI_OUTPUT = {"cellfun", "deal"}


MAX_CELLS = 2 ** 22    # 4 Mi elements: each is a Python object of ~100 bytes (Octave's: 8)


def _limit_cells(count, where):
    """Refuse a cell of more than MAX_CELLS elements before building it, as Octave's own
    allocation failure reads (a bigger one would take gigabytes and minutes here)."""
    if count > MAX_CELLS:
        raise MemoryError(f"{where}: out of memory or dimension too large for Octave's index type "
                          f"({count:.0f} cell elements; octakd run allows {MAX_CELLS})")


def empty_double():
    """Octave's ``[]``: the 0x0 double that fills new cells and new struct fields."""
    return np.zeros((0, 0))


class NotANumber:
    """Mixed into Cell and Struct: Octave has no arithmetic, comparison or truth value for
    them, so NumPy conversion, ``==``/``<``... and ``bool()`` raise instead of giving Python's
    answer (``c == 1`` would be False, ``if c`` true)."""
    __slots__ = ()

    def _refuse(self, *args, **kwargs):
        raise TypeError(f"wrong type argument '{self.octave_class}' (Octave has no numeric value "
                        f"for a {self.octave_class})")

    __array__ = __bool__ = __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _refuse
    __hash__ = object.__hash__


class Cell(NotANumber):
    """An Octave cell array: ``data`` is a 2-D object array of runtime values (column-major
    meaning, as everything in Octave)."""
    octave_class = "cell"
    __slots__ = ("data",)

    def __init__(self, data):
        data = np.asarray(data, dtype=object) if not isinstance(data, np.ndarray) else data
        if data.ndim != 2:
            raise ValueError("cell arrays of more than 2 dimensions are not supported")
        self.data = data

    @classmethod
    def of(cls, values, shape):
        """A cell of ``shape`` from a flat list of values in column-major order."""
        data = np.empty(len(values), dtype=object)
        for k, v in enumerate(values):
            data[k] = v
        return cls(data.reshape(shape, order="F"))

    @property
    def shape(self):
        return self.data.shape

    def values(self):
        """The elements in Octave's (column-major) order."""
        return list(self.data.ravel(order="F"))

    def __repr__(self):
        return f"Cell({_dims(np.empty(self.shape))})"

    def transposed(self):
        """``c'`` and ``c.'``: the elements themselves are not transposed."""
        return Cell(self.data.T.copy())

    # -- indexing (hooks called by values.index / values.assign_index)
    def paren_index(self, subs):
        """``c(subs)``: a sub-cell."""
        picked = _positions(self.shape, subs)
        flat = self.values()
        return Cell.of([flat[k] for k in picked.ravel(order="F")], picked.shape)

    def paren_assign(self, subs, value):
        """``c(subs) = value``: ``value`` is a cell (one element is spread over all)."""
        if not isinstance(value, Cell):
            raise TypeError("conversion to cell array from " + _class(value) +
                            " is not possible (use c{i} = x to store a value)")
        return Cell.of(*_assigned(self, subs, value.values(), value.shape))


def _class(x):
    from .introspect import class_of
    return class_of(x)


def _ids(shape):
    """The 1-based positions of a container of ``shape`` as a double array."""
    n = int(np.prod(shape))
    return np.arange(1, n + 1, dtype=np.float64).reshape(shape, order="F")


def _one_index(subs):
    """The 0-based position of a single whole-number subscript ``x(k)``, else None."""
    if len(subs) != 1:
        return None
    k = subs[0]
    if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, float, np.integer, np.floating)):
        return None
    return int(k) - 1 if k == int(k) and k >= 1 else None


def _positions(shape, subs):
    """0-based positions (a 2-D int array in the result's shape) that ``x(subs)`` picks."""
    k = _one_index(subs)
    if k is not None and k < shape[0] * shape[1]:       # the common x(k): no index arrays
        return np.array([[k]], dtype=np.intp)
    got = index(_ids(shape), *subs)
    got = _arr(np.asarray(got, dtype=np.float64))
    return got.astype(np.intp) - 1


def _set_one(data, subs, value, fill):
    """``x(k) = value`` on the object array ``data`` for a single whole-number ``k``: a new
    array (replaced in place of a copy, or a row/column grown with ``fill()``), or None when
    the general rule is needed (a matrix grown by a linear index is Octave's error)."""
    k = _one_index(subs)
    if k is None:
        return None
    rows, cols = data.shape
    n = rows * cols
    if k < n:
        out = data.copy()
        out[k % rows, k // rows] = value
        return out
    column = cols == 1 and rows > 1
    if n == 0 and rows > 1:
        raise invalid_resize()
    if rows <= 1 or column:                   # 1xN, 0x0, 0xN and 1x0 grow into a row
        _limit_cells(k + 1, "A(I) = X")
        out = np.empty((k + 1, 1) if column else (1, k + 1), dtype=object)
        flat = out.reshape(-1)                  # a view: the new array in Octave's order
        flat[:n] = data.reshape(-1, order="F")
        for i in range(n, k):
            flat[i] = fill()
        flat[k] = value
        return out
    return None


def _grown_bound(shape, subs):
    """An upper bound of the element count after ``A(subs) = X`` on an array of ``shape``:
    each indexed dimension grows to at most its largest numeric subscript."""
    dims = list(shape) if len(subs) != 1 else [int(np.prod(shape))]
    dims += [1] * (len(subs) - len(dims))
    bound = 1.0
    for k, sub in enumerate(subs):
        size = dims[k] if k < len(subs) - 1 else int(np.prod(dims[k:]))
        a = np.asarray(sub) if not isinstance(sub, (str, slice)) else None
        if a is not None and a.size and a.dtype.kind in "iuf":
            size = max(size, float(np.nanmax(a)))
        bound *= size
    return bound


def _assigned(container, subs, values, vshape, fill=None):
    """(elements, shape) after ``container(subs) = values``, grown as a matrix grows; a new
    position gets ``fill()`` (``[]`` by default)."""
    shape = container.shape if container is not None else (0, 0)
    old = container.values() if container is not None else []
    n = len(old)
    new_ids = np.arange(n + 1, n + 1 + len(values), dtype=np.float64).reshape(vshape, order="F") \
        if len(values) != 1 else float(n + 1)
    _limit_cells(_grown_bound(shape, subs), "A(I) = X")
    ids = _arr(np.asarray(assign_index(_ids(shape), tuple(subs), new_ids), dtype=np.float64))
    pool = old + list(values)
    out = [pool[int(k) - 1] if k else (fill or empty_double)() for k in ids.ravel(order="F")]
    return out, ids.shape


# ------------------------------------------------------------------------ building cells
def cell_literal(rows):
    """``{a, b; c, d}``: each row a list of values; a cell value inside the braces is nested
    (``{c, 3}`` has ``c`` as its first element), as Octave does."""
    rows = [r for r in rows if r]
    if not rows:
        return Cell(np.empty((0, 0), dtype=object))
    widths = {len(r) for r in rows}
    if len(widths) != 1:
        raise ValueError("vertical dimensions mismatch (" +
                         " vs ".join(f"1x{len(r)}" for r in rows[:2]) + ")")
    data = np.empty((len(rows), len(rows[0])), dtype=object)
    for i, r in enumerate(rows):
        for j, v in enumerate(r):
            data[i, j] = v
    return Cell(data)


def cell(*dims):
    """Octave's ``cell(n)``, ``cell(n, m)``, ``cell([n m])``: every element ``[]``."""
    if len(dims) == 1 and np.size(dims[0]) == 2:
        dims = tuple(_arr(dims[0]).ravel())
    if len(dims) == 1:
        dims = (dims[0], dims[0])
    if not dims:
        dims = (1, 1)
    if len(dims) != 2:
        raise ValueError("cell: arrays of more than 2 dimensions are not supported")
    shape = tuple(max(0, int(_scalar(d, "cell"))) for d in dims)
    _limit_cells(float(shape[0]) * shape[1], "cell")
    return Cell.of([empty_double() for _ in range(shape[0] * shape[1])], shape)


def _cell_concat(xs, axis):
    """``[c1, c2]`` / ``[c1; c2]`` of cells (and ``[]``): joined like matrices; another value
    is one element (``[c, 1]`` is ``{c{:}, 1}``, as in Octave)."""
    parts = []
    for x in xs:
        if isinstance(x, Cell):
            if x.data.size:
                parts.append(x.data)
        elif isinstance(x, np.ndarray) and x.size == 0:
            continue
        elif _class(x) != "struct":
            parts.append(Cell.of([x], (1, 1)).data)
        else:
            raise TypeError("concatenation operator not implemented for 'cell' by '" +
                            _class(x) + "' operations")
    if not parts:
        return Cell(np.empty((0, 0), dtype=object))
    other = 1 - axis
    for p in parts[1:]:
        if p.shape[other] != parts[0].shape[other]:
            word = "horizontal" if axis == 1 else "vertical"
            raise ValueError(f"{word} dimensions mismatch ({_dims(np.empty(parts[0].shape))} vs "
                             f"{_dims(np.empty(p.shape))})")
    return Cell(np.concatenate(parts, axis=axis))


# ------------------------------------------------------------------------------ c{...}
def brace_list(c, *subs):
    """``c{subs}`` as a comma-separated list: the selected values in column-major order."""
    if not isinstance(c, Cell):
        raise TypeError(f"'{{' undefined for arguments of type '{_class(c)}'" if c is not None
                        else "'{' undefined: the variable is not a cell array")
    if not subs:
        return c.values()
    picked = _positions(c.shape, subs)
    flat = c.values()
    return [flat[k] for k in picked.ravel(order="F")]


def brace(c, *subs):
    """``c{subs}`` inside an expression: exactly one value (Octave cannot add or index a
    list of several)."""
    got = brace_list(c, *subs)
    if len(got) != 1:
        raise ValueError(_LIST_ERROR if got else "indexing produces no results")
    return got[0]


_LIST_ERROR = ("a comma-separated list of several values (c{:}, s.name of a struct array) "
               "cannot be used as one value here")


def first_of(values):
    """``x = c{:}`` and ``x = s.name``: Octave 7 assigns the first value of the list."""
    if not values:
        raise ValueError("indexing produces no results")
    return values[0]


def brace_assign(c, subs, value):
    """``c{subs} = value``: one element set (the cell grows as needed); a new Cell."""
    if c is not None and not isinstance(c, Cell):
        if isinstance(c, np.ndarray) and c.size == 0:
            c = None                        # x = []; x{2} = 1 makes x a cell
        else:
            raise TypeError(f"matrix cannot be indexed with {{ (the variable is a {_class(c)})")
    data = c.data if c is not None else np.empty((0, 0), dtype=object)
    quick = _set_one(data, tuple(subs), value, empty_double)
    if quick is not None:
        return Cell(quick)
    mark = object()
    out, shape = _assigned(c, subs, [mark], (1, 1))
    if sum(v is mark for v in out) != 1:
        raise ValueError("c{i} = x must set exactly one element of the cell")
    return Cell.of([value if v is mark else v for v in out], shape)


def char_codes(x):
    """A value read from a cell or struct as an operand of arithmetic or a comparison: a
    string becomes its 1xN double character codes (Octave's arithmetic on char); anything
    else is returned as is."""
    if isinstance(x, str):
        return _arr(np.array([float(ord(ch)) for ch in x])).reshape(1, len(x))
    return x


def first_n(values, n):
    """``[a, b] = c{:}``: the first ``n`` values of the list (an error if it is shorter)."""
    if len(values) < n:
        raise ValueError("some elements undefined in index list")
    return tuple(values[:n]) if n > 1 else values[0]


def deal(*args, nargout=1):
    """Octave's ``[a, b] = deal(x)`` (every output x) and ``deal(x, y)`` (one each)."""
    if len(args) == 1:
        return (args[0],) * nargout if nargout > 1 else args[0]
    if len(args) != max(nargout, 1):
        raise ValueError("deal: nargin > 1 and nargin != nargout")
    return tuple(args) if nargout > 1 else args[0]


def held_template(fmt):
    """A printf template read from a cell or a struct (``fprintf(c{k}, x)``).

    Octave expands the backslash escapes of a single-quoted template and not of a
    double-quoted one (whose escapes were expanded when it was read); once a string is stored
    in a container the translation no longer knows its quotes, so a template with a backslash
    is refused instead of printed one way or the other."""
    if isinstance(fmt, str) and "\\" in fmt:
        raise ValueError("printf: a template with a backslash read from a cell or struct is not "
                         "supported (its quotes decide how Octave reads the escapes); write the "
                         "template as a literal")
    return fmt


# ------------------------------------------------------------------------------ questions
def iscell(x):
    """Octave's ``iscell``."""
    return isinstance(x, Cell)


def iscellstr(x):
    """Octave's ``iscellstr``: a cell whose every element is a character string."""
    return isinstance(x, Cell) and all(isinstance(v, str) for v in x.values())


# ------------------------------------------------------------------------------ cellfun
def _numel(v):
    from .arrays import numel
    return numel(v)


def _length(v):
    from .arrays import length
    return length(v)


def _isempty(v):
    return _numel(v) == 0


def _ndims(v):
    from .arrays import ndims
    return ndims(v)


def _isreal(v):
    from .introspect import isreal
    return isreal(v)


def _islogical(v):
    from .introspect import islogical
    return islogical(v)


def _isclass(v, name):
    return _class(v) == name


# the names cellfun accepts as strings, with the answers Octave's own functions give
_NAMED = {"isempty": _isempty, "length": _length, "numel": _numel, "ndims": _ndims,
          "prodofsize": _numel, "isreal": _isreal, "islogical": _islogical}


def _split_options(args):
    uniform, rest, k = True, list(args), 0
    while k < len(rest):
        if isinstance(rest[k], str) and rest[k].lower() in ("uniformoutput", "errorhandler"):
            if k + 1 >= len(rest):
                raise ValueError(f"cellfun: missing value for {rest[k]}")
            if rest[k].lower() == "errorhandler":
                raise ValueError("cellfun: 'ErrorHandler' is not supported")
            uniform = bool(np.all(_num(rest[k + 1])))
            del rest[k:k + 2]
        else:
            k += 1
    return uniform, rest


def _callable(f, where):
    from .optimise import _callable as resolve
    return resolve(f, where)


def _call(f, *args, nargout=1):
    from .optimise import _call as call
    return call(f, *args, nargout=nargout)


def cellfun(fun, c, *args, nargout=1):
    """Octave's ``cellfun(fun, C, ...)``: ``fun`` on each element of C (and of the cells after
    it), column-major. ``fun`` is a handle (any Python callable) or a name: the legacy names
    'isempty', 'length', 'numel', 'ndims', 'prodofsize', 'isreal', 'islogical', the form
    ``'isclass', name``, or a runtime function's name. With ``'UniformOutput', false`` the
    results are cells of C's shape; otherwise each result must be a scalar and they form an
    array (logical if all are logical)."""
    if isinstance(fun, str) and fun == "isclass":
        if not args:
            raise ValueError("cellfun: 'isclass' needs a class name")
        name, args = args[0], args[1:]
        f = lambda v: _isclass(v, name)    # noqa: E731
    elif isinstance(fun, str) and fun in _NAMED:
        f = _NAMED[fun]
    else:
        f = _callable(fun, "cellfun")
    uniform, cells = _split_options((c,) + tuple(args))
    # a Python list or tuple (from Python code) is a 1xN cell
    cells = [Cell.of(list(x), (1, len(x))) if isinstance(x, (list, tuple)) else x for x in cells]
    for x in cells:
        if not isinstance(x, Cell):
            raise TypeError("cellfun: C must be a cell array")
        if x.shape != cells[0].shape:
            raise ValueError("cellfun: all the input arguments must have the same size and shape")
    n = max(nargout, 1)
    items = list(zip(*(x.values() for x in cells)))
    outs = [[] for _ in range(n)]
    for item in items:
        res = _call(f, *item, nargout=n) if n > 1 else (_call(f, *item),)
        for k in range(n):
            outs[k].append(res[k])
    shape = cells[0].shape
    results = [_uniform(vals, shape) if uniform else Cell.of(vals, shape) for vals in outs]
    return tuple(results) if nargout > 1 else results[0]


def _uniform(vals, shape):
    for v in vals:
        if isinstance(v, (Cell, str)) and not (isinstance(v, str) and len(v) == 1) or \
                not isinstance(v, str) and np.size(v) != 1 or _class(v) == "struct":
            raise ValueError("cellfun: all values must be scalars when UniformOutput = true; "
                             "use the 'UniformOutput', false options")
    if vals and all(_class(v) == "logical" for v in vals):
        a = np.array([bool(np.asarray(v).reshape(())) for v in vals], dtype=bool)
    elif vals and all(isinstance(v, str) for v in vals):
        return "".join(vals) if shape[0] <= 1 else _refuse_char_matrix()
    else:
        a = np.array([complex(np.asarray(_num(v)).reshape(())) if np.iscomplexobj(v) else
                      float(np.asarray(_num(v), dtype=np.float64).reshape(())) for v in vals])
    a = a.reshape(shape, order="F")
    return _out(a) if a.size == 1 else a


def _refuse_char_matrix():
    raise ValueError("cellfun: a character matrix result is not supported")


# ------------------------------------------------------------------------ conversions
def num2cell(x):
    """Octave's ``num2cell(A)``: a cell of A's shape holding each element."""
    if isinstance(x, Cell):
        return Cell.of([Cell.of([v], (1, 1)) for v in x.values()], x.shape)
    if isinstance(x, str):
        return Cell.of(list(x), (1, len(x)))
    a = _arr(x)
    if a.ndim > 2:
        raise ValueError("num2cell: N-D arrays are not supported")
    return Cell.of([_out(a[i:i + 1, j:j + 1]) for j in range(a.shape[1]) for i in range(a.shape[0])],
                   a.shape)


def cell2mat(c):
    """Octave's ``cell2mat(C)``: the elements joined as blocks of a matrix (each row of C
    horizontally, then the rows vertically); ``[]`` for an empty cell."""
    from .values import horzcat, vertcat
    if not isinstance(c, Cell):
        raise TypeError("cell2mat: C must be a cell array")
    if c.data.size == 0:
        return empty_double()
    vals = c.values()
    if any(isinstance(v, Cell) or _class(v) == "struct" for v in vals):
        raise ValueError("cell2mat: wrong type elements or mixed cells, structs, and matrices")
    kinds = {"char" if isinstance(v, str) else "logical" if _class(v) == "logical" else "num"
             for v in vals}
    if len(kinds) > 1:
        raise ValueError("cell2mat: wrong type elements or mixed cells, structs, and matrices")
    rows = [horzcat(*list(c.data[i, :])) for i in range(c.shape[0])]
    return vertcat(*rows) if len(rows) > 1 else rows[0]
