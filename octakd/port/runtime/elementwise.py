"""Octave's element-wise functions: the trigonometric and hyperbolic functions and their
inverses, atan2, hypot, log1p, expm1, sign, and the number-theory ones (gcd, lcm, factor,
primes, isprime, nchoosek, factorial, gamma).

Octave returns complex numbers where a real argument leaves a function's real domain
(``asin(2)``); octakd run has no complex values, so those calls stop with an error instead.
"""
import itertools
import math

import numpy as np
import scipy.special as sp

from .core import _arr, _num, _out, _scalar
from .values import numeric_array
from .libm import libm_binary, libm_unary

# libm's functions, value by value, as Octave computes them (runtime/libm.py says why)
_sin, _cos, _tan = libm_unary("sin"), libm_unary("cos"), libm_unary("tan")
_asin, _acos, _atan = libm_unary("asin"), libm_unary("acos"), libm_unary("atan")
_sinh, _cosh, _tanh = libm_unary("sinh"), libm_unary("cosh"), libm_unary("tanh")
_asinh, _acosh, _atanh = libm_unary("asinh"), libm_unary("acosh"), libm_unary("atanh")
_tgamma, _lgamma = libm_unary("tgamma"), libm_unary("lgamma")

_TRIG = {
    "sec": lambda x: 1 / _cos(x), "csc": lambda x: 1 / _sin(x), "cot": lambda x: 1 / _tan(x),
    "asin": _asin, "acos": _acos, "atan": _atan,
    "asec": lambda x: _acos(1 / x), "acsc": lambda x: _asin(1 / x),
    "acot": lambda x: _atan(1 / x),
    "sinh": _sinh, "cosh": _cosh, "sech": lambda x: 1 / _cosh(x),
    "csch": lambda x: 1 / _sinh(x), "coth": lambda x: 1 / _tanh(x),
    "asinh": _asinh, "acosh": _acosh, "atanh": _atanh,
    "asech": lambda x: _acosh(1 / x), "acsch": lambda x: _asinh(1 / x),
    "acoth": lambda x: _atanh(1 / x),
    "log1p": libm_unary("log1p"), "expm1": libm_unary("expm1"), "sign": np.sign, "gamma": None,
    "gammaln": lambda x: np.where(x == 0, math.inf, _lgamma(x)),
}


def _sind(x):
    """Octave 7's sind.m: wrapped into [-180, 180) (x - floor(x/360)*360), sin(x/180*pi), and an
    exact 0 at -180 and 0 (the wrapped multiples of 180)."""
    w = np.mod(x - 180, 360) - 180
    y = _sin(w / 180 * np.pi)
    y[w == -180] = 0
    return y


def _tand(x):
    """Octave 7's tand.m: tan(x/180*pi), exactly 0 at multiples of 180, Inf at 90 + k*180."""
    i0, i90 = x / 180, (x - 90) / 180
    y = _tan(i0 * np.pi)
    y[(i0 == np.fix(i0)) & np.isfinite(i0)] = 0
    y[(i90 == np.fix(i90)) & np.isfinite(i90)] = math.inf
    return y


# the degree forms, as Octave's m-files compute them (asind is asin(x) .* 180 ./ pi, ...)
_TRIG.update({
    "sind": _sind, "cosd": lambda x: _sind(x + 90), "tand": _tand,
    "secd": lambda x: 1 / _sind(x + 90), "cscd": lambda x: 1 / _sind(x), "cotd": lambda x: 1 / _tand(x),
    "asind": lambda x: _asin(x) * 180 / np.pi, "acosd": lambda x: _acos(x) * 180 / np.pi,
    "atand": lambda x: 180 / np.pi * _atan(x),
    "asecd": lambda x: _acos(1 / x) * 180 / np.pi,
    "acscd": lambda x: _asin(1 / x) * 180 / np.pi,
    "acotd": lambda x: 180 / np.pi * _atan(1 / x),
})
# the real domain of the functions that turn complex outside it
_DOMAIN = {
    "asin": lambda x: np.abs(x) <= 1, "acos": lambda x: np.abs(x) <= 1,
    "asec": lambda x: np.abs(x) >= 1, "acsc": lambda x: np.abs(x) >= 1,
    "acosh": lambda x: x >= 1, "atanh": lambda x: np.abs(x) <= 1,
    "asech": lambda x: (x > 0) & (x <= 1), "acoth": lambda x: np.abs(x) >= 1,
    "log1p": lambda x: x >= -1, "gammaln": lambda x: x >= 0,
    "asind": lambda x: np.abs(x) <= 1, "acosd": lambda x: np.abs(x) <= 1,
    "asecd": lambda x: np.abs(x) >= 1, "acscd": lambda x: np.abs(x) >= 1,
}

