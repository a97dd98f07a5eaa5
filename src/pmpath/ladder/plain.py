"""A built ladder back as plain data in the shape of a ladder file: the
inverse of `building`, read from the same tables. The YAML and JSON exports
write this, and loading it gives back an equal ladder: metadata, `x-` keys,
move kinds and every statement included.

Empty optional fields are left out; a kind the loader would infer is not
written; one statement is written as text, several as a list.
"""

from __future__ import annotations

from typing import Any

from pmpath.ladder import fileformat
from pmpath.ladder.fileformat import FieldSpec
from pmpath.ladder.model import Ladder, Move, Rating, Role


def _entry(item: object, fields: tuple[FieldSpec, ...]) -> dict[str, Any]:
    """One entry of a top-level list (a level, a track...) as written."""
    data: dict[str, Any] = {}
    for spec in fields:
        value = getattr(item, spec.attr)
        if spec.required or value:
            data[spec.name] = list(value) if isinstance(value, tuple) else value
    return {**data, **getattr(item, "extensions", {})}


def move_data(move: Move) -> str | dict[str, Any]:
    """A move as an id when that says all of it, else as a mapping."""
    if not (move.declared or move.ready_when or move.extensions):
        return move.to
    data: dict[str, Any] = {"to": move.to}
    if move.declared:
        data["kind"] = move.kind
    if move.ready_when:
        data["ready_when"] = list(move.ready_when)
    return {**data, **move.extensions}


def rating_data(rating: Rating) -> int | dict[str, Any]:
    """A rating as its level when that says all of it, else as a mapping."""
    if rating.level is not None and not (
        rating.statements or rating.examples or rating.not_yet or rating.extensions
    ):
        return rating.level
    data: dict[str, Any] = {}
    if rating.level is not None:
        data["level"] = rating.level
    if rating.statements:
        data["expectation"] = rating.statements[0] if len(rating.statements) == 1 else list(rating.statements)
    if rating.examples:
        data["examples"] = list(rating.examples)
    if rating.not_yet:
        data["not_yet"] = list(rating.not_yet)
    return {**data, **rating.extensions}


def role_data(role: Role) -> dict[str, Any]:
    """A role as it is written in a ladder file."""
    data: dict[str, Any] = {}
    for spec in fileformat.ROLE_FIELDS:
        value = getattr(role, spec.attr)
        if not (spec.required or value or (spec.kind == "ratings" and role.competency_extensions)):
            continue
        if spec.kind == "track_list":
            data[spec.name] = value[0] if len(value) == 1 else list(value)
        elif spec.kind == "moves":
            data[spec.name] = [move_data(move) for move in value]
        elif spec.kind == "ratings":
            data[spec.name] = {
                **{key: rating_data(rating) for key, rating in value.items()},
                **role.competency_extensions,
            }
        else:
            data[spec.name] = list(value) if isinstance(value, tuple) else value
    return {**data, **role.extensions}


def ladder_data(ladder: Ladder) -> dict[str, Any]:
    """The whole ladder as a ladder file's data."""
    data = _entry(ladder, fileformat.LADDER_FIELDS)
    for section in fileformat.SECTIONS:
        entries = getattr(ladder, section.key)
        if entries:
            data[section.key] = [_entry(entry, section.fields) for entry in entries]
    data["roles"] = [role_data(role) for role in ladder.roles]
    # The ladder's own `x-` keys last, after its roles.
    return {key: value for key, value in data.items() if not fileformat.is_extension(key)} | dict(
        ladder.extensions
    )
