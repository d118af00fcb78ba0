"""Cells and structs in the Octave porter: parsing, translation, runtime values, display.

The display expectations are GNU Octave 7.3's output, recorded (the probes
tests/port_probes/cell_*.m and struct_*.m hold more of them); the runtime checks compare with
hand-computed values.
"""
import io
import sys
from contextlib import redirect_stdout

import numpy as np
import pytest

from octakd.port import parser as P
from octakd.port.emit import port_source
from octakd.port.errors import PortError
from octakd.port import runtime as rt
from octakd.port.runtime.cells import Cell, brace_assign
from octakd.port.runtime.functions import OctaveError
from octakd.port.runtime.structs import Struct


def run(src):
    """Translate and run ``src``; return what it printed."""
    code = port_source(src, "t.m")
    out = io.StringIO()
    with redirect_stdout(out):
        exec(compile(code, "t.py", "exec"), {"__name__": "__main__"})
    return out.getvalue()


# ----------------------------------------------------------------------------- parsing
def test_chain_parses_into_steps():
    stmt = P.parse("s.a(2).b{end}.(n) = 1;")[0]
    assert isinstance(stmt.target, P.Chain) and stmt.target.name == "s"
    kinds = [st.kind for st in stmt.target.steps]
    assert kinds == [".", "()", ".", "{}", ".()"]
    assert [st.field for st in stmt.target.steps][:3] == ["a", None, "b"]
    assert isinstance(stmt.target.steps[3].args[0], P.End)


def test_cell_literal_rows_and_nesting():
    expr = P.parse("c = {1, 'a'; [1 2], {3}};")[0].expr
    assert isinstance(expr, P.CellLit) and len(expr.rows) == 2
    assert isinstance(expr.rows[1][1], P.CellLit)
    assert P.parse("c = {};")[0].expr.rows == []


def test_long_field_chain_costs_no_recursion():
    depth = sys.getrecursionlimit() + 100
    src = "s = struct();\ns" + ".a" * depth + " = 1;"
    stmt = P.parse(src)[1]
    assert len(stmt.target.steps) == depth
    code = port_source(src, "t.m")        # assignment is a flat list of steps
    assert "assign_path" in code


@pytest.mark.parametrize("src, col, what", [
    ("x = zeros(2){1};", 5, "'zeros' is not a variable here"),
    ("c(1) = [];", 8, "deleting elements"),
    ("s.if = 2;", 3, "keyword 'if'"),
    ("x = {1, 2}{1};", 11, "indexing the result"),
])
def test_refusals_point_at_the_construct(src, col, what):
    with pytest.raises(PortError) as info:
        port_source(src, "t.m")
    assert f":{col}: " in str(info.value) and what in str(info.value)


# ----------------------------------------------------------------------------- display
def test_cell_display_matches_octave():
    # recorded: GNU Octave 7.3, c = {1, 'abc'; [1 2 3], {2, 'x'}}
    expected = ("c =\n{\n  [1,1] = 1\n  [2,1] =\n\n     1   2   3\n\n  [1,2] = abc\n"
                "  [2,2] =\n  {\n    [1,1] = 2\n    [1,2] = x\n  }\n\n}\n\n")
    assert run("c = {1, 'abc'; [1 2 3], {2, 'x'}}") == expected


def test_empty_cells_and_strings():
    assert run("d = {}") == "d = {}(0x0)\n"
    assert run("r = cell(0, 3)") == "r = {}(0x3)\n"
    assert run("c = {''}") == "c =\n{\n  [1,1] = \n}\n\n"      # Octave keeps the blank


def test_struct_display_matches_octave():
    # recorded: GNU Octave 7.3
    expected = ("s =\n\n  scalar structure containing the fields:\n\n    a = 1\n    b =\n\n"
                "      scalar structure containing the fields:\n\n        c = 2\n\n\n")
    assert run("s.a = 1; s.b.c = 2; s") == expected
    arr = "t =\n\n  1x2 struct array containing the fields:\n\n    a\n\n"
    assert run("t = struct('a', {1, 2})") == arr
    assert run("t = struct('a', {1, 2}); disp(t)") == \
        "  1x2 struct array containing the fields:\n\n    a\n"


def test_disp_of_a_struct_shows_only_fields():
    assert run("s.a = 1; s.m = [1 2]; disp(s)") == "    a = 1\n    m =\n\n       1   2\n\n"


def test_wide_matrix_in_a_cell_is_split_in_column_blocks():
    # recorded: GNU Octave 7.3, w = {1:20}
    row1 = "".join(f"{k:5d}" for k in range(1, 17))
    expected = ("w =\n{\n  [1,1] =\n\n   Columns 1 through 16:\n\n  " + row1 + "\n\n"
                "   Columns 17 through 20:\n\n     17   18   19   20\n\n}\n\n")
    assert run("w = {1:20}") == expected


