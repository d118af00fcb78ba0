"""Emit Python from the parsed Octave, keeping each statement on its Octave line.

The translation is deliberately literal: names, argument order and comments stay, and the Python
statement of Octave line N is on line N of the body (after a short import header). Octave rules
that plain Python would get wrong go through helpers of :mod:`octakd.port.runtime` that carry
Octave's own functional names (``colon``, ``mtimes``, ``horzcat``...), and anything the
translator cannot render faithfully raises :class:`PortError` with ``file:line:col``.

Names are resolved in script order: a name assigned earlier (or anywhere in an enclosing loop)
is a variable, so ``v(2)`` is an index; otherwise it must be a supported function or constant.
"""
import keyword
import os
import sys
import types

from . import parser as P
from .emit_text import char_negation, char_operation, check_text_call
from .errors import PortError, combine
from .loadvars import expand_loads
from .functions import FunctionEmitter, FunctionPath, is_function_file
from .emit_containers import ContainerEmitter
from .emit_handles import HANDLE_NODES, HandleEmitter
from .emit_flow import FLOW_NODES, FlowEmitter, catch_names, octave_column
from .emit_vars import ExistEmitter, SpreadEmitter, VariableEmitter
from .parse_flow import flow_bodies, flow_exprs
from .lexer import split_lines
from .source import latin1_byte, read_source, write_output
from .runtime import __all__ as RUNTIME_NAMES, FUNCTIONS as RUNTIME_FUNCTIONS
from .runtime import MULTI_OUTPUT as RUNTIME_MULTI_OUTPUT, RENAMED as RUNTIME_RENAMED
from .runtime.functions import ScriptReturn
from .runtime import calltrace

# The seed's functions and the rest of octakd's flat API: passed through unchanged.
OCTAKD_FUNCTIONS = {
    "image_input_layer", "conv2d_layer", "relu_layer", "max_pool2d_layer", "text_input_layer",
    "dense_layer", "dropout_layer", "audio_input_layer", "concatenate_layer", "softmax_layer",
    "new_network", "train_model", "calculate_distillation_loss", "optimize_model", "predict",
    "evaluate", "save_model", "load_model", "imread", "audioread", "imresize",
}
# Arguments (0-based) of octakd functions that take a list: a bracket there is a Python list.
LIST_ARGUMENTS = {
    "concatenate_layer": (0,), "train_model": (0,), "calculate_distillation_loss": (2,),
    "optimize_model": (2,), "predict": (1,), "evaluate": (1,),
}
VOID = {"save_model"}
CONSTANTS = {"pi": "pi", "Inf": "inf", "inf": "inf", "NaN": "nan", "nan": "nan", "eps": "eps",
             "true": "True", "false": "False", "stdout": "stdout", "stderr": "stderr",
             "i": "1j", "j": "1j", "I": "1j", "J": "1j"}
RUNTIME_CONSTANTS = {"pi", "inf", "nan", "eps", "stdout", "stderr"}
NOOP_NAMES = {"clc"}
CONSTANT_ARRAYS = {"NaN", "nan", "Inf", "inf", "pi", "true", "false", "eps"}
MULTI_OUTPUT = RUNTIME_MULTI_OUTPUT
# Helpers the emitter writes on its own (it also writes Python's own ``bool``).
IMPLICIT = {"index", "assign_index", "end_index", "colon", "irange", "columns", "mat", "horzcat",
            "vertcat", "horzcat_or_list", "mtimes", "mrdivide", "mldivide", "mpower",
            "transpose", "ctranspose", "istrue", "logical_not", "logical_and", "logical_or",
            "display", "numel", "size", "bool", "np", "print", "do_string_escapes",
            "rdivide", "power", "value_or_none", "brace", "brace_list", "field", "field_list",
            "assign_path", "path_end", "cell_literal", "display_list", "held_template",
            "first_of", "char_codes", "first_n", "delete_elements", "DELETED",
            "constant_array"}
# Names a user variable must never take in the Python: keywords, and every name the emitted code
# may use on its own (the runtime's helpers, octakd's API, the constants' Python spellings).
RESERVED = (set(keyword.kwlist) | {"True", "False", "None"} | IMPLICIT | set(RUNTIME_NAMES)
            | set(CONSTANTS.values()) | OCTAKD_FUNCTIONS)
CODING_LINE = "# -*- coding: utf-8 -*-"
# CPython refuses more than 200 nested brackets in a line; keep a margin.
MAX_PYTHON_NESTING = 180
_CMP = {"==": "==", "~=": "!=", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}

# Python precedence levels used to decide parentheses.
ATOM, POW, UNARY, MUL, ADD, CMP, NOT, AND, OR = 100, 90, 80, 70, 60, 40, 30, 20, 10


def comment_text(text):
    """Source text made safe to stand after ``#`` in the emitted Python.

    Every character that is not printable (line and paragraph separators, control characters,
    NUL, bidirectional overrides, no-break spaces...) is written as its Python escape, as ``repr``
    writes it, so a comment can neither end its Python line nor hide what the line says. The
    lexer already ends lines where Octave does (``\\n``, ``\\r``, ``\\r\\n``), which are also
    the only line ends of Python. A byte of a file that was not UTF-8 is shown as Latin-1.
    """
    out = []
    for ch in text:
        ch = latin1_byte(ch) or ch
        out.append(ch if ch.isprintable() or ch == "\t" else repr(ch)[1:-1])
    return "".join(out)


