"""Moves of a kind in `next`, `show`, `path` and `tree`: promotions, lateral
moves, apply-and-interview moves and ways out."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pmpath.ladder.model import Ladder, Move, Role
from tests.conftest import LADDERS, Run, run_json, write_ladder

DUAL = str(LADDERS / "format2" / "dual_track.yaml")
WIDE = {"COLUMNS": "200"}


def ids(steps: list[dict[str, object]]) -> list[object]:
    return [step["id"] for step in steps]


def linked(roles: list[Role]) -> Ladder:
    """A ladder built in memory, with `previous` worked out as the loader does."""
    previous: dict[str, list[str]] = {}
    for role in roles:
        for target in role.next:
            previous.setdefault(target, []).append(role.id)
    return Ladder(
        tuple(
            Role(r.id, r.title, r.level, moves=r.moves, previous=tuple(previous.get(r.id, ()))) for r in roles
        )
    )


# -- next ---------------------------------------------------------------------------
def test_next_json_gives_each_move_its_kind_and_signals(run: Run) -> None:
    data = run_json(run, "--ladder", DUAL, "next", "senior-2")
    assert data["ready_when"] == ["Other teams seek out your judgement."]
    assert [(e["id"], e["kind"], e["move_ready_when"]) for e in data["next"]] == [
        ("staff", "promotion", ["You have set the technical direction of a whole team."]),
        ("engineering-manager", "apply", ["You have run a team for a quarter while its manager was away."]),
    ]
    assert data["next"][0]["summary"] == "Sets technical direction for several teams."
    top = run_json(run, "--ladder", DUAL, "next", "director")["next"]
    assert [(e["id"], e["kind"], e["move_ready_when"]) for e in top] == [("founder", "exit", [])]


def test_next_groups_moves_by_kind_with_their_own_signals(run: Run) -> None:
    out = run("--ladder", DUAL, "next", "engineering-manager", env=WIDE).stdout
    assert "You are ready to move when\n  ☐ Your team delivers without you in every meeting." in out
    promotions, lateral = out.index("\nPromotions\n"), out.index("\nLateral moves\n")
    assert promotions < out.index("senior-manager") < lateral < out.index("staff")
    assert "This move also asks:" in out[lateral:]
    assert "☐ You miss building and your design work is still sharp." in out[lateral:]
    assert "Leads to" not in out


def test_next_on_the_bundled_ladder_lists_a_switch_apart_from_promotions(run: Run) -> None:
    out = run("next", "pm", env=WIDE).stdout
    lateral = out.index("\nLateral moves\n")
    assert out.index("\nPromotions\n") < out.index("senior-pm") < lateral
    assert all(out.index(switch) > lateral for switch in ("growth-pm", "data-pm", "technical-pm"))
    assert "Apply and interview" not in out and "Leads to" not in out
    assert run_json(run, "next", "apm")["next"][0]["kind"] == "promotion"


# -- show ---------------------------------------------------------------------------
def test_show_groups_leads_to_by_kind(run: Run) -> None:
    out = run("--ladder", DUAL, "show", "senior-2", env=WIDE).stdout
    leads_to = out[out.index("\nLeads to\n") : out.index("\nComes from\n")]
    assert re.search(
        r"Promotions: +Staff Engineer \(staff\) *\n +☐ You have set the technical direction", leads_to
    )
    assert re.search(
        r"Apply and interview: +Engineering Manager \(engineering-manager\) *\n +☐ You have run", leads_to
    )
    staff = run("--ladder", DUAL, "show", "staff", env=WIDE).stdout
    assert re.search(r"Promotions: +Principal Engineer \(principal\) *\n", staff)
    assert re.search(r"Apply and interview: +Engineering Manager \(engineering-manager\) *\n", staff)
    # Comes from names the kind of every move that is not a promotion.
    assert "Senior Engineer 2 (senior-2), Engineering Manager (engineering-manager) [lateral]" in staff


# -- path ---------------------------------------------------------------------------
def test_path_goes_through_the_apply_move(run: Run) -> None:
    data = run_json(run, "--ladder", DUAL, "path", "senior-2", "director")
    steps = data["steps"]
    assert ids(steps) == ["senior-2", "engineering-manager", "senior-manager", "director"]
    assert [s["kind"] for s in steps] == [None, "apply", "promotion", "apply"]
    # to_show stays the signals of the role left; the move's own are apart.
    assert steps[1]["to_show"] == ["Other teams seek out your judgement."]
    assert steps[1]["move_ready_when"] == ["You have run a team for a quarter while its manager was away."]
    assert steps[0]["to_show"] == [] and steps[0]["move_ready_when"] == []


def test_path_switches_laterally_then_is_promoted(run: Run) -> None:
    steps = run_json(run, "--ladder", DUAL, "path", "em", "principal")["steps"]
    assert [(s["id"], s["kind"]) for s in steps] == [
        ("engineering-manager", None),
        ("staff", "lateral"),
        ("principal", "promotion"),
    ]
    out = "\n".join(
        line.rstrip()
        for line in run("--ladder", DUAL, "path", "em", "principal", env=WIDE).stdout.splitlines()
    )
    assert "Route from Engineering Manager to Principal Engineer: 2 steps (1 lateral)" in out
    assert (
        "   ↓ lateral\n"
        "2. Staff Engineer (staff) · level 5 · Lead · ic\n"
        "   Show first:\n"
        "   ☐ You miss building and your design work is still sharp.\n"
        "   ☐ Your team delivers without you in every meeting.\n"
    ) in out
    assert "   ↓ promotion\n3. Principal Engineer (principal)" in out


def test_bundled_paths_keep_working(run: Run) -> None:
    steps = run_json(run, "path", "apm", "director")["steps"]
    assert ids(steps) == ["apm", "pm", "senior-pm", "director"]
    assert [s["kind"] for s in steps] == [None, "promotion", "promotion", "promotion"]
    out = run("path", "apm", "director", env=WIDE).stdout
    assert out.startswith("Route from Associate Product Manager to Director of Product: 3 steps\n")


TWO_LATERALS = """
roles:
  - {id: a, title: A, level: 1, next: [b]}
  - {id: b, title: B, level: 1, next: [c, up]}
  - {id: up, title: Up, level: 2, next: [{to: c, kind: apply}]}
  - {id: c, title: C, level: 1}
