"""The syntax tree of the translated Octave subset: the nodes the parser builds.

Every node keeps the line and column it starts at, so the emitter can keep the Python on the same
line and refusals can point at the construct. The nodes of the rarer control flow (``switch``,
``try``, ``do``, ``unwind_protect``) live in :mod:`octakd.port.parse_flow`, those of handles in
:mod:`octakd.port.parse_handles`; :mod:`octakd.port.parser` re-exports them all.

:func:`children` and :func:`walk` visit a tree without recursion. The limits below bound what
nests in the source (documented in docs/security.md).
"""
from dataclasses import dataclass, field, fields
from typing import Optional


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
    """An assignment used as a value: ``(name = value)`` inside an expression (``while (line =
    fgetl(fid)) != -1``), or the inner assignments of a chain ``a(j) = u(j) = -u(j)``. Octave
    assigns, shows nothing, and gives the value. ``target`` is the indexed or field target
    (``u(j)``, ``s.f``), None for a plain name."""
    name: str
    value: Node
    target: Optional[Node] = None


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


def drive(first, visit):
    """Run a tree visit whose steps are generators, on an explicit stack (no recursion).

    ``first`` is the generator of the root; a generator ``yield``s the arguments of a child's
    visit, ``visit(*args)`` makes that child's generator, and the child's return value is sent
    back to the parent. Returns the root's value."""
    stack = [first]
    value = None
    while stack:
        try:
            request = stack[-1].send(value)
        except StopIteration as finished:
            stack.pop()
            value = finished.value
            continue
        stack.append(visit(*request))
        value = None
    return value


def walk(node):
    """Every node of the expression ``node``, without recursion (pre-order)."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(children(n)))

