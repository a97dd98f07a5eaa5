"""One table of the format (`ladder/fileformat.py`) drives the model, the schema,
`show --json`, the YAML export, `search`, role pages, comparisons and the
Markdown export: each consumer shows every field the table lists."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import yaml

from pmpath.ladder.fileformat import (
    LEVEL_LABEL,
    PREVIOUS,
    PROSE_FIELDS,
    ROLE_FIELD_NAMES,
    ROLE_FIELDS,
    FieldSpec,
)
from pmpath.ladder.model import Role
from pmpath.ladder.schema import ladder_schema
from tests.conftest import Run, run_json


def test_the_model_has_exactly_the_fields_of_the_table() -> None:
    derived = {PREVIOUS.name, LEVEL_LABEL.name, "next", "extensions", "competency_extensions"}
    assert {f.name for f in dataclasses.fields(Role)} == {spec.attr for spec in ROLE_FIELDS} | derived


def test_the_schema_has_exactly_the_fields_of_the_table() -> None:
    role = ladder_schema()["properties"]["roles"]["items"]
    assert list(role["properties"]) == list(ROLE_FIELD_NAMES)
    assert role["required"] == [spec.name for spec in ROLE_FIELDS if spec.required]


@pytest.fixture
def marked(tmp_path: Path) -> Path:
    """A ladder whose every prose field holds a word naming that field."""
    role: dict[str, object] = {"id": "a", "title": "Alpha", "aliases": ["al"], "level": 1, "track": "t"}
    role["next"] = ["b"]
    for spec in PROSE_FIELDS:
        word = f"mark{spec.name.replace('_', '')}"
        role[spec.name] = word if spec.kind == "text" else [word]
    role["competencies"] = {"craft": {"level": 1, "expectation": "markexpectation"}}
    ladder = {
        "scale": [{"level": 1, "name": "One"}],
        "competencies": [{"id": "craft", "name": "Craft"}],
        "roles": [role, {"id": "b", "title": "Beta", "level": 2}],
    }
    path = tmp_path / "ladder.yaml"
    path.write_text(yaml.safe_dump(ladder), encoding="utf-8")
    return path


def test_show_json_has_every_field_in_table_order(run: Run, marked: Path) -> None:
    shown = run_json(run, "--ladder", str(marked), "show", "a")
    assert list(shown) == [*ROLE_FIELD_NAMES, PREVIOUS.name, LEVEL_LABEL.name, "tracks", "moves"]


def test_yaml_export_writes_every_field_it_has(run: Run, marked: Path) -> None:
    exported = yaml.safe_load(run("--ladder", str(marked), "export", "-f", "yaml").stdout)
    assert list(exported["roles"][0]) == list(ROLE_FIELD_NAMES)


@pytest.mark.parametrize("spec", PROSE_FIELDS, ids=lambda spec: spec.name)
def test_search_looks_through_every_prose_field(run: Run, marked: Path, spec: FieldSpec) -> None:
    name = spec.name
    word = f"mark{name.replace('_', '')}"
    hits = json.loads(run("--ladder", str(marked), "search", word, "--json").stdout)
    assert hits == [
        {"id": "a", "title": "Alpha", "matches": [{"field": name, "label": spec.heading, "text": word}]}
    ]
    human = run("--ladder", str(marked), "search", word, env={"COLUMNS": "200"}).stdout
    assert f"{spec.heading}: {word}" in human


def test_every_prose_field_is_on_the_page_the_comparison_and_the_wiki(run: Run, marked: Path) -> None:
    page = run("--ladder", str(marked), "show", "a", env={"COLUMNS": "200"}).stdout
    compared = run("--ladder", str(marked), "compare", "a", "b", env={"COLUMNS": "200"}).stdout
    wiki = run("--ladder", str(marked), "export", "-f", "markdown").stdout
    for spec in PROSE_FIELDS:
        word = f"mark{spec.name.replace('_', '')}"
        for output in (page, compared, wiki):
            assert word in output, (spec.name, output)
        if spec.name != "summary":  # the lead paragraph has no heading
            assert spec.heading in page and spec.heading in wiki
        assert spec.heading in compared
