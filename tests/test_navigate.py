"""path, tree, search, gap and assess."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import LADDERS, SMALL, Run, assess_here, bundled_role, run_json, write_ladder
from tests.test_ladder_content import ENTRY

CYCLE = str(LADDERS / "cycle.yaml")
COMPANY = str(LADDERS / "company.yaml")
MINIMAL = str(LADDERS / "minimal.yaml")


def ids(steps: list[dict[str, object]]) -> list[object]:
    return [step["id"] for step in steps]


# -- path -------------------------------------------------------------------------
def test_path_json_is_exact(run: Run) -> None:
    assert run_json(run, "--ladder", str(SMALL), "path", "jr", "staff") == {
        "from": "junior",
        "to": "staff-maker",
        "steps": [
            {
                "id": "junior",
                "title": "Junior Maker",
                "level": 1,
                "level_label": "",
                "track": "ic",
                "tracks": ["ic"],
                "summary": "Starts out.",
                "changes": [],
                "to_show": [],
                "kind": None,
                "move_ready_when": [],
            },
            {
                "id": "maker",
                "title": "Maker",
                "level": 2,
                "level_label": "",
                "track": "ic",
                "tracks": ["ic"],
                "summary": "Builds.",
                "changes": [
                    {"id": "strategy", "name": "Strategy", "from": 1, "to": 2, "change": 1},
                    {"id": "delivery", "name": "Delivery", "from": 2, "to": 3, "change": 1},
                ],
                "to_show": ["Ships alone"],
                "kind": "promotion",
                "move_ready_when": [],
            },
            {
                "id": "staff-maker",
                "title": "Staff Maker",
                "level": 3,
                "level_label": "",
                "track": "ic",
                "tracks": ["ic"],
                "summary": "Leads without managing.",
                "changes": [
                    {"id": "strategy", "name": "Strategy", "from": 2, "to": None, "change": None},
                    {"id": "delivery", "name": "Delivery", "from": 3, "to": None, "change": None},
                ],
                "to_show": ["Leads others", "Sets direction"],
                "kind": "promotion",
                "move_ready_when": [],
            },
        ],
    }


def test_path_human_numbers_rungs_and_shows_changes(run: Run) -> None:
    result = run("path", "apm", "director", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    out = result.stdout
    assert "Route from Associate Product Manager to Director of Product: 3 steps" in out
    assert "1. Associate Product Manager (apm)" in out
    assert "4. Director of Product (director)" in out
    # The signals of the move to Director, then those of Senior PM, the rung left.
    senior = bundled_role("senior-pm")
    to_director = next(m for m in senior["next"] if m["to"] == "director")
    assert out.index(f"☐ {to_director['ready_when'][0]}") < out.index(f"☐ {senior['ready_when'][0]}")
    assert "Product strategy 3 → 5 ▲" in out


TIE = """
roles:
  - {id: a, title: A, level: 1, next: [%s]}
  - {id: b, title: B, level: 2, next: [d]}
  - {id: c, title: C, level: 2, next: [d]}
  - {id: d, title: D, level: 3}
