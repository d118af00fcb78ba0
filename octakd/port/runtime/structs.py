"""Octave's structs and struct arrays: ``s.a = 1``, ``s(2).a``, ``struct(...)``, ``fieldnames``.

A struct is a :class:`Struct`: an ordered list of field names (``keys``) and a 2-D object array
(``data``) of dicts, one per element, each holding every field. A scalar struct is a 1x1
``Struct``. Like cells (:mod:`.cells`) they are values: assignment builds a new ``Struct``.

Nested assignment (``s.a.b(2) = 5``, ``c{3}.name = 'x'``, ``s(2).list{end+1} = v``) goes
through :func:`assign_path`, which walks down the existing values, sets the last step, and
rebuilds each level on the way up, without recursion.
"""
import numpy as np

from .cells import (Cell, NotANumber, _assigned, _class, _positions, _set_one, brace_assign,
                    empty_double)
from .values import _arr, _scalar, assign_index

__all__ = ["Struct", "struct", "isstruct", "fieldnames", "isfield", "rmfield", "getfield",
           "setfield", "numfields", "field", "field_list", "assign_path", "path_end",
           "orderfields", "struct2cell", "cell2struct"]
FUNCTIONS = {"struct": "other", "isstruct": "scalar", "fieldnames": "other", "isfield": "unknown",
             "rmfield": "other", "getfield": "unknown", "setfield": "other", "numfields": "scalar",
             "orderfields": "other", "struct2cell": "other", "cell2struct": "other"}
MULTI_OUTPUT = set()


class Struct(NotANumber):
    """An Octave struct array: field names ``keys`` (in order) and ``data``, a 2-D object
    array of dicts (each with every key)."""
    octave_class = "struct"
    __slots__ = ("keys", "data")

    def __init__(self, keys, data):
        self.keys = list(keys)
        self.data = data

    @classmethod
    def scalar(cls, fields=None):
        """A 1x1 struct from a dict of fields (insertion order is field order)."""
        fields = dict(fields or {})
        data = np.empty((1, 1), dtype=object)
        data[0, 0] = fields
        return cls(list(fields), data)

    @classmethod
    def of(cls, elements, shape, keys=None):
        """A struct array of ``shape`` from dicts in column-major order; a missing field is []."""
        keys = list(keys or [])
        for e in elements:
            keys += [k for k in e if k not in keys]
        data = np.empty(len(elements), dtype=object)
        for n, e in enumerate(elements):
            data[n] = {k: e[k] if k in e else empty_double() for k in keys}
        return cls(keys, data.reshape(shape, order="F"))

    @property
    def shape(self):
        return self.data.shape

    def values(self):
        return list(self.data.ravel(order="F"))

    def __repr__(self):
        return f"Struct({self.keys}, {self.shape})"

    def the_one(self, what):
        """The dict of a 1x1 struct (``s.a`` of an array is a list, refused where one is wanted)."""
        if self.data.size != 1:
            raise ValueError(f"{what}: the struct array has {self.data.size} elements, a scalar "
                             f"struct is needed here")
        return self.data.reshape(-1)[0]

    def transposed(self):
        return Struct(self.keys, self.data.T.copy())

    # -- indexing hooks (values.index / values.assign_index)
    def paren_index(self, subs):
        picked = _positions(self.shape, subs)
        flat = self.values()
        return Struct.of([flat[k] for k in picked.ravel(order="F")], picked.shape, self.keys)

    def paren_assign(self, subs, value, merge=False):
        """``s(subs) = t``: ``t`` a struct with the same fields (any fields with ``merge``:
        ``s(3).a = 5`` gives the new element every field of ``s`` and ``s`` the field a)."""
        if not isinstance(value, Struct):
            raise TypeError("invalid assignment to a struct array element (the value is a " +
                            _class(value) + ")")
        if not merge and set(value.keys) != set(self.keys) and self.data.size:
            raise ValueError("invalid assignment: the struct has other fields than the array")
        keys = self.keys + [k for k in value.keys if k not in self.keys]
        if keys == self.keys and value.data.size == 1:      # s(k) = t, s(end+1).a = v
            e = value.data.reshape(-1)[0]
            blank = lambda: {k: empty_double() for k in keys}           # noqa: E731
            quick = _set_one(self.data, tuple(subs), {k: e.get(k, empty_double()) for k in keys},
                             blank)
            if quick is not None:
                return Struct(keys, quick)
        out, shape = _assigned(self, subs, value.values(), value.shape, fill=dict)
        return Struct.of(out, shape, keys)


