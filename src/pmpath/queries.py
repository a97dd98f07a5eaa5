"""Questions asked of a ladder. Pure Python: no I/O, no Typer, no Rich."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from pmpath.errors import UsageProblem
from pmpath.model import Competency, Ladder, Rating, Role


def _names(role: Role) -> list[str]:
    return [role.id, *role.aliases]


def resolve_role(ladder: Ladder, name: str) -> Role:
    """Find the role a user meant by NAME.

    Tried in order, ignoring case: an exact id or alias (unique in a valid
    ladder); an exact title; a prefix of an id or alias that one role has.
    """
    wanted = name.strip().casefold()
    if not wanted:
        raise UsageProblem("a role name cannot be empty; run 'pmpath list' to see the roles")
    for role in ladder.roles:
        if any(n.casefold() == wanted for n in _names(role)):
            return role
    by_title = [role for role in ladder.roles if role.title.casefold() == wanted]
    if len(by_title) == 1:
        return by_title[0]
    if by_title:
        raise _ambiguous(name, by_title)
    by_prefix = [role for role in ladder.roles if any(n.casefold().startswith(wanted) for n in _names(role))]
    if len(by_prefix) == 1:
        return by_prefix[0]
    if by_prefix:
        raise _ambiguous(name, by_prefix)
    raise UsageProblem(f"no role matches '{name}'.{_suggestion(ladder, wanted)}")


def _ambiguous(name: str, roles: list[Role]) -> UsageProblem:
    listed = ", ".join(f"'{role.id}' ({role.title})" for role in roles)
    return UsageProblem(f"'{name}' matches more than one role: {listed}")


def _suggestion(ladder: Ladder, wanted: str) -> str:
    """Close names, one per role (the closest name of each)."""
    owner = {name.casefold(): role.id for role in ladder.roles for name in _names(role)}
    owner.update({role.title.casefold(): role.id for role in ladder.roles})
    close = difflib.get_close_matches(wanted, list(owner), n=6, cutoff=0.6)
    picks: dict[str, str] = {}  # role id -> closest name
    for name in close:
        picks.setdefault(owner[name], name)
    names = list(picks.values())[:3]
    if not names:
        return " Run 'pmpath list' to see every role."
    if len(names) == 1:
        return f" Did you mean '{names[0]}'?"
    return " Did you mean one of: " + ", ".join(f"'{n}'" for n in names) + "?"


def next_roles(ladder: Ladder, role: Role) -> list[Role]:
    return [ladder.role(role_id) for role_id in role.next]


def previous_roles(ladder: Ladder, role: Role) -> list[Role]:
    return [ladder.role(role_id) for role_id in role.previous]


@dataclass(frozen=True, slots=True)
class CompetencyChange:
    competency: Competency
    a: Rating | None
    b: Rating | None

    @property
    def change(self) -> int | None:
        if self.a is None or self.b is None:
            return None
        return self.b.level - self.a.level


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Match:
    field: str
    text: str


@dataclass(frozen=True, slots=True)
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
