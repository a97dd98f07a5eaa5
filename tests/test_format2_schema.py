"""`pmpath schema` and `pmpath validate` give the same verdict on every part of
the format, except for the differences the README lists, each of which has a
test of its own here showing it is exactly as documented."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from pmpath.ladder import fileformat
from pmpath.ladder.fileformat import FieldSpec
from pmpath.ladder.reading import bundled_ladder_path, starter_ladder_text
from pmpath.ladder.schema import ladder_schema
from tests.conftest import LADDERS, Run, write_ladder

SCHEMA = ladder_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
README = Path(__file__).resolve().parent.parent / "README.md"

ONE = "roles:\n  - {id: a, title: A, level: 1}\n"
TWO = ONE + "  - {id: b, title: B, level: 2}\n"
RATED = "scale: [{level: 1, name: One}, {level: 2, name: Two}]\ncompetencies: [{id: craft, name: Craft}]\n"


def rated(rating: str) -> str:
    """A ladder whose one role rates `craft` as written."""
    return RATED + f"roles:\n  - {{id: a, title: A, level: 1, competencies: {{craft: {rating}}}}}\n"


def role(extra: str) -> str:
    """A ladder of two roles, the first with `extra` keys."""
    return f"roles:\n  - {{id: a, title: A, level: 1, {extra}}}\n  - {{id: b, title: B, level: 2}}\n"


def schema_accepts(text: str) -> bool:
    """The schema's verdict on the data pmpath reads (YAML 1.1, as PyYAML)."""
    return bool(VALIDATOR.is_valid(yaml.safe_load(text)))


def validate(run: Run, tmp_path: Path, text: str) -> tuple[int, list[str]]:
    """validate's exit code, and its lines without the file name."""
    path = write_ladder(tmp_path, text)
    result = run("validate", str(path))
    return result.exit_code, [line.removeprefix(str(path)) for line in result.stdout.splitlines()]


VALID = {
    "one role": ONE,
    "metadata": 'title: T\ndescription: D\nversion: "2026.1"\nsource: https://example.org\nlicense: CC-BY-4.0\n'
    + ONE,
    "named levels": "levels: [{level: 1, label: L1, description: First}, {level: 2, label: L2}]\n"
    "roles:\n  - {id: a, title: A, level: L1, next: [b]}\n  - {id: b, title: B, level: 2}\n",
    "tracks": "tracks: [{id: ic, title: IC}, {id: mgmt, title: Managers, description: People}]\n"
    "roles:\n  - {id: a, title: A, level: 1, track: [ic, mgmt]}\n  - {id: b, title: B, level: 2, track: mgmt}\n",
    "free tracks": role("track: anything at all"),
    "an empty track list": role("track: []"),
    "areas": "areas: [{id: core, name: Core, description: C}]\n"
    "competencies: [{id: craft, name: Craft, area: core}, {id: other, name: Other}]\n" + ONE,
    "a level alone": rated("2"),
    "a level written 2.0": rated("2.0"),
    "a level and words": rated("{level: 2, expectation: Ships.}"),
    "statements": rated("{level: 1, expectation: [Ships., Tests.]}"),
    "words only": rated("{expectation: [Ships., Tests.]}"),
    "one empty statement": rated("{expectation: ''}"),
    "examples and not yet": rated("{level: 1, expectation: x, examples: [e], not_yet: [n]}"),
    "empty examples": rated("{level: 1, examples: }"),
    "a level and no statements": rated("{level: 1, expectation: []}"),
    "moves of every kind": "roles:\n"
    "  - {id: a, title: A, level: 2, next: [b, {to: c, kind: apply, ready_when: [x]}, {to: d, kind: lateral}]}\n"
    "  - {id: b, title: B, level: 3}\n  - {id: c, title: C, level: 3, next: [{to: e, kind: exit}]}\n"
    "  - {id: d, title: D, level: 2}\n  - {id: e, title: E, level: 1}\n",
    "a move down that names its kind": "roles:\n  - {id: a, title: A, level: 2, next: [{to: b, kind: exit}]}\n"
    "  - {id: b, title: B, level: 1}\n",
    "a move with no kind": role("next: [{to: b, ready_when: [Ready.]}]"),
    "an empty move signal list": role("next: [{to: b, ready_when: }]"),
    "titles": "titles: [{title: Lead, roles: [a, b], note: Either}, {title: None yet, roles: []}]\n" + TWO,
    "x- keys everywhere": "x-top: {any: [1, 2.5, null, true]}\nlevels: [{level: 1, label: L1, x-l: 1}]\n"
    "tracks: [{id: t, title: T, x-t: 1}]\nareas: [{id: r, name: R, x-a: 1}]\n"
    "competencies: [{id: craft, name: Craft, area: r, x-c: 1}]\nscale: [{level: 1, name: S, x-s: 1}]\n"
    "titles: [{title: X, roles: [a], x-n: 1}]\n"
    "roles:\n  - {id: a, title: A, level: 1, track: t, x-r: 1, next: [{to: b, x-m: 1}],"
    " competencies: {craft: {level: 1, x-v: 1}}}\n  - {id: b, title: B, level: 2}\n",
    "an x- date": "x-when: 2026-01-02\n" + ONE,
    "empty keys": "levels:\ntracks:\nareas:\ncompetencies:\nscale:\ntitles:\n"
    "roles:\n  - {id: a, title: A, level: 1, aliases: , responsibilities: , next: , competencies: }\n",
    "whole numbers written 1.0": "levels: [{level: 1.0, label: One}]\nscale: [{level: 1.0, name: S}]\n" + ONE,
    "an empty ladder title": "title: ''\n" + ONE,
    "an empty optional text": role("summary: ''"),
    "aliases in any script": role("aliases: [café, пм-старший, v1.2]"),
    "a promotion that does not rise (a warning)": "roles:\n"
    "  - {id: a, title: A, level: 2, next: [{to: b, kind: promotion}]}\n  - {id: b, title: B, level: 2}\n",
    "a competency left unrated (a warning)": "competencies: [{id: craft, name: Craft}, {id: b, name: B}]\n"
    "scale: [{level: 1, name: One}]\nroles:\n  - {id: a, title: A, level: 1, competencies: {craft: 1}}\n",
}

