"""The porter's text, display and reduction runtime against GNU Octave 7.3's behaviour.

Expected values are either recorded from GNU Octave 7.3 (noted "Octave:") or computed by hand
from Octave's documented rules; the probes in tests/port_probes/ cover the same functions end
to end through ``octakd run``.
"""
import math
import re

import numpy as np
import pytest

from octakd.port import emit
from octakd.port.errors import PortError
from octakd.port.runtime import chars, regex, show, strings, text
import octakd.port.runtime as rt
from octakd.port.runtime.values import DiagArray


@pytest.fixture(autouse=True)
def short_format():
    """``format long`` is global runtime state: every test starts and ends in format short."""
    rt.octave_format("short")
    yield
    rt.octave_format("short")


def shown(capsys, name, value):
    rt.display(name, value)
    return capsys.readouterr().out


# ------------------------------------------------------------------------------ strings
def test_strrep_replaces_overlapping_matches_like_octave():
    assert rt.strrep("aaa", "aa", "b") == "bb"             # Octave: bb
    assert rt.strrep("abcabc", "bc", "") == "aa"
    assert rt.strrep("abc", "", "x") == "abc"


def test_strtrim_keeps_nul_and_deblank_drops_it():
    assert rt.strtrim(" \t a b \n") == "a b"
    assert rt.strtrim("\0a\0") == "\0a\0"                  # NUL is not isspace
    assert rt.deblank("ab \0 ") == "ab"


def test_strcat_drops_trailing_blanks_of_char_arguments():
    assert rt.strcat("a ", "b ", " c ") == "ab c"          # Octave: ab c
    assert rt.strcat("x", 65) == "xA"


def test_strfind_and_comparisons():
    assert rt.strfind("abababa", "aba").tolist() == [[1, 3, 5]]
    assert rt.strfind("abc", "z").shape == (0, 0)         # Octave 7: [](0x0)
    assert rt.strcmpi("ABC", "abc") and not rt.strcmpi("a", 5)
    assert rt.strncmp("abcd", "abxx", 2) and not rt.strncmp("ab", "abc", 3)
    assert rt.strncmpi("ABcd", "abXX", 2)


def test_upper_lower_only_touch_ascii_letters():
    assert rt.upper("abC 1é") == "ABC 1é"
    assert rt.lower("MiXeD") == "mixed"
    assert rt.upper(5) == 5


# ------------------------------------------------------------------------- numbers as text
def test_num2str_rows_follow_octaves_format_rules():
    assert rt.num2str(np.array([[1.0, -2.0, 3.0]])) == "1 -2  3"      # %3.0f per column
    assert rt.num2str(np.array([[1.0, math.nan, math.inf]])) == "1  NaN  Inf"
    assert rt.num2str(math.pi, 8) == "3.1415927"
    assert rt.num2str(-7.25) == "-7.25"
    assert rt.num2str(1e20) == "1e+20"


def test_num2str_of_a_matrix_is_a_trimmed_char_matrix():
    m = rt.num2str(np.array([[1.5, 2.25], [3.0, 4.0]]))
    assert isinstance(m, chars.CharMatrix)
    assert chars.char_rows(m) == ["1.5        2.25", "  3           4"]   # Octave


def test_int2str_rounds_halves_away_from_zero():
    assert rt.int2str(2.5) == "3"
    assert rt.int2str(np.array([[1.5, -2.5, 3.49]])) == "2 -3  3"


def test_mat2str():
    assert rt.mat2str(np.array([[1.0, 2.0], [3.0, 4.5]])) == "[1 2;3 4.5]"
    assert rt.mat2str(math.pi, 4) == "3.142"
    assert rt.mat2str(np.array([[True, False]])) == "[true false]"
    assert rt.mat2str(np.array([[math.nan, -math.inf]])) == "[NaN -Inf]"
    assert rt.mat2str(np.zeros((0, 3))) == "[]"
    with pytest.raises(ValueError):
        rt.mat2str("abc")                                  # Octave 7 refuses a char array


@pytest.mark.parametrize("s, value", [("3.5e2", 350.0), (" -Inf ", -math.inf), ("1,000", 1000.0),
                                      (".5", 0.5), ("- 1", -1.0), ("+.5e-1", 0.05)])
def test_str2double_numbers(s, value):
    assert rt.str2double(s) == value


@pytest.mark.parametrize("s", ["abc", "1e", "1d3", "0x10", "Inf5", "", "1 2"])
def test_str2double_non_numbers_are_nan(s):
    assert math.isnan(rt.str2double(s))


