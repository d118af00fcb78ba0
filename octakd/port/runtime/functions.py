"""Octave functions in Python: parameters, ``nargin``/``nargout``, outputs, ``return``.

An Octave function ``function [a, b] = f(x, y)`` is ported to

    def f(x=MISSING, y=MISSING, nargout=1):
        ...
        return outputs("f", nargout, locals(), ("a", 1, 11), ("b", 1, 14))

* a parameter the caller did not pass is :data:`MISSING` (Octave: the variable does not exist);
  ``nargin`` is :func:`count_args` of the parameters;
* ``nargout`` is the number of values the caller asks for: ``[p, q] = f(1)`` passes
  ``nargout=2``, a bare statement ``f(1);`` passes ``nargout=0``, an expression the default 1;
* :func:`outputs` returns the first output (``nargout`` <= 1) or a tuple of ``nargout`` outputs,
  and raises Octave's error, ``'b' undefined``, for a requested output never assigned.

A callable Octave value (a handle ``@sin``, ``@myfun`` or an anonymous function) is any Python
callable; :func:`feval` calls one, or a function given by name.
"""
__all__ = ["MISSING", "count_args", "outputs", "varargin_cell", "declare_persistent", "spread_outputs",
           "ScriptReturn", "OctaveError", "octave_globals", "octave_global",
           "isargout", "ignoring",
           "clear_variables", "clear_persistent", "undefined_name"]
FUNCTIONS = {}
MULTI_OUTPUT = set()


class _Missing:
    """The value of a parameter the caller did not pass: using it is an error."""

    def __repr__(self):
        return "MISSING"

    def __bool__(self):
        raise OctaveError("Octave:undefined-function", "a parameter that was not passed is used")


MISSING = _Missing()


class OctaveError(Exception):
    """An error raised by ``error(...)`` or by Octave's own checks, with its identifier."""

    def __init__(self, identifier, message):
        super().__init__(message)
        self.identifier = identifier
        self.message = message


class ScriptReturn(SystemExit):
    """``return`` at the top level of a script: the script stops, without an error."""

    def __init__(self):
        super().__init__(0)


def count_args(*params):
    """Octave's ``nargin`` inside a ported function: how many leading parameters were passed."""
    n = 0
    for p in params:
        if p is MISSING:
            break
        n += 1
    return n


def outputs(function, nargout, scope, *names):
    """The values a function returns: the first ``max(nargout, 1)`` of ``names`` from ``scope``.

    Each name is ``(name, line, column)`` of the output in the function header, with the
    Python spelling of the name fourth when the translator renamed it. A requested
    output that was never assigned raises Octave's error; with ``nargout`` 0 an unassigned
    first output returns None (nothing to display).
    """
    if names and names[-1][0] == "varargout":
        return _with_varargout(function, nargout, scope, names)
    if nargout > len(names) and not (nargout == 1 and not names):
        raise OctaveError("Octave:invalid-fun-call", f"{function}: function called with too many outputs")
    wanted = names[:max(nargout, 1)]
    values = []
    for k, (name, line, col, *python) in enumerate(wanted):
        key = python[0] if python else name        # ("min", 3, 11, "min_"): Python's spelling
        if key in scope and scope[key] is not MISSING:
            values.append(scope[key])
        elif nargout == 0 and k == 0:
            return None
        else:
            raise OctaveError("Octave:undefined-function",
                              f"'{name}' undefined near line {line}, column {col}")
    if nargout <= 1:
        return values[0] if values else None
    return tuple(values)


def varargin_cell(values):
    """A function's ``varargin``: the inputs past its named parameters, a 1xN cell (Octave's
    ``{}(0x0)`` when there are none)."""
    from .cells import Cell
    values = list(values)
    return Cell.of(values, (1, len(values)) if values else (0, 0))


def _with_varargout(function, nargout, scope, names):
    """:func:`outputs` for a header ending with ``varargout``: the named outputs, then the
    values of the cell ``varargout`` for the outputs requested past them."""
    from .cells import Cell
    fixed = names[:-1]
    extra = scope.get("varargout", MISSING)
    if extra is not MISSING and not isinstance(extra, Cell):
        raise OctaveError("Octave:invalid-fun-call", "varargout must be a cell array object")
    extra = extra.values() if extra is not MISSING else []
    wanted = max(nargout, 1)
    if len(fixed) >= wanted:
        return outputs(function, nargout, scope, *fixed)
    head = outputs(function, len(fixed), scope, *fixed) if fixed else ()
    values = list(head) if len(fixed) > 1 else [head] if fixed else []
    more = wanted - len(fixed)
    if len(extra) < more:
        if nargout == 0 and not fixed:
            return None                           # nothing to display
        if wanted == 1:
            raise OctaveError("Octave:undefined-function",
                              "value on right hand side of assignment is undefined")
        raise OctaveError("Octave:undefined-function",
                          f"element number {len(fixed) + len(extra) + 1} undefined in return list")
    values += extra[:more]
    return values[0] if wanted == 1 else tuple(values)


