"""Human views across the ladder with Rich: `path`, `tree`, `search`, `match`, `gap`.

Like `render.py`, these receive results already escaped for the terminal.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.text import Text

from pmpath.ladder.fileformat import MOVE_KINDS
from pmpath.ladder.model import Rating, Role
from pmpath.output.render import (
    ByWidth,
    Table,
    bullets,
    change_style,
    change_text,
    checklist,
    competency_rows,
    heading,
    labelled,
    level_text,
    rating_cell,
    readiness_note,
    role_name,
    same_role_note,
    section,
    signals_count_line,
    since_text,
)
from pmpath.queries.compare import LevelChange
from pmpath.queries.gap import Gap
from pmpath.queries.matching import Listing, MatchResult
from pmpath.queries.routes import Route, Routes
from pmpath.queries.search import SearchResult
from pmpath.queries.tree import Tree, TreeRow

_TRACK_PALETTE = ("yellow", "cyan", "blue", "magenta", "green", "red")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _step_name(role: Role) -> Text:
    name = role_name(role)
    name.append(f" · level {level_text(role)}" + (f" · {role.track}" if role.track else ""), style="dim")
    return name


def _level(side: Rating | None) -> str:
    if side is None:
        return "not described"
    return "in words" if side.level is None else str(side.level)


def _changes_text(changes: tuple[LevelChange, ...]) -> Text:
    parts = []
    for change in changes:
        part = Text(f"{change.competency.name} {_level(change.before)} → {_level(change.after)}")
        if change.change:  # a cell that stops (or starts) being described is neither a rise nor a fall
            part.append(" ")
            part.append("▲" if change.change > 0 else "▼", style=change_style(change.change))
        parts.append(part)
    return Text(", ").join(parts)


def _kinds_note(route: Route) -> str:
    """' (1 lateral, 1 apply)': how many moves of each kind other than promotion."""
    counts = Counter(step.kind for step in route.steps[1:])
    parts = [f"{counts[kind]} {kind}" for kind in MOVE_KINDS if kind != "promotion" and counts[kind]]
    return f" ({', '.join(parts)})" if parts else ""


def path_view(route: Route) -> RenderableType:
    count = len(route.steps) - 1
    header = Text.assemble(
        "Route from ",
        (route.start.title, "bold"),
        " to ",
        (route.goal.title, "bold"),
        f": {_plural(count, 'step')}{_kinds_note(route)}",
    )
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", style="bold cyan", no_wrap=True)
    grid.add_column()
    for number, step in enumerate(route.steps, start=1):
        if step.kind is not None:  # the move onto this rung, on the arrow that leads to it
            grid.add_row("", Text(f"↓ {step.kind}", style="dim"))
        body: list[RenderableType] = [_step_name(step.role)]
        if step.signals:  # the move's own signals, then those of the rung left
            body.append(Text("Show first:", style="dim"))
            body.append(bullets(step.signals, "☐"))
        if step.changes:
            body.append(Text.assemble(("Changes: ", "dim"), _changes_text(step.changes)))
        grid.add_row(f"{number}.", Group(*body))
    return Group(header, Text(), grid)


def _route_line(route: Route) -> Text:
    """'a → b → c (apply) → d': each role, with the kind of a move that is not a promotion."""
    line = Text()
    for number, step in enumerate(route.steps):
        if number:
            line.append(" → ")
        line.append(step.role.id, "green")
        if step.kind not in (None, "promotion"):
            line.append(f" ({step.kind})", "dim")
    return line


def routes_view(found: Routes) -> RenderableType:
    parts: list[RenderableType] = [
        Text(f"{_plural(len(found.routes), 'route')} from {found.start.id} to {found.goal.id}")
    ]
    for number, route in enumerate(found.routes, start=1):
        line = Text(f"{number:>3}. ", style="bold cyan")
        line.append(f"({_plural(len(route.steps) - 1, 'step')}) ", style="dim")
        line.append_text(_route_line(route))
        parts.append(line)
    if found.truncated_by == "cap":
        parts.append(
            Text(
                f"More routes exist: only the best {found.limit} are listed "
                "(fewest moves, then fewest lateral and apply moves).",
                style="yellow",
            )
        )
    elif found.truncated_by == "budget":
        parts.append(
            Text(
                f"The search stopped after looking at {found.budget:,} moves, its limit on this ladder: "
                f"routes of {_plural(found.complete_below, 'step')} or more may be missing.",
                style="yellow",
            )
        )
    return Group(*parts)


# Drawing a branch costs as much as its depth: at most this many levels are
# drawn, however wide the terminal.
MAX_DRAWN_DEPTH = 30
# Columns each level of the tree indents by, and the columns a label keeps at
# the deepest level drawn: deeper rows are counted, not drawn. Below
# NARROW_TREE_WIDTH the guides take half the room and labels keep less, so
# that a whole product ladder still fits in 40 columns.
TREE_INDENT = 4
MIN_LABEL_WIDTH = 30
NARROW_TREE_WIDTH = 80
NARROW_TREE_INDENT = 2
NARROW_MIN_LABEL_WIDTH = 20
# Highlights per piece of text in `search`: each is a span Rich keeps.
MAX_HIGHLIGHTS = 20
# The cut branches a tree's note names by the command that draws each.
MAX_NAMED_CUTS = 3


def drawable_depth(width: int) -> int:
    """The deepest row (0 = a starting role) a console this wide can draw
    with the columns a label keeps left for it; at least the starting roles."""
    if width < NARROW_TREE_WIDTH:
        return max(0, min(MAX_DRAWN_DEPTH, (width - NARROW_MIN_LABEL_WIDTH) // NARROW_TREE_INDENT - 1))
    return max(0, min(MAX_DRAWN_DEPTH, (width - MIN_LABEL_WIDTH) // TREE_INDENT - 1))


def _narrow_tree_class() -> type:
    from rich.tree import Tree as RichTree

    class NarrowTree(RichTree):
        """Rich's tree with guides two columns wide, not four."""

        ASCII_GUIDES = ("  ", "| ", "+ ", "` ")
        TREE_GUIDES = [("  ", "│ ", "├ ", "└ "), ("  ", "┃ ", "┣ ", "┗ "), ("  ", "║ ", "╠ ", "╚ ")]  # noqa: RUF012 (as Rich's)

    return NarrowTree


