"""What each command does, given arguments already parsed.

`app.py` (Typer) and `launcher.py` (the fast path for common calls) both parse
arguments and call these functions, so there is one implementation of every
command. Each asks the queries for one typed result, then prints it as JSON
or hands it to a Rich view; the views, and Rich, are imported only on the
human path. Each returns the exit code; pmpath's own errors are raised as
PmpathError for the caller to report.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pmpath.cli.grammar import LADDER_ENVVAR, LADDER_OPTIONS
from pmpath.errors import EXIT_DATA, EXIT_OK, LadderError, PmpathError, UsageProblem
from pmpath.ladder.loading import load_ladder
from pmpath.ladder.model import Ladder, Role
from pmpath.output import serialize
from pmpath.output.files import write_file
from pmpath.output.terminal import print_human, print_message, write_data, write_lines, write_stdout
from pmpath.queries import names

if TYPE_CHECKING:
    import datetime
    from collections.abc import Callable

    from pmpath.cli.interactive import Answers
    from pmpath.ladder.assessment import SelfAssessment
    from pmpath.queries.gap import Gap


def _the_ladder(ladder_path: Path | None) -> Ladder:
    """The ladder a command is about: --ladder's, PMPATH_LADDER's, or the
    bundled one. A problem with the file that the variable names says so,
    as a stale variable is otherwise hard to spot."""
    try:
        return load_ladder(ladder_path)
    except LadderError as error:
        if ladder_path is not None and _named_by_the_environment(ladder_path):
            var = LADDER_ENVVAR
            error.hint = f"The ladder is the file {var} names: correct or unset {var}, or give --ladder PATH."
        raise


def _named_by_the_environment(ladder_path: Path) -> bool:
    named = os.environ.get(LADDER_ENVVAR)
    words = sys.argv[1:]
    words = words[: words.index("--")] if "--" in words else words
    given = any(word.partition("=")[0] in LADDER_OPTIONS for word in words)
    return named is not None and named != "" and Path(named) == ladder_path and not given


def list_roles(
    ladder_path: Path | None, track: str | None, level: str | None, json_: bool, no_color: bool
) -> int:
    from pmpath.queries.listing import role_list

    result = role_list(_the_ladder(ladder_path), track, level)
    if json_:
        write_stdout(serialize.dumps(serialize.role_list(result)))
    else:
        from pmpath.output import render

        print_human(render.list_view, result, no_color)
    return EXIT_OK


def show(ladder_path: Path | None, role: str, json_: bool, no_color: bool) -> int:
    ladder = _the_ladder(ladder_path)
    found = names.resolve_role(ladder, role)
    if json_:
        write_stdout(serialize.dumps(serialize.role_detail(found)))
        return EXIT_OK
    from pmpath.output import render
    from pmpath.queries.neighbours import role_page

    print_human(render.role_view, role_page(ladder, found), no_color)
    return EXIT_OK


def next_(ladder_path: Path | None, role: str, json_: bool, no_color: bool) -> int:
    from pmpath.queries.neighbours import next_steps

    ladder = _the_ladder(ladder_path)
    steps = next_steps(ladder, names.resolve_role(ladder, role))
    if json_:
        write_stdout(serialize.dumps(serialize.next_steps(steps)))
    else:
        from pmpath.output import render

        print_human(render.next_view, steps, no_color)
    return EXIT_OK


def compare(ladder_path: Path | None, role_a: str, role_b: str, json_: bool, no_color: bool) -> int:
    from pmpath.queries.compare import compare as compare_roles

    ladder = _the_ladder(ladder_path)
    result = compare_roles(ladder, names.resolve_role(ladder, role_a), names.resolve_role(ladder, role_b))
    if json_:
        write_stdout(serialize.dumps(serialize.comparison(result)))
    else:
        from pmpath.output import render

        print_human(render.compare_view, result, no_color)
    return EXIT_OK


def path(
    ladder_path: Path | None, from_role: str, to_role: str, all_: bool, json_: bool, no_color: bool
) -> int:
    from pmpath.queries import routes

    ladder = _the_ladder(ladder_path)
    start, goal = names.resolve_role(ladder, from_role), names.resolve_role(ladder, to_role)
    if all_:
        every = routes.all_routes(ladder, start, goal)
        if json_:
            write_stdout(serialize.dumps(serialize.routes_result(every)))
        else:
            from pmpath.output import render_ladder

            print_human(render_ladder.routes_view, every, no_color)
        return EXIT_OK
    route = routes.describe_route(ladder, routes.shortest_route(ladder, start, goal))
    if json_:
        write_stdout(serialize.dumps(serialize.path_result(route)))
    else:
        from pmpath.output import render_ladder

        print_human(render_ladder.path_view, route, no_color)
    return EXIT_OK


def tree(ladder_path: Path | None, role: str | None, json_: bool, no_color: bool) -> int:
    from pmpath.queries.tree import tree as grow_tree

    ladder = _the_ladder(ladder_path)
    root = names.resolve_role(ladder, role) if role is not None else None
    result = grow_tree(ladder, root)
    if json_:
        write_stdout(serialize.tree_json(result))
    else:
        from pmpath.output import render_ladder

        print_human(render_ladder.tree_view, result, no_color)
    return EXIT_OK


def search(ladder_path: Path | None, text: list[str], json_: bool, no_color: bool) -> int:
    from pmpath.queries.search import search as search_roles

    ladder = _the_ladder(ladder_path)
    result = search_roles(ladder, " ".join(text))
    if json_:
        write_stdout(serialize.dumps(serialize.search_hits(result)))
    elif result.hits:
        from pmpath.output import render_ladder

        print_human(render_ladder.search_view, result, no_color)
    else:
        print_message(f"No role mentions {result.looked_for}.")
    return EXIT_OK if result.hits else EXIT_DATA


def match(ladder_path: Path | None, text: list[str], json_: bool, no_color: bool) -> int:
    from pmpath.queries.matching import match as match_title

    result = match_title(_the_ladder(ladder_path), " ".join(text))
    if json_:
        write_stdout(serialize.dumps(serialize.match_candidates(result)))
    elif result.candidates:
        from pmpath.output import render_ladder

        print_human(render_ladder.match_view, result, no_color)
    else:
        print_message(f"No role fits the title '{result.text}'. Run 'pmpath list' to see every role.")
    return EXIT_OK if result.candidates else EXIT_DATA


def _role_id_of(ladder: Ladder) -> Callable[[str], str]:
    """How a `--me` file's role names are read: as on the command line."""
    return lambda name: names.resolve_role(ladder, name).id


