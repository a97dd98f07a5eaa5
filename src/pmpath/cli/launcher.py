"""The `pmpath` entry point, with a fast path for the commonest calls.

pmpath starts on every command and on every TAB of shell completion, and
importing Typer alone takes about 50 ms on a 2-core machine: more than the
whole floor of a Python program that reads YAML (`import yaml, json`). So the
calls whose answer is certain are parsed here and sent straight to
`commands`, by the grammar that grammar_gen.py reads out of the Typer app
(`grammar.py`):

    pmpath [--ladder PATH] COMMAND ARGS... [FLAGS...]
        for each command declared with @runs whose arguments are plain words
        and whose options are boolean flags, in any order
    bash completion of a command name or of a role argument

Anything else (help, --version, `--`, options with values or unknown, a wrong
number of arguments, other commands, zsh and fish completion) goes unchanged
to the Typer app in `app.py`, which stays the reference for parsing, help and
errors. tests/test_grammar.py runs generated calls through both and checks
that they print the same thing and exit with the same code.

Closed pipes: whatever path prints, a reader that went away means exit 141
and nothing on stderr.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TextIO, cast

from pmpath.cli import grammar
from pmpath.errors import EXIT_INTERRUPTED, PipeClosed, PmpathError

Call = Callable[[], int]


def _split_global(args: list[str], environ: Mapping[str, str]) -> tuple[str | None, list[str]] | None:
    """The ladder (from --ladder or its environment variable) and the words
    after it; None when anything else comes before the command, or when Typer
    would refuse the ladder path."""
    ladder = environ.get(grammar.LADDER_ENVVAR) or None
    while args and args[0].startswith("-"):
        name, equals, value = args[0].partition("=")
        if name not in grammar.LADDER_OPTIONS:
            return None
        if not equals:
            if len(args) < 2:
                return None
            value, args = args[1], args[1:]
        if not value:
            return None
        ladder, args = value, args[1:]
    # Typer refuses a path that exists but cannot be read, with its own message.
    if ladder is not None and os.path.exists(ladder) and not os.access(ladder, os.R_OK):
        return None
    return ladder, args


def _parse(command: dict[str, Any], words: list[str]) -> list[Any] | None:
    """The values of the command's parameters, in order, or None."""
    flags: dict[str, str] = command["flags"]
    values: dict[str, Any] = dict.fromkeys(flags.values(), False)
    positional = []
    for word in words:
        if word in flags:
            values[flags[word]] = True
        elif word.startswith("-"):
            return None
        else:
            positional.append(word)
    arguments = command["arguments"]
    required = sum(1 for _, _, is_required, _ in arguments if is_required)
    if not required <= len(positional) <= len(arguments):
        return None
    for index, (name, _, _, _) in enumerate(arguments):
        values[name] = positional[index] if index < len(positional) else None
    return [values[name] for name in command["parameters"]]


def fast_call(argv: list[str], environ: Mapping[str, str]) -> Call | None:
    """The command to run for argv, or None if Typer should handle it."""
    split = _split_global(argv, environ)
    if split is None or not split[1]:
        return None
    ladder, (name, *words) = split
    command = grammar.COMMANDS.get(name)
    if command is None or not command["fast"]:
        return None
    values = _parse(command, words)
    if values is None:
        return None
    if command["ladder"]:
        values.insert(0, Path(ladder) if ladder else None)

    def call() -> int:
        from pmpath.cli import commands

        result: int = getattr(commands, command["runs"])(*values)
        return result

    return call


def _bash_words(environ: Mapping[str, str]) -> tuple[list[str], str] | None:
    """The words before the cursor and the word under it, as Typer reads them."""
    try:
        words = shlex.split(environ["COMP_WORDS"])
        cursor = int(environ["COMP_CWORD"])
    except (KeyError, ValueError):
        return None
    incomplete = words[cursor] if cursor < len(words) else ""
    return words[1:cursor], "" if incomplete == "=" else incomplete


def _candidates(ladder: str | None, before: list[str], incomplete: str) -> Callable[[], list[str]] | None:
    """What completes `incomplete` after the words `before`, to be computed
    when called; None when Typer should answer."""
    if incomplete.startswith("-"):
        return None  # option names: Typer's (all of them start with "-")
    if not before:
        return lambda: [name for name in grammar.COMPLETED_COMMANDS if name.startswith(incomplete)]
    command = grammar.COMMANDS.get(before[0])
    if command is None:
        return None
    given = 0
    for word in before[1:]:
        if word.startswith("-") and word not in command["flags"]:
            return None  # an option value may be under the cursor: Typer's
        given += word not in command["flags"]
    arguments = command["arguments"]
    if given < len(arguments):
        kind = arguments[given][3]
    elif arguments and arguments[-1][1] == -1:  # it takes any number of words
        kind = arguments[-1][3]
    else:
        return list  # every argument is given: nothing
    if kind == "role":
        return lambda: _role_names(ladder, incomplete)
    return list if kind == "text" else None


def _role_names(ladder: str | None, incomplete: str) -> list[str]:
    from pmpath.cli.completion import role_candidates

    return [name for name, _ in role_candidates(Path(ladder) if ladder else None, incomplete)]


def fast_completion(environ: Mapping[str, str]) -> Call | None:
    """Answer bash's request to complete a command or role name, or None."""
    if environ.get(grammar.COMPLETE_VAR) != "complete_bash":
        return None
    read = _bash_words(environ)
    split = None if read is None else _split_global(read[0], environ)
    if read is None or split is None or (read[0] and read[0][-1] in grammar.LADDER_OPTIONS):
        return None  # Typer completes a ladder path after any word `--ladder`, even a value
    candidates = _candidates(split[0], split[1], read[1])
    if candidates is None:
        return None

    def complete() -> int:
        from pmpath.output.terminal import write_stdout

        write_stdout("\n".join(candidates()) + "\n")
        return 0

    return complete


class _Guarded:
    """sys.stdout or sys.stderr while Typer runs. Click, and Rich when it
    prints help or a usage error, turn a BrokenPipeError into exit 1
    (`pmpath --help | true`); PipeClosed is not an OSError, so it passes
    through both to `run`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise _pipe_closed() from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise _pipe_closed() from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _pipe_closed() -> PipeClosed:
    from pmpath.output.terminal import silence

    silence()
    return PipeClosed()


def typer_main() -> int:
    """Run the Typer app on sys.argv. It ends by raising SystemExit."""
    from pmpath.cli.app import app

    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = cast(TextIO, _Guarded(stdout)), cast(TextIO, _Guarded(stderr))
    try:
        app(prog_name="pmpath")
    finally:
        sys.stdout, sys.stderr = stdout, stderr
    return 0


def run(call: Call) -> int:
    from pmpath.output.terminal import print_error

    try:
        try:
            return call()
        except PmpathError as error:
            print_error(error)  # silent for PipeClosed
            return error.exit_code
    except BrokenPipeError:  # stderr closed, or stdout outside write_stdout
        return _pipe_closed().exit_code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def main() -> None:
    environ = os.environ
    completing = grammar.COMPLETE_VAR in environ
    call = fast_completion(environ) if completing else fast_call(sys.argv[1:], environ)
    sys.exit(run(call or typer_main))
