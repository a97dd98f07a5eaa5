"""Routes across the ladder: the best one, and every one.

A route follows moves (`next`) and never makes two lateral moves in a row:
two switches across at the same level are one switch too many. Routes are
ranked by the number of moves, then by how many of them are lateral or
apply moves (each asks for more than a promotion), then by the order of
`next` entries along the way, so every answer is deterministic.

Pure Python over the model: no I/O, no Typer, no Rich.
"""

from __future__ import annotations

import heapq
import itertools
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from pmpath.errors import NoAnswer
from pmpath.ladder.model import Ladder, Move, Role
from pmpath.queries.compare import LevelChange, level_changes

# `--all` lists at most MAX_ROUTES routes and looks at most at SEARCH_BUDGET
# moves to find them, so a large, dense ladder cannot explode; the result
# says when and why it stopped early.
MAX_ROUTES = 50
SEARCH_BUDGET = 200_000

# Kinds that count against a route when routes are otherwise equally short.
COSTLY_KINDS = frozenset({"lateral", "apply"})


def _no_route(start: Role, goal: Role, only_double_laterals: bool = False) -> NoAnswer:
    if only_double_laterals:
        return NoAnswer(
            f"no route from '{start.id}' to '{goal.id}': every way from {start.title} to {goal.title} "
            "makes two lateral moves in a row or passes a role twice, which a route never does"
        )
    return NoAnswer(
        f"no route from '{start.id}' to '{goal.id}': routes follow 'next' links, "
        f"and none lead from {start.title} to {goal.title}"
    )


State = tuple[str, bool]  # a role, and whether the move onto it was lateral


class _Graph:
    """The ladder as states toward one goal, with what each state still needs
    to reach it: `rank`, the fewest moves and then the fewest costly moves
    (exact for walks), and `cost_left`, the fewest costly moves however long.
    Both ignore that a route repeats no role, so they never overestimate."""

    def __init__(self, ladder: Ladder, goal: Role) -> None:
        self.ladder = ladder
        self.goal = goal
        # Into each role: (the role the move leaves, whether it is lateral, whether it is costly).
        self.into: dict[str, list[tuple[str, bool, bool]]] = {}
        for role in ladder.roles:
            for move in role.moves:
                self.into.setdefault(move.to, []).append(
                    (role.id, move.kind == "lateral", move.kind in COSTLY_KINDS)
                )
        self.rank = self._rank()
        self._cost_left: dict[State, int] | None = None

    def _before(self, state: State) -> Iterator[tuple[State, bool]]:
        """The states one move before `state`, each with whether that move is costly."""
        role_id, arrived_lateral = state
        for before, lateral, costly in self.into.get(role_id, ()):
            if lateral == arrived_lateral:
                # A lateral move cannot follow another one.
                for came_lateral in (False,) if lateral else (False, True):
                    yield (before, came_lateral), costly

    def _rank(self) -> dict[State, tuple[int, int]]:
        """Dijkstra from the goal over reversed moves, on (moves, costly moves)."""
        goal = self.goal.id
        rank: dict[State, tuple[int, int]] = {(goal, False): (0, 0), (goal, True): (0, 0)}
        heap = [(value, state) for state, value in rank.items()]
        done: set[State] = set()
        while heap:
            value, state = heapq.heappop(heap)
            if state in done:
                continue
            done.add(state)
            for previous, costly in self._before(state):
                total = (value[0] + 1, value[1] + costly)
                if previous not in done and (previous not in rank or total < rank[previous]):
                    rank[previous] = total
                    heapq.heappush(heap, (total, previous))
        return rank

    @property
    def cost_left(self) -> dict[State, int]:
        """Breadth-first from the goal with 0-1 weights: the fewest costly moves."""
        if self._cost_left is None:
            goal = self.goal.id
            best: dict[State, int] = {(goal, False): 0, (goal, True): 0}
            queue = deque(best)
            done: set[State] = set()
            while queue:
                state = queue.popleft()
                if state in done:
                    continue
                done.add(state)
                for previous, costly in self._before(state):
                    total = best[state] + costly
                    if previous not in done and (previous not in best or total < best[previous]):
                        best[previous] = total
                        (queue.append if costly else queue.appendleft)(previous)
            self._cost_left = best
        return self._cost_left

    def reachable(self, start: Role) -> bool:
        return (start.id, False) in self.rank

    def best_walk(self, start: Role) -> list[str]:
        """The best way from start to the goal as a walk (which may, rarely,
        pass a role twice): each step takes the first move in `next` order
        that keeps the exact rank."""
        walk = [start.id]
        state: State = (start.id, False)
        while state[0] != self.goal.id:
            here = self.rank[state]
            for move in self.ladder.role(state[0]).moves:
                lateral = move.kind == "lateral"
                there = self.rank.get((move.to, lateral))
                if (lateral and state[1]) or there is None:
                    continue
                if (there[0] + 1, there[1] + (move.kind in COSTLY_KINDS)) == here:
                    state = (move.to, lateral)
                    walk.append(move.to)
                    break
            else:  # the ranks are exact, so some move keeps them
                raise AssertionError(f"no move from {state} keeps its rank {here}")
        return walk


