"""Paths, file errors, safe opening and atomic writes, shared by every reader and writer in
octakd.io (and by checkpoint.py)."""
import os
import stat
import tempfile

from ..errors import OctakdError, OctakdFileError
from ..validate import file_name


# -- paths and errors -----------------------------------------------------------------------
def _path_arg(path, where):
    """The file name as a str; a clear error for anything that is not a path."""
    return file_name(path, where)


def shown(path):
    """``path`` as error messages print it: a name that is not valid UTF-8 (undecodable bytes
    kept by os.fsdecode as surrogates) is shown with backslash escapes, so that printing the
    message can never fail."""
    return str(path).encode("utf-8", "backslashreplace").decode("utf-8")


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def _not_regular(mode, path, where):
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return OctakdFileError(f"{where}: '{shown(path)}' is {kind}, not a regular file; give the "
                           f"path of a file")


def _require_file(path, where):
    """Raise OctakdFileError unless ``path`` names an existing regular file (a folder, a FIFO
    or a device is refused: reading a FIFO or /dev/zero would block or never end)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise OctakdFileError(f"{where}: unable to find file '{shown(path)}'") from None
    except (OSError, ValueError) as exc:        # ValueError: a NUL byte in the name
        raise OctakdFileError(f"{where}: cannot open '{shown(path)}' ({_reason(exc)})") from None
    if not stat.S_ISREG(mode):
        raise _not_regular(mode, path, where)


def open_regular(path, where):
    """Open ``path`` for binary reading, if it is a regular file; return the file object.

    ``os.stat`` first refuses what is not a regular file (with the message of _require_file).
    The file is then opened with O_NONBLOCK, so that a FIFO swapped in after the check cannot
    block ``open`` itself, and ``fstat`` on the open descriptor checks again what was really
    opened. O_NONBLOCK has no effect on reads of a regular file."""
    _require_file(path, where)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) \
        | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise OctakdFileError(f"{where}: unable to find file '{shown(path)}'") from None
    except OSError as exc:
        raise OctakdFileError(f"{where}: cannot open '{shown(path)}' ({_reason(exc)})") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(mode, path, where)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _reason(exc):
    text = shown(str(exc).strip() or type(exc).__name__)
    return text if len(text) <= 200 else text[:197] + "..."


def _writable_folder(path, where):
    """Raise OctakdFileError unless the folder that will hold ``path`` exists and is writable."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise OctakdFileError(f"{where}: cannot write '{path}': the folder '{folder}' does not exist; "
                              f"create it first (os.makedirs('{folder}'))")
    if not os.access(folder, os.W_OK):
        raise OctakdFileError(f"{where}: cannot write '{path}': the folder '{folder}' is not writable; "
                              f"choose another folder or change its permissions")
    return folder


def _new_file_mode(path):
    """The permissions a plain open(path, 'w') would give: the old file's, else 0666 - umask."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _atomic_write(path, write, where):
    """Call ``write(fileobj)`` on a temporary file beside ``path``, fsync it, then rename it to
    ``path``. If anything fails, the temporary file is removed and ``path`` is left as it was."""
    folder = _writable_folder(path, where)
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix="." + os.path.basename(path) + ".", suffix=".tmp")
    except OSError as exc:
        raise OctakdFileError(f"{where}: cannot write '{path}': {_reason(exc)}; choose another "
                              f"folder or check its permissions") from None
    try:
        with os.fdopen(fd, "wb") as f:
            os.chmod(tmp, _new_file_mode(path))    # mkstemp makes 0600 files; act like open()
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.remove(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError) and not isinstance(exc, OctakdError):
            raise OctakdFileError(f"{where}: writing '{path}' failed ({_reason(exc)}); the previous "
                                  f"file, if any, is unchanged") from None
        raise
    try:                                   # make the rename itself durable (POSIX only)
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass
