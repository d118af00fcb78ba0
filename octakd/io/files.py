"""Paths, file errors and atomic writes, shared by every writer in octakd.io."""
import os
import tempfile

from ..errors import OctakdError, OctakdFileError
from ..validate import file_name


# -- paths and errors -----------------------------------------------------------------------
def _path_arg(path, where):
    """The file name as a str; a clear error for anything that is not a path."""
    return file_name(path, where)


def _require_file(path, where):
    if not os.path.exists(path):
        raise OctakdFileError(f"{where}: unable to find file '{path}'")
    if os.path.isdir(path):
        raise OctakdFileError(f"{where}: '{path}' is a folder, not a file")


def _reason(exc):
    text = str(exc).strip() or type(exc).__name__
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
