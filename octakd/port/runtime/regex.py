"""Octave's regular expressions: ``regexprep`` and ``regexp``/``regexpi`` with every output
(starts, ends, token extents, matches, tokens, names, split; ``'once'``).

Octave uses PCRE; this module translates a pattern to Python's ``re`` only when the meaning is
the same, and raises for anything else (POSIX classes, ``\\Q...\\E``, ``\\K``, ``\\z``, ``{,n}``,
Unicode properties, unknown escapes). Octave's defaults are kept: ``.`` matches a newline
(dotall), ``^``/``$`` anchor the whole string, ``\\d \\w \\s`` are ASCII. As in Octave, empty
matches are never replaced nor reported. In a replacement ``$0`` is the whole match, ``$N`` a
group, and the escapes ``\\n \\t \\\\ \\$`` are expanded.

Matching is bounded in time: a pattern that backtracks exponentially (``(a*)*b``) raises
RegexError after ``MATCH_SECONDS`` instead of hanging (GNU Octave hangs there too, retrying past
PCRE's match limit). The bound needs POSIX timers and the main thread; elsewhere it is absent.
"""
import re
import signal
import threading
import warnings
from contextlib import contextmanager

import numpy as np

from .cells import Cell
from .structs import Struct

__all__ = ["regexprep", "regexp", "regexpi"]
FUNCTIONS = {"regexprep": "str", "regexp": "unknown", "regexpi": "unknown"}
MULTI_OUTPUT = {"regexp", "regexpi"}

# escapes that mean the same in PCRE and Python's re (letters), plus any escaped punctuation
_SAME_ESCAPES = set("dDwWsSbBntrfvAaex0123456789")
_REFUSED_ESCAPES = {"Q", "E", "K", "G", "z", "Z", "h", "H", "R", "X", "C", "p", "P", "N", "V",
                    "g", "k", "c", "o", "u", "U", "l", "L"}


MATCH_SECONDS = 10.0           # the longest one regexp/regexprep call may spend matching


class RegexError(ValueError):
    """A pattern or replacement this port cannot translate faithfully."""


class _Expired(Exception):
    """Raised by the SIGALRM handler inside a match that ran out of time."""


@contextmanager
def _time_bound(where):
    """Interrupt the matching inside after MATCH_SECONDS with a RegexError (``re`` checks for
    signals while it backtracks). Does nothing off the main thread, without ``setitimer``, or
    when the program already runs an interval timer of its own."""
    usable = (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
              and signal.getitimer(signal.ITIMER_REAL)[0] == 0)
    if not usable:
        yield
        return
    armed = [True]

    def expire(signum, frame):
        if armed[0]:
            raise _Expired()
    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, MATCH_SECONDS)
    try:
        yield
    except _Expired:
        raise RegexError(f"{where}: matching took longer than {MATCH_SECONDS:g} s; the pattern "
                         f"backtracks too much (nested repeats such as (a*)*b)") from None
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _ascii(text, where):
    """Octave matches UTF-8 bytes with PCRE's UTF-8 mode; only ASCII text is sure to match
    (and to give the same positions) in Python."""
    if not text.isascii():
        raise RegexError(f"{where}: text with non-ASCII characters is not supported")
    return text


