"""list, show, next and compare: human and JSON output, exit codes."""

from __future__ import annotations

import itertools
import json

import pytest

from tests.conftest import SMALL, Run, run_json

CORE = ["apm", "pm", "senior-pm", "director", "vp-product", "cpo"]


# -- list ---------------------------------------------------------------------
def test_list_json_is_exact_for_a_known_ladder(run: Run) -> None:
    assert run_json(run, "--ladder", str(SMALL), "list") == [
        {
            "id": "junior",
            "title": "Junior Maker",
            "level": 1,
            "level_label": "",
            "track": "ic",
            "tracks": ["ic"],
        },
        {"id": "maker", "title": "Maker", "level": 2, "level_label": "", "track": "ic", "tracks": ["ic"]},
        {
            "id": "lead-maker",
            "title": "Lead Maker",
            "level": 3,
            "level_label": "",
            "track": "management",
            "tracks": ["management"],
        },
        {
            "id": "staff-maker",
            "title": "Staff Maker",
            "level": 3,
            "level_label": "",
            "track": "ic",
            "tracks": ["ic"],
        },
    ]


def test_list_json_formatting_is_plain_indented_json_with_newline(run: Run) -> None:
    result = run("--ladder", str(SMALL), "list", "--json")
    assert result.stdout.startswith('[\n  {\n    "id": "junior",')
    assert result.stdout.endswith("]\n")
    assert result.stderr == ""


def test_bundled_list_has_the_core_ladder_in_order(run: Run) -> None:
    ids = [role["id"] for role in run_json(run, "list")]
    assert [i for i in ids if i in CORE] == CORE


def test_list_groups_roles_by_track_with_level_title_id_and_leads_to(run: Run) -> None:
    result = run("--ladder", str(SMALL), "list", env={"COLUMNS": "120"})
    assert result.exit_code == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    header = next(line for line in lines if "Title" in line)
    assert header.split() == ["Level", "Title", "Id", "Leads", "to"]
    assert "ic track" in lines and "management track" in lines
    row = next(line for line in lines if "staff-maker" in line.split()[:4])
    assert row.split() == ["3", "Staff", "Maker", "staff-maker", "—"]
    # The track is a heading above its roles, not a column.
    assert lines.index("ic track") < lines.index(row) < lines.index("management track")

    # Narrower, "Leads to" gives way (next shows it), then the level's name;
    # the title and id never do.
    def header_at(columns: int) -> list[str]:
        out = run("list", env={"COLUMNS": str(columns)}).stdout
        return next((line for line in out.splitlines() if "Title" in line), "").split()

    assert header_at(120) == ["Level", "Title", "Id", "Leads", "to"]
    assert header_at(100) == ["Level", "Title", "Id"]
    assert header_at(80) == ["Level", "Title", "Id"]
    narrow = run("list", env={"COLUMNS": "80"}).stdout
    row = next(line for line in narrow.splitlines() if "senior-technical-pm" in line)
    assert row.split() == ["3", "Senior", "Technical", "Product", "Manager", "senior-technical-pm"]


def test_list_at_40_columns_is_a_list_of_titles_each_with_its_id(run: Run) -> None:
    lines = run("list", env={"COLUMNS": "40"}).stdout.splitlines()
    assert not any("Title" in line.split() for line in lines)  # no table header
    at = lines.index("Senior Data or Platform Product Manager")
    assert lines[at + 1] == "  senior-data-pm · level 3 · Senior"
    assert "Data and platform (data-platform)" in lines


