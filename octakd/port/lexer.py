"""Tokenizer for the Octave subset that ``octakd port`` translates.

The lexer keeps what the parser needs to follow Octave's context-dependent rules:

* every token records its line, its column and whether whitespace came before it, because inside
  ``[...]`` whitespace separates elements (``[1 -2]`` has two elements, ``[1 - 2]`` one);
* a quote is a transpose after a value (``a'``, ``x(1)'``) and opens a string elsewhere
  (``['ab' 'cd']``);
* comments (``%``, ``#``, block ``%{ ... %}``) become COMMENT tokens so the translation keeps them;
* ``...`` continues a line: the rest of the line is ignored and no newline token is produced.
  A ``\`` that ends a line does the same (Octave 7 accepts it, with a deprecation warning).

Double-quoted strings have their backslash escapes processed here (Octave does it when it reads
the script), single-quoted strings keep backslashes literally and only turn ``''`` into ``'``.
"""
import re
import sys
from dataclasses import dataclass

from .errors import PortError

KEYWORDS = frozenset("""
    if elseif else end endif for endfor while endwhile break continue
    function endfunction return switch case otherwise endswitch try catch end_try_catch
    do until unwind_protect unwind_protect_cleanup end_unwind_protect global persistent
    parfor endparfor
""".split())

# Longest operators first, so that ``.*`` wins over ``.``, ``==`` over ``=``...
OPERATORS = [
    "...", ".^'", "==", "~=", "!=", "<=", ">=", "&&", "||", ".*", "./", ".^", ".\\", ".'", ".+", ".-",
    "++", "--", "+=", "-=", "*=", "/=", "^=", "**",
    "<", ">", "=", "+", "-", "*", "/", "\\", "^", "~", "!", "&", "|",
    "(", ")", "[", "]", "{", "}", ",", ";", ":", "@", ".",
]

# ASCII digits only: ``\d`` would also take other scripts' digits, which Octave refuses.
_NUMBER = re.compile(r"0[xX][0-9a-fA-F]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eEdD][+-]?[0-9]+)?")
_DIGITS = "0123456789"
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Octave's own rules (libinterp/parse-tree/lex.ll): a line ends at \n, \r or \r\n, and the
# only blanks are space and tab. ``str.splitlines`` and ``\s`` know many more line breaks and
# spaces (\x0b, \x1c, U+2028, the no-break space...), which would turn comment text into code.
_LINE_END = re.compile(r"\r\n|\r|\n")
# The largest script the translator reads (documented in docs/security.md); it bounds the time
# and memory one translation can take.
MAX_SOURCE_CHARS = 1 << 20
# Parentheses, brackets and argument lists inside each other (the parser's recursion).
MAX_NESTING = 64
BLANKS = " \t"
# A block comment opens and closes only with ``%{``/``%}`` (or ``#{``/``#}``) alone on its line.
_BLOCK_OPEN = re.compile(r"[ \t]*[%#]\{[ \t]*")
_BLOCK_CLOSE = re.compile(r"[ \t]*[%#]\}[ \t]*")

# Tokens after which a quote is a transpose rather than the start of a string.
_VALUE_END_KINDS = ("NUM", "ID", "STR")
_VALUE_END_OPS = (")", "]", "}", "'", ".'")

_DQ_ESCAPES = {
    "n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "a": "\a", "r": "\r",
    "f": "\f", "v": "\v", "b": "\b", "0": "\0",
}


@dataclass(slots=True)          # a script has up to a million tokens: keep each small
class Token:
    """One token: ``kind`` is NUM, STR, ID, KW, OP, COMMENT, NL or EOF.

    ``value`` is the decoded value (the float/int of a number, the text of a string, the name of
    an identifier, the operator itself); ``text`` is the source text; ``quote`` is the quote
    character of a string; ``space`` tells whether whitespace preceded the token on its line.
    """
    kind: str
    value: object
    line: int
    col: int
    space: bool = False
    text: str = ""
    quote: str = ""

    def is_op(self, *ops):
        """True if this is an operator token among ``ops``."""
        return self.kind == "OP" and self.value in ops

    def is_kw(self, *words):
        """True if this is a keyword token among ``words``."""
        return self.kind == "KW" and self.value in words


_OCTAL = re.compile(r"[0-7]{1,3}")
_HEX = re.compile(r"[0-9a-fA-F]{1,2}")


