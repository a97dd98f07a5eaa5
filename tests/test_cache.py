"""The parse cache can only ever save time: never stale, never wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmpath.ladder import cache
from pmpath.ladder.loading import check_ladder, load_ladder
from tests.conftest import SMALL, write_ladder


def cache_files() -> list[Path]:
    folder = cache.directory()
    assert folder is not None
    return sorted(folder.glob("*.json")) if folder.exists() else []


def test_a_valid_ladder_is_parsed_once_then_read_from_the_cache(parses: list[str]) -> None:
    first = load_ladder(SMALL)
    assert len(parses) == 1
    assert len(cache_files()) == 1
    second = load_ladder(SMALL)
    assert len(parses) == 1
    assert second == first


def test_editing_the_file_is_a_miss(tmp_path: Path, parses: list[str]) -> None:
    path = write_ladder(tmp_path, SMALL.read_text(encoding="utf-8"))
    load_ladder(path)
    path.write_text(
        path.read_text(encoding="utf-8").replace("Junior Maker", "Junior Builder"), encoding="utf-8"
    )
    assert load_ladder(path).role("junior").title == "Junior Builder"
    assert len(parses) == 2


def test_a_damaged_entry_is_ignored(parses: list[str]) -> None:
    load_ladder(SMALL)
    (entry,) = cache_files()
    entry.write_text("{not json", encoding="utf-8")
    assert load_ladder(SMALL).role("maker").title == "Maker"
    assert len(parses) == 2


def test_an_entry_for_other_text_is_never_used(parses: list[str]) -> None:
    """Same checksum and length would pick the same file name: the stored
    copy of the source must still match byte for byte."""
    load_ladder(SMALL)
    (entry,) = cache_files()
    stored = json.loads(entry.read_text(encoding="utf-8"))
    stored["source"] = stored["source"].replace("Maker", "Mover")
    stored["data"]["roles"][1]["title"] = "Planted"
    entry.write_text(json.dumps(stored), encoding="utf-8")
    assert load_ladder(SMALL).role("maker").title == "Maker"


def test_invalid_ladders_are_not_cached(tmp_path: Path) -> None:
    path = write_ladder(tmp_path, "roles:\n  - {id: a, title: A, level: high}\n")
    assert check_ladder(path)[0] is None
    assert cache_files() == []


def test_data_json_cannot_hold_exactly_is_not_cached(tmp_path: Path) -> None:
    path = write_ladder(tmp_path, "roles:\n  - {id: a, title: A, level: 1, when: 2024-01-01}\n")
    assert load_ladder(path).role("a").title == "A"
    assert cache_files() == []


def test_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, parses: list[str]) -> None:
    monkeypatch.setenv("PMPATH_NO_CACHE", "1")
    load_ladder(SMALL)
    load_ladder(SMALL)
    assert len(parses) == 2
    monkeypatch.delenv("PMPATH_NO_CACHE")
    assert cache_files() == []


def test_an_unusable_cache_directory_is_harmless(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("PMPATH_CACHE_DIR", str(blocker / "cache"))
    assert load_ladder(SMALL).role("junior").level == 1


def test_validate_trusts_the_cache_only_for_ladders_with_nothing_to_report(parses: list[str]) -> None:
    assert check_ladder(SMALL, strict=True)[1] == []
    assert check_ladder(SMALL, strict=True)[1] == []
    assert len(parses) == 1
    warned = SMALL.parent / "bad" / "warnings.yaml"
    first = check_ladder(warned, strict=True)[1]
    again = check_ladder(warned, strict=True)[1]
    assert first == again and all(p.line for p in again)  # lines need the YAML: parsed each time
    assert len(parses) == 3


def test_old_entries_are_pruned(tmp_path: Path) -> None:
    for number in range(cache.MAX_ENTRIES + 5):
        path = write_ladder(
            tmp_path, f"roles:\n  - {{id: a, title: A{number}, level: 1}}\n", f"l{number}.yaml"
        )
        load_ladder(path)
    assert len(cache_files()) == cache.MAX_ENTRIES
