"""Writing a file a person named (`init`, `export -o`, `assess --save`).

Only a regular file is written, and never through a symbolic link: a name
that is a dangling link, a FIFO (which would block until someone reads it)
or a device is refused with a message, not followed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pmpath.errors import PmpathError

_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NO_BLOCK = getattr(os, "O_NONBLOCK", 0)


def write_file(path: Path, text: str, overwrite: bool) -> None:
    """Write text to path as UTF-8. Without `overwrite`, a name that already
    exists in any form (a dangling link included) is refused; with it, the
    file is replaced whole (see replace_file), so that a full disk or an
    interruption never leaves half of the new text in place of the old."""
    if os.path.isdir(path):  # False, not an error, for a name too long to look up
        raise PmpathError(f"{path} is a directory; give a file name")
    if overwrite and can_replace(path):
        replace_file(path, text)
        return
    flags = os.O_WRONLY | os.O_CREAT | _NO_FOLLOW | _NO_BLOCK | (os.O_TRUNC if overwrite else os.O_EXCL)
    try:
        fd = os.open(path, flags, 0o666)
    except FileExistsError:
        raise PmpathError(f"{path} already exists; use --force to overwrite it") from None
    except OSError as error:
        raise PmpathError(f"cannot write {path}: {_reason(path, error)}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise PmpathError(f"cannot write {path}: it is not a regular file")
        with open(fd, "w", encoding="utf-8", closefd=False) as handle:
            handle.write(text)
    except OSError as error:
        raise PmpathError(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        os.close(fd)


def can_replace(path: Path) -> bool:
    """Whether `replace_file` can make its new file beside `path`: the folder
    must take a new file. (Where it cannot, as in a folder someone else
    owns, `write_file` writes over the file in place.)"""
    folder = os.path.dirname(os.path.abspath(path))
    return os.access(folder, os.W_OK | os.X_OK)


def replace_file(path: Path, text: str) -> None:
    """Write text to path as UTF-8 all at once: into a new file beside it,
    then renamed over it, so that an interruption leaves either the old file
    or the new one, never half of one. The file keeps its permissions; a
    link, a directory or anything but a regular file is refused."""
    import tempfile

    if os.path.lexists(path):
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            raise PmpathError(f"cannot write {path}: {_reason(path, OSError())}")
        if stat.S_ISDIR(info.st_mode):
            raise PmpathError(f"{path} is a directory; give a file name")
        if not stat.S_ISREG(info.st_mode):
            raise PmpathError(f"cannot write {path}: it is not a regular file")
        if not os.access(path, os.W_OK):  # renaming over it would get round its protection
            raise PmpathError(f"cannot write {path}: it is read-only")
        mode = stat.S_IMODE(info.st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    folder = os.path.dirname(os.path.abspath(path))
    try:
        # A short name of its own: the file's name and more could be too long.
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".pmpath-", suffix=".tmp")
    except OSError as error:
        raise PmpathError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with open(fd, "w", encoding="utf-8", newline="") as handle:  # line endings as given
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as error:
        raise PmpathError(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)


def _reason(path: Path, error: OSError) -> str:
    if os.path.islink(path):  # O_NOFOLLOW refuses a link with ELOOP
        return "it is a symbolic link; give the path of the file itself"
    if os.path.exists(path) and not os.path.isfile(path):  # a FIFO with no reader: ENXIO
        return "it is not a regular file"
    return str(error.strerror or error)
