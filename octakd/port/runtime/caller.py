"""What the ported script that called a runtime function looks like from inside that function.

Octave functions such as ``save x``, ``who`` and ``exist('x')`` see the caller's variables, and
``hist`` or ``bar`` behave differently when their result is used. The translated script is plain
Python, so both are read from the calling frame:

* :func:`script_frame` is the first frame outside this runtime package;
* :func:`variables` gives that frame's Octave variables (Python names back to Octave spelling);
* :func:`result_used` tells whether the call's value is stored (``n = hist(y)``) or dropped
  (``hist(y)``), by looking at the instruction after the call.
"""
import dis
import os
import sys
import types

_PACKAGE = os.path.dirname(os.path.abspath(__file__))
_HIDDEN = {"__name__", "__file__", "__builtins__", "__doc__", "__loader__", "__spec__",
           "__package__", "__cached__", "__annotations__"}


def script_frame():
    """The innermost frame whose code is not in ``octakd/port/runtime``."""
    frame = sys._getframe(1)
    while frame is not None and os.path.dirname(os.path.abspath(frame.f_code.co_filename)) == _PACKAGE:
        frame = frame.f_back
    return frame


def _is_variable(name, value, imported):
    """False for what the ported script imported (octakd's and the runtime's names, modules,
    classes), for functions it defines (``def f``: bound under their own name) and for Python's
    own names. Values such as anonymous functions held in variables stay variables."""
    if name in _HIDDEN or name.startswith("__") or isinstance(value, (types.ModuleType, type)):
        return False
    if name.startswith("_") and not name.endswith("_"):
        return False        # the translator's own (_assigned, _switch1, _out1): a user
                            # variable starting with '_' is spelled with a trailing '_'

    if name in imported and imported[name] is value:
        return False
    return not (isinstance(value, types.FunctionType) and value.__name__ == name)


def _imported():
    """{name: object} of everything ``from octakd import *`` and the runtime may import."""
    found = {}
    for module_name in ("octakd", __package__):
        module = sys.modules.get(module_name)
        if module is not None:
            for name in getattr(module, "__all__", ()):
                if hasattr(module, name):
                    found[name] = getattr(module, name)
    return found


def variables(frame=None):
    """The Octave variables of the calling script, ``{octave name: value}``, in sorted order.

    Imported runtime helpers, modules, functions and classes are not variables. A Python name
    with a trailing ``_`` (``end_``, ``index_``, the translator's spelling of Octave names that
    Python reserves) is given back its Octave name.
    """
    frame = frame or script_frame()
    found = {}
    imported = _imported()
    for name, value in frame.f_locals.items():
        if _is_variable(name, value, imported):
            octave = name[:-1] if name.endswith("_") and not name.endswith("__") else name
            found[octave] = value
    return dict(sorted(found.items()))


def lookup(name, frame=None):
    """The value of the script's variable ``name`` (KeyError when it has none)."""
    frame = frame or script_frame()
    imported = _imported()
    for candidate in (name, name + "_"):
        if candidate in frame.f_locals and _is_variable(candidate, frame.f_locals[candidate], imported):
            return frame.f_locals[candidate]
    raise KeyError(name)


def result_used(frame=None):
    """How many values the calling statement keeps from the current call: 0 when it is dropped
    (``hist(y)`` as a statement), the count of an unpacking (``[n, x] = hist(y)``), else 1."""
    frame = frame or script_frame()
    if frame is None:
        return 1
    # f_lasti is the call instruction, or (Python 3.11) one of the inline caches after it
    following = [ins for ins in dis.get_instructions(frame.f_code) if ins.offset > frame.f_lasti]
    if not following:
        return 1
    ins = following[0]
    if ins.opname == "POP_TOP":
        return 0
    if ins.opname == "UNPACK_SEQUENCE":
        return ins.argval
    return 1
