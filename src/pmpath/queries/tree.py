"""The ladder as a tree from its starting roles, each role expanded once.

The tree is kept flat, as rows in reading order with their depth, so that no
step that reads it (JSON, Rich, escaping) needs to recurse as deep as the
ladder is long. Pure Python over the model: no I/O, no Typer, no Rich.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pmpath.ladder.model import Ladder, Role


@dataclass(frozen=True)
class TreeRow:
    role: Role
    depth: int  # 0 for a starting role
    # True where the role was already shown earlier in the tree (and is not expanded again).
    seen_before: bool = False


@dataclass(frozen=True)
class Tree:
    title: str
    # Every track of the ladder in order of first appearance, so each gets a stable colour.
    tracks: tuple[str, ...]
    rows: tuple[TreeRow, ...]


def tree(ladder: Ladder, root: Role | None = None) -> Tree:
    """The ladder as trees from its starting roles (those nothing leads to),
    or from `root`. Each role is expanded once; later mentions are marked."""
    shown: set[str] = set()
    rows: list[TreeRow] = []
    starts = [root] if root is not None else [role for role in ladder.roles if not role.previous]
    for role in starts:
        _grow(ladder, role, shown, rows)
    if root is None:
        # Roles reachable only from inside a cycle have no starting role.
        for role in ladder.roles:
            if role.id not in shown:
                _grow(ladder, role, shown, rows)
    tracks = tuple(t for t in dict.fromkeys(role.track for role in ladder.roles) if t)
    return Tree(ladder.title, tracks, tuple(rows))


def _grow(ladder: Ladder, start: Role, shown: set[str], rows: list[TreeRow]) -> None:
    """Depth-first without recursion, so a very deep ladder cannot overflow."""
    if start.id in shown:
        rows.append(TreeRow(start, 0, seen_before=True))
        return
    shown.add(start.id)
    rows.append(TreeRow(start, 0))
    # One frame per open role: its links left to visit.
    stack: list[Iterator[str]] = [iter(start.next)]
    while stack:
        child_id = next(stack[-1], None)
        if child_id is None:
            stack.pop()
            continue
        child = ladder.role(child_id)
        if child_id in shown:
            rows.append(TreeRow(child, len(stack), seen_before=True))
        else:
            shown.add(child_id)
            rows.append(TreeRow(child, len(stack)))
            stack.append(iter(child.next))
