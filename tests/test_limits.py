"""Limits that hold for every command: names match their rules in full,
numbers and nesting are bounded, special files are refused at once, and
names compare the same however their characters were typed."""

from __future__ import annotations

import json
import os
import socket
import subprocess
from pathlib import Path

import jsonschema
import pytest

from pmpath.cli.completion import role_candidates
from pmpath.cli.interactive import parse_level
from pmpath.errors import UsageProblem
from pmpath.ladder.loading import load_ladder
from pmpath.ladder.schema import ladder_schema
from pmpath.queries.names import resolve_role
from tests.conftest import LADDERS, Run, installed_script, write_ladder

BAD = LADDERS / "bad"
EVERY_COMMAND = [
    ("list",),
    ("list", "--json"),
    ("show", "a"),
    ("next", "a", "--json"),
    ("export", "--format", "mermaid"),
    ("export", "--format", "json"),
]
ALIAS_RULE = "must be letters and digits, joined by single '-', '_' or '.'"


def validate(run: Run, path: Path) -> tuple[int, list[str]]:
    result = run("validate", str(path))
    assert "Traceback" not in result.output
    return result.exit_code, [line.removeprefix(str(path)) for line in result.stdout.splitlines()]


# -- ids and aliases --------------------------------------------------------------
def test_ids_and_aliases_are_checked_in_full(run: Run) -> None:
    code, lines = validate(run, BAD / "aliases.yaml")
    assert code == 1
    assert lines == [
        f":8: alias 'pmx; touch FILE #' {ALIAS_RULE}",
        f":9: alias 'two\\nlines' {ALIAS_RULE}",
        f":10: alias 'p*' {ALIAS_RULE}",
        f":11: alias 'a b' {ALIAS_RULE}",
        f":12: alias 'a--b' {ALIAS_RULE}",
        ":13: an alias must not be empty",
        ":14: alias 'pm\\u200bx' contains the invisible character U+200B",
        f":15: alias 'trailing\\n' {ALIAS_RULE}",
        ":16: 'id' must be kebab-case (lowercase letters, digits, single hyphens), not 'pm\\n'",
        ":19: 'id' contains the invisible character U+200B",
        ": invalid: 10 error(s), 0 warning(s)",
    ]


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=" ".join)
def test_every_command_refuses_bad_names(run: Run, command: tuple[str, ...]) -> None:
    result = run("--ladder", str(BAD / "aliases.yaml"), *command)
    assert result.exit_code == 1
    assert f":8: alias 'pmx; touch FILE #' {ALIAS_RULE}" in result.stderr
    assert "not 'pm\\n'" in result.stderr


@pytest.mark.parametrize("alias", ["pm2", "café", "пм-старший", "ψ_pm", "v1.2", "L5"])
def test_aliases_in_any_script_are_accepted(run: Run, tmp_path: Path, alias: str) -> None:
    path = write_ladder(tmp_path, f"roles:\n  - {{id: a, title: A, level: 1, aliases: ['{alias}']}}\n")
    assert validate(run, path) == (0, [": valid: 1 roles"])
    jsonschema.validate(
        {"roles": [{"id": "a", "title": "A", "level": 1, "aliases": [alias]}]}, ladder_schema()
    )


@pytest.mark.parametrize("alias", ["pm\n", "a b", "p*", "x;y", "a--b", "-a", "a_", "$(x)"])
def test_the_schema_refuses_what_validate_refuses(alias: str) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {"roles": [{"id": "a", "title": "A", "level": 1, "aliases": [alias]}]}, ladder_schema()
        )


def test_the_schema_refuses_an_id_with_a_final_newline() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"roles": [{"id": "pm\n", "title": "A", "level": 1}]}, ladder_schema())


# -- numbers ---------------------------------------------------------------------
def test_numbers_are_bounded(run: Run) -> None:
    code, lines = validate(run, BAD / "numbers.yaml")
    assert code == 1
    assert lines == [
        ":3: scale 'level' must be from 0 to 100, not 101",
        ":9: 'level' must be from 0 to 999, not 1000",
        ":10: 'craft' level must be from 0 to 100, not 101",
        ":13: 'level' must be from 0 to 999, not -1",
        ":14: 'craft' level must be a whole number, not true/false",
        ":17: 'level' must be a whole number, not a decimal number",
        ": invalid: 6 error(s), 0 warning(s)",
    ]


def test_the_schema_states_the_bounds() -> None:
    schema = ladder_schema()
    level = schema["properties"]["roles"]["items"]["properties"]["level"]["oneOf"][0]
    assert (level["minimum"], level["maximum"]) == (0, 999)
    scale_level = schema["properties"]["scale"]["items"]["properties"]["level"]
    assert (scale_level["minimum"], scale_level["maximum"]) == (0, 100)


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("1" * 5000, ":2: number with 5000 characters is too long; numbers in a ladder are small"),
        ("0x" + "f" * 5000, ":2: number with 5002 characters is too long; numbers in a ladder are small"),
        ("1" * 41, ":2: number with 41 characters is too long; numbers in a ladder are small"),
        ("0x" + "f" * 38, ":2: 'level' must be from 0 to 999, not 570899077082..."),
        ("2024-13-45", ":2: '2024-13-45' cannot be read as a date"),
        # Explicit tags reach PyYAML's parsing code with values it chokes on.
        ("!!bool maybe", ":2: 'maybe' cannot be read as true or false"),
        ('!!int ""', ":2: '' cannot be read as a whole number"),
        ("!!int -", ":2: '-' cannot be read as a whole number"),
        ("!!int abc", ":2: 'abc' cannot be read as a whole number"),
        ('!!float ""', ":2: '' cannot be read as a number"),
        ("!!timestamp x", ":2: 'x' cannot be read as a date"),
    ],
)
@pytest.mark.parametrize("command", [("validate",), *EVERY_COMMAND], ids=" ".join)
def test_huge_numbers_never_crash(
    run: Run, tmp_path: Path, number: str, message: str, command: tuple[str, ...]
) -> None:
    path = write_ladder(tmp_path, f"roles:\n  - {{id: a, title: A, level: {number}}}\n")
    result = run("--ladder", str(path), *command)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{path}{message}\n" in (result.stdout if command == ("validate",) else result.stderr)


# -- --me files ------------------------------------------------------------------
NO_SCALE = """\
competencies:
  - {id: craft, name: Craft}
roles:
  - {id: pm, title: PM, level: 1, competencies: {craft: 2}, next: [senior]}
  - {id: senior, title: Senior, level: 2, competencies: {craft: 3}}
"""


@pytest.mark.parametrize(
    ("me", "message"),
    [
        (
            "competencies: {craft: " + "9" * 30 + "}\n",
            ":1: 'craft' must be from 0 to 100, not 999999999999...",
        ),
        ("competencies: {craft: -60}\n", ":1: 'craft' must be from 0 to 100, not -60"),
        ("competencies: {craft: " + "9" * 400 + "}\n", ":1: number with 400 characters is too long"),
        ("competencies:\n  craft: [1]\n", ":2: 'craft' must be a whole number, not a list"),
        ("competencies:\n  craft: true\n", ":2: 'craft' must be a whole number, not true/false"),
        ("competencies:\n  craft: 2.5\n", ":2: 'craft' must be a whole number, not a decimal number"),
        (
            "- craft\n- 2\n",
            ":1: a self-assessment must be a mapping with 'assessments:' or 'competencies:', not a list",
        ),
    ],
)
@pytest.mark.parametrize("scaled", [False, True], ids=["no scale", "bundled"])
def test_bad_me_files_get_one_clear_error(
    run: Run, tmp_path: Path, me: str, message: str, scaled: bool
) -> None:
    ladder = [] if scaled else ["--ladder", str(write_ladder(tmp_path, NO_SCALE))]
    goal = "senior-pm" if scaled else "senior"
    if scaled:  # the bundled scale runs from 1 to 5: a rating is checked against it
        me = me.replace("craft", "execution")
        message = message.replace("craft", "execution").replace("from 0 to 100", "from 1 to 5")
    path = write_ladder(tmp_path, me, "me.yaml")
    result = run(*ladder, "gap", "--me", str(path), goal)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"pmpath: error: {path}{message}")
    assert len(result.stderr.splitlines()) == 1


def test_a_directory_as_me_file(run: Run, tmp_path: Path) -> None:
    result = run("gap", "--me", str(tmp_path), "senior")
    assert result.exit_code == 1
    assert result.stderr == f"pmpath: error: {tmp_path}: is a directory, not a file\n"


# -- nesting -----------------------------------------------------------------------
def nested(style: str, depth: int) -> str:
    head = "roles:\n  - {id: a, title: A, level: 1}\n"
    if style == "flow":
        return head + "x-notes: " + "[" * depth + "]" * depth + "\n"
    if style == "flow mapping":
        return head + "x-notes: " + "{k: " * depth + "v" + "}" * depth + "\n"
    if style == "compact":
        return head + "x-notes:\n" + "- " * depth + "x\n"
    if style == "indented":
        return head + "x-notes:\n" + "".join(" " * i + "-\n" for i in range(depth))
    if style == "aliases":  # ten levels per alias: far deeper than the text
        chain = "".join(f"  l{i}: &l{i} {'[' * 10}*l{i - 1}{']' * 10}\n" for i in range(1, depth // 10))
        return head + "x-notes:\n  l0: &l0 []\n" + chain
    raise AssertionError(style)


NESTINGS = [
    ("flow", 10_000),
    ("flow", 100_000),
    ("flow", 990),  # under libyaml's own limit
    ("flow mapping", 10_000),
    ("compact", 10_000),
    ("indented", 500),
    ("aliases", 200),
]


@pytest.mark.parametrize(("style", "depth"), NESTINGS)
@pytest.mark.parametrize("command", [("validate",), ("validate", "--json"), *EVERY_COMMAND], ids=" ".join)
def test_deep_nesting_is_a_clean_error(
    run: Run, tmp_path: Path, style: str, depth: int, command: tuple[str, ...]
) -> None:
    path = write_ladder(tmp_path, nested(style, depth))
    result = run("--ladder", str(path), *command)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    if command == ("validate", "--json"):
        [problem] = json.loads(result.stdout)["problems"]
        assert "YAML is nested too deeply (over 100 levels)" in problem["message"]
    else:
        assert ": YAML is nested too deeply (over 100 levels)" in result.output


@pytest.mark.parametrize("style", ["flow", "flow mapping", "compact", "indented"])
def test_nesting_up_to_the_bound_is_fine(run: Run, tmp_path: Path, style: str) -> None:
    # x-notes' value is level 2; the document mapping level 1.
    path = write_ladder(tmp_path, nested(style, 99))
    result = run("--ladder", str(path), "list", "--json")
    assert result.exit_code == 0, result.stderr
    path = write_ladder(tmp_path, nested(style, 100))
    assert "nested too deeply" in run("--ladder", str(path), "list").stderr


def test_the_deepest_nesting_is_refused_in_a_real_process(tmp_path: Path) -> None:
    (tmp_path / "deep.yaml").write_text(nested("flow", 1_000_000))
    for args in (["--ladder", "deep.yaml", "list"], ["validate", "deep.yaml"]):
        result = subprocess.run(
            [installed_script(), *args], cwd=tmp_path, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 1
        assert "nested too deeply" in result.stdout + result.stderr
        assert "Traceback" not in result.stderr


# -- assess answers -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("answer", "scale", "level"),
    [
        ("3", [], 3),
        (" 3 ", [], 3),
        ("0", [], 0),
        ("100", [], 100),
        ("2", [1, 2, 3], 2),
        ("²", [], None),
        ("٣", [], None),  # an Arabic-Indic three: a digit, but not a plain one
        ("--1", [], None),
        ("-1", [], None),
        ("+1", [], None),
        ("1_0", [], None),
        ("101", [], None),
        ("1" * 5000, [], None),
        ("", [], None),
        ("4", [1, 2, 3], None),
    ],
)
def test_assess_accepts_only_plain_numbers_in_bounds(
    answer: str, scale: list[int], level: int | None
) -> None:
    assert parse_level(answer, scale) == level


# -- files that are not files ---------------------------------------------------------
def run_script(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([installed_script(), *args], cwd=cwd, capture_output=True, text=True, timeout=20)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize(
    "args",
    [
        ("--ladder", "pipe", "list"),
        ("validate", "pipe"),
        ("gap", "--me", "pipe", "senior"),
    ],
    ids=" ".join,
)
def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path, args: tuple[str, ...]) -> None:
    os.mkfifo(tmp_path / "pipe")
    result = run_script(*args, cwd=tmp_path)  # a blocking open would hit the timeout
    assert result.returncode == 1
    assert "pipe: is a named pipe, not a regular file\n" in (result.stdout + result.stderr)


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets here")
def test_a_socket_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a short relative path: socket paths are limited in length
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("sock")
        result = run_script("--ladder", "sock", "list", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "pmpath: error: sock: is a socket, not a regular file\n"


def test_a_device_is_refused(run: Run) -> None:
    result = run("--ladder", "/dev/null", "list")
    assert result.exit_code == 1
    assert result.stderr == "pmpath: error: /dev/null: is a character device, not a regular file\n"


# -- Unicode in names -----------------------------------------------------------------
def test_invisible_and_lookalike_characters_are_warned_about(run: Run) -> None:
    code, lines = validate(run, BAD / "lookalikes.yaml")
    assert code == 0
    assert lines == [
        ":9: warning: 'title' contains the invisible character U+202E",
        ":11: warning: name '\u0455enior' of 'other' looks like 'senior' of 'senior-pm' "
        "but is spelt differently (U+0455 for 's')",
        ": valid: 2 roles, 2 warning(s)",
    ]


@pytest.mark.parametrize(
    "character", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202a", "\u2067", "\u200f", "\u061c"]
)
def test_invisible_characters_are_refused_in_aliases(run: Run, tmp_path: Path, character: str) -> None:
    path = write_ladder(tmp_path, f'roles:\n  - {{id: a, title: A, level: 1, aliases: ["p{character}m"]}}\n')
    code, lines = validate(run, path)
    assert code == 1
    assert (
        lines[0]
        == f":2: alias 'p{ascii(character)[1:-1]}m' contains the invisible character U+{ord(character):04X}"
    )


COMPOSED = "caf\u00e9"  # é as one character
DECOMPOSED = "cafe\u0301"  # e, then a combining acute accent


@pytest.mark.parametrize(("written", "typed"), [(COMPOSED, DECOMPOSED), (DECOMPOSED, COMPOSED)])
def test_names_match_however_accents_are_typed(tmp_path: Path, written: str, typed: str) -> None:
    path = write_ladder(
        tmp_path,
        f"roles:\n  - {{id: a, title: A, level: 1, aliases: [{written}-pm]}}\n"
        "  - {id: b, title: B, level: 2}\n",
    )
    ladder = load_ladder(path)
    assert resolve_role(ladder, f"{typed}-pm").id == "a"
    assert resolve_role(ladder, f"{typed}-PM".upper()).id == "a"
    assert resolve_role(ladder, typed).id == "a"  # a prefix
    assert role_candidates(path, typed) == [(f"{COMPOSED}-pm", "A")]  # offered as the loader checked it


def test_names_that_collide_once_composed_are_refused(run: Run, tmp_path: Path) -> None:
    path = write_ladder(
        tmp_path,
        f"roles:\n  - {{id: a, title: A, level: 1, aliases: [{COMPOSED}]}}\n"
        f"  - {{id: b, title: B, level: 2, aliases: [{DECOMPOSED}]}}\n",
    )
    code, lines = validate(run, path)
    assert code == 1
    assert lines[0] == f":3: name '{DECOMPOSED}' of 'b' is already used by 'a'"


def test_an_unknown_name_is_still_a_usage_error(tmp_path: Path) -> None:
    ladder = load_ladder(write_ladder(tmp_path, "roles:\n  - {id: a, title: A, level: 1}\n"))
    with pytest.raises(UsageProblem):
        resolve_role(ladder, "\u0430")  # Cyrillic a


@pytest.mark.parametrize("character", ["\x00", "\x07", "\ufffe"])
def test_a_character_yaml_refuses_is_reported_on_its_line(run: Run, tmp_path: Path, character: str) -> None:
    path = write_ladder(tmp_path, f"roles:\n  - id: a\n    title: A{character}\n    level: 1\n")
    result = run("validate", str(path))
    assert result.exit_code == 1
    code = f"U+{ord(character):04X}"
    assert result.stdout.splitlines()[0] == f"{path}:3: the file contains {code}, which YAML does not allow"


def test_a_me_file_with_a_bad_explicit_tag_is_one_clear_error(run: Run, tmp_path: Path) -> None:
    me = write_ladder(tmp_path, "role: pm\ncompetencies:\n  product-strategy: !!int x\n", "me.yaml")
    result = run("gap", "--me", str(me), "senior")
    assert result.exit_code == 1
    assert result.stderr == f"pmpath: error: {me}:3: 'x' cannot be read as a whole number\n"


def test_error_paths_stay_linear_with_thousands_of_unknown_names(
    run: Run, tmp_path: Path, suggestion_calls: list[str]
) -> None:
    """Each suggestion compares a word with every name; only the first few get one."""
    from pmpath.ladder.checking import MAX_SUGGESTIONS

    calls = suggestion_calls
    roles = "".join(f"  - {{id: r{i}, title: R{i}, level: 1, next: [nope{i}]}}\n" for i in range(500))
    path = write_ladder(tmp_path, "roles:\n" + roles)
    result = run("validate", str(path), "--json")
    assert json.loads(result.stdout)["errors"] == 500
    assert len(calls) == MAX_SUGGESTIONS
    assert "(did you mean 'r0'?)" not in result.stdout  # nope0 is not close to anything
    me = write_ladder(tmp_path, "competencies:\n" + "".join(f"  x{i}: 1\n" for i in range(300)), "me.yaml")
    calls.clear()
    assert run("gap", "--me", str(me), "senior").exit_code == 1
    assert len(calls) == MAX_SUGGESTIONS


def test_me_keys_written_as_other_types_are_found_on_their_lines(run: Run, tmp_path: Path) -> None:
    me = write_ladder(tmp_path, "competencies:\n  null: 1\n  true: 2\n  0x2: 1\n", "me.yaml")
    result = run("gap", "--me", str(me), "senior")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"pmpath: error: {me}:2: unknown competency 'None'",
        f"pmpath: error: {me}:3: unknown competency 'True'",
        f"pmpath: error: {me}:4: unknown competency '2'",
    ]
