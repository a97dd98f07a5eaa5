"""A role with what surrounds it on the ladder: the answers of `show` and `next`.

Pure Python over the model: no I/O, no Typer, no Rich.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmpath.ladder.model import Area, Competency, JobTitle, Ladder, Role, ScaleLevel
from pmpath.queries.listing import titles_of


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


@dataclass(frozen=True)
class NextSteps:
    role: Role
    following: tuple[Role, ...]


def role_page(ladder: Ladder, role: Role) -> RolePage:
    return RolePage(
        role,
        tuple(ladder.role(role_id) for role_id in role.previous),
        tuple(ladder.role(role_id) for role_id in role.next),
        ladder.competencies,
        ladder.scale,
        ladder.areas,
        titles_of(ladder, role),
    )


def next_steps(ladder: Ladder, role: Role) -> NextSteps:
    return NextSteps(role, tuple(ladder.role(role_id) for role_id in role.next))
