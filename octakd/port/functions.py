"""User functions: definitions in a file, function files found on the path, calls to them.

Octave resolves a name that is not a variable in this order: a function defined in the same
file, then a function file ``name.m`` in the script's folder or a ``--path`` folder, then a
built-in. The translator does the same: :class:`FunctionPath` finds and parses function files,
and :class:`FunctionEmitter` (mixed into the emitter) writes definitions and calls::

    function [J, grad] = cost(theta, X)     def cost(theta=MISSING, X=MISSING, nargout=1):
      J = ...                                   J = ...
    end                                         return outputs('cost', nargout, locals(), ...)

A script's own functions are defined when execution reaches them (as in Octave, where calling
one before its definition fails); a call placed earlier at the script's top level is refused.
"""
import dataclasses
import os

from . import parser as P
from .errors import PortError
from .lexer import split_lines
from .source import read_source
from .emit_flow import catch_names


class FunctionPath:
    """Function files visible from a script: ``name.m`` in its folder, then in ``--path`` dirs.

    ``lookup(name)`` returns the parsed main :class:`~octakd.port.parser.Function` of
    ``name.m`` (or None); every file looked up is kept in ``files`` for translation.
    """

    def __init__(self, dirs):
        self.dirs = [os.path.abspath(d) for d in dirs]
        self.files = {}          # name -> (path, text, statements)
        self._missing = set()

    def lookup(self, name):
        if name in self.files:
            return self.files[name][2][0]
        if name in self._missing:
            return None
        for d in self.dirs:
            path = os.path.join(d, name + ".m")
            if os.path.isfile(path):
                text = read_source(path)
                stmts = P.parse(text, path)
                code = [s for s in stmts if not isinstance(s, P.Comment)]
                if not code or not isinstance(code[0], P.Function):
                    raise PortError(path, 1, 1, f"'{name}.m' is a script, not a function file: "
                                                f"running one script from another is not supported")
                code = named_by_file(code, name)
                self.files[name] = (path, text, code)
                return code[0]
        self._missing.add(name)
        return None


def named_by_file(stmts, name):
    """The statements of the function file ``name.m`` with its first function called ``name``:
    Octave calls a function file's first function by the file's name, whatever its header says
    (``function r = other(x)`` in ``f.m`` is ``f``)."""
    out = list(stmts)
    for k, s in enumerate(out):
        if isinstance(s, P.Function):
            out[k] = dataclasses.replace(s, name=name) if s.name != name else s
            break
    return out


def is_function_file(stmts):
    """A file whose first statement is ``function`` defines functions (Octave's rule)."""
    code = [s for s in stmts if not isinstance(s, P.Comment)]
    return bool(code) and isinstance(code[0], P.Function)


