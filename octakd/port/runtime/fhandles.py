"""Octave function handles: ``@sin``, ``@myfun``, anonymous functions, ``feval``, ``func2str``.

(Graphics handles, ``gcf``/``gca``, are another concept: see :mod:`.handles`.)

A handle is a :class:`FunctionHandle`, a plain Python callable ``h(*args, nargout=1)``, so the
optimisers, ``arrayfun`` and ``cellfun`` take it like any function. The translator writes

    f = @(x) x.^2 + a       f = anonymous(lambda x=MISSING, *, nargout=1, a=a: x ** 2 + a,
                                          '@(x) x .^ 2 + a')
    g = @sin                g = fhandle('sin', sin)
    h = @myfun              h = fhandle('myfun', myfun)

The variables an anonymous function uses are captured by value when it is created, as in
Octave: they are keyword-only parameters whose defaults Python evaluates at that moment.
``nargout`` is passed on to a function the body calls (``[m, i] = f(v)`` with ``f = @(v) max(v)``).

Names given as text at run time (``feval('myfun', 2)``, ``str2func(name)``) resolve only to
functions: a function of the ported script or of a function file it reaches (a ``def`` the
translator wrote, found in the calling script's globals), then an Octave function of the
runtime (its ``FUNCTIONS`` registry). Any other text is an error: no Python name, module or
attribute is reachable this way (see docs/security.md).
"""
import keyword
import os
import re
import sys
import types

from .caller import script_frame
from .cells import Cell
from .functions import MISSING, OctaveError, ignoring

__all__ = ["FunctionHandle", "anonymous", "fhandle", "call_handle", "feval", "func2str",
           "str2func", "is_function_handle", "nargin_of", "nargout_of", "nthargout"]
FUNCTIONS = {"feval": "other", "func2str": "str", "str2func": "handle",
             "is_function_handle": "scalar", "nargin": "scalar", "nargout": "scalar",
             "nthargout": "unknown"}
# nargin(f)/nargout(f) with an argument; the bare names inside a function are the translator's
RENAMED = {"nargin": "nargin_of", "nargout": "nargout_of"}
MULTI_OUTPUT = {"feval"}

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# Octave expands the escapes of a single-quoted template; a Python string does not remember its
# quotes, so these are called only where the translator prepared the template.
_FORMAT_FUNCTIONS = frozenset({"printf", "fprintf", "sprintf", "error", "warning"})


class FunctionHandle:
    """An Octave function handle; call it as ``h(*args, nargout=1)``.

    ``kind`` is ``"anonymous"`` (``text`` is Octave's display text), ``"user"`` (a function
    of the script or a function file: a translated ``def``) or ``"builtin"`` (a function of the
    runtime; ``multi`` tells whether it takes ``nargout=``). ``nparams`` is the number of
    inputs it accepts, None for any.
    """
    octave_class = "function_handle"
    __slots__ = ("fn", "name", "text", "kind", "nparams", "multi", "nouts")

    def __init__(self, fn, kind, name=None, text=None, nparams=None, multi=False, nouts=None):
        self.fn, self.kind, self.name, self.text = fn, kind, name, text
        self.nparams, self.multi, self.nouts = nparams, multi, nouts

    @property
    def label(self):
        """The name Octave's messages give the function."""
        return "@<anonymous>" if self.kind == "anonymous" else self.name

    def __call__(self, *args, nargout=1, ignored=()):
        if self.nparams is not None and 0 <= self.nparams < len(args):
            raise OctaveError("Octave:invalid-fun-call",
                              f"{self.label}: function called with too many inputs")
        if self.kind == "builtin" and not self.multi:
            if nargout > 1:
                raise OctaveError("Octave:invalid-fun-call",
                                  f"{self.name}: function called with too many outputs")
            result = self.fn(*args)
        else:
            result = self.fn(*args, nargout=nargout, **ignoring(self.fn, ignored))
        if nargout > 1 and not (isinstance(result, tuple) and len(result) >= nargout):
            got = len(result) if isinstance(result, tuple) else 1
            raise OctaveError("Octave:undefined-function",
                              f"element number {got + 1} undefined in return list")
        return result

    def octave_display(self):
        """(one-line text or None, [lines]) as the display of :mod:`.show` takes them."""
        if self.kind == "anonymous":
            return None, [[self.text]]
        return "@" + self.name, None

    def __repr__(self):
        return self.text if self.kind == "anonymous" else "@" + self.name


