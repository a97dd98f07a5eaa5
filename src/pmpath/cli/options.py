"""Typer declarations shared by the commands of app.py: role arguments and
their completion, the output flags, and the decorators that run a command."""

from __future__ import annotations

import enum
import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer._click import Context, Parameter
from typer._click.shell_completion import CompletionItem
from typer._click.types import StringParamType
from typer.models import TyperPath as ClickPath

from pmpath import __version__
from pmpath.cli.completion import role_candidates
from pmpath.errors import PmpathError
from pmpath.output.terminal import print_error, write_stdout

F = TypeVar("F", bound=Callable[..., Any])

# Set on a command declared with @runs: the name of the function in commands.py
# that is all it does. grammar_gen.py reads it to find the fast path's commands.
RUNS_ATTRIBUTE = "pmpath_runs"


def ladder_path(ctx: Context) -> Path | None:
    value = ctx.find_root().params.get("ladder")
    return Path(value) if value else None


class Words(StringParamType):
    """Text, as an argument's name in help says: no `<str>` beside TEXT."""

    name = "str"  # as help shows any text parameter

    def get_metavar(self, param: Parameter, ctx: Context) -> str | None:
        return ""


class PathName(ClickPath):
    """A file's path, as the argument's name in help says: no `<path>` beside it."""

    def __init__(self) -> None:
        super().__init__(path_type=Path)

    def get_metavar(self, param: Parameter, ctx: Context) -> str | None:
        return ""


class RoleName(Words):
    """Text that names a role; it completes to role ids and aliases.

    A parameter type rather than Typer's `autocompletion=`, which drops every
    candidate whose case differs from the typed word (`show SE<TAB>`)."""

    def shell_complete(self, ctx: Context, param: Parameter, incomplete: str) -> list[CompletionItem]:
        return [
            CompletionItem(name, help=title) for name, title in role_candidates(ladder_path(ctx), incomplete)
        ]


def role_argument(metavar: str, help: str, **extra: Any) -> Any:
    return typer.Argument(metavar=metavar, help=help, click_type=RoleName(), show_default=False, **extra)


RoleArg = Annotated[
    str, role_argument("ROLE", "An id, alias or title as people type it (Senior PM, sr_pm), or its start.")
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON instead of tables.")]
NoColorFlag = Annotated[
    bool, typer.Option("--no-color", help="Never colour the output, as --color never (NO_COLOR works too).")
]


def _version(ctx: Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:  # not while completing a command line
        write_stdout(f"pmpath {__version__}\n")
        raise typer.Exit()


LadderOption = Annotated[
    Path | None,
    typer.Option(
        "--ladder",
        envvar="PMPATH_LADDER",
        metavar="PATH",
        help="Ladder YAML file to use instead of the bundled one.",
        show_default=False,
    ),
]
VersionFlag = Annotated[
    bool, typer.Option("--version", help="Print the version and exit.", callback=_version, is_eager=True)
]


class ColorMode(str, enum.Enum):  # launcher.COLOR_MODES, read before Typer is imported
    auto = "auto"
    always = "always"
    never = "never"


ColorOption = Annotated[
    ColorMode,
    typer.Option(
        "--color",
        case_sensitive=False,
        help="When to colour: auto (a terminal, or FORCE_COLOR; not with NO_COLOR), always or never.",
        metavar="auto|always|never",
    ),
]
NoPagerFlag = Annotated[
    bool,
    typer.Option("--no-pager", help="Never page long output (PMPATH_PAGER, PAGER, less -FRX)."),
]


def reports_errors(command: F) -> F:
    """Turn a command's exit code, and pmpath's own errors (as a stderr
    message), into the process's exit code. `launcher.run` does the same
    around the whole program; this layer is for the Typer app on its own,
    as tests and `CliRunner` call it."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            code = command(*args, **kwargs)
        except PmpathError as error:
            print_error(error)
            raise typer.Exit(error.exit_code) from None
        if code:
            raise typer.Exit(code)

    return wrapper  # type: ignore[return-value]


def runs(target: Callable[..., int]) -> Callable[[Callable[..., None]], Callable[..., Any]]:
    """Declare a command that only calls `target` in commands.py: with the
    ladder path first if the declaration takes the Typer context, then every
    parameter in order. The declaration gives Typer the signature and help;
    its body stays empty. The fast path in launcher.py makes the same call."""

    def declare(declaration: Callable[..., None]) -> Callable[..., Any]:
        parameters = list(inspect.signature(declaration).parameters)
        takes_ladder = parameters[:1] == ["ctx"]
        names = parameters[1:] if takes_ladder else parameters
        expected = list(inspect.signature(target).parameters)[1 if takes_ladder else 0 :]
        if names != expected:
            raise TypeError(f"{declaration.__name__} declares {names}, {target.__name__} takes {expected}")

        setattr(declaration, RUNS_ATTRIBUTE, target.__name__)  # before wraps() copies it

        @functools.wraps(declaration)
        def command(**values: Any) -> int:
            ladder = [ladder_path(values["ctx"])] if takes_ladder else []
            return target(*ladder, *(values[name] for name in names))

        return reports_errors(command)

    return declare
