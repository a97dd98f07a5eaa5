"""The ladder as a graph: Mermaid (renders on GitHub) and Graphviz DOT.

Each format has one escaping function for ladder text (`_mermaid_escape`,
`_dot_escape`); every label and comment goes through it.

Moves are drawn by kind: a promotion is a plain arrow; lateral, apply and exit
moves are labelled with their kind and drawn dotted, dashed or thick. Each
track is a box (a subgraph in Mermaid, a cluster in DOT), and a rung that
several tracks share sits in a box of its own, named after all of them (one
box per set of tracks, however a role orders them: `Ladder.tracks_of`).
DOT's edges run at right angles (`splines=ortho`): dot 2.43 fails to route
curved edges between roles of one level in different boxes, and straight
lines cross the boxes.

Mermaid has no rank constraint, so its levels line up through an axis: a
node per level, chained bottom to top by invisible links (`~~~`), and each
role held by invisible links between the levels below and above its own.
A move between two roles of one level still lifts one of them a row.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from pmpath.ladder.model import Ladder, Role
from pmpath.output.escape import escape_controls

# Mermaid links by kind of move; the label is the kind's own name, never ladder text.
_MERMAID_LINKS = {
    "promotion": "-->",
    "lateral": "-.->|lateral|",
    "apply": "-.->|apply|",
    "exit": "==>|exit|",
}
# Graphviz edge attributes by kind of move. The kind is an external label
# (`xlabel`), placed after the edges are drawn: a `label` on an edge between
# two boxes of one rank makes dot warn that it cannot route the edge.
_DOT_EDGES = {
    "promotion": (),
    "lateral": ("style=dotted", 'xlabel="lateral"'),
    "apply": ("style=dashed", 'xlabel="apply"'),
    "exit": ("style=bold", 'xlabel="exit"'),
}


def _mermaid_id(role_id: str) -> str:
    # Prefixed so that ids such as `end` cannot collide with Mermaid keywords.
    return "r_" + role_id.replace("-", "_")


# Mermaid decodes `#name;` entities in labels, so `#` itself is written as an
# entity first; then nothing a ladder writes can form one. `%` (comments and
# `%%{init}%%` directives), backticks (Markdown strings, and the fence of a
# Markdown page around the diagram), quotes and tags become entities too.
_MERMAID_ENTITIES = {"#": "#35;", '"': "#quot;", "%": "#37;", "`": "#96;", "<": "#lt;", ">": "#gt;"}
# In a label, also `&` (labels are HTML) and `:`: before parsing, Mermaid cuts
# the last `;` off any line where `style` or `classDef` comes before a `:` and
# a `#`, which would break the entities of a title such as `<style>a:b</style>`.
# A comment has no entities to break.
_LABEL_ENTITIES = {"&": "#38;", ":": "#58;"}


def _mermaid_escape(text: str) -> str:
    """Ladder text on one line, with nothing Mermaid reads as syntax: in a
    label, or in a `%%` comment (where `%%{` would start a directive)."""
    one_line = " ".join(escape_controls(text).split())
    return "".join(_MERMAID_ENTITIES.get(char, char) for char in one_line)


def _mermaid_text(text: str) -> str:
    """Ladder text as a quoted label (see `_mermaid_escape` and `_LABEL_ENTITIES`)."""
    label = "".join(_LABEL_ENTITIES.get(char, char) for char in _mermaid_escape(text))
    return f'"{label}"'


def _about(ladder: Ladder) -> list[str]:
    """The ladder's version, licence and source, as 'Licence: CC-BY-4.0'."""
    found = [("Version", ladder.version), ("Licence", ladder.license), ("Source", ladder.source)]
    return [f"{name}: {value}" for name, value in found if value]


def _by_track(ladder: Ladder) -> dict[tuple[str, ...], list[Role]]:
    """The roles by the set of tracks they are on (in the ladder's track
    order, however a role lists them), in order of first appearance."""
    groups: dict[tuple[str, ...], list[Role]] = {}
    for role in ladder.roles:
        groups.setdefault(ladder.tracks_of(role), []).append(role)
    return groups


def _box_name(ladder: Ladder, tracks: tuple[str, ...]) -> str:
    titles = {track.id: track.title for track in ladder.tracks}
    names = [titles.get(track, track) for track in tracks]
    return names[0] if len(names) == 1 else "Shared: " + ", ".join(names)


def _level_name(level: int, label: str) -> str:
    """'Level 4 · Senior 2' where the ladder names the level, else 'Level 4'."""
    return f"Level {level} · {label}" if label else f"Level {level}"


def _level_axis(ladder: Ladder) -> list[str]:
    """A node per level, bottom to top, and the invisible links that hold
    each role between the level below its own and the level above."""
    levels = sorted({role.level for role in ladder.roles})
    if len(levels) < 2:
        return []
    names = {name.level: name.label for name in ladder.levels}
    row = {level: f"level_{number}" for number, level in enumerate(levels)}
    lines = [f"  {row[n]}[{_mermaid_text(_level_name(n, names.get(n, '')))}]" for n in levels]
    lines.append("  " + " ~~~ ".join(row.values()))
    for role in ladder.roles:
        place = levels.index(role.level)
        if place > 0:
            lines.append(f"  {row[levels[place - 1]]} ~~~ {_mermaid_id(role.id)}")
        if place < len(levels) - 1:
            lines.append(f"  {_mermaid_id(role.id)} ~~~ {row[levels[place + 1]]}")
    return lines


