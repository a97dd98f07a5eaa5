"""Two roles side by side: the level and competency changes between them.

Pure Python over the model: no I/O, no Typer, no Rich.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmpath.ladder.model import Competency, Ladder, Rating, Role


@dataclass(frozen=True)
class CompetencyChange:
    competency: Competency
    a: Rating | None
    b: Rating | None

    @property
    def change(self) -> int | None:
        if self.a is None or self.b is None:
            return None
        return self.b.level - self.a.level


@dataclass(frozen=True)
class Comparison:
    a: Role
    b: Role
    competencies: tuple[CompetencyChange, ...]

    @property
    def level_change(self) -> int:
        return self.b.level - self.a.level

    @property
    def to_grow(self) -> list[CompetencyChange]:
        """Competencies that rise from a to b, the largest rise first."""
        rising = [c for c in self.competencies if (c.change or 0) > 0]
        return sorted(rising, key=lambda c: -(c.change or 0))

    @property
    def a_leads_to_b(self) -> bool:
        return self.b.id in self.a.next

    @property
    def b_leads_to_a(self) -> bool:
        return self.a.id in self.b.next


def compare(ladder: Ladder, a: Role, b: Role) -> Comparison:
    changes = tuple(
        CompetencyChange(c, a.competencies.get(c.id), b.competencies.get(c.id)) for c in ladder.competencies
    )
    return Comparison(a, b, changes)