__all__ = sorted(_TRIG) + ["atan2", "hypot", "gcd", "lcm", "factor", "primes", "isprime",
                           "nchoosek", "factorial"]
FUNCTIONS = {name: "same" for name in _TRIG}
FUNCTIONS.update({"atan2": "num", "hypot": "num", "gcd": "num", "lcm": "num", "factor": "num",
                  "primes": "num", "isprime": "num", "nchoosek": "num", "factorial": "same"})
MULTI_OUTPUT = {"factor"}


def _real(x, where):
    a = numeric_array(x, where)
    return np.asarray(a, dtype=np.float64)      # an integer-typed argument becomes plain doubles


def _gamma(x):
    """Octave's gamma: libm's tgamma, but Inf at the negative integers and at -Inf (where
    tgamma gives NaN), and Inf at 0 with the sign of the zero (``gamma(-0)`` is -Inf)."""
    out = _tgamma(x)
    out[((x < 0) & (x == np.round(x))) | np.isinf(x)] = math.inf
    zero = x == 0
    out[zero] = np.copysign(math.inf, x[zero])
    return out


def _make(name, func):
    def f(x):
        a = _real(x, name)
        ok = _DOMAIN.get(name)
        if ok is not None:
            with np.errstate(divide="ignore", invalid="ignore"):
                bad = ~ok(a) & ~np.isnan(a)
            if np.any(bad):
                raise ValueError(f"{name}: the result is complex for {a[bad][0]:g}; complex "
                                 f"numbers are not supported by octakd run")
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            res = func(a)
        return _out(res) if np.ndim(x) else float(res.reshape(()))
    f.__name__ = name
    f.__doc__ = f"Octave's element-wise ``{name}``."
    return f


for _name, _func in _TRIG.items():
    globals()[_name] = _make(_name, _gamma if _name == "gamma" else _func)
del _name, _func


def _pair(func, a, b, where):
    x, y = _real(a, where), _real(b, where)
    try:
        np.broadcast_shapes(x.shape, y.shape)
    except ValueError:
        raise ValueError(f"{where}: nonconformant arguments (op1 is {x.shape[0]}x{x.shape[1]}, "
                         f"op2 is {y.shape[0]}x{y.shape[1]})") from None
    res = func(x, y)
    scalar = not isinstance(a, np.ndarray) and not isinstance(b, np.ndarray)
    return float(res.reshape(())) if scalar else _out(res)


def atan2(y, x):
    """Octave's ``atan2(y, x)``: the angle of the point (x, y), in (-pi, pi]."""
    return _pair(libm_binary("atan2"), y, x, "atan2")


def hypot(x, y):
    """Octave's ``hypot(x, y)``: sqrt(x.^2 + y.^2) without overflow."""
    return _pair(libm_binary("hypot"), x, y, "hypot")


def _integers(x, where):
    a = _real(x, where)
    if np.any(a != np.round(a)):
        raise ValueError(f"{where}: all values must be integers")
    return a


def gcd(a, b, *rest):
    """Octave's ``gcd(a, b, ...)``: the greatest common divisor, element-wise (always >= 0)."""
    res = _pair(lambda x, y: np.gcd(_integers(x, "gcd").astype(np.int64),
                                    _integers(y, "gcd").astype(np.int64)).astype(np.float64), a, b, "gcd")
    return gcd(res, *rest) if rest else res


