"""Check plain YAML data and build the frozen model from it, noting every
problem with the path of the offending value (lines are looked up later, only
when there is something to report).

Every part of the file is read by its table in `fileformat`: `fields` checks
one mapping against a table and returns its values; the parts that refer to
each other (role levels and tracks, competency areas, moves and titles) are
checked once everything they can refer to is known.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pmpath.ladder import fileformat
from pmpath.ladder.checking import Checker, Path_, kind_name
from pmpath.ladder.fileformat import FieldSpec, Section
from pmpath.ladder.model import (
    EMPTY,
    Area,
    Competency,
    JobTitle,
    Ladder,
    LevelName,
    Move,
    Rating,
    Role,
    ScaleLevel,
    Track,
)
from pmpath.ladder.naming import alias_problem, id_problem, invisible_in, lookalike_letter, skeleton

_BUILDS = {
    "levels": LevelName,
    "tracks": Track,
    "areas": Area,
    "competencies": Competency,
    "scale": ScaleLevel,
    "titles": JobTitle,
}
# The key of each section's entries that must be unique, and how to call it.
_UNIQUE = {
    "levels": ("level", "level {} is named twice"),
    "tracks": ("id", "track id '{}' is used twice"),
    "areas": ("id", "area id '{}' is used twice"),
    "competencies": ("id", "competency id '{}' is used twice"),
    "scale": ("level", "scale level {} is defined twice"),
}


_TABLES: dict[int, dict[str, FieldSpec]] = {}
_ID = re.compile(fileformat.ID_PATTERN)
_NUMBERS = ("int", "level")
_REQUIRED_ROLE_FIELDS = tuple(
    spec.attr for spec in fileformat.ROLE_FIELDS if spec.required
)  # kinds whose plain value is a whole number within the spec's bounds


def _by_name(specs: tuple[FieldSpec, ...]) -> dict[str, FieldSpec]:
    """A table's specs by key name (the tables are module constants)."""
    table = _TABLES.get(id(specs))
    if table is None:
        table = _TABLES[id(specs)] = {spec.name: spec for spec in specs}
    return table


class _Missing:
    """A value that could not be read (an error is noted)."""


MISSING: Any = _Missing()


