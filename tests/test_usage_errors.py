"""Usage errors and odd completion requests, through the installed entry
point: pmpath's one error style, the user's words shown inert, the documented
exit codes, and never a traceback."""

from __future__ import annotations

import subprocess

import pytest

from pmpath.cli import launcher, typer_run
from tests.conftest import SMALL, installed_script
from tests.test_launcher import run_entry
from tests.test_process import clean_env

FORMATS = "'markdown', 'mermaid', 'dot', 'csv', 'json', 'yaml', 'html'"


def pmpath(*args: str, **env: str) -> tuple[int, str, str]:
    result = subprocess.run(
        [installed_script(), *args], env=clean_env(**env), capture_output=True, text=True, timeout=60
    )
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("args", "message", "command"),
    [
        (["show", "se", "b\u202eb"], "Got unexpected extra argument(s) (b\\u202eb)", "pmpath show"),
        (["show", "--\u202ex", "se"], "No such option: --\\u202ex", "pmpath show"),
        (
            ["show", "se", "\x1b]0;title\x07"],
            "Got unexpected extra argument(s) (\\x1b]0;title\\x07)",
            "pmpath show",
        ),
        (
            ["export", "-f", "pdf\u2067"],
            f"Invalid value for '--format' / '-f': 'pdf\\u2067' is not one of {FORMATS}.",
            "pmpath export",
        ),
        (["fr\u202eob"], "No such command 'fr\\u202eob'.", "pmpath"),
        (["show"], "Missing argument 'ROLE'.", "pmpath show"),
        (["list", "--jsn"], "No such option: --jsn (Possible options: --json)", "pmpath list"),
    ],
)
def test_a_usage_error_is_an_inert_message_and_a_hint(args: list[str], message: str, command: str) -> None:
    assert pmpath(*args) == (2, "", f"pmpath: error: {message}\nTry '{command} --help' for help.\n")


