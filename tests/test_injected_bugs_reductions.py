"""The port runtime's reductions (octakd/port/runtime/reductions.py) called directly, against
what GNU Octave 7.3 printed for the same calls (tests/fixtures/octave_reductions.m and .out,
one ``mat2str(double(x), 17)`` line per output).

The probes and golden scripts also run these functions, but in forked children or through
whole translated scripts, where mutation testing cannot see which test reaches which function;
these calls are in-process, along both dimensions, with NaN, ties and every output of the
multi-output forms.
"""
import math
from pathlib import Path

import numpy as np
import pytest

from octakd.port import runtime as rt

OUT = Path(__file__).parent / "fixtures" / "octave_reductions.out"


def _parse(text):
    """mat2str output -> a 2-D float array (scalars become 1x1)."""
    text = text.strip()
    if not text.startswith("["):
        return np.array([[float(text)]])
    rows = text[1:-1].split(";")
    return np.array([[float(v) for v in row.split()] for row in rows])


def _calls():
    A = np.array([[3.0, 1, 4], [1, 5, 9], [2, 6, 5], [3, 5, 8]])
    v = np.array([[4.0, math.nan, 2, 7, 2, math.nan, 1]])
    row = np.array([[3.0, 1, 2, 1, 3, 5]])
    out = [rt.sum(A), rt.sum(A, 2), rt.prod(A), rt.prod(A, 2),
           rt.cumsum(A), rt.cumsum(A, 2), rt.cumprod(A), rt.cumprod(A, 2),
           rt.mean(A), rt.mean(A, 2), rt.median(A), rt.median(A, 2),
           rt.median(np.array([[1.0, math.nan, 3]])),
           rt.mode(A), rt.mode(A, 2), rt.mode(np.array([[2.0, 2, 1, 1, 3]]))]
    m, f, c = rt.mode(np.array([[4.0, 4, 2, 2, 7]]), nargout=3)
    out += [m, f, c.values()[0]]
    out += [rt.var(A), rt.var(A, 1), rt.var(A, 0, 2), rt.std(A), rt.std(A, 1, 2),
            rt.any(A > 8), rt.any(A > 8, 2), rt.all(A > 1), rt.all(A > 1, 2), rt.nnz(A > 4)]
    out += list(rt.sort(A, nargout=2))
    out += list(rt.sort(A, 2, "descend", nargout=2))
    out += list(rt.sort(v, nargout=2))
    out += list(rt.sort(v, "descend", nargout=2))
    out += list(rt.unique(row, nargout=3))
    out += list(rt.unique(np.array([[3.0], [1], [3], [2]]), nargout=3))
    out += list(rt.unique(row, "first", nargout=3))
    out += list(rt.unique(A.reshape(1, -1, order="F"), "last", nargout=2))
    f5 = np.array([[0.0, 3, 0, 5, 6]])
    out += [rt.find(f5), rt.find(f5, 2), rt.find(f5, 2, "last")]
    out += list(rt.find(A > 4, nargout=2))
    out += list(rt.find(np.array([[0.0, 2], [3, 0], [0, 4]]), nargout=3))
    out += [rt.find((A > 4).T)]
    out += [rt.histc(np.array([[1.0, 2, 2, 3, 5, 7, 0.5]]), np.array([[1.0, 2, 4, 6]])),
            rt.histc(np.array([[1.0], [2], [2], [3], [5], [7], [6]]), np.array([[1.0, 3, 5]])),
            rt.histc(np.array([[1.0, 2, 2, 3, 5, 7]]), np.array([[1.0, 3, 5, 6]]), 2)]
    col = np.array
    out += [rt.accumarray(col([[1.0], [3], [1], [2]]), col([[10.0], [20], [30], [40]])),
            rt.accumarray(col([[1.0, 1], [2, 2], [1, 1], [3, 1]]), col([[1.0], [2], [3], [4]])),
            rt.accumarray(col([[2.0], [2], [4]]), 1),
            rt.accumarray(col([[1.0], [2], [1]]), col([[5.0], [6], [7]]), col([[4.0, 1]])),
            rt.accumarray(col([[1.0], [2], [1]]), col([[5.0], [6], [7]]), np.zeros((0, 0)), rt.max),
            rt.accumarray(col([[1.0], [3]]), col([[5.0], [6]]), np.zeros((0, 0)), np.zeros((0, 0)), -1)]
    out += list(rt.ismember(np.array([[1.0, 5, 2, 2, 9]]), np.array([[2.0, 1, 0, 2]]), nargout=2))
    out += list(rt.ismember(np.array([[1.0, 2], [3, 4]]), np.array([[4.0, 3, 3]]), nargout=2))
    return out


def test_reductions_print_what_octave_printed():
    expected = [_parse(line) for line in OUT.read_text().splitlines() if line.strip()]
    got = _calls()
    assert len(got) == len(expected)
    for k, (g, e) in enumerate(zip(got, expected)):
        g = np.asarray(g, dtype=np.float64)
        g = g.reshape(1, 1) if g.ndim == 0 else g
        assert g.shape == e.shape, (k, g, e)
        np.testing.assert_allclose(g, e, rtol=1e-14, atol=0, equal_nan=True, err_msg=f"output {k}")
