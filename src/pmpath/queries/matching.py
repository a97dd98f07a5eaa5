"""Which roles a job title may mean: `pmpath match`.

Pure Python: no I/O, no Typer, no Rich. The title's words are compared as
`names.words` reads every name, so `Sr. Product Manager, Payments` has the
words senior, product, manager and payments.

The rule, ladder-independent:
1. A name of a role (its id, an alias, its title) or an entry of the
   ladder's `titles:` fits when every one of its words is in the title; the
   title's other words (a domain, a team) are set aside.
2. Only if no name fits so, names that share a distinctive word with the
   title: one that fewer than half the roles have among their names, so
   that "product" or "manager" alone finds nothing on a PM ladder.
A role whose matched words are a strict part of another candidate's is
left out ("Product Manager" once "Senior Product Manager" fits). Best first:
more of the title's words matched, then a name with exactly the title's
words, then the order of the ladder (and of a `titles:` entry's roles).
"""

from __future__ import annotations

from dataclasses import dataclass

from pmpath.errors import UsageProblem
from pmpath.ladder.model import Ladder, Role
from pmpath.queries.names import ALIAS, ID, JOB_TITLE, TITLE, Name, ladder_names, word_groups

MAX_TITLE_CHARACTERS = 200
MAX_TITLE_WORDS = 20

# Which of a role's own names explains a match, when several fit as well.
_OWN_PREFERENCE = {TITLE: 0, ID: 1, ALIAS: 2}


@dataclass(frozen=True)
class Candidate:
    role: Role
    why: str
    # The title's words that the role's names have; and whether one of
    # them is distinctive (see `common_words`).
    matched: tuple[str, ...] = ()
    distinctive: bool = True


@dataclass(frozen=True)
class MatchResult:
    text: str
    candidates: tuple[Candidate, ...]


def match(ladder: Ladder, text: str) -> MatchResult:
    """The roles the job title TEXT may mean, best first (none: no fit)."""
    text = " ".join(text.split())
    if not text:
        raise UsageProblem("give a job title to match, for example: pmpath match Senior Product Manager")
    if len(text) > MAX_TITLE_CHARACTERS:
        raise UsageProblem(
            f"a title to match is at most {MAX_TITLE_CHARACTERS} characters long; this one has {len(text)}"
        )
    count = len(text.split())
    if count > MAX_TITLE_WORDS:
        raise UsageProblem(f"a title to match has at most {MAX_TITLE_WORDS} words; this one has {count}")
    return MatchResult(text, tuple(match_words(ladder, word_groups(text))))


@dataclass
class _Fit:
    role: Role
    covered: frozenset[str]
    exact: bool
    place: tuple[int, int]
    names: list[Name]


def match_words(ladder: Ladder, groups: tuple[tuple[str, ...], ...]) -> list[Candidate]:
    """The candidates for a title already split into words (`names.word_groups`).
    An abbreviation counts whole: a name that has "manager" but not
    "product" does not fit the "pm" of a title."""
    typed = tuple(word for group in groups for word in group)
    wanted = frozenset(typed)
    if not wanted:
        return []
    every = ladder_names(ladder)

    def whole(found: set[str]) -> frozenset[str]:
        return frozenset(word for group in groups if set(group) <= found for word in group)

    found = [(n, frozenset(n.words)) for n in every if n.words and set(n.words) <= wanted]
    found = [(n, covered) for n, covered in found if whole(set(covered)) == covered]
    partial = not found
    common = common_words(ladder, every)
    if partial:
        found = [(n, whole(set(n.words) & wanted) - common) for n in every]
        found = [(n, covered) for n, covered in found if covered]
    fits: dict[str, _Fit] = {}
    for index, (name, covered) in enumerate(found):
        for position, role in enumerate(name.roles):
            exact = not partial and covered == wanted
            fit = fits.get(role.id)
            if fit is None or len(covered) > len(fit.covered):
                fits[role.id] = _Fit(role, covered, exact, (index, position), [name])
            elif len(covered) == len(fit.covered):
                fit.exact = fit.exact or exact
                fit.names.append(name)
    kept = [fit for fit in fits.values() if not any(fit.covered < other.covered for other in fits.values())]
    kept.sort(key=lambda fit: (-len(fit.covered), not fit.exact, fit.place))
    return [
        Candidate(
            fit.role,
            _why(fit, typed, partial),
            tuple(w for w in dict.fromkeys(typed) if w in fit.covered),
            bool(fit.covered - common),
        )
        for fit in kept
    ]


def common_words(ladder: Ladder, every: list[Name]) -> frozenset[str]:
    """Words that at least half the roles have among their names."""
    holders: dict[str, set[str]] = {}
    for name in every:
        for word in name.words:
            holders.setdefault(word, set()).update(role.id for role in name.roles)
    return frozenset(word for word, roles in holders.items() if 2 * len(roles) >= len(ladder.roles))


def _why(fit: _Fit, typed: tuple[str, ...], partial: bool) -> str:
    own = sorted((n for n in fit.names if n.kind != JOB_TITLE), key=lambda n: _OWN_PREFERENCE[n.kind])
    listed = [n for n in fit.names if n.kind == JOB_TITLE]
    reasons = []
    if partial:
        name = own[0] if own else listed[0]
        shared = ", ".join(w for w in dict.fromkeys(typed) if w in fit.covered)
        reasons.append(f"Words in common with {_described(name)}: {shared}.")
    else:
        if own:
            described = _described(own[0])
            reasons.append(described[0].upper() + described[1:] + ".")
        for name in listed:
            if own and not name.note:
                continue  # the role's own name already says it
            note = f": {name.note}" if name.note else "."
            reasons.append(f"Listed under the title '{name.text}'{note}")
    unused = [w for w in dict.fromkeys(typed) if w not in fit.covered]
    if unused:
        reasons.append(f"Not used: {', '.join(unused)}.")
    return " ".join(reasons)


def _described(name: Name) -> str:
    if name.kind == JOB_TITLE:
        return f"the title '{name.text}'"
    return f"its {name.kind} '{name.text}'"
