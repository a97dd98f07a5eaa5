"""Turn typed results into plain data for `--json`.

The key names here are a public contract documented in the README: add keys,
never rename or remove them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pmpath.ladder.fileformat import PREVIOUS, ROLE_FIELDS, FieldSpec
from pmpath.ladder.model import Competency, Ladder, Move, Rating, Role
from pmpath.output.escape import RAW_IN_JSON

if TYPE_CHECKING:  # imported only by the commands that use them
    from pmpath.ladder.validation import Validation
    from pmpath.queries.compare import Comparison, LevelChange
    from pmpath.queries.competencies import CompetencyGuide
    from pmpath.queries.diff import FieldChange, LadderDiff, RoleChange, Value
    from pmpath.queries.gap import Gap
    from pmpath.queries.info import LadderInfo
    from pmpath.queries.listing import RoleList
    from pmpath.queries.matching import MatchResult
    from pmpath.queries.neighbours import NextSteps
    from pmpath.queries.plan import Plan, Shortfall
    from pmpath.queries.progress import Progress
    from pmpath.queries.routes import Route, Routes
    from pmpath.queries.search import SearchResult
    from pmpath.queries.tree import Tree, TreeRow


def dumps(data: object) -> str:
    """JSON already escapes C0 controls; C1 controls and bidi overrides are
    legal raw in JSON text but would act on a terminal, so they go out as \\u
    escapes too. The decoded text is unchanged."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def role_brief(role: Role) -> dict[str, Any]:
    return {
        "id": role.id,
        "title": role.title,
        "level": role.level,
        "level_label": role.level_label,
        # One text, as before shared rungs: the tracks joined with ", ".
        "track": role.track,
        "tracks": list(role.tracks),
    }


def rating(value: Rating | None) -> dict[str, Any] | None:
    if value is None:
        return None
    found = {
        "level": value.level,
        "expectation": value.expectation,
        "statements": list(value.statements),
        "examples": list(value.examples),
        "not_yet": list(value.not_yet),
    }
    if value.extensions:  # most have none, and unpacking even an empty Mapping is slow
        found.update(value.extensions)
    return found


def move(value: Move) -> dict[str, Any]:
    return {"to": value.to, "kind": value.kind, "ready_when": list(value.ready_when), **value.extensions}


def field_value(role: Role, spec: FieldSpec) -> Any:
    """One field of a role as plain data: lists for tuples, objects for ratings."""
    if spec.kind == "ratings":
        return {key: rating(r) for key, r in role.competencies.items()}
    if spec.kind == "track_list":
        return role.track
    if spec.kind == "moves":
        return list(role.next)  # the ids; `moves` has the kinds
    value = getattr(role, spec.attr)
    return list(value) if isinstance(value, tuple) else value


def role_detail(role: Role) -> dict[str, Any]:
    """The role object of `show --json`: every field of the format, then what
    the loader works out, and the role's `x-` keys."""
    return {
        **{spec.name: field_value(role, spec) for spec in (*ROLE_FIELDS, PREVIOUS)},
        "level_label": role.level_label,
        "tracks": list(role.tracks),
        "moves": [move(m) for m in role.moves],
        **role.extensions,
    }


def role_list(result: RoleList | Ladder) -> list[dict[str, Any]]:
    """The briefs of `list`: every role of a ladder, or the roles a filter kept."""
    return [role_brief(role) for role in result.roles]


def next_steps(result: NextSteps) -> dict[str, Any]:
    return {
        "role": role_detail(result.role),
        "ready_when": list(result.role.ready_when),
        "next": [
            {**role_brief(t), "summary": t.summary, "kind": m.kind, "move_ready_when": list(m.ready_when)}
            for m, t in zip(result.moves, result.following, strict=True)
        ],
    }


