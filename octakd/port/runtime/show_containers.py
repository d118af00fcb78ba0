"""Octave 7's display of cells and structs (``c = {...}``, ``s.a = 1`` without ``;``, ``disp``).

Octave prints a value with a name at an indentation level ``L`` (0 at the top; the elements of
a cell at ``L + 2``, the fields of a struct at ``L + 4``)::

    name = 1                      a scalar, a string, an empty value: one line
    name =                        a matrix: its rows behind L blanks, between blank lines
    <blank>
       1   2   3
    <blank>
    name =                        a cell: its elements named [i,j], column by column
    {
      [1,1] = 1
    }
    <blank>
    name = {}(0x0)                an empty cell
    name =                        a scalar struct (a struct array lists only its field names,
    <blank>                       under "  RxC struct array containing the fields:")
      scalar structure containing the fields:
    <blank>
        a = 1
    <blank>

A function handle shows as ``name = @sin``, or, anonymous, as ``name =`` and its text in column
1 between blank lines. Values this module cannot lay out exactly as Octave does (N-D arrays,
diagonal matrices, unknown objects) raise an error rather than print something else.
"""
import numpy as np

from .cells import Cell
from .structs import Struct
from .values import DiagArray

__all__ = ["display_list", "celldisp"]
FUNCTIONS = {"celldisp": "void"}
MULTI_OUTPUT = set()


def _dims(shape):
    return "x".join(str(d) for d in shape)


def _value_lines(name, value, indent):
    """The lines Octave prints for ``name = value`` at ``indent`` blanks (no trailing newline).

    Containers nest: the work is done with an explicit stack of pending lines and values, so a
    deeply nested cell costs no Python recursion.
    """
    out = []
    todo = [(name, value, indent)]          # a str item is a finished line
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        name, value, ind = item
        pad = " " * ind
        if isinstance(value, Cell):
            if value.data.size == 0:
                out.append(f"{pad}{name} = {{}}({_dims(value.shape)})")
                continue
            out += [f"{pad}{name} =", f"{pad}{{"]
            later = [f"{pad}}}", ""]
            rows, cols = value.shape
            elems = [(f"[{i + 1},{j + 1}]", value.data[i, j], ind + 2)
                     for j in range(cols) for i in range(rows)]
            todo += list(reversed(later)) + list(reversed(elems))
            continue
        if isinstance(value, Struct):
            out += [f"{pad}{name} =", ""]
            if value.shape == (1, 1):
                out += [f"{pad}  scalar structure containing the fields:", ""]
                e = value.data[0, 0]
                todo.append("")
                todo += list(reversed([(k, e[k], ind + 4) for k in value.keys]))
            else:
                out += [f"{pad}  {_dims(value.shape)} struct array containing the fields:", ""]
                out += [f"{pad}    {k}" for k in value.keys] + [""]
            continue
        out += _plain_lines(name, value, pad)
    return out


def _plain_lines(name, value, pad):
    from .show import _value_text
    if getattr(type(value), "octave_class", None) == "function_handle":
        line, chunks = value.octave_display()
        if line is not None:
            return [f"{pad}{name} = {line}"]
        # an anonymous function's text starts in column 1, between blank lines (Octave 7)
        return [f"{pad}{name} =", ""] + [l for chunk in chunks for l in chunk] + [""]
    if callable(value) or not _is_plain(value):
        raise ValueError(f"display: showing a {type(value).__name__} inside a cell or struct "
                         f"is not supported")
    if isinstance(value, DiagArray) or getattr(value, "octave_title", None) or \
            isinstance(value, np.ndarray) and value.ndim > 2:
        raise ValueError("display: this matrix inside a cell or struct is not supported")
    line, chunks = _value_text(value)
    if line is not None:
        return [f"{pad}{name} = {line}"]
    lines = [f"{pad}{name} =", ""]
    if not isinstance(value, str) and _class(value) == "char":
        pad = ""                    # a char matrix's rows start in column 1 (Octave 7)
    for chunk in chunks:            # "Columns N through M:" blocks of a wide matrix
        lines += [pad + l if l else l for l in chunk] + [""]
    return lines


def _class(value):
    from .introspect import class_of
    return class_of(value)


def _is_plain(value):
    import numbers
    return isinstance(value, (str, bool, numbers.Number, np.bool_, np.number, np.ndarray))


def display_container(name, value):
    """``name = value`` for a cell or struct, as printed by Octave 7."""
    print("\n".join(_value_lines(name, value, 0)))


def disp_container(value):
    """``disp`` of a cell or struct: a cell's braces and elements, a struct's fields."""
    if isinstance(value, Cell):
        lines = _value_lines("x", value, 0)
        lines = lines[1:-1] if value.data.size else [lines[0].split(" = ", 1)[1]]
    elif value.shape == (1, 1):
        lines = _value_lines("x", value, 0)[4:-1]
    else:
        lines = _value_lines("x", value, 0)[2:-1]
    print("\n".join(lines))


def display_list(name, values, show=True):
    """``c{:}`` as a statement: every value shown as ``ans = ...`` (unless not ``show``);
    returns the last (None for an empty list, which leaves ``ans`` unset)."""
    from .show import display
    for v in values if show else ():
        display(name, v)
    return values[-1] if values else None


def celldisp(c, name=None):
    """Octave's ``celldisp(c[, name])``: each element as ``name{i} = `` (``{i,j}`` for a
    matrix), a blank line, its ``disp`` and a blank line; a nested cell extends the name. The
    translator passes the variable's name (Octave's ``inputname``)."""
    from .show import disp
    if not isinstance(c, Cell):
        raise TypeError("celldisp: C must be a cell array")
    if name is None:
        raise ValueError("celldisp: give the name (celldisp(c, 'c')) for a value that is not "
                         "a variable")
    stack = [(c, name)]                 # an explicit stack: nested cells cost no recursion
    while stack:
        value, label = stack.pop()
        if not isinstance(value, Cell):
            print(f"{label} = \n")
            disp(value)
            print()
            continue
        rows, cols = value.shape
        items = []
        for k, v in enumerate(value.values()):
            where = f"{k % rows + 1},{k // rows + 1}" if rows != 1 and cols != 1 else f"{k + 1}"
            items.append((v, f"{label}{{{where}}}"))
        stack.extend(reversed(items))
