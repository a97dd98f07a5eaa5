"""The ladder as one self-contained web page (`export -f html`).

The page loads nothing: its stylesheet and filter script are inline and the
only ones its Content-Security-Policy allows (see html_style.py), and the
overview is an SVG drawn here (svg_overview.py). Every ladder string goes
through `esc` (html_text.py); the only links are to the page's own sections.
The ladder's `source` is shown as text, never as a link: it could be any URL.
In a role's section the elements holding the role's own words carry the
class `own`: the filter script reads those, not the headings or the titles
of the roles it links to.
"""

from __future__ import annotations

from collections.abc import Iterable

from pmpath.ladder.fileformat import MOVE_KIND_HEADINGS, MOVE_KINDS, PROSE_FIELDS
from pmpath.ladder.model import Area, Competency, Ladder, Rating, Role
from pmpath.output.html_style import CSS, HEAT_STEPS, SCRIPT, csp
from pmpath.output.html_text import esc, role_anchor
from pmpath.output.svg_overview import overview_svg
from pmpath.queries.neighbours import role_page


def _text(tag: str, text: str, cls: str = "") -> str:
    attribute = f' class="{cls}"' if cls else ""
    return f"<{tag}{attribute}>{esc(text)}</{tag}>"


def _list(items: Iterable[str], cls: str = "") -> str:
    attribute = f' class="{cls}"' if cls else ""
    return f"<ul{attribute}>" + "".join(_text("li", item) for item in items) + "</ul>"


def _own(text: str) -> str:
    """A role's own words within a line of the page's."""
    return _text("span", text, "own")


def _link(role: Role) -> str:
    return f'<a href="#{role_anchor(role.id)}">{esc(role.title)}</a>'


def _described(pairs: Iterable[tuple[str, str]]) -> str:
    """A definition list of names and their descriptions."""
    return (
        "<dl>" + "".join(f"{_text('dt', name)}{_text('dd', text or '—')}" for name, text in pairs) + "</dl>"
    )


def _track_titles(ladder: Ladder, role: Role) -> list[str]:
    titles = {track.id: track.title for track in ladder.tracks}
    return [titles.get(track, track) for track in role.tracks]


def _about(ladder: Ladder) -> list[tuple[str, str]]:
    found = [("Version", ladder.version), ("Source", ladder.source), ("Licence", ladder.license)]
    return [(name, value) for name, value in found if value]


def _header(ladder: Ladder) -> list[str]:
    parts = ["<header>", _text("h1", ladder.title or "Career ladder")]
    if ladder.description:
        parts.append(_text("p", ladder.description, "text"))
    if _about(ladder):
        parts.append(_described(_about(ladder)).replace("<dl>", '<dl class="meta">', 1))
    return [*parts, "</header>"]


def _nav(ladder: Ladder) -> list[str]:
    links = [("overview", "Overview"), ("levels", "Levels and tracks")]
    if ladder.competencies:
        links.append(("matrix", "Competency matrix"))
    if ladder.titles:
        links.append(("titles", "Job titles"))
    links.append(("roles", "Roles"))
    items = "".join(f'<li><a href="#{anchor}">{name}</a></li>' for anchor, name in links)
    return [
        '<nav aria-label="Contents">',
        f"<ul>{items}</ul>",
        '<div id="filter" hidden><label for="filter-box">Filter roles </label>'
        '<input id="filter-box" type="search" placeholder="a word in a role">'
        ' <span id="filter-count" aria-live="polite"></span></div>',
        "</nav>",
    ]


def _levels_and_tracks(ladder: Ladder) -> list[str]:
    parts = ['<section id="levels">', "<h2>Levels and tracks</h2>"]
    if ladder.levels:
        parts += [
            "<h3>Levels</h3>",
            _described((f"{n.level} · {n.label}", n.description) for n in ladder.levels),
        ]
    tracks = {track.id: (track.title, track.description) for track in ladder.tracks}
    for role in ladder.roles:
        for track in role.tracks:
            tracks.setdefault(track, (track, ""))
    if tracks:
        parts.append("<h3>Tracks</h3><dl>")
        for track, (title, description) in tracks.items():
            on_it = ", ".join(_link(role) for role in ladder.roles if track in role.tracks)
            parts.append(
                f"{_text('dt', title)}{_text('dd', description) if description else ''}<dd>{on_it}</dd>"
            )
        parts.append("</dl>")
    if ladder.scale:
        parts += [
            "<h3>Proficiency scale</h3>",
            _described((f"{s.level} {s.name}", s.description) for s in ladder.scale),
        ]
    if not (ladder.levels or tracks or ladder.scale):
        parts.append('<p class="muted">This ladder names no levels or tracks.</p>')
    return [*parts, "</section>"]


