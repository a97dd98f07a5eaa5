from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from pmpath.cli.app import app

LADDERS = Path(__file__).parent / "ladders"
BUNDLED_YAML = Path(__file__).resolve().parent.parent / "data" / "roles.yaml"


@functools.cache
def _bundled_roles() -> dict[str, Any]:
    return {r["id"]: r for r in yaml.safe_load(BUNDLED_YAML.read_text(encoding="utf-8"))["roles"]}


def bundled_role(role_id: str) -> dict[str, Any]:
    """A role of data/roles.yaml as the file writes it, for tests that check
    a command shows the bundled ladder's words without copying them."""
    role: dict[str, Any] = _bundled_roles()[role_id]
    return role


SMALL = LADDERS / "small.yaml"

Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see neither the developer's ladder nor colour settings."""
    for name in ("PMPATH_LADDER", "NO_COLOR", "FORCE_COLOR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text YAML-parsed by the loader during the test, in order."""
    from pmpath.ladder import yamlsafe

    seen: list[str] = []
    real = yamlsafe.parse

    def counting(text: str, duplicates: Any = None) -> Any:
        seen.append(text)
        return real(text, duplicates)

    monkeypatch.setattr(yamlsafe, "parse", counting)
    return seen


@pytest.fixture
def run() -> Run:
    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)

    return invoke


def run_json(run: Run, *args: str) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def write_ladder(tmp_path: Path, text: str, name: str = "ladder.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def interruptible() -> None:
    """For a child process that a test interrupts: Ctrl-C as a terminal
    sends it, even when the tests run where SIGINT is ignored (a shell's
    background job), which the child would inherit."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def assess_here(monkeypatch: pytest.MonkeyPatch, save: Path, answers: str) -> Result:
    """`pmpath assess maker --from jr --save SAVE` on the small ladder, run in
    this process as on a terminal, answered line by line with `answers`."""
    monkeypatch.setattr("pmpath.cli.app._stdin_is_terminal", lambda: True)
    return CliRunner().invoke(
        app, ["--ladder", str(SMALL), "assess", "maker", "--from", "jr", "--save", str(save)], input=answers
    )


def installed_script() -> str:
    """The console script installed beside the running interpreter."""
    import sys

    script = Path(sys.executable).parent / ("pmpath.exe" if os.name == "nt" else "pmpath")
    assert script.exists(), f"pmpath is not installed beside {sys.executable}"
    return str(script)


@pytest.fixture
def suggestion_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The words difflib is asked to find close matches for while a test
    runs: how the error paths' "did you mean" stays bounded is counted here."""
    import difflib

    calls: list[str] = []
    real = difflib.get_close_matches

    def counting(word: str, possibilities: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
        calls.append(word)
        return real(word, possibilities, n, cutoff)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    return calls
