"""Property-based: whatever the YAML, pmpath answers with exit 0 or 1, never a
traceback; and every ladder it accepts answers list, show and next for each
of its roles."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pmpath.cli.app import app
from pmpath.ladder.loading import check_ladder

SETTINGS = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
TEXT = st.text(st.characters(codec="utf-8"), max_size=20)
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT
ANY_DATA = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20,
)
IDS = st.sampled_from(["a", "b", "c", "d-e", "f1", "g-2-h", "senior"])
FIELD_VALUES = st.one_of(
    SCALARS, st.lists(IDS | TEXT, max_size=3), st.dictionaries(TEXT, SCALARS, max_size=2)
)
NAMES = TEXT.filter(lambda text: bool(text.strip()))
# Letters and digits of any script, as aliases allow.
ALIAS_WORDS = st.text(st.characters(categories=["Ll", "Lu", "Lo", "Nd"]), min_size=1, max_size=6)
FIELDS = ["id", "title", "level", "next", "aliases", "summary", "ready_when", "competencies", "track", "x"]


@st.composite
def ladder_shaped(draw: st.DrawFn) -> dict[str, Any]:
    """A valid ladder (ids unique, links resolving, free text anywhere) that is
    then, about half the time, broken in one random way."""
    ids = draw(st.lists(IDS, min_size=1, max_size=5, unique=True))
    roles: list[dict[str, Any]] = []
    for role_id in ids:
        role: dict[str, Any] = {"id": role_id, "title": draw(NAMES), "level": draw(st.integers(0, 10))}
        if draw(st.booleans()):
            role["next"] = draw(st.lists(st.sampled_from(ids), max_size=3))
        if draw(st.booleans()):
            words = draw(st.lists(ALIAS_WORDS, max_size=2, unique=True))
            role["aliases"] = [f"{role_id}.{word}" for word in words]  # unique, and of the alias shape
        if draw(st.booleans()):
            role["summary"] = draw(TEXT)
            role["ready_when"] = draw(st.lists(TEXT, max_size=2))
        roles.append(role)
    if draw(st.booleans()):
        victim = draw(st.sampled_from(roles))
        field = draw(st.sampled_from(FIELDS))
        if draw(st.booleans()) and field in victim:
            del victim[field]
        else:
            victim[field] = draw(FIELD_VALUES)
    return {"roles": roles}


def run(path: Path, *args: str) -> Any:
    result = CliRunner().invoke(app, ["--ladder", str(path), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def check_everything(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ladder.yaml"
        path.write_text(text, encoding="utf-8")
        check_ladder(path, strict=True)  # never raises
        listed = run(path, "list", "--json")
        assert listed.exit_code in (0, 1)
        if listed.exit_code == 1:
            assert listed.stdout == ""
            assert listed.stderr
            return
        for role in json.loads(listed.stdout):
            shown = run(path, "show", role["id"], "--json")
            assert shown.exit_code == 0, shown.stderr
            assert json.loads(shown.stdout)["id"] == role["id"]
            assert run(path, "next", role["id"], "--json").exit_code == 0
            assert run(path, "show", role["id"]).exit_code == 0


@SETTINGS
@given(ANY_DATA)
def test_arbitrary_yaml_documents(data: Any) -> None:
    check_everything(yaml.safe_dump(data, allow_unicode=True))


@SETTINGS
@given(ladder_shaped())
def test_ladder_shaped_mappings(data: dict[str, Any]) -> None:
    check_everything(yaml.safe_dump(data, allow_unicode=True))


@SETTINGS
@given(st.text(max_size=200))
def test_arbitrary_text(text: str) -> None:
    check_everything(text)


def test_the_generator_reaches_accepted_ladders_with_several_roles() -> None:
    """Guards the properties above from passing vacuously on rejected input."""
    from hypothesis import find

    def accepted_with_links(data: dict[str, Any]) -> bool:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "ladder.yaml"
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            ladder, _ = check_ladder(path)
        return ladder is not None and len(ladder.roles) >= 3 and any(r.next for r in ladder.roles)

    find(ladder_shaped(), accepted_with_links, settings=settings(max_examples=200, deadline=None))
