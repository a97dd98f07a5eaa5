"""The HTML export's overview: the ladder as an SVG drawn by pmpath.

Levels are rows, the highest at the top; tracks are columns. A rung that
several tracks share has a column of its own, named after all of them,
right after the last of its tracks; roles with no track come last. A cell
holding more roles than MAX_PER_ROW wraps them onto more lines, so a level
with many entry routes grows taller, never wider. Moves are curves drawn
under the boxes, one style per kind (see the legend); each box links to its
role's section. The legend flows onto more lines when the grid is narrower
than it, and the picture is never narrower than one legend item.

A label is wrapped by an estimate of its drawn width (`text_width`, on the
safe side: wide letters and full-width characters count more), after its
controls are made visible escapes, so what is measured is what is drawn.
Each box, level name and track name is drawn in a nested <svg> viewport of
its own, which clips: even a label the estimate gets wrong stays inside its
box. The whole text is always in the tooltip. `layout` is pure arithmetic,
tested on its own; `overview_svg` draws it, every ladder string through
`esc` (or, once escape_controls has made it visible, `html.escape`).
"""

from __future__ import annotations

import html
import math
import unicodedata
from dataclasses import dataclass

from pmpath.ladder.fileformat import MOVE_KINDS
from pmpath.ladder.model import Ladder, Role
from pmpath.output.escape import escape_controls
from pmpath.output.html_text import esc, role_anchor

MAX_PER_ROW = 2  # roles side by side in one cell
BOX_W, BOX_H = 140, 54
GAP_X, GAP_Y = 12, 34
LEFT = 100  # the level names' margin
HEAD = 40  # the track names' band
LEGEND_ROW = 22  # one line of the legend
LEGEND_SWATCH = 48  # a legend item's line and the gap before its name
LEGEND_GAP = 24  # between legend items
MARGIN = 8  # a label's room on each side inside its box or band
FONT = 12  # px, as the stylesheet sets for svg.overview
LINE_H = 15
MAX_LINES = 3
BOLD = 1.1  # the axis names are semi-bold: wider


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
class LegendItem:
    kind: str
    label: str
    x: int
    y: int
    width: int


