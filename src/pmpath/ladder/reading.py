"""Reading a file a person named: bounded in size, refused when it is not a
regular file, decoded as UTF-8. The bundled ladder and the starter live here too."""

from __future__ import annotations

from pathlib import Path

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
    try:
        with open(source, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise FileProblem("no such file") from None
    except IsADirectoryError:
        raise FileProblem("is a directory, not a ladder file") from None
    except PermissionError:
        raise FileProblem("permission denied: cannot read this file") from None
    except OSError as error:
        raise FileProblem(f"cannot read this file: {error.strerror or error}") from None
    if len(raw) > MAX_BYTES:
        raise FileProblem(f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB; refusing to read it")
    return raw


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise FileProblem(
            f"not valid UTF-8 text (byte 0x{raw[error.start]:02x}); save the file as UTF-8",
            line,
        ) from None
