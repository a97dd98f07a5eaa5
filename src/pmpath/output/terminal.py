"""Writing results and errors. Rich is imported only inside `print_human`,
so the `--json` path and shell completion never pay for it."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from pmpath.errors import EXIT_PIPE_CLOSED, LadderError, PmpathError
from pmpath.output.escape import escape_controls

if TYPE_CHECKING:
    from types import ModuleType

    from rich.console import RenderableType


class PipeClosed(PmpathError):
    """The reader of stdout went away (`pmpath list | head -1`)."""

    exit_code = EXIT_PIPE_CLOSED


def write_stdout(text: str) -> None:
    """Write a whole result at once, so an error never leaves half of one."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Point stdout at devnull so the interpreter's final flush is quiet.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        raise PipeClosed() from None


def print_error(error: PmpathError) -> None:
    if isinstance(error, PipeClosed):
        return
    if isinstance(error, LadderError):
        lines = [p.format(error.filename) for p in error.problems]
    else:
        lines = [f"pmpath: error: {error}"]
    sys.stderr.write(escape_controls("\n".join(lines)) + "\n")
    sys.stderr.flush()


def print_message(message: str) -> None:
    """A note for the person, not a result: stderr."""
    sys.stderr.write(escape_controls(message) + "\n")


def color_enabled(no_color_flag: bool) -> bool:
    if no_color_flag or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def print_human(view: Callable[[ModuleType], RenderableType], no_color: bool) -> None:
    """Render `view(pmpath.output.render)` with Rich into a string, then write it in
    one piece. The renderers are passed in so that importing them (and Rich)
    happens here, on the human path only."""
    from rich.console import Console

    from pmpath.output import render

    console = Console(
        file=sys.stdout,
        color_system="auto" if color_enabled(no_color) else None,
        highlight=False,
        markup=False,
        emoji=False,
    )
    with console.capture() as captured:
        console.print(view(render))
    write_stdout(captured.get())
