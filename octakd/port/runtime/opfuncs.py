"""Octave's operators as functions (``plus``, ``minus``, ``eq``, ...), for handles such as
``@minus``, and ``bsxfun``, which applies such a function with singleton dimensions expanded.

Each operator function computes exactly what the translated operator computes (``minus(a, b)``
is the Python ``a - b`` the translator writes for ``a - b``), so ``bsxfun(@minus, X, mu)`` and
``X - mu`` print the same. ``times``, ``rdivide``, ``power``, ``mtimes`` and ``mpower`` live with
the other operators in :mod:`operators`.
"""
import numpy as np

from .complex_order import less, less_equal
from .values import _arr, _num, _out

__all__ = ["plus", "minus", "uminus", "eq", "ne", "lt", "le", "gt", "ge", "bsxfun"]
FUNCTIONS = {name: "num" for name in __all__}
FUNCTIONS.update({"times": "num", "mtimes": "num", "mpower": "num"})   # defined in operators
MULTI_OUTPUT = set()


def plus(a, b):
    """Octave's ``a + b``."""
    return a + b


def minus(a, b):
    """Octave's ``a - b``."""
    return a - b


def uminus(a):
    """Octave's ``-a``."""
    return -a


def eq(a, b):
    """Octave's ``a == b``."""
    return a == b


def ne(a, b):
    """Octave's ``a ~= b``."""
    return a != b


def lt(a, b):
    """Octave's ``a < b``; complex values compare by modulus, then argument (.complex_order).
    The translator writes ``lt(a, b)`` for ``a < b`` unless both are known to be scalars."""
    if _is_complex(a) or _is_complex(b):
        return _out(_arr(less(_num(a), _num(b))))
    return a < b


def le(a, b):
    """Octave's ``a <= b`` (see :func:`lt`)."""
    if _is_complex(a) or _is_complex(b):
        return _out(_arr(less_equal(_num(a), _num(b))))
    return a <= b


def gt(a, b):
    """Octave's ``a > b`` (see :func:`lt`)."""
    if _is_complex(a) or _is_complex(b):
        return _out(_arr(less(_num(b), _num(a))))
    return a > b


def ge(a, b):
    """Octave's ``a >= b`` (see :func:`lt`)."""
    if _is_complex(a) or _is_complex(b):
        return _out(_arr(less_equal(_num(b), _num(a))))
    return a >= b


def _is_complex(x):
    return isinstance(x, complex) or isinstance(x, np.ndarray) and x.dtype.kind == "c"


def bsxfun(f, a, b):
    """Octave's ``bsxfun(f, A, B)``: ``f`` applied to A and B expanded along their singleton
    dimensions to a common size (each dimension equal in both, or 1 in one of them)."""
    if not callable(f):
        raise ValueError("bsxfun: F must be a string or function handle")
    A, B = _arr(_num(a)), _arr(_num(b))
    ndim = max(A.ndim, B.ndim)
    sa = A.shape + (1,) * (ndim - A.ndim)
    sb = B.shape + (1,) * (ndim - B.ndim)
    if any(x != y and x != 1 and y != 1 for x, y in zip(sa, sb)):
        dims = lambda s: "x".join(map(str, s))
        raise ValueError(f"bsxfun: dimensions of A and B must match "
                         f"(A is {dims(sa)}, B is {dims(sb)})")
    ea, eb = np.broadcast_arrays(A.reshape(sa), B.reshape(sb))
    return f(_out(np.array(ea)), _out(np.array(eb)))
