"""Translate-time checks of the text functions whose arguments decide what can be translated.

``regexp``/``regexpi``/``regexprep`` take their options as literal strings; a literal pattern
or replacement is translated now, so a construct Python's ``re`` cannot reproduce is refused
with ``file:line:col`` before the script runs. ``format`` takes only ``short``, ``long``,
each optionally with ``g`` or ``e``, ``compact`` and ``loose`` (``bank``, ``rat``, the
upper-case ``G``/``E`` forms... are refused).
"""
from . import parser as P
from .runtime import regex

_REGEX_OPTIONS = {"once", "ignorecase", "matchcase", "match", "start", "end", "tokens", "names",
                  "split", "tokenExtents"}
_SELECTORS = {"match", "start", "end", "tokens", "names", "split", "tokenExtents"}


def check_text_call(emitter, node, name, args):
    """Refuse (``emitter.error``) a text call this port cannot translate faithfully."""
    if name in ("regexp", "regexpi", "regexprep"):
        _check_regex(emitter, node, name, args)
    elif name == "format":
        words = [_literal(a) for a in args]
        if words and isinstance(words[0], str):   # Octave: 'format LONG', 'format longG' (the
            words[0] = words[0].lower()           # first word in any case; 'long G' is an error)
        if not (words in ([], ["compact"], ["loose"]) or
                len(words) == 1 and words[0] in ("short", "long", "shortg", "longg", "shorte",
                                                 "longe") or
                len(words) == 2 and words[0] in ("short", "long") and words[1] in ("g", "e")):
            emitter.error(node, "format: only 'format', 'format short', 'format long', "
                                "'format short g', 'format long g', 'format short e', "
                                "'format long e', 'format compact' and 'format loose' are "
                                "supported")


def _literal(arg):
    return arg.value if isinstance(arg, P.Str) else None


def _check_regex(emitter, node, name, args):
    first_option = 3 if name == "regexprep" else 2
    if len(args) < first_option:
        emitter.error(node, f"{name} needs at least {first_option} arguments")
    options = []
    for arg in args[first_option:]:
        word = _literal(arg)
        if word is None:
            emitter.error(arg, f"{name}: options must be literal strings ('once', 'ignorecase')")
        if word not in _REGEX_OPTIONS or (name == "regexprep" and word in _SELECTORS):
            emitter.error(arg, f"{name}: the option '{word}' is not supported")
        options.append(word)
    pattern = _literal(args[1])
    try:
        if pattern is not None:
            compiled = regex._translate(pattern)
            if name == "regexprep" and _literal(args[2]) is not None:
                regex._replacement(_literal(args[2]), compiled.groups)
    except regex.RegexError as exc:
        emitter.error(args[1] if "replacement" not in str(exc) else args[2], str(exc))


_CHAR_OPERATORS = {"+", "-", ".*", "./", ".\\", ".^", "*", "/", "\\", "^",
                   "==", "~=", "!=", "<", "<=", ">", ">="}


def char_operation(emitter, node, end):
    """(generator, for Emitter.x_Binary) An operator with a text operand: ``char_op``, which
    works on the character codes as Octave does (``s - '0'``, ``s == 'a'``)."""
    if node.op not in _CHAR_OPERATORS:
        emitter.error(node, f"'{node.op}' on character strings is not supported")
    left = (yield node.left, False, end)[0]
    right = (yield node.right, False, end)[0]
    return f"{emitter.runtime('char_op')}({node.op!r}, {left}, {right})"


def char_negation(emitter, node, end):
    """(generator, for Emitter.x_Unary) ``-s`` or ``+s`` of text: the negated (or plain)
    character codes."""
    operand = (yield node.operand, False, end)[0]
    return f"{emitter.runtime('char_op')}({node.op!r}, 0, {operand})"
