"""The candidates that shell completion offers for a role, in every shell.

One function for both paths: the fast path in launcher.py (bash) and the
Typer app's role arguments (bash, zsh, fish), so every shell offers the same
names by the same rule: ids and aliases that start with the typed word,
ignoring case. When none does, the word is read as `pmpath show` reads a
name (queries/names.py: separators, abbreviations and word order do not
matter): the id of each role whose id, alias or title it names in full
(`Senior_PM`, `pm_senior`, `Sr`, `Product_Director`), else the ids and
aliases it begins word by word (`senior_p`). Such candidates do not start
with what was typed: bash replaces the word with them; zsh and fish filter
them by their own matching, which may keep them or not.

Candidates come from ladder files, which anyone may write, and shells treat
completion output as code or patterns: bash expands globs in it and the
user's command line receives it unquoted, zsh evaluates Typer's answer. So a
name is offered only if every character is a letter, a digit or one of
`-_.`; other names are dropped rather than quoted, since no quoting suits
every shell. Titles (the help beside a name in zsh and fish) keep letters,
digits, spaces and plain punctuation; anything else becomes a space.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

_NAME_PUNCTUATION = frozenset("-_.")
_HELP_PUNCTUATION = frozenset(" -_.,/&+")


def safe_name(name: str) -> bool:
    """Whether a name can be handed to a shell as it is."""
    return bool(name) and all(char.isalnum() or char in _NAME_PUNCTUATION for char in name)


def safe_help(text: str) -> str:
    kept = "".join(char if char.isalnum() or char in _HELP_PUNCTUATION else " " for char in text)
    return " ".join(kept.split())


def _ladder_names(ladder_path: Path | None) -> list[tuple[str, str, str]]:
    """(name, title, id) for every id and alias of the ladder, in ladder
    order; none if it cannot be loaded."""
    from pmpath.errors import PmpathError
    from pmpath.ladder.loading import load_ladder

    try:
        ladder = load_ladder(ladder_path)
    except PmpathError:
        return []
    return [(name, role.title, role.id) for role in ladder.roles for name in (role.id, *role.aliases)]


def role_candidates(ladder_path: Path | None, incomplete: str) -> list[tuple[str, str]]:
    """(name, title) for each id and alias that completes `incomplete` (see
    the module's docstring). Names are offered composed (NFC), as the loader
    checked them and as they match."""
    from pmpath.ladder.fileformat import name_key

    wanted = name_key(incomplete)
    every = [
        (name if name.isascii() else unicodedata.normalize("NFC", name), title, role)
        for name, title, role in _ladder_names(ladder_path)
    ]
    every = [(name, title, role) for name, title, role in every if safe_name(name)]
    found = [(name, safe_help(title)) for name, title, _ in every if name_key(name).startswith(wanted)]
    return found or _by_words(every, incomplete)


def _by_words(every: list[tuple[str, str, str]], incomplete: str) -> list[tuple[str, str]]:
    from pmpath.queries.names import starts, word_key, words

    typed = words(incomplete)
    if not typed:
        return []
    spelled = [(name, title, role, words(name)) for name, title, role in every]
    safe_ids = {role for name, _, role in every if name == role}
    whole: dict[str, tuple[str, str]] = {}  # role -> its id, else the name that matched
    key = word_key(typed)
    for name, title, role, found in spelled:
        if word_key(found) == key or (name == role and word_key(words(title)) == key):
            whole.setdefault(role, (role if role in safe_ids else name, safe_help(title)))
    if whole:
        return list(whole.values())
    return [(name, safe_help(title)) for name, title, _, found in spelled if starts(typed, found)]
