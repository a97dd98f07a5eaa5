"""Finding the role a user meant by the name they typed.

Pure Python: no I/O, no Typer, no Rich. A role's neighbours are in
`neighbours.py`, comparing roles in `compare.py`, routes in `routes.py`;
`matching.py` (`pmpath match`) finds the roles a whole job title may mean,
with the same words as here.

Names are compared as people type them (`words`): case, accents typed in
either Unicode form, and the characters between words (spaces, hyphens,
underscores, dots, commas...) do not matter; a few common abbreviations
stand for their words (ABBREVIATIONS), and small words such as "of" and
"the" are left out (FILLER). For a whole name, word order does not matter
either: "PM senior", "senior_pm" and "Sr. Product Manager" are one name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pmpath.errors import UsageProblem
from pmpath.ladder.fileformat import name_key
from pmpath.ladder.model import Ladder, Role

# Each abbreviation, typed as a word of its own, stands for these words.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "sr": ("senior",),
    "snr": ("senior",),
    "jr": ("junior",),
    "jnr": ("junior",),
    "dir": ("director",),
    "vp": ("vice", "president"),
    "svp": ("senior", "vice", "president"),
    "mgr": ("manager",),
    "prod": ("product",),
    "pm": ("product", "manager"),
}

# Words that only join others: "VP of Product" is "VP Product".
FILLER = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "the", "to"})

# A role name is a few words; a longer one (unless it is an id or alias as
# the ladder spells it) is a mistake, refused before the rules that compare
# its words with every name on the ladder.
MAX_NAME_CHARACTERS = 200
# Roles an ambiguous name lists by name; the rest are counted.
MAX_LISTED = 10

# A name's kinds, as `why` texts and the ambiguity message name them.
ID, ALIAS, TITLE, JOB_TITLE = "id", "alias", "title", "job title"


def word_groups(text: str) -> tuple[tuple[str, ...], ...]:
    """The words of a name as compared, grouped by the word typed: case-folded,
    composed (NFC), split at every character that is not a letter or a digit,
    abbreviations expanded ("pm" is one group, product and manager), filler
    words left out."""
    import re  # only once an exact name has missed
    import unicodedata

    # Compatibility forms too (NFKC): a word typed in full-width letters is the same word.
    found = re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", name_key(text)))
    return tuple(ABBREVIATIONS.get(word, (word,)) for word in found if word not in FILLER)


def words(text: str) -> tuple[str, ...]:
    """The words of a name as compared (`word_groups`, one after another)."""
    return tuple(word for group in word_groups(text) for word in group)


def word_key(found: tuple[str, ...]) -> tuple[str, ...]:
    """Words in a fixed order: two names with the same key are the same
    name, whatever order their words were typed in."""
    return tuple(sorted(found))


def starts(typed: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whether `typed` begins `name`, word by word: every word but the last
    in full, the last as the start of the next word of the name."""
    if not typed or len(typed) > len(name):
        return False
    *whole, last = typed
    return name[: len(whole)] == tuple(whole) and name[len(whole)].startswith(last)


@dataclass(frozen=True)
class Name:
    """One name of one or more roles: a role's id, alias or title, or an
    entry of the ladder's `titles:` list (a title people use, with a note)."""

    text: str
    kind: str
    roles: tuple[Role, ...]
    words: tuple[str, ...]
    note: str = ""


def ladder_names(ladder: Ladder) -> list[Name]:
    """Every name on the ladder: the roles' own, in ladder order, then the
    `titles:` entries in file order."""
    found = []
    for role in ladder.roles:
        found.append(Name(role.id, ID, (role,), words(role.id)))
        found.extend(Name(alias, ALIAS, (role,), words(alias)) for alias in role.aliases)
        found.append(Name(role.title, TITLE, (role,), words(role.title)))
    for entry in ladder.titles:
        roles = tuple(ladder.by_id[r] for r in entry.roles if r in ladder.by_id)
        if roles:
            found.append(Name(entry.title, JOB_TITLE, roles, words(entry.title), entry.note))
    return found


def _names(role: Role) -> list[str]:
    return [role.id, *role.aliases]