def _tree_label(row: TreeRow, styles: dict[str, str], in_entry: bool = False) -> Text:
    role = row.role
    if in_entry and row.depth == 1 and row.seen_before:  # a route in joins the trunk here
        label = Text("→ into ", style="dim")
        label.append_text(role_name(role, f"bold {styles.get(role.track, '')}".strip()))
        return label
    if row.kind == "lateral":  # a switch across is referred to, never expanded
        label = Text("↔ switch to ", style="dim")
        label.append_text(role_name(role, "bold"))
        label.stylize("dim")
        return label
    label = role_name(role, f"bold {styles.get(role.track, '')}".strip())
    if row.seen_before:
        label.stylize("dim")
        label.append(" ↓ shown below" if row.shown_below else " ↑ shown above", style="dim italic")
        return label
    # The ladder's own name for the level where it has one ("Senior 2"), else "L4".
    level = role.level_label or f"L{role.level}"
    label.append(f" · {level}" + (f" · {role.track}" if role.track else ""), style="dim")
    if row.kind in ("apply", "exit"):
        label.append(f" · {row.kind}", style="dim italic")
    return label


class TreeView:
    """The tree, drawn as deep as the console's width allows; a note says
    which roles were left out and how to draw them."""

    def __init__(self, result: Tree) -> None:
        self.result = result

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.tree import Tree as RichTree

        result = self.result
        deepest = drawable_depth(options.max_width)
        # The top draws every guide of the tree: its class sets their width.
        drawn_as = _narrow_tree_class() if options.max_width < NARROW_TREE_WIDTH else RichTree
        styles = {track: _TRACK_PALETTE[i % len(_TRACK_PALETTE)] for i, track in enumerate(result.tracks)}
        top = drawn_as(Text(result.title or "Ladder", "bold"), guide_style="dim")
        branches = [top]  # branches[d]: where a row of depth d is added
        left_out = 0  # roles expanded only below the deepest level drawn
        tops: list[Role] = []  # the first role of each branch cut there
        marked = None  # the last label drawn at the deepest level, once marked as cut
        # The routes into the ladder hang together under one node after the trunk.
        routes_in: RichTree | None = None
        in_entry = False
        for row in result.rows:
            if row.depth == 0:
                in_entry = row.entry
                if in_entry and routes_in is None:
                    routes_in = top.add(Text("Routes into the ladder", "bold"))
                branches = [routes_in if in_entry and routes_in is not None else top]
            if row.depth > deepest:
                if not row.seen_before:
                    left_out += 1
                    if row.depth == deepest + 1:
                        tops.append(row.role)
                # Preorder: the branch this row hangs from is the last one drawn.
                if branches[-1] is not marked and isinstance(branches[-1].label, Text):
                    branches[-1].label.append(" …", style="yellow")
                    marked = branches[-1]
                continue
            del branches[row.depth + 1 :]
            branches.append(branches[row.depth].add(_tree_label(row, styles, in_entry)))
        yield top
        if tops:
            cut = (
                f"{_plural(left_out, 'role')} below the "
                f"{'first level' if deepest == 0 else f'first {deepest + 1} levels'} "
                f"{'is' if left_out == 1 else 'are'} not drawn at this width"
            )
            if len(tops) == 1:
                first = tops[0]
                where = f", from {first.title} ({first.id}) on; `pmpath tree {first.id}` draws from there."
            else:
                shown = ", ".join(f"`pmpath tree {role.id}`" for role in tops[:MAX_NAMED_CUTS])
                more = f" and {len(tops) - MAX_NAMED_CUTS} more" if len(tops) > MAX_NAMED_CUTS else ""
                where = f" (… marks each cut), in {len(tops)} branches: {shown}{more} draw them."
            yield Text(cut + where, style="yellow")


