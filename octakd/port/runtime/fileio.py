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
           "input", "frewind", "fileread", "fdisp"]
FUNCTIONS = {"fopen": "scalar", "fclose": "scalar", "fgetl": "unknown", "fgets": "unknown",
             "feof": "scalar", "fscanf": "num", "fprintf": "void", "textscan": "unknown",
             "input": "unknown", "frewind": "void", "fileread": "str", "fdisp": "void"}
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


def fdisp(fid, value):
    """Octave's ``fdisp(fid, value)``: what ``disp(value)`` prints, written to the stream fid
    (1 standard output, 2 standard error, or a file opened by ``fopen``)."""
    import contextlib
    import io
    from .show import disp
    try:
        key = int(np.asarray(fid).reshape(()))
    except (TypeError, ValueError):
        raise TypeError("fdisp: invalid stream number") from None
    if key == 1:
        return disp(value)
    fh = sys.stderr if key == 2 else _file(fid, "fdisp")[1]
    text = io.StringIO()
    with contextlib.redirect_stdout(text):
        disp(value)
    fh.write(text.getvalue())


_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|[Ii]nf|NaN)")


def _consume(fh, start, text, used):
    """Leave the file just after the first ``used`` characters of ``text`` (read from
    ``start``): a later read goes on from there, as in Octave."""
    if used < len(text):
        fh.seek(start)
        fh.read(used)


def fscanf(fid, template, size=None, nargout=1):
    """Octave's ``fscanf`` for numeric templates (``%d``, ``%f``, ``%g``, repeated): the numbers
    of the rest of the file as a column, or shaped by ``size`` (a count n, or [m n] column-major
    with ``[m Inf]`` as many columns as needed, the last one padded with zeros). Templates of
    ``%s`` only read the words joined into one string (``fscanf(fid, '%s', n)``: n words), and
    ``%c`` every character, white space included (``fscanf(fid, '%c', Inf)``: the file). The
    file is left after the last item read; ``[A, count] = fscanf(...)`` counts the items."""
    _, fh = _file(fid, "fscanf")
    start = fh.tell()
    text = fh.read()
    convs = re.findall(r"%[-\d.]*[a-zA-Z]", template)
    dims = None if size is None else np.asarray(size, dtype=np.float64).ravel()
    limit = None
    if dims is not None:
        limit = float(np.prod(dims)) if np.all(np.isfinite(dims)) else None
    if convs and all(c[-1] == "s" for c in convs):
        if dims is not None and dims.size != 1:
            raise ValueError("fscanf: a size [m n] with %s is not supported")
        words = list(re.finditer(r"\S+", text))
        if limit is not None:
            words = words[:int(limit)]
        _consume(fh, start, text, words[-1].end() if words else len(text))
        out = "".join(w.group() for w in words)
        return (out, len(words)) if nargout > 1 else out
    if convs == ["%c"] and template.strip() == "%c":       # readFile.m of the ML course
        if dims is not None and dims.size != 1:
            raise ValueError("fscanf: a size [m n] with %c is not supported")
        count = len(text) if limit is None else min(int(limit), len(text))
        _consume(fh, start, text, count)
        out = text[:count]          # every character, white space included, as one row
        return (out, count) if nargout > 1 else out
    if not convs or any(c[-1] not in "dfgeiu" for c in convs):
        raise ValueError(f"fscanf: only numeric templates (%d %f %g), %s or %c are supported, got "
                         f"'{template}'")
    literal = re.sub(r"%[-\d.]*[a-zA-Z]", " ", template).strip()
    seps = "".join(sorted(set(literal) - set(" \t\n")))
    values, used = [], 0
    for m in re.finditer(r"[^\s" + re.escape(seps) + r"]+", text):
        if limit is not None and len(values) >= limit:
            break
        if not _NUMBER.fullmatch(m.group()):
            used = m.start()
            break
        values.append(float(m.group().replace("I", "i")))
        used = m.end()
    else:
        used = len(text) if limit is None or len(values) < limit else used
    _consume(fh, start, text, used)
    v = np.array(values, dtype=np.float64)
    if dims is None:
        out = v.reshape(-1, 1)
    elif dims.size == 1:
        out = v.reshape(-1, 1)
    else:
        m = int(dims[0])
        n = int(np.ceil(v.size / m)) if not np.isfinite(dims[1]) else int(dims[1])
        full = np.zeros(m * n)
        full[:min(v.size, m * n)] = v[:m * n]
        out = full.reshape((m, n), order="F")
    out = core._out(out) if out.size == 1 else out
    return (out, v.size) if nargout > 1 else out


