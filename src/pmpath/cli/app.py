"""The command line as Typer sees it: arguments, options, help and completion.

Kept thin on purpose: most commands are only a declaration (parameters and
help) of a call to the function of the same name in `commands.py` (@runs, in
options.py, with the shared declarations). The common calls do not even get
here: `launcher.py` answers them without importing Typer, by the grammar that
grammar_gen.py reads from this app.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer._click import Context
from typer._click.core import ParameterSource
from typer._click.exceptions import BadOptionUsage
from typer.core import TyperArgument, TyperGroup

from pmpath.cli import commands, grammar
from pmpath.cli.launcher import hoist_globals
from pmpath.cli.options import (
    ColorMode,
    ColorOption,
    JsonFlag,
    LadderOption,
    NoColorFlag,
    NoPagerFlag,
    PathName,
    RoleArg,
    RoleName,
    VersionFlag,
    Words,
    ladder_path,
    reports_errors,
    role_argument,
    runs,
)
from pmpath.cli.shells import InstallCompletion, ShowCompletion
from pmpath.errors import UsageProblem
from pmpath.output.terminal import configure
from pmpath.queries import routes

EXIT_CODES = (
    "Exit codes: 0 success; 1 the ladder file is invalid or the question has no answer; "
    "2 usage error, including a role name that matches nothing; 130 interrupted; "
    "141 the output pipe was closed early."
)


def _usage_metavar(self: TyperArgument, ctx: Any, *, usage: bool = False) -> str:
    """A required argument in the usage line as people write it, `ROLE`:
    Typer writes `{ROLE}`, which reads as a set or a shell brace expansion."""
    var = _TYPER_METAVAR(self, ctx, usage=usage)
    return var[1:-1] if usage and var.startswith("{") and var.endswith("}") else var


_TYPER_METAVAR = TyperArgument.make_metavar
TyperArgument.make_metavar = _usage_metavar  # type: ignore[method-assign]


class _Group(TyperGroup):
    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        # Global options given after the command go in front of it, for a
        # call and for a completion request alike.
        dangling: list[str] = []
        args = hoist_globals(args, dangling)
        if dangling and not ctx.resilient_parsing:
            raise BadOptionUsage(dangling[0], f"Option '{dangling[0]}' requires an argument.", ctx)
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_Group,
    name="pmpath",
    help="Explore a product-management career ladder: every rung, what it takes, and where it leads.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    add_completion=False,  # pmpath's own options: shells.py
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def main_options(
    ctx: typer.Context,
    ladder: LadderOption = None,
    color: ColorOption = ColorMode.auto,
    no_pager: NoPagerFlag = False,
    version: VersionFlag = False,
    install_completion: InstallCompletion = None,
    show_completion: ShowCompletion = None,
) -> None:
    """Explore a product-management career ladder: every rung, what it takes, and where it leads.

    Run 'pmpath help COMMAND' (or 'pmpath COMMAND --help') for what a
    command does and more examples. Most commands take --json for scripts
    and --no-color.

    Examples:

      pmpath list

      pmpath show senior

      pmpath next pm

      pmpath compare pm senior

      pmpath tree --ladder our-ladder.yaml
    """
    configure(color.value, pager=not no_pager)
    # Typer hands an empty --ladder over as Path("."); Click's value is the word typed.
    if ctx.params.get("ladder") == "" and ctx.get_parameter_source("ladder") == ParameterSource.COMMANDLINE:
        raise UsageProblem("--ladder needs a file name", hint="Leave --ladder out for the bundled ladder.")


@app.command("list")
@runs(commands.list_roles)
def list_roles(
    ctx: typer.Context,
    track: Annotated[
        str | None,
        typer.Option(
            "--track", metavar="TRACK", help="Only roles on this track (its id or title).", show_default=False
        ),
    ] = None,
    level: Annotated[
        str | None,
        typer.Option(
            "--level",
            metavar="LEVEL",
            help="Only roles at this level (its number, or its name from 'levels').",
            show_default=False,
        ),
    ] = None,
    json_: JsonFlag = False,
    no_color: NoColorFlag = False,
) -> None:
    """List every role on the ladder, in ladder order.

    A role that several tracks share is on each of them. A track or level the
    ladder does not have is a usage error (exit 2); when no role matches both
    filters, the list is empty ([] under --json) and the exit code is 0.

    Examples:

      pmpath list

      pmpath list --track management --level 6

      pmpath list --json | jq -r '.[].title'
    """


@app.command()
@runs(commands.show)
def show(ctx: typer.Context, role: RoleArg, json_: JsonFlag = False, no_color: NoColorFlag = False) -> None:
    """Show one role in depth: what it does, what it takes, where it leads.

    Examples:

      pmpath show senior

      pmpath show "Director of Product" --json
    """


@app.command("next")
@runs(commands.next_)
def next_(ctx: typer.Context, role: RoleArg, json_: JsonFlag = False, no_color: NoColorFlag = False) -> None:
    """Show where a role leads, by kind of move, and the signals that you are ready.

    Moves are grouped as promotions, lateral moves, apply-and-interview moves
    and ways out; each lists the signals the move asks for itself beside
    those of the role.

    Examples:

      pmpath next apm

      pmpath next pm --json | jq -r '.next[].id'
    """


@app.command()
@runs(commands.compare)
def compare(
    ctx: typer.Context,
    role_a: RoleArg,
    role_b: RoleArg,
    json_: JsonFlag = False,
    no_color: NoColorFlag = False,
) -> None:
    """Compare two roles side by side: level, scope, responsibilities, competencies.

    Any two roles compare, up, down or across; the route from A to B is shown
    when the ladder's moves lead there (under --json, 'route' lists its ids,
    [] when there is none). On a ladder described in words only, the
    statements stand side by side and readiness is not applicable
    ('readiness': null, 'readiness_applicable': false).

    Examples:

      pmpath compare apm pm

      pmpath compare senior director --json | jq '.competencies'
    """


@app.command()
@runs(commands.path)
def path(
    ctx: typer.Context,
    from_role: Annotated[str, role_argument("FROM", "Where you start.")],
    to_role: Annotated[str, role_argument("TO", "Where you want to be.")],
    all_: Annotated[
        bool,
        typer.Option(
            "--all", help=f"List every route that repeats no role, best first (at most {routes.MAX_ROUTES})."
        ),
    ] = False,
    json_: JsonFlag = False,
    no_color: NoColorFlag = False,
) -> None:
    """Show the route from one role to another, and what changes at each step.

    Routes follow 'next' links and never make two lateral moves in a row.
    The route with the fewest moves is shown; among those, the one with the
    fewest lateral and apply moves, then the one taking earlier 'next'
    entries. Each step names its kind of move and the signals to show first.
    No route: exit 1.

    Examples:

      pmpath path apm director

      pmpath path engineer cpo --all

      pmpath path pm vp --json | jq -r '.steps[].id'
    """


@app.command()
@runs(commands.tree)
def tree(
    ctx: typer.Context,
    role: Annotated[
        str | None, role_argument("[ROLE]", "Start from this role instead of the ladder's starting roles.")
    ] = None,
    json_: JsonFlag = False,
    no_color: NoColorFlag = False,
) -> None:
    """Draw the ladder as a tree, from its starting roles or from ROLE.

    Branches follow promotion, apply and exit moves; a lateral move is
    shown as a switch to that role, not as a branch. Each role is drawn
    once, as near its starting role as it can be, and referred to elsewhere.
    Roles deeper than the terminal's width allows are counted in a note
    that says how to draw them.

    Examples:

      pmpath tree

      pmpath tree senior

      pmpath tree --json | jq '.[0].children'
    """


@app.command()
@runs(commands.search)
def search(
    ctx: typer.Context,
    text: Annotated[
        list[str],
        typer.Argument(
            help="Words to look for, in any order (case does not matter); quote a phrase inside them.",
            metavar="TEXT...",
            show_default=False,
            click_type=Words(),
        ),
    ],
    json_: JsonFlag = False,
    no_color: NoColorFlag = False,
) -> None:
    """Find roles whose text mentions TEXT: titles, summaries, readiness signals, expectations...

    No role matching is exit 1 (like grep), with [] under --json.

    Examples:

      pmpath search mentor

      pmpath search "roadmap" --json | jq -r '.[].id'
    """


@app.command()
@runs(commands.match)
def match(
    ctx: typer.Context,
    text: Annotated[
        list[str],
        typer.Argument(
            help="A job title as written on a profile or a posting; its words need no quotes.",
            metavar="TITLE...",
            show_default=False,
            click_type=Words(),
        ),
    ],
    json_: JsonFlag = False,
    no_color: NoColorFlag = False,
) -> None:
    """Which roles a job title may mean, best first, each with why.

    A role fits when all the words of one of its names (id, alias, title) or
    of a title in the ladder's titles list are in TITLE; other words, such as
    a team or a domain, are set aside and shown. Case, punctuation, word
    order and abbreviations (Sr, Jr, Dir, VP, Mgr, Prod, PM) do not matter.
    No role fitting is exit 1, with [] under --json.

    Examples:

      pmpath match Head of Product

      pmpath match Sr. Product Manager, Payments

      pmpath match "Lead PM" --json | jq -r '.[].role.id'
    """


@app.command()
@runs(commands.gap)
def gap(
    ctx: typer.Context,
    roles: Annotated[list[str], role_argument("[FROM] TO", "FROM and TO; with --me, only TO.")],
    me: Annotated[
        Path | None,
        typer.Option(
            "--me",
            metavar="FILE",
            help="YAML or JSON file with your own competency levels (see 'pmpath assess').",
            show_default=False,
        ),
    ] = None,
    json_: JsonFlag = False,
    no_color: NoColorFlag = False,
) -> None:
    """What you must grow to get from FROM to TO: competency by competency, and
    the readiness signals of each rung on the way.

    With --me FILE, start from your own levels instead of FROM's: those of
    the file's latest assessment, each with its change since the one before
    (the Since column), and the readiness signals you answered yes ticked.
    Readiness is the levels you have (each counted up to the level TO needs)
    as a percentage of the levels TO needs, over the competencies you
    assessed; those you did not are listed and counted beside it, never
    taken as 0.

    FROM and TO may be any two roles. When no route leads from FROM to TO,
    the levels are still compared and no signals are listed; under --json,
    'route' is then [] and 'route_found' false. A competency either side
    does not describe, or describes in words only, counts toward nothing;
    where none has a level on both sides, 'readiness' is null and
    'readiness_applicable' false.

    Examples:

      pmpath gap pm director

      pmpath gap --me my-levels.yaml senior
    """


@app.command()
@runs(commands.progress)
def progress(
    ctx: typer.Context,
    me: Annotated[
        Path,
        typer.Option(
            "--me",
            metavar="FILE",
            help="YAML or JSON file of your dated assessments (see 'pmpath assess').",
            show_default=False,
        ),
    ],
    json_: JsonFlag = False,
    no_color: NoColorFlag = False,
) -> None:
    """Your levels over time: each competency across the assessments in
    FILE, as a table with a small chart, and the readiness signals you have
    met so far (answered yes; the latest answer counts).

    Examples:

      pmpath progress --me my-levels.yaml

      pmpath progress --me my-levels.yaml --json
    """


def _stdin_is_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


@app.command()
@reports_errors
def assess(
    ctx: typer.Context,
    to_role: Annotated[str, role_argument("TO", "The role you are aiming for.")],
    from_role: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="ROLE",
            help="The role you hold now, to ask the route's readiness signals "
            "(default: the role in the --save file's latest assessment, else asked).",
            click_type=RoleName(),
        ),
    ] = None,
    save: Annotated[
        Path | None,
        typer.Option(
            "--save",
            metavar="FILE",
            help="Add this assessment to this file, creating it if absent; earlier ones are kept.",
            show_default=False,
        ),
    ] = None,
    no_color: NoColorFlag = False,
) -> int:
    """Rate yourself on each competency, answer the readiness signals of the
    move, then see your gap to TO.

    For each competency, shows the scale's steps and what TO expects; answer
    with a step's number or name, 'skip' (or 'not sure'), or 'back' to redo
    the previous question. The answers are added, dated today, to the file
    you name: earlier assessments in it are kept, never replaced, and the
    file is checked before the first question so that no answer is lost.

    Asks questions, so it needs a terminal; in scripts use
    'pmpath gap --me FILE TO'.

    Examples:

      pmpath assess senior --from pm --save my-levels.yaml
    """
    if not _stdin_is_terminal():
        raise UsageProblem(
            "assess asks questions and needs a terminal; in scripts use 'pmpath gap --me FILE TO'"
        )
    return commands.assess(ladder_path(ctx), to_role, from_role, save, no_color)


@app.command()
@runs(commands.plan)
def plan(
    ctx: typer.Context,
    to_role: Annotated[str, role_argument("TO", "The role you are aiming for.")],
    me: Annotated[
        Path,
        typer.Option(
            "--me",
            metavar="FILE",
            help="YAML or JSON file with your own competency levels (see 'pmpath assess').",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the plan as Markdown to this file, overwriting it if it exists ('-' for stdout).",
            show_default=False,
        ),
    ] = None,
    json_: JsonFlag = False,
    no_color: NoColorFlag = False,
) -> None:
    """A growth plan toward TO, to take to your manager: the route from the
    role your --me file names, one to three focus areas, and the readiness
    signals to collect evidence for.

    The focus areas are the competencies where your level is furthest below
    the level TO asks for: at most three, the largest gap first, equal gaps
    in the ladder's order of competencies. Only competencies you assessed
    and TO gives a level count; the others are listed as not assessed,
    never counted as 0. Each focus area shows what TO does at that level,
    its examples and its not-yet signs.

    -o FILE writes Markdown that is safe to share whatever the ladder says
    (its text never becomes Markdown syntax), and overwrites FILE like
    'export -o'; -o - prints the Markdown. --json and -o do not go together.

    Examples:

      pmpath plan senior --me my-levels.yaml

      pmpath plan senior --me my-levels.yaml -o plan.md

      pmpath plan director --me my-levels.yaml --json | jq '.focus[].competency.name'
    """


@app.command()
@runs(commands.info)
def info(ctx: typer.Context, json_: JsonFlag = False, no_color: NoColorFlag = False) -> None:
    """Describe the ladder in use: its title, version, source and licence,
    the file it comes from, and how many roles, tracks, levels, areas and
    competencies it has.

    Examples:

      pmpath info

      pmpath --ladder our-ladder.yaml info --json | jq .counts
    """


@app.command()
@runs(commands.competencies)
def competencies(ctx: typer.Context, json_: JsonFlag = False, no_color: NoColorFlag = False) -> None:
    """Show the ladder's areas, each competency with its id, name and
    description, and the scale with what each step means.

    A --me file rates you by these competency ids.

    Examples:

      pmpath competencies

      pmpath competencies --json | jq -r '.areas[].competencies[].id, .ungrouped[].id'
    """


class ExportFormat(str, enum.Enum):
    markdown = "markdown"
    mermaid = "mermaid"
    dot = "dot"
    csv = "csv"
    json = "json"
    yaml = "yaml"
    html = "html"


class CsvLayout(str, enum.Enum):
    wide = "wide"
    long = "long"


@app.command()
@reports_errors
def export(
    ctx: typer.Context,
    format_: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=(
                "Output format: markdown, mermaid, dot, csv, json, yaml or html "
                "(default: from the -o file's extension, else markdown)."
            ),
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file instead of stdout ('-' for stdout).",
            show_default=False,
        ),
    ] = None,
    layout: Annotated[
        CsvLayout | None,
        typer.Option(
            "--layout",
            metavar="LAYOUT",
            help="CSV only: wide (one row per role, default) or long (one row per role and competency).",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the -o file if it exists.")] = False,
) -> int:
    """Export the whole ladder: a wiki or web page, a diagram, a spreadsheet or data.

    markdown: a wiki-ready page. mermaid: a flowchart that renders on GitHub.
    dot: for Graphviz, a box per track and a rank per level. csv: one row per
    role (competency columns named competency:ID), or with --layout long one
    row per role and competency with its statements. json and yaml: the
    ladder file itself, which loads back unchanged. html: one self-contained
    web page with an overview diagram, a competency matrix and every role; it
    loads nothing and shows any ladder text as text.

    With -o and no -f, the file's extension gives the format: .md .markdown
    .mmd .mermaid .dot .gv .csv .json .yaml .yml .html .htm. An existing file
    is kept unless --force is given; the ladder being read is never
    overwritten. Exit 2 when -f and the extension disagree, the extension is
    unknown, or -o names the ladder itself; exit 1 when the file exists or
    cannot be written.

    Examples:

      pmpath export -o LADDER.md

      pmpath export -f csv --layout long -o ratings.csv

      pmpath export -f dot | dot -Tsvg > ladder.svg

      pmpath export -f html -o ladder.html
    """
    return commands.export(
        ladder_path(ctx),
        format_.value if format_ else None,
        output,
        layout.value if layout else None,
        force,
    )


class DiffFormat(str, enum.Enum):
    markdown = "markdown"


def _side(metavar: str, help: str) -> Any:
    return typer.Argument(metavar=metavar, help=help, show_default=False, click_type=PathName())


@app.command()
@runs(commands.diff)
def diff(
    old: Annotated[Path, _side("OLD", "The earlier ladder file ('-' reads it from stdin).")],
    new: Annotated[Path, _side("NEW", "The later ladder file ('-' reads it from stdin).")],
    format_: Annotated[
        DiffFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="markdown: a change announcement to share (default: tables for the terminal).",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code", help="Exit 1 when the ladders differ and 0 when they do not, as git diff does."
        ),
    ] = False,
    json_: JsonFlag = False,
    no_color: NoColorFlag = False,
) -> None:
    """What changed from one version of a ladder to another, role by role.

    Roles are matched by id: a role whose id changed is shown as removed and
    added. For each role: its title, level, track and text, the moves it
    gives (added, removed, retyped, other signals) and each competency
    (raised, lowered, reworded, added, dropped). Then the ladder's own
    metadata and its levels, tracks, areas, competencies, scale and titles.

    An invalid file gets the errors 'validate' reports (FILE:LINE: message)
    and exit 1. '--ladder' plays no part.

    Examples:

      pmpath diff old-ladder.yaml ladder.yaml

      git show HEAD~1:ladder.yaml | pmpath diff - ladder.yaml

      pmpath diff -f markdown old.yaml new.yaml > CHANGES.md
    """


@app.command()
@runs(commands.validate)
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="[PATH]",
            help="Ladder file to check (default: the ladder in use).",
            show_default=False,
            click_type=PathName(),
        ),
    ] = None,
    json_: JsonFlag = False,
) -> None:
    """Check a ladder file and report every problem as FILE:LINE: message.

    Exit 0 when the ladder is valid (warnings allowed), 1 when it is not.

    Examples:

      pmpath validate our-ladder.yaml

      pmpath validate --json | jq '.problems[] | select(.severity == "error")'
    """


@app.command()
@runs(commands.schema)
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of the ladder file format.

    Examples:

      pmpath schema > ladder.schema.json
    """