def _walks_exist(ladder: Ladder, start: Role, goal: Role) -> bool:
    """Whether `next` links lead from start to goal at all, lateral or not."""
    seen = {start.id}
    queue = deque([start])
    while queue:
        for target in queue.popleft().next:
            if target == goal.id:
                return True
            if target not in seen:
                seen.add(target)
                queue.append(ladder.role(target))
    return False


def _unreachable(ladder: Ladder, start: Role, goal: Role) -> NoAnswer:
    return _no_route(start, goal, only_double_laterals=_walks_exist(ladder, start, goal))


def shortest_route(ladder: Ladder, start: Role, goal: Role) -> list[Role]:
    """The best route from start to goal, both included: the fewest moves,
    then the fewest lateral and apply moves, then the earliest `next` entries.
    Never two lateral moves in a row, and no role twice."""
    if start.id == goal.id:
        return [start]
    graph = _Graph(ladder, goal)
    if not graph.reachable(start):
        raise _unreachable(ladder, start, goal)
    walk = graph.best_walk(start)
    if len(set(walk)) < len(walk):
        # The best walk comes back to a role (the first time it could only
        # have left by a second lateral move): ask the bounded search instead.
        found = _search(graph, start, 1)
        if found.routes:
            walk = found.routes[0]
        elif found.stopped_by is None:
            raise _no_route(start, goal, only_double_laterals=True)
        # Out of budget, the walk stands: every move of it is allowed.
    return [ladder.role(role_id) for role_id in walk]


@dataclass(frozen=True)
class RouteStep:
    role: Role
    # The readiness signals of the rung before (the role left), and the
    # competencies that move (or stop being described) on the step onto this
    # one; empty on the first step.
    to_show: tuple[str, ...] = ()
    changes: tuple[LevelChange, ...] = ()
    # The move that leads onto this rung (None on the first step); its
    # `ready_when` are the signals of that move itself.
    move: Move | None = None

    @property
    def kind(self) -> str | None:
        return self.move.kind if self.move is not None else None

    @property
    def signals(self) -> tuple[str, ...]:
        """Everything to show before this step: the move's own signals, then the role's."""
        return (self.move.ready_when if self.move is not None else ()) + self.to_show


@dataclass(frozen=True)
class Route:
    steps: tuple[RouteStep, ...]

    @property
    def start(self) -> Role:
        return self.steps[0].role

    @property
    def goal(self) -> Role:
        return self.steps[-1].role


def _move(before: Role, to: str) -> Move:
    move = before.move_to(to)
    assert move is not None, "a route follows the ladder's moves"
    return move


def describe_route(ladder: Ladder, roles: list[Role] | tuple[Role, ...]) -> Route:
    """Each rung of a route with the move onto it and what changes on it."""
    steps = [RouteStep(roles[0])] if roles else []
    for before, role in itertools.pairwise(roles):
        # A cell that starts or stops being described moves too, with no change figure.
        moved = tuple(c for c in level_changes(ladder, before, role) if c.change or c.newly_described)
        steps.append(RouteStep(role, before.ready_when, moved, _move(before, role.id)))
    return Route(tuple(steps))


@dataclass(frozen=True)
class Routes:
    start: Role
    goal: Role
    routes: tuple[Route, ...]
    truncated: bool
    # Why the list stopped early: "cap" (more routes exist than are listed) or
    # "budget" (the search looked at SEARCH_BUDGET moves); None when complete.
    truncated_by: str | None = None
    # With "budget": routes of this many moves or more may be missing.
    complete_below: int = 0
    limit: int = MAX_ROUTES
    budget: int = SEARCH_BUDGET


