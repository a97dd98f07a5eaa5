"""scripts/update_readme.py runs the pmpath of this checkout, piped or not."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from pmpath import __version__

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "update_readme.py"


@pytest.fixture
def update_readme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The script, with an impostor `pmpath` first on PATH."""
    impostor = tmp_path / "pmpath"
    impostor.write_text("#!/bin/sh\necho impostor\n", encoding="utf-8")
    impostor.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:{Path('/usr/bin')}:{Path('/bin')}")
    spec = importlib.util.spec_from_file_location("update_readme", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_examples_run_this_interpreters_pmpath(update_readme: ModuleType) -> None:
    assert update_readme.run("pmpath --version") == f"pmpath {__version__}"
    assert update_readme.run("pmpath --version | tr a-z A-Z") == f"PMPATH {__version__}"


def test_a_failing_example_shows_its_exit_code(update_readme: ModuleType) -> None:
    out = update_readme.run("pmpath show nobody")
    assert out.startswith("pmpath: error: no role matches 'nobody'")
    assert out.endswith("(exit code 2)")


def test_a_missing_tool_is_named(update_readme: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(update_readme.shutil, "which", lambda name: None)
    with pytest.raises(SystemExit) as exit:
        update_readme.run("pmpath list --json | jq -r '.[].id'")
    assert "needs jq; install it" in str(exit.value.code)


def test_check_names_a_missing_picture_and_never_compares_one(
    update_readme: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Title\n\n![a page](docs/page.png)\n", encoding="utf-8")
    monkeypatch.setattr(update_readme, "README", readme)
    monkeypatch.setattr(update_readme, "ROOT", tmp_path)
    monkeypatch.setattr(update_readme.sys, "argv", ["update_readme.py", "--check"])
    assert update_readme.main() == 1
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.png").write_bytes(b"any bytes at all")
    assert update_readme.main() == 0


def test_no_screenshot_without_chromium(update_readme: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(update_readme.shutil, "which", lambda name: None)
    monkeypatch.setattr(update_readme, "SCREENSHOT", Path("/nonexistent/never-written.png"))
    assert update_readme.screenshot() is False
