"""Human views of roles with Rich: `list`, `show`, `next`, `compare`, and the
pieces every view shares. Views across the ladder (routes, the tree, search,
gap) are in `render_ladder.py`.

Imported only on the human path (Rich is slow to import); `--json` never loads
this module. Views receive results that `terminal.print_human` has already
escaped, and the console reads no markup, so text from a ladder is shown
literally and cannot restyle the output or act on the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from pmpath.ladder.fileformat import MOVE_KIND_HEADINGS, PROSE_FIELDS
from pmpath.ladder.model import Ladder, Rating, Role, ScaleLevel, scale_name
from pmpath.queries.compare import Comparison
from pmpath.queries.neighbours import NextSteps, RolePage, Step, by_kind


def heading(text: str) -> Text:
    return Text(text, style="bold cyan")


def bullets(items: Iterable[str], marker: str = "•") -> Table:
    """A bulleted list whose wrapped lines hang under the text, not the bullet."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    for item in items:
        grid.add_row(marker, Text(item))
    return grid


def section(parts: list[RenderableType], title: str, body: RenderableType | None) -> None:
    if body is None:
        return
    parts.extend([Text(), heading(title), Padding(body, (0, 0, 0, 2), expand=False)])


def role_name(role: Role, title_style: str = "bold") -> Text:
    """'Senior Product Manager (senior-pm)', the way every view names a role."""
    return Text.assemble((role.title, title_style), " (", (role.id, "green"), ")")


def role_names(roles: Iterable[Role]) -> Text:
    names = [role_name(role) for role in roles]
    return Text(", ").join(names) if names else Text("—", style="dim")


def change_text(change: int | None) -> Text:
    if change is None:
        return Text("—", style="dim")
    if change > 0:
        return Text(f"▲ +{change}", style="green")
    if change < 0:
        return Text(f"▼ {change}", style="red")
    return Text("= 0", style="dim")


def rating_text(scale: tuple[ScaleLevel, ...], rating: Rating | None) -> Text:
    if rating is None:
        return Text("not described", style="dim")
    label = Text(str(rating.level), style="bold")
    name = scale_name(scale, rating.level)
    if name:
        label.append(f" {name}")
    if rating.expectation:
        label.append("\n")
        label.append(rating.expectation, style="dim")
    return label


def list_view(ladder: Ladder) -> RenderableType:
    table = Table(title=Text(ladder.title) if ladder.title else None, box=box.SIMPLE_HEAVY)
    table.add_column("Level", justify="right", no_wrap=True)
    table.add_column("Title", style="bold")
    table.add_column("Id", style="green", no_wrap=True)
    table.add_column("Track", no_wrap=True)
    table.add_column("Leads to", overflow="fold")
    for role in ladder.roles:
        table.add_row(
            str(role.level), Text(role.title), Text(role.id), Text(role.track), Text(", ".join(role.next))
        )
    return table


def _prose(value: str | tuple[str, ...]) -> RenderableType | None:
    if not value:
        return None
    return Text(value) if isinstance(value, str) else bullets(value)


def role_view(page: RolePage) -> RenderableType:
    role = page.role
    facts = Text(f"Level {role.level}", style="dim")
    if role.track:
        facts.append(f" · {role.track} track")
    if role.aliases:
        facts.append(f" · also: {', '.join(role.aliases)}")
    parts: list[RenderableType] = [role_name(role), facts]
    if role.summary:  # the lead paragraph, under no heading
        parts.extend([Text(), Text(role.summary)])
    for spec in PROSE_FIELDS:
        if spec.name != "summary":
            section(parts, spec.heading, _prose(getattr(role, spec.name)))
    if page.competencies and role.competencies:
        table = Table(box=box.SIMPLE, show_header=True, pad_edge=False)
        table.add_column("Competency", style="bold")
        table.add_column("Level and what it looks like", ratio=1)
        for competency in page.competencies:
            table.add_row(
                Text(competency.name), rating_text(page.scale, role.competencies.get(competency.id))
            )
        section(parts, "Competencies", table)
    section(parts, "Leads to", _moves_by_kind(page.leads_to))
    section(parts, "Comes from", _arrivals(page.comes_from))
    return Group(*parts)


def _arrivals(steps: tuple[Step, ...]) -> Text:
    """The roles a move leads here from, each with its kind unless a promotion."""
    names = []
    for step in steps:
        name = role_name(step.role)
        if step.move.kind != "promotion":
            name.append(f" [{step.move.kind}]", style="dim")
        names.append(name)
    return Text(", ").join(names) if names else Text("—", style="dim")