@dataclass(frozen=True)
class _Found:
    routes: tuple[list[str], ...]
    # "cap", "budget" or None, as in Routes.
    stopped_by: str | None
    # The length of route being searched when the budget ran out.
    length: int


def _search(graph: _Graph, start: Role, want: int) -> _Found:
    """The first `want` simple routes in rank order, by iterative deepening:
    every route of exactly 1 move, then 2, and so on. A partial route is cut
    when the fewest moves it still needs overshoot the length searched, or
    (once enough routes of this length are kept) when the fewest costly moves
    it still needs cannot beat the worst one kept. Memory holds the route in
    hand and at most `want` routes; every move looked at counts against the
    shared SEARCH_BUDGET."""
    ladder, goal = graph.ladder, graph.goal
    rank, cost_left = graph.rank, graph.cost_left
    found: list[list[str]] = []
    steps = 0
    length = rank[(start.id, False)][0]
    while len(found) < want and length < len(ladder.roles):
        room = want - len(found)
        # The best `room` routes of this length so far, as a max-heap on (cost, order found).
        kept: list[tuple[int, int, list[str]]] = []
        met = 0
        longer_exist = False  # whether a partial route was cut only for being too long
        route, on_route = [start.id], {start.id}
        # For each role on the route: its moves left to try, moves so far, cost so far, arrived laterally.
        frames: list[tuple[Iterator[Move], int, bool]] = [(iter(start.moves), 0, False)]
        while frames:
            steps += 1
            if steps > SEARCH_BUDGET:
                found.extend(ids for _, _, ids in sorted(kept, key=lambda k: (-k[0], -k[1]))[:room])
                return _Found(tuple(found), "budget", length)
            moves, cost, arrived_lateral = frames[-1]
            move = next(moves, None)
            if move is None:
                frames.pop()
                on_route.discard(route.pop())
                continue
            lateral = move.kind == "lateral"
            if (lateral and arrived_lateral) or move.to in on_route:
                continue
            depth = len(route)  # moves once this one is taken
            total = cost + (move.kind in COSTLY_KINDS)
            if move.to == goal.id:
                if depth == length:
                    met += 1
                    if len(kept) < room:
                        heapq.heappush(kept, (-total, -met, [*route, goal.id]))
                    elif (total, met) < (-kept[0][0], -kept[0][1]):
                        heapq.heapreplace(kept, (-total, -met, [*route, goal.id]))
                continue
            state = (move.to, lateral)
            needs = rank.get(state)
            if needs is None:
                continue
            if depth + needs[0] > length:
                longer_exist = True
                continue
            if len(kept) == room and total + cost_left[state] >= -kept[0][0]:
                continue  # cannot beat the worst kept: equal cost found later ranks after it
            route.append(move.to)
            on_route.add(move.to)
            frames.append((iter(ladder.role(move.to).moves), total, lateral))
        found.extend(ids for _, _, ids in sorted(kept, key=lambda k: (-k[0], -k[1])))
        if not longer_exist:
            break
        length += 1
    return _Found(tuple(found), "cap" if len(found) >= want else None, length)


def all_routes(ladder: Ladder, start: Role, goal: Role, limit: int = MAX_ROUTES) -> Routes:
    """Every route that repeats no role, best first (see shortest_route), at
    most `limit` of them; `truncated` says whether the list is complete."""
    if start.id == goal.id:
        return Routes(start, goal, (describe_route(ladder, [start]),), truncated=False, limit=limit)
    graph = _Graph(ladder, goal)
    if not graph.reachable(start):
        raise _unreachable(ladder, start, goal)
    # One route more than listed, to know for certain that more exist.
    found = _search(graph, start, limit + 1)
    ids = found.routes[:limit]
    if not ids and found.stopped_by is None:
        # The only ways there pass a role twice (to avoid two lateral moves in a row).
        raise _no_route(start, goal, only_double_laterals=True)
    routes = tuple(describe_route(ladder, [ladder.role(r) for r in route]) for route in ids)
    stopped_by = found.stopped_by
    return Routes(
        start,
        goal,
        routes,
        truncated=stopped_by is not None,
        truncated_by=stopped_by,
        complete_below=found.length if stopped_by == "budget" else 0,
        limit=limit,
        budget=SEARCH_BUDGET,
    )
