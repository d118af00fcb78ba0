"""Emitting the statements that update or declare variables beyond plain assignment.

:class:`VariableEmitter` is a mixin of the emitter (it uses ``add``, ``expr``, ``show``,
``emit_assign``, ``note_assigned`` and ``uses_ans``).

``x++`` / ``x--`` / ``++x`` / ``--x`` are Octave 7 statements: ``x += 1`` that also sets
``ans``, to the value before the change (postfix) or after it (prefix), and shows ``ans``
without a semicolon::

    x++                 ans = x; x = x + 1; display('ans', ans)
    ++x;                x = x + 1               (ans is written only when the script reads it)
"""
import dataclasses


class VariableEmitter:
    """The part of the emitter for ``x++`` and its kin."""

    def emit_increment(self, s, indent):
        plain = dataclasses.replace(s, display=False, increment=None)
        wants_ans = s.display or self.uses_ans
        if not wants_ans:
            return self.emit_assign(plain, indent)
        read = f"ans = {self.expr(s.target)[0]}"
        if s.increment == "post":
            self.add(s.line, indent, read)
            self.emit_assign(plain, indent)
        else:
            self.emit_assign(plain, indent)
            self.add(s.line, indent, read)
        self.note_assigned(["ans"])
        if s.display:
            self.add(s.line, indent, self.show("ans"))
