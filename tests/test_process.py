"""The real program in real processes: entry point, pipes, terminals, colour."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import select
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SMALL, installed_script, interruptible

REPO = Path(__file__).resolve().parent.parent
ESC = "\x1b["


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "PMPATH_LADDER")}
    env.update(extra)
    return env


def run_script(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [installed_script(), *args],
        cwd=cwd,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )


def run_on_terminal(*args: str, **env: str) -> str:
    """Run pmpath with stdout on a pseudo-terminal; return what it printed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [installed_script(), *args],
        stdout=follower,
        stderr=subprocess.PIPE,
        env=clean_env(**{"TERM": "xterm-256color", "COLUMNS": "100", **env}),
    )
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=30) == 0
    return b"".join(chunks).decode()


def test_installed_script_works_from_an_unrelated_directory(tmp_path: Path) -> None:
    result = run_script("list", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    titles = [role["title"] for role in json.loads(result.stdout)]
    assert "Associate Product Manager" in titles
    assert "Chief Product Officer" in titles


def test_python_dash_m_from_a_plain_checkout(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pmpath", "show", "senior", "--json"],
        cwd=tmp_path,
        env=clean_env(PYTHONPATH=str(REPO / "src")),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "senior-pm"


def test_piped_output_has_no_escape_codes(tmp_path: Path) -> None:
    result = run_script("show", "senior", cwd=tmp_path)
    assert result.returncode == 0
    assert ESC not in result.stdout
    assert "Senior Product Manager" in result.stdout


def test_terminal_output_is_coloured() -> None:
    assert ESC in run_on_terminal("list")


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("list", "--no-color"), {}),
        (("list",), {"NO_COLOR": "1"}),
        (("list",), {"TERM": "dumb"}),
    ],
)
def test_colour_can_be_turned_off_on_a_terminal(args: tuple[str, ...], env: dict[str, str]) -> None:
    out = run_on_terminal(*args, **env)
    assert "senior-pm" in out
    assert ESC not in out


def test_empty_no_color_does_not_turn_colour_off() -> None:
    assert ESC in run_on_terminal("list", NO_COLOR="")


