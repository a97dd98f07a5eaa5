"""The ladder as a wiki page in Markdown.

Ladder text goes through `_md` and nowhere else, so it never becomes Markdown
syntax or HTML. What this module writes around it (headings, `|` between
cells, `<br>` between statements in a cell, links to role ids, which the
loader only accepts in kebab-case) is its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pmpath.ladder.fileformat import MOVE_KIND_HEADINGS, MOVE_KINDS, PROSE_FIELDS
from pmpath.ladder.model import Ladder, Rating, Role
from pmpath.output.diagrams import to_mermaid
from pmpath.output.escape import escape_controls

# Inline syntax anywhere in a line: code, emphasis, links and images, HTML and
# entities, table pipes, strikethrough, headings' hashes.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~#])")
# Block syntax that only counts at the start of a line: list markers, setext
# underlines, and ordered lists (whose `.` or `)` is escaped: a digit cannot be).
_ORDERED = re.compile(r"^(\d{1,9})([.)])")
# A source shown as a link: http(s) only, and nothing that ends a link's
# destination early (space, parentheses, angle brackets) or is invisible.
_WEB_ADDRESS = re.compile(r"https?://[^\s()<>\x00-\x1f\x7f-\x9f]+", re.IGNORECASE)


def _md(text: str) -> str:
    """Ladder text as literal Markdown on one line: every character that could
    start Markdown syntax or HTML is backslash-escaped."""
    escaped = _INLINE.sub(r"\\\1", " ".join(escape_controls(text).split()))
    escaped = _ORDERED.sub(r"\1\\\2", escaped)
    return "\\" + escaped if escaped[:1] in ("-", "+", "=") else escaped


# The same escaping for other Markdown documents (`plan -o`).
def md_text(text: str) -> str:
    """Untrusted text as literal Markdown on one line (see `_md`)."""
    return _md(text)


def md_list_item(text: str) -> str:
    """'- text', the text escaped."""
    return _list_item(text)


def md_task_item(text: str, done: bool) -> str:
    """'- [x] text' or '- [ ] text' (a GFM task), the text escaped: it cannot
    close the box or start syntax of its own."""
    return f"- [{'x' if done else ' '}] {_md(text)}"


def _link(role: Role) -> str:
    return f"[{_md(role.title)}](#{role.id})"


def _links(ladder: Ladder, ids: Iterable[str]) -> str:
    return ", ".join(_link(ladder.role(i)) for i in ids) or "—"


def _source(source: str) -> str:
    """A web address as a link (Markdown reads backslash escapes in a link's
    destination too), anything else as text."""
    if _WEB_ADDRESS.fullmatch(source):
        return f"[{_md(source)}]({_md(source)})"
    return _md(source)


def _level(role: Role) -> str:
    """'4 (Senior 2)' where the ladder names the level, else '4'."""
    return f"{role.level} ({role.level_label})" if role.level_label else str(role.level)


def _track_names(ladder: Ladder, role: Role) -> list[str]:
    titles = {track.id: track.title for track in ladder.tracks}
    return [titles.get(track, track) for track in role.tracks]


def _described(name: str, description: str) -> str:
    """A name already in Markdown, then its description if it has one."""
    return f"{name}: {_md(description)}" if description else name


def _list_item(text: str) -> str:
    return f"- {_md(text)}"


def _statements(texts: Iterable[str]) -> str:
    """Several texts in one table cell, one per line."""
    return "<br>".join(_md(text) for text in texts)


def _metadata(ladder: Ladder) -> list[str]:
    lines = []
    if ladder.version:
        lines.append(f"- **Version:** {_md(ladder.version)}")
    if ladder.source:
        lines.append(f"- **Source:** {_source(ladder.source)}")
    if ladder.license:
        lines.append(f"- **Licence:** {_md(ladder.license)}")
    return [*lines, ""] if lines else []


def _levels(ladder: Ladder) -> list[str]:
    if not ladder.levels:
        return []
    lines = ["## Levels", "", "| Label | Level | Description |", "| --- | --- | --- |"]
    lines += [f"| {_md(name.label)} | {name.level} | {_md(name.description)} |" for name in ladder.levels]
    return [*lines, ""]


def _tracks(ladder: Ladder) -> list[str]:
    """Each track with the roles on it; a rung shared by several tracks is
    listed under each of them. Tracks the ladder does not list are named as
    its roles write them."""
    found: dict[str, tuple[str, str]] = {
        track.id: (track.title, track.description) for track in ladder.tracks
    }
    for role in ladder.roles:
        for track in role.tracks:
            found.setdefault(track, (track, ""))
    if not found:
        return []
    lines = ["## Tracks", "", "| Track | Description | Roles |", "| --- | --- | --- |"]
    for track, (title, description) in found.items():
        on_it = [role.id for role in ladder.roles if track in role.tracks]
        lines.append(f"| {_md(title)} | {_md(description)} | {_links(ladder, on_it)} |")
    return [*lines, ""]


def _competencies(ladder: Ladder) -> list[str]:
    if not ladder.competencies:
        return []
    lines = ["## Competencies", ""]
    for area, competencies in ladder.competencies_by_area():
        if ladder.areas:
            lines += [_described(f"**{_md(area.name)}**", area.description) if area else "**Other**", ""]
        lines += [f"- {_described(f'**{_md(c.name)}**', c.description)}" for c in competencies]
        lines.append("")
    return lines


def _titles(ladder: Ladder) -> list[str]:
    if not ladder.titles:
        return []
    lines = ["## Job titles", ""]
    for title in ladder.titles:
        note = f": {_md(title.note)}" if title.note else ""
        lines.append(f"- **{_md(title.title)}** → {_links(ladder, title.roles)}{note}")
    return [*lines, ""]


def _moves(ladder: Ladder, role: Role) -> list[str]:
    """Where the role leads, grouped by kind of move, each move with the
    signals of its own."""
    if not role.moves:
        return ["**Leads to:** —", ""]
    lines = []
    for kind in MOVE_KINDS:
        moves = [move for move in role.moves if move.kind == kind]
        if not moves:
            continue
        lines += [f"**{MOVE_KIND_HEADINGS[kind]}**", ""]
        for move in moves:
            target = _link(ladder.role(move.to))
            if move.ready_when:
                lines.append(f"- {target}, ready when:")
                lines += [f"  {_list_item(signal)}" for signal in move.ready_when]
            else:
                lines.append(f"- {target}")
        lines.append("")
    return lines


def _ratings(ladder: Ladder, role: Role) -> list[str]:
    """The role's competency table: the level (unless the ladder is written
    in words only), the statements, and examples and signs of not being
    there yet when the role gives any."""
    if not (ladder.competencies and role.competencies):
        return []
    rated = list(role.competencies.values())
    examples = any(rating.examples for rating in rated)
    not_yet = any(rating.not_yet for rating in rated)
    columns = [
        *(["Area"] if ladder.areas else []),
        "Competency",
        *([] if ladder.words_only else ["Level"]),
        "What it looks like",
        *(["Examples"] if examples else []),
        *(["Not yet"] if not_yet else []),
    ]
    lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    for area, competencies in ladder.competencies_by_area():
        for competency in competencies:
            rating: Rating | None = role.competencies.get(competency.id)
            if rating is None:  # a row per cell the role describes: the page grows with what is written
                continue
            cells = []
            if ladder.areas:
                cells.append(_md(area.name) if area else "")
            cells.append(_md(competency.name))
            if not ladder.words_only:
                cells.append(_md(_rating_level(ladder, rating)))
            cells.append(_statements(rating.statements) if rating else "")
            if examples:
                cells.append(_statements(rating.examples) if rating else "")
            if not_yet:
                cells.append(_statements(rating.not_yet) if rating else "")
            lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _rating_level(ladder: Ladder, rating: Rating | None) -> str:
    """'3 Proficient'; '—' when the role does not rate it; empty for a cell
    described in words only."""
    if rating is None:
        return "—"
    if rating.level is None:
        return ""
    return f"{rating.level} {ladder.scale_name(rating.level)}".strip()


def _role_markdown(ladder: Ladder, role: Role) -> list[str]:
    facts = [f"Level {_md(_level(role))}"]
    if role.tracks:
        names = _track_names(ladder, role)
        facts.append(f"{', '.join(_md(name) for name in names)} track{'s' if len(names) > 1 else ''}")
    if role.aliases:
        facts.append("also: " + ", ".join(_md(a) for a in role.aliases))
    lines = [f'### <a id="{role.id}"></a>{_md(role.title)}', "", f"*{' · '.join(facts)}*", ""]
    if role.summary:  # the lead paragraph, under no heading
        lines += [_md(role.summary), ""]
    for spec in PROSE_FIELDS:
        value = getattr(role, spec.name)
        if not value or spec.name == "summary":
            continue
        if isinstance(value, str):
            lines += [f"**{spec.heading}:** {_md(value)}", ""]
        else:
            lines += [f"**{spec.heading}**", "", *(_list_item(item) for item in value), ""]
    lines += _ratings(ladder, role)
    lines += _moves(ladder, role)
    lines += [f"**Comes from:** {_links(ladder, role.previous)}", ""]
    return lines


def to_markdown(ladder: Ladder) -> str:
    """A wiki-ready page: the ladder's metadata, an overview, the diagram,
    levels, tracks, the scale, competencies by area, job titles, then every
    role."""
    lines = [f"# {_md(ladder.title or 'Career ladder')}", "", *_metadata(ladder)]
    if ladder.description:
        lines += [_md(ladder.description), ""]
    lines += [
        "## Overview",
        "",
        "| Level | Role | Track | Leads to |",
        "| --- | --- | --- | --- |",
    ]
    lines += [
        f"| {_md(_level(role))} | {_link(role)} | {_md(', '.join(_track_names(ladder, role)))} "
        f"| {_links(ladder, role.next)} |"
        for role in ladder.roles
    ]
    lines += ["", "## The ladder at a glance", "", "```mermaid", to_mermaid(ladder).rstrip(), "```", ""]
    lines += _levels(ladder)
    lines += _tracks(ladder)
    if ladder.scale:
        lines += ["## Proficiency scale", ""]
        lines += [f"- {_described(f'**{s.level} {_md(s.name)}**', s.description)}" for s in ladder.scale]
        lines.append("")
    lines += _competencies(ladder)
    lines += _titles(ladder)
    lines += ["## Roles", ""]
    for role in ladder.roles:
        lines += _role_markdown(ladder, role)
    return "\n".join(lines).rstrip() + "\n"
