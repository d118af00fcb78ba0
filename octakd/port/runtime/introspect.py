"""Octave's questions about values and the workspace: ``class``, ``isa``, ``isnumeric``,
``ischar``, ``islogical``, ``isreal``, ``who``, ``whos``, ``exist``, ``isfile``, ``help``, ``doc``.

``who``/``whos`` list the calling script's variables (:mod:`.caller`) in Octave 7's layout;
``exist`` gives Octave's codes: 1 variable, 2 file (or a function Octave defines in a .m file),
5 built-in function, 7 folder, 0 nothing. ``help`` and ``doc`` print one line on standard
error and the script goes on (a ported script has no Octave documentation to show).
"""
import numbers
import os
import sys

import numpy as np

from . import caller
from .functions import MISSING, OctaveError
from .octave_names import BUILTINS, KEYWORDS, M_FILES, OCT_FILES

__all__ = ["octave_class", "isa", "isnumeric", "ischar", "islogical", "isreal", "isfloat",
           "isinteger", "who", "whos", "exist", "isfile", "isfolder", "isdir", "help", "doc",
           "OCTAVE_VERSION", "version", "isvarname"]
FUNCTIONS = {"class": "str", "isa": "scalar", "isnumeric": "scalar", "ischar": "scalar",
             "islogical": "scalar", "isreal": "scalar", "isfloat": "scalar", "isinteger": "scalar",
             "who": "void", "whos": "void", "exist": "scalar", "isfile": "scalar",
             "isfolder": "scalar", "isdir": "scalar", "help": "void", "doc": "void",
             "OCTAVE_VERSION": "str", "version": "str", "isvarname": "scalar"}
OCTAVE_RELEASE = "7.3.0"   # the GNU Octave whose output the runtime reproduces
MULTI_OUTPUT = set()

TERMINAL_WIDTH = 80     # Octave's width when standard output is not a terminal
_INT_KINDS = {"int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"}


def class_of(x):
    """The Octave class name of a runtime value."""
    if isinstance(x, str):
        return "char"
    if isinstance(x, (bool, np.bool_)):
        return "logical"
    if isinstance(x, (numbers.Number, np.number)) and not isinstance(x, np.ndarray):
        if isinstance(x, np.floating) and x.dtype == np.float32:
            return "single"
        if isinstance(x, np.integer):
            return x.dtype.name
        return "double"
    if isinstance(x, np.ndarray):
        if x.dtype.kind == "b":
            return "logical"
        if x.dtype.kind == "U":
            return "char"
        if x.dtype == np.float32:
            return "single"
        if x.dtype.name in _INT_KINDS:
            return x.dtype.name
        if x.dtype.kind in "fc":
            return "double"
        if x.dtype.kind == "O":
            return "cell"
    named = getattr(type(x), "octave_class", None)
    if isinstance(named, str):
        return named
    if isinstance(x, (list, tuple)):
        return "cell"
    if callable(x):
        return "function_handle"
    return type(x).__name__


def octave_class(x):
    """Octave's ``class(x)``: 'double', 'single', 'char', 'logical', 'int32', 'cell', ..."""
    return class_of(x)


def isnumeric(x):
    """Octave's ``isnumeric``: doubles, singles and integer types (not logical, not char)."""
    return class_of(x) in {"double", "single"} | _INT_KINDS


def ischar(x):
    """Octave's ``ischar``."""
    return class_of(x) == "char"


def islogical(x):
    """Octave's ``islogical`` (also ``isbool``)."""
    return class_of(x) == "logical"


def isfloat(x):
    """Octave's ``isfloat``: double or single."""
    return class_of(x) in ("double", "single")


def isinteger(x):
    """Octave's ``isinteger``: an integer type (``isinteger(3)`` is false: 3 is a double)."""
    return class_of(x) in _INT_KINDS


def isreal(x):
    """Octave's ``isreal``: numbers, logicals and chars without a complex part."""
    if isinstance(x, complex) or (isinstance(x, np.ndarray) and x.dtype.kind == "c"):
        return False
    return class_of(x) in {"double", "single", "char", "logical"} | _INT_KINDS


def isa(x, name):
    """Octave's ``isa(x, 'class')``, with the groups 'numeric', 'float' and 'integer'."""
    if not isinstance(name, str):
        raise TypeError("isa: CLASSNAME must be a string")
    cls = class_of(x)
    if name == "numeric":
        return isnumeric(x)
    if name == "float":
        return cls in ("double", "single")
    if name == "integer":
        return cls in _INT_KINDS
    return cls == name


