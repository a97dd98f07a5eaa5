"""One grammar: grammar.py is what grammar_gen.py reads from the Typer app,
and over generated command lines and completion requests the fast path in
launcher.py prints exactly what the Typer app prints, and exits the same."""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pmpath.cli import grammar, grammar_gen, launcher
from pmpath.ladder.loading import load_ladder
from tests.conftest import LADDERS, SMALL

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
BAD = LADDERS / "bad"
Outcome = tuple[object, str, str]


def test_grammar_py_is_generated_from_the_app() -> None:
    assert grammar_gen.TARGET.read_text(encoding="utf-8") == grammar_gen.render(), (
        "grammar.py is out of date: run python -m pmpath.cli.grammar_gen"
    )


def test_check_mode_reports_a_stale_grammar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "grammar.py"
    stale.write_text(grammar_gen.render().replace('"--json"', '"--jsn"'), encoding="utf-8")
    monkeypatch.setattr(grammar_gen, "TARGET", stale)
    assert grammar_gen.main(["--check"]) == 1
    assert grammar_gen.main([]) == 0
    assert grammar_gen.main(["--check"]) == 0


def test_fast_commands_are_the_plain_ones() -> None:
    fast = [name for name, command in grammar.COMMANDS.items() if command["fast"]]
    assert fast == [
        "list",
        "show",
        "next",
        "compare",
        "path",
        "tree",
        "search",
        "match",
        "gap",
        "info",
        "competencies",
        "diff",
        "validate",
        "schema",
    ]


def invoke(entry: Callable[[], object], argv: list[str], env: Mapping[str, str | None]) -> Outcome:
    """Run an entry point in this process as `pmpath ARGV` would run."""
    saved = sys.argv
    sys.argv = ["pmpath", *argv]
    code: object = None
    try:
        with CliRunner().isolation(env={"COLUMNS": "100", **env}) as (out, err, _):
            try:
                entry()
            except SystemExit as exit:
                code = exit.code
            sys.stdout.flush()
            sys.stderr.flush()
            return code, out.getvalue().decode(), err.getvalue().decode()
    finally:
        sys.argv = saved


def typer_path() -> None:
    sys.exit(launcher.run(launcher.typer_main))


def assert_same(argv: list[str], env: Mapping[str, str | None]) -> None:
    fast = invoke(launcher.main, argv, env)
    typer = invoke(typer_path, argv, env)
    assert fast == typer


# -- generated command lines -----------------------------------------------------
def _role_words() -> list[str]:
    ladder = load_ladder()
    names = [name for role in ladder.roles for name in (role.id, *role.aliases, role.title)]
    return names[::3]


ROLE_WORDS = _role_words()
ROLE = st.one_of(
    st.sampled_from(ROLE_WORDS),
    st.builds(lambda word, n: word[:n], st.sampled_from(ROLE_WORDS), st.integers(1, 4)),
    st.builds(str.upper, st.sampled_from(ROLE_WORDS)),
    st.sampled_from(["zzz", "senoir", "", " ", "jr", "junior", "sénior", "-", "a\x1b[31mb"]),
)
GOOD_FLAG = st.sampled_from(["--json", "--no-color", "--all"])
ODD_FLAG = st.sampled_from(
    ["--force", "--jsn", "--json=1", "-h", "--help", "--me", "-f", "--ladder", "--version"]
)
FLAG = st.one_of(GOOD_FLAG, GOOD_FLAG, GOOD_FLAG, ODD_FLAG)
GOOD_GLOBAL = st.sampled_from(
    [
        [],
        [],
        [],
        ["--ladder", str(SMALL)],
        [f"--ladder={SMALL}"],
        ["--color", "always"],
        ["--color=never", "--ladder", str(SMALL)],
        ["--no-pager"],
        ["--no-pager", "--color", "auto"],
    ]
)
ODD_GLOBAL = st.sampled_from(
    [
        ["--ladder", str(BAD / "references.yaml")],
        ["--ladder", "/nonexistent.yaml"],
        ["--ladder", ""],
        ["--ladder="],
        ["--ladder", "--json"],
        ["--ladder", "--ladder"],
        ["--ladder"],
        ["--version"],
        ["-h"],
        ["--bogus"],
        ["--color"],
        ["--color", "blue"],
        ["--color="],
        ["--color", "ALWAYS"],
        ["--no-pager=1"],
    ]
)
GLOBAL = st.one_of(GOOD_GLOBAL, GOOD_GLOBAL, GOOD_GLOBAL, ODD_GLOBAL)
FAST = [name for name, command in grammar.COMMANDS.items() if command["fast"]]
OTHER = [name for name in grammar.COMMANDS if name not in FAST and name != "init"]  # init writes files
COMMAND = st.one_of(
    st.sampled_from(FAST), st.sampled_from(FAST), st.sampled_from([*OTHER, "bogus", "LIST", "sh", ""])
)
ENV = st.sampled_from(
    [{}, {}, {"PMPATH_LADDER": str(SMALL)}, {"PMPATH_LADDER": ""}, {"NO_COLOR": "1"}, {"FORCE_COLOR": "1"}]
)


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    command = draw(COMMAND)
    arguments = len(grammar.COMMANDS.get(command, {"arguments": ()})["arguments"])
    count = draw(st.sampled_from([arguments] * 4 + [max(0, arguments - 1), arguments + 1]))
    own = list(grammar.COMMANDS.get(command, {"flags": {}})["flags"])
    flag = st.one_of(*[st.sampled_from(own)] * 3, FLAG) if own else FLAG
    words = draw(st.lists(ROLE, min_size=count, max_size=count)) + draw(st.lists(flag, max_size=2))
    words = draw(st.permutations(words))
    if draw(st.sampled_from([False] * 9 + [True])):
        words.insert(draw(st.integers(0, len(words))), "--")
    return [*draw(GLOBAL), *([command] if command or draw(st.booleans()) else []), *words]


