"""Turn model and query results into plain data for `--json`.

The key names here are a public contract documented in the README: add keys,
never rename or remove them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pmpath.errors import Problem
from pmpath.ladder.model import Ladder, Rating, Role

if TYPE_CHECKING:  # imported only by the commands that use them
    from pmpath.queries.compare import Comparison
    from pmpath.queries.gap import Gap
    from pmpath.queries.routes import Routes
    from pmpath.queries.search import SearchHit
    from pmpath.queries.tree import TreeNode


def dumps(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def role_brief(role: Role) -> dict[str, Any]:
    return {"id": role.id, "title": role.title, "level": role.level, "track": role.track}


def rating(value: Rating | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {"level": value.level, "expectation": value.expectation}


def role_detail(role: Role) -> dict[str, Any]:
    return {
        "id": role.id,
        "title": role.title,
        "aliases": list(role.aliases),
        "level": role.level,
        "track": role.track,
        "summary": role.summary,
        "scope": role.scope,
        "responsibilities": list(role.responsibilities),
        "in_practice": list(role.in_practice),
        "ready_when": list(role.ready_when),
        "stand_out": list(role.stand_out),
        "brings": list(role.brings),
        "to_learn": list(role.to_learn),
        "next": list(role.next),
        "previous": list(role.previous),
        "competencies": {key: rating(value) for key, value in role.competencies.items()},
    }


def role_list(ladder: Ladder) -> list[dict[str, Any]]:
    return [role_brief(role) for role in ladder.roles]


def next_steps(role: Role, targets: list[Role]) -> dict[str, Any]:
    return {
        "role": role_detail(role),
        "ready_when": list(role.ready_when),
        "next": [{**role_brief(t), "summary": t.summary} for t in targets],
    }


def comparison(result: Comparison) -> dict[str, Any]:
    return {
        "a": role_detail(result.a),
        "b": role_detail(result.b),
        "level_change": result.level_change,
        "a_leads_to_b": result.a_leads_to_b,
        "b_leads_to_a": result.b_leads_to_a,
        "competencies": [
            {
                "id": change.competency.id,
                "name": change.competency.name,
                "a": rating(change.a),
                "b": rating(change.b),
                "change": change.change,
            }
            for change in result.competencies
        ],
        "to_grow": [change.competency.id for change in result.to_grow],
    }


def validation(filename: str, ladder: Ladder | None, problems: list[Problem]) -> dict[str, Any]:
    errors = [p for p in problems if not p.warning]
    return {
        "file": filename,
        "valid": not errors,
        "roles": len(ladder.roles) if ladder else None,
        "errors": len(errors),
        "warnings": len(problems) - len(errors),
        "problems": [
            {"line": p.line, "severity": "warning" if p.warning else "error", "message": p.message}
            for p in problems
        ],
    }


def route_steps(ladder: Ladder, route: list[Role] | tuple[Role, ...]) -> list[dict[str, Any]]:
    """Each rung of a route, with what changes on the step onto it: the
    competency levels that move, and the readiness signals of the rung left."""
    from pmpath.queries.compare import compare

    steps = []
    for before, role in zip([None, *route[:-1]], route, strict=True):
        step: dict[str, Any] = {**role_brief(role), "summary": role.summary, "changes": [], "to_show": []}
        if before is not None:
            step["to_show"] = list(before.ready_when)
            step["changes"] = [
                {
                    "id": c.competency.id,
                    "name": c.competency.name,
                    "from": c.a.level if c.a else None,
                    "to": c.b.level if c.b else None,
                    "change": c.change,
                }
                for c in compare(ladder, before, role).competencies
                if c.change != 0
            ]
        steps.append(step)
    return steps


def path_result(ladder: Ladder, route: list[Role]) -> dict[str, Any]:
    return {"from": route[0].id, "to": route[-1].id, "steps": route_steps(ladder, route)}


def routes_result(ladder: Ladder, start: Role, goal: Role, found: Routes) -> dict[str, Any]:
    return {
        "from": start.id,
        "to": goal.id,
        "routes": [route_steps(ladder, route) for route in found.routes],
        "truncated": found.truncated,
    }


def tree_nodes(nodes: list[TreeNode] | tuple[TreeNode, ...]) -> list[dict[str, Any]]:
    return [
        {
            **role_brief(node.role),
            "seen_before": node.seen_before,
            "children": tree_nodes(node.children),
        }
        for node in nodes
    ]


def search_hits(hits: list[SearchHit]) -> list[dict[str, Any]]:
    return [
        {
            "id": hit.role.id,
            "title": hit.role.title,
            "matches": [{"field": m.field, "text": m.text} for m in hit.matches],
        }
        for hit in hits
    ]


def gap_result(result: Gap, from_id: str | None, assessed: bool) -> dict[str, Any]:
    return {
        "from": from_id,
        "to": result.route[-1].id,
        "self_assessed": assessed,
        "route": [role.id for role in result.route],
        "competencies": [
            {
                "id": g.competency.id,
                "name": g.competency.name,
                "now": g.now,
                "needed": g.needed,
                "change": g.change,
                "expectation": g.target.expectation if g.target else "",
            }
            for g in result.competencies
        ],
        "signals": [
            {"id": role.id, "title": role.title, "ready_when": list(signals)}
            for role, signals in result.signals
        ],
        "unrated": list(result.unrated),
        "met": result.met,
        "rated": sum(1 for g in result.competencies if g.needed is not None),
        "readiness": result.readiness,
    }
