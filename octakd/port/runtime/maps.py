"""Octave's ``containers.Map``: a dictionary with sorted keys, as Octave 7's Map.m defines it.

A map is a *handle* object: ``m2 = m; m2('k') = 1`` changes ``m`` too, so the assignment
mutates the one :class:`Map` and returns it. The keys are either all strings (``KeyType``
``'char'``) or all numbers (``'double'``, ``'single'``, ``'int32'``, ``'uint32'``, ``'int64'``,
``'uint64'``); they are kept sorted, strings by character codes and numbers by value, so
``keys(m)`` and ``values(m)`` come out in that order, as in Octave.

``containers.Map()`` and ``containers.Map(keys, values[, 'UniformValues', tf])`` and
``containers.Map('KeyType', kt, 'ValueType', vt)`` build one; ``m(key)`` reads,
``m(key) = v`` writes; ``keys``, ``values``, ``isKey``, ``remove``, ``length``, ``size``,
``isempty``, ``numel`` (1, the object), ``class`` (``containers.Map``) and ``isobject`` apply;
``m.keys``, ``m.values({...})``, ``m.isKey(k)``, ``m.remove(k)``, ``m.Count``, ``m.KeyType``
and ``m.ValueType`` too. The errors are Octave's. Concatenating maps (``[m1; m2]``) is not
supported.
"""
import io
from contextlib import redirect_stdout

import numpy as np

from .cells import Cell
from .functions import OctaveError
from .values import _scalar

__all__ = ["containers_Map", "map_keys", "map_values", "isKey", "remove", "isobject"]
FUNCTIONS = {"keys": "other", "values": "other", "isKey": "other", "remove": "other",
             "isobject": "scalar"}
MULTI_OUTPUT = set()
RENAMED = {"keys": "map_keys", "values": "map_values"}

_NUMERIC_KEYS = ("double", "single", "int32", "uint32", "int64", "uint64")
_VALUE_TYPES = ("any", "char", "logical", "double", "single", "int8", "uint8", "int16", "uint16",
                "int32", "uint32", "int64", "uint64")
_NUMERIC_CLASSES = ("double", "single", "int8", "uint8", "int16", "uint16", "int32", "uint32",
                    "int64", "uint64", "logical")


def _fail(message):
    return OctaveError("", f"containers.Map: {message}")


def _class(x):
    from .introspect import class_of
    return class_of(x)


def _is_numeric(x):
    return _class(x) in _NUMERIC_CLASSES


def _items(x):
    """The elements of a cell (column-major) or of a numeric array, or the one value."""
    if isinstance(x, Cell):
        return x.values(), x.shape
    if _is_numeric(x) and not isinstance(x, str):
        a = np.asarray(x)
        return [_element(v, x) for v in a.ravel(order="F")], a.shape if a.ndim == 2 else (1, 1)
    return [x], (1, 1)


def _element(v, like):
    """One element of a numeric array as a runtime scalar of the array's class."""
    kind = _class(like)
    if kind == "logical":
        return bool(v)
    if kind == "double":
        return float(v)
    from . import integers
    if kind == "single":
        return np.float32(v)
    return getattr(integers, kind)(v)


def _disp_text(key):
    """``strtrim(disp(key))``: how Octave names a key in its errors."""
    if isinstance(key, str):
        return key
    from .show import disp
    out = io.StringIO()
    with redirect_stdout(out):
        disp(key)
    return out.getvalue().strip()