def test_display_refuses_what_it_cannot_lay_out():
    with pytest.raises(ValueError, match="not supported"):
        rt.display("c", rt.cell_literal([[lambda x: x]]))
    with pytest.raises(ValueError, match="not supported"):
        rt.display("c", rt.cell_literal([[rt.eye(2)]]))


# ----------------------------------------------------------------------------- runtime
def test_cells_are_values():
    a = rt.cell_literal([[1, 2]])
    b = brace_assign(a, (1,), 9)
    assert rt.brace(a, 1) == 1 and rt.brace(b, 1) == 9


def test_brace_assign_grows_with_empty_doubles():
    c = brace_assign(None, (3,), "x")
    assert c.shape == (1, 3)
    first = rt.brace(c, 1)
    assert isinstance(first, np.ndarray) and first.shape == (0, 0)
    m = brace_assign(rt.cell(1, 2), (2, 3), 5)
    assert m.shape == (2, 3) and rt.brace(m, 2, 3) == 5


def test_paren_index_keeps_shape_and_bounds():
    c = rt.cell_literal([[1, 2, 3], [4, 5, 6]])
    sub = rt.index(c, ":", 2)
    assert isinstance(sub, Cell) and sub.shape == (2, 1) and rt.brace_list(sub) == [2, 5]
    with pytest.raises(IndexError):
        rt.index(c, 7)


def test_assign_path_nested_and_struct_array_growth():
    s = rt.assign_path(None, [("()", (3,)), (".", "a")], 5)
    assert isinstance(s, Struct) and s.shape == (1, 3)
    assert rt.field_list(s, "a")[2] == 5 and rt.field_list(s, "a")[0].shape == (0, 0)
    t = rt.assign_path(s, [("()", (1,)), (".", "b")], "x")
    assert t.keys == ["a", "b"] and rt.field_list(s, "a")[0].shape == (0, 0)
    assert s.keys == ["a"]                          # s itself is unchanged
    u = rt.assign_path(None, [(".", "p"), (".", "q"), ("()", (2,))], 7)
    assert np.array_equal(rt.field(rt.field(u, "p"), "q"), [[0, 7]])


def test_path_end_of_missing_value_is_zero():
    s = rt.struct()
    assert rt.path_end(s, [(".", "list")], 1, 1) == 0
    s = rt.assign_path(s, [(".", "list")], rt.cell_literal([[1, 2]]))
    assert rt.path_end(s, [(".", "list")], 1, 1) == 2
    assert rt.path_end(None, [], 1, 1) == 0


def test_struct_constructor_forms():
    s = rt.struct("a", rt.cell_literal([[1, 2]]), "b", "x")
    assert s.shape == (1, 2) and rt.field_list(s, "b") == ["x", "x"]
    one = rt.struct("c", rt.cell_literal([[rt.cell_literal([[1, 2]])]]))
    assert one.shape == (1, 1) and isinstance(rt.field(one, "c"), Cell)
    with pytest.raises(ValueError, match="pairs"):
        rt.struct("a")


def test_fieldnames_isfield_rmfield():
    s = rt.struct("x", 1, "y", 2)
    f = rt.fieldnames(s)
    assert f.shape == (2, 1) and rt.brace_list(f) == ["x", "y"]
    flags = rt.isfield(s, rt.cell_literal([["x", "q", "y"]]))
    assert flags.tolist() == [[True, False, True]]
    assert rt.rmfield(s, "x").keys == ["y"]
    with pytest.raises(ValueError):
        rt.rmfield(s, "zz")


def test_cellfun_names_handles_and_cells():
    c = rt.cell_literal([[1, np.zeros((0, 0)), "abc", ""]])
    assert rt.cellfun("isempty", c).tolist() == [[False, True, False, True]]
    assert rt.cellfun("length", c).tolist() == [[1, 0, 3, 0]]
    twice = rt.cellfun(lambda v: v * 2, rt.cell_literal([[1, 2]]), "UniformOutput", False)
    assert isinstance(twice, Cell) and rt.brace_list(twice) == [2, 4]
    with pytest.raises(ValueError, match="UniformOutput"):
        rt.cellfun(lambda v: [v, v], rt.cell_literal([[1, 2]]))
    with pytest.raises(ValueError, match="ErrorHandler"):
        rt.cellfun("isempty", c, "ErrorHandler", 1)


def test_cell2mat_num2cell_round_trip():
    m = np.array([[1.0, 2], [3, 4]])
    assert np.array_equal(rt.cell2mat(rt.num2cell(m)), m)
    blocks = rt.cell_literal([[np.array([[1.0, 2]]), 3.0], [np.array([[4.0, 5]]), 6.0]])
    assert np.array_equal(rt.cell2mat(blocks), [[1, 2, 3], [4, 5, 6]])