# -- show ---------------------------------------------------------------------
def test_show_json_is_the_full_role_object(run: Run) -> None:
    role = run_json(run, "--ladder", str(SMALL), "show", "maker")
    assert role == {
        "id": "maker",
        "title": "Maker",
        "aliases": [],
        "level": 2,
        "level_label": "",
        "track": "ic",
        "tracks": ["ic"],
        "summary": "Builds.",
        "scope": "",
        "responsibilities": ["Build things"],
        "in_practice": [],
        "ready_when": ["Leads others", "Sets direction"],
        "stand_out": [],
        "brings": [],
        "to_learn": [],
        "next": ["lead-maker", "staff-maker"],
        "previous": ["junior"],
        "competencies": {
            "strategy": {
                "level": 2,
                "expectation": "Shapes the plan.",
                "statements": ["Shapes the plan."],
                "examples": [],
                "not_yet": [],
            },
            "delivery": {"level": 3, "expectation": "", "statements": [], "examples": [], "not_yet": []},
        },
        "moves": [
            {"to": "lead-maker", "kind": "promotion", "ready_when": []},
            {"to": "staff-maker", "kind": "promotion", "ready_when": []},
        ],
    }


def test_show_human_has_every_section(run: Run) -> None:
    result = run("--ladder", str(SMALL), "show", "maker")
    assert result.exit_code == 0
    out = result.stdout
    for expected in (
        "Maker (maker)",
        "Level 2 · ic track",
        "Builds.",
        "Responsibilities",
        "• Build things",
        "Ready for the next step when",
        "• Sets direction",
        "Competencies",
        "2 Solid",
        "Shapes the plan.",
        "Leads to",
        "Lead Maker (lead-maker), Staff Maker (staff-maker)",
        "Comes from",
        "Junior Maker (junior)",
    ):
        assert expected in out, expected


def test_show_senior_on_the_bundled_ladder(run: Run) -> None:
    role = run_json(run, "show", "senior")
    assert role["id"] == "senior-pm"
    assert role["title"] == "Senior Product Manager"
    assert "pm" in role["previous"]
    assert "director" in role["next"]


# -- next ---------------------------------------------------------------------
def test_next_json_shape(run: Run) -> None:
    data = run_json(run, "--ladder", str(SMALL), "next", "jr")
    assert data["role"]["id"] == "junior"
    assert data["ready_when"] == ["Ships alone"]
    assert data["next"] == [
        {
            "id": "maker",
            "title": "Maker",
            "level": 2,
            "level_label": "",
            "track": "ic",
            "tracks": ["ic"],
            "summary": "Builds.",
            "kind": "promotion",
            "move_ready_when": [],
        }
    ]


def test_next_at_the_top_is_empty_and_succeeds(run: Run) -> None:
    data = run_json(run, "next", "founder")
    assert data["next"] == []
    result = run("next", "founder")
    assert result.exit_code == 0
    assert "is the top of this ladder" in result.stdout


def test_next_human_shows_checklist_and_targets(run: Run) -> None:
    result = run("--ladder", str(SMALL), "next", "maker")
    assert result.exit_code == 0
    assert "You are ready to move when" in result.stdout
    assert "☐ Leads others" in result.stdout
    assert "lead-maker" in result.stdout and "staff-maker" in result.stdout


def test_next_on_bundled_ladder_follows_the_core(run: Run) -> None:
    for here, there in itertools.pairwise(CORE):
        targets = [t["id"] for t in run_json(run, "next", here)["next"]]
        assert there in targets, (here, targets)


# -- compare ------------------------------------------------------------------
def test_compare_json_carries_both_roles_and_the_differences(run: Run) -> None:
    data = run_json(run, "--ladder", str(SMALL), "compare", "junior", "maker")
    assert data["a"]["id"] == "junior"
    assert data["b"]["id"] == "maker"
    assert data["level_change"] == 1
    assert data["a_leads_to_b"] is True
    assert data["b_leads_to_a"] is False
    assert data["competencies"] == [
        {
            "id": "strategy",
            "name": "Strategy",
            "area": "",
            "a": {
                "level": 1,
                "expectation": "Follows the plan.",
                "statements": ["Follows the plan."],
                "examples": [],
                "not_yet": [],
            },
            "b": {
                "level": 2,
                "expectation": "Shapes the plan.",
                "statements": ["Shapes the plan."],
                "examples": [],
                "not_yet": [],
            },
            "change": 1,
        },
        {
            "id": "delivery",
            "name": "Delivery",
            "area": "",
            "a": {
                "level": 2,
                "expectation": "Ships small pieces.",
                "statements": ["Ships small pieces."],
                "examples": [],
                "not_yet": [],
            },
            "b": {"level": 3, "expectation": "", "statements": [], "examples": [], "not_yet": []},
            "change": 1,
        },
    ]


