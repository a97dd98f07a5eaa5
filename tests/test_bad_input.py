"""Bad ladder files never hurt: a clear FILE:LINE message on stderr, exit 1."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from pmpath.ladder import reading
from tests.conftest import LADDERS, Run, installed_script

BAD = LADDERS / "bad"
COMMANDS = [
    ("list",),
    ("list", "--json"),
    ("show", "a"),
    ("next", "a", "--json"),
    ("compare", "a", "b"),
]


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("syntax.yaml", ":4: YAML syntax error: did not find expected ',' or ']'"),
        ("empty.yaml", ": the file is empty; a ladder needs a 'roles:' list"),
        ("list.yaml", ":1: a ladder must be a mapping with a 'roles:' list, not a list"),
        ("scalar.yaml", ":1: a ladder must be a mapping with a 'roles:' list, not text"),
        ("wrong_types.yaml", ":4: 'level' must be a whole number, not text"),
        ("wrong_types.yaml", ":5: 'next' must be a list of role ids or moves, not a number"),
        ("wrong_types.yaml", ":7: 'title' must be text, not a number (put it in quotes)"),
        ("non_utf8.yaml", ":3: not valid UTF-8 text (byte 0xe9)"),
        ("python_object.yaml", ":1: refused YAML tag '!!python/object/apply:os.system'"),
        ("bomb.yaml", ": YAML aliases expand to far more data than the file contains"),
        ("recursive.yaml", ":1: YAML alias refers to itself"),
        ("references.yaml", ":11: 'next' of 'a' names unknown role 'ghost'"),
        ("references.yaml", ":13: 'craft' level 9 is outside the scale (1-2)"),
        ("references.yaml", ":14: unknown competency 'craaft' (did you mean 'craft'?)"),
        ("references.yaml", ":18: name 'b-alias' of 'b' is already used by 'a'"),
        ("references.yaml", ":19: role id 'a' is used twice"),
        ("references.yaml", ":22: 'id' must be kebab-case"),
        ("references.yaml", ":25: a role is missing required key 'title'"),
        ("references.yaml", ":28: each role must be a mapping of keys to values, not text"),
    ],
)
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_reports_bad_ladders(
    run: Run, fixture: str, message: str, command: tuple[str, ...]
) -> None:
    path = BAD / fixture
    result = run("--ladder", str(path), *command)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{path}{message}" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "fixture", ["syntax.yaml", "wrong_types.yaml", "references.yaml", "bomb.yaml", "non_utf8.yaml"]
)
def test_commands_print_the_same_errors_as_validate(run: Run, fixture: str) -> None:
    path = str(BAD / fixture)
    report = run("validate", path)
    assert report.exit_code == 1
    errors = [line for line in report.stdout.splitlines()[:-1] if ": warning: " not in line]
    assert errors
    # The same lines, each in the style of every error.
    assert run("--ladder", path, "list").stderr.splitlines() == [f"pmpath: error: {line}" for line in errors]


def test_python_tags_never_run(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("--ladder", str(BAD / "python_object.yaml"), "list")
    assert result.exit_code == 1
    assert not (tmp_path / "pmpath-pwned.txt").exists()


def test_missing_file(run: Run, tmp_path: Path) -> None:
    result = run("--ladder", str(tmp_path / "nope.yaml"), "list")
    assert result.exit_code == 1
    assert result.stderr == f"pmpath: error: {tmp_path / 'nope.yaml'}: no such file\n"


def test_directory(run: Run, tmp_path: Path) -> None:
    result = run("--ladder", str(tmp_path), "list")
    assert result.exit_code == 1
    assert result.stderr == f"pmpath: error: {tmp_path}: is a directory, not a file\n"


def test_unreadable_file(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, who can read anything: simulate the refusal.
    path = tmp_path / "secret.yaml"
    path.write_text("roles: []\n")
    real_open = os.open

    def guarded_open(file: object, *args: int) -> int:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", guarded_open)
    result = run("--ladder", str(path), "list")
    assert result.exit_code == 1
    assert result.stderr == f"pmpath: error: {path}: permission denied: cannot read this file\n"


def test_oversized_file_is_refused_before_parsing(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "MAX_BYTES", 1024)
    path = tmp_path / "big.yaml"
    path.write_text("roles:\n" + "  - {id: a, title: A, level: 1}\n" * 100)
    result = run("--ladder", str(path), "list")
    assert result.exit_code == 1
    assert "file is larger than" in result.stderr


def run_with_memory_cap(args: str, cwd: Path, timeout: int) -> subprocess.CompletedProcess[str]:
    """pmpath in a real process whose address space is capped near 1 GB."""
    return subprocess.run(
        ["bash", "-c", f"ulimit -v 1000000; '{installed_script()}' {args}"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_huge_file_is_read_only_to_the_limit_with_bounded_memory(tmp_path: Path) -> None:
    """A sparse 4 GiB file: pmpath reads one byte past the limit and stops."""
    with open(tmp_path / "huge.yaml", "wb") as handle:
        handle.truncate(4 * 1024**3)
    result = run_with_memory_cap("--ladder huge.yaml list", tmp_path, timeout=60)
    assert result.returncode == 1
    assert result.stderr == "pmpath: error: huge.yaml: file is larger than 32 MiB; refusing to read it\n"


def test_endless_device_is_refused_without_reading(tmp_path: Path) -> None:
    result = run_with_memory_cap("--ladder /dev/zero list", tmp_path, timeout=60)
    assert result.returncode == 1
    assert result.stderr == ("pmpath: error: /dev/zero: is a character device, not a regular file\n")


def test_expansion_bomb_is_refused_quickly_in_a_real_process(tmp_path: Path) -> None:
    result = run_with_memory_cap(f"--ladder '{BAD / 'bomb.yaml'}' list", tmp_path, timeout=20)
    assert result.returncode == 1
    assert "expansion bomb" in result.stderr


def test_warnings_do_not_stop_other_commands(run: Run) -> None:
    result = run("--ladder", str(BAD / "warnings.yaml"), "list", "--json")
    assert result.exit_code == 0
    assert result.stderr == ""


# -- text that tries to style the output or drive the terminal -------------------
HOSTILE = str(LADDERS / "hostile.yaml")
TITLE = "[bold red]Boom[/] [link=https://example.com]click[/link] \x1b[2J\x1b]0;pwned\x07"


def test_hostile_text_is_carried_unchanged_in_json(run: Run) -> None:
    import json

    role = json.loads(run("--ladder", HOSTILE, "show", "evil", "--json").stdout)
    assert role["title"] == TITLE
    assert role["summary"] == "ring \x07 bell \x9b31m and \u202e reversed"


def test_hostile_text_is_inert_in_a_pipe(run: Run) -> None:
    result = run("--ladder", HOSTILE, "show", "evil", env={"COLUMNS": "200"})
    out = result.stdout
    assert "[bold red]Boom[/] [link=https://example.com]click[/link] \\x1b[2J\\x1b]0;pwned\\x07" in out
    assert "ring \\x07 bell \\x9b31m and \\u202e reversed" in out
    assert "[red]not red[/red]" in out
    assert not any(ch in out for ch in "\x1b\x07\x9b\u202e")


def test_hostile_text_is_inert_on_a_terminal() -> None:
    from tests.test_process import run_on_terminal

    out = run_on_terminal("--ladder", HOSTILE, "show", "evil")
    assert "\\x1b[2J" in out and "\\x07" in out
    assert "\x1b[2J" not in out
    assert "\x1b]0;" not in out
    assert "\x07" not in out
    assert "\x1b]8;" not in out  # Rich's hyperlink sequence: [link=...] was not parsed
    assert "[bold red]Boom[/]" in out


def test_hostile_text_is_escaped_in_error_messages(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "evil-key.yaml"
    path.write_text('roles:\n  - {id: a, title: A, level: 1, "\\e[2Jx": 1}\n', encoding="utf-8")
    result = run("validate", str(path))
    assert "\x1b" not in result.stdout
    assert "unknown key '\\x1b[2Jx'" in result.stdout


def test_typed_role_name_with_escapes_is_escaped(run: Run) -> None:
    result = run("show", "\x1b[2J")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "'\\x1b[2J'" in result.stderr


# -- cycles ---------------------------------------------------------------------
CYCLE = str(LADDERS / "cycle.yaml")


@pytest.mark.parametrize(
    "command",
    [("list",), ("show", "pm"), ("next", "growth"), ("compare", "pm", "growth"), ("validate",)],
    ids=" ".join,
)
def test_lateral_cycles_terminate(run: Run, command: tuple[str, ...]) -> None:
    result = run("--ladder", CYCLE, *command)
    assert result.exit_code == 0, result.stderr


def test_cycle_previous_links(run: Run) -> None:
    import json

    role = json.loads(run("--ladder", CYCLE, "show", "pm", "--json").stdout)
    assert role["previous"] == ["apm", "growth-pm"]
    assert role["next"] == ["growth-pm", "senior-pm"]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--ladder", str(LADDERS / "small.yaml"), "list", "--json"], 0),  # fast path
        (["--ladder", str(LADDERS / "small.yaml"), "gap", "junior", "maker"], 0),  # Typer
        (["--ladder", str(BAD / "references.yaml"), "show", "a"], 1),
        (["validate", str(BAD / "syntax.yaml")], 1),
        (["export", "-f", "csv"], 0),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else str(value),
)
def test_commands_leave_the_environment_and_directory_alone(
    args: list[str],
    code: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Run in this process, where a change to os.environ (say, --ladder
    stored as PMPATH_LADDER) or to the working directory would outlive the
    command."""
    from pmpath.cli import launcher

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.argv", ["pmpath", *args])
    environ, cwd = dict(os.environ), os.getcwd()
    with pytest.raises(SystemExit) as exit:
        launcher.main()
    assert exit.value.code == code, capsys.readouterr().err
    assert dict(os.environ) == environ
    assert os.getcwd() == cwd


