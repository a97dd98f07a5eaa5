"""Searching the text of every role. Pure Python: no I/O, no Typer, no Rich."""

from __future__ import annotations

from dataclasses import dataclass

from pmpath.errors import UsageProblem
from pmpath.ladder.fileformat import NAME_FIELDS, PROSE_FIELDS
from pmpath.ladder.model import Ladder, Role


@dataclass(frozen=True)
class Match:
    field: str  # the key in the file: `summary`, or `competencies.<id>` for an expectation
    label: str  # what people call it: "Summary", or the competency's name
    text: str


@dataclass(frozen=True)
class SearchHit:
    role: Role
    matches: tuple[Match, ...]


@dataclass(frozen=True)
class SearchResult:
    text: str
    hits: tuple[SearchHit, ...]


def _searchable(ladder: Ladder, role: Role) -> list[Match]:
    """Every piece of text `search` looks through, in display order."""
    found = []
    for spec in (*NAME_FIELDS, *PROSE_FIELDS):
        value = getattr(role, spec.name)
        for item in value if isinstance(value, tuple) else (value,):
            found.append(Match(spec.name, spec.heading, item))
    for move in role.moves:  # the signals a move asks for itself
        found += [
            Match("next.ready_when", f"Ready to move to {move.to} when", item) for item in move.ready_when
        ]
    names = {c.id: c.name for c in ladder.competencies}
    for key, rating in role.competencies.items():
        name = names.get(key, key)
        found.append(Match(f"competencies.{key}", name, rating.expectation))
        found += [Match(f"competencies.{key}.examples", f"{name}, example", item) for item in rating.examples]
        found += [Match(f"competencies.{key}.not_yet", f"{name}, not yet", item) for item in rating.not_yet]
    return [match for match in found if match.text]


def search(ladder: Ladder, text: str) -> SearchResult:
    """Roles whose text contains TEXT, ignoring case, in ladder order."""
    needle = text.strip().casefold()
    if not needle:
        raise UsageProblem("search text cannot be empty")
    hits = []
    for role in ladder.roles:
        matches = tuple(m for m in _searchable(ladder, role) if needle in m.text.casefold())
        if matches:
            hits.append(SearchHit(role, matches))
    return SearchResult(text, tuple(hits))
