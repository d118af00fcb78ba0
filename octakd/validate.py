"""Argument checks shared by the layers, the builder and the training functions.

Each helper raises an :mod:`octakd.errors` exception whose message starts with ``where``, the
name of the public function or layer that received the argument.
"""
import math
import numbers
import os

import numpy as np

from .errors import NonFiniteError, OctakdTypeError, OctakdValueError, describe


# The largest size (units, filters, kernel, stride, padding, channels, samples...) and the
# largest single array octakd accepts: sizes past this overflow the kernels' C integers, and
# an array of 2**31 floats (8 GB or more) does not fit in memory here anyway.
MAX_SIZE = 2**31 - 1
MAX_ELEMENTS = 2**31


def _whole_number(value, name, where, kind, minimum, maximum):
    """Shared body of positive_int / nonneg_int: a bool-free real whole number in range."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise OctakdTypeError(f"{where}: {name} must be a {kind} integer, got {describe(value)}")
    if isinstance(value, numbers.Integral):
        whole = int(value)
    else:
        try:
            whole = int(value) if math.isfinite(float(value)) and float(value) == int(value) else None
        except (OverflowError, ValueError):
            whole = None
        if whole is None:
            raise OctakdValueError(f"{where}: {name} must be a {kind} integer, got {value!r}")
    if whole < minimum:
        raise OctakdValueError(f"{where}: {name} must be a {kind} integer, got {value!r}")
    if maximum is not None and whole > maximum:
        raise OctakdValueError(f"{where}: {name} is too large: {value!r} (at most {maximum})")
    return whole


def positive_int(value, name, where, maximum=MAX_SIZE):
    """Return ``value`` as an int if it is a whole number in 1..maximum, else raise."""
    return _whole_number(value, name, where, "positive", 1, maximum)


def nonneg_int(value, name, where, maximum=MAX_SIZE):
    """Return ``value`` as an int if it is a whole number in 0..maximum, else raise."""
    return _whole_number(value, name, where, "non-negative", 0, maximum)


def real_in_range(value, name, where, low=None, high=None, low_open=False, high_open=False):
    """Return ``value`` as a float if it is a finite real number within the given bounds."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise OctakdTypeError(f"{where}: {name} must be a real number, got {describe(value)}")
    try:
        value = float(value)
    except OverflowError:                      # an int too large for a float
        value = math.inf if value > 0 else -math.inf
    lo_ok = low is None or (value > low if low_open else value >= low)
    hi_ok = high is None or (value < high if high_open else value <= high)
    if not np.isfinite(value) or not lo_ok or not hi_ok:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        interval = f"{left}{'-inf' if low is None else low}, {'inf' if high is None else high}{right}"
        raise OctakdValueError(f"{where}: {name} must be in {interval}, got {value!r}")
    return value


# Temperatures outside this range make T^2 KL lose all precision (float32 gives a negative
# loss near T = 1e8) or overflow z / T; Hinton et al. use 1 to 20.
TEMPERATURE_RANGE = (1e-4, 1e4)


def temperature(value, where):
    """The distillation temperature T, a real number in TEMPERATURE_RANGE."""
    low, high = TEMPERATURE_RANGE
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise OctakdTypeError(f"{where}: temperature must be a real number, got {describe(value)}")
    T = float(value) if abs(value) < 1e308 else math.inf
    if not low <= T <= high:
        raise OctakdValueError(f"{where}: temperature must be a positive number from {low:g} to "
                               f"{high:g} (typical values are 1 to 20), got {T!r}")
    return T


def alpha(value, where):
    """The weight of the soft (teacher) term, in [0, 1]."""
    return real_in_range(value, "alpha", where, 0.0, 1.0)


def one_of(value, name, where, choices):
    """Return ``value`` lower-cased if it is one of the strings ``choices``, else raise."""
    if not isinstance(value, str) or value.lower() not in choices:
        raise OctakdValueError(f"{where}: {name} must be one of {', '.join(map(repr, choices))}, "
                               f"got {describe(value) if not isinstance(value, str) else repr(value)}")
    return value.lower()


def float_dtype(dtype, where):
    """Return ``np.dtype(dtype)`` if it is float32 or float64, else raise."""
    try:
        dt = np.dtype(dtype) if dtype is not None else None
    except TypeError:
        dt = None
    if dt is None or dt not in (np.dtype(np.float32), np.dtype(np.float64)):
        raise OctakdTypeError(f"{where}: dtype must be float32 or float64, got {dtype!r}")
    return dt


def optional_name(value, where, what="name"):
    """A name: a string or None."""
    if value is not None and not isinstance(value, str):
        raise OctakdTypeError(f"{where}: {what} must be a string (or None), got {describe(value)}")
    return value


def file_name(path, where, what="file name"):
    """A file name as a str (str, bytes or os.PathLike), else a clear error."""
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not isinstance(path, (str, os.PathLike)):
        raise OctakdTypeError(f"{where}: expected a {what} (a string or a path), got {describe(path)}")
    path = os.fspath(path)
    if path == "":
        raise OctakdValueError(f"{where}: the {what} is empty")
    return path


def fits_in_memory(count, what, where):
    """Refuse an array of more than MAX_ELEMENTS values before trying to allocate it."""
    if count > MAX_ELEMENTS:
        raise OctakdValueError(f"{where}: {what} would hold {count:,} values, more than octakd's "
                               f"limit of {MAX_ELEMENTS:,} per array; use smaller sizes")
    return count


def float_array(x, where):
    """Check that ``x`` is a real float32/float64 ndarray (finiteness is all_finite's job)."""
    if not isinstance(x, np.ndarray):
        raise OctakdTypeError(f"{where}: expected a NumPy float array, got {describe(x)}")
    if x.dtype not in (np.float32, np.float64):
        raise OctakdTypeError(f"{where}: expected dtype float32 or float64, got {x.dtype}")
    return x


def all_finite(x, where, what="input"):
    """Raise NonFiniteError if ``x`` holds NaN or Inf."""
    if not np.isfinite(x).all():
        n_nan = int(np.isnan(x).sum())
        n_inf = int(np.isinf(x).sum())
        raise NonFiniteError(
            f"{where}: {what} contains {n_nan} NaN and {n_inf} Inf value(s); "
            f"clean the data first (for example np.nan_to_num)")
    return x
