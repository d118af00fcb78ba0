"""The emitter's part for cells and structs (a mixin of :class:`~octakd.port.emit.Emitter`).

Reading a chain is a loop over its steps, each wrapping the text so far::

    s.a(2).b        field(index(field(s, 'a'), 2), 'b')
    c{i}            brace(c, i)
    s.(name)        field(s, name)

A chain whose last step is ``{...}`` or ``.name`` may stand for several values (a
comma-separated list): as a call argument or an element of ``[...]`` or ``{...}`` it is
written ``*brace_list(c, ':')`` / ``*field_list(s, 'a')``, so ``fprintf('%s\\n', c{:})`` and
``[s.a]`` pass every value, as in Octave.

Assignment to a chain rebuilds the variable through the runtime's ``assign_path``::

    s.a.b(2) = 5    s = assign_path(s, [('.', 'a'), ('.', 'b'), ('()', (2,))], 5)

``end`` inside a step's subscripts is the end of the value reached so far
(``path_end(s, [steps before], k, n)``), which is 0 when that value does not exist yet, so
``s.list{end+1} = x`` starts a new list.
"""
from dataclasses import dataclass

from . import parser as P
from .emit_common import ATOM


@dataclass
class CharCodes(P.Node):
    """A value read from a cell or struct, as an operand of arithmetic or a comparison: a
    string there is its character codes, as in Octave (``c{1} == 'abc'`` compares codes)."""
    operand: P.Node


