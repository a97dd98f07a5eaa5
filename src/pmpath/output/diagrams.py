"""The ladder as a graph: Mermaid (renders on GitHub) and Graphviz DOT.

Each format has one escaping function for ladder text (`_mermaid_text`,
`_dot_text`); every label goes through it.
"""

from __future__ import annotations

from pmpath.ladder.model import Ladder, Role
from pmpath.output.escape import escape_controls


def _mermaid_id(role_id: str) -> str:
    # Prefixed so that ids such as `end` cannot collide with Mermaid keywords.
    return "r_" + role_id.replace("-", "_")


# Mermaid decodes `#name;` entities in labels, so `#` itself is written as an
# entity first; then nothing a ladder writes can form one. `%` (comments and
# `%%{init}%%` directives), backticks (Markdown strings, and the fence of a
# Markdown page around the diagram), quotes and tags become entities too.
_MERMAID_ENTITIES = {"#": "#35;", '"': "#quot;", "%": "#37;", "`": "#96;", "<": "#lt;", ">": "#gt;"}


def _mermaid_text(text: str) -> str:
    one_line = " ".join(escape_controls(text).split())
    return '"' + "".join(_MERMAID_ENTITIES.get(char, char) for char in one_line) + '"'


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
