"""Recursive-descent parser for the translated Octave subset.

It turns the tokens of :mod:`octakd.port.lexer` into the small AST of :mod:`octakd.port.syntax`.
The work is shared by mixins, one concept each:

* :mod:`octakd.port.parse_statements`: blocks, assignments, loops, ``if``, functions, commands;
* :mod:`octakd.port.parse_expr`: operators, ranges, indexing, literals, matrices;
* :mod:`octakd.port.parse_flow`: ``switch``, ``try``, ``do``, ``unwind_protect``;
* :mod:`octakd.port.parse_containers`: cell and struct chains (``s.a(2).b``, ``c{i}``);
* :mod:`octakd.port.parse_handles` and :mod:`octakd.port.parse_eval`: handles, ``eval('...')``.

This module joins them in :class:`Parser`, keeps the token helpers they share, and offers
:func:`parse` and :func:`parse_all`. It re-exports every node, so ``parser.Name`` and
``from octakd.port.parser import Apply`` keep working.
"""
from .errors import PortError, combine
from .lexer import describe, tokenize  # noqa: F401  (describe: re-exported)
from .syntax import (  # noqa: F401  (re-exported: the nodes, children, walk, the limits)
    MAX_BLOCK_DEPTH, MAX_EXPR_DEPTH, Apply, Assign, AssignExpr, Binary, CellLit, Chain, ColonAll,
    Command, CommandCall, Comment, Declare, End, ExprStmt, For, Function, If, IfClause,
    IndexValue, Jump, Matrix, MultiAssign, Name, Node, Num, Postfix, Range, Step, Stmt, Str,
    Unary, While, children, walk)
from .parse_eval import Eval, literal_eval  # noqa: F401  (eval of literal text)
from .parse_flow import (FlowParser, FLOW_TERMINATORS, Switch, SwitchCase, Try,  # noqa: F401
                         DoUntil, Unwind)
from .parse_containers import ContainerParser
from .parse_statements import StatementParser
from .parse_expr import ExpressionParser


class Parser(StatementParser, ExpressionParser, FlowParser, ContainerParser):
    """Parse a token list into a list of statements (see :func:`parse`)."""

    def __init__(self, tokens, filename):
        self.toks = tokens
        self.pos = 0
        self.filename = filename
        self.in_matrix = False      # whitespace separates elements
        self.index_depth = 0        # inside name(...), where 'end' is allowed
        self.extra_comments = []    # comments found inside a multi-line matrix
        self.nesting = 0            # open parentheses, brackets and argument lists
        self.blocks = 0             # open if/for/while blocks
        self.errors = []            # refusals recorded while parsing on (see parse_block)

    # -- helpers
    def peek(self, k=0):
        return self.toks[min(self.pos + k, len(self.toks) - 1)]

    def next(self):
        tok = self.toks[self.pos]
        self.pos += 1
        return tok

    def error(self, tok, message):
        raise PortError(self.filename, tok.line, tok.col, message)

    def expect_op(self, op, what):
        tok = self.peek()
        if not tok.is_op(op):
            self.error(tok, f"expected '{op}' {what}, found {describe(tok)}")
        return self.next()


def parse(text, filename="<string>"):
    """Parse Octave source into a list of statements (raises :class:`PortError`, listing every
    statement that cannot be parsed)."""
    stmts, errors = parse_all(text, filename)
    if errors:
        raise combine(errors, filename)
    return stmts


def parse_all(text, filename="<string>"):
    """(statements, refusals): parse on after a refused statement to find all of them.

    A lexical error (an unterminated string, a stray character) still stops at once.
    """
    try:
        parser = Parser(tokenize(text, filename), filename)
    except PortError as exc:
        return [], [exc]
    try:
        stmts = parser.parse_program()
    except PortError as exc:           # a refusal outside any statement
        return [], parser.errors + [exc]
    return stmts, parser.errors
