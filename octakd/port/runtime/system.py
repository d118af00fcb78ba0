"""Octave's folder and environment functions: ``pwd``, ``getenv``, ``setenv``/``putenv``,
``mkdir``, ``rmdir`` (of an empty folder) and ``delete`` of files.

They act on the real file system and environment, as Octave's do (a script's ``mkdir`` makes
the folder, ``delete`` removes the file), with Octave's warnings on standard error where Octave
warns instead of failing (an existing folder, a file that is not there).
"""
import glob
import os
import sys

import numpy as np

__all__ = ["pwd", "getenv", "setenv", "putenv", "mkdir", "rmdir", "delete"]
FUNCTIONS = {"pwd": "str", "getenv": "str", "setenv": "void", "putenv": "void",
             "mkdir": "void", "rmdir": "void", "delete": "void"}
MULTI_OUTPUT = {"mkdir", "rmdir"}


def _text(x, where, what):
    if not isinstance(x, str):
        raise TypeError(f"{where}: {what} must be a string")
    return x


def pwd():
    """Octave's ``pwd``: the current folder."""
    return os.getcwd()


def getenv(name):
    """Octave's ``getenv(name)``: the variable's value, ``''`` when it is not set."""
    return os.environ.get(_text(name, "getenv", "VAR"), "")


def setenv(name, value=""):
    """Octave's ``setenv(name[, value])`` (also ``putenv``): set an environment variable."""
    _text(name, "setenv", "VAR must be a string and")
    if isinstance(value, str):
        os.environ[name] = value
    else:
        raise TypeError("setenv: VALUE must be a string")


putenv = setenv


def mkdir(parent, folder=None, nargout=1):
    """Octave's ``mkdir(dir)`` / ``mkdir(parent, dir)``; ``[status, msg, msgid] = mkdir(...)``.

    Missing parent folders are made too. An existing folder is no error: status 1, message
    ``directory exists`` (with Octave's warning when no output is asked)."""
    path = _text(parent, "mkdir", "DIRNAME")
    if folder is not None:
        path = os.path.join(path, _text(folder, "mkdir", "DIRNAME"))
    msg, msgid = "", ""
    if os.path.isdir(path):
        msg = "directory exists"
        if nargout == 0:
            print("warning: mkdir: directory exists", file=sys.stderr)
    else:
        try:
            os.makedirs(path)
        except OSError as exc:
            if nargout == 0:
                raise OSError(f"mkdir: operation failed: {exc.strerror}") from None
            return (False, exc.strerror or str(exc), "mkdir")[:max(nargout, 1)] \
                if nargout > 1 else False
    if nargout == 0:
        return None
    status = np.True_
    return (status, msg, msgid)[:nargout] if nargout > 1 else status


def rmdir(folder, *opts, nargout=1):
    """Octave's ``rmdir(dir)`` of an empty folder; ``[status, msg, msgid] = rmdir(dir)``.
    ``rmdir(dir, 's')`` (the folder with everything in it) is not supported."""
    path = _text(folder, "rmdir", "DIR")
    if opts:
        raise ValueError("rmdir: removing a folder with its contents ('s') is not supported")
    try:
        os.rmdir(path)
    except OSError as exc:
        if nargout == 0:
            raise OSError(f"rmdir: operation failed: {exc.strerror}") from None
        result = (np.False_, exc.strerror or str(exc), "rmdir")
    else:
        if nargout == 0:
            return None
        result = (np.True_, "", "")
    return result[:nargout] if nargout > 1 else result[0]


def delete(*names):
    """Octave's ``delete(file, ...)``: remove files (wildcards allowed); a name that matches
    nothing is Octave's warning. Deleting graphics objects is not supported."""
    if not names:
        raise TypeError("Invalid call to delete")
    for name in names:
        if not isinstance(name, str):
            raise TypeError("delete: deleting graphics objects is not supported, only files "
                            "given by name")
        found = glob.glob(name) if glob.has_magic(name) else ([name] if os.path.lexists(name)
                                                               else [])
        if not found:
            print(f"warning: delete: no such file: {name}", file=sys.stderr)
        for path in found:
            if os.path.isdir(path) and not os.path.islink(path):
                print(f"warning: delete: {path} is a directory", file=sys.stderr)
                continue
            os.remove(path)
