"""Recursive-descent parser for the translated Octave subset.

It turns the tokens of :mod:`octakd.port.lexer` into a small AST (dataclasses below). Every node
keeps the line and column it starts at, so the emitter can keep the Python on the same line and
refusals can point at the construct.

Operator precedence, lowest first, as in Octave::

    ||   &&   |   &   < <= == != >= >   :   + -   * / \\ .* ./ .\\   unary + - ! ~   ^ .^   ' .'

Power is left-associative (``2^3^2`` is 64) and binds tighter than unary minus (``-2^2`` is -4),
but its right operand may carry a sign (``2^-1``).
"""
from dataclasses import dataclass
from typing import Optional

from .errors import PortError
from .lexer import tokenize


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
class Range(Node):
    start: Node
    step: Optional[Node]
    stop: Node


@dataclass
class Matrix(Node):
    rows: list


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


@dataclass
class MultiAssign(Stmt):
    targets: list
    expr: Node
    display: bool = False


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


@dataclass
class Command(Stmt):
    """A harmless command (``clc``, ``close all``, ``clear``, ``more off``) kept as a comment."""
    text: str


@dataclass
class Comment(Stmt):
    text: str
    trailing: bool = False  # after code on the same line
    block: bool = False     # a line of a %{ ... %} block


# ------------------------------------------------------------------------------------ parser
_REFUSED_KEYWORDS = {
    "endfunction": "'endfunction' without a 'function'",
    "switch": "switch statements are not supported",
    "try": "try/catch is not supported",
    "do": "do/until loops are not supported",
    "unwind_protect": "unwind_protect is not supported",
    "global": "global variables are not supported",
    "persistent": "persistent variables are not supported",
}
_BLOCK_ENDS = {"for": ("end", "endfor"), "parfor": ("end", "endparfor"),
               "while": ("end", "endwhile"), "if": ("end", "endif")}
_NOOP_COMMANDS = {"clc": 0, "close": 1, "clear": 1, "clearvars": 1, "more": 1}
_CMP_OPS = ("==", "~=", "!=", "<", "<=", ">", ">=")
_MUL_OPS = ("*", "/", ".*", "./", "\\", ".\\")
_POW_OPS = ("^", ".^", "**")
_OP_ASSIGN = {"+=": "+", "-=": "-", "*=": "*", "/=": "/", "^=": "^"}


