"""Reading Octave scripts and writing their translation, for files nobody vouches for.

* :func:`read_source` opens regular files only (a FIFO would block, a device never ends), reads at
  most ``MAX_SOURCE_BYTES``, and decodes UTF-8 with an optional byte-order mark, as GNU Octave
  does by default. A byte that is not UTF-8 is kept as a surrogate escape: the lexer refuses it
  in code and strings (Octave would turn it into U+FFFD, which no Python string can copy
  byte for byte), and comments show it as Latin-1, the encoding of many older MATLAB files.
* :func:`write_output` replaces the output file atomically through a temporary file with an
  unpredictable name in the same folder, created exclusively (so it never follows a symlink
  planted there), and refuses to overwrite the script it translates.
"""
import os
import stat
import tempfile

from .errors import PortError
from .lexer import MAX_SOURCE_CHARS

MAX_SOURCE_BYTES = MAX_SOURCE_CHARS
_BOM = b"\xef\xbb\xbf"


def latin1_byte(ch):
    """The Latin-1 character of a byte that was not valid UTF-8 (a surrogate escape), or None."""
    if "\udc80" <= ch <= "\udcff":
        return chr(ord(ch) - 0xDC00)
    return None


def decode_source(data):
    """Decode a script's bytes: UTF-8 after an optional BOM, invalid bytes as surrogate escapes."""
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    return data.decode("utf-8", "surrogateescape")


def read_source(path):
    """Return the text of the Octave script at ``path`` (see the module docstring).

    Raises ``OSError`` for a missing or unreadable file and for anything but a regular file, and
    :class:`PortError` for a script larger than ``MAX_SOURCE_BYTES``.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"{path}: not a regular file (a directory, FIFO or device); "
                          f"octakd reads scripts from regular files only")
        if info.st_size > MAX_SOURCE_BYTES:
            raise PortError(str(path), 1, 1, f"the script has {info.st_size} bytes; the translator "
                                             f"reads scripts of at most {MAX_SOURCE_BYTES} bytes")
        chunks = []
        size = 0
        while size <= MAX_SOURCE_BYTES:          # the file may grow while it is read
            chunk = os.read(fd, MAX_SOURCE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_SOURCE_BYTES:
            raise PortError(str(path), 1, 1, f"the script has more than {MAX_SOURCE_BYTES} bytes; "
                                             f"the translator reads scripts of at most that size")
    finally:
        os.close(fd)
    return decode_source(b"".join(chunks))


def _umask():
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_output(code, out, source=None):
    """Write ``code`` to ``out`` atomically; never through a symlink, never over ``source``.

    The text goes to a fresh file made by :func:`tempfile.mkstemp` beside ``out`` (exclusive
    creation, unpredictable name), is flushed to disk, gets the usual permissions
    (``0o666`` minus the umask), and is renamed over ``out``. If ``out`` is a symlink, the link
    itself is replaced, not the file it points to. On failure the temporary file is removed and
    ``out`` is unchanged.
    """
    out = os.fspath(out)
    if source is not None:
        same = os.path.abspath(out) == os.path.abspath(source)
        try:
            same = same or os.path.samefile(out, source)
        except OSError:
            pass                                  # out does not exist yet
        if same:
            raise OSError(f"{out}: this is the script being translated; refusing to overwrite "
                          f"it (choose another output file)")
    folder = os.path.dirname(os.path.abspath(out))
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(out)}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(code)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, out)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
