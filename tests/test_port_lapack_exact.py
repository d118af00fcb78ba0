"""inv, A\\b, b/A, det, pinv and svd against GNU Octave 7.3's results, bit for bit.

``tests/port_lapack/lapack_exact.m`` builds matrices from integer formulas (the same values in
Octave and here: each element is an integer divided by 7, correctly rounded by both) and prints
``num2hex`` of every result; ``record.sh`` recorded ``lapack_exact.out`` and the warnings in
``lapack_exact.warnings`` with GNU Octave 7.3 on Debian's reference BLAS/LAPACK. Full, symmetric
positive definite, upper and lower triangular matrices of orders 1 to 70 take Octave's LU,
Cholesky and triangular paths (order 70 the blocked codes of DGETRF, DPOTRF, DGETRI, DTRTRI and
DLAUUM); the SVD cases cover DGESVD's direct, QR-first and LQ-first paths, with and without vectors
(the singular values alone go through dqds); symmetric eig covers DSYEV with and without vectors
at orders 1 to 129 (DSYTRD's blocked code above 32).
"""
from pathlib import Path

import numpy as np
import pytest

import octakd.port.runtime as rt
from octakd.port.runtime import lapack_order, svd_order, syev_order

HERE = Path(__file__).parent / "port_lapack"


def _recorded():
    table = {}
    for line in (HERE / "lapack_exact.out").read_text().splitlines():
        name, rows, cols, *hexes = line.split()
        table[name] = (int(rows), int(cols), hexes)
    return table


RECORDED = _recorded()


def gen(m, n, s):
    i = np.arange(1, m + 1)[:, None]
    j = np.arange(1, n + 1)[None, :]
    return (np.mod(i * i * 31 + j * j * 17 + i * j * s * 7 + s * 13 + i * 3, 97) - 48) / 7.0


def spd(n, s):
    i = np.arange(1, n + 1)[:, None]
    j = np.arange(1, n + 1)[None, :]
    off = (np.mod((i + j) * 13 + i * j * 5 + s, 23) - 11) / 7.0
    return np.where(i == j, 2.0 * n + i / 3.0 + s, off)


def _hex(x):
    a = np.atleast_2d(np.asarray(x, dtype=np.float64))
    return a.shape, [format(int(b), "016x") for b in a.ravel(order="F").view(np.uint64)]


def _check(name, value):
    rows, cols, expected = RECORDED[name]
    shape, got = _hex(value)
    assert shape == (rows, cols), f"{name}: shape {shape} != {(rows, cols)}"
    bad = [k for k, (g, e) in enumerate(zip(got, expected)) if g != e]
    assert not bad, f"{name}: {len(bad)} of {len(got)} elements differ from Octave's"


def _matrices(n, s):
    f = gen(n, n, s)
    t = np.triu(f) + np.diag(np.arange(1.0, n + 1))
    return {"F": f, "S": spd(n, s), "T": t, "L": np.ascontiguousarray(t.T)}


SQUARE = [(n, s) for n in (1, 2, 3, 4, 5, 7, 9, 12, 20, 70) for s in (1, 2, 3)]


def test_square_paths_match_octave_bit_for_bit(capsys):
    checked = 0
    for n, s in SQUARE:
        tag = f"{n}_{s}"
        b = gen(n, 2, s + 1)
        for kind, a in _matrices(n, s).items():
            _check(f"solve_{kind}_{tag}", rt.mldivide(a, b))
            _check(f"rdiv_{kind}_{tag}", rt.mrdivide(np.ascontiguousarray(b.T), a))
            _check(f"det_{kind}_{tag}", rt.det(a))
            _check(f"inv_{kind}_{tag}", rt.inv(a))
            checked += 4
    assert checked == len([k for k in RECORDED
                           if not k.startswith(("pinv", "svd", "econ", "svals", "norm", "eig"))])
    warnings = [w for w in capsys.readouterr().err.splitlines() if w.startswith("warning: matrix")]
    assert warnings == (HERE / "lapack_exact.warnings").read_text().splitlines()


SHAPES = [(1, 1), (3, 3), (5, 5), (6, 4), (4, 6), (10, 4), (4, 10), (12, 12), (30, 7), (7, 30)]