INVALID = {
    "an empty file": "",
    "a list": "- a\n",
    "no roles": "title: T\n",
    "empty roles": "roles: []\n",
    "roles left empty": "roles:\n",
    "a role that is not a mapping": "roles: [a]\n",
    "no title": "roles:\n  - {id: a, level: 1}\n",
    "no level": "roles:\n  - {id: a, title: A}\n",
    "no id": "roles:\n  - {title: A, level: 1}\n",
    "an empty title": "roles:\n  - {id: a, title: '', level: 1}\n",
    "a blank title": "roles:\n  - {id: a, title: '   ', level: 1}\n",
    "a title that is a number": "roles:\n  - {id: a, title: 5, level: 1}\n",
    "a level of 1.5": "roles:\n  - {id: a, title: A, level: 1.5}\n",
    "a level below 0": "roles:\n  - {id: a, title: A, level: -1}\n",
    "a level over 999": "roles:\n  - {id: a, title: A, level: 1000}\n",
    "a level true": "roles:\n  - {id: a, title: A, level: true}\n",
    "a level left empty": "roles:\n  - {id: a, title: A, level: }\n",
    "an id not kebab-case": "roles:\n  - {id: Senior_PM, title: A, level: 1}\n",
    "an id with a final newline": 'roles:\n  - {id: "a\\n", title: A, level: 1}\n',
    "an empty id": "roles:\n  - {id: '', title: A, level: 1}\n",
    "an alias with a space": role("aliases: [a b]"),
    "an alias that is a number": role("aliases: [5]"),
    "aliases as text": role("aliases: abc"),
    "a track that is a number": role("track: 5"),
    "a track list with a number": role("track: [1]"),
    "a track left empty": role("track: "),
    "a level with no label": "levels: [{level: 1}]\n" + ONE,
    "a blank label": "levels: [{level: 1, label: ' '}]\n" + ONE,
    "a label that is a number": "levels: [{level: 1, label: 1}]\n" + ONE,
    "levels as a mapping": "levels: {1: L1}\n" + ONE,
    "a track with no title": "tracks: [{id: t}]\n" + ONE,
    "a track id not kebab-case": "tracks: [{id: T T, title: T}]\n" + ONE,
    "an empty area": "areas: [{id: r, name: R}]\ncompetencies: [{id: c, name: C, area: ''}]\n" + ONE,
    "an area with no name": "areas: [{id: r}]\n" + ONE,
    "a competency with no name": "competencies: [{id: c}]\n" + ONE,
    "a scale level over 100": "scale: [{level: 101, name: S}]\n" + ONE,
    "a rating key not kebab-case": RATED
    + "roles:\n  - {id: a, title: A, level: 1, competencies: {Craft: 1}}\n",
    "a rating with neither level nor words": rated("{}"),
    "a rating whose statements are empty": rated("{expectation: []}"),
    "a rating with only examples": rated("{examples: [e]}"),
    "a rating level of 1.5": rated("1.5"),
    "a rating level over 100": rated("101"),
    "a rating level as text": rated("'2'"),
    "a rating level true": rated("{level: true}"),
    "a rating level left empty": rated("{level: , expectation: x}"),
    "examples as text": rated("{level: 1, examples: one}"),
    "a statement that is a number": rated("{expectation: [1]}"),
    "statements left empty": rated("{level: 1, expectation: }"),
    "ratings as a list": role("competencies: [a]"),
    "an unknown move kind": role("next: [{to: b, kind: sideways}]"),
    "a move kind left empty": role("next: [{to: b, kind: }]"),
    "a move with no target": role("next: [{kind: apply}]"),
    "a move to an id not kebab-case": role("next: [B]"),
    "a move that is a number": role("next: [5]"),
    "next as text": role("next: b"),
    "move signals as text": role("next: [{to: b, ready_when: Ready.}]"),
    "a title with no roles": "titles: [{title: Lead}]\n" + ONE,
    "a blank job title": "titles: [{title: ' ', roles: [a]}]\n" + ONE,
    "a version written as a number": "version: 2\n" + ONE,
    "a version written 2026.1": "version: 2026.1\n" + ONE,
    "a licence left empty": "license:\n" + ONE,
    # YAML 1.1, which pmpath reads, makes these true/false; see the differences below.
    "expectation: yes": rated("{level: 1, expectation: yes}"),
    "license: no": "license: no\n" + ONE,
}


