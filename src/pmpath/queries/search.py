"""Searching the text of every role. Pure Python: no I/O, no Typer, no Rich.

A search is one or more words, or "quoted phrases": a role matches when every
one of them appears somewhere in its text, in any order and in any of its
pieces (its title, a readiness signal, an expectation...), ignoring case.
Each piece that holds at least one of them is shown.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pmpath.errors import UsageProblem
from pmpath.ladder.fileformat import NAME_FIELDS, PROSE_FIELDS
from pmpath.ladder.model import Ladder, Role

# Longer searches are refused with a usage error: a search is a few words, and
# each word is looked for in every piece of text of every role.
MAX_SEARCH_CHARS = 200
MAX_SEARCH_WORDS = 10

# A "quoted phrase", or a word: a run of anything but spaces and quotes. A
# stray quote is ignored.
_TERM = re.compile(r'"([^"]*)"|([^\s"]+)')


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
    # The words and phrases looked for, as typed (quotes removed), each once.
    terms: tuple[str, ...] = ()

    @property
    def looked_for(self) -> str:
        """What was looked for, to end a sentence: 'mentor', or all of the words."""
        quoted = [f"'{term}'" for term in self.terms or (self.text,)]
        return quoted[0] if len(quoted) == 1 else f"all of {', '.join(quoted[:-1])} and {quoted[-1]}"


def _fold(text: str) -> str:
    """Text as search compares it: composed (NFC) and case-folded."""
    return unicodedata.normalize("NFC", text).casefold()


def search_terms(text: str) -> tuple[str, ...]:
    """The words and "quoted phrases" of TEXT, each once (ignoring case), in
    the order typed. Raises UsageProblem when there are none, or too many."""
    if len(text) > MAX_SEARCH_CHARS:
        raise UsageProblem(
            f"search text is too long ({len(text):,} characters): give at most {MAX_SEARCH_CHARS}"
        )
    terms: dict[str, str] = {}
    for found in _TERM.finditer(text):
        term = " ".join((found.group(1) if found.group(1) is not None else found.group(2)).split())
        if term:
            terms.setdefault(_fold(term), term)
    if not terms:
        raise UsageProblem("search text cannot be empty")
    if len(terms) > MAX_SEARCH_WORDS:
        raise UsageProblem(f"search takes at most {MAX_SEARCH_WORDS} words or phrases, not {len(terms)}")
    return tuple(terms.values())


def _searchable(ladder: Ladder, role: Role) -> list[Match]:
    """Every piece of text `search` looks through, in display order."""
    found = []
    for spec in (*NAME_FIELDS, *PROSE_FIELDS):
        value = getattr(role, spec.name)
        for item in value if isinstance(value, tuple) else (value,):
            found.append(Match(spec.name, spec.heading, item))
    for move in role.moves:  # the signals a move asks for itself
        target = ladder.by_id.get(move.to)
        label = f"Ready to move to {target.title if target else move.to} when"
        found += [Match("next.ready_when", label, item) for item in move.ready_when]
    names = {c.id: c.name for c in ladder.competencies}
    for key, rating in role.competencies.items():
        name = names.get(key, key)
        found.append(Match(f"competencies.{key}", name, rating.expectation))
        found += [Match(f"competencies.{key}.examples", f"{name}, example", item) for item in rating.examples]
        found += [Match(f"competencies.{key}.not_yet", f"{name}, not yet", item) for item in rating.not_yet]
    return [match for match in found if match.text]


def search(ladder: Ladder, text: str) -> SearchResult:
    """Roles whose text holds every word (or phrase) of TEXT, ignoring case,
    in ladder order; each with the pieces of its text that hold any of them."""
    terms = search_terms(text)
    needles = [_fold(term) for term in terms]
    hits = []
    for role in ladder.roles:
        pieces = [(m, _fold(m.text)) for m in _searchable(ladder, role)]
        if not all(any(needle in folded for _, folded in pieces) for needle in needles):
            continue
        matches = tuple(m for m, folded in pieces if any(needle in folded for needle in needles))
        hits.append(SearchHit(role, matches))
    return SearchResult(text, tuple(hits), terms)
