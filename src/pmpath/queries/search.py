"""Searching the text of every role. Pure Python: no I/O, no Typer, no Rich."""

from __future__ import annotations

from dataclasses import dataclass

from pmpath.errors import UsageProblem
from pmpath.ladder.model import Ladder, Role


@dataclass(frozen=True)
class Match:
    field: str
    text: str


@dataclass(frozen=True)
class SearchHit:
    role: Role
    matches: tuple[Match, ...]


def _searchable(role: Role) -> list[tuple[str, str]]:
    """(field, text) pairs that `search` looks through, in display order."""
    pairs = [("title", role.title)]
    pairs += [("aliases", alias) for alias in role.aliases]
    pairs += [("summary", role.summary), ("scope", role.scope)]
    for name in ("responsibilities", "in_practice", "ready_when", "stand_out", "brings", "to_learn"):
        pairs += [(name, item) for item in getattr(role, name)]
    pairs += [(f"competencies.{key}", rating.expectation) for key, rating in role.competencies.items()]
    return [(name, text) for name, text in pairs if text]


def search(ladder: Ladder, text: str) -> list[SearchHit]:
    """Roles whose text contains TEXT, ignoring case, in ladder order."""
    needle = text.strip().casefold()
    if not needle:
        raise UsageProblem("search text cannot be empty")
    hits = []
    for role in ladder.roles:
        matches = tuple(Match(name, value) for name, value in _searchable(role) if needle in value.casefold())
        if matches:
            hits.append(SearchHit(role, matches))
    return hits
