"""Fortran's MAX and MIN as gfortran evaluates them, for the modules that repeat reference
LAPACK's operations in order (lapack_order, condest_order, dqds_order, dqds_shift, expm_order,
svd_order): a NaN argument loses to a number, where Python's ``max`` depends on the order."""


def fmax(*args):
    """MAX(a, b, ...): the largest, a NaN losing to any number after it."""
    r = args[0]
    for b in args[1:]:
        if b > r or r != r:
            r = b
    return r


def fmin(*args):
    """MIN(a, b, ...): the smallest, a NaN losing to any number after it."""
    r = args[0]
    for b in args[1:]:
        if b < r or r != r:
            r = b
    return r