def _bad_character(ch):
    """Describe a character the lexer refuses."""
    if "\udc80" <= ch <= "\udcff":
        return (f"byte 0x{ord(ch) - 0xDC00:02X} is not valid UTF-8 (save the script as UTF-8; "
                f"only comments may hold other bytes)")
    return f"unexpected character {ch!r}"


def _decode_dq(body, filename, line, col):
    """Process the backslash escapes of a double-quoted Octave string body."""
    out = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in "01234567":
                m = _OCTAL.match(body, i + 1)      # match at a position: no copy, no O(n^2)
                out.append(chr(int(m.group(0), 8)))
                i += 1 + len(m.group(0))
                continue
            if nxt == "x":
                m = _HEX.match(body, i + 2)
                if m:
                    out.append(chr(int(m.group(0), 16)))
                    i += 2 + len(m.group(0))
                    continue
            if nxt in _DQ_ESCAPES:
                out.append(_DQ_ESCAPES[nxt])
                i += 2
                continue
            raise PortError(filename, line, col + i, f"unknown escape sequence '\\{nxt}' in a string")
        out.append(ch)
        i += 1
    return "".join(out)


def split_lines(text):
    """Split source text into lines the way Octave does: at ``\n``, ``\r`` and ``\r\n`` only.

    Like ``str.splitlines``, a final line terminator does not start an extra empty line.
    """
    lines = _LINE_END.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def tokenize(text, filename="<string>"):
    """Split Octave source ``text`` into a list of :class:`Token`, ending with an EOF token.

    A newline token (NL) ends every source line except continued ones (``...``).
    Raises :class:`PortError` on characters or literals outside the subset.
    """
    if len(text) > MAX_SOURCE_CHARS:
        raise PortError(filename, 1, 1, f"the script has {len(text)} characters; the translator "
                                        f"reads scripts of at most {MAX_SOURCE_CHARS}")
    tokens = []
    brackets = []          # stack of open "(", "[", "{" to decide quotes and newlines
    block_depth = 0
    lines = split_lines(text)
    for lineno, raw in enumerate(lines, start=1):
        if block_depth:
            if _BLOCK_CLOSE.fullmatch(raw):
                block_depth -= 1
                tokens.append(Token("COMMENT", raw.strip(BLANKS)[2:], lineno, 1, text="}"))
            else:
                if _BLOCK_OPEN.fullmatch(raw):
                    block_depth += 1
                tokens.append(Token("COMMENT", raw, lineno, 1, text="block"))
            tokens.append(Token("NL", "\n", lineno, len(raw) + 1))
            continue
        if _BLOCK_OPEN.fullmatch(raw):
            block_depth += 1
            tokens.append(Token("COMMENT", "", lineno, 1, text="{"))
            tokens.append(Token("NL", "\n", lineno, len(raw) + 1))
            continue
        pos = 0
        space = False
        continued = False
        n = len(raw)
        while pos < n:
            ch = raw[pos]
            col = pos + 1
            if ch in BLANKS:
                pos += 1
                space = True
                continue
            if ch in "%#":
                tokens.append(Token("COMMENT", raw[pos + 1:], lineno, col, space, raw[pos:]))
                break
            if raw.startswith("...", pos):
                continued = True
                break
            if ch == "\\" and not raw[pos + 1:].strip():
                # the old continuation '\' at the end of a line: Octave 7 warns and accepts it
                print("warning: using continuation marker \\ outside of double quoted strings "
                      "was deprecated in version 7 and will be removed from a future version of "
                      "Octave, use ... instead", file=sys.stderr)
                continued = True
                break
            prev = tokens[-1] if tokens and tokens[-1].line == lineno else None
            if ch == "'" or ch == '"':
                after_value = prev is not None and (
                    prev.kind in _VALUE_END_KINDS or (prev.kind == "OP" and prev.value in _VALUE_END_OPS)
                    or prev.is_kw("end"))
                in_matrix = bool(brackets) and brackets[-1] in "[{"
                if ch == "'" and after_value and not (space and in_matrix):
                    tokens.append(Token("OP", "'", lineno, col, space, "'"))
                    pos += 1
                    space = False
                    continue
                pos = _read_string(raw, pos, ch, lineno, filename, tokens, space)
                space = False
                continue
            m = _NUMBER.match(raw, pos)
            if m and (ch in _DIGITS or (ch == "." and pos + 1 < n and raw[pos + 1] in _DIGITS)):
                numtext = m.group(0)
                # "1.*2" is 1 .* 2, "1./x" is 1 ./ x: give the dot back to the operator.
                end = m.end()
                if numtext.endswith(".") and end < n and raw[end] in "*/^\\'":
                    numtext = numtext[:-1]
                    end -= 1
                imaginary = end < n and raw[end] in "ijIJ" and \
                    not (end + 1 < n and (raw[end + 1].isalnum() or raw[end + 1] == "_"))
                if imaginary:                   # "2i", "1.5e3j": an imaginary literal
                    end += 1
                if end < n and (raw[end].isalpha() or raw[end] == "_"):
                    raise PortError(filename, lineno, col, f"malformed number '{raw[pos:end + 1]}'")
                if numtext[:2].lower() == "0x":
                    value = int(numtext, 16)
                else:
                    norm = numtext.replace("d", "e").replace("D", "e")
                    # Octave's literals are doubles; an integer past 15 digits is not exact
                    # as a double (and a Python int of 4300 digits cannot even be parsed).
                    value = float(norm) if re.search(r"[.eE]", norm) or len(norm) > 15 else int(norm)
                if imaginary:
                    value = complex(0, value)
                    numtext += raw[end - 1]
                tokens.append(Token("NUM", value, lineno, col, space, numtext))
                pos = end
                space = False
                continue
            m = _IDENT.match(raw, pos)
            if m:
                word = m.group(0)
                kind = "KW" if word in KEYWORDS else "ID"
                tokens.append(Token(kind, word, lineno, col, space, word))
                pos = m.end()
                space = False
                continue
            for op in OPERATORS:
                if raw.startswith(op, pos):
                    break
            else:
                raise PortError(filename, lineno, col, _bad_character(ch))
            if op == ".^'":
                op = ".^"
            elif op in (".+", ".-"):
                # Octave 7 still reads '.+' and '.-' as '+' and '-' (deprecated, with a warning),
                # always binary: [x .+1] is one element, so the token is marked unspaced
                print(f"warning: the '{op}' operator was deprecated in version 7 and will not be "
                      f"allowed in a future version of Octave; please use '{op[1]}' instead; near "
                      f"line {lineno} of file '{filename}'", file=sys.stderr)
                tokens.append(Token("OP", op[1], lineno, col, False, op))
                pos += 2
                space = False
                continue
            if op in "([{":
                if len(brackets) >= MAX_NESTING:
                    raise PortError(filename, lineno, col, f"more than {MAX_NESTING} nested "
                                    f"parentheses, brackets or argument lists are not supported")
                brackets.append(op)
            elif op in ")]}" and brackets:
                brackets.pop()
            tokens.append(Token("OP", op, lineno, col, space, op))
            pos += len(op)
            space = False
        if not continued:
            tokens.append(Token("NL", "\n", lineno, n + 1))
    if block_depth:
        # Octave reads an unterminated '%{' as a comment to the end of the file, with a warning
        print("warning: block comment unterminated at end of input", file=sys.stderr)
    tokens.append(Token("EOF", None, len(lines) + 1, 1))
    return tokens


