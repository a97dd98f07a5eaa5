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

from pathlib import Path

_NAME_PUNCTUATION = frozenset("-_.")
_HELP_PUNCTUATION = frozenset(" -_.,/&+")


def safe_name(name: str) -> bool:
    """Whether a name can be handed to a shell as it is."""
    return bool(name) and all(char.isalnum() or char in _NAME_PUNCTUATION for char in name)


def safe_help(text: str) -> str:
    kept = "".join(char if char.isalnum() or char in _HELP_PUNCTUATION else " " for char in text)
    return " ".join(kept.split())


def role_candidates(ladder_path: Path | None, incomplete: str) -> list[tuple[str, str]]:
    """(name, title) for each id and alias that completes `incomplete`."""
    from pmpath.cli.commands import role_completions

    return [
        (name, safe_help(title))
        for name, title in role_completions(ladder_path, incomplete)
        if safe_name(name)
    ]
