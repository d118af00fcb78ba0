"""The parser's part for statements: blocks, assignments, ``for``/``while``/``if``, declarations,
function headers and command syntax.

:class:`StatementParser` is a mixin of :class:`octakd.port.parser.Parser` (it uses its token
helpers ``peek``, ``next``, ``error``, ``expect_op`` and the expression parser's ``parse_expr``).
A statement that cannot be parsed is recorded and skipped (see :meth:`parse_block`), so one run
lists every refusal of a file.
"""
from .errors import PortError
from .lexer import describe
from .parse_eval import literal_eval
from .parse_flow import FLOW_TERMINATORS
from .syntax import (MAX_BLOCK_DEPTH, Apply, Assign, Chain, Command, CommandCall, Comment,
                     Declare, ExprStmt, For, Function, If, IfClause, Jump, MultiAssign, Name,
                     Num, Str, While)

_REFUSED_KEYWORDS = {
    "endfunction": "'endfunction' without a 'function'",
}
_BLOCK_ENDS = {"for": ("end", "endfor"), "parfor": ("end", "endparfor"),
               "while": ("end", "endwhile"), "if": ("end", "endif")}
_OPENERS = ("for", "parfor", "while", "if", "switch", "try", "do", "unwind_protect")
_CLOSERS = ("end", "endfor", "endparfor", "endwhile", "endif", "endswitch", "end_try_catch",
            "end_unwind_protect", "until")
_MIDDLES = ("else", "elseif", "case", "otherwise", "catch", "unwind_protect_cleanup")
_NOOP_COMMANDS = {"clc": 0, "more": 1}
_OP_ASSIGN = {"+=": "+", "-=": "-", "*=": "*", "/=": "/", "^=": "^"}


class StatementParser:
    """Mixed into :class:`~octakd.port.parser.Parser`: statements and blocks."""

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
            if self.peek().is_op("="):                  # a = b(k) = value: a chain
                value = self.assignment_value(value)
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
        if tok.value in ("clear", "clearvars"):     # the emitter reads the words
            text = " ".join([tok.value] + ["".join(t.value if t.kind == "STR" else t.text for t in w)
                                           for w in _command_words(words[1:])])
            self.end_statement()
            return Command(tok.line, tok.col, text)
        if tok.value in _NOOP_COMMANDS and len(words) - 1 <= _NOOP_COMMANDS[tok.value]:
            args = [w.text for w in words[1:]]
            if tok.value == "more" and args != ["off"]:
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
            nxt = self.peek()
            if not nxt.space and (nxt.is_op("(") or nxt.is_op(".") and
                                  (self.peek(1).kind == "ID" or self.peek(1).is_op("("))):
                targets.append(self._indexed_target())      # [e(i), s.v] = f(...)
                continue
            targets.append(Name(t.line, t.col, t.value))
        self.next()
        eq = self.expect_op("=", "")
        value = self.parse_expr()
        return MultiAssign(tok.line, tok.col, targets, value, self.end_statement(), eq_col=eq.col)


    def _indexed_target(self):
        """``e(i)``, ``s.v`` or ``s.a(2).b`` as a target of a multiple assignment (the name was
        just read): parsed as in a matrix, where a blank ends it."""
        self.pos -= 1
        saved = self.in_matrix
        self.in_matrix = True
        try:
            target = self.parse_postfix(transpose=False)
        finally:
            self.in_matrix = saved
        if isinstance(target, Chain) and any(step.kind == "{}" for step in target.steps) or \
                not isinstance(target, (Apply, Chain)):
            self.error(target, "multiple assignment accepts names, indexed names (x(i)) and "
                               "fields (s.f) on the left")
        return target


def _command_words(tokens):
    """Group the tokens after a command name into words: a blank starts a new word."""
    words = []
    for t in tokens:
        if t.space or not words:
            words.append([t])
        else:
            words[-1].append(t)
    return words