_TEXTSCAN_OPTIONS = {"delimiter", "headerlines"}


def _textscan_fields(text, delim):
    """The fields of ``text``: split at the delimiter characters and at line ends (each field
    stripped of blanks) with a delimiter, else at any whitespace; blank lines give none."""
    if not delim:
        return text.split()
    chars = "".join(delim) if isinstance(delim, (list, tuple)) else str(delim)
    fields = []
    for line in text.splitlines():
        if line.strip():
            fields.extend(f.strip() for f in re.split("[" + re.escape(chars) + "]", line))
    return fields


def textscan(fid, template, *args):
    """Octave's ``C = textscan(fid_or_text, '%f %d %s', 'Delimiter', ',', 'HeaderLines', 1)``:
    the fields are read in turn by the conversions, cycling through the template (so ``%f %f``
    on ``1 2 3 4 5`` gives columns [1; 3; 5] and [2; 4], as in Octave). C is a 1xK cell: a
    double column for ``%f``/``%n``/``%g`` (an empty field is NaN), an int32 column for ``%d``
    (an empty field is 0), a cell column of strings for ``%s``; ``%*...`` skips a field."""
    from .cells import Cell
    if isinstance(fid, str):
        text = fid
    else:
        _, fh = _file(fid, "textscan")
        text = fh.read()
    if len(args) % 2:
        raise ValueError("textscan: options must come in name/value pairs")
    opts = {str(k).lower(): v for k, v in zip(args[::2], args[1::2])}
    unknown = set(opts) - _TEXTSCAN_OPTIONS
    if unknown:
        raise ValueError(f"textscan: the option '{sorted(unknown)[0]}' is not supported "
                         f"(Delimiter and HeaderLines are)")
    skip = int(np.asarray(opts.get("headerlines", 0)).ravel()[0])
    if skip > 0:
        text = "".join(text.splitlines(keepends=True)[skip:])
    convs = re.findall(r"%(\*?)[-\d.]*([a-zA-Z])", template)
    if not convs or any(c not in "fdnsgu" for _, c in convs):
        raise ValueError(f"textscan: only %f %n %g %d %u %s conversions are supported, got "
                         f"'{template}'")
    delim = opts.get("delimiter")
    if delim is not None and hasattr(delim, "values"):
        delim = [str(d) for d in delim.values()]
    fields = _textscan_fields(text, delim)
    cols = [[] for _ in convs]
    for k, field in enumerate(fields):
        i = k % len(convs)
        kind = convs[i][1]
        if kind == "s":
            cols[i].append(field)
            continue
        if field == "":
            cols[i].append(np.nan)
        elif _NUMBER.fullmatch(field):
            cols[i].append(float(field))
        else:
            break                                       # Octave stops at a field it cannot read
    out = []
    for (star, kind), col in zip(convs, cols):
        if star:
            continue
        if kind == "s":
            out.append(Cell.of(list(col), (len(col), 1)))
        elif kind in "du":
            from .integers import int32, uint32
            a = np.array(col, dtype=np.float64).reshape(-1, 1)
            out.append(int32(a) if kind == "d" else uint32(a))
        else:
            out.append(np.array(col, dtype=np.float64).reshape(-1, 1))
    return Cell.of([o if not (isinstance(o, np.ndarray) and o.size == 1 and o.dtype.kind == "f")
                    else core._out(o) for o in out], (1, len(out)))


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
