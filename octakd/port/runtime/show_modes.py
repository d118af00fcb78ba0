"""Octave's ``format short g``/``format long g`` and ``format short e``/``format long e``.

Measured from GNU Octave 7.3 (probes ``tests/port_probes/l3_format_*.m``), with ``p`` the output
precision (5 for short, 16 for long, or ``output_precision(p)``):

* ``g``: every real number is C's ``%.{p}g`` (``1e+05``, ``0.33333``, ``1.2346e+08``), right
  aligned in ``p`` columns for a scalar (``m =     0``, ``f =  -0.5``) and in ``p + 6`` for each
  column of a matrix, after two blanks. Complex numbers give both parts ``p + 6`` columns.
  Ranges are laid out as matrices.
* ``e``: every real number is C's ``%.{p-1}e``; a scalar is right aligned in ``p + 5`` columns
  (only zero is ever shorter: ``d =          0``), NaN and Inf stand alone; a matrix column takes
  ``p + 6`` (one more for a range, as Octave's fixed format), and a complex number gives its
  real part ``p + 6`` columns and its imaginary part ``p + 5``. A matrix whose largest magnitude
  has a three-digit exponent (``1e+100``) takes one column more for each number.

Zero, negative zero included, is always ``0``. Integer types and logicals are shown as in every
format. Wide matrices are split into Octave's "Columns N through M" chunks of 80 columns.
"""
import math

import numpy as np


def _special(v):
    from .show import _special as special
    return special(v)


def real_text(v, prec, mode, width):
    """One real number in mode ``"g"`` or ``"e"``, right aligned in ``width`` columns."""
    if v == 0:
        text = "0"
    elif not math.isfinite(v):
        text = _special(v)
    elif mode == "g":
        text = f"{v:.{prec}g}"
    else:
        text = f"{v:.{prec - 1}e}"
    return text.rjust(width)


def scalar_text(v, prec, mode):
    """A real scalar as ``x = ...`` shows it."""
    if mode == "e" and not math.isfinite(v):
        return _special(v)
    return real_text(v, prec, mode, prec if mode == "g" else prec + 5)


def complex_text(z, prec, mode, extra=0):
    """One complex number: ``re + imi`` with the widths of the module's table (``extra`` more
    for each part: see :func:`exponent_column`)."""
    re, im = float(z.real), float(z.imag)
    sign = "-" if im < 0 or (im == 0 and math.copysign(1, im) < 0) else "+"
    re_width = prec + 6 + extra
    im_width = (prec + 6 if mode == "g" else prec + 5) + extra
    return (f"{real_text(re, prec, mode, re_width)} {sign} "
            f"{real_text(abs(im), prec, mode, im_width)}i")


def exponent_column(values):
    """1 when the largest finite magnitude has a three-digit exponent (``1e+100``): Octave's
    e-format then widens every column by one (not for ``1e-100``: its minus takes the place of
    the sign)."""
    finite = np.abs(values[np.isfinite(values)])
    return 1 if finite.size and finite.max() >= 1e100 else 0


def matrix_cells(a, prec, mode, range_layout=False):
    """(cells, width) of a 2-D real float array."""
    width = prec + 6
    if mode == "e":
        width += (1 if range_layout else 0) + exponent_column(a)
    return [[real_text(float(v), prec, mode, width) for v in row] for row in a], width


def complex_cells(a, prec, mode):
    """(cells, width) of a 2-D complex array."""
    a = np.asarray(a)
    extra = exponent_column(np.concatenate([a.real.ravel(), a.imag.ravel()])) if mode == "e" else 0
    cells = [[complex_text(z, prec, mode, extra) for z in row] for row in a]
    return cells, len(cells[0][0])
