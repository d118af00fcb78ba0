"""Recursive-descent parser for the translated Octave subset.

It turns the tokens of :mod:`octakd.port.lexer` into a small AST (dataclasses below). Every node
keeps the line and column it starts at, so the emitter can keep the Python on the same line and
refusals can point at the construct.

Operator precedence, lowest first, as in Octave::

    ||   &&   |   &   < <= == != >= >   :   + -   * / \\ .* ./ .\\   unary + - ! ~   ^ .^   ' .'

Power is left-associative (``2^3^2`` is 64) and binds tighter than unary minus (``-2^2`` is -4),
but its right operand may carry a sign (``2^-1``).

Binary operators are parsed by precedence climbing over an explicit stack, and chains of prefix
operators by a loop, so a long sum costs no Python recursion. Recursion happens only for what
nests in the source (parentheses, brackets, argument lists, blocks), and that is bounded by the
documented limits below, which raise :class:`PortError` at the construct that passes them.
"""
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from typing import Optional

from .errors import PortError, combine
from .lexer import MAX_NESTING, tokenize
from .parse_containers import ContainerParser


# --------------------------------------------------------------------------------------- nodes
@dataclass
class Node:
    """Base of every AST node: where it starts in the source."""
    line: int
    col: int


@dataclass
class Num(Node):
    value: object
    text: str


@dataclass
class Str(Node):
    value: str
    quote: str


@dataclass
class Name(Node):
    name: str


@dataclass
class AssignExpr(Node):
    """``(name = value)`` inside an expression: Octave assigns name and gives the value
    (``while (line = fgetl(fid)) != -1``)."""
    name: str
    value: Node


@dataclass
class Apply(Node):
    """``name(args)``: a function call or an index, decided later from what ``name`` is."""
    name: str
    args: list


@dataclass
class End(Node):
    """``end`` inside an index: the last index of that dimension."""


@dataclass
class ColonAll(Node):
    """A bare ``:`` subscript: the whole dimension."""


@dataclass
class Binary(Node):
    op: str
    left: Node
    right: Node


@dataclass
class Unary(Node):
    op: str
    operand: Node


@dataclass
class Postfix(Node):
    op: str
    operand: Node


@dataclass
class IndexValue(Node):
    """``f(x)(k)``: parentheses indexing the value of a call (``size(A)(1)``, an Octave
    extension); ``end`` inside ``args`` is refused."""
    base: Node
    args: list


@dataclass
class Range(Node):
    start: Node
    step: Optional[Node]
    stop: Node


@dataclass
class Matrix(Node):
    rows: list


@dataclass
class CellLit(Node):
    """A cell literal ``{a, b; c, d}``: rows of element expressions."""
    rows: list


@dataclass
class Step(Node):
    """One step of a :class:`Chain`: ``kind`` is ``"()"`` or ``"{}"`` (``args`` the subscripts),
    ``"."`` (``field`` the name) or ``".()"`` (a dynamic field, ``args`` its one expression)."""
    kind: str
    args: list
    field: Optional[str] = None


@dataclass
class Chain(Node):
    """A variable followed by steps that reach inside it: ``s.a(2).b``, ``c{i}``, ``s.(n)``."""
    name: str
    steps: list


@dataclass
class Stmt(Node):
    """Base of statements. ``display`` is True when no ``;`` ends the statement."""


@dataclass
class ExprStmt(Stmt):
    expr: Node
    display: bool = False


@dataclass
class Assign(Stmt):
    target: Node            # Name or Apply
    expr: Node
    display: bool = False
    op: Optional[str] = None    # "+" for "+=", ...
    eq_col: int = 0             # the column of '=' (Octave's position of the statement)
    increment: Optional[str] = None   # "post" for ``x++``/``x--``, "pre" for ``++x``/``--x``


@dataclass
class MultiAssign(Stmt):
    targets: list
    expr: Node
    display: bool = False
    eq_col: int = 0


@dataclass
class Declare(Stmt):
    """``global a b`` or ``persistent n``: ``word`` and the declared :class:`Name` nodes."""
    word: str
    names: list


@dataclass
class For(Stmt):
    var: str
    expr: Node
    body: list
    end_line: int = 0


