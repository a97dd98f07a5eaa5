"""`pmpath assess`: ask a person for their competency levels with Rich prompts."""

from __future__ import annotations

import re

from rich.console import Console
from rich.prompt import Confirm, Prompt

from pmpath.ladder.fileformat import SCALE_LEVEL_MAX, SCALE_LEVEL_MIN
from pmpath.ladder.model import Ladder, Role
from pmpath.output.render import inert

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


def ask_levels(console: Console, ladder: Ladder, goal: Role) -> dict[str, int]:
    """One question per competency, answered with a level of the scale."""
    console.print(inert(f"Rate yourself on each competency for {goal.title}.", "bold"))
    scale = "  ".join(f"{s.level} {s.name}" for s in ladder.scale)
    if scale:
        console.print(inert(f"Scale: {scale}", "dim"))
    allowed = [s.level for s in ladder.scale]
    choices = [str(level) for level in allowed] or None
    hint = f"one of {', '.join(choices)}" if choices else f"from {SCALE_LEVEL_MIN} to {SCALE_LEVEL_MAX}"
    levels: dict[str, int] = {}
    for competency in ladder.competencies:
        target = goal.competencies.get(competency.id)
        if target and target.expectation:
            console.print(inert(f"  As {goal.title}: {target.expectation}", "dim"))
        while True:
            answer = Prompt.ask(inert(competency.name), console=console, choices=choices)
            level = parse_level(answer, allowed)
            if level is not None:
                break
            console.print(f"Please answer with a whole number {hint}.")
        levels[competency.id] = level
    return levels


def ask_save_path(console: Console, default: str) -> str | None:
    if not Confirm.ask("Save these levels to a file for next time?", console=console, default=False):
        return None
    return Prompt.ask("File name", console=console, default=default)
