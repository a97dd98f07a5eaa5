"""The ladder as a tree from its starting roles, each role expanded once.

Pure Python over the model: no I/O, no Typer, no Rich.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pmpath.ladder.model import Ladder, Role


@dataclass(frozen=True)
class TreeNode:
    role: Role
    children: tuple[TreeNode, ...] = ()
    # True where the role was already shown earlier in the tree.
    seen_before: bool = False


def tree(ladder: Ladder, root: Role | None = None) -> list[TreeNode]:
    """The ladder as trees from its starting roles (those nothing leads to),
    or from `root`. Each role is expanded once; later mentions are marked."""
    shown: set[str] = set()
    starts = [root] if root is not None else [role for role in ladder.roles if not role.previous]
    trees = [_grow(ladder, role, shown) for role in starts]
    if root is None:
        # Roles reachable only from inside a cycle have no starting role.
        for role in ladder.roles:
            if role.id not in shown:
                trees.append(_grow(ladder, role, shown))
    return trees


def _grow(ladder: Ladder, start: Role, shown: set[str]) -> TreeNode:
    """Depth-first without recursion, so a very deep ladder cannot overflow."""
    if start.id in shown:
        return TreeNode(start, seen_before=True)
    shown.add(start.id)
    # One frame per open role: the role, its links left to visit, its finished children.
    stack: list[tuple[Role, Iterator[str], list[TreeNode]]] = [(start, iter(start.next), [])]
    while True:
        role, links, children = stack[-1]
        child_id = next(links, None)
        if child_id is None:
            stack.pop()
            node = TreeNode(role, tuple(children))
            if not stack:
                return node
            stack[-1][2].append(node)
        elif child_id in shown:
            children.append(TreeNode(ladder.role(child_id), seen_before=True))
        else:
            shown.add(child_id)
            child = ladder.role(child_id)
            stack.append((child, iter(child.next), []))
