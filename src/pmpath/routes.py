"""Routes across the ladder: shortest and all paths, the tree, the growth gap.

Pure Python over the model: no I/O, no Typer, no Rich. Every walk keeps a
visited set, so lateral moves that go both ways (cycles) cannot loop.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from pmpath.errors import NoAnswer
from pmpath.model import Competency, Ladder, Rating, Role

# `--all` lists at most MAX_ROUTES routes and takes at most SEARCH_BUDGET
# steps to find them, so a large, dense ladder cannot explode; the result
# says when it was cut short.
MAX_ROUTES = 50
SEARCH_BUDGET = 200_000


def _no_route(start: Role, goal: Role) -> NoAnswer:
    return NoAnswer(
        f"no route from '{start.id}' to '{goal.id}': routes follow 'next' links, "
        f"and none lead from {start.title} to {goal.title}"
    )


def shortest_route(ladder: Ladder, start: Role, goal: Role) -> list[Role]:
    """The fewest steps from start to goal, both included.

    Breadth-first over `next` in file order: among equally short routes, the
    one taking earlier `next` entries wins, so the answer is deterministic.
    """
    came_from: dict[str, str | None] = {start.id: None}
    queue = deque([start.id])
    while queue:
        current = queue.popleft()
        if current == goal.id:
            route = [current]
            while (before := came_from[route[-1]]) is not None:
                route.append(before)
            return [ladder.role(role_id) for role_id in reversed(route)]
        for target in ladder.role(current).next:
            if target not in came_from:
                came_from[target] = current
                queue.append(target)
    raise _no_route(start, goal)


@dataclass(frozen=True)
class Routes:
    routes: tuple[tuple[Role, ...], ...]
    truncated: bool


def _can_reach(ladder: Ladder, goal: Role) -> set[str]:
    """Ids of every role from which some route leads to goal."""
    reach = {goal.id}
    queue = deque([goal])
    while queue:
        for before in queue.popleft().previous:
            if before not in reach:
                reach.add(before)
                queue.append(ladder.role(before))
    return reach


def all_routes(ladder: Ladder, start: Role, goal: Role, limit: int = MAX_ROUTES) -> Routes:
    """Every route that repeats no role, shortest first (ties in depth-first
    order over `next`), at most `limit` of them."""
    can_reach = _can_reach(ladder, goal)
    if start.id not in can_reach:
        raise _no_route(start, goal)
    if start.id == goal.id:
        return Routes(((start,),), truncated=False)
    found: list[list[str]] = []
    route, on_route = [start.id], {start.id}
    pending = [iter(start.next)]  # for each role on the route, its links left to try
    steps, truncated = 0, False
    while pending:
        steps += 1
        if steps > SEARCH_BUDGET:
            truncated = True
            break
        target = next(pending[-1], None)
        if target is None:
            pending.pop()
            on_route.discard(route.pop())
        elif target == goal.id:
            found.append([*route, target])
        elif target not in on_route and target in can_reach:
            route.append(target)
            on_route.add(target)
            pending.append(iter(ladder.role(target).next))
    found.sort(key=len)  # stable: equal lengths keep depth-first order
    if len(found) > limit:
        found, truncated = found[:limit], True
    return Routes(tuple(tuple(ladder.role(r) for r in ids) for ids in found), truncated)


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


@dataclass(frozen=True)
class CompetencyGap:
    competency: Competency
    now: int | None
    needed: int | None
    target: Rating | None

    @property
    def change(self) -> int | None:
        if self.now is None or self.needed is None:
            return None
        return self.needed - self.now


@dataclass(frozen=True)
class Gap:
    route: tuple[Role, ...]
    competencies: tuple[CompetencyGap, ...]
    # (role, its readiness signals) for each rung left behind on the route.
    signals: tuple[tuple[Role, tuple[str, ...]], ...] = field(default=())
    # Competencies a self-assessment left out (counted as 0).
    unrated: tuple[str, ...] = ()

    @property
    def readiness(self) -> float | None:
        """Share of the target's competency levels already reached, 0-100.

        Sum over competencies of min(now, needed), divided by the sum of the
        levels needed: 100 means every level is met or exceeded.
        """
        rated = [g for g in self.competencies if g.needed is not None]
        needed = sum(g.needed or 0 for g in rated)
        if not needed:
            return None
        reached = sum(min(g.now or 0, g.needed or 0) for g in rated)
        return round(100 * reached / needed, 1)

    @property
    def met(self) -> int:
        return sum(1 for g in self.competencies if g.needed is not None and (g.now or 0) >= g.needed)


def gap(
    ladder: Ladder,
    route: list[Role],
    levels_now: Mapping[str, int] | None = None,
) -> Gap:
    """What someone must grow to go from route[0] to route[-1].

    `levels_now` overrides the starting role's levels with a person's own
    (from a self-assessment); competencies it leaves out count as 0.
    """
    start, goal = route[0], route[-1]
    gaps = []
    for competency in ladder.competencies:
        if levels_now is not None:
            now: int | None = levels_now.get(competency.id, 0)
        else:
            rating = start.competencies.get(competency.id)
            now = rating.level if rating else None
        target = goal.competencies.get(competency.id)
        gaps.append(CompetencyGap(competency, now, target.level if target else None, target))
    signals = tuple((role, role.ready_when) for role in route[:-1])
    unrated = tuple(c.id for c in ladder.competencies if levels_now is not None and c.id not in levels_now)
    return Gap(tuple(route), tuple(gaps), signals, unrated)