def to_mermaid(ladder: Ladder) -> str:
    """A flowchart, bottom to top, with a box per track (and one per set of
    tracks sharing rungs) and an axis of levels; renders on GitHub. The
    version, licence and source, when the ladder has them, are in a comment."""
    lines = ["flowchart BT"]
    if about := _about(ladder):
        lines.append(f"  %% {_mermaid_escape(' · '.join(about))}")
    for number, (tracks, roles) in enumerate(_by_track(ladder).items()):
        indent = "  "
        if tracks:
            lines.append(f"  subgraph track_{number}[{_mermaid_text(_box_name(ladder, tracks))}]")
            indent = "    "
        lines += [f"{indent}{_mermaid_id(r.id)}[{_mermaid_text(r.title)}]" for r in roles]
        if tracks:
            lines.append("  end")
    lines += _level_axis(ladder)
    lines += [
        f"  {_mermaid_id(r.id)} {_MERMAID_LINKS[move.kind]} {_mermaid_id(move.to)}"
        for r in ladder.roles
        for move in r.moves
    ]
    return "\n".join(lines) + "\n"


def _dot_escape(text: str) -> str:
    """Ladder text inside a DOT string: quotes and backslashes escaped, line
    breaks as DOT's own `\\n`."""
    return escape_controls(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _dot_text(text: str) -> str:
    return f'"{_dot_escape(text)}"'


def _dot_level_node(level: int) -> str:
    # A space keeps these apart from role ids, which are kebab-case.
    return _dot_text(f"level {level}")


def to_dot(ladder: Ladder) -> str:
    """A Graphviz digraph, bottom to top: a box (cluster) per track and one
    per set of tracks sharing rungs, and one rank per level, in order, across
    them all. A column of level names on the left holds the ranks in order,
    so that a level with no moves into it still sits above the one below.
    The graph's label holds the title, then the version, licence and source."""
    lines = [
        "digraph ladder {",
        "  newrank=true;",
        "  rankdir=BT;",
        # Straight edges: dot 2.43 fails to route curved ones between boxes of one rank.
        "  splines=ortho;",
        '  node [shape=box, style="rounded"];',
    ]
    heading = [text for text in (ladder.title, " · ".join(_about(ladder))) if text]
    if heading:
        # DOT's own line break between the lines: none can come from the ladder.
        lines += [f"  label={_dot_text(chr(10).join(heading))};", "  labelloc=t;"]
    labels = {name.level: name.label for name in ladder.levels}
    levels: dict[int, list[str]] = {}
    for role in sorted(ladder.roles, key=lambda r: r.level):
        levels.setdefault(role.level, []).append(_dot_text(role.id))
    for level in levels:
        name = f"{level} · {labels[level]}" if labels.get(level) else str(level)
        lines.append(f"  {_dot_level_node(level)} [shape=plaintext, label={_dot_text(name)}];")
    groups = _by_track(ladder)
    for number, (tracks, roles) in enumerate(groups.items()):
        indent = "  "
        if tracks:
            lines += [f"  subgraph cluster_{number} {{", f"    label={_dot_text(_box_name(ladder, tracks))};"]
            indent = "    "
        for role in roles:
            label = f'"{_dot_escape(role.title)}\\n({_dot_escape(role.id)})"'
            lines.append(f"{indent}{_dot_text(role.id)} [label={label}];")
        if tracks:
            lines.append("  }")
    for level, ids in levels.items():
        lines.append(f"  {{ rank=same; {_dot_level_node(level)}; " + " ".join(f"{i};" for i in ids) + " }")
    lines += [
        f"  {_dot_level_node(low)} -> {_dot_level_node(high)} [style=invis];"
        for low, high in pairwise(levels)
    ]
    lines += _dot_moves(ladder, [role.id for roles in groups.values() for role in roles])
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_edge(tail: str, head: str, attributes: Iterable[str]) -> str:
    listed = ", ".join(attributes)
    return f"  {_dot_text(tail)} -> {_dot_text(head)}" + (f" [{listed}]" if listed else "") + ";"


def _dot_moves(ladder: Ladder, drawn: list[str]) -> list[str]:
    """An edge per move. A move between two roles of one level (a flat edge,
    which dot lays out left to right) points from the role drawn first to
    the one drawn after, its arrow turned with `dir=back` where the move
    goes the other way, and a pair of such moves both ways is one edge with
    two arrows (drawn as the move to the right; where the kinds differ,
    labelled `apply → / ← lateral`, left to right): flat edges pointing both ways between boxes make dot's
    ordering of the boxes take minutes on a large ladder."""
    place = {role_id: number for number, role_id in enumerate(drawn)}
    kinds = {(role.id, move.to): move.kind for role in ladder.roles for move in role.moves}
    lines = []
    for role in ladder.roles:
        for move in role.moves:
            target = ladder.by_id.get(move.to)
            style = _DOT_EDGES[move.kind]
            if target is None or target.level != role.level:
                lines.append(_dot_edge(role.id, move.to, style))
                continue
            back = kinds.get((move.to, role.id))
            forward = place[role.id] <= place[move.to]
            if back is None:
                lines.append(
                    _dot_edge(
                        *((role.id, move.to) if forward else (move.to, role.id)),
                        (*style, *(() if forward else ("dir=back",))),
                    )
                )
            elif forward:
                both = style if back == move.kind else (*style[:1], f'xlabel="{move.kind} → / ← {back}"')
                lines.append(_dot_edge(role.id, move.to, (*both, "dir=both")))
    return lines