@app.command()
@runs(commands.init)
def init(
    path: Annotated[
        Path,
        typer.Argument(
            metavar="[PATH]",
            help="Where to write the starter ladder ('-' for stdout).",
            click_type=PathName(),
        ),
    ] = Path("ladder.yaml"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite the file if it exists.")] = False,
) -> None:
    """Write a commented starter ladder that you can edit into your own.

    Examples:

      pmpath init our-ladder.yaml

      pmpath --ladder our-ladder.yaml list
    """


def _command_names(incomplete: str) -> list[str]:
    return [name for name in grammar.COMPLETED_COMMANDS if name.startswith(incomplete)]


@app.command("help")
def help_(
    ctx: typer.Context,
    command: Annotated[
        str | None,
        typer.Argument(
            metavar="[COMMAND]",
            click_type=Words(),
            help="The command to describe.",
            show_default=False,
            autocompletion=_command_names,
        ),
    ] = None,
) -> None:
    """Show the help of pmpath, or of COMMAND: the same as 'pmpath COMMAND --help'.

    Examples:

      pmpath help

      pmpath help gap
    """
    top = ctx.find_root()
    group = top.command
    if command is None:
        typer.echo(group.get_help(top))
        return
    found = group.get_command(top, command) if isinstance(group, typer.core.TyperGroup) else None
    if found is None:
        raise UsageProblem(f"no command '{command}'", hint="Run 'pmpath help' for the list.")
    with found.make_context(command, [], parent=top, resilient_parsing=True) as sub:
        typer.echo(found.get_help(sub))


def _tidy_help(text: str) -> str:
    """A docstring as help: each paragraph of prose on one line, for Rich to
    wrap at the terminal's width (Typer keeps the line breaks of the source),
    and each indented line (an example) indented by two spaces, whatever the
    docstring's own indentation."""
    import inspect

    paragraphs = []
    for paragraph in inspect.cleandoc(text).split("\n\n"):
        lines = paragraph.splitlines()
        if lines and all(line[:1].isspace() for line in lines):
            paragraphs.append("\n".join("  " + line.strip() for line in lines))
        else:
            paragraphs.append(" ".join(line.strip() for line in lines))
    # Typer dedents the text after the first paragraph as a docstring, sparing
    # its first line: when that line is "Examples:", the examples lost their
    # indent. A blank line first keeps them where every command has them.
    first, *rest = paragraphs
    return first + ("\n\n\n" + "\n\n".join(rest) if rest else "")


def _tidy_all_help() -> None:
    for info in app.registered_commands:
        doc = info.help or (info.callback.__doc__ if info.callback else None)
        if doc:
            info.help = _tidy_help(doc)
            # The list of commands shows this whole (Click's plain layout
            # would cut the first paragraph at a width of its own).
            info.short_help = info.help.split("\n\n", 1)[0]
    callback = app.registered_callback
    if callback is not None and callback.callback is not None and callback.callback.__doc__:
        callback.help = _tidy_help(callback.callback.__doc__)


_tidy_all_help()