@pytest.mark.parametrize("s, value", [("1+2i", 1 + 2j), ("i", 1j), ("-3j", -3j), ("i*2", 2j),
                                      ("2i+1", 1 + 2j), ("1 - i", 1 - 1j), ("3 i", 3j)])
def test_str2double_complex(s, value):
    assert rt.str2double(s) == value                        # Octave


def test_str2double_two_real_terms_are_nan():
    assert math.isnan(rt.str2double("1+2"))


def test_str2num_parses_numbers_and_never_evaluates():
    assert rt.str2num("[1, 2; 3 4]").tolist() == [[1, 2], [3, 4]]
    assert rt.str2num("1 -2 3.5").tolist() == [[1, -2, 3.5]]
    for text_ in ("system('ls')", "1 - 2", "1-2", "x", "[1 2]]", "exit"):
        with pytest.raises(ValueError, match="only numeric text"):
            rt.str2num(text_)


# -------------------------------------------------------------------------- char matrices
def test_char_matrix_from_stacking_transposing_and_char():
    c = rt.vertcat("ab", "cde")                            # Octave pads with blanks
    assert chars.char_rows(c) == ["ab ", "cde"]
    assert chars.char_rows(rt.ctranspose("abc")) == ["a", "b", "c"]
    assert rt.ctranspose(rt.ctranspose("abc")) == "abc"
    assert chars.char_rows(rt.char("a", "bcd")) == ["a  ", "bcd"]


def test_char_matrix_assignment_does_not_change_a_copy():
    c = rt.vertcat("ab", "cd")
    d = c
    c = rt.assign_index(c, [1, 2], "z")
    assert chars.char_rows(c) == ["az", "cd"] and chars.char_rows(d) == ["ab", "cd"]


def test_char_matrix_display(capsys):
    assert shown(capsys, "c", rt.vertcat("ab", "cd")) == "c =\n\nab\ncd\n\n"
    assert rt.double(rt.vertcat("ab", "cd")).tolist() == [[97, 98], [99, 100]]


def test_operators_on_text_use_character_codes():
    assert rt.char_op("-", "123", "0").tolist() == [[1, 2, 3]]
    assert rt.char_op("==", "abc", "b").tolist() == [[False, True, False]]
    assert rt.char_op("+", "ab", rt.int8(100)).tolist() == [[127, 127]]   # saturates, Octave
    with pytest.raises(ValueError, match="nonconformant"):
        rt.char_op("==", "abc", "ab")
    c = rt.vertcat("ab", "cd")
    assert (c + 1).tolist() == [[98, 99], [100, 101]]      # a char matrix too


def test_functions_that_would_lose_the_char_type_refuse():
    with pytest.raises(TypeError, match="char matrices"):
        rt.sort(rt.vertcat("ba", "dc"))


# --------------------------------------------------------------------------------- regex
def test_regexprep_groups_escapes_and_options():
    assert rt.regexprep("abc123", r"(\d+)", "<$1>") == "abc<123>"
    assert rt.regexprep("abc", "(a)", "$0$1") == "aabc"   # $0 is the whole match
    assert rt.regexprep("x", "x", r"\$1") == "$1"
    assert rt.regexprep("a.b", r"\.", r"\n") == "a\nb"
    assert rt.regexprep("aaa", "a", "b", "once") == "baa"
    assert rt.regexprep("ABC", "b", "x", "ignorecase") == "AxC"


def test_regexprep_never_replaces_empty_matches():
    assert rt.regexprep("baaac", "a*", "-") == "b-c"      # Octave: b-c (Python re.sub: -b--c-)
    assert rt.regexprep("ab", "", "-") == "ab"


def test_regexprep_dot_matches_newline_like_octave():
    assert rt.regexprep("a\nb", "a.b", "X") == "X"


@pytest.mark.parametrize("pattern", ["[[:digit:]]", r"\Qa\E", "a{,2}", r"\p{L}", r"a\z", r"\K",
                                     r"\<a", r"a\>", "(?-i)a", "\u00e9"])
def test_untranslatable_patterns_raise(pattern):
    with pytest.raises(regex.RegexError):
        rt.regexprep("a1", pattern, "x")


def test_regex_refuses_non_ascii_text():
    with pytest.raises(regex.RegexError):              # Octave matches UTF-8 bytes
        rt.regexprep("caf\u00e9", ".", "x")