@SETTINGS
@given(argv=command_lines(), env=ENV)
def test_fast_path_and_typer_agree_on_generated_calls(
    argv: list[str], env: dict[str, str | None], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # nothing a command might write lands in the checkout
    environ = {k: v for k, v in {**os.environ, **env}.items() if v is not None}
    event("fast path" if launcher.fast_call(argv, environ) else "Typer")
    assert_same(argv, {"PMPATH_LADDER": None, **env})


# -- generated completion requests -------------------------------------------------
COMPLETION_WORD = st.one_of(
    ROLE, FLAG, st.sampled_from([*grammar.COMMANDS, "--ladder", "SH", "'sen", '"a b"'])
)
SPECIAL = st.sampled_from(["=", "_", ".", "-", "--", "--j", "s", "SE", "li", "--ladder=", "'sen", '"a b'])
INCOMPLETE = st.one_of(
    st.builds(lambda word, n: word[:n], st.sampled_from(ROLE_WORDS), st.integers(0, 3)), SPECIAL, SPECIAL
)


@st.composite
def completion_requests(draw: st.DrawFn) -> dict[str, str | None]:
    command = draw(COMMAND)
    words = ["pmpath", *draw(GLOBAL), *([command] if command else [])]
    words += draw(st.lists(COMPLETION_WORD, max_size=2))
    incomplete = draw(st.one_of(st.none(), INCOMPLETE, INCOMPLETE))
    words += [] if incomplete is None else [incomplete]
    joined = shlex.join(words) if draw(st.booleans()) else " ".join(words)
    cursor = len(words) - (incomplete is not None)
    if incomplete is None:
        joined += " "  # bash's COMP_WORDS ends with the empty word being typed
    if draw(st.sampled_from([False] * 9 + [True])):
        cursor = draw(st.integers(-1, len(words) + 1))
    return bash(joined, cursor)


def bash(words: str, cursor: int) -> dict[str, str | None]:
    return {"_PMPATH_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cursor)}


@SETTINGS
@given(request=completion_requests(), env=ENV)
@example(request=bash("pmpath show =", 2), env={})
@example(request=bash("pmpath _", 1), env={})
@example(request=bash("pmpath --ladder --ladder ", 3), env={})
def test_fast_path_and_typer_agree_on_generated_completions(
    request: dict[str, str | None], env: dict[str, str | None]
) -> None:
    merged = {"PMPATH_LADDER": None, **env, **request}
    visible = {k: v for k, v in {**os.environ, **merged}.items() if v is not None}
    event("fast path" if launcher.fast_completion(visible) else "Typer")
    assert_same([], merged)


# -- rules the generated inputs rarely reach ---------------------------------------
def test_an_unreadable_file_to_validate_goes_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    """As root every file is readable, so the refusal is simulated."""
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: path != str(SMALL) and real_access(path, mode))
    argv = ["validate", str(SMALL)]
    assert launcher.fast_call(argv, {}) is None
    fast = invoke(launcher.main, argv, {})
    assert fast[0] == 2 and "is not readable" in fast[2]
    assert launcher.fast_call(["validate", "/nonexistent.yaml"], {}) is not None


def test_an_unreadable_ladder_goes_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Typer refuses a ladder it may not read with its own message; as root
    every file is readable, so the refusal is simulated."""
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: path != str(SMALL) and real_access(path, mode))
    argv = ["--ladder", str(SMALL), "list", "--json"]
    assert launcher.fast_call(argv, {}) is None
    fast = invoke(launcher.main, argv, {})
    assert fast[0] == 2 and "is not readable" in fast[2]
    assert fast == invoke(typer_path, argv, {})
    request = {"_PMPATH_COMPLETE": "complete_bash", "COMP_WORDS": f"pmpath --ladder {SMALL} show j"}
    assert launcher.fast_completion({**request, "COMP_CWORD": "4"}) is None
    assert_same([], {**request, "COMP_CWORD": "4"})


def test_the_launcher_knows_the_global_options_that_take_a_value() -> None:
    assert (*grammar.LADDER_OPTIONS, launcher.COLOR) == launcher.GLOBAL_OPTIONS_WITH_VALUE


def test_the_launcher_knows_the_colour_modes() -> None:
    from pmpath.cli.options import ColorMode

    assert tuple(mode.value for mode in ColorMode) == launcher.COLOR_MODES
