"""``load f`` without an output: the translator reads which variables the file defines.

Octave's ``load data.mat`` creates variables the script then uses by name. A translation needs
those names when it translates, so :func:`expand_loads` opens the file (relative to the
script's folder, as ``octakd run`` runs there) and rewrites the statement as the multiple
assignment ``x, y = load('data.mat', 'x', 'y', nargout=2)``. When the file is not there, or its
name is not a literal, the statement is refused with the fix (``S = load(...)``).
"""
import os
import re

from . import parser as P
from .errors import PortError


_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def _load_call(stmt):
    if isinstance(stmt, P.ExprStmt):
        e = stmt.expr
        if isinstance(e, P.Apply) and e.name == "load":
            return e
        if isinstance(e, P.Name) and e.name == "load":
            return P.Apply(e.line, e.col, "load", [])
    return None


def _names(call, filename):
    if not call.args or not all(isinstance(a, P.Str) for a in call.args):
        raise PortError(filename, call.line, call.col,
                        "load without an output needs a literal file name (or write "
                        "data = load(file) to get the values)")
    words = [a.value for a in call.args]
    rest = [w for w in words if not w.startswith("-")]
    if not rest:
        raise PortError(filename, call.line, call.col, "load: expected a file name")
    path = os.path.join(os.path.dirname(os.path.abspath(filename)), rest[0])
    if not os.path.isfile(path) and os.path.isfile(path + ".mat"):
        path += ".mat"
    if not os.path.isfile(path):
        raise PortError(filename, call.line, call.col,
                        f"load: cannot tell which variables '{rest[0]}' defines: the file is not "
                        f"beside the script when it is translated (write data = load('{rest[0]}'))")
    from .runtime.files import variables_in_file
    try:
        found = variables_in_file(path)
    except (OSError, ValueError) as exc:
        text = str(exc)
        raise PortError(filename, call.line, call.col,
                        text if text.startswith("load: ") else f"load: {text}") from None
    if "-ascii" in words:
        from .runtime.files import _octave_name
        found = [_octave_name(path)]
    if rest[1:]:
        import fnmatch
        found = [n for n in found if any(fnmatch.fnmatchcase(n, w) for w in rest[1:])] \
            if len(found) > 1 or found != [_plain(path)] else found
    if not found:
        raise PortError(filename, call.line, call.col, f"load: '{rest[0]}' has no such variables")
    for name in found:       # the names become Python code: only Octave identifiers may
        if not _IDENT.fullmatch(name):
            raise PortError(filename, call.line, call.col,
                            f"load: '{rest[0]}' defines a variable named {name!r}, which is not "
                            f"a valid Octave variable name")
    return [w for w in words if w.startswith("-")] + [rest[0]], found


def _plain(path):
    from .runtime.files import _octave_name
    return _octave_name(path)


def expand_loads(stmts, filename):
    """Rewrite every ``load f [vars]`` statement (at any depth) into a multiple assignment."""
    out = []
    for s in stmts:
        call = _load_call(s)
        if call is not None:
            words, names = _names(call, filename)
            args = [P.Str(call.line, call.col, w, "'") for w in words + names]
            targets = [P.Name(call.line, call.col, n) for n in names]
            out.append(P.MultiAssign(s.line, s.col, targets, P.Apply(call.line, call.col, "load", args), False))
            continue
        for field, value in vars(s).items():
            if isinstance(value, list) and value and all(isinstance(x, P.Node) for x in value):
                if all(isinstance(x, P.Stmt) for x in value):
                    setattr(s, field, expand_loads(value, filename))
                else:
                    for x in value:
                        for f2, v2 in vars(x).items():
                            if isinstance(v2, list) and v2 and all(isinstance(y, P.Stmt) for y in v2):
                                setattr(x, f2, expand_loads(v2, filename))
        out.append(s)
    return out
