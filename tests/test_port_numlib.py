"""The numeric library of ``octakd run`` (runtime/linalg, polynomials, reductions, elementwise,
construct, optimise, timing) against GNU Octave 7.3 and independent computations.

``tests/port_numlib/NAME.m`` are short scripts written for this suite; ``NAME.out`` is what GNU
Octave 7.3 printed for each (``tests/port_numlib/record.sh`` records them again). Each must run
through ``octakd run`` and print exactly Octave's bytes; ``optim_handles`` and ``ode_steps`` pass
function handles to the optimisers and ode45. ``apply_cells`` (cellfun on a cell array) skips
while the translator refuses ``{...}`` (the cells branch adds them). The value tests below check
the functions from Python against NumPy/SciPy or hand computations, and Octave's warnings and
errors.
"""
import math
import shutil
from pathlib import Path

import numpy as np
import pytest

from octakd.port.runtime.functions import OctaveError
import scipy.integrate
import scipy.linalg
import scipy.optimize

from octakd.port import runtime as rt
from test_port_probes import run_forked

PROBES = Path(__file__).parent / "port_numlib"
NAMES = sorted(p.stem for p in PROBES.glob("*.m"))


@pytest.mark.parametrize("name", NAMES)
def test_probe_prints_what_octave_prints(name, tmp_path):
    shutil.copy(PROBES / f"{name}.m", tmp_path / f"{name}.m")
    expected = (PROBES / f"{name}.out").read_bytes()
    code, out, err = run_forked(tmp_path / f"{name}.m", tmp_path)
    text = err.decode("utf-8", "replace")
    assert "Traceback" not in text, text
    assert code == 0, text
    assert out == expected, (f"--- GNU Octave printed\n{expected.decode()}\n--- octakd printed\n"
                             f"{out.decode('utf-8', 'replace')}")


def test_every_probe_has_a_recording():
    assert len(NAMES) >= 20
    for name in NAMES:
        assert (PROBES / f"{name}.out").stat().st_size > 0, name


# ------------------------------------------------------------------------------ linear algebra
A = np.array([[4.0, -2, 1], [3, 6, -4], [2, 1, 8]])
RECT = np.array([[1.0, 2], [3, 4], [5, 6]])


def test_inverse_determinant_and_solves_agree_with_numpy():
    assert np.allclose(rt.inv(A) @ A, np.eye(3))
    assert math.isclose(rt.det(A), np.linalg.det(A), rel_tol=1e-12)
    b = np.array([[1.0], [2], [3]])
    assert np.allclose(rt.mldivide(A, b), np.linalg.solve(A, b))
    assert np.allclose(rt.mrdivide(b.T, A), np.linalg.solve(A.T, b).T)
    ls = rt.mldivide(RECT, np.array([[1.0], [2], [2]]))
    assert np.allclose(ls, np.linalg.lstsq(RECT, [[1], [2], [2]], rcond=None)[0])


def test_singular_matrices_warn_as_octave_does(capsys):
    out = rt.inv(np.array([[1.0, 2], [2, 4]]))
    assert np.all(np.isinf(out))
    assert capsys.readouterr().err == "warning: matrix singular to machine precision\n"
    near = np.array([[1.0, 1], [1, 1 + 1e-17 + 2e-16]])
    rt.mldivide(near, np.array([[1.0], [2]]))
    err = capsys.readouterr().err
    assert err.startswith("warning: matrix singular to machine precision, rcond = ")
    # an exactly zero pivot: the minimum-norm least-squares solution, after the warning
    # without an rcond (GNU Octave 7.3 prints it: Matrix::fsolve calls warn_singular_matrix)
    x = rt.mldivide(np.array([[1.0, 2], [2, 4]]), np.array([[1.0], [2]]))
    assert np.allclose(x, [[0.2], [0.4]])
    assert capsys.readouterr().err == "warning: matrix singular to machine precision\n"
    rt.mldivide(A, np.ones((3, 1)))
    assert capsys.readouterr().err == ""


