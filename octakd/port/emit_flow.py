"""Emitting ``switch``, ``try``/``catch``, ``do ... until``, ``unwind_protect`` and errors.

:class:`FlowEmitter` is a mixin of the emitter (it uses ``add``, ``expr``, ``cond``,
``emit_body``, ``emit_stmt``, ``runtime``, ``pyname``, ``error`` and ``defined``). Each Octave
keyword stays on its line::

    switch x                    _switch1 = x
      case 1                    if switch_match(_switch1, 1):
      case {2, 'b'}             elif switch_match(_switch1, 2, 'b'):
      otherwise                 else:

    try                         try:
    catch err                   except Exception as _caught:
                                    err = catch_error(_caught, 'f.m', 3, 1)

    do                          _do1 = True
                                while _do1 or not (cond):
                                    _do1 = False
    until cond                  (the condition is tested by the while, so 'continue' tests it)

    unwind_protect              try:
    unwind_protect_cleanup      finally:

``error``/``warning`` calls get their template's escapes expanded like ``printf``'s, which needs
to know which argument is the template: the first argument must then be a literal.
"""
from . import parser as P
from .parse_flow import flow_bodies
from .runtime.errors import _is_identifier

FLOW_NODES = (P.Switch, P.Try, P.DoUntil, P.Unwind, P.Eval)


def catch_names(stmts):
    """The names ``catch NAME`` binds anywhere in ``stmts`` (functions excluded)."""
    names = set()
    stack = list(stmts)
    while stack:
        s = stack.pop()
        if isinstance(s, P.Try) and s.ident:
            names.add(s.ident)
        for body in flow_bodies(s) + block_bodies(s):
            stack.extend(body)
    return names


def block_bodies(s):
    """The statement lists of a for/while/if (not of flow statements)."""
    if isinstance(s, (P.For, P.While)):
        return [s.body]
    if isinstance(s, P.If):
        return [c.body for c in s.clauses]
    return []


def octave_column(s):
    """The column Octave reports for statement ``s`` in a ``called from`` trace."""
    if isinstance(s, (P.Assign, P.MultiAssign)) and getattr(s, "eq_col", 0):
        return s.eq_col
    if isinstance(s, P.ExprStmt):
        return s.expr.col
    return s.col


class FlowEmitter:
    """The emitter's part for switch, try, do-until, unwind_protect and error calls."""

    flow_count = 0
    caught = frozenset()        # names a 'catch NAME' binds in this file or function

    def flow_name(self, what):
        """A fresh Python name for a helper variable; a leading ``_`` keeps it off user names."""
        self.flow_count += 1
        return f"_{what}{self.flow_count}"

    def emit_flow(self, s, indent):
        for name in self.assigned_in([s]):
            self.defined.add(name)
        getattr(self, "emit_" + type(s).__name__.lower())(s, indent)

    def emit_switch(self, s, indent):
        var = self.flow_name("switch")
        self.add(s.line, indent, f"{var} = {self.expr(s.value)[0]}")
        for c in getattr(s, "comments", []):
            self.emit_stmt(c, indent)
        match = self.runtime("switch_match")
        for k, case in enumerate(s.cases):
            if case.labels is None:
                head = "else:" if k else "if True:"
            else:
                self.conditional += k > 0           # a later case's labels may never run
                try:
                    labels = ", ".join(self.expr(x)[0] for x in case.labels)
                finally:
                    self.conditional -= k > 0
                head = f"{'elif' if k else 'if'} {match}({var}, {labels}):"
            self.add(case.line, indent, head, "header")
            self.emit_body(case.body, indent + 1, case.line)

    def emit_try(self, s, indent):
        self.add(s.line, indent, "try:", "header")
        self.emit_body(s.body, indent + 1, s.line)
        line = s.catch_line if s.catch_line else s.end_line
        self.add(line, indent, "except Exception as _caught:", "header")
        call = f"{self.runtime('catch_error')}(_caught, {self.filename!r}, {line}, {s.catch_col})"
        self.add(line, indent + 1, f"{self.pyname(s.ident)} = {call}" if s.ident else call)
        for stmt in s.handler:
            self.emit_stmt(stmt, indent + 1)

    def emit_eval(self, s, indent):
        """``eval('text')``: the statements of the literal text, in place (see parse_eval)."""
        for stmt in s.body:
            self.emit_stmt(stmt, indent)

    def emit_dountil(self, s, indent):
        var = self.flow_name("do")
        cond = self.cond(s.cond)
        self.add(s.line, indent, f"{var} = True")
        self.add(s.line, indent, f"while {var} or not ({cond}):", "header")
        self.add(s.line, indent + 1, f"{var} = False")
        for stmt in s.body:
            self.emit_stmt(stmt, indent + 1)

    def emit_unwind(self, s, indent):
        self.add(s.line, indent, "try:", "header")
        self.emit_body(s.body, indent + 1, s.line)
        line = s.cleanup_line or s.end_line
        self.add(line, indent, "finally:", "header")
        self.emit_body(s.cleanup, indent + 1, line)

    # ------------------------------------------------------------------------------ calls
    def flow_call(self, node, name, args, end):
        """The Python of a call to error/warning/narginchk, or None for other functions."""
        if name in ("error", "warning"):
            return self._message_call(node, name, args, end)
        if name == "narginchk":
            if len(args) != 2:
                self.error(node, "narginchk takes two arguments (minargs, maxargs)")
            nargin = self.special_name(P.Name(node.line, node.col, "nargin"))
            texts = [self.expr(a, False, end)[0] for a in args]
            return f"{self.runtime('narginchk')}({', '.join(texts)}, {nargin})"
        return None

    def _message_call(self, node, name, args, end):
        fn = self.runtime(name)
        if not args:
            self.error(node, f"{name}() without arguments is not supported")
        first = args[0]
        template = None
        if len(args) > 1:
            if not isinstance(first, P.Str):
                self.error(first, f"{name} with a computed first argument and more arguments is "
                                  f"not supported (write the identifier or template literally)")
            if name == "warning" and first.value in ("query", "error"):
                self.error(first, f"warning('{first.value}', ...) is not supported")
            if name == "warning" and first.value in ("on", "off"):
                template = None
            else:
                template = 1 if _is_identifier(first.value) else 0
        elif name == "warning" and isinstance(first, P.Str) and first.value in ("query", "error"):
            self.error(first, f"warning('{first.value}') is not supported")
        texts = []
        for k, arg in enumerate(args):
            if isinstance(arg, P.ColonAll):
                self.error(arg, f"':' is not a valid argument of {name}")
            texts.append(self.format_arg(arg, end) if k == template else self.expr(arg, False, end)[0])
        return f"{fn}({', '.join(texts)})"
