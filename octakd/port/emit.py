"""Emit Python from the parsed Octave, keeping each statement on its Octave line.

The translation is deliberately literal: names, argument order and comments stay, and the Python
statement of Octave line N is on line N of the body (after a short import header). Octave rules
that plain Python would get wrong go through helpers of :mod:`octakd.port.runtime` that carry
Octave's own functional names (``colon``, ``mtimes``, ``horzcat``...), and anything the
translator cannot render faithfully raises :class:`PortError` with ``file:line:col``.

Names are resolved in script order: a name assigned earlier (or anywhere in an enclosing loop)
is a variable, so ``v(2)`` is an index; otherwise it must be a supported function or constant.

The work is shared by mixins of :class:`Emitter`, one concept each:

* :mod:`octakd.port.emit_common`: the name tables, precedence levels, checks on the output;
* :mod:`octakd.port.emit_kinds`: the static kinds of variables and expressions;
* :mod:`octakd.port.emit_statements` and :mod:`octakd.port.emit_expr`: statements, expressions;
* ``emit_flow``, ``emit_vars``, ``emit_containers``, ``emit_handles``, ``emit_text`` and
  :mod:`octakd.port.functions`: the rarer control flow, declarations, cells and structs,
  handles, character arithmetic, and functions.

This module holds :class:`Emitter` itself (its state, the line layout of the output) and the
entry points :func:`translate`, :func:`port_source`, :func:`port_file` and :func:`run_file`.
"""
import os
import sys
import warnings

import numpy as np

from . import parser as P
from .errors import PortError, combine
from .loadvars import expand_loads
from .functions import FunctionEmitter, FunctionPath, is_function_file, named_by_file
from .emit_common import (  # noqa: F401  (re-exported: tests and tools import them from here)
    ATOM, CODING_LINE, CONSTANTS, MAX_PYTHON_NESTING, OCTAKD_FUNCTIONS, RESERVED,
    bracket_depth, check_compiles, comment_text, octakd_names)
from .emit_clear import ClearEmitter
from .emit_containers import ContainerEmitter
from .emit_expr import ExpressionEmitter
from .emit_flow import FlowEmitter, catch_names, octave_column
from .emit_handles import HandleEmitter
from .emit_kinds import KindAnalyser
from .emit_statements import StatementEmitter
from .emit_vars import ExistEmitter, SpreadEmitter, VariableEmitter
from .lexer import split_lines
from .source import read_source, write_output
from .runtime import __all__ as RUNTIME_NAMES
from .runtime.functions import ScriptReturn, octave_globals
from .runtime import calltrace


