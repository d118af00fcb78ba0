"""The error the translator raises for Octave it refuses to translate."""
from ..errors import OctakdError


class PortError(OctakdError, SyntaxError):
    """A construct outside the supported Octave subset, located as ``file:line:col: message``.

    The translator refuses rather than guesses: every construct it cannot translate faithfully
    raises this error, naming the file, the line, the column and the construct.
    """

    def __init__(self, filename, line, col, message):
        self.filename = filename
        self.lineno = line
        self.col = col
        self.message = message
        super().__init__(f"{filename}:{line}:{col}: {message}")
        # SyntaxError.__init__ sets its own fields; restore ours.
        self.filename, self.lineno, self.msg = filename, line, message

    def __str__(self):
        return printable(f"{self.filename}:{self.lineno}:{self.col}: {self.message}")


def printable(text):
    """``text`` with every non-printable character written as its Python escape.

    Error messages quote file names and source text; escaping keeps a crafted name or string
    from sending control sequences to the user's terminal or splitting the message.
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


class PortErrors(PortError):
    """Several refusals at once: every construct of a script that cannot be translated.

    ``errors`` holds the single :class:`PortError`s, those of each file sorted by line and
    column (the script's own file first); ``str()`` gives one ``file:line:col: message`` per
    line. The error's own location is the first one's.
    """

    def __init__(self, errors):
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(first.filename, first.lineno, first.col, first.message)

    def __str__(self):
        return "\n".join(str(e) for e in self.errors)


def combine(errors, filename=None):
    """One error for a list of refusals: the single one, or :class:`PortErrors` of them all.

    Nested :class:`PortErrors` are flattened, a second refusal at the same place dropped, and the refusals sorted by
    file (``filename`` first, then in order of appearance), line and column.
    """
    flat = []
    for e in errors:
        flat.extend(e.errors if isinstance(e, PortErrors) else [e])
    files = [filename] if filename is not None else []
    for e in flat:
        if e.filename not in files:
            files.append(e.filename)
    seen, unique = set(), []
    for e in sorted(flat, key=lambda e: (files.index(e.filename), e.lineno, e.col)):
        where = (e.filename, e.lineno, e.col)
        if where not in seen:             # one refusal per place: the first found explains it
            seen.add(where)
            unique.append(e)
    return unique[0] if len(unique) == 1 else PortErrors(unique)