def test_strsplit_strjoin():
    assert rt.brace_list(rt.strsplit("a,b,,c", ",")) == ["a", "b", "c"]       # collapsed
    assert rt.brace_list(rt.strsplit("a,b,,c", ",", "CollapseDelimiters", False)) == \
        ["a", "b", "", "c"]
    assert rt.strjoin(rt.cell_literal([["a", "b"]]), "\\n") == "a\nb"


def test_cellstr_sort_unique_ismember():
    c = rt.cell_literal([["pear", "apple", "fig", "apple"]])
    s, i = rt.sort(c, nargout=2)
    assert rt.brace_list(s) == ["apple", "apple", "fig", "pear"] and i.tolist() == [[2, 4, 3, 1]]
    u, first, j = rt.unique(c, nargout=3)
    assert rt.brace_list(u) == ["apple", "fig", "pear"] and first.ravel().tolist() == [2, 3, 1]
    assert j.ravel().tolist() == [3, 1, 2, 1]
    tf, loc = rt.ismember(rt.cell_literal([["fig", "kiwi"]]), c, nargout=2)
    assert tf.tolist() == [[True, False]] and loc.tolist() == [[3, 0]]


def test_size_numel_class_on_containers():
    c = rt.cell(2, 3)
    assert rt.numel(c) == 6 and rt.size(c).tolist() == [[2, 3]] and rt.length(c) == 3
    assert rt.octave_class(c) == "cell" and rt.octave_class(rt.struct()) == "struct"
    assert rt.isempty(rt.cell_literal([])) and not rt.isempty(rt.struct())


def test_held_template_refuses_backslashes():
    assert rt.held_template("%d items") == "%d items"
    with pytest.raises(ValueError, match="backslash"):
        rt.held_template("%d\\n")


# ----------------------------------------------------------------------------- whole scripts
def test_comma_lists_spread_into_calls_and_brackets():
    out = run("c = {'one', 'two'}; fprintf('%s\\n', c{:});\nd = {[1 2], 3}; v = [d{:}]")
    assert out == "one\ntwo\nv =\n\n   1   2   3\n\n"


def test_struct_array_field_list_and_loop():
    out = run("s = struct('v', {4, 5});\nt = 0;\nfor k = 1:numel(s)\n  t = t + s(k).v;\nend\n"
              "disp(t)\nw = [s.v]")
    assert out == "9\nw =\n\n   4   5\n\n"


def test_end_plus_one_grows_a_field_list():
    out = run("s.list = {};\ns.list{end+1} = 'a';\ns.list{end+1} = 'b';\ndisp(numel(s.list))")
    assert out == "2\n"


def test_transpose_of_a_cell_swaps_its_shape_only():
    c = rt.cell_literal([[1, "ab", np.array([[1.0, 2]])]])
    t = rt.ctranspose(c)
    assert t.shape == (3, 1) and rt.brace(t, 2) == "ab"
    assert rt.brace(t, 3).shape == (1, 2)           # the elements keep their own shape


def test_a_list_of_several_values_is_one_value_only_when_assigned():
    assert run("c = {1, 2, 3}; x = c{:}") == "x = 1\n"          # Octave 7 takes the first
    with pytest.raises(ValueError, match="comma-separated list"):
        run("c = {1, 2}; x = c{:} + 1;")                      # Octave: an error too
    with pytest.raises(ValueError, match="comma-separated list"):
        run("s = struct('a', {1, 2}); x = s.a * 2;")


def test_strings_read_from_containers_compare_by_character():
    # recorded: GNU Octave 7.3 compares the codes, 'abc' == 'abd' is [1 1 0]
    assert run("c = {'abc', 'abd'}; x = c{1} == c{2}") == "x =\n\n  1  1  0\n\n"
    assert run("s.n = 'a'; y = s.n + 1") == "y = 98\n"


def test_multiple_assignment_from_lists_and_deal():
    assert run("c = {1, 'two', 3};\n[a, b] = c{:}") == "a = 1\nb = two\n"
    assert run("[p, q] = deal(7)") == "p = 7\nq = 7\n"
    with pytest.raises(ValueError, match="undefined in index list"):
        run("c = {1};\n[a, b] = c{:};")
    with pytest.raises(ValueError, match="nargin != nargout"):
        run("[a, b] = deal(1, 2, 3);")


def test_isequal_walks_cells_and_structs():
    nested = lambda v: rt.cell_literal([[1, rt.struct("a", rt.cell_literal([[v]]))]])  # noqa: E731
    assert rt.isequal(nested("x"), nested("x"))
    assert not rt.isequal(nested("x"), nested("y"))
    assert rt.isequal("a", 97.0) and not rt.isequal(np.nan, np.nan)
    assert not rt.isequal(rt.cell_literal([[1]]), 1)


