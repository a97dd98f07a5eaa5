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
    steps = [s.level for s in ladder.scale]
    return Progress(
        infos,
        competencies,
        latest_answers(assessments),
        min(steps) if steps else None,
        max(steps) if steps else None,
    )


def latest_answers(assessments: Sequence[SelfAssessment]) -> tuple[SignalProgress, ...]:
    """Every signal answered across the assessments (oldest first), in the
    order first asked, with its latest answer: a later answer replaces an
    earlier one, and an assessment that leaves a signal out (skipped it)
    keeps the earlier answer. Signals are matched by their exact text."""
    latest: dict[str, SignalProgress] = {}
    for assessment in assessments:
        date = assessment.date.isoformat() if assessment.date else None
        for answer in assessment.signals:
            latest[answer.signal] = SignalProgress(answer.signal, answer.met, date)
    return tuple(latest.values())


@dataclass(frozen=True)
class SignalsMet:
    """What `gap` and `plan` need of the answers: the signals whose latest
    answer is yes, and the date of the newest assessment that answered any
    (None when none did, or it is undated)."""

    met: frozenset[str] = frozenset()
    answered_on: str | None = None

    @property
    def parts(self) -> tuple[frozenset[str], str | None]:
        """(met, answered_on): the last two arguments of `gap` and `plan`."""
        return self.met, self.answered_on


def signals_met(assessments: Sequence[SelfAssessment]) -> SignalsMet:
    """The signals met by the rule of `latest_answers`. Every assessment of a
    file counts: they are ordered by date, so all are at or before the latest."""
    answered = [a for a in assessments if a.signals]
    newest = answered[-1].date if answered else None
    met = frozenset(s.signal for s in latest_answers(assessments) if s.met)
    return SignalsMet(met, newest.isoformat() if newest else None)
