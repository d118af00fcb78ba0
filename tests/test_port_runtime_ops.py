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
    # DTRTRI's DSCAL turns the upper zero into -0, as GNU Octave 7.3 shows: 1 ./ ([2 0; 0 2]^-1)
    # is [2 -Inf; Inf 2] (probe linalg_exact_mpower)
    same(O.mpower(np.array([[2.0, 0.0], [0.0, 2.0]]), -1), [[0.5, -0.0], [0, 0.5]])
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
    (np.array([[1, 2]]), True), (2, True), (0, False), (np.bool_(True), True),
])
def test_istrue(value, truth):
    assert O.istrue(value) is truth


@pytest.mark.parametrize("value", [nan, np.array([[1.0, nan]])])
def test_a_nan_condition_is_octaves_error(value):
    """GNU Octave 7.3: `if NaN` and `if [1 NaN]` stop with this error (probe nan_to_logical)."""
    from octakd.port.runtime.functions import OctaveError
    with pytest.raises(OctaveError, match="invalid conversion from NaN to logical"):
        O.istrue(value)


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


# -- cases mutation testing found unpinned (tests/fixtures/octave_operators_mutation.m, .out) -----
@pytest.mark.parametrize("a,b,expected", [
    (0, inf, 0.0), (0, -inf, inf), (0.5, inf, 0.0), (0.5, -inf, inf),   # 0^Inf 0^-Inf 0.5^Inf ...
    (0.5, -2001, inf), (-0.5, -2001, -inf),                             # overflow of an odd power
])
def test_power_limits(a, b, expected):
    same(O.power(a, b), expected)


def test_power_more_arrays_and_complex_scalars():
    same(O.power(np.array([[0.0, 2.0]]), inf), [[0, inf]])                   # [0 2].^Inf
    same(O.power(np.array([[0.0, 2.0]]), -inf), [[inf, 0]])                  # [0 2].^-Inf
    same(O.power(np.array([[True, False]]), -1), [[1, inf]])                 # [true false].^-1
    same(O.power(2, np.array([[True, False]])), [[2, 1]])                    # 2.^[true false]
    x = O.power(1j, 2)                                                        # (1i)^2: real -1
    assert type(x) is float and x == -1.0
    z = O.power(2, 0.5j)                                                      # 2^(0.5i)
    assert type(z) is complex
    assert z == pytest.approx(complex(0.940542104683244, 0.339677125102669), abs=1e-15)


def test_mtimes_and_mpower_of_scalars():
    assert O.mtimes(2.0, 3.0) == 6.0                                          # 2*3
    assert O.mpower(2.0, 0.5) == pytest.approx(1.414213562373095, rel=1e-15)  # 2^0.5
    same(O.mpower(0.0, -1), inf)                                              # 0^-1
    same(O.mpower(10.0, 400), inf)                                            # 10^400
    z = O.mpower(-8.0, 1 / 3)                                                 # (-8)^(1/3)
    assert type(z) is complex and z == pytest.approx(complex(1, 1.732050807568877), abs=1e-15)
    x = O.mpower(1j, 2)
    assert type(x) is float and x == -1.0
    same(O.mpower(0.5, inf), 0.0)
    for base, expo in ((-2.0, inf), (-2, nan), (-0.5, -inf)):                # (-2)^Inf: NaN - NaNi
        with pytest.raises(ValueError, match="a negative base with a fractional, infinite or NaN"):
            O.mpower(base, expo)


def test_mpower_of_integers():
    x = O.mpower(I.int8(100), 2)                                              # int8(100)^2: 127
    assert isinstance(x, I.IntArray) and x.dtype == np.int8 and int(x[0, 0]) == 127
    x = O.mpower(2.0, I.int8(3))                                              # 2^int8(3): int8 8
    assert isinstance(x, I.IntArray) and x.dtype == np.int8 and int(x[0, 0]) == 8
    with pytest.raises(ValueError) as info:                                   # int8([2 0;0 2])^2
        O.mpower(I.int8([[2, 0], [0, 2]]), 2)
    assert str(info.value) == ("binary operator '^' not implemented for 'int8 matrix' by 'scalar' "
                               "operations")
    same(O.mpower(np.array([[2, 0], [0, 2]]), -1), [[0.5, -0.0], [0, 0.5]])  # [2 0;0 2]^-1
    same(O.mpower(np.array([[4.0, 0], [0, 9]]), 0.5), [[2, 0], [0, 3]])      # M^0.5 (h-lib2)


def test_diagonal_matrices():
    from octakd.port.runtime.arrays import eye
    from octakd.port.runtime.values import DiagArray
    full = np.array([[1.0, 2.0], [3.0, 4.0]])
    d = O.mtimes(eye(2), eye(2))                                              # eye(2)*eye(2)
    assert type(d) is DiagArray
    same(d, np.eye(2))
    p = O.mtimes(eye(2), full)                                                # eye(2)*[1 2;3 4]: full
    assert type(p) is np.ndarray
    same(p, full)
    d = O.rdivide(eye(2), 0)                                                  # eye(2)/0: diagonal
    assert type(d) is DiagArray
    same(d, [[inf, 0], [0, inf]])
    t = O.transpose(eye(2))
    assert type(t) is DiagArray
    same(t, np.eye(2))


