"""The ladder as a wiki page in Markdown.

Ladder text goes through `_md` and nowhere else, so it never becomes Markdown
syntax or HTML: the one escaping serves inline text, table cells and the
title's heading, since it escapes `|` everywhere. What this module writes
around it (headings, `|` between cells, links, the fence around the diagram)
is its own, and holds no HTML, so a renderer in safe mode shows the same page.

Links go to headings, by the ids renderers give them (GitHub's slugs): each
role's heading is its id, kebab-case as the loader checks, so its slug is the
id itself, or the id with `-1` when an earlier heading took it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from pmpath.ladder.fileformat import MOVE_KIND_HEADINGS, MOVE_KINDS, PROSE_FIELDS
from pmpath.ladder.model import Ladder, Rating, Role
from pmpath.output.diagrams import to_mermaid
from pmpath.output.escape import escape_controls

# What is escaped with a backslash. Anywhere in a line: code, emphasis, links,
# images and footnotes, HTML and entities, table pipes, strikethrough, math,
# headings' hashes and e-mail addresses. And what GFM renderers would link by
# themselves: a scheme's `://`, `//host`, and a dot between a word and a letter
# (a domain name: www.example.com, example.com).
_ESCAPED = re.compile(r"[\\`*_\[\]<>&|~#$@]|[:/](?=/)|(?<=\w)\.(?=[^\W\d_])")
# Block syntax that only counts at the start of a line: list markers, setext
# underlines, and ordered lists (whose `.` or `)` is escaped: a digit cannot be).
_ORDERED = re.compile(r"^(\d{1,9})([.)])")
# A source shown as a link: http(s) only, and nothing that ends a link's
# destination early (space, parentheses, angle brackets) or is invisible.
_WEB_ADDRESS = re.compile(r"https?://[^\s()<>\x00-\x1f\x7f-\x9f]+", re.IGNORECASE)
# Where a link to a role's heading goes, until the page's headings are known:
# NUL cannot come from a ladder (escape_controls shows it as \x00).
_TO_ROLE = re.compile("\x00([a-z0-9-]+)\x00")


def _md(text: str) -> str:
    """Ladder text as literal Markdown on one line: every character that could
    start Markdown syntax or HTML is backslash-escaped."""
    escaped = _ESCAPED.sub(lambda found: "\\" + found.group(), " ".join(escape_controls(text).split()))
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


def github_slug(text: str) -> str:
    """The id GitHub gives a heading that reads `text`: lower case, without
    punctuation or symbols but `-` and `_`, each space a `-`."""
    kept = (c for c in text.lower() if c in " -_" or unicodedata.category(c)[0] in "LMN")
    return "".join(kept).replace(" ", "-")


def _heading_ids(lines: list[str]) -> dict[str, str]:
    """The id of each role's heading (`### role-id`), counting every heading of
    the page before it as GitHub does: a slug already taken gets `-1`, `-2`..."""
    taken: dict[str, int] = {}
    found = {}
    for line in lines:
        hashes, _, text = line.partition(" ")
        if not hashes or hashes.strip("#"):
            continue
        slug = base = github_slug(text)  # the backslashes of escapes are dropped like any punctuation
        while slug in taken:
            taken[base] += 1
            slug = f"{base}-{taken[base]}"
        taken[slug] = 0
        if hashes == "###":
            found[text] = slug
    return found


def _fenced(info: str, body: str) -> list[str]:
    """A fenced code block whose fence is longer than any run of backticks
    in the body, so nothing in it can close the block."""
    longest = max((len(run) for run in re.findall("`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + info, body.rstrip("\n"), fence]


def _link(role: Role) -> str:
    """A link to the role's heading, whose id is filled in by `to_markdown`."""
    return f"[{_md(role.title)}](#\x00{role.id}\x00)"


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
    """Several texts in one table cell, between dots (a line break would
    take HTML, which renderers in safe mode show as text)."""
    return " · ".join(_md(text) for text in texts)


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
    lines = [f"### {role.id}", "", f"**{_md(role.title)}** · *{' · '.join(facts)}*", ""]
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
    lines += ["", "## The ladder at a glance", "", *_fenced("mermaid", to_mermaid(ladder)), ""]
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
    ids = _heading_ids(lines)
    return _TO_ROLE.sub(lambda to: ids[to.group(1)], "\n".join(lines)).rstrip() + "\n"
