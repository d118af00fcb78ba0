"""The parser's part for cells and structs: chains of steps after a variable.

``s.a(2).b``, ``c{i}{j}``, ``s.(name)``, ``c{end}.x`` become a :class:`~octakd.port.parser.Chain`
of :class:`~octakd.port.parser.Step` nodes. A chain is read by a loop over its steps (no
recursion per step); a step's subscripts nest like any argument list, within the parser's
nesting limit. Cell literals ``{...}`` share the matrix parser (``Parser.parse_matrix``).
"""


class ContainerParser:
    """Mixed into :class:`~octakd.port.parser.Parser`; uses its token helpers."""

    def starts_step(self, tok):
        """Does ``tok`` open a step into a value (``{``, ``.name``, ``.(``)?"""
        if tok.is_op("{"):
            return not (self.in_matrix and tok.space)
        if tok.is_op(".") and not tok.space:
            nxt = self.peek(1)
            return nxt.kind == "ID" or nxt.is_op("(") or nxt.kind == "KW"
        return False

    def parse_spread_target(self, node):
        """``c{1:nargout}`` as the target of ``[c{1:nargout}] = f(...)`` (the idiom that passes
        a function's outputs on through ``varargout``): a :class:`Chain` of that one step."""
        from .parser import Name, Num, Range
        chain = self.parse_chain(node)
        step = chain.steps[0] if len(chain.steps) == 1 else None
        arg = step.args[0] if step is not None and step.kind == "{}" and len(step.args) == 1 \
            else None
        if not (isinstance(arg, Range) and arg.step is None and isinstance(arg.start, Num)
                and arg.start.value == 1 and isinstance(arg.stop, Name)
                and arg.stop.name == "nargout"):
            self.error(chain, "only '[c{1:nargout}] = f(...)' is supported as a target with "
                              "braces in a multiple assignment")
        return chain

    def parse_chain(self, node):
        """The steps after ``node`` (a name, or ``name(args)``), up to the first token that
        does not continue the chain; returns a :class:`Chain`."""
        from .parser import Apply, Chain, Name, Step, describe
        if isinstance(node, Apply):
            steps = [Step(node.line, node.col, "()", node.args)]
        elif isinstance(node, Name):
            steps = []
        else:
            tok = self.peek()
            self.error(tok, "indexing the result of an expression or call is not supported "
                            "(assign it to a variable first)")
        while True:
            tok = self.peek()
            if tok.is_op("(", "{"):
                if self.in_matrix and tok.space:
                    break
                with self.nested(tok):
                    args = self.parse_args(")" if tok.value == "(" else "}")
                steps.append(Step(tok.line, tok.col, tok.value + {"(": ")", "{": "}"}[tok.value], args))
            elif tok.is_op(".") and not tok.space and self.peek(1).kind == "ID":
                self.next()
                name = self.next()
                steps.append(Step(tok.line, tok.col, ".", [], name.value))
            elif tok.is_op(".") and not tok.space and self.peek(1).kind == "KW":
                self.error(self.peek(1), f"a field named like the keyword "
                                         f"'{self.peek(1).value}' is not supported")
            elif tok.is_op(".") and not tok.space and self.peek(1).is_op("("):
                self.next()
                with self.nested(tok):
                    self.next()
                    saved, self.in_matrix = self.in_matrix, False
                    inner = self.parse_expr()
                    self.in_matrix = saved
                    close = self.peek()
                    if not close.is_op(")"):
                        self.error(close, f"expected ')' to close the dynamic field name, found "
                                          f"{describe(close)}")
                    self.next()
                steps.append(Step(tok.line, tok.col, ".()", [inner]))
            else:
                break
        return Chain(node.line, node.col, node.name, steps)
