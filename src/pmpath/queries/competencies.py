"""What `competencies` shows: the ladder's areas, its competencies under
them, and the scale its levels are measured on. The ids here are the ones a
`--me` file rates.

Pure Python over the model: no I/O, no Typer, no Rich.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmpath.ladder.model import Area, Competency, Ladder, ScaleLevel


@dataclass(frozen=True)
class AreaCompetencies:
    area: Area
    competencies: tuple[Competency, ...]


@dataclass(frozen=True)
class CompetencyGuide:
    title: str
    # Every area the ladder lists, in its order, even one no competency is in.
    areas: tuple[AreaCompetencies, ...]
    # Competencies with no area, or one the ladder does not list: all of
    # them on a ladder without areas.
    ungrouped: tuple[Competency, ...]
    scale: tuple[ScaleLevel, ...]
    # Whether no cell of the ladder has a level: it is described in words.
    words_only: bool

    @property
    def groups(self) -> tuple[tuple[Area | None, tuple[Competency, ...]], ...]:
        """The competencies by area, leaving out empty areas; the ungrouped
        ones last, under None."""
        found: list[tuple[Area | None, tuple[Competency, ...]]] = [
            (group.area, group.competencies) for group in self.areas if group.competencies
        ]
        return (*found, (None, self.ungrouped)) if self.ungrouped else tuple(found)

    @property
    def count(self) -> int:
        return len(self.ungrouped) + sum(len(group.competencies) for group in self.areas)


def competency_guide(ladder: Ladder) -> CompetencyGuide:
    listed = {area.id for area in ladder.areas}
    return CompetencyGuide(
        ladder.title,
        tuple(
            AreaCompetencies(area, tuple(c for c in ladder.competencies if c.area == area.id))
            for area in ladder.areas
        ),
        tuple(c for c in ladder.competencies if c.area not in listed),
        ladder.scale,
        bool(ladder.competencies) and ladder.words_only,
    )
