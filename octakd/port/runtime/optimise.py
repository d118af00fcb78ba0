"""Octave's optimisers and function-applying helpers: fzero, fminsearch, fminbnd, fminunc,
lsqnonneg, ode45, optimset/optimget/odeset, arrayfun and cellfun.

A function argument is any Python callable (a ported handle ``@(x) x.^2`` or ``@cos``) or the
name of a runtime function as a string. ``fzero``, ``fminsearch``, ``fminbnd``
(:mod:`.octave_search`), ``fminunc`` (:mod:`.octave_fminunc`) and ``ode45`` (:mod:`.odesolve`)
are GNU Octave's own algorithms written again, so they evaluate the function at Octave's points
and give Octave's iterates, results and counts. ``lsqnonneg`` is SciPy's Lawson-Hanson NNLS.
"""
import math

import numpy as np
import scipy.optimize as so

from .core import _arr, _num, _out, _scalar
from .functions import OctaveError
from .octave_fminunc import _finite_differences, trust_region_minimum
from .octave_search import EPS, bounded_minimum, nelder_mead, zero_in_bracket
from .odesolve import integrate

__all__ = ["fzero", "fminsearch", "fminbnd", "fminunc", "lsqnonneg", "ode45", "optimset",
           "optimget", "odeset", "arrayfun"]
FUNCTIONS = {name: "num" for name in __all__}
FUNCTIONS.update({"optimset": "other", "odeset": "other", "optimget": "other"})
MULTI_OUTPUT = {"fzero", "fminsearch", "fminbnd", "fminunc", "lsqnonneg", "ode45",
                "arrayfun"}

MAX_ODE_CALLS = 2_000_000   # ode45 stops instead of running for hours
_OPTION_NAMES = ["AutoScaling", "ComplexEqn", "Display", "FinDiffType", "FunValCheck",
                 "GradObj", "Jacobian", "MaxFunEvals", "MaxIter", "OutputFcn", "TolFun", "TolX",
                 "TypicalX", "Updating"]
_ODE_NAMES = ["AbsTol", "RelTol", "InitialStep", "MaxStep", "Refine", "Stats", "OutputFcn"]
# every field of Octave 7's odeset struct (ASCII order); the unset ones are []
_ODE_FIELDS = sorted("""AbsTol BDF Events InitialSlope InitialStep JConstant JPattern Jacobian
    MStateDependence Mass MassSingular MaxOrder MaxStep MvPattern NonNegative NormControl
    OutputFcn OutputSel Refine RelTol Stats Vectorized""".split())


def _as_dict(options):
    """Options given as a struct (what optimset/odeset return) as a dict of the fields that
    are set (an empty field is an unset option)."""
    from .structs import Struct
    if isinstance(options, Struct):
        return {k: v for k, v in options.the_one("options").items()
                if isinstance(v, str) or callable(v) or hasattr(type(v), "paren_index") or
                np.size(v) != 0}
    return options


def _callable(f, where):
    """A handle (any Python callable) or the name of a function (resolved as ``feval`` does)."""
    if callable(f):
        return f
    if isinstance(f, str):
        from .fhandles import resolve     # the script's functions, then the runtime's
        return resolve(f, where)
    raise TypeError(f"{where}: FCN must be a function handle, got {type(f).__name__}")




def _call(f, *args, nargout=1):
    """Call a handle; with nargout > 1 it must give a tuple (``[f, g] = fun(x)``)."""
    if nargout > 1:
        try:
            res = f(*args, nargout=nargout)
        except TypeError:
            res = f(*args)
        if not isinstance(res, tuple) or len(res) < nargout:
            raise ValueError(f"the function must return {nargout} outputs")
        return res
    res = f(*args)
    return res[0] if isinstance(res, tuple) else res


def _fscalar(f, x, where):
    v = _call(f, x)
    if np.size(v) != 1:
        raise ValueError(f"{where}: FCN must return a real scalar")
    v = float(np.asarray(v, dtype=np.float64).reshape(()))
    return v