"""


def test_a_route_never_makes_two_lateral_moves_in_a_row(run: Run, tmp_path: Path) -> None:
    path = str(write_ladder(tmp_path, TWO_LATERALS))
    # a -> b -> c would be two switches in a row: the route goes up and back instead.
    steps = run_json(run, "--ladder", path, "path", "a", "c")["steps"]
    assert [(s["id"], s["kind"]) for s in steps] == [
        ("a", None),
        ("b", "lateral"),
        ("up", "promotion"),
        ("c", "apply"),
    ]
    every = run_json(run, "--ladder", path, "path", "a", "c", "--all")
    assert [ids(route) for route in every["routes"]] == [["a", "b", "up", "c"]]
    assert every["truncated"] is False and every["truncated_by"] is None
    # Two equally short ways, one of them two switches in a row: only the other is a route.
    both = str(write_ladder(tmp_path, TWO_LATERALS.replace("next: [b]", "next: [b, up]"), "both.yaml"))
    every = run_json(run, "--ladder", both, "path", "a", "c", "--all")
    assert [ids(route) for route in every["routes"]] == [["a", "up", "c"], ["a", "b", "up", "c"]]
    # From b, one switch is fine.
    assert ids(run_json(run, "--ladder", path, "path", "b", "c")["steps"]) == ["b", "c"]


def test_no_second_lateral_move_in_the_middle_of_a_route(run: Run, tmp_path: Path) -> None:
    # a -> b -> c -> goal switches twice in a row; a -> b -> up -> goal is as
    # long and as costly (its apply move against c's second switch), and valid.
    path = write_ladder(
        tmp_path,
        """
roles:
  - {id: a, title: A, level: 1, next: [b]}
  - {id: b, title: B, level: 1, next: [c, {to: up, kind: apply}]}
  - {id: c, title: C, level: 1, next: [goal]}
  - {id: up, title: Up, level: 2, next: [goal]}
  - {id: goal, title: Goal, level: 3}
""",
    )
    assert ids(run_json(run, "--ladder", str(path), "path", "a", "goal")["steps"]) == ["a", "b", "up", "goal"]
    every = run_json(run, "--ladder", str(path), "path", "a", "goal", "--all")["routes"]
    assert [ids(route) for route in every] == [["a", "b", "up", "goal"]]


def test_only_two_laterals_in_a_row_is_no_route(run: Run, tmp_path: Path) -> None:
    path = str(write_ladder(tmp_path, TWO_LATERALS.replace("next: [c, up]", "next: [c]")))
    for extra in ((), ("--all",)):
        result = run("--ladder", path, "path", "a", "c", *extra)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == (
            "pmpath: error: no route from 'a' to 'c': every way from A to C makes two lateral moves "
            "in a row or passes a role twice, which a route never does\n"
        )


def test_a_best_walk_that_comes_back_to_a_role_is_not_a_route(run: Run, tmp_path: Path) -> None:
    # The fewest moves from a to c pass b twice (a -> b -> up -> b -> c): the
    # first time, c would be a second lateral move in a row. There is a
    # route through `side` instead, one move longer.
    text = """