@dataclass
class While(Stmt):
    cond: Node
    body: list
    end_line: int = 0


@dataclass
class IfClause(Node):
    cond: Optional[Node]    # None for else
    body: list
    keyword: str = "if"


@dataclass
class If(Stmt):
    clauses: list
    end_line: int = 0


@dataclass
class Jump(Stmt):
    word: str               # "break", "continue" or "return"


@dataclass
class Function(Stmt):
    """``function [outs] = name(params) ... end``; ``end_line`` is where the body stops
    (its ``end``, the next ``function``, or the line after the file's last line)."""
    name: str
    params: list            # parameter names ("~" for an ignored one)
    outputs: list           # Name nodes (their line and column are Octave's error position)
    body: list
    end_line: int = 0
    defaults: dict = field(default_factory=dict)    # parameter -> its default value expression


@dataclass
class CommandCall(Apply):
    """Command syntax ``hold on``, ``print -dpng f.png``: the call ``name('word', ...)``."""


@dataclass
class Command(Stmt):
    """A harmless command (``clc``, ``close all``, ``clear``, ``more off``) kept as a comment."""
    text: str


@dataclass
class Comment(Stmt):
    text: str
    trailing: bool = False  # after code on the same line
    block: bool = False     # a line of a %{ ... %} block


from .parse_eval import Eval, literal_eval  # noqa: E402,F401  (eval of literal text)
# switch, try, do-until and unwind_protect: their nodes and parsing (needs the nodes above)
from .parse_flow import (FlowParser, FLOW_TERMINATORS, Switch, SwitchCase, Try,  # noqa: E402,F401
                         DoUntil, Unwind)


# ------------------------------------------------------------------------------------ limits
# Documented in docs/security.md. Real scripts stay far below them; they exist so that crafted
# input gets a clear error instead of a RecursionError, and the emitted Python always compiles
# (CPython allows 20 nested loops, 100 indentation levels and 200 nested parentheses).
MAX_BLOCK_DEPTH = 16        # if/for/while blocks inside each other
# MAX_NESTING (parentheses, brackets and argument lists inside each other) is the lexer's: 64.
MAX_EXPR_DEPTH = 400        # operators and brackets inside each other in one expression


def children(node):
    """The AST nodes directly inside ``node`` (in source order)."""
    out = []
    # fields() rather than vars(): vars() would give each node a materialised __dict__
    for value in (getattr(node, f.name) for f in fields(node)):
        if isinstance(value, Node):
            out.append(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, Node):
                    out.append(item)
                elif isinstance(item, list):
                    out.extend(x for x in item if isinstance(x, Node))
    return out