class Parser:
    """Parse a token list into a list of statements (see :func:`parse`)."""

    def __init__(self, tokens, filename):
        self.toks = tokens
        self.pos = 0
        self.filename = filename
        self.in_matrix = False      # whitespace separates elements
        self.index_depth = 0        # inside name(...), where 'end' is allowed
        self.extra_comments = []    # comments found inside a multi-line matrix

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
        """Parse statements up to a keyword in ``terminators``; return (body, that token)."""
        body = []
        while True:
            tok = self.peek()
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
            body.append(self.parse_statement())
            body.extend(self.extra_comments)
            self.extra_comments = []

    def parse_statement(self):
        tok = self.peek()
        if tok.kind == "KW":
            return self.parse_keyword_statement(tok)
        if tok.kind == "ID" and self._is_command_syntax():
            return self.parse_command(tok)
        if tok.is_op("[") and self._is_multi_assign():
            return self.parse_multi_assign(tok)
        expr = self.parse_expr()
        nxt = self.peek()
        if nxt.is_op("="):
            self.next()
            self._check_target(expr, tok)
            value = self.parse_expr()
            return Assign(tok.line, tok.col, expr, value, self.end_statement())
        if nxt.kind == "OP" and nxt.value in _OP_ASSIGN:
            self.next()
            self._check_target(expr, tok)
            value = self.parse_expr()
            return Assign(tok.line, tok.col, expr, value, self.end_statement(), _OP_ASSIGN[nxt.value])
        if nxt.is_op("++", "--"):
            self.error(nxt, f"the increment operator '{nxt.value}' is not supported")
        return ExprStmt(tok.line, tok.col, expr, self.end_statement())

    def _check_target(self, expr, tok):
        if isinstance(expr, Name):
            return
        if isinstance(expr, Apply):
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
                                              "function", "endfunction"):
            return True
        if tok.is_op(".") and self.peek(1).kind == "ID":
            self.error(tok, "structs and field access (s.x) are not supported")
        if tok.is_op("{"):
            self.error(tok, "cell arrays ({...}) are not supported")
        if tok.is_op("@"):
            self.error(tok, "function handles and anonymous functions are not supported")
        self.error(tok, f"unexpected {describe(tok)}")

    def parse_keyword_statement(self, tok):
        word = tok.value
        if word in _REFUSED_KEYWORDS:
            self.error(tok, _REFUSED_KEYWORDS[word])
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
        if word in ("break", "continue", "return"):
            self.next()
            self.end_statement()
            return Jump(tok.line, tok.col, word)
        if word == "function":
            return self.parse_function(tok)
        if word in ("catch", "case", "otherwise", "until"):
            self.error(tok, f"'{word}' is not supported")
        self.error(tok, f"unexpected '{word}'")

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
        params = []
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
                if t.is_op("=") or self.peek().is_op("="):
                    self.error(self.peek(), "default parameter values are not Octave syntax")
                params.append(t.value)
            self.next()
        for word, names in (("varargin", params), ("varargout", [o.name for o in outputs])):
            if word in names:
                self.error(tok, f"'{word}' is not supported yet")
        body, stop = self.parse_block(("end", "endfunction", "function"), tok, eof=True)
        if stop.kind == "KW" and stop.value in ("end", "endfunction"):
            self.next()
            end_line = stop.line
        elif stop.kind == "EOF":
            end_line = self.toks[self.pos - 1].line + 1 if self.pos else tok.line + 1
        else:
            end_line = stop.line
        return Function(tok.line, tok.col, name.value, params, outputs, body, end_line)

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
            if tok.value in ("close", "clear") and args not in ([], ["all"]) or \
                    tok.value == "more" and args != ["off"]:
                self.error(tok, f"command syntax '{' '.join(w.text for w in words)}' is not supported")
            self.end_statement()
            return Command(tok.line, tok.col, " ".join(w.text for w in words))
        self.error(tok, f"command syntax '{' '.join(w.text for w in words)}' is not supported "
                        f"(write it as a function call with parentheses)")

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
            targets.append(Name(t.line, t.col, t.value))
        self.next()
        self.expect_op("=", "")
        value = self.parse_expr()
        return MultiAssign(tok.line, tok.col, targets, value, self.end_statement())

    # -- expressions
    def parse_expr(self):
        return self.parse_oror()

    def _binary_level(self, ops, sub):
        left = sub()
        while True:
            tok = self.peek()
            if not (tok.kind == "OP" and tok.value in ops):
                return left
            if self.in_matrix and tok.value in ("+", "-") and tok.space and not self.peek(1).space:
                return left       # "[a -b]": the minus starts a new element
            self.next()
            right = sub()
            left = Binary(tok.line, tok.col, tok.value, left, right)

    def parse_oror(self):
        return self._binary_level(("||",), self.parse_andand)

    def parse_andand(self):
        return self._binary_level(("&&",), self.parse_or)

    def parse_or(self):
        return self._binary_level(("|",), self.parse_and)

    def parse_and(self):
        return self._binary_level(("&",), self.parse_cmp)

    def parse_cmp(self):
        return self._binary_level(_CMP_OPS, self.parse_range)

    def parse_range(self):
        start = self.parse_additive()
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
        return self._binary_level(("+", "-"), self.parse_mult)

    def parse_mult(self):
        return self._binary_level(_MUL_OPS, self.parse_unary)

    def parse_unary(self):
        tok = self.peek()
        if tok.kind == "OP" and tok.value in ("-", "+", "!", "~"):
            self.next()
            operand = self.parse_unary()
            return Unary(tok.line, tok.col, tok.value, operand)
        if tok.is_op("++", "--"):
            self.error(tok, f"the increment operator '{tok.value}' is not supported")
        return self.parse_power()

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
        tok = self.peek()
        if tok.kind == "OP" and tok.value in ("-", "+", "!", "~"):
            self.next()
            return Unary(tok.line, tok.col, tok.value, self.parse_power_operand())
        return self.parse_postfix(transpose=False)

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
                if not isinstance(node, Name):
                    self.error(tok, "indexing the result of an expression or call is not supported "
                                    "(assign it to a variable first)")
                node = Apply(node.line, node.col, node.name, self.parse_args())
            elif tok.is_op(".") and self.peek(1).kind == "ID" and not tok.space:
                self.error(tok, "structs and field access (s.x) are not supported")
            elif tok.is_op(".") and self.peek(1).is_op("("):
                self.error(tok, "dynamic field access is not supported")
            elif tok.is_op("{") and not (self.in_matrix and tok.space):
                self.error(tok, "cell arrays ({...}) are not supported")
            else:
                return node

    def parse_args(self):
        self.next()      # "("
        saved = self.in_matrix
        self.in_matrix = False
        self.index_depth += 1
        args = []
        if self.peek().is_op(")"):
            self.next()
        else:
            while True:
                tok = self.peek()
                if tok.is_op(":") and (self.peek(1).is_op(",", ")")):
                    self.next()
                    args.append(ColonAll(tok.line, tok.col))
                else:
                    args.append(self.parse_expr())
                tok = self.peek()
                if tok.is_op(","):
                    self.next()
                    continue
                if tok.is_op(")"):
                    self.next()
                    break
                if tok.is_op("="):
                    self.error(tok, "keyword arguments (name = value inside a call) are not Octave syntax")
                self.error(tok, f"expected ',' or ')' in the argument list, found {describe(tok)}")
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
            self.next()
            saved = self.in_matrix
            self.in_matrix = False
            inner = self.parse_expr()
            self.in_matrix = saved
            self.expect_op(")", "to close '('")
            return inner
        if tok.is_op("["):
            return self.parse_matrix()
        if tok.is_op("@"):
            nxt = self.peek(1)
            what = "anonymous functions are not supported" if nxt.is_op("(") else \
                "function handles are not supported"
            self.error(tok, what)
        if tok.is_op("{"):
            self.error(tok, "cell arrays ({...}) are not supported")
        if tok.is_op(":"):
            self.error(tok, "a bare ':' is only allowed as an index")
        self.error(tok, f"expected an expression, found {describe(tok)}")

    def parse_matrix(self):
        open_tok = self.next()
        saved = self.in_matrix
        self.in_matrix = True
        rows = [[]]
        while True:
            tok = self.peek()
            if tok.is_op("]"):
                self.next()
                break
            if tok.kind == "EOF":
                self.error(open_tok, "unterminated '['")
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
                self.error(tok, f"expected ',' or ']' in a matrix, found {describe(tok)}")
            rows[-1].append(self.parse_expr())
        self.in_matrix = saved
        rows = [r for r in rows if r]
        return Matrix(open_tok.line, open_tok.col, rows)

    def _separated(self, tok):
        """Was the previous element closed by a comma, or by whitespace before ``tok``?"""
        prev = self.toks[self.pos - 1]
        return prev.is_op(",", ";", "[") or prev.kind in ("NL", "COMMENT") or tok.space


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
    """Parse Octave source into a list of statements (raises :class:`PortError`)."""
    return Parser(tokenize(text, filename), filename).parse_program()
