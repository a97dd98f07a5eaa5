"""A growth plan to take to a manager: the route to a role, the few
competencies to work on first, and the signals to collect evidence for.

Pure Python over the model: no I/O, no Typer, no Rich.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pmpath.ladder.model import Competency, Ladder, Move, Rating, Role, ScaleLevel
from pmpath.queries.compare import route_between
from pmpath.queries.gap import SignalsOnRoute, gap

# At most this many focus areas: a plan with more is a list, not a focus.
MAX_FOCUS = 3


def focus_rule(goal_title: str) -> str:
    """The rule that picks the focus areas, in words: every output states it."""
    return (
        f"Focus areas are the competencies where your level is furthest below the level "
        f"{goal_title} asks for: at most {MAX_FOCUS}, the largest gap first, and equal gaps in "
        f"the order the ladder lists its competencies. Only competencies you assessed and "
        f"{goal_title} gives a level count; those you did not assess are listed apart, "
        f"not counted as 0."
    )


@dataclass(frozen=True)
class Shortfall:
    """A competency the person has below the level the goal asks for."""

    competency: Competency
    now: int
    needed: int
    # The goal's cell: what the level looks like, examples, not-yet signs.
    rating: Rating

    @property
    def gap(self) -> int:
        return self.needed - self.now


@dataclass(frozen=True)
class Leaving:
    """A rung left on the way, the move out of it, and where that move leads."""

    role: Role
    to: Role
    move: Move | None

    @property
    def kind(self) -> str | None:
        return self.move.kind if self.move is not None else None

    @property
    def move_signals(self) -> tuple[str, ...]:
        return self.move.ready_when if self.move is not None else ()

    @property
    def signals(self) -> tuple[str, ...]:
        """The move's own signals first, then the rung's, as `gap` and `path` list them."""
        return (*self.move_signals, *self.role.ready_when)


@dataclass(frozen=True)
class Plan(SignalsOnRoute):
    goal: Role
    # The role the person holds, as their file names it (None: it names none).
    start: Role | None
    # The rungs from start to goal, both included; () when the file names no
    # role or no route leads from it to the goal.
    route: tuple[Role, ...]
    # The move onto each rung of the route (None for the first).
    kinds: tuple[str | None, ...]
    # The largest shortfalls, at most MAX_FOCUS (see `focus_rule`).
    focus: tuple[Shortfall, ...]
    # The other shortfalls, in the same order.
    also_short: tuple[Shortfall, ...]
    # Competencies the goal gives a level that the person did not assess.
    not_assessed: tuple[Competency, ...]
    # Competencies with a level on both sides: what the focus is chosen from.
    measured: int
    # Each rung left on the route, with the signals to show before leaving it.
    leaving: tuple[Leaving, ...]
    scale: tuple[ScaleLevel, ...] = ()
    # Whether the ladder gives no cell a level: then nothing is measured.
    words_only: bool = False
    # The readiness signals the person answered yes (latest answer wins, see
    # queries.progress.signals_met), and the date of the newest answer.
    signals_met: frozenset[str] = frozenset()
    signals_answered_on: str | None = None

    @property
    def route_found(self) -> bool:
        return bool(self.route)

    @property
    def already_there(self) -> bool:
        return self.start is not None and self.start.id == self.goal.id

    @property
    def all_met(self) -> bool:
        """Whether the person meets every level they assessed (and at least one is measured)."""
        return self.measured > 0 and not self.focus

    @property
    def rule(self) -> str:
        return focus_rule(self.goal.title)


def plan(
    ladder: Ladder,
    goal: Role,
    levels: Mapping[str, int],
    role_id: str | None,
    signals_met: frozenset[str] = frozenset(),
    signals_answered_on: str | None = None,
) -> Plan:
    """The plan from a person's own levels (and the role their file names) to
    `goal`; `signals_met` are the readiness signals they answered yes."""
    start = ladder.by_id.get(role_id) if role_id else None
    route = route_between(ladder, start, goal) if start is not None else ()
    # `gap` knows which move each rung left behind takes: the signals it shows.
    on_the_way = gap(ladder, start, goal, route)
    leaving = tuple(
        Leaving(role, after, move)
        for role, after, move in zip(on_the_way.left_behind, route[1:], on_the_way.moves_taken, strict=True)
    )
    kinds = (None, *(step.kind for step in leaving)) if route else ()
    short: list[Shortfall] = []
    not_assessed: list[Competency] = []
    measured = 0
    for competency in ladder.competencies:  # ladder order: the tie-break
        rating = goal.competencies.get(competency.id)
        if rating is None or rating.level is None:
            continue  # the goal asks for no level here: nothing to measure
        if competency.id not in levels:
            not_assessed.append(competency)
            continue
        measured += 1
        now = levels[competency.id]
        if now < rating.level:
            short.append(Shortfall(competency, now, rating.level, rating))
    ranked = sorted(short, key=lambda s: -s.gap)  # stable: equal gaps keep ladder order
    return Plan(
        goal,
        start,
        route,
        kinds,
        tuple(ranked[:MAX_FOCUS]),
        tuple(ranked[MAX_FOCUS:]),
        tuple(not_assessed),
        measured,
        leaving,
        ladder.scale,
        ladder.words_only,
        signals_met,
        signals_answered_on,
    )
