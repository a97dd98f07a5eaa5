"""The command line as Typer sees it: arguments, options, help and completion.

Kept thin on purpose: each command parses its arguments and calls the
function of the same name in `commands.py`. The common calls do not even get
here: `launcher.py` answers them without importing Typer (see its docstring).
"""

from __future__ import annotations

import enum
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from pmpath import __version__
from pmpath.cli import commands
from pmpath.errors import PmpathError, UsageProblem
from pmpath.output.terminal import print_error, write_stdout
from pmpath.queries import routes

EXIT_CODES = (
    "Exit codes: 0 success; 1 the ladder file is invalid or the question has no answer; "
    "2 usage error, including a role name that matches nothing; 130 interrupted; "
    "141 the output pipe was closed early."
)

app = typer.Typer(
    name="pmpath",
    help="Explore a product-management career ladder: every rung, what it takes, and where it leads.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(command: F) -> F:
    """Turn a command's exit code, and pmpath's own errors (as a stderr
    message), into the process's exit code."""

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


def _ladder_path(ctx: typer.Context) -> Path | None:
    value = ctx.find_root().params.get("ladder")
    return Path(value) if value else None


def complete_role(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Role ids and aliases for shell completion, with titles as help."""
    return commands.role_completions(_ladder_path(ctx), incomplete)


RoleArg = Annotated[
    str,
    typer.Argument(
        metavar="ROLE",
        help="An id, alias or title, or a unique prefix of an id or alias.",
        autocompletion=complete_role,
        show_default=False,
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON instead of tables.")]
NoColorFlag = Annotated[
    bool, typer.Option("--no-color", help="Never colour the output (NO_COLOR works too).")
]


def _version(value: bool) -> None:
    if value:
        write_stdout(f"pmpath {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    ladder: Annotated[
        Path | None,
        typer.Option(
            "--ladder",
            envvar="PMPATH_LADDER",
            help="Ladder YAML file to use instead of the bundled one.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", help="Print the version and exit.", callback=_version, is_eager=True),
    ] = False,
) -> None:
    """Explore a product-management career ladder: every rung, what it takes, and where it leads.

    Run 'pmpath COMMAND --help' for examples. Add --json to any command for scripts.
    """


@app.command("list")
@reports_errors
def list_roles(ctx: typer.Context, json_: JsonFlag = False, no_color: NoColorFlag = False) -> int:
    """List every role on the ladder, in ladder order.

    Examples:

      pmpath list

      pmpath list --json | jq -r '.[].title'
    """
    return commands.list_roles(_ladder_path(ctx), json_, no_color)


@app.command()
@reports_errors
def show(ctx: typer.Context, role: RoleArg, json_: JsonFlag = False, no_color: NoColorFlag = False) -> int:
    """Show one role in depth: what it does, what it takes, where it leads.

    Examples:

      pmpath show senior

      pmpath show "Director of Product" --json
    """
    return commands.show(_ladder_path(ctx), role, json_, no_color)


@app.command("next")
@reports_errors
def next_(ctx: typer.Context, role: RoleArg, json_: JsonFlag = False, no_color: NoColorFlag = False) -> int:
    """Show where a role leads, and the signals that you are ready to move.

    Examples:

      pmpath next apm

      pmpath next pm --json | jq -r '.next[].id'
    """
    return commands.next_(_ladder_path(ctx), role, json_, no_color)


@app.command()
@reports_errors
def compare(
    ctx: typer.Context,
    role_a: RoleArg,
    role_b: RoleArg,
    json_: JsonFlag = False,
    no_color: NoColorFlag = False,
) -> int:
    """Compare two roles side by side: level, scope, responsibilities, competencies.

    Examples:

      pmpath compare apm pm

      pmpath compare senior director --json | jq '.competencies'
    """
    return commands.compare(_ladder_path(ctx), role_a, role_b, json_, no_color)


@app.command()
@reports_errors
def path(
    ctx: typer.Context,
    from_role: Annotated[
        str, typer.Argument(metavar="FROM", help="Where you start.", autocompletion=complete_role)
    ],
    to_role: Annotated[
        str, typer.Argument(metavar="TO", help="Where you want to be.", autocompletion=complete_role)
    ],
    all_: Annotated[
        bool,
        typer.Option("--all", help=f"List every route that repeats no role (at most {routes.MAX_ROUTES})."),
    ] = False,
    json_: JsonFlag = False,
    no_color: NoColorFlag = False,
) -> int:
    """Show the route from one role to another, and what changes at each step.

    Routes follow 'next' links. The shortest route is shown; among equally
    short routes, the one taking earlier 'next' entries wins. No route: exit 1.

    Examples:

      pmpath path apm director

      pmpath path engineer cpo --all

      pmpath path pm vp --json | jq -r '.steps[].id'
    """
    return commands.path(_ladder_path(ctx), from_role, to_role, all_, json_, no_color)


@app.command()
@reports_errors
def tree(
    ctx: typer.Context,
    role: Annotated[
        str | None,
        typer.Argument(
            metavar="[ROLE]",
            help="Start from this role instead of the ladder's starting roles.",
            autocompletion=complete_role,
            show_default=False,
        ),
    ] = None,
    json_: JsonFlag = False,
    no_color: NoColorFlag = False,
) -> int:
    """Draw the ladder as a tree, from its starting roles or from ROLE.

    A role reached a second time is shown once and referred to after that.

    Examples:

      pmpath tree

      pmpath tree senior

      pmpath tree --json | jq '.[0].children'
    """
    return commands.tree(_ladder_path(ctx), role, json_, no_color)


@app.command()
@reports_errors
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Words to look for (case does not matter).")],
    json_: JsonFlag = False,
    no_color: NoColorFlag = False,
) -> int:
    """Find roles whose titles, aliases, summaries, responsibilities, readiness
    signals or competency expectations mention TEXT.

    No role matching is exit 1 (like grep), with [] under --json.

    Examples:

      pmpath search mentor

      pmpath search "roadmap" --json | jq -r '.[].id'
    """
    return commands.search(_ladder_path(ctx), text, json_, no_color)


@app.command()
@reports_errors
def gap(
    ctx: typer.Context,
    roles_: Annotated[
        list[str],
        typer.Argument(
            metavar="[FROM] TO",
            help="FROM and TO; with --me, only TO.",
            autocompletion=complete_role,
            show_default=False,
        ),
    ],
    me: Annotated[
        Path | None,
        typer.Option(
            "--me",
            help="YAML or JSON file with your own competency levels (see 'pmpath assess').",
            show_default=False,
        ),
    ] = None,
    json_: JsonFlag = False,
    no_color: NoColorFlag = False,
) -> int:
    """What you must grow to get from FROM to TO: competency by competency, and
    the readiness signals of each rung on the way.

    With --me FILE, start from your own levels instead of FROM's, and see how
    ready you are for TO: the levels you have (each counted up to the level
    TO needs) as a percentage of the levels TO needs.

    Examples:

      pmpath gap pm director

      pmpath gap --me my-levels.yaml senior
    """
    return commands.gap(_ladder_path(ctx), roles_, me, json_, no_color)


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


@app.command()
@reports_errors
def assess(
    ctx: typer.Context,
    to_role: Annotated[
        str, typer.Argument(metavar="TO", help="The role you are aiming for.", autocompletion=complete_role)
    ],
    from_role: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="The role you hold now, to add the route's readiness signals.",
            autocompletion=complete_role,
        ),
    ] = None,
    save: Annotated[
        Path | None,
        typer.Option("--save", help="Save your answers to this file (for 'gap --me').", show_default=False),
    ] = None,
    no_color: NoColorFlag = False,
) -> int:
    """Rate yourself on each competency, then see your gap to TO.

    Asks one question per competency, so it needs a terminal; in scripts use
    'pmpath gap --me FILE TO'.

    Examples:

      pmpath assess senior --from pm --save my-levels.yaml
    """
    if not _stdin_is_terminal():
        raise UsageProblem(
            "assess asks questions and needs a terminal; in scripts use 'pmpath gap --me FILE TO'"
        )
    return commands.assess(_ladder_path(ctx), to_role, from_role, save, no_color)


class ExportFormat(str, enum.Enum):
    markdown = "markdown"
    mermaid = "mermaid"
    dot = "dot"
    csv = "csv"
    json = "json"
    yaml = "yaml"


@app.command()
@reports_errors
def export(
    ctx: typer.Context,
    format_: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
    ] = ExportFormat.markdown,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of stdout.", show_default=False),
    ] = None,
) -> int:
    """Export the whole ladder: a wiki page, a diagram, a spreadsheet or data.

    markdown: a wiki-ready page. mermaid: a flowchart that renders on GitHub.
    dot: for Graphviz. csv: one row per role. json: the role objects of
    'show --json'. yaml: a ladder file that loads back unchanged.

    Examples:

      pmpath export -f markdown -o LADDER.md

      pmpath export -f dot | dot -Tsvg > ladder.svg
    """
    return commands.export(_ladder_path(ctx), format_.value, output)


@app.command()
@reports_errors
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(help="Ladder file to check (default: the ladder in use).", show_default=False),
    ] = None,
    json_: JsonFlag = False,
) -> int:
    """Check a ladder file and report every problem as FILE:LINE: message.

    Exit 0 when the ladder is valid (warnings allowed), 1 when it is not.

    Examples:

      pmpath validate our-ladder.yaml

      pmpath validate --json | jq '.problems[] | select(.severity == "error")'
    """
    return commands.validate(_ladder_path(ctx), path, json_)


@app.command()
@reports_errors
def schema() -> int:
    """Print the JSON Schema (draft 2020-12) of the ladder file format.

    Examples:

      pmpath schema > ladder.schema.json
    """
    return commands.schema()


@app.command()
@reports_errors
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the starter ladder ('-' for stdout).")] = Path(
        "ladder.yaml"
    ),
    force: Annotated[bool, typer.Option("--force", help="Overwrite the file if it exists.")] = False,
) -> int:
    """Write a commented starter ladder that you can edit into your own.

    Examples:

      pmpath init our-ladder.yaml

      pmpath --ladder our-ladder.yaml list
    """
    return commands.init(path, force)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="pmpath")
