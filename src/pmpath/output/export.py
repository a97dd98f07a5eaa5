"""The whole ladder in other formats: Markdown, Mermaid, DOT, CSV, JSON, YAML.

Each function returns the complete text; nothing here prints or imports Rich.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from typing import Any

import yaml

from pmpath.ladder.fileformat import ROLE_FIELDS, ROLE_SECTIONS
from pmpath.ladder.model import Ladder, Role
from pmpath.output import serialize
from pmpath.output.escape import escape_controls

SafeDumper: type[Any] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


# -- YAML and JSON: the data itself ------------------------------------------------
def _role_data(role: Role) -> dict[str, Any]:
    """A role as it is written in a ladder file: empty fields left out."""
    data: dict[str, Any] = {}
    for spec in ROLE_FIELDS:
        value = getattr(role, spec.name)
        if spec.kind == "ratings":
            value = {key: {"level": r.level, "expectation": r.expectation} for key, r in value.items()}
        elif isinstance(value, tuple):
            value = list(value)
        if spec.required or value:
            data[spec.name] = value
    return data


def ladder_data(ladder: Ladder, role_data: Callable[[Role], dict[str, Any]] = _role_data) -> dict[str, Any]:
    """The ladder as plain data; each role as `role_data` makes it."""
    data: dict[str, Any] = {}
    if ladder.title:
        data["title"] = ladder.title
    if ladder.description:
        data["description"] = ladder.description
    if ladder.scale:
        data["scale"] = [
            {"level": s.level, "name": s.name, **({"description": s.description} if s.description else {})}
            for s in ladder.scale
        ]
    if ladder.competencies:
        data["competencies"] = [
            {"id": c.id, "name": c.name, **({"description": c.description} if c.description else {})}
            for c in ladder.competencies
        ]
    data["roles"] = [role_data(role) for role in ladder.roles]
    return data


def to_yaml(ladder: Ladder) -> str:
    """A ladder file that loads back into pmpath unchanged."""
    return yaml.dump(ladder_data(ladder), Dumper=SafeDumper, sort_keys=False, allow_unicode=True, width=100)


def to_json(ladder: Ladder) -> str:
    """The ladder with every role as the same object `show --json` prints."""
    return serialize.dumps(ladder_data(ladder, serialize.role_detail))


def self_assessment_yaml(role_id: str | None, levels: dict[str, int]) -> str:
    data: dict[str, Any] = {"role": role_id} if role_id else {}
    data["competencies"] = levels
    return "# My competency levels, for: pmpath gap --me THIS_FILE ROLE\n" + yaml.dump(
        data, Dumper=SafeDumper, sort_keys=False
    )


# -- CSV ---------------------------------------------------------------------------
LIST_SEPARATOR = "\n"  # list fields keep one item per line inside their cell


def to_csv(ladder: Ladder) -> str:
    """One row per role; lists one item per line in a cell; one column per
    competency holding its level."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    scalar_fields = [spec.name for spec in ROLE_FIELDS if spec.kind != "ratings"]
    writer.writerow([*scalar_fields, "previous", *(c.id for c in ladder.competencies)])
    for role in ladder.roles:
        row: list[Any] = []
        for name in [*scalar_fields, "previous"]:
            value = getattr(role, name)
            row.append(LIST_SEPARATOR.join(value) if isinstance(value, tuple) else value)
        for competency in ladder.competencies:
            rating = role.competencies.get(competency.id)
            row.append(rating.level if rating else "")
        writer.writerow(row)
    return buffer.getvalue()


# -- Mermaid and DOT: the ladder as a graph ------------------------------------------
def _mermaid_id(role_id: str) -> str:
    # Prefixed so that ids such as `end` cannot collide with Mermaid keywords.
    return "r_" + role_id.replace("-", "_")


def _mermaid_text(text: str) -> str:
    replaced = escape_controls(text).replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
    return f'"{replaced}"'


def _by_track(ladder: Ladder) -> dict[str, list[Role]]:
    groups: dict[str, list[Role]] = {}
    for role in ladder.roles:
        groups.setdefault(role.track, []).append(role)
    return groups


