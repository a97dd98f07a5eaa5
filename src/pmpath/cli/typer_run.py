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
import io
import os
import shutil
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TextIO, cast

from typer import Abort
from typer._click import Context, HelpFormatter
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError

from pmpath.cli import grammar
from pmpath.cli.app import app
from pmpath.cli.launcher import (
    COLOR,
    COLOR_MODES,
    GLOBAL_OPTIONS_WITH_VALUE,
    NO_PAGER,
    bash_cursor,
    hoist_globals,
)
from pmpath.cli.shells import with_shell_values
from pmpath.errors import EXIT_USAGE, PmpathError
from pmpath.output.terminal import (
    cannot_write,
    color_enabled,
    configure,
    strip_line_ends,
    write_human,
)

# The shells whose completion requests Typer answers.
_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def run_app() -> int:
    """Run the Typer app on sys.argv and return its exit code; raise its
    usage errors as pmpath's errors."""
    if typer_cannot_answer(os.environ):
        return 0  # no candidates, and no traceback in the middle of a command line
    args = with_shell_values(sys.argv[1:])
    stdout, stderr = sys.stdout, sys.stderr
    # Help is kept, then written as pmpath writes a result: whole, through the
    # pager when it is taller than the screen, and a failed write is an error.
    completing = bool(os.environ.get(grammar.COMPLETE_VAR))  # its words are not in args
    kept = io.StringIO() if not completing and _asks_for_help(args) else None
    # A completion answer is the shell's to read, as it is: PowerShell's
    # `value::: ` needs its space (an empty tooltip is refused).
    sys.stdout = cast(TextIO, kept or _Guarded(stdout, strip=not completing))
    sys.stderr = cast(TextIO, _Guarded(stderr))
    try:
        with _help_as_pmpath_prints(args):
            try:
                result = app(args=args, prog_name="pmpath", standalone_mode=False)
            except NoArgsIsHelpError as error:
                # Typer's panels are printed already; Click's plain layout is the message.
                if kept is not None and not kept.getvalue():
                    kept.write(error.format_message() + "\n")
                result = EXIT_USAGE
    except ClickException as error:
        raise _click_error(error) from None
    except Abort:  # end of input at a prompt (Ctrl-D); Typer has ended the line
        raise PmpathError("aborted: the input ended") from None
    finally:
        sys.stdout, sys.stderr = stdout, stderr
    if kept is not None:
        write_human(strip_line_ends(kept.getvalue()))
    # Help, --version and typer.Exit give their code; a finished command None.
    return result if isinstance(result, int) else 0


def _asks_for_help(args: list[str]) -> bool:
    """Whether the call prints help: no command, `pmpath help`, or -h or
    --help as an option (not as the value of one: `assess --save -h`)."""
    words = hoist_globals(args)
    words = words[: words.index("--")] if "--" in words else words
    index = 0
    while index < len(words) and words[index].startswith("-"):  # the options before the command
        if _is_help(words[index]):
            return True
        index += 2 if words[index] in GLOBAL_OPTIONS_WITH_VALUE else 1
    if index >= len(words) or words[index] == "help":
        return True
    command = grammar.COMMANDS.get(words[index])
    valued = set(command["options"]) if command else set()
    rest = iter(words[index + 1 :])
    for word in rest:
        if _is_help(word):
            return True
        if word in valued:
            next(rest, None)
    return False


def _is_help(word: str) -> bool:
    # `-hf csv` is -h and -f, as Click reads a cluster of short options.
    return word == "--help" or (word.startswith("-h") and not word.startswith("--"))


# Below this width Typer's panels cut option names and choices short (`--no-pa…`):
# Click's plain layout wraps them instead.
PANELS_MIN_WIDTH = 80


@contextlib.contextmanager
def _help_as_pmpath_prints(args: list[str]) -> Iterator[None]:
    """Typer draws help with a console of its own: make it follow --color
    and --no-color as pmpath's output does, and give up its panels where
    they would cut words. Help is eager, so it may come before the callback
    that reads --color."""
    from typer import core, rich_utils
    from typer._click import formatting

    words = args[: args.index("--")] if "--" in args else args
    color = "auto"
    for index, word in enumerate(words):
        name, equals, value = word.partition("=")
        if name == COLOR:
            color = value if equals else (words[index + 1 : index + 2] or ["auto"])[0]
    configure(color if color in COLOR_MODES else "auto", pager=NO_PAGER not in words)
    saved = (
        rich_utils.FORCE_TERMINAL,
        rich_utils.MAX_WIDTH,
        core.HAS_RICH,
        formatting.FORCED_WIDTH,
        Context.formatter_class,
    )
    # The width as Click reads it (COLUMNS when it is a width, else the
    # terminal's): Rich alone would draw nothing at COLUMNS=0.
    columns = shutil.get_terminal_size().columns
    rich_utils.FORCE_TERMINAL = color_enabled("--no-color" in words)
    rich_utils.MAX_WIDTH = columns
    core.HAS_RICH = columns >= PANELS_MIN_WIDTH
    if not core.HAS_RICH:
        formatting.FORCED_WIDTH = max(columns, 20)  # Click's own layout is never under 50
        Context.formatter_class = _NarrowHelp
    try:
        yield
    finally:
        (
            rich_utils.FORCE_TERMINAL,
            rich_utils.MAX_WIDTH,
            core.HAS_RICH,
            formatting.FORCED_WIDTH,
            Context.formatter_class,
        ) = saved


class _NarrowHelp(HelpFormatter):
    """Click's plain help, with a narrower first column: an option or a
    command longer than a quarter of the width has its text on the lines
    under it, so that the text keeps room for whole words."""

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(_whole(term), _whole(text)) for term, text in rows]
        super().write_dl(rows, min(col_max, self.width // 4), col_spacing)

    def write_text(self, text: str) -> None:
        super().write_text(_whole(text))

    def getvalue(self) -> str:
        return super().getvalue().replace(_NO_BREAK_HYPHEN, "-")


# Click wraps at hyphens (`--no-` / `color`): for the wrapping, hyphens are
# this one, which is no place to break, and they are hyphens again after.
_NO_BREAK_HYPHEN = "\u2011"


def _whole(text: str) -> str:
    return text.replace("-", _NO_BREAK_HYPHEN)


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
        # Rich pads what it prints here (assess's questions) out to the width;
        # whole lines lose those spaces, as pmpath's own output does (a
        # prompt, which ends in a space, is no line). Help is kept and stripped whole.
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