# -------------------------------------------------------------------------------- options
def _canonical(name, names, where):
    for n in names:
        if n.lower() == str(name).lower():
            return n
    raise ValueError(f"{where}: unrecognized option: {name}")


def optimset(*args):
    """Octave's ``optimset('Name', value, ...)`` and ``optimset(old, 'Name', value, ...)``:
    the options as a struct of the fields given, with Octave's capitalisation of each name."""
    from .structs import Struct
    opts = {}
    if args and isinstance(_as_dict(args[0]), dict):
        opts.update(_as_dict(args[0]))
        args = args[1:]
    if len(args) % 2:
        raise ValueError("optimset: invalid number of arguments")
    for name, value in zip(args[::2], args[1::2]):
        opts[_canonical(name, _OPTION_NAMES, "optimset")] = value
    return Struct.scalar(opts)


def odeset(*args):
    """Octave's ``odeset('RelTol', r, 'AbsTol', a, ...)``: the ODE options as a struct with
    every field of Octave's (the ones given first, the others ``[]`` in ASCII order)."""
    from .structs import Struct
    opts = {}
    if args and isinstance(_as_dict(args[0]), dict):
        opts.update(_as_dict(args[0]))
        args = args[1:]
    if len(args) % 2:
        raise ValueError("odeset: invalid number of arguments")
    for name, value in zip(args[::2], args[1::2]):
        opts[_canonical(name, _ODE_NAMES, "odeset")] = value
    for name in _ODE_FIELDS:
        opts.setdefault(name, np.zeros((0, 0)))
    return Struct.scalar(opts)


def optimget(options, name, default=None):
    """Octave's ``optimget(options, 'Name'[, default])``."""
    key = _canonical(name, _OPTION_NAMES, "optimget")
    value = (_as_dict(options) or {}).get(key)
    return default if value is None or np.size(value) == 0 and not isinstance(value, str) \
        else value








# -------------------------------------------------------------------------------- root finding
def _option(options, name, default):
    """``optimget(options, name, default)`` as a Python value (None options: the default)."""
    value = (_as_dict(options) or {}).get(name) if isinstance(_as_dict(options), dict) else None
    if value is None or (not isinstance(value, str) and np.size(value) == 0):
        return default
    return value


def _number_option(options, name, default, where):
    value = _option(options, name, default)
    return default if value is default else float(_scalar(value, f"{where}: {name}"))


def _no_output_function(options, where):
    if _option(options, "OutputFcn", None) is not None:
        raise ValueError(f"{where}: the OutputFcn option is not supported")


def fzero(fun, x0, options=None, nargout=1):
    """Octave's ``[x, fval, info, output] = fzero(fun, x0[, options])``: a zero of a scalar
    function by Octave's own algorithm (Alefeld-Potra-Shi, :mod:`.octave_search`), so the same
    points, result and counts. x0 = [a b] is a bracket (the signs of fun(a) and fun(b) differ);
    around a scalar x0 a bracket is searched with Octave's trial steps. Options: TolX (eps),
    MaxIter and MaxFunEvals (Inf), Display ('notify', 'iter', 'final', 'off')."""
    from .structs import Struct
    f = _callable(fun, "fzero")
    _no_output_function(options, "fzero")
    start = _arr(_num(x0)).astype(np.float64)
    if start.size == 0:
        raise ValueError("fzero: X0 must be a scalar or 2-element vector")
    if str(_option(options, "FunValCheck", "off")).lower() == "on":
        value = lambda t: _checked_value(f, t)             # noqa: E731
    else:
        value = lambda t: _fscalar(f, t, "fzero")          # noqa: E731
    x, fval, info, niter, nfev, a, b, fa, fb = zero_in_bracket(
        value, start, tolx=_number_option(options, "TolX", EPS, "fzero"),
        maxiter=_number_option(options, "MaxIter", np.inf, "fzero"),
        maxfev=_number_option(options, "MaxFunEvals", np.inf, "fzero"),
        display=_option(options, "Display", "notify"))
    if nargout < 2:
        return float(x)
    output = Struct.scalar({"iterations": float(niter), "funcCount": float(nfev),
                            "algorithm": "bisection, interpolation",
                            "bracketx": np.array([[a, b]], dtype=np.float64),
                            "brackety": np.array([[fa, fb]], dtype=np.float64)})
    return (float(x), float(fval), float(info), output)[:nargout]