class Builder(Checker):
    """Checks a ladder's plain YAML data and turns it into a Ladder."""

    def build(self, data: object, source: Path) -> Ladder | None:
        if data is None:
            self.error((), "the file is empty; a ladder needs a 'roles:' list")
            return None
        if not isinstance(data, dict):
            self.error((), f"a ladder must be a mapping with a 'roles:' list, not {kind_name(data)}")
            return None
        top = self.fields(data, fileformat.LADDER_FIELDS, (), "the ladder", extra=fileformat.LADDER_KEYS)
        parts: dict[str, Any] = {
            section.key: self.section(data.get(section.key), section) for section in fileformat.SECTIONS
        }
        self.labels_unique(parts["levels"])
        self.areas_known(parts["competencies"], {area.id for area in parts["areas"]})
        if "roles" not in data:
            self.error((), "the ladder has no 'roles:' list")
            return None
        raw_roles = data["roles"]
        if not isinstance(raw_roles, list) or not raw_roles:
            self.error(("roles",), f"'roles' must be a non-empty list, not {kind_name(raw_roles)}")
            return None
        context = _Context(
            competencies={c.id for c in parts["competencies"]},
            scale_levels={s.level for s in parts["scale"]},
            labels={fileformat.name_key(name.label): name.level for name in parts["levels"]},
            tracks={track.id for track in parts["tracks"]},
        )
        labels = [name.label for name in parts["levels"]]
        context.some_labels = ", ".join(labels[:8]) + (", ..." if len(labels) > 8 else "")
        placed = [
            (index, role)
            for index, raw in enumerate(raw_roles)
            if (role := self.role(raw, ("roles", index), context)) is not None
        ]
        names_by_level = {name.level: name.label for name in parts["levels"]}
        roles = self.check_links(placed, names_by_level)
        self.check_ratings(placed, context, bool(parts["scale"]))
        self.titles_known(parts["titles"], {role.id for role in roles})
        sections: dict[str, Any] = {key: tuple(entries) for key, entries in parts.items()}
        return Ladder(roles=tuple(roles), **top, **sections, path=source)

    # -- one mapping against its table ---------------------------------------------
    def fields(
        self,
        entry: dict[Any, Any],
        specs: tuple[FieldSpec, ...],
        path: Path_,
        what: str,
        extra: tuple[str, ...] = (),
        context: _Context | None = None,
        prefix: str = "",
    ) -> dict[str, Any]:
        """The checked values of the keys `specs` describes, plus `extensions`
        (the `x-` keys). Missing required keys are errors, unknown keys
        warnings; `extra` keys are read elsewhere."""
        by_name = _by_name(specs)
        values: dict[str, Any] = {}
        extensions: dict[str, Any] = {}
        # One pass over the keys written: a role has many optional fields, and
        # a large ladder many roles.
        for key, raw in entry.items():
            spec = by_name.get(key)
            if spec is None:
                if fileformat.is_extension(key):
                    extensions[key] = raw
                elif key not in extra:
                    hint = self.suggest(str(key), extra or by_name)
                    self.warn((*path, str(key)), f"unknown key '{key}' in {what}{hint}; it is ignored")
                continue
            # The commonest values, checked in full without the general readers.
            kind, raw_type = spec.kind, type(raw)
            if raw_type is str and (
                (kind == "text" and (not spec.required or raw.strip()))
                or (kind == "line" and raw.isprintable() and (not spec.required or raw.strip()))
                or (kind == "id" and raw.isascii() and _ID.fullmatch(raw))
            ):
                values[spec.attr] = raw
                continue
            if raw_type is int and kind in _NUMBERS and spec.minimum <= raw <= spec.maximum:
                values[spec.attr] = raw
                continue
            value = self.value(spec, raw, (*path, key), context, prefix)
            if value is not MISSING:
                values[spec.attr] = value
        for spec in specs:
            if spec.required and spec.name not in entry:
                self.error(path, f"{what} is missing required key '{spec.name}'")
        if extensions:
            values["extensions"] = self.plain(extensions, path)
        return values

    def value(
        self, spec: FieldSpec, value: object, where: Path_, context: _Context | None, prefix: str = ""
    ) -> Any:
        what = f"{prefix}'{spec.name}'"
        kind = spec.kind
        if kind == "id":
            return self.identifier(value, where, what)
        if kind in ("text", "line"):
            text = self.text(value, where, what)
            if spec.required and isinstance(value, str) and not value.strip():
                self.error(where, f"{what} must not be empty")
            if kind == "line":
                text = self.one_line(text, where, what)
            return text
        if kind == "int":
            low, high = spec.minimum or 0, spec.maximum or 0
            number = self.integer(value, where, what, low, high)
            return MISSING if number is None else number
        if kind == "text_list":
            return self.text_list(value, where, what)
        if kind in ("statements", "track_list"):  # one text, or a list of them
            return (
                (self.text(value, where, what),)
                if not isinstance(value, list)
                else self.text_list(value, where, what)
            )
        if kind == "alias_list":
            return self.aliases(value, where, what)
        if kind == "id_list":  # a repeated id is warned about, then kept once
            ids = self.text_list(value, where, what)
            if len(set(ids)) < len(ids):
                self.warn(where, f"{what} names the same role more than once")
            return tuple(dict.fromkeys(ids))
        if kind == "kind":
            if value in fileformat.MOVE_KINDS:
                return value
            self.error(where, f"{what} must be one of {', '.join(fileformat.MOVE_KINDS)}, not {value!r}")
            return MISSING
        assert context is not None, f"{kind} fields are read with a context"
        if kind == "level":
            return self.level(value, where, spec, context)
        if kind == "moves":
            return self.moves(value, where)
        if kind == "ratings":
            return self.ratings(value, where, context)
        raise AssertionError(f"no reader for {kind}")

    def plain(self, value: Any, path: Path_) -> Any:
        """`x-` values as plain data that JSON and YAML both hold: dates
        become ISO text; what neither can hold is an error."""
        if isinstance(value, dict):
            plain = {}
            for key, item in value.items():
                if not isinstance(key, str):
                    self.error(
                        (*path, str(key)), f"keys under an 'x-' key must be text, not {kind_name(key)}"
                    )
                    continue
                plain[key] = self.plain(item, (*path, key))
            return plain
        if isinstance(value, list):
            return [self.plain(item, (*path, index)) for index, item in enumerate(value)]
        import datetime  # only for `x-` values: most ladders have none

        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            self.error(path, f"'{value}' cannot be kept: JSON has no such number")
            return None
        if value is None or isinstance(value, (str, int, float, bool)):
            return value
        self.error(path, f"{kind_name(value)} cannot be kept in an 'x-' value; write it as text")
        return None

    # -- the lists at the top ------------------------------------------------------
    def section(self, raw: object, section: Section) -> list[Any]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.error((section.key,), f"'{section.key}' must be a list, not {kind_name(raw)}")
            return []
        unique_key, twice = _UNIQUE.get(section.key, ("", ""))
        seen: set[object] = set()
        built = []
        for index, item in enumerate(raw):
            path: Path_ = (section.key, index)
            entry = self.mapping(item, path, section.what)
            if entry is None:
                continue
            values = self.fields(entry, section.fields, path, section.what, prefix=section.prefix)
            if not all(spec.attr in values for spec in section.fields if spec.required):
                continue
            if unique_key:
                if values[unique_key] in seen:
                    self.error((*path, unique_key), twice.format(values[unique_key]))
                seen.add(values[unique_key])
            built.append(_BUILDS[section.key](**values))
        return built

    def labels_unique(self, levels: list[LevelName]) -> None:
        owner: dict[str, int] = {}
        for index, name in enumerate(levels):
            first = owner.setdefault(fileformat.name_key(name.label), name.level)
            if first != name.level:
                self.error(
                    ("levels", index, "label"), f"label '{name.label}' is also the label of level {first}"
                )

    def areas_known(self, competencies: list[Competency], areas: set[str]) -> None:
        for index, competency in enumerate(competencies):
            if competency.area and competency.area not in areas:
                hint = self.suggest(competency.area, areas)
                self.error(
                    ("competencies", index, "area"),
                    f"competency '{competency.id}' is in unknown area '{competency.area}'{hint}",
                )

    def titles_known(self, titles: list[JobTitle], roles: set[str]) -> None:
        for index, title in enumerate(titles):
            for role_id in title.roles:
                if role_id not in roles:
                    hint = self.suggest(role_id, roles)
                    self.error(
                        ("titles", index, "roles"),
                        f"title '{title.title}' names unknown role '{role_id}'{hint}",
                    )

    # -- values ----------------------------------------------------------------------
    def identifier(self, value: object, path: Path_, what: str) -> str:
        if value is None:
            self.error(path, f"{what} is missing")
            return ""
        text = self.text(value, path, what)
        if isinstance(value, str) and (problem := id_problem(text, what)):
            self.error(path, problem)
        return text

    def aliases(self, value: object, path: Path_, what: str) -> tuple[str, ...]:
        aliases = self.text_list(value, path, what)
        for index, alias in enumerate(aliases):
            if problem := alias_problem(alias):
                self.error((*path, index), problem)
        return aliases

    def level(self, value: object, where: Path_, spec: FieldSpec, context: _Context) -> Any:
        """A role's level: a number, or a label from `levels`."""
        if isinstance(value, str) and context.labels:
            found = context.labels.get(fileformat.name_key(value))  # labels are unique ignoring case
            if found is not None:
                return found
            self.error(
                where, f"level '{value}' is not a label in 'levels' (the labels are: {context.some_labels})"
            )
            return UNKNOWN_LEVEL
        number = self.integer(value, where, "'level'", spec.minimum or 0, spec.maximum or 0)
        return UNKNOWN_LEVEL if number is None else number

    def moves(self, raw: object, where: Path_) -> tuple[_RawMove, ...]:
        """The entries of `next`, checked on their own; their targets and
        kinds are checked once every role is known."""
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.error(where, f"'next' must be a list of role ids or moves, not {kind_name(raw)}")
            return ()
        found: list[_RawMove] = []
        for index, item in enumerate(raw):
            if type(item) is str:  # the commonest move: a bare id
                found.append(_RawMove(where, index, item, None))
            elif isinstance(item, dict):
                values = self.fields(item, fileformat.MOVE_FIELDS, (*where, index), "a move")
                # A kind that could not be read is reported once, not again as a missing kind.
                if "to" in values and ("kind" in values or "kind" not in item):
                    found.append(_RawMove(where, index, values["to"], values))
            else:
                self.error(
                    (*where, index), f"'next' entries must be a role id or a move, not {kind_name(item)}"
                )
        return tuple(found)

    def ratings(self, raw: object, path: Path_, context: _Context) -> dict[str, Rating]:
        if raw is None:
            return {}
        entry = self.mapping(raw, path, "'competencies'")
        if entry is None:
            return {}
        ratings: dict[str, Rating] = {}
        for key, value in entry.items():
            if type(value) is int and value in _SHORTHAND and key in context.competencies:
                ratings[key] = _SHORTHAND[value]  # the commonest rating: a level alone
                continue
            if fileformat.is_extension(key):  # kept by `role`, beside the ratings
                continue
            where = (*path, str(key))
            if str(key) not in context.competencies:
                hint = self.suggest(str(key), context.competencies)
                self.error(where, f"unknown competency '{key}'{hint}")
                continue
            # The level alone (shorthand); `2.0` is 2 here too, as in the schema.
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                level = self.integer(value, where, f"'{key}' level", *_SCALE_BOUNDS)
                if level is not None:
                    ratings[str(key)] = Rating(level)
                continue
            spec = self.mapping(value, where, f"rating of '{key}'")
            if spec is None:
                continue
            # The level is read here, to be named "'craft' level" in messages.
            words = {name: value for name, value in spec.items() if name != "level"}
            values = self.fields(words, fileformat.RATING_FIELDS, where, f"the rating of '{key}'")
            if "level" in spec:
                values["level"] = self.integer(
                    spec["level"], (*where, "level"), f"'{key}' level", *_SCALE_BOUNDS
                )
                if values["level"] is None:
                    continue
            if "level" not in values and not values.get("expectation"):
                self.error(where, f"the rating of '{key}' needs a 'level', an 'expectation', or both")
                continue
            values["statements"] = values.pop("expectation", ())
            ratings[str(key)] = Rating(**{"level": None, **values})
        return ratings

    def check_ratings(
        self, placed: list[tuple[int, dict[str, Any]]], context: _Context, has_scale: bool
    ) -> None:
        """Levels on the scale; partial ratings; cells with and without levels mixed."""
        scale = context.scale_levels
        leveled: tuple[Path_, str] | None = None
        worded: tuple[Path_, str] | None = None
        for index, values in placed:
            rated: dict[str, Rating] = values.get("competencies", {})
            for key, rating in rated.items():
                where: Path_ = ("roles", index, "competencies", key)
                if rating.level is None:
                    worded = worded or (where, f"'{key}' of '{values['id']}'")
                    continue
                leveled = leveled or (where, f"'{key}' of '{values['id']}'")
                if scale and rating.level not in scale:
                    self.error(
                        where,
                        f"'{key}' level {rating.level} is outside the scale ({min(scale)}-{max(scale)})",
                    )
            missing = [c for c in context.competencies if c not in rated]
            if rated and missing:
                self.warn(
                    ("roles", index, "competencies"),
                    f"'{values['id']}' does not rate: {_some(sorted(missing))}",
                )
        if leveled and not has_scale:
            self.warn(leveled[0], f"{leveled[1]} has a level but the ladder has no 'scale' to name it")
        if leveled and worded:
            self.warn(
                worded[0],
                f"{worded[1]} has no level while {leveled[1]} has one: cells without a level "
                "count toward neither readiness nor what to grow",
            )

    def role(self, raw: object, path: Path_, context: _Context) -> dict[str, Any] | None:
        """The checked field values of one role, or None if it is unusable."""
        entry = self.mapping(raw, path, "each role")
        if entry is None:
            return None
        values = self.fields(entry, fileformat.ROLE_FIELDS, path, "a role", context=context)
        if not all(name in values for name in _REQUIRED_ROLE_FIELDS):
            return None
        if hidden := invisible_in(values["title"]):
            self.warn((*path, "title"), f"'title' contains the invisible character {hidden}")
        ratings = entry.get("competencies")
        if isinstance(ratings, dict) and any(fileformat.is_extension(key) for key in ratings):
            extensions = {key: value for key, value in ratings.items() if fileformat.is_extension(key)}
            values["competency_extensions"] = self.plain(extensions, (*path, "competencies"))
        for number, track in enumerate(values.get("tracks", ())):
            if context.tracks and track not in context.tracks:
                where = (*path, "track", number) if isinstance(entry["track"], list) else (*path, "track")
                hint = self.suggest(track, context.tracks)
                self.error(where, f"'{values['id']}' is on unknown track '{track}'{hint}")
        return values

    def lookalike(self, looks: dict[str, tuple[str, str]], name: str, role_id: str, path: Path_) -> None:
        """Warn when a name differs from another role's only by lookalike
        letters from another script (a Cyrillic dze in 'senior')."""
        other, owner = looks.setdefault(skeleton(fileformat.name_key(name)), (name, role_id))
        if owner != role_id:
            letter = lookalike_letter(name) or lookalike_letter(other)
            self.warn(
                path,
                f"name '{name}' of '{role_id}' looks like '{other}' of '{owner}' "
                f"but is spelt differently ({letter})",
            )

    def check_names(self, placed: list[tuple[int, dict[str, Any]]]) -> dict[str, tuple[int, dict[str, Any]]]:
        """Duplicate ids and colliding names; the roles by id."""
        names: dict[str, str] = {}  # casefolded id or alias -> owning role id
        looks: dict[str, tuple[str, str]] = {}  # skeleton -> (a name, its role id)
        titles: dict[str, str] = {}  # casefolded title -> first role id with it
        by_id: dict[str, tuple[int, dict[str, Any]]] = {}
        for index, values in placed:
            role_id, title, aliases = values["id"], values["title"], values.get("aliases", ())
            if role_id in by_id:
                self.error(("roles", index, "id"), f"role id '{role_id}' is used twice")
                continue
            by_id[role_id] = (index, values)
            first = titles.setdefault(fileformat.name_key(title), role_id)
            if first != role_id:
                self.warn(
                    ("roles", index, "title"),
                    f"title '{title}' is also the title of '{first}'; "
                    "the command line will call the title ambiguous",
                )
            for name in (role_id, *aliases):
                owner = names.setdefault(fileformat.name_key(name), role_id)
                if owner != role_id:
                    self.error(
                        ("roles", index, "aliases"),
                        f"name '{name}' of '{role_id}' is already used by '{owner}'",
                    )
                    continue
                self.lookalike(looks, name, role_id, ("roles", index, "aliases" if name in aliases else "id"))
        return by_id

    def check_links(
        self, placed: list[tuple[int, dict[str, Any]]], names_by_level: dict[int, str]
    ) -> list[Role]:
        """Names, then every move: its target exists, and its kind is known or
        follows from the levels. Builds each role once, with `previous`
        derived from every other role's moves.

        `placed` pairs each role's checked values with its index in the file.
        """
        by_id = self.check_names(placed)
        levels = {role_id: values["level"] for role_id, (_, values) in by_id.items()}
        previous: dict[str, list[str]] = {role_id: [] for role_id in by_id}
        built_moves: dict[str, tuple[Move, ...]] = {}
        for role_id, (_, values) in by_id.items():
            moves: dict[str, Move] = {}
            for raw in values.pop("moves", ()):
                move = self.move(role_id, values["level"], raw, levels)
                if move is None:
                    continue
                if move.to in moves:
                    self.warn(raw.path, f"'next' of '{role_id}' names '{move.to}' more than once")
                    continue
                moves[move.to] = move
                previous[move.to].append(role_id)
            built_moves[role_id] = tuple(moves.values())
        return [
            Role(
                **values,
                moves=built_moves[role_id],
                previous=tuple(previous[role_id]),
                level_label=names_by_level.get(values["level"], ""),
            )
            for role_id, (_, values) in by_id.items()
        ]

    def move(self, role_id: str, level: int, raw: _RawMove, levels: dict[str, int]) -> Move | None:
        target, values = raw.to, raw.values
        if target == role_id:
            self.error(raw.to_path, f"role '{role_id}' lists itself in 'next'")
            return None
        target_level = levels.get(target)
        if target_level is None:
            hint = self.suggest(target, levels)
            self.error(raw.to_path, f"'next' of '{role_id}' names unknown role '{target}'{hint}")
            return None
        kind = values.get("kind") if values is not None else None
        if UNKNOWN_LEVEL in (level, target_level):  # already reported: no guess about the kind
            kind = kind or "promotion"
        elif kind is None:
            if target_level < level:
                self.error(
                    raw.to_path,
                    f"'{role_id}' (level {level}) leads down to '{target}' (level {target_level}): "
                    f"a move down must name its kind ({', '.join(fileformat.MOVE_KINDS)})",
                )
                return None
            kind = "promotion" if target_level > level else "lateral"
        elif kind == "promotion" and target_level <= level:
            self.warn(
                (*raw.path, "kind"), f"'{role_id}' is promoted to '{target}', which is not a higher level"
            )
        elif kind == "lateral" and target_level != level:
            self.warn(
                (*raw.path, "kind"),
                f"'{role_id}' (level {level}) moves across to '{target}' (level {target_level}): "
                "a lateral move stays at the same level",
            )
        if values is None:
            return Move(target, kind)
        return Move(
            target,
            kind,
            declared="kind" in values,
            ready_when=values.get("ready_when", ()),
            extensions=values.get("extensions", EMPTY),
        )