def tree_view(result: Tree) -> RenderableType:
    return TreeView(result)


def search_view(result: SearchResult) -> RenderableType:
    terms = sorted(result.terms or (result.text.strip(),), key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    parts: list[RenderableType] = []
    for hit in result.hits:
        parts.append(role_name(hit.role))
        rows: list[tuple[Text, RenderableType]] = []
        for match in hit.matches:
            # Spans over the text as shown, never markup: the text is the ladder's.
            text = Text(match.text)
            for found in itertools.islice(pattern.finditer(match.text), MAX_HIGHLIGHTS):
                text.stylize("bold reverse", found.start(), found.end())
            rows.append((Text(f"{match.label}:", style="dim"), text))
        parts.extend([Padding(labelled(rows), (0, 0, 0, 2), expand=False), Text()])
    mention = "mentions" if len(result.hits) == 1 else "mention"
    parts.append(Text(f"{_plural(len(result.hits), 'role')} {mention} {result.looked_for}", style="dim"))
    return Group(*parts)


def match_view(result: MatchResult) -> RenderableType:
    # A titles entry's note is said once, after the candidates, when several
    # of them were found by that entry; each candidate still says why.
    cited: dict[Listing, list[str]] = {}
    for candidate in result.candidates:
        for listing in candidate.listings:
            cited.setdefault(listing, []).append(candidate.role.id)
    shared = {listing: ids for listing, ids in cited.items() if len(ids) > 1 and listing.note}
    parts: list[RenderableType] = []
    for candidate in result.candidates:
        parts.append(_step_name(candidate.role))
        parts.extend([Padding(Text(candidate.told(shared)), (0, 0, 0, 2), expand=False), Text()])
    for listing, ids in shared.items():
        parts.append(Text(f"The title '{listing.title}' ({', '.join(ids)}):"))
        parts.extend([Padding(Text(listing.note), (0, 0, 0, 2), expand=False), Text()])
    count = len(result.candidates)
    parts.append(Text(f"{_plural(count, 'role')} may fit '{result.text}', best first", style="dim"))
    return Group(*parts)


def _gap_level(side: Rating | None, missing: str = "not described") -> str:
    if side is None:
        return missing
    return "in words" if side.level is None else str(side.level)


# Below this width `gap` lists each competency with its levels and what it
# looks like under its name, rather than a table of narrow columns.
GAP_TABLE_WIDTH = 80


def _gap_competencies(result: Gap, width: int) -> RenderableType:
    if width >= GAP_TABLE_WIDTH:
        return _gap_table(result)
    goal = result.goal
    words = result.words_only and not result.self_assessed
    previous = result.previous
    lines: list[RenderableType] = [heading("Competencies")]
    for area, items in result.groups:
        if area is not None:
            lines.append(Text(area.name, style="bold magenta"))
        for c in items:
            lines.append(Padding(Text(c.competency.name, style="bold"), (0, 0, 0, 2), expand=False))
            if words:
                start = result.start.title if result.start else "Now"
                for title, side in ((start, c.before), (goal.title, c.after)):
                    lines.append(Padding(Text(f"{title}:", style="dim"), (0, 0, 0, 4), expand=False))
                    body = rating_cell((), side, show_level=False)
                    lines.append(Padding(body, (0, 0, 0, 6), expand=False))
                continue
            before = _gap_level(c.before, "not assessed" if result.self_assessed else "not described")
            levels = Text.assemble(f"now {before} · needed {_gap_level(c.after)} · ", change_text(c.change))
            if previous is not None:
                levels.append(" · since: ")
                levels.append_text(since_text(result.since_previous(c.competency.id)))
            lines.append(Padding(levels, (0, 0, 0, 4), expand=False))
            if c.after and c.after.expectation:
                lines.append(Padding(Text(c.after.expectation), (0, 0, 0, 4), expand=False))
    return Group(*lines)


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
    previous = result.previous
    if previous is not None:
        table.add_column("Since", justify="right")
    table.add_column(Text(f"What it looks like as {goal.title}"), ratio=1)

    def row(c: LevelChange) -> list[RenderableType]:
        cells: list[RenderableType] = [
            Text(c.competency.name),
            _gap_level(c.before, "not assessed" if result.self_assessed else "not described"),
            _gap_level(c.after),
            change_text(c.change),
        ]
        if previous is not None:
            cells.append(since_text(result.since_previous(c.competency.id)))
        cells.append(Text(c.after.expectation if c.after else ""))
        return cells

    competency_rows(table, result.groups, row)
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
    if result.self_assessed:
        counted = result.rated + len(result.unrated)
        summary.append(
            f" over {result.rated} of {counted} {'competency' if counted == 1 else 'competencies'}"
        )
        if result.unrated:
            summary.append(f"; {len(result.unrated)} not assessed")
    summary.stylize("bold")
    whose = "the levels you have, each" if result.self_assessed else "each level"
    summary.append(f" ({whose} counted up to the level needed, divided by the levels needed)", style="dim")
    parts: list[RenderableType] = [Text(), summary]
    if result.unrated:
        names = ", ".join(c.competency.name for c in result.competencies if c.competency.id in result.unrated)
        parts.append(Text(f"Not assessed, so left out of readiness: {names}"))
    return parts


def gap_view(result: Gap) -> RenderableType:
    goal, route = result.goal, result.route
    if result.same_role and not result.self_assessed:
        return same_role_note(goal)
    parts: list[RenderableType] = []
    if result.self_assessed:
        header = Text.assemble("Your levels against ", role_name(goal))
    else:
        start = result.start or goal
        header = Text.assemble("From ", role_name(start), " to ", role_name(goal))
    if len(route) > 2:
        header.append(f", via {', '.join(r.id for r in route[1:-1])}", style="dim")
    if result.self_assessed and result.assessed_on:
        header.append(f", as assessed on {result.assessed_on}", style="dim")
    if result.previous is not None:
        header.append(
            f" (the Since column: change since {result.previous.date or 'the one before'})", style="dim"
        )
    parts.append(header)
    if result.same_role:
        parts.append(Text.assemble("You hold ", role_name(goal), " already."))
    if result.start is not None and not result.route_found:
        parts.append(
            Text(
                f"No route leads from {result.start.title} to {goal.title} by the ladder's moves; "
                "the levels are compared as they stand.",
                style="dim",
            )
        )
    if result.groups:
        parts.extend([Text(), ByWidth(lambda width: _gap_competencies(result, width))])
    for role, move in zip(result.left_behind, result.moves_taken, strict=True):
        # The move's own signals first, as `path` lists them, then the rung's.
        signals = (*(move.ready_when if move else ()), *role.ready_when)
        if signals:
            heading = f"Before leaving {role.title}" + (
                f" ({move.kind})" if move and move.kind != "promotion" else ""
            )
            section(parts, f"{heading}, show that", checklist(signals, result.signal_met))
    if result.self_assessed and result.signals:
        line = signals_count_line(result.signals_met_count, result.signals_count, result.signals_answered_on)
        parts.append(Padding(line, (0, 0, 0, 2), expand=False))
    if result.groups:
        parts.extend(_gap_summary(result))
    return Group(*parts)