def _require_competencies(ladder: Ladder) -> None:
    if not ladder.competencies:
        raise PmpathError("this ladder defines no competencies, so there is nothing to assess")


def _gap_route(ladder: Ladder, start: Role | None, goal: Role) -> tuple[Role, ...]:
    """The route to show the signals of: () when none leads there, just the
    goal when there is no start."""
    from pmpath.queries.compare import route_between

    return route_between(ladder, start, goal) if start is not None else (goal,)


def _print_gap(result: Gap, json_: bool, no_color: bool) -> None:
    if json_:
        write_stdout(serialize.dumps(serialize.gap_result(result)))
    else:
        from pmpath.output import render_ladder

        print_human(render_ladder.gap_view, result, no_color)


def gap(ladder_path: Path | None, roles: list[str], me: Path | None, json_: bool, no_color: bool) -> int:
    from pmpath.queries.gap import PreviousAssessment
    from pmpath.queries.gap import gap as gap_between

    if len(roles) != (1 if me is not None else 2):
        raise UsageProblem("give TO with --me, or FROM and TO without it" if me else "give FROM and TO")
    ladder = _the_ladder(ladder_path)
    goal = names.resolve_role(ladder, roles[-1])
    if me is None:
        start = names.resolve_role(ladder, roles[0])
        result = gap_between(ladder, start, goal, _gap_route(ladder, start, goal))
    else:
        _require_competencies(ladder)
        from pmpath.ladder.assessment import load_assessments
        from pmpath.queries.progress import signals_met

        history = load_assessments(me, ladder, _role_id_of(ladder))
        latest, before = history.latest, history.previous
        start_ = ladder.role(latest.role) if latest.role else None
        previous = PreviousAssessment(_iso(before.date), before.levels) if before else None
        route = _gap_route(ladder, start_, goal)
        answered = signals_met(history.assessments)
        result = gap_between(
            ladder, start_, goal, route, latest.levels, _iso(latest.date), previous, *answered.parts
        )
    _print_gap(result, json_, no_color)
    return EXIT_OK


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def progress(ladder_path: Path | None, me: Path, json_: bool, no_color: bool) -> int:
    from pmpath.ladder.assessment import load_assessments
    from pmpath.queries.progress import progress as progress_of

    ladder = _the_ladder(ladder_path)
    _require_competencies(ladder)
    result = progress_of(ladder, load_assessments(me, ladder, _role_id_of(ladder)).assessments)
    if json_:
        write_stdout(serialize.dumps(serialize.progress(result)))
    else:
        from pmpath.output import render_progress

        print_human(render_progress.progress_view, result, no_color)
    return EXIT_OK