def test_regexp_numeric_and_once_forms():
    assert rt.regexp("ab12cd345", r"\d+").tolist() == [[3, 7]]
    s, e = rt.regexp("ab12cd345", r"\d+", nargout=2)
    assert e.tolist() == [[4, 9]]
    assert rt.regexp("ab12cd345", r"\d+", "match", "once") == "12"
    assert rt.regexp("abcd", r"\d+", "match", "once") == ""
    assert rt.regexp("abc", "z").shape == (1, 0)


def refusal(src):
    with pytest.raises(PortError) as info:
        emit.translate(src, "t.m")
    return str(info.value)


def test_translate_refuses_unknown_regexp_options_and_bad_patterns():
    assert re.match(r"t\.m:1:25: .*'tokenize'", refusal("t = regexp('ab', '(a)', 'tokenize')\n"))
    assert re.match(r"t\.m:1:30: .*'split'", refusal("s = regexprep('a', 'a', 'b', 'split')\n"))
    assert re.match(r"t\.m:1:20: .*POSIX", refusal("s = regexprep('a', '[[:alpha:]]', 'x')\n"))
    assert "escape" in refusal("s = regexprep('a', 'a', '\\q')\n")
    assert "options must be literal" in refusal("o = 'once'; s = regexprep('a', 'a', 'b', o)\n")


def test_translate_refuses_unsupported_format_modes():
    assert "format" in refusal("format bank\n")
    assert "format" in refusal("format long G\n")
    assert "format" in refusal("format short x\n")


# ------------------------------------------------------------------------------- display
def test_format_long_and_back(capsys):
    rt.octave_format("long")
    assert shown(capsys, "x", math.pi) == "x = 3.141592653589793\n"
    assert shown(capsys, "b", 0.01234) == "b = 1.234000000000000e-02\n"     # Octave
    assert shown(capsys, "g", 1e15) == "g = 1000000000000000\n"
    assert shown(capsys, "h", 1e16) == "h = 1.000000000000000e+16\n"
    assert shown(capsys, "y", np.array([[1 / 3, 2 / 3]])) == \
        "y =\n\n   0.333333333333333   0.666666666666667\n\n"
    rt.octave_format()
    assert shown(capsys, "z", math.pi) == "z = 3.1416\n"


def test_format_long_complex_and_refusals(capsys):
    rt.octave_format("long")
    assert shown(capsys, "b", 1.5 + 2.5j) == "b =  1.500000000000000 + 2.500000000000000i\n"
    assert shown(capsys, "c", 1e16 + 1j) == \
        "c =  1.000000000000000e+16 + 1.000000000000000e+00i\n"          # Octave
    assert show._value_text(np.float32(2.5)) == ("2.5000000", None)   # Octave 7.3: 8 digits
    with pytest.raises(ValueError):                                    # a single matrix: refused
        show._value_text(np.array([[2.5, 1.25]], dtype=np.float32))
    with pytest.raises(ValueError):
        rt.octave_format("bank")
    rt.octave_format("compact")                 # the layout: blank lines dropped
    try:
        assert shown(capsys, "y", np.array([[1.5, 2.0]])) == \
            "y =\n   1.500000000000000   2.000000000000000\n\n"
    finally:
        rt.octave_format()                      # format alone: short and loose again
    assert shown(capsys, "y", np.array([[1.0, 2.0]])) == "y =\n\n   1   2\n\n"


def test_format_g_and_e_modes_and_their_refusals(capsys):
    """The probes l3_format_*.m hold Octave's output; here, what stays refused."""
    rt.octave_format("long", "g")
    try:
        assert shown(capsys, "c", 100000.0) == "c =           100000\n"       # GNU Octave 7.3
        rt.display("c", rt.Cell.of([1.0], (1, 1)))       # as Octave (probe format_g_containers)
        assert capsys.readouterr().out == "c =\n{\n  [1,1] =                1\n}\n\n"   # Octave 7.3
        rt.octave_format("long", "e")
        with pytest.raises(ValueError, match="a cell or struct under 'format long e'"):
            rt.display("c", rt.Cell.of([1.0], (1, 1)))
        rt.octave_format("long", "g")
        with pytest.raises(ValueError, match="an N-d array"):
            rt.display("a", np.zeros((2, 2, 2)))
        rt.output_precision(3)
        assert shown(capsys, "p", math.pi) == "p = 3.14\n"
    finally:
        rt.octave_format()
    with pytest.raises(ValueError, match="output_precision.3. is not supported"):
        rt.output_precision(3)                  # under the fixed formats: only 5 and 16
    assert shown(capsys, "p", math.pi) == "p = 3.1416\n"