def _moves_by_kind(steps: tuple[Step, ...]) -> RenderableType:
    """One line per kind of move ('Promotions: A (a), B (b)'); a kind where
    any move asks for signals of its own lists one move a line, each with its
    signals under it."""
    if not steps:
        return Text("—", style="dim")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    for kind, group in by_kind(steps):
        heading = f"{MOVE_KIND_HEADINGS.get(kind, kind)}:"
        if not any(step.move.ready_when for step in group):
            grid.add_row(heading, role_names(step.role for step in group))
            continue
        lines: list[RenderableType] = []
        for step in group:
            lines.append(role_name(step.role))
            if step.move.ready_when:
                lines.append(Padding(bullets(step.move.ready_when, "☐"), (0, 0, 0, 2), expand=False))
        grid.add_row(heading, Group(*lines))
    return grid


def next_view(steps: NextSteps) -> RenderableType:
    """The role's own signals first (they hold for every move), then one
    table per kind of move, each move with the signals it asks for itself."""
    role = steps.role
    parts: list[RenderableType] = [Text.assemble("From ", role_name(role), f", level {role.level}")]
    if not steps.following:
        parts.extend([Text(), Text(f"{role.title} is the top of this ladder: no role follows it.", "bold")])
        return Group(*parts)
    if role.ready_when:
        section(parts, "You are ready to move when", bullets(role.ready_when, "☐"))
    for kind, group in by_kind(steps.steps):
        table = Table(box=box.SIMPLE_HEAVY, title_justify="left")
        table.add_column("Level", justify="right", no_wrap=True)
        table.add_column("Title", style="bold")
        table.add_column("Id", style="green", no_wrap=True)
        table.add_column("Track")
        table.add_column("Summary", ratio=2)
        for step in group:
            target = step.role
            about: RenderableType = Text(target.summary)
            if step.move.ready_when:
                # The move's own signals, under the summary of where it leads.
                about = Group(
                    *([Text(target.summary)] if target.summary else []),
                    Text("This move also asks:", style="dim"),
                    bullets(step.move.ready_when, "☐"),
                )
            table.add_row(str(target.level), Text(target.title), Text(target.id), Text(target.track), about)
        section(parts, MOVE_KIND_HEADINGS.get(kind, kind), table)
    return Group(*parts)


def compare_view(result: Comparison) -> RenderableType:
    a, b = result.a, result.b
    table = Table(box=box.SIMPLE_HEAVY, show_lines=True)
    table.add_column("", style="bold cyan")
    table.add_column(role_name(a), ratio=1)
    table.add_column(role_name(b), ratio=1)
    table.add_row("Level", str(a.level), Text.assemble(f"{b.level}  ", change_text(result.level_change)))
    table.add_row("Track", Text(a.track), Text(b.track))
    for spec in PROSE_FIELDS:
        left, right = getattr(a, spec.name), getattr(b, spec.name)
        if left or right:
            table.add_row(spec.heading, _prose(left) or Text(""), _prose(right) or Text(""))
    table.add_row("Leads to", Text(", ".join(a.next) or "—"), Text(", ".join(b.next) or "—"))
    table.add_row("Comes from", Text(", ".join(a.previous) or "—"), Text(", ".join(b.previous) or "—"))
    parts: list[RenderableType] = [table]
    if result.a_leads_to_b:
        parts.append(Text(f"{a.title} leads directly to {b.title}."))
    elif result.b_leads_to_a:
        parts.append(Text(f"{b.title} leads directly to {a.title}."))
    described = [c for c in result.competencies if c.described]
    if described:
        competencies = Table(box=box.SIMPLE_HEAVY, title="Competencies", title_justify="left")
        competencies.add_column("Competency", style="bold")
        competencies.add_column(Text(a.title), ratio=1)
        competencies.add_column(Text(b.title), ratio=1)
        competencies.add_column("Change", justify="right")
        for change in described:
            competencies.add_row(
                Text(change.competency.name),
                rating_text(result.scale, change.before),
                rating_text(result.scale, change.after),
                change_text(change.change),
            )
        parts.extend([Text(), competencies])
    if result.to_grow:
        growth = ", ".join(
            f"{c.competency.name} ({c.before.level} → {c.after.level})"
            for c in result.to_grow
            if c.before is not None and c.after is not None
        )
        parts.append(Text(f"To grow from {a.title} to {b.title}, work on: {growth}", style="bold"))
    return Group(*parts)