roles:
  - {id: a, title: A, level: 1, next: [b, side]}
  - {id: b, title: B, level: 1, next: [c, up]}
  - {id: up, title: Up, level: 2, next: [{to: b, kind: apply}]}
  - {id: side, title: Side, level: 2, next: [s2]}
  - {id: s2, title: S2, level: 3, next: [s3]}
  - {id: s3, title: S3, level: 4, next: [{to: c, kind: exit}]}
  - {id: c, title: C, level: 1}
"""
    path = str(write_ladder(tmp_path, text))
    assert ids(run_json(run, "--ladder", path, "path", "a", "c")["steps"]) == ["a", "side", "s2", "s3", "c"]
    cut = str(write_ladder(tmp_path, text.replace("next: [b, side]", "next: [b]"), "cut.yaml"))
    result = run("--ladder", cut, "path", "a", "c")
    assert result.exit_code == 1 and "passes a role twice" in result.stderr


TIES = """
roles:
  - {id: a, title: A, level: 1, next: [%s]}
  - {id: across, title: Across, level: 1, next: [goal]}
  - {id: applied, title: Applied, level: 2, next: [goal]}
  - {id: up, title: Up, level: 2, next: [goal]}
  - {id: goal, title: Goal, level: 3}
  - {id: other, title: Other, level: 2, next: [goal]}