def test_factorisations_reconstruct_their_matrix():
    l_, u = rt.lu(A, nargout=2)
    assert np.allclose(l_ @ u, A)
    l_, u, p = rt.lu(A, nargout=3)
    assert np.allclose(p @ A, l_ @ u) and np.allclose(np.triu(u), u)
    assert type(p).__name__ == "PermutationMatrix"
    q, r = rt.qr(RECT, nargout=2)
    assert q.shape == (3, 3) and np.allclose(q @ r, RECT)
    q, r = rt.qr(RECT, 0, nargout=2)
    assert q.shape == (3, 2) and np.allclose(q @ r, RECT)
    spd = A @ A.T
    r = rt.chol(spd)
    assert np.allclose(r.T @ r, spd)
    u, s, v = rt.svd(RECT, nargout=3)
    assert np.allclose(u @ s @ v.T, RECT)
    assert np.allclose(rt.svd(RECT).ravel(), np.linalg.svd(RECT, compute_uv=False))
    v, d = rt.eig(spd, nargout=2)
    assert np.allclose(spd @ v, v @ d)
    assert np.allclose(rt.eig(spd).ravel(), np.linalg.eigvalsh(spd))


def test_norms_rank_and_subspaces():
    v = np.array([[3.0, -4, 12]])
    assert rt.norm(v) == 13 and rt.norm(v, 1) == 19 and rt.norm(v, math.inf) == 12
    assert math.isclose(rt.norm(v, 3), (27 + 64 + 1728) ** (1 / 3))
    assert math.isclose(rt.norm(A), np.linalg.norm(A, 2))
    assert rt.norm(A, "fro") == pytest.approx(np.linalg.norm(A, "fro"))
    assert rt.rank(rt.magic(4)) == 3
    n = rt.null(rt.magic(4))
    assert n.shape == (4, 1) and np.allclose(rt.magic(4) @ n, 0)
    assert np.allclose(rt.pinv(RECT), np.linalg.pinv(RECT))
    assert np.allclose(rt.expm(A / 10), scipy.linalg.expm(A / 10))
    assert np.array_equal(rt.kron(np.eye(2), RECT), np.kron(np.eye(2), RECT))


def test_linear_algebra_errors_are_octaves():
    with pytest.raises(ValueError, match="^inverse: A must be a square matrix$"):
        rt.inv(RECT)
    with pytest.raises(ValueError, match="^chol: input matrix must be positive definite$"):
        rt.chol(np.array([[1.0, 2], [2, 1]]))
    with pytest.raises(ValueError, match=r"operator \\: nonconformant arguments \(op1 is 3x2, op2 is 2x1\)"):
        rt.mldivide(RECT, np.ones((2, 1)))
    with pytest.raises(ValueError, match="complex"):
        rt.eig(np.array([[0.0, 1], [-1, 0]]))


# ------------------------------------------------------------------------ polynomials, signals
def test_polynomials_against_numpy():
    x = np.arange(1.0, 8).reshape(1, -1)
    y = 0.5 * x ** 3 - x + 2
    assert np.allclose(rt.polyfit(x, y, 3), [[0.5, 0, -1, 2]])
    p, s, mu = rt.polyfit(x, y, 2, nargout=3)
    assert mu[0, 0] == 4 and math.isclose(mu[0, 1], np.std(x, ddof=1))
    assert rt.isstruct(s) and rt.field(s, "df") == 4
    assert np.allclose(rt.field(s, "X"), np.vander((x.ravel() - 4) / mu[0, 1], 3))
    assert np.allclose(rt.polyval(p, x, None, mu), rt.field(s, "yf"))
    assert np.allclose(np.sort(rt.roots(np.array([[1.0, -6, 11, -6]])).ravel()), [1, 2, 3])
    assert np.allclose(rt.poly(np.array([[1.0, 2, 3]])), [[1, -6, 11, -6]])
    assert np.allclose(rt.conv(np.array([[1.0, 2]]), np.array([[1.0, 3, 5]])), [[1, 5, 11, 10]])
    q, r = rt.deconv(np.array([[1.0, 5, 6, 1]]), np.array([[1.0, 2]]), nargout=2)
    assert np.allclose(rt.conv(np.array([[1.0, 2]]), q) + r, [[1, 5, 6, 1]])