@pytest.mark.parametrize("text", VALID.values(), ids=VALID.keys())
def test_what_validate_accepts_the_schema_accepts(run: Run, tmp_path: Path, text: str) -> None:
    code, lines = validate(run, tmp_path, text)
    assert code == 0, lines
    assert schema_accepts(text)


@pytest.mark.parametrize("text", INVALID.values(), ids=INVALID.keys())
def test_what_validate_refuses_the_schema_refuses(run: Run, tmp_path: Path, text: str) -> None:
    code, lines = validate(run, tmp_path, text)
    assert code == 1, lines
    assert not schema_accepts(text)


LADDER_FILES = [
    bundled_ladder_path(),
    *sorted(LADDERS.glob("*.yaml")),
    *sorted((LADDERS / "format2").glob("*.yaml")),
]


@pytest.mark.parametrize("path", LADDER_FILES, ids=lambda p: p.name)
def test_the_test_ladders_get_the_same_verdict(run: Run, path: Path) -> None:
    valid = run("validate", str(path)).exit_code == 0
    assert schema_accepts(path.read_text(encoding="utf-8")) == valid


def test_the_starter_passes_the_schema() -> None:
    assert schema_accepts(starter_ladder_text())


def readme_ladders() -> list[str]:
    text = README.read_text(encoding="utf-8")
    return [block for block in re.findall(r"```yaml\n(.*?)```", text, re.S) if "roles:" in block]


def test_the_readme_ladders_pass_the_schema() -> None:
    assert readme_ladders()
    for block in readme_ladders():
        assert schema_accepts(block), block


