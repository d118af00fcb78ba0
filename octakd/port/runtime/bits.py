"""Octave's bit operations and number bases on doubles holding whole numbers: ``bitand``,
``bitor``, ``bitxor``, ``bitshift``, ``dec2base``; and ``num2hex``, the bits of a double.

As in Octave, the operands are non-negative whole numbers below ``flintmax`` (2^53), the result
is a double, and ``bitshift`` keeps the low 53 bits. Integer-typed operands are not translated.
"""
import numpy as np

from .integers import IntArray
from .values import _arr, _num, _out, _scalar

__all__ = ["bitand", "bitor", "bitxor", "bitshift", "dec2base", "num2hex"]
FUNCTIONS = {"bitand": "num", "bitor": "num", "bitxor": "num", "bitshift": "num",
             "dec2base": "str", "num2hex": "str"}      # dec2bin and bin2dec are in strings.py
MULTI_OUTPUT = set()
_LIMIT = 2 ** 53


def _whole(x, where):
    if isinstance(x, IntArray):
        raise ValueError(f"{where}: integer-typed arguments are not supported")
    a = _arr(_num(x)).astype(np.float64)
    if np.any(a < 0) or np.any(a != np.floor(a)) or np.any(a >= _LIMIT):
        raise ValueError(f"{where}: arguments must be non-negative whole numbers below flintmax")
    return a.astype(np.uint64)


def _bitop(a, b, op, where):
    A, B = _whole(a, where), _whole(b, where)
    try:
        A, B = np.broadcast_arrays(A, B)
    except ValueError:
        raise ValueError(f"{where}: size of X and Y must match, or one operand must be a scalar")
    return _out(op(A, B).astype(np.float64))


def bitand(a, b):
    """Octave's ``bitand(x, y)``."""
    return _bitop(a, b, np.bitwise_and, "bitand")


def bitor(a, b):
    """Octave's ``bitor(x, y)``."""
    return _bitop(a, b, np.bitwise_or, "bitor")


def bitxor(a, b):
    """Octave's ``bitxor(x, y)``."""
    return _bitop(a, b, np.bitwise_xor, "bitxor")


def bitshift(a, n):
    """Octave's ``bitshift(x, n)``: x shifted left by n bits (right for n < 0), low 53 bits kept."""
    A = _whole(a, "bitshift")
    N = _arr(_num(n)).astype(np.int64)
    A, N = np.broadcast_arrays(A, N)
    out = np.empty(A.shape)
    for k, (x, s) in enumerate(zip(A.ravel().tolist(), N.ravel().tolist())):
        v = (x << s) if s >= 0 else (x >> -s)
        out.flat[k] = float(v & (_LIMIT - 1))
    return _out(out)


def _digits(x, base, symbols, length, where):
    v = _whole(x, where)
    if v.size != 1:
        raise ValueError(f"{where}: only a single number is supported (a char matrix for a "
                         f"vector is not translated)")
    n = int(v.reshape(()))
    text = ""
    while n:
        n, r = divmod(n, base)
        text = symbols[r] + text
    text = text or symbols[0]
    if length is not None:
        text = text.rjust(int(_scalar(length, where)), symbols[0])
    return text


def dec2base(d, base, length=None):
    """Octave's ``dec2base(d, base[, len])``: base 2..36, or a string of symbols as digits."""
    if isinstance(base, str):
        symbols = base
        if len(set(symbols)) != len(symbols) or len(symbols) < 2 or " " in symbols:
            raise ValueError("dec2base: symbols representing digits must be unique")
    else:
        b = int(_scalar(base, "dec2base"))
        if not 2 <= b <= 36:
            raise ValueError("dec2base: BASE must be between 2 and 36, or a string of symbols")
        symbols = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[:b]
    return _digits(d, len(symbols), symbols, length, "dec2base")


def num2hex(x):
    """Octave's ``num2hex(x)`` for double and single arrays: one row of hexadecimal digits per
    element (16 for a double, 8 for a single), the elements in column-major order."""
    from .chars import CharMatrix
    if isinstance(x, IntArray) or isinstance(x, (str, CharMatrix)) or isinstance(x, bool):
        raise ValueError("num2hex: X must be a double or single precision array")
    a = _arr(_num(x))
    if a.dtype == np.bool_ or a.dtype.kind not in "iuf":
        raise ValueError("num2hex: X must be a double or single precision array")
    if a.dtype != np.float32:
        a = a.astype(np.float64)
    flat = a.ravel(order="F")
    width = 8 if a.dtype == np.float32 else 16
    bits = flat.view(np.uint32 if width == 8 else np.uint64)
    rows = [format(int(b), f"0{width}x") for b in bits]
    return CharMatrix.from_rows(rows) if rows else ""
