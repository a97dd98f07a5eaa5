"""A cache of parsed ladder files, keyed by their content.

Parsing YAML is most of what a command costs: ~9 ms for the bundled ladder,
over a second for 10,000 roles, while reading the same data back as JSON takes
a millisecond or two. A valid ladder's parsed data is therefore saved with a
copy of the file's text, under a name made from its CRC-32 and length; an
entry is used only when its copy equals the file byte for byte, so it can
never be stale or confused with another file's. (CRC-32 rather than SHA-256:
importing hashlib costs ~3 ms on every run, and the comparison makes a strong
hash unnecessary.) JSON, unlike pickle or marshal, cannot run code or crash
the reader when a cache file is damaged or planted.

Where: $PMPATH_CACHE_DIR, else $XDG_CACHE_HOME/pmpath, else ~/.cache/pmpath.
PMPATH_NO_CACHE=1 turns it off. Every failure to read or write the cache is
silent: the cache can only ever save time.
"""

from __future__ import annotations

import json
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmpath import __version__

# Part of every key: a new pmpath may parse or validate differently.
FORMAT = f"pmpath-{__version__}-1"
MAX_ENTRIES = 32


@dataclass(frozen=True)
class Entry:
    data: Any
    # True once `validate` found nothing at all to report, so that it can
    # trust the entry too; it needs the YAML itself to place any warning.
    strict_clean: bool = False


def directory() -> Path | None:
    if os.environ.get("PMPATH_NO_CACHE"):
        return None
    if os.environ.get("PMPATH_CACHE_DIR"):
        return Path(os.environ["PMPATH_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pmpath"


def _file_for(raw: bytes) -> Path | None:
    folder = directory()
    if folder is None:
        return None
    return folder / f"{FORMAT}-{zlib.crc32(raw):08x}-{len(raw)}.json"


def load(raw: bytes) -> Entry | None:
    path = _file_for(raw)
    if path is None:
        return None
    try:
        stored = json.loads(path.read_bytes())
        if stored["source"] != raw.decode("utf-8"):
            return None  # a different file with the same checksum and length
        return Entry(stored["data"], stored["strict_clean"] is True)
    except (OSError, ValueError, TypeError, KeyError):  # UnicodeDecodeError is a ValueError
        return None


def store(raw: bytes, entry: Entry) -> None:
    path = _file_for(raw)
    if path is None:
        return
    try:
        text = json.dumps(
            {"source": raw.decode("utf-8"), "data": entry.data, "strict_clean": entry.strict_clean},
            ensure_ascii=False,
        )
        if json.loads(text)["data"] != entry.data:
            return  # YAML that JSON cannot hold exactly (dates, number keys): not cached
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)  # atomic: readers see the old file or the new one
        _prune(path.parent)
    except (OSError, ValueError, TypeError):
        pass


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        old.unlink(missing_ok=True)
