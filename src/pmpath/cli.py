"""The command line: wires arguments to the loader, queries and renderers.

Kept thin on purpose. Rich is never imported here; human output goes through
`output.print_human`, which imports the renderers only when they are needed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from pmpath import __version__, queries, serialize
from pmpath.errors import EXIT_DATA, PmpathError
from pmpath.loader import bundled_ladder_path, check_ladder, load_ladder, starter_ladder_text
from pmpath.model import Ladder, Role
from pmpath.output import print_error, print_human, print_message, write_stdout
from pmpath.text import escape_controls

EXIT_CODES = (
    "Exit codes: 0 success; 1 the ladder file is invalid or the question has no answer; "
    "2 usage error, including a role name that matches nothing; 130 interrupted."
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
    """Turn pmpath's own errors into a stderr message and their exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except PmpathError as error:
            print_error(error)
            raise typer.Exit(error.exit_code) from None

    return wrapper  # type: ignore[return-value]


def _ladder_path(ctx: typer.Context) -> Path | None:
    value = ctx.find_root().params.get("ladder")
    return Path(value) if value else None


def _ladder(ctx: typer.Context) -> Ladder:
    return load_ladder(_ladder_path(ctx))


def complete_role(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Role ids and aliases for shell completion, with titles as help."""
    try:
        ladder = load_ladder(_ladder_path(ctx))
    except PmpathError:
        return []
    wanted = incomplete.casefold()
    return [
        (name, role.title)
        for role in ladder.roles
        for name in (role.id, *role.aliases)
        if name.casefold().startswith(wanted)
    ]


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


def _neighbours(ladder: Ladder, role: Role) -> tuple[list[Role], list[Role]]:
    return queries.previous_roles(ladder, role), queries.next_roles(ladder, role)


@app.command("list")
@reports_errors
def list_roles(ctx: typer.Context, json_: JsonFlag = False, no_color: NoColorFlag = False) -> None:
    """List every role on the ladder, in ladder order.

    Examples:

      pmpath list

      pmpath list --json | jq -r '.[].title'
    """
    ladder = _ladder(ctx)
    if json_:
        write_stdout(serialize.dumps(serialize.role_list(ladder)))
        return

    print_human(lambda render: render.list_view(ladder), no_color)


@app.command()
@reports_errors
def show(ctx: typer.Context, role: RoleArg, json_: JsonFlag = False, no_color: NoColorFlag = False) -> None:
    """Show one role in depth: what it does, what it takes, where it leads.

    Examples:

      pmpath show senior

      pmpath show "Director of Product" --json
    """
    ladder = _ladder(ctx)
    found = queries.resolve_role(ladder, role)
    if json_:
        write_stdout(serialize.dumps(serialize.role_detail(found)))
        return
    previous, following = _neighbours(ladder, found)

    print_human(lambda render: render.role_view(ladder, found, previous, following), no_color)


@app.command("next")
@reports_errors
def next_(ctx: typer.Context, role: RoleArg, json_: JsonFlag = False, no_color: NoColorFlag = False) -> None:
    """Show where a role leads, and the signals that you are ready to move.

    Examples:

      pmpath next apm

      pmpath next pm --json | jq -r '.next[].id'
    """
    ladder = _ladder(ctx)
    found = queries.resolve_role(ladder, role)
    following = queries.next_roles(ladder, found)
    if json_:
        write_stdout(serialize.dumps(serialize.next_steps(found, following)))
        return

    print_human(lambda render: render.next_view(found, following), no_color)


@app.command()
@reports_errors
def compare(
    ctx: typer.Context,
    role_a: RoleArg,
    role_b: RoleArg,
    json_: JsonFlag = False,
    no_color: NoColorFlag = False,
) -> None:
    """Compare two roles side by side: level, scope, responsibilities, competencies.

    Examples:

      pmpath compare apm pm

      pmpath compare senior director --json | jq '.competencies'
    """
    ladder = _ladder(ctx)
    result = queries.compare(
        ladder, queries.resolve_role(ladder, role_a), queries.resolve_role(ladder, role_b)
    )
    if json_:
        write_stdout(serialize.dumps(serialize.comparison(result)))
        return

    print_human(lambda render: render.compare_view(ladder, result), no_color)


@app.command()
@reports_errors
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(help="Ladder file to check (default: the ladder in use).", show_default=False),
    ] = None,
    json_: JsonFlag = False,
) -> None:
    """Check a ladder file and report every problem as FILE:LINE: message.

    Exit 0 when the ladder is valid (warnings allowed), 1 when it is not.

    Examples:

      pmpath validate our-ladder.yaml

      pmpath validate --json | jq '.problems[] | select(.severity == "error")'
    """
    source = path or _ladder_path(ctx) or bundled_ladder_path()
    ladder, problems = check_ladder(source, strict=True)
    report = serialize.validation(str(source), ladder, problems)
    if json_:
        write_stdout(serialize.dumps(report))
    else:
        lines = [p.format(str(source)) for p in problems]
        if report["valid"]:
            warned = f", {report['warnings']} warning(s)" if report["warnings"] else ""
            lines.append(f"{source}: valid: {report['roles']} roles{warned}")
        else:
            lines.append(f"{source}: invalid: {report['errors']} error(s), {report['warnings']} warning(s)")
        write_stdout(escape_controls("\n".join(lines)) + "\n")
    if not report["valid"]:
        raise typer.Exit(EXIT_DATA)


@app.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of the ladder file format.

    Examples:

      pmpath schema > ladder.schema.json
    """
    from pmpath.schema import ladder_schema

    write_stdout(serialize.dumps(ladder_schema()))


@app.command()
@reports_errors
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the starter ladder ('-' for stdout).")] = Path(
        "ladder.yaml"
    ),
    force: Annotated[bool, typer.Option("--force", help="Overwrite the file if it exists.")] = False,
) -> None:
    """Write a commented starter ladder that you can edit into your own.

    Examples:

      pmpath init our-ladder.yaml

      pmpath --ladder our-ladder.yaml list
    """
    text = starter_ladder_text()
    if str(path) == "-":
        write_stdout(text)
        return
    if path.is_dir():
        raise PmpathError(f"{path} is a directory; give a file name such as {path / 'ladder.yaml'}")
    if path.exists() and not force:
        raise PmpathError(f"{path} already exists; use --force to overwrite it")
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise PmpathError(f"cannot write {path}: {error.strerror or error}") from None
    print_message(f"Wrote {path}. Try: pmpath --ladder {path} list")


def main() -> None:
    """Console-script entry point."""
    app(prog_name="pmpath")
