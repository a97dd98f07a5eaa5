"""Human output with Rich. Imported only on the human path (Rich is slow to
import); `--json` never loads this module.

Text from a ladder file is always wrapped by `inert`: it is never parsed as
Rich markup, and control characters are shown escaped, so a file cannot
restyle the output or send commands to the terminal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from pmpath.ladder.fileformat import ROLE_SECTIONS
from pmpath.ladder.model import Ladder, Rating, Role

if TYPE_CHECKING:
    from pmpath.queries.compare import Comparison
    from pmpath.queries.search import SearchHit
    from pmpath.queries.tree import TreeNode
from pmpath.output.escape import escape_controls


def inert(text: str, style: str = "") -> Text:
    """Data as literal text: no markup, no live control sequences."""
    return Text(escape_controls(text), style=style)


def _heading(text: str) -> Text:
    return Text(text, style="bold cyan")


def _bullets(items: Iterable[str], marker: str = "•") -> Table:
    """A bulleted list whose wrapped lines hang under the text, not the bullet."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    for item in items:
        grid.add_row(marker, inert(item))
    return grid


def _title_and_id(title: str, role_id: str, title_style: str = "bold") -> Text:
    """'Senior Product Manager (senior-pm)', the way every view names a role."""
    name = inert(title, title_style)
    name.append(" (")
    name.append_text(inert(role_id, "green"))
    name.append(")")
    return name


def _role_name(role: Role) -> Text:
    return _title_and_id(role.title, role.id)


def _role_names(roles: list[Role]) -> Text:
    return Text(", ").join(_role_name(role) for role in roles) if roles else Text("—", style="dim")


def list_view(ladder: Ladder) -> RenderableType:
    table = Table(title=inert(ladder.title) if ladder.title else None, box=box.SIMPLE_HEAVY)
    table.add_column("Level", justify="right", no_wrap=True)
    table.add_column("Title", style="bold")
    table.add_column("Id", style="green", no_wrap=True)
    table.add_column("Track", no_wrap=True)
    table.add_column("Leads to", overflow="fold")
    for role in ladder.roles:
        table.add_row(
            str(role.level),
            inert(role.title),
            inert(role.id),
            inert(role.track),
            inert(", ".join(role.next)),
        )
    return table


def _section(parts: list[RenderableType], title: str, body: RenderableType | None) -> None:
    if body is None:
        return
    parts.extend([Text(), _heading(title), Padding(body, (0, 0, 0, 2), expand=False)])


def _rating_text(ladder: Ladder, rating: Rating | None) -> Text:
    if rating is None:
        return Text("not rated", style="dim")
    label = Text(str(rating.level), style="bold")
    name = ladder.scale_name(rating.level)
    if name:
        label.append(f" {name}")
    if rating.expectation:
        label.append("\n")
        label.append_text(inert(rating.expectation, "dim"))
    return label


def _competency_table(ladder: Ladder, role: Role) -> Table | None:
    if not ladder.competencies or not role.competencies:
        return None
    table = Table(box=box.SIMPLE, show_header=True, pad_edge=False)
    table.add_column("Competency", style="bold")
    table.add_column("Level and what it looks like", ratio=1)
    for competency in ladder.competencies:
        table.add_row(inert(competency.name), _rating_text(ladder, role.competencies.get(competency.id)))
    return table


def role_view(ladder: Ladder, role: Role, previous: list[Role], following: list[Role]) -> RenderableType:
    header = _role_name(role)
    facts = Text(f"Level {role.level}", style="dim")
    if role.track:
        facts.append(" · ")
        facts.append_text(inert(role.track))
        facts.append(" track")
    if role.aliases:
        facts.append(" · also: ")
        facts.append_text(inert(", ".join(role.aliases)))
    parts: list[RenderableType] = [header, facts]
    if role.summary:
        parts.extend([Text(), inert(role.summary)])
    _section(parts, "Scope", inert(role.scope) if role.scope else None)
    for name, title in ROLE_SECTIONS:
        items = getattr(role, name)
        _section(parts, title, _bullets(items) if items else None)
    _section(parts, "Competencies", _competency_table(ladder, role))
    _section(parts, "Leads to", _role_names(following))
    _section(parts, "Comes from", _role_names(previous))
    return Group(*parts)


def next_view(role: Role, following: list[Role]) -> RenderableType:
    parts: list[RenderableType] = [Text.assemble("From ", _role_name(role), f", level {role.level}")]
    if not following:
        parts.extend([Text(), inert(f"{role.title} is the top of this ladder: no role follows it.", "bold")])
        return Group(*parts)
    if role.ready_when:
        _section(parts, "You are ready to move when", _bullets(role.ready_when, "☐"))
    table = Table(box=box.SIMPLE_HEAVY, title_justify="left")
    table.add_column("Level", justify="right", no_wrap=True)
    table.add_column("Title", style="bold")
    table.add_column("Id", style="green", no_wrap=True)
    table.add_column("Track")
    table.add_column("Summary", ratio=2)
    for target in following:
        table.add_row(
            str(target.level),
            inert(target.title),
            inert(target.id),
            inert(target.track),
            inert(target.summary),
        )
    _section(parts, "Leads to", table)
    return Group(*parts)


