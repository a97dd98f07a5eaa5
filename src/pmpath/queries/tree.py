"""The ladder as a tree from its starting roles, each role expanded once.

Branches follow promotion, apply and exit moves. A lateral move is a switch
across at the same level, not a step further down the ladder, so it is only
referred to ("↔"), never expanded: in a dual-track ladder the management
rungs do not hang under the individual-contributor ones because one can
switch between them.

Drawn whole, the ladder's own roles are the trunk and the routes in feed
into it. An entry route (a role nothing leads to whose every move is an
apply move to a higher level, such as a Software Engineer applying for a PM
role) is not a starting role whose branches carry the ladder: it comes
after the trunk, and its moves are references to the rungs it joins at.

Each role is expanded where it is nearest its starting role (breadth-first),
so the rungs where tracks fork sit side by side; every other mention of it is
a reference. The tree is kept flat, as rows in reading order with their
depth, so that no step that reads it (JSON, Rich, escaping) needs to recurse
as deep as the ladder is long. Building it is linear in roles and moves.
Pure Python over the model: no I/O, no Typer, no Rich.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from pmpath.ladder.model import Ladder, Move, Role


@dataclass(frozen=True)
class TreeRow:
    role: Role
    depth: int  # 0 for a starting role
    # True where the role is not expanded on this row: it is expanded on
    # another row (or, for a lateral move, may lie outside a subtree).
    seen_before: bool = False
    # The kind of the move that leads here from the row above; None for a starting role.
    kind: str | None = None
    # For a reference: whether the role's expanded row comes later in reading order.
    shown_below: bool = False
    # True for a starting row that is a route into the ladder: its children
    # are the rungs it joins at, all drawn in the trunk above.
    entry: bool = False


@dataclass(frozen=True)
class Tree:
    title: str
    # Every track of the ladder in order of first appearance, so each gets a stable colour.
    tracks: tuple[str, ...]
    rows: tuple[TreeRow, ...]


def _branches(role: Role) -> Iterator[Move]:
    return (move for move in role.moves if move.kind != "lateral")


def tree(ladder: Ladder, root: Role | None = None) -> Tree:
    """The ladder as trees from its starting roles (those that no promotion,
    apply or exit move leads to), or from `root`. Each role is expanded once;
    other mentions of it are references."""
    entries: list[Role] = []
    if root is not None:
        starts = [root]
    else:
        led_to = {move.to for role in ladder.roles for move in _branches(role)}
        entries = [role for role in ladder.roles if role.id not in led_to and _is_entry(ladder, role)]
        entry_ids = {role.id for role in entries}
        # The trunk starts where no move from the ladder itself leads.
        fed = {move.to for role in ladder.roles if role.id not in entry_ids for move in _branches(role)}
        starts = [role for role in ladder.roles if role.id not in fed and role.id not in entry_ids]
    parent: dict[str, str | None] = {role.id: None for role in entries}
    for start in starts:
        _claim(ladder, start, parent)
    if root is None:
        # Roles on a cycle of moves that nothing else leads to have no starting role.
        for role in ladder.roles:
            if role.id not in parent:
                starts.append(role)
                _claim(ladder, role, parent)
    rows: list[TreeRow] = []
    drawn: set[str] = set()
    for start in starts:
        _rows(ladder, start, parent, drawn, rows)
    for entry in entries:
        _rows(ladder, entry, parent, drawn, rows, entry=True)
    tracks = tuple(t for t in dict.fromkeys(role.track for role in ladder.roles) if t)
    return Tree(ladder.title, tracks, tuple(rows))


def _is_entry(ladder: Ladder, role: Role) -> bool:
    """A job people apply from into the ladder: every move of it is an apply
    move up to a higher level (the bundled routes in are level 0)."""
    return bool(role.moves) and all(
        move.kind == "apply" and ladder.role(move.to).level > role.level for move in role.moves
    )


def _claim(ladder: Ladder, start: Role, parent: dict[str, str | None]) -> None:
    """Breadth-first from start: each role not yet placed is placed under the
    first role to reach it, so it sits as near its starting role as it can."""
    if start.id in parent:
        return
    parent[start.id] = None
    queue = deque([start])
    while queue:
        role = queue.popleft()
        for move in _branches(role):
            if move.to not in parent:
                parent[move.to] = role.id
                queue.append(ladder.role(move.to))


def _rows(
    ladder: Ladder,
    start: Role,
    parent: dict[str, str | None],
    drawn: set[str],
    rows: list[TreeRow],
    entry: bool = False,
) -> None:
    """Depth-first without recursion, so a very deep ladder cannot overflow.
    A role is expanded under its parent only; every other move to it is a
    reference."""
    drawn.add(start.id)
    rows.append(TreeRow(start, 0, entry=entry))
    # One frame per open role: its moves left to show.
    stack: list[tuple[str, Iterator[Move]]] = [(start.id, iter(start.moves))]
    while stack:
        here, moves = stack[-1]
        move = next(moves, None)
        if move is None:
            stack.pop()
            continue
        child = ladder.role(move.to)
        if move.kind != "lateral" and parent.get(move.to) == here and move.to not in drawn:
            drawn.add(move.to)
            rows.append(TreeRow(child, len(stack), kind=move.kind))
            stack.append((move.to, iter(child.moves)))
        else:
            below = move.to in parent and move.to not in drawn
            rows.append(TreeRow(child, len(stack), seen_before=True, kind=move.kind, shown_below=below))
