"""Argument checks shared by the layers, the builder and the training functions.

Each helper raises an :mod:`octakd.errors` exception whose message starts with ``where``, the
name of the public function or layer that received the argument.
"""
import numbers

import numpy as np

from .errors import NonFiniteError, OctakdTypeError, OctakdValueError, describe


def positive_int(value, name, where):
    """Return ``value`` as an int if it is a whole number >= 1, else raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise OctakdTypeError(f"{where}: {name} must be a positive integer, got {describe(value)}")
    if not np.isfinite(value) or value != int(value) or value < 1:
        raise OctakdValueError(f"{where}: {name} must be a positive integer, got {value!r}")
    return int(value)


def nonneg_int(value, name, where):
    """Return ``value`` as an int if it is a whole number >= 0, else raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise OctakdTypeError(f"{where}: {name} must be a non-negative integer, got {describe(value)}")
    if not np.isfinite(value) or value != int(value) or value < 0:
        raise OctakdValueError(f"{where}: {name} must be a non-negative integer, got {value!r}")
    return int(value)


def real_in_range(value, name, where, low=None, high=None, low_open=False, high_open=False):
    """Return ``value`` as a float if it is a finite real number within the given bounds."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise OctakdTypeError(f"{where}: {name} must be a real number, got {describe(value)}")
    value = float(value)
    lo_ok = low is None or (value > low if low_open else value >= low)
    hi_ok = high is None or (value < high if high_open else value <= high)
    if not np.isfinite(value) or not lo_ok or not hi_ok:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        interval = f"{left}{'-inf' if low is None else low}, {'inf' if high is None else high}{right}"
        raise OctakdValueError(f"{where}: {name} must be in {interval}, got {value!r}")
    return value


def float_array(x, where):
    """Check that ``x`` is a real float32/float64 ndarray without NaN or Inf."""
    if not isinstance(x, np.ndarray):
        raise OctakdTypeError(f"{where}: expected a NumPy float array, got {describe(x)}")
    if x.dtype not in (np.float32, np.float64):
        raise OctakdTypeError(f"{where}: expected dtype float32 or float64, got {x.dtype}")
    return x


def all_finite(x, where, what="input"):
    """Raise NonFiniteError if ``x`` holds NaN or Inf."""
    if not np.all(np.isfinite(x)):
        n_nan = int(np.isnan(x).sum())
        n_inf = int(np.isinf(x).sum())
        raise NonFiniteError(
            f"{where}: {what} contains {n_nan} NaN and {n_inf} Inf value(s); "
            f"clean the data first (for example np.nan_to_num)")
    return x