def test_large_integer_complex_switches_to_e_notation(capsys):
    assert shown(capsys, "d", 99999999 + 1j) == "d =  1.0000e+08 + 1.0000e+00i\n"


def test_zero_in_an_e_notation_matrix_prints_as_0(capsys):
    assert shown(capsys, "b", np.array([[1e-6, 0.0]])) == "b =\n\n   1.0000e-06            0\n\n"


def test_diagonal_matrices_stay_diagonal_like_octave(capsys):
    eye2 = rt.eye(2)
    assert isinstance(rt.inv(eye2), DiagArray)
    t = eye2 * math.nan                                    # off-diagonal zeros stay zero
    assert np.isnan(np.diagonal(t)).all() and t[0, 1] == 0
    assert "Diagonal Matrix" in shown(capsys, "t", t)
    assert "Diagonal Matrix" not in shown(capsys, "h", rt.times(eye2, 2))   # eye(2) .* 2
    assert "Diagonal Matrix" in shown(capsys, "e", eye2 - eye2)
    assert shown(capsys, "a", rt.rdivide(eye2, 0)) == \
        "a =\n\nDiagonal Matrix\n\n   Inf     0\n     0   Inf\n\n"


def test_disp_of_empties(capsys):
    rt.disp(np.zeros((3, 0)))
    rt.disp("")
    assert capsys.readouterr().out == "[](3x0)\n\n"


# ------------------------------------------------------------------------------- printf
def test_printf_without_arguments_stops_at_the_first_conversion():
    assert rt.sprintf("a%db") == "a"
    assert rt.sprintf("a%%b%d") == "a%b"
    assert rt.sprintf("hello") == "hello"


def test_printf_empty_arguments_fill_one_conversion_with_nothing():
    assert rt.sprintf("a%db", np.zeros((0, 0))) == "ab"
    assert rt.sprintf("%5d|", np.zeros((0, 0))) == "|"
    assert rt.sprintf("%d and %s", np.zeros((0, 0)), "x") == " and x"


def test_printf_integer_conversions_clamp_or_switch_to_g():
    big = np.array([[2.0 ** 63, 2.0 ** 64, -1e20]])
    assert rt.sprintf("%d|", big) == "9223372036854775807|1.84467e+19|-9223372036854775808|"
    assert rt.sprintf("%u|%x|", 2.0 ** 64, -3) == "18446744073709551615|-3|"
    assert rt.sprintf("%.2d", math.pi) == "3.1"
    assert rt.sprintf("%s|%s|", 3.5, 65) == "|A|"          # Octave 7: %s of 3.5 prints nothing
    assert rt.sprintf("%d %d\n", np.array([[1.0, 2.0], [3.0, 4.0]])) == "1 3\n2 4\n"


# ---------------------------------------------------------------------------- reductions
def test_max_of_empties_and_with_an_empty_second_argument():
    assert rt.max(np.zeros((0, 3))).shape == (0, 3)        # Octave 7: [](0x3)
    assert rt.max(np.zeros((3, 0))).shape == (1, 0)
    assert rt.max(5, np.zeros((0, 0))).shape == (0, 0)     # element-wise: []
    assert rt.max(np.zeros((0, 3)), np.zeros((0, 0)), 2).shape == (0, 1)
    with pytest.raises(ValueError, match="nonconformant"):
        rt.max(np.array([[1.0, 2.0, 3.0]]), np.zeros((0, 0)))


def test_max_skips_nan_and_indexes_like_octave():
    m, i = rt.max(np.array([[math.nan, 2, 5, 5]]), nargout=2)
    assert (m, i) == (5, 3)
    m, i = rt.min(np.array([[math.nan, 1], [math.nan, math.nan]]), nargout=2)
    assert np.isnan(m[0, 0]) and m[0, 1] == 1 and i.tolist() == [[1, 1]]
    assert rt.max(np.array([[1, 2]]), np.array([[0], [3]])).tolist() == [[1, 2], [3, 3]]


# ------------------------------------------------------------------ classes and bases
def test_character_classes_are_ascii_and_shaped_like_the_text():
    assert rt.isspace("a b\tc").tolist() == [[False, True, False, True, False]]
    assert rt.isdigit("a1b2").tolist() == [[False, True, False, True]]
    assert rt.isletter("a1B_\u00e9").tolist() == [[True, False, True, False, False]]
    assert rt.isstrprop("a1 B!", "punct").tolist() == [[False] * 4 + [True]]
    assert rt.isspace(5) is False and rt.isspace("").shape == (0, 0)


