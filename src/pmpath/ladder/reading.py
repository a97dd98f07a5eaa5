"""Reading a file a person named: bounded in size, refused when it is not a
regular file, decoded as UTF-8. The bundled ladder and the starter live here too."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from pmpath.errors import FileProblem

MAX_BYTES = 32 * 1024 * 1024


def bundled_ladder_path() -> Path:
    """The ladder shipped with pmpath: inside the wheel, or in the checkout."""
    package_dir = Path(__file__).resolve().parent.parent
    packaged = package_dir / "data" / "roles.yaml"
    if packaged.is_file():
        return packaged
    return package_dir.parent.parent / "data" / "roles.yaml"


def starter_ladder_text() -> str:
    """The commented starter ladder that `pmpath init` writes."""
    return (Path(__file__).resolve().parent / "starter.yaml").read_text(encoding="utf-8")


def read_bytes(source: Path) -> bytes:
    """At most MAX_BYTES of a regular file. The file is opened without
    blocking (a FIFO with no writer would wait for ever) and checked through
    the open descriptor, so it cannot be swapped between check and read."""
    try:
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise FileProblem("no such file") from None
    except IsADirectoryError:
        raise FileProblem("is a directory, not a file") from None
    except PermissionError:
        raise FileProblem("permission denied: cannot read this file") from None
    except OSError as error:
        raise _not_regular(source) or FileProblem(
            f"cannot read this file: {error.strerror or error}"
        ) from None
    try:
        if problem := _not_regular_mode(os.fstat(fd).st_mode):
            raise problem
        with open(fd, "rb", closefd=False) as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise FileProblem(f"cannot read this file: {error.strerror or error}") from None
    finally:
        os.close(fd)
    return _bounded(raw, "file")


def read_stream(stream: BinaryIO) -> bytes:
    """At most MAX_BYTES of an open stream (stdin), refused past that as a file is."""
    try:
        raw = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise FileProblem(f"cannot read this input: {error.strerror or error}") from None
    return _bounded(raw, "input")


def _bounded(raw: bytes, what: str) -> bytes:
    if len(raw) > MAX_BYTES:
        raise FileProblem(f"{what} is larger than {MAX_BYTES // (1024 * 1024)} MiB; refusing to read it")
    return raw


def _not_regular(source: Path) -> FileProblem | None:
    """Why a path that could not be opened is no regular file (a socket), if it is not one."""
    try:
        return _not_regular_mode(os.stat(source).st_mode)
    except OSError:
        return None


def _not_regular_mode(mode: int) -> FileProblem | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return FileProblem("is a directory, not a file")
    kinds = [
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ]
    kind = next((name for test, name in kinds if test(mode)), "a special file")
    return FileProblem(f"is {kind}, not a regular file")


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise FileProblem(
            f"not valid UTF-8 text (byte 0x{raw[error.start]:02x}); save the file as UTF-8",
            line,
        ) from None