def _checked_value(f, t, where="fzero", ident="Octave:fzero"):
    """fzero's and fminbnd's FunValCheck 'on': a complex or NaN value is Octave's error (with
    Octave 7.3's identifiers, ``Octave:fmindbnd:...`` spelt so for fminbnd)."""
    v = np.asarray(_call(f, t)).ravel()[:1]
    if np.iscomplexobj(v):
        raise OctaveError(f"{ident}:notreal", f"{where}: non-real value encountered")
    if v.size and np.isnan(v[0]):
        raise OctaveError(f"{ident}:isnan", f"{where}: NaN value encountered")
    return float(v[0]) if v.size else np.nan


# -------------------------------------------------------------------------------- minimisation
def _shaped(x0):
    """Return (flat start, function mapping a flat vector back to x0's shape)."""
    a = _arr(_num(x0)).astype(np.float64)
    scalar = not isinstance(x0, np.ndarray)
    return a.ravel(order="F"), (lambda v: float(v[0]) if scalar else
                                _out(np.asarray(v, dtype=np.float64).reshape(a.shape, order="F")))


def fminsearch(fun, x0, options=None, *extra, nargout=1):
    """Octave's ``[x, fval, exitflag, output] = fminsearch(fun, x0[, options, p1, ...])``:
    Octave's own Nelder-Mead simplex search (Higham's nmsmax, :mod:`.octave_search`), so the
    same iterates, result and counts; it stops when the simplex is within TolX and its values
    within TolFun (1e-4 each), or after MaxIter/MaxFunEvals (200 * numel(x0) each). Extra
    arguments p1, ... are passed on: fun(x, p1, ...)."""
    from .structs import Struct
    f = _callable(fun, "fminsearch")
    _no_output_function(options, "fminsearch")
    if extra and nargout >= 2:
        raise ValueError("fminsearch: FVAL with extra arguments p1, ... is not supported: "
                         "GNU Octave 7.3 computes it as fun(x) without them (an error there); "
                         "pass them in a handle instead: @(x) fun(x, p1, ...)")
    if extra:                               # fminsearch(fun, x0, options, p1, p2): fun(x, p1, p2)
        base = f
        f = lambda v: base(v, *extra)       # noqa: E731
    start, shape = _shaped(x0)
    check = str(_option(options, "FunValCheck", "off")).lower() == "on"

    def value(v):
        y = _call(f, shape(v))
        if check:
            _check_minimised_value(y)
        if np.size(y) != 1:
            raise ValueError("fminsearch: FUN must return a real scalar")
        return np.asarray(y).reshape(())

    n = start.size
    flat, exitflag, iterations, evaluations, message = nelder_mead(
        value, start, tolx=_number_option(options, "TolX", 1e-4, "fminsearch"),
        tolf=_number_option(options, "TolFun", 1e-4, "fminsearch"),
        maxiter=int(_number_option(options, "MaxIter", 200 * n, "fminsearch")),
        maxfev=int(_number_option(options, "MaxFunEvals", 200 * n, "fminsearch")),
        display=_option(options, "Display", "notify"))
    x = shape(flat)
    if nargout < 2:
        return x
    fval = _call(f, x)                      # Octave evaluates fun at x once more
    output = Struct.scalar({"iterations": float(iterations), "funcCount": float(evaluations),
                            "algorithm": "Nelder-Mead simplex direct search",
                            "message": message})
    return (x, fval, float(exitflag), output)[:nargout]


def _check_minimised_value(y, where="fminsearch"):
    """FunValCheck 'on' of fminsearch and fminunc: complex, NaN or Inf values are Octave's
    errors (identifiers "fminsearch:..." and "Octave:fminunc:..." as Octave 7.3 spells them)."""
    ident = "fminsearch" if where == "fminsearch" else "Octave:fminunc"
    if np.iscomplexobj(y):
        raise OctaveError(f"{ident}:notreal", f"{where}: non-real value encountered")
    a = np.asarray(y, dtype=np.float64)
    if np.isnan(a).any():
        raise OctaveError(f"{ident}:isnan", f"{where}: NaN value encountered")
    if np.isinf(a).any():
        raise OctaveError(f"{ident}:isinf", f"{where}: Inf value encountered")


