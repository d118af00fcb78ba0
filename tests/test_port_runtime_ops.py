"""The port runtime's operators and integer types, called directly, against GNU Octave 7.

Every expected value was printed by GNU Octave 7.3 for the Octave expression in the comment
(``disp(...)`` under ``format long``); the script is tests/fixtures/octave_operators.m and its
output tests/fixtures/octave_operators.out. The probes (tests/port_probes) check the same
functions end to end, but they run in forked children, where mutation testing cannot see which
functions they reach; these tests pin the functions themselves.
"""
import math

import numpy as np
import pytest

from octakd.port.runtime import integers as I
from octakd.port.runtime import operators as O

inf, nan = math.inf, math.nan


def same(got, expected):
    """Equal values, NaN equal to NaN, and the same sign of zero and infinity."""
    got, expected = np.asarray(got, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    assert got.shape == expected.shape, (got, expected)
    assert np.array_equal(got, expected, equal_nan=True), (got, expected)
    numbers = ~np.isnan(expected)                 # NaN's sign bit is not part of its value
    assert np.array_equal(np.signbit(got[numbers]), np.signbit(expected[numbers])), (got, expected)


# -- rdivide: x/0 is Inf, -Inf or NaN ------------------------------------------------------------
@pytest.mark.parametrize("a,b,expected", [
    (1, 0, inf),            # 1/0
    (-1, 0, -inf),          # -1/0
    (0, 0, nan),            # 0/0
    (nan, 0, nan),          # NaN/0
    (1, -0.0, -inf),        # 1/-0
    (-1, -0.0, inf),        # -1/-0
    (7, 2, 3.5),            # 7/2
])
def test_rdivide_scalars(a, b, expected):
    got = O.rdivide(a, b)
    assert isinstance(got, float)
    same(got, expected)


def test_rdivide_arrays_and_integers():
    same(O.rdivide(np.array([[1.0, -1.0, 0.0]]), 0), [[inf, -inf, nan]])     # [1 -1 0]./0
    same(O.rdivide(np.array([[6.0, -3.0]]), np.array([[3.0, 0.0]])), [[2, -inf]])
    x = O.rdivide(I.int32(7), 2)                                               # int32(7) ./ 2
    assert isinstance(x, I.IntArray) and x.dtype == np.int32
    same(x, [[4]])
    same(O.rdivide(I.int32([7, -7, 9]), I.int32(2)), [[4, -4, 5]])             # halves away from 0


# -- power: 0^-n, overflow, negative bases -------------------------------------------------------
@pytest.mark.parametrize("a,b,expected", [
    (0.0, -1, inf), (-0.0, -1, -inf), (0.0, -2, inf), (-0.0, -2, inf),      # 0^-1 (-0)^-1 ...
    (0.0, -3, inf), (-0.0, -3, -inf),
    (10, 400, inf), (-10, 401, -inf), (-10, 400, inf),                      # overflow
    (2, 3, 8.0),
])
def test_power_scalars(a, b, expected):
    same(O.power(a, b), expected)


def test_power_negative_base_fractional_exponent():
    z = O.power(-8, 1 / 3)                    # (-8)^(1/3) = 1.0000 + 1.7321i in Octave
    assert abs(z - complex(1.0, math.sqrt(3.0))) < 1e-12
    with pytest.raises(ValueError, match="power: a negative base with a fractional"):
        O.power(np.array([[-8.0, 1.0]]), 0.5)
    same(O.power(np.array([[-8.0, 1.0]]), np.array([[2.0, 0.5]])), [[64, 1]])   # integral: fine
    # [-2 -0.5].^Inf, (-2)^Inf, (-2)^NaN: complex NaN in Octave ("NaN - NaNi"): refused
    for base, expo in ((np.array([[-2.0, -0.5]]), inf), (np.array([[-2.0, 3.0]]), -inf),
                       (np.array([[-2.0]]), nan), (-2, inf), (-0.5, -inf), (-2, nan)):
        with pytest.raises(ValueError, match="a negative base with a fractional, infinite or NaN"):
            O.power(base, expo)
    same(O.power(np.array([[2.0, 0.5]]), inf), [[inf, 0]])                    # [2 0.5].^Inf
    same(O.power(2, inf), inf)


def test_power_arrays_and_integers():
    same(O.power(np.array([[0.0, 2.0, -2.0]]), -1), [[inf, 0.5, -0.5]])     # [0 2 -2].^-1
    same(O.power(np.array([[2.0, 3.0]]), np.array([[2.0, 0.5]])), [[4, math.sqrt(3)]])
    x = O.power(I.uint8(16), 2)                                                # uint8(16).^2
    assert isinstance(x, I.IntArray) and x.dtype == np.uint8
    same(x, [[255]])
    same(O.power(I.int8(-2), 3), [[-8]])                                       # int8(-2).^3


# -- mtimes / mpower -----------------------------------------------------------------------------
def test_mtimes():
    same(O.mtimes(2, np.array([[1.0, 2.0]])), [[2, 4]])                         # 2*[1 2]
    same(O.mtimes(np.array([[1.0, 2.0]]), 2), [[2, 4]])
    same(O.mtimes(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[5.0], [6.0]])), [[17], [39]])
    assert O.mtimes(3, 4) == 12
    with pytest.raises(ValueError) as info:                                     # [1 2 3]*[1 2 3]
        O.mtimes(np.array([[1.0, 2.0, 3.0]]), np.array([[1.0, 2.0, 3.0]]))
    assert str(info.value) == "operator *: nonconformant arguments (op1 is 1x3, op2 is 1x3)"
    with pytest.raises(ValueError, match="nonconformant"):
        O.mtimes(np.ones((2, 2, 2)), np.ones((2, 2)))


