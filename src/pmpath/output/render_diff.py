"""The human view of `diff`: what changed between two versions of a ladder,
role by role, then the ladder's own metadata and definitions.

A raised or lowered expectation is news, not a verdict: it is marked ▲ or ▼
as `compare` marks a change, in neutral colours, never those of met (green)
or short (yellow). Added is cyan, removed magenta. Views receive results
that `terminal.print_human` has already escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from pmpath.ladder.model import Rating
from pmpath.output.render import heading, rating_cell, role_name
from pmpath.queries.diff import (
    ADDED,
    CHANGED,
    DROPPED,
    LOWERED,
    RAISED,
    REMOVED,
    RETYPED,
    REWORDED,
    CompetencyChange,
    DefinitionChange,
    FieldChange,
    LadderDiff,
    MoveChange,
    RoleChange,
    field_heading,
    shift_marker,
    value_text,
)

ADDED_STYLE = "cyan"
REMOVED_STYLE = "magenta"
MARKS = {ADDED: ("+", ADDED_STYLE), REMOVED: ("-", REMOVED_STYLE), DROPPED: ("-", REMOVED_STYLE)}
CHANGED_MARK = ("~", "bold")


def _mark(change: str) -> Text:
    marker, style = MARKS.get(change, CHANGED_MARK)
    return Text(f"{marker} ", style=style)


def shift_text(change: int | None) -> Text:
    """'▲ +1' or '▼ -2': how far a level moved, in neutral colours."""
    if not change:
        return Text("—", style="dim")
    return Text(shift_marker(change), style=ADDED_STYLE if change > 0 else REMOVED_STYLE)


def field_lines(change: FieldChange) -> list[Text]:
    """A field's change: a list field as the items added and removed, a
    short value as 'old → new', a long text as its two versions."""
    label = Text(f"{field_heading(change.field)}: ", style="bold")
    old, new = change.old, change.new
    if (
        isinstance(old, tuple)
        and isinstance(new, tuple)
        and change.field not in ("aliases", "track", "roles")
    ):
        lines = [label.copy()]
        lines += [Text.assemble("  ", _mark(REMOVED), item) for item in old if item not in new]
        lines += [Text.assemble("  ", _mark(ADDED), item) for item in new if item not in old]
        if len(lines) == 1:
            lines.append(Text("  the same items in another order", style="dim"))
        return lines
    before, after = value_text(old), value_text(new)
    if len(before) + len(after) <= 60:
        return [Text.assemble(label, (before, REMOVED_STYLE), " → ", (after, ADDED_STYLE))]
    return [
        label,
        Text.assemble("  ", ("was: ", "dim"), (before, REMOVED_STYLE)),
        Text.assemble("  ", ("now: ", "dim"), (after, ADDED_STYLE)),
    ]


def _fields(changes: tuple[FieldChange, ...]) -> list[Text]:
    return [line for change in changes for line in field_lines(change)]


def _definition(change: DefinitionChange) -> list[Text]:
    name = Text.assemble(_mark(change.change), (change.name, "bold"), (_key(change), "dim"))
    if change.change != CHANGED:
        return [name.append(f" {change.change}", style="dim")]
    return [name, *(Text.assemble("    ", line) for line in _fields(change.fields))]


def _key(change: DefinitionChange) -> str:
    """' (4)' or ' (ic)' after a name; nothing when the key is the name (a job title)."""
    return "" if str(change.key) == change.name else f" ({change.key})"


def _move(change: MoveChange) -> list[Text]:
    target = Text.assemble((change.title, "bold"), " (", change.to, ")")
    old, new = change.old, change.new
    if new is None or old is None:
        move = new or old
        assert move is not None
        lines = [Text.assemble(_mark(change.change), f"{move.kind} to ", target)]
        return lines + [Text(f"    ready when: {signal}", style="dim") for signal in move.ready_when]
    if change.change == RETYPED:
        first = Text.assemble(_mark(CHANGED), "to ", target, ": ", (old.kind, REMOVED_STYLE), " → ")
        first.append(new.kind, style=ADDED_STYLE)
    else:
        first = Text.assemble(_mark(CHANGED), f"{new.kind} to ", target, ": other signals")
    if old.ready_when == new.ready_when:
        return [first]
    removed, added = change.signals
    lines = [first]
    lines += [Text.assemble("    ", _mark(REMOVED), signal) for signal in removed]
    return lines + [Text.assemble("    ", _mark(ADDED), signal) for signal in added]


def _competencies(changes: tuple[CompetencyChange, ...]) -> Table:
    table = Table(box=box.SIMPLE_HEAVY, title="Competencies", title_justify="left")
    table.add_column("Competency", style="bold")
    table.add_column("Change")
    table.add_column("Was", ratio=1)
    table.add_column("Now", ratio=1)
    for change in changes:
        level = change.level
        if change.change in (RAISED, LOWERED):
            what = Text.assemble(shift_text(level.change), f" {change.change}")
        else:
            what = Text.assemble(_mark(change.change), change.change)
        if change.reworded:
            lead = ": " if change.change == REWORDED else "\nreworded: "
            what.append(f"{lead}{', '.join(change.reworded)}", style="dim")
        full = bool(change.reworded) or change.change not in (RAISED, LOWERED)
        table.add_row(
            Text(change.competency.name),
            what,
            rating_cell((), level.before) if full else _level(level.before),
            rating_cell((), level.after) if full else _level(level.after),
        )
    return table


def _level(rating: Rating | None) -> Text:
    return Text("—" if rating is None or rating.level is None else str(rating.level))


def _role(change: RoleChange) -> list[RenderableType]:
    role = change.role
    title = Text.assemble(role_name(role), (f" · level {role.level_name}", "dim"))
    if change.change != CHANGED:
        marker, style = MARKS[change.change]
        title = Text.assemble((f"{marker} ", style), title, (f" · {change.change}", style))
        return [Text(), title]
    body: list[RenderableType] = [*_fields(change.fields)]
    if change.moves:
        body += [Text("Moves:", style="bold"), *(line for move in change.moves for line in _move(move))]
    if change.competencies:
        body.append(_competencies(change.competencies))
    return [Text(), title, _indented(body)]


def _indented(lines: Sequence[RenderableType]) -> Padding:
    return Padding(Group(*lines), (0, 0, 0, 2), expand=False)


def diff_view(result: LadderDiff) -> RenderableType:
    """The changes; `diff` says there are none in a line of its own, unwrapped."""
    parts: list[RenderableType] = [
        Text.assemble("Changes from ", (result.old_name, "bold"), " to ", (result.new_name, "bold"))
    ]
    if result.roles:
        parts += [Text(), heading("Roles")]
        for change in result.roles:
            parts += _role(change)
    if result.ladder:
        parts += [Text(), heading("Ladder"), _indented(_fields(result.ladder))]
    for title, found in result.definitions_by_section():
        lines = [line for change in found for line in _definition(change)]
        parts += [Text(), heading(title), _indented(lines)]
    return Group(*parts)
