"""The human view of `diff`: what changed between two versions of a ladder,
role by role, then the ladder's own metadata and definitions.

A raised or lowered expectation is news, not a verdict: it is marked ▲ or ▼
as `compare` marks a change, in neutral colours, never those of met (green)
or short (yellow). Added is cyan, removed magenta. Views receive results
that `terminal.print_human` has already escaped.

Every line of the diff's own starts at a column below `HANG`; every further
line of a value (one it wraps onto, or a line of a multi-line text) starts at
`HANG` or deeper, so no text from a ladder can pass for a line of the diff.
One-line values (titles, names, labels) show a newline as `\\n` instead.
The view is plain lines, not tables: a Rich table per role cost most of the
time on a large ladder.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.text import Text

from pmpath.ladder.fileformat import PROSE_FIELDS
from pmpath.ladder.model import Rating
from pmpath.output.escape import escape_line
from pmpath.output.render import heading
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
    Value,
    field_heading,
    shift_marker,
    value_text,
)

ADDED_STYLE = "cyan"
REMOVED_STYLE = "magenta"
MARKS = {ADDED: ("+", ADDED_STYLE), REMOVED: ("-", REMOVED_STYLE), DROPPED: ("-", REMOVED_STYLE)}
CHANGED_MARK = ("~", "bold")
# The column where a value's further lines start: deeper than any line of the
# diff's own (the deepest start at 6).
HANG = 8
# Fields whose values may run over several lines; every other one is shown on one.
PROSE = frozenset({spec.name for spec in PROSE_FIELDS} | {"description", "note"})

Line = tuple[int, Text]  # a line of the view and its indentation


class DiffLines:
    """The lines of the view, each at its indentation; what does not fit on
    one line goes on at `HANG`."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        newline = Segment.line()
        hang = Segment(" " * HANG)
        pads = [Segment(" " * indent) for indent in range(16)]  # every indentation of the view
        for indent, text in self.lines:
            plain = text.plain
            if indent + text.cell_len <= width and "\n" not in plain and "\t" not in plain:
                if indent:
                    yield pads[indent]
                yield from text.render(console)
                yield newline
                continue
            for number, line in enumerate(text.wrap(console, max(1, width - HANG))):
                yield pads[indent] if number == 0 else hang
                line.rstrip()
                yield from line.render(console)
                yield newline


def _mark(change: str) -> Text:
    marker, style = MARKS.get(change, CHANGED_MARK)
    return Text(f"{marker} ", style=style)


def shift_text(change: int | None) -> Text:
    """'▲ +1' or '▼ -2': how far a level moved, in neutral colours."""
    if not change:
        return Text("—", style="dim")
    return Text(shift_marker(change), style=ADDED_STYLE if change > 0 else REMOVED_STYLE)


def _shown(field: str, value: Value) -> str:
    """A value for people; a newline in a one-line value shows as \\n."""
    text = value_text(value)
    return text if field in PROSE else escape_line(text)


def field_lines(change: FieldChange, indent: int) -> list[Line]:
    """A field's change: a list field as the items added and removed, a
    short value as 'old → new', a long text as its two versions."""
    label = Text(f"{field_heading(change.field)}: ", style="bold")
    if (items := change.items) is not None:
        removed, added = items
        lines = [(indent, Text(f"{field_heading(change.field)}:", style="bold"))]
        lines += [(indent + 2, Text.assemble(_mark(REMOVED), item)) for item in removed]
        lines += [(indent + 2, Text.assemble(_mark(ADDED), item)) for item in added]
        if not (removed or added):
            lines.append((indent + 2, Text("the same items in another order", style="dim")))
        return lines
    before, after = _shown(change.field, change.old), _shown(change.field, change.new)
    if len(before) + len(after) <= 60 and "\n" not in before + after:
        return [(indent, Text.assemble(label, (before, REMOVED_STYLE), " → ", (after, ADDED_STYLE)))]
    return [
        (indent, Text(f"{field_heading(change.field)}:", style="bold")),
        (indent + 2, Text.assemble(("was: ", "dim"), (before, REMOVED_STYLE))),
        (indent + 2, Text.assemble(("now: ", "dim"), (after, ADDED_STYLE))),
    ]


def _fields(changes: tuple[FieldChange, ...], indent: int) -> list[Line]:
    return [line for change in changes for line in field_lines(change, indent)]


def _definition(change: DefinitionChange) -> list[Line]:
    name = Text.assemble(_mark(change.change), (escape_line(change.name), "bold"), (_key(change), "dim"))
    if change.change != CHANGED:
        return [(2, name.append(f" {change.change}", style="dim"))]
    return [(2, name), *_fields(change.fields, 4)]


