"""The human view of `plan`, with Rich.

Like `render.py`, it receives a result already escaped for the terminal.
Shortfalls are shown as work to do and levels met as calm (render.py's
MET_STYLE / SHORT_STYLE), the one meaning every view gives them.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from pmpath.ladder.model import ScaleLevel, scale_name
from pmpath.output.render import (
    MET_STYLE,
    SHORT_STYLE,
    bullets,
    change_text,
    checklist,
    heading,
    role_name,
    section,
    signals_count_line,
)
from pmpath.queries.plan import Plan, Shortfall


def _level(scale: tuple[ScaleLevel, ...], level: int) -> str:
    name = scale_name(scale, level)
    return f"{level} {name}" if name else str(level)


def route_line(result: Plan) -> Text:
    """'pm → senior-pm (promotion)': each rung, with the kind of move onto it."""
    line = Text()
    for number, (role, kind) in enumerate(zip(result.route, result.kinds, strict=True)):
        if number:
            line.append(" → ")
        line.append(role.id, "green")
        if kind is not None:
            line.append(f" ({kind})", "dim")
    return line


def where_from(result: Plan) -> Text:
    """Where the plan starts: the route, or why there is none."""
    goal = result.goal
    if result.start is None:
        return Text(
            f"Your file names no role you hold now ('role:'), so there is no route to show; "
            f"the plan sets your levels against those {goal.title} asks for.",
            style="dim",
        )
    if result.already_there:
        return Text(f"Your file says you already hold {goal.title}: there is no move to make.", style="dim")
    if not result.route_found:
        return Text(
            f"No route leads from {result.start.title} to {goal.title} by the ladder's moves; "
            f"the plan sets your levels against those {goal.title} asks for.",
            style="dim",
        )
    moves = len(result.route) - 1
    return Text.assemble(
        "From ", role_name(result.start), f", {moves} move{'' if moves == 1 else 's'}: ", route_line(result)
    )


def _focus_area(number: int, item: Shortfall, result: Plan) -> list[RenderableType]:
    title = Text.assemble((f"{number}. ", "bold cyan"), (item.competency.name, "bold"), "  ")
    title.append(f"now {_level(result.scale, item.now)}", style=SHORT_STYLE)
    title.append(f" · needed {_level(result.scale, item.needed)}  ")
    title.append_text(change_text(item.gap))
    rating = item.rating
    body: list[RenderableType] = []
    if rating.statements:
        body += [Text(f"What {result.goal.title} does here:", style="italic dim"), bullets(rating.statements)]
    if rating.examples:
        body += [Text("Examples:", style="italic dim"), bullets(rating.examples, "◦")]
    if rating.not_yet:
        body += [Text("Not yet there when:", style="italic dim"), bullets(rating.not_yet, "◦")]
    else:
        body.append(Text("The ladder gives no not-yet signs for this level.", style="dim"))
    return [Text(), title, Padding(Group(*body), (0, 0, 0, 3), expand=False)]


def _no_focus(result: Plan) -> Text:
    goal = result.goal
    if result.words_only:
        return Text(
            "This ladder describes its levels in words, without numbers, so there are no gaps to rank: "
            f"read what {goal.title} looks like with 'pmpath show {goal.id}'.",
            style="bold",
        )
    if result.all_met:
        return Text(
            f"You meet every level you assessed for {goal.title}: "
            "focus on the readiness signals of the move.",
            style=f"bold {MET_STYLE}",
        )
    return Text(
        f"None of the competencies you assessed has a level for {goal.title}, so there are no gaps to rank.",
        style="bold",
    )


def _shortfall_line(result: Plan, item: Shortfall) -> Text:
    line = Text(f"{item.competency.name} ")
    line.append(f"{item.now} → {item.needed}", style=SHORT_STYLE)
    return line


def plan_view(result: Plan) -> RenderableType:
    goal = result.goal
    parts: list[RenderableType] = [Text.assemble("Growth plan for ", role_name(goal)), where_from(result)]
    parts += [Text(), heading("Focus areas"), Text(result.rule, style="dim")]
    if result.focus:
        for number, item in enumerate(result.focus, start=1):
            parts += _focus_area(number, item, result)
    else:
        parts += [Text(), _no_focus(result)]
    if result.also_short:
        lines = Text(", ").join(_shortfall_line(result, item) for item in result.also_short)
        section(parts, "Also below the level asked for", lines)
    if result.not_assessed:
        names = Text(", ".join(c.name for c in result.not_assessed))
        section(parts, "Not assessed (not counted, not chosen as focus)", names)
    if result.leaving:
        steps: list[RenderableType] = []
        for step in result.leaving:
            kind = f" ({step.kind})" if step.kind and step.kind != "promotion" else ""
            steps.append(Text(f"Leaving {step.role.title} for {step.to.title}{kind}:", style="bold"))
            if step.signals:
                steps.append(Padding(checklist(step.signals, result.signal_met), (0, 0, 0, 2), expand=False))
            else:
                steps.append(Text("  The ladder lists no signals for this move.", style="dim"))
        if result.signals:
            met, total = result.signals_met_count, result.signals_count
            steps.append(signals_count_line(met, total, result.signals_answered_on))
        section(parts, "Readiness signals to collect evidence for", Group(*steps))
    elif not result.already_there:
        section(
            parts,
            "Readiness signals",
            Text("None to list: the signals belong to the moves of a route.", style="dim"),
        )
    return Group(*parts)