def struct_concat(xs, axis):
    """``[s1, s2]`` / ``[s1; s2]`` of structs (and ``[]``): a struct array, as in Octave; the
    fields must be the same (the first operand's order is kept)."""
    parts = []
    for x in xs:
        if isinstance(x, Struct):
            parts.append(x)
        elif not (isinstance(x, np.ndarray) and x.size == 0):
            raise TypeError(f"concatenation operator not implemented for 'struct' by "
                            f"'{_concat_class(x)}' operations")
    keys = parts[0].keys
    for p in parts[1:]:
        if set(p.keys) != set(keys):
            raise ValueError("cat: field names mismatch in concatenating structs")
    datas = [p.data for p in parts if p.data.size]
    if not datas:
        return parts[0]
    other = 1 - axis
    for d in datas[1:]:
        if d.shape[other] != datas[0].shape[other]:
            word = "horizontal" if axis == 1 else "vertical"
            raise ValueError(f"{word} dimensions mismatch ({datas[0].shape[0]}x"
                             f"{datas[0].shape[1]} vs {d.shape[0]}x{d.shape[1]})")
    joined = np.concatenate(datas, axis=axis)
    out = np.empty(joined.shape, dtype=object)
    for idx in np.ndindex(joined.shape):
        out[idx] = {k: joined[idx][k] for k in keys}
    return Struct(keys, out)


def _concat_class(x):
    """Octave's word for a value in a concatenation error ('scalar', 'matrix', 'string')."""
    if isinstance(x, str):
        return "string"
    cls = _class(x)
    if cls == "double":
        return "scalar" if np.size(x) == 1 else "matrix"
    return cls


# ---------------------------------------------------------------------------- struct(...)
def struct(*args):
    """Octave's ``struct('a', 1, 'b', 'x')``; a cell value makes a struct array of the cell's
    size (``struct('a', {1, 2})`` is 1x2), a 1x1 cell stores its element; ``struct()`` has no
    fields."""
    if len(args) % 2:
        raise ValueError("struct: additional arguments must occur as \"field\", VALUE pairs")
    names, values = list(args[0::2]), list(args[1::2])
    for n in names:
        if not isinstance(n, str):
            raise TypeError("struct: additional arguments must occur as \"field\", VALUE pairs")
    shape = None
    for v in values:
        if isinstance(v, Cell) and v.data.size != 1:
            if shape is not None and v.shape != shape:
                raise ValueError("struct: dimensions of parameter 2 do not match those of "
                                 "parameter 4")
            shape = v.shape
    shape = shape or (1, 1)
    count = shape[0] * shape[1]
    elements = [{} for _ in range(count)]
    for n, v in zip(names, values):
        if isinstance(v, Cell):
            vals = v.values() if v.data.size != 1 else v.values() * count
        else:
            vals = [v] * count
        for e, x in zip(elements, vals):
            e[n] = x
    keys = list(dict.fromkeys(names))
    return Struct.of(elements, shape, keys)


def isstruct(x):
    """Octave's ``isstruct``."""
    return isinstance(x, Struct)


def fieldnames(s):
    """Octave's ``fieldnames(s)``: an Nx1 cell of the field names, in order."""
    if not isinstance(s, Struct):
        raise TypeError("fieldnames: Invalid input argument")
    return Cell.of(list(s.keys), (len(s.keys), 1))


def numfields(s):
    """Octave's ``numfields``: the number of fields (0 for a non-struct)."""
    return len(s.keys) if isinstance(s, Struct) else 0


def isfield(s, name):
    """Octave's ``isfield(s, name)``; with a cell of names, a logical array of its shape."""
    if isinstance(name, Cell):
        flags = np.array([isinstance(s, Struct) and isinstance(n, str) and n in s.keys
                          for n in name.values()], dtype=bool).reshape(name.shape, order="F")
        return flags if flags.size != 1 else bool(flags.reshape(()))
    return isinstance(s, Struct) and isinstance(name, str) and name in s.keys


