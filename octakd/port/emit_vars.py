"""Emitting the statements that update or declare variables beyond plain assignment.

:class:`VariableEmitter` is a mixin of the emitter (it uses ``add``, ``expr``, ``show``,
``emit_assign``, ``note_assigned`` and ``uses_ans``).

``x++`` / ``x--`` / ``++x`` / ``--x`` are Octave 7 statements: ``x += 1`` that also sets
``ans``, to the value before the change (postfix) or after it (prefix), and shows ``ans``
without a semicolon::

    x++                 ans = x; x = x + 1; display('ans', ans)
    ++x;                x = x + 1               (ans is written only when the script reads it)

``global x`` makes ``x`` an attribute of the run's one :data:`octave_globals` (runtime/
functions.py), shared by the script, its functions and the function files (each its own Python
module); ``persistent n`` keeps ``n`` in the Python module of its function, renamed (see
:func:`persistent_pyname`)::

    global counter          octave_global('counter')      then counter is octave_globals.counter
    persistent n            _persist7_counter_n = declare_persistent(globals(), '_persist7_counter_n')

A function that declares a persistent variable starts with Python's ``global`` for it. Each is
``[]`` until first assigned, as in Octave. A variable a scope does not declare global is its
own, also when another scope has a global of that name (Octave's rule).
"""
import dataclasses
import os

from . import parser as P
from .errors import PortError
from .runtime import MULTI_OUTPUT as MULTI_OUTPUT_NAMES
from .parse_flow import flow_bodies


class VariableEmitter:
    """The part of the emitter for ``x++`` and its kin, ``global`` and ``persistent``."""

    def setup_declarations(self, f, stmts):
        """Check the ``global``/``persistent`` names of function ``f`` (None: the script, whose
        statements are ``stmts``) and rename the persistent ones; return the Python names a
        function declares with Python's ``global``."""
        if f is None:
            self.share_globals(declarations(stmts, "global"))
            return []
        own = [o.name for o in f.outputs] + list(f.params)
        persistent, shared = declarations(f.body, "persistent"), declarations(f.body, "global")
        for name in persistent + shared:
            if name in own:
                self.error(f, f"'{name}' is a parameter or output of '{f.name}': it cannot "
                              f"also be global or persistent")
        self.renamed = {name: persistent_pyname(f.name, name) for name in persistent}
        self.share_globals(shared)
        return [self.pyname(n) for n in persistent]

    def share_globals(self, names):
        """Spell each global variable of this scope as the attribute of ``octave_globals``."""
        self.global_names = set(names)
        for name in names:                  # (the attribute is spelled as a variable would be)
            self.renamed[name] = f"{self.runtime('octave_globals')}.{self.pyname(name)}"

    def emit_declare(self, s, indent):
        """``global a b`` / ``persistent n``: bind each name to its module variable."""
        if s.word == "persistent" and self.function is None:
            self.error(s, "'persistent' is only allowed inside a function")
        texts = []
        for n in s.names:
            if n.name in self.defined and not self.declared(n.name):
                self.error(n, f"'{n.name}' is already a variable here: declare it {s.word} "
                              f"before assigning it (Octave warns and copies the local value)")
            py = self.pyname(n.name)
            if s.word == "global":
                attribute = py.split(".")[1]
                texts.append(f"{self.runtime('octave_global')}({attribute!r})")
            else:
                texts.append(f"{py} = {self.runtime('declare_persistent')}(globals(), {py!r})")
            self.declared_names.add(n.name)
            self.note_assigned([n.name])
        self.add(s.line, indent, "; ".join(texts))

    def declared(self, name):
        return name in self.declared_names

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


def declarations(body, word):
    """The names declared ``global`` (or ``persistent``) anywhere in ``body``, blocks included,
    functions excluded, in order."""
    names = []
    stack = list(reversed(body))
    while stack:
        s = stack.pop()
        if isinstance(s, P.Declare) and s.word == word:
            names += [n.name for n in s.names if n.name not in names]
        elif not isinstance(s, P.Function):
            for inner in reversed(statement_bodies(s)):
                stack.extend(reversed(inner))
    return names


def statement_bodies(s):
    """The statement lists directly inside ``s`` (a block statement), else []."""
    if isinstance(s, (P.For, P.While)):
        return [s.body]
    if isinstance(s, P.If):
        return [c.body for c in s.clauses]
    return flow_bodies(s)