def test_filter_fft_and_interpolation_against_scipy():
    x = np.sin(np.arange(20.0)).reshape(1, -1)
    b, a = np.array([[0.2, 0.3]]), np.array([[1.0, -0.4, 0.1]])
    assert np.allclose(rt.filter(b, a, x), scipy.signal.lfilter(b.ravel(), a.ravel(), x.ravel()))
    assert np.allclose(rt.fft(x), np.fft.fft(x.ravel()))
    back = rt.ifft(rt.fft(x))
    assert np.allclose(np.real(back), x)
    xs, ys = np.array([[0.0, 1, 2, 3]]), np.array([[0.0, 1, 8, 27]])
    q = np.array([[0.5, 1.5, 2.5]])
    assert np.allclose(rt.interp1(xs, ys, q), np.interp(q, xs.ravel(), ys.ravel()))
    cs = scipy.interpolate.CubicSpline(xs.ravel(), ys.ravel())
    assert np.allclose(rt.interp1(xs, ys, q, "spline"), cs(q))
    out = rt.interp1(xs, ys, np.array([[-1.0, 4]]))
    assert np.all(np.isnan(out))


def test_calculus_against_hand_computation():
    y = np.array([[1.0, 4, 9, 16]])
    assert rt.trapz(y) == 2.5 + 6.5 + 12.5
    assert np.allclose(rt.cumtrapz(y), [[0, 2.5, 9, 21.5]])
    assert np.allclose(rt.diff(y), [[3, 5, 7]]) and np.allclose(rt.diff(y, 2), [[2, 2]])
    assert np.allclose(rt.gradient(y), [[3, 4, 6, 7]])
    t = np.linspace(0, 1, 11).reshape(1, -1)
    assert math.isclose(rt.trapz(t, t ** 2), scipy.integrate.trapezoid(t.ravel() ** 2, t.ravel()))


# ---------------------------------------------------------------------------- reductions, sets
def test_reductions_with_dim():
    m = np.array([[1.0, 2, 3], [4, 5, 6]])
    assert np.array_equal(rt.sum(m, 2), [[6], [15]])
    assert np.array_equal(rt.cumprod(m, 2), [[1, 2, 6], [4, 20, 120]])
    assert np.allclose(rt.std(m), np.std(m, axis=0, ddof=1, keepdims=True))
    assert np.allclose(rt.var(m, 1, 2), np.var(m, axis=1, keepdims=True))
    assert rt.median(np.array([[3.0, 1, 2, 10]])) == 2.5
    assert rt.mode(np.array([[1.0, 2, 2, 3, 3]])) == 2      # a tie goes to the smallest


def test_sort_unique_find_sets():
    s, i = rt.sort(np.array([[3.0, 1, 2, 1]]), "descend", nargout=2)
    assert np.array_equal(s, [[3, 2, 1, 1]]) and np.array_equal(i, [[1, 3, 2, 4]])
    u, i, j = rt.unique(np.array([[3.0, 1, 2, 1, 3]]), nargout=3)
    assert np.array_equal(u, [[1, 2, 3]]) and np.array_equal(i.ravel(), [2, 3, 1])
    assert np.array_equal(u.ravel()[j.ravel().astype(int) - 1], [3, 1, 2, 1, 3])
    r, c = rt.find(np.array([[0.0, 1], [1, 1]]), nargout=2)
    assert np.array_equal(r.ravel(), [2, 1, 2]) and np.array_equal(c.ravel(), [1, 2, 2])
    assert np.array_equal(rt.histc(np.array([[1.0, 2, 2, 3, 5]]), rt.colon(1, 5)), [[1, 2, 1, 0, 1]])
    assert np.array_equal(rt.accumarray(np.array([[1.0], [3], [1]]), np.array([[1.0], [2], [3]])),
                          [[4], [0], [2]])
    tf, loc = rt.ismember(np.array([[1.0, 5, 2]]), np.array([[2.0, 1, 0]]), nargout=2)
    assert np.array_equal(tf, [[True, False, True]]) and np.array_equal(loc, [[2, 0, 1]])


