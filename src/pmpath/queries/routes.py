"""Routes across the ladder: the shortest one, and every one.

Pure Python over the model: no I/O, no Typer, no Rich. Every walk keeps a
visited set, so lateral moves that go both ways (cycles) cannot loop.
"""

from __future__ import annotations

import heapq
import itertools
from collections import deque
from dataclasses import dataclass

from pmpath.errors import NoAnswer
from pmpath.ladder.model import Ladder, Role
from pmpath.queries.compare import LevelChange, level_changes

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
class RouteStep:
    role: Role
    # The readiness signals of the rung before, and the competencies that move
    # (or stop being described) on the step onto this one; empty on the first.
    to_show: tuple[str, ...] = ()
    changes: tuple[LevelChange, ...] = ()


@dataclass(frozen=True)
class Route:
    steps: tuple[RouteStep, ...]

    @property
    def start(self) -> Role:
        return self.steps[0].role

    @property
    def goal(self) -> Role:
        return self.steps[-1].role


def describe_route(ladder: Ladder, roles: list[Role] | tuple[Role, ...]) -> Route:
    """Each rung of a route with what changes on the step onto it."""
    steps = [RouteStep(roles[0])] if roles else []
    for before, role in itertools.pairwise(roles):
        # A cell that starts or stops being described moves too, with no change figure.
        moved = tuple(c for c in level_changes(ladder, before, role) if c.change or c.newly_described)
        steps.append(RouteStep(role, before.ready_when, moved))
    return Route(tuple(steps))


@dataclass(frozen=True)
class Routes:
    start: Role
    goal: Role
    routes: tuple[Route, ...]
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
        return Routes(start, goal, (describe_route(ladder, [start]),), truncated=False)
    # The best `limit` routes so far, as a max-heap on (length, order found):
    # memory stays bounded however many routes the search meets.
    kept: list[tuple[int, int, list[str]]] = []
    met = 0
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
            met += 1
            if len(kept) < limit:
                heapq.heappush(kept, (-(len(route) + 1), -met, [*route, target]))
            elif len(route) + 1 < -kept[0][0]:  # shorter than the longest kept (and later ties lose)
                heapq.heapreplace(kept, (-(len(route) + 1), -met, [*route, target]))
        elif target not in on_route and target in can_reach:
            route.append(target)
            on_route.add(target)
            pending.append(iter(ladder.role(target).next))
    truncated = truncated or met > limit
    found = [ids for _, _, ids in sorted(kept, reverse=True)]  # shortest first, then in order found
    routes = tuple(describe_route(ladder, [ladder.role(r) for r in ids]) for ids in found)
    return Routes(start, goal, routes, truncated)
