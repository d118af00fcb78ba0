"""``eval`` of text computed at run time, for the one form real scripts compute: a call.

The machine-learning course's ``fmincg.m`` (and scripts like it) builds the text of a call and
evaluates it::

    argstr = ['feval(f, X'];
    for i = 1:(nargin - 3)
      argstr = [argstr, ',P', int2str(i)];
    end
    argstr = [argstr, ')'];
    [f1 df1] = eval(argstr);

octakd does not translate code at run time. :func:`eval_call` therefore accepts only text that
*is* a call whose function and arguments are names: ``feval(f, X, P1)`` or ``f(X, P1)``, with
optional spaces and a final ``;``. Each name is a variable of the calling function (looked up
in the ``scope`` the translation passes, through ``names``, its map from Octave names to Python
names) or, for the function, a function Octave would find (the script's, then the built-ins).
The call is then made as a translated ``[a, b] = feval(f, X, P1)`` would be, with the number of
outputs asked. Any other text stops with an error that says so; nothing else is executed.
"""
import re

from .fhandles import feval, resolve
from .functions import OctaveError

__all__ = ["eval_call"]

MAX_TEXT = 4096        # characters; a call of names is never longer in a real script

_NAME = r"[A-Za-z]\w*"
_ARGS = rf"(?:\s*{_NAME}\s*(?:,\s*{_NAME}\s*)*)?"
_FEVAL = re.compile(rf"\s*feval\s*\(\s*(?P<fn>{_NAME})\s*(?P<args>(?:,\s*{_NAME}\s*)*)\)\s*;?\s*", re.ASCII)
_DIRECT = re.compile(rf"\s*(?P<fn>{_NAME})\s*\((?P<args>{_ARGS})\)\s*;?\s*", re.ASCII)


def _parse(text):
    """(function name, argument names) of the call ``text``, or None."""
    match = _FEVAL.fullmatch(text)
    if match:
        args = [a.strip() for a in match["args"].split(",")[1:]]
        return match["fn"], args
    match = _DIRECT.fullmatch(text)
    if match:
        args = [a.strip() for a in match["args"].split(",")] if match["args"].strip() else []
        return match["fn"], args
    return None


def eval_call(text, scope, names, nargout=1):
    """Evaluate ``text``, a call such as ``feval(f, X, P1)``, with the variables of ``scope``
    (``names`` maps an Octave variable name to its Python name) and ``nargout`` outputs."""
    if not isinstance(text, str):
        raise OctaveError("Octave:invalid-input-type", "eval: TRY must be a string")
    call = _parse(text) if len(text) <= MAX_TEXT else None
    if call is None:
        shown = text if len(text) <= 60 else text[:57] + "..."
        raise OctaveError("Octave:not-supported",
                          f"eval: text computed at run time is evaluated only when it is a call "
                          f"with names as arguments, such as 'feval(f, X, P1)' (octakd does not "
                          f"translate other code at run time); the text was '{shown}'")
    fn_name, arg_names = call

    def variable(name):
        python = names.get(name)
        if python is not None and python in scope:
            return scope[python]
        raise OctaveError("Octave:undefined-function", f"'{name}' undefined")

    if fn_name in names and names[fn_name] in scope:
        fn = scope[names[fn_name]]
    else:
        fn = resolve(fn_name, "eval")
    return feval(fn, *(variable(a) for a in arg_names), nargout=nargout)