def fminbnd(fun, a, b, options=None, nargout=1):
    """Octave's ``[x, fval, info, output] = fminbnd(fun, a, b[, options])``: the minimum of a
    scalar function on [a, b] by GNU Octave's own algorithm (Brent's golden-section search with
    parabolic steps, :mod:`.octave_search`), so the same points, result and counts. Options:
    TolX (1e-4), MaxIter and MaxFunEvals (500), FunValCheck, Display ('notify', 'iter',
    'final', 'off')."""
    from .structs import Struct
    f = _callable(fun, "fminbnd")
    _no_output_function(options, "fminbnd")
    lo, hi = float(_scalar(a, "fminbnd")), float(_scalar(b, "fminbnd"))
    if lo > hi:
        raise OctaveError("Octave:invalid-input-arg",
                          "fminbnd: the lower bound cannot be greater than the upper one")
    if str(_option(options, "FunValCheck", "off")).lower() == "on":
        value = lambda t: _checked_value(f, t, "fminbnd", "Octave:fmindbnd")      # noqa: E731
    else:
        value = lambda t: _fscalar(f, t, "fminbnd")            # noqa: E731
    x, fval, info, niter, nfev, lo, hi = bounded_minimum(
        value, lo, hi, tolx=_number_option(options, "TolX", 1e-4, "fminbnd"),
        maxiter=_number_option(options, "MaxIter", 500, "fminbnd"),
        maxfev=_number_option(options, "MaxFunEvals", 500, "fminbnd"),
        display=_option(options, "Display", "notify"))
    if nargout < 2:
        return float(x)
    output = Struct.scalar({"iterations": float(niter), "funcCount": float(nfev),
                            "algorithm": "golden section search, parabolic interpolation",
                            "bracket": np.array([[lo, hi]], dtype=np.float64)})
    return (float(x), float(fval), float(info), output)[:nargout]


def fminunc(fun, x0, options=None, nargout=1):
    """Octave's ``[x, fval, info, output, grad] = fminunc(fun, x0[, options])``: GNU Octave's
    own trust-region quasi-Newton method (:mod:`.octave_fminunc`), so the same points are
    evaluated and the same result, exit flag and counts come out. With optimset('GradObj',
    'on') fun returns [f, g]; otherwise the gradient is Octave's finite differences
    ('FinDiffType', 'forward' or 'central'). MaxIter (400), MaxFunEvals (100 * numel(x0)),
    TolX and TolFun (1e-7), TypicalX and FunValCheck are honoured."""
    from .structs import Struct
    f = _callable(fun, "fminunc")
    _no_output_function(options, "fminunc")
    if str(_option(options, "AutoScaling", "off")).lower() == "on":
        raise ValueError("fminunc: the AutoScaling option is not supported")
    start, shape = _shaped(x0)
    n = start.size
    check = str(_option(options, "FunValCheck", "off")).lower() == "on"

    def value(v):
        y = _call(f, shape(v))
        if check:
            _check_minimised_value(y, "fminunc")
        return float(np.asarray(_num(y), dtype=np.float64).ravel()[0])

    def both(v):
        y, g = _call(f, shape(v), nargout=2)
        if check:
            _check_minimised_value(y, "fminunc")
        return float(np.asarray(_num(y), dtype=np.float64).ravel()[0]), \
            np.asarray(_arr(_num(g)), dtype=np.float64).ravel(order="F")

    typical = _option(options, "TypicalX", None)
    has_grad = str(_option(options, "GradObj", "off")).lower() == "on"
    x, fval, info, niter, nsuc, nfev, grad = trust_region_minimum(
        value, both, start, has_grad=has_grad,
        central=str(_option(options, "FinDiffType", "forward")).lower() == "central",
        maxiter=_number_option(options, "MaxIter", 400, "fminunc"),
        maxfev=_number_option(options, "MaxFunEvals", 100 * n, "fminunc"),
        typicalx=None if typical is None else _arr(_num(typical)),
        tolx=_number_option(options, "TolX", 1e-7, "fminunc"),
        tolf=_number_option(options, "TolFun", 1e-7, "fminunc"), shape=_shape2(x0))
    if nargout > 4:
        grad_out = _out(grad.reshape(-1, 1))                    # Octave: grad(:) as it is ...
        if info in (-1, 2, 3):                                  # ... or recomputed at x
            if has_grad:
                fval, again = both(x)
            else:
                again = _finite_differences(value, x, fval, _typical(typical, n), False,
                                            _shape2(x0))
            grad_out = shape(again)
    x_out = shape(x)
    if nargout < 2:
        return x_out
    outs = [x_out, fval, float(info)]
    if nargout > 3:
        outs.append(Struct.scalar({"iterations": float(niter), "successful": float(nsuc),
                                   "funcCount": float(nfev)}))
    if nargout > 4:
        outs.append(grad_out)
    return tuple(outs[:nargout])


