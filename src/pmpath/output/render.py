"""Human views of roles with Rich: `list`, `show`, `next`, `compare`, and the
pieces every view shares. Views across the ladder (routes, the tree, search,
gap) are in `render_ladder.py`.

Imported only on the human path (Rich is slow to import); `--json` never loads
this module. Views receive results that `terminal.print_human` has already
escaped, and the console reads no markup, so text from a ladder is shown
literally and cannot restyle the output or act on the terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, OverflowMethod, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table as RichTable
from rich.text import Text

from pmpath.ladder.fileformat import MOVE_KIND_HEADINGS, PROSE_FIELDS, RATING_FIELDS
from pmpath.ladder.model import Area, Competency, Rating, Role, ScaleLevel, by_area, scale_name
from pmpath.queries.neighbours import NextSteps, RolePage, Step, by_kind

if TYPE_CHECKING:  # each view needs only its own result's module at run time
    from pmpath.queries.compare import Comparison, LevelChange
    from pmpath.queries.competencies import CompetencyGuide
    from pmpath.queries.info import LadderInfo
    from pmpath.queries.listing import RoleList


class Table(RichTable):
    """Rich's table, whose columns fold a word too long for them over lines
    rather than cut it with `…` (Rich's default): every view's tables and grids."""

    def add_column(self, *args: Any, overflow: OverflowMethod = "fold", **kwargs: Any) -> None:
        super().add_column(*args, overflow=overflow, **kwargs)


T = TypeVar("T")


def heading(text: str) -> Text:
    return Text(text, style="bold cyan")


class Bullets:
    """A bulleted list whose wrapped lines hang under the text, not the bullet.

    Drawn line by line rather than as a two-column table grid: Rich measures
    a grid cell by cell, which was most of the time `show` took on a page of
    many lists."""

    def __init__(
        self, items: Iterable[str | Text], marker: str = "•", markers: Iterable[Text] | None = None
    ) -> None:
        self.items = [item if isinstance(item, Text) else Text(item) for item in items]
        self.marker = Text(f"{marker} ", style="dim")
        # One marker per item where they differ (a checklist); all as wide as `marker`.
        self.markers = list(markers) if markers is not None else [self.marker] * len(self.items)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        indent = self.marker.cell_len
        sizes = [item.__rich_measure__(console, options) for item in self.items]
        return Measurement(
            indent + max((size.minimum for size in sizes), default=0),
            indent + max((size.maximum for size in sizes), default=0),
        ).clamp(max_width=options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = self.marker.cell_len
        hang = Segment(" " * indent)
        for item, marker in zip(self.items, self.markers, strict=True):
            for number, line in enumerate(item.wrap(console, max(1, options.max_width - indent))):
                if number == 0:
                    yield from marker.render(console)
                else:
                    yield hang
                yield from line.render(console)
                yield Segment.line()


def bullets(items: Iterable[str | Text], marker: str = "•") -> Bullets:
    return Bullets(items, marker)


def checklist(signals: Iterable[str], met: Callable[[str], bool]) -> Bullets:
    """Readiness signals, each ☑ (calm: the person's latest answer is yes) or ☐."""
    items = list(signals)
    markers = [Text("☑ ", style=MET_STYLE) if met(item) else Text("☐ ", style="dim") for item in items]
    return Bullets(items, "☐", markers)


def signals_count_line(met: int, total: int, answered_on: str | None) -> Text:
    """'2 of 7 signals met (from your answers up to 2026-10-15)'."""
    line = Text(f"{met} of {total} signal{'' if total == 1 else 's'} met", style=MET_STYLE if met else "")
    if answered_on:
        line.append(f" (from your answers up to {answered_on})", style="dim")
    else:
        line.append(" (none answered yet)", style="dim")
    return line


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


# One meaning for a level set against the level a role asks for, in every
# view (gap, compare, path, progress, plan): met or exceeded is calm, short is
# work to do. Never red for "above what is needed".
MET_STYLE = "green"
SHORT_STYLE = "bold yellow"


def change_style(change: int | None) -> str:
    """The style of a rise still to make (short) or of a level already met."""
    if change is None:
        return "dim"
    return SHORT_STYLE if change > 0 else MET_STYLE


def since_text(change: int | None) -> Text:
    """A person's own change in a level between two assessments: a rise is
    progress (calm), a fall is work to do, none is '='."""
    if change is None:
        return Text("—", style="dim")
    if change > 0:
        return Text(f"+{change}", style=MET_STYLE)
    if change < 0:
        return Text(f"{change}", style=SHORT_STYLE)
    return Text("=", style="dim")


def change_text(change: int | None) -> Text:
    """A change from what one has (or one role asks) to what the other asks:
    '▲ +2' still to grow, '▼ -1' already beyond it, '= 0' met exactly."""
    if change is None:
        return Text("—", style="dim")
    if change > 0:
        return Text(f"▲ +{change}", style=change_style(change))
    if change < 0:
        return Text(f"▼ {change}", style=change_style(change))
    return Text("= 0", style=change_style(change))


def rating_text(scale: tuple[ScaleLevel, ...], rating: Rating | None) -> Text:
    """The level of a cell and its name on the scale ('3 Strong'); "not
    described" where the role leaves it out, "" where it is in words only."""
    if rating is None:
        return Text("not described", style="dim")
    if rating.level is None:
        return Text("")
    label = Text(str(rating.level), style="bold")
    name = scale_name(scale, rating.level)
    if name:
        label.append(f" {name}")
    return label


# Sub-headings of a cell, from the format's own names for its parts.
_CELL_PARTS = tuple(
    (spec.attr, spec.heading) for spec in RATING_FIELDS if spec.attr in ("examples", "not_yet")
)


def rating_cell(
    scale: tuple[ScaleLevel, ...], rating: Rating | None, show_level: bool = True
) -> RenderableType:
    """A whole cell: its level (none on a cell in words only), its
    statements (bulleted when there are several), then its examples and
    not-yet signs under sub-headings. Plain texts and hand-drawn bullets,
    not nested tables: a table of tables costs Rich a measuring pass per
    cell, most of `show`'s time."""
    if rating is None:
        return rating_text(scale, rating)
    parts: list[RenderableType] = []
    if show_level and rating.level is not None:
        parts.append(rating_text(scale, rating))
    if len(rating.statements) == 1:
        parts.append(Text(rating.statements[0]))
    elif rating.statements:
        parts.append(bullets(rating.statements))
    for attr, title in _CELL_PARTS:
        items: tuple[str, ...] = getattr(rating, attr)
        if items:
            parts += [Text(f"{title}:", style="italic dim"), bullets(items, "◦")]
    return Group(*parts) if parts else Text("—", style="dim")


def level_text(role: Role) -> str:
    """'4 · Senior 2' where the ladder names the level, else '4'."""
    return f"{role.level} · {role.level_label}" if role.level_label else str(role.level)


def _area_row(table: Table, area: Area | None, columns: int) -> None:
    """A heading row for an area of competencies in a table."""
    name = area.name if area is not None else "Other"
    table.add_row(Text(name, style="bold magenta"), *[Text("")] * (columns - 1))


def competency_rows(
    table: Table,
    groups: Iterable[tuple[Area | None, tuple[T, ...]]],
    row: Callable[[T], list[RenderableType]],
) -> None:
    """Rows of competencies, under a heading row per area when the ladder has areas."""
    groups = list(groups)
    headed = any(area is not None for area, _ in groups)
    for index, (area, items) in enumerate(groups):
        if headed:
            if index:
                table.add_section()
            _area_row(table, area, len(table.columns))
        for item in items:
            table.add_row(*row(item))


def _list_note(result: RoleList) -> str:
    where = []
    if result.track:
        where.append(f"on the {result.track} track")
    if result.level is not None:
        where.append(f"at level {result.level}" + (f" ({result.level_label})" if result.level_label else ""))
    return " ".join(where)


# "Leads to" is shown only where it keeps at least this many columns.
LIST_LEADS_TO_MIN = 24
# Space between the columns of `list`, and the indent of a row under its track.
LIST_GAP = 2


class ByWidth:
    """A renderable that is built for the width it is given."""

    def __init__(self, build: Callable[[int], RenderableType]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build(options.max_width)


# A label beside its value leaves the value at least this many columns;
# with less, the value goes under its label.
MIN_VALUE_WIDTH = 30


def labelled(rows: list[tuple[Text, RenderableType]], gap: int = 1) -> ByWidth:
    """Labels with their values beside them where there is room, else each
    value indented under its label: never a column too narrow for its words."""

    def build(width: int) -> RenderableType:
        label_width = max((row[0].cell_len for row in rows), default=0)
        if width - label_width - gap >= MIN_VALUE_WIDTH:
            grid = Table.grid(padding=(0, gap))
            grid.add_column(no_wrap=True)
            grid.add_column()
            for label, value in rows:
                grid.add_row(label, value)
            return grid
        parts: list[RenderableType] = []
        for label, value in rows:
            parts += [label, Padding(value, (0, 0, 0, 2), expand=False)]
        return Group(*parts)

    return ByWidth(build)


def list_view(result: RoleList) -> RenderableType:
    if result.filtered and not result.roles:
        return Text(f"No role is {_list_note(result)}.")
    return ByWidth(lambda width: _list_lines(result, width))


def _by_track(result: RoleList) -> list[tuple[tuple[str, ...], list[Role]]]:
    """The roles under their tracks (the one filtered on, else each role's
    own: a shared rung is one group), tracks in the order their first role
    comes; ladder order within a group."""
    groups: dict[tuple[str, ...], list[Role]] = {}
    for role in result.roles:
        groups.setdefault((result.track,) if result.track else role.tracks, []).append(role)
    return list(groups.items())


def _track_heading(tracks: tuple[str, ...], titles: dict[str, str]) -> Text:
    """'Individual contributor (ic)', 'Growth and Technical (growth, technical)'."""
    if not tracks:
        return Text("No track", style="bold cyan")
    names = [titles.get(track, track) for track in tracks]
    if names == list(tracks):
        return Text(f"{', '.join(tracks)} track{'s' if len(tracks) > 1 else ''}", style="bold cyan")
    joined = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    heading = Text(joined, style="bold cyan")
    heading.append(" (")
    heading.append(Text(", ").join(Text(track, "green") for track in tracks))
    heading.append(")")
    return heading


def _wrap_names(names: list[str], width: int) -> list[str]:
    """', '-separated names over lines of WIDTH, never breaking a name."""
    lines: list[str] = []
    for name in names:
        if lines and cell_len(lines[-1]) + 2 + cell_len(name) + 1 <= width:
            lines[-1] += f", {name}"
        else:
            if lines:
                lines[-1] += ","
            lines.append(name)
    return lines or ["—"]


def _list_lines(result: RoleList, width: int) -> Group:
    """The roles of `list` under a heading per track, each title and id
    whole at any width: a table of level, title, id (and "Leads to" where
    there is room) while title and id fit side by side; below that, a list
    with each role's id and level on the line under its title."""
    roles = result.roles
    titles = dict(result.track_titles)
    level_width = max([len("Level"), *(cell_len(level_text(role)) for role in roles)])
    number_width = max(len(str(role.level)) for role in roles)
    # At least as wide as their headings, so that the columns stay under them.
    title_width = max([len("Title"), *(cell_len(role.title) for role in roles)])
    id_width = max([len("Id"), *(cell_len(role.id) for role in roles)])
    gap = LIST_GAP

    def fits(level: int) -> bool:
        return gap + level + gap + title_width + gap + id_width <= width

    full_level = fits(level_width)
    number_width = max(number_width, len("Level"))
    tabular = full_level or fits(number_width)
    used = gap + (level_width if full_level else number_width) + gap + title_width + gap + id_width
    leads_room = width - used - gap
    leads_to = tabular and leads_room >= LIST_LEADS_TO_MIN

    lines: list[RenderableType] = []
    if result.title:
        lines += [Text(result.title, style="bold"), Text()]
    if tabular:
        header = Text(" " * gap)
        header.append("Level".ljust(level_width) if full_level else "Level", "dim")
        header.append(" " * gap + "Title".ljust(title_width) + " " * gap, "dim")
        header.append("Id".ljust(id_width) + " " * gap + "Leads to" if leads_to else "Id", "dim")
        lines.append(header)
    groups = _by_track(result)
    for index, (track, group) in enumerate(groups):
        if [track for track, _ in groups] != [()]:  # a ladder without tracks has no headings
            if index or tabular:
                lines.append(Text())
            lines.append(_track_heading(track, titles))
        for role in group:
            if not tabular:
                facts = Text(role.id, style="green")
                facts.append(f" · level {level_text(role)}", style="dim")
                lines += [Text(role.title, style="bold"), Padding(facts, (0, 0, 0, gap), expand=False)]
                continue
            level = level_text(role).ljust(level_width) if full_level else str(role.level).ljust(number_width)
            row = Text(" " * gap + level + " " * gap)
            row.append(role.title.ljust(title_width), "bold")
            row.append(" " * gap)
            if not leads_to:
                row.append(role.id, "green")
                lines.append(row)
                continue
            row.append(role.id.ljust(id_width), "green")
            row.append(" " * gap)
            nexts = _wrap_names(list(role.next), leads_room)
            row.append(nexts[0])
            lines.append(row)
            lines += [Text(" " * (used + gap) + more) for more in nexts[1:]]
    if result.filtered:
        count = len(roles)
        lines += [Text(), Text(f"{count} role{'' if count == 1 else 's'} {_list_note(result)}", style="dim")]
    return Group(*lines)


def _prose(value: str | tuple[str, ...]) -> RenderableType | None:
    if not value:
        return None
    return Text(value) if isinstance(value, str) else bullets(value)


def role_view(page: RolePage) -> RenderableType:
    role = page.role
    facts = Text(f"Level {role.level}", style="dim")
    if role.level_label:
        facts.append(f" · {role.level_label}")
    if role.track:
        facts.append(f" · {role.track} track{'s' if len(role.tracks) > 1 else ''}")
    if role.aliases:
        facts.append(f" · also: {', '.join(role.aliases)}")
    parts: list[RenderableType] = [role_name(role), facts]
    if page.titles:
        parts.append(Text(f"Also known as: {', '.join(title.title for title in page.titles)}", style="dim"))
    if role.summary:  # the lead paragraph, under no heading
        parts.extend([Text(), Text(role.summary)])
    notes = [f"{title.title}: {title.note}" for title in page.titles if title.note]
    section(parts, "What those titles can mean", bullets(notes) if notes else None)
    for spec in PROSE_FIELDS:
        if spec.name != "summary":
            section(parts, spec.heading, _prose(getattr(role, spec.name)))
    if page.competencies and role.competencies:
        section(parts, "Competencies", ByWidth(lambda width: _competency_table(page, width)))
    section(parts, "Leads to", _moves_by_kind(page.leads_to))
    section(parts, "Comes from", _arrivals(page.comes_from))
    return Group(*parts)


# Below this width `show` lists the competencies one under another: two
# columns would leave the statements a few words a line.
SHOW_TABLE_WIDTH = 60


def _competency_table(page: RolePage, width: int) -> RenderableType:
    """A role's competencies, with both column widths worked out from the
    texts: given widths spare Rich a measuring pass over every cell."""
    role = page.role
    groups = by_area(page.competencies, page.areas, lambda c: c.area)
    if width < SHOW_TABLE_WIDTH:  # each competency's name, with its level and statements under it
        lines: list[RenderableType] = []
        for area, items in groups:
            if area is not None:
                lines.append(Text(area.name, style="bold magenta"))
            indent = 0 if area is None else 2
            for c in items:
                lines.append(Padding(Text(c.name, style="bold"), (0, 0, 0, indent), expand=False))
                cell = rating_cell(page.scale, role.competencies.get(c.id))
                lines.append(Padding(cell, (0, 0, 0, indent + 2), expand=False))
        return Group(*lines)
    names = ["Competency", *(c.name for c in page.competencies), *(a.name for a, _ in groups if a)]
    cells = [role.competencies[c.id] for c in page.competencies if c.id in role.competencies]
    parts = ("statements", *(attr for attr, _ in _CELL_PARTS))
    texts = [
        "Level and what it looks like",
        *(rating_text(page.scale, cell).plain for cell in cells),
        *(text for cell in cells for attr in parts for text in getattr(cell, attr)),
    ]
    # Never narrower than its longest word, which would be cut.
    longest_word = max(cell_len(word) for name in names for word in name.split())
    first = min(max(cell_len(name) for name in names), max(10, longest_word, width // 3))
    # Two columns of padding, three of edges and divider: see box.SIMPLE.
    second = max(10, min(width - first - 5, max(cell_len(text) for text in texts) + 2))
    table = Table(box=box.SIMPLE, show_header=True, pad_edge=False)
    table.add_column("Competency", style="bold", width=first)
    table.add_column("Level and what it looks like", width=second)
    competency_rows(
        table, groups, lambda c: [Text(c.name), rating_cell(page.scale, role.competencies.get(c.id))]
    )
    return table


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
    parts: list[RenderableType] = [Text.assemble("From ", role_name(role), f", level {level_text(role)}")]
    if not steps.following:
        parts.extend([Text(), Text(f"{role.title} is the top of this ladder: no role follows it.", "bold")])
        return Group(*parts)
    if role.ready_when:
        section(parts, "You are ready to move when", bullets(role.ready_when, "☐"))
    for kind, group in by_kind(steps.steps):
        # One block per move rather than a table: a summary reads as a
        # paragraph at any width instead of a narrow column.
        blocks: list[RenderableType] = []
        for step in group:
            target = step.role
            facts = Text(f" · level {level_text(target)}", style="dim")
            if target.track:
                facts.append(f" · {target.track}")
            lines: list[RenderableType] = [Text(target.summary)] if target.summary else []
            if step.move.ready_when:
                lines += [Text("This move also asks:", style="dim"), bullets(step.move.ready_when, "☐")]
            blocks += [Text.assemble(role_name(target), facts), Padding(Group(*lines), (0, 0, 1, 2))]
        section(parts, MOVE_KIND_HEADINGS.get(kind, kind), Padding(Group(*blocks), (0, 0, 0, 2)))
    return Group(*parts)


def readiness_note(words_only: bool, whom: str) -> Text:
    why = (
        "this ladder describes its levels in words, without numbers"
        if words_only
        else f"no competency has a level for {whom}"
    )
    return Text(f"Readiness: not applicable: {why}.", style="bold")


def route_text(route: tuple[Role, ...]) -> Text:
    return Text(" → ").join(Text(role.id, "green") for role in route)


def same_role_note(role: Role) -> RenderableType:
    """What `compare` and `gap` say of two names for one role, instead of
    columns alike that would only hide it."""
    return Group(
        Text.assemble("Both names are the same role: ", role_name(role), "."),
        Text(f"Nothing differs between them; pmpath show {role.id} shows the whole role.", style="dim"),
    )


# Below this width `compare` stacks the two roles instead of two columns,
# which would cut words and ids.
COMPARE_SIDE_BY_SIDE = 80


def _stacked(rows: list[tuple[Text, RenderableType, RenderableType]], a: Role, b: Role) -> Group:
    """Rows of a two-column comparison, each a heading with the two sides
    under it, each side named by its role's id: readable at any width."""
    parts: list[RenderableType] = []
    for heading_text, left, right in rows:
        parts.append(heading_text)
        for role, body in ((a, left), (b, right)):
            parts += [
                Padding(Text.assemble((role.id, "green"), ":"), (0, 0, 0, 2), expand=False),
                Padding(body, (0, 0, 0, 4), expand=False),
            ]
    return Group(*parts)


def compare_view(result: Comparison) -> RenderableType:
    if result.same_role:
        return same_role_note(result.a)
    return ByWidth(lambda width: _compare(result, width))


def _compare(result: Comparison, width: int) -> RenderableType:
    a, b = result.a, result.b
    side_by_side = width >= COMPARE_SIDE_BY_SIDE
    rows: list[tuple[Text, RenderableType, RenderableType]] = [
        (
            Text("Level"),
            Text(level_text(a)),
            Text.assemble(f"{level_text(b)}  ", change_text(result.level_change)),
        ),
        (Text("Track"), Text(a.track), Text(b.track)),
    ]
    for spec in PROSE_FIELDS:
        left, right = getattr(a, spec.name), getattr(b, spec.name)
        if left or right:
            rows.append((Text(spec.heading), _prose(left) or Text(""), _prose(right) or Text("")))
    rows.append((Text("Leads to"), Text(", ".join(a.next) or "—"), Text(", ".join(b.next) or "—")))
    rows.append((Text("Comes from"), Text(", ".join(a.previous) or "—"), Text(", ".join(b.previous) or "—")))
    parts: list[RenderableType]
    if side_by_side:
        table = Table(box=box.SIMPLE_HEAVY, show_lines=True)
        table.add_column("", style="bold cyan")
        table.add_column(role_name(a), ratio=1)
        table.add_column(role_name(b), ratio=1)
        for row_cells in rows:
            table.add_row(*row_cells)
        parts = [table]
    else:
        for heading_text, _, _ in rows:
            heading_text.stylize("bold cyan")
        names = Text.assemble(role_name(a), "\ncompared with ", role_name(b))
        parts = [names, Text(), _stacked(rows, a, b)]
    if result.a_leads_to_b:
        parts.append(Text(f"{a.title} leads directly to {b.title}."))
    elif result.b_leads_to_a:
        parts.append(Text(f"{b.title} leads directly to {a.title}."))
    if len(result.route) > 2:
        steps = len(result.route) - 1
        parts.append(
            Text.assemble(f"Route from {a.title} to {b.title} ({steps} steps): ", route_text(result.route))
        )
    elif not result.route:
        parts.append(Text(f"No route leads from {a.title} to {b.title} by the ladder's moves."))
    groups = result.groups
    if groups:
        # A ladder in words only has no change to show: the statements stand side by side.
        changes = not result.words_only
        if side_by_side:
            competencies = Table(box=box.SIMPLE_HEAVY, title="Competencies", title_justify="left")
            competencies.add_column("Competency", style="bold")
            competencies.add_column(Text(a.title), ratio=1)
            competencies.add_column(Text(b.title), ratio=1)
            if changes:
                competencies.add_column("Change", justify="right")

            def row(change: LevelChange) -> list[RenderableType]:
                cells = [
                    Text(change.competency.name),
                    rating_cell(result.scale, change.before),
                    rating_cell(result.scale, change.after),
                ]
                return [*cells, change_text(change.change)] if changes else cells

            competency_rows(competencies, groups, row)
            parts.extend([Text(), competencies])
        else:
            stacked: list[tuple[Text, RenderableType, RenderableType]] = []
            for area, items in groups:
                for change in items:
                    name = Text(change.competency.name, style="bold")
                    if area is not None:
                        name = Text.assemble((f"{area.name}: ", "magenta"), name)
                    if changes:
                        name.append("  ")
                        name.append_text(change_text(change.change))
                    before = rating_cell(result.scale, change.before)
                    stacked.append((name, before, rating_cell(result.scale, change.after)))
            parts.extend([Text(), heading("Competencies"), _stacked(stacked, a, b)])
        parts.append(_compare_summary(result))
    return Group(*parts)


def _compare_summary(result: Comparison) -> Text:
    a, b = result.a, result.b
    readiness = result.readiness
    if readiness is None:
        return readiness_note(result.words_only, "both roles")
    if result.to_grow:
        growth = ", ".join(
            f"{c.competency.name} ({c.before.level} → {c.after.level})"
            for c in result.to_grow
            if c.before is not None and c.after is not None
        )
        summary = Text(f"To grow from {a.title} to {b.title}, work on: {growth}", style="bold")
    else:
        summary = Text(f"Nothing to grow: {a.title} meets every level {b.title} asks for.", style="bold")
    summary.append(f"\nReadiness: {readiness:g}% of the levels {b.title} asks for", style="bold")
    summary.append(" (each level counted up to the one needed)", style="dim")
    return summary


def info_view(result: LadderInfo) -> RenderableType:
    parts: list[RenderableType] = [Text(result.title or "Untitled ladder", style="bold")]
    if result.description:
        parts.append(Text(result.description))
    missing = Text("not given", style="dim")

    def fact(label: str) -> Text:
        return Text(label, style="bold cyan")

    where = Text(str(result.path) if result.path is not None else "", overflow="fold")
    if result.bundled:
        where = Text.assemble("the ladder bundled with pmpath ", (f"({where})", "dim"), overflow="fold")
    facts = labelled(
        [
            (fact("Version"), Text(result.version) if result.version else missing),
            (fact("Source"), Text(result.source) if result.source else missing),
            (fact("Licence"), Text(result.license) if result.license else missing),
            (fact("Loaded from"), where),
        ],
        gap=2,
    )
    parts.extend([Text(), facts])
    counts = Table.grid(padding=(0, 2))
    counts.add_column(justify="right", style="bold")
    counts.add_column()
    for count, word in (
        (result.roles, "role"),
        (result.tracks, "track"),
        (result.levels, "level"),
        (result.areas, "area"),
        (result.competencies, "competency"),
        (result.titles, "job title"),
    ):
        plural = word[:-1] + "ies" if word.endswith("y") else word + "s"
        counts.add_row(str(count), word if count == 1 else plural)
    parts.extend([Text(), counts])
    if result.words_only:
        parts.extend(
            [Text(), Text("Competency levels are described in words, without numbers.", style="dim")]
        )
    return Group(*parts)


# Below this width `competencies` lists each competency with its description
# under it, rather than a table whose description column would be too narrow.
COMPETENCY_TABLE_WIDTH = 70


def _competency_guide(result: CompetencyGuide, width: int) -> RenderableType:
    described = any(c.description for _, items in result.groups for c in items)
    if width < COMPETENCY_TABLE_WIDTH:
        lines: list[RenderableType] = []
        for area, items in result.groups:
            if area is not None:
                lines.append(Text(area.name, style="bold magenta"))
            for competency in items:
                name = Text.assemble((competency.name, "bold"), " (", (competency.id, "green"), ")")
                lines.append(Padding(name, (0, 0, 0, 2), expand=False))
                if competency.description:
                    lines.append(Padding(Text(competency.description), (0, 0, 0, 4), expand=False))
        return Group(*lines)
    table = Table(box=box.SIMPLE_HEAVY, pad_edge=False)
    table.add_column("Competency", style="bold")
    table.add_column("Id", style="green", no_wrap=True)
    if described:  # a column of nothing only takes room
        table.add_column("Description", ratio=1)

    def row(competency: Competency) -> list[RenderableType]:
        cells: list[RenderableType] = [Text(competency.name), Text(competency.id)]
        return [*cells, Text(competency.description)] if described else cells

    competency_rows(table, result.groups, row)
    return table


def competencies_view(result: CompetencyGuide) -> RenderableType:
    """The areas, the competencies under them (the ids a --me file rates),
    then the scale, each with its description."""
    parts: list[RenderableType] = [Text(result.title or "Untitled ladder", style="bold")]
    if result.areas:
        areas = labelled(
            [
                (
                    Text.assemble((group.area.name, "bold magenta"), " (", (group.area.id, "green"), ")"),
                    Text(group.area.description),
                )
                for group in result.areas
            ],
            gap=2,
        )
        section(parts, "Areas", areas)
    if result.count:
        section(parts, "Competencies", ByWidth(lambda width: _competency_guide(result, width)))
        parts.append(
            Text("A --me file rates you by these ids (see pmpath assess and pmpath gap --me).", style="dim")
        )
    else:
        section(parts, "Competencies", Text("This ladder defines no competencies.", style="dim"))
    if result.scale:
        scale = Table(box=box.SIMPLE_HEAVY, pad_edge=False)
        scale.add_column("Level", justify="right", style="bold", no_wrap=True)
        scale.add_column("Name", style="bold", no_wrap=True)
        explained = any(step.description for step in result.scale)
        if explained:
            scale.add_column("Description", ratio=1)
        for step in result.scale:
            cells = [Text(str(step.level)), Text(step.name)]
            scale.add_row(*cells, *([Text(step.description)] if explained else []))
        section(parts, "Scale", scale)
    elif result.count:
        why = (
            "each role describes its competencies in words, without levels"
            if result.words_only
            else "levels are plain numbers"
        )
        section(parts, "Scale", Text(f"This ladder names no scale: {why}.", style="dim"))
    return Group(*parts)
