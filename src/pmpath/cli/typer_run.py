"""Running the Typer app: the reference for parsing, help and errors, for
every call the launcher's fast path leaves to it.

It runs outside Typer's standalone mode, in which Typer prints usage errors
itself, in a box and with the user's words raw (it escapes C0 and C1
controls, not bidirectional overrides). Here they come back as exceptions and
leave as pmpath's own errors, printed by `launcher.run` like every other:

    pmpath: error: No such option: --jsn
    Try 'pmpath show --help' for help.

escaped for the terminal, exit 2. Help and --version exit 0, and Ctrl-D at a
prompt (`assess`) exits 1.

Completion requests Typer cannot read get no answer at all: exit 0 with
nothing on stdout or stderr, which a shell takes as no candidates (a message
would land in the middle of the person's command line). They are an unknown
`_PMPATH_COMPLETE` instruction, and bash's without COMP_WORDS or with a
COMP_CWORD that is not a number.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Mapping
from typing import Any, TextIO, cast

from typer import Abort
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError

from pmpath.cli import grammar
from pmpath.cli.app import app
from pmpath.cli.launcher import bash_cursor
from pmpath.cli.shells import with_shell_values
from pmpath.errors import EXIT_USAGE, PmpathError
from pmpath.output.terminal import cannot_write, color_enabled, configure, strip_line_ends

# The shells whose completion requests Typer answers.
_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def run_app() -> int:
    """Run the Typer app on sys.argv and return its exit code; raise its
    usage errors as pmpath's errors."""
    if typer_cannot_answer(os.environ):
        return 0  # no candidates, and no traceback in the middle of a command line
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = cast(TextIO, _Guarded(stdout, strip=True)), cast(TextIO, _Guarded(stderr))
    try:
        with _help_follows_colour(sys.argv[1:]):
            result = app(args=with_shell_values(sys.argv[1:]), prog_name="pmpath", standalone_mode=False)
    except NoArgsIsHelpError:
        return EXIT_USAGE  # it has printed the help
    except ClickException as error:
        raise _click_error(error) from None
    except Abort:  # end of input at a prompt (Ctrl-D); Typer has ended the line
        raise PmpathError("aborted: the input ended") from None
    finally:
        sys.stdout, sys.stderr = stdout, stderr
    # Help, --version and typer.Exit give their code; a finished command None.
    return result if isinstance(result, int) else 0


@contextlib.contextmanager
def _help_follows_colour(args: list[str]) -> Iterator[None]:
    """Typer draws help with a console of its own: make it follow --color
    and --no-color as pmpath's output does. Help is eager, so it may come
    before the callback that reads --color."""
    from typer import rich_utils

    words = args[: args.index("--")] if "--" in args else args
    color = "auto"
    for index, word in enumerate(words):
        name, equals, value = word.partition("=")
        if name == "--color":
            color = value if equals else (words[index + 1 : index + 2] or ["auto"])[0]
    configure(color if color in ("always", "never") else "auto")
    saved = rich_utils.FORCE_TERMINAL
    rich_utils.FORCE_TERMINAL = color_enabled("--no-color" in words)
    try:
        yield
    finally:
        rich_utils.FORCE_TERMINAL = saved


def _click_error(error: ClickException) -> PmpathError:
    """A usage error as pmpath prints every error: `pmpath: error: MESSAGE`,
    then where to find help (printing shows newlines in the message as \\n,
    so that no input can start a line of its own)."""
    problem = PmpathError(error.format_message())
    problem.exit_code = error.exit_code
    if isinstance(error, UsageError):
        command = error.ctx.command_path if error.ctx else "pmpath"
        problem.hint = f"Try '{command} --help' for help."
    return problem


def typer_cannot_answer(environ: Mapping[str, str]) -> bool:
    """Whether this is a completion request that Typer cannot read: an unknown
    instruction, or bash's without its words or a number for its cursor (Typer
    indexes them and calls int() unguarded). zsh, fish and PowerShell read
    their variables with defaults, so any values do."""
    instruction = environ.get(grammar.COMPLETE_VAR)
    if not instruction:
        return False  # no request at all, as Typer reads an empty value
    action, _, shell = instruction.partition("_")
    if action not in ("complete", "source") or shell not in _SHELLS:
        return True
    return action == "complete" and shell == "bash" and bash_cursor(environ) is None


class _Guarded:
    """sys.stdout or sys.stderr while Typer runs. Click, and Rich when it
    prints help, turn a BrokenPipeError into exit 1
    (`pmpath --help | true`); PipeClosed is not an OSError, so it passes
    through both to `run`."""

    def __init__(self, stream: TextIO, strip: bool = False) -> None:
        self._stream = stream
        self._strip = strip

    def write(self, text: str) -> int:
        # Rich pads help out to the width; whole lines lose those spaces, as
        # pmpath's own output does (a prompt, which ends in a space, is no line).
        shown = strip_line_ends(text) if self._strip and text.endswith("\n") else text
        try:
            self._stream.write(shown)
        except OSError as error:  # a closed pipe, a full disk
            raise cannot_write(error) from None
        return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            raise cannot_write(error) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
