"""What someone must grow to move from one role to another.

Pure Python over the model: no I/O, no Typer, no Rich.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pmpath.ladder.model import Ladder, Rating, Role
from pmpath.queries.compare import LevelChange


@dataclass(frozen=True)
class Gap:
    # Where the levels come from: a role, or (self-assessed) a person who may name their role.
    start: Role | None
    route: tuple[Role, ...]
    competencies: tuple[LevelChange, ...]
    self_assessed: bool = False
    # Competencies a self-assessment left out (counted as 0).
    unrated: tuple[str, ...] = ()

    @property
    def goal(self) -> Role:
        return self.route[-1]

    @property
    def left_behind(self) -> tuple[Role, ...]:
        """The rungs whose readiness signals must be shown on the way."""
        return self.route[:-1]

    @property
    def goal_describes(self) -> int:
        """How many competencies the goal describes."""
        return sum(1 for c in self.competencies if c.after is not None)

    @property
    def measured(self) -> tuple[LevelChange, ...]:
        """The cells with a level on both sides: the only ones readiness counts.
        A cell either side leaves undescribed, or describes in words only,
        counts toward neither readiness nor what to grow."""
        return tuple(c for c in self.competencies if c.measured)

    @property
    def met(self) -> int:
        return sum(1 for c in self.measured if (c.change or 0) <= 0)

    @property
    def readiness(self) -> float | None:
        """Share of the goal's competency levels already reached, 0-100, or
        None where no cell has a level on both sides (not applicable).

        Sum over measured cells of min(now, needed), divided by the sum of
        the levels needed: 100 means every level is met or exceeded.
        """
        pairs = [(c.before.level, c.after.level) for c in self.measured if c.before and c.after]
        needed = sum(after or 0 for _, after in pairs)
        if not needed:
            return None
        reached = sum(min(before or 0, after or 0) for before, after in pairs)
        return round(100 * reached / needed, 1)


def gap(
    ladder: Ladder,
    start: Role | None,
    route: list[Role],
    levels_now: Mapping[str, int] | None = None,
) -> Gap:
    """What someone must grow to go from route[0] to route[-1].

    `levels_now` overrides the starting role's levels with a person's own
    (from a self-assessment); competencies it leaves out count as 0.
    """
    goal = route[-1]
    changes = []
    for competency in ladder.competencies:
        if levels_now is not None:
            before: Rating | None = Rating(levels_now.get(competency.id, 0))
        else:
            before = route[0].competencies.get(competency.id)
        changes.append(LevelChange(competency, before, goal.competencies.get(competency.id)))
    unrated = tuple(c.id for c in ladder.competencies if levels_now is not None and c.id not in levels_now)
    return Gap(start, tuple(route), tuple(changes), levels_now is not None, unrated)