# ------------------------------------------------------------------------------ workspace
def who(*patterns):
    """Octave's ``who``: the names in columns filled top to bottom, as Octave's
    ``list_in_columns`` lays them out on an 80-column terminal (two blanks between names)."""
    names = _selected(patterns)
    if not names:
        return
    width = max(len(n) for n in names) + 2
    ncols = max(1, TERMINAL_WIDTH // width)
    nrows = -(-len(names) // ncols)
    lines = []
    for row in range(nrows):
        picked = names[row::nrows]
        lines.append("".join(n.ljust(width) for n in picked[:-1]) + picked[-1])
    sys.stdout.write("Variables visible from the current scope:\n\n" + "\n".join(lines) + "\n\n")


def _selected(patterns):
    import fnmatch
    scope = caller.variables()
    names = sorted(scope)
    if patterns:
        names = [n for n in names if any(fnmatch.fnmatchcase(n, p) for p in patterns)]
    return names


def _size_bytes(x):
    """(shape, bytes) as ``whos`` lists them; a cell or struct counts the bytes of what it holds
    (Octave's accounting, recorded in probe lib_whos_cells); None for values whos skips."""
    kind = getattr(type(x), "octave_class", None)
    if kind == "cell":
        return x.shape, sum(_size_bytes(v)[1] or 0 for v in x.values())
    if kind == "struct":
        return x.shape, sum(_size_bytes(v)[1] or 0 for e in x.values() for v in e.values())
    if isinstance(x, str):
        return (1, len(x)), len(x)
    a = np.asarray(x) if isinstance(x, (numbers.Number, np.ndarray, np.generic)) else None
    if a is None:
        return None, None
    shape = (1, 1) if a.ndim == 0 else (1, a.shape[0]) if a.ndim == 1 else a.shape
    cls = class_of(x)
    per = {"double": 8, "single": 4, "logical": 1, "char": 1}.get(cls)
    if per is None and cls in _INT_KINDS:
        per = np.dtype(cls).itemsize
    return shape, int(np.prod(shape)) * (per or 8)


def whos(*patterns):
    """Octave's ``whos``: name, size, bytes and class of each variable, laid out as Octave 7's
    default ``whos_line_format`` ``"  %la:5; %ln:6; %cs:16:6:1;  %rb:12;  %lc:-1;\\n"`` does:
    names padded to at least 6, sizes aligned on their ``x`` in a column of at least 21."""
    scope = caller.variables()
    rows = []
    for n in _selected(patterns):
        shape, nbytes = _size_bytes(scope[n])
        if shape is None:
            continue
        rows.append((n, "x".join(str(d) for d in shape), nbytes, class_of(scope[n]), int(np.prod(shape))))
    if not rows:
        return
    name_w = max(6, max(len(r[0]) for r in rows))
    first = max(6, max(r[1].index("x") for r in rows))         # width before the 'x'
    rest = max(max(len(r[1]) - r[1].index("x") for r in rows), 16 - 1)
    size_w = first + rest
    bytes_w = max(12, max(len(str(r[2])) for r in rows))

    def size_cell(text, x_at):
        front = max(first - x_at, 0)
        return " " * front + text + " " * max(size_w - len(text) - front, 0)
    header = ("  Attr   " + "Name".ljust(name_w) + " " + size_cell("Size", 1) + "  " +
              "Bytes".rjust(bytes_w) + "  Class")
    out = ["Variables visible from the current scope:", "", "variables in scope: top scope", "",
           header, "".join("=" if c != " " else " " for c in header) + " "]
    for n, size, nbytes, cls, _ in rows:
        out.append("         " + n.ljust(name_w) + " " + size_cell(size, size.index("x")) + "  " +
                   str(nbytes).rjust(bytes_w) + "  " + cls)
    total_el = sum(r[4] for r in rows)
    total_b = sum(r[2] for r in rows)
    out += ["", f"Total is {total_el} element{'s' if total_el != 1 else ''} using "
                f"{total_b} byte{'s' if total_b != 1 else ''}", ""]
    sys.stdout.write("\n".join(out) + "\n")


def exist(name, kind=None, *, var=None, user=0):
    """Octave's ``exist(name[, kind])``: 1 variable, 2 file or .m function, 5 built-in function,
    7 folder, 103 a function defined in the script, 0 nothing.

    For a literal name the translator passes ``var`` (is it a variable of the calling scope
    here?) and ``user`` (103 or 2 when it names a function of the script or a function file).
    A name given at run time is looked up in the calling scope; a function of the script given
    that way and ``ans`` (octakd keeps it only when the script reads it) are refused rather
    than answered differently from Octave. Octave's own functions are known from the names
    recorded from Octave 7.3 (:mod:`.octave_names`); other names are looked up on the disk
    (the current folder, as Octave's path has it)."""
    if not isinstance(name, str):
        raise OctaveError("Octave:invalid-input-type", "exist: NAME must be a string")
    if kind not in (None, "var", "builtin", "file", "dir", "class"):
        raise OctaveError("Octave:invalid-input-type",
                          f'exist: unrecognized type argument "{kind}"')
    if var is None:
        var = _runtime_variable(name)
    if kind in (None, "var") and var:
        return 1
    if kind == "var":
        return 0
    if kind == "class":
        return 0
    if user and kind is None:
        return user
    if user and kind == "file":
        return 2 if user == 2 else 0        # a function of the script is no file
    if kind != "dir" and name in BUILTINS:
        return 5 if kind in (None, "builtin") else 0
    if kind != "dir" and (name in M_FILES or name in OCT_FILES):
        return (2 if name in M_FILES else 3) if kind in (None, "file") else 0
    if os.path.isdir(name):
        return 7 if kind in (None, "file", "dir") else 0
    if kind == "dir":
        return 0
    if os.path.isfile(name) or os.path.isfile(name + ".m"):
        return 2 if kind in (None, "file") else 0
    return 0


def _runtime_variable(name):
    """Is ``name`` (given at run time) a variable of the calling scope? Refuses what octakd
    cannot answer as Octave does."""
    if name == "ans":
        raise OctaveError("Octave:not-supported", "exist: 'ans' is only kept by octakd when the "
                                                  "script reads it; exist('ans') is not supported")
    frame = caller.script_frame()
    scope = frame.f_globals if frame is not None else {}
    from .fhandles import _is_ported
    for py in (name, name + "_"):
        fn = scope.get(py)
        if _is_ported(fn) and fn.__name__ == py:
            raise OctaveError("Octave:not-supported",
                              f"exist: '{name}' is a function of the script; give its name as "
                              f"a literal (exist('{name}')) so octakd can answer as Octave")
    try:
        value = caller.lookup(name, frame)
    except KeyError:
        return False
    return value is not MISSING


def isvarname(name):
    """Octave's ``isvarname``: a valid variable name (letter or '_' first, then letters,
    digits and '_', not a keyword; Octave 7.3 sets no length limit here)."""
    return (isinstance(name, str) and 0 < len(name) and name.isascii()
            and (name[0].isalpha() or name[0] == "_")
            and all(c.isalnum() or c == "_" for c in name) and name not in KEYWORDS)


def isfile(name):
    """Octave's ``isfile``: True for an existing regular file."""
    return isinstance(name, str) and os.path.isfile(name)


def isfolder(name):
    """Octave's ``isfolder``: True for an existing folder."""
    return isinstance(name, str) and os.path.isdir(name)


isdir = isfolder


def OCTAVE_VERSION():
    """Octave's ``OCTAVE_VERSION``: the Octave release this runtime reproduces, so a script's
    ``exist('OCTAVE_VERSION', 'builtin')`` test takes its Octave branch."""
    return OCTAVE_RELEASE


def version():
    """Octave's ``version``: the same release string as ``OCTAVE_VERSION``."""
    return OCTAVE_RELEASE


def help(*args):
    """Octave's ``help name``: one line on standard error; the script goes on."""
    what = " ".join(a for a in args if isinstance(a, str)) or "help"
    sys.stdout.flush()
    sys.stderr.write(f"help: no documentation for '{what}' in a ported script "
                     f"(see https://octave.org/doc/)\n")


def doc(*args):
    """Octave's ``doc name``: like ``help``, one line on standard error."""
    what = " ".join(a for a in args if isinstance(a, str)) or "doc"
    sys.stdout.flush()
    sys.stderr.write(f"doc: no documentation browser in a ported script for '{what}' "
                     f"(see https://octave.org/doc/)\n")