def test_transpose_more():
    from octakd.port.runtime.cells import cell
    assert O.transpose(cell(1, 3)).shape == (3, 1)                            # a cell row
    assert type(O.transpose(5)) is int and O.transpose(5.5) == 5.5            # size(5.') is 1 1
    with pytest.raises(ValueError, match="^transpose not defined for N-D objects$"):
        O.transpose(np.ones((2, 2, 2)))
    with pytest.raises(ValueError, match=r"^operator \*: nonconformant"):   # refused (Octave
        O.mtimes(np.ones((2, 2)), np.ones((2, 2, 2)))                        # folds the pages)


def test_istrue_of_one_element():
    assert O.istrue(np.array([[1.0]])) is True and O.istrue(np.array([[0.0]])) is False


def test_integer_division_by_zero_and_saturation():
    same(I.int8(5) / 0, [[127]])                                              # int8(5) / 0
    same(I.int8(-5) / 0, [[-128]])
    same(I.int8(0) / 0, [[0]])
    same(I.uint8(200) + 100, [[255]])
    same(I.int16([100, -200]) * 1000, [[32767, -32768]])


def test_no_numpy_warnings():
    # Octave prints nothing for these; NumPy would print RuntimeWarnings if its error state
    # were not set (the warnings are errors here)
    import warnings
    from octakd.port.runtime.arrays import eye
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        same(O.rdivide(np.array([[1.0, 0.0]]), 0), [[inf, nan]])
        same(O.rdivide(eye(2), 0), [[inf, 0], [0, inf]])                     # 0/0 is 0 off it
        same(O.power(np.array([[0.0, 10.0]]), np.array([[-1.0, 400.0]])), [[inf, inf]])
        same(O.power(np.array([[nan]]), np.array([[inf]])), nan)
        same(O.mpower(0.0, -1), inf)
        same(O.mpower(10.0, 400), inf)
        same(O.mpower(np.array([[0.0]]), -1), inf)
        same(O.mpower(np.array([[1e200]]), 2), inf)
        same(O.mpower(np.array([[inf]]), 0.0), 1.0)
        assert O.power(1j, inf) is not None
        same(I.int8(5) / 0, [[127]])
        same(I.int8(0) / 0, [[0]])
        same(I.int8(100) * 1e308 * 10, [[127]])
        same(I.uint64(18446744073709551615.0), [[18446744073709551615]])


def test_one_by_one_arrays_give_scalars():
    # 2*[3], [3]*2, [6]/2: a 1x1 result is a Python number, as every scalar in the runtime
    for got, expected in ((O.mtimes(2.0, np.array([[3.0]])), 6.0),
                          (O.mtimes(np.array([[3.0]]), 2.0), 6.0),
                          (O.rdivide(np.array([[6.0]]), 2), 3.0)):
        assert type(got) is float and got == expected
    same(O.mpower(np.array([[2.0]]), inf), inf)                              # [2]^Inf
    same(O.mpower(np.array([[0.5]]), inf), 0.0)                              # [0.5]^Inf
    same(O.mpower(np.array([[0.0]]), inf), 0.0)                              # [0]^Inf


def test_mpower_of_logical_and_integer_operands():
    same(O.mpower(np.array([[True, True], [True, True]]), 2), [[2, 2], [2, 2]])
    with pytest.raises(ValueError) as info:                                   # int8(2)^[1 2]
        O.mpower(I.int8(2), np.array([[1.0, 2.0]]))
    assert str(info.value) == ("binary operator '^' not implemented for 'int8 scalar' by 'matrix' "
                               "operations")


def test_power_of_a_complex_scalar_and_an_array_is_refused():
    # (1i).^[1 2] is the complex array [0+1i -1+0i] in Octave: refused, with the reason
    for a, b in ((1j, np.array([[1.0, 2.0]])), (np.array([[1.0, 2.0]]), 1j)):
        with pytest.raises(ValueError, match="^power: a complex scalar with an array gives a "
                                             "complex array, and complex arrays are not supported$"):
            O.power(a, b)


def test_integer_of_logical():
    # int8([true false]) is int8 [1 0] in Octave (the casts are made once, at import, so
    # mutmut cannot switch their mutants on: these were applied by hand)
    x = I.int8(np.array([[True, False]]))
    assert isinstance(x, I.IntArray) and x.dtype == np.int8
    same(x, [[1, 0]])


def test_times_and_division_by_a_scalar_zero():
    from octakd.port.runtime.arrays import eye
    from octakd.port.runtime.values import DiagArray
    for t in (O.times(eye(2), 2), O.times(2, eye(2))):                      # eye(2).*2 is full
        assert type(t) is np.ndarray
        same(t, [[2, 0], [0, 2]])
    same(O.times(np.array([[1.0, 2.0]]), 3), [[3, 6]])
    assert type(O.mtimes(eye(2), 2)) is DiagArray                            # eye(2)*2 is not
    # x/0 for a scalar x (what inv(0) and mrdivide use): 0/0 NaN/0 -2/0 3/0, as rdivide
    for x, expected in ((0, nan), (nan, nan), (-2, -inf), (3.0, inf), (np.array([[-0.5]]), -inf)):
        same(O._div0(x), expected)
