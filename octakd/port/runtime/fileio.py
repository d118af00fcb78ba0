"""Octave's file handles: ``fopen``, ``fclose``, ``fgetl``, ``fgets``, ``feof``, ``fscanf``,
``fprintf(fid, ...)``, ``textscan`` (simple cases) and ``input``.

File ids are numbers as in Octave: 0, 1 and 2 are stdin, stdout and stderr, files opened by
``fopen`` get 3, 4, ... ``fopen`` returns -1 when the file cannot be opened (with the reason as
a second output), as Octave does, rather than raising.
"""
import os
import re
import sys

import numpy as np

from . import core

__all__ = ["fopen", "fclose", "fgetl", "fgets", "feof", "fscanf", "fprintf", "textscan",
           "input", "frewind", "fileread"]
FUNCTIONS = {"fopen": "scalar", "fclose": "scalar", "fgetl": "unknown", "fgets": "unknown",
             "feof": "scalar", "fscanf": "num", "fprintf": "void", "textscan": "unknown",
             "input": "unknown", "frewind": "void", "fileread": "str"}
MULTI_OUTPUT = {"fopen", "fscanf"}

_files = {}     # fid -> open Python file


def _mode(mode):
    m = mode.replace("t", "")
    if m not in ("r", "w", "a", "r+", "w+", "a+", "rb", "wb", "ab", "r+b", "w+b", "a+b"):
        raise ValueError(f"fopen: invalid mode '{mode}'")
    return m.replace("b", "")


def fopen(name, mode="r", *rest, nargout=1):
    """Octave's ``fid = fopen(name, mode)``; ``[fid, msg] = fopen(...)``. -1 when it fails."""
    if not isinstance(name, str):
        raise TypeError("fopen: FILENAME must be a string")
    if isinstance(name, str) and name == "all":
        return np.array([sorted(_files)], dtype=np.float64) if _files else np.zeros((1, 0))
    try:
        _check_not_a_pipe(name)
        fh = open(name, _mode(mode), encoding="utf-8", newline="")
    except OSError as exc:
        return (-1, exc.strerror or str(exc)) if nargout > 1 else -1
    fid = 3
    while fid in _files:
        fid += 1
    _files[fid] = fh
    return (fid, "") if nargout > 1 else fid


def _check_not_a_pipe(name):
    """Refuse FIFOs and sockets: opening one could wait forever for a writer."""
    import stat
    try:
        mode = os.stat(name).st_mode
    except OSError:
        return
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        raise OSError(0, "not a regular file (a pipe or socket could block the script)")


def fileread(name):
    """Octave's ``fileread(name)``: the whole file as one string."""
    if not isinstance(name, str):
        raise TypeError("fileread: FILENAME argument must be a string")
    if not os.path.isfile(name):
        raise FileNotFoundError(f"fileread: cannot open file {name}")
    with open(name, encoding="utf-8", errors="replace", newline="") as fh:
        return fh.read()


def _file(fid, where):
    try:
        key = int(np.asarray(fid).reshape(()))
    except (TypeError, ValueError):
        raise TypeError(f"{where}: invalid stream number") from None
    if key not in _files:
        raise ValueError(f"{where}: invalid stream number = {key}")
    return key, _files[key]


def fclose(fid):
    """Octave's ``fclose(fid)`` / ``fclose('all')``: 0 on success."""
    if isinstance(fid, str) and fid == "all":
        for fh in _files.values():
            fh.close()
        _files.clear()
        return 0
    key, fh = _file(fid, "fclose")
    fh.close()
    del _files[key]
    return 0


def fgets(fid):
    """Octave's ``fgets``: the next line with its newline, or -1 at the end of the file."""
    _, fh = _file(fid, "fgets")
    line = fh.readline()
    return -1 if line == "" else line


def fgetl(fid):
    """Octave's ``fgetl``: the next line without its newline, or -1 at the end of the file."""
    line = fgets(fid)
    if line == -1:
        return -1
    return line[:-2] if line.endswith("\r\n") else line.rstrip("\n")


def feof(fid):
    """Octave's ``feof``: True after a read reached the end of the file."""
    _, fh = _file(fid, "feof")
    pos = fh.tell()
    at_end = fh.read(1) == ""
    fh.seek(pos)
    return at_end


def frewind(fid):
    """Octave's ``frewind``: back to the start of the file."""
    _file(fid, "frewind")[1].seek(0)


def fprintf(*args):
    """Octave's ``fprintf([fid,] template, ...)``: fid 1 stdout, 2 stderr, or an open file."""
    if args and not isinstance(args[0], str) and np.size(args[0]) == 1 and \
            int(np.asarray(args[0]).reshape(())) in _files:
        _, fh = _file(args[0], "fprintf")
        if len(args) > 1:
            fh.write(core.sprintf(*args[1:]))
        return None
    return core.fprintf(*args)


