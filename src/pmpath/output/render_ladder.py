"""Human views across the ladder with Rich: `path`, `tree`, `search`, `gap`.

Like `render.py`, these receive results already escaped for the terminal.
"""

from __future__ import annotations

import itertools
import re

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from pmpath.ladder.model import Rating, Role
from pmpath.output.render import (
    bullets,
    change_text,
    competency_rows,
    rating_cell,
    readiness_note,
    role_name,
    section,
)
from pmpath.queries.compare import LevelChange
from pmpath.queries.gap import Gap
from pmpath.queries.routes import Route, Routes
from pmpath.queries.search import SearchResult
from pmpath.queries.tree import Tree

_TRACK_PALETTE = ("yellow", "cyan", "blue", "magenta", "green", "red")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _step_name(role: Role) -> Text:
    name = role_name(role)
    name.append(f" · level {role.level}" + (f" · {role.track}" if role.track else ""), style="dim")
    return name


def _level(side: Rating | None) -> str:
    return "not described" if side is None else str(side.level)


def _changes_text(changes: tuple[LevelChange, ...]) -> Text:
    parts = []
    for change in changes:
        part = Text(f"{change.competency.name} {_level(change.before)} → {_level(change.after)}")
        if change.change:  # a cell that stops (or starts) being described is neither a rise nor a fall
            part.append(" ")
            part.append("▲" if change.change > 0 else "▼", style="green" if change.change > 0 else "red")
        parts.append(part)
    return Text(", ").join(parts)


def path_view(route: Route) -> RenderableType:
    count = len(route.steps) - 1
    header = Text.assemble(
        "Route from ",
        (route.start.title, "bold"),
        " to ",
        (route.goal.title, "bold"),
        f": {_plural(count, 'step')}",
    )
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", style="bold cyan", no_wrap=True)
    grid.add_column()
    for number, step in enumerate(route.steps, start=1):
        body: list[RenderableType] = [_step_name(step.role)]
        if step.to_show:
            body.append(Text("Show first:", style="dim"))
            body.append(bullets(step.to_show, "☐"))
        if step.changes:
            body.append(Text.assemble(("Changes: ", "dim"), _changes_text(step.changes)))
        grid.add_row(f"{number}.", Group(*body))
        if number < len(route.steps):
            grid.add_row("", Text("↓", style="dim"))
    return Group(header, Text(), grid)


def routes_view(found: Routes) -> RenderableType:
    parts: list[RenderableType] = [
        Text(f"{_plural(len(found.routes), 'route')} from {found.start.id} to {found.goal.id}")
    ]
    for number, route in enumerate(found.routes, start=1):
        line = Text(f"{number:>3}. ", style="bold cyan")
        line.append(f"({_plural(len(route.steps) - 1, 'step')}) ", style="dim")
        line.append_text(Text(" → ").join(Text(step.role.id, "green") for step in route.steps))
        parts.append(line)
    if found.truncated:
        parts.append(Text("More routes exist; only the shortest ones found are listed.", style="yellow"))
    return Group(*parts)


# Drawing a branch costs as much as its depth, and past a few dozen levels the
# guides leave no room for names: deeper rows are counted, not drawn.
MAX_DRAWN_DEPTH = 30
# Highlights per piece of text in `search`: each is a span Rich keeps.
MAX_HIGHLIGHTS = 20


def tree_view(result: Tree) -> RenderableType:
    from rich.tree import Tree as RichTree

    styles = {track: _TRACK_PALETTE[i % len(_TRACK_PALETTE)] for i, track in enumerate(result.tracks)}
    top = RichTree(Text(result.title or "Ladder", "bold"), guide_style="dim")
    branches = [top]  # branches[d]: where a row of depth d is added
    too_deep = [row for row in result.rows if row.depth > MAX_DRAWN_DEPTH]
    for row in result.rows:
        if row.depth > MAX_DRAWN_DEPTH:
            continue
        role = row.role
        label = role_name(role, f"bold {styles.get(role.track, '')}".strip())
        if row.seen_before:
            label.stylize("dim")
            label.append(" ↑ shown above", style="dim italic")
        else:
            label.append(f" · L{role.level}" + (f" · {role.track}" if role.track else ""), style="dim")
        del branches[row.depth + 1 :]
        branches.append(branches[row.depth].add(label))
    if not too_deep:
        return top
    first = too_deep[0].role
    note = Text(
        f"{_plural(len(too_deep), 'role')} more than {MAX_DRAWN_DEPTH} levels down are not drawn, "
        f"from {first.title} ({first.id}) on; `pmpath tree {first.id}` draws them.",
        style="yellow",
    )
    return Group(top, note)


