"""``eval`` with literal text: the text is Octave code the script wrote, so it is parsed when
porting, like the rest of the script. Text computed at run time is never run (the emitter
refuses it): octakd does not translate code at run time.

    eval('x = 3')                    an :class:`Eval` holding ``x = 3`` (shown, as in Octave)
    eval('y = 4;')                   ... holding ``y = 4;``
    eval('risky()', 'disp(1)')       a ``try``/``catch`` of the two texts (Octave's rule)
    v = eval('a + b');               ``v = a + b;``

Octave ignores the semicolon after ``eval(...)``: the statements of the text decide what is
shown. The parsed statements are placed on the line of the ``eval``, their columns shifted to
the text's place in it (``octakd port --check`` reports a refused construct inside the text
there). Only one line of text is accepted.
"""
import dataclasses
from dataclasses import dataclass

from .errors import PortError


@dataclass
class Eval:
    """``eval('text')``: the statements of the text (a flow statement of one body)."""
    line: int
    col: int
    body: list


def literal_eval(parser, stmt):
    """The statement that replaces ``stmt`` when it is ``eval`` of literal text (``eval('s')``,
    ``eval('s', 'c')``, ``x = eval('e')``), else ``stmt`` itself."""
    from .parser import Apply, Assign, ExprStmt, Name, Str, Try
    call = stmt.expr if isinstance(stmt, (ExprStmt, Assign)) else None
    if not (isinstance(call, Apply) and call.name == "eval" and call.args and
            all(isinstance(a, Str) for a in call.args)):
        return stmt
    if isinstance(stmt, Assign):
        if len(call.args) != 1 or not isinstance(stmt.target, Name) or stmt.op:
            parser.error(call, "eval with literal text is supported as a statement, or as "
                               "'x = eval(text)' with one text")
        value = _parse_text(parser, call.args[0], expression=True)
        return Eval(stmt.line, stmt.col, [dataclasses.replace(stmt, expr=value)])
    if len(call.args) > 2:
        parser.error(call, "eval takes one or two texts")
    body = _parse_text(parser, call.args[0])
    if len(call.args) == 1:
        return Eval(stmt.line, stmt.col, body)
    handler = _parse_text(parser, call.args[1])
    return Try(stmt.line, stmt.col, body, None, handler, catch_line=stmt.line,
               catch_col=call.args[1].col, end_line=stmt.line)


def _parse_text(parser, arg, expression=False):
    """The statements (or the expression) of the literal ``arg``, placed where it stands."""
    from .lexer import tokenize
    from .parser import ExprStmt, Function, Parser
    text = arg.value
    if "\n" in text or "\r" in text:
        parser.error(arg, "eval of text with more than one line is not supported")
    try:
        inner = Parser(tokenize(text, parser.filename), parser.filename)
        stmts = inner.parse_program()
        if inner.errors:
            raise inner.errors[0]
    except PortError as exc:
        raise PortError(parser.filename, arg.line, arg.col + max(exc.col, 1),
                        f"in the text of eval: {exc.message}") from None
    code = [s for s in stmts if type(s).__name__ != "Comment"]
    for s in code:
        if isinstance(s, Function):
            parser.error(arg, "a function definition in the text of eval is not supported")
    if expression:
        if len(code) != 1 or not isinstance(code[0], ExprStmt):
            parser.error(arg, "'x = eval(text)' needs the text of one expression")
        code = [code[0].expr]
    for node in code:
        _relocate(node, arg.line, arg.col)
    return code[0] if expression else code


def _relocate(node, line, col):
    """Put every node of ``node`` on ``line``, columns shifted past the quote at ``col``."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, list):
            stack.extend(n)
            continue
        if not dataclasses.is_dataclass(n):
            continue
        for f in dataclasses.fields(n):
            value = getattr(n, f.name)
            if f.name == "line" or f.name.endswith("_line"):
                setattr(n, f.name, line if value else value)
            elif (f.name == "col" or f.name.endswith("_col")) and isinstance(value, int):
                setattr(n, f.name, col + value if value else value)
            elif isinstance(value, list) or dataclasses.is_dataclass(value):
                stack.append(value)
