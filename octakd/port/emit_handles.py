"""Emitting function handles, anonymous functions and calls through them.

A mixin of :class:`octakd.port.emit.Emitter` (it uses the host's ``expr``, ``error``,
``runtime``, ``pyname``, ``user_function``, ``note_call`` and its variable state ``defined``,
``kinds``, ``assigned``)::

    f = @(x) x.^2 + a;   f = anonymous(lambda x=MISSING, *, nargout=1, a=a: x ** 2 + a,
                                       '@(x) x .^ 2 + a')
    g = @sin;            g = fhandle('sin', sin)
    y = f(3);            y = f(3)                  (f is known to hold a handle)
    [m, i] = h(v);       m, i = h(v, nargout=2)
    feval('myfun', 2)    myfun(2)                  (a literal name is resolved when porting)
    str2func('@(x) 2*x') anonymous(lambda x=MISSING, *, nargout=1: 2 * x, '@(x) 2 * x')

The variables the body uses are captured by value when the function is created, as Octave
does: each is a keyword-only parameter whose default Python evaluates at that moment. Any other
name in the body is a function, resolved as a call in the script would be. The display text is
Octave's re-printing of the body (:mod:`octakd.port.unparse`); a body it cannot print exactly
is refused.
"""
import keyword

from . import parser as P
from .errors import PortError
from .functions import declared_inputs, declared_outputs, takes_varargin
from .lexer import tokenize
from .parse_handles import AnonFunc, FuncHandle
from .runtime import FUNCTIONS as RUNTIME_FUNCTIONS, MULTI_OUTPUT as RUNTIME_MULTI_OUTPUT
from .runtime import RENAMED as RUNTIME_RENAMED
from .unparse import Unprintable, anonymous_text

HANDLE_NODES = (AnonFunc, FuncHandle)
# Functions whose template the translator prepares (Octave expands the escapes of a
# single-quoted template; a Python string does not remember its quotes): called directly only.
FORMAT_FUNCTIONS = frozenset({"printf", "fprintf", "sprintf", "error", "warning"})
ATOM = 100          # emit.ATOM: the precedence of a call


def _free_names(node):
    """Names an expression reads (variables or functions), leaving out the parameters of the
    anonymous functions inside it where they are bound; without recursion."""
    names = set()
    stack = [(node, frozenset())]
    while stack:
        n, bound = stack.pop()
        if isinstance(n, AnonFunc):
            bound = bound | set(n.params)
        elif isinstance(n, (P.Name, P.Apply, P.Chain)) and n.name not in bound:
            names.add(n.name)
        stack.extend((c, bound) for c in P.children(n))
    return names


