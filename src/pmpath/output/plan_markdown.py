"""The growth plan of `plan -o` as Markdown, to share.

Every text from the ladder or the `--me` file goes through markdown.py's
escaping (`md_text`, `md_list_item`) and nowhere else, so it never becomes
Markdown syntax or HTML; the headings, bold labels and list markers around
it are this module's own. Role ids (kebab-case, checked by the loader) are
escaped all the same.
"""

from __future__ import annotations

from pmpath.ladder.model import Role, scale_name
from pmpath.output.markdown import md_list_item, md_task_item, md_text
from pmpath.queries.plan import Plan, Shortfall


def _role(role: Role) -> str:
    return f"{md_text(role.title)} ({md_text(role.id)})"


def _level(result: Plan, level: int) -> str:
    name = scale_name(result.scale, level)
    return f"{level} ({md_text(name)})" if name else str(level)


def _where_from(result: Plan) -> list[str]:
    goal = md_text(result.goal.title)
    if result.start is None:
        return [
            "",
            f"Your file names no role you hold now, so there is no route to show; "
            f"this plan sets your levels against those {goal} asks for.",
            "",
        ]
    lines = [f"- **Now:** {_role(result.start)}"]
    if result.already_there:
        return [*lines, f"- **Route:** you already hold {goal}; there is no move to make.", ""]
    if not result.route_found:
        return [
            *lines,
            f"- **Route:** none leads from {md_text(result.start.title)} to {goal} by the ladder's "
            f"moves; this plan sets your levels against those {goal} asks for.",
            "",
        ]
    steps = []
    for role, kind in zip(result.route, result.kinds, strict=True):
        steps.append(md_text(role.title) + (f" ({md_text(kind)})" if kind else ""))
    return [*lines, f"- **Route:** {' → '.join(steps)}", ""]


def _focus_area(result: Plan, number: int, item: Shortfall) -> list[str]:
    rating = item.rating
    lines = [
        f"### {number}. {md_text(item.competency.name)}",
        "",
        f"Now {_level(result, item.now)}; needed {_level(result, item.needed)}; "
        f"a gap of {item.gap} level{'' if item.gap == 1 else 's'}.",
        "",
    ]
    if rating.statements:
        lines += [f"**What {md_text(result.goal.title)} does here**", ""]
        lines += [*(md_list_item(text) for text in rating.statements), ""]
    if rating.examples:
        lines += ["**Examples**", "", *(md_list_item(text) for text in rating.examples), ""]
    lines += ["**Not yet there when**", ""]
    if rating.not_yet:
        lines += [*(md_list_item(text) for text in rating.not_yet), ""]
    else:
        lines += ["The ladder gives no not-yet signs for this level.", ""]
    return lines


def _no_focus(result: Plan) -> str:
    goal = md_text(result.goal.title)
    if result.words_only:
        return (
            "This ladder describes its levels in words, without numbers, so there are no gaps "
            f"to rank: compare yourself with what {goal} looks like in the ladder."
        )
    if result.all_met:
        return f"You meet every level you assessed for {goal}: focus on the readiness signals of the move."
    return f"None of the competencies you assessed has a level for {goal}, so there are no gaps to rank."


def _signals(result: Plan) -> list[str]:
    if not result.leaving:
        if result.already_there:
            return []
        return ["## Readiness signals", "", "None to list: the signals belong to the moves of a route.", ""]
    lines = ["## Readiness signals to collect evidence for", ""]
    for step in result.leaving:
        kind = f" ({md_text(step.kind)})" if step.kind and step.kind != "promotion" else ""
        lines += [f"### Leaving {md_text(step.role.title)} for {md_text(step.to.title)}{kind}", ""]
        if step.signals:
            lines += [*(md_task_item(signal, result.signal_met(signal)) for signal in step.signals), ""]
        else:
            lines += ["The ladder lists no signals for this move.", ""]
    if result.signals:
        lines += [_signals_count(result), ""]
    return lines


def _signals_count(result: Plan) -> str:
    """'2 of 7 signals met (from your answers up to 2026-10-15).', as the terminal says it."""
    total, on = result.signals_count, result.signals_answered_on
    when = f"from your answers up to {on}" if on else "none answered yet"
    return f"{result.signals_met_count} of {total} signal{'' if total == 1 else 's'} met ({when})."


def plan_markdown(result: Plan) -> str:
    """The plan as one Markdown page: goal and route, the rule and the focus
    areas it picks, the other shortfalls, what was not assessed, and the
    readiness signals of each move on the way."""
    goal = result.goal
    lines = [f"# Growth plan: {md_text(goal.title)}", "", f"- **Goal:** {_role(goal)}"]
    lines += _where_from(result)
    lines += ["## Focus areas", "", md_text(result.rule), ""]
    if result.focus:
        for number, item in enumerate(result.focus, start=1):
            lines += _focus_area(result, number, item)
    else:
        lines += [_no_focus(result), ""]
    if result.also_short:
        lines += ["## Also below the level asked for", ""]
        lines += [
            f"- {md_text(item.competency.name)}: now {item.now}, needed {item.needed}"
            for item in result.also_short
        ]
        lines.append("")
    if result.not_assessed:
        lines += ["## Not assessed", "", "Not counted, and not chosen as focus areas.", ""]
        lines += [*(md_list_item(c.name) for c in result.not_assessed), ""]
    lines += _signals(result)
    return "\n".join(lines).rstrip() + "\n"
