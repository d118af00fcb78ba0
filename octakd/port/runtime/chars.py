"""Octave's character matrices: more than one row of characters, as ``['ab'; 'cd']``, ``s'``,
``num2str`` of a matrix or ``repmat('ab', 2, 1)`` make.

A char row stays a Python ``str``; any other 2-D char array is a :class:`CharMatrix`, an
``(rows, cols)`` NumPy array of one-character strings (dtype ``<U1``). It displays as Octave
shows a char matrix (each row on its own line, no indentation), indexes like any array, and
does arithmetic and comparisons on its character codes, as Octave does.
"""
import numpy as np

__all__ = ["char", "strvcat", "char_op"]
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

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        """Arithmetic and comparisons work on the character codes, as in Octave."""
        codes = [_codes(x) for x in inputs]
        with np.errstate(all="ignore"):
            return getattr(ufunc, method)(*codes, **kwargs)

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


def _codes(x):
    """A string or char matrix as its character codes (doubles); anything else unchanged."""
    if isinstance(x, str):
        return np.array([[float(ord(c)) for c in x]]).reshape(1, len(x))
    if isinstance(x, CharMatrix):
        return np.array([[float(ord(c)) for c in row] for row in np.asarray(x).tolist()]
                        ).reshape(x.shape)
    return x


_ELEMENTWISE = {"+": np.add, "-": np.subtract, ".*": np.multiply, "==": np.equal,
                "~=": np.not_equal, "!=": np.not_equal, "<": np.less, "<=": np.less_equal,
                ">": np.greater, ">=": np.greater_equal}


def char_op(op, a, b):
    """Octave's binary operator ``op`` where an operand is text: characters count as their
    codes (``'abc' + 1`` is ``[98 99 100]``, ``s == 'a'`` a logical row, ``s - '0'`` digits).

    The result follows the operator's numeric rules (broadcasting, Inf for ``x/0``, integer
    types saturating); shapes that do not conform raise, as in Octave.
    """
    from . import linalg, operators
    from .values import _arr, _out
    a, b = _codes(a), _codes(b)
    if op in _ELEMENTWISE:
        if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
            A, B = _arr(a), _arr(b)
            if A.ndim != B.ndim or any(p != q and 1 not in (p, q) for p, q in zip(A.shape, B.shape)):
                raise ValueError(f"operator {op}: nonconformant arguments (op1 is "
                                 f"{A.shape[0]}x{A.shape[1]}, op2 is {B.shape[0]}x{B.shape[1]})")
        with np.errstate(all="ignore"):
            result = _ELEMENTWISE[op](a, b)
        return _out(_arr(result)) if isinstance(result, np.ndarray) else \
            (result.item() if isinstance(result, np.generic) else result)
    functions = {"./": operators.rdivide, ".\\": lambda x, y: operators.rdivide(y, x),
                 ".^": operators.power, "*": operators.mtimes, "^": operators.mpower,
                 "/": linalg.mrdivide, "\\": linalg.mldivide}
    if op not in functions:
        raise ValueError(f"operator {op} on character strings is not supported")
    return functions[op](a, b)
