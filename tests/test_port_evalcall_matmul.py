"""eval of text computed at run time (only a call of names), and matrix products in the
reference BLAS's order. GNU Octave's recordings: tests/port_probes/eval_computed_call,
matmul_order, matmul_small."""
import math

import numpy as np
import pytest

from octakd.port.runtime.evalcall import eval_call
from octakd.port.runtime.functions import OctaveError
from octakd.port.runtime.matmul import reference_product


def test_a_computed_call_runs_with_the_scopes_variables():
    def f(x, p, nargout=1):
        return (x + p, x - p) if nargout == 2 else x + p
    scope = {"f": f, "X": 3.0, "P1": 2.0}
    names = {"f": "f", "X": "X", "P1": "P1"}
    assert eval_call("feval(f, X, P1)", scope, names, nargout=2) == (5.0, 1.0)
    assert eval_call("  f( X ,P1 ) ; ", scope, names) == 5.0
    with pytest.raises(OctaveError, match="'P2' undefined"):
        eval_call("feval(f, X, P2)", scope, names)


@pytest.mark.parametrize("text", ["x = 1", "system('ls')", "f(1)", "f(X) + 1", "feval(f, X",
                                  "f(X); g(X)", "fé(X)", "feval('f', X)", "[f(X)]", ""])
def test_any_other_computed_text_is_refused_and_nothing_runs(text):
    ran = []
    scope = {"f": lambda *a, **k: ran.append(a), "X": 1.0}
    with pytest.raises(OctaveError, match="evaluated only when it is a call with names"):
        eval_call(text, scope, {"f": "f", "X": "X"})
    assert ran == []


def sequential(a, b):
    """The hand-written oracle: every element a running sum, left to right, of products."""
    out = np.zeros((a.shape[0], b.shape[1]))
    for i in range(a.shape[0]):
        for j in range(b.shape[1]):
            total = 0.0
            for k in range(a.shape[1]):
                total = total + a[i, k] * b[k, j]
            out[i, j] = total
    return out


@pytest.mark.parametrize("shape", [(1, 1, 1), (1, 17, 1), (3, 40, 1), (1, 33, 4), (5, 1, 7),
                                   (6, 40, 5), (9, 0, 3), (2, 64, 2)])
def test_products_add_in_the_reference_blas_order(shape):
    m, k, n = shape
    rng = np.random.default_rng(m * 100 + k)
    a, b = rng.normal(size=(m, k)), rng.normal(size=(k, n))
    got = reference_product(a, b)
    assert got.shape == (m, n) and np.array_equal(got, sequential(a, b))


def test_the_order_matters_where_numpy_blocks_and_fuses():
    """Where NumPy's BLAS gives other last bits, the product is still the sequential one."""
    rng = np.random.default_rng(11)
    a, b = rng.normal(size=(6, 40)), rng.normal(size=(40, 5))
    assert np.array_equal(reference_product(a, b), sequential(a, b))
    assert math.isclose(reference_product(a, b)[0, 0], (a @ b)[0, 0], rel_tol=1e-12)
