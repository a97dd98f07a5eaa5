"""Human output with Rich. Imported only on the human path (Rich is slow to
import); `--json` never loads this module.

Text from a ladder file is always wrapped by `inert`: it is never parsed as
Rich markup, and control characters are shown escaped, so a file cannot
restyle the output or send commands to the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from pmpath.model import Ladder, Rating, Role
from pmpath.queries import Comparison
from pmpath.text import escape_controls


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


def _role_name(role: Role) -> Text:
    name = inert(role.title, "bold")
    name.append(" (")
    name.append_text(inert(role.id, "green"))
    name.append(")")
    return name


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
    lists = (
        ("Responsibilities", role.responsibilities),
        ("In practice", role.in_practice),
        ("What this background brings", role.brings),
        ("What it must learn", role.to_learn),
        ("Ready for the next step when", role.ready_when),
        ("How people stand out", role.stand_out),
    )
    for title, items in lists:
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