class Emitter(StatementEmitter, ExpressionEmitter, KindAnalyser, FlowEmitter, FunctionEmitter,
              HandleEmitter, ContainerEmitter, VariableEmitter, ExistEmitter, SpreadEmitter,
              ClearEmitter):
    """Turns a statement list into Python lines; see :func:`port_source`."""

    def __init__(self, filename):
        self.filename = filename
        self.functions = OCTAKD_FUNCTIONS | (octakd_names() - set(RUNTIME_NAMES))
        self.reserved = RESERVED | self.functions
        self.used = set()               # runtime names to import
        self.defined = set()            # Octave names known to be variables here
        self.sure = set()               # ... and assigned on every path to this point
        self.depth = 0                  # blocks (if/for/while/...) around this statement
        self.conditional = 0            # > 0 in an elseif or later case's condition
        self.kinds = {}                 # flow-insensitive kind of each variable
        self.items = {}                 # line -> [(indent, text, kind)]
        self.uses_ans = False
        self.analysing = False
        self.assigned = set()
        self.statement = None           # the statement being emitted, to locate errors
        self.called_files = set()       # function files this file calls (imports of `port`)
        self.errors = []                # refusals collected so far (every one is reported)
        self.def_names = {}             # Python def name -> Octave function name
        self.positions = {}             # Python line -> (Octave line, [(py col, Octave col)])
        self.setup_functions([])
        self.renamed = {}               # Octave name -> Python name (persistent variables)
        self.declared_names = set()     # names declared global/persistent in this scope
        self.function_file = False      # translating a function file (not a script)
        self.global_names = set()       # names declared global in this scope

    # ------------------------------------------------------------------------- utilities
    def error(self, node, message):
        raise PortError(self.filename, node.line, node.col, message)

    def add(self, line, indent, text, kind="stmt"):
        if kind not in ("comment", "trailing") and bracket_depth(text) > MAX_PYTHON_NESTING:
            where = self.statement or P.Node(line, 1)
            self.error(where, f"this statement would nest more than {MAX_PYTHON_NESTING} "
                              f"parentheses and calls in Python, which cannot compile it; split "
                              f"it into several statements")
        col = octave_column(self.statement) if self.statement is not None else 1
        self.items.setdefault(line, []).append((indent, text, kind, col))

    def pyname(self, name):
        """The Python spelling of a user variable.

        A name that is reserved (see ``RESERVED``), or is a reserved name followed by
        underscores, or starts with an underscore, gets one more trailing ``_``: ``lambda`` is
        ``lambda_``, ``lambda_`` is ``lambda__``. The set of changed names is closed under adding
        ``_``, so the mapping is injective, and no reserved name ends with ``_``, so a variable
        never lands on a helper (checked in tests/test_port_security.py).

        A name that is not an ASCII identifier (only text from outside the script, such as a
        variable name read from a data file, could be one) is refused: it would be code.
        """
        if name in self.renamed:
            return self.renamed[name]
        if not (name.isidentifier() and name.isascii()):
            raise PortError(self.filename, 0, 0, f"{name!r} is not a valid variable name")
        if name.startswith("_") or name.rstrip("_") in self.reserved:
            return name + "_"
        return name

    def runtime(self, name):
        self.used.add(name)
        return name

    # ------------------------------------------------------------------------- output
    def note_call(self, f):
        if f.name not in self.own_functions:
            self.called_files.add(f.name)

    def translate(self, stmts, nlines):
        """Emit every statement; return the body lines (one per Octave line)."""
        if is_function_file(stmts):
            for s in stmts:
                if not isinstance(s, (P.Function, P.Comment)):
                    self.error(s, "a function file holds only functions: this statement is after "
                                  "them (make the file a script, e.g. start it with '1;')")
        self.function_file = is_function_file(stmts)
        self.setup_declarations(None, stmts)
        self.analyse(stmts)
        self.caught = catch_names(stmts)
        self.uses_ans = "ans" in self.names_read(stmts)
        self.sq_names = self.single_quoted_names(stmts)
        self.held = self.held_names(stmts)
        for s in stmts:
            self.emit_stmt(s, 0)
        out = []
        excess = 0      # physical lines beyond one per Octave line, absorbed by later blank lines
        last = max([nlines] + list(self.items))
        for line in range(1, last + 1):
            phys = []
            for indent, text, kind, col in self.items.get(line, []):
                if kind == "trailing" and phys:
                    phys[-1][1] += "  " + text
                    continue
                if kind == "stmt" and phys and phys[-1][2] == "header1" and phys[-1][0] == indent - 1:
                    phys[-1][3].append((4 * phys[-1][0] + len(phys[-1][1]) + 1, col))
                    phys[-1][1] += " " + text
                    phys[-1][2] = "stmt1"
                    continue
                if kind == "stmt" and phys and phys[-1][2] in ("stmt", "stmt1") and \
                        phys[-1][0] == indent - (phys[-1][2] == "stmt1"):
                    phys[-1][3].append((4 * phys[-1][0] + len(phys[-1][1]) + 2, col))
                    phys[-1][1] += "; " + text
                    continue
                phys.append([indent, text, kind if kind != "trailing" else "comment", [(4 * indent, col)]])
            if not phys:
                if excess:
                    excess -= 1
                    continue
                out.append("")
            excess += max(0, len(phys) - 1)
            for indent, text, _, cols in phys:
                out.append("    " * indent + text)
                self.positions[len(out)] = (line, cols)
        while out and not out[-1]:
            out.pop()
        return out

    def header(self, source_name):
        """The lines before the body: a fixed encoding line, then the imports.

        The first line fixes the encoding, so nothing later (a file name or a comment saying
        ``coding=utf-7``) can become an encoding declaration. The file name only appears as a
        ``repr`` literal, so no character of it can end the comment line.
        """
        names = sorted(self.used, key=lambda n: RUNTIME_NAMES.index(n))
        lines = [CODING_LINE,
                 f"# Ported from {source_name!r} by `octakd port`: line N below is line N of the "
                 f"Octave script plus {4 if names else 3}.",
                 "from octakd import *"]
        if names:
            lines.append(f"from octakd.port.runtime import {', '.join(names)}")
        return lines


def translate(text, filename="<string>", path=None, imports=True):
    """Translate Octave source; return (header lines, body lines, names of function files called).

    ``path`` (a :class:`FunctionPath`) finds the function files the code calls; with
    ``imports`` the header imports each of them from its own module (``from cost import cost``).
    """
    stmts, errors = P.parse_all(text, filename)
    try:
        stmts = expand_loads(stmts, filename)
    except PortError as exc:
        raise combine(errors + [exc], filename) from None
    if is_function_file(stmts) and filename.endswith(".m"):
        stmts = named_by_file(stmts, os.path.basename(filename)[:-2])
    em = Emitter(filename)
    em.setup_functions(stmts, path)
    try:
        body = em.translate(stmts, len(split_lines(text)))
    except PortError as exc:            # a refusal outside any statement
        em.errors.append(exc)
    if errors or em.errors:
        raise combine(errors + em.errors, filename) from None
    check_compiles(body, filename)
    calltrace.register(filename, calltrace.script_name(filename), em.def_names, em.positions)
    header = em.header(os.path.basename(filename))
    if imports:
        # a function file NAME.m is the module pyname(NAME).py: a reserved name (``trace``,
        # ``lambda``) is spelled like the def inside it, so the import and the calls agree
        header += [f"from {em.pyname(name)} import {em.pyname(name)}" for name in sorted(em.called_files)]
        header[1] = header[1].replace(f"plus {len(header) - len(em.called_files)}.",
                                      f"plus {len(header)}.")
    return header, body, sorted(em.called_files)