def test_number_bases():
    assert rt.dec2bin(5) == "101" and rt.dec2bin(5, 8) == "00000101"
    assert chars.char_rows(rt.dec2bin(np.array([[1.0, 2.0, 10.0]]))) == ["0001", "0010", "1010"]
    assert rt.dec2hex(255, 4) == "00FF"
    assert rt.bin2dec("1 0 1") == 5 and rt.hex2dec("ff") == 255
    assert math.isnan(rt.bin2dec("12"))
    with pytest.raises(ValueError):
        rt.dec2bin(-1)


def test_strtok():
    assert rt.strtok("  hello world  ", nargout=2) == ("hello", " world  ")
    assert rt.strtok("a,b,c", ",", nargout=2) == ("a", ",b,c")
    assert rt.strtok(",,,", ",", nargout=2) == ("", "")


def test_a_string_stays_a_string_after_indexed_assignment():
    code = emit.port_source("s = 'hello';\ns(1) = 'H';\nt = s + 1;\n", "t.m")
    assert "char_op('+', s, 1)" in code                # arithmetic on the codes, as Octave


def test_num2str_of_complex_numbers():
    assert rt.num2str(-1.5 - 2.25j) == "-1.5-2.25i"                 # Octave
    assert rt.num2str(np.array([[1 + 2j, 3 - 4j]])) == "1+2i   3-4i"
    assert chars.char_rows(rt.num2str(np.array([[1 + 2j], [-3.5j]]))) == [" 1+2i  ", "-0-3.5i"]


def test_printf_of_complex_prints_real_parts_like_octave_7():
    assert rt.sprintf("%g,", np.array([[1 + 2j], [3]])) == "1,3,"
    with pytest.raises(TypeError, match="complex"):
        rt.sprintf("%d", 1 + 2j)


def test_printf_star_width_and_precision_come_from_the_arguments():
    assert rt.sprintf("%*.*f|", 8, 3, math.pi) == "   3.142|"
    assert rt.sprintf("%*d|", np.array([[5.0, 3.0, 4.0, 7.0]])) == "    3|   7|"
    with pytest.raises(ValueError, match="field width"):
        rt.sprintf("%*d|", -4, 1)


def test_mat2str_of_complex_numbers():
    assert rt.mat2str(np.array([[1 + 2j, 3]])) == "[1+2i 3+0i]"                # Octave
    assert rt.mat2str(np.array([[1.5 - 2j], [-1j]])) == "[1.5-2i;-0-1i]"


def test_octaves_integer_test_for_display(capsys):
    rt.octave_format("long")
    assert shown(capsys, "a", 4503599627370496.0) == "a = 4503599627370496\n"
    assert shown(capsys, "b", 4503599627370497.0) == "b = 4.503599627370497e+15\n"   # Octave
    assert shown(capsys, "e", 999999999999999.0) == "e =  999999999999999\n"    # log10 is 15
    # a matrix is integer-valued for display when it is in single precision (recorded from
    # Octave 7.3, probe lib_disp_long_nearint): -10000000.5 rounds to a float32 integer
    assert shown(capsys, "x", np.array([[-10000000.5, 1.0]])) == \
        "x =\n\n  -10000000.5          1\n\n"
    assert "e+06" in shown(capsys, "w", np.array([[1000000.5, 1.0]]))


def test_int2str_prints_every_digit_and_printf_keeps_the_sign_flag_of_nan():
    assert rt.int2str(-36045030376824424.0) == "-36045030376824424"          # %.0f, Octave
    assert rt.sprintf("%+.3d|% d|%+f", math.nan, math.inf, -math.inf) == "+NaN|Inf|-Inf"


def test_zero_part_of_a_complex_in_e_notation_prints_as_0(capsys):
    assert shown(capsys, "z", rt.octave_complex(-7.2585e16, 0)) == "z = -7.2585e+16 +          0i\n"


def test_printf_integer_conversions_follow_c():
    assert rt.sprintf("[%08.3d|%-08d|%+05d|% 05d]", 5, 5, 5, 5) == "[     005|5       |+0005| 0005]"
    assert rt.sprintf("[%-#5o|%#x|%#o|%+u]", 8, 255, 0, 97) == "[010  |0xff|0|97]"
    assert rt.sprintf("[%-3s]", np.zeros((0, 0))) == "[   ]"      # an empty %s still pads
    assert rt.sprintf("%8c|%#.0c", -0.5, 2.5e-3) == "    -0.5|0.003"
    with pytest.raises(ValueError, match="128 to 255"):
        rt.sprintf("%c", 200)                                # Octave writes a raw byte