def assess(
    ladder_path: Path | None, to_role: str, from_role: str | None, save: Path | None, no_color: bool
) -> int:
    import datetime

    from pmpath.cli import interactive, saving
    from pmpath.ladder.assessment import History
    from pmpath.queries.gap import PreviousAssessment, route_signals
    from pmpath.queries.gap import gap as gap_between

    ladder = _the_ladder(ladder_path)
    _require_competencies(ladder)
    goal = names.resolve_role(ladder, to_role)
    role_id_of = _role_id_of(ladder)
    # Where it will save, before any question: a place no file can go, a
    # file that is not one of assessments (FILE:LINE), or one that cannot
    # take another, is refused untouched; again below, once the role held
    # brings the signals that make the entry longer.
    history: History | None = None
    if save:
        if reason := saving.place_problem(save):
            raise PmpathError(reason)
        history = saving.history_of(save, ladder, role_id_of)
        unsigned = saving.largest_entry(ladder, None, goal, ())
        if reason := saving.content_problem(save, history, ladder, role_id_of, unsigned):
            raise PmpathError(reason)
    held = history.latest.role if history else None
    with interactive.fresh_line_on_interrupt():
        if from_role:
            start: Role | None = names.resolve_role(ladder, from_role)
        elif held:
            start = ladder.role(held)
        else:
            start = interactive.ask_role_held(goal, lambda name: names.resolve_role(ladder, name), no_color)
        route = _gap_route(ladder, start, goal)
        signals = route_signals(route)
        largest = saving.largest_entry(ladder, start, goal, signals)
        if save and (reason := saving.content_problem(save, history, ladder, role_id_of, largest)):
            raise PmpathError(reason)
        answers = interactive.ask(ladder, goal, signals, no_color)
        before = history.latest if history else None
        previous = PreviousAssessment(_iso(before.date), before.levels) if before else None
        today = datetime.date.today()
        result = gap_between(ladder, start, goal, route, answers.levels, today.isoformat(), previous)
        result = _with_answers(result, history.assessments if history else (), answers, today)
        _print_gap(result, False, no_color)
        target = save or interactive.ask_save_path(
            "my-levels.yaml", lambda path: saving.problem(path, ladder, role_id_of, largest), no_color
        )
    if target is not None:
        added = saving.entry(today, start, goal, answers.levels, answers.signals)
        saving.save(target, ladder, role_id_of, added)
    return EXIT_OK


def plan(
    ladder_path: Path | None, to_role: str, me: Path, output: Path | None, json_: bool, no_color: bool
) -> int:
    from pmpath.ladder.assessment import load_assessments
    from pmpath.queries.plan import plan as growth_plan
    from pmpath.queries.progress import signals_met

    if json_ and output is not None:
        raise UsageProblem("give --json or -o, not both: -o writes the plan as Markdown")
    if output is not None and os.path.exists(output) and os.path.exists(me) and os.path.samefile(output, me):
        raise UsageProblem(f"-o {output} is the --me file; the plan would replace your assessments")
    ladder = _the_ladder(ladder_path)
    goal = names.resolve_role(ladder, to_role)
    if not ladder.competencies:
        raise PmpathError("this ladder defines no competencies, so there is nothing to plan")
    history = load_assessments(me, ladder, _role_id_of(ladder))
    assessment = history.latest
    answered = signals_met(history.assessments)
    result = growth_plan(ladder, goal, assessment.levels, assessment.role, *answered.parts)
    if json_:
        write_stdout(serialize.dumps(serialize.plan_result(result)))
    elif output is not None:
        from pmpath.output.plan_markdown import plan_markdown

        text = plan_markdown(result)
        if str(output) == "-":
            write_data(text)
        else:
            write_file(output, text, overwrite=True)
            print_message(f"Wrote {output}")
    else:
        from pmpath.output import render_plan

        print_human(render_plan.plan_view, result, no_color)
    return EXIT_OK


def _with_answers(
    result: Gap, earlier: tuple[SelfAssessment, ...], answers: Answers, today: datetime.date
) -> Gap:
    """`result` with the readiness signals met once the answers just given are
    added after the file's assessments (the latest answer wins)."""
    import dataclasses

    from pmpath.ladder.assessment import SelfAssessment
    from pmpath.queries.progress import signals_met

    now = SelfAssessment(answers.levels, date=today, signals=answers.signals)
    met, answered_on = signals_met((*earlier, now)).parts
    return dataclasses.replace(result, signals_met=met, signals_answered_on=answered_on)


def info(ladder_path: Path | None, json_: bool, no_color: bool) -> int:
    from pmpath.queries.info import ladder_info

    result = ladder_info(_the_ladder(ladder_path), bundled=ladder_path is None)
    if json_:
        write_stdout(serialize.dumps(serialize.info(result)))
    else:
        from pmpath.output import render

        print_human(render.info_view, result, no_color)
    return EXIT_OK


def competencies(ladder_path: Path | None, json_: bool, no_color: bool) -> int:
    from pmpath.queries.competencies import competency_guide

    result = competency_guide(_the_ladder(ladder_path))
    if json_:
        write_stdout(serialize.dumps(serialize.competencies(result)))
    else:
        from pmpath.output import render

        print_human(render.competencies_view, result, no_color)
    return EXIT_OK


