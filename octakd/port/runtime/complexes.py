"""Complex numbers: ``complex``, ``real``, ``imag``, ``conj``, ``angle``, ``iscomplex``.

A complex scalar is a Python ``complex`` (``sqrt(-4)`` and ``(-8)^(1/3)`` give one, as in
Octave); complex arrays are NumPy ``complex128`` arrays, which the display refuses for now.
"""
import numbers

import numpy as np

from .values import _arr, _num, _out

__all__ = ["octave_complex", "real", "imag", "conj", "angle", "arg", "iscomplex"]
FUNCTIONS = {"complex": "same", "real": "same", "imag": "same", "conj": "same",
             "angle": "same", "arg": "same", "iscomplex": "scalar"}
MULTI_OUTPUT = set()
# Octave names that are Python built-ins: the translator writes the runtime's spelling.
RENAMED = {"complex": "octave_complex"}


def _apply(func, x):
    res = np.asarray(func(_num(x)))
    return _out(_arr(res)) if res.ndim else res.item()


class ForcedComplex(complex):
    """A complex scalar made by ``complex(re, im)``: Octave shows it as complex even when its
    imaginary part is 0 (``3 + 0i``), where any other all-real result is narrowed to real."""


class ForcedComplexArray(np.ndarray):
    """A complex array made by ``complex(re, im)`` (see :class:`ForcedComplex`); any result
    computed from it is a plain array again."""

    def __array_wrap__(self, obj, context=None, return_scalar=False):
        return np.asarray(obj)


def octave_complex(re, im=0):
    """Octave's ``complex(re, im)``: a complex value even when ``im`` is 0."""
    if isinstance(re, numbers.Real) and isinstance(im, numbers.Real):
        return ForcedComplex(re, im)
    value = np.asarray(_num(re), dtype=np.float64) + 1j * np.asarray(_num(im), dtype=np.float64)
    value = _arr(value)
    return value.view(ForcedComplexArray) if isinstance(value, np.ndarray) else ForcedComplex(value)


def narrowed(value):
    """Octave's narrowing for display: a complex value whose imaginary parts are all 0 is
    shown as real (``(1+2i)*(1-2i)`` is ``5``), unless ``complex()`` made it."""
    if isinstance(value, complex) and not isinstance(value, ForcedComplex) and value.imag == 0:
        return value.real
    if isinstance(value, np.ndarray) and value.dtype.kind == "c" and \
            not isinstance(value, ForcedComplexArray) and not np.any(value.imag):
        return value.real.copy()
    return value


def real(x):
    """Octave's ``real``."""
    return _apply(np.real, x)


def imag(x):
    """Octave's ``imag``."""
    return _apply(np.imag, x)


def conj(x):
    """Octave's ``conj``."""
    return _apply(np.conj, x)


def angle(x):
    """Octave's ``angle`` (also ``arg``): the phase in radians, in (-pi, pi]."""
    return _apply(np.angle, x)


arg = angle


def _stored_real(x):
    """True unless the value is stored as complex (Octave's ``isreal`` is in introspect.py: it
    also says false for cells and structs)."""
    return not (isinstance(x, complex) or (isinstance(x, np.ndarray) and x.dtype.kind == "c"))


def iscomplex(x):
    """Octave's ``iscomplex``."""
    return not _stored_real(x) and not isinstance(x, str)