def _shape2(x0):
    """The 2-D shape Octave sees for x0 (a number is 1x1)."""
    a = _arr(_num(x0))
    return a.shape if a.ndim == 2 else (1, 1)


def _typical(typical, n):
    return np.ones(n) if typical is None else np.asarray(_arr(_num(typical)), dtype=np.float64).ravel()


def lsqnonneg(c, d, x0=None, options=None, nargout=1):
    """Octave's ``[x, resnorm, residual, exitflag] = lsqnonneg(C, d)``: min ||C*x - d|| over
    x >= 0 (Lawson-Hanson). x is a column; resnorm is the squared 2-norm of the residual d - C*x."""
    cm = _arr(_num(c)).astype(np.float64)
    dv = _arr(_num(d)).astype(np.float64).ravel(order="F")
    if cm.shape[0] != dv.size:
        raise ValueError("lsqnonneg: C and D must have the same number of rows")
    x, _norm = so.nnls(cm, dv)
    residual = dv - cm @ x
    outs = (_out(x.reshape(-1, 1)), float(residual @ residual), _out(residual.reshape(-1, 1)), 1.0)
    return outs[:nargout] if nargout > 1 else outs[0]


# ------------------------------------------------------------------------------------- ODEs
def ode45(fun, tspan, y0, options=None, *extra, nargout=1):
    """Octave's ``[t, y] = ode45(fun, tspan, y0[, odeset(...)][, p1, ...])``: dy/dt =
    fun(t, y, p1, ...) by the Dormand-Prince 5(4) pair (RelTol 1e-3, AbsTol 1e-6 by default).
    As in Octave, a fourth argument that is not an options struct is the first parameter.
    t is a column; row k of y is the solution at t(k), y0's elements along the columns."""
    f = _callable(fun, "ode45")
    if options is not None and not isinstance(_as_dict(options), dict):
        extra, options = (options,) + extra, None
    ts = _arr(_num(tspan)).astype(np.float64).ravel()
    if ts.size < 2:
        raise ValueError("ode45: TRANGE must contain at least 2 elements")
    y_start = _arr(_num(y0)).astype(np.float64)
    column = y_start.ravel(order="F")
    opts = _as_dict(options) if isinstance(_as_dict(options), dict) else {}
    rtol = float(opts.get("RelTol", 1e-3))
    atol = np.asarray(opts.get("AbsTol", 1e-6), dtype=np.float64).ravel()
    atol = float(atol[0]) if atol.size == 1 else atol
    calls = [0]

    def rhs(t, y):
        calls[0] += 1
        if calls[0] > MAX_ODE_CALLS:
            raise ValueError(f"ode45: more than {MAX_ODE_CALLS} evaluations of the function "
                             f"(a stiff problem? Octave's ode15s is not supported)")
        dy = _call(f, float(t), _out(y.reshape(-1, 1)) if y.size > 1 else float(y[0]), *extra)
        dy = _arr(_num(dy)).astype(np.float64).ravel(order="F")
        if dy.size != y.size:
            raise ValueError(f"ode45: the function returned {dy.size} values for {y.size} unknowns")
        return dy
    step = opts.get("MaxStep")
    first = opts.get("InitialStep")
    t, y = integrate(rhs, ts, column, atol=atol, rtol=rtol,
                     max_step=None if step is None else abs(float(_scalar(step, "ode45"))),
                     first_step=None if first is None else float(_scalar(first, "ode45")))
    t, y = t.reshape(-1, 1), y.T
    if nargout <= 1:
        from .structs import Struct
        return Struct.scalar({"x": _out(t.T), "y": _out(y.T), "solver": "ode45"})
    return _out(t), _out(y)