def test_the_readme_shows_a_ladder_with_every_part_of_the_format() -> None:
    complete = [yaml.safe_load(block) for block in readme_ladders()]
    full = next(data for data in complete if set(fileformat.LADDER_KEYS) <= set(data))
    role = full["roles"][0]
    assert set(fileformat.ROLE_FIELD_NAMES) <= set(role)
    assert any(key.startswith("x-") for key in role)
    move = next(move for move in role["next"] if isinstance(move, dict))
    assert set(fileformat.field_names(fileformat.MOVE_FIELDS)) <= set(move)
    rating = next(rating for rating in role["competencies"].values() if isinstance(rating, dict))
    assert set(fileformat.field_names(fileformat.RATING_FIELDS)) <= set(rating)


# -- the documented differences -------------------------------------------------
# Each is listed in the README section "Where the schema and validate differ";
# the text below is how that list names it.
DIFFERENCES = {
    "same id": "Ids, numbers and names that must be unique",
    "references": "References between parts of the file",
    "move down": "A move down that names no kind",
    "yaml 1.1": "`yes`, `no`, `on` and `off`",
    "unknown keys": "Unknown keys",
    "repeated items": "Repeated items in a list",
    "x- values": "`x-` values that JSON cannot hold",
    "decomposed accents": "Accents typed as a separate character",
}


def differences_section() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"^#### Where the schema and validate differ\n(.*?)^#", text, re.S | re.M)
    assert found, "the README lists the differences under 'Where the schema and validate differ'"
    return found.group(1)


def test_the_readme_lists_every_difference_and_no_other() -> None:
    section = differences_section()
    listed = re.findall(r"^- \*\*(.+?)\*\*", section, re.M)
    assert listed == list(DIFFERENCES.values())


def _checked_by_validate_only(run: Run, tmp_path: Path, text: str, message: str) -> None:
    """The schema accepts TEXT; validate refuses it with MESSAGE."""
    assert schema_accepts(text)
    code, lines = validate(run, tmp_path, text)
    assert code == 1
    assert message in lines


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "roles:\n  - {id: a, title: A, level: 1}\n  - {id: a, title: B, level: 2}\n",
            ":3: role id 'a' is used twice",
        ),
        ("scale: [{level: 1, name: A}, {level: 1, name: B}]\n" + ONE, ":1: scale level 1 is defined twice"),
        ("levels: [{level: 1, label: A}, {level: 1, label: B}]\n" + ONE, ":1: level 1 is named twice"),
        (
            "levels: [{level: 1, label: Senior}, {level: 2, label: senior}]\n" + ONE,
            ":1: label 'senior' is also the label of level 1",
        ),
        ("tracks: [{id: t, title: A}, {id: t, title: B}]\n" + ONE, ":1: track id 't' is used twice"),
        ("areas: [{id: r, name: A}, {id: r, name: B}]\n" + ONE, ":1: area id 'r' is used twice"),
        (
            "competencies: [{id: c, name: A}, {id: c, name: B}]\n" + ONE,
            ":1: competency id 'c' is used twice",
        ),
        (
            "roles:\n  - {id: a, title: A, level: 1, aliases: [b]}\n  - {id: b, title: B, level: 2}\n",
            ":3: name 'b' of 'b' is already used by 'a'",
        ),
    ],
)
def test_difference_unique_things_are_checked_by_validate_only(
    run: Run, tmp_path: Path, text: str, message: str
) -> None:
    _checked_by_validate_only(run, tmp_path, text, message)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (role("next: [c]"), ":2: 'next' of 'a' names unknown role 'c'"),
        (role("next: [a]"), ":2: role 'a' lists itself in 'next'"),
        ("tracks: [{id: ic, title: IC}]\n" + role("track: mgmt"), ":3: 'a' is on unknown track 'mgmt'"),
        (
            "areas: [{id: core, name: Core}]\ncompetencies: [{id: c, name: C, area: cor}]\n" + ONE,
            ":2: competency 'c' is in unknown area 'cor' (did you mean 'core'?)",
        ),
        (rated("1").replace("craft: 1", "skill: 1"), ":4: unknown competency 'skill'"),
        (rated("3"), ":4: 'craft' level 3 is outside the scale (1-2)"),
        (
            "levels: [{level: 1, label: L1}]\nroles:\n  - {id: a, title: A, level: L2}\n",
            ":3: level 'L2' is not a label in 'levels' (the labels are: L1)",
        ),
        ("roles:\n  - {id: a, title: A, level: L1}\n", ":2: 'level' must be a whole number, not text"),
        (
            "titles: [{title: Lead, roles: [c]}]\n" + ONE,
            ":1: title 'Lead' names unknown role 'c'",
        ),
    ],
)
def test_difference_references_are_checked_by_validate_only(
    run: Run, tmp_path: Path, text: str, message: str
) -> None:
    _checked_by_validate_only(run, tmp_path, text, message)


