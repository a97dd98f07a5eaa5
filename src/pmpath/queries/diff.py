"""What changed between two versions of a ladder, grouped by role (`diff`).

Roles are matched by id, moves by the role they lead to, competencies by id
and the definitions (levels, tracks, areas, competencies, scale, job titles)
by their key. A role whose id changed is a role removed and a role added,
even when its title stayed: the id is what files, `--me` assessments and
scripts name it by, so its history does not carry over on its own.
The `x-` extension keys are not compared.

Pure Python over the model: no I/O, no Typer, no Rich.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from pmpath.ladder.fileformat import PROSE_FIELDS
from pmpath.ladder.fileformat import ROLE_FIELDS as ROLE_SPECS
from pmpath.ladder.model import Competency, Ladder, Move, Rating, Role
from pmpath.queries.compare import LevelChange

# A value of a field, as the file writes it: text, a number, a list of texts.
Value = str | int | tuple[str, ...] | None

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
# Raised or lowered when both sides give a number; reworded when only the
# words changed; changed when a level was given or taken away.
RAISED, LOWERED, REWORDED, DROPPED = "raised", "lowered", "reworded", "dropped"
RETYPED, SIGNALS = "retyped", "signals"

LADDER_FIELDS = ("title", "description", "version", "source", "license")
# Each role field compared, as the file names it, and the model attribute.
ROLE_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "title"),
    ("aliases", "aliases"),
    ("level", "level"),
    ("level_label", "level_label"),
    ("track", "tracks"),
    *((spec.name, spec.attr) for spec in PROSE_FIELDS),
)
_HEADINGS = {spec.name: spec.heading for spec in ROLE_SPECS} | {"level_label": "Level name"}
# Lists of names or ids, shown whole rather than item by item.
_NAME_LISTS = ("aliases", "track", "roles")
RATING_TEXTS = (("expectation", "statements"), ("examples", "examples"), ("not_yet", "not_yet"))


def field_heading(field: str) -> str:
    """A field's name for people: a role field's heading ('Also called'),
    else the key in words ('Level name')."""
    return _HEADINGS.get(field) or field.replace("_", " ").capitalize()


def shift_marker(change: int | None) -> str:
    """'▲ +1' or '▼ -2', as `compare` marks a change of level; '' for none."""
    if not change:
        return ""
    return f"▲ +{change}" if change > 0 else f"▼ {change}"


def value_text(value: Value) -> str:
    """A value on one line for people: a list joined with ', ', none as '—'."""
    if value is None or value == "" or value == ():
        return "—"
    return ", ".join(value) if isinstance(value, tuple) else str(value)


@dataclass(frozen=True)
class FieldChange:
    """One field, named as the file names it, before and after."""

    field: str
    old: Value
    new: Value

    @property
    def items(self) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """For a list of sentences (responsibilities, signals): the items
        removed and the items added (both empty when only the order
        changed). None for other values, lists of names included."""
        old, new = self.old, self.new
        if not (isinstance(old, tuple) and isinstance(new, tuple)) or self.field in _NAME_LISTS:
            return None
        kept, had = frozenset(new), frozenset(old)  # lists may be long: no search of a tuple per item
        return tuple(i for i in old if i not in kept), tuple(i for i in new if i not in had)


@dataclass(frozen=True)
class DefinitionChange:
    """A level name, track, area, competency, scale step or job title of the
    ladder: added, removed, or changed in the fields listed."""

    section: str  # "levels", "tracks", "areas", "competencies", "scale", "titles"
    key: str | int  # the level number, the id, or the job title
    name: str  # what people call it (NEW's word, or OLD's when removed)
    change: str  # ADDED, REMOVED or CHANGED
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class MoveChange:
    """A move out of a role, matched by the role it leads to: added, removed,
    retyped (another kind of move; its signals may have changed too), or
    the same kind with other signals."""

    to: str
    title: str  # the title of the role it leads to
    change: str  # ADDED, REMOVED, RETYPED or SIGNALS
    old: Move | None
    new: Move | None

    @property
    def signals(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The move's own signals removed and added (none for a move added or removed)."""
        if self.old is None or self.new is None:
            return (), ()
        return FieldChange("ready_when", self.old.ready_when, self.new.ready_when).items or ((), ())


@dataclass(frozen=True)
class CompetencyChange:
    """One competency of a role: added, dropped, raised, lowered (the level),
    reworded (only the words), or changed (a level given or taken away).
    `reworded` names the texts that differ, whatever the level did."""

    level: LevelChange
    change: str
    reworded: tuple[str, ...] = ()

    @property
    def competency(self) -> Competency:
        return self.level.competency


@dataclass(frozen=True)
class RoleChange:
    """Everything that changed for the people at one role. An added or
    removed role lists no details: the whole role is new, or gone."""

    id: str
    change: str  # ADDED, REMOVED or CHANGED
    old: Role | None
    new: Role | None
    fields: tuple[FieldChange, ...] = ()
    moves: tuple[MoveChange, ...] = ()
    competencies: tuple[CompetencyChange, ...] = ()

    @property
    def role(self) -> Role:
        """The role as NEW has it, or as OLD had it when removed."""
        found = self.new or self.old
        assert found is not None
        return found

    def field(self, name: str) -> FieldChange | None:
        return next((change for change in self.fields if change.field == name), None)


@dataclass(frozen=True)
class LadderDiff:
    old_name: str
    new_name: str
    ladder: tuple[FieldChange, ...]
    definitions: tuple[DefinitionChange, ...]
    roles: tuple[RoleChange, ...]  # in NEW's order, then the removed ones in OLD's

    @property
    def empty(self) -> bool:
        return not (self.ladder or self.definitions or self.roles)

    def definitions_by_section(self) -> tuple[tuple[str, tuple[DefinitionChange, ...]], ...]:
        """The definitions that changed, under each section's title ('Levels'), in the file's order."""
        found = []
        for section, title in SECTION_TITLES.items():
            changes = tuple(change for change in self.definitions if change.section == section)
            if changes:
                found.append((title, changes))
        return tuple(found)