class ContainerEmitter:
    """Needs from the host: ``error``, ``runtime``, ``pyname``, ``expr``, ``defined``,
    ``user_function``, ``show``, ``add``."""

    # ------------------------------------------------------------------------- reading
    def is_cs_list(self, node):
        """Can ``node`` stand for several values (``c{...}``, ``s.name``, ``s(i).name``)?"""
        return isinstance(node, P.Chain) and bool(node.steps) and node.steps[-1].kind != "()"

    def chain_base(self, node):
        """The Python name of the variable a chain starts from (it must be a variable)."""
        if node.name not in self.defined:
            if node.name in getattr(self, "assigned", ()):
                self.error(node, f"'{node.name}' is used before it is assigned")
            self.error(node, f"'{node.name}' is not a variable here: indexing the result of a "
                             f"call with '.' or '{{}}' is not supported (assign it to a variable "
                             f"first)")
        return self.pyname(node.name)

    def chain_text(self, node, end, as_list=False):
        """Python for reading ``node``; with ``as_list`` the last step gives a Python list."""
        if node.name == "containers" and node.name not in self.defined:
            text, first = self.new_map(node)
        else:
            text, first = self.chain_base(node), 0
        last = len(node.steps) - 1
        for k, step in enumerate(node.steps):
            if k < first:
                continue
            listed = as_list and k == last
            if step.kind == "()":
                text = f"{self.runtime('index')}({text}, {self.step_subs(step, text)})"
            elif step.kind == "{}":
                fn = self.runtime("brace_list" if listed else "brace")
                subs = self.step_subs(step, text)
                text = f"{fn}({text}{', ' + subs if subs else ''})"
            else:
                fn = self.runtime("field_list" if listed else "field")
                text = f"{fn}({text}, {self.field_name(step, end)})"
        return text

    def new_map(self, node):
        """``containers.Map(args)``: the runtime's constructor call, and the index of the first
        step after it (``containers.Map('a', 1).keys`` goes on from there)."""
        steps = node.steps
        if not steps or steps[0].kind != "." or steps[0].field != "Map":
            self.error(node, "of the 'containers' package only containers.Map is supported")
        if len(steps) > 1 and steps[1].kind == "()":
            if any(isinstance(n, P.End) for a in steps[1].args for n in P.walk(a)):
                self.error(node, "'end' in the arguments of containers.Map has no value")
            args = ", ".join(self.arg_text(a, None) for a in steps[1].args)
            return f"{self.runtime('containers_Map')}({args})", 2
        return f"{self.runtime('containers_Map')}()", 1

    def field_name(self, step, end):
        if step.kind == ".":
            return repr(step.field)
        return self.expr(step.args[0], False, end)[0]

    def step_subs(self, step, value_text, end_of=None):
        """The subscripts of a ``()``/``{}`` step; ``end`` is the end of ``value_text`` (or the
        text ``end_of(k, n)`` gives)."""
        n = len(step.args)
        out = []
        for k, arg in enumerate(step.args, start=1):
            if isinstance(arg, P.ColonAll):
                out.append("':'")
                continue
            if end_of is not None:
                end_text = end_of(k, n)
            elif n == 1:
                end_text = f"{self.runtime('numel')}({value_text})"
            else:
                end_text = f"{self.runtime('end_index')}({value_text}, {k}, {n})"
            out.append(self.arg_text(arg, end_text))
        self.check_spread(step.args)
        return ", ".join(out)

    def check_spread(self, args):
        """``v(c{:})`` spreads the list into subscripts; ``end`` beside it has no fixed position."""
        if any(self.is_cs_list(a) for a in args) and len(args) > 1 and \
                any(isinstance(n, P.End) for a in args for n in P.walk(a)):
            self.error(args[0], "'end' beside a comma-separated list (c{:}) in an index is not "
                                "supported")

    def x_Chain(self, node, cond, end):
        return self.chain_text(node, end), ATOM

    def arg_text(self, node, end):
        """A call argument or a bracket element: a comma-separated list is spread with ``*``."""
        if self.is_cs_list(node):
            return "*" + self.chain_text(node, end, as_list=True)
        return self.expr(node, False, end)[0]

    def codes_operands(self, node):
        """``node`` (a Binary) with its chain operands read as numbers (see :class:`CharCodes`).

        Python's ``==`` on two strings gives one bool where Octave compares characters, and
        ``+`` joins them where Octave adds codes; a chain may hold a string the translator
        cannot see, so its value goes through ``char_codes`` (numbers pass unchanged)."""
        def held(x):
            return isinstance(x, P.Chain) or isinstance(x, P.Name) and \
                x.name in getattr(self, "held", ()) and x.name in self.defined
        if node.op in ("&&", "||") or not any(held(x) for x in (node.left, node.right)):
            return node
        wrap = lambda x: CharCodes(x.line, x.col, x) if held(x) else x   # noqa: E731
        return P.Binary(node.line, node.col, node.op, wrap(node.left), wrap(node.right))

    def held_names(self, stmts):
        """Variables assigned a value read from a cell or struct (``x = c{1}``, ``[a, b] =
        c{:}``, ``deal``, ``cellfun``): it may be a string the translator cannot see, so they
        are read as character codes in arithmetic and comparisons too."""
        held, todo = set(), list(stmts)
        while todo:
            s = todo.pop()
            if isinstance(s, P.Function):
                continue
            if isinstance(s, P.Assign) and isinstance(s.target, P.Name) and \
                    isinstance(s.expr, P.Chain) and s.expr.steps:
                held.add(s.target.name)
            elif isinstance(s, P.MultiAssign) and (self.is_cs_list(s.expr) or isinstance(
                    s.expr, P.Apply) and s.expr.name in ("deal", "cellfun")):
                held.update(t.name for t in s.targets if t.name != "~")
            todo.extend(getattr(s, "body", None) or [])
            for clause in getattr(s, "clauses", None) or []:
                todo.extend(clause.body)
        return held

    def x_CharCodes(self, node, cond, end):
        inner = node.operand
        text = self.chain_text(inner, end) if isinstance(inner, P.Chain) else self.pyname(inner.name)
        return f"{self.runtime('char_codes')}({text})", ATOM

    def x_CellLit(self, node, cond, end):
        rows = ", ".join("[" + ", ".join(self.arg_text(x, end) for x in r) + "]" for r in node.rows)
        return f"{self.runtime('cell_literal')}([{rows}])", ATOM

    def has_cs_list(self, node):
        """Does a ``[...]`` hold a comma-separated list (``[c{:}]``, ``[s.a]``)?"""
        return any(self.is_cs_list(x) for r in node.rows for x in r)

    def cs_matrix(self, node, end):
        """``[c{:}]``, ``[s.a; t]``: concatenation of every value of the lists."""
        rows = [f"{self.runtime('horzcat')}({', '.join(self.arg_text(x, end) for x in r)})"
                for r in node.rows]
        if len(rows) == 1:
            return rows[0], ATOM
        return f"{self.runtime('vertcat')}({', '.join(rows)})", ATOM

    # ------------------------------------------------------------------------- statements
    def emit_chain_assign(self, s, indent):
        """``s.a(2).b = v``, ``c{end+1} = v``, ``s.(name) = v``: rebuild through assign_path."""
        target = s.target
        name = target.name
        deleting = target.steps[-1].kind == "()" and isinstance(s.expr, P.Matrix) and \
            not s.expr.rows and s.op is None          # s.list(2) = []: delete, do not store
        var = self.pyname(name)
        root = var if name in self.sure else "None"
        if name in self.defined and name not in self.sure:
            # assigned on some paths only (a branch, or later in a loop): Octave creates the
            # variable when the first assignment into it finds none
            root = f"{self.runtime('value_or_none')}(lambda: {var})"
        value = s.expr if s.op is None else P.Binary(s.line, s.col, s.op, target, s.expr)
        if s.op is not None and name not in self.defined:
            self.chain_base(target)
        steps = []
        for step in target.steps:
            if step.kind in ("()", "{}"):
                before = "[" + ", ".join(steps) + "]"

                def end_of(k, n, before=before):
                    return f"{self.runtime('path_end')}({root}, {before}, {k}, {n})"
                subs = self.step_subs(step, None, end_of)
                comma = "," if len(step.args) == 1 else ""
                steps.append(f"({step.kind!r}, ({subs}{comma}))")
            else:
                steps.append(f"('.', {self.field_name(step, None)})")
        rhs = self.runtime("DELETED") if deleting else self.expr(value)[0]
        text = f"{var} = {self.runtime('assign_path')}({root}, [{', '.join(steps)}], {rhs})"
        self.note_assigned([name])
        if s.display:
            text += "; " + self.show(name)
        self.add(s.line, indent, text)

    def value_text(self, node):
        """The right side of ``x = ...``: a comma-separated list gives its first value there
        (Octave 7's ``x = c{:}``), and an error anywhere else it needs one value."""
        if self.is_cs_list(node):
            return f"{self.runtime('first_of')}({self.chain_text(node, None, True)})"
        return self.expr(node)[0]

    def emit_cs_list_multi(self, s, indent):
        """``[a, b] = c{:}`` and ``[a, b] = s.name``: the first values of the list, in order."""
        names = [t.name for t in s.targets]
        targets = ", ".join(self.pyname(t) if t != "~" else "_" for t in names)
        values = self.chain_text(s.expr, None, True)
        text = f"{targets} = {self.runtime('first_n')}({values}, {len(names)})"
        names = [t for t in names if t != "~"]
        self.note_assigned(names)
        if s.display:
            text += "; " + "; ".join(self.show(t) for t in names)
        self.add(s.line, indent, text)

    def emit_cs_list_statement(self, s, indent):
        """``c{:}`` as a statement: without a semicolon each value is shown as ``ans = ...``;
        ``ans`` is the last value."""
        values = self.chain_text(s.expr, None, True)
        if s.display:
            text = f"ans = {self.runtime('display_list')}('ans', {values})"
        elif self.uses_ans:
            text = f"ans = {self.runtime('display_list')}('ans', {values}, False)"
        else:
            text = values
        if s.display or self.uses_ans:
            self.note_assigned(["ans"])
        self.add(s.line, indent, text)
