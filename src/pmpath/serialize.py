"""Turn model and query results into plain data for `--json`.

The key names here are a public contract documented in the README: add keys,
never rename or remove them.
"""

from __future__ import annotations

import json
from typing import Any

from pmpath.errors import Problem
from pmpath.model import Ladder, Rating, Role
from pmpath.queries import Comparison


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