def test_mpower():
    same(O.mpower(2, 10), 1024)                                                 # 2^10
    same(O.mpower(np.array([[1.0, 1.0], [1.0, 0.0]]), 5), [[8, 5], [5, 3]])    # [1 1;1 0]^5
    same(O.mpower(np.array([[2.0, 0.0], [0.0, 2.0]]), -1), [[0.5, 0], [0, 0.5]])
    # non-integer powers and s^A by eigen-decomposition, as Octave: check against SciPy
    import scipy.linalg
    A = np.array([[4.0, 1.0], [1.0, 3.0]])
    np.testing.assert_allclose(O.mpower(A, 0.5), scipy.linalg.sqrtm(A), rtol=1e-13)
    np.testing.assert_allclose(O.mpower(2.0, A), scipy.linalg.expm(np.log(2.0) * A), rtol=1e-12)
    B = np.array([[1.0, 2.0], [3.0, 4.0]])                  # negative eigenvalue: complex root
    np.testing.assert_allclose(O.mpower(O.mpower(B, 0.5), 2), B, atol=1e-12)
    from octakd.port.runtime.functions import OctaveError
    for bad in ((np.array([[1.0, 2.0, 3.0]]), 2), (np.ones((2, 2, 2)), 2), (np.eye(2), np.eye(2))):
        with pytest.raises(OctaveError, match="only square matrix arguments are permitted"):
            O.mpower(*bad)


# -- transposes ----------------------------------------------------------------------------------
def test_transpose():
    same(O.transpose(np.array([[1.0, 2.0], [3.0, 4.0]])), [[1, 3], [2, 4]])   # [1 2;3 4].'
    assert O.transpose(5) == 5 and O.transpose("a") == "a"
    with pytest.raises(ValueError, match="transpose not defined for N-D objects"):
        O.transpose(np.ones((2, 2, 2)))
    for t in (O.transpose, O.ctranspose):       # 'ab'.' is a 2x1 char column
        assert np.asarray(t("ab")).tolist() == [["a"], ["b"]]
    t = O.transpose(I.uint8([[1, 2], [3, 4]]))                                  # uint8(...).'
    assert isinstance(t, I.IntArray) and t.dtype == np.uint8
    same(t, [[1, 3], [2, 4]])
    c = O.ctranspose(np.array([[1 + 2j, 3 - 1j]]))                              # [1+2i 3-1i]'
    np.testing.assert_array_equal(c, [[1 - 2j], [3 + 1j]])
    c = O.transpose(np.array([[1 + 2j, 3 - 1j]]))                               # .' does not conjugate
    np.testing.assert_array_equal(c, [[1 + 2j], [3 - 1j]])
    same(O.ctranspose(np.array([[1.0, 2.0]])), [[1], [2]])


