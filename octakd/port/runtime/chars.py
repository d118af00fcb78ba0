"""Octave's character matrices: more than one row of characters, as ``['ab'; 'cd']``, ``s'``,
``num2str`` of a matrix or ``repmat('ab', 2, 1)`` make.

A char row stays a Python ``str``; any other 2-D char array is a :class:`CharMatrix`, an
``(rows, cols)`` NumPy array of one-character strings (dtype ``<U1``). It displays as Octave
shows a char matrix (each row on its own line, no indentation), indexes like any array, and
refuses arithmetic (NumPy has no arithmetic on ``<U1``), so it never computes silently wrong.
"""
import numpy as np

__all__ = ["char", "strvcat"]
FUNCTIONS = {"char": "str", "strvcat": "str"}
MULTI_OUTPUT = set()


class CharMatrix(np.ndarray):
    """A 2-D char array that is not a single row (a column, a block, or 0 rows)."""

    @classmethod
    def from_rows(cls, rows):
        """The char matrix of equally long strings, one per row (a str for one row)."""
        if len(rows) == 1:
            return rows[0]
        width = len(rows[0]) if rows else 0
        if any(len(r) != width for r in rows):
            raise ValueError("vertical dimensions mismatch (1x%d vs 1x%d)" %
                             (width, next(len(r) for r in rows if len(r) != width)))
        a = np.array([list(r) for r in rows], dtype="<U1").reshape(len(rows), width)
        return a.view(cls)

    def __array_wrap__(self, obj, context=None, return_scalar=False):
        return np.asarray(obj)


def as_chars(x):
    """``x`` (a str or CharMatrix) as a plain 2-D ``<U1`` array."""
    if isinstance(x, str):
        return np.array(list(x), dtype="<U1").reshape(1, len(x))
    return np.asarray(x)


def char_rows(x):
    """The rows of a str or CharMatrix, each as a str."""
    if isinstance(x, str):
        return [x]
    return ["".join(row) for row in np.asarray(x).tolist()]


def char_value(a):
    """A 2-D ``<U1`` array as a runtime value: a str for one row, else a CharMatrix."""
    a = np.asarray(a, dtype="<U1")
    if a.ndim != 2:
        raise ValueError("N-dimensional character arrays are not supported")
    if a.shape[0] == 1:
        return "".join(a.ravel().tolist())
    if a.shape[0] == 0 and a.shape[1] == 0:
        return ""
    return a.view(CharMatrix)


def _pad_rows(args, where):
    rows = []
    for a in args:
        if isinstance(a, (str, CharMatrix)):
            rows.extend(char_rows(a))
        elif isinstance(a, np.ndarray) and a.dtype.kind in "biuf" and a.ndim == 2 or \
                isinstance(a, (bool, int, float, np.bool_, np.number)):
            from .values import _arr
            for row in _arr(a):
                rows.append("".join(chr(int(v)) for v in row))
        else:
            raise TypeError(f"{where}: only strings, char matrices and numbers are supported")
    return rows


def char(*args):
    """Octave's ``char(a, b, ...)``: the rows of every argument, padded with blanks to the
    longest; ``char(65)`` is ``'A'``. Cell arrays are not supported."""
    rows = _pad_rows(args, "char")
    width = max((len(r) for r in rows), default=0)
    if not rows:
        return ""
    return CharMatrix.from_rows([r.ljust(width) for r in rows])


def strvcat(*args):
    """Octave's ``strvcat``: as ``char`` but empty strings are left out."""
    rows = [r for r in _pad_rows(args, "strvcat") if r]
    width = max((len(r) for r in rows), default=0)
    if not rows:
        return ""
    return CharMatrix.from_rows([r.ljust(width) for r in rows])


def _no_char_matrix(x, where):
    """Raise for a char matrix given to a function that does not handle one yet (rather than
    return its character codes where Octave returns characters)."""
    if isinstance(x, CharMatrix):
        raise TypeError(f"{where}: char matrices are not supported")


def transpose_chars(x):
    """``s'`` of a string or char matrix."""
    return char_value(as_chars(x).T)


def show_lines(x):
    """The lines Octave prints for a char matrix (each row as it is)."""
    return char_rows(x)