class Map:
    """A ``containers.Map``: ``key_type``, ``value_type`` and the entries in a dict."""

    octave_class = "containers.Map"

    def __init__(self, key_type="char", value_type="any"):
        self.key_type, self.value_type = key_type, value_type
        self.entries = {}

    # ------------------------------------------------------------------ keys and values
    @property
    def numeric_keys(self):
        return self.key_type != "char"

    def check_types(self):
        if self.key_type not in ("char",) + _NUMERIC_KEYS:
            raise _fail("unsupported KeyType")
        if self.value_type not in _VALUE_TYPES:
            raise _fail("unsupported ValueType")

    def _key(self, key):
        """The dict key of an Octave key, after Octave's type check."""
        if self.numeric_keys:
            if isinstance(key, str) or not _is_numeric(key) or np.size(key) != 1:
                raise _fail("specified key type does not match the type of this container")
            return float(np.asarray(key, dtype=np.float64).reshape(()))
        if not isinstance(key, str):
            raise _fail("specified key type does not match the type of this container")
        return key

    def _octave_key(self, k):
        """A stored key as the value ``keys(m)`` gives: a string or a scalar of KeyType."""
        if not self.numeric_keys:
            return k
        if self.key_type == "double":
            return float(k)
        from . import integers
        if self.key_type == "single":
            return np.float32(k)
        return getattr(integers, self.key_type)(k)

    def sorted_keys(self):
        return sorted(self.entries)

    def _value(self, value):
        """A value converted to ValueType (Octave's ``feval(ValueType, val)``), checked first."""
        vt = self.value_type
        if vt == "any":
            return value
        if vt == "char":
            if not isinstance(value, str):
                raise _fail("specified value type does not match the type of this container")
            return value
        if isinstance(value, str) or not _is_numeric(value) or np.size(value) != 1:
            raise _fail("specified value type does not match the type of this container")
        return _element(np.asarray(value, dtype=np.float64).reshape(()), _typed(vt))

    def get(self, key):
        k = self._key(key)
        if k not in self.entries:
            raise _fail(f"specified key <{_disp_text(key)}> does not exist")
        return self.entries[k]

    @property
    def count(self):
        from .integers import uint64
        return uint64(len(self.entries))

    # ------------------------------------------------------------- the runtime's hooks
    def paren_index(self, subs):
        """``m(key)``"""
        if not subs:
            raise _fail("no key specified")
        return self.get(subs[0])

    def paren_assign(self, subs, value):
        """``m(key) = value``: the map itself, changed (a handle)."""
        self.entries[self._key(subs[0])] = self._value(value)
        return self

    def octave_field(self, name):
        """``m.name``: a property, or a method (``m.keys``, ``m.isKey(k)``)."""
        if name == "keys":
            return map_keys(self)
        if name == "values":
            return _ValuesOf(self)
        if name in ("isKey", "remove"):
            return _MapMethod(self, name)
        if name == "size":
            return np.array([[float(len(self.entries)), 1.0]])
        if name == "length":
            return float(len(self.entries))
        if name == "isempty":
            return not self.entries
        if name == "Count":
            return self.count
        if name == "KeyType":
            return self.key_type
        if name == "ValueType":
            return self.value_type
        raise _fail(f"unknown property '{name}'")

    def disp_text(self):
        return ("  containers.Map object with properties:\n\n"
                f"    Count     : {len(self.entries)}\n"
                f"    KeyType   : {self.key_type}\n"
                f"    ValueType : {self.value_type}\n\n")

    def __repr__(self):
        return f"containers.Map({len(self.entries)} entries, {self.key_type} -> {self.value_type})"


def _typed(name):
    """A stand-in value whose Octave class is ``name`` (for :func:`_element`)."""
    from . import integers
    if name == "double":
        return 0.0
    if name == "logical":
        return True
    if name == "single":
        return np.float32(0)
    return getattr(integers, name)(0)


class _ValuesOf(Cell):
    """``m.values``: the cell of values, which ``m.values({k1, k2})`` indexes by keys."""

    def __init__(self, m):
        super().__init__(map_values(m).data)
        self.map = m

    def paren_index(self, subs):
        if not subs:
            return Cell(self.data)
        return map_values(self.map, subs[0])


class _MapMethod:
    """``m.isKey`` / ``m.remove``, to be called with one key set: ``m.isKey('a')``."""

    octave_class = "function_handle"

    def __init__(self, m, name):
        self.map, self.name = m, name

    def __call__(self, *args):
        if len(args) != 1:
            raise _fail("input argument 'KeySet' is missing")
        return (isKey if self.name == "isKey" else remove)(self.map, args[0])


# ------------------------------------------------------------------------ construction
def containers_Map(*args):
    """``containers.Map(...)``: empty, from keys and values, or with KeyType and ValueType."""
    n = len(args)
    if n == 0:
        return Map()
    if n == 2 or (n == 4 and isinstance(args[2], str) and args[2].lower() == "uniformvalues"):
        return _from_pairs(*args)
    if n == 4:
        m = Map()
        for i in (0, 2):
            name = args[i].lower() if isinstance(args[i], str) else None
            if name == "keytype":
                m.key_type = args[i + 1]
            elif name == "valuetype":
                m.value_type = args[i + 1]
            else:
                raise _fail("missing parameter name 'KeyType' or 'ValueType'")
        m.check_types()
        return m
    raise _fail("incorrect number of inputs specified")


