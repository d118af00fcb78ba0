"""Emitting ``clear`` and ``clearvars``: the variables they remove are known when porting.

``clear`` is accepted at the top level of a script, outside any block, where the statements
run in order: the translator then knows exactly which variables exist (``defined``), expands
the patterns against them, and forgets the removed names, so a later use of one is refused like
any name not assigned yet. In Python the names leave the script's module::

    clear                   clear_variables(globals(), 'x', 'y')      every variable
    clear x y*              clear_variables(globals(), 'x', 'y1', 'y2')
    clear -x y              clear_variables(globals(), 'x')           all but y (-exclusive)
    clear all               clear_variables(globals(), ...); clear_all()

``clear all`` (``-all``, ``-a``) also forgets every global variable and resets every
``persistent`` variable (Octave clears the functions that hold them); ``clear functions``
(``-f``) does the latter only, ``clear global`` (``-g``) the former. ``clearvars`` takes names
and ``-except names``. The forms are those of Octave 7.3's ``help clear``.

Refused with their reason: ``clear`` inside a function or a block after variables were
assigned, ``-regexp``, ``clear`` of a function's name, options with names where Octave takes
none, and ``clear all``/``clear functions`` after the script defined functions (Octave forgets
them too).
"""
import fnmatch
import re

from . import parser as P

_ALL = ("all", "-all", "-a")
_FUNCTIONS = ("functions", "-functions", "-f")
_GLOBALS = ("global", "-global", "-g")
_VARIABLES = ("variables", "-variables", "-v")
_EXCLUSIVE = ("-exclusive", "-x")


class ClearEmitter:
    """Mixed into :class:`~octakd.port.emit.Emitter` (it uses ``add``, ``error``, ``runtime``,
    ``pyname``, ``defined``, ``sure``, ``global_names``, ``function`` and ``depth``)."""

    def emit_clear(self, s, word, args, indent):
        """``clear``/``clearvars`` with the words ``args`` (command or literal-call syntax)."""
        keep_all, names, extra = self.clear_targets(s, word, args)
        if not self.defined and not extra:
            return self.add(s.line, indent, f"pass  # {word} (no variable yet)")
        if self.function is not None and self.defined:
            self.error(s, f"'{word}' inside a function after variables were assigned is not "
                          f"supported")
        if self.depth > 0 and self.defined:
            self.error(s, f"'{word}' inside an if/for/while block after variables were "
                          f"assigned is not supported (only at the script's top level)")
        if extra and any(f.line < s.line for f in self.own_functions.values()):
            self.error(s, f"'{' '.join([word] + args)}' after the script defined functions is "
                          f"not supported (Octave forgets them too)")
        removed = sorted(n for n in self.defined if (n in names) != keep_all)
        texts = [f"{self.runtime('clear_variables')}(globals()"
                 + "".join(f", {self.pyname(n)!r}" for n in removed if n not in self.global_names)
                 + ")"]
        if "globals" in extra:
            texts.append(f"{self.runtime('octave_globals')}.clear()")
        if "persistent" in extra:
            texts.append(f"{self.runtime('clear_persistent')}()")
        self.defined -= set(removed)
        self.sure -= set(removed)
        self.global_names -= set(removed)
        self.add(s.line, indent, "; ".join(texts))

    def clear_targets(self, s, word, args):
        """(keep_all, names, extra): the names cleared (or kept, with ``keep_all``) and what else
        goes ("globals", "persistent")."""
        options = [a for a in args if a.startswith("-")]
        if args[:1] in ([o] for o in _ALL + _FUNCTIONS + _GLOBALS + _VARIABLES) and len(args) == 1:
            option = args[0]
            if option in _ALL:
                return True, set(), {"globals", "persistent"}
            if option in _FUNCTIONS:
                return False, set(), {"persistent"}
            if option in _GLOBALS:
                return False, set(self.global_names), {"globals"}
            return True, set(), set()
        if word == "clearvars" and args[:1] == ["-except"]:
            return True, self.matching(s, args[1:]), set()
        if word == "clear" and args[:1] and args[0] in _EXCLUSIVE:
            return True, self.matching(s, args[1:]), set()
        if options or any(a in _ALL + _FUNCTIONS + _GLOBALS + _VARIABLES for a in args):
            self.error(s, f"'{' '.join([word] + args)}' is not supported (clear [names], clear "
                          f"-x names, clear all, clear functions, clear global, clear variables)")
        if not args:
            return True, set(), set()
        return False, self.matching(s, args), set()

    def matching(self, s, patterns):
        """The variables that Octave's glob ``patterns`` (``*``, ``?``, ``[abc]``) name."""
        names = set()
        for pattern in patterns:
            if not re.fullmatch(r"[A-Za-z0-9_*?\[\]!^-]+", pattern):
                self.error(s, f"clear: '{pattern}' is not a variable name or pattern")
            found = {n for n in self.defined if fnmatch.fnmatchcase(n, pattern)}
            if not found and not any(c in pattern for c in "*?[") and \
                    self.user_function(pattern) is not None:
                self.error(s, f"clear of the function '{pattern}' is not supported")
            names |= found
        return names


def clear_words(stmt):
    """The words of ``clear('x', 'y')`` as a statement, or None when it is not that."""
    e = stmt.expr
    if isinstance(e, P.Apply) and e.name in ("clear", "clearvars") and \
            all(isinstance(a, P.Str) for a in e.args):
        return [a.value for a in e.args]
    return None
