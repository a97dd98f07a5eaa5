"""`pmpath assess`: ask a person for their competency levels with Rich prompts.

Ladder text shown in a prompt goes through the same escaping as every other
human output.
"""

from __future__ import annotations

from rich.prompt import Confirm, Prompt
from rich.text import Text

from pmpath.ladder.model import Ladder, Role
from pmpath.output.escape import inert_copy
from pmpath.output.terminal import make_console


def ask_levels(ladder: Ladder, goal: Role, no_color: bool) -> dict[str, int]:
    """One question per competency, answered with a level of the scale."""
    console = make_console(no_color)
    safe_goal, scale, competencies = inert_copy((goal, ladder.scale, ladder.competencies))
    console.print(Text(f"Rate yourself on each competency for {safe_goal.title}.", "bold"))
    if scale:
        console.print(Text("Scale: " + "  ".join(f"{s.level} {s.name}" for s in scale), "dim"))
    choices = [str(s.level) for s in scale] or None
    levels: dict[str, int] = {}
    for competency, original in zip(competencies, ladder.competencies, strict=True):
        target = safe_goal.competencies.get(competency.id)
        if target and target.expectation:
            console.print(Text(f"  As {safe_goal.title}: {target.expectation}", "dim"))
        while True:
            answer = Prompt.ask(Text(competency.name), console=console, choices=choices)
            if answer.strip().lstrip("-").isdigit():
                break
            console.print("Please answer with a whole number.")
        levels[original.id] = int(answer)
    return levels


def ask_save_path(default: str, no_color: bool) -> str | None:
    console = make_console(no_color)
    if not Confirm.ask("Save these levels to a file for next time?", console=console, default=False):
        return None
    return Prompt.ask("File name", console=console, default=default)