def _translate(pattern):
    """An Octave (PCRE) pattern as the equivalent Python ``re`` pattern, or RegexError."""
    _ascii(pattern, "regexp")
    out, i, n = [], 0, len(pattern)
    in_class = False
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 >= n:
                raise RegexError("regexp: a pattern may not end with a backslash")
            e = pattern[i + 1]
            if e in "<>`'":
                raise RegexError(f"regexp: the word anchor '\\{e}' is not supported")
            if e.isalnum():
                if e in _REFUSED_ESCAPES or e not in _SAME_ESCAPES:
                    raise RegexError(f"regexp: the escape '\\{e}' is not supported")
                if e == "e":
                    out.append("\\x1b")
                    i += 2
                    continue
                if e == "x" and pattern[i + 2:i + 3] == "{":
                    raise RegexError("regexp: '\\x{...}' escapes are not supported")
                if e == "0" or (e in "123456789" and in_class):
                    raise RegexError("regexp: octal escapes are not supported")
                if e in "123456789" and i + 2 < n and pattern[i + 2].isdigit():
                    raise RegexError("regexp: back-references past \\9 are not supported")
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            if c == "[" and pattern[i + 1:i + 2] in (":", "=", "."):
                raise RegexError("regexp: POSIX classes like [:alpha:] are not supported")
            if c == "]":
                in_class = False
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            if pattern[i:i + 1] == "^":
                out.append("^")
                i += 1
            if pattern[i:i + 1] == "]":                  # a leading ] is a literal
                out.append("\\]")
                i += 1
            continue
        if c == "{" and re.match(r"\{,\d*\}", pattern[i:]):
            raise RegexError("regexp: '{,n}' quantifiers are not supported")
        if c == "(" and pattern[i + 1:i + 2] == "?":
            rest = pattern[i + 2:]
            if rest.startswith("<") and not rest.startswith(("<=", "<!")):
                out.append("(?P<")                       # a named group
                i += 3
                continue
            if rest.startswith(("P<", "P=", "P>", "R", "&", "|", "C", "(")) or rest[:1].isdigit():
                raise RegexError("regexp: this group construct is not supported")
        out.append(c)
        i += 1
    text = "".join(out)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")           # "[[" is a possible future set in re
            return re.compile(text, re.DOTALL | re.ASCII)
    except re.error as exc:
        raise RegexError(f"regexp: the pattern is not supported ({exc})") from None


def _options(opts, allowed, where):
    flags, seen = 0, set()
    for o in opts:
        if not isinstance(o, str) or o not in allowed:
            raise RegexError(f"{where}: the option {o!r} is not supported")
        seen.add(o)
    if "ignorecase" in seen:
        flags |= re.IGNORECASE
    return flags, seen


def _compile(pattern, flags, where):
    if not isinstance(pattern, str):
        raise TypeError(f"{where}: PATTERN must be a string (cells are not supported)")
    rx = _translate(pattern)
    return re.compile(rx.pattern, rx.flags | flags) if flags else rx


_REPL_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a",
                 "b": "\b", "\\": "\\", "$": "$"}


def _replacement(rep, groups):
    """The replacement as a list of literal strings and group numbers."""
    parts, i, buf = [], 0, []
    while i < len(rep):
        c = rep[i]
        if c == "$" and i + 1 < len(rep) and rep[i + 1].isdigit():
            j = i + 1
            while j < len(rep) and rep[j].isdigit():
                j += 1
            k = int(rep[i + 1:j])
            if k > groups:
                raise RegexError(f"regexprep: the replacement names group ${k}, "
                                 f"the pattern has {groups}")
            parts.append("".join(buf))
            buf = []
            parts.append(k)
            i = j
            continue
        if c == "\\" and i + 1 < len(rep):
            e = rep[i + 1]
            if e not in _REPL_ESCAPES:
                raise RegexError(f"regexprep: the escape '\\{e}' in a replacement is not supported")
            buf.append(_REPL_ESCAPES[e])
            i += 2
            continue
        buf.append(c)
        i += 1
    parts.append("".join(buf))
    return parts


def _matches(rx, s, where, once=False):
    """The non-empty matches of ``rx`` in ``s``, left to right (Octave skips empty ones)."""
    found = []
    with _time_bound(where):
        for m in rx.finditer(s):
            if m.end() > m.start():
                found.append(m)
                if once:
                    break
    return found


def regexprep(s, pattern, rep, *opts):
    """Octave's ``regexprep(str, pat, repstr[, 'once'][, 'ignorecase'])`` on one string."""
    if not isinstance(s, str) or not isinstance(rep, str):
        raise TypeError("regexprep: STR and REPSTR must be strings (cells are not supported)")
    _ascii(s, "regexprep")
    _ascii(rep, "regexprep")
    flags, seen = _options(opts, {"once", "ignorecase", "matchcase"}, "regexprep")
    rx = _compile(pattern, flags, "regexprep")
    parts = _replacement(rep, rx.groups)
    out, pos = [], 0
    for m in _matches(rx, s, "regexprep", "once" in seen):
        out.append(s[pos:m.start()])
        for p in parts:
            out.append(p if isinstance(p, str) else (m.group(p) or ""))
        pos = m.end()
    out.append(s[pos:])
    return "".join(out)


_DEFAULT_ORDER = ("start", "end", "tokenExtents", "match", "tokens", "names", "split")
_SELECTORS = set(_DEFAULT_ORDER)


def _kept_groups(m):
    """The group numbers Octave reports as tokens of match ``m``.

    Octave (7) skips a group that did not take part, one that ends at the very start of the
    string, and one with the same extent as the group just before it (``((a))`` gives one
    token)."""
    kept = []
    for g in range(1, (m.re.groups or 0) + 1):
        a, b = m.span(g)
        if a >= 0 and b > 0 and (g == 1 or (a, b) != m.span(g - 1)):
            kept.append(g)
    return kept


def _row_cell(values):
    return Cell.of(values, (1, len(values)))


def _names(rx, found, once):
    """The ``'names'`` output: a struct (array) with one field per named group, in pattern
    order; a field is '' where its group is not reported."""
    keys = sorted(rx.groupindex, key=rx.groupindex.get)
    elements = []
    for m in found:
        kept = _kept_groups(m)
        elements.append({k: m.group(rx.groupindex[k]) if rx.groupindex[k] in kept else ""
                         for k in keys})
    if not elements:
        return Struct.of([], (0, 0), keys)
    return Struct.of(elements, (1, len(elements)) if not once else (1, 1), keys)


def _split(s, found):
    pieces, pos = [], 0
    for m in found:
        pieces.append(s[pos:m.start()])
        pos = m.end()
    pieces.append(s[pos:])
    return _row_cell(pieces)


def _extents(m):
    kept = _kept_groups(m)
    if not kept:
        return np.zeros((0, 2))
    return np.array([[float(m.start(g) + 1), float(m.end(g))] for g in kept])


def _once_value(sel, s, rx, found):
    m = found[0] if found else None
    if sel == "match":
        return m.group(0) if m else ""
    if sel in ("start", "end"):
        return float(m.start() + 1 if sel == "start" else m.end()) if m else np.zeros((0, 0))
    if sel == "tokens":
        kept = _kept_groups(m) if m else []
        return Cell.of([m.group(g) for g in kept], (len(kept), 1)) if kept else \
            Cell.of([], (0, 0))
    if sel == "tokenExtents":
        return _extents(m) if m else np.zeros((0, 0))
    if sel == "names":
        return _names(rx, found, True)
    return _split(s, found)


def _all_value(sel, s, rx, found):
    if sel == "match":
        return _row_cell([m.group(0) for m in found])
    if sel in ("start", "end"):
        pos = [float(m.start() + 1 if sel == "start" else m.end()) for m in found]
        return np.array([pos], dtype=np.float64) if pos else np.zeros((1, 0))
    if sel == "tokens":
        return _row_cell([_row_cell([m.group(g) for g in _kept_groups(m)]) for m in found])
    if sel == "tokenExtents":
        return _row_cell([_extents(m) for m in found])
    if sel == "names":
        return _names(rx, found, False)
    return _split(s, found)


def regexp(s, pattern, *opts, nargout=1, _flags=0):
    """Octave's ``regexp(str, pat, ...)`` on one string.

    Outputs, by default in the order ``[s, e, te, match, tokens, names, split]``: the 1-based
    starts and ends of the matches (rows, ``[](1x0)`` for none), the token extents (a cell of
    Nx2 matrices), the matched texts (a 1xM cell), the tokens (a 1xM cell of 1xN cells), the
    named tokens (a 1xM struct array, 0x0 for no match) and the text between matches (a cell).
    Selector options (``'match'``, ``'tokens'``...) come first, in the order given, and the
    rest follow in the default order. With ``'once'`` only the first match counts and each
    output is unwrapped: a string, a number, an Nx1 cell of tokens, an Nx2 matrix, a scalar
    struct.
    """
    if not isinstance(s, str):
        raise TypeError("regexp: STR must be a string (cells are not supported)")
    _ascii(s, "regexp")
    selectors = [o for o in opts if o in _SELECTORS]
    flags, seen = _options([o for o in opts if o not in _SELECTORS],
                           {"once", "ignorecase", "matchcase"}, "regexp")
    once = "once" in seen
    outs = selectors + [o for o in _DEFAULT_ORDER if o not in selectors]
    rx = _compile(pattern, flags | _flags, "regexp")
    found = _matches(rx, s, "regexp", once)
    value = _once_value if once else _all_value
    results = tuple(value(sel, s, rx, found) for sel in outs[:max(nargout, 1)])
    return results if nargout > 1 else results[0]


def regexpi(s, pattern, *opts, nargout=1):
    """Octave's ``regexpi``: ``regexp`` ignoring case."""
    return regexp(s, pattern, *opts, nargout=nargout, _flags=re.IGNORECASE)