def test_aliases_of_one_long_text_are_an_expansion_bomb(tmp_path: Path) -> None:
    """9,000 aliases of a 200 KB text: few nodes, gigabytes once expanded."""
    text = "A" * 200_000
    (tmp_path / "bomb.yaml").write_text(
        f'x-big: &s "{text}"\nx-copies: [{", ".join(["*s"] * 9000)}]\n'
        "roles:\n  - {id: a, title: A, level: 1}\n",
        encoding="utf-8",
    )
    result = run_with_memory_cap("--ladder bomb.yaml export -f json", tmp_path, timeout=60)
    assert result.returncode == 1
    assert "expand to far more data than the file contains" in result.stderr
    assert "Traceback" not in result.stderr


def test_running_out_of_memory_is_a_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whatever runs out of memory (a huge result, a dense ladder), the
    command ends with a message and exit 1; results are printed only once
    complete, so nothing was half-written."""
    from pmpath.cli import commands, launcher

    def exhausted(*args: object) -> int:
        raise MemoryError

    monkeypatch.setattr(commands, "list_roles", exhausted)
    monkeypatch.setattr("sys.argv", ["pmpath", "list", "--json"])
    with pytest.raises(SystemExit) as ended:
        launcher.main()
    assert ended.value.code == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("pmpath: error: this command needs more memory than the system gives it")


@pytest.mark.parametrize("format_", ["yaml", "json"])
def test_exports_piped_under_a_narrow_locale_are_exact_utf8(tmp_path: Path, format_: str) -> None:
    """An export is data: escaping what ASCII cannot hold would change it."""
    (tmp_path / "acc.yaml").write_text(
        'roles:\n  - {id: a, title: "Café", level: 1, summary: "naïve 🚀"}\n', encoding="utf-8"
    )
    exported = subprocess.run(
        [installed_script(), "--ladder", "acc.yaml", "export", "-f", format_],
        cwd=tmp_path,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        timeout=60,
    )
    assert exported.returncode == 0
    (tmp_path / f"out.{format_}").write_bytes(exported.stdout)
    shown = subprocess.run(
        [installed_script(), "--ladder", f"out.{format_}", "show", "a", "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert (shown.returncode, shown.stderr) == (0, "")
    assert (json.loads(shown.stdout)["title"], json.loads(shown.stdout)["summary"]) == ("Café", "naïve 🚀")
