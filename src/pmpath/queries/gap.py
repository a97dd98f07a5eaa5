"""What someone must grow to move from one role to another.

Pure Python over the model: no I/O, no Typer, no Rich.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pmpath.ladder.model import Competency, Ladder, Rating, Role


@dataclass(frozen=True)
class CompetencyGap:
    competency: Competency
    now: int | None
    needed: int | None
    target: Rating | None

    @property
    def change(self) -> int | None:
        if self.now is None or self.needed is None:
            return None
        return self.needed - self.now


@dataclass(frozen=True)
class Gap:
    route: tuple[Role, ...]
    competencies: tuple[CompetencyGap, ...]
    # (role, its readiness signals) for each rung left behind on the route.
    signals: tuple[tuple[Role, tuple[str, ...]], ...] = field(default=())
    # Competencies a self-assessment left out (counted as 0).
    unrated: tuple[str, ...] = ()

    @property
    def readiness(self) -> float | None:
        """Share of the target's competency levels already reached, 0-100.

        Sum over competencies of min(now, needed), divided by the sum of the
        levels needed: 100 means every level is met or exceeded.
        """
        rated = [g for g in self.competencies if g.needed is not None]
        needed = sum(g.needed or 0 for g in rated)
        if not needed:
            return None
        reached = sum(min(g.now or 0, g.needed or 0) for g in rated)
        return round(100 * reached / needed, 1)

    @property
    def met(self) -> int:
        return sum(1 for g in self.competencies if g.needed is not None and (g.now or 0) >= g.needed)


def gap(
    ladder: Ladder,
    route: list[Role],
    levels_now: Mapping[str, int] | None = None,
) -> Gap:
    """What someone must grow to go from route[0] to route[-1].

    `levels_now` overrides the starting role's levels with a person's own
    (from a self-assessment); competencies it leaves out count as 0.
    """
    start, goal = route[0], route[-1]
    gaps = []
    for competency in ladder.competencies:
        if levels_now is not None:
            now: int | None = levels_now.get(competency.id, 0)
        else:
            rating = start.competencies.get(competency.id)
            now = rating.level if rating else None
        target = goal.competencies.get(competency.id)
        gaps.append(CompetencyGap(competency, now, target.level if target else None, target))
    signals = tuple((role, role.ready_when) for role in route[:-1])
    unrated = tuple(c.id for c in ladder.competencies if levels_now is not None and c.id not in levels_now)
    return Gap(tuple(route), tuple(gaps), signals, unrated)