def comparison(result: Comparison) -> dict[str, Any]:
    return {
        "a": role_detail(result.a),
        "b": role_detail(result.b),
        "same_role": result.same_role,
        "level_change": result.level_change,
        "a_leads_to_b": result.a_leads_to_b,
        "b_leads_to_a": result.b_leads_to_a,
        "competencies": [
            {
                "id": change.competency.id,
                "name": change.competency.name,
                "area": change.competency.area,
                "a": rating(change.before),
                "b": rating(change.after),
                "change": change.change,
            }
            for change in result.competencies
        ],
        "to_grow": [change.competency.id for change in result.to_grow],
        "route": [role.id for role in result.route],
        "route_found": bool(result.route),
        **_readiness(result.readiness),
    }


def _readiness(value: float | None) -> dict[str, Any]:
    """`readiness`, and whether it applies: null with false where no cell
    has a level on both sides (a ladder in words only, say)."""
    return {"readiness": value, "readiness_applicable": value is not None}


def validation(report: Validation) -> dict[str, Any]:
    return {
        "file": report.file,
        "valid": report.valid,
        "roles": report.roles,
        "errors": report.errors,
        "warnings": report.warnings,
        "problems": [
            {"line": p.line, "severity": "warning" if p.warning else "error", "message": p.message}
            for p in report.problems
        ],
    }


def _level(side: Rating | None) -> int | None:
    return side.level if side is not None else None


def _step_change(change: LevelChange) -> dict[str, Any]:
    return {
        "id": change.competency.id,
        "name": change.competency.name,
        "from": _level(change.before),
        "to": _level(change.after),
        "change": change.change,
    }


def route_steps(route: Route) -> list[dict[str, Any]]:
    """`to_show` stays the signals of the role left; the move's own signals
    are `move_ready_when`, so that neither meaning changes."""
    return [
        {
            **role_brief(step.role),
            "summary": step.role.summary,
            "changes": [_step_change(c) for c in step.changes],
            "to_show": list(step.to_show),
            "kind": step.kind,
            "move_ready_when": list(step.move.ready_when) if step.move is not None else [],
        }
        for step in route.steps
    ]


def path_result(route: Route) -> dict[str, Any]:
    return {"from": route.start.id, "to": route.goal.id, "steps": route_steps(route)}


def routes_result(found: Routes) -> dict[str, Any]:
    return {
        "from": found.start.id,
        "to": found.goal.id,
        "routes": [route_steps(route) for route in found.routes],
        "truncated": found.truncated,
        "truncated_by": found.truncated_by,
    }


def _tree_node(row: TreeRow) -> dict[str, Any]:
    return {**role_brief(row.role), "seen_before": row.seen_before, "kind": row.kind, "entry": row.entry}


def tree_nodes(result: Tree) -> list[dict[str, Any]]:
    """The flat rows nested again: each node holds its children."""
    roots: list[dict[str, Any]] = []
    open_lists = [roots]  # open_lists[d]: where a row of depth d goes
    for row in result.rows:
        node = {**_tree_node(row), "children": []}
        del open_lists[row.depth + 1 :]
        open_lists[row.depth].append(node)
        open_lists.append(node["children"])
    return roots


# Nodes nested deeper than this are not indented further: with indentation
# growing at every level, a long chain of roles would print text quadratic in
# its length. The data is the same JSON.
MAX_INDENTED_DEPTH = 16


def tree_json(result: Tree) -> str:
    """`dumps(tree_nodes(result))`, written row by row: the same text for a
    tree up to MAX_INDENTED_DEPTH deep, the same data for a deeper one, and
    no recursion (of json.dumps, or of nesting the nodes) that a long chain
    of roles would overflow."""
    if not result.rows:
        return dumps([])

    def pad(depth: int) -> str:
        return "  " * (2 * min(depth, MAX_INDENTED_DEPTH) + 1)

    lines = ["["]
    open_depths: list[int] = []  # nodes whose "children" list is open
    for number, row in enumerate(result.rows):
        following = result.rows[number + 1].depth if number + 1 < len(result.rows) else -1
        here = pad(row.depth)
        body = json.dumps(_tree_node(row), indent=2, ensure_ascii=False).splitlines()
        lines.extend(here + line for line in body[:-2])
        lines.append(here + body[-2] + ",")
        if following > row.depth:  # the next row is this one's first child
            lines.append(f'{here}  "children": [')
            open_depths.append(row.depth)
            continue
        lines.extend([f'{here}  "children": []', here + "}"])
        while open_depths and open_depths[-1] >= following:
            there = pad(open_depths.pop())
            lines.extend([there + "  ]", there + "}"])
        if following >= 0:  # a sibling follows the node just closed
            lines[-1] += ","
    lines.append("]")
    return RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", "\n".join(lines)) + "\n"


