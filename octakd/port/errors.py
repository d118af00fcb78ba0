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