def _read_string(raw, pos, quote, lineno, filename, tokens, space):
    """Read a string literal starting at ``raw[pos]``; append its token and return the new pos."""
    i = pos + 1
    body = []
    n = len(raw)
    while True:
        if i >= n:
            raise PortError(filename, lineno, pos + 1, "unterminated string")
        c = raw[i]
        if c == quote:
            if i + 1 < n and raw[i + 1] == quote:
                body.append(quote)
                i += 2
                continue
            break
        if quote == '"' and c == "\\" and i + 1 < n:
            body.append(raw[i:i + 2])
            i += 2
            continue
        body.append(c)
        i += 1
    text = "".join(body)
    for c in text:
        if c == "\0" or "\udc80" <= c <= "\udcff":
            # Octave refuses a NUL in a string; an invalid byte it would silently replace.
            where = raw.find(c, pos)
            what = "a NUL character in a string is not supported" if c == "\0" else _bad_character(c)
            raise PortError(filename, lineno, where + 1, what)
    if quote == '"':
        text = _decode_dq(text, filename, lineno, pos + 2)
    tokens.append(Token("STR", text, lineno, pos + 1, space, raw[pos:i + 1], quote))
    return i + 1


def describe(tok):
    """Name a token for an error message."""
    if tok.kind == "EOF":
        return "end of file"
    if tok.kind == "NL":
        return "end of line"
    if tok.kind == "STR":
        return f"string {tok.text}"
    if tok.kind == "KW":
        return f"keyword '{tok.value}'"
    return f"'{tok.text or tok.value}'"