def rmfield(s, name):
    """Octave's ``rmfield(s, name)`` (a name or a cell of names); each must exist."""
    if not isinstance(s, Struct):
        raise TypeError("rmfield: first argument must be a struct")
    names = name.values() if isinstance(name, Cell) else [name]
    for n in names:
        if n not in s.keys:
            raise ValueError(f"rmfield: structure does not contain remove field {n}")
    keys = [k for k in s.keys if k not in names]
    return Struct.of([{k: e[k] for k in keys} for e in s.values()], s.shape, keys)


def orderfields(s):
    """Octave's ``orderfields(s)``: the fields sorted by name (code point order)."""
    if not isinstance(s, Struct):
        raise TypeError("orderfields: argument must be a struct")
    keys = sorted(s.keys)
    return Struct.of([{k: e[k] for k in keys} for e in s.values()], s.shape, keys)


def struct2cell(s):
    """Octave's ``struct2cell(s)`` of a scalar struct: an Nx1 cell of the field values."""
    if not isinstance(s, Struct):
        raise TypeError("struct2cell: argument STRUCT must be of type structure")
    e = s.the_one("struct2cell")
    return Cell.of([e[k] for k in s.keys], (len(s.keys), 1))


def cell2struct(c, fields, dim=1):
    """Octave's ``cell2struct(c, fields, dim)`` for a vector cell: one scalar struct whose
    fields (a cell of names, or one name) take the cell's values in order."""
    names = fields.values() if isinstance(fields, Cell) else [fields]
    if not isinstance(c, Cell) or 1 not in c.shape or not all(isinstance(n, str) for n in names):
        raise ValueError("cell2struct: only a vector cell and a list of field names are "
                         "supported")
    d = int(_scalar(dim, "cell2struct"))
    if c.shape[d - 1] != len(names) if d in (1, 2) else True:
        raise ValueError("cell2struct: number of FIELDS does not match dimension")
    return Struct.scalar(dict(zip((_check_name(n) for n in names), c.values())))


def getfield(s, name):
    """Octave's ``getfield(s, name)``: ``s.(name)``."""
    return field(s, name)


def setfield(s, name, value):
    """Octave's ``setfield(s, name, value)``: ``s.(name) = value`` on a copy."""
    return assign_path(s, [(".", name)], value)


# ------------------------------------------------------------------------------ s.name
def _check_name(name):
    if not isinstance(name, str):
        raise TypeError("dynamic structure field names must be strings")
    if not name or not (name[0].isalpha() or name[0] == "_") or \
            not all(ch.isalnum() or ch == "_" for ch in name) or not name.isascii():
        raise ValueError(f"invalid use of a N_D array: '{name}' is not a valid field name")
    return name


# The only fields a runtime object that is not a struct has (those of Octave's MException);
# any other property (a handle's ``label``...) is Python, not Octave, and stays unreachable.
_OBJECT_FIELDS = frozenset({"message", "identifier", "stack"})


def field_list(s, name):
    """``s.name`` as a comma-separated list: the field of every element, column-major. A
    runtime object that is not a struct answers only through a property of that name (the
    ``message`` of a caught error), never any other Python attribute."""
    name = _check_name(name)
    if hasattr(type(s), "octave_field"):     # an object's property or method (containers.Map)
        return [s.octave_field(name)]
    if (not isinstance(s, Struct) and name in _OBJECT_FIELDS
            and isinstance(getattr(type(s), name, None), property)):
        return [getattr(s, name)]          # a runtime object's Octave field (err.message)
    if not isinstance(s, Struct):
        what = _class(s)
        raise TypeError(f"invalid use of a N_D array in indexed assignment" if what == "double"
                        and np.size(s) != 1 else
                        f"scalar cannot be indexed with ." if np.size(s) == 1 and
                        what in ("double", "logical") else
                        f"'{what}' value cannot be indexed with .")
    if name not in s.keys:
        raise KeyError(f"invalid use of undefined value")
    return [e[name] for e in s.values()]