def search_view(result: SearchResult) -> RenderableType:
    pattern = re.compile(re.escape(result.text.strip()), re.IGNORECASE)
    parts: list[RenderableType] = []
    for hit in result.hits:
        parts.append(role_name(hit.role))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column()
        for match in hit.matches:
            text = Text(match.text)
            for found in itertools.islice(pattern.finditer(match.text), MAX_HIGHLIGHTS):
                text.stylize("bold reverse", found.start(), found.end())
            grid.add_row(f"{match.label}:", text)
        parts.extend([Padding(grid, (0, 0, 0, 2), expand=False), Text()])
    parts.append(Text(f"{_plural(len(result.hits), 'role')} mention '{result.text}'", style="dim"))
    return Group(*parts)


def _gap_level(side: Rating | None, missing: str = "not described") -> str:
    if side is None:
        return missing
    return "in words" if side.level is None else str(side.level)


def _gap_table(result: Gap) -> Table:
    goal = result.goal
    table = Table(box=box.SIMPLE_HEAVY, title="Competencies", title_justify="left")
    table.add_column("Competency", style="bold")
    if result.words_only and not result.self_assessed:
        # No numbers to set against each other: the statements side by side.
        start = result.start.title if result.start else "Now"
        table.add_column(Text(start), ratio=1)
        table.add_column(Text(goal.title), ratio=1)
        competency_rows(
            table,
            result.groups,
            lambda c: [
                Text(c.competency.name),
                rating_cell((), c.before, show_level=False),
                rating_cell((), c.after, show_level=False),
            ],
        )
        return table
    table.add_column("Now", justify="right")
    table.add_column("Needed", justify="right")
    table.add_column("Change", justify="right")
    table.add_column(Text(f"What it looks like as {goal.title}"), ratio=1)
    competency_rows(
        table,
        result.groups,
        lambda c: [
            Text(c.competency.name),
            _gap_level(c.before, "not rated" if result.self_assessed else "not described"),
            _gap_level(c.after),
            change_text(c.change),
            Text(c.after.expectation if c.after else ""),
        ],
    )
    return table


def _gap_summary(result: Gap) -> list[RenderableType]:
    goal = result.goal
    if result.readiness is None:
        whom = "both your file and the goal" if result.self_assessed else "both roles"
        return [Text(), readiness_note(result.words_only, whom)]
    if result.self_assessed:
        summary = Text(f"You meet {result.met} of {result.rated} competency levels for {goal.title}. ")
    else:
        start = result.start.title if result.start else "The start"
        summary = Text(f"{start} meets {result.met} of {result.rated} competency levels of {goal.title}. ")
    summary.append(f"Readiness: {result.readiness:g}%")
    summary.stylize("bold")
    whose = "the levels you have, each" if result.self_assessed else "each level"
    summary.append(f" ({whose} counted up to the level needed, divided by the levels needed)", style="dim")
    parts: list[RenderableType] = [Text(), summary]
    if result.unrated:
        names = ", ".join(c.competency.name for c in result.competencies if c.competency.id in result.unrated)
        parts.append(Text(f"Not in your file, so counted as 0: {names}", "yellow"))
    return parts


def gap_view(result: Gap) -> RenderableType:
    goal, route = result.goal, result.route
    parts: list[RenderableType] = []
    if result.self_assessed:
        header = Text.assemble("Your levels against ", role_name(goal))
    else:
        start = result.start or goal
        header = Text.assemble("From ", role_name(start), " to ", role_name(goal))
    if len(route) > 2:
        header.append(f", via {', '.join(r.id for r in route[1:-1])}", style="dim")
    parts.append(header)
    if result.start is not None and not result.route_found:
        parts.append(
            Text(
                f"No route leads from {result.start.title} to {goal.title} by the ladder's moves; "
                "the levels are compared as they stand.",
                style="dim",
            )
        )
    if result.groups:
        parts.extend([Text(), _gap_table(result)])
    for role in result.left_behind:
        if role.ready_when:
            section(parts, f"Before leaving {role.title}, show that", bullets(role.ready_when, "☐"))
    if result.groups:
        parts.extend(_gap_summary(result))
    return Group(*parts)
