"""The bundled ladder ships pre-parsed as JSON (hatch_build.py); that copy must
equal the YAML, must spare ordinary commands PyYAML, and is checked like any
other ladder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from pmpath.errors import LadderError
from pmpath.ladder import bundled, reading
from pmpath.ladder.loading import check_ladder, load_ladder
from tests.conftest import LADDERS, Run
from tests.test_launcher import probe

REPO_YAML = Path(__file__).resolve().parents[1] / "data" / "roles.yaml"


def repo_data() -> object:
    return yaml.safe_load(REPO_YAML.read_text(encoding="utf-8"))


def test_the_build_hook_output_equals_the_yaml() -> None:
    text = bundled.compile_json(REPO_YAML.read_text(encoding="utf-8"))
    assert json.loads(text) == repo_data()


def test_the_installed_json_equals_the_yaml() -> None:
    if not bundled.json_path().is_file():
        pytest.skip("editable install or checkout: no pre-parsed ladder is installed")
    shipped = json.loads(bundled.json_path().read_text(encoding="utf-8"))
    assert shipped == repo_data()
    assert shipped == yaml.safe_load(reading.bundled_ladder_path().read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("roles: [\n", "while parsing"),
        ("roles:\n  - {id: a, title: A, level: 1, next: [ghost]}\n", "names unknown role 'ghost'"),
        ("roles:\n  - {id: a, title: A, level: 1}\nwhen: 2024-01-01\n", "JSON cannot represent"),
        ("roles:\n  - {id: a, title: A, level: 1}\n1: one\n", "JSON cannot represent"),
    ],
)
def test_the_build_fails_on_a_broken_bundled_ladder(text: str, message: str) -> None:
    with pytest.raises((yaml.YAMLError, ValueError), match=message):
        bundled.compile_json(text)


# Points the loader at a freshly built JSON when given one.
USE_BUILT_JSON = (
    "from pathlib import Path\n"
    "from pmpath.ladder import bundled\n"
    "bundled.json_path = lambda: Path({path!r})\n"
)


@pytest.mark.parametrize("where", ["built here", "installed"])
def test_show_on_the_bundled_ladder_does_not_import_yaml(run: Run, tmp_path: Path, where: str) -> None:
    json_file = ""
    if where == "built here":
        json_file = str(tmp_path / "roles.json")
        Path(json_file).write_text(bundled.compile_json(REPO_YAML.read_text(encoding="utf-8")), "utf-8")
    elif not bundled.json_path().is_file():
        pytest.skip("editable install or checkout: no pre-parsed ladder is installed")
    prelude = USE_BUILT_JSON.format(path=json_file) if json_file else ""
    stdout, modules = probe(["show", "senior", "--json"], prelude)
    assert "pmpath.ladder.bundled" in modules
    assert not {m for m in modules if m == "yaml" or m.startswith("yaml.")}
    from_yaml = run("--ladder", str(reading.bundled_ladder_path()), "show", "senior", "--json")
    assert stdout == from_yaml.stdout


def test_a_bundled_json_with_errors_is_never_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    planted = tmp_path / "roles.json"
    planted.write_text('{"roles": [{"id": "a", "title": "A", "level": 1, "next": ["ghost"]}]}')
    monkeypatch.setattr(bundled, "json_path", lambda: planted)
    # The YAML beside it is what gives the errors their lines.
    monkeypatch.setattr(reading, "bundled_ladder_path", lambda: LADDERS / "bad" / "references.yaml")
    ladder, problems = check_ladder()
    assert ladder is None
    assert all(p.line for p in problems)
    with pytest.raises(LadderError, match="names unknown role 'ghost'"):
        load_ladder()


def test_a_bundled_json_with_errors_falls_back_to_a_valid_yaml(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, run: Run
) -> None:
    planted = tmp_path / "roles.json"
    planted.write_text('{"roles": [{"id": "senior", "title": 1, "level": 1}]}')
    monkeypatch.setattr(bundled, "json_path", lambda: planted)
    result = run("show", "senior", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "Senior Product Manager"


def test_an_unreadable_bundled_json_falls_back_to_the_yaml(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, parses: list[str]
) -> None:
    planted = tmp_path / "roles.json"
    planted.write_bytes(b"{not json\xff")
    monkeypatch.setattr(bundled, "json_path", lambda: planted)
    assert load_ladder().role("senior-pm").level == 3
    assert len(parses) == 1


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize("name", ["references.yaml", "wrong_types.yaml"])
def test_a_ladder_with_errors_is_never_returned(name: str, strict: bool) -> None:
    ladder, problems = check_ladder(LADDERS / "bad" / name, strict=strict)
    assert any(not p.warning for p in problems)
    assert ladder is None
