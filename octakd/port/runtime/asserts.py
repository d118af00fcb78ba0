"""Octave's ``assert``, the forms scripts use to check their own results.

``assert(cond)`` and ``assert(cond, errmsg, ...)`` stop with an error unless every element of
``cond`` is true (a non-empty numeric or logical value); ``assert(observed, expected)`` and
``assert(observed, expected, tol)`` stop unless the two are equal (within ``tol``: an absolute
bound, or a relative one when negative). Octave tells the forms apart by the arguments: a logical
``cond`` followed by a string is the first form, anything else with two or more arguments the
second.

When an assertion holds, nothing is printed, as in Octave. When one fails, the error message is
Octave's for the condition forms (``errmsg`` formatted with the rest, or ``assert (cond)
failed``); for a failed comparison Octave prints a table of the differing elements, which octakd
does not reproduce: it stops with its own one-line reason instead (docs/porting.md).
"""
import numpy as np

from .equality import isequal
from .introspect import octave_class
from .functions import OctaveError
from .text import sprintf

__all__ = ["octave_assert"]
FUNCTIONS = {"assert": "void"}
RENAMED = {"assert": "octave_assert"}


def _is_logical(x):
    return isinstance(x, (bool, np.bool_)) or getattr(x, "dtype", None) == np.bool_


def _holds(cond):
    """Octave's test for assert(cond): non-empty, numeric or logical, and all true."""
    if isinstance(cond, str) or not isinstance(cond, (bool, int, float, np.ndarray, np.generic)):
        return False
    values = np.asarray(cond)
    return values.size > 0 and bool(np.all(values != 0))


def _fail(message):
    exc = OctaveError("", message)
    exc.traceback = False
    raise exc


def octave_assert(*args):
    """``assert(cond[, errmsg, ...])`` or ``assert(observed, expected[, tol])``."""
    if not args:
        raise ValueError("Invalid call to assert")
    cond = args[0]
    if len(args) == 1 or (_is_logical(cond) and isinstance(args[1], str)):
        if _holds(cond):
            return None
        if len(args) == 1:
            _fail("assert (cond) failed")
        template = args[1]
        if "\\" in template:
            raise ValueError("assert: a message with backslash escapes is not supported")
        _fail(template if len(args) == 2 else sprintf(template, *args[2:]))
    observed, expected = args[0], args[1]
    if len(args) > 3:
        raise ValueError("assert: at most 3 arguments (observed, expected, tol) are supported")
    if _compares_equal(observed, expected, args[2] if len(args) == 3 else None):
        return None
    raise ValueError("assert: observed and expected differ (octakd stops here; it does not "
                     "print Octave's table of the differing elements)")


def _numeric(x):
    return isinstance(x, (bool, int, float, complex, np.ndarray, np.generic)) and \
        np.asarray(x).dtype.kind in "biufc"


def _compares_equal(observed, expected, tol):
    """Octave's assert(observed, expected[, tol]) test: strings by strcmp; numbers of the same
    class (without tol), size and complexness, NaN matching NaN, within tol when given (a
    negative tol is relative to |expected|); anything else (cells, structs) by isequal."""
    if isinstance(expected, str) or isinstance(observed, str):
        return isinstance(observed, str) and isinstance(expected, str) and observed == expected
    if not (_numeric(observed) and _numeric(expected)):
        return tol is None and isequal(observed, expected)
    o, e = np.atleast_2d(np.asarray(observed)), np.atleast_2d(np.asarray(expected))
    if o.shape != e.shape or np.iscomplexobj(o) != np.iscomplexobj(e):
        return False
    if tol is None:
        if octave_class(observed) != octave_class(expected):
            return False
        bound = 0.0
    else:
        t = np.asarray(tol, dtype=np.float64)
        if t.size != 1:
            raise ValueError("assert: only a scalar tolerance is supported")
        t = float(t)
        bound = t if t >= 0 else abs(t) * np.abs(e.astype(np.complex128 if np.iscomplexobj(e) else np.float64))
    o, e = o.astype(np.complex128), e.astype(np.complex128)
    same_nan = np.isnan(o) == np.isnan(e)
    close = (o == e) | (np.abs(o - e) <= bound) | (np.isnan(o) & np.isnan(e))
    return bool(np.all(same_nan) and np.all(close))
