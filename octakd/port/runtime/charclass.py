"""Octave's character classes and number bases: ``isspace``, ``isdigit``, ``isletter``
(``isalpha``), ``isupper``, ``islower``, ``isstrprop``, ``dec2bin``, ``dec2hex``, ``bin2dec``,
``hex2dec``.

The classes are the C locale's (ASCII) ones, as Octave's; they give a logical array the shape
of the text (a number gives false, as in Octave). ``dec2bin``/``dec2hex`` of several numbers
give a char matrix with the rows padded with zeros to one width.
"""
import numpy as np

from .chars import CharMatrix, as_chars, char_rows
from .values import _arr, _out

__all__ = ["isspace", "isdigit", "isletter", "isalpha", "isupper", "islower", "isstrprop",
           "dec2bin", "dec2hex", "bin2dec", "hex2dec"]
FUNCTIONS = {"isspace": "num", "isdigit": "num", "isletter": "num", "isalpha": "num",
             "isupper": "num", "islower": "num", "isstrprop": "num", "dec2bin": "str",
             "dec2hex": "str", "bin2dec": "num", "hex2dec": "num"}
MULTI_OUTPUT = set()

_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_CLASSES = {
    "alpha": lambda c: c.isascii() and c.isalpha(),
    "digit": lambda c: "0" <= c <= "9",
    "alphanum": lambda c: c.isascii() and c.isalnum(),
    "lower": lambda c: "a" <= c <= "z",
    "upper": lambda c: "A" <= c <= "Z",
    "wspace": lambda c: c in " \t\n\v\f\r",
    "punct": lambda c: c in _PUNCT,
    "cntrl": lambda c: ord(c) < 32 or ord(c) == 127,
    "xdigit": lambda c: c in "0123456789abcdefABCDEF",
}


def _classify(x, test, where):
    if isinstance(x, (str, CharMatrix)):
        if isinstance(x, str) and not x:
            return np.zeros((0, 0), dtype=bool)       # '' is 0x0 in Octave
        a = as_chars(x)
        return _out(np.vectorize(test, otypes=[bool])(a) if a.size else np.zeros(a.shape, bool))
    if isinstance(x, (list, tuple)):
        raise TypeError(f"{where}: cell arrays are not supported")
    return _out(np.zeros(_arr(x).shape, dtype=bool))        # numbers are no characters


def isspace(s):
    """Octave's ``isspace``: true at blanks, tabs, new lines, vertical tabs, form feeds, CRs."""
    return _classify(s, _CLASSES["wspace"], "isspace")


def isdigit(s):
    """Octave's ``isdigit``: true at the characters 0-9."""
    return _classify(s, _CLASSES["digit"], "isdigit")


def isletter(s):
    """Octave's ``isletter``/``isalpha``: true at ASCII letters."""
    return _classify(s, _CLASSES["alpha"], "isletter")


isalpha = isletter


def isupper(s):
    """Octave's ``isupper``: true at A-Z."""
    return _classify(s, _CLASSES["upper"], "isupper")


def islower(s):
    """Octave's ``islower``: true at a-z."""
    return _classify(s, _CLASSES["lower"], "islower")


def isstrprop(s, kind):
    """Octave's ``isstrprop(s, type)`` for the types alpha, digit, alphanum, lower, upper,
    wspace, punct, cntrl, xdigit."""
    if kind not in _CLASSES:
        raise ValueError(f"isstrprop: the type {kind!r} is not supported")
    return _classify(s, _CLASSES[kind], "isstrprop")


def _whole_numbers(d, where):
    a = np.asarray(_arr(d), dtype=np.float64).ravel(order="F")
    if not np.all((a >= 0) & (a == np.floor(a)) & (a < 2.0 ** 53)):
        raise ValueError(f"{where}: input must be real non-negative integers")
    return [int(v) for v in a]


def _padded(texts, length, where):
    if length is not None:
        n = _arr(length).ravel()
        if n.size != 1 or n[0] < 0 or n[0] != int(n[0]):
            raise ValueError(f"{where}: LEN must be a non-negative integer")
    width = max([len(t) for t in texts] + ([int(_arr(length).ravel()[0])] if length is not None else []))
    rows = [t.rjust(width, "0") for t in texts]
    return CharMatrix.from_rows(rows) if rows else ""


def dec2bin(d, length=None):
    """Octave's ``dec2bin(d[, len])``: binary digits, padded with zeros to ``len``."""
    return _padded([format(v, "b") for v in _whole_numbers(d, "dec2bin")], length, "dec2bin")


def dec2hex(d, length=None):
    """Octave's ``dec2hex(d[, len])``: upper-case hexadecimal digits."""
    return _padded([format(v, "X") for v in _whole_numbers(d, "dec2hex")], length, "dec2hex")


def _from_base(s, base, digits, where):
    if not isinstance(s, (str, CharMatrix)):
        raise TypeError(f"{where}: S must be a string or cellstring")
    values = []
    for row in char_rows(s):
        text = "".join(row.split())              # Octave ignores blanks inside the digits
        if not text or any(c not in digits for c in text):
            values.append(np.nan)
        else:
            values.append(float(int(text, base)))
    return _out(np.array(values, dtype=np.float64).reshape(-1, 1))


def bin2dec(s):
    """Octave's ``bin2dec``: the value of binary digits (blanks ignored, NaN if invalid)."""
    return _from_base(s, 2, "01", "bin2dec")


def hex2dec(s):
    """Octave's ``hex2dec``: the value of hexadecimal digits (either case)."""
    return _from_base(s, 16, "0123456789abcdefABCDEF", "hex2dec")