def lcm(a, b, *rest):
    """Octave's ``lcm(a, b, ...)``: the least common multiple, element-wise."""
    res = _pair(lambda x, y: np.lcm(_integers(x, "lcm").astype(np.int64),
                                    _integers(y, "lcm").astype(np.int64)).astype(np.float64), a, b, "lcm")
    return lcm(res, *rest) if rest else res


def factor(n, nargout=1):
    """Octave's ``factor(n)``: the prime factors of n in ascending order (a row);
    ``[p, k] = factor(n)``: the distinct primes and their multiplicities."""
    pf = _factor(n)
    if nargout <= 1:
        return pf
    v = np.asarray(pf, dtype=np.float64).ravel()
    if v.size == 1:
        return pf, 1.0
    primes_, counts = np.unique(v, return_counts=True)
    return _out(primes_.reshape(1, -1)), _out(counts.astype(np.float64).reshape(1, -1))


def _factor(n):
    v = _scalar(n, "factor")
    if v != int(v) or v < 0:
        raise ValueError("factor: Q must be a real non-negative integer")
    v, out, p = int(v), [], 2
    if v < 4:
        return float(v)
    while p * p <= v:
        while v % p == 0:
            out.append(float(p))
            v //= p
        p += 1
    if v > 1:
        out.append(float(v))
    return _out(np.array([out]))


def primes(n):
    """Octave's ``primes(n)``: the primes <= n (a row), by the sieve of Eratosthenes."""
    limit = int(math.floor(_scalar(n, "primes")))
    if limit < 2:
        return np.zeros((1, 0))
    if limit > 100_000_000:
        raise ValueError("primes: N is too large (more than 1e8)")
    sieve = np.ones(limit + 1, dtype=bool)
    sieve[:2] = False
    for p in range(2, int(limit ** 0.5) + 1):
        if sieve[p]:
            sieve[p * p::p] = False
    return _out(np.flatnonzero(sieve).astype(np.float64).reshape(1, -1))


def isprime(x):
    """Octave's ``isprime(x)``: true where abs(x) is a prime (Octave 7's isprime(-3) is true)."""
    a = np.abs(_integers(x, "isprime"))

    return _out(np.vectorize(_is_prime, otypes=[bool])(a))


def _is_prime(v):
    """Deterministic Miller-Rabin: these 12 bases decide every n < 3.3e24 (all doubles' integers
    that matter), in microseconds where trial division would take minutes."""
    n = int(v)
    if n < 2:
        return False
    bases = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37)
    if n in bases:
        return True
    if any(n % p == 0 for p in bases):
        return False
    d, r = n - 1, 0
    while d % 2 == 0:
        d, r = d // 2, r + 1
    for a in bases:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def nchoosek(n, k):
    """Octave's ``nchoosek(n, k)``: the binomial coefficient for a scalar n; for a vector n,
    every combination of k of its elements, one per row, in lexicographic order."""
    kk = _scalar(k, "nchoosek")
    if kk != int(kk) or kk < 0:
        raise ValueError("nchoosek: K must be an integer >= 0")
    kk = int(kk)
    if np.size(n) == 1:
        nn = _scalar(n, "nchoosek")
        if nn != int(nn) or nn < 0:
            raise ValueError("nchoosek: N must be a non-negative integer")
        if kk > nn:
            raise ValueError("nchoosek: N must be a non-negative integer >= K")
        return float(math.comb(int(nn), kk))
    v = _real(n, "nchoosek").ravel(order="F")
    if math.comb(v.size, kk) > 10_000_000:
        raise ValueError("nchoosek: too many combinations (more than 1e7)")
    rows = list(itertools.combinations(v.tolist(), kk))
    return _out(np.array(rows, dtype=np.float64).reshape(len(rows), kk))


def factorial(n):
    """Octave's ``factorial(n)``: round(gamma(n + 1)) for non-negative integers."""
    a = _real(n, "factorial")
    if np.any(a < 0) or np.any(a != np.round(a)):
        raise ValueError("factorial: all N must be real non-negative integers")
    res = np.round(sp.gamma(a + 1))
    return _out(res) if np.ndim(n) else float(res.reshape(()))