K = TypeVar("K")
T = TypeVar("T")


def _keyed_union(
    old: Iterable[T], new: Iterable[T], key: Callable[[T], K]
) -> list[tuple[K, T | None, T | None]]:
    """Items of both sides matched by key: NEW's order, then those only in OLD."""
    before = {key(item): item for item in old}
    after = {key(item): item for item in new}
    pairs = [(k, before.get(k), item) for k, item in after.items()]
    return pairs + [(k, item, None) for k, item in before.items() if k not in after]


def _plain(value: Any) -> Value:
    return tuple(value) if isinstance(value, (tuple, list)) else value


def _field_changes(old: object, new: object, fields: Iterable[tuple[str, str]]) -> tuple[FieldChange, ...]:
    changes = []
    for name, attr in fields:
        before, after = _plain(getattr(old, attr)), _plain(getattr(new, attr))
        if before != after:
            changes.append(FieldChange(name, before, after))
    return tuple(changes)


SECTION_TITLES = {
    "levels": "Levels",
    "tracks": "Tracks",
    "areas": "Areas",
    "competencies": "Competencies",
    "scale": "Scale",
    "titles": "Job titles",
}
# Per section: the key of an item, its name for people, the fields compared.
_SECTIONS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("levels", "level", "label", ("label", "description")),
    ("tracks", "id", "title", ("title", "description")),
    ("areas", "id", "name", ("name", "description")),
    ("competencies", "id", "name", ("name", "description", "area")),
    ("scale", "level", "name", ("name", "description")),
    ("titles", "title", "title", ("roles", "note")),
)


def _definitions(old: Ladder, new: Ladder) -> tuple[DefinitionChange, ...]:
    found = []
    for section, key_attr, name_attr, fields in _SECTIONS:
        pairs = _keyed_union(getattr(old, section), getattr(new, section), operator.attrgetter(key_attr))
        for key, before, after in pairs:
            name = getattr(after or before, name_attr)
            if before is None:
                found.append(DefinitionChange(section, key, name, ADDED))
            elif after is None:
                found.append(DefinitionChange(section, key, name, REMOVED))
            elif changed := _field_changes(before, after, ((f, f) for f in fields)):
                found.append(DefinitionChange(section, key, name, CHANGED, changed))
    return tuple(found)


def _title_of(old: Ladder, new: Ladder, role_id: str) -> str:
    role = new.by_id.get(role_id) or old.by_id.get(role_id)
    return role.title if role else role_id


def _moves(old: Ladder, new: Ladder, before: Role, after: Role) -> tuple[MoveChange, ...]:
    found = []
    for to, was, now in _keyed_union(before.moves, after.moves, lambda move: move.to):
        if was is None:
            change = ADDED
        elif now is None:
            change = REMOVED
        elif was.kind != now.kind:
            change = RETYPED
        elif was.ready_when != now.ready_when:
            change = SIGNALS
        else:
            continue
        found.append(MoveChange(to, _title_of(old, new, to), change, was, now))
    return tuple(found)


def _rating_change(was: Rating | None, now: Rating | None) -> tuple[str, tuple[str, ...]] | None:
    """The headline change of one competency and the texts reworded, or None."""
    if was is None:
        return ADDED, ()
    if now is None:
        return DROPPED, ()
    reworded = tuple(name for name, attr in RATING_TEXTS if getattr(was, attr) != getattr(now, attr))
    if was.level != now.level:
        if was.level is None or now.level is None:
            return CHANGED, reworded
        return (RAISED if now.level > was.level else LOWERED), reworded
    return (REWORDED, reworded) if reworded else None


def _competencies(named: Mapping[str, Competency], before: Role, after: Role) -> tuple[CompetencyChange, ...]:
    """Each competency of the role that changed; one neither ladder defines
    is named by its id."""
    found = []
    pairs = _keyed_union(before.competencies.items(), after.competencies.items(), lambda pair: pair[0])
    for key, was, now in pairs:
        rating_was, rating_now = (was[1] if was else None), (now[1] if now else None)
        outcome = _rating_change(rating_was, rating_now)
        if outcome is not None:
            level = LevelChange(named.get(key) or Competency(key, key), rating_was, rating_now)
            found.append(CompetencyChange(level, *outcome))
    return tuple(found)


def _role_change(
    old: Ladder, new: Ladder, named: Mapping[str, Competency], before: Role | None, after: Role | None
) -> RoleChange | None:
    if before is None or after is None:
        role = after or before
        assert role is not None
        return RoleChange(role.id, ADDED if before is None else REMOVED, before, after)
    change = RoleChange(
        after.id,
        CHANGED,
        before,
        after,
        _field_changes(before, after, ROLE_FIELDS),
        _moves(old, new, before, after),
        _competencies(named, before, after),
    )
    return change if change.fields or change.moves or change.competencies else None


def diff(old: Ladder, new: Ladder, old_name: str, new_name: str) -> LadderDiff:
    """What changed from `old` to `new`, named `old_name` and `new_name`."""
    named = {c.id: c for c in (*old.competencies, *new.competencies)}  # NEW's names win
    roles = []
    for _, before, after in _keyed_union(old.roles, new.roles, lambda role: role.id):
        if (change := _role_change(old, new, named, before, after)) is not None:
            roles.append(change)
    metadata = _field_changes(old, new, ((name, name) for name in LADDER_FIELDS))
    return LadderDiff(old_name, new_name, metadata, _definitions(old, new), tuple(roles))
