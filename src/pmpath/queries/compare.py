"""Two roles side by side, and the one type for a competency that moves from
one level to another (used by `compare`, the steps of `path`, and `gap`).

Pure Python over the model: no I/O, no Typer, no Rich.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmpath.ladder.model import Competency, Ladder, Rating, Role, ScaleLevel


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
    def measured(self) -> bool:
        """Whether both sides give a level: only then is there a change to
        count (a ladder in words only has none)."""
        return (
            self.before is not None
            and self.after is not None
            and self.before.level is not None
            and self.after.level is not None
        )

    @property
    def change(self) -> int | None:
        if self.before is None or self.after is None or self.before.level is None or self.after.level is None:
            return None
        return self.after.level - self.before.level


def level_changes(ladder: Ladder, before: Role, after: Role) -> tuple[LevelChange, ...]:
    """Every competency of the ladder, as rated by `before` and by `after`."""
    return tuple(
        LevelChange(c, before.competencies.get(c.id), after.competencies.get(c.id))
        for c in ladder.competencies
    )


@dataclass(frozen=True)
class Comparison:
    a: Role
    b: Role
    competencies: tuple[LevelChange, ...]
    scale: tuple[ScaleLevel, ...] = ()

    @property
    def level_change(self) -> int:
        return self.b.level - self.a.level

    @property
    def to_grow(self) -> list[LevelChange]:
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
    return Comparison(a, b, level_changes(ladder, a, b), ladder.scale)