def anonymous(fn, text, varargin=False):
    """The anonymous function ``fn`` (a lambda the translator wrote) with Octave's ``text``.

    With ``varargin`` the lambda's last parameter gets the inputs past the others as a cell
    (1xN, or Octave's ``{}(0x0)`` for none), and ``nparams`` is Octave's ``-(fixed + 1)``."""
    count = fn.__code__.co_argcount
    if not varargin:
        return FunctionHandle(fn, "anonymous", text=text, nparams=count)
    fixed = count - 1

    def packed(*args, nargout=1):
        head = list(args[:fixed]) + [MISSING] * (fixed - len(args))
        rest = list(args[fixed:])
        return fn(*head, Cell.of(rest, (1, len(rest)) if rest else (0, 0)), nargout=nargout)
    return FunctionHandle(packed, "anonymous", text=text, nparams=-count)


def _is_ported(fn):
    """Is ``fn`` a function the translator wrote, ``def f(a=MISSING, ..., nargout=1)`` or
    ``def f(a=MISSING, ..., *varargin, nargout=1)`` (either with ``_ignored=()`` after, keyword
    only, when it asks ``isargout``)?"""
    if not isinstance(fn, types.FunctionType):
        return False
    code, defaults = fn.__code__, fn.__defaults__ or ()
    n = code.co_argcount
    kwdefaults = dict(fn.__kwdefaults__ or {})
    if kwdefaults.pop("_ignored", None) != ():
        kwdefaults = fn.__kwdefaults__ or {}
    if code.co_flags & 0x04:                        # *varargin: nargout is keyword-only
        varargin = code.co_varnames[n + code.co_kwonlyargcount]
        return (kwdefaults == {"nargout": 1} and varargin == "varargin"
                and len(defaults) == n and all(d is MISSING for d in defaults)
                and not code.co_flags & 0x08)
    if kwdefaults:
        return False
    return (n >= 1 and code.co_varnames[n - 1] == "nargout" and len(defaults) == n
            and defaults[-1] == 1 and all(d is MISSING for d in defaults[:-1])
            and not code.co_flags & 0x0C)           # no *args, no **kwargs


def _declared_inputs(fn):
    """Octave's ``nargin`` of a translated function: negative when it takes ``varargin``."""
    n = fn.__code__.co_argcount
    return -(n + 1) if fn.__code__.co_flags & 0x04 else n - 1


def fhandle(name, fn, nouts=None):
    """The handle ``@name`` to ``fn``: a translated function (with its number of outputs, when
    the translator gives it), or a runtime function."""
    if _is_ported(fn):
        return FunctionHandle(fn, "user", name=name, nparams=_declared_inputs(fn),
                              nouts=nouts)
    from . import MULTI_OUTPUT as multi
    return FunctionHandle(fn, "builtin", name=name, multi=name in multi)


def _runtime_function(name):
    """The runtime's Python function for the Octave function ``name``, or None."""
    runtime = sys.modules[__package__]
    if name not in runtime.FUNCTIONS:
        return None
    py = "octave_" + name if keyword.iskeyword(name) else name
    py = runtime.RENAMED.get(py, runtime.RENAMED.get(name, py))
    fn = getattr(runtime, py, None) if py in runtime.__all__ else None
    return fn if callable(fn) else None


def resolve(name, where, frame=None):
    """The handle of the function called ``name`` (text), resolved as Octave resolves it."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise OctaveError("Octave:invalid-input-type",
                          f"{where}: FCN must be a function name or a function handle")
    frame = frame or script_frame()
    scope = frame.f_globals if frame is not None else {}
    # a function of the script or of its function files wins over a built-in; the translator
    # spells a name the runtime uses with one more "_" (a script's own ``sin`` is ``sin_``)
    for py in (name, name + "_"):
        fn = scope.get(py)
        if _is_ported(fn) and fn.__name__ == py:
            return fhandle(name, fn)
        fn = _ported_module_function(py, scope)
        if fn is not None:
            return fhandle(name, fn)
    if name in _FORMAT_FUNCTIONS:
        raise OctaveError("Octave:not-supported",
                          f"{where}: calling {name} by a name given at run time is not "
                          f"supported (octakd prepares its template when porting)")
    fn = _runtime_function(name)
    if fn is None:
        raise OctaveError("Octave:undefined-function", f"{where}: function '{name}' not found")
    return fhandle(name, fn)


def _ported_module_function(py, scope):
    """The function ``py`` of the already imported module ``py`` that ``octakd port -o`` wrote
    beside the calling module (a function file another module imported), or None. Nothing is
    imported here."""
    module = sys.modules.get(py)
    here = scope.get("__file__")
    there = getattr(module, "__file__", None)
    if module is None or not here or not there or \
            os.path.dirname(os.path.abspath(here)) != os.path.dirname(os.path.abspath(there)):
        return None
    fn = getattr(module, py, None)
    return fn if _is_ported(fn) and fn.__name__ == py else None


def call_handle(fn, *args, nargout=1, ignored=()):
    """``[a, b] = f(x)`` where the variable ``f`` may hold a handle (checked here); ``ignored``:
    the outputs ``~`` ignores (see :func:`~.functions.isargout`)."""
    if not isinstance(fn, FunctionHandle):
        raise OctaveError("Octave:index-out-of-bounds",
                          "some elements undefined in return list")
    return fn(*args, nargout=nargout, ignored=ignored)


def feval(fn, *args, nargout=1, ignored=()):
    """Octave's ``feval(f, args...)``: call a handle, or the function named by a string
    (``ignored``: the outputs ``~`` ignores, see :func:`~.functions.isargout`)."""
    if isinstance(fn, str):
        fn = resolve(fn, "feval", script_frame())
    if not callable(fn):
        raise OctaveError("Octave:invalid-input-type",
                          "feval: FUNC must be a string or function handle")
    if isinstance(fn, FunctionHandle):
        return fn(*args, nargout=nargout, ignored=ignored)
    if ignored:
        return fn(*args, nargout=nargout, **ignoring(fn, ignored))
    return fn(*args, nargout=nargout) if nargout != 1 else fn(*args)


def func2str(h):
    """Octave's ``func2str``: the text of an anonymous function, the name of a named handle."""
    if not isinstance(h, FunctionHandle):
        raise OctaveError("Octave:invalid-input-type",
                          "func2str: FCN_HANDLE argument must be a valid function handle")
    return h.text if h.kind == "anonymous" else h.name


