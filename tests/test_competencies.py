"""show and compare with and without competencies."""

from __future__ import annotations

from typing import Any

from tests.conftest import LADDERS, Run, bundled_role, run_json

MINIMAL = str(LADDERS / "minimal.yaml")


def _cell(role_id: str, competency: str) -> dict[str, Any]:
    """A cell as data/roles.yaml writes it."""
    cell: dict[str, Any] = bundled_role(role_id)["competencies"][competency]
    return cell


def test_show_json_carries_competencies_keyed_by_id(run: Run) -> None:
    role = run_json(run, "show", "principal")
    assert role["competencies"]["leadership"]["level"] == 4
    written = _cell("principal-pm", "communication")
    assert role["competencies"]["communication"] == {
        "level": 5,
        "expectation": "\n".join(written["expectation"]),
        "statements": written["expectation"],
        "examples": written.get("examples", []),
        "not_yet": written["not_yet"],
    }


def test_show_human_lists_competencies_with_scale_names(run: Run) -> None:
    result = run("show", "principal", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Competencies" in result.stdout
    assert "Communication and influence" in result.stdout
    assert "5 Expert" in result.stdout
    assert _cell("principal-pm", "leadership")["expectation"][0] in result.stdout


def test_compare_json_goes_competency_by_competency(run: Run) -> None:
    data = run_json(run, "compare", "director", "principal-pm")
    by_id = {c["id"]: c for c in data["competencies"]}
    assert by_id["leadership"]["a"]["level"] == 5
    assert by_id["leadership"]["b"]["level"] == 4
    assert by_id["leadership"]["change"] == -1
    assert by_id["communication"]["change"] == 1
    assert data["to_grow"] == ["customer-insight", "technical-fluency", "communication"]


def test_compare_human_says_what_to_work_on(run: Run) -> None:
    result = run("compare", "pm", "senior", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "▲ +1" in result.stdout
    assert "To grow from Product Manager to Senior Product Manager, work on:" in result.stdout
    assert "Product strategy (2 → 3)" in result.stdout


def test_compare_downwards_shows_falls(run: Run) -> None:
    result = run("compare", "director", "principal", env={"COLUMNS": "200"})
    assert "▼ -1" in result.stdout


def test_ladder_without_competencies_show_and_compare(run: Run) -> None:
    role = run_json(run, "--ladder", MINIMAL, "show", "senior")
    assert role["competencies"] == {}
    assert role["previous"] == ["engineer"]
    data = run_json(run, "--ladder", MINIMAL, "compare", "engineer", "senior-engineer")
    assert data["competencies"] == []
    assert data["to_grow"] == []
    for args in (("show", "engineer"), ("compare", "engineer", "senior-engineer")):
        result = run("--ladder", MINIMAL, *args)
        assert result.exit_code == 0
        assert "Competencies" not in result.stdout


def test_entry_role_shows_what_it_brings_and_must_learn(run: Run) -> None:
    result = run("show", "engineer", env={"COLUMNS": "150"})
    assert "What this background brings" in result.stdout
    assert "What it must learn" in result.stdout
    assert run_json(run, "next", "engineer")["next"][0]["id"] == "apm"
