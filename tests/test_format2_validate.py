"""`validate` on what format 2 adds: every reference, label and kind is
checked, each problem on its own line, and error paths stay linear."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmpath.ladder.checking import MAX_SUGGESTIONS
from pmpath.ladder.loading import load_ladder
from tests.conftest import LADDERS, Run, write_ladder

FORMAT2 = LADDERS / "format2"

BAD = """\
levels:
  - {level: 1, label: L1}
  - {level: 2, label: l1}
  - {level: 2, label: L2}
tracks:
  - {id: ic, title: IC}
areas:
  - {id: craft, name: Craft}
competencies:
  - {id: a, name: A, area: crafts}
  - {id: b, name: B}
scale: [{level: 1, name: One}]
titles:
  - {title: Boss, roles: [nobody]}
roles:
  - id: x
    title: X
    level: L9
    track: [ic, mgmt]
    next: [y, {to: z, kind: sideways}]
    competencies: {a: 1, b: {expectation: words}}
  - id: y
    title: " "
    level: 0
    competencies: {a: {}}
  - id: z
    title: Z
    level: 2
    next: [y]
"""


def validate_lines(run: Run, path: Path) -> tuple[int, list[str]]:
    result = run("validate", str(path))
    return result.exit_code, [line.removeprefix(str(path)) for line in result.stdout.splitlines()]


def test_every_format_2_reference_is_checked_on_its_line(run: Run, tmp_path: Path) -> None:
    code, lines = validate_lines(run, write_ladder(tmp_path, BAD))
    assert code == 1
    assert lines == [
        ":3: label 'l1' is also the label of level 1",
        ":4: level 2 is named twice",
        ":10: competency 'a' is in unknown area 'crafts' (did you mean 'craft'?)",
        ":14: title 'Boss' names unknown role 'nobody'",
        ":18: level 'L9' is not a label in 'levels' (the labels are: L1, l1, L2)",
        ":19: 'x' is on unknown track 'mgmt'",
        ":20: 'kind' must be one of promotion, lateral, apply, exit, not 'sideways'",
        ":21: warning: 'b' of 'x' has no level while 'a' of 'x' has one: cells without a level count "
        "toward neither readiness nor what to grow",
        ":23: 'title' must not be empty",
        ":25: the rating of 'a' needs a 'level', an 'expectation', or both",
        ":29: 'z' (level 2) leads down to 'y' (level 0): a move down must name its kind "
        "(promotion, lateral, apply, exit)",
        ": invalid: 10 error(s), 1 warning(s)",
    ]


@pytest.mark.parametrize("path", sorted(FORMAT2.glob("*.yaml")), ids=lambda p: p.name)
def test_the_format_2_test_ladders_are_valid_without_warnings(run: Run, path: Path) -> None:
    code, lines = validate_lines(run, path)
    assert (code, lines) == (0, [f": valid: {len(load_ladder(path).roles)} roles"])


def test_undeclared_kinds_follow_the_levels() -> None:
    ladder = load_ladder(FORMAT2 / "dual_track.yaml")
    kinds = {(role.id, move.to): (move.kind, move.declared) for role in ladder.roles for move in role.moves}
    assert kinds[("senior-2", "staff")] == ("promotion", False)
    assert kinds[("senior-2", "engineering-manager")] == ("apply", True)
    assert kinds[("engineering-manager", "staff")] == ("lateral", True)
    assert kinds[("director", "founder")] == ("exit", True)


def test_a_move_down_with_a_kind_is_accepted(run: Run, tmp_path: Path) -> None:
    path = write_ladder(
        tmp_path,
        "roles:\n  - {id: a, title: A, level: 2, next: [{to: b, kind: apply}]}\n  - {id: b, title: B, level: 1}\n",
    )
    assert validate_lines(run, path) == (0, [": valid: 2 roles"])


def test_a_promotion_that_does_not_rise_is_warned_about(run: Run, tmp_path: Path) -> None:
    path = write_ladder(
        tmp_path,
        "roles:\n  - {id: a, title: A, level: 2, next: [{to: b, kind: promotion}]}\n  - {id: b, title: B, level: 2}\n",
    )
    assert validate_lines(run, path) == (
        0,
        [
            ":2: warning: 'a' is promoted to 'b', which is not a higher level",
            ": valid: 2 roles, 1 warning(s)",
        ],
    )


def test_levels_may_be_labels_and_labels_are_found_in_any_case(tmp_path: Path) -> None:
    ladder = load_ladder(FORMAT2 / "named_levels.yaml")
    assert [(role.level, role.level_label, role.level_name) for role in ladder.roles[:2]] == [
        (3, "L3", "L3"),
        (4, "L4", "L4"),
    ]


def test_x_keys_are_kept_everywhere_and_never_warned_about(run: Run, tmp_path: Path) -> None:
    path = write_ladder(
        tmp_path,
        "x-owner: {team: people, since: 2024-01-01}\n"
        "tracks: [{id: ic, title: IC, x-code: 7}]\n"
        "competencies: [{id: a, name: A, x-weight: 0.5}]\n"
        "scale: [{level: 1, name: One, x-colour: green}]\n"
        "roles:\n"
        "  - id: r\n    title: R\n    level: 1\n    track: ic\n    x-hr: ENG-1\n"
        "    next: [{to: s, x-note: rare}]\n"
        "    competencies: {a: {level: 1, x-source: survey}, x-batch: 3}\n"
        "  - {id: s, title: S, level: 2}\n",
    )
    assert validate_lines(run, path) == (0, [": valid: 2 roles"])
    ladder = load_ladder(path)
    assert dict(ladder.extensions) == {"x-owner": {"team": "people", "since": "2024-01-01"}}
    assert dict(ladder.tracks[0].extensions) == {"x-code": 7}
    assert dict(ladder.competencies[0].extensions) == {"x-weight": 0.5}
    assert dict(ladder.scale[0].extensions) == {"x-colour": "green"}
    role = ladder.role("r")
    assert dict(role.extensions) == {"x-hr": "ENG-1"}
    assert dict(role.moves[0].extensions) == {"x-note": "rare"}
    assert dict(role.competencies["a"].extensions) == {"x-source": "survey"}
    assert dict(role.competency_extensions) == {"x-batch": 3}
    assert list(role.competencies) == ["a"]
    import jsonschema
    import yaml

    from pmpath.ladder.plain import ladder_data
    from pmpath.ladder.schema import ladder_schema

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, ladder_schema())
    assert ladder_data(ladder)["roles"][0]["competencies"] == {
        "a": {"level": 1, "x-source": "survey"},
        "x-batch": 3,
    }


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!binary aGVsbG8=", "binary data cannot be kept in an 'x-' value; write it as text"),
        (".nan", "'nan' cannot be kept: JSON has no such number"),
        ("{1: one}", "keys under an 'x-' key must be text, not a number"),
    ],
)
def test_x_values_must_be_plain_data(run: Run, tmp_path: Path, value: str, message: str) -> None:
    path = write_ladder(tmp_path, f"x-data: {value}\nroles:\n  - {{id: a, title: A, level: 1}}\n")
    code, lines = validate_lines(run, path)
    assert code == 1
    assert lines[0] == f":1: {message}"


def test_error_paths_stay_linear_with_thousands_of_unknown_references(
    run: Run, tmp_path: Path, suggestion_calls: list[str]
) -> None:
    """Tracks, areas, titles and labels: only the first few unknown names get a suggestion."""
    count = 400
    levels = "".join(f"  - {{level: {i}, label: N{i}}}\n" for i in range(count))
    roles = "".join(
        f"  - {{id: r{i}, title: R{i}, level: M{i}, track: t{i}, next: [{{to: gone{i}, kind: apply}}]}}\n"
        for i in range(count)
    )
    titles = "".join(f"  - {{title: T{i}, roles: [nobody{i}]}}\n" for i in range(count))
    areas = "".join(f"  - {{id: c{i}, name: C{i}, area: a{i}}}\n" for i in range(count))
    text = (
        "tracks: [{id: ic, title: IC}]\nareas: [{id: craft, name: Craft}]\n"
        f"levels:\n{levels}competencies:\n{areas}titles:\n{titles}roles:\n{roles}"
    )
    result = run("validate", str(write_ladder(tmp_path, text)), "--json")
    report = json.loads(result.stdout)
    assert report["errors"] == 5 * count
    assert len(suggestion_calls) == MAX_SUGGESTIONS


def test_one_bad_level_or_kind_is_one_error(run: Run, tmp_path: Path) -> None:
    """A level or kind that cannot be read is not guessed at: moves into and
    out of that role draw no second, false error."""
    path = write_ladder(
        tmp_path,
        "levels: [{level: 1, label: L1}, {level: 2, label: L2}]\n"
        "roles:\n"
        "  - {id: a, title: A, level: L2, next: [b, {to: c, kind: sideways}]}\n"
        "  - {id: b, title: B, level: L3}\n"
        "  - {id: c, title: C, level: 1}\n",
    )
    assert validate_lines(run, path) == (
        1,
        [
            ":3: 'kind' must be one of promotion, lateral, apply, exit, not 'sideways'",
            ":4: level 'L3' is not a label in 'levels' (the labels are: L1, L2)",
            ": invalid: 2 error(s), 0 warning(s)",
        ],
    )


def test_labels_are_found_whatever_their_case_and_a_lateral_move_stays_level(
    run: Run, tmp_path: Path
) -> None:
    path = write_ladder(
        tmp_path,
        "levels: [{level: 1, label: Junior}, {level: 2, label: Senior}]\n"
        "roles:\n"
        "  - {id: a, title: A, level: junior, next: [{to: b, kind: lateral}]}\n"
        "  - {id: b, title: B, level: SENIOR}\n",
    )
    assert validate_lines(run, path) == (
        0,
        [
            ":3: warning: 'a' (level 1) moves across to 'b' (level 2): a lateral move stays at the same level",
            ": valid: 2 roles, 1 warning(s)",
        ],
    )
    assert [role.level_label for role in load_ladder(path).roles] == ["Junior", "Senior"]


def test_bare_dates_are_asked_for_in_quotes(run: Run, tmp_path: Path) -> None:
    """YAML 1.1 reads `2026-01-15` as a date; an editor on YAML 1.2 sees text."""
    path = write_ladder(tmp_path, "version: 2026-01-15\nroles:\n  - {id: a, title: A, level: 1}\n")
    assert validate_lines(run, path) == (
        1,
        [":1: 'version' must be text, not a date (put it in quotes)", ": invalid: 1 error(s), 0 warning(s)"],
    )


NAMES_WITH_LINE_BREAKS = """\
levels:
  - {level: 1, label: "Junior\\nlevel"}