def bracket_depth(code):
    """The deepest nesting of ``( [ {`` in one emitted line, outside its string literals.

    Emitted strings come from ``repr``, so a quote ends one unless a backslash escapes it.
    """
    depth = deepest = 0
    quote = None
    i = 0
    while i < len(code):
        ch = code[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "#":
            break
        elif ch in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")]}":
            depth -= 1
        i += 1
    return deepest


def check_compiles(body, filename):
    """Compile the emitted body; a failure becomes a :class:`PortError` instead of bad output.

    The limits of :mod:`octakd.port.parser` keep real and crafted scripts far from CPython's own
    limits, so this is a last guarantee that ``octakd port`` never prints Python that does not
    compile.
    """
    try:
        compile("\n".join(body) + "\n", "<octakd port>", "exec", dont_inherit=True)
    except SyntaxError as exc:
        raise PortError(filename, exc.lineno or 1, 1,
                        f"the translation is not valid Python ({exc.msg}); please report this "
                        f"script") from None
    except (RecursionError, MemoryError):
        raise PortError(filename, 1, 1, "the script is nested too deeply for Python to compile "
                                        "it; split long expressions into several statements") from None


def _octakd_names():
    """Names octakd exports, when the package is importable (they are all pass-through)."""
    try:
        import octakd
        return set(getattr(octakd, "__all__", ()))
    except Exception:      # the package may be half-written while porting; use the static list
        return set()


_OPERATOR_NODES = (P.Binary, P.Unary, P.Postfix)


def _operator_children(node):
    return [node.left, node.right] if isinstance(node, P.Binary) else [node.operand]


def _indexed_kind(value_kind):
    """The kind an indexed assignment gives its variable: a string stays one when a string is
    stored into it; anything else is a numeric array (None: not known yet)."""
    return value_kind if value_kind in ("str", None) else "num"


def _join(a, b):
    if a is None:
        return b
    if b is None or a == b:
        return a
    if {a, b} == {"scalar", "num"}:
        return "num"
    return "unknown"


class Emitter(FlowEmitter, FunctionEmitter, HandleEmitter, ContainerEmitter, VariableEmitter,
              ExistEmitter, SpreadEmitter):
    """Turns a statement list into Python lines; see :func:`port_source`."""

    def __init__(self, filename):
        self.filename = filename
        self.functions = OCTAKD_FUNCTIONS | (_octakd_names() - set(RUNTIME_NAMES))
        self.reserved = RESERVED | self.functions
        self.used = set()               # runtime names to import
        self.defined = set()            # Octave names known to be variables here
        self.sure = set()               # ... and assigned on every path to this point
        self.depth = 0                  # blocks (if/for/while/...) around this statement
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
        self.script_globals, self.script_names = set(), set()

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

    # ------------------------------------------------------------------------- analysis
    def analyse(self, stmts, preassigned=()):
        """Collect the kind (scalar, num, str, other, unknown) of every assigned variable."""
        assigns = [(name, "unknown") for name in preassigned]
        variables = self.assigned_in(stmts) | set(preassigned)

        def walk(body):
            for s in body:
                if isinstance(s, P.Assign):
                    if isinstance(s.target, P.Name):
                        value = s.expr if s.op is None else P.Binary(s.line, s.col, s.op, s.target, s.expr)
                        assigns.append((s.target.name, value))
                    elif isinstance(s.target, P.Chain) or isinstance(s.expr, (P.CellLit, P.Chain)):
                        assigns.append((s.target.name, "unknown"))     # a cell or struct
                    else:                     # s(1) = 'H' keeps a string a string
                        assigns.append((s.target.name, ("indexed", s.expr)))
                elif isinstance(s, P.MultiAssign):
                    for t in s.targets:
                        if t.name == "~":
                            continue
                        user = s.expr.name in variables or self.user_function(s.expr.name) \
                            or s.expr.name in ("feval", "call_handle", "deal", "cellfun") \
                            or self.is_cs_list(s.expr)                  # f(x), f a handle
                        assigns.append((t.name, "unknown" if user else
                                        "scalar" if s.expr.name == "size" else "num"))
                elif isinstance(s, P.For):
                    assigns.append((s.var, "scalar" if isinstance(s.expr, P.Range) else "unknown"))
                    walk(s.body)
                elif isinstance(s, P.While):
                    walk(s.body)
                elif isinstance(s, P.If):
                    for c in s.clauses:
                        walk(c.body)
                elif isinstance(s, P.ExprStmt):
                    assigns.append(("ans", s.expr))
                elif isinstance(s, P.Declare):     # any other function may assign it
                    assigns.extend((n.name, "unknown") for n in s.names)
                elif isinstance(s, FLOW_NODES):
                    if isinstance(s, P.Try) and s.ident:
                        assigns.append((s.ident, "error"))
                    for body in flow_bodies(s):
                        walk(body)
        walk(stmts)
        self.assigned = {name for name, _ in assigns}
        self.analysing = True
        for _ in range(8):
            kinds = {}
            for name, value in assigns:
                k = value if isinstance(value, str) else \
                    _indexed_kind(self.kind(value[1])) if isinstance(value, tuple) else self.kind(value)
                kinds[name] = _join(kinds.get(name), k)
            if kinds == self.kinds:
                break
            self.kinds = kinds
        self.analysing = False
        self.kinds = {name: k or "unknown" for name, k in self.kinds.items()}

    def kind(self, node):
        """The static kind of an expression's value, as far as the translator can tell.

        Operator chains are walked with an explicit stack (post-order), not by recursion.
        """
        if not isinstance(node, _OPERATOR_NODES):
            return self._operand_kind(node)
        done = {}
        stack = [node]
        while stack:
            n = stack[-1]
            kids = _operator_children(n)
            todo = [c for c in kids if isinstance(c, _OPERATOR_NODES) and id(c) not in done]
            if todo:
                stack.extend(todo)
                continue
            stack.pop()
            kinds = [done[id(c)] if id(c) in done else self._operand_kind(c) for c in kids]
            done[id(n)] = self._operator_kind(n, kinds)
        return done[id(node)]

    @staticmethod
    def _operator_kind(node, kinds):
        """The kind of a Binary, Unary or Postfix node from the kinds of its operands."""
        if isinstance(node, P.Binary):
            a, b = kinds
            if node.op in ("&&", "||"):
                return "scalar"
            if a is None or b is None:
                return a or b
            if a == b == "scalar":
                return "scalar"
            if a in ("scalar", "num") and b in ("scalar", "num"):
                return "num"
            return "unknown"
        k = kinds[0]
        return k if k in ("scalar", "num", None) else "unknown"

    def _operand_kind(self, node):
        """The kind of any node that is not an operator."""
        if isinstance(node, P.Num):
            return "scalar"
        if isinstance(node, P.Str):
            return "str"
        if isinstance(node, P.Name):
            if node.name in self.assigned:
                # None ("not known yet") while the analysis iterates to its fixed point
                return self.kinds.get(node.name) if self.analysing else self.kinds.get(node.name, "unknown")
            if node.name in CONSTANTS:
                return "scalar"
            return self.call_kind(node.name, [])
        if isinstance(node, P.Apply):
            if node.name in self.assigned:
                base = self.kinds.get(node.name) if self.analysing else self.kinds.get(node.name, "unknown")
                if base is None:
                    return None
                if base == "str":
                    return "str"
                if base in ("scalar", "num") and all(self.kind(a) == "scalar" for a in node.args):
                    return "scalar"
                return "num" if base in ("scalar", "num") else "unknown"
            return self.call_kind(node.name, node.args)
        if isinstance(node, (P.End,)):
            return "scalar"
        if isinstance(node, HANDLE_NODES):
            return "handle"
        if isinstance(node, _OPERATOR_NODES):
            return self.kind(node)
        if isinstance(node, P.Range):
            return "num"
        if isinstance(node, P.Matrix):
            if not node.rows:
                return "num"
            if len(node.rows) == 1 and len(node.rows[0]) == 1:
                return self.kind(node.rows[0][0])
            if self._literal_matrix(node):
                return "num"
            if all(self.kind(x) == "str" for row in node.rows for x in row):
                return "str"                           # a char row or char matrix
            return "unknown"
        return "unknown"

    def call_kind(self, name, args):
        if self.user_function(name) is not None:
            return "unknown"
        k = RUNTIME_FUNCTIONS.get(name)
        if k == "same":
            first = self.kind(args[0]) if args else "num"     # once: nested calls stay linear
            return first if first in ("scalar", "num", None) else "num"
        if name == "size" and len(args) == 2:
            return "scalar"
        if k in ("num", "scalar", "str", "handle"):
            return k
        if name in self.functions:
            return "other"
        return "unknown"

    # ------------------------------------------------------------------------- statements
    def emit_body(self, body, indent, opener_line):
        """Emit a block; an empty one gets ``pass`` on the opener's line."""
        if not any(not isinstance(s, P.Comment) for s in body):
            self.add(opener_line, indent, "pass")
        self.depth += 1
        try:
            for s in body:
                self.emit_stmt(s, indent)
        finally:
            self.depth -= 1

    def note_assigned(self, names):
        """Record assignments: ``defined`` always, ``sure`` only outside any block."""
        self.defined.update(names)
        if self.depth == 0:
            self.sure.update(names)

    def emit_stmt(self, s, indent):
        """Emit one statement; a refusal is recorded, and the next statement is emitted."""
        outer, self.statement = self.statement, s
        try:
            self._emit_stmt(s, indent)
        except PortError as exc:
            self.errors.append(exc)
            self.defined |= self.assigned_in([s])     # no second refusal for each later use
        finally:
            self.statement = outer

    def _emit_stmt(self, s, indent):
        if isinstance(s, P.Comment):
            self.emit_comment(s, indent)
        elif isinstance(s, P.Assign) and s.increment:
            self.emit_increment(s, indent)
        elif isinstance(s, P.Assign):
            self.emit_assign(s, indent)
        elif isinstance(s, P.MultiAssign):
            self.emit_multi(s, indent)
        elif isinstance(s, P.ExprStmt):
            self.emit_exprstmt(s, indent)
        elif isinstance(s, P.For):
            self.emit_for(s, indent)
        elif isinstance(s, P.While):
            for name in self.assigned_in(s.body):
                self.defined.add(name)
            self.add(s.line, indent, f"while {self.cond(s.cond)}:", self.header_kind(s, s.body))
            self.emit_body(s.body, indent + 1, s.line)
        elif isinstance(s, P.If):
            for k, clause in enumerate(s.clauses):
                if clause.cond is None:
                    head = "else:"
                else:
                    head = f"{'if' if k == 0 else 'elif'} {self.cond(clause.cond)}:"
                self.add(clause.line, indent, head,
                         self.header_kind(s, clause.body) if len(s.clauses) == 1 else "header")
                self.emit_body(clause.body, indent + 1, clause.line)
        elif isinstance(s, P.Jump) and s.word == "return":
            self.emit_return(s, indent)
        elif isinstance(s, P.Jump):
            self.add(s.line, indent, s.word)
        elif isinstance(s, P.Function):
            self.emit_function(s, indent)
        elif isinstance(s, P.Command):
            self.emit_command(s, s.text, indent)
        elif isinstance(s, P.Declare):
            self.emit_declare(s, indent)
        elif isinstance(s, FLOW_NODES):
            self.emit_flow(s, indent)
        else:                                   # pragma: no cover - parser produces no others
            self.error(s, f"unsupported statement {type(s).__name__}")

    def emit_comment(self, s, indent):
        body = comment_text(s.text)
        if s.block:
            self.add(s.line, indent, "#" + (" " + body.strip(" \t") if body.strip(" \t") else ""), "comment")
        else:
            text = "#" + body if body.startswith(" ") or not body else "# " + body
            self.add(s.line, indent, text.rstrip(" \t"), "trailing" if s.trailing else "comment")

    def emit_command(self, s, text, indent):
        if text.split()[0] in ("clear", "clearvars") and self.defined:
            self.error(s, "'clear' after variables were assigned is not supported")
        self.add(s.line, indent, f"pass  # {comment_text(text)}")

    def assigned_in(self, body):
        names = set()
        for s in body:
            if isinstance(s, P.Assign):
                names.add(s.target.name)
            elif isinstance(s, P.MultiAssign):
                names.update(t.name for t in s.targets)
            elif isinstance(s, P.Declare):
                names.update(n.name for n in s.names)
            elif isinstance(s, P.For):
                names.add(s.var)
                names |= self.assigned_in(s.body)
            elif isinstance(s, P.While):
                names |= self.assigned_in(s.body)
            elif isinstance(s, P.If):
                for c in s.clauses:
                    names |= self.assigned_in(c.body)
            elif isinstance(s, FLOW_NODES):
                if isinstance(s, P.Try) and s.ident:
                    names.add(s.ident)
                for body in flow_bodies(s):
                    names |= self.assigned_in(body)
            if not isinstance(s, P.Function):   # (x = value) inside the statement's expressions
                names.update(n.name for n in P.walk(s) if isinstance(n, P.AssignExpr))
        return names

    def show(self, name):
        return f"{self.runtime('display')}({name!r}, {self.pyname(name)})"

    def emit_assign(self, s, indent):
        target = s.target
        if isinstance(target, P.Chain):
            return self.emit_chain_assign(s, indent)
        if isinstance(target, P.Name):
            value = s.expr if s.op is None else P.Binary(s.line, s.col, s.op, target, s.expr)
            if target.name in CONSTANTS and target.name not in self.defined:
                pass       # assigning shadows the constant, as in Octave
            text = f"{self.pyname(target.name)} = {self.value_text(value)}"
            self.note_assigned([target.name])
            name = target.name
        else:
            name = target.name
            deleting = isinstance(s.expr, P.Matrix) and not s.expr.rows
            if deleting and (s.op is not None or name not in self.defined):
                self.error(s.expr, "deleting elements (x(i) = []) of a variable not assigned "
                                   "before is not supported")
            var = self.pyname(name)
            value = s.expr if s.op is None else P.Binary(s.line, s.col, s.op, target, s.expr)
            subs = self.subscripts(target, var if name in self.defined else None)
            rhs = self.expr(value)[0]
            current = var if name in self.sure else "None"
            if name in self.defined and name not in self.sure:
                # Assigned on some paths only (a branch, or later in a loop): Octave creates the
                # variable when the first indexed assignment finds none.
                current = f"{self.runtime('value_or_none')}(lambda: {var})"
            fn = self.runtime("delete_elements" if deleting else "assign_index")
            rhs = "" if deleting else ", " + rhs
            text = f"{var} = {fn}({current}, ({subs}{',' if len(target.args) == 1 else ''}){rhs})"
            self.note_assigned([name])
        if s.display:
            text += "; " + self.show(name)
        self.add(s.line, indent, text)

    def emit_multi(self, s, indent):
        if isinstance(s.targets[0], P.Chain):
            return self.emit_spread(s, indent)  # [varargout{1:nargout}] = f(x)
        expr = self.literal_feval(s.expr)       # [a, b] = feval('f', x) is [a, b] = f(x)
        names = [t.name for t in s.targets]
        targets = ", ".join(self.pyname(t) if t != "~" else "_" for t in names)
        if self.is_cs_list(expr):
            return self.emit_cs_list_multi(s, indent)       # [a, b] = c{:}
        if isinstance(expr, P.Apply) and expr.name in self.defined:
            return self.emit_handle_multi(s, indent)        # [a, b] = f(x), f a handle
        f = isinstance(expr, (P.Apply, P.Name)) and expr.name not in self.defined and \
            self.user_function(expr.name)
        if f:
            args = expr.args if isinstance(expr, P.Apply) else []
            text = f"{targets} = {self.user_call(expr, f, args, len(names))}"
            self.note_call(f)
            names = [t for t in names if t != "~"]
            self.note_assigned(names)
            if s.display:
                text += "; " + "; ".join(self.show(t) for t in names)
            return self.add(s.line, indent, text)
        if isinstance(expr, P.Apply) and expr.name == "eval" and "eval" not in self.defined:
            text = f"{targets} = {self.computed_eval(expr, len(names))}"   # [a, b] = eval(t)
            names = [t for t in names if t != "~"]
            self.note_assigned(names)
            if s.display:
                text += "; " + "; ".join(self.show(t) for t in names)
            return self.add(s.line, indent, text)
        if not (isinstance(expr, P.Apply) and expr.name in MULTI_OUTPUT and expr.name not in self.defined):
            self.error(s, "multiple return values are only supported for size, max and min")
        args = ", ".join(self.arg_text(a, None) for a in expr.args)
        n = len(s.targets)
        text = f"{targets} = {self.runtime(expr.name)}({args}, nargout={n})"
        names = [t for t in names if t != "~"]
        self.note_assigned(names)
        if s.display:
            text += "; " + "; ".join(self.show(t) for t in names)
        self.add(s.line, indent, text)

    def computed_eval(self, node, nargout):
        """``eval(text)`` with text computed at run time, as a value: the runtime runs it only
        when it is a call of names (``feval(f, X, P1)``; runtime/evalcall.py), with this scope's
        variables, passed as ``locals()`` and the map of their Octave names."""
        if len(node.args) != 1:
            self.error(node, "eval with text computed at run time takes one text here (the "
                             "two-text form needs literal texts)")
        text = self.expr(node.args[0])[0]
        names = ", ".join(f"{n!r}: {self.pyname(n)!r}" for n in sorted(self.defined))
        return f"{self.runtime('eval_call')}({text}, locals(), {{{names}}}, nargout={nargout})"

    def emit_exprstmt(self, s, indent):
        e = s.expr
        if isinstance(e, P.Apply) and e.name == "eval" and "eval" not in self.defined:
            self.error(e, "eval of text computed at run time is supported only as a value, "
                          "'[a, b] = eval(text)' or 'v = eval(text)' of a call such as "
                          "'feval(f, X)' (octakd translates other code only when it is "
                          "written literally in the script: eval('x = 1'))")
        if isinstance(e, P.Name) and e.name not in self.defined and e.name in NOOP_NAMES | {"clear", "clearvars"}:
            return self.emit_command(s, e.name, indent)
        if isinstance(e, P.Name) and e.name in self.defined:
            text = self.show(e.name) if s.display else self.pyname(e.name)
            return self.add(s.line, indent, text)
        if self.is_cs_list(e):
            return self.emit_cs_list_statement(s, indent)
        if isinstance(e, P.Apply) and e.name == "addpath" and "addpath" not in self.defined and \
                self.user_function("addpath") is None:
            return self.emit_addpath(s, e, indent)
        call = None
        if isinstance(e, (P.Apply, P.Name)) and e.name not in self.defined:
            call = e.name
        f = call and self.special_name(e) is None and self.user_function(call)
        if f:
            text = self.user_call(e, f, e.args if isinstance(e, P.Apply) else [], nargout=0)
            self.note_call(f)
        else:
            text = self.expr(e)[0]
        if call and (RUNTIME_FUNCTIONS.get(call) == "void" or call in VOID):
            if call in RUNTIME_FUNCTIONS and call in MULTI_OUTPUT:   # toc prints when nargout=0
                text = text[:-1] + (", " if not text.endswith("()") else "") + "nargout=0)"
            return self.add(s.line, indent, text)
        if s.display or self.uses_ans:
            text = f"ans = {text}"
            self.note_assigned(["ans"])
            if s.display:
                text += "; " + self.show("ans")
        self.add(s.line, indent, text)

    def emit_for(self, s, indent):
        for name in self.assigned_in(s.body) | {s.var}:
            self.defined.add(name)
        var = self.pyname(s.var)
        if isinstance(s.expr, P.Range):
            parts = [s.expr.start] + ([s.expr.step] if s.expr.step else []) + [s.expr.stop]
            seq = f"{self.runtime('irange')}({', '.join(self.expr(p)[0] for p in parts)})"
        else:
            seq = f"{self.runtime('columns')}({self.expr(s.expr)[0]})"
        self.add(s.line, indent, f"for {var} in {seq}:", self.header_kind(s, s.body))
        self.emit_body(s.body, indent + 1, s.line)

    def header_kind(self, s, body):
        """"header1" for a block that opens and ends on one line with simple statements only."""
        simple = all(isinstance(b, (P.Assign, P.ExprStmt, P.MultiAssign, P.Jump, P.Command)) or
                     isinstance(b, P.Comment) and b.trailing for b in body)
        return "header1" if s.end_line == s.line and simple and body else "header"

    def cond(self, node):
        """A condition for ``if``/``while``: plain when scalar, else through ``istrue``."""
        text, prec = self.expr(node, cond=True)
        if self.kind(node) == "scalar":
            return text
        return f"{self.runtime('istrue')}({text})"

    # ------------------------------------------------------------------------- expressions
    def expr(self, node, cond=False, end=None):
        """Return (python text, precedence) for an expression node.

        The ``x_`` methods of operators are generators: they ``yield (child, cond, end)`` and get
        the child's (text, precedence) back. This loop runs them on an explicit stack, so a long
        chain of operators costs no Python recursion.
        """
        stack = [self._emit_node(node, cond, end)]
        value = None
        while stack:
            try:
                request = stack[-1].send(value)
            except StopIteration as finished:
                stack.pop()
                value = finished.value
                continue
            stack.append(self._emit_node(*request))
            value = None
        return value

    def _emit_node(self, node, cond, end):
        result = getattr(self, "x_" + type(node).__name__)(node, cond, end)
        if isinstance(result, types.GeneratorType):
            result = yield from result
        return result

    def sub(self, node, level, end, cond=False, strict=False):
        """(generator) The text of ``node``, parenthesised if it binds looser than ``level``."""
        text, prec = yield node, cond, end
        if prec < level or (strict and prec == level):
            return f"({text})"
        return text

    def x_Num(self, node, cond, end):
        """A number literal; an overflowing one (``1d999``) is written ``1e999``, Python's inf."""
        text = node.text
        value = node.value
        if isinstance(value, int) and value == 0 and text[:2].lower() != "0x":
            text = "0.0"             # a double zero, so that -x of x = 0 is Octave's -0
        elif isinstance(value, int):
            text = text if text[:2].lower() == "0x" else str(value)
        elif isinstance(value, complex):
            text = repr(value)
        elif value == float("inf"):
            text = "1e999"
        elif "d" in text.lower() or not any(c in text for c in ".eE"):
            text = repr(value)       # 1d3, or a long integer the lexer made a double
        return text, ATOM

    def x_Str(self, node, cond, end):
        return repr(node.value), ATOM

    def x_AssignExpr(self, node, cond, end):
        """``(x = value)`` inside an expression: Python's ``(x := value)``. Octave assigns and
        the expression has the value; nothing is shown."""
        value, _ = yield node.value, False, end
        self.note_assigned([node.name])
        return f"({self.pyname(node.name)} := {value})", ATOM

    def x_Name(self, node, cond, end):
        name = node.name
        if name in self.defined:
            return self.pyname(name), ATOM
        special = self.special_name(node)
        if special:
            return special, ATOM
        f = self.user_function(name)
        if f:
            self.note_call(f)
            return self.user_call(node, f, []), ATOM
        if name in CONSTANTS:
            value = CONSTANTS[name]
            if value in RUNTIME_CONSTANTS:
                self.runtime(value)
            return value, ATOM
        if name in RUNTIME_FUNCTIONS or name in self.functions:
            return self.call(node, name, []), ATOM
        self.undefined(node, name)

    def undefined(self, node, name):
        if name in self.assigned:
            self.error(node, f"'{name}' is used before it is assigned")
        self.error(node, f"'{name}' is undefined: not a variable assigned earlier, nor a supported "
                         f"function" + (" (define it, e.g. labels = 3;)" if name == "labels" else ""))

    def x_Apply(self, node, cond, end):
        name = node.name
        if name in self.defined:
            if self.is_handle(name):
                return self.handle_call(node), ATOM
            var = self.pyname(name)
            return f"{self.runtime('index')}({var}, {self.subscripts(node, var)})", ATOM
        literal = self.literal_function_call(node)
        if literal is not None:
            return literal, ATOM
        if name == "print_usage" and self.user_function(name) is None:
            return self.print_usage_call(node), ATOM
        if name == "exist" and self.user_function(name) is None:
            literal = self.exist_call(node)
            if literal is not None:
                return literal, ATOM
        f = self.user_function(name)
        if f:
            self.note_call(f)
            return self.user_call(node, f, node.args), ATOM
        if name in CONSTANTS and name in CONSTANT_ARRAYS:       # NaN(2, 3), true(n, 1), eps(x)
            args = ", ".join([repr(name)] + [self.expr(a)[0] for a in node.args])
            return f"{self.runtime('constant_array')}({args})", ATOM
        if name in CONSTANTS:
            self.error(node, f"calling the constant '{name}' with arguments is not supported")
        if name in RUNTIME_FUNCTIONS or name in self.functions:
            return self.call(node, name, node.args, end), ATOM
        self.undefined(node, name) if not node.args else None
        if name in self.assigned:
            self.error(node, f"'{name}' is used before it is assigned")
        if name == "eval":                  # v = eval(text): a call, checked at run time
            return self.computed_eval(node, 1), ATOM
        if name == "isargout":
            self.error(node, "isargout is not supported (a translated call tells a function how "
                             "many outputs are asked, not which of them '~' ignores)")
        if name in ("MException", "throw", "getReport"):
            self.error(node, f"'{name}' does not exist in GNU Octave 7.3 (Octave: '{name}' "
                             f"undefined); use error(id, template, ...) and rethrow(err)")
        self.error(node, f"the function '{name}' is not supported (no {name}.m beside the script "
                         f"or in a --path folder, and not a built-in octakd translates)")

    def x_IndexValue(self, node, cond, end):
        """``f(x)(k)``: the runtime's indexing of the call's value (``end`` is refused there,
        it would need the value twice)."""
        for arg in node.args:
            if self._has_end(arg):
                self.error(arg, "'end' in an index of a call's result is not supported "
                                "(assign the result to a variable first)")
        self.check_spread(node.args)
        base = (yield node.base, False, end)[0]
        subs = ", ".join("':'" if isinstance(a, P.ColonAll) else self.arg_text(a, None)
                         for a in node.args)
        return f"{self.runtime('index')}({base}, {subs})", ATOM

    def x_CommandCall(self, node, cond, end):
        """Command syntax ``hold on``: the call ``hold('on')``; a variable cannot take words."""
        if node.name in self.defined:
            self.error(node, f"'{node.name}' is a variable: command syntax needs a function")
        return self.x_Apply(node, cond, end)

    def subscripts(self, node, var):
        n = len(node.args)
        out = []
        for k, arg in enumerate(node.args, start=1):
            if isinstance(arg, P.ColonAll):
                out.append("':'")
                continue
            if var is None and self._has_end(arg):
                self.error(arg, f"'end' used to index '{node.name}' before it is assigned")
            if n == 1:
                end_text = f"{self.runtime('numel')}({var})"
            elif k < n:
                end_text = f"{self.runtime('size')}({var}, {k})"
            else:
                end_text = f"{self.runtime('end_index')}({var}, {k}, {n})"
            out.append(self.arg_text(arg, end_text))
        self.check_spread(node.args)
        return ", ".join(out)

    def _has_end(self, node):
        return any(isinstance(n, P.End) for n in P.walk(node))

    def call(self, node, name, args, end=None):
        special = self.flow_call(node, name, args, end)
        if special is not None:
            return special
        check_text_call(self, node, name, args)
        if name == "display" and len(args) == 1 and "display" not in self.defined:
            return self.display_call(node, args[0], end)
        if keyword.iskeyword(name):       # class(x): the runtime spells it octave_class
            name = "octave_" + name
        if name in RUNTIME_FUNCTIONS or name.removeprefix("octave_") in RUNTIME_FUNCTIONS:
            name = self.runtime(RUNTIME_RENAMED.get(name, name))
        listed = LIST_ARGUMENTS.get(name, ())
        texts = []
        for k, arg in enumerate(args):
            if isinstance(arg, P.ColonAll):
                self.error(arg, f"':' is not a valid argument of {name}")
            if k in listed and isinstance(arg, P.Matrix) and len(arg.rows) == 1:
                texts.append("[" + ", ".join(self.expr(x, False, end)[0] for x in arg.rows[0]) + "]")
            elif name == "fprintf" and k <= 1 and isinstance(args[0], P.Chain) and \
                    isinstance(arg, P.Chain):   # fprintf(c{1}, ...): a fid or a template
                texts.append(self.format_arg(arg, end))
            elif k == 0 and name in ("printf", "sprintf") or \
                    name == "fprintf" and (k == 0 and not self._is_fid(args[0]) or k == 1 and self._is_fid(args[0])):
                texts.append(self.format_arg(arg, end))
            else:
                texts.append(self.arg_text(arg, end))
        if name == "celldisp" and len(args) == 1 and isinstance(args[0], P.Name):
            texts.append(repr(args[0].name))      # Octave's inputname(1)
        return f"{name}({', '.join(texts)})"

    def display_call(self, node, arg, end):
        """``display(x)``: Octave shows a named argument as ``x = ...`` (the name as written, even
        of a function such as ``pi``), and any other expression as ``disp`` would."""
        value = self.arg_text(arg, end)
        if isinstance(arg, P.Name):
            return f"{self.runtime('display')}({arg.name!r}, {value})"
        return f"{self.runtime('disp')}({value})"

    def _is_fid(self, arg):
        return not (isinstance(arg, P.Str) or self.kind(arg) == "str")

    def format_arg(self, arg, end):
        """A printf template: Octave expands escapes of single-quoted templates itself."""
        if isinstance(arg, P.Str):
            if arg.quote == "'":
                from .runtime import do_string_escapes
                return repr(do_string_escapes(arg.value))
            return repr(arg.value)
        text = self.expr(arg, False, end)[0]
        if isinstance(arg, P.Chain):        # c{k}, s.fmt: the quote of the string is unknown
            return f"{self.runtime('held_template')}({text})"
        if isinstance(arg, P.Name) and self.kinds.get(arg.name) == "str" and self._single_quoted(arg.name):
            return f"{self.runtime('do_string_escapes')}({text})"
        if isinstance(arg, P.Matrix) and any(self._sq_text(x) for row in arg.rows for x in row):
            # Octave: joining a single-quoted string gives a single-quoted one, whose escapes
            # printf expands (``fprintf(['x = %d' '\n'], 1)`` ends with a newline)
            return f"{self.runtime('do_string_escapes')}({text})"
        return text

    def _sq_text(self, node):
        """Is ``node`` a single-quoted string literal, or a name only ever assigned one?"""
        if isinstance(node, P.Str):
            return node.quote == "'"
        return isinstance(node, P.Name) and self.kinds.get(node.name) == "str" and \
            self._single_quoted(node.name)

    def _single_quoted(self, name):
        return name in self.sq_names

    def x_End(self, node, cond, end):
        if end is None:
            self.error(node, "'end' is only supported inside the index of a variable")
        return end, ATOM

    def x_ColonAll(self, node, cond, end):
        self.error(node, "a bare ':' is only allowed as an index")

    def x_Binary(self, node, cond, end):
        node = self.codes_operands(node)
        op = node.op
        kl, kr = self.kind(node.left), self.kind(node.right)
        sub = self.sub
        if op in ("&&", "||"):
            word, level = ("and", AND) if op == "&&" else ("or", OR)
            left = yield from self.logical_operand(node.left, level, end)
            right = yield from self.logical_operand(node.right, level, end, strict=True)
            text = f"{left} {word} {right}"
            return (text, level) if cond else (f"bool({text})", ATOM)
        if "str" in (kl, kr):                 # on the character codes, as Octave
            return (yield from char_operation(self, node, end)), ATOM
        if op in ("&", "|"):
            if cond and kl == kr == "scalar":
                word, level = ("and", AND) if op == "&" else ("or", OR)
                left = yield from sub(node.left, level, end, cond)
                right = yield from sub(node.right, level, end, cond, True)
                return f"{left} {word} {right}", level
            fn = self.runtime("logical_and" if op == "&" else "logical_or")
            left = (yield node.left, False, end)[0]
            right = (yield node.right, False, end)[0]
            return f"{fn}({left}, {right})", ATOM
        if op in _CMP:
            left = yield from sub(node.left, CMP, end, strict=True)
            right = yield from sub(node.right, CMP, end, strict=True)
            return f"{left} {_CMP[op]} {right}", CMP
        scalar_l, scalar_r = kl == "scalar", kr == "scalar"
        if op in ("+", "-"):
            left = yield from sub(node.left, ADD, end)
            right = yield from sub(node.right, ADD, end, strict=True)
            return f"{left} {op} {right}", ADD
        if op == ".*" and scalar_l != scalar_r:           # eye(2) .* 2 is full in Octave
            fn = self.runtime("times")
            left = (yield node.left, False, end)[0]
            right = (yield node.right, False, end)[0]
            return f"{fn}({left}, {right})", ATOM
        if op == ".*" or (op == "*" and (scalar_l or scalar_r)):
            left = yield from sub(node.left, MUL, end)
            right = yield from sub(node.right, MUL, end, strict=True)
            return f"{left} * {right}", MUL
        if op in ("./", ".\\") or (op == "/" and scalar_r):
            num, den = (node.right, node.left) if op == ".\\" else (node.left, node.right)
            if isinstance(den, P.Num) and den.value != 0:     # Python's "/" cannot divide by 0
                left = yield from sub(num, MUL, end)
                right = yield from sub(den, MUL, end, strict=True)
                return f"{left} / {right}", MUL
            fn = self.runtime("rdivide")
            left = (yield num, False, end)[0]
            right = (yield den, False, end)[0]
            return f"{fn}({left}, {right})", ATOM
        if op == ".^" or (op == "^" and scalar_l and scalar_r):
            # x ** 2 squares (NumPy and Octave alike: a*a) and a scalar's "**" is C's pow, as
            # Octave's; other powers of arrays are Octave's elem_xpow (a*a*a for 3, libm's pow
            # otherwise, where NumPy's vectorised pow can differ), so they go to power()
            if isinstance(node.right, P.Num) and isinstance(node.right.value, (int, float)) and \
                    0 <= node.right.value <= 64 and (scalar_l or node.right.value in (0, 1, 2)):
                left = yield from sub(node.left, POW, end, strict=True)
                right = yield from sub(node.right, UNARY, end)
                return f"{left} ** {right}", POW
            # Python's "**" raises for 0 ** -1 and builds huge integers: Octave gives Inf
            fn = self.runtime("power")
            left = (yield node.left, False, end)[0]
            right = (yield node.right, False, end)[0]
            return f"{fn}({left}, {right})", ATOM
        fn = self.runtime({"*": "mtimes", "/": "mrdivide", "\\": "mldivide", "^": "mpower"}[op])
        left = (yield node.left, False, end)[0]
        right = (yield node.right, False, end)[0]
        return f"{fn}({left}, {right})", ATOM

    def logical_operand(self, node, level, end, strict=False):
        """(generator) An operand of ``and``/``or``: plain when scalar, else through ``istrue``."""
        if self.kind(node) == "scalar":
            return (yield from self.sub(node, level, end, True, strict))
        text = (yield node, True, end)[0]
        return f"{self.runtime('istrue')}({text})"

    def x_Unary(self, node, cond, end):
        if node.op in ("!", "~"):
            if cond and self.kind(node.operand) == "scalar":
                operand = yield from self.sub(node.operand, NOT, end, cond)
                return f"not {operand}", NOT
            fn = self.runtime("logical_not")
            return f"{fn}({(yield node.operand, False, end)[0]})", ATOM
        if self.kind(node.operand) == "str":
            return (yield from char_negation(self, node, end)), ATOM
        if node.op == "-" and isinstance(node.operand, P.Num) and node.operand.value == 0:
            return "-0.0", UNARY                  # Octave's -0 is a negative zero double
        operand = yield from self.sub(node.operand, UNARY, end)
        return f"{node.op}{operand}", UNARY

    def x_Postfix(self, node, cond, end):
        if self.kind(node.operand) == "scalar" and node.op != "'":   # z' conjugates a complex z
            return (yield node.operand, cond, end)
        fn = self.runtime("ctranspose" if node.op == "'" else "transpose")
        return f"{fn}({(yield node.operand, False, end)[0]})", ATOM

    def x_Range(self, node, cond, end):
        parts = [node.start] + ([node.step] if node.step else []) + [node.stop]
        return f"{self.runtime('colon')}({', '.join(self.expr(p, False, end)[0] for p in parts)})", ATOM

    def _literal_matrix(self, node):
        def literal(x):
            while isinstance(x, P.Unary) and x.op in "+-":
                x = x.operand
            return isinstance(x, P.Num) or (isinstance(x, P.Name) and x.name in
                                            ("pi", "Inf", "inf", "NaN", "nan", "eps")
                                            and x.name not in self.defined)
        widths = {len(r) for r in node.rows}
        return len(widths) == 1 and all(literal(x) for r in node.rows for x in r)

    def x_Matrix(self, node, cond, end):
        rows = node.rows
        if self.has_cs_list(node):
            return self.cs_matrix(node, end)
        if not rows:
            return f"{self.runtime('mat')}([])", ATOM
        if len(rows) == 1 and len(rows[0]) == 1:
            return self.expr(rows[0][0], cond, end)
        if self._literal_matrix(node):
            body = ", ".join("[" + ", ".join(self.expr(x, False, end)[0] for x in r) + "]" for r in rows)
            return f"{self.runtime('mat')}([{body}])", ATOM
        if len(rows) == 1 and all(isinstance(x, P.Name) and x.name in self.defined for x in rows[0]):
            args = ", ".join(self.expr(x, False, end)[0] for x in rows[0])
            return f"{self.runtime('horzcat_or_list')}({args})", ATOM
        row_texts = []
        for r in rows:
            if len(r) == 1:
                row_texts.append(self.expr(r[0], False, end)[0])
            else:
                row_texts.append(f"{self.runtime('horzcat')}({', '.join(self.expr(x, False, end)[0] for x in r)})")
        if len(rows) == 1:
            return row_texts[0], ATOM
        return f"{self.runtime('vertcat')}({', '.join(row_texts)})", ATOM

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

    def names_read(self, stmts):
        names = set()

        def visit(x):
            if isinstance(x, P.Node):
                names.update(n.name for n in P.walk(x) if isinstance(n, (P.Name, P.Apply, P.Chain)))
            elif isinstance(x, list):
                for v in x:
                    visit(v)
        for s in stmts:
            visit(s.expr if isinstance(s, (P.ExprStmt, P.Assign, P.MultiAssign)) else
                  [s.expr, s.body] if isinstance(s, P.For) else [s.cond, s.body] if isinstance(s, P.While)
                  else [[c.cond, c.body] for c in s.clauses] if isinstance(s, P.If)
                  else [flow_exprs(s), flow_bodies(s)] if isinstance(s, FLOW_NODES) else [])
        return names

    def single_quoted_names(self, stmts):
        """Variables only ever assigned single-quoted string literals (printf templates)."""
        sq, other = set(), set()

        def walk(body):
            for s in body:
                if isinstance(s, P.Function):
                    continue
                if isinstance(s, P.Assign) and isinstance(s.target, P.Name):
                    (sq if isinstance(s.expr, P.Str) and s.expr.quote == "'" else other).add(s.target.name)
                for child in ("body",):
                    if hasattr(s, child):
                        walk(getattr(s, child))
                if isinstance(s, P.If):
                    for c in s.clauses:
                        walk(c.body)
                for body in flow_bodies(s):
                    walk(body)
        walk(stmts)
        return sq - other

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
            exec(compile("\n".join(body) + "\n", path, "exec"), namespace)
        except ScriptReturn:                # 'return' at the script's top level
            pass
    finally:
        os.chdir(old)
        sys.stdout.flush()
    return namespace