"""


@pytest.mark.parametrize(
    "order", ["across, {to: applied, kind: apply}, up", "up, {to: applied, kind: apply}, across"]
)
def test_equally_short_routes_prefer_fewer_lateral_and_apply_moves(
    run: Run, tmp_path: Path, order: str
) -> None:
    path = str(write_ladder(tmp_path, TIES % order))
    assert ids(run_json(run, "--ladder", path, "path", "a", "goal")["steps"]) == ["a", "up", "goal"]
    routes = run_json(run, "--ladder", path, "path", "a", "goal", "--all")["routes"]
    first_costly = "across" if order.startswith("across") else "applied"
    second_costly = "applied" if first_costly == "across" else "across"
    # Then the earlier `next` entry among the equally costly ones.
    assert [ids(r)[1] for r in routes] == ["up", first_costly, second_costly]


def test_routes_human_names_the_kind_of_each_move_that_is_not_a_promotion(run: Run) -> None:
    out = run("--ladder", DUAL, "path", "junior", "founder", "--all", env=WIDE).stdout
    assert out.splitlines() == [
        "2 routes from junior to founder",
        "  1. (7 steps) junior → intermediate → senior-1 → senior-2 → engineering-manager (apply) → "
        "senior-manager → director (apply) → founder (exit)",
        "  2. (8 steps) junior → intermediate → senior-1 → senior-2 → staff → engineering-manager (apply) → "
        "senior-manager → director (apply) → founder (exit)",
    ]


# -- path --all on dense ladders ----------------------------------------------------
def dense_ladder_text(size: int) -> str:
    """Every role leads to every role above it: the first leads straight to the last."""
    lines = ["roles:"]
    for n in range(size):
        above = ", ".join(f"r{m}" for m in range(n + 1, size))
        lines.append(f"  - {{id: r{n}, title: R{n}, level: {n}, next: [{above}]}}")
    return "\n".join(lines) + "\n"


def test_all_routes_on_a_dense_ladder_start_with_the_one_step_route(run: Run, tmp_path: Path) -> None:
    path = str(write_ladder(tmp_path, dense_ladder_text(300)))
    data = run_json(run, "--ladder", path, "path", "r0", "r299", "--all")
    lengths = [len(route) - 1 for route in data["routes"]]
    assert lengths[0] == 1 and ids(data["routes"][0]) == ["r0", "r299"]
    assert lengths == sorted(lengths)
    assert ids(data["routes"][1]) == ["r0", "r1", "r299"]  # then in the order of `next`
    assert len(lengths) == 50
    assert data["truncated"] is True and data["truncated_by"] == "cap"
    human = run("--ladder", path, "path", "r0", "r299", "--all", env=WIDE).stdout
    assert "  1. (1 step) r0 → r299\n" in human
    assert human.rstrip().endswith(
        "More routes exist: only the best 50 are listed (fewest moves, then fewest lateral and apply moves)."
    )


def test_all_routes_say_when_the_search_budget_ran_out(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmpath.queries import routes

    # Two roles a layer, each leading to both of the next layer and to the goal.
    lines = ["roles:"]
    for n in range(12):
        following = [f"l{n + 1}a", f"l{n + 1}b"] if n < 11 else []
        for side in "ab":
            lines.append(
                f"  - {{id: l{n}{side}, title: L{n}, level: {n + 1}, next: [{', '.join([*following, 'goal'])}]}}"
            )
    lines.append("  - {id: goal, title: Goal, level: 99}")
    path = str(write_ladder(tmp_path, "\n".join(lines) + "\n"))
    monkeypatch.setattr(routes, "SEARCH_BUDGET", 40)
    data = run_json(run, "--ladder", path, "path", "l0a", "goal", "--all")
    assert data["truncated"] is True and data["truncated_by"] == "budget"
    lengths = [len(route) - 1 for route in data["routes"]]
    assert lengths == sorted(lengths) and lengths[0] == 1
    human = run("--ladder", path, "path", "l0a", "goal", "--all", env=WIDE).stdout
    last = max(lengths)
    assert human.rstrip().endswith(
        f"The search stopped after looking at 40 moves, its limit on this ladder: routes of {last} steps "
        "or more may be missing."
    )
    monkeypatch.setattr(routes, "SEARCH_BUDGET", 200_000)
    whole = run_json(run, "--ladder", path, "path", "l0a", "goal", "--all")
    assert whole["truncated_by"] == "cap" and len(whole["routes"]) == 50


def _layers(layers: int, width: int, kind: Callable[[int, int], str]) -> Ladder:
    """`start`, then layers of `width` roles each leading to every role of the
    next layer, then `goal`: width**layers routes, all equally long."""
    names = [[f"l{n}-{k}" for k in range(width)] for n in range(layers)] + [["goal"]]
    roles = [Role("start", "Start", 0, moves=tuple(Move(t, "promotion") for t in names[0]))]
    for n in range(layers):
        for k in range(width):
            moves = tuple(Move(t, kind(k, j)) for j, t in enumerate(names[n + 1]))
            roles.append(Role(names[n][k], names[n][k], n + 1, moves=moves))
    return linked([*roles, Role("goal", "Goal", layers + 1)])


def test_all_routes_keep_memory_bounded_on_a_big_dense_ladder() -> None:
    """Every route is equally long and the costs vary, so the search meets
    routes until its budget is spent; it keeps only the best 51."""
    import tracemalloc

    from pmpath.queries.routes import MAX_ROUTES, all_routes

    ladder = _layers(40, 10, lambda k, j: "apply" if (k + j) % 3 == 0 else "promotion")
    tracemalloc.start()
    found = all_routes(ladder, ladder.role("start"), ladder.role("goal"))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(found.routes) == MAX_ROUTES and found.truncated
    assert {len(route.steps) for route in found.routes} == {42}
    costs = [sum(step.kind == "apply" for step in route.steps) for route in found.routes]
    assert costs == sorted(costs)
    assert peak < 4 * 1024 * 1024, peak


def test_the_route_search_agrees_with_every_route_written_out() -> None:
    """Small random ladders with every kind of move, against a plain
    enumeration of every route ranked by the documented rules."""
    import random

    from pmpath.errors import NoAnswer
    from pmpath.queries.routes import all_routes, shortest_route

    def every_route(ladder: Ladder, start: str, goal: str) -> list[list[str]]:
        found: list[tuple[int, int, list[int], list[str]]] = []
        stack: list[tuple[list[str], list[int], bool, int]] = [([start], [], False, 0)]
        while stack:
            route, order, lateral_last, cost = stack.pop()
            for index, move in enumerate(ladder.role(route[-1]).moves):
                if (move.kind == "lateral" and lateral_last) or move.to in route:
                    continue
                total = cost + (move.kind in ("lateral", "apply"))
                if move.to == goal:
                    found.append((len(route), total, [*order, index], [*route, goal]))
                else:
                    stack.append(([*route, move.to], [*order, index], move.kind == "lateral", total))
        return [route for *_, route in sorted(found, key=lambda f: (f[0], f[1], f[2]))]

    rng = random.Random(2026)
    compared = 0
    for _ in range(400):
        size = rng.randint(2, 8)
        levels = [rng.randint(1, 3) for _ in range(size)]
        roles = []
        for n in range(size):
            moves = []
            for m in rng.sample(range(size), min(size - 1, rng.randint(0, 4))):
                if m == n:
                    continue
                if levels[m] > levels[n]:
                    kind = rng.choice(["promotion", "promotion", "apply", "exit"])
                else:
                    kind = rng.choice(
                        ["lateral", "apply", "exit"] if levels[m] == levels[n] else ["apply", "exit"]
                    )
                moves.append(Move(f"r{m}", kind))
            roles.append(Role(f"r{n}", f"R{n}", levels[n], moves=tuple(moves)))
        ladder = linked(roles)
        start, goal = rng.sample([role.id for role in ladder.roles], 2)
        expected = every_route(ladder, start, goal)
        try:
            best = [role.id for role in shortest_route(ladder, ladder.role(start), ladder.role(goal))]
            listed = all_routes(ladder, ladder.role(start), ladder.role(goal), limit=3)
        except NoAnswer:
            assert expected == []
            continue
        assert best == expected[0]
        assert [[step.role.id for step in route.steps] for route in listed.routes] == expected[:3]
        assert listed.truncated == (len(expected) > 3)
        compared += 1
    assert compared > 100


# -- tree ---------------------------------------------------------------------------
def _walk(nodes: list[Any]) -> list[Any]:
    """Every node of a JSON tree, in reading order."""
    found: list[Any] = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(reversed(node["children"]))
    return found


def test_tree_forks_the_tracks_and_refers_to_lateral_moves(run: Run) -> None:
    nodes = run_json(run, "--ladder", DUAL, "tree")
    assert [n["id"] for n in nodes] == ["junior"]
    senior2 = _walk(nodes)[3]
    assert senior2["id"] == "senior-2"
    staff, manager = senior2["children"]
    assert (staff["id"], staff["kind"], staff["seen_before"]) == ("staff", "promotion", False)
    assert (manager["id"], manager["kind"], manager["seen_before"]) == ("engineering-manager", "apply", False)
    # Staff's own apply move to the manager rung is a reference, not a second branch.
    assert [(c["id"], c["kind"], c["seen_before"], c["children"]) for c in staff["children"]] == [
        ("principal", "promotion", False, []),
        ("engineering-manager", "apply", True, []),
    ]
    assert [(c["id"], c["kind"], c["seen_before"]) for c in manager["children"]] == [
        ("senior-manager", "promotion", False),
        ("staff", "lateral", True),
    ]
    assert [(n["id"], n["kind"]) for n in _walk(nodes) if not n["seen_before"]][-2:] == [
        ("director", "apply"),
        ("founder", "exit"),
    ]
    assert nodes[0]["kind"] is None
    out = run("--ladder", DUAL, "tree", env=WIDE).stdout
    assert "│   └── Engineering Manager (engineering-manager) ↓ shown below\n" in out
    assert "└── Engineering Manager (engineering-manager) · Lead · management · apply\n" in out
    assert "    └── ↔ switch to Staff Engineer (staff)\n" in out


def test_a_role_reached_only_by_lateral_moves_is_a_starting_role(run: Run, tmp_path: Path) -> None:
    text = (
        "roles:\n"
        "  - {id: a, title: A, level: 1, next: [b]}\n"
        "  - {id: b, title: B, level: 2}\n"
        "  - {id: side, title: Side, level: 2, next: [b]}\n"
        "  - {id: c, title: C, level: 2, next: [side]}\n"
    )
    path = str(write_ladder(tmp_path, text))
    roots = [node["id"] for node in run_json(run, "--ladder", path, "tree")]
    assert roots == ["a", "side", "c"]
    for ladder in (path, None):
        args = ["--ladder", ladder] if ladder else []
        expanded = [n["id"] for n in _walk(run_json(run, *args, "tree")) if not n["seen_before"]]
        assert sorted(expanded) == sorted(r["id"] for r in run_json(run, *args, "list"))


def test_tree_json_is_the_same_text_as_nesting_the_nodes(run: Run) -> None:
    from pmpath.ladder.loading import load_ladder
    from pmpath.output.serialize import dumps, tree_json, tree_nodes
    from pmpath.queries.tree import tree

    for path in (None, Path(DUAL), LADDERS / "cycle.yaml"):
        result = tree(load_ladder(path))
        assert tree_json(result) == dumps(tree_nodes(result))
    assert run("tree", "--json").stdout == dumps(tree_nodes(tree(load_ladder(None))))
    assert tree_json(tree(Ladder(()))) == "[]\n"


def _chain(size: int) -> Ladder:
    roles = [Role(f"r{n}", f"R{n}", 1, moves=(Move(f"r{n + 1}", "apply"),)) for n in range(size - 1)]
    return linked([*roles, Role(f"r{size - 1}", "Last", 1)])


def test_tree_of_a_long_chain_is_linear_and_its_json_complete() -> None:
    from pmpath.output.serialize import MAX_INDENTED_DEPTH, tree_json, tree_nodes
    from pmpath.queries.tree import tree

    # Deeper than the indentation goes, and shallow enough for json.loads.
    result = tree(_chain(300))
    assert json.loads(tree_json(result)) == tree_nodes(result)
    widest = max(len(line) - len(line.lstrip()) for line in tree_json(result).splitlines())
    assert widest == 2 * (2 * MAX_INDENTED_DEPTH + 1) + 2
    sizes = []
    for size in (10_000, 20_000):
        chain = tree(_chain(size))
        assert len(chain.rows) == size
        sizes.append(len(tree_json(chain)))
    # Twice the roles, twice the text (the ids grow by a digit now and then).
    assert sizes[1] / sizes[0] < 2.05


def test_tree_is_cut_to_the_terminal_and_says_what_it_cut(run: Run, tmp_path: Path) -> None:
    from pmpath.output.render_ladder import drawable_depth

    chain = "".join(f"  - {{id: r{n}, title: R{n}, level: {n + 1}, next: [r{n + 1}]}}\n" for n in range(39))
    path = write_ladder(tmp_path, "roles:\n" + chain + "  - {id: r39, title: R39, level: 40}\n")
    lines = run("--ladder", str(path), "tree", env={"COLUMNS": "80"}).stdout.splitlines()
    at = next(n for n, line in enumerate(lines) if re.match(r"\d+ roles below", line))
    drawn, note = lines[:at], " ".join(line.strip() for line in lines[at:])
    shown = [int(found) for line in drawn for found in re.findall(r"\(r(\d+)\)", line)]
    deepest = drawable_depth(80)
    assert shown == list(range(deepest + 1))
    # Every label drawn keeps its line: the title, then one role a line, none wrapped.
    assert len(drawn) == deepest + 2 and all(len(line) <= 80 for line in drawn)
    # Every role is drawn or counted, and the first one left out is named.
    cut = deepest + 1
    assert note == (
        f"{40 - len(shown)} roles below the first {cut} levels are not drawn at this width, "
        f"from R{cut} (r{cut}) on; `pmpath tree r{cut}` draws from there."
    )
    assert drawn[-1].endswith(" …")  # where the tree was cut
    wider = run("--ladder", str(path), "tree", env={"COLUMNS": "200"}).stdout
    assert f"(r{drawable_depth(200)})" in wider and drawable_depth(200) > deepest
    rest = run("--ladder", str(path), "tree", f"r{cut}", env={"COLUMNS": "80"}).stdout
    assert rest.splitlines()[1].startswith(f"└── R{cut} (r{cut})")


def test_a_tree_cut_in_several_branches_names_each(run: Run, tmp_path: Path) -> None:
    chains = "".join(
        f"  - {{id: {side}{n}, title: {side.upper()} {n}, level: {n + 1}"
        + (f", next: [{side}{n + 1}]" if n < 19 else "")
        + "}\n"
        for side in "ab"
        for n in range(20)
    )
    path = tmp_path / "two.yaml"
    path.write_text(
        "roles:\n  - {id: top, title: Top, level: 0, next: [a0, b0]}\n" + chains, encoding="utf-8"
    )
    out = run("--ladder", str(path), "tree", env={"COLUMNS": "80"}).stdout
    note = " ".join(out.split("\n\n")[-1].split()) if "\n\n" in out else " ".join(out.splitlines()[-2:])
    assert "in 2 branches: `pmpath tree a" in note and ", `pmpath tree b" in note, note
    drawn = {line.split("(")[1].split(")")[0] for line in out.splitlines() if "── " in line}
    cut = int(note.split(" roles below")[0].split()[-1])
    assert len(drawn) + cut == 41