def test_difference_a_move_down_must_name_its_kind_for_validate_only(run: Run, tmp_path: Path) -> None:
    down = "roles:\n  - {id: a, title: A, level: 2, next: [b]}\n  - {id: b, title: B, level: 1}\n"
    assert schema_accepts(down)
    code, lines = validate(run, tmp_path, down)
    assert code == 1
    assert lines[0] == (
        ":2: 'a' (level 2) leads down to 'b' (level 1): "
        "a move down must name its kind (promotion, lateral, apply, exit)"
    )
    named = down.replace("next: [b]", "next: [{to: b, kind: exit}]")
    assert schema_accepts(named)
    assert validate(run, tmp_path, named)[0] == 0


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "ON"])
def test_difference_yaml_1_1_words_are_true_or_false_to_pmpath(run: Run, tmp_path: Path, word: str) -> None:
    text = rated(f"{{level: 1, expectation: {word}}}")
    # An editor reading YAML 1.2 sees the text "yes", which the schema accepts...
    as_yaml_1_2: dict[str, Any] = yaml.safe_load(text)
    as_yaml_1_2["roles"][0]["competencies"]["craft"]["expectation"] = word
    assert VALIDATOR.is_valid(as_yaml_1_2)
    # ...while pmpath reads YAML 1.1, where it is true or false.
    code, lines = validate(run, tmp_path, text)
    assert code == 1
    assert lines[0] == ":4: 'expectation' must be text, not true/false (put it in quotes)"
    quoted = rated(f"{{level: 1, expectation: '{word}'}}")
    assert schema_accepts(quoted)
    assert validate(run, tmp_path, quoted)[0] == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            role("summry: x"),
            ":2: warning: unknown key 'summry' in a role (did you mean 'summary'?); it is ignored",
        ),
        (
            "$schema: ./ladder.schema.json\n" + ONE,
            ":1: warning: unknown key '$schema' in the ladder; it is ignored",
        ),
        (
            role("next: [{to: b, knd: apply}]"),
            ":2: warning: unknown key 'knd' in a move (did you mean 'kind'?); it is ignored",
        ),
        (
            rated("{level: 1, exemples: [e]}"),
            ":4: warning: unknown key 'exemples' in the rating of 'craft' (did you mean 'examples'?); it is ignored",
        ),
        (
            "tracks: [{id: t, title: T, name: N}]\n" + ONE,
            ":1: warning: unknown key 'name' in a track; it is ignored",
        ),
    ],
)
def test_difference_unknown_keys_are_a_warning_to_validate_and_refused_by_the_schema(
    run: Run, tmp_path: Path, text: str, message: str
) -> None:
    assert not schema_accepts(text)
    code, lines = validate(run, tmp_path, text)
    assert code == 0
    assert lines == [message, ": valid: " + lines[-1].split(": valid: ")[1]]
    assert lines[-1].endswith("1 warning(s)")


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        (role("aliases: [first, first]"), None),
        (role("track: [ic, ic]"), None),
        (
            "titles: [{title: Lead, roles: [a, a]}]\n" + ONE,
            ":1: warning: title 'roles' names the same role more than once",
        ),
    ],
)
def test_difference_repeated_items_pass_validate_and_fail_the_schema(
    run: Run, tmp_path: Path, text: str, warning: str | None
) -> None:
    assert not schema_accepts(text)
    code, lines = validate(run, tmp_path, text)
    assert code == 0
    assert lines[:-1] == ([warning] if warning else [])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (".inf", ":1: 'inf' cannot be kept: JSON has no such number"),
        (".nan", ":1: 'nan' cannot be kept: JSON has no such number"),
        ("{1: one}", ":1: keys under an 'x-' key must be text, not a number"),
    ],
)
def test_difference_x_values_json_cannot_hold_are_refused_by_validate_only(
    run: Run, tmp_path: Path, value: str, message: str
) -> None:
    text = f"x-data: {value}\n" + ONE
    assert schema_accepts(text)
    code, lines = validate(run, tmp_path, text)
    assert code == 1
    assert lines[0] == message


