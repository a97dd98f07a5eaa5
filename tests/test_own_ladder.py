"""validate, schema, init, and a company's own ladder with every command."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from pmpath.ladder.reading import bundled_ladder_path
from tests.conftest import LADDERS, Run, installed_script, run_json

BAD = LADDERS / "bad"
COMPANY = str(LADDERS / "company.yaml")


# -- validate -----------------------------------------------------------------
def test_validate_bundled_ladder(run: Run) -> None:
    result = run("validate")
    assert result.exit_code == 0
    assert result.stdout == f"{bundled_ladder_path()}: valid: 30 roles\n"


def test_validate_reports_every_problem_sorted_by_line(run: Run) -> None:
    path = BAD / "references.yaml"
    result = run("validate", str(path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 10
    assert lines[-1] == f"{path}: invalid: 8 error(s), 1 warning(s)"
    numbers = [int(line.split(":")[1]) for line in lines[:-1]]
    assert numbers == sorted(numbers)
    assert (
        f"{path}:26: warning: unknown key 'titel' in a role (did you mean 'title'?); it is ignored" in lines
    )


def test_validate_warnings_alone_pass(run: Run) -> None:
    path = BAD / "warnings.yaml"
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{path}:5: warning: unknown key 'summry' in a role (did you mean 'summary'?); it is ignored",
        f"{path}:6: warning: 'next' of 'a' names 'b' more than once",
        f"{path}:8: warning: title 'Same' is also the title of 'a'; the command line will call the title ambiguous",
        f"{path}:10: warning: key 'level' appears twice in this mapping; the last one wins",
        f"{path}: valid: 2 roles, 4 warning(s)",
    ]


def test_validate_json(run: Run) -> None:
    path = BAD / "wrong_types.yaml"
    result = run("validate", str(path), "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["file"] == str(path)
    assert report["valid"] is False
    assert report["roles"] is None
    assert report["errors"] == 4
    assert report["problems"][0] == {
        "line": 4,
        "severity": "error",
        "message": "'level' must be a whole number, not text",
    }


def test_validate_uses_the_ladder_in_use(run: Run) -> None:
    result = run("--ladder", COMPANY, "validate")
    assert result.stdout == f"{COMPANY}: valid: 7 roles\n"
    result = run("validate", env={"PMPATH_LADDER": str(BAD / "empty.yaml")})
    assert result.exit_code == 1


def test_validate_missing_file(run: Run, tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "none.yaml"))
    assert result.exit_code == 1
    assert f"{tmp_path / 'none.yaml'}: no such file" in result.stdout


# -- schema -------------------------------------------------------------------
@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    from typer.testing import CliRunner

    from pmpath.cli.app import app

    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_schema_is_a_valid_draft_2020_12_schema(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize(
    "path",
    [bundled_ladder_path(), LADDERS / "company.yaml", LADDERS / "small.yaml", LADDERS / "minimal.yaml"],
)
def test_valid_ladders_match_the_schema(schema: dict[str, Any], path: Path) -> None:
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


@pytest.mark.parametrize("fixture", ["wrong_types.yaml", "list.yaml", "references.yaml"])
def test_invalid_ladders_fail_the_schema(schema: dict[str, Any], fixture: str) -> None:
    data = yaml.safe_load((BAD / fixture).read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


# -- init -----------------------------------------------------------------------
def test_init_writes_a_starter_that_validates(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "ours.yaml"
    result = run("init", str(path))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert f"Wrote {path}" in result.stderr
    assert path.read_text().startswith(
        "# yaml-language-server: $schema=./ladder.schema.json\n# A starter ladder for pmpath:"
    )
    check = run("validate", str(path))
    assert check.exit_code == 0
    assert check.stdout == f"{path}: valid: 6 roles\n"  # and no warning
    moves = run_json(run, "--ladder", str(path), "show", "senior")["moves"]
    assert [(move["to"], move["kind"]) for move in moves] == [
        ("principal-pm", "promotion"),
        ("group-pm", "apply"),
    ]


def test_the_starter_shows_every_part_of_the_format(run: Run) -> None:
    text = run("init", "-").stdout
    data = yaml.safe_load(text)
    assert {"title", "description", "version", "source", "license"} <= set(data)
    for section in ("levels", "tracks", "areas", "competencies", "scale", "titles"):
        assert data[section], section
    assert all("area" in competency for competency in data["competencies"])
    roles = {role["id"]: role for role in data["roles"]}
    assert any(isinstance(role.get("track"), list) and len(role["track"]) > 1 for role in roles.values())
    assert any(isinstance(role["level"], str) for role in roles.values())  # a level given by its label
    moves = [move for role in roles.values() for move in role.get("next", []) if isinstance(move, dict)]
    assert any(move.get("kind") == "apply" and move.get("ready_when") for move in moves)
    assert any(move.get("kind") == "lateral" for move in moves)
    ratings = [rating for role in roles.values() for rating in role.get("competencies", {}).values()]
    full = [rating for rating in ratings if isinstance(rating, dict)]
    assert any(
        isinstance(r.get("expectation"), list) and r.get("examples") and r.get("not_yet") for r in full
    )
    assert any(key.startswith("x-") for key in data)
    assert any(key.startswith("x-") for role in roles.values() for key in role)


def test_init_refuses_to_overwrite_without_force(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "ours.yaml"
    path.write_text("mine\n")
    result = run("init", str(path))
    assert result.exit_code == 1
    assert result.stderr == f"pmpath: error: {path} already exists; use --force to overwrite it\n"
    assert path.read_text() == "mine\n"
    assert run("init", str(path), "--force").exit_code == 0
    assert path.read_text() != "mine\n"


def test_init_to_stdout(run: Run) -> None:
    result = run("init", "-")
    assert result.exit_code == 0
    assert "roles:" in result.stdout


def test_init_into_a_directory_is_refused(run: Run, tmp_path: Path) -> None:
    result = run("init", str(tmp_path))
    assert result.exit_code == 1
    assert "is a directory" in result.stderr


def test_init_default_name(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init").exit_code == 0
    assert (tmp_path / "ladder.yaml").is_file()


# -- a company's own ladder, every command -----------------------------------------
def test_company_ladder_list(run: Run) -> None:
    assert [r["id"] for r in run_json(run, "--ladder", COMPANY, "list")] == [
        "pm-1",
        "pm-2",
        "senior-pm",
        "staff-pm",
        "principal-pm",
        "manager-pm",
        "director",
    ]


def test_company_ladder_forks_after_senior(run: Run) -> None:
    data = run_json(run, "--ladder", COMPANY, "next", "senior")
    assert [(r["id"], r["track"]) for r in data["next"]] == [("staff-pm", "ic"), ("manager-pm", "management")]


def test_company_ladder_show_and_compare(run: Run) -> None:
    role = run_json(run, "--ladder", COMPANY, "show", "staff")
    assert role["previous"] == ["senior-pm", "manager-pm"]
    data = run_json(run, "--ladder", COMPANY, "compare", "staff", "manager")
    assert {c["id"]: c["change"] for c in data["competencies"]} == {"vision": 0, "craft": -1, "people": 1}
    for command in (("list",), ("show", "gpm"), ("next", "pm1"), ("compare", "pm1", "director")):
        assert run("--ladder", COMPANY, *command).exit_code == 0


def test_readme_ladder_examples_are_valid(tmp_path: Path) -> None:
    import re

    from pmpath.ladder.loading import check_ladder

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "roles:" in b]
    assert len(blocks) >= 2
    for number, block in enumerate(blocks):
        path = tmp_path / f"example{number}.yaml"
        path.write_text(block, encoding="utf-8")
        ladder, problems = check_ladder(path, strict=True)
        assert ladder is not None and problems == [], (block, problems)


def test_files_are_written_only_as_regular_files_and_never_through_links(run: Run, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.yaml"
    dangling = tmp_path / "ladder.yaml"
    dangling.symlink_to(elsewhere)
    result = run("init", str(dangling))
    assert result.exit_code == 1
    assert result.stderr == f"pmpath: error: {dangling} already exists; use --force to overwrite it\n"
    assert not elsewhere.exists()
    forced = run("init", str(dangling), "--force")
    assert forced.exit_code == 1
    assert "it is a symbolic link" in forced.stderr and not elsewhere.exists()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    # No reader: the real program must refuse at once, not wait for one.
    exported = subprocess.run(
        [installed_script(), "export", "-f", "markdown", "-o", str(fifo), "--force"],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert exported.returncode == 1
    assert exported.stderr == f"pmpath: error: cannot write {fifo}: it is not a regular file\n"


def test_export_to_dash_is_stdout(run: Run, tmp_path: Path) -> None:
    result = run("export", "-f", "mermaid", "-o", "-")
    assert result.stdout.startswith("flowchart BT\n")
    assert not (Path.cwd() / "-").exists()
