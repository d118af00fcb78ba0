"""regexp/regexpi outputs that are cells and structs: matches, tokens, names, split, extents,
'once', and the output order. Expected values are worked by hand from Octave 7's recorded
behaviour (tests/port_probes/rx_*.out)."""
import numpy as np
import pytest

from octakd.port.runtime import regex
from octakd.port.runtime.cells import Cell
from octakd.port.runtime.structs import Struct


def cell(c):
    """A Cell as nested lists of its values (row-major rows), for comparison."""
    assert isinstance(c, Cell)
    return [[cell(v) if isinstance(v, Cell) else v for v in row] for row in c.data]


def test_match_is_a_row_cell_and_once_a_string():
    assert cell(regex.regexp("ab12cd345", r"\d+", "match")) == [["12", "345"]]
    assert regex.regexp("abc", r"\d", "match").shape == (1, 0)
    assert regex.regexp("abc", r"\d", "match", "once") == ""
    assert cell(regex.regexpi("aBcb", "b", "match")) == [["B", "b"]]


def test_tokens_per_match_and_once_is_a_column():
    assert cell(regex.regexp("ab12cd345", r"(\d)(\d)", "tokens")) == \
        [[[["1", "2"]], [["3", "4"]]]]
    once = regex.regexp("ab12", r"(\d)(\d)", "tokens", "once")
    assert once.shape == (2, 1) and cell(once) == [["1"], ["2"]]
    assert regex.regexp("abc", r"(\d)", "tokens", "once").shape == (0, 0)
    # no groups: each match has an empty 1x0 token cell (not the whole match)
    per_match = regex.regexp("a1b2", r"\d", "tokens")
    assert [v.shape for v in per_match.values()] == [(1, 0), (1, 0)]


def test_tokens_skip_groups_as_octave_does():
    def toks(s, p):
        return [cell(m) for m in regex.regexp(s, p, "tokens").values()]
    assert toks("ab", "(x)?(b)") == [[["b"]]]          # did not take part
    assert toks("ab", "(x*)(a)") == [[["a"]]]          # empty, ends at the start
    assert toks("ab", "((a))") == [[["a"]]]            # same extent as the group before
    assert toks("ab", "(a)(x*)") == [[["a", ""]]]      # empty elsewhere is kept
    assert toks("aa", "(a)(a)") == [[["a", "a"]]]


def test_split_and_split_once():
    assert cell(regex.regexp("a,b,,c", ",", "split")) == [["a", "b", "", "c"]]
    assert cell(regex.regexp(",a,", ",", "split")) == [["", "a", ""]]
    assert cell(regex.regexp("a1b2c", r"\d", "split", "once")) == [["a", "b2c"]]
    assert cell(regex.regexp("", ",", "split")) == [[""]]


def test_names_struct_shapes_and_fields():
    nm = regex.regexp("k=v x=y", r"(?<key>\w)=(?<val>\w)", "names")
    assert isinstance(nm, Struct) and nm.shape == (1, 2) and nm.keys == ["key", "val"]
    assert [e["val"] for e in nm.values()] == ["v", "y"]
    none = regex.regexp("abc", r"(?<key>\d)", "names")
    assert none.shape == (0, 0) and none.keys == ["key"]
    one = regex.regexp("ab", "(?<p>x)?(?<q>b)", "names", "once")
    assert one.shape == (1, 1) and one.values()[0] == {"p": "", "q": "b"}
    assert regex.regexp("ab", "(?<p>(?<q>a))", "names").values()[0] == {"p": "a", "q": ""}
    assert regex.regexp("a1b22", r"\d", "names").shape == (1, 3)


def test_token_extents():
    te = regex.regexp("a1b", r"(\d)(b)", "tokenExtents")
    assert te.values()[0].tolist() == [[2, 2], [3, 3]]
    assert regex.regexp("a1b", r"\d", "tokenExtents").values()[0].shape == (0, 2)
    assert regex.regexp("ab", "(a)(x*)", "tokenExtents").values()[0].tolist() == [[1, 1], [2, 1]]
    assert regex.regexp("ab12", r"\d\d", "tokenExtents", "once").shape == (0, 2)
    assert regex.regexp("ab", r"(\d)", "tokenExtents", "once").shape == (0, 0)


def test_output_order_selected_first_then_default():
    tok, mat, s, e = regex.regexp("ab12", r"(\d)", "tokens", "match", nargout=4)
    assert cell(mat) == [["1", "2"]] and s.tolist() == [[3, 4]] and e.tolist() == [[3, 4]]
    assert cell(tok) == [[[["1"]], [["2"]]]]
    outs = regex.regexp("a1b22", r"(\d)", nargout=7)
    assert outs[0].tolist() == [[2, 4, 5]] and cell(outs[3]) == [["1", "2", "2"]]
    assert outs[5].shape == (1, 3) and outs[5].keys == []
    assert cell(outs[6]) == [["a", "b", "", ""]]


def test_a_selected_output_is_not_repeated_later():
    m, s, e, te, tok = regex.regexp("ab12", r"(\d)", "match", nargout=5)
    assert cell(m) == [["1", "2"]] and cell(tok) == [[[["1"]], [["2"]]]]
    assert [x.tolist() for x in te.values()] == [[[3, 3]], [[4, 4]]]


# ------------------------------------------------------------- @(varargin) anonymous functions
from octakd.port.runtime import fhandles                                # noqa: E402


def test_varargin_collects_the_remaining_inputs_in_a_cell():
    f = fhandles.anonymous(lambda x=fhandles.MISSING, varargin=fhandles.MISSING, *, nargout=1:
                           (x, varargin), "@(x, varargin) x", True)
    x, rest = f(1, "a", 2.0)
    assert x == 1 and rest.shape == (1, 2) and rest.values() == ["a", 2.0]
    assert f(1)[1].shape == (0, 0)                       # Octave's {}(0x0)
    assert f()[0] is fhandles.MISSING
    assert fhandles.nargin_of(f) == -2
    plain = fhandles.anonymous(lambda x=fhandles.MISSING, *, nargout=1: x, "@(x) x")
    assert fhandles.nargin_of(plain) == 1
    with pytest.raises(Exception, match="too many inputs"):
        plain(1, 2)


def test_nargin_of_a_literal_varargin_function_is_negative():
    from octakd.port import emit
    assert emit.translate("n = nargin(@(a, varargin) 0);\n", "t.m")[1] == ["n = -2"]