def test_difference_an_accent_typed_apart_is_composed_by_validate_only(run: Run, tmp_path: Path) -> None:
    text = role('aliases: ["cafe\\u0301"]')  # e, then the combining acute accent
    assert not schema_accepts(text)
    assert validate(run, tmp_path, text) == (0, [": valid: 2 roles"])
    composed = role('aliases: ["caf\\u00e9"]')
    assert schema_accepts(composed)


# -- the schema itself ------------------------------------------------------------
def tables() -> list[tuple[str, dict[str, Any], tuple[FieldSpec, ...]]]:
    """Each table of the format, beside the schema's properties for it."""
    top = SCHEMA["properties"]
    role_schema = top["roles"]["items"]["properties"]
    found = [("the ladder", top, fileformat.LADDER_FIELDS), ("a role", role_schema, fileformat.ROLE_FIELDS)]
    found.append(("a move", role_schema["next"]["items"]["oneOf"][1]["properties"], fileformat.MOVE_FIELDS))
    rating = role_schema["competencies"]["additionalProperties"]["oneOf"][1]["properties"]
    found.append(("a rating", rating, fileformat.RATING_FIELDS))
    for section in fileformat.SECTIONS:
        found.append((section.key, top[section.key]["items"]["properties"], section.fields))
    return found


@pytest.mark.parametrize(
    ("what", "properties", "fields"), tables(), ids=lambda x: x if isinstance(x, str) else ""
)
def test_every_key_of_every_table_has_a_title_and_description(
    what: str, properties: dict[str, Any], fields: tuple[FieldSpec, ...]
) -> None:
    for spec in fields:
        assert spec.name in properties, f"{spec.name} of {what}"
        prop = properties[spec.name]
        assert prop["title"] and prop["description"] == spec.description, spec.name


def walk(node: object) -> list[dict[str, Any]]:
    """Every `properties` mapping in the schema that names keys (an `anyOf`
    restates a rule about keys named elsewhere)."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            found.append(node["properties"])
        for key, value in node.items():
            if key != "anyOf":
                found += walk(value)
    elif isinstance(node, list):
        for value in node:
            found += walk(value)
    return found


def test_every_key_in_the_schema_has_a_title_and_description() -> None:
    keys = [(name, prop) for properties in walk(SCHEMA) for name, prop in properties.items()]
    assert len(keys) > 50
    for name, prop in keys:
        assert prop.get("title") and prop.get("description"), name


def test_every_example_in_the_schema_is_valid_where_it_stands() -> None:
    checked = 0
    for properties in walk(SCHEMA):
        for prop in properties.values():
            for example in prop.get("examples", []):
                jsonschema.validate(example, prop)
                checked += 1
    assert checked > 10


def test_every_mapping_allows_x_keys_and_no_other_unknown_key() -> None:
    objects = _objects(SCHEMA)
    assert len(objects) == 2 + len(fileformat.SECTIONS) + 2  # the ladder, a role, sections, a move, a rating
    for node in objects:
        assert node["additionalProperties"] is False
        assert list(node["patternProperties"]) == [fileformat.EXTENSION_PATTERN]


def _objects(node: object) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if "properties" in node and node.get("type") == "object":
            found.append(node)
        for value in node.values():
            found += _objects(value)
    elif isinstance(node, list):
        for value in node:
            found += _objects(value)
    return found
