"""`pmpath assess`: ask a person for their competency levels with Rich prompts."""

from __future__ import annotations

from rich.console import Console
from rich.prompt import Confirm, Prompt

from pmpath.ladder.model import Ladder, Role
from pmpath.output.render import inert


def ask_levels(console: Console, ladder: Ladder, goal: Role) -> dict[str, int]:
    """One question per competency, answered with a level of the scale."""
    console.print(inert(f"Rate yourself on each competency for {goal.title}.", "bold"))
    scale = "  ".join(f"{s.level} {s.name}" for s in ladder.scale)
    if scale:
        console.print(inert(f"Scale: {scale}", "dim"))
    choices = [str(s.level) for s in ladder.scale] or None
    levels: dict[str, int] = {}
    for competency in ladder.competencies:
        target = goal.competencies.get(competency.id)
        if target and target.expectation:
            console.print(inert(f"  As {goal.title}: {target.expectation}", "dim"))
        while True:
            answer = Prompt.ask(inert(competency.name), console=console, choices=choices)
            if answer.strip().lstrip("-").isdigit():
                break
            console.print("Please answer with a whole number.")
        levels[competency.id] = int(answer)
    return levels


def ask_save_path(console: Console, default: str) -> str | None:
    if not Confirm.ask("Save these levels to a file for next time?", console=console, default=False):
        return None
    return Prompt.ask("File name", console=console, default=default)
