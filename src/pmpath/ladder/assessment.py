"""A person's own competency levels, read from a `--me` file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pmpath.errors import FileProblem, LadderError
from pmpath.ladder.checking import Checker, Path_, kind_name
from pmpath.ladder.fileformat import SCALE_LEVEL_MAX, SCALE_LEVEL_MIN
from pmpath.ladder.model import Ladder
from pmpath.ladder.reading import decode, read_bytes


@dataclass(frozen=True)
class SelfAssessment:
    """A person's own competency levels, and optionally the role they hold."""

    levels: Mapping[str, int]
    role: str | None = None


def load_self_assessment(path: Path, ladder: Ladder) -> SelfAssessment:
    """Read a person's levels (YAML or JSON) and check them against the ladder:

    role: pm                 # optional: the role held now
    competencies:
      product-strategy: 2
    """
    from pmpath.ladder import yamlsafe

    try:
        text = decode(read_bytes(path))
        data, root = yamlsafe.parse(text)
    except FileProblem as fatal:
        raise LadderError(str(path), [fatal.problem]) from None
    checker = Checker()
    levels: dict[str, int] = {}
    role: str | None = None
    if not isinstance(data, dict):
        checker.error((), f"a self-assessment must be a mapping with 'competencies:', not {kind_name(data)}")
    else:
        checker.unknown_keys(data, ("role", "competencies"), (), "a self-assessment")
        if data.get("role") is not None:
            role = checker.text(data["role"], ("role",), "'role'")
            if role and role not in ladder.by_id:
                checker.error(("role",), f"unknown role '{role}'{checker.suggest(role, ladder.by_id)}")
        ratings = checker.mapping(data.get("competencies"), ("competencies",), "'competencies'") or {}
        known = {c.id for c in ladder.competencies}
        scale = {step.level for step in ladder.scale}
        for key, value in ratings.items():
            where: Path_ = ("competencies", str(key))
            if key not in known:
                checker.error(where, f"unknown competency '{key}'{checker.suggest(str(key), known)}")
                continue
            level = checker.integer(value, where, f"'{key}'", SCALE_LEVEL_MIN, SCALE_LEVEL_MAX)
            if level is None:
                continue
            if scale and level not in scale:
                checker.error(
                    where, f"'{key}' level {level} is outside the scale ({min(scale)}-{max(scale)})"
                )
            levels[str(key)] = level
    errors = [p for p in checker.problems if not p.warning]
    if errors:
        raise LadderError(str(path), yamlsafe.with_lines(errors, root, text))
    return SelfAssessment(levels, role or None)
