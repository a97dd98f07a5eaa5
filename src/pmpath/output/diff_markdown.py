"""`diff -f markdown`: what changed in a ladder, as a change announcement.

Every text from either ladder file (and the file names) goes through
markdown.py's escaping (`md_text`, `md_list_item`) and nowhere else, so it
never becomes Markdown syntax or HTML; the headings, bold labels, list
markers, table pipes and ` · ` between statements in a cell are this
module's own. It writes no HTML of its own either (a line break in a cell
would take `<br>`, which renderers in safe mode show as text), so the page
reads the same on GitHub and in a safe-mode renderer.
"""

from __future__ import annotations

from pmpath.ladder.model import Rating
from pmpath.output.markdown import md_text
from pmpath.queries.diff import (
    ADDED,
    CHANGED,
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

_WORDS = {ADDED: "Added", REMOVED: "Removed", CHANGED: "Changed"}


def _field(change: FieldChange, indent: str = "") -> list[str]:
    label = f"{indent}- **{field_heading(change.field)}:**"
    if (items := change.items) is not None:
        removed, added = items
        lines = [label + ("" if removed or added else " the same items in another order")]
        lines += [f"{indent}  - Removed: {md_text(item)}" for item in removed]
        return lines + [f"{indent}  - Added: {md_text(item)}" for item in added]
    return [f"{label} {md_text(value_text(change.old))} → {md_text(value_text(change.new))}"]


def _fields(changes: tuple[FieldChange, ...], indent: str = "") -> list[str]:
    return [line for change in changes for line in _field(change, indent)]


def _move(change: MoveChange) -> list[str]:
    target = f"{md_text(change.title)} ({md_text(change.to)})"
    old, new = change.old, change.new
    if old is None or new is None:
        move = new or old
        assert move is not None
        lines = [f"- {_WORDS[change.change]}: {md_text(move.kind)} to {target}"]
        return lines + [f"  - Ready when: {md_text(signal)}" for signal in move.ready_when]
    if change.change == RETYPED:
        lines = [f"- Retyped: to {target}, {md_text(old.kind)} → {md_text(new.kind)}"]
    else:
        lines = [f"- Other signals: {md_text(new.kind)} to {target}"]
    removed, added = change.signals
    lines += [f"  - Signal removed: {md_text(signal)}" for signal in removed]
    return lines + [f"  - Signal added: {md_text(signal)}" for signal in added]


def _cell(rating: Rating | None) -> str:
    """A rating in one table cell: its level, its statements, examples and
    not-yet signs, between dots as the export writes several statements in
    one cell."""
    if rating is None:
        return "—"
    parts = [] if rating.level is None else [f"Level {rating.level}"]
    parts += [md_text(text) for text in rating.statements]
    parts += [f"Example: {md_text(text)}" for text in rating.examples]
    parts += [f"Not yet: {md_text(text)}" for text in rating.not_yet]
    return " · ".join(parts) or "—"


def _competency_row(change: CompetencyChange) -> str:
    level = change.level
    what = change.change
    if what in (RAISED, LOWERED):
        what = f"{shift_marker(level.change)} {what}"
    if change.reworded:
        lead = ": " if what == REWORDED else "; reworded: "
        what += lead + ", ".join(md_text(name) for name in change.reworded)
    name = md_text(change.competency.name)
    return f"| {name} | {what} | {_cell(level.before)} | {_cell(level.after)} |"


def _role(change: RoleChange) -> list[str]:
    role = change.role
    lines = [f"### {md_text(role.title)} ({md_text(role.id)})", ""]
    level = f"Level {md_text(role.level_name)}"
    if change.change != CHANGED:
        return [*lines, f"{level}. {_WORDS[change.change]} role.", ""]
    lines += [f"{level}.", ""]
    if change.fields:
        lines += [*_fields(change.fields), ""]
    if change.moves:
        lines += ["**Moves**", "", *(line for move in change.moves for line in _move(move)), ""]
    if change.competencies:
        lines += [
            "**Competencies**",
            "",
            "| Competency | Change | Was | Now |",
            "| --- | --- | --- | --- |",
            *(_competency_row(item) for item in change.competencies),
            "",
        ]
    return lines


def _definition(change: DefinitionChange) -> list[str]:
    key = str(change.key)
    name = md_text(change.name) + ("" if key == change.name else f" ({md_text(key)})")
    if change.change != CHANGED:
        return [f"- {_WORDS[change.change]}: {name}"]
    return [f"- Changed: {name}", *_fields(change.fields, "  ")]


def diff_markdown(result: LadderDiff) -> str:
    """The changes as one Markdown page: each role that changed (in the new
    ladder's order, removed roles last), then the ladder's metadata and its
    definitions."""
    old, new = md_text(result.old_name), md_text(result.new_name)
    lines = ["# Ladder changes", ""]
    if result.empty:
        return "\n".join([*lines, f"No differences between {old} and {new}."]) + "\n"
    lines += [f"From {old} to {new}.", ""]
    if result.roles:
        lines += ["## Roles", ""]
        for change in result.roles:
            lines += _role(change)
    if result.ladder:
        lines += ["## Ladder", "", *_fields(result.ladder), ""]
    for title, found in result.definitions_by_section():
        lines += [f"## {title}", "", *(line for change in found for line in _definition(change)), ""]
    return "\n".join(lines).rstrip() + "\n"
