"""The ladder as frozen dataclasses. Pure data: no I/O, no Typer, no Rich."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


# Slots only on the classes a large ladder has many of: they save memory per
# instance, and cost ~0.2 ms more to define than a plain dataclass (~1 ms),
# which every start pays.
@dataclass(frozen=True, slots=True)
class Rating:
    """How strongly a role needs one competency, and what that looks like."""

    level: int
    expectation: str = ""


@dataclass(frozen=True)
class Competency:
    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class ScaleLevel:
    level: int
    name: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    title: str
    level: int
    aliases: tuple[str, ...] = ()
    track: str = ""
    summary: str = ""
    scope: str = ""
    responsibilities: tuple[str, ...] = ()
    in_practice: tuple[str, ...] = ()
    ready_when: tuple[str, ...] = ()
    stand_out: tuple[str, ...] = ()
    brings: tuple[str, ...] = ()
    to_learn: tuple[str, ...] = ()
    next: tuple[str, ...] = ()
    # Derived by the loader from every other role's `next`; never written in YAML.
    previous: tuple[str, ...] = ()
    competencies: Mapping[str, Rating] = field(default_factory=dict)


@dataclass(frozen=True)
class Ladder:
    roles: tuple[Role, ...]
    title: str = ""
    description: str = ""
    competencies: tuple[Competency, ...] = ()
    scale: tuple[ScaleLevel, ...] = ()
    source: Path | None = None
    by_id: Mapping[str, Role] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.by_id:
            object.__setattr__(self, "by_id", {role.id: role for role in self.roles})

    def role(self, role_id: str) -> Role:
        return self.by_id[role_id]

    def scale_name(self, level: int) -> str:
        return scale_name(self.scale, level)


def scale_name(scale: tuple[ScaleLevel, ...], level: int) -> str:
    """The name of a level on a scale, or "" when the scale has no such step."""
    return next((step.name for step in scale if step.level == level), "")


@dataclass(frozen=True)
class SelfAssessment:
    """A person's own competency levels, and optionally the role they hold."""

    levels: Mapping[str, int]
    role: str | None = None
