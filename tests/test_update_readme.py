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