# ------------------------------------------------------------------------ element-wise, build
def test_elementwise_and_number_theory():
    x = np.array([[0.1, 0.5, 0.9]])
    assert np.allclose(rt.asin(x), np.arcsin(x)) and np.allclose(rt.acoth(2), np.arctanh(0.5))
    assert rt.gamma(0) == math.inf and rt.gamma(5) == 24
    assert np.array_equal(rt.factor(360), [[2, 2, 2, 3, 3, 5]])
    assert np.array_equal(rt.primes(20), [[2, 3, 5, 7, 11, 13, 17, 19]])
    assert rt.nchoosek(30, 15) == math.comb(30, 15)
    assert rt.gcd(12, 18, 8) == 2 and rt.lcm(4, 6) == 12
    with pytest.raises(ValueError, match="asin: the result is complex"):
        rt.asin(2)


def test_magic_squares_are_magic_and_construction():
    for n in range(3, 13):
        m = rt.magic(n)
        total = n * (n * n + 1) / 2
        assert sorted(m.ravel()) == list(range(1, n * n + 1))
        assert np.all(m.sum(0) == total) and np.all(m.sum(1) == total)
        assert np.trace(m) == total and np.trace(np.fliplr(m)) == total
    with pytest.raises(ValueError, match="^reshape: can't reshape 1x6 array to 4x2 array$"):
        rt.reshape(rt.colon(1, 6), 4, 2)
    x, y = rt.meshgrid(rt.colon(1, 3), rt.colon(1, 2), nargout=2)
    assert x.shape == (2, 3) and np.array_equal(y[:, 0], [1, 2])
    rt.rand("seed", 5)
    first = rt.rand(1, 3)
    rt.rand("seed", 5)
    assert np.array_equal(first, rt.rand(1, 3))


# ------------------------------------------------------------------------ optimisation, time
def test_optimisers_take_any_python_callable():
    assert rt.fzero(lambda x: x ** 2 - 2, 1) == pytest.approx(math.sqrt(2), abs=1e-12)
    assert rt.fzero(math.cos, np.array([[1.0, 2]])) == pytest.approx(math.pi / 2, abs=1e-12)
    with pytest.raises(OctaveError, match="fzero: not a valid initial bracketing"):
        rt.fzero(lambda x: x ** 2 + 1, np.array([[0.0, 1]]))
    x, fv = rt.fminbnd(lambda t: (t - 1) ** 2 + 3, 0, 3, nargout=2)
    assert x == pytest.approx(1, abs=1e-4) and fv == pytest.approx(3)
    rosen = lambda v: 100 * (v[0, 1] - v[0, 0] ** 2) ** 2 + (1 - v[0, 0]) ** 2
    best = rt.fminsearch(rosen, np.array([[-1.2, 1]]), rt.optimset("TolX", 1e-8, "TolFun", 1e-8,
                                                                 "MaxFunEvals", 2000, "MaxIter", 2000))
    assert np.allclose(best, [[1, 1]], atol=1e-4)

    def quad(v, nargout=1):          # [f, g] = quad(v), as a GradObj function returns them
        f, g = float(np.sum((v - 3) ** 2)), 2 * (v - 3)
        return (f, g) if nargout > 1 else f
    x = rt.fminunc(quad, np.array([[0.0, 0.0]]), rt.optimset("GradObj", "on", "MaxIter", 100))
    assert np.allclose(x, [[3, 3]])
    c, d = RECT, np.array([[1.0], [1], [1]])
    assert np.allclose(rt.lsqnonneg(c, d), scipy.optimize.nnls(c, d.ravel())[0].reshape(-1, 1))


