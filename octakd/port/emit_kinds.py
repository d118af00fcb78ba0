"""The emitter's static analysis: the kind of every variable and expression.

A kind is what the translator can tell of a value before it runs: ``"scalar"``, ``"num"`` (a
numeric array), ``"str"``, ``"handle"``, ``"error"``, ``"other"`` (an octakd object) or
``"unknown"``. The emitter uses it to write plain Python where Octave and Python agree (``a * b``
of two scalars, ``if x > 0:`` of a scalar) and a runtime helper elsewhere.

:meth:`KindAnalyser.analyse` collects every assignment of a scope and iterates the kinds to a
fixed point (a variable's kind joins those of all its assignments, flow-insensitively).
:class:`KindAnalyser` is a mixin of :class:`octakd.port.emit.Emitter`.
"""
from . import parser as P
from .emit_common import CONSTANTS
from .emit_flow import FLOW_NODES
from .emit_handles import HANDLE_NODES
from .emit_statements import Held
from .parse_flow import flow_bodies
from .runtime import FUNCTIONS as RUNTIME_FUNCTIONS

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


def assignments_inside(expr):
    """(name, value) of each assignment used as a value inside ``expr`` (see ``analyse``)."""
    out = []
    for n in P.walk(expr):
        if isinstance(n, P.AssignExpr):
            value = n.value if n.target is None else "unknown" \
                if isinstance(n.target, P.Chain) else ("indexed", n.value)
            out.append((n.name, value))
    return out


class KindAnalyser:
    """Mixed into :class:`~octakd.port.emit.Emitter`: the kinds of values (see the module)."""

    def analyse(self, stmts, preassigned=()):
        """Collect the kind (scalar, num, str, other, unknown) of every assigned variable."""
        self.scope_body = stmts         # the script's or function's statements (emit_for)
        self.scope_reads = None         # name -> reads in scope_body, counted on first need
        assigns = [(name, "unknown") for name in preassigned]
        variables = self.assigned_in(stmts) | set(preassigned)

        def walk(body):
            for s in body:
                if isinstance(s, (P.Assign, P.ExprStmt)):
                    assigns.extend(assignments_inside(s.expr))
                if isinstance(s, P.Assign):
                    assigns.extend(assignments_inside(s.target))    # A(i = 1:n) = 1
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
                        name = getattr(s.expr, "name", None)    # None: [a, b] = (3)
                        user = name is None or name in variables or self.user_function(name) \
                            or name in ("feval", "call_handle", "deal", "cellfun") \
                            or self.is_cs_list(s.expr)                  # f(x), f a handle
                        assigns.append((t.name, "unknown" if user else
                                        "scalar" if name == "size" else "num"))
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
        if isinstance(node, P.AssignExpr):
            return self.kind(node.value)
        if isinstance(node, Held):
            return node.kind
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
