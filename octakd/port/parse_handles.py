"""Parsing function handles: ``@name`` and anonymous functions ``@(x, y) expr``.

:func:`parse_handle` is called by :meth:`octakd.port.parser.Parser.parse_primary` on an ``@``
token. It returns one of the two nodes below.

* ``@sin``, ``@myfun``: :class:`FuncHandle`, a handle to a named function (resolved by the
  emitter as Octave resolves names: the file's own functions, function files, built-ins).
* ``@(x, y) x + y``: :class:`AnonFunc`. The body is one expression; it extends as far as an
  expression can (``f = @(x) x + 1, g = 2`` stops at the comma). Parameters are names or ``~``.
  ``varargin`` (last) collects the remaining inputs in a cell; ``varargout`` is refused.

The body is real nesting in the source, so it is parsed under the parser's nesting limit
(``MAX_NESTING``), like parentheses.
"""
from dataclasses import dataclass

from . import parser as P


@dataclass
class FuncHandle(P.Node):
    """``@name``: a handle to the function ``name``."""
    name: str


@dataclass
class AnonFunc(P.Node):
    """``@(params) body``: ``params`` are names (``"~"`` for an ignored one)."""
    params: list
    body: P.Node


def parse_handle(parser):
    """Parse ``@name`` or ``@(params) body`` at the parser's current ``@`` token."""
    at = parser.next()
    tok = parser.peek()
    if tok.kind == "ID":
        parser.next()
        if parser.peek().is_op(".") and parser.peek(1).kind == "ID" and not parser.peek().space:
            parser.error(parser.peek(), "handles to package or class methods (@pkg.fn) are not supported")
        return FuncHandle(at.line, at.col, tok.value)
    if not tok.is_op("("):
        parser.error(at, f"expected a function name or '(' after '@', found {P.describe(tok)}")
    with parser.nested(tok):
        parser.next()
        params = []
        closed = parser.peek().is_op(")")
        while not closed:
            t = parser.next()
            if t.is_op("~", "!"):
                params.append("~")
            elif t.kind != "ID":
                parser.error(t, f"expected a parameter name, found {P.describe(t)}")
            elif t.value == "varargout":
                parser.error(t, "'varargout' in an anonymous function is not supported")
            elif t.value == "varargin" and not parser.peek().is_op(")"):
                parser.error(t, "'varargin' must be the last parameter")
            elif t.value in ("nargin", "nargout"):
                parser.error(t, f"'{t.value}' as a parameter name is not supported")
            elif t.value in params:
                parser.error(t, f"the parameter '{t.value}' is named twice")
            else:
                params.append(t.value)
            sep = parser.peek()
            closed = sep.is_op(")")
            if not closed and not sep.is_op(","):
                parser.error(sep, f"expected ',' or ')' in the parameters of an anonymous "
                                  f"function, found {P.describe(sep)}")
            if not closed:
                parser.next()
        parser.next()       # ")"
        saved = parser.index_depth
        parser.index_depth = 0          # "@() end" is not an index
        try:
            body = parser.parse_expr()
        finally:
            parser.index_depth = saved
    return AnonFunc(at.line, at.col, params, body)