def _key(change: DefinitionChange) -> str:
    """' (4)' or ' (ic)' after a name; nothing when the key is the name (a job title)."""
    return "" if str(change.key) == change.name else f" ({escape_line(str(change.key))})"


def _move(change: MoveChange) -> list[Line]:
    target = Text.assemble((escape_line(change.title), "bold"), " (", change.to, ")")
    old, new = change.old, change.new
    if new is None or old is None:
        move = new or old
        assert move is not None
        lines = [(4, Text.assemble(_mark(change.change), f"{move.kind} to ", target))]
        return lines + [(6, Text(f"ready when: {signal}", style="dim")) for signal in move.ready_when]
    if change.change == RETYPED:
        first = Text.assemble(_mark(CHANGED), "to ", target, ": ", (old.kind, REMOVED_STYLE), " → ")
        first.append(new.kind, style=ADDED_STYLE)
    else:
        first = Text.assemble(_mark(CHANGED), f"{new.kind} to ", target, ": other signals")
    removed, added = change.signals
    lines = [(4, first)]
    lines += [(6, Text.assemble(_mark(REMOVED), signal)) for signal in removed]
    return lines + [(6, Text.assemble(_mark(ADDED), signal)) for signal in added]


def _rating(rating: Rating | None) -> Text:
    """A rating on one line: its level, statements, examples and not-yet
    signs, between dots."""
    if rating is None:
        return Text("not described", style="dim")
    parts = [] if rating.level is None else [f"level {rating.level}"]
    parts += rating.statements
    parts += [f"example: {text}" for text in rating.examples]
    parts += [f"not yet: {text}" for text in rating.not_yet]
    return Text(" · ".join(parts) or "—")


def _level(rating: Rating | None) -> str:
    return "—" if rating is None or rating.level is None else str(rating.level)


def _competency(change: CompetencyChange) -> list[Line]:
    """'~ Strategy: ▲ +1 raised, 2 → 3', or the change in words and the
    rating as it was and as it is."""
    level = change.level
    line = Text.assemble(_mark(change.change), (escape_line(change.competency.name), "bold"), ": ")
    if change.change in (RAISED, LOWERED):
        line.append_text(shift_text(level.change))
        line.append(f" {change.change}, {_level(level.before)} → {_level(level.after)}")
    else:
        line.append(change.change)
    if change.reworded:
        lead = ": " if change.change == REWORDED else "; reworded: "
        line.append(f"{lead}{', '.join(change.reworded)}", style="dim")
    lines = [(4, line)]
    if change.reworded or change.change not in (RAISED, LOWERED):
        if change.change != ADDED:
            lines.append((6, Text.assemble(("was: ", "dim"), _rating(level.before))))
        if change.change != DROPPED:
            lines.append((6, Text.assemble(("now: ", "dim"), _rating(level.after))))
    return lines


def _role(change: RoleChange) -> list[Line]:
    role = change.role
    title = Text.assemble(
        (escape_line(role.title), "bold"),
        " (",
        (role.id, "green"),
        ")",
        (f" · level {escape_line(role.level_name)}", "dim"),
    )
    if change.change != CHANGED:
        marker, style = MARKS[change.change]
        title = Text.assemble((f"{marker} ", style), title, (f" · {change.change}", style))
        return [(0, Text()), (0, title)]
    lines = [(0, Text()), (0, title), *_fields(change.fields, 2)]
    if change.moves:
        lines.append((2, Text("Moves:", style="bold")))
        lines += [line for move in change.moves for line in _move(move)]
    if change.competencies:
        lines.append((2, Text("Competencies:", style="bold")))
        lines += [line for item in change.competencies for line in _competency(item)]
    return lines


def diff_view(result: LadderDiff) -> DiffLines:
    """The changes; `diff` says there are none in a line of its own, unwrapped."""
    old, new = escape_line(result.old_name), escape_line(result.new_name)
    first = Text.assemble("Changes from ", (old, "bold"), " to ", (new, "bold"))
    lines: list[Line] = [(0, first)]
    if result.roles:
        lines += [(0, Text()), (0, heading("Roles"))]
        for change in result.roles:
            lines += _role(change)
    if result.ladder:
        lines += [(0, Text()), (0, heading("Ladder")), *_fields(result.ladder, 2)]
    for title, found in result.definitions_by_section():
        lines += [(0, Text()), (0, heading(title))]
        lines += [line for change in found for line in _definition(change)]
    return DiffLines(lines)
