"""Octave's data files: ``load``/``save``, ``csvread``/``dlmread``/``csvwrite``/``dlmwrite``.

Formats written byte for byte as GNU Octave 7 writes them (checked on recorded files):

* ``save -ascii f x``: every row of every variable, each value as `` %.8e`` (``-double``:
  ``%.16e``; ``-tabs``: tab-separated);
* ``save -text f x`` (and ``save f x`` for a name not ending in ``.mat``): Octave's text format,
  ``# name:``/``# type:`` headers and values with 17 significant digits;
* ``save f.mat x`` and ``-v7``/``-v6``/``-mat``: a MAT v5 file through ``scipy.io`` (GNU Octave
  writes its text format for a ``.mat`` name without an option; MATLAB, scipy and Octave's
  ``load`` all read MAT files, so octakd writes that);
* ``dlmwrite``/``csvwrite``: ``%.16g`` values joined by the delimiter.

``load`` reads MAT files, Octave text files and plain numeric text (``%``/``#`` comments,
blanks, commas or semicolons between values). ``load f`` without an output defines the file's
variables; the translator reads their names from the file when it translates the script
(:mod:`octakd.port.loadvars`).
"""
import fnmatch
import math
import os
import re
import time

import numpy as np

from . import caller

__all__ = ["load", "save", "csvread", "csvwrite", "dlmread", "dlmwrite"]
FUNCTIONS = {"load": "unknown", "save": "void", "csvread": "num", "csvwrite": "void",
             "dlmread": "num", "dlmwrite": "void"}
MULTI_OUTPUT = {"load"}

_MAT_OPTIONS = {"-v7", "-v6", "-v5", "-mat", "-mat7-binary", "-mat-binary", "-7", "-6"}
_TEXT_OPTIONS = {"-text", "-ascii", "-double", "-tabs", "-append", "-zip", "-z"}


def _str_args(args, where):
    for a in args:
        if not isinstance(a, str):
            raise TypeError(f"{where}: expected file names, options and variable names as "
                            f"strings, got {type(a).__name__}")
    return list(args)


def _is_mat_file(path):
    with open(path, "rb") as fh:
        head = fh.read(128)
    return len(head) == 128 and head[:6] == b"MATLAB" or head[124:128] in (b"\x00\x01IM", b"\x01\x00MI")


# ----------------------------------------------------------------------------------- load
def _octave_name(path):
    """The variable Octave makes of a numeric text file: its stem, non-word characters as '_'."""
    stem = os.path.splitext(os.path.basename(path))[0]
    name = re.sub(r"\W", "_", stem, flags=re.ASCII)
    return "X" + name if not name or name[0].isdigit() else name


def read_numeric_text(path, where="load"):
    """A numeric matrix from a text file: one row a line, blanks/commas/semicolons between values,
    ``%`` and ``#`` start comments. Every row must have the same number of values."""
    rows = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for lineno, line in enumerate(fh, start=1):
            line = re.split(r"[%#]", line, maxsplit=1)[0].strip()
            if not line:
                continue
            fields = [f for f in re.split(r"[\s,;]+", line) if f]
            try:
                rows.append([_number(f) for f in fields])
            except ValueError:
                raise ValueError(f"{where}: unable to determine file format of '{path}' "
                                 f"(line {lineno} is not numbers: {line[:40]!r})") from None
            if len(rows[-1]) != len(rows[0]):
                raise ValueError(f"{where}: {path}: line {lineno} has {len(rows[-1])} values, "
                                 f"the first row has {len(rows[0])}")
    if not rows:
        return np.zeros((0, 0))
    return np.array(rows, dtype=np.float64)


def _number(text):
    low = text.lower()
    if low in ("nan", "+nan", "-nan"):
        return math.nan
    if low in ("inf", "+inf"):
        return math.inf
    if low == "-inf":
        return -math.inf
    return float(text)