@dataclass(frozen=True)
class Layout:
    boxes: dict[str, Box]
    columns: tuple[Band, ...]
    rows: tuple[Band, ...]
    width: int
    height: int
    legend: tuple[LegendItem, ...]
    legend_height: int


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
    width = x + GAP_X
    legend, legend_height = _legend_layout(width)
    width = max(width, *(item.x + item.width + MARGIN for item in legend))
    labels = {name.level: name.label for name in ladder.levels}
    rows, y = [], legend_height + HEAD
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
    return Layout(boxes, tuple(columns), tuple(rows), width, y + GAP_Y // 2, legend, legend_height)


_LEGEND = {
    "promotion": "promotion",
    "lateral": "lateral move",
    "apply": "apply or interview",
    "exit": "way out",
}


def _legend_layout(width: int) -> tuple[tuple[LegendItem, ...], int]:
    """The legend's items on one line from the level names' margin if they
    fit in `width`, else flowing from the left edge onto as many lines as
    needed; and the legend's height."""
    sizes = [(kind, LEGEND_SWATCH + math.ceil(text_width(_LEGEND[kind]))) for kind in MOVE_KINDS]
    one_line = sum(size for _, size in sizes) + LEGEND_GAP * (len(sizes) - 1)
    x = LEFT if LEFT + one_line + MARGIN <= width else MARGIN
    items, line = [], 0
    for kind, size in sizes:
        if x > MARGIN and x + size + MARGIN > width:
            x, line = MARGIN, line + 1
        items.append(LegendItem(kind, _LEGEND[kind], x, 8 + line * LEGEND_ROW, size))
        x += size + LEGEND_GAP
    return tuple(items), 8 + (line + 1) * LEGEND_ROW


# A character's width in em, estimated on the wide side of common sans-serif
# fonts (DejaVu Sans, the widest usual one, among them).
_WIDE = frozenset("MWmw@%ÆŒæœ")
_NARROW = frozenset("fijlI.,:;'!|")


def _char_width(char: str) -> float:
    if unicodedata.combining(char) or char in "\u200b\u200c\u200d":
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.25  # CJK, full-width forms, most emoji
    if char in _WIDE:
        return 1.2
    if char in _NARROW:
        return 0.42
    if char in "rt":
        return 0.55
    if char == " ":
        return 0.33
    if char.isascii():
        return 0.7 if char.islower() or char.isdigit() else 0.85
    return 1.0


def text_width(text: str, size: float = FONT, bold: bool = False) -> float:
    """The estimated width in px of `text` drawn at `size` px: at least what
    it takes, for any usual font."""
    return sum(_char_width(char) for char in text) * size * (BOLD if bold else 1.0)


def wrap_title(title: str, width: float, most: int = MAX_LINES, bold: bool = False) -> list[str]:
    """Text (its controls already made visible) on at most `most` lines, each
    estimated to fit in `width` px; a word longer than a line is split, and
    a cut shows as '…'."""

    def fits(line: str) -> bool:
        return text_width(line, bold=bold) <= width

    lines: list[str] = []
    for word in " ".join(title.split()).split(" "):
        if lines and fits(f"{lines[-1]} {word}"):
            lines[-1] += " " + word
            continue
        piece = ""
        for char in word:  # split where a line is full, so any word fits
            if piece and not fits(piece + char):
                lines.append(piece)
                piece = ""
            piece += char
        lines.append(piece)
    if len(lines) > most:
        lines = lines[:most]
        last = lines[-1]
        while last and not fits(last + "…"):
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def _label(
    name: str,
    x: float,
    y: float,
    width: float,
    height: float,
    *,
    most: int = MAX_LINES,
    bold: bool = False,
    cls: str = "",
    tip: str = "",
) -> str:
    """`name` in a viewport of its own at (x, y), wrapped to its width and
    centred in it; the viewport clips whatever the estimate got wrong. The
    name in full (or `tip`, which should hold it) is the tooltip."""
    lines = wrap_title(escape_controls(name), width - 2 * MARGIN, most, bold)
    first = height / 2 - (len(lines) - 1) * LINE_H / 2 + 4
    spans = "".join(
        f'<tspan x="{width / 2:g}" y="{first + i * LINE_H:g}">{html.escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    attribute = f' class="{cls}"' if cls else ""
    return (
        f'<svg x="{x:g}" y="{y:g}" width="{width:g}" height="{height:g}">'
        f'<text{attribute} text-anchor="middle"><title>{esc(tip or name)}</title>{spans}</text></svg>'
    )


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


def _legend(items: tuple[LegendItem, ...]) -> list[str]:
    parts = ['<g class="legend">']
    for item in items:
        x, y, kind = item.x, item.y, item.kind
        parts.append(
            f'<path class="move move-{kind}" d="M{x},{y + 7} H{x + 40}" marker-end="url(#arrow-{kind})"/>'
            f'<text x="{x + LEGEND_SWATCH}" y="{y + 11}">{item.label}</text>'
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
        f"{_label(role.title, box.x, box.y, BOX_W, BOX_H, tip=tip)}</a>"
    )


def overview_svg(ladder: Ladder) -> str:
    grid = layout(ladder)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="overview" width="{grid.width}" '
        f'height="{grid.height}" viewBox="0 0 {grid.width} {grid.height}" role="group" '
        'aria-label="The ladder: levels as rows, tracks as columns, moves as arrows">',
        *_markers(),
        *_legend(grid.legend),
    ]
    for i, row in enumerate(grid.rows):
        shade = ' class="band band-alt"' if i % 2 else ' class="band"'
        parts.append(f'<rect{shade} x="0" y="{row.start}" width="{grid.width}" height="{row.size}"/>')
        parts.append(_label(row.name, 0, row.start, LEFT, row.size, cls="axis", bold=True))
    for column in grid.columns:
        parts.append(
            _label(
                column.name,
                column.start,
                grid.legend_height,
                column.size,
                HEAD,
                most=2,
                cls="axis",
                bold=True,
            )
        )
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
