"""Matrix products added in the order GNU Octave's BLAS adds them.

GNU Octave computes ``A*B`` with the BLAS it is linked with: ``dgemm`` for matrices, ``dgemv``
for a matrix and a vector, ``ddot`` for a row times a column, ``dsyrk`` for ``A'*A``. Debian's
(and Ubuntu's) ``octave`` package installs the reference BLAS from netlib, whose loops give
every element as a plain sum, left to right, of rounded products::

    C(i,j) = (((0 + A(i,1)*B(1,j)) + A(i,2)*B(2,j)) + ...) + A(i,K)*B(K,j)

NumPy's BLAS (OpenBLAS) adds in blocks, in SIMD lanes and with fused multiply-adds, so its last
bits differ, and iterative scripts (gradient descent, fmincg) drift apart from Octave's printed
digits. :func:`reference_product` computes the reference order with NumPy, one rank-1 update
per step ``C += A(:,l) * B(l,:)`` (each product rounded, then added), about 1 ns per
multiply-add. Products above :data:`EXACT_LIMIT` multiply-adds use NumPy's BLAS instead, with a
warning on standard error (a script that multiplies 2000x2000 matrices should not take minutes).
"""
import sys

import numpy as np

EXACT_LIMIT = 400_000_000      # multiply-adds; above it, BLAS (and a warning, once)
_warned = [False]


def reference_product(a, b):
    """``a @ b`` of 2-D float64 arrays (shapes (M, K) and (K, N)), each element added left to
    right over K as the reference BLAS adds it."""
    m, k = a.shape
    n = b.shape[1]
    if m * n * k > EXACT_LIMIT:
        if not _warned[0]:
            _warned[0] = True
            print(f"octakd: warning: a matrix product of {m}x{k} by {k}x{n} uses NumPy's BLAS; "
                  "its last digits may differ from GNU Octave's", file=sys.stderr)
        return a @ b
    out = np.zeros((m, n))
    if k == 0:
        return out
    if m == 1 and n == 1:                       # ddot: a running sum of the products
        return np.cumsum(a[0] * b[:, 0]).reshape(-1)[-1:].reshape(1, 1) + out
    for col in range(k):
        out += a[:, col:col + 1] * b[col:col + 1, :]
    return out