def field(s, name):
    """``s.name`` inside an expression: exactly one value (see :func:`.cells.brace`)."""
    from .cells import _LIST_ERROR
    got = field_list(s, name)
    if len(got) != 1:
        raise ValueError(_LIST_ERROR if got else "indexing produces no results")
    return got[0]


# ------------------------------------------------------------------------ nested assignment
def _step_get(x, step):
    """The value one step below ``x`` (None when it does not exist yet)."""
    kind, arg = step
    if x is None:
        return None
    if kind == ".":
        if not isinstance(x, Struct):
            return None if isinstance(x, np.ndarray) and x.size == 0 else _bad_dot(x)
        e = x.the_one("s.field = ...")
        return e.get(_check_name(arg))
    if kind == "{}":
        if not isinstance(x, Cell):
            return None
        try:
            picked = _positions(x.shape, arg)
        except IndexError:
            return None
        if picked.size != 1:
            raise ValueError("a cs-list cannot be further indexed")
        return x.values()[int(picked.reshape(()))]
    # "()"
    if isinstance(x, Struct) or isinstance(x, Cell):
        try:
            return x.paren_index(arg)
        except IndexError:
            return None
    return None


def _bad_dot(x):
    raise TypeError(f"invalid use of a N_D array in indexed assignment"
                    if np.size(x) != 1 else "scalar cannot be indexed with .")


def _step_set(x, step, value, last):
    """A new value of ``x`` with the part at ``step`` replaced by ``value``."""
    kind, arg = step
    if hasattr(type(x), "octave_field"):     # an object (containers.Map): m(key) = value only
        if kind == "()":
            return x.paren_assign(arg, value)
        raise _object_error(x, "properties are read-only" if kind == "." else
                            "only '()' indexing is supported for assigning values")
    if kind == ".":
        name = _check_name(arg)
        if x is None or (isinstance(x, np.ndarray) and x.size == 0 and not isinstance(x, Struct)):
            return Struct.scalar({name: value})
        if not isinstance(x, Struct):
            _bad_dot(x)
        e = dict(x.the_one("s.field = ..."))
        e[name] = value
        keys = x.keys + ([name] if name not in x.keys else [])
        return Struct.of([e], (1, 1), keys)
    if kind == "{}":
        return brace_assign(x, arg, value)
    # "()"
    from .deletion import DELETED, delete_elements
    if value is DELETED:
        return delete_elements(x, arg)
    if isinstance(x, Struct) or (x is None and isinstance(value, Struct)):
        if x is None:
            x = Struct([], np.empty((0, 0), dtype=object))
        return x.paren_assign(arg, value, merge=not last)
    if isinstance(x, Cell) or (x is None and isinstance(value, Cell)):
        return (x if x is not None else Cell(np.empty((0, 0), dtype=object))).paren_assign(arg, value)
    return assign_index(x, tuple(arg), value)


def _object_error(x, message):
    from .functions import OctaveError
    return OctaveError("", f"{x.octave_class}: {message}")


def assign_path(root, steps, value):
    """``root<steps> = value`` for steps ``(".", name)``, ``("()", subs)``, ``("{}", subs)``.

    ``root`` is None when the variable does not exist yet. The values along the path are read
    first, then each level is rebuilt from the bottom up; nothing existing is modified.
    """
    if hasattr(type(root), "octave_field") and len(steps) > 1:
        raise _object_error(root, "only one level of indexing is supported")
    chain = [root]
    for step in steps[:-1]:
        chain.append(_step_get(chain[-1], step))
    new = value
    for k in range(len(steps) - 1, -1, -1):
        new = _step_set(chain[k], steps[k], new, k == len(steps) - 1)
    return new


def path_end(root, steps, k, n):
    """The value of ``end`` in subscript ``k`` of ``n`` at the end of ``root<steps>``, where the
    value may not exist yet (then ``end`` is 0, as for an empty value)."""
    x = root
    for step in steps:
        x = _step_get(x, step)
    if x is None:
        return 0
    shape = x.shape if isinstance(x, (Cell, Struct)) else _arr(x).shape
    if n == 1:
        return int(np.prod(shape))
    if k < n:
        return shape[k - 1]
    return int(np.prod(shape[k - 1:]))