# -- truth and logic -----------------------------------------------------------------------------
@pytest.mark.parametrize("value,truth", [
    (np.zeros((0, 0)), False), ("a", True), ("", False), ("a\0", False), (np.array([[1, 0]]), False),
    (np.array([[1, 2]]), True), (2, True), (0, False), (np.bool_(True), True), (nan, True),
])
def test_istrue(value, truth):
    assert O.istrue(value) is truth


def test_logical_operators():
    np.testing.assert_array_equal(O.logical_not(np.array([[1.0, 0.0]])), [[False, True]])
    assert O.logical_not(0) is True and O.logical_not(3) is False
    np.testing.assert_array_equal(O.logical_and(np.array([[1.0, 0.0]]), 1), [[True, False]])
    np.testing.assert_array_equal(O.logical_or(0, np.array([[1.0, 0.0]])), [[True, False]])
    assert not O.logical_and(1, 0) and O.logical_or(1, 0) and O.logical_and(2, -1)


# -- integer types: round halves away from zero, saturate ----------------------------------------
@pytest.mark.parametrize("expr,expected,dtype", [
    (lambda: I.int8(127) + 1, 127, np.int8),              # int8(127) + 1
    (lambda: I.int8(-128) - 1, -128, np.int8),            # int8(-128) - 1
    (lambda: I.uint8(10) - 50, 0, np.uint8),              # uint8(10) - 50
    (lambda: I.uint8(200) * 2, 255, np.uint8),            # uint8(200) * 2
    (lambda: I.int8(2.5), 3, np.int8), (lambda: I.int8(-2.5), -3, np.int8),
    (lambda: I.int8(3.5), 4, np.int8), (lambda: I.uint8(-3), 0, np.uint8),
    (lambda: I.int16(nan), 0, np.int16), (lambda: I.uint8(255.5), 255, np.uint8),
    (lambda: I.int32(nan), 0, np.int32), (lambda: I.int64(nan), 0, np.int64),   # int32(NaN)
    (lambda: I.int32(-7) / 2, -4, np.int32),              # int32(-7) / 2
    (lambda: I.int8(100) * -2, -128, np.int8),
    (lambda: -I.int8(-128), 127, np.int8), (lambda: abs(I.int8(-128)), 127, np.int8),
    (lambda: I.int8("a"), 97, np.int8),
])
def test_integer_arithmetic(expr, expected, dtype):
    x = expr()
    assert isinstance(x, I.IntArray) and x.dtype == dtype and x.shape == (1, 1)
    assert int(x[0, 0]) == expected


def test_integer_extremes_and_arrays():
    big = I.int64(9223372036854775807.0)                  # int64(9223372036854775807)
    assert int(big[0, 0]) == 9223372036854775807
    top = I.uint64(18446744073709551615.0)                # uint64(18446744073709551615)
    assert int(top[0, 0]) == 18446744073709551615
    same(I.int16([1, 2, 3]) * 1.5, [[2, 3, 5]])            # int16([1 2 3]) .* 1.5
    same(np.maximum(I.int8([1, 5, 3]), 4), [[4, 5, 4]])    # max(int8([1 5 3]), 4)
    assert I.int8([1, 2, 3]).shape == (1, 3) and I.int8([[1], [2]]).shape == (2, 1)
    cmp = I.int8(5) > 3                                   # class(int8(5) > 3): logical
    assert cmp.dtype == bool and not isinstance(cmp, I.IntArray) and bool(cmp[0, 0])
    assert I.int8.__name__ == "int8" and "int8" in I.int8.__doc__


def test_integer_refusals():
    from octakd.port.runtime.functions import OctaveError
    with pytest.raises(OctaveError, match="binary operator '\\+' not implemented for 'int8 scalar' "
                                          "by 'int16 scalar' operations"):
        I.int8(1) + I.int16(1)                      # Octave's text (probe lib_intmix)
    with pytest.raises(TypeError, match=r"sqrt: not defined for int8 values \(convert with double"):
        np.sqrt(I.int8(4))
    with pytest.raises(TypeError, match="int8: expected a number or a numeric array, got dict"):
        I.int8({})


