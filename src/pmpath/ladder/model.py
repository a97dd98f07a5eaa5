"""The ladder as frozen dataclasses. Pure data: no I/O, no Typer, no Rich.

`extensions` holds the `x-` keys written on that part of the file, as plain
data (text, numbers, true/false, null, lists and mappings), so that exports
give them back unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NoReturn, TypeVar

Extensions = Mapping[str, Any]


class _Empty(Mapping[str, Any]):
    """A read-only empty mapping that dataclasses accept as a default (it is
    hashable): one shared instance instead of a new dict per move, rating
    and role of a large ladder."""

    def __getitem__(self, key: str) -> NoReturn:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __hash__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "{}"


EMPTY: Mapping[str, Any] = _Empty()


# Slots only on the classes a large ladder has many of: they save memory per
# instance, and cost ~0.2 ms more to define than a plain dataclass (~1 ms),
# which every start pays.
@dataclass(frozen=True, slots=True)
class Rating:
    """How a role describes one competency: a level on the scale (None on a
    ladder described in words only), and what that looks like."""

    level: int | None
    statements: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    not_yet: tuple[str, ...] = ()
    extensions: Extensions = EMPTY

    @property
    def expectation(self) -> str:
        """The statements as one text, one per line."""
        return "\n".join(self.statements)


@dataclass(frozen=True, slots=True)
class Move:
    """One way out of a role: to another role, of a kind (see
    fileformat.MOVE_KINDS), with the signals that someone is ready for it."""

    to: str
    kind: str
    # Whether the file names the kind; an inferred kind is not written back.
    declared: bool = False
    ready_when: tuple[str, ...] = ()
    extensions: Extensions = EMPTY


@dataclass(frozen=True)
class Competency:
    id: str
    name: str
    description: str = ""
    area: str = ""
    extensions: Extensions = EMPTY


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    description: str = ""
    extensions: Extensions = EMPTY


@dataclass(frozen=True)
class Track:
    id: str
    title: str
    description: str = ""
    extensions: Extensions = EMPTY


@dataclass(frozen=True)
class LevelName:
    """A name for a numeric level, shared by every track."""

    level: int
    label: str
    description: str = ""
    extensions: Extensions = EMPTY


@dataclass(frozen=True)
class ScaleLevel:
    level: int
    name: str
    description: str = ""
    extensions: Extensions = EMPTY


@dataclass(frozen=True)
class JobTitle:
    """A title people use (`Head of Product`) and the roles it usually means."""

    title: str
    roles: tuple[str, ...]
    note: str = ""
    extensions: Extensions = EMPTY


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    title: str
    level: int
    aliases: tuple[str, ...] = ()
    # One track, or the tracks that share this rung.
    tracks: tuple[str, ...] = ()
    summary: str = ""
    scope: str = ""
    responsibilities: tuple[str, ...] = ()
    in_practice: tuple[str, ...] = ()
    ready_when: tuple[str, ...] = ()
    stand_out: tuple[str, ...] = ()
    brings: tuple[str, ...] = ()
    to_learn: tuple[str, ...] = ()
    moves: tuple[Move, ...] = ()
    # Derived by the loader from every other role's moves; never written in YAML.
    previous: tuple[str, ...] = ()
    competencies: Mapping[str, Rating] = EMPTY
    # The `x-` keys written among the ratings.
    competency_extensions: Extensions = EMPTY
    # The name of `level` in the ladder's `levels`, if it has one (derived).
    level_label: str = ""
    extensions: Extensions = EMPTY
    # The ids of `moves`, in order: what every walk over the ladder follows.
    next: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "next", tuple([move.to for move in self.moves]))

    @property
    def track(self) -> str:
        """The track, or the shared tracks joined with ', '."""
        return ", ".join(self.tracks)

    def move_to(self, role_id: str) -> Move | None:
        """The move out of this role onto `role_id`, if it has one."""
        return next((move for move in self.moves if move.to == role_id), None)

    @property
    def level_name(self) -> str:
        """'L4' where the ladder names the level, else '4'."""
        return self.level_label or str(self.level)


@dataclass(frozen=True)
class Ladder:
    roles: tuple[Role, ...]
    title: str = ""
    description: str = ""
    version: str = ""
    # Where the ladder comes from (a URL or citation), as the file says.
    source: str = ""
    license: str = ""
    levels: tuple[LevelName, ...] = ()
    tracks: tuple[Track, ...] = ()
    areas: tuple[Area, ...] = ()
    competencies: tuple[Competency, ...] = ()
    scale: tuple[ScaleLevel, ...] = ()
    titles: tuple[JobTitle, ...] = ()
    extensions: Extensions = EMPTY
    # The file the ladder was loaded from.
    path: Path | None = None
    by_id: Mapping[str, Role] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.by_id:
            object.__setattr__(self, "by_id", {role.id: role for role in self.roles})

    def role(self, role_id: str) -> Role:
        return self.by_id[role_id]

    @cached_property
    def track_order(self) -> Mapping[str, int]:
        """Each track's place: the ladder's tracks in the order it lists
        them, then any track only roles name, in the order they first do."""
        order = {track.id: place for place, track in enumerate(self.tracks)}
        for role in self.roles:
            for track in role.tracks:
                order.setdefault(track, len(order))
        return order

    def tracks_of(self, role: Role) -> tuple[str, ...]:
        """The role's tracks in the ladder's track order (see `track_order`):
        a rung that `[ic, mgmt]` and `[mgmt, ic]` name is one set of tracks,
        grouped once wherever rungs are grouped by their tracks."""
        return tuple(sorted(set(role.tracks), key=self.track_order.__getitem__))

    def scale_name(self, level: int | None) -> str:
        return scale_name(self.scale, level)

    @property
    def words_only(self) -> bool:
        """Whether no cell of the ladder has a level: it is described in words."""
        return not any(r.level is not None for role in self.roles for r in role.competencies.values())

    def competencies_by_area(self) -> tuple[tuple[Area | None, tuple[Competency, ...]], ...]:
        """The competencies grouped by area (see `by_area`)."""
        return by_area(self.competencies, self.areas, _area_of)


def _area_of(competency: Competency) -> str:
    return competency.area


T = TypeVar("T")


def by_area(
    items: Iterable[T], areas: tuple[Area, ...], area_of: Callable[[T], str]
) -> tuple[tuple[Area | None, tuple[T, ...]], ...]:
    """Items (competencies, or changes of them) grouped by area, in the order
    of `areas`, each group in the order given; those with no area (or one
    the ladder does not list) come last, under None."""
    groups: dict[str, list[T]] = {area.id: [] for area in areas}
    rest: list[T] = []
    for item in items:
        groups.get(area_of(item), rest).append(item)
    named = {area.id: area for area in areas}
    found: list[tuple[Area | None, tuple[T, ...]]] = [
        (named[key], tuple(group)) for key, group in groups.items() if group
    ]
    if rest:
        found.append((None, tuple(rest)))
    return tuple(found)


def scale_name(scale: tuple[ScaleLevel, ...], level: int | None) -> str:
    """The name of a level on a scale, or "" when the scale has no such step."""
    return next((step.name for step in scale if step.level == level), "")