def persistent_pyname(function, name):
    """The module-level Python variable of ``persistent name`` in ``function``: it starts with
    ``_`` (no user variable does, see ``Emitter.pyname``), and the length of the function's name
    keeps two functions' variables apart (``f`` + ``a_b`` is not ``f_a`` + ``b``)."""
    return f"_persist{len(function)}_{function}_{name}"


class SpreadEmitter:
    """``[varargout{1:nargout}] = f(args)`` in a function: ``f`` is called for this function's
    ``nargout`` outputs and they fill the cell, as in Octave (with ``nargout`` 0 the cell gets
    ``f``'s value if it returns one)::

        [varargout{1:nargout}] = max(v);
        varargout = spread_outputs(None, nargout, max(v, nargout=nargout))
    """

    def emit_spread(self, s, indent):
        target, expr = s.targets[0], s.expr
        if self.function is None or "nargout" in self.defined:
            self.error(target, "'[c{1:nargout}] = f(...)' is only supported inside a function")
        if not isinstance(expr, (P.Apply, P.Name)) or expr.name in self.defined:
            self.error(expr, "'[c{1:nargout}] = f(...)' needs a call of a function by its name")
        args = expr.args if isinstance(expr, P.Apply) else []
        texts = [self.arg_text(a, None) for a in args]
        f = self.user_function(expr.name)
        if f is not None:
            self.user_call(expr, f, args, 0)        # its checks (inputs, definition order)
            self.note_call(f)
            fn = self.pyname(f.name)
        elif expr.name in MULTI_OUTPUT_NAMES:
            fn = self.runtime(expr.name)
        else:
            self.error(expr, f"'[c{{1:nargout}}] = {expr.name}(...)' is not supported (only "
                             f"functions of the script, function files and built-ins with "
                             f"several outputs)")
        call = f"{fn}({', '.join(texts + ['nargout=nargout'])})"
        name = target.name
        py = self.pyname(name)
        current = py if name in self.sure else \
            f"{self.runtime('value_or_none')}(lambda: {py})" if name in self.defined else "None"
        text = f"{py} = {self.runtime('spread_outputs')}({current}, nargout, {call})"
        self.note_assigned([name])
        if s.display:
            text += "; " + self.show(name)
        self.add(s.line, indent, text)


class ExistEmitter:
    """``exist('name'[, kind])`` with a literal name: the translator knows the scope.

    It passes the runtime whether ``name`` is a variable here (known when porting, or asked of
    ``locals()`` when it is assigned on some paths only; a parameter the caller did not pass is
    no variable) and whether it names a function of the script (Octave's 103) or a function file
    (2)::

        exist('x')          exist('x', var=True)
        exist('opt', 'var') exist('opt', 'var', var=opt is not MISSING)     (a parameter)
    """

    def exist_call(self, node):
        """The Python of an ``exist`` call, or None to leave it to the runtime."""
        if not node.args or not isinstance(node.args[0], P.Str) or len(node.args) > 2:
            return None
        name = node.args[0].value
        if name == "ans":
            self.error(node.args[0], "exist('ans') is not supported (octakd keeps 'ans' only "
                                     "when the script reads it)")
        if not (name.isidentifier() and name.isascii()):
            return None                 # a file name: the runtime looks at the disk
        rest = "".join(", " + self.expr(a)[0] for a in node.args[1:])
        var = self._variable_test(name)
        try:
            f = self.user_function(name) if name not in self.defined else None
        except PortError:
            f = None                    # a script file: the runtime finds name.m on the disk
        user = "" if f is None else f", user={103 if name in self.own_functions else 2}"
        return f"{self.runtime('exist')}({name!r}{rest}, var={var}{user})"

    def print_usage_call(self, node):
        """``print_usage()``: Octave 7.3 names the function (or script) it was called in."""
        if node.args:
            self.error(node, "print_usage with arguments is not supported")
        if self.function_file:
            self.error(node, "print_usage in a function file is not supported (Octave prints "
                             "the function's help text, which octakd does not format)")
        name = self.function.name if self.function is not None else \
            os.path.splitext(os.path.basename(self.filename))[0]
        return f"{self.runtime('print_usage')}({name!r})"

    def _variable_test(self, name):
        if name not in self.defined:
            return "False"
        py = self.pyname(name)
        if self.function is not None and name in self.function.params:
            return f"{py} is not {self.runtime('MISSING')}"
        if name in self.sure or name in self.global_names:
            return "True"
        return f"{py!r} in locals()"