# [t, y] = ode45(@(t, y) -y, [0 1], 1) in GNU Octave 7.3, printed with %.15g.
OCTAVE_ODE_STEPS = [
    (0, 1), (0.0681292069057961, 0.934139768499468), (0.168129206905796, 0.845244616491556),
    (0.268129206905796, 0.764808956646368), (0.368129206905796, 0.69202776185011),
    (0.468129206905796, 0.626172613447448), (0.568129206905796, 0.566584410982825),
    (0.668129206905796, 0.512666775701612), (0.768129206905796, 0.463880081791121),
    (0.868129206905796, 0.419736055624133), (0.968129206905796, 0.379792888952357),
    (1, 0.367879442271151)]


def test_ode45_takes_octaves_steps():
    t, y = rt.ode45(lambda t, y: -y, np.array([[0.0, 1]]), 1, nargout=2)
    expected = np.array(OCTAVE_ODE_STEPS)
    assert t.shape == (12, 1) and y.shape == (12, 1)
    assert np.allclose(t.ravel(), expected[:, 0], rtol=1e-13, atol=1e-15)
    assert np.allclose(y.ravel(), expected[:, 1], rtol=1e-13)
    # backwards in time, and at the requested times of a longer tspan
    t, y = rt.ode45(lambda t, y: t, np.array([[2.0, 0]]), 1, nargout=2)
    assert t[0, 0] == 2 and t[-1, 0] == 0 and np.allclose(y[-1, 0], 1 - 2)   # y = 1 + (t^2 - 4)/2
    t, y = rt.ode45(lambda t, y: -2 * y, np.array([[0.0, 0.5, 1]]), 1, nargout=2)
    assert np.array_equal(t.ravel(), [0, 0.5, 1]) and np.allclose(y.ravel(), np.exp([0, -1, -2]), rtol=1e-3)


def test_ode45_and_function_application():
    osc = lambda t, y: rt.vertcat(rt.index(y, 2), -rt.index(y, 1))
    t, y = rt.ode45(osc, rt.linspace(0, math.pi, 5), np.array([[1.0], [0]]), nargout=2)
    assert y.shape == (5, 2) and np.allclose(y[:, 0], np.cos(t.ravel()), atol=1e-3)
    assert np.array_equal(rt.arrayfun(lambda v: v * v, np.array([[1.0, 2, 3]])), [[1, 4, 9]])
    assert np.array_equal(rt.cellfun("isempty", rt.cell_literal([[1, np.zeros((0, 0)), "a"]])), [[False, True, False]])
    with pytest.raises(ValueError, match="UniformOutput"):
        rt.arrayfun(lambda v: np.ones((1, 2)), np.array([[1.0, 2]]))


def test_tic_toc(capsys):
    tic_id = rt.tic()
    assert rt.toc() >= 0 and rt.toc(tic_id) >= 0
    rt.toc(nargout=0)
    assert capsys.readouterr().out.startswith("Elapsed time is ")
    assert rt.clock().shape == (1, 6) and rt.cputime() >= 0


# ------------------------------------------------------------------------------ untrusted input
@pytest.mark.parametrize("call", [
    lambda: rt.magic(1e6), lambda: rt.repmat(1, 1e5, 1e5), lambda: rt.randi(5, 1e5, 1e5),
    lambda: rt.meshgrid(rt.colon(1, 1e5)), lambda: rt.kron(rt.ones(1e4, 1), rt.ones(1e4, 10)),
    lambda: rt.accumarray(rt.mat([[1e9]]), 1)])
def test_huge_results_are_refused_before_allocating(call):
    with pytest.raises(MemoryError, match="out of memory or dimension too large"):
        call()


def test_isprime_is_fast_and_right_on_large_numbers():
    ref = [n for n in range(3000) if n > 1 and all(n % d for d in range(2, int(n ** 0.5) + 1))]
    assert np.array_equal(np.flatnonzero(rt.isprime(rt.colon(0, 2999))), ref)
    assert rt.isprime(1e15 + 37) is True and rt.isprime(561) is False   # 561: a Carmichael number


