"""The candidates that shell completion offers for a role, in every shell.

One function for both paths: the fast path in launcher.py (bash) and the
Typer app's role arguments (bash, zsh, fish), so every shell offers the same
names by the same rule: ids and aliases that start with the typed word,
ignoring case.

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


def _ladder_names(ladder_path: Path | None) -> list[tuple[str, str]]:
    """(name, title) for every id and alias of the ladder; none if it cannot be loaded."""
    from pmpath.errors import PmpathError
    from pmpath.ladder.loading import load_ladder

    try:
        ladder = load_ladder(ladder_path)
    except PmpathError:
        return []
    return [(name, role.title) for role in ladder.roles for name in (role.id, *role.aliases)]


def role_candidates(ladder_path: Path | None, incomplete: str) -> list[tuple[str, str]]:
    """(name, title) for each id and alias that completes `incomplete`. Names
    are offered composed (NFC), as the loader checked them and as they match."""
    from pmpath.ladder.fileformat import name_key

    wanted = name_key(incomplete)
    found = []
    for name, title in _ladder_names(ladder_path):
        offered = name if name.isascii() else unicodedata.normalize("NFC", name)
        if name_key(name).startswith(wanted) and safe_name(offered):
            found.append((offered, safe_help(title)))
    return found