def _read_octave_text(path):
    """Variables of a file in Octave's text format (``# name:`` blocks)."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        lines = fh.read().split("\n")
    out, k = {}, 0

    def header(key):
        nonlocal k
        m = re.match(rf"# {key}: (.*)", lines[k])
        if not m:
            raise ValueError(f"load: {path}: expected '# {key}:' on line {k + 1}")
        k += 1
        return m.group(1).strip()
    while k < len(lines):
        if not lines[k].startswith("# name: "):
            k += 1
            continue
        name = header("name")
        kind = header("type")
        if kind in ("scalar", "bool") or kind.endswith(" scalar"):
            value = _number(lines[k].strip())
            k += 1
            value = bool(value) if kind == "bool" else value
            if kind.endswith(" scalar") and kind != "scalar":
                value = np.array([[value]], dtype=kind.split()[0])
        elif kind in ("matrix", "bool matrix") or kind.endswith(" matrix"):
            if lines[k].startswith("# ndims:"):
                k += 1
                dims = [int(v) for v in lines[k].split()]
                k += 1
                flat = [_number(lines[k + i].strip()) for i in range(int(np.prod(dims)))]
                k += len(flat)
                value = np.array(flat).reshape(dims, order="F")
            else:
                r, c = int(header("rows")), int(header("columns"))
                value = np.array([[_number(v) for v in lines[k + i].split()] for i in range(r)],
                                 dtype=np.float64).reshape(r, c)
                k += r
            if kind == "bool matrix":
                value = value != 0
            elif kind != "matrix":
                value = value.astype(kind.split()[0])
        elif kind in ("string", "sq_string"):
            n = int(header("elements"))
            if n == 0:
                value = ""
            else:
                if n != 1:
                    raise ValueError(f"load: {path}: character matrices ('{name}') are not supported")
                length = int(header("length"))
                value = lines[k][:length]
                k += 1
        elif kind == "range":
            _ = lines[k]
            base, limit, inc = (_number(v) for v in lines[k + 1].split())
            k += 2
            n = int(round((limit - base) / inc)) + 1
            value = (base + inc * np.arange(n)).reshape(1, -1)
        else:
            raise ValueError(f"load: {path}: variables of type '{kind}' ('{name}') are not supported")
        out[name] = value
    return out


def _from_mat(value):
    """A value read by scipy.io.loadmat as an Octave value of the runtime: a cell (an object
    array) becomes a Cell and a struct (scipy's mat_struct objects, or a record array) a
    Struct, their elements converted in turn."""
    from .cells import Cell
    from .structs import Struct
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "U":
            return "".join(value.ravel().tolist()) if value.size else ""
        if value.dtype.kind in "biuf":
            if value.size == 1 and value.dtype.kind in "bf":
                return value.reshape(()).item()
            return value
        shape = value.shape if value.ndim == 2 else (1, value.size)
        if value.dtype.names:                                   # a record array: a struct
            elements = [{k: _from_mat(e[k]) for k in value.dtype.names}
                        for e in value.ravel(order="F")]
            return Struct.of(elements, shape, list(value.dtype.names))
        if value.dtype.kind == "O":
            items = list(value.ravel(order="F"))
            if items and all(hasattr(e, "_fieldnames") for e in items):   # mat_struct objects
                keys = list(items[0]._fieldnames)
                return Struct.of([{k: _from_mat(getattr(e, k)) for k in e._fieldnames}
                                  for e in items], shape, keys)
            return Cell.of([_from_mat(e) for e in items], shape)
    if hasattr(value, "_fieldnames"):
        return Struct.scalar({k: _from_mat(getattr(value, k)) for k in value._fieldnames})
    return value


def variables_in_file(path):
    """The names of the variables ``load path`` would define, in the order it defines them."""
    if _is_mat_file(path) and _is_v5(path):
        from ...io import matfile
        with open(path, "rb") as f:
            try:        # the names only: read from each variable's head, nothing inflated
                return list(matfile.directory(f, os.fstat(f.fileno()).st_size)[2])
            except matfile.MatError as exc:
                raise ValueError(f"load: {path}: not a readable MAT file ({exc})") from None
    if _is_mat_file(path) or _is_v4_mat(path):
        return [name for name, _, _ in scipy_io().whosmat(path)]
    with open(path, encoding="utf-8", errors="replace") as fh:
        text = fh.read(1 << 20)
    names = re.findall(r"^# name: (\S+)", text, flags=re.M)
    return names or [_octave_name(path)]


MAX_MAT_BYTES = 1 << 30    # what ``load`` of a MAT file may inflate: 1 GiB, as arrays allow


def _read_mat(path):
    """The variables of a MAT file, through the bounded reader of :mod:`octakd.io.matfile`.

    A MAT v5 file's variables may be zlib-compressed, and the sizes inside are the file's
    word: a few kilobytes can claim gigabytes. The directory of the file is read first; the
    variables are inflated only when together they declare at most ``MAX_MAT_BYTES``, and
    each no further than it declares. Other MAT files (level 4, uncompressed) go to scipy."""
    import scipy.io
    from ...io import matfile
    if not _is_v5(path):
        try:
            return scipy.io.loadmat(path, squeeze_me=False, chars_as_strings=True)
        except (ValueError, TypeError, NotImplementedError, OSError) as exc:
            raise ValueError(f"load: {path}: not a readable MAT file ({exc})") from None
    with open(path, "rb") as f:
        try:
            header, endian, variables = matfile.directory(f, os.fstat(f.fileno()).st_size)
        except matfile.MatError as exc:
            raise ValueError(f"load: {path}: not a readable MAT file ({exc})") from None
        declared = sum(v.size for v in variables.values())
        if declared > MAX_MAT_BYTES:
            raise MemoryError(f"load: out of memory or dimension too large for Octave's index type "
                              f"({path} declares {declared:,} bytes of variables; octakd run "
                              f"allows {MAX_MAT_BYTES:,})")
        try:
            return matfile.read_variables(f, header, endian, variables, list(variables),
                                          lambda var: MAX_MAT_BYTES)
        except matfile.MatError as exc:
            raise ValueError(f"load: {path}: not a readable MAT file ({exc})") from None


def _is_v5(path):
    with open(path, "rb") as fh:
        head = fh.read(128)
    return len(head) == 128 and head[126:128] in (b"IM", b"MI")


def _read_any(path, ascii_only=False):
    mat5 = not ascii_only and _is_mat_file(path)
    if mat5 or (not ascii_only and _is_v4_mat(path)):
        try:
            data = _read_mat(path) if mat5 else \
                scipy_io().loadmat(path, squeeze_me=False, chars_as_strings=True)
            return {k: _from_mat(v) for k, v in data.items() if not k.startswith("__")}, True
        except RecursionError:          # cells in cells in cells...: scipy's reader and ours recurse
            raise ValueError(f"load: {path}: its cells or structs are nested too deeply to read") from None
    with open(path, encoding="utf-8", errors="replace") as fh:
        head = fh.read(4096)
    if not ascii_only and re.search(r"^# name: ", head, flags=re.M):
        return _read_octave_text(path), True
    return {_octave_name(path): read_numeric_text(path)}, False


def scipy_io():
    import scipy.io
    return scipy.io


def _is_v4_mat(path):
    """A MAT level 4 file (no header; each variable a 20-byte tag, its name, its data; never
    compressed, so its sizes are bounded by the file's own) that scipy can list."""
    from scipy.io.matlab import matfile_version
    try:
        if matfile_version(path) != (0, 0):
            return False
        return bool(scipy_io().whosmat(path))
    except Exception:       # any reading failure: not a MAT v4 file (scipy raises many kinds)
        return False


def load(*args, nargout=None):
    """Octave's ``load``: ``data = load('file.txt')`` gives the matrix, ``S = load('f.mat')`` a
    struct of its variables; ``load f x y`` (rewritten by the translator as
    ``x, y = load('f', 'x', 'y', nargout=2)``) gives the named variables."""
    words = _str_args(args, "load")
    options = [w for w in words if w.startswith("-")]
    rest = [w for w in words if not w.startswith("-")]
    if not rest:
        raise ValueError("load: expected a file name")
    path, wanted = rest[0], rest[1:]
    if not os.path.isfile(path):
        if os.path.isfile(path + ".mat"):
            path += ".mat"
        else:
            raise FileNotFoundError(f"load: unable to find file {path}")
    values, named = _read_any(path, ascii_only="-ascii" in options)
    if nargout is None:
        if not named:
            return next(iter(values.values()))
        if wanted:
            values = {k: v for k, v in values.items() if any(fnmatch.fnmatchcase(k, w) for w in wanted)}
        return _struct(values)
    if not named:
        values = {wanted[0] if wanted else _octave_name(path): next(iter(values.values()))}
    missing = [w for w in wanted if w not in values]
    if missing:
        raise KeyError(f"load: unable to find variable '{missing[0]}' in '{path}'")
    picked = tuple(values[w] for w in wanted[:nargout])
    return picked[0] if nargout == 1 else picked


def _struct(values):
    """The variables as a scalar struct, one field each, in the file's order."""
    from .structs import Struct
    return Struct.scalar(values)


# ----------------------------------------------------------------------------------- save
def _g17(v):
    """A value as Octave's text format writes it: 17 significant digits, NaN/Inf spelled out."""
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Inf" if v > 0 else "-Inf"
    return "%.17g" % v


def _text_block(name, value):
    """One variable in Octave's text format (``save -text``), laid out as Octave 7 writes it."""
    from .chars import CharMatrix
    from .values import RangeArray
    head = f"# name: {name}\n"
    if isinstance(value, str):
        if not value:
            return head + "# type: sq_string\n# elements: 0\n\n\n"
        return head + f"# type: sq_string\n# elements: 1\n# length: {len(value)}\n{value}\n\n\n"
    if isinstance(value, CharMatrix):
        rows = ["".join(r) for r in np.asarray(value)]
        body = "".join(f"# length: {len(r)}\n{r}\n" for r in rows)
        return head + f"# type: sq_string\n# elements: {len(rows)}\n{body}\n\n"
    if isinstance(value, RangeArray) and hasattr(value, "range_parts"):
        return head + ("# type: double_range\n# base, limit, increment\n" +
                       " ".join(map(_g17, value.range_parts)) + "\n\n\n")
    if isinstance(value, (bool, np.bool_)):
        return head + f"# type: bool\n{int(value)}\n\n\n"
    if isinstance(value, complex):
        return head + f"# type: complex scalar\n{_c17(value)}\n\n\n"
    if isinstance(value, (int, float, np.floating, np.integer)) and not isinstance(value, np.ndarray):
        return head + f"# type: scalar\n{_g17(float(value))}\n\n\n"
    a = np.asarray(value)
    if a.dtype.kind not in "biufc":
        raise TypeError(f"save: the variable '{name}' ({type(value).__name__}) cannot be saved "
                        f"in Octave's text format")
    a = a.reshape(1, 1) if a.ndim == 0 else a.reshape(1, -1) if a.ndim == 1 else a
    if a.dtype.kind in "iu":
        cls = a.dtype.name
        if a.size == 1:
            return head + f"# type: {cls} scalar\n{int(a.reshape(()))}\n\n\n"
        dims = " ".join(str(d) for d in a.shape)
        body = "".join(f" {int(v)}\n" for v in a.ravel(order="F"))
        return head + f"# type: {cls} matrix\n# ndims: {a.ndim}\n {dims}\n{body}\n\n"
    if a.ndim > 2:
        raise TypeError(f"save: the {a.ndim}-D variable '{name}' is not supported")
    prefix = "float " if a.dtype == np.float32 else ""
    if a.dtype.kind == "c":
        if a.size == 1:
            return head + f"# type: {prefix}complex scalar\n{_c17(complex(a.reshape(())))}\n\n\n"
        kind, one = f"{prefix}complex matrix", lambda v: _c17(complex(v))
    elif a.dtype.kind == "b":
        if a.size == 1:
            return head + f"# type: bool\n{int(a.reshape(()))}\n\n\n"
        kind, one = "bool matrix", lambda v: str(int(v))
    else:
        if a.size == 1:
            return head + f"# type: {prefix}scalar\n{_g(float(a.reshape(())), a.dtype)}\n\n\n"
        kind, one = f"{prefix}matrix", lambda v: _g(float(v), a.dtype)
    rows = "".join("".join(" " + one(v) for v in row) + "\n" for row in a)
    return head + f"# type: {kind}\n# rows: {a.shape[0]}\n# columns: {a.shape[1]}\n{rows}\n\n"


def _g(v, dtype):
    """A double with 17 significant digits, a single with 9 (Octave's precision for each)."""
    if dtype == np.float32 and math.isfinite(v):
        return "%.9g" % v
    return _g17(v)


def _c17(z):
    """A complex number as Octave's text format writes it: ``(re,im)``."""
    return f"({_g17(z.real)},{_g17(z.imag)})"


def _ascii_rows(name, value, fmt, sep, lead):
    if isinstance(value, str):
        value = np.array([[float(ord(c)) for c in value]]) if value else np.zeros((0, 0))
    a = np.asarray(value, dtype=np.float64) if not isinstance(value, np.ndarray) or value.dtype.kind in "biuf" else None
    if a is None:
        raise TypeError(f"save: the variable '{name}' cannot be saved with -ascii (numbers only)")
    a = a.reshape(1, -1) if a.ndim < 2 else a
    if a.ndim > 2:
        raise TypeError(f"save: the {a.ndim}-D variable '{name}' cannot be saved with -ascii")

    def one(v):
        return "NaN" if math.isnan(v) else ("Inf" if v > 0 else "-Inf") if math.isinf(v) else fmt % v
    return "".join(lead + sep.join(one(float(v)) for v in row) + "\n" for row in a)


def save(*args):
    """Octave's ``save file``, ``save file x y``, ``save -ascii file x``, ``save -text ...``,
    ``save -v7 file.mat ...``; variable names may use ``*`` and ``?`` patterns."""
    words = _str_args(args, "save")
    options = {w.lower() for w in words if w.startswith("-")}
    rest = [w for w in words if not w.startswith("-")]
    unknown = options - _MAT_OPTIONS - _TEXT_OPTIONS
    if unknown:
        raise ValueError(f"save: unknown option '{sorted(unknown)[0]}'")
    if not rest:
        raise ValueError("save: expected a file name")
    path, patterns = rest[0], rest[1:]
    scope = caller.variables()
    if patterns:
        chosen = {}
        for p in patterns:
            hits = [n for n in scope if fnmatch.fnmatchcase(n, p)]
            if not hits:
                raise KeyError(f"save: no such variable '{p}'")
            chosen.update((n, scope[n]) for n in hits)
    else:
        chosen = scope
    if "-ascii" in options:
        fmt = "%.16e" if "-double" in options else "%.8e"
        sep, lead = ("\t", "") if "-tabs" in options else (" ", " ")
        text = "".join(_ascii_rows(n, v, fmt, sep, lead) for n, v in chosen.items())
        _write(path, text, "-append" in options)
    elif options & _MAT_OPTIONS or (path.lower().endswith(".mat") and "-text" not in options):
        _write_mat(path, chosen)
    else:
        text = _text_header() + \
            "".join(_text_block(n, v) for n, v in chosen.items())
        _write(path, text, "-append" in options)


def _text_header():
    """The first line of Octave 7's text format, as Octave writes it (``# Created by Octave
    7.3.0, Wed Dec 02 13:16:23 2026 UTC <user@host>``), so that files are laid out alike."""
    import getpass
    import socket
    stamp = time.strftime("%a %b %d %H:%M:%S %Y UTC", time.gmtime())
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"# Created by Octave 7.3.0, {stamp} <{user}@{socket.gethostname()}>\n"


def _write(path, text, append=False):
    with open(path, "a" if append else "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def _to_mat(name, value):
    """An Octave value as scipy.io.savemat writes it: numbers, logicals and text as 2-D arrays,
    a cell as an object array and a struct as a record array, their elements in turn. Anything
    else (a function handle, ...) stops the save with the variable's name: never dropped."""
    from .cells import Cell
    from .structs import Struct
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)):
        return np.array([[value]])
    if isinstance(value, (int, float, complex, np.number)):
        return np.array([[value]], dtype=np.complex128 if isinstance(value, complex) else float)
    if isinstance(value, Cell):
        out = np.empty(value.shape, dtype=object)
        for pos in np.ndindex(*value.shape):
            out[pos] = _to_mat(name, value.data[pos])
        return out
    if isinstance(value, Struct) and value.shape == (1, 1):    # a dict: also with no fields
        return {k: _to_mat(name, v) for k, v in value.data[0, 0].items()}
    if isinstance(value, Struct):
        if not value.keys:
            raise TypeError(f"save: the variable '{name}' (a struct array without fields) cannot "
                            f"be saved in a MAT file")
        out = np.empty(value.shape, dtype=[(k, object) for k in value.keys])
        for pos in np.ndindex(*value.shape):
            for k in value.keys:
                out[pos][k] = _to_mat(name, value.data[pos][k])
        return out
    if isinstance(value, np.ndarray) and value.dtype.kind in "biufc":
        return value.reshape(1, -1) if value.ndim < 2 else value
    raise TypeError(f"save: the variable '{name}' ({type(value).__name__}) cannot be saved in a "
                    f"MAT file (numbers, logicals, text, cells and structs can)")


def _write_mat(path, chosen):
    import scipy.io
    data = {name: _to_mat(name, value) for name, value in chosen.items()}
    tmp = f"{path}.tmp{os.getpid()}"
    scipy.io.savemat(tmp, data, format="5", do_compression=True, oned_as="row")
    os.replace(tmp, path)


# ------------------------------------------------------------------------- delimited files
def _delimited_rows(path, sep, where):
    rows = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for lineno, line in enumerate(fh, start=1):
            line = line.rstrip("\r\n")
            if sep is None:
                sep_here = "," if "," in line else "\t" if "\t" in line else None
            else:
                sep_here = sep
            fields = line.split(sep_here) if sep_here not in (None, " ") else line.split()
            row = []
            for f in fields:
                f = f.strip()
                try:
                    row.append(_number(f) if f else 0.0)
                except ValueError:
                    raise ValueError(f"{where}: {path}: line {lineno}: '{f}' is not a number") from None
            rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return np.array([r + [0.0] * (width - len(r)) for r in rows], dtype=np.float64).reshape(len(rows), width)


def dlmread(path, sep=None, r0=0, c0=0):
    """Octave's ``dlmread(file)``, ``dlmread(file, sep)``, ``dlmread(file, sep, r0, c0)``:
    a numeric matrix, empty fields and short rows filled with 0; r0, c0 skip rows/columns."""
    if not isinstance(path, str):
        raise TypeError("dlmread: expected a file name")
    if not os.path.isfile(path):
        raise FileNotFoundError(f"dlmread: unable to open file '{path}'")
    sep = None if sep is None or sep == "" else do_sep(sep)
    a = _delimited_rows(path, sep, "dlmread")
    return a[int(r0):, int(c0):]


def do_sep(sep):
    return {"\\t": "\t"}.get(sep, sep)


def csvread(path, r0=0, c0=0):
    """Octave's ``csvread(file[, r0, c0])``: ``dlmread`` with a comma."""
    return dlmread(path, ",", r0, c0)


def dlmwrite(path, m, *args):
    """Octave's ``dlmwrite(file, M)``, ``dlmwrite(file, M, sep)``, with ``'delimiter'``,
    ``'precision'`` (digits or a format) and ``'-append'``: values as ``%.16g``."""
    sep, fmt, append = ",", "%.16g", False
    rest = list(args)
    if rest and isinstance(rest[0], str) and rest[0].lower() not in ("delimiter", "precision", "-append", "newline"):
        sep = do_sep(rest.pop(0))
    while rest:
        key = rest.pop(0)
        if not isinstance(key, str):
            raise TypeError("dlmwrite: expected an option name")
        key = key.lower()
        if key == "-append":
            append = True
        elif key == "delimiter" and rest:
            sep = do_sep(rest.pop(0))
        elif key == "precision" and rest:
            p = rest.pop(0)
            fmt = p if isinstance(p, str) else f"%.{int(p)}g"
        elif key == "newline" and rest:
            rest.pop(0)
        else:
            raise ValueError(f"dlmwrite: unknown option '{key}'")
    a = np.asarray(m, dtype=np.float64)
    a = a.reshape(1, -1) if a.ndim < 2 else a

    def one(v):
        return "NaN" if math.isnan(v) else ("Inf" if v > 0 else "-Inf") if math.isinf(v) else fmt % v
    _write(path, "".join(sep.join(one(float(v)) for v in row) + "\n" for row in a), append)


def csvwrite(path, m, *args):
    """Octave's ``csvwrite(file, M)``: ``dlmwrite`` with a comma."""
    dlmwrite(path, m, ",", *args)
