"""The ladder format as a JSON Schema (draft 2020-12), built from `fields`."""

from __future__ import annotations

from typing import Any

from pmpath.ladder import fileformat

_TEXT: dict[str, Any] = {"type": "string"}
_ID: dict[str, Any] = {"type": "string", "pattern": fileformat.ID_PATTERN}
_RATING: dict[str, Any] = {
    "oneOf": [
        {"type": "integer"},
        {
            "type": "object",
            "properties": {"level": {"type": "integer"}, "expectation": _TEXT},
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
    "id_list": {"type": "array", "items": _ID},
    "ratings": {"type": "object", "additionalProperties": _RATING},
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
        {
            spec.name: {**_BY_KIND[spec.kind], "description": spec.description}
            for spec in fileformat.ROLE_FIELDS
        },
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
                        {"level": {"type": "integer"}, "name": _TEXT, "description": _TEXT},
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
