"""Two roles side by side, and the one type for a competency that moves from
one level to another (used by `compare`, the steps of `path`, and `gap`).

Pure Python over the model: no I/O, no Typer, no Rich.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from pmpath.errors import NoAnswer
from pmpath.ladder.model import Area, Competency, Ladder, Rating, Role, ScaleLevel, by_area


@dataclass(frozen=True)
class LevelChange:
    """A competency before and after a move. `None` on either side means that
    side does not describe the competency: that is neither a rise nor a fall."""

    competency: Competency
    before: Rating | None
    after: Rating | None

    @property
    def described(self) -> bool:
        """Whether either side describes the competency at all."""
        return self.before is not None or self.after is not None

    @property
    def newly_described(self) -> bool:
        """Whether one side describes it and the other does not."""
        return (self.before is None) != (self.after is None)

    @property
    def levels(self) -> tuple[int, int] | None:
        """The levels before and after, when both sides give one: only then is
        there a change to count (a ladder in words only has none)."""
        if self.before is None or self.after is None or self.before.level is None or self.after.level is None:
            return None
        return self.before.level, self.after.level

    @property
    def measured(self) -> bool:
        return self.levels is not None

    @property
    def change(self) -> int | None:
        levels = self.levels
        return None if levels is None else levels[1] - levels[0]


T = TypeVar("T")
AreaGroup = tuple[Area | None, tuple[LevelChange, ...]]


def level_changes(ladder: Ladder, before: Role, after: Role) -> tuple[LevelChange, ...]:
    """Every competency of the ladder, as rated by `before` and by `after`."""
    return tuple(
        LevelChange(c, before.competencies.get(c.id), after.competencies.get(c.id))
        for c in ladder.competencies
    )


def area_of_change(change: LevelChange) -> str:
    return change.competency.area


def described_by_area(changes: Iterable[LevelChange], areas: tuple[Area, ...]) -> tuple[AreaGroup, ...]:
    """The changes either side describes, grouped by area (`compare` and `gap`)."""
    return by_area((c for c in changes if c.described), areas, area_of_change)


def readiness(changes: Iterable[LevelChange]) -> float | None:
    """Share of the levels `after` asks for that `before` already reaches,
    0-100 with one decimal, or None when no cell has a level on both sides.

    The sum over measured cells of min(before, after), divided by the sum of
    the `after` levels: 100 means every level is met or exceeded. Cells that
    either side leaves undescribed, or describes in words only, count toward
    nothing. Measured cells that all ask for level 0 are fully met.
    """
    pairs = [levels for c in changes if (levels := c.levels) is not None]
    if not pairs:
        return None
    needed = sum(after for _, after in pairs)
    if not needed:
        return 100.0
    reached = sum(min(before, after) for before, after in pairs)
    return round(100 * reached / needed, 1)


def route_between(ladder: Ladder, start: Role, goal: Role) -> tuple[Role, ...]:
    """The shortest route from start to goal, both included, or () when no
    moves lead there (a move down or sideways with no link, say)."""
    from pmpath.queries.routes import shortest_route  # routes imports this module

    try:
        return tuple(shortest_route(ladder, start, goal))
    except NoAnswer:
        return ()


@dataclass(frozen=True)
class Comparison:
    a: Role
    b: Role
    competencies: tuple[LevelChange, ...]
    scale: tuple[ScaleLevel, ...] = ()
    # The shortest route from a to b, both included; () when none leads there.
    route: tuple[Role, ...] = ()
    areas: tuple[Area, ...] = ()
    # Whether the ladder gives no cell a level: then nothing is measured.
    words_only: bool = False

    @property
    def level_change(self) -> int:
        return self.b.level - self.a.level

    @property
    def same_role(self) -> bool:
        """Whether both names given mean one role (`compare pm pm`, or an id and its alias)."""
        return self.a.id == self.b.id

    @property
    def measured(self) -> tuple[LevelChange, ...]:
        """The cells with a level on both sides: all that readiness and what
        to grow count."""
        return tuple(c for c in self.competencies if c.measured)

    @property
    def to_grow(self) -> list[LevelChange]:
        """Competencies that rise from a to b, the largest rise first."""
        rising = [c for c in self.measured if (c.change or 0) > 0]
        return sorted(rising, key=lambda c: -(c.change or 0))

    @property
    def readiness(self) -> float | None:
        """How much of b's levels a's levels reach (see `readiness`)."""
        return readiness(self.competencies)

    @property
    def groups(self) -> tuple[AreaGroup, ...]:
        """The competencies either role describes, grouped by area."""
        return described_by_area(self.competencies, self.areas)

    @property
    def a_leads_to_b(self) -> bool:
        return self.b.id in self.a.next

    @property
    def b_leads_to_a(self) -> bool:
        return self.a.id in self.b.next


def compare(ladder: Ladder, a: Role, b: Role) -> Comparison:
    return Comparison(
        a,
        b,
        level_changes(ladder, a, b),
        ladder.scale,
        route_between(ladder, a, b),
        ladder.areas,
        ladder.words_only,
    )