_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|[Ii]nf|NaN)")


def fscanf(fid, template, size=None, nargout=1):
    """Octave's ``fscanf`` for numeric templates (``%d``, ``%f``, ``%g``, repeated): every
    number of the rest of the file as a column, or shaped by ``size`` ([m n], column-major;
    ``[m Inf]`` as many columns as needed). ``%s`` alone reads the words as one string."""
    _, fh = _file(fid, "fscanf")
    text = fh.read()
    convs = re.findall(r"%[-\d.]*[a-zA-Z]", template)
    if convs and all(c[-1] == "s" for c in convs):
        return "".join(text.split())
    if not convs or any(c[-1] not in "dfgeiu" for c in convs):
        raise ValueError(f"fscanf: only numeric templates (%d %f %g) are supported, got '{template}'")
    values = []
    literal = re.sub(r"%[-\d.]*[a-zA-Z]", " ", template).strip()
    for tok in re.split(r"[\s" + re.escape("".join(set(literal) - set(" \t\n"))) + r"]+", text):
        if not tok:
            continue
        m = _NUMBER.fullmatch(tok)
        if not m:
            break
        values.append(float(tok.replace("I", "i").replace("inf", "inf")))
    v = np.array(values, dtype=np.float64)
    if size is None:
        out = v.reshape(-1, 1)
    else:
        dims = np.asarray(size, dtype=np.float64).ravel()
        if dims.size == 1:
            n = int(min(dims[0], v.size)) if np.isfinite(dims[0]) else v.size
            out = v[:n].reshape(-1, 1)
        else:
            m = int(dims[0])
            n = int(np.ceil(v.size / m)) if not np.isfinite(dims[1]) else int(dims[1])
            full = np.zeros(m * n)
            full[:min(v.size, m * n)] = v[:m * n]
            out = full.reshape((m, n), order="F")
    out = core._out(out) if out.size == 1 else out
    return (out, v.size) if nargout > 1 else out


def textscan(fid, template, *args):
    """Octave's ``C = textscan(fid, '%f %f', 'Delimiter', ',', 'HeaderLines', 1)`` for numeric
    columns (``%f %d %n``) and word columns (``%s``): a list, one entry per conversion."""
    _, fh = _file(fid, "textscan")
    opts = {str(k).lower(): v for k, v in zip(args[::2], args[1::2])}
    for _ in range(int(opts.get("headerlines", 0))):
        fh.readline()
    convs = re.findall(r"%[-\d.]*[a-zA-Z]", template)
    if not convs:
        raise ValueError(f"textscan: no conversions in '{template}'")
    delim = opts.get("delimiter")
    cols = [[] for _ in convs]
    for line in fh:
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        fields = [f.strip() for f in line.split(delim)] if delim else line.split()
        for k, conv in enumerate(convs):
            if k >= len(fields):
                break
            cols[k].append(fields[k] if conv[-1] == "s" else float(fields[k]) if fields[k] else np.nan)
    out = []
    for conv, col in zip(convs, cols):
        if conv[-1] == "s":
            out.append(col)
        else:
            a = np.array(col, dtype=np.float64).reshape(-1, 1)
            out.append(a.astype(np.int32) if conv[-1] == "d" else a)
    return out


def input(prompt="", mode=None):
    """Octave's ``input(prompt)``: a number or ``[...]`` matrix typed on standard input;
    ``input(prompt, 's')``: the line as a string. At the end of the input it raises Octave's
    error ``input: reading user-input failed!``."""
    if not isinstance(prompt, str):
        raise TypeError("input: PROMPT must be a string")
    sys.stdout.write(prompt)
    sys.stdout.flush()
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if line == "":
        raise EOFError("input: reading user-input failed!")
    line = line.rstrip("\r\n")
    if mode is not None:
        if mode != "s":
            raise ValueError(f"input: the second argument must be 's', got '{mode}'")
        return line
    text = line.strip()
    if not text:
        return np.zeros((0, 0))
    body = text[1:-1] if text.startswith("[") and text.endswith("]") else text
    try:
        rows = [[core._scalar(float(v), "input") if v.lower() not in ("inf", "-inf", "nan") else
                 float(v) for v in re.split(r"[\s,]+", r.strip()) if v]
                for r in body.split(";") if r.strip()]
    except ValueError:
        raise ValueError(f"input: only numbers and [...] matrices can be typed here, got "
                         f"'{text}' (use input(prompt, 's') for text)") from None
    if len(rows) == 1 and len(rows[0]) == 1 and not text.startswith("["):
        return rows[0][0]
    if len({len(r) for r in rows}) > 1:
        raise ValueError("input: vertical dimensions mismatch in the typed matrix")
    return core.mat(rows)