def to_mermaid(ladder: Ladder) -> str:
    """A flowchart, bottom to top, with a box per track; renders on GitHub."""
    lines = ["flowchart BT"]
    for number, (track, roles) in enumerate(_by_track(ladder).items()):
        indent = "  "
        if track:
            lines.append(f"  subgraph track_{number}[{_mermaid_text(track)}]")
            indent = "    "
        lines += [f"{indent}{_mermaid_id(r.id)}[{_mermaid_text(r.title)}]" for r in roles]
        if track:
            lines.append("  end")
    lines += [f"  {_mermaid_id(r.id)} --> {_mermaid_id(t)}" for r in ladder.roles for t in r.next]
    return "\n".join(lines) + "\n"


def _dot_escape(text: str) -> str:
    return escape_controls(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _dot_text(text: str) -> str:
    return f'"{_dot_escape(text)}"'


def to_dot(ladder: Ladder) -> str:
    """A Graphviz digraph, bottom to top, one rank per level."""
    lines = [
        "digraph ladder {",
        "  rankdir=BT;",
        '  node [shape=box, style="rounded"];',
    ]
    if ladder.title:
        lines.append(f"  label={_dot_text(ladder.title)};")
    for role in ladder.roles:
        label = f'"{_dot_escape(role.title)}\\n({_dot_escape(role.id)})"'
        lines.append(f"  {_dot_text(role.id)} [label={label}];")
    levels: dict[int, list[str]] = {}
    for role in ladder.roles:
        levels.setdefault(role.level, []).append(_dot_text(role.id))
    for ids in levels.values():
        lines.append("  { rank=same; " + " ".join(f"{i};" for i in ids) + " }")
    lines += [f"  {_dot_text(r.id)} -> {_dot_text(t)};" for r in ladder.roles for t in r.next]
    lines.append("}")
    return "\n".join(lines) + "\n"


# -- Markdown: a wiki page -------------------------------------------------------------
def _md(text: str) -> str:
    """Text for Markdown: inert HTML, no control characters, one line."""
    return (
        escape_controls(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\n", " ")
    )


def _cell(text: str) -> str:
    return _md(text).replace("|", "\\|")


def _link(role: Role) -> str:
    return f"[{_md(role.title)}](#{role.id})"


def _links(ladder: Ladder, ids: Iterable[str]) -> str:
    return ", ".join(_link(ladder.role(i)) for i in ids) or "—"


def _role_markdown(ladder: Ladder, role: Role) -> list[str]:
    facts = [f"Level {role.level}"]
    if role.track:
        facts.append(f"{_md(role.track)} track")
    if role.aliases:
        facts.append("also: " + ", ".join(f"`{_md(a)}`" for a in role.aliases))
    lines = [f'### <a id="{role.id}"></a>{_md(role.title)}', "", f"*{' · '.join(facts)}*", ""]
    if role.summary:
        lines += [_md(role.summary), ""]
    if role.scope:
        lines += [f"**Scope:** {_md(role.scope)}", ""]
    for name, title in ROLE_SECTIONS:
        items = getattr(role, name)
        if items:
            lines += [f"**{title}**", "", *(f"- {_md(item)}" for item in items), ""]
    if ladder.competencies and role.competencies:
        lines += ["| Competency | Level | What it looks like |", "| --- | --- | --- |"]
        for competency in ladder.competencies:
            rating = role.competencies.get(competency.id)
            level = f"{rating.level} {ladder.scale_name(rating.level)}".strip() if rating else "—"
            expectation = rating.expectation if rating else ""
            lines.append(f"| {_cell(competency.name)} | {_cell(level)} | {_cell(expectation)} |")
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
        f"| {role.level} | {_link(role)} | {_cell(role.track)} | {_links(ladder, role.next)} |"
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


FORMATS: dict[str, Callable[[Ladder], str]] = {
    "markdown": to_markdown,
    "mermaid": to_mermaid,
    "dot": to_dot,
    "csv": to_csv,
    "json": to_json,
    "yaml": to_yaml,
}
