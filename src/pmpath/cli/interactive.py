"""`pmpath assess`: ask a person for their competency levels with Rich prompts.

Ladder text shown in a prompt goes through the same escaping as every other
human output.
"""

from __future__ import annotations

import re

from rich.prompt import Confirm, Prompt
from rich.text import Text

from pmpath.ladder.fileformat import SCALE_LEVEL_MAX, SCALE_LEVEL_MIN
from pmpath.ladder.model import Ladder, Role
from pmpath.output.escape import inert_copy
from pmpath.output.terminal import make_console

# ASCII digits only: str.isdigit() also accepts '²' and other digits int() refuses.
_PLAIN_INTEGER = re.compile(r"-?[0-9]{1,6}")


def parse_level(answer: str, scale: list[int]) -> int | None:
    """The level a person typed, or None unless it is a plain whole number
    within the allowed bounds and, when the ladder has a scale, on it."""
    text = answer.strip()
    if not _PLAIN_INTEGER.fullmatch(text):
        return None
    level = int(text)
    if not SCALE_LEVEL_MIN <= level <= SCALE_LEVEL_MAX or (scale and level not in scale):
        return None
    return level


def ask_levels(ladder: Ladder, goal: Role, no_color: bool) -> dict[str, int]:
    """One question per competency, answered with a level of the scale."""
    console = make_console(no_color)
    safe_goal, scale, competencies = inert_copy((goal, ladder.scale, ladder.competencies))
    console.print(Text(f"Rate yourself on each competency for {safe_goal.title}.", "bold"))
    if scale:
        console.print(Text("Scale: " + "  ".join(f"{s.level} {s.name}" for s in scale), "dim"))
    allowed = [s.level for s in ladder.scale]
    choices = [str(level) for level in allowed] or None
    hint = f"one of {', '.join(choices)}" if choices else f"from {SCALE_LEVEL_MIN} to {SCALE_LEVEL_MAX}"
    levels: dict[str, int] = {}
    for competency, original in zip(competencies, ladder.competencies, strict=True):
        target = safe_goal.competencies.get(competency.id)
        if target and target.expectation:
            console.print(Text(f"  As {safe_goal.title}: {target.expectation}", "dim"))
        while True:
            answer = Prompt.ask(Text(competency.name), console=console, choices=choices)
            level = parse_level(answer, allowed)
            if level is not None:
                break
            console.print(f"Please answer with a whole number {hint}.")
        levels[original.id] = level
    return levels


def ask_save_path(default: str, no_color: bool) -> str | None:
    console = make_console(no_color)
    if not Confirm.ask("Save these levels to a file for next time?", console=console, default=False):
        return None
    return Prompt.ask("File name", console=console, default=default)