def run_with_closed_pipe(args: tuple[str, ...], closed: str, **env: str) -> tuple[int, str]:
    """Run pmpath with stdout or stderr a pipe whose reader is gone before
    pmpath starts, so the first write fails, whatever the timing. Returns the
    exit code and what went to the other stream."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, closed: writer}
        process = subprocess.Popen(
            [installed_script(), *args],
            env=clean_env(**env),
            stdout=streams["stdout"],
            stderr=streams["stderr"],
        )
    finally:
        os.close(writer)
    other = process.stderr if closed == "stdout" else process.stdout
    assert other is not None
    text = other.read().decode()
    return process.wait(timeout=60), text


COMPLETE = {"_PMPATH_COMPLETE": "complete_bash", "COMP_CWORD": "2"}


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("list",), {}),  # fast path, Rich
        (("list", "--json"), {}),  # fast path, JSON
        (("show", "senior"), {}),
        (("validate",), {}),  # a Typer command
        (("export", "-f", "csv"), {}),
        (("--help",), {}),  # Typer's help
        ((), {}),  # no arguments: help
        (("show", "--help"), {}),
        (("--version",), {}),
        ((), {**COMPLETE, "COMP_WORDS": "pmpath show s"}),  # fast completion
        ((), {**COMPLETE, "COMP_WORDS": "pmpath show --"}),  # Typer's completion
        ((), {"_PMPATH_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "pmpath show s"}),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else "|".join(value.values()),
)
def test_closed_stdout_ends_quietly_with_141(args: tuple[str, ...], env: dict[str, str]) -> None:
    assert run_with_closed_pipe(args, "stdout", **env) == (141, "")


@pytest.mark.parametrize(
    "args",
    [
        ("show",),
        ("show", "nobody"),
        ("list", "--jsn"),
        ("--ladder", "/nonexistent.yaml", "list"),
        ("export", "-f", "pdf"),
    ],
    ids=" ".join,
)
def test_closed_stderr_ends_quietly_with_141(args: tuple[str, ...]) -> None:
    """Errors and usage errors go to stderr: a closed stderr is their closed pipe."""
    assert run_with_closed_pipe(args, "stderr") == (141, "")


def test_a_usage_error_with_stdout_closed_still_reports_it() -> None:
    code, stderr = run_with_closed_pipe(("show",), "stdout")
    assert code == 2
    assert "Missing argument 'ROLE'" in stderr


def test_pipe_to_head_through_a_shell(tmp_path: Path) -> None:
    script = installed_script()
    result = subprocess.run(
        ["bash", "-c", f"'{script}' list --json | head -c 5; echo; '{script}' list | head -1"],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.startswith("[\n  {")
    assert result.stderr == ""


def test_errors_go_to_stderr_only(tmp_path: Path) -> None:
    result = run_script("show", "nobody", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("pmpath: error: no role matches 'nobody'")
    assert "Traceback" not in result.stderr


def test_completion_through_the_installed_script(tmp_path: Path) -> None:
    result = run_script(
        cwd=tmp_path,
        _PMPATH_COMPLETE="complete_bash",
        COMP_WORDS="pmpath show se",
        COMP_CWORD="2",
    )
    assert result.returncode == 0
    assert "senior" in result.stdout.split()


def test_ladder_option_with_installed_script(tmp_path: Path) -> None:
    result = run_script("--ladder", str(SMALL), "next", "jr", "--json", cwd=tmp_path)
    assert result.returncode == 0
    assert [t["id"] for t in json.loads(result.stdout)["next"]] == ["maker"]


def stop_assess_at_its_first_question(
    stop: Callable[[int, subprocess.Popen[bytes]], object],
) -> tuple[int, str]:
    """Run `pmpath assess` on a terminal, call `stop` once it asks its first
    question, and return the exit code and stderr."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [installed_script(), "assess", "senior", "--from", "pm"],
        stdin=follower,
        stdout=follower,
        stderr=subprocess.PIPE,
        env=clean_env(TERM="dumb"),
        preexec_fn=interruptible,
    )
    os.close(follower)
    shown = b""
    while not shown.endswith(b"]: "):  # Product strategy [1/2/3/4/5]:
        ready, _, _ = select.select([leader], [], [], 30)
        assert ready, shown
        shown += os.read(leader, 65536)
    stop(leader, process)
    try:
        _, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
        os.close(leader)
    return process.returncode, stderr.decode()


def press_ctrl_d(terminal: int, process: subprocess.Popen[bytes]) -> None:
    """Ctrl-D, pressed again if pmpath is still waiting a few seconds later:
    once, on a loaded machine, a Ctrl-D written the instant the prompt
    appeared was never read, and the test waited for ever."""
    for _ in range(3):
        os.write(terminal, b"\x04")
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)
            return


def test_end_of_input_at_a_question_exits_1_with_a_message() -> None:
    code, stderr = stop_assess_at_its_first_question(press_ctrl_d)
    assert (code, stderr) == (1, "\npmpath: error: aborted: the input ended\n")


def test_ctrl_c_at_a_question_exits_130_quietly() -> None:
    code, stderr = stop_assess_at_its_first_question(lambda _, process: process.send_signal(signal.SIGINT))
    assert (code, stderr) == (130, "")


def test_json_stays_the_same_json_on_an_ascii_output(tmp_path: Path) -> None:
    ladder = tmp_path / "ladder.yaml"
    ladder.write_text('roles:\n  - {id: a, title: "Smile \\U0001F600 → é", level: 1}\n', encoding="utf-8")
    ascii_run = run_script(
        "--ladder", str(ladder), "show", "a", "--json", cwd=tmp_path, PYTHONIOENCODING="ascii"
    )
    utf8_run = run_script("--ladder", str(ladder), "show", "a", "--json", cwd=tmp_path)
    assert ascii_run.stdout.isascii()
    assert json.loads(ascii_run.stdout) == json.loads(utf8_run.stdout)
    assert json.loads(ascii_run.stdout)["title"] == "Smile \U0001f600 → é"


def test_a_surrogateescape_output_never_crashes(tmp_path: Path) -> None:
    """The C locale without UTF-8 mode gives stdout ascii with surrogateescape."""
    result = run_script("show", "senior", cwd=tmp_path, PYTHONIOENCODING="ascii:surrogateescape")
    assert (result.returncode, result.stderr) == (0, "")
    assert "Level 3 - Senior - individual-contributor track" in result.stdout  # ASCII stand-ins


