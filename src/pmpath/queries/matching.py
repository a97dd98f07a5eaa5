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
words, then rarer matched words (`rarity`: a word few roles have among
their names, such as a rung's "principal", says more than one a whole track
shares, such as "platform"), then the order of the ladder (and of a
`titles:` entry's roles).
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass

from pmpath.errors import UsageProblem
from pmpath.ladder.model import Ladder, Role
from pmpath.queries.names import ALIAS, ID, JOB_TITLE, TITLE, Name, ladder_names, word_groups

MAX_TITLE_CHARACTERS = 200
MAX_TITLE_WORDS = 20

# Which of a role's own names explains a match, when several fit as well.
_OWN_PREFERENCE = {TITLE: 0, ID: 1, ALIAS: 2}


@dataclass(frozen=True)
class Listing:
    """An entry of the ladder's `titles:` that a candidate was found by."""

    title: str
    note: str

    def sentence(self, with_note: bool = True) -> str:
        note = f": {self.note}" if self.note and with_note else "."
        return f"Listed under the title '{self.title}'{note}"


@dataclass(frozen=True)
class Candidate:
    role: Role
    # The role's own name that fits, or the words in common ("" when only
    # `titles:` entries fit); those entries; the title's words not used.
    found_by: str
    listings: tuple[Listing, ...]
    unused: tuple[str, ...]
    # The title's words that the role's names have; and whether one of
    # them is distinctive (see `common_words`).
    matched: tuple[str, ...] = ()
    distinctive: bool = True

    @property
    def why(self) -> str:
        """Why the role may fit, in a sentence or a few."""
        return self.told()

    def told(self, said: Collection[Listing] = ()) -> str:
        """`why`, without the notes of the listings in SAID (said elsewhere)."""
        sentences = [self.found_by] if self.found_by else []
        sentences.extend(listing.sentence(listing not in said) for listing in self.listings)
        if self.unused:
            sentences.append(f"Not used: {', '.join(self.unused)}.")
        return " ".join(sentences)


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
    weight: float


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
    holders = word_holders(every)
    common = common_words(ladder, holders)
    if partial:
        found = [(n, whole(set(n.words) & wanted) - common) for n in every]
        found = [(n, covered) for n, covered in found if covered]
    fits: dict[str, _Fit] = {}
    for index, (name, covered) in enumerate(found):
        weight = rarity(len(ladder.roles), holders, covered)
        for position, role in enumerate(name.roles):
            exact = not partial and covered == wanted
            fit = fits.get(role.id)
            if fit is None or (len(covered), weight) > (len(fit.covered), fit.weight):
                fits[role.id] = _Fit(role, covered, exact, (index, position), [name], weight)
            elif len(covered) == len(fit.covered):
                fit.exact = fit.exact or exact
                fit.names.append(name)
    kept = [fit for fit in fits.values() if not any(fit.covered < other.covered for other in fits.values())]
    kept.sort(key=lambda fit: (-len(fit.covered), not fit.exact, -fit.weight, fit.place))
    return [_candidate(fit, typed, partial, common) for fit in kept]


def word_holders(every: list[Name]) -> dict[str, frozenset[str]]:
    """Each word of the ladder's names, with the ids of the roles that have
    it among their names (a `titles:` entry counts for each of its roles)."""
    holders: dict[str, set[str]] = {}
    for name in every:
        for word in name.words:
            holders.setdefault(word, set()).update(role.id for role in name.roles)
    return {word: frozenset(roles) for word, roles in holders.items()}


def common_words(ladder: Ladder, holders: dict[str, frozenset[str]]) -> frozenset[str]:
    """Words that at least half the roles have among their names."""
    return frozenset(word for word, roles in holders.items() if 2 * len(roles) >= len(ladder.roles))


def rarity(role_count: int, holders: dict[str, frozenset[str]], found: Collection[str]) -> float:
    """How much the words FOUND say about which role is meant: the sum, over
    the words, of log(roles / roles with the word among their names) (the
    inverse document frequency). A word every role has adds nothing; one
    role's own word adds most. Rounded, so that two sets of words that weigh
    the same tie, whatever order their logarithms were added in."""
    total = sum(math.log(role_count / len(holders[word])) for word in sorted(found) if holders.get(word))
    return round(total, 9)


def _candidate(fit: _Fit, typed: tuple[str, ...], partial: bool, common: frozenset[str]) -> Candidate:
    own = sorted((n for n in fit.names if n.kind != JOB_TITLE), key=lambda n: _OWN_PREFERENCE[n.kind])
    listed = [n for n in fit.names if n.kind == JOB_TITLE]
    matched = tuple(w for w in dict.fromkeys(typed) if w in fit.covered)
    found_by = ""
    listings: list[Listing] = []
    if partial:
        name = own[0] if own else listed[0]
        found_by = f"Words in common with {_described(name)}: {', '.join(matched)}."
    else:
        if own:
            described = _described(own[0])
            found_by = described[0].upper() + described[1:] + "."
        # The role's own name already says what a titles entry without a note would.
        listings = [Listing(n.text, n.note) for n in listed if n.note or not own]
    unused = tuple(w for w in dict.fromkeys(typed) if w not in fit.covered)
    return Candidate(fit.role, found_by, tuple(listings), unused, matched, bool(fit.covered - common))


def _described(name: Name) -> str:
    if name.kind == JOB_TITLE:
        return f"the title '{name.text}'"
    return f"its {name.kind} '{name.text}'"