def test_deleting_elements_as_octave():
    # recorded: GNU Octave 7.3 (probes del_*)
    assert run("A = [8 1 6; 3 5 7]; A([1 2]) = []") == "A =\n\n   1\n   5\n   6\n   7\n\n"
    assert run("c = {1, 2, 3}; c(2) = []; disp(numel(c))") == "2\n"
    assert run("s.l = {1, 2}; s.l(1) = []; disp(s.l{1})") == "2\n"
    with pytest.raises(ValueError, match="one non-colon index"):
        run("B = [1 2; 3 4]; B(1, 2) = [];")
    d = rt.delete_elements(rt.struct("a", rt.cell_literal([[1, 2, 3]])), (2,))
    assert d.shape == (1, 2) and rt.field_list(d, "a") == [1, 3]


def test_anonymous_functions_print_and_capture_chains():
    # recorded: GNU Octave 7.3 re-prints the body; s is captured by value when g is made
    assert run("f = @(x) x(1).b{end}") == "f =\n\n@(x) x (1).b {end}\n\n"
    assert run("f = @(c) [c{:}]") == "f =\n\n@(c) [c{:}]\n\n"
    assert run("s.a = 5; g = @() s.a + 1; s.a = 100; v = g()") == "v = 6\n"


def test_load_gives_a_struct_of_the_variables(tmp_path):
    path = tmp_path / "v.txt"
    path.write_text("# name: n\n# type: scalar\n4\n\n\n")
    s = rt.load(str(path))
    assert rt.isstruct(s) and rt.field(s, "n") == 4


def test_field_of_a_runtime_object_reads_only_its_properties():
    class Caught:                       # like the value ``catch err`` binds
        def __init__(self):
            self.original = ValueError("python text")

        @property
        def message(self):
            return "boom"
    assert rt.field(Caught(), "message") == "boom"
    with pytest.raises(TypeError):
        rt.field(Caught(), "original")


@pytest.mark.parametrize("src", ["c = {1, 2}; x = c == 1;", "c = {1}; if c, disp(1), end",
                                 "c = {3}; x = max(c);", "s.a = 1; x = any(s);"])
def test_cells_and_structs_have_no_numeric_value(src):
    # Octave stops with an error for each; Python would answer False, true or a cell
    with pytest.raises(TypeError, match="wrong type argument"):
        run(src)


def test_celldisp_names_each_element_and_nested_cells():
    # recorded: GNU Octave 7.3
    out = run("c = {1, {2, 'x'}};\ncelldisp(c)")
    assert out == "c{1} = \n\n1\n\nc{2}{1} = \n\n2\n\nc{2}{2} = \n\nx\n\n"


def test_struct2cell_cell2struct_round_trip():
    s = rt.struct("p", 1, "q", "y")
    c = rt.struct2cell(s)
    assert c.shape == (2, 1)
    t = rt.cell2struct(c, rt.fieldnames(s), 1)
    assert rt.isequal(s, t)


def test_one_element_assignment_fast_path_agrees_with_the_general_rule():
    # c{k} = v on rows, columns and empties (the fast path) against Octave's shapes
    assert brace_assign(rt.cell(0, 3), (2,), 1).shape == (1, 2)      # recorded: 1x2
    assert brace_assign(rt.cell(2, 1), (3,), 1).shape == (3, 1)
    col = brace_assign(rt.cell(2, 1), (4,), "x")
    assert rt.brace(col, 4) == "x" and rt.brace(col, 3).shape == (0, 0)
    with pytest.raises(OctaveError, match="Invalid resizing"):
        brace_assign(rt.cell(3, 0), (2,), 1)
    m = brace_assign(rt.cell_literal([[1, 2], [3, 4]]), (3,), 9)     # in place of a copy
    assert rt.brace_list(m) == [1, 3, 9, 4]
    s = rt.assign_path(rt.struct("a", rt.cell_literal([[1, 2]])), [("()", (4,)), (".", "a")], 7)
    assert s.shape == (1, 4) and rt.field_list(s, "a")[3] == 7
    assert rt.field_list(s, "a")[2].shape == (0, 0)


def test_a_variable_holding_a_cell_value_compares_by_character():
    # recorded: GNU Octave 7.3; without the codes Python's 'xy' == 'xy' would print t = 1
    assert run("[a, b] = deal('xy');\nt = a == b") == "t =\n\n  1  1\n\n"
    assert "char_codes(x)" in port_source("c = {'ab'};\nx = c{1};\ny = x + 1;", "t.m")
