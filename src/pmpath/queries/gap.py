"""What someone must grow to move from one role to another.

Pure Python over the model: no I/O, no Typer, no Rich.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

from pmpath.ladder.model import Area, Ladder, Move, Rating, Role
from pmpath.queries.compare import AreaGroup, LevelChange, described_by_area, readiness


@dataclass(frozen=True)
class PreviousAssessment:
    """The assessment before the one a gap uses: its date (ISO, or None) and levels."""

    date: str | None
    levels: Mapping[str, int]


class SignalsOnRoute:
    """The readiness signals on a result's route and which the person has
    met, for the results (`Gap`, `Plan`) that hold a `route` and the
    `signals_met` answered yes."""

    route: tuple[Role, ...]
    signals_met: frozenset[str]

    @property
    def signals(self) -> tuple[str, ...]:
        """Every signal on the way, each once (see `route_signals`)."""
        return route_signals(self.route)

    def signal_met(self, signal: str) -> bool:
        """Whether the person's latest answer to `signal` is yes."""
        return signal in self.signals_met

    @property
    def signals_met_count(self) -> int:
        return sum(1 for signal in self.signals if signal in self.signals_met)

    @property
    def signals_count(self) -> int:
        return len(self.signals)


@dataclass(frozen=True)
class Gap(SignalsOnRoute):
    # Where the levels come from: a role, or (self-assessed) a person who may name their role.
    start: Role | None
    goal: Role
    # The rungs from start to goal, both included; just the goal when there is
    # no start, and () when no route leads from start to goal.
    route: tuple[Role, ...]
    competencies: tuple[LevelChange, ...]
    self_assessed: bool = False
    # Competencies a self-assessment left out that the goal gives a level:
    # readiness leaves them out (they are not counted as 0).
    unrated: tuple[str, ...] = ()
    areas: tuple[Area, ...] = ()
    # Whether the ladder gives no cell a level: then nothing is measured.
    words_only: bool = False
    # Every competency of the ladder the self-assessment leaves out.
    not_assessed: tuple[str, ...] = ()
    # The date of the assessment used (ISO, None when undated), and the one before it.
    assessed_on: str | None = None
    previous: PreviousAssessment | None = None

    @property
    def same_role(self) -> bool:
        """Whether the start and the goal are one role (`gap pm pm`)."""
        return self.start is not None and self.start.id == self.goal.id

    def since_previous(self, competency_id: str) -> int | None:
        """The change in a competency's level since the previous assessment,
        when both assessed it."""
        if self.previous is None or self.levels_now is None:
            return None
        before = self.previous.levels.get(competency_id)
        now = self.levels_now.get(competency_id)
        return None if before is None or now is None else now - before

    levels_now: Mapping[str, int] | None = None
    # The readiness signals the person answered yes (latest answer wins, see
    # queries.progress.signals_met), and the date of the newest answer.
    signals_met: frozenset[str] = frozenset()
    signals_answered_on: str | None = None

    @property
    def route_found(self) -> bool:
        return bool(self.route)

    @property
    def left_behind(self) -> tuple[Role, ...]:
        """The rungs whose readiness signals must be shown on the way."""
        return self.route[:-1]

    @property
    def moves_taken(self) -> tuple[Move | None, ...]:
        """The move out of each rung left behind, onto the next one on the route."""
        return tuple(before.move_to(after.id) for before, after in itertools.pairwise(self.route))

    @property
    def measured(self) -> tuple[LevelChange, ...]:
        """The cells with a level on both sides: the only ones readiness counts.
        A cell either side leaves undescribed, or describes in words only,
        counts toward neither readiness nor what to grow."""
        return tuple(c for c in self.competencies if c.measured)

    @property
    def rated(self) -> int:
        """How many cells readiness counts: those with a level on both sides."""
        return len(self.measured)

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
        return readiness(self.competencies)

    @property
    def groups(self) -> tuple[AreaGroup, ...]:
        """The competencies either side describes, grouped by area."""
        return described_by_area(self.competencies, self.areas)


def route_signals(route: tuple[Role, ...]) -> tuple[str, ...]:
    """Every readiness signal to show on a route, each once: for each rung
    left behind, the move's own signals, then the rung's. What `gap` and
    `plan` list, and what `assess` asks."""
    found: dict[str, None] = {}
    for before, after in itertools.pairwise(route):
        move = before.move_to(after.id)
        for signal in (*(move.ready_when if move else ()), *before.ready_when):
            found.setdefault(signal, None)
    return tuple(found)


def gap(
    ladder: Ladder,
    start: Role | None,
    goal: Role,
    route: list[Role] | tuple[Role, ...],
    levels_now: Mapping[str, int] | None = None,
    assessed_on: str | None = None,
    previous: PreviousAssessment | None = None,
    signals_met: frozenset[str] = frozenset(),
    signals_answered_on: str | None = None,
) -> Gap:
    """What someone must grow to go from `start` (or from `levels_now`) to `goal`.

    `levels_now` overrides the starting role's levels with a person's own
    (from a self-assessment); a competency it leaves out was not assessed:
    it counts toward nothing, and is listed (in `unrated` where the goal
    gives it a level). `signals_met` are the readiness signals the person
    answered yes: they show as met.
    """
    changes = []
    unrated = []
    not_assessed = []
    for competency in ladder.competencies:
        after = goal.competencies.get(competency.id)
        before: Rating | None
        if levels_now is None:
            before = start.competencies.get(competency.id) if start is not None else None
        elif competency.id in levels_now:
            before = Rating(levels_now[competency.id])
        else:
            before = None  # not assessed: nothing to count
            not_assessed.append(competency.id)
            if after is not None and after.level is not None:
                unrated.append(competency.id)
        changes.append(LevelChange(competency, before, after))
    return Gap(
        start,
        goal,
        tuple(route),
        tuple(changes),
        levels_now is not None,
        tuple(unrated),
        ladder.areas,
        ladder.words_only,
        tuple(not_assessed),
        assessed_on,
        previous,
        levels_now,
        signals_met,
        signals_answered_on,
    )
