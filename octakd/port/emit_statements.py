"""The emitter's part for statements: assignments, expression statements, loops, ``if``,
commands and comments, each on its Octave line.

A name assigned earlier (or anywhere in an enclosing loop) is a variable; ``defined`` holds
them, ``sure`` those assigned on every path. An expression statement without ``;`` displays its
value as ``ans``; a refused statement is recorded and the next one is emitted (every refusal of a
file is reported). :class:`StatementEmitter` is a mixin of :class:`octakd.port.emit.Emitter`.
"""
import collections
import dataclasses
from dataclasses import dataclass

from . import parser as P
from .emit_common import ATOM, CONSTANTS, MULTI_OUTPUT, NOOP_NAMES, VOID, comment_text
from .emit_clear import clear_words
from .emit_flow import FLOW_NODES
from .errors import PortError
from .parse_flow import flow_bodies, flow_exprs
from .runtime import FUNCTIONS as RUNTIME_FUNCTIONS


@dataclass
class Held(P.Node):
    """A value held in a Python temporary: ``_assigned`` (a chain of assignments) or ``_outK``
    (an output of a multiple assignment); no user variable takes such a name (theirs never
    start with ``_``, see ``Emitter.pyname``)."""
    kind: str
    text: str = "_assigned"


class StatementEmitter:
    """Mixed into :class:`~octakd.port.emit.Emitter`: statements (see the module)."""

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
                    self.conditional += k > 0       # an elseif's condition may never run
                    try:
                        head = f"{'if' if k == 0 else 'elif'} {self.cond(clause.cond)}:"
                    finally:
                        self.conditional -= k > 0
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
        words = text.split()
        if words[0] in ("clear", "clearvars"):
            return self.emit_clear(s, words[0], words[1:], indent)
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
        inside = {n.name for n in P.walk(target) if isinstance(n, P.AssignExpr)}
        read = {n.name for n in P.walk(s.expr) if isinstance(n, (P.Name, P.Apply, P.Chain))}
        if inside & read:           # Octave evaluates the value first: it would not see them
            self.error(s, f"the value reads '{sorted(inside & read)[0]}', which the index of "
                          f"the target assigns: not supported")
        if isinstance(s.expr, P.AssignExpr) and s.op is None:
            return self.emit_assign_chain(s, indent)
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

    def emit_assign_chain(self, s, indent):
        """``a(j) = u(j) = -u(j)``: the value once, into ``_assigned``, then each target from
        the innermost out, as Octave assigns them; only the outermost is shown."""
        targets = [s.target]
        value = s.expr
        while isinstance(value, P.AssignExpr):
            targets.append(value.target or P.Name(value.line, value.col, value.name))
            value = value.value
        self.add(s.line, indent, f"_assigned = {self.value_text(value)}")
        held = Held(value.line, value.col, self.kind(value))
        for target in reversed(targets):
            shown = s.display and target is s.target
            self.emit_assign(P.Assign(s.line, s.col, target, held, shown, eq_col=s.eq_col),
                             indent)

    def x_Held(self, node, cond, end):
        return node.text, ATOM

    def emit_multi_into(self, s, indent):
        """``[e(i), q, s.v] = f(x)``: the call assigns a Python temporary ``_outK`` for each
        indexed or field target, which is then assigned into it, in order (Octave's order)."""
        plain = []
        for k, t in enumerate(s.targets):
            if isinstance(t, P.Name):
                plain.append(t)
            else:
                self.renamed[f"#out{k + 1}"] = f"_out{k + 1}"      # no Octave name has '#'
                plain.append(P.Name(t.line, t.col, f"#out{k + 1}"))
        self.emit_multi(dataclasses.replace(s, targets=plain, display=False), indent)
        for k, t in enumerate(s.targets):
            if not isinstance(t, P.Name):
                self.defined.discard(f"#out{k + 1}")
                self.sure.discard(f"#out{k + 1}")
                held = Held(t.line, t.col, "unknown", f"_out{k + 1}")
                self.emit_assign(P.Assign(s.line, s.col, t, held, s.display, eq_col=s.eq_col),
                                 indent)
            elif s.display and t.name != "~":
                self.add(s.line, indent, self.show(t.name))

    def emit_multi(self, s, indent):
        if len(s.targets) == 1 and isinstance(s.targets[0], P.Chain) and \
                s.targets[0].steps[0].kind == "{}":
            return self.emit_spread(s, indent)  # [varargout{1:nargout}] = f(x)
        if any(not isinstance(t, P.Name) for t in s.targets):
            return self.emit_multi_into(s, indent)
        expr = self.literal_feval(s.expr)       # [a, b] = feval('f', x) is [a, b] = f(x)
        names = [t.name for t in s.targets]
        targets = ", ".join(self.pyname(t) if t != "~" else "_" for t in names)
        ignored = tuple(k + 1 for k, t in enumerate(names) if t == "~")
        if self.is_cs_list(expr):
            return self.emit_cs_list_multi(s, indent)       # [a, b] = c{:}
        if isinstance(expr, P.Apply) and expr.name in self.defined:
            return self.emit_handle_multi(s, indent)        # [a, b] = f(x), f a handle
        f = isinstance(expr, (P.Apply, P.Name)) and expr.name not in self.defined and \
            self.user_function(expr.name)
        if f:
            args = expr.args if isinstance(expr, P.Apply) else []
            text = f"{targets} = {self.user_call(expr, f, args, len(names), ignored)}"
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
            what = f"'{expr.name}'" if isinstance(expr, (P.Apply, P.Name)) else \
                "an expression that is not a call"
            self.error(s, f"multiple return values of {what} are not supported (only of "
                          f"functions that octakd knows give several, such as size, max, sort, "
                          f"eig, and of the script's own functions)")
        args = ", ".join(self.arg_text(a, None) for a in expr.args)
        n = len(s.targets)
        told = f", ignored={ignored!r}" if ignored and expr.name == "feval" else ""
        if ignored and expr.name != "feval":
            self.check_isargout_untold(expr)
        text = f"{targets} = {self.runtime(expr.name)}({args}, nargout={n}{told})"
        names = [t for t in names if t != "~"]
        self.note_assigned(names)
        if s.display:
            text += "; " + "; ".join(self.show(t) for t in names)
        self.add(s.line, indent, text)

    def check_isargout_untold(self, expr):
        """``[~, b] = cellfun(@f, c)`` cannot tell ``f`` which outputs ``~`` ignores: refused
        when ``f`` asks ``isargout`` (it would answer true for the ignored one)."""
        from .functions import uses_isargout
        from .parse_handles import FuncHandle
        for arg in expr.args:
            name = arg.name if isinstance(arg, FuncHandle) else None
            f = self.user_function(name) if name else None
            if f is not None and uses_isargout(f):
                self.error(arg, f"'{name}' asks isargout, which '~' outputs of {expr.name} "
                                f"are not passed on to (call it directly, or name every output)")

    def computed_eval(self, node, nargout):
        """``eval(text)`` with text computed at run time, as a value: the runtime runs it only
        when it is a call of names (``feval(f, X, P1)``; runtime/evalcall.py), with this scope's
        variables, passed as ``locals()`` and the map of their Octave names."""
        if len(node.args) != 1:
            self.error(node, "eval with text computed at run time takes one text here (the "
                             "two-text form needs literal texts)")
        if self.global_names:
            self.error(node, "eval with text computed at run time in a scope that declares "
                             "global variables is not supported")
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
        words = clear_words(s)
        if words is not None and e.name not in self.defined and \
                self.user_function(e.name) is None:
            return self.emit_clear(s, e.name, words, indent)      # clear('x', 'y')
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
        if self.loop_var_read_elsewhere(s):
            # a loop with no iteration leaves its (empty) expression in the variable, as in
            # Octave: for i = 1:0, end; i  ->  i = [](1x0)
            self.add(s.line, indent, f"{var} = {self.runtime('loop_start')}({seq})")
            seq = f"{self.runtime('loop_values')}({var})"
        self.add(s.line, indent, f"for {var} in {seq}:", self.header_kind(s, s.body))
        self.emit_body(s.body, indent + 1, s.line)

    def loop_var_read_elsewhere(self, s):
        """Whether the variable of the ``for`` loop ``s`` can be read where the loop did not
        just set it: read in its scope outside the loop's body (after the loop, or before it in
        an enclosing loop), a function output, a global, or in a scope that reads variables by
        name (eval, exist, save, who...). Only then does the empty-loop value need emitting."""
        if getattr(self, "scope_reads", None) is None:      # counted once per scope
            self.scope_reads = name_reads(getattr(self, "scope_body", []))
        outputs = [o.name for o in self.function.outputs] if self.function is not None else []
        dynamic = {"eval", "evalin", "exist", "who", "whos", "save", "assignin"}
        return (self.scope_reads[s.var] > name_reads(s.body)[s.var] or s.var in outputs
                or s.var in self.global_names or bool(dynamic & self.scope_reads.keys()))

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


def name_reads(nodes):
    """How often each name is read (a Name, a call or an indexing chain) in ``nodes``."""
    return collections.Counter(n.name for x in nodes for n in P.walk(x)
                               if isinstance(n, (P.Name, P.Apply, P.Chain)))
