"""Help as people read it, through the installed entry point: examples at the
top level and in every command, indented alike; prose that Rich wraps, not
the docstrings' line breaks; choices and arguments named whole; `pmpath help`."""

from __future__ import annotations

import re
import subprocess

import pytest

from pmpath.cli import grammar
from tests.conftest import installed_script
from tests.test_process import clean_env

COMMANDS = [*grammar.COMPLETED_COMMANDS, "help"]


def pmpath(*args: str, columns: int = 80) -> tuple[int, str, str]:
    result = subprocess.run(
        [installed_script(), *args],
        env=clean_env(COLUMNS=str(columns)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.returncode, result.stdout, result.stderr


def examples(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines() if re.match(r"^ +(pmpath|git) ", line)]


def test_top_level_help_shows_examples() -> None:
    code, out, _ = pmpath("--help")
    assert code == 0
    assert "   pmpath show senior" in examples(out)
    assert len(examples(out)) >= 3


@pytest.mark.parametrize("columns", [40, 80])
@pytest.mark.parametrize("args", [["help"], []])
def test_pmpath_help_and_pmpath_alone_show_the_same_help(args: list[str], columns: int) -> None:
    code, out, _ = pmpath(*args, columns=columns)
    assert code == (0 if args else 2)  # with no command at all, still a usage error
    assert "Usage: pmpath" in out
    assert out.rstrip() == pmpath("--help", columns=columns)[1].rstrip()


@pytest.mark.parametrize("command", ["show", "gap", "export"])
def test_pmpath_help_command_is_command_help(command: str) -> None:
    assert pmpath("help", command) == pmpath(command, "--help")


def test_pmpath_help_of_an_unknown_command_is_a_usage_error() -> None:
    code, out, err = pmpath("help", "nosuch")
    assert (code, out) == (2, "")
    assert err == "pmpath: error: no command 'nosuch'\nRun 'pmpath help' for the list.\n"


def test_examples_are_indented_alike_in_every_command() -> None:
    indents = {}
    for command in COMMANDS:
        found = examples(pmpath(command, "--help")[1])
        assert found, command
        indents[command] = {len(line) - len(line.lstrip()) for line in found}
    assert set().union(*indents.values()) == {3}, indents


def test_help_has_no_line_break_mid_sentence() -> None:
    """The docstrings' own line breaks are gone: Rich wraps each paragraph
    at the terminal's width, so at 200 columns these sentences are whole."""
    gap = pmpath("gap", "--help", columns=200)[1]
    assert "With --me FILE, start from your own levels instead of FROM's: those of the file's latest" in gap
    top = pmpath("--help", columns=200)[1]
    assert "competency by competency, and the readiness signals of each rung on the way." in top
    assert "Find roles whose text mentions TEXT: titles, summaries, readiness signals" in top


def test_choices_and_arguments_are_named_whole() -> None:
    _, out, _ = pmpath("export", "--help")
    assert "--format  -f      FORMAT" in out
    cells = " ".join(out.replace("│", " ").split())
    assert "markdown, mermaid, dot, csv, json, yaml or html" in cells
    assert not re.search(r"<[a-z|]+$", out, re.M)  # no choice list cut at the edge
    for command, usage in [
        ("show", "Usage: pmpath show [OPTIONS] ROLE"),
        ("compare", "Usage: pmpath compare [OPTIONS] ROLE ROLE"),
        ("diff", "Usage: pmpath diff [OPTIONS] OLD NEW"),
        ("validate", "Usage: pmpath validate [OPTIONS] [PATH]"),
    ]:
        out = pmpath(command, "--help")[1]
        assert usage in out, command
        assert "{" not in out.split("\n\n")[0]
    assert "<str>" not in pmpath("show", "--help")[1]


@pytest.mark.parametrize("args", [["--help"], ["show", "--help"], ["help", "gap"], []])
def test_piped_help_ends_no_line_with_spaces(args: list[str]) -> None:
    out = pmpath(*args)[1]
    assert "Usage: pmpath" in out
    assert [line for line in out.splitlines() if line != line.rstrip()] == []


@pytest.mark.parametrize("columns", [40, 60, 80, 120])
@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_fits_every_width_and_cuts_nothing(command: str | None, columns: int) -> None:
    code, out, err = pmpath(*([command] if command else []), "--help", columns=columns)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert [line for line in lines if len(line) > columns] == []
    assert [line for line in lines if "…" in line] == []
    assert [line for line in lines if re.search(r"\w-$", line)] == []  # never broken at a hyphen
    assert "<str>" not in out
    if command is None:  # option names and choices whole
        words = out.split()
        assert {"--install-completion", "--no-pager", "--version"} <= set(words)
        assert "auto|always|never" in words


@pytest.mark.parametrize(
    ("args", "asks"),
    [
        ([], True),
        (["help", "show"], True),
        (["--ladder", "x.yaml"], True),
        (["show", "pm", "-h"], True),
        (["export", "-hf", "csv"], True),
        (["export", "-f", "-h"], False),
        (["show", "pm", "--ladder", "x.yaml", "--help"], True),
        (["assess", "pm", "--save", "-h"], False),  # a file named -h
        (["export", "-o", "--help"], False),
        (["search", "--", "-h"], False),
        (["show", "pm"], False),
    ],
)
def test_what_asks_for_help(args: list[str], asks: bool) -> None:
    from pmpath.cli.typer_run import _asks_for_help

    assert _asks_for_help(args) is asks