# How `diff` names a side read from stdin, in its messages and its result.
STDIN_NAME = "<stdin>"


def _diff_side(path: Path) -> tuple[Ladder, str]:
    """One side of `diff`, read as every command reads a ladder; from stdin for `-`."""
    from pmpath.ladder.loading import load_ladder_stream

    if str(path) != "-":
        return load_ladder(path), str(path)
    if sys.stdin is None:
        raise PmpathError("cannot read '-': stdin is closed")
    return load_ladder_stream(sys.stdin.buffer, STDIN_NAME), STDIN_NAME


def diff(old: Path, new: Path, format_: str | None, exit_code: bool, json_: bool, no_color: bool) -> int:
    from pmpath.queries.diff import diff as ladder_diff

    if str(old) == "-" and str(new) == "-":
        raise UsageProblem("only one of OLD and NEW can be '-' (stdin)")
    if json_ and format_ is not None:
        raise UsageProblem("give --json or -f, not both")
    (before, old_name), (after, new_name) = _diff_side(old), _diff_side(new)
    result = ladder_diff(before, after, old_name, new_name)
    if json_:
        write_stdout(serialize.dumps(serialize.ladder_diff(result)))
    elif format_ == "markdown":
        from pmpath.output.diff_markdown import diff_markdown

        write_data(diff_markdown(result))
    elif result.empty:
        write_lines([f"No differences between {old_name} and {new_name}."])
    else:
        from pmpath.output import render_diff

        print_human(render_diff.diff_view, result, no_color)
    return EXIT_DATA if exit_code and not result.empty else EXIT_OK


def export(
    ladder_path: Path | None,
    format_: str | None,
    output: Path | None,
    layout: str | None = None,
    force: bool = False,
) -> int:
    from pmpath.output.export import FORMATS, to_csv

    to_file = output is not None and str(output) != "-"
    fmt = _export_format(format_, output if to_file else None)
    if layout is not None and fmt != "csv":
        raise UsageProblem(f"--layout applies to the csv format only, not to {fmt}")
    ladder = _the_ladder(ladder_path)
    text = to_csv(ladder, layout or "wide") if fmt == "csv" else FORMATS[fmt](ladder)
    if output is None or not to_file:
        write_data(text)
        return EXIT_OK
    if ladder.path is not None and _same_file(ladder.path, output):
        raise UsageProblem(f"{output} is the ladder being exported; give another file name")
    write_file(output, text, overwrite=force)
    print_message(f"Wrote {output}")
    return EXIT_OK


def _export_format(given: str | None, output: Path | None) -> str:
    """The format asked for: -f, else the output file's extension, else
    Markdown on stdout. A file whose extension names another format than -f
    is refused, and so is a file whose extension names none without -f."""
    from pmpath.output.export import EXTENSIONS, format_of

    implied = format_of(str(output)) if output is not None else None
    if given is not None:
        if implied is not None and implied != given:
            raise UsageProblem(f"-f {given} does not match the {implied} file name {output}")
        return given
    if output is None:
        return "markdown"
    if implied is None:
        extensions = ", ".join(f"{ext} ({fmt})" for ext, fmt in EXTENSIONS.items())
        raise UsageProblem(
            f"cannot tell the format from the file name {output}; give -f FORMAT",
            hint=f"Extensions: {extensions}",
        )
    return implied


def _same_file(ladder: Path, output: Path) -> bool:
    """Whether writing `output` would write over the ladder: the same file,
    by any name (a link, a relative path)."""
    try:
        return os.path.samefile(ladder, output)
    except OSError:  # output does not exist yet (or cannot be looked at)
        return os.path.realpath(ladder) == os.path.realpath(output)


def validate(ladder_path: Path | None, path: Path | None, json_: bool) -> int:
    from pmpath.ladder.reading import bundled_ladder_path
    from pmpath.ladder.validation import validate as validate_file

    report = validate_file(path or ladder_path or bundled_ladder_path())
    if json_:
        write_stdout(serialize.dumps(serialize.validation(report)))
    else:
        write_lines(report.lines())
    return EXIT_OK if report.valid else EXIT_DATA


def schema() -> int:
    from pmpath.ladder.schema import ladder_schema

    write_stdout(serialize.dumps(ladder_schema()))
    return EXIT_OK


def init(path: Path, force: bool) -> int:
    from pmpath.ladder.reading import starter_ladder_text

    text = starter_ladder_text()
    if str(path) == "-":
        write_stdout(text)
        return EXIT_OK
    write_file(path, text, overwrite=force)
    print_message(f"Wrote {path}. Try: pmpath --ladder {path} list")
    return EXIT_OK