@pytest.mark.parametrize(
    ("redirect", "code", "stderr"),
    [
        ({"stdout": None}, 1, "pmpath: error: cannot write the output: stdout is closed\n"),
        ({"stderr": None}, 2, ""),  # the role matches nothing: a usage error, said nowhere
        ({"stdin": None}, 2, "pmpath: error: assess asks questions and needs a terminal"),
        ({"stdout": "/dev/full"}, 1, "pmpath: error: cannot write the output: No space left on device\n"),
    ],
    ids=["stdout closed", "stderr closed", "stdin closed", "disk full"],
)
def test_closed_or_failing_streams_give_a_message_and_an_exit_code(
    tmp_path: Path, redirect: dict[str, str | None], code: int, stderr: str
) -> None:
    """Run through a shell, which can start pmpath with a stream closed (`>&-`)."""
    shell = {
        "stdout": ">&-"
        if redirect.get("stdout", "x") is None
        else f"> {redirect.get('stdout', '/dev/null')}",
        "stderr": "2>&-" if redirect.get("stderr", "x") is None else "",
        "stdin": "<&-" if redirect.get("stdin", "x") is None else "",
    }
    args = "assess senior" if "stdin" in redirect else ("show nosuch" if "stderr" in redirect else "list")
    line = f"{installed_script()} {args} {shell['stdout']} {shell['stderr']} {shell['stdin']}"
    result = subprocess.run(["bash", "-c", line], env=clean_env(), capture_output=True, text=True, timeout=60)
    assert result.returncode == code
    assert result.stderr.startswith(stderr) if stderr else result.stderr == ""
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("columns", ["60", "100"])  # Click's plain layout, Typer's panels
@pytest.mark.parametrize("args", [["--help"], ["show", "--help"], ["help", "gap"]])
def test_help_to_a_full_disk_is_a_message_not_a_traceback(args: list[str], columns: str) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [installed_script(), *args],
            env=clean_env(COLUMNS=columns),
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert (result.returncode, result.stderr) == (
        1,
        "pmpath: error: cannot write the output: No space left on device\n",
    )


@pytest.mark.parametrize("unbuffered", ["1", ""])
def test_a_non_blocking_pipe_gets_the_whole_output(tmp_path: Path, unbuffered: str) -> None:
    ladder = tmp_path / "long.yaml"
    ladder.write_text('roles:\n  - {id: a, title: "' + "x" * 300_000 + '", level: 1}\n', encoding="utf-8")
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)  # a full pipe then refuses writes instead of waiting
    env = clean_env(PYTHONUNBUFFERED=unbuffered)
    process = subprocess.Popen(
        [installed_script(), "--ladder", str(ladder), "export", "-f", "markdown"], stdout=write_end, env=env
    )
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 1 << 16):
        chunks.append(chunk)
    os.close(read_end)
    assert process.wait(timeout=60) == 0
    assert b"".join(chunks).count(b"x" * 300_000) == 3  # heading, overview row, diagram: nothing lost


def test_a_file_name_too_long_is_a_message(tmp_path: Path) -> None:
    result = run_script("export", "-f", "markdown", "-o", "x" * 300, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.endswith(": File name too long\n")


def test_the_console_script_exits_without_losing_output(tmp_path: Path) -> None:
    """The console script ends the process without tearing down the heap; all
    it printed still arrives, through `python -m pmpath` too, and so do exit codes."""
    from typer.testing import CliRunner

    from pmpath.cli.app import app

    expected = CliRunner().invoke(app, ["export", "-f", "markdown"]).stdout
    assert len(expected.encode()) > 65_536  # more than a pipe holds at once
    assert run_script("export", "-f", "markdown", cwd=tmp_path).stdout == expected
    module = subprocess.run(
        [sys.executable, "-m", "pmpath", "export", "-f", "markdown"],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (module.returncode, module.stdout) == (0, expected)
    # Imported rather than run (a documentation tool does that), it runs nothing.
    imported = subprocess.run(
        [sys.executable, "-c", "import pmpath.__main__; print('still here')"],
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (imported.returncode, imported.stdout) == (0, "still here\n")
    missing = run_script("show", "nosuch", cwd=tmp_path)
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr.startswith("pmpath: error: no role matches 'nosuch'")