_SCALE_BOUNDS = (fileformat.SCALE_LEVEL_MIN, fileformat.SCALE_LEVEL_MAX)
# The level of a role whose level could not be read (an error is noted): no
# real level is negative, so no move into or out of it is judged by it.
UNKNOWN_LEVEL = -1
# A rating written as a level alone, one shared (frozen) object per level.
_SHORTHAND = {level: Rating(level) for level in range(_SCALE_BOUNDS[0], _SCALE_BOUNDS[1] + 1)}


def _some(names: list[str], shown: int = 10) -> str:
    """The first few names, and how many more: a message per role must not
    grow with the size of the whole ladder."""
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


class _Context:
    """What a role's fields may refer to: competencies, scale levels, level
    labels and tracks."""

    def __init__(
        self, competencies: set[str], scale_levels: set[int], labels: dict[str, int], tracks: set[str]
    ) -> None:
        self.competencies = competencies
        self.scale_levels = scale_levels
        self.labels = labels
        self.tracks = tracks
        # Named in each unknown-label error: worked out once, not per error.
        self.some_labels = ""


class _RawMove:
    """A move as read, before its target is known: where it was written, the
    id it leads to, and its other values when it was written as a mapping."""

    __slots__ = ("index", "to", "values", "where")

    def __init__(self, where: Path_, index: int, to: str, values: dict[str, Any] | None) -> None:
        self.where, self.index, self.to, self.values = where, index, to, values

    @property
    def path(self) -> Path_:
        return (*self.where, self.index)

    @property
    def to_path(self) -> Path_:
        """Where the target is written: the entry itself, or its `to` key."""
        return self.path if self.values is None else (*self.path, "to")