@pytest.mark.parametrize("m,n", SHAPES)
def test_svd_paths_match_octave_bit_for_bit(m, n):
    g = gen(m, n, 5)
    tag = f"{m}_{n}"
    _check(f"pinv_{tag}", rt.pinv(g))
    _check(f"svals_{tag}", rt.svd(g))
    _check(f"norm_{tag}", rt.norm(g))
    u, s, v = rt.svd(g, nargout=3)
    _check(f"svdU_{tag}", u)
    _check(f"svdS_{tag}", np.diag(np.asarray(s)).reshape(-1, 1))
    _check(f"svdV_{tag}", v)
    u, s, v = rt.svd(g, "econ", nargout=3)
    _check(f"econU_{tag}", u)
    _check(f"econV_{tag}", v)


EIG = [(n, s) for n in (1, 2, 3, 4, 5, 7, 9, 12, 20, 31, 32, 33, 70, 129) for s in (1, 2)]


@pytest.mark.parametrize("n, s", EIG)
def test_symmetric_eig_matches_octave_bit_for_bit(n, s, capsys):
    """DSYEV('V') and DSYEV('N') (DSYTD2, DORG2L, DSTEQR; DSTERF) through ``rt.eig``."""
    f = gen(n, n, s)
    for kind, a in (("G", f + f.T), ("S", spd(n, s))):
        tag = f"{kind}_{n}_{s}"
        v, d = rt.eig(a, nargout=2)
        _check(f"eigV_{tag}", v)
        _check(f"eigD_{tag}", np.diag(np.asarray(d)).reshape(-1, 1))
        _check(f"eigvals_{tag}", rt.eig(a))
    assert capsys.readouterr().err == ""                      # no SciPy fallback warning


def test_scipy_eigh_differs_somewhere_so_the_eig_comparison_can_fail():
    differ = 0
    for n, s in EIG:
        f = gen(n, n, s)
        w, v = np.linalg.eigh(f + f.T)
        differ += _hex(v)[1] != RECORDED[f"eigV_G_{n}_{s}"][2]
        differ += _hex(w)[1] != RECORDED[f"eigvals_G_{n}_{s}"][2]
    assert differ > 0


def test_scipy_differs_somewhere_so_the_comparison_can_fail():
    """The recorded values are not what OpenBLAS's LAPACK gives on every case (else these
    tests would prove nothing about the order of operations)."""
    differ = 0
    for n, s in SQUARE:
        a = _matrices(n, s)["F"]
        differ += _hex(np.linalg.inv(a))[1] != RECORDED[f"inv_F_{n}_{s}"][2]
    assert differ > 0


def test_reference_routines_report_singularity():
    lu = np.array([[1.0, 2], [2, 4]], order="F")
    _piv, info = lapack_order.dgetrf(lu)
    assert info == 2
    c = np.array([[1.0, 2], [2, 1]], order="F")
    assert lapack_order.dpotrf(c, upper=True) == 2
    assert svd_order.dgesvd(np.zeros((200, 200)), False) is None      # blocked: not covered
    assert syev_order.dsyev_vectors(np.eye(130)) is None               # DORGQL blocked
    assert syev_order.dsyev_values(np.eye(2) * 1e-150) is None         # DSYEV would scale


def test_rcond_of_a_nan_matrix_is_octaves(capsys):
    """GNU Octave 7.3 (recorded by hand, probe linalg_exact_edges): inv([1 NaN; 2 3]) is all
    Inf with the plain warning, because the reference DGECON's scaled solve returns rcond 0
    for it (SciPy's returns NaN)."""
    out = rt.inv(np.array([[1.0, np.nan], [2.0, 3.0]]))
    assert np.all(np.isinf(out))
    assert capsys.readouterr().err == "warning: matrix singular to machine precision\n"


def test_a_least_squares_solve_says_its_last_digits_are_scipys(capsys):
    """DGELSD is not repeated in the reference order: a non-square or exactly singular
    ``A \\ b`` warns once (a corpus script's tie between two equal errors was broken the other
    way than Octave's by those last bits)."""
    from octakd.port.runtime import linalg, octave_solve
    octave_solve._warned[0] = False
    x = linalg.mldivide(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]),
                        np.array([[1.0], [2.0], [3.0]]))
    assert np.allclose(np.ravel(x), [1.0, 2.0])
    err = capsys.readouterr().err
    assert "least-squares solve (3x2, DGELSD) uses SciPy's LAPACK" in err