def resolve_role(ladder: Ladder, name: str) -> Role:
    """Find the role a user meant by NAME.

    Tried in order; the first rule that finds any role decides, and when it
    finds several the name is ambiguous (a usage error that lists each):
    1. an id or alias, ignoring case and Unicode composition (NFC);
    2. the same words as a role's id, alias or title, in any order;
    3. the same words as an entry of the ladder's `titles:`;
    4. the start of a role's id, alias or title, word by word.
    """
    wanted = name_key(name.strip())
    if not wanted:
        raise UsageProblem("a role name cannot be empty; run 'pmpath list' to see the roles")
    for role in ladder.roles:
        if any(name_key(n) == wanted for n in _names(role)):
            return role
    if len(name) > MAX_NAME_CHARACTERS:  # every later rule costs time in proportion to it
        raise UsageProblem(
            f"a role name is at most {MAX_NAME_CHARACTERS} characters long; this one has {len(name)}"
        )
    return _resolve_by_words(ladder, name.strip(), word_groups(wanted))


def _resolve_by_words(ladder: Ladder, name: str, groups: tuple[tuple[str, ...], ...]) -> Role:
    typed = tuple(word for group in groups for word in group)
    every = ladder_names(ladder)
    own = [n for n in every if n.kind != JOB_TITLE]
    key = word_key(typed)
    rules = (
        [n for n in own if n.words and word_key(n.words) == key],
        [n for n in every if n.kind == JOB_TITLE and n.words and word_key(n.words) == key],
        [n for n in own if starts(typed, n.words)],
    )
    for found in rules:
        roles = _distinct(role for n in found for role in n.roles)
        if len(roles) == 1:
            return roles[0]
        if roles:
            raise _ambiguous(name, roles, any(n.kind == JOB_TITLE for n in found))
    raise UsageProblem(f"no role matches '{name}'", hint=_suggestion(ladder, name, groups).strip())


def _distinct(roles: Iterable[Role]) -> list[Role]:
    seen: dict[str, Role] = {}
    for role in roles:
        seen.setdefault(role.id, role)
    return list(seen.values())


def _listed(roles: list[Role]) -> str:
    return ", ".join(f"'{role.id}' ({role.title})" for role in roles)


def _ambiguous(name: str, roles: list[Role], job_title: bool) -> UsageProblem:
    shown = roles[:MAX_LISTED]
    more = f" and {len(roles) - len(shown)} more (see 'pmpath list')" if len(roles) > len(shown) else ""
    listed = f"It may mean {_listed(shown)}{more}."
    if job_title:
        listed += " The ladder lists it as a title of each; 'pmpath match' with it says when each applies."
    return UsageProblem(f"'{name}' matches more than one role", hint=listed)


def _suggestion(ladder: Ladder, name: str, groups: tuple[tuple[str, ...], ...]) -> str:
    """Every role that shares a distinctive word with the name (as `pmpath
    match` finds them; up to a few), with a close word for each word that no
    name has. A one-word name that shares none gets the closest names
    instead, one per role, as a typo would."""
    from pmpath.queries.matching import match_words

    candidates = [c for c in match_words(ladder, groups) if c.distinctive]
    typed = tuple(word for group in groups for word in group)
    if not candidates and len(typed) <= 1:
        return _close_names(ladder, name_key(name))
    fixes = _close_words(ladder, typed)
    if not candidates:
        return f"{fixes} Run 'pmpath match' with it for the roles it may mean, or 'pmpath list' for all."
    shown = [c.role for c in candidates[:MAX_SUGGESTED]]
    more = len(candidates) - len(shown)
    found = f" Roles with words in common: {_listed(shown)}{f' and {more} more' if more else ''}."
    return f"{found}{fixes} 'pmpath match' with it says why."


def _close_words(ladder: Ladder, typed: tuple[str, ...]) -> str:
    """' Did you mean ...?' for the first few words that no name has."""
    import difflib

    known = {word for n in ladder_names(ladder) for word in n.words}
    unknown = [word for word in dict.fromkeys(typed) if word not in known][:MAX_SUGGESTED]
    close = [(word, difflib.get_close_matches(word, list(known), n=1, cutoff=0.75)) for word in unknown]
    fixes = [f"'{near[0]}' for '{word}'" for word, near in close if near]
    return f" Did you mean {', '.join(fixes)}?" if fixes else ""


MAX_SUGGESTED = 5


def _close_names(ladder: Ladder, wanted: str) -> str:
    """Close names, one per role (the closest name of each)."""
    import difflib  # only when a name matched nothing: it costs ~3 ms to import

    owner = {name_key(name): role.id for role in ladder.roles for name in _names(role)}
    owner.update({name_key(role.title): role.id for role in ladder.roles})
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
