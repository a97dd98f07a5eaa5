"""The ladder format as a JSON Schema (draft 2020-12), built from `fileformat`."""

from __future__ import annotations

from typing import Any

from pmpath.ladder import fileformat


def _pattern(regex: str) -> str:
    """A fileformat pattern that matches whole strings in any validator:
    Python's re, which the jsonschema package uses, lets `$` match before a
    final newline; `(?![\\s\\S])` is the very end in Python and ECMA-262 alike."""
    return regex.removesuffix("$") + r"(?![\s\S])"


_TEXT: dict[str, Any] = {"type": "string"}
_ID: dict[str, Any] = {"type": "string", "pattern": _pattern(fileformat.ID_PATTERN)}
# Python's re reads \W as Unicode; ECMA-262 without the u flag as ASCII, so a
# JavaScript validator is stricter than pmpath about aliases, never looser.
_ALIAS: dict[str, Any] = {"type": "string", "pattern": _pattern(fileformat.ALIAS_PATTERN)}
_SCALE_LEVEL: dict[str, Any] = {
    "type": "integer",
    "minimum": fileformat.SCALE_LEVEL_MIN,
    "maximum": fileformat.SCALE_LEVEL_MAX,
}
_RATING: dict[str, Any] = {
    "oneOf": [
        _SCALE_LEVEL,
        {
            "type": "object",
            "properties": {"level": _SCALE_LEVEL, "expectation": _TEXT},
            "required": ["level"],
            "additionalProperties": False,
        },
    ]
}
_BY_KIND: dict[fileformat.Kind, dict[str, Any]] = {
    "id": _ID,
    "text": _TEXT,
    "int": {"type": "integer"},
    "text_list": {"type": "array", "items": _TEXT},
    "alias_list": {"type": "array", "items": _ALIAS},
    "id_list": {"type": "array", "items": _ID},
    "ratings": {"type": "object", "additionalProperties": _RATING},
}


def _field(spec: fileformat.FieldSpec) -> dict[str, Any]:
    bounds = {"minimum": spec.minimum, "maximum": spec.maximum}
    return {
        **_BY_KIND[spec.kind],
        **{key: value for key, value in bounds.items() if value is not None},
        "description": spec.description,
    }


def _object(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def ladder_schema() -> dict[str, Any]:
    role = _object(
        {spec.name: _field(spec) for spec in fileformat.ROLE_FIELDS},
        [spec.name for spec in fileformat.ROLE_FIELDS if spec.required],
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "pmpath ladder",
        "description": "A career ladder for pmpath: roles in ladder order, with optional competencies.",
        **_object(
            {
                "title": _TEXT,
                "description": _TEXT,
                "scale": {
                    "type": "array",
                    "items": _object(
                        {"level": _SCALE_LEVEL, "name": _TEXT, "description": _TEXT},
                        ["level", "name"],
                    ),
                },
                "competencies": {
                    "type": "array",
                    "items": _object({"id": _ID, "name": _TEXT, "description": _TEXT}, ["id", "name"]),
                },
                "roles": {"type": "array", "minItems": 1, "items": role},
            },
            ["roles"],
        ),
    }
