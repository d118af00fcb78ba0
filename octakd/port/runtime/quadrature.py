"""Octave's ``quad``: the integral of a function handle by QUADPACK.

GNU Octave's ``quad`` calls QUADPACK's QAGS on a finite interval, as SciPy's
``scipy.integrate.quad`` does, with an absolute tolerance of 1e-10 and a relative one of
sqrt(eps). With the same routine and the same tolerances the results, the evaluation counts and
the error estimates are the same as Octave's (recorded in tests/port_probes/quad_*.m). Infinite
limits (QAGI, whose error estimates differ from SciPy's) and singular points are refused.
"""
import math

import numpy as np
import scipy.integrate as si

from .core import _arr, _num, _scalar
from .functions import OctaveError

__all__ = ["quad"]
FUNCTIONS = {"quad": "scalar"}
MULTI_OUTPUT = {"quad"}

_ABS_TOL, _REL_TOL = 1e-10, math.sqrt(np.finfo(np.float64).eps)


def quad(f, a, b, tol=None, sing=None, nargout=1):
    """``[q, ier, nfev, err] = quad(f, a, b[, tol])``: tol is the absolute tolerance, or
    [AbsTol RelTol]. Singular points (``sing``) are not supported."""
    if not callable(f):
        from .fhandles import resolve
        f = resolve(f, "quad")
    if sing is not None and np.size(sing):
        raise OctaveError("Octave:not-supported", "quad: singular points (SING) are not supported")
    atol, rtol = _ABS_TOL, _REL_TOL
    if tol is not None and np.size(tol):
        t = _arr(_num(tol)).astype(np.float64).ravel()
        if t.size > 2:
            raise OctaveError("Octave:invalid-input-type", "quad: TOL must be a 1- or 2-element vector")
        atol = float(t[0])
        rtol = float(t[1]) if t.size == 2 else rtol
    lo, hi = float(_scalar(a, "quad")), float(_scalar(b, "quad"))
    if not (math.isfinite(lo) and math.isfinite(hi)):
        # Octave's QAGI transformation gives other error estimates than SciPy's: not the same
        raise OctaveError("Octave:not-supported", "quad: infinite limits are not supported")

    def g(x):
        v = f(x)
        return float(np.asarray(_num(v), dtype=np.float64).reshape(()))
    res = si.quad(g, lo, hi, epsabs=atol, epsrel=rtol, full_output=1)
    q, err, info = res[:3]
    if len(res) > 3 or not math.isfinite(q):
        # QUADPACK's ier > 0: Octave prints "ABNORMAL RETURN FROM DQAGP" and its own partial
        # result (NaN when the integrand reached Inf), SciPy another one; neither can be matched
        raise OctaveError("Octave:not-supported", "quad: QUADPACK did not converge (an integrable "
                                                  "singularity or divergence); octakd cannot give "
                                                  "Octave's partial result")
    outs = (float(q), 0.0, float(info["neval"]), float(err))
    return outs[:nargout] if nargout > 1 else outs[0]