def search_hits(result: SearchResult) -> list[dict[str, Any]]:
    return [
        {
            "id": hit.role.id,
            "title": hit.role.title,
            "matches": [{"field": m.field, "label": m.label, "text": m.text} for m in hit.matches],
        }
        for hit in result.hits
    ]


def match_candidates(result: MatchResult) -> list[dict[str, Any]]:
    return [{"role": role_brief(c.role), "why": c.why} for c in result.candidates]


def gap_result(result: Gap) -> dict[str, Any]:
    return {
        "from": result.start.id if result.start else None,
        "to": result.goal.id,
        "self_assessed": result.self_assessed,
        "same_role": result.same_role,
        "assessed_on": result.assessed_on,
        "previous": {"date": result.previous.date} if result.previous else None,
        "route": [role.id for role in result.route],
        "route_found": result.route_found,
        "competencies": [
            {
                "id": c.competency.id,
                "name": c.competency.name,
                "area": c.competency.area,
                "now": _level(c.before),
                "needed": _level(c.after),
                "change": c.change,
                "expectation": c.after.expectation if c.after else "",
                # Both cells in full: statements, examples, not-yet signs (null: not described).
                "now_rating": rating(c.before),
                "needed_rating": rating(c.after),
                "assessed": c.competency.id not in result.not_assessed if result.self_assessed else None,
                "previous": result.previous.levels.get(c.competency.id) if result.previous else None,
                "since_previous": result.since_previous(c.competency.id),
            }
            for c in result.competencies
        ],
        "signals": [
            {
                "id": role.id,
                "title": role.title,
                "ready_when": list(role.ready_when),
                "kind": move.kind if move else None,
                "move_ready_when": list(move.ready_when) if move else [],
                # The signals above answered yes, in the same order (move's first).
                "met": [
                    signal
                    for signal in (*(move.ready_when if move else ()), *role.ready_when)
                    if result.signal_met(signal)
                ],
            }
            for role, move in zip(result.left_behind, result.moves_taken, strict=True)
        ],
        "signals_met": result.signals_met_count,
        "signals_total": result.signals_count,
        "signals_answered_on": result.signals_answered_on,
        "unrated": list(result.unrated),
        "not_assessed": list(result.not_assessed),
        "met": result.met,
        "rated": result.rated,
        **_readiness(result.readiness),
    }


def _competency(competency: Competency) -> dict[str, Any]:
    return {"id": competency.id, "name": competency.name, "description": competency.description}


def competencies(result: CompetencyGuide) -> dict[str, Any]:
    return {
        "areas": [
            {
                "id": group.area.id,
                "name": group.area.name,
                "description": group.area.description,
                "competencies": [_competency(c) for c in group.competencies],
            }
            for group in result.areas
        ],
        "ungrouped": [_competency(c) for c in result.ungrouped],
        "scale": [
            {"level": step.level, "name": step.name, "description": step.description} for step in result.scale
        ],
        "words_only": result.words_only,
    }


def progress(result: Progress) -> dict[str, Any]:
    return {
        "assessments": [{"date": a.date, "role": a.role, "target": a.target} for a in result.assessments],
        "competencies": [
            {
                "id": c.competency.id,
                "name": c.competency.name,
                "area": c.competency.area,
                "levels": list(c.levels),
                "latest": c.latest,
                "change": c.change,
            }
            for c in result.competencies
        ],
        "signals": [{"signal": s.signal, "met": s.met, "date": s.date} for s in result.signals],
        "signals_met": len(result.signals_met),
    }