def _search_path(filename, dirs=()):
    folder = os.path.dirname(os.path.abspath(filename)) if filename != "<string>" else os.getcwd()
    return FunctionPath([folder] + list(dirs or ()))


def port_source(text, filename="<string>", dirs=()):
    """Translate the Octave script ``text`` to Python source (raises :class:`PortError`).

    The result starts with ``from octakd import *`` and an import of the runtime helpers it
    uses (and of the function files it calls, found beside ``filename`` or in ``dirs``); after
    that header, Python line N holds Octave line N.
    """
    header, body, _ = translate(text, filename, _search_path(filename, dirs))
    return "\n".join(header + body) + "\n"


def port_file(path, out=None, dirs=()):
    """Translate the Octave file ``path``; write it to ``out`` if given; return the Python.

    The file is read by :func:`octakd.port.source.read_source` (regular files, UTF-8) and
    written by :func:`octakd.port.source.write_output` (atomic, never over the script itself).
    With ``out``, every function file the script calls (directly or not) is translated too,
    into ``NAME.py`` beside ``out``: one Python module per ``.m`` file, which the script imports.
    """
    text = read_source(path)
    search = _search_path(path, dirs)
    header, body, _ = translate(text, str(path), search)
    code = "\n".join(header + body) + "\n"
    if out is not None:
        write_output(code, out, source=path)
        folder = os.path.dirname(os.path.abspath(out))
        done = {os.path.splitext(os.path.basename(path))[0]}
        while set(search.files) - done:
            name = sorted(set(search.files) - done)[0]
            done.add(name)
            fpath, ftext, _ = search.files[name]
            h, b, _ = translate(ftext, fpath, search)
            write_output("\n".join(h + b) + "\n", os.path.join(folder, Emitter(fpath).pyname(name) + ".py"),
                         source=fpath)
    return code


def run_file(path, argv=None, dirs=()):
    """Translate and run the Octave script ``path`` in its own folder (like Octave's ``run``).

    The body is compiled under the script's own file name, so a traceback points at the Octave
    line that failed. The working directory is restored afterwards. Returns the namespace the
    script ran in.
    """
    path = os.path.abspath(path)
    text = read_source(path)
    search = _search_path(path, dirs)
    header, body, _ = translate(text, path, search, imports=False)
    # every function file the script reaches, each translated into its own namespace
    modules, done = {}, set()
    while set(search.files) - done:
        name = sorted(set(search.files) - done)[0]
        done.add(name)
        fpath, ftext, _ = search.files[name]
        modules[name] = (fpath,) + translate(ftext, fpath, search, imports=False)[:2]
    namespace = {"__name__": "__main__", "__file__": path}
    octave_globals.clear()              # a fresh run has no global variables yet
    spaces = {}
    old = os.getcwd()
    os.chdir(os.path.dirname(path))
    try:
        for name, (fpath, fheader, fbody) in modules.items():
            spaces[name] = {"__name__": name, "__file__": fpath}
            exec(compile("\n".join(fheader), f"<{os.path.basename(fpath)} imports>", "exec"), spaces[name])
            exec(compile("\n".join(fbody) + "\n", fpath, "exec"), spaces[name])
        exec(compile("\n".join(header), f"<{os.path.basename(path)} imports>", "exec"), namespace)
        for space in list(spaces.values()) + [namespace]:
            for name in spaces:             # a file's own functions win over function files
                py = Emitter(path).pyname(name)
                space.setdefault(py, spaces[name][py])
        try:
            # Octave's arithmetic never warns (Inf - Inf is NaN in silence): NumPy's
            # RuntimeWarnings on standard error would be noise Octave does not print
            # A complex value cast to real drops its imaginary part with only a warning: that
            # would be a silent difference, so it stops the script instead
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("error", np.exceptions.ComplexWarning)
                exec(compile("\n".join(body) + "\n", path, "exec"), namespace)
        except ScriptReturn:                # 'return' at the script's top level
            pass
    finally:
        os.chdir(old)
        sys.stdout.flush()
    return namespace