class HandleEmitter:
    """Function handles in the emitter (see the module docstring)."""

    # --------------------------------------------------------------------------- @name
    def x_FuncHandle(self, node, cond, end):
        name = node.name
        fn = self.user_function(name)
        if fn is not None:
            if self.at_top and fn.name in self.own_functions and fn.line > node.line:
                self.error(node, f"'{name}' is defined later in the script: Octave defines a "
                                 f"script's functions when it reaches them (define it before use)")
            self.note_call(fn)
            return (f"{self.runtime('fhandle')}({name!r}, {self.pyname(fn.name)}, "
                    f"{declared_outputs(fn)})"), ATOM
        if name in FORMAT_FUNCTIONS:
            self.error(node, f"a handle to {name} is not supported (its template's escapes depend "
                             f"on the quotes of the string it gets); call {name} directly or in "
                             f"an anonymous function: @(x) {name}(...)")
        py = self.runtime_spelling(name)
        if py is None:
            self.error(node, f"'@{name}': no function '{name}' (no {name}.m beside the script "
                             f"or in a --path folder, and not a built-in octakd translates)")
        return f"{self.runtime('fhandle')}({name!r}, {self.runtime(py)})", ATOM

    @staticmethod
    def runtime_spelling(name):
        """The runtime's Python name of the Octave function ``name``, or None."""
        if name not in RUNTIME_FUNCTIONS:
            return None
        py = "octave_" + name if keyword.iskeyword(name) else name
        return RUNTIME_RENAMED.get(py, RUNTIME_RENAMED.get(name, py))

    # ----------------------------------------------------------------------- @(x) body
    def x_AnonFunc(self, node, cond, end):
        try:
            text = anonymous_text(node)
        except Unprintable as exc:
            self.error(exc.node, f"an anonymous function holding {exc.what} is not supported "
                                 f"(octakd could not display it as Octave does)")
        params = [p for p in node.params if p != "~"]
        read = _free_names(node.body)
        for word in ("nargin", "nargout"):
            if word in read and word not in params and word not in self.defined:
                self.error(node, f"'{word}' inside an anonymous function is not supported")
        captured = sorted(n for n in read if n in self.defined and n not in params)
        for name in captured:
            if name in self.global_names:
                self.error(node, f"an anonymous function that captures the global '{name}' is "
                                 f"not supported (copy it to a variable first: g = {name};)")
        saved = self.defined, self.kinds, self.assigned
        self.defined = set(params) | set(captured)
        self.kinds = dict(self.kinds, **{p: "unknown" for p in params})
        self.assigned = self.assigned | set(params)
        try:
            body = self.anonymous_body(node.body)
        finally:
            self.defined, self.kinds, self.assigned = saved
        missing = self.runtime("MISSING")
        names = [f"{self.pyname(p) if p != '~' else f'_ignored{k + 1}'}={missing}"
                 for k, p in enumerate(node.params)]
        names += ["*", "nargout=1"] + [f"{self.pyname(c)}={self.pyname(c)}" for c in captured]
        rest = ", True" if node.params[-1:] == ["varargin"] else ""
        return (f"{self.runtime('anonymous')}(lambda {', '.join(names)}: {body}, {text!r}{rest})",
                ATOM)

    def anonymous_body(self, body):
        """The body's Python; a call at its top (parenthesised or not, as in Octave) gets the
        handle's ``nargout``: ``@(t) (cost(t, X))`` gives fminunc both outputs of ``cost``."""
        if not isinstance(body, (P.Apply, P.Name)) or body.name in self.defined:
            return self.expr(body)[0]
        args = body.args if isinstance(body, P.Apply) else []
        fn = self.user_function(body.name)
        if fn is not None:
            if len(args) > len(fn.params) and not takes_varargin(fn):
                self.error(body, f"{fn.name}: function called with too many inputs "
                                 f"({len(args)} given, it takes {len(fn.params)})")
            if self.at_top and fn.name in self.own_functions and fn.line > body.line:
                self.error(body, f"'{fn.name}' is defined later in the script: Octave defines "
                                 f"a script's functions when it reaches them (define it before use)")
            for a in args:
                if isinstance(a, P.ColonAll):
                    self.error(a, f"':' is not a valid argument of {fn.name}")
            self.note_call(fn)
            texts = [self.expr(a)[0] for a in args] + ["nargout=nargout"]
            return f"{self.pyname(fn.name)}({', '.join(texts)})"
        text = self.expr(body)[0]
        if body.name in RUNTIME_MULTI_OUTPUT and text.endswith(")"):
            return text[:-1] + ("" if text.endswith("()") else ", ") + "nargout=nargout)"
        return text

    # -------------------------------------------------------------------- calling handles
    def is_handle(self, name):
        """Is the variable ``name`` known (statically) to hold a function handle?"""
        return name in self.defined and self.kinds.get(name) == "handle"

    def handle_call(self, node, nargout=1):
        """``f(args)`` where the variable ``f`` holds a handle: a Python call."""
        texts = []
        for a in node.args:
            if isinstance(a, P.ColonAll) or any(isinstance(n, P.End) for n in P.walk(a)):
                self.error(a, f"':' and 'end' are not valid arguments of the function handle "
                              f"'{node.name}'")
            texts.append(self.expr(a)[0])
        if nargout != 1:
            texts.append(f"nargout={nargout}")
        return f"{self.pyname(node.name)}({', '.join(texts)})"

    def emit_handle_multi(self, s, indent):
        """``[a, b] = f(x)`` where ``f`` is a variable: a call with ``nargout``."""
        expr = s.expr
        names = [t.name for t in s.targets]
        targets = ", ".join(self.pyname(t) if t != "~" else "_" for t in names)
        ignored = tuple(k + 1 for k, t in enumerate(names) if t == "~")
        told = f", ignored={ignored!r}" if ignored else ""     # for isargout (runtime/functions)
        if self.is_handle(expr.name):
            call = self.handle_call(expr, len(names))[:-1] + told + ")"
        else:           # a variable of unknown kind (a function's parameter): checked at run time
            args = [self.pyname(expr.name)] + [self.expr(a)[0] for a in expr.args]
            call = f"{self.runtime('call_handle')}({', '.join(args)}, nargout={len(names)}{told})"
        names = [t for t in names if t != "~"]
        self.defined.update(names)
        text = f"{targets} = {call}"
        if s.display:
            text += "; " + "; ".join(self.show(t) for t in names)
        self.add(s.line, indent, text)

    # ------------------------------------------------------ feval / str2func with a literal
    def literal_function_call(self, node):
        """``feval('name', ...)`` and ``str2func('text')`` with a literal: resolved when
        porting (a function file is found then, as Octave finds it). None for other calls.

        Also refuses ``arrayfun``/``cellfun`` with ``'UniformOutput', false`` while the runtime
        has no cell arrays to hold their results."""
        if node.name in ("arrayfun", "cellfun"):
            self._check_uniform_output(node)
        if node.name in ("nargin", "nargout") and len(node.args) == 1:
            return self._declared_count(node)
        if node.name not in ("feval", "str2func") or not node.args or \
                not isinstance(node.args[0], P.Str):
            return None
        text = node.args[0].value
        if node.name == "str2func":
            if len(node.args) > 1:
                return None
            handle = self._parse_literal_handle(node.args[0], text)
            return self.expr(handle)[0]
        if not text.isidentifier() or not text.isascii():
            self.error(node.args[0], f"feval: '{text}' is not a function name")
        fn = self.user_function(text)
        call = P.Apply(node.line, node.col, text, node.args[1:])
        if fn is None:
            if text not in RUNTIME_FUNCTIONS:
                self.error(node.args[0], f"feval: the function '{text}' is not supported")
            return self.call(call, text, call.args)     # a built-in, called directly
        saved = self.defined
        self.defined = self.defined - {text}        # feval calls functions, never variables
        try:
            return self.user_call(call, fn, call.args)
        finally:
            self.defined = saved

    def _declared_count(self, node):
        """``nargin(@f)``, ``nargout('f')``, ``nargin(@(x, y) ...)``: known when porting (a
        constant); None for the runtime to answer."""
        arg, inputs = node.args[0], node.name == "nargin"
        if isinstance(arg, AnonFunc):
            if not inputs:
                return "-1"
            return str(-len(arg.params) if arg.params[-1:] == ["varargin"] else len(arg.params))
        target = arg.value if isinstance(arg, P.Str) else arg.name if isinstance(arg, FuncHandle) \
            else None
        fn = self.user_function(target) if target and target.isidentifier() else None
        if fn is None:
            return None
        self.note_call(fn)
        return str(declared_inputs(fn) if inputs else declared_outputs(fn))

    def literal_feval(self, expr):
        """``feval('name', args)`` with a literal name of a function (not a variable) as the
        call ``name(args)``; any other expression unchanged."""
        if isinstance(expr, P.Apply) and expr.name == "feval" and expr.name not in self.defined \
                and expr.args and isinstance(expr.args[0], P.Str):
            name = expr.args[0].value
            if name.isidentifier() and name.isascii() and name not in self.defined and \
                    (self.user_function(name) or name in RUNTIME_FUNCTIONS):
                return P.Apply(expr.line, expr.col, name, expr.args[1:])
        return expr

    def _check_uniform_output(self, node):
        if "iscell" in RUNTIME_FUNCTIONS:          # cell arrays are there: the runtime decides
            return
        for k, a in enumerate(node.args[:-1]):
            if isinstance(a, P.Str) and a.value.lower() == "uniformoutput":
                value = node.args[k + 1]
                literal_true = isinstance(value, P.Num) and value.value == 1 or \
                    isinstance(value, P.Name) and value.name == "true" and value.name not in self.defined
                if not literal_true:
                    self.error(value, f"{node.name} with 'UniformOutput', false is not supported "
                                      f"yet (its result is a cell array)")

    def _parse_literal_handle(self, where, text):
        """The handle node for ``str2func``'s literal text (a name or ``@(x) ...``)."""
        if text.isidentifier() and text.isascii():
            return FuncHandle(where.line, where.col, text)
        try:
            parser = P.Parser(tokenize(text, self.filename), self.filename)
            parser.nesting = 1                      # a sub-expression: no depth check here
            node = parser.parse_expr()
            rest = parser.peek()
        except PortError as exc:
            self.error(where, f"str2func: the text is not an anonymous function ({exc.message})")
        if not isinstance(node, AnonFunc) or rest.kind not in ("EOF", "NL"):
            self.error(where, "str2func: the text must be a function name or an anonymous "
                              "function '@(...) ...'")
        for n in P.walk(node):                      # point errors at the literal
            n.line, n.col = where.line, where.col
        return node