def _from_pairs(keys, vals, _name=None, uniform=None):
    """``containers.Map(keys, vals[, 'UniformValues', uniform])`` (``_name`` is that word)."""
    key_list, _ = _items(keys) if not isinstance(keys, str) else ([keys], (1, 1))
    if (isinstance(keys, str) and not keys) or not key_list:
        raise _fail("empty keys are not allowed")
    if isinstance(vals, Cell):
        val_list = vals.values()
    elif _is_numeric(vals) and not isinstance(vals, str) and len(key_list) != 1:
        val_list = _items(vals)[0]
    else:
        val_list = [vals]
    if len(key_list) != len(val_list):
        raise _fail("the number of keys and values must match")
    m = Map()
    kinds = sorted({_class(k) for k in key_list})
    if len(kinds) == 1:
        if kinds[0] != "char":
            if not all(_is_numeric(k) and np.size(k) == 1 and np.isrealobj(k) for k in key_list):
                raise _fail("keys must be real scalar numeric values or char vectors")
            m.key_type = "double" if kinds[0] in ("logical", "int8", "uint8", "int16", "uint16") \
                else kinds[0]
        elif not all(isinstance(k, str) for k in key_list):
            raise _fail("keys must be real scalar numeric values or char vectors")
    elif not all(k in _NUMERIC_CLASSES for k in kinds):
        raise _fail("when using multiple key types, all types must be numeric")
    else:
        import sys
        sys.stdout.flush()
        print("warning: containers.Map: all keys will be converted to double", file=sys.stderr)
        m.key_type = "double"
    value_kinds = {_class(v) for v in val_list}
    first = val_list[0]
    if len(value_kinds) == 1 and (isinstance(first, str) or (
            _is_numeric(first) and all(np.size(v) == 1 for v in val_list))):
        m.value_type = value_kinds.pop()
    if uniform is not None:
        if np.size(uniform) != 1 or isinstance(uniform, str) or not _is_numeric(uniform):
            raise _fail("'UniformValues' must be a logical scalar")
        if bool(_scalar(uniform, "containers.Map")):
            if len({_class(v) for v in val_list}) > 1 or m.value_type == "any":
                raise _fail("when 'UniformValues' is true, all values must be scalars of the "
                            "same data type")
        else:
            m.value_type = "any"
    m.check_types()
    for k, v in zip(key_list, val_list):
        m.entries[m._key(k) if m.numeric_keys else k] = v
    return m


# --------------------------------------------------------------------------- functions
def _the_map(m, where):
    if not isinstance(m, Map):
        raise OctaveError("Octave:undefined-function", f"'{where}' undefined")
    return m


def map_keys(m):
    """``keys(m)``: a 1xN cell of the keys, sorted."""
    m = _the_map(m, "keys")
    return Cell.of([m._octave_key(k) for k in m.sorted_keys()], (1, len(m.entries)))


def map_values(m, key_set=None):
    """``values(m)``: a 1xN cell of the values in key order; ``values(m, {k...})`` those keys'."""
    m = _the_map(m, "values")
    if key_set is None:
        return Cell.of([m.entries[k] for k in m.sorted_keys()], (1, len(m.entries)))
    if not isinstance(key_set, Cell):
        raise _fail("input argument 'keySet' must be a cell")
    out = []
    for key in key_set.values():
        k = m._key(key)
        if k not in m.entries:
            raise _fail(f"key <{_disp_text(key)}> does not exist")
        out.append(m.entries[k])
    return Cell.of(out, key_set.shape)


def _key_set(m, key_set):
    """The keys of a key set (a cell, an array of numbers or one key) that fit the map's type,
    with their positions in the set; the shape of the set."""
    keys, shape = _items(key_set) if not isinstance(key_set, str) else ([key_set], (1, 1))
    fits = [(i, k) for i, k in enumerate(keys)
            if (_is_numeric(k) and not isinstance(k, str)) == m.numeric_keys]
    return [(i, m._key(k)) for i, k in fits], len(keys), shape


def isKey(m, key_set):
    """``isKey(m, k)``: true where the key is in the map (a logical of the key set's shape)."""
    m = _the_map(m, "isKey")
    found, n, shape = _key_set(m, key_set)
    tf = np.zeros(n, dtype=bool)
    for i, k in found:
        tf[i] = k in m.entries
    if n == 1:
        return bool(tf[0])
    return tf.reshape(shape, order="F")


def remove(m, key_set):
    """``remove(m, k)``: the map without those keys (keys it does not hold are skipped, as in
    Octave 7.3); the map itself is changed (a handle)."""
    m = _the_map(m, "remove")
    for _, k in _key_set(m, key_set)[0]:
        m.entries.pop(k, None)
    return m


def isobject(x):
    """``isobject(x)``: true for a classdef object (here, a ``containers.Map``)."""
    return isinstance(x, Map)
