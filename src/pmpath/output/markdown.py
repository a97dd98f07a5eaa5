"""The ladder as a wiki page in Markdown.

Ladder text goes through `_md` (or `_cell` inside a table) and nowhere else,
so it never becomes Markdown syntax or HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pmpath.ladder.fileformat import PROSE_FIELDS
from pmpath.ladder.model import Ladder, Role
from pmpath.output.diagrams import to_mermaid
from pmpath.output.escape import escape_controls

# Inline syntax anywhere in a line: code, emphasis, links and images, HTML and
# entities, table pipes, strikethrough, headings' hashes.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~#])")
# Block syntax that only counts at the start of a line: list markers, setext
# underlines, and ordered lists (whose `.` or `)` is escaped: a digit cannot be).
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def _md(text: str) -> str:
    """Ladder text as literal Markdown on one line: every character that could
    start Markdown syntax or HTML is backslash-escaped."""
    escaped = _INLINE.sub(r"\\\1", " ".join(escape_controls(text).split()))
    escaped = _ORDERED.sub(r"\1\\\2", escaped)
    return "\\" + escaped if escaped[:1] in ("-", "+", "=") else escaped


def _link(role: Role) -> str:
    return f"[{_md(role.title)}](#{role.id})"


def _links(ladder: Ladder, ids: Iterable[str]) -> str:
    return ", ".join(_link(ladder.role(i)) for i in ids) or "—"


def _role_markdown(ladder: Ladder, role: Role) -> list[str]:
    facts = [f"Level {role.level}"]
    if role.track:
        facts.append(f"{_md(role.track)} track")
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
            lines += [f"**{spec.heading}**", "", *(f"- {_md(item)}" for item in value), ""]
    if ladder.competencies and role.competencies:
        lines += ["| Competency | Level | What it looks like |", "| --- | --- | --- |"]
        for competency in ladder.competencies:
            rating = role.competencies.get(competency.id)
            level = f"{rating.level} {ladder.scale_name(rating.level)}".strip() if rating else "—"
            expectation = rating.expectation if rating else ""
            lines.append(f"| {_md(competency.name)} | {_md(level)} | {_md(expectation)} |")
        lines.append("")
    lines += [
        f"**Leads to:** {_links(ladder, role.next)}  ",
        f"**Comes from:** {_links(ladder, role.previous)}",
        "",
    ]
    return lines


def to_markdown(ladder: Ladder) -> str:
    """A wiki-ready page: overview, diagram, then every role."""
    lines = [f"# {_md(ladder.title or 'Career ladder')}", ""]
    if ladder.description:
        lines += [_md(ladder.description), ""]
    lines += [
        "## Overview",
        "",
        "| Level | Role | Track | Leads to |",
        "| --- | --- | --- | --- |",
    ]
    lines += [
        f"| {role.level} | {_link(role)} | {_md(role.track)} | {_links(ladder, role.next)} |"
        for role in ladder.roles
    ]
    lines += ["", "## The ladder at a glance", "", "```mermaid", to_mermaid(ladder).rstrip(), "```", ""]
    if ladder.scale:
        lines += ["## Proficiency scale", ""]
        lines += [f"- **{s.level} {_md(s.name)}**: {_md(s.description)}".rstrip(": ") for s in ladder.scale]
        lines.append("")
    if ladder.competencies:
        lines += ["## Competencies", ""]
        lines += [f"- **{_md(c.name)}**: {_md(c.description)}".rstrip(": ") for c in ladder.competencies]
        lines.append("")
    lines += ["## Roles", ""]
    for role in ladder.roles:
        lines += _role_markdown(ladder, role)
    return "\n".join(lines).rstrip() + "\n"