class FunctionEmitter:
    """The part of the emitter that writes function definitions and calls to user functions.

    Needs from the host: ``error``, ``add``, ``runtime``, ``pyname``, ``expr``, ``emit_body``,
    ``analyse``, ``names_read``, ``single_quoted_names``, and the attributes ``items``,
    ``used``, ``filename``.
    """

    def setup_functions(self, stmts, path=None):
        """Collect the file's own functions (before any statement is emitted)."""
        self.path = path
        self.own_functions = {s.name: s for s in stmts if isinstance(s, P.Function)}
        self.function = None          # the Function being emitted, None at script level
        self.at_top = True

    def user_function(self, name):
        """The Function node ``name`` resolves to (this file's, then a function file's)."""
        if name in self.own_functions:
            return self.own_functions[name]
        if self.path is not None:
            return self.path.lookup(name)
        return None

    def reach_named_functions(self, args):
        """A string argument that names a function file on the path (``bisect('f0', 0, 1)``,
        ``feval('f0', x)``, the old style of passing functions by name) brings that file into
        the translation, so that ``feval``/``str2func`` can find it at run time (gaps.md G5).
        A file that is not a function file is left alone: the name may be plain text."""
        for arg in args:
            name = arg.value if isinstance(arg, P.Str) else None
            if not name or not (name.isidentifier() and name.isascii()) or \
                    name in self.defined or name in self.own_functions or self.path is None:
                continue
            try:
                f = self.path.lookup(name)
            except PortError:
                continue
            if f is not None:
                self.note_call(f)

    def emit_addpath(self, s, call, indent):
        """``addpath dir`` / ``addpath('a', 'b')`` in a script: the folders (relative to the
        script's, as when it is run from there) join the function path before the --path ones,
        for the calls translated after it. Only literal folder names can be followed."""
        if self.function is not None or self.depth or self.path is None:
            self.error(call, "addpath is only supported at the top level of a script")
        if not call.args or not all(isinstance(a, P.Str) for a in call.args):
            self.error(call, "addpath needs literal folder names (addpath('lib'))")
        # Without ';' Octave prints nothing either: addpath called for no output returns none.
        base = self.path.dirs[0]
        for k, arg in enumerate(reversed(call.args)):
            folder = os.path.normpath(os.path.join(base, arg.value))
            if not os.path.isdir(folder):
                self.error(arg, f"addpath: the folder '{arg.value}' does not exist")
            if folder not in self.path.dirs:
                self.path.dirs.insert(1, folder)
        self.path._missing.clear()
        self.add(s.line, indent, "pass  # addpath: translated with the folder's function files")

    # ------------------------------------------------------------------------- definitions
    def emit_function(self, f, indent):
        if indent:
            self.error(f, "function definitions inside if/for/while blocks are not supported")
        for other in self.own_functions.values():
            if other.name == f.name and other is not f:
                self.error(f, f"the function '{f.name}' is defined twice in this file")
        child = type(self)(self.filename)
        child.items, child.used, child.called_files = self.items, self.used, self.called_files
        child.def_names = self.def_names
        child.setup_functions([], self.path)
        child.own_functions = self.own_functions
        child.function = f
        child.at_top = False
        child.function_file = self.function_file
        declared = child.setup_declarations(f, None)
        params = [p for p in f.params if p != "~"]
        child.analyse(f.body, preassigned=params)
        child.defined = set(params)
        child.sure = set(params)
        child.depth = -1                # emit_body below counts the function's own block
        child.uses_ans = "ans" in child.names_read(f.body)
        child.sq_names = child.single_quoted_names(f.body)
        child.caught = catch_names(f.body)
        child.errors = self.errors
        child.held = child.held_names(f.body)
        names = []
        for k, p in enumerate(fixed_params(f)):
            names.append(f"{child.pyname(p) if p != '~' else f'_ignored{k + 1}'}="
                         f"{self.runtime('MISSING')}")
        self.runtime("MISSING")
        self.def_names[self.pyname(f.name)] = f.name
        if takes_varargin(f):
            names.append("*varargin")
        names.append("nargout=1")
        if uses_isargout(f):            # the outputs '~' ignores, told by the caller
            names += ([] if takes_varargin(f) else ["*"]) + ["_ignored=()"]
        self.add(f.line, indent, f"def {self.pyname(f.name)}({', '.join(names)}):", "header")
        if declared:                    # persistent: the module's variables
            self.add(f.line, indent + 1, f"global {', '.join(declared)}")
        if takes_varargin(f):
            # Octave's varargin is a 1xN cell (0x0 when empty); nargin counts its values too
            self.add(f.line, indent + 1, f"_nargin = {child.nargin_text()} + len(varargin); "
                                         f"varargin = {self.runtime('varargin_cell')}(varargin)")
        elif f.defaults:                # nargin counts what was passed, before the defaults
            self.add(f.line, indent + 1, f"_nargin = {child.nargin_text()}")
        for param, default in f.defaults.items():   # f(a, tol = 1e-6): tol when not passed
            py = child.pyname(param)
            self.add(f.line, indent + 1, f"{py} = ({child.expr(default)[0]}) if {py} is "
                                         f"{self.runtime('MISSING')} else {py}")
        child.emit_body(f.body, indent + 1, f.line)
        self.add(f.end_line, indent + 1, child.return_text())

    def return_text(self):
        f = self.function
        # an output the Python spells differently (``min`` is ``min_``) carries that spelling
        outs = "".join(f", ({o.name!r}, {o.line}, {o.col}"
                       + (f", {self.pyname(o.name)!r})" if self.pyname(o.name) != o.name else ")")
                       for o in f.outputs)
        return f"return {self.runtime('outputs')}({f.name!r}, nargout, locals(){outs})"

    def emit_return(self, s, indent):
        if self.function is None:
            self.add(s.line, indent, f"raise {self.runtime('ScriptReturn')}()")
        else:
            self.add(s.line, indent, self.return_text())

    # ------------------------------------------------------------------------------- calls
    def user_call(self, node, f, args, nargout=1, ignored=()):
        """``f(args)`` for a user function, checked against its header like Octave does;
        ``ignored``: the outputs ``~`` ignores, passed on when ``f`` asks ``isargout``."""
        if len(args) > len(f.params) and not takes_varargin(f):
            self.error(node, f"{f.name}: function called with too many inputs "
                             f"({len(args)} given, it takes {len(f.params)})")
        if returns_varargout(f):
            pass                                # any number, checked when it returns
        elif nargout > max(len(f.outputs), 1) or (nargout == 1 and not f.outputs):
            self.error(node, f"{f.name}: function called with too many outputs")
        if self.at_top and f.name in self.own_functions and f.line > node.line:
            self.error(node, f"'{f.name}' is defined later in the script: Octave defines a "
                             f"script's functions when it reaches them (define it before use)")
        for a in args:
            if isinstance(a, P.ColonAll):
                self.error(a, f"':' is not a valid argument of {f.name}")
        self.reach_named_functions(args)
        texts = [self.arg_text(a, None) for a in args]
        if nargout != 1:
            texts.append(f"nargout={nargout}")
        if ignored and uses_isargout(f):
            texts.append(f"_ignored={tuple(ignored)!r}")
        return f"{self.pyname(f.name)}({', '.join(texts)})"

    def isargout_call(self, node):
        """``isargout(k)`` inside a function: asked of the caller's ``nargout`` and ``~``s."""
        if self.function is None:
            self.error(node, "isargout is only defined inside a function (Octave: 'isargout: "
                             "invalid use at top level')")
        if len(node.args) != 1:
            self.error(node, "isargout takes one argument, the output positions K")
        k = self.arg_text(node.args[0], None)
        return f"{self.runtime('isargout')}({k}, nargout, _ignored)"

    def special_name(self, node):
        """``nargin``/``nargout`` inside a function, or None for any other name."""
        if node.name not in ("nargin", "nargout") or node.name in self.defined or \
                isinstance(node, P.Apply) and node.args:     # nargin(f): runtime/fhandles.py
            return None
        if self.function is None:
            self.error(node, f"'{node.name}' is only defined inside a function")
        if node.name == "nargout":
            return "nargout"
        if takes_varargin(self.function) or self.function.defaults:
            return "_nargin"                    # set on entry (see emit_function)
        return self.nargin_text()

    def nargin_text(self):
        """How many of the function's named parameters were passed (Python)."""
        params = ", ".join(self.pyname(p) if p != "~" else f"_ignored{k + 1}"
                           for k, p in enumerate(fixed_params(self.function)))
        return f"{self.runtime('count_args')}({params})"


def uses_isargout(f):
    """Does the body of function ``f`` call ``isargout``?"""
    return any(isinstance(n, (P.Apply, P.Name)) and n.name == "isargout"
               for s in f.body for n in P.walk(s))


def takes_varargin(f):
    """Does the function's header end with ``varargin``?"""
    return f.params[-1:] == ["varargin"]


def returns_varargout(f):
    """Does the function's output list end with ``varargout``?"""
    return [o.name for o in f.outputs[-1:]] == ["varargout"]


def fixed_params(f):
    """The parameters before ``varargin``."""
    return f.params[:-1] if takes_varargin(f) else f.params


def declared_inputs(f):
    """Octave's ``nargin('f')``: the number of parameters, negative with ``varargin``."""
    return -len(f.params) if takes_varargin(f) else len(f.params)


def declared_outputs(f):
    """Octave's ``nargout('f')``: the number of outputs, negative with ``varargout``."""
    return -len(f.outputs) if returns_varargout(f) else len(f.outputs)


def function_file_lines(text):
    """The number of Octave lines of a source text (for the one-line-per-line layout)."""
    return len(split_lines(text))