def test_a_newline_in_a_usage_error_cannot_start_a_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Click already shows the newlines of the words it quotes; this is the
    rule for any message that does not."""
    from typer import BadParameter

    def app(**_: object) -> None:
        raise BadParameter("one\npmpath: error: two")

    monkeypatch.setattr(typer_run, "app", app)
    assert launcher.run(launcher.typer_main) == 2
    assert capsys.readouterr().err == (
        "pmpath: error: Invalid value: one\\npmpath: error: two\nTry 'pmpath --help' for help.\n"
    )


@pytest.mark.parametrize(
    ("args", "code", "shown"),
    [
        (["--help"], 0, "Usage: pmpath [OPTIONS] COMMAND [ARGS]..."),
        (["show", "-h"], 0, "Usage: pmpath show [OPTIONS] ROLE"),
        (["--version"], 0, "pmpath "),
        ([], 2, "Usage: pmpath [OPTIONS] COMMAND [ARGS]..."),  # help, but no command: a usage error
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else str(value),
)
def test_help_and_version_go_to_stdout(args: list[str], code: int, shown: str) -> None:
    returncode, stdout, stderr = pmpath(*args)
    assert (returncode, stderr) == (code, "")
    assert shown in stdout


def bash(words: str, cursor: str) -> dict[str, str]:
    return {"_PMPATH_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cursor}


@pytest.mark.parametrize(
    "env",
    [
        bash("pmpath show s", "x"),
        bash("pmpath show s", ""),
        bash("pmpath show s", "9" * 5000),  # beyond int()'s digit limit
        {"_PMPATH_COMPLETE": "complete_bash"},
        {"_PMPATH_COMPLETE": "complete_bash", "COMP_WORDS": "pmpath show s"},
        {"_PMPATH_COMPLETE": "complete_bash", "COMP_CWORD": "2"},
        {"_PMPATH_COMPLETE": "whatever"},
        {"_PMPATH_COMPLETE": "complete_tcsh"},
        {"_PMPATH_COMPLETE": "frob_zsh"},
    ],
    ids=lambda env: "|".join(f"{k}={v[:12]}" for k, v in env.items()),
)
def test_a_completion_request_typer_cannot_read_gets_no_answer(env: dict[str, str]) -> None:
    assert pmpath("show", **env) == (0, "", "")


@pytest.mark.parametrize(
    ("env", "answer"),
    [
        ({"_PMPATH_COMPLETE": "complete_zsh"}, '"show":'),
        ({"_PMPATH_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": 'pmpath "sh\\'}, '"show":'),
        ({"_PMPATH_COMPLETE": "complete_fish", "_TYPER_COMPLETE_FISH_ACTION": "get-args"}, "show\t"),
        ({"_PMPATH_COMPLETE": "complete_fish", "_TYPER_COMPLETE_ARGS": "pmpath ' --ladder"}, ""),
        (bash("pmpath show s", "-10"), "show"),  # before the first word: Typer reads ""
        ({"_PMPATH_COMPLETE": "source_bash"}, "complete -o default -F _pmpath_completion pmpath"),
    ],
)
def test_odd_but_readable_completion_requests_are_answered(env: dict[str, str], answer: str) -> None:
    code, stdout, stderr = pmpath(**env)
    assert (code, stderr) == (0, "")
    assert answer in stdout


def test_both_paths_read_a_cursor_before_the_first_word_alike() -> None:
    env = bash("pmpath show s", "-10")
    assert launcher.fast_completion(env) is not None
    fast, typer = run_entry("fast", [], **env), run_entry("typer", [], **env)
    assert (fast.returncode, fast.stdout, fast.stderr) == (typer.returncode, typer.stdout, typer.stderr)
    assert "compare" in fast.stdout.split()


# -- global options after the command, and where the ladder came from ---------------
SMALL_LADDER = str(SMALL)


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--ladder", SMALL_LADDER, "--json"],
        ["list", "--json", f"--ladder={SMALL_LADDER}"],
        ["--ladder", "nope.yaml", "list", "--json", "--ladder", SMALL_LADDER],
        ["export", "-f", "json", "--ladder", SMALL_LADDER],
    ],
)
def test_the_ladder_option_also_works_after_the_command(args: list[str]) -> None:
    code, out, err = pmpath(*args)
    assert (code, err) == (0, "")
    assert '"junior"' in out


@pytest.mark.parametrize(
    "args",
    [["show", "senior", "--color", "always"], ["show", "senior", "--color=always", "--no-pager"]],
)
def test_colour_and_pager_options_also_work_after_the_command(args: list[str]) -> None:
    code, out, err = pmpath(*args)
    assert (code, err) == (0, "")
    assert "\x1b[" in out


def test_a_bad_colour_after_the_command_is_a_usage_error() -> None:
    code, out, err = pmpath("list", "--color", "sometimes")
    assert (code, out) == (2, "")
    assert err.startswith("pmpath: error: ")
    assert "sometimes" in err


@pytest.mark.parametrize(
    ("args", "option"), [(["list", "--ladder"], "--ladder"), (["show", "pm", "--color"], "--color")]
)
def test_a_global_option_after_the_command_without_its_value_says_so(args: list[str], option: str) -> None:
    assert pmpath(*args) == (
        2,
        "",
        f"pmpath: error: Option '{option}' requires an argument.\nTry 'pmpath --help' for help.\n",
    )


def test_a_ladder_option_value_of_another_option_stays_a_value() -> None:
    # `--ladder` here is what --track is asked for, not the global option.
    code, _, err = pmpath("list", "--track", "--ladder")
    assert code == 2
    assert err.startswith("pmpath: error: no track '--ladder' on this ladder\nTracks: entry, ")


def test_a_ladder_error_is_in_the_one_error_style() -> None:
    assert pmpath("--ladder", "nope.yaml", "list") == (1, "", "pmpath: error: nope.yaml: no such file\n")


@pytest.mark.parametrize("args", [["list"], ["export", "-f", "csv"], ["show", "senior"]])
def test_an_error_about_the_ladder_from_the_variable_names_the_variable(args: list[str]) -> None:
    code, out, err = pmpath(*args, PMPATH_LADDER="nope.yaml")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "pmpath: error: nope.yaml: no such file",
        "The ladder is the file PMPATH_LADDER names: correct or unset PMPATH_LADDER, or give --ladder PATH.",
    ]


def test_a_ladder_given_on_the_command_line_is_not_blamed_on_the_variable() -> None:
    code, _, err = pmpath("list", "--ladder", "nope.yaml", PMPATH_LADDER="nope.yaml")
    assert (code, err) == (1, "pmpath: error: nope.yaml: no such file\n")


def test_a_file_given_to_diff_is_not_blamed_on_the_variable() -> None:
    code, _, err = pmpath("diff", "nope.yaml", SMALL_LADDER, PMPATH_LADDER="nope.yaml")
    assert (code, err) == (1, "pmpath: error: nope.yaml: no such file\n")


@pytest.mark.parametrize(
    "args", [["--ladder=", "list"], ["list", "--ladder", ""], ["show", "pm", "--ladder="]]
)
def test_an_empty_ladder_option_is_a_usage_error(args: list[str]) -> None:
    assert pmpath(*args, PMPATH_LADDER=SMALL_LADDER) == (
        2,
        "",
        "pmpath: error: --ladder needs a file name\nLeave --ladder out for the bundled ladder.\n",
    )


def test_an_empty_ladder_variable_is_no_ladder() -> None:
    code, out, _ = pmpath("list", "--json", PMPATH_LADDER="")
    assert code == 0
    assert '"cpo"' in out
