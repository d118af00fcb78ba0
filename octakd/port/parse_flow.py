"""Parsing Octave's other control flow: ``switch``, ``try``, ``do ... until``, ``unwind_protect``.

:class:`FlowParser` is a mixin of :class:`octakd.port.parser.Parser` (it uses its ``peek``,
``next``, ``error``, ``parse_expr``, ``parse_block`` and ``end_statement``). The nodes::

    switch v                    Switch(value, cases=[SwitchCase(labels, cell, body), ...])
      case 1 ...                  labels [expr] for ``case x``, the elements for ``case {a, b}``
      case {2, 'b'} ...           (cell=True); labels None for ``otherwise`` (last only)
      otherwise ...
    end

    try ... catch err ... end   Try(body, ident or None, handler)
    do ... until cond           DoUntil(body, cond)
    unwind_protect ... unwind_protect_cleanup ... end_unwind_protect    Unwind(body, cleanup)

``err`` after ``catch err`` is an ordinary variable (a struct at run time, see
runtime/errors.py): ``err.message`` is parsed as any field access.

Octave's rule for the catch identifier (oct-parse.yy): ``catch`` followed on its line, with no
separator in between, by a statement that is a bare identifier names the error variable.
"""
from dataclasses import dataclass
from typing import Optional

from .lexer import describe
from .syntax import Node, Stmt, Comment

_SWITCH_ENDS = ("end", "endswitch")
_CASE_ENDS = ("case", "otherwise", "end", "endswitch")
_TRY_ENDS = ("catch", "end", "end_try_catch")
_UNWIND_ENDS = ("unwind_protect_cleanup", "end_unwind_protect", "end")
# Keywords after which a statement without ';' still ends (its value is displayed).
FLOW_TERMINATORS = ("case", "otherwise", "endswitch", "catch", "end_try_catch", "until",
                    "unwind_protect_cleanup", "end_unwind_protect")


@dataclass
class SwitchCase(Node):
    labels: Optional[list]      # None for 'otherwise'
    cell: bool
    body: list


@dataclass
class Switch(Stmt):
    value: Node
    cases: list
    end_line: int = 0


@dataclass
class Try(Stmt):
    body: list
    ident: Optional[str]
    handler: list
    catch_line: int = 0
    catch_col: int = 0
    end_line: int = 0


@dataclass
class DoUntil(Stmt):
    body: list
    cond: Node
    until_line: int = 0


@dataclass
class Unwind(Stmt):
    body: list
    cleanup: list
    cleanup_line: int = 0
    end_line: int = 0


def flow_bodies(s):
    """The statement lists inside a flow statement (empty for any other statement)."""
    if isinstance(s, Switch):
        return [c.body for c in s.cases]
    if isinstance(s, Try):
        return [s.body, s.handler]
    if isinstance(s, DoUntil):
        return [s.body]
    if isinstance(s, Unwind):
        return [s.body, s.cleanup]
    if type(s).__name__ == "Eval":          # parse_eval.Eval: the statements of the text
        return [s.body]
    return []


def flow_exprs(s):
    """The expressions a flow statement evaluates itself (not those of its bodies)."""
    if isinstance(s, Switch):
        return [s.value] + [x for c in s.cases for x in (c.labels or [])]
    if isinstance(s, DoUntil):
        return [s.cond]
    return []


class FlowParser:
    """The parser's part for switch, try, do-until and unwind_protect (see module docstring)."""

    catch_names = frozenset()

    def parse_flow_statement(self, tok):
        word = tok.value
        if word == "switch":
            return self.parse_switch(tok)
        if word == "try":
            return self.parse_try(tok)
        if word == "do":
            return self.parse_do(tok)
        return self.parse_unwind(tok)

    def _skip_separators(self):
        """Skip newlines, ';' and ',' (comments are returned, to keep them)."""
        comments = []
        while True:
            t = self.peek()
            if t.kind == "NL" or t.is_op(";", ","):
                self.next()
            elif t.kind == "COMMENT":
                self.next()
                comments.append(t)
            else:
                return comments

    def parse_switch(self, tok):
        self.next()
        value = self.parse_expr()
        cases = []
        pre = [Comment(c.line, c.col, c.value, False) for c in self._skip_separators()]
        while True:
            t = self.peek()
            if t.kind == "EOF":
                self.error(tok, "'switch' has no matching 'end'")
            if t.is_kw(*_SWITCH_ENDS):
                self.next()
                break
            if not t.is_kw("case", "otherwise"):
                self.error(t, "expected 'case', 'otherwise' or 'end' in a switch, found "
                              f"{describe(t)}")
            if cases and cases[-1].labels is None:
                self.error(t, "'otherwise' must be the last clause of a switch")
            self.next()
            labels, cell = None, False
            if t.value == "case":
                labels, cell = self._case_labels(t)
            body, _ = self.parse_block(_CASE_ENDS, tok)
            cases.append(SwitchCase(t.line, t.col, labels, cell, pre + body))
            pre = []
        node = Switch(tok.line, tok.col, value, cases, t.line)
        node.comments = pre           # comments of a switch without cases
        return node

    def _case_labels(self, case_tok):
        """``case x`` -> ([x], False); ``case {a, b}`` -> ([a, b], True)."""
        t = self.peek()
        if not t.is_op("{"):
            return [self.parse_expr()], False
        with self.nested(t):
            self.next()
            saved = self.in_matrix
            self.in_matrix = True
            labels = []
            while True:
                t = self.peek()
                if t.is_op("}"):
                    self.next()
                    break
                if t.is_op(","):
                    self.next()
                    continue
                if t.kind in ("NL", "EOF") or t.is_op(";"):
                    self.error(t, "a case list {...} must be one row on one line")
                if t.is_op("{"):
                    self.error(t, "nested cell arrays in a case list are not supported")
                labels.append(self.parse_expr())
            self.in_matrix = saved
        return labels, True

    def parse_try(self, tok):
        self.next()
        if self.peek().is_op(","):
            self.next()
        body, stop = self.parse_block(_TRY_ENDS, tok)
        ident, handler = None, []
        catch_line, catch_col = stop.line, stop.col
        if stop.value == "catch":
            self.next()
            t, after = self.peek(), self.peek(1)
            if t.kind == "ID" and t.line == stop.line and (
                    after.kind in ("NL", "EOF", "COMMENT") or after.is_op(";", ",")):
                ident = t.value
                self.next()
                if after.is_op(";", ","):
                    self.next()
            if ident is not None:
                self.catch_names = self.catch_names | {ident}
            handler, stop = self.parse_block(("end", "end_try_catch"), tok)
        self.next()
        return Try(tok.line, tok.col, body, ident, handler, catch_line, catch_col, stop.line)

    def parse_do(self, tok):
        self.next()
        body, stop = self.parse_block(("until",), tok)
        self.next()
        cond = self.parse_expr()
        self.end_statement()
        return DoUntil(tok.line, tok.col, body, cond, stop.line)

    def parse_unwind(self, tok):
        self.next()
        body, stop = self.parse_block(_UNWIND_ENDS, tok)
        if stop.value != "unwind_protect_cleanup":     # Octave: a parse error
            self.error(stop, "unwind_protect needs an 'unwind_protect_cleanup' block")
        cleanup_line = stop.line
        self.next()
        cleanup, stop = self.parse_block(("end_unwind_protect", "end"), tok)
        self.next()
        return Unwind(tok.line, tok.col, body, cleanup, cleanup_line, stop.line)
