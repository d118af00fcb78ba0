"""Octave's order of complex numbers: comparisons, ``max``/``min`` and ``sort`` of complex values.

Octave orders complex values by modulus first and argument second::

    z1 < z2   when   abs(z1) < abs(z2),  or  abs(z1) == abs(z2) and arg(z1) < arg(z2)

with ``arg`` in (-pi, pi] (an argument of -pi, as of ``complex(-4, -0)``, counts as pi). A real
operand compared with a complex one keeps its modulus but counts as argument 0, even when
negative: ``-4 < 4i`` is true, where ``complex(-4, 0) < 4i`` is false (GNU Octave 7.3).

``<``, ``<=``, ``>``, ``>=`` (the runtime's ``lt``, ``le``, ``gt``, ``ge``), ``max(x)``,
``min(x)`` and ``sort`` use this order. The two-argument ``max(a, b)`` and ``min(a, b)`` compare
moduli only, and keep ``a`` on a tie. NumPy orders complex values by real part, then imaginary
part, so ``[3+1i, -4] < 2`` written as a NumPy comparison would silently differ.
"""
import numpy as np


def order_keys(z):
    """(modulus, argument) of every element of z: the two keys of Octave's complex order.
    A real z has argument 0 (see the module)."""
    if not np.iscomplexobj(z):
        modulus = np.abs(np.asarray(z, dtype=np.float64))
        return modulus, np.zeros_like(modulus)
    z = np.asarray(z, dtype=np.complex128)
    argument = np.angle(z)
    return np.abs(z), np.where(argument == -np.pi, np.pi, argument)


def less(a, b):
    """Octave's ``a < b`` when a or b is complex (element-wise, broadcast)."""
    (ma, aa), (mb, ab) = order_keys(a), order_keys(b)
    return (ma < mb) | ((ma == mb) & (aa < ab))


def less_equal(a, b):
    """Octave's ``a <= b`` when a or b is complex."""
    (ma, aa), (mb, ab) = order_keys(a), order_keys(b)
    return (ma < mb) | ((ma == mb) & (aa <= ab))


def pairwise_extreme(a, b, largest):
    """Octave's two-argument ``max(a, b)`` (largest) or ``min(a, b)`` when a or b is complex:
    a where abs(a) >= abs(b) (<= for min), else b; a NaN loses to a number. Complex, broadcast."""
    a, b = np.asarray(a, dtype=np.complex128), np.asarray(b, dtype=np.complex128)
    wins = np.abs(a) >= np.abs(b) if largest else np.abs(a) <= np.abs(b)
    return np.where(np.isnan(b) | (~np.isnan(a) & wins), a, b)


def reduce_extreme(a, axis, largest):
    """Octave's ``max(a, [], dim)`` (largest) or ``min`` of a complex array along ``axis``: the
    first element that no later one beats in the order; NaN is skipped unless the whole slice
    is NaN. Returns (values, 0-based indices), both with ``axis`` kept as length 1."""
    a = np.asarray(a, dtype=np.complex128)
    modulus, argument = order_keys(a)
    sign = 1.0 if largest else -1.0                # the smallest is the largest of the negated
    nan = np.isnan(a)
    modulus = np.moveaxis(np.where(nan, -np.inf, sign * modulus), axis, -1)
    argument = np.moveaxis(np.where(nan, -np.inf, sign * argument), axis, -1)
    rows = zip(modulus.reshape(-1, modulus.shape[-1]), argument.reshape(-1, argument.shape[-1]))
    best = np.array([_first_largest(m, g) for m, g in rows], dtype=np.intp)
    idx = np.expand_dims(best.reshape(modulus.shape[:-1]), axis)
    return np.take_along_axis(a, idx, axis=axis), idx


def _first_largest(modulus, argument):
    """The index of the first largest (modulus, argument) pair, compared in that order."""
    best = 0
    for k in range(1, len(modulus)):
        if modulus[k] > modulus[best] or (modulus[k] == modulus[best] and
                                          argument[k] > argument[best]):
            best = k
    return best
