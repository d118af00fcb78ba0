"""The parser's part for expressions: operators by precedence, ranges, postfix indexing, argument
lists, primaries and matrix/cell literals.

Operator precedence, lowest first, as in Octave::

    ||   &&   |   &   < <= == != >= >   :   + -   * / \\ .* ./ .\\   unary + - ! ~   ^ .^   ' .'

Power is left-associative (``2^3^2`` is 64) and binds tighter than unary minus (``-2^2`` is -4),
but its right operand may carry a sign (``2^-1``).

Binary operators are parsed by precedence climbing over an explicit stack, and chains of prefix
operators by a loop, so a long sum costs no Python recursion. Recursion happens only for what
nests in the source (parentheses, brackets, argument lists), bounded by ``MAX_NESTING`` and
``MAX_EXPR_DEPTH``. :class:`ExpressionParser` is a mixin of :class:`octakd.port.parser.Parser`.
"""
from contextlib import contextmanager

from .lexer import MAX_NESTING, describe
from .syntax import (MAX_EXPR_DEPTH, Apply, AssignExpr, Binary, CellLit, Chain, ColonAll,
                     Comment, End, IndexValue, Matrix, Name, Num, Postfix, Range, Str, Unary,
                     children)

_CMP_OPS = ("==", "~=", "!=", "<", "<=", ">", ">=")
_MUL_OPS = ("*", "/", ".*", "./", "\\", ".\\")
_POW_OPS = ("^", ".^", "**")
# Binding strength of the left-associative binary operators, in two tiers around ``:``.
_LOGIC_LEVELS = {"||": 1, "&&": 2, "|": 3, "&": 4, **{op: 5 for op in _CMP_OPS}}
_ARITH_LEVELS = {"+": 1, "-": 1, **{op: 2 for op in _MUL_OPS}}
_PREFIX_OPS = ("-", "+", "!", "~")


class ExpressionParser:
    """Mixed into :class:`~octakd.port.parser.Parser`: expressions."""

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
                if isinstance(node, (Apply, Postfix)) and not tok.space:  # size(A)(1), X'(1,:)
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
                if self.peek().is_op("=") and isinstance(args[-1], Name):
                    args[-1] = self.assignment_value(args[-1])   # A(i = 1:n, 1): Octave assigns i
                tok = self.peek()
                if tok.is_op(","):
                    self.next()
                    continue
                if tok.is_op(close):
                    self.next()
                    break
                if tok.is_op("="):
                    self.error(tok, "only a name can be assigned inside an argument list "
                                    "(f(x = 1) assigns x)")
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
                inner = self.parse_expr()
                if self.peek().is_op("="):         # (x = value): an assignment as a value
                    inner = self.assignment_value(inner)
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

    def assignment_value(self, target):
        """``target = value`` where a value is expected (at the ``=``): an :class:`AssignExpr`;
        ``a = b = c`` nests to the right, as in Octave."""
        eq = self.next()
        if isinstance(target, Name):
            where = None
        elif isinstance(target, (Apply, Chain)):
            where = target
        else:
            self.error(eq, "invalid assignment target (only a name, name(index) or a field can "
                           "be assigned)")
        value = self.parse_expr()
        if self.peek().is_op("="):
            value = self.assignment_value(value)
        return AssignExpr(target.line, target.col, target.name, value, where)