class OctaveGlobals:
    """Octave's global variables: one attribute each, shared by every module of a run.

    ``global G`` in the script, in its own functions and in function files (each its own
    Python module) all mean the one attribute ``octave_globals.G``; a variable ``G`` that a
    scope does not declare global stays its own variable, as in Octave.
    """

    def clear(self):
        """Forget every global (``octakd run`` starts each script with none, like a fresh
        Octave)."""
        self.__dict__.clear()


octave_globals = OctaveGlobals()


def octave_global(name):
    """``global x``: make the global variable ``name`` exist, as Octave's ``[]`` (0x0) the first
    time any scope declares it; a later declaration keeps its value."""
    if name not in octave_globals.__dict__:
        from .values import mat
        setattr(octave_globals, name, mat([]))


_PERSISTENT = []       # (module namespace, name) of every persistent variable declared so far


def declare_persistent(scope, name):
    """``persistent x``: the value of the module variable ``name`` in ``scope``
    (the module's ``globals()``), or Octave's ``[]`` (0x0) when it was never set."""
    if not any(space is scope and n == name for space, n in _PERSISTENT):
        _PERSISTENT.append((scope, name))
    if name in scope:
        return scope[name]
    from .values import mat
    return mat([])


def spread_outputs(current, nargout, result):
    """``[c{1:nargout}] = f(...)``: the cell ``c`` (None when undefined) holding the values
    ``result`` of ``f`` called for ``nargout`` outputs (a tuple for two or more; with ``nargout``
    0, the value ``f`` returned, or None for none)."""
    from .cells import Cell
    values = [] if result is None and nargout == 0 else [result] if nargout <= 1 else list(result)
    if current is not None and not (isinstance(current, Cell) and current.data.size == 0):
        raise OctaveError("Octave:not-supported", "[c{1:nargout}] = f(...) into a variable that "
                                                  "already holds values is not supported")
    if not values:
        return current if current is not None else Cell.of([], (0, 0))
    return Cell.of(values, (1, len(values)))


def isargout(k, nargout, ignored):
    """Octave's ``isargout(k)`` inside a function called for ``nargout`` outputs, of which the
    caller ignores the positions ``ignored`` (``[~, b] = f()`` ignores 1): true when output
    ``k`` is asked for (output 1 always is, even for ``nargout`` 0) and not ignored. An array
    ``k`` gives a logical array of its shape."""
    import numpy as np
    arr = np.asarray(k.data if hasattr(k, "data") else k)
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number) or \
            np.any(arr != np.floor(arr)) or np.any(arr < 1):
        raise OctaveError("Octave:invalid-input-type",
                          "isargout: K must be a positive integer")
    asked = (arr <= max(nargout, 1)) & ~np.isin(arr, list(ignored))
    return bool(asked) if arr.ndim == 0 or arr.size == 1 and np.ndim(k) == 0 else asked


def ignoring(fn, ignored):
    """The keyword arguments that tell ``fn`` which outputs ``~`` ignores: ``_ignored`` for a
    translated function that asks ``isargout`` (its def takes it), none for any other."""
    import inspect
    try:
        takes = "_ignored" in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        takes = False
    return {"_ignored": ignored} if takes and ignored else {}


def clear_variables(scope, *names):
    """``clear x y``: remove the variables ``names`` (Python names) from the script's namespace
    ``scope``; a name that holds no value (``ans`` never written) is skipped."""
    for name in names:
        scope.pop(name, None)


def clear_persistent():
    """``clear all``/``clear functions``: every persistent variable is ``[]`` again."""
    for scope, name in _PERSISTENT:
        scope.pop(name, None)


def undefined_name(name, line, col):
    """Octave's error for a name that is neither a variable nor a function, raised where the
    line runs (the translator writes this call in a block or a function, where it may not)."""
    raise OctaveError("Octave:undefined-function", f"'{name}' undefined near line {line}, "
                                                   f"column {col}")