def walk(node):
    """Every node of the expression ``node``, without recursion (pre-order)."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(children(n)))


# ------------------------------------------------------------------------------------ parser
_REFUSED_KEYWORDS = {
    "endfunction": "'endfunction' without a 'function'",
}
_BLOCK_ENDS = {"for": ("end", "endfor"), "parfor": ("end", "endparfor"),
               "while": ("end", "endwhile"), "if": ("end", "endif")}
_OPENERS = ("for", "parfor", "while", "if", "switch", "try", "do", "unwind_protect")
_CLOSERS = ("end", "endfor", "endparfor", "endwhile", "endif", "endswitch", "end_try_catch",
            "end_unwind_protect", "until")
_MIDDLES = ("else", "elseif", "case", "otherwise", "catch", "unwind_protect_cleanup")
_NOOP_COMMANDS = {"clc": 0, "clear": 1, "clearvars": 1, "more": 1}
_CMP_OPS = ("==", "~=", "!=", "<", "<=", ">", ">=")
_MUL_OPS = ("*", "/", ".*", "./", "\\", ".\\")
_POW_OPS = ("^", ".^", "**")
_OP_ASSIGN = {"+=": "+", "-=": "-", "*=": "*", "/=": "/", "^=": "^"}
# Binding strength of the left-associative binary operators, in two tiers around ``:``.
_LOGIC_LEVELS = {"||": 1, "&&": 2, "|": 3, "&": 4, **{op: 5 for op in _CMP_OPS}}
_ARITH_LEVELS = {"+": 1, "-": 1, **{op: 2 for op in _MUL_OPS}}
_PREFIX_OPS = ("-", "+", "!", "~")


class Parser(FlowParser, ContainerParser):
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

    # -- statements
    def parse_program(self):
        body, stop = self.parse_block(())
        return body

    def parse_block(self, terminators, opener=None, eof=False):
        """Parse statements up to a keyword in ``terminators``; return (body, that token).

        A statement that cannot be parsed is recorded in ``errors`` and skipped to the end of
        its line; if it opened blocks there (a refused ``for`` header), their closing keywords
        are skipped too, so the statements inside are still parsed and checked.
        """
        body = []
        orphans = 0
        while True:
            tok = self.peek()
            if orphans and tok.kind == "KW" and tok.value in _CLOSERS + _MIDDLES:
                self.next()
                if tok.value in _MIDDLES or tok.value == "until":
                    self._skip_line()
                if tok.value in _CLOSERS:
                    orphans -= 1
                continue
            if tok.kind == "EOF":
                if terminators and not eof:
                    self.error(opener, f"'{opener.value}' has no matching 'end'")
                return body, tok
            if tok.kind == "KW" and tok.value in terminators:
                return body, tok
            if tok.kind == "NL" or tok.is_op(";", ","):
                self.next()
                continue
            if tok.kind == "COMMENT":
                self.next()
                block = tok.text in ("{", "}", "block")
                before = self.toks[self.pos - 2] if self.pos >= 2 else None
                trailing = before is not None and before.line == tok.line and before.kind != "NL"
                body.append(Comment(tok.line, tok.col, tok.value, trailing, block))
                continue
            start = self.pos
            state = (self.in_matrix, self.index_depth, self.nesting)
            try:
                body.append(self.parse_statement())
            except PortError as exc:
                self.errors.append(exc)
                self.in_matrix, self.index_depth, self.nesting = state
                orphans += self._skip_statement(start)
            body.extend(self.extra_comments)
            self.extra_comments = []

    def _skip_line(self):
        while self.peek().kind not in ("NL", "EOF"):
            self.next()

    def _skip_statement(self, start):
        """Skip the rest of a refused statement (to its line's end, or to a keyword of an
        enclosing block); return how many blocks it left open."""
        depth = brackets = 0
        if self.pos == start and self.peek().kind != "EOF":
            self.next()                   # a stray keyword: always move on

        def count(t):
            nonlocal depth, brackets
            if t.is_op("(", "[", "{"):
                brackets += 1
            elif t.is_op(")", "]", "}"):
                brackets -= 1
            elif t.kind == "KW" and brackets <= 0:
                if t.value in _OPENERS:
                    depth += 1
                elif t.value in _CLOSERS and depth:
                    depth -= 1
        for t in self.toks[start:self.pos]:
            count(t)
        while True:
            t = self.peek()
            if t.kind in ("NL", "EOF"):
                return depth
            if t.kind == "KW" and brackets <= 0 and not depth and t.value in _CLOSERS + _MIDDLES:
                return 0                  # it belongs to an enclosing block
            count(t)
            self.next()

    def parse_statement(self):
        tok = self.peek()
        if tok.kind == "KW":
            return self.parse_keyword_statement(tok)
        if tok.kind == "ID" and self._is_command_syntax():
            return self.parse_command(tok)
        if tok.is_op("[") and self._is_multi_assign():
            return self.parse_multi_assign(tok)
        if tok.is_op("++", "--") and self.peek(1).kind == "ID" and not self.peek(1).space:
            self.next()                                 # ``++x``: a statement of its own
            expr = self.parse_expr()
            return self._increment(expr, tok, tok, "pre")
        expr = self.parse_expr()
        nxt = self.peek()
        if nxt.is_op("="):
            self.next()
            self._check_target(expr, tok)
            value = self.parse_expr()
            stmt = Assign(tok.line, tok.col, expr, value, self.end_statement(), eq_col=nxt.col)
            return literal_eval(self, stmt)         # x = eval('text')
        if nxt.kind == "OP" and nxt.value in _OP_ASSIGN:
            self.next()
            self._check_target(expr, tok)
            value = self.parse_expr()
            return Assign(tok.line, tok.col, expr, value, self.end_statement(), _OP_ASSIGN[nxt.value],
                          eq_col=nxt.col)
        if nxt.is_op("++", "--"):
            if nxt.space:
                self.error(nxt, f"'{nxt.value}' after a space is a parse error in Octave "
                                f"(write x{nxt.value} without the space)")
            self.next()
            return self._increment(expr, tok, nxt, "post")
        return literal_eval(self, ExprStmt(tok.line, tok.col, expr, self.end_statement()))

    def _increment(self, target, tok, op, where):
        """``x++``, ``x--``, ``++x``, ``--x`` as a statement: ``x += 1`` that also sets ``ans``
        (to the old value after ``x++``, the new one after ``++x``), as Octave 7 does."""
        self._check_target(target, tok)
        one = Num(op.line, op.col, 1, "1")
        return Assign(tok.line, tok.col, target, one, self.end_statement(), op.value[0],
                      eq_col=op.col, increment=where)

    def _check_target(self, expr, tok):
        if isinstance(expr, Name):
            return
        if isinstance(expr, (Apply, Chain)):
            return
        self.error(tok, "invalid assignment target (only a name or name(index) can be assigned)")

    def end_statement(self):
        """Consume the statement terminator; return True if the result is displayed."""
        tok = self.peek()
        if tok.is_op(";"):
            self.next()
            return False
        if tok.is_op(","):
            self.next()
            return True
        if tok.kind in ("NL", "EOF", "COMMENT"):
            return True
        if tok.kind == "KW" and tok.value in ("end", "endfor", "endwhile", "endif", "else", "elseif",
                                              "function", "endfunction") + FLOW_TERMINATORS:
            return True
        if tok.is_op("++", "--"):
            self.error(tok, f"'{tok.value}' inside an expression is not supported (only as a "
                            f"statement of its own: x{tok.value};)")
        if tok.is_op(".") and self.peek(1).kind == "ID":
            self.error(tok, "structs and field access (s.x) are not supported")
        if tok.is_op("{"):
            self.error(tok, "cell arrays ({...}) are not supported")
        self.error(tok, f"unexpected {describe(tok)}")

    def parse_keyword_statement(self, tok):
        word = tok.value
        if word in _REFUSED_KEYWORDS:
            self.error(tok, _REFUSED_KEYWORDS[word])
        if word in ("for", "parfor", "while", "if", "switch", "try", "do", "unwind_protect"):
            if self.blocks >= MAX_BLOCK_DEPTH:
                self.error(tok, f"more than {MAX_BLOCK_DEPTH} nested if/for/while blocks are not "
                                f"supported")
            self.blocks += 1
            try:
                if word in ("switch", "try", "do", "unwind_protect"):
                    return self.parse_flow_statement(tok)
                return self._parse_block_statement(tok, word)
            finally:
                self.blocks -= 1
        if word in ("global", "persistent"):
            return self.parse_declare(tok)
        if word in ("break", "continue", "return"):
            self.next()
            self.end_statement()
            return Jump(tok.line, tok.col, word)
        if word == "function":
            return self.parse_function(tok)
        if word in ("catch", "case", "otherwise", "until", "unwind_protect_cleanup"):
            self.error(tok, f"'{word}' outside its block")
        self.error(tok, f"unexpected '{word}'")

    def _parse_block_statement(self, tok, word):
        """``for``, ``while`` or ``if`` up to its matching end."""
        if word in ("for", "parfor"):
            if word == "parfor":
                self.error(tok, "parfor is not supported")
            self.next()
            paren = self.peek().is_op("(") and self._paren_for()
            if paren:
                self.next()
            var = self.peek()
            if var.kind != "ID":
                self.error(var, "expected a loop variable after 'for'")
            self.next()
            self.expect_op("=", "after the loop variable")
            expr = self.parse_expr()
            if paren:
                self.expect_op(")", "to close 'for ('")
            body, end = self.parse_block(_BLOCK_ENDS[word], tok)
            self.next()
            return For(tok.line, tok.col, var.value, expr, body, end.line)
        if word == "while":
            self.next()
            cond = self.parse_expr()
            body, end = self.parse_block(_BLOCK_ENDS[word], tok)
            self.next()
            return While(tok.line, tok.col, cond, body, end.line)
        if word == "if":
            self.next()
            clauses = []
            cond = self.parse_expr()
            keyword = tok
            while True:
                body, stop = self.parse_block(("elseif", "else", "end", "endif"), tok)
                clauses.append(IfClause(keyword.line, keyword.col, cond, body, keyword.value))
                self.next()
                if stop.value == "elseif":
                    keyword = stop
                    cond = self.parse_expr()
                elif stop.value == "else":
                    keyword = stop
                    cond = None
                    body, stop = self.parse_block(("end", "endif"), tok)
                    clauses.append(IfClause(keyword.line, keyword.col, None, body, "else"))
                    self.next()
                    return If(tok.line, tok.col, clauses, stop.line)
                else:
                    return If(tok.line, tok.col, clauses, stop.line)

    def parse_declare(self, tok):
        """``global a b`` / ``persistent n``: one or more names, no initial value."""
        self.next()
        names = []
        while self.peek().kind == "ID" and self.peek().line == tok.line:
            t = self.next()
            names.append(Name(t.line, t.col, t.value))
        if self.peek().is_op("="):
            self.error(self.peek(), f"an initial value in '{tok.value} x = v' is not supported "
                                    f"(declare, then assign in an 'if isempty(x)' block)")
        if not names:
            self.error(tok, f"'{tok.value}' needs the names of the variables it declares")
        self.end_statement()                # Octave shows nothing, ';' or not
        return Declare(tok.line, tok.col, tok.value, names)

    def parse_function(self, tok):
        """``function [a, b] = name(x, y)``, ``function a = name(x)``, ``function name``."""
        self.next()
        outputs = []
        if self.peek().is_op("["):
            self.next()
            while not self.peek().is_op("]"):
                t = self.next()
                if t.is_op(","):
                    continue
                if t.kind != "ID":
                    self.error(t, f"expected an output name in the function header, found {describe(t)}")
                outputs.append(Name(t.line, t.col, t.value))
            self.next()
            self.expect_op("=", "after the output list")
        elif self.peek().kind == "ID" and self.peek(1).is_op("="):
            t = self.next()
            outputs.append(Name(t.line, t.col, t.value))
            self.next()
        name = self.next()
        if name.kind != "ID":
            self.error(name, f"expected a function name, found {describe(name)}")
        if self.peek().is_op("."):
            self.error(self.peek(), "class methods (function names with '.') are not supported")
        params, defaults = [], {}
        if self.peek().is_op("(") and self.peek().line == name.line:
            self.next()
            while not self.peek().is_op(")"):
                t = self.next()
                if t.is_op(","):
                    continue
                if t.is_op("~", "!"):
                    params.append("~")
                    continue
                if t.kind != "ID":
                    self.error(t, f"expected a parameter name, found {describe(t)}")
                params.append(t.value)
                if self.peek().is_op("="):        # f(x, tol=1e-6): an Octave default value
                    self.next()
                    defaults[t.value] = self.parse_expr()
            self.next()
        for word, names in (("varargin", params), ("varargout", [o.name for o in outputs])):
            if word in names[:-1]:
                self.error(tok, f"'{word}' must be the last name of its list in the header")
        body, stop = self.parse_block(("end", "endfunction", "function"), tok, eof=True)
        if stop.kind == "KW" and stop.value in ("end", "endfunction"):
            self.next()
            end_line = stop.line
        elif stop.kind == "EOF":
            end_line = self.toks[self.pos - 1].line + 1 if self.pos else tok.line + 1
        else:
            end_line = stop.line
        return Function(tok.line, tok.col, name.value, params, outputs, body, end_line, defaults)

    def _paren_for(self):
        """``for (i = 1:n)``: a parenthesis right after 'for' wrapping ``var = expr``."""
        return self.peek(1).kind == "ID" and self.peek(2).is_op("=")

    def _is_command_syntax(self):
        """``hold on``, ``format long``: a name followed by a spaced word or literal."""
        first, second = self.peek(), self.peek(1)
        if second.line != first.line or not second.space:
            return False
        if second.kind in ("ID", "NUM", "KW"):
            return True
        if second.kind == "STR" or second.is_op("'"):
            return True
        if second.kind == "OP" and second.value in ("-", "+") and not self.peek(2).space \
                and self.peek(2).kind in ("ID",) and self.peek(2).line == first.line:
            return True    # "hold -on" style options
        return False

    def parse_command(self, tok):
        words = []
        while self.peek().kind not in ("NL", "EOF", "COMMENT") and not self.peek().is_op(";", ","):
            words.append(self.next())
        if tok.value in _NOOP_COMMANDS and len(words) - 1 <= _NOOP_COMMANDS[tok.value]:
            args = [w.text for w in words[1:]]
            if tok.value == "clear" and args not in ([], ["all"]) or \
                    tok.value == "more" and args != ["off"]:
                self.error(tok, f"command syntax '{' '.join(w.text for w in words)}' is not supported")
            self.end_statement()
            return Command(tok.line, tok.col, " ".join(w.text for w in words))
        args = [Str(w[0].line, w[0].col, "".join(t.value if t.kind == "STR" else t.text for t in w), "'")
                for w in _command_words(words[1:])]
        call = CommandCall(tok.line, tok.col, tok.value, args)
        return ExprStmt(tok.line, tok.col, call, self.end_statement())

    def _is_multi_assign(self):
        depth = 0
        k = 0
        while True:
            t = self.peek(k)
            if t.kind in ("NL", "EOF"):
                return False
            if t.is_op("[", "(", "{"):
                depth += 1
            elif t.is_op("]", ")", "}"):
                depth -= 1
                if depth == 0:
                    return self.peek(k + 1).is_op("=")
            k += 1

    def parse_multi_assign(self, tok):
        self.next()
        targets = []
        while not self.peek().is_op("]"):
            t = self.next()
            if t.is_op(","):
                continue
            if t.is_op("~", "!") and (self.peek().is_op(",", "]")):
                targets.append(Name(t.line, t.col, "~"))     # an ignored output
                continue
            if t.kind != "ID":
                self.error(t, "multiple assignment accepts only plain names on the left")
            if self.peek().is_op("{") and not targets:          # [varargout{1:nargout}] = f()
                targets.append(self.parse_spread_target(Name(t.line, t.col, t.value)))
                if not self.peek().is_op("]"):
                    self.error(self.peek(), "'[c{1:nargout}] = f(...)' takes no other target")
                continue
            targets.append(Name(t.line, t.col, t.value))
        self.next()
        eq = self.expect_op("=", "")
        value = self.parse_expr()
        return MultiAssign(tok.line, tok.col, targets, value, self.end_statement(), eq_col=eq.col)

    # -- expressions
    def parse_expr(self):
        """An expression; at the outermost level, also check its depth against the limit."""
        outermost = self.nesting == 0
        node = self._climb(_LOGIC_LEVELS, self.parse_range)
        if outermost:
            self._check_depth(node)
        return node

    def _climb(self, levels, operand):
        """Left-associative binary operators of ``levels`` between ``operand()``s.

        Precedence climbing with explicit stacks: before an operator is pushed, every pending
        operator that binds at least as tightly is reduced to a :class:`Binary`, so
        ``a - b * c - d`` is ``(a - (b * c)) - d`` and no chain length costs recursion.
        """
        operands = [operand()]
        pending = []

        def reduce():
            op = pending.pop()
            right = operands.pop()
            operands.append(Binary(op.line, op.col, op.value, operands.pop(), right))

        while True:
            tok = self.peek()
            level = levels.get(tok.value) if tok.kind == "OP" else None
            if level is None:
                break
            if self.in_matrix and tok.value in ("+", "-") and tok.space and not self.peek(1).space:
                break            # "[a -b]": the minus starts a new element
            while pending and levels[pending[-1].value] >= level:
                reduce()
            pending.append(self.next())
            operands.append(operand())
        while pending:
            reduce()
        return operands[0]

    def _check_depth(self, node):
        """Refuse an expression nested deeper than ``MAX_EXPR_DEPTH`` (counted without recursion)."""
        stack = [(node, 1)]
        while stack:
            n, depth = stack.pop()
            if depth > MAX_EXPR_DEPTH:
                self.error(n, f"expression nested more than {MAX_EXPR_DEPTH} deep (operators and "
                              f"brackets inside each other); split it into several statements")
            stack.extend((c, depth + 1) for c in children(n))

    @contextmanager
    def nested(self, tok):
        """One parenthesis/bracket/argument-list level deeper, up to ``MAX_NESTING``.

        A context manager rather than a wrapper call, so that it costs no stack frame while the
        nested expression is parsed.
        """
        if self.nesting >= MAX_NESTING:
            self.error(tok, f"more than {MAX_NESTING} nested parentheses, brackets or argument "
                            f"lists are not supported")
        self.nesting += 1
        try:
            yield
        finally:
            self.nesting -= 1

    def parse_range(self):
        start = self._climb(_ARITH_LEVELS, self.parse_unary)     # parse_additive, one frame less
        tok = self.peek()
        if not tok.is_op(":") or self._colon_is_all():
            return start
        self.next()
        second = self.parse_additive()
        if self.peek().is_op(":"):
            self.next()
            third = self.parse_additive()
            return Range(tok.line, tok.col, start, second, third)
        return Range(tok.line, tok.col, start, None, second)

    def _colon_is_all(self):
        return False

    def parse_additive(self):
        return self._climb(_ARITH_LEVELS, self.parse_unary)

    def _prefixes(self):
        """Consume a run of prefix operators (``- + ! ~``); return their tokens."""
        ops = []
        while True:
            tok = self.peek()
            if tok.kind == "OP" and tok.value in _PREFIX_OPS:
                ops.append(self.next())
            elif tok.is_op("++", "--"):
                self.error(tok, f"'{tok.value}' inside an expression is not supported (only "
                                f"as a statement of its own: {tok.value}x;)")
            else:
                return ops

    @staticmethod
    def _apply_prefixes(ops, node):
        for tok in reversed(ops):
            node = Unary(tok.line, tok.col, tok.value, node)
        return node

    def parse_unary(self):
        ops = self._prefixes()
        return self._apply_prefixes(ops, self.parse_power())

    def parse_power(self):
        left = self.parse_postfix()
        while True:
            tok = self.peek()
            if tok.is_op("'", ".'"):          # "x.^2'" is (x.^2)': one level, left to right
                self.next()
                left = Postfix(tok.line, tok.col, tok.value, left)
                continue
            if not (tok.kind == "OP" and tok.value in _POW_OPS):
                return left
            self.next()
            right = self.parse_power_operand()
            op = "^" if tok.value == "**" else tok.value
            left = Binary(tok.line, tok.col, op, left, right)

    def parse_power_operand(self):
        ops = []
        while self.peek().kind == "OP" and self.peek().value in _PREFIX_OPS:
            ops.append(self.next())
        return self._apply_prefixes(ops, self.parse_postfix(transpose=False))

    def parse_postfix(self, transpose=True):
        node = self.parse_primary()
        while True:
            tok = self.peek()
            if tok.is_op("'", ".'") and transpose:
                self.next()
                node = Postfix(tok.line, tok.col, tok.value, node)
            elif tok.is_op("("):
                if self.in_matrix and tok.space:
                    return node
                if isinstance(node, Apply) and not tok.space:     # size(A)(1)
                    with self.nested(tok):
                        args = self.parse_args()
                    node = IndexValue(tok.line, tok.col, node, args)
                    continue
                if not isinstance(node, Name):
                    self.error(tok, "indexing the result of an expression or call is not supported "
                                    "(assign it to a variable first)")
                with self.nested(tok):
                    args = self.parse_args()
                node = Apply(node.line, node.col, node.name, args)
            elif self.starts_step(tok):
                node = self.parse_chain(node)
            else:
                return node

    def parse_args(self, close=")"):
        self.next()      # "(" or "{"
        saved = self.in_matrix
        self.in_matrix = False
        self.index_depth += 1
        args = []
        if self.peek().is_op(close):
            self.next()
        else:
            while True:
                tok = self.peek()
                if tok.is_op(":") and (self.peek(1).is_op(",", close)):
                    self.next()
                    args.append(ColonAll(tok.line, tok.col))
                else:
                    args.append(self.parse_expr())
                tok = self.peek()
                if tok.is_op(","):
                    self.next()
                    continue
                if tok.is_op(close):
                    self.next()
                    break
                if tok.is_op("="):
                    self.error(tok, "keyword arguments (name = value inside a call) are not Octave syntax")
                self.error(tok, f"expected ',' or '{close}' in the argument list, found {describe(tok)}")
        self.index_depth -= 1
        self.in_matrix = saved
        return args

    def parse_primary(self):
        tok = self.peek()
        if tok.kind == "NUM":
            self.next()
            return Num(tok.line, tok.col, tok.value, tok.text)
        if tok.kind == "STR":
            self.next()
            return Str(tok.line, tok.col, tok.value, tok.quote)
        if tok.kind == "ID":
            self.next()
            return Name(tok.line, tok.col, tok.value)
        if tok.is_kw("end") and self.index_depth > 0:
            self.next()
            return End(tok.line, tok.col)
        if tok.is_op("("):
            with self.nested(tok):
                self.next()
                saved = self.in_matrix
                self.in_matrix = False
                if self.peek().kind == "ID" and self.peek(1).is_op("="):
                    name = self.next()              # (x = value): an assignment as a value
                    self.next()
                    inner = AssignExpr(name.line, name.col, name.value, self.parse_expr())
                else:
                    inner = self.parse_expr()
                self.in_matrix = saved
                self.expect_op(")", "to close '('")
            inner.parens = getattr(inner, "parens", 0) + 1    # Octave re-prints them (unparse)
            return inner
        if tok.is_op("["):
            with self.nested(tok):
                return self.parse_matrix()
        if tok.is_op("@"):
            from .parse_handles import parse_handle      # handles and anonymous functions
            return parse_handle(self)
        if tok.is_op("{"):
            with self.nested(tok):
                return self.parse_matrix()
        if tok.is_op(":"):
            self.error(tok, "a bare ':' is only allowed as an index")
        self.error(tok, f"expected an expression, found {describe(tok)}")

    def parse_matrix(self):
        """``[...]`` (a :class:`Matrix`) or ``{...}`` (a :class:`CellLit`): rows of elements."""
        open_tok = self.next()
        close = "}" if open_tok.is_op("{") else "]"
        saved = self.in_matrix
        self.in_matrix = True
        rows = [[]]
        while True:
            tok = self.peek()
            if tok.is_op(close):
                self.next()
                break
            if tok.kind == "EOF":
                self.error(open_tok, f"unterminated '{open_tok.value}'")
            if tok.is_op(";") or tok.kind == "NL":
                self.next()
                rows.append([])
                continue
            if tok.kind == "COMMENT":
                self.next()
                self.extra_comments.append(Comment(tok.line, tok.col, tok.value, True))
                continue
            if tok.is_op(","):
                if not rows[-1]:
                    self.error(tok, "empty element in a matrix")
                self.next()
                continue
            if rows[-1] and not self._separated(tok):
                self.error(tok, f"expected ',' or '{close}' in a matrix, found {describe(tok)}")
            rows[-1].append(self.parse_expr())
        self.in_matrix = saved
        rows = [r for r in rows if r]
        if close == "}":
            return CellLit(open_tok.line, open_tok.col, rows)
        return Matrix(open_tok.line, open_tok.col, rows)

    def _separated(self, tok):
        """Was the previous element closed by a comma, or by whitespace before ``tok``?"""
        prev = self.toks[self.pos - 1]
        return prev.is_op(",", ";", "[") or prev.kind in ("NL", "COMMENT") or tok.space


def _command_words(tokens):
    """Group the tokens after a command name into words: a blank starts a new word."""
    words = []
    for t in tokens:
        if t.space or not words:
            words.append([t])
        else:
            words[-1].append(t)
    return words


def describe(tok):
    """Name a token for an error message."""
    if tok.kind == "EOF":
        return "end of file"
    if tok.kind == "NL":
        return "end of line"
    if tok.kind == "STR":
        return f"string {tok.text}"
    if tok.kind == "KW":
        return f"keyword '{tok.value}'"
    return f"'{tok.text or tok.value}'"


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
