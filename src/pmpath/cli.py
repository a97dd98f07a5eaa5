"""The command line: wires arguments to the loader, queries and renderers.

Kept thin on purpose. Rich is never imported here; human output goes through
`output.print_human`, which imports the renderers only when they are needed.
"""

from __future__ import annotations

import enum
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from pmpath import __version__, queries, routes, serialize
from pmpath.errors import EXIT_DATA, PmpathError, UsageProblem
from pmpath.loader import (
    bundled_ladder_path,
    check_ladder,
    load_ladder,
    load_self_assessment,
    starter_ladder_text,
)
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
) -> None:
    """Show the route from one role to another, and what changes at each step.

    Routes follow 'next' links. The shortest route is shown; among equally
    short routes, the one taking earlier 'next' entries wins. No route: exit 1.

    Examples:

      pmpath path apm director

      pmpath path engineer cpo --all

      pmpath path pm vp --json | jq -r '.steps[].id'
    """
    ladder = _ladder(ctx)
    start, goal = queries.resolve_role(ladder, from_role), queries.resolve_role(ladder, to_role)
    if all_:
        result = serialize.routes_result(ladder, start, goal, routes.all_routes(ladder, start, goal))
        if json_:
            write_stdout(serialize.dumps(result))
        else:
            print_human(lambda render: render.routes_view(result), no_color)
        return
    found = serialize.path_result(ladder, routes.shortest_route(ladder, start, goal))
    if json_:
        write_stdout(serialize.dumps(found))
    else:
        print_human(lambda render: render.path_view(found["steps"]), no_color)


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
) -> None:
    """Draw the ladder as a tree, from its starting roles or from ROLE.

    A role reached a second time is shown once and referred to after that.

    Examples:

      pmpath tree

      pmpath tree senior

      pmpath tree --json | jq '.[0].children'
    """
    ladder = _ladder(ctx)
    root = queries.resolve_role(ladder, role) if role is not None else None
    nodes = routes.tree(ladder, root)
    if json_:
        try:
            text = serialize.dumps(serialize.tree_nodes(nodes))
        except RecursionError:
            raise PmpathError("this ladder is too deep to print as a nested tree") from None
        write_stdout(text)
        return
    print_human(lambda render: render.tree_view(ladder, nodes), no_color)


@app.command()
@reports_errors
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Words to look for (case does not matter).")],
    json_: JsonFlag = False,
    no_color: NoColorFlag = False,
) -> None:
    """Find roles whose titles, aliases, summaries, responsibilities, readiness
    signals or competency expectations mention TEXT.

    No role matching is exit 1 (like grep), with [] under --json.

    Examples:

      pmpath search mentor

      pmpath search "roadmap" --json | jq -r '.[].id'
    """
    ladder = _ladder(ctx)
    hits = queries.search(ladder, text)
    if json_:
        write_stdout(serialize.dumps(serialize.search_hits(hits)))
    elif hits:
        print_human(lambda render: render.search_view(text, hits), no_color)
    else:
        print_message(f"No role mentions '{text}'.")
    if not hits:
        raise typer.Exit(EXIT_DATA)


def _gap_route(ladder: Ladder, start: Role | None, goal: Role) -> list[Role]:
    return routes.shortest_route(ladder, start, goal) if start is not None else [goal]


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
) -> None:
    """What you must grow to get from FROM to TO: competency by competency, and
    the readiness signals of each rung on the way.

    With --me FILE, start from your own levels instead of FROM's, and see how
    ready you are for TO: the levels you have (each counted up to the level
    TO needs) as a percentage of the levels TO needs.

    Examples:

      pmpath gap pm director

      pmpath gap --me my-levels.yaml senior
    """
    expected = 1 if me is not None else 2
    if len(roles_) != expected:
        raise UsageProblem("give TO with --me, or FROM and TO without it" if me else "give FROM and TO")
    ladder = _ladder(ctx)
    goal = queries.resolve_role(ladder, roles_[-1])
    if me is None:
        start: Role | None = queries.resolve_role(ladder, roles_[0])
        result = routes.gap(ladder, _gap_route(ladder, start, goal))
    else:
        if not ladder.competencies:
            raise PmpathError("this ladder defines no competencies, so there is nothing to assess")
        assessment = load_self_assessment(me, ladder)
        start = ladder.role(assessment.role) if assessment.role else None
        result = routes.gap(ladder, _gap_route(ladder, start, goal), assessment.levels)
    data = serialize.gap_result(result, start.id if start else None, assessed=me is not None)
    if json_:
        write_stdout(serialize.dumps(data))
    else:
        print_human(lambda render: render.gap_view(ladder, data), no_color)


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
) -> None:
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
    ladder = _ladder(ctx)
    if not ladder.competencies:
        raise PmpathError("this ladder defines no competencies, so there is nothing to assess")
    goal = queries.resolve_role(ladder, to_role)
    start = queries.resolve_role(ladder, from_role) if from_role else None
    route = _gap_route(ladder, start, goal)

    from rich.console import Console

    from pmpath import interactive
    from pmpath.export import self_assessment_yaml

    console = Console(no_color=no_color or None, highlight=False)
    levels = interactive.ask_levels(console, ladder, goal)
    data = serialize.gap_result(routes.gap(ladder, route, levels), start.id if start else None, assessed=True)
    print_human(lambda render: render.gap_view(ladder, data), no_color)
    target = str(save) if save else interactive.ask_save_path(console, "my-levels.yaml")
    if target:
        _write_file(Path(target), self_assessment_yaml(start.id if start else None, levels))
        print_message(f"Saved to {target}. Next time: pmpath gap --me {target} {goal.id}")


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
) -> None:
    """Export the whole ladder: a wiki page, a diagram, a spreadsheet or data.

    markdown: a wiki-ready page. mermaid: a flowchart that renders on GitHub.
    dot: for Graphviz. csv: one row per role. json: the role objects of
    'show --json'. yaml: a ladder file that loads back unchanged.

    Examples:

      pmpath export -f markdown -o LADDER.md

      pmpath export -f dot | dot -Tsvg > ladder.svg
    """
    from pmpath.export import FORMATS

    text = FORMATS[format_.value](_ladder(ctx))
    if output is None:
        write_stdout(text)
    else:
        _write_file(output, text)
        print_message(f"Wrote {output}")


def _write_file(path: Path, text: str) -> None:
    if path.is_dir():
        raise PmpathError(f"{path} is a directory; give a file name")
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise PmpathError(f"cannot write {path}: {error.strerror or error}") from None


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
    if path.exists() and not path.is_dir() and not force:
        raise PmpathError(f"{path} already exists; use --force to overwrite it")
    _write_file(path, text)
    print_message(f"Wrote {path}. Try: pmpath --ladder {path} list")


def main() -> None:
    """Console-script entry point."""
    app(prog_name="pmpath")
