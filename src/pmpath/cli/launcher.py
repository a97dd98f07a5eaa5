"""The `pmpath` entry point, with a fast path for the commonest calls.

pmpath starts on every command and on every TAB of shell completion, and
importing Typer alone takes about 50 ms on a 2-core machine: more than the
whole floor of a Python program that reads YAML (`import yaml, json`). So the
simplest and most frequent shapes of call are parsed here, in a few lines,
and sent straight to `commands`:

    pmpath [--ladder PATH] list|show|next|compare|path|tree|search ARGS [--json] [--no-color] [--all]
    pmpath's bash completion request for a role argument

Anything else (help, --version, other commands or options, a wrong number of
arguments, `--`, completion of anything but a role, zsh and fish completion)
goes unchanged to the Typer app in `cli.py`, which stays the reference for
parsing, help and errors. tests/test_launcher.py runs calls through both and
checks that they print the same thing and exit with the same code.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from pmpath.errors import EXIT_INTERRUPTED, PmpathError

Call = Callable[[], int]

# Command -> (accepted numbers of positional arguments, extra flags).
FAST_COMMANDS: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    "list": ((0,), ()),
    "show": ((1,), ()),
    "next": ((1,), ()),
    "compare": ((2,), ()),
    "path": ((2,), ("--all",)),
    "tree": ((0, 1), ()),
    "search": ((1,), ()),
}
# Command -> how many of its leading positional arguments are role names.
ROLE_ARGUMENTS = {"show": 1, "next": 1, "compare": 2, "path": 2, "tree": 1, "gap": 2, "assess": 1}


def _split_global(args: list[str], environ: Mapping[str, str]) -> tuple[Path | None, list[str]] | None:
    """The ladder (from --ladder or PMPATH_LADDER) and the words after it;
    None when anything else comes before the command."""
    ladder = environ.get("PMPATH_LADDER") or None
    while args and args[0].startswith("-"):
        if args[0] == "--ladder" and len(args) > 1 and args[1]:
            ladder, args = args[1], args[2:]
        elif args[0].startswith("--ladder=") and len(args[0]) > len("--ladder="):
            ladder, args = args[0].removeprefix("--ladder="), args[1:]
        else:
            return None
    return (Path(ladder) if ladder else None), args


def fast_call(argv: list[str], environ: Mapping[str, str]) -> Call | None:
    """The command to run for argv, or None if Typer should handle it."""
    split = _split_global(argv, environ)
    if split is None or not split[1] or split[1][0] not in FAST_COMMANDS:
        return None
    ladder, (name, *words) = split
    arities, extra_flags = FAST_COMMANDS[name]
    flags = {word for word in words if word in ("--json", "--no-color", *extra_flags)}
    args = [word for word in words if word not in flags]
    if len(args) not in arities or any(arg.startswith("-") for arg in args):
        return None
    json_, no_color = "--json" in flags, "--no-color" in flags

    from pmpath.cli import commands

    calls: dict[str, Call] = {
        "list": lambda: commands.list_roles(ladder, json_, no_color),
        "show": lambda: commands.show(ladder, args[0], json_, no_color),
        "next": lambda: commands.next_(ladder, args[0], json_, no_color),
        "compare": lambda: commands.compare(ladder, args[0], args[1], json_, no_color),
        "path": lambda: commands.path(ladder, args[0], args[1], "--all" in flags, json_, no_color),
        "tree": lambda: commands.tree(ladder, args[0] if args else None, json_, no_color),
        "search": lambda: commands.search(ladder, args[0], json_, no_color),
    }
    return calls[name]


def fast_completion(environ: Mapping[str, str]) -> Call | None:
    """Answer bash's request to complete a role argument, or None."""
    if environ.get("_PMPATH_COMPLETE") != "complete_bash":
        return None
    try:
        words = shlex.split(environ["COMP_WORDS"])
        cursor = int(environ["COMP_CWORD"])
    except (KeyError, ValueError):
        return None
    incomplete = words[cursor] if cursor < len(words) else ""
    split = _split_global(words[1:cursor], environ)
    if split is None or not split[1] or incomplete.startswith("-"):
        return None
    ladder, (name, *done) = split
    if any(word.startswith("-") for word in done) or len(done) >= ROLE_ARGUMENTS.get(name, 0):
        return None

    def complete() -> int:
        from pmpath.cli.commands import role_completions
        from pmpath.output.terminal import write_stdout

        write_stdout("\n".join(value for value, _ in role_completions(ladder, incomplete)) + "\n")
        return 0

    return complete


def run(call: Call) -> int:
    from pmpath.output.terminal import print_error

    try:
        return call()
    except PmpathError as error:
        print_error(error)
        return error.exit_code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def main() -> None:
    environ = os.environ
    call = fast_completion(environ) if "_PMPATH_COMPLETE" in environ else fast_call(sys.argv[1:], environ)
    if call is None:
        from pmpath.cli.app import main as typer_main

        typer_main()
        return
    sys.exit(run(call))