# -------------------------------------------------------------------------- arrayfun/cellfun
def _split_uniform(args, where):
    uniform, rest, k = True, list(args), 0
    while k < len(rest):
        if isinstance(rest[k], str) and rest[k].lower() in ("uniformoutput", "errorhandler"):
            if k + 1 >= len(rest):
                raise ValueError(f"{where}: missing value for {rest[k]}")
            if rest[k].lower() == "errorhandler":
                raise ValueError(f"{where}: 'ErrorHandler' is not supported")
            uniform = bool(np.all(_num(rest[k + 1])))
            del rest[k:k + 2]
        else:
            k += 1
    return uniform, rest


def _apply(f, items, shape, nargout, uniform, where):
    """Call f on each tuple in items; collect each output into an array of ``shape``."""
    n = max(nargout, 1)
    outs = [[] for _ in range(n)]
    for args in items:
        res = _call(f, *args, nargout=n) if n > 1 else (_call(f, *args),)
        for k in range(n):
            v = res[k]
            if uniform and not (np.size(v) == 1 and not isinstance(v, str) or
                                isinstance(v, str) and len(v) == 1):
                raise ValueError(f"{where}: all values must be scalars when UniformOutput = true; "
                                 f"use the 'UniformOutput', false options")
            outs[k].append(v)
    if not uniform:                 # cells of the results (cellfun lives in .cells)
        from .cells import Cell
        cells = tuple(Cell.of(vals, shape) for vals in outs)
        return cells if nargout > 1 else cells[0]
    arrays = []
    for vals in outs:
        if vals and all(isinstance(v, (bool, np.bool_)) or (isinstance(v, np.ndarray) and
                                                            v.dtype == bool) for v in vals):
            a = np.array([bool(np.asarray(v).reshape(())) for v in vals], dtype=bool)
        else:
            a = np.array([float(np.asarray(_num(v), dtype=np.float64).reshape(())) for v in vals])
        arrays.append(_out(a.reshape(shape, order="F")) if a.size != 1 else _out(a.reshape(1, 1)))
    return tuple(arrays) if nargout > 1 else arrays[0]


def _elements(x):
    """A cell or struct array as an object array of its 1x1 elements (what arrayfun passes)."""
    n = int(np.prod(x.shape))
    out = np.empty(n, dtype=object)
    for k in range(n):
        out[k] = x.paren_index((k + 1,))
    return out.reshape(x.shape, order="F")


def arrayfun(fun, a, *args, nargout=1):
    """Octave's ``arrayfun(fun, A, ...)``: fun applied to each element (column-major) of A and
    the arrays after it, the results in an array of A's size."""
    f = _callable(fun, "arrayfun")
    uniform, arrays = _split_uniform((a,) + args, "arrayfun")
    mats = [_elements(x) if hasattr(type(x), "paren_index") else
            _arr(x) if not isinstance(x, (list, tuple)) else np.array(x, dtype=object).reshape(1, -1)
            for x in arrays]
    for m in mats[1:]:
        if m.shape != mats[0].shape:
            raise ValueError("arrayfun: all the input arguments must have the same size and shape")
    flat = [m.ravel(order="F") for m in mats]
    scalar = lambda v: v.item() if isinstance(v, np.generic) else v
    items = [tuple(scalar(col[k]) for col in flat) for k in range(flat[0].size)]
    return _apply(f, items, mats[0].shape, nargout, uniform, "arrayfun")