def test_complex_values_are_shown_as_octave_does(capsys):
    # h-lang displays complex values (Octave's format); numlib's fft results go through it
    rt.display("y", rt.fft(np.array([[1.0, 2, 3]])))
    assert capsys.readouterr().out == \
        "y =\n\n   6.0000 +      0i  -1.5000 + 0.8660i  -1.5000 - 0.8660i\n\n"
    rt.display("x", rt.abs(rt.fft(np.array([[1.0, 2]]))))
    assert capsys.readouterr().out == "x =\n\n   3   1\n\n"


# Octave 7.3's own error messages for bad arguments (recorded with octave --eval).
OCTAVE_ERRORS = [
    (lambda: rt.det(rt.mat([[1, 2, 3]])), "det: A must be a square matrix"),
    (lambda: rt.expm(rt.mat([[1, 2, 3]])), "expm: A must be a square matrix"),
    (lambda: rt.chol(rt.mat([[1, 2, 3]])), "chol: requires square matrix"),
    (lambda: rt.norm(rt.mat([[1, 2]]), "bad"), "norm: unrecognized option: bad"),
    (lambda: rt.sort(rt.mat([[1, 2]]), "up"), 'sort: MODE must be either "ascend" or "descend"'),
    (lambda: rt.nchoosek(2, 3), "nchoosek: N must be a non-negative integer >= K"),
    (lambda: rt.factorial(-1), "factorial: all N must be real non-negative integers"),
    (lambda: rt.reshape(rt.colon(1, 6), rt.mat([]), 4),
     "reshape: SIZE is not divisible by the product of known dimensions (= 4)"),
    (lambda: rt.interp1(rt.mat([[1, 2]]), rt.mat([[1, 2]]), 1.5, "foo"), "interp1: invalid METHOD 'foo'"),
    (lambda: rt.magic(-1), "magic: N must be non-negative"),
    (lambda: rt.accumarray(rt.mat([[0], [1]]), 1), "accumarray: indices must be positive integers"),
    (lambda: rt.conv(rt.mat([[1, 2]]), rt.mat([[1, 2]]), "foo"),
     'conv: SHAPE argument must be "full", "same", or "valid"'),
    (lambda: rt.filter(1, 0, rt.mat([[1, 2]])), "filter: the first element of A must be nonzero"),
    (lambda: rt.diff(rt.mat([[1, 2]]), -1), "diff: order K must be non-negative"),
    (lambda: rt.gcd(1.5, 2), "gcd: all values must be integers"),
    (lambda: rt.factor(-3), "factor: Q must be a real non-negative integer"),
    (lambda: rt.polyfit(rt.mat([[1, 2]]), rt.mat([[1, 2, 3]]), 1),
     "polyfit: X and Y must have the same number of points"),
    (lambda: rt.find(rt.mat([[1, 2]]), -1), "find: N must be a non-negative integer"),
    (lambda: rt.std(rt.mat([[1, 2]]), 3), "var: W must be 0, 1, or a vector of positive integers"),
    (lambda: rt.randi(0), "randi: require IMAX >= 1"),
    (lambda: rt.randi(rt.mat([[5, 2]])), "randi: require IMIN <= IMAX"),
]


@pytest.mark.parametrize("call, message", OCTAVE_ERRORS, ids=[m.split(":")[0] + str(k)
                                                              for k, (_, m) in enumerate(OCTAVE_ERRORS)])
def test_bad_arguments_raise_octaves_message(call, message):
    with pytest.raises(ValueError) as info:
        call()
    assert str(info.value) == message


def test_octave_edge_cases_that_are_not_errors(capsys):
    assert rt.trace(rt.mat([[4, 2, 3]])) == 4          # Octave: the first element of a vector
    assert rt.isprime(-1) is False
    assert np.array_equal(rt.histc(rt.mat([[1, 2]]), rt.mat([[3, 2]])), [[1, 0]])
    assert capsys.readouterr().err == "warning: histc: edge values not sorted on input\n"
