"""A person's levels over time, from the assessments of a `--me` file.

Pure Python over the model: no I/O, no Typer, no Rich.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pmpath.ladder.assessment import SelfAssessment
from pmpath.ladder.model import Competency, Ladder


@dataclass(frozen=True)
class AssessmentInfo:
    date: str | None  # ISO, None when undated
    role: str | None
    target: str | None


@dataclass(frozen=True)
class CompetencyProgress:
    competency: Competency
    # One per assessment, oldest first; None where it was not assessed.
    levels: tuple[int | None, ...]

    @property
    def assessed(self) -> tuple[int, ...]:
        return tuple(level for level in self.levels if level is not None)

    @property
    def latest(self) -> int | None:
        return self.levels[-1] if self.levels else None

    @property
    def change(self) -> int | None:
        """The latest level given minus the first, when it was assessed twice or more."""
        found = self.assessed
        return found[-1] - found[0] if len(found) > 1 else None


@dataclass(frozen=True)
class SignalProgress:
    signal: str
    met: bool  # the latest answer: yes (True) or not yet (False)
    date: str | None  # of the assessment that gave the latest answer


@dataclass(frozen=True)
class Progress:
    assessments: tuple[AssessmentInfo, ...]
    competencies: tuple[CompetencyProgress, ...]
    # Every signal ever answered, in the order first asked; the latest answer wins.
    signals: tuple[SignalProgress, ...]
    # The scale's lowest and highest steps, for charts (None without a scale).
    scale_low: int | None = None
    scale_high: int | None = None

    @property
    def signals_met(self) -> tuple[SignalProgress, ...]:
        return tuple(s for s in self.signals if s.met)


def progress(ladder: Ladder, assessments: Sequence[SelfAssessment]) -> Progress:
    """Each competency's levels across the assessments (oldest first), and
    the readiness signals answered."""
    infos = tuple(
        AssessmentInfo(a.date.isoformat() if a.date else None, a.role, a.target) for a in assessments
    )
    competencies = tuple(
        CompetencyProgress(c, tuple(a.levels.get(c.id) for a in assessments)) for c in ladder.competencies
    )
    latest: dict[str, SignalProgress] = {}
    for info, assessment in zip(infos, assessments, strict=True):
        for answer in assessment.signals:
            # A later answer replaces an earlier one, in the place the first had.
            latest[answer.signal] = SignalProgress(answer.signal, answer.met, info.date)
    steps = [s.level for s in ladder.scale]
    return Progress(
        infos,
        competencies,
        tuple(latest.values()),
        min(steps) if steps else None,
        max(steps) if steps else None,
    )