def _change_text(change: int | None) -> Text:
    if change is None:
        return Text("—", style="dim")
    if change > 0:
        return Text(f"▲ +{change}", style="green")
    if change < 0:
        return Text(f"▼ {change}", style="red")
    return Text("= 0", style="dim")


def compare_view(ladder: Ladder, result: Comparison) -> RenderableType:
    a, b = result.a, result.b
    table = Table(box=box.SIMPLE_HEAVY, show_lines=True)
    table.add_column("", style="bold cyan")
    table.add_column(_role_name(a), ratio=1)
    table.add_column(_role_name(b), ratio=1)
    level_b = Text(f"{b.level}  ")
    level_b.append_text(_change_text(result.level_change))
    table.add_row("Level", str(a.level), level_b)
    table.add_row("Track", inert(a.track), inert(b.track))
    for label, left, right in (
        ("Summary", a.summary, b.summary),
        ("Scope", a.scope, b.scope),
    ):
        if left or right:
            table.add_row(label, inert(left), inert(right))
    for label, left_items, right_items in (
        ("Responsibilities", a.responsibilities, b.responsibilities),
        ("In practice", a.in_practice, b.in_practice),
        ("Ready for the next step when", a.ready_when, b.ready_when),
    ):
        if left_items or right_items:
            table.add_row(label, _bullets(left_items), _bullets(right_items))
    table.add_row("Leads to", inert(", ".join(a.next) or "—"), inert(", ".join(b.next) or "—"))
    table.add_row("Comes from", inert(", ".join(a.previous) or "—"), inert(", ".join(b.previous) or "—"))
    parts: list[RenderableType] = [table]
    if result.a_leads_to_b:
        parts.append(Text.assemble(inert(a.title), " leads directly to ", inert(b.title), "."))
    elif result.b_leads_to_a:
        parts.append(Text.assemble(inert(b.title), " leads directly to ", inert(a.title), "."))
    rated = [c for c in result.competencies if c.a is not None or c.b is not None]
    if rated:
        competencies = Table(box=box.SIMPLE_HEAVY, title="Competencies", title_justify="left")
        competencies.add_column("Competency", style="bold")
        competencies.add_column(inert(a.title), ratio=1)
        competencies.add_column(inert(b.title), ratio=1)
        competencies.add_column("Change", justify="right")
        for change in rated:
            competencies.add_row(
                inert(change.competency.name),
                _rating_text(ladder, change.a),
                _rating_text(ladder, change.b),
                _change_text(change.change),
            )
        parts.extend([Text(), competencies])
    if result.to_grow:
        advice = Text.assemble(("To grow from ", "bold"), inert(a.title, "bold"), (" to ", "bold"))
        advice.append_text(inert(b.title, "bold"))
        advice.append(", work on: ", style="bold")
        advice.append_text(
            Text(", ").join(
                inert(f"{c.competency.name} ({c.a.level if c.a else '?'} → {c.b.level if c.b else '?'})")
                for c in result.to_grow
            )
        )
        parts.append(advice)
    return Group(*parts)


# -- routes, tree, search, gap --------------------------------------------------------
_TRACK_PALETTE = ("yellow", "cyan", "blue", "magenta", "green", "red")


def _track_styles(ladder: Ladder) -> dict[str, str]:
    """A colour per track, in order of first appearance, for any ladder's tracks."""
    tracks = [t for t in dict.fromkeys(role.track for role in ladder.roles) if t]
    return {track: _TRACK_PALETTE[i % len(_TRACK_PALETTE)] for i, track in enumerate(tracks)}


def _step_name(step: dict[str, Any]) -> Text:
    name = _title_and_id(step["title"], step["id"])
    facts = f" · level {step['level']}" + (f" · {step['track']}" if step["track"] else "")
    name.append_text(inert(facts, "dim"))
    return name


def _changes_text(changes: list[dict[str, Any]]) -> Text:
    parts = []
    for change in changes:
        arrow = "▲" if (change["change"] or 0) > 0 else "▼"
        part = inert(f"{change['name']} {change['from']} → {change['to']} ")
        part.append(arrow, style="green" if arrow == "▲" else "red")
        parts.append(part)
    return Text(", ").join(parts)


def path_view(steps: list[dict[str, Any]]) -> RenderableType:
    first, last = steps[0], steps[-1]
    count = len(steps) - 1
    header = Text.assemble("Route from ", inert(first["title"], "bold"), " to ", inert(last["title"], "bold"))
    header.append(f": {count} step{'s' if count != 1 else ''}")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", style="bold cyan", no_wrap=True)
    grid.add_column()
    for number, step in enumerate(steps, start=1):
        body: list[RenderableType] = [_step_name(step)]
        if step["to_show"]:
            body.append(Text("Show first:", style="dim"))
            body.append(_bullets(step["to_show"], "☐"))
        if step["changes"]:
            body.append(Text.assemble(("Changes: ", "dim"), _changes_text(step["changes"])))
        grid.add_row(f"{number}.", Group(*body))
        if step is not last:
            grid.add_row("", Text("↓", style="dim"))
    return Group(header, Text(), grid)