def heat_steps(levels: Iterable[int]) -> dict[int, int]:
    """Each level's shade, 1 (palest) to HEAT_STEPS, by its rank among `levels`.

    Up to HEAT_STEPS levels each get a step of their own, spread evenly from
    the first step to the last, so the top level is always the deepest shade
    and neighbouring levels are at least one step apart. A longer scale shares
    the steps out in order: each step holds a run of neighbouring levels (runs
    differ in length by at most one), and the number in the cell tells them
    apart.
    """
    ordered = sorted(set(levels))
    count = len(ordered)
    if count <= 1:
        return dict.fromkeys(ordered, HEAT_STEPS)
    if count <= HEAT_STEPS:
        span = count - 1
        return {level: 1 + (2 * i * (HEAT_STEPS - 1) + span) // (2 * span) for i, level in enumerate(ordered)}
    return {level: 1 + i * HEAT_STEPS // count for i, level in enumerate(ordered)}


def _statements(rating: Rating, cls: str = "") -> str:
    parts = [_list(rating.statements, cls)] if rating.statements else []
    for name, items in (("Examples", rating.examples), ("Not yet", rating.not_yet)):
        if items:
            parts += [f"<p>{name}:</p>", _list(items, cls)]
    return "".join(parts)


def _matrix_cell(ladder: Ladder, rating: Rating | None, shades: dict[int, int]) -> str:
    if rating is None:
        return '<td aria-label="not described">—</td>'
    shown = "in words" if rating.level is None else str(rating.level)
    cls = "" if rating.level is None else f' class="heat{shades[rating.level]}"'
    body = _statements(rating)
    if not body:
        return f"<td{cls}>{shown}</td>"
    name = ladder.scale_name(rating.level)
    named = _text("p", name) if name else ""
    return f"<td{cls}><details><summary>{shown}</summary>{named}{body}</details></td>"


def _area_heading(area: Area | None) -> str:
    if area is None:
        return ""
    return (
        f"<p><strong>{esc(area.name)}</strong>"
        + (f": {esc(area.description)}" if area.description else "")
        + "</p>"
    )


def _matrix(ladder: Ladder) -> list[str]:
    """Roles by competencies: each level as a number on a shade, its
    statements on expand."""
    groups = ladder.competencies_by_area()
    columns: list[Competency] = [c for _, competencies in groups for c in competencies]
    levels = [r.level for role in ladder.roles for r in role.competencies.values() if r.level is not None]
    shades = heat_steps([*levels, *(s.level for s in ladder.scale)])
    head = ["<thead>"]
    if ladder.areas:
        cells = "".join(
            f'<th scope="colgroup" colspan="{len(cs)}">{esc(area.name if area else "Other")}</th>'
            for area, cs in groups
        )
        head.append(f"<tr><td></td>{cells}</tr>")
    names = "".join(f'<th scope="col">{esc(c.name)}</th>' for c in columns)
    head += [f'<tr><th scope="col">Role</th>{names}</tr>', "</thead>"]
    rows = [
        f'<tr><th scope="row">{_link(role)}</th>'
        + "".join(_matrix_cell(ladder, role.competencies.get(c.id), shades) for c in columns)
        + "</tr>"
        for role in ladder.roles
    ]
    meanings = "".join(
        _area_heading(area) + _described((c.name, c.description) for c in cs) for area, cs in groups
    )
    return [
        '<section id="matrix">',
        "<h2>Competency matrix</h2>",
        '<p class="muted">The level each role expects, more strongly shaded for higher; '
        "open a level for what it looks like.</p>",
        '<div class="scroll"><table class="matrix">',
        *head,
        "<tbody>",
        *rows,
        "</tbody></table></div>",
        f"<details><summary>What each competency means</summary>{meanings}</details>",
        "</section>",
    ]


def _titles(ladder: Ladder) -> list[str]:
    items = []
    for title in ladder.titles:
        roles = ", ".join(_link(ladder.role(role_id)) for role_id in title.roles)
        note = f" {_text('span', title.note, 'muted')}" if title.note else ""
        items.append(f"<li><strong>{esc(title.title)}</strong>: {roles}{note}</li>")
    return ['<section id="titles">', "<h2>Job titles</h2>", "<ul>", *items, "</ul>", "</section>"]


def _role_competencies(ladder: Ladder, role: Role) -> list[str]:
    parts = ["<h4>Competencies</h4>", '<div class="scroll"><table>']
    parts.append(
        "<thead><tr><th>Competency</th><th>Level</th><th>What it looks like</th></tr></thead><tbody>"
    )
    for area, competencies in ladder.competencies_by_area():
        rated = [(c, role.competencies[c.id]) for c in competencies if c.id in role.competencies]
        if ladder.areas and rated:
            parts.append(
                f'<tr><th colspan="3" scope="rowgroup">{esc(area.name if area else "Other")}</th></tr>'
            )
        for competency, rating in rated:
            level = (
                "" if rating.level is None else f"{rating.level} {ladder.scale_name(rating.level)}".strip()
            )
            parts.append(
                f'<tr><th scope="row">{esc(competency.name)}</th>{_text("td", level)}'
                f"<td>{_statements(rating, 'own')}</td></tr>"
            )
    return [*parts, "</tbody></table></div>"]


def _moves(ladder: Ladder, role: Role) -> list[str]:
    if not role.moves:
        return ["<h4>Leads to</h4>", '<p class="muted">—</p>']
    parts = ["<h4>Leads to</h4>"]
    for kind in MOVE_KINDS:
        moves = [move for move in role.moves if move.kind == kind]
        if moves:
            parts += [f"<h5>{MOVE_KIND_HEADINGS[kind]}</h5>", "<ul>"]
            for move in moves:
                signals = f"<p>Ready when:</p>{_list(move.ready_when, 'own')}" if move.ready_when else ""
                parts.append(f"<li>{_link(ladder.role(move.to))}{signals}</li>")
            parts.append("</ul>")
    return parts


def _role(ladder: Ladder, role: Role) -> list[str]:
    page = role_page(ladder, role)
    facts = [_own(f"Level {role.level}" + (f" · {role.level_label}" if role.level_label else ""))]
    if role.tracks:
        facts.append(
            _own(", ".join(_track_titles(ladder, role))) + (" tracks" if len(role.tracks) > 1 else " track")
        )
    if role.aliases:
        facts.append("also: " + _own(", ".join(role.aliases)))
    parts = [
        f'<article class="role" id="{role_anchor(role.id)}">',
        _text("h3", role.title, "own"),
        f'<p class="facts">{" · ".join(facts)}</p>',
    ]
    if page.titles:
        parts.append(f'<p class="muted">Also known as: {_own(", ".join(t.title for t in page.titles))}</p>')
    if role.summary:
        parts.append(_text("p", role.summary, "text own"))
    notes = [f"{title.title}: {title.note}" for title in page.titles if title.note]
    if notes:
        parts += ["<h4>What those titles can mean</h4>", _list(notes, "own")]
    for spec in PROSE_FIELDS:
        value = getattr(role, spec.name)
        if value and spec.name != "summary":
            parts += [
                f"<h4>{esc(spec.heading)}</h4>",
                _text("p", value, "text own") if isinstance(value, str) else _list(value, "own"),
            ]
    if ladder.competencies and role.competencies:
        parts += _role_competencies(ladder, role)
    parts += _moves(ladder, role)
    arrivals = [
        _link(s.role) + ("" if s.move.kind == "promotion" else f" ({esc(s.move.kind)})")
        for s in page.comes_from
    ]
    parts += ["<h4>Comes from</h4>", f"<p>{', '.join(arrivals) or '—'}</p>", "</article>"]
    return parts


def _footer(ladder: Ladder) -> list[str]:
    about = " · ".join(f"{name}: {esc(value)}" for name, value in reversed(_about(ladder)))
    return [
        "<footer>",
        f"<p>{about}</p>" if about else "",
        "<p>Made with pmpath export -f html.</p>",
        "</footer>",
    ]


def to_html(ladder: Ladder) -> str:
    """The whole ladder as one HTML page that needs nothing else."""
    title = ladder.title or "Career ladder"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp()}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        _text("title", title),
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        '<a class="skip" href="#main">Skip to the ladder</a>',
        *_header(ladder),
        *_nav(ladder),
        '<main id="main">',
        '<section id="overview">',
        "<h2>Overview</h2>",
        '<p class="muted">Levels are rows, highest at the top; tracks are columns. '
        "Each box leads to its role.</p>",
        f'<div class="diagram">{overview_svg(ladder)}</div>',
        "</section>",
        *_levels_and_tracks(ladder),
        *(_matrix(ladder) if ladder.competencies else []),
        *(_titles(ladder) if ladder.titles else []),
        '<section id="roles">',
        "<h2>Roles</h2>",
        *(line for role in ladder.roles for line in _role(ladder, role)),
        "</section>",
        "</main>",
        *_footer(ladder),
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"