# ------------------------------------------------------------------ libm, value by value
LIBM_CASES = [("exp", math.exp, (-20, 20)), ("log", math.log, (1e-3, 50)),
              ("log2", math.log2, (1e-3, 50)), ("log10", math.log10, (1e-3, 50)),
              ("sin", math.sin, (-10, 10)), ("cos", math.cos, (-10, 10)),
              ("tan", math.tan, (-1.5, 1.5)), ("tanh", math.tanh, (-5, 5)),
              ("asin", math.asin, (-1, 1)), ("acos", math.acos, (-1, 1)),
              ("atan", math.atan, (-10, 10)), ("sinh", math.sinh, (-5, 5)),
              ("cosh", math.cosh, (-5, 5)), ("asinh", math.asinh, (-5, 5)),
              ("acosh", math.acosh, (1, 10)), ("atanh", math.atanh, (-0.99, 0.99)),
              ("expm1", math.expm1, (-3, 3)), ("log1p", math.log1p, (-0.9, 5))]


@pytest.mark.parametrize("name, oracle, bounds", LIBM_CASES)
def test_elementwise_functions_are_the_c_librarys_value_by_value(name, oracle, bounds):
    """Octave calls libm on every element; NumPy's AVX-512 versions differ in the last bit on
    some values (measured: 4.6 % of exp's, 25 % of tanh's). Python's math functions are libm's,
    so they are the oracle here, bit for bit."""
    from octakd.port import runtime as rt
    x = np.random.default_rng(7).uniform(*bounds, size=(40, 50))
    got = getattr(rt, name)(x)
    assert got.dtype == np.float64 and got.shape == x.shape
    expected = np.array([[oracle(v) for v in row] for row in x])
    assert np.array_equal(got, expected), f"{name}: {(got != expected).sum()} values differ"
    assert getattr(rt, name)(float(x[0, 0])) == oracle(x[0, 0])


def test_element_powers_follow_octaves_elem_xpow():
    """Octave's array .^ integer: 2 and 3 by products, -1 as 1./a, everything else C's pow
    (scalars always C's pow): x.^3 of an array and x^3 of a scalar can differ in the last bit."""
    x = np.random.default_rng(3).uniform(0, 10, size=(1, 2000))
    assert np.array_equal(O.power(x, 3.0), x * x * x)
    assert np.array_equal(O.power(x, -1.0), 1.0 / x)
    assert np.array_equal(O.power(x, 4.5), np.array([[v ** 4.5 for v in x[0]]]))
    assert np.array_equal(O.power(2.0, x), np.array([[2.0 ** v for v in x[0]]]))
    assert O.power(float(x[0, 0]), 3.0) == x[0, 0] ** 3.0
    assert (x * x * x != np.array([[v ** 3.0 for v in x[0]]])).any()   # the two rules differ
    assert O.power(np.array([[0.0, 2.0]]), -1.0).tolist() == [[math.inf, 0.5]]
    assert O.power(np.array([[1e300, 2.0]]), 2.5)[0, 0] == math.inf


def test_linspace_is_built_from_both_ends_as_in_octave():
    """GNU Octave 7.3 printed linspace(0, 1, 7)(5) as 0.66666666666666674 (1 - 2/6), NumPy's
    linspace gives 0.66666666666666663 (4/6); the middle of an odd count is (a + b)/2."""
    from octakd.port.runtime.arrays import linspace
    row = linspace(0.0, 1.0, 7)
    assert row.shape == (1, 7) and row[0, 4] == 1 - 2 * (1 / 6) and row[0, 3] == 0.5
    assert row[0, 4] != np.linspace(0, 1, 7)[4]
    assert linspace(-2.0, 2.0, 5)[0, 2] == 0.0 and linspace(3.0, 5.0, 1).tolist() == [[5.0]]
    assert linspace(0.0, 1.0, 0).shape == (1, 0)