tracks:
  - {id: ic, title: "Individual\\r\\ncontributor"}
roles:
  - {id: a, title: "Alpha\\nb  Beta  2", level: 1, track: ic, next: [b]}
  - {id: b, title: Beta, level: 2, track: ic}
"""


def test_a_name_is_one_line_whatever_its_line_breaks(run: Run, tmp_path: Path) -> None:
    """A line break in a title or label would start what reads as another
    row of a table: each becomes a space, with a warning where it was."""
    path = write_ladder(tmp_path, NAMES_WITH_LINE_BREAKS)
    checked = run("validate", str(path))
    assert checked.exit_code == 0
    assert checked.stdout.splitlines()[:3] == [
        f"{path}:2: warning: level 'label' is a name on one line: its line breaks are read as spaces",
        f"{path}:4: warning: track 'title' is a name on one line: its line breaks are read as spaces",
        f"{path}:6: warning: 'title' is a name on one line: its line breaks are read as spaces",
    ]
    listed = run("--ladder", str(path), "list", "--no-color")
    assert "Individual contributor (ic)" in listed.stdout.splitlines()
    assert any(
        line.split() == ["1", "·", "Junior", "level", "Alpha", "b", "Beta", "2", "a", "b"]
        for line in listed.stdout.splitlines()
    ), listed.stdout
    role = json.loads(run("--ladder", str(path), "show", "a", "--json").stdout)
    assert (role["title"], role["level_label"]) == ("Alpha b  Beta  2", "Junior level")
