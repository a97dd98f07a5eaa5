"""The HTML export's overview: the ladder as an SVG drawn by pmpath.

Levels are rows, the highest at the top; tracks are columns. A rung that
several tracks share has a column of its own, named after all of them,
right after the last of its tracks; roles with no track come last. A cell
holding more roles than MAX_PER_ROW wraps them onto more lines, so a level
with many entry routes grows taller, never wider. Moves are curves drawn
under the boxes, one style per kind (see the legend); each box links to its
role's section. `layout` is pure arithmetic, tested on its own; `overview_svg`
draws it, every ladder string through `esc`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pmpath.ladder.fileformat import MOVE_KINDS
from pmpath.ladder.model import Ladder, Role
from pmpath.output.html_text import esc, role_anchor

MAX_PER_ROW = 2  # roles side by side in one cell
BOX_W, BOX_H = 140, 54
GAP_X, GAP_Y = 12, 34
LEFT = 100  # the level names' margin
HEAD = 40  # the track names' band
LEGEND_H = 30
LINE_CHARS = 20  # characters of a title per line in a box
MAX_LINES = 3


@dataclass(frozen=True)
class Box:
    role: Role
    x: int
    y: int

    @property
    def cx(self) -> float:
        return self.x + BOX_W / 2


@dataclass(frozen=True)
class Band:
    """A column (track) or row (level) of the grid, with its name and position."""

    name: str
    start: int
    size: int


@dataclass(frozen=True)
class Layout:
    boxes: dict[str, Box]
    columns: tuple[Band, ...]
    rows: tuple[Band, ...]
    width: int
    height: int


def _column_keys(ladder: Ladder) -> list[tuple[str, ...]]:
    """The columns: each track's roles, then the rungs shared by several,
    after the last of their tracks; tracks the ladder does not list follow
    in the order roles name them, and roles with no track come last."""
    order = ladder.track_order
    keys = list(dict.fromkeys(ladder.tracks_of(role) for role in ladder.roles))
    return sorted(keys, key=lambda k: (max((order[t] for t in k), default=len(order)), len(k)))


def _column_name(ladder: Ladder, key: tuple[str, ...]) -> str:
    titles = {track.id: track.title for track in ladder.tracks}
    return " + ".join(titles.get(track, track) for track in key) or "No track"


def layout(ladder: Ladder) -> Layout:
    keys = _column_keys(ladder)
    levels = sorted({role.level for role in ladder.roles}, reverse=True)
    cells: dict[tuple[tuple[str, ...], int], list[Role]] = {}
    for role in ladder.roles:
        cells.setdefault((ladder.tracks_of(role), role.level), []).append(role)
    slots = {k: min(MAX_PER_ROW, max(len(v) for (kk, _), v in cells.items() if kk == k)) for k in keys}
    lines = {
        lv: max(math.ceil(len(v) / slots[k]) for (k, lvl), v in cells.items() if lvl == lv) for lv in levels
    }
    columns, x = [], LEFT
    for key in keys:
        size = slots[key] * (BOX_W + GAP_X)
        columns.append(Band(_column_name(ladder, key), x, size))
        x += size
    labels = {name.level: name.label for name in ladder.levels}
    rows, y = [], LEGEND_H + HEAD
    for level in levels:
        size = lines[level] * (BOX_H + GAP_Y)
        rows.append(Band(f"{level} · {labels[level]}" if level in labels else f"Level {level}", y, size))
        y += size
    boxes = {}
    for (key, level), roles in cells.items():
        column, row = columns[keys.index(key)], rows[levels.index(level)]
        for i, role in enumerate(roles):
            line, slot = divmod(i, slots[key])
            top = row.start + GAP_Y // 2 + line * (BOX_H + GAP_Y)
            boxes[role.id] = Box(role, column.start + GAP_X // 2 + slot * (BOX_W + GAP_X), top)
    return Layout(boxes, tuple(columns), tuple(rows), x + GAP_X, y + GAP_Y // 2)


def wrap_title(title: str, width: int = LINE_CHARS, most: int = MAX_LINES) -> list[str]:
    """A title on at most `most` lines of `width` characters; a cut shows as '…'."""
    words = " ".join(title.split()).split(" ")
    lines: list[str] = []
    for word in words:
        while len(word) > width:  # a word longer than a line is split
            lines.append(word[:width])
            word = word[width:]
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def _label(name: str, x: float, middle: float, width: int, most: int, cls: str = "", tip: str = "") -> str:
    """A name wrapped onto lines centred on `middle`, in full as its tooltip
    (or `tip`, which should hold it)."""
    lines = wrap_title(name, width, most)
    first = middle - (len(lines) - 1) * 7.5 + 4
    spans = "".join(
        f'<tspan x="{x:g}" y="{first + i * 15:g}">{esc(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text{cls} text-anchor="middle"><title>{esc(tip or name)}</title>{spans}</text>'


def _curve(start: Box, end: Box) -> str:
    """The path of a move: a curve from the side of `start` facing `end`."""
    if start.role.level == end.role.level:  # across: an arc above both boxes
        lift = 16 if start.x < end.x else 26
        top = min(start.y, end.y)
        x1, x2 = start.cx + 12, end.cx - 12
        return f"M{x1:g},{start.y} C{x1:g},{top - lift} {x2:g},{top - lift} {x2:g},{end.y}"
    up = end.role.level > start.role.level
    y1 = start.y if up else start.y + BOX_H
    y2 = end.y + BOX_H if up else end.y
    mid = (y1 + y2) / 2
    return f"M{start.cx:g},{y1} C{start.cx:g},{mid:g} {end.cx:g},{mid:g} {end.cx:g},{y2}"


_LEGEND = {
    "promotion": "promotion",
    "lateral": "lateral move",
    "apply": "apply or interview",
    "exit": "way out",
}


def _legend() -> list[str]:
    parts = ['<g class="legend">']
    for i, kind in enumerate(MOVE_KINDS):
        x = LEFT + i * 170
        parts.append(
            f'<path class="move move-{kind}" d="M{x},15 H{x + 40}" marker-end="url(#arrow-{kind})"/>'
            f'<text x="{x + 48}" y="19">{_LEGEND[kind]}</text>'
        )
    return [*parts, "</g>"]


def _markers() -> list[str]:
    return [
        "<defs>",
        *(
            f'<marker id="arrow-{kind}" class="head head-{kind}" viewBox="0 0 10 10" refX="9" refY="5" '
            'markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse">'
            '<path d="M0,0 L10,5 L0,10 z"/></marker>'
            for kind in MOVE_KINDS
        ),
        "</defs>",
    ]


def _box(box: Box) -> str:
    role = box.role
    tip = f"{role.title} · level {role.level_name}" + (f" · {role.track}" if role.tracks else "")
    return (
        f'<a class="role-box" href="#{role_anchor(role.id)}">'
        f'<rect x="{box.x}" y="{box.y}" width="{BOX_W}" height="{BOX_H}" rx="6"/>'
        f"{_label(role.title, box.cx, box.y + BOX_H / 2, LINE_CHARS, MAX_LINES, tip=tip)}</a>"
    )


def overview_svg(ladder: Ladder) -> str:
    grid = layout(ladder)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="overview" width="{grid.width}" '
        f'height="{grid.height}" viewBox="0 0 {grid.width} {grid.height}" role="group" '
        'aria-label="The ladder: levels as rows, tracks as columns, moves as arrows">',
        *_markers(),
        *_legend(),
    ]
    for i, row in enumerate(grid.rows):
        shade = ' class="band band-alt"' if i % 2 else ' class="band"'
        parts.append(f'<rect{shade} x="0" y="{row.start}" width="{grid.width}" height="{row.size}"/>')
        parts.append(_label(row.name, LEFT / 2, row.start + row.size / 2, 13, 3, ' class="axis"'))
    for column in grid.columns:
        middle = column.start + column.size / 2
        parts.append(_label(column.name, middle, LEGEND_H + HEAD / 2, column.size // 8, 2, ' class="axis"'))
    for box in grid.boxes.values():
        for move in box.role.moves:
            kind = move.kind if move.kind in MOVE_KINDS else "promotion"  # a class, never ladder text
            parts.append(
                f'<path class="move move-{kind}" d="{_curve(box, grid.boxes[move.to])}" '
                f'marker-end="url(#arrow-{kind})"/>'
            )
    parts += [_box(box) for box in grid.boxes.values()]
    parts.append("</svg>")
    return "\n".join(parts)
