"""Octave's own re-printing of an expression, for the text of anonymous functions.

GNU Octave does not keep the source text of ``@(x) x.^2+a``: it prints the function from its
parse tree (``tree_print_code``), so ``f = @(x) x.^2+a`` displays ``@(x) x .^ 2 + a``. The rules,
recorded from GNU Octave 7.3 (tests/port_probes/anon_text*.m):

* binary operators get one space on each side; ``~=`` prints ``!=``, ``~x`` prints ``!x``,
  ``**`` prints ``^``; prefix operators and transposes stick to their operand (``-x``, ``x'``);
* ranges print without spaces (``1:2:n``); matrices as ``[a, b; c, d]`` whatever their separators;
* a call or index prints a space before its parenthesis (``sin (x)``, ``x (:, 1)``), except
  directly inside ``[...]`` or ``{...}`` (``[f(x), 1]``); a parenthesised expression restores
  the space (``[(f (x))]``); the parentheses of the source are kept;
* numbers print their source text (``1.50e3``, ``2i``); single-quoted strings print their value
  between quotes, as is (Octave does not double an inner quote); double-quoted strings re-escape;
* a nested anonymous function prints no space after its parameters (``@(x) @(y)x + y``).

:func:`octave_text` raises :class:`Unprintable` for what it cannot print exactly as Octave does
(hexadecimal literals, strings with control characters, nodes it does not know), so the
translator refuses the function instead of showing a different text. The walk uses an explicit
stack, so a long operator chain costs no recursion.
"""
from . import parser as P
from .parse_handles import AnonFunc, FuncHandle
from .syntax import drive

_OPS = {"~=": "!=", "~": "!", "**": "^"}
# Octave's undo_string_escape for the characters a double-quoted string can hold.
_DQ = {"\\": "\\\\", '"': '\\"', "\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n",
       "\r": "\\r", "\t": "\\t", "\v": "\\v"}


class Unprintable(Exception):
    """The expression holds ``node``, which Octave would print differently."""

    def __init__(self, node, what):
        super().__init__(what)
        self.node = node
        self.what = what


def octave_text(node, nest="n"):
    """The text GNU Octave prints for the expression ``node``; raises :class:`Unprintable`."""
    return drive(_visit(node, nest), _visit)


def anonymous_text(node):
    """``@(x, y) body`` as Octave displays an anonymous function held in a variable."""
    return f"@({', '.join(node.params)}) {octave_text(node.body)}"


def _visit(node, nest):
    """(generator) The text of ``node``; yields (child, nest) and receives the child's text.

    ``nest`` is the innermost enclosing bracket: ``[``, ``{``, ``(`` or ``n`` (none)."""
    parens = getattr(node, "parens", 0)
    if parens:
        nest = "("
    handler = _HANDLERS.get(type(node))
    if handler is None:
        raise Unprintable(node, f"{type(node).__name__} nodes")
    text = yield from handler(node, nest)
    return "(" * parens + text + ")" * parens


def _num(node, nest):
    if node.text[:2].lower() == "0x":
        raise Unprintable(node, "hexadecimal literals")
    return node.text
    yield                                    # a generator, like every handler


def _str(node, nest):
    value = node.value
    if any(ord(c) < 32 and c not in _DQ for c in value) or "\x7f" in value:
        raise Unprintable(node, "strings holding control characters")
    if node.quote == "'":
        return "'" + value + "'"
    return '"' + "".join(_DQ.get(c, c) for c in value) + '"'
    yield


def _name(node, nest):
    return node.name
    yield


def _end(node, nest):
    return "end"
    yield


def _colon_all(node, nest):
    return ":"
    yield


def _apply(node, nest):
    args = []
    for a in node.args:
        args.append((yield a, nest))
    opening = "(" if nest in "[{" else " ("
    return node.name + opening + ", ".join(args) + ")"


def _binary(node, nest):
    left = yield node.left, nest
    right = yield node.right, nest
    return f"{left} {_OPS.get(node.op, node.op)} {right}"


def _unary(node, nest):
    return _OPS.get(node.op, node.op) + (yield node.operand, nest)


def _postfix(node, nest):
    return (yield node.operand, nest) + node.op


def _range(node, nest):
    parts = [node.start] + ([node.step] if node.step is not None else []) + [node.stop]
    texts = []
    for p in parts:
        texts.append((yield p, nest))
    return ":".join(texts)


def _matrix(node, nest):
    rows = []
    for row in node.rows:
        items = []
        for x in row:
            items.append((yield x, "["))
        rows.append(", ".join(items))
    return "[" + "; ".join(rows) + "]"


def _chain(node, nest):
    """``s.a``, ``c {1}``, ``x (1).b {end}``, ``s.(n)``: an index step takes the call's space."""
    text = node.name
    opening = "" if nest in "[{" else " "
    for step in node.steps:
        if step.kind == ".":
            text += "." + step.field
            continue
        args = []
        for a in step.args:
            args.append((yield a, "(" if step.kind == ".()" else nest))
        if step.kind == ".()":
            text += ".(" + args[0] + ")"
        else:
            text += opening + step.kind[0] + ", ".join(args) + step.kind[1]
    return text


def _cell(node, nest):
    rows = []
    for row in node.rows:
        items = []
        for x in row:
            items.append((yield x, "{"))
        rows.append(", ".join(items))
    return "{" + "; ".join(rows) + "}"


def _anon(node, nest):
    return f"@({', '.join(node.params)})" + (yield node.body, nest)


def _handle(node, nest):
    return "@" + node.name
    yield


_HANDLERS = {P.Num: _num, P.Str: _str, P.Name: _name, P.End: _end, P.ColonAll: _colon_all,
             P.Apply: _apply, P.Binary: _binary, P.Unary: _unary, P.Postfix: _postfix,
             P.Range: _range, P.Matrix: _matrix, AnonFunc: _anon, FuncHandle: _handle,
             P.Chain: _chain, P.CellLit: _cell}