def test_compare_unrated_competency_has_no_change(run: Run) -> None:
    data = run_json(run, "--ladder", str(SMALL), "compare", "maker", "staff")
    assert data["competencies"][0]["b"] is None
    assert data["competencies"][0]["change"] is None
    assert data["level_change"] == 1


def test_compare_human_table(run: Run) -> None:
    result = run("--ladder", str(SMALL), "compare", "junior", "maker", env={"COLUMNS": "120"})
    assert result.exit_code == 0
    out = result.stdout
    assert "Junior Maker (junior)" in out and "Maker (maker)" in out
    assert "▲ +1" in out
    assert "Junior Maker leads directly to Maker." in out
    assert "Follows the plan." in out and "Shapes the plan." in out


def test_compare_human_on_bundled_ladder(run: Run) -> None:
    result = run("compare", "apm", "pm")
    assert result.exit_code == 0
    assert "Associate Product Manager leads directly to Product Manager." in result.stdout


# -- errors and exit codes -----------------------------------------------------
def test_unknown_role_is_a_usage_error_with_a_suggestion(run: Run) -> None:
    result = run("show", "senoir")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no role matches 'senoir'" in result.stderr
    assert "Did you mean one of: 'senior', 'senior-ai'?" in result.stderr


def test_unknown_role_with_json_still_prints_nothing_on_stdout(run: Run) -> None:
    result = run("next", "zzzz", "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Run 'pmpath list' to see every role." in result.stderr


def test_ambiguous_prefix_lists_candidates(run: Run) -> None:
    result = run("--ladder", str(SMALL), "show", "ma")
    assert result.exit_code == 2
    assert "'ma' matches more than one role" in result.stderr
    assert "'maker' (Maker)" in result.stderr


def test_missing_argument_is_exit_2(run: Run) -> None:
    assert run("show").exit_code == 2
    assert run("compare", "apm").exit_code == 2


def test_unknown_command_is_exit_2(run: Run) -> None:
    assert run("frobnicate").exit_code == 2


def test_broken_ladder_is_exit_1_with_file_and_line(run: Run, tmp_path: pytest.TempPathFactory) -> None:
    from pathlib import Path

    bad = Path(str(tmp_path)) / "bad.yaml"
    bad.write_text("roles:\n  - id: a\n    title: A\n    level: high\n", encoding="utf-8")
    result = run("--ladder", str(bad), "list", "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{bad}:4: 'level' must be a whole number, not text" in result.stderr


def test_version(run: Run) -> None:
    from pmpath import __version__

    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"pmpath {__version__}\n"


def _registered_commands() -> dict[str, list[str]]:
    """Every command of the app, with its option names."""
    from typer.core import TyperGroup
    from typer.main import get_command

    from pmpath.cli.app import app

    group = get_command(app)
    assert isinstance(group, TyperGroup)
    return {
        name: [o for p in cmd.params for o in p.opts if o.startswith("-")]
        for name, cmd in group.commands.items()
    }


COMMANDS = _registered_commands()


def test_the_help_test_sees_every_command() -> None:
    from pmpath.cli.app import app

    assert len(COMMANDS) == len(app.registered_commands) >= 13


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(run: Run, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    examples = result.stdout.split("Examples:", 1)[1]
    assert f"pmpath {command}" in examples
    for option in COMMANDS[command]:
        assert option in result.stdout


def test_top_level_help_documents_exit_codes(run: Run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "Exit codes" in result.stdout


def test_ladder_from_environment_variable(run: Run) -> None:
    result = run("list", "--json", env={"PMPATH_LADDER": str(SMALL)})
    assert next(r["id"] for r in json.loads(result.stdout)) == "junior"


def test_ctrl_c_exits_130_quietly(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(path: object = None) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("pmpath.cli.commands.load_ladder", interrupted)
    result = run("list")
    assert result.exit_code == 130
    assert "Traceback" not in result.output
