"""The ladder format as a JSON Schema (draft 2020-12), built from the tables
in `fileformat`: every key has the title and description the table gives it.

The schema accepts and refuses what `pmpath validate` does, as far as a
schema can say it: a list or a mapping left empty (`next:` with nothing
after it) is read as none, as validate reads it. What it cannot say
(references between parts of the file, unique ids across entries, YAML 1.1
readings such as `yes`) only validate checks; the README lists each
difference and tests/test_format2_schema.py checks each one.
"""

from __future__ import annotations

from typing import Any

from pmpath.ladder import fileformat
from pmpath.ladder.fileformat import FieldSpec

SCHEMA_ID = "urn:pmpath:ladder-format:2"


def _pattern(regex: str) -> str:
    """A fileformat pattern that matches whole strings in any validator:
    Python's re, which the jsonschema package uses, lets `$` match before a
    final newline; `(?![\\s\\S])` is the very end in Python and ECMA-262 alike."""
    return regex.removesuffix("$") + r"(?![\s\S])"


_TEXT: dict[str, Any] = {"type": "string"}
_FILLED_TEXT: dict[str, Any] = {"type": "string", "minLength": 1, "pattern": r"\S"}
_ID: dict[str, Any] = {"type": "string", "pattern": _pattern(fileformat.ID_PATTERN)}
# Python's re reads \W as Unicode; ECMA-262 without the u flag as ASCII, so a
# JavaScript validator is stricter than pmpath about aliases, never looser.
_ALIAS: dict[str, Any] = {"type": "string", "pattern": _pattern(fileformat.ALIAS_PATTERN)}
# validate reads an empty key (YAML null) as an empty list or mapping.
_LIST = ["array", "null"]
_TEXT_LIST: dict[str, Any] = {"type": _LIST, "items": _TEXT}
_EXTENSIONS = {fileformat.EXTENSION_PATTERN: {"description": "Your own data: kept, exported, never checked."}}


def _unique(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": _LIST, "items": items, "uniqueItems": True}


def _integer(spec: FieldSpec) -> dict[str, Any]:
    bounds = {"minimum": spec.minimum, "maximum": spec.maximum}
    return {"type": "integer", **{key: value for key, value in bounds.items() if value is not None}}


def _object(fields: tuple[FieldSpec, ...], **extra: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {spec.name: _field(spec) for spec in fields},
        "required": [spec.name for spec in fields if spec.required],
        "patternProperties": _EXTENSIONS,
        "additionalProperties": False,
        **extra,
    }


def _by_kind(spec: FieldSpec) -> dict[str, Any]:
    kind = spec.kind
    if kind == "id":
        return _ID
    if kind in ("text", "line"):  # a line break in a name is a warning, not an error
        return _FILLED_TEXT if spec.required else _TEXT
    if kind == "int":
        return _integer(spec)
    if kind == "text_list":
        return _TEXT_LIST
    if kind == "statements":
        return {"oneOf": [_TEXT, {"type": "array", "items": _TEXT}]}
    if kind == "alias_list":
        return _unique(_ALIAS)
    if kind == "id_list":
        return _unique(_ID)
    if kind == "track_list":
        return {"oneOf": [_TEXT, {"type": "array", "items": _TEXT, "uniqueItems": True}]}
    if kind == "level":
        return {"oneOf": [_integer(spec), {**_FILLED_TEXT, "description": "A label from 'levels'."}]}
    if kind == "kind":
        return {"enum": list(fileformat.MOVE_KINDS)}
    if kind == "moves":
        move = _object(fileformat.MOVE_FIELDS, title="Move", description="A move with its kind and signals.")
        return {"type": _LIST, "items": {"oneOf": [{**_ID, "description": "The id of a role."}, move]}}
    if kind == "ratings":
        rating = _object(
            fileformat.RATING_FIELDS,
            title="Rating",
            description="How the role describes the competency: a level, words, or both.",
            # An empty list of statements says nothing: it needs a level then.
            anyOf=[
                {"required": ["level"]},
                {"required": ["expectation"], "properties": {"expectation": {"minItems": 1}}},
            ],
        )
        level = fileformat.RATING_FIELDS[0]
        return {
            "type": ["object", "null"],
            "propertyNames": {"anyOf": [_ID, {"pattern": fileformat.EXTENSION_PATTERN}]},
            "patternProperties": _EXTENSIONS,
            "additionalProperties": {
                "oneOf": [{**_integer(level), "description": level.description}, rating]
            },
        }
    raise AssertionError(f"no schema for {kind}")


def _field(spec: FieldSpec) -> dict[str, Any]:
    examples = {"examples": [spec.example]} if spec.example is not None else {}
    return {**_by_kind(spec), "title": spec.heading or spec.name, "description": spec.description, **examples}


def ladder_schema() -> dict[str, Any]:
    role = _object(fileformat.ROLE_FIELDS, title="Role", description="One rung of the ladder.")
    sections = {
        section.key: {
            "type": _LIST,
            "title": section.key.capitalize(),
            "description": section.description,
            "items": _object(section.fields, title=section.what, description=section.description),
        }
        for section in fileformat.SECTIONS
    }
    roles = {
        "type": "array",
        "title": "Roles",
        "description": "The roles, in ladder order.",
        "minItems": 1,
        "items": role,
    }
    top = _object(fileformat.LADDER_FIELDS)
    top["properties"].update({**sections, "roles": roles})
    top["required"] = ["roles"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "pmpath ladder",
        "description": "A career ladder for pmpath: roles in ladder order, with optional tracks, "
        "named levels, competencies in areas, and a scale.",
        **top,
    }