"""


@pytest.mark.parametrize(("order", "via"), [("b, c", "b"), ("c, b", "c")])
def test_path_ties_follow_the_order_of_next(run: Run, tmp_path: Path, order: str, via: str) -> None:
    path = write_ladder(tmp_path, TIE % order)
    assert ids(run_json(run, "--ladder", str(path), "path", "a", "d")["steps"]) == ["a", via, "d"]


def test_no_route_is_exit_1(run: Run) -> None:
    result = run("path", "cpo", "apm", "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "pmpath: error: no route from 'cpo' to 'apm': routes follow 'next' links, "
        "and none lead from Chief Product Officer to Associate Product Manager\n"
    )
    assert run("path", "cpo", "apm", "--all").exit_code == 1


def test_path_to_itself(run: Run) -> None:
    assert ids(run_json(run, "path", "pm", "pm")["steps"]) == ["pm"]
    assert run_json(run, "path", "pm", "pm", "--all")["routes"] == [
        run_json(run, "path", "pm", "pm")["steps"]
    ]


def test_path_through_a_cycle(run: Run) -> None:
    assert ids(run_json(run, "--ladder", CYCLE, "path", "growth", "senior")["steps"]) == [
        "growth-pm",
        "senior-pm",
    ]
    data = run_json(run, "--ladder", CYCLE, "path", "apm", "senior-pm", "--all")
    assert [ids(route) for route in data["routes"]] == [
        ["apm", "pm", "senior-pm"],
        ["apm", "pm", "growth-pm", "senior-pm"],
    ]
    assert data["truncated"] is False


def test_all_routes_on_the_bundled_ladder_are_shortest_first(run: Run) -> None:
    data = run_json(run, "path", "engineer", "cpo", "--all")
    lengths = [len(route) for route in data["routes"]]
    assert lengths == sorted(lengths)
    assert lengths[0] == len(run_json(run, "path", "engineer", "cpo")["steps"])
    assert len({tuple(ids(r)) for r in data["routes"]}) == len(data["routes"])
    for route in data["routes"]:
        assert len(set(ids(route))) == len(route)


def test_all_routes_are_bounded_on_a_dense_ladder(run: Run, tmp_path: Path) -> None:
    # 14 levels of 4 roles, each linked to every role above: 4**12 routes.
    lines = ["roles:"]
    for level in range(14):
        above = [f"r{level + 1}-{k}" for k in range(4)] if level < 13 else []
        for k in range(4):
            lines.append(
                f"  - {{id: r{level}-{k}, title: R{level}-{k}, level: {level}, next: [{', '.join(above)}]}}"
            )
    path = write_ladder(tmp_path, "\n".join(lines) + "\n")
    data = run_json(run, "--ladder", str(path), "path", "r0-0", "r13-0", "--all")
    assert data["truncated"] is True
    assert len(data["routes"]) == 50
    human = run("--ladder", str(path), "path", "r0-0", "r13-0", "--all")
    assert "More routes exist" in human.stdout


def test_path_all_human(run: Run) -> None:
    result = run("--ladder", CYCLE, "path", "apm", "senior", "--all", env={"COLUMNS": "120"})
    assert "2 routes from apm to senior-pm" in result.stdout
    assert "1. (2 steps) apm → pm → senior-pm" in result.stdout


# -- tree -------------------------------------------------------------------------
def _node(role_id: str, title: str, level: int, kind: str | None, seen: bool, *children: object) -> object:
    return {
        "id": role_id,
        "title": title,
        "level": level,
        "level_label": "",
        "track": "",
        "tracks": [],
        "seen_before": seen,
        "kind": kind,
        "entry": False,
        "children": list(children),
    }


def test_tree_json_marks_roles_seen_before(run: Run) -> None:
    # pm and growth-pm switch laterally both ways: growth-pm, which no
    # promotion leads to, is a starting role, and each refers to the other.
    assert run_json(run, "--ladder", CYCLE, "tree") == [
        _node(
            "apm",
            "Associate PM",
            1,
            None,
            False,
            _node(
                "pm",
                "PM",
                2,
                "promotion",
                False,
                _node("growth-pm", "Growth PM", 2, "lateral", True),
                _node("senior-pm", "Senior PM", 3, "promotion", False),
            ),
        ),
        _node(
            "growth-pm",
            "Growth PM",
            2,
            None,
            False,
            _node("pm", "PM", 2, "lateral", True),
            _node("senior-pm", "Senior PM", 3, "promotion", True),
        ),
    ]


def _expanded(nodes: list[dict[str, object]]) -> list[str]:
    found: list[str] = []
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if not node["seen_before"]:
            found.append(str(node["id"]))
        stack.extend(node["children"])  # type: ignore[arg-type]
    return found


def test_tree_shows_every_role_expanded_exactly_once(run: Run) -> None:
    expanded = _expanded(run_json(run, "tree"))
    assert sorted(expanded) == sorted(r["id"] for r in run_json(run, "list"))


def test_tree_of_a_pure_cycle_still_shows_every_role(run: Run, tmp_path: Path) -> None:
    path = write_ladder(
        tmp_path,
        "roles:\n  - {id: a, title: A, level: 1, next: [b]}\n  - {id: b, title: B, level: 1, next: [a]}\n",
    )
    data = run_json(run, "--ladder", str(path), "tree")
    assert sorted(_expanded(data)) == ["a", "b"]


def test_tree_from_a_role(run: Run) -> None:
    data = run_json(run, "tree", "senior")
    assert [node["id"] for node in data] == ["senior-pm"]
    children = [(child["id"], child["kind"], child["seen_before"]) for child in data[0]["children"]]
    assert children == [
        ("staff-pm", "promotion", False),
        ("group-pm", "promotion", False),
        ("director", "promotion", False),
        *((f"senior-{track}-pm", "lateral", True) for track in ("growth", "data", "technical", "ai")),
    ]


def test_tree_human_shows_the_fork_and_the_entry_routes(run: Run) -> None:
    result = run("tree", env={"COLUMNS": "150"})
    out = result.stdout
    assert out.startswith("Product management career ladder\n")
    assert "│       │   ├── Group Product Manager (group-pm) · Lead · management\n" in out
    assert "Principal Product Manager (principal-pm) · Senior lead · individual-contributor" in out
    assert "Director of Product (director) ↓ shown below" in out
    assert "↔ switch to Growth Product Manager (growth-pm)" in out
    # Exits hang under Principal, the nearer of the two rungs they leave from.
    assert "│       │   │   │   ├── Founder (founder) · Off the ladder · exits · exit\n" in out
    assert "│       │   │   │       ├── Founder (founder) ↑ shown above\n" in out


def test_tree_draws_the_ladder_as_the_trunk_and_the_routes_in_feeding_it(run: Run) -> None:
    lines = run("tree", env={"COLUMNS": "150"}).stdout.splitlines()
    # The trunk: the first rung, the ladder up from it.
    assert lines[1:3] == [
        "├── Associate Product Manager (apm) · Associate · individual-contributor",
        "│   └── Product Manager (pm) · Mid-level · individual-contributor",
    ]
    # Then the routes in, together, each naming the rungs it joins at.
    start = lines.index("└── Routes into the ladder")
    assert lines[start + 1 : start + 6] == [
        "    ├── Software Engineer (software-engineer) · Off the ladder · entry",
        "    │   ├── → into Associate Product Manager (apm)",
        "    │   ├── → into Product Manager (pm)",
        "    │   ├── → into Technical Product Manager (technical-pm)",
        "    │   └── → into AI Product Manager (ai-pm)",
    ]
    assert not any("shown above" in line for line in lines[start:])
    assert lines[-1] == "        └── → into Product Manager (pm)"


def test_tree_json_puts_the_trunk_first_and_the_routes_in_last(run: Run) -> None:
    roots = run_json(run, "tree")
    ids = [node["id"] for node in roots]
    assert ids[0] == "apm"
    assert ids[-10:] == [*ENTRY, "product-owner"]  # the routes in, after the trunk
    assert [root["entry"] for root in roots] == [False] * (len(roots) - 10) + [True] * 10
    for route in roots[-10:]:
        assert route["children"], route["id"]
        assert all(child["seen_before"] and child["kind"] == "apply" for child in route["children"])


# -- search -----------------------------------------------------------------------
def test_search_json_is_exact(run: Run) -> None:
    assert run_json(run, "--ladder", str(SMALL), "search", "PLAN") == [
        {
            "id": "junior",
            "title": "Junior Maker",
            "matches": [{"field": "competencies.strategy", "label": "Strategy", "text": "Follows the plan."}],
        },
        {
            "id": "maker",
            "title": "Maker",
            "matches": [{"field": "competencies.strategy", "label": "Strategy", "text": "Shapes the plan."}],
        },
    ]


def test_search_covers_titles_aliases_and_lists(run: Run) -> None:
    data = run_json(run, "--ladder", str(SMALL), "search", "staff")
    assert data == [
        {
            "id": "staff-maker",
            "title": "Staff Maker",
            "matches": [
                {"field": "title", "label": "Title", "text": "Staff Maker"},
                {"field": "aliases", "label": "Also called", "text": "staff"},
            ],
        }
    ]
    fields = {m["field"] for hit in run_json(run, "search", "mentor") for m in hit["matches"]}
    assert {"responsibilities", "ready_when", "competencies.leadership"} <= fields


def test_search_without_hits_is_exit_1(run: Run) -> None:
    result = run("search", "no such words anywhere", "--json")
    assert result.exit_code == 1
    assert result.stdout == "[]\n"
    human = run("search", "no such words anywhere")
    assert human.exit_code == 1
    assert human.stdout == ""
    assert human.stderr == "No role mentions all of 'no', 'such', 'words' and 'anywhere'.\n"


def test_empty_search_is_a_usage_error(run: Run) -> None:
    result = run("search", "  ")
    assert result.exit_code == 2
    assert "search text cannot be empty" in result.stderr


def test_search_human_shows_field_and_text(run: Run) -> None:
    result = run("search", "mentor", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Senior Product Manager (senior-pm)" in result.stdout
    assert "Ready for the next step when:" in result.stdout
    signal = next(s for s in bundled_role("graduate")["ready_when"] if "mentor" in s)
    assert re.search(r"Ready for the next step when: +" + re.escape(signal), result.stdout)
    to_group = next(m for m in bundled_role("senior-pm")["next"] if m["to"] == "group-pm")
    signal = next(s for s in to_group["ready_when"] if "mentor" in s)
    assert re.search(r"Ready to move to Group Product Manager when: +" + re.escape(signal), result.stdout)
    assert result.stdout.rstrip().endswith("8 roles mention 'mentor'")


def test_search_highlights_the_match_on_a_terminal() -> None:
    from tests.test_process import run_on_terminal

    out = run_on_terminal("search", "mentor")
    assert "\x1b[1;7mmentor\x1b[0m" in out


# -- gap ----------------------------------------------------------------------------
def test_gap_json(run: Run) -> None:
    data = run_json(run, "--ladder", str(SMALL), "gap", "jr", "maker")
    assert data == {
        "from": "junior",
        "to": "maker",
        "self_assessed": False,
        "same_role": False,
        "assessed_on": None,
        "previous": None,
        "route": ["junior", "maker"],
        "route_found": True,
        "competencies": [
            {
                "id": "strategy",
                "name": "Strategy",
                "area": "",
                "now": 1,
                "needed": 2,
                "change": 1,
                "expectation": "Shapes the plan.",
                "now_rating": {
                    "level": 1,
                    "expectation": "Follows the plan.",
                    "statements": ["Follows the plan."],
                    "examples": [],
                    "not_yet": [],
                },
                "needed_rating": {
                    "level": 2,
                    "expectation": "Shapes the plan.",
                    "statements": ["Shapes the plan."],
                    "examples": [],
                    "not_yet": [],
                },
                "assessed": None,
                "previous": None,
                "since_previous": None,
            },
            {
                "id": "delivery",
                "name": "Delivery",
                "area": "",
                "now": 2,
                "needed": 3,
                "change": 1,
                "expectation": "",
                "now_rating": {
                    "level": 2,
                    "expectation": "Ships small pieces.",
                    "statements": ["Ships small pieces."],
                    "examples": [],
                    "not_yet": [],
                },
                "needed_rating": {
                    "level": 3,
                    "expectation": "",
                    "statements": [],
                    "examples": [],
                    "not_yet": [],
                },
                "assessed": None,
                "previous": None,
                "since_previous": None,
            },
        ],
        "signals": [
            {
                "id": "junior",
                "title": "Junior Maker",
                "ready_when": ["Ships alone"],
                "kind": "promotion",
                "move_ready_when": [],
                "met": [],
            }
        ],
        "signals_met": 0,
        "signals_total": 1,
        "signals_answered_on": None,
        "unrated": [],
        "not_assessed": [],
        "met": 0,
        "rated": 2,
        "readiness": 60.0,
        "readiness_applicable": True,
    }


def test_gap_human_lists_every_rung_on_the_way(run: Run) -> None:
    result = run("gap", "pm", "director", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "From Product Manager (pm) to Director of Product (director), via senior-pm" in result.stdout
    assert "Before leaving Product Manager, show that" in result.stdout
    assert "Before leaving Senior Product Manager, show that" in result.stdout
    strategy = bundled_role("director")["competencies"]["product-strategy"]["expectation"]
    assert all(statement in result.stdout for statement in strategy)


def test_gap_with_my_own_levels(run: Run, tmp_path: Path) -> None:
    me = tmp_path / "me.json"
    me.write_text(json.dumps({"role": "junior", "competencies": {"strategy": 3}}))
    data = run_json(run, "--ladder", str(SMALL), "gap", "--me", str(me), "maker")
    assert data["from"] == "junior"
    assert data["self_assessed"] is True
    assert [(c["now"], c["needed"]) for c in data["competencies"]] == [(3, 2), (None, 3)]
    assert (data["unrated"], data["not_assessed"]) == (["delivery"], ["delivery"])
    assert data["met"] == 1
    assert data["readiness"] == 100.0  # min(3,2) / 2: delivery was not assessed, so it is left out
    human = run("--ladder", str(SMALL), "gap", "--me", str(me), "maker", env={"COLUMNS": "200"})
    assert (
        "You meet 1 of 1 competency levels for Maker. Readiness: 100% over 1 of 2 competencies; "
        "1 not assessed" in human.stdout
    )
    assert "Not assessed, so left out of readiness: Delivery" in human.stdout


def test_gap_me_without_a_role_has_no_route(run: Run, tmp_path: Path) -> None:
    me = write_ladder(tmp_path, "competencies: {strategy: 2, delivery: 3}\n", "me.yaml")
    data = run_json(run, "--ladder", str(SMALL), "gap", "--me", str(me), "maker")
    assert data["from"] is None
    assert data["route"] == ["maker"]
    assert data["readiness"] == 100.0
    assert data["signals"] == []


def test_bad_self_assessment_file(run: Run, tmp_path: Path) -> None:
    me = write_ladder(tmp_path, "competencies:\n  strategy: 9\n  stratgy: 1\n", "me.yaml")
    result = run("--ladder", str(SMALL), "gap", "--me", str(me), "maker")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"pmpath: error: {me}:2: 'strategy' must be from 1 to 3, not 9",
        f"pmpath: error: {me}:3: unknown competency 'stratgy' (did you mean 'strategy'?)",
    ]


def test_gap_argument_count(run: Run, tmp_path: Path) -> None:
    assert run("gap", "pm").exit_code == 2
    me = write_ladder(tmp_path, "competencies: {}\n", "me.yaml")
    assert run("gap", "--me", str(me), "pm", "senior").exit_code == 2


def test_gap_on_a_ladder_without_competencies(run: Run, tmp_path: Path) -> None:
    data = run_json(run, "--ladder", MINIMAL, "gap", "engineer", "senior")
    assert data["competencies"] == []
    assert data["readiness"] is None
    me = write_ladder(tmp_path, "competencies: {}\n", "me.yaml")
    result = run("--ladder", MINIMAL, "gap", "--me", str(me), "senior")
    assert result.exit_code == 1
    assert "defines no competencies" in result.stderr


def test_gap_without_a_route_still_compares(run: Run) -> None:
    data = run_json(run, "gap", "cpo", "apm")
    assert (data["route"], data["route_found"], data["signals"]) == ([], False, [])


# -- assess -------------------------------------------------------------------------
def test_assess_refuses_without_a_terminal(run: Run) -> None:
    result = run("assess", "senior")
    assert result.exit_code == 2
    assert result.stderr == (
        "pmpath: error: assess asks questions and needs a terminal; in scripts use 'pmpath gap --me FILE TO'\n"
    )


def test_assess_asks_then_saves_a_file_gap_accepts(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = tmp_path / "levels.yaml"
    result = assess_here(monkeypatch, saved, "7\n2\n3\nyes\n")  # 7 is refused: not on the scale
    assert result.exit_code == 0, result.output
    assert "Rate yourself on each competency for Maker." in result.stdout
    assert "Readiness: 100%" in result.stdout
    saved_data = yaml.safe_load(saved.read_text())
    assert saved_data["assessments"][0]["competencies"] == {"strategy": 2, "delivery": 3}
    assert saved_data["assessments"][0]["signals"] == [{"signal": "Ships alone", "answer": "yes"}]
    again = run_json(run, "--ladder", str(SMALL), "gap", "--me", str(saved), "maker")
    assert again["readiness"] == 100.0


# -- cells a role does not describe -------------------------------------------------
UNDESCRIBED = """
scale: [{level: 1, name: One}, {level: 2, name: Two}]
competencies: [{id: craft, name: Craft}, {id: lead, name: Leadership}]
roles:
  - {id: a, title: A, level: 1, next: [b], competencies: {craft: 2}}
  - {id: b, title: B, level: 2, next: [c]}
  - {id: c, title: C, level: 3, competencies: {craft: 2}}