def info(result: LadderInfo) -> dict[str, Any]:
    return {
        "title": result.title,
        "description": result.description,
        "version": result.version,
        "source": result.source,
        "license": result.license,
        "path": str(result.path) if result.path is not None else None,
        "bundled": result.bundled,
        "words_only": result.words_only,
        "counts": {
            "roles": result.roles,
            "tracks": result.tracks,
            "levels": result.levels,
            "areas": result.areas,
            "competencies": result.competencies,
            "titles": result.titles,
        },
    }


def _named(role: Role) -> dict[str, Any]:
    return {"id": role.id, "title": role.title}


def _shortfall(item: Shortfall) -> dict[str, Any]:
    return {
        "competency": {"id": item.competency.id, "name": item.competency.name, "area": item.competency.area},
        "now": item.now,
        "needed": item.needed,
        "gap": item.gap,
    }


def plan_result(result: Plan) -> dict[str, Any]:
    """`plan --json`: the route, the rule and the focus areas it picks, the
    other shortfalls, what was not assessed, and the signals on the way."""
    return {
        "goal": role_brief(result.goal),
        "start": role_brief(result.start) if result.start else None,
        "route": [
            {**role_brief(role), "kind": kind} for role, kind in zip(result.route, result.kinds, strict=True)
        ],
        "route_found": result.route_found,
        "rule": result.rule,
        "focus": [
            {
                **_shortfall(item),
                "behaviours": list(item.rating.statements),
                "examples": list(item.rating.examples),
                "not_yet": list(item.rating.not_yet),
            }
            for item in result.focus
        ],
        "also_short": [_shortfall(item) for item in result.also_short],
        "not_assessed": [{"id": c.id, "name": c.name} for c in result.not_assessed],
        "measured": result.measured,
        "all_met": result.all_met,
        "words_only": result.words_only,
        "signals": [
            {
                "from": _named(step.role),
                "to": _named(step.to),
                "kind": step.kind,
                "move_ready_when": list(step.move_signals),
                "ready_when": list(step.role.ready_when),
                # The signals above answered yes, in the same order (move's first).
                "met": [signal for signal in step.signals if result.signal_met(signal)],
            }
            for step in result.leaving
        ],
        "signals_met": result.signals_met_count,
        "signals_total": result.signals_count,
        "signals_answered_on": result.signals_answered_on,
    }


def _value(value: Value) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _field_changes(changes: tuple[FieldChange, ...]) -> list[dict[str, Any]]:
    return [{"field": c.field, "old": _value(c.old), "new": _value(c.new)} for c in changes]


def _role_change(change: RoleChange) -> dict[str, Any]:
    return {
        "id": change.id,
        "change": change.change,
        "old": role_brief(change.old) if change.old else None,
        "new": role_brief(change.new) if change.new else None,
        "fields": _field_changes(change.fields),
        "moves": [
            {
                "to": m.to,
                "title": m.title,
                "change": m.change,
                "old": move(m.old) if m.old else None,
                "new": move(m.new) if m.new else None,
            }
            for m in change.moves
        ],
        "competencies": [
            {
                "id": c.competency.id,
                "name": c.competency.name,
                "change": c.change,
                "level_change": c.level.change,
                "reworded": list(c.reworded),
                "old": rating(c.level.before),
                "new": rating(c.level.after),
            }
            for c in change.competencies
        ],
    }


def ladder_diff(result: LadderDiff) -> dict[str, Any]:
    return {
        "old": result.old_name,
        "new": result.new_name,
        "differences": not result.empty,
        "ladder": _field_changes(result.ladder),
        "definitions": [
            {
                "section": d.section,
                "key": d.key,
                "name": d.name,
                "change": d.change,
                "fields": _field_changes(d.fields),
            }
            for d in result.definitions
        ],
        "roles": [_role_change(change) for change in result.roles],
    }
