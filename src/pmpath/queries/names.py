"""Finding the role a user meant by the name they typed.

Pure Python: no I/O, no Typer, no Rich. A role's neighbours are in
`neighbours.py`, comparing roles in `compare.py`, routes in `routes.py`.
"""

from __future__ import annotations

from pmpath.errors import UsageProblem
from pmpath.ladder.fileformat import name_key
from pmpath.ladder.model import Ladder, Role


def _names(role: Role) -> list[str]:
    return [role.id, *role.aliases]


def resolve_role(ladder: Ladder, name: str) -> Role:
    """Find the role a user meant by NAME.

    Tried in order, ignoring case and Unicode composition (NFC): an exact id
    or alias (unique in a valid ladder); an exact title; a prefix of an id or
    alias that one role has.
    """
    wanted = name_key(name.strip())
    if not wanted:
        raise UsageProblem("a role name cannot be empty; run 'pmpath list' to see the roles")
    for role in ladder.roles:
        if any(name_key(n) == wanted for n in _names(role)):
            return role
    by_title = [role for role in ladder.roles if name_key(role.title) == wanted]
    if len(by_title) == 1:
        return by_title[0]
    if by_title:
        raise _ambiguous(name, by_title)
    by_prefix = [role for role in ladder.roles if any(name_key(n).startswith(wanted) for n in _names(role))]
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
