"""`pmpath assess`: ask a person for their competency levels, and for the
readiness signals of the move they aim at, with Rich prompts.

Ladder text shown in a prompt goes through the same escaping as every other
human output.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.padding import Padding
from rich.prompt import Confirm, InvalidResponse, Prompt
from rich.table import Table
from rich.text import Text

from pmpath.errors import PmpathError
from pmpath.ladder.assessment import SignalAnswer
from pmpath.ladder.fileformat import SCALE_LEVEL_MAX, SCALE_LEVEL_MIN
from pmpath.ladder.model import Competency, Ladder, Role, ScaleLevel
from pmpath.output.escape import inert_copy
from pmpath.output.render import MET_STYLE, bullets
from pmpath.output.terminal import make_console

# ASCII digits only: str.isdigit() also accepts '²' and other digits int() refuses.
_PLAIN_INTEGER = re.compile(r"-?[0-9]{1,6}")
SKIP_WORDS = frozenset({"skip", "s", "not sure", "notsure", "not-sure", "?"})
BACK_WORDS = frozenset({"back", "b"})
YES_WORDS = frozenset({"yes", "y"})
NOT_YET_WORDS = frozenset({"not yet", "not-yet", "notyet", "no", "n"})


class _Back:
    """The answer 'back': redo the previous question."""


class _Skip:
    """The answer 'skip' or 'not sure': record nothing."""


BACK = _Back()
SKIP = _Skip()


@dataclass(frozen=True)
class Answers:
    """What a person answered: the levels given (skipped ones left out) and
    the signals answered yes or not yet, in the order asked."""

    levels: dict[str, int]
    signals: tuple[SignalAnswer, ...]


def _words(answer: str) -> str:
    return " ".join(answer.split()).casefold()


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


def parse_rating(answer: str, scale: Sequence[ScaleLevel]) -> int | _Back | _Skip | None:
    """A level (by a step's number or its name, in any case), SKIP, BACK, or
    None when the answer is none of these."""
    level = parse_level(answer, [s.level for s in scale])
    if level is not None:
        return level
    words = _words(answer)
    for step in scale:
        if _words(step.name) == words and words:
            return step.level
    if words in SKIP_WORDS:
        return SKIP
    if words in BACK_WORDS:
        return BACK
    return None


def parse_signal(answer: str) -> bool | _Back | _Skip | None:
    """True for yes, False for not yet, SKIP, BACK, or None."""
    words = _words(answer)
    if words in YES_WORDS:
        return True
    if words in NOT_YET_WORDS:
        return False
    if words in SKIP_WORDS:
        return SKIP
    if words in BACK_WORDS:
        return BACK
    return None


@contextlib.contextmanager
def fresh_line_on_interrupt() -> Iterator[None]:
    """Ctrl-C at a prompt leaves the cursor after the question: end that line,
    so the shell's prompt starts on a fresh one."""
    try:
        yield
    except KeyboardInterrupt:
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.write("\n")
            sys.stdout.flush()
        raise


def ask(ladder: Ladder, goal: Role, signals: Sequence[str], no_color: bool) -> Answers:
    """One question per competency, then one per readiness signal; 'back'
    goes to the previous question, from the signals back to the levels too."""
    console = make_console(no_color)
    safe_goal, scale, competencies, safe_signals = inert_copy(
        (goal, ladder.scale, ladder.competencies, tuple(signals))
    )
    console.print(Text(f"Rate yourself on each competency for {safe_goal.title}.", "bold"))
    console.print(
        Text(
            "Answer with a step's number or name; 'skip' or 'not sure' leaves it unrated; "
            "'back' (or 'b') goes to the previous question.",
            "dim",
        )
    )
    total = len(competencies) + len(signals)
    answers: list[int | bool | None] = [None] * total
    index = 0
    while index < total:
        number = f"({index + 1}/{total})"
        answer: int | bool | _Back | _Skip
        if index < len(competencies):
            answer = _ask_level(console, number, competencies[index], safe_goal, scale)
        else:
            if index == len(competencies):
                console.print()
                console.print(
                    Text(f"Readiness signals for the move to {safe_goal.title}: yes or not yet.", "bold")
                )
            answer = _ask_signal(console, number, safe_signals[index - len(competencies)])
        if isinstance(answer, _Back):
            if index == 0:
                console.print("This is the first question; there is nothing to go back to.")
            else:
                index -= 1
            continue
        answers[index] = None if isinstance(answer, _Skip) else answer
        index += 1
    levels = {
        c.id: level
        for c, level in zip(ladder.competencies, answers[: len(competencies)], strict=True)
        if isinstance(level, int) and not isinstance(level, bool)
    }
    said = tuple(
        SignalAnswer(signal, met)
        for signal, met in zip(signals, answers[len(competencies) :], strict=True)
        if isinstance(met, bool)
    )
    return Answers(levels, said)


def _print_scale(console: Console, scale: Sequence[ScaleLevel], needed: int | None, goal: Role) -> None:
    """Each step of the scale, the one the goal expects marked; descriptions
    in a column of their own, so that a wrapped line stays beside its step."""
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for step in scale:
        name = Text(f"{step.level} {step.name}")
        mark = Text(f"← {goal.title} expects this", MET_STYLE) if step.level == needed else Text()
        if not any(s.description for s in scale):
            console.print(Text.assemble("  ", name, "  " if mark else "", mark))
        else:
            grid.add_row(name, Text.assemble((step.description, "dim"), "  " if mark else "", mark))
    if grid.rows:
        console.print(Padding(grid, (0, 0, 0, 2), expand=False))


def _ask_level(
    console: Console, number: str, competency: Competency, goal: Role, scale: Sequence[ScaleLevel]
) -> int | _Back | _Skip:
    console.print()
    console.print(Text.assemble((number, "dim"), " ", (competency.name, "bold")))
    if competency.description:
        console.print(Text(f"  {competency.description}", "dim"))
    expected = goal.competencies.get(competency.id)
    needed = expected.level if expected else None
    _print_scale(console, scale, needed, goal)
    if not scale and needed is not None:
        console.print(Text(f"  {goal.title} expects level {needed}", MET_STYLE))
    if expected and expected.statements:
        console.print(Text(f"  As {goal.title}:", "dim"))
        console.print(Padding(bullets(expected.statements), (0, 0, 0, 4), expand=False))
    if scale:
        low, high = min(s.level for s in scale), max(s.level for s in scale)
        hint = f"{low}-{high} or a name, skip, back"
    else:
        hint = f"{SCALE_LEVEL_MIN}-{SCALE_LEVEL_MAX}, skip, back"
    while True:
        typed = Prompt.ask(Text(f"{competency.name} [{hint}]"), console=console)
        answer = parse_rating(typed, scale)
        if answer is not None:
            return answer
        console.print(f"Please answer with {hint}.")


def _ask_signal(console: Console, number: str, signal: str) -> bool | _Back | _Skip:
    console.print(Text.assemble((number, "dim"), " ", signal))
    while True:
        answer = parse_signal(
            Prompt.ask(Text("Do you show this? [yes/not yet, skip, back]"), console=console)
        )
        if answer is not None:
            return answer
        console.print("Please answer yes, not yet, skip or back.")


class _YesOrNo(Confirm):
    """Rich's yes-or-no question, taking 'yes' and 'no' too, as the signal
    questions do."""

    def process_response(self, value: str) -> bool:
        word = value.strip().lower()
        if word in ("y", "yes"):
            return True
        if word in ("n", "no"):
            return False
        if not word:
            return super().process_response(value)  # the default
        raise InvalidResponse(self.validate_error_message)


def ask_role_held(goal: Role, find: Callable[[str], Role], no_color: bool) -> Role | None:
    """The role the person holds now, named as on the command line, or None
    when they leave it empty; a name that matches no role (or several) is
    explained and asked again."""
    console = make_console(no_color)
    console.print(
        Text(
            "Which role do you hold now? It records where you start, and brings the readiness "
            f"signals of the move to {inert_copy(goal).title}. Leave it empty to skip.",
            "dim",
        )
    )
    while True:
        typed = Prompt.ask("Role held now", console=console, default="", show_default=False)
        if not typed.strip():
            return None
        try:
            return find(typed)
        except PmpathError as problem:
            console.print(Text(inert_copy(problem.in_one_line())))


def ask_save_path(default: str, check: Callable[[Path], str | None], no_color: bool) -> Path | None:
    """Where to save, if the person wants to: a file name, asked again for
    as long as `check` finds a problem with it (a directory, a file that is
    not an assessment file), so that no answer is lost to a typo."""
    console = make_console(no_color)
    if not _YesOrNo.ask("Save this assessment to a file for next time?", console=console, default=False):
        return None
    while True:
        path = Path(Prompt.ask("File name", console=console, default=default).strip()).expanduser()
        problem = check(path)
        if problem is None:
            return path
        console.print(Text(inert_copy(problem)))
        console.print("Give another file name (Ctrl-C to stop without saving).")
