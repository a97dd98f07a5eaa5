"""`validate`'s answer: every problem in a ladder file, and whether it is usable."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pmpath.errors import Problem
from pmpath.ladder.loading import check_ladder


@dataclass(frozen=True)
class Validation:
    file: str
    roles: int | None  # None when the ladder could not be built
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if not p.warning)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    @property
    def valid(self) -> bool:
        return self.errors == 0

    def lines(self) -> list[str]:
        """What `validate` prints: FILE:LINE: message per problem, then a verdict."""
        found = [p.format(self.file) for p in self.problems]
        if self.valid:
            warned = f", {self.warnings} warning(s)" if self.warnings else ""
            return [*found, f"{self.file}: valid: {self.roles} roles{warned}"]
        return [*found, f"{self.file}: invalid: {self.errors} error(s), {self.warnings} warning(s)"]


def validate(source: Path) -> Validation:
    ladder, problems = check_ladder(source, strict=True)
    return Validation(str(source), len(ladder.roles) if ladder else None, tuple(problems))
