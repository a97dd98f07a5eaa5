"""A role with what surrounds it on the ladder: the answers of `show` and `next`.

Pure Python over the model: no I/O, no Typer, no Rich.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmpath.ladder.fileformat import MOVE_KINDS, name_key
from pmpath.ladder.model import Area, Competency, JobTitle, Ladder, Move, Role, ScaleLevel


@dataclass(frozen=True)
class Step:
    """One move between two roles, seen from one end: `role` is the other end."""

    role: Role
    move: Move


def by_kind(steps: tuple[Step, ...]) -> tuple[tuple[str, tuple[Step, ...]], ...]:
    """The steps grouped by the kind of their move, in the order of
    MOVE_KINDS, each group in the order of the file; empty groups left out."""
    groups: dict[str, list[Step]] = {kind: [] for kind in MOVE_KINDS}
    for step in steps:
        groups.setdefault(step.move.kind, []).append(step)
    return tuple((kind, tuple(found)) for kind, found in groups.items() if found)


@dataclass(frozen=True)
class RolePage:
    """Everything `show` prints about one role."""

    role: Role
    previous: tuple[Role, ...]
    following: tuple[Role, ...]
    # The ladder's competencies and scale, to name each rating.
    competencies: tuple[Competency, ...] = ()
    scale: tuple[ScaleLevel, ...] = ()
    # The ladder's areas, to group the competencies, and the job titles that mean this role.
    areas: tuple[Area, ...] = ()
    titles: tuple[JobTitle, ...] = ()
    # The moves out of the role (to `following`) and into it (from `previous`).
    leads_to: tuple[Step, ...] = ()
    comes_from: tuple[Step, ...] = ()


@dataclass(frozen=True)
class NextSteps:
    role: Role
    following: tuple[Role, ...]
    # The move to each role of `following`, in the same order.
    moves: tuple[Move, ...] = ()

    @property
    def steps(self) -> tuple[Step, ...]:
        return tuple(Step(role, move) for role, move in zip(self.following, self.moves, strict=True))


def _into(ladder: Ladder, role: Role) -> tuple[Step, ...]:
    """The moves that lead to role, from each role of its `previous`."""
    steps: list[Step] = []
    for before_id in role.previous:
        before = ladder.role(before_id)
        steps.extend(Step(before, move) for move in before.moves if move.to == role.id)
    return tuple(steps)


def role_page(ladder: Ladder, role: Role) -> RolePage:
    following = tuple(ladder.role(move.to) for move in role.moves)
    return RolePage(
        role,
        tuple(ladder.role(role_id) for role_id in role.previous),
        following,
        ladder.competencies,
        ladder.scale,
        ladder.areas,
        titles_of(ladder, role),
        tuple(Step(target, move) for target, move in zip(following, role.moves, strict=True)),
        _into(ladder, role),
    )


def next_steps(ladder: Ladder, role: Role) -> NextSteps:
    return NextSteps(role, tuple(ladder.role(move.to) for move in role.moves), role.moves)


def titles_of(ladder: Ladder, role: Role) -> tuple[JobTitle, ...]:
    """The job titles (`titles`) that mean this role, among others maybe,
    apart from the role's own title."""
    own = name_key(role.title)
    return tuple(title for title in ladder.titles if role.id in title.roles and name_key(title.title) != own)