"""


def test_a_cell_no_role_describes_is_never_a_change(run: Run, tmp_path: Path) -> None:
    path = write_ladder(tmp_path, UNDESCRIBED)
    steps = run_json(run, "--ladder", str(path), "path", "a", "c")["steps"]
    assert [step["changes"] for step in steps] == [
        [],
        [{"id": "craft", "name": "Craft", "from": 2, "to": None, "change": None}],
        [{"id": "craft", "name": "Craft", "from": None, "to": 2, "change": None}],
    ]
    human = run("--ladder", str(path), "path", "a", "c", env={"COLUMNS": "120"}).stdout
    assert "Changes: Craft 2 → not described\n" in human  # no arrow: not a fall
    assert "None" not in human and "Leadership" not in human


def test_gap_shows_not_described_and_leaves_out_what_neither_describes(run: Run, tmp_path: Path) -> None:
    path = write_ladder(tmp_path, UNDESCRIBED)
    human = run("--ladder", str(path), "gap", "b", "c", env={"COLUMNS": "120"}).stdout
    assert re.search(r"Craft +not described +2 +—$", human, re.MULTILINE), human
    assert "Leadership" not in human and "None" not in human


def test_all_routes_keeps_memory_bounded_by_its_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    """Layers of two roles that each lead to the next layer and to the goal:
    the search meets a route at every step, and keeps only the best 50."""
    import tracemalloc

    from pmpath.ladder.model import Ladder, Move, Role
    from pmpath.queries import routes
    from pmpath.queries.routes import MAX_ROUTES, all_routes

    monkeypatch.setattr(routes, "SEARCH_BUDGET", 30_000)  # enough to meet ~10,000 routes
    layers = 200
    roles = [Role("goal", "Goal", 999)]
    for n in range(layers):
        following = (f"l{n + 1}a", f"l{n + 1}b", "goal") if n + 1 < layers else ("goal",)
        moves = tuple(Move(target, "promotion") for target in following)
        roles += [Role(f"l{n}{side}", f"L{n}", 1, moves=moves) for side in "ab"]
    previous: dict[str, list[str]] = {}
    for role in roles:
        for target in role.next:
            previous.setdefault(target, []).append(role.id)
    ladder = Ladder(
        tuple(
            Role(r.id, r.title, r.level, moves=r.moves, previous=tuple(previous.get(r.id, ()))) for r in roles
        )
    )
    tracemalloc.start()
    found = all_routes(ladder, ladder.role("l0a"), ladder.role("goal"))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(found.routes) == MAX_ROUTES and found.truncated
    lengths = [len(route.steps) for route in found.routes]
    assert lengths == sorted(lengths)
    assert peak < 8 * 1024 * 1024, peak  # keeping every route met took ~40 MiB here


def test_tree_draws_a_deep_ladder_to_a_bounded_depth_and_says_what_it_left_out(
    run: Run, tmp_path: Path
) -> None:
    from pmpath.output.render_ladder import MAX_DRAWN_DEPTH

    chain = "".join(f"  - {{id: r{i}, title: R{i}, level: {i + 1}, next: [r{i + 1}]}}\n" for i in range(199))
    path = write_ladder(tmp_path, "roles:\n" + chain + "  - {id: r199, title: R199, level: 200}\n")
    out = run("--ladder", str(path), "tree", env={"COLUMNS": "400"}).stdout
    drawn = "\n".join(out.splitlines()[:-1])
    assert f"R{MAX_DRAWN_DEPTH} (r{MAX_DRAWN_DEPTH})" in drawn
    assert f"(r{MAX_DRAWN_DEPTH + 1})" not in drawn
    deeper = 200 - MAX_DRAWN_DEPTH - 1
    assert out.rstrip().endswith(
        f"{deeper} roles below the first {MAX_DRAWN_DEPTH + 1} levels are not drawn at this width, "
        f"from R{MAX_DRAWN_DEPTH + 1} (r{MAX_DRAWN_DEPTH + 1}) on; "
        f"`pmpath tree r{MAX_DRAWN_DEPTH + 1}` draws from there."
    )


def test_search_highlights_a_bounded_number_of_matches() -> None:
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from pmpath.ladder.model import Role
    from pmpath.output.render import ByWidth
    from pmpath.output.render_ladder import MAX_HIGHLIGHTS, search_view
    from pmpath.queries.search import Match, SearchHit, SearchResult

    many = "B " * 10_000
    result = SearchResult("b", (SearchHit(Role("a", "A", 1), (Match("title", "Title", many),)),))
    group = search_view(result)
    assert isinstance(group, Group)
    padding = group.renderables[1]
    assert isinstance(padding, Padding) and isinstance(padding.renderable, ByWidth)
    table = padding.renderable.build(80)
    assert isinstance(table, Table)
    cell = table.columns[1]._cells[0]
    assert isinstance(cell, Text)
    assert len(cell.spans) == MAX_HIGHLIGHTS