def routes_view(result: dict[str, Any]) -> RenderableType:
    routes = result["routes"]
    parts: list[RenderableType] = [
        Text(f"{len(routes)} route{'s' if len(routes) != 1 else ''} from {result['from']} to {result['to']}")
    ]
    for number, steps in enumerate(routes, start=1):
        line = Text(f"{number:>3}. ", style="bold cyan")
        line.append(f"({len(steps) - 1} step{'s' if len(steps) != 2 else ''}) ", style="dim")
        line.append_text(Text(" → ").join(inert(step["id"], "green") for step in steps))
        parts.append(line)
    if result["truncated"]:
        parts.append(Text("More routes exist; only the shortest ones found are listed.", style="yellow"))
    return Group(*parts)


def _tree_label(role: Role, seen_before: bool, style: str) -> Text:
    label = _title_and_id(role.title, role.id, f"bold {style}".strip())
    if seen_before:
        label.stylize("dim")
        label.append(" ↑ shown above", style="dim italic")
    else:
        label.append_text(inert(f" · L{role.level}" + (f" · {role.track}" if role.track else ""), "dim"))
    return label


def tree_view(ladder: Ladder, nodes: list[TreeNode]) -> RenderableType:
    from rich.tree import Tree

    styles = _track_styles(ladder)
    top = Tree(inert(ladder.title or "Ladder", "bold"), guide_style="dim")
    # Iterative, so a very deep ladder cannot overflow Python's stack here.
    stack: list[tuple[Tree, TreeNode]] = [(top, node) for node in reversed(nodes)]
    while stack:
        parent, node = stack.pop()
        branch = parent.add(_tree_label(node.role, node.seen_before, styles.get(node.role.track, "")))
        stack.extend((branch, child) for child in reversed(node.children))
    return top


def search_view(needle: str, hits: list[SearchHit]) -> RenderableType:
    pattern = re.compile(re.escape(escape_controls(needle.strip())), re.IGNORECASE)
    parts: list[RenderableType] = []
    for hit in hits:
        parts.append(_role_name(hit.role))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column()
        for match in hit.matches:
            text = inert(match.text)
            text.highlight_regex(pattern, "bold reverse")
            grid.add_row(f"{match.field}:", text)
        parts.extend([Padding(grid, (0, 0, 0, 2), expand=False), Text()])
    count = len(hits)
    parts.append(
        Text(f"{count} role{'s' if count != 1 else ''} mention '{escape_controls(needle)}'", style="dim")
    )
    return Group(*parts)


def gap_view(ladder: Ladder, result: dict[str, Any]) -> RenderableType:
    goal = ladder.role(result["to"])
    route = [ladder.role(role_id) for role_id in result["route"]]
    parts: list[RenderableType] = []
    if result["self_assessed"]:
        header = Text.assemble("Your levels against ", _role_name(goal))
    else:
        header = Text.assemble("From ", _role_name(route[0]), " to ", _role_name(goal))
    if len(route) > 2:
        header.append_text(inert(f", via {', '.join(r.id for r in route[1:-1])}", "dim"))
    parts.append(header)
    if result["competencies"]:
        table = Table(box=box.SIMPLE_HEAVY, title="Competencies", title_justify="left")
        table.add_column("Competency", style="bold")
        table.add_column("Now", justify="right")
        table.add_column("Needed", justify="right")
        table.add_column("Change", justify="right")
        table.add_column(inert(f"What it looks like as {goal.title}"), ratio=1)
        for row in result["competencies"]:
            table.add_row(
                inert(row["name"]),
                "—" if row["now"] is None else str(row["now"]),
                "—" if row["needed"] is None else str(row["needed"]),
                _change_text(row["change"]),
                inert(row["expectation"]),
            )
        parts.extend([Text(), table])
    for signal in result["signals"]:
        if signal["ready_when"]:
            _section(
                parts, f"Before leaving {signal['title']}, show that", _bullets(signal["ready_when"], "☐")
            )
    if result["readiness"] is not None and result["self_assessed"]:
        summary = Text(
            f"You meet {result['met']} of {result['rated']} competency levels for {goal.title}. "
            f"Readiness: {result['readiness']:g}%",
            style="bold",
        )
        summary.append(
            " (the levels you have, each counted up to the level needed, divided by the levels needed)",
            style="dim",
        )
        parts.extend([Text(), summary])
        if result["unrated"]:
            names = ", ".join(row["name"] for row in result["competencies"] if row["id"] in result["unrated"])
            parts.append(inert(f"Not in your file, so counted as 0: {names}", "yellow"))
    return Group(*parts)