def str2func(text, *rest):
    """Octave's ``str2func(name)``. The text of an anonymous function is translated when the
    script is ported (``str2func('@(x) x + 1')`` with a literal); given at run time it is refused."""
    if not isinstance(text, str):
        raise OctaveError("Octave:invalid-input-type", "str2func: FCN_NAME must be a string")
    if text.lstrip().startswith("@"):
        raise OctaveError("Octave:not-supported",
                          "str2func: the text of an anonymous function can only be translated "
                          "when it is a literal in the script (octakd does not translate code "
                          "at run time)")
    return resolve(text, "str2func", script_frame())


def _counted(f, where):
    if isinstance(f, str):
        f = resolve(f, where, script_frame())
    if not isinstance(f, FunctionHandle):
        raise OctaveError("Octave:invalid-input-type",
                          f"{where}: FCN must be a string or function handle")
    if f.kind == "builtin":
        what = "input" if where == "nargin" else "output"
        raise OctaveError("Octave:not-supported", f"{where}: number of {what} arguments "
                                                  f"unavailable for built-in function objects")
    return f


def nargin_of(f):
    """Octave's ``nargin(f)``: how many inputs the function (handle or name) declares."""
    return _counted(f, "nargin").nparams


def nargout_of(f):
    """Octave's ``nargout(f)``: -1 for an anonymous function, else its declared outputs."""
    f = _counted(f, "nargout")
    if f.kind == "anonymous":
        return -1
    if f.nouts is None:
        raise OctaveError("Octave:not-supported", f"nargout: the number of outputs of "
                                                  f"'{f.name}' is only known for @{f.name} "
                                                  f"or a literal name")
    return f.nouts


def is_function_handle(x):
    """Octave's ``is_function_handle``."""
    return isinstance(x, FunctionHandle)


def _count(value, what):
    """A positive whole number given as an Octave scalar (``nthargout``'s N and NTOT)."""
    try:
        k = float(value)
    except (TypeError, ValueError):
        k = None
    if k is None or k != int(k) or k < 1:
        raise OctaveError("Octave:invalid-input-type",
                          f"nthargout: {what} must be a scalar positive integer")
    return int(k)


def nthargout(n, *rest):
    """Octave's ``nthargout(N, F, args...)`` and ``nthargout(N, NTOT, F, args...)``: the Nth
    output of ``F(args...)`` called for ``NTOT`` (default N) outputs. A vector N (Octave
    returns a cell) is refused."""
    if not rest:
        raise OctaveError("Octave:invalid-fun-call", "Invalid call to nthargout")
    ntot = n
    if not (callable(rest[0]) or isinstance(rest[0], str)):
        ntot, rest = rest[0], rest[1:]
    if not rest:
        raise OctaveError("Octave:invalid-fun-call", "Invalid call to nthargout")
    if getattr(n, "size", 1) != 1:
        raise OctaveError("Octave:not-supported",
                          "nthargout: a vector N (a cell of outputs) is not supported")
    n, ntot = _count(n, "N"), _count(ntot, "NTOT")
    if ntot < n:
        raise OctaveError("Octave:invalid-input-type", "nthargout: N cannot exceed NTOT")
    fn, args = rest[0], rest[1:]
    result = feval(fn, *args, nargout=ntot)
    return result if ntot == 1 else result[n - 1]
