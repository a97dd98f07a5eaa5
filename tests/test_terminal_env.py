"""pmpath in any terminal: narrow encodings (LANG=C, PYTHONIOENCODING=ascii
or latin-1) never crash and get ASCII stand-ins; `--color`, NO_COLOR and
FORCE_COLOR; the pager on a real terminal. All through the installed entry
point, in a subprocess or on a pseudo-terminal."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pexpect  # type: ignore[import-untyped]
import pytest

from tests.conftest import LADDERS, installed_script

DIFF = LADDERS / "diff"
ENCODINGS = [
    {"PYTHONIOENCODING": "ascii"},
    {"PYTHONIOENCODING": "latin-1"},
    {"LANG": "C", "LC_ALL": "C"},
]
NARROW_MARKS = "▲▼☐☑→·…•─│┌┐└┘├┤┬┴┼━┃╭╮╯╰"


def me_file(directory: Path) -> Path:
    """An assessment of every competency of the bundled ladder at level 2."""
    areas = json.loads(run(["competencies", "--json"]).stdout)["areas"]
    ids = [c["id"] for area in areas for c in area["competencies"]]
    path = directory / "me.yaml"
    path.write_text(
        "assessments:\n  - date: 2026-01-05\n    competencies: {" + ", ".join(f"{i}: 2" for i in ids) + "}\n"
        "  - date: 2026-03-05\n    competencies: {" + ", ".join(f"{i}: 3" for i in ids) + "}\n"
    )
    return path


def clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in ("FORCE_COLOR", "NO_COLOR", "PMPATH_LADDER", "PYTHONIOENCODING", "LC_ALL", "PAGER", "LESS")
        and not k.startswith("PMPATH_")
    }
    env.update({"COLUMNS": "100", "LANG": "C.UTF-8", "TERM": "xterm-256color"})
    env.update(extra)
    return env


def run(args: list[str], cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[bytes]:
    return run_with(args, env, cwd)


def run_with(
    args: list[str], env: dict[str, str], cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [installed_script(), *args],
        capture_output=True,
        env=clean_env(**env),
        cwd=cwd,
        timeout=60,
        check=False,
    )


def every_command(tmp: Path) -> list[list[str]]:
    me = str(me_file(tmp))
    calls = [
        ["list"],
        ["show", "senior"],
        ["next", "apm"],
        ["compare", "pm", "senior"],
        ["path", "apm", "director"],
        ["path", "apm", "director", "--all"],
        ["tree"],
        ["search", "strategy"],
        ["match", "roadmap"],
        ["gap", "pm", "senior"],
        ["gap", "--me", me, "senior"],
        ["progress", "--me", me],
        ["plan", "senior", "--me", me],
        ["info"],
        ["competencies"],
        ["diff", str(DIFF / "old.yaml"), str(DIFF / "new.yaml")],
        ["validate"],
        ["validate", str(LADDERS / "bad" / os.listdir(LADDERS / "bad")[0])],
        ["export", "--format", "markdown"],
        ["export", "--format", "mermaid"],
        ["schema"],
        ["--help"],
        ["show", "--help"],
        ["show", "nosuchrole"],
        ["--version"],
    ]
    with_json = [
        [*call, "--json"]
        for call in calls
        if call[0] not in ("export", "schema", "validate") and "--help" not in call and call != ["--version"]
    ]
    return calls + with_json


@pytest.fixture(scope="module")
def in_utf8(
    tmp_path_factory: pytest.TempPathFactory,
) -> list[tuple[list[str], subprocess.CompletedProcess[bytes]]]:
    """Every command and what it does in UTF-8, run once for all encodings."""
    tmp = tmp_path_factory.mktemp("utf8")
    return [(call, run(call, cwd=tmp)) for call in every_command(tmp)]


@pytest.mark.parametrize("encoding", ENCODINGS, ids=lambda e: ",".join(f"{k}={v}" for k, v in e.items()))
def test_no_command_crashes_in_a_narrow_encoding(
    encoding: dict[str, str], in_utf8: list[tuple[list[str], subprocess.CompletedProcess[bytes]]]
) -> None:
    codec = encoding.get("PYTHONIOENCODING", "utf-8")
    for call, utf8 in in_utf8:
        narrow = run_with(call, encoding)
        assert b"Traceback" not in narrow.stderr, (call, narrow.stderr.decode(errors="replace"))
        assert b"UnicodeEncodeError" not in narrow.stderr + narrow.stdout, call
        assert narrow.returncode == utf8.returncode, (call, narrow.stderr.decode(errors="replace"))
        if utf8.returncode == 0:
            assert narrow.stderr == utf8.stderr == b"", call
        if call[0] not in ("export", "schema"):  # those are data, written in UTF-8 whatever the locale
            narrow.stdout.decode(codec)  # all of it in the output's own encoding
        if "--json" in call and utf8.returncode == 0:  # the same data, as valid JSON
            assert json.loads(narrow.stdout.decode(codec)) == json.loads(utf8.stdout), call


@pytest.mark.parametrize("codec", ["ascii", "latin-1"])
def test_marks_fall_back_to_ascii(codec: str) -> None:
    for call in (["next", "apm"], ["compare", "apm", "pm"], ["show", "senior"], ["tree"], ["list"]):
        done = run(call, PYTHONIOENCODING=codec)
        assert done.returncode == 0, call
        text = done.stdout.decode(codec)
        assert "\\u" not in text, (call, text)  # pmpath's own marks never become escapes
        assert not set(text) & set(NARROW_MARKS.replace("·" if codec == "latin-1" else "\0", "")), call
    assert "  - You make the calls" in run(["next", "apm"], PYTHONIOENCODING="ascii").stdout.decode()
    assert "^ +1" in run(["compare", "apm", "pm"], PYTHONIOENCODING="ascii").stdout.decode()


def test_utf8_keeps_the_marks() -> None:
    text = run(["next", "apm"]).stdout.decode()
    assert "☐ You make the calls" in text
    assert "▲ +1" in run(["compare", "apm", "pm"]).stdout.decode()


# -- colour ---------------------------------------------------------------------------
ESC = b"\x1b["


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ([], {}, False),  # piped: plain
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (["--color", "always"], {}, True),
        (["--color=always"], {"NO_COLOR": "1"}, True),  # the flag beats the environment
        (["--color", "always"], {"TERM": "dumb"}, True),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        (["--color", "auto"], {"FORCE_COLOR": "1"}, True),
        (["--color", "always", "show", "senior", "--no-color"], {}, False),  # --no-color: never
        ([], {"FORCE_COLOR": "1", "TERM": "dumb"}, True),
    ],
)
def test_colour_per_flag_and_environment(args: list[str], env: dict[str, str], coloured: bool) -> None:
    call = args if "show" in args else [*args, "show", "senior"]
    done = run_with(call, env)
    assert done.returncode == 0, done.stderr
    assert (ESC in done.stdout) is coloured
    if not coloured:
        assert done.stdout == run(["show", "senior"]).stdout


def test_colour_through_typer_too() -> None:
    """An option with a value sends the call to Typer; the global flags act there the same."""
    done = run(["--color", "always", "list", "--track", "individual-contributor"])
    assert done.returncode == 0, done.stderr
    assert ESC in done.stdout
    assert ESC not in run(["list", "--track", "individual-contributor"], FORCE_COLOR="1", NO_COLOR="1").stdout


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        (["--color", "always", "show", "--help"], {}, True),
        (["show", "--help", "--color=always"], {"NO_COLOR": "1"}, True),
        (["--color", "never", "--help"], {"FORCE_COLOR": "1"}, False),
        (["show", "--no-color", "--help"], {"FORCE_COLOR": "1"}, False),
        (["show", "--help"], {}, False),
    ],
)
def test_help_follows_the_colour_options(args: list[str], env: dict[str, str], coloured: bool) -> None:
    done = run_with(args, env)
    assert done.returncode == 0, done.stderr
    assert b"Usage: " in done.stdout
    assert (ESC in done.stdout) is coloured


def test_a_bad_colour_is_a_usage_error() -> None:
    done = run(["--color", "blue", "list"])
    assert done.returncode == 2
    assert b"blue" in done.stderr
    assert b"Traceback" not in done.stderr


def test_json_never_has_colour() -> None:
    done = run(["--color", "always", "show", "senior", "--json"], FORCE_COLOR="1")
    assert ESC not in done.stdout
    json.loads(done.stdout)


# -- pager ----------------------------------------------------------------------------
def recording_pager(tmp_path: Path) -> tuple[str, Path]:
    """A pager that records that it ran and what it was given, then prints it."""
    log = tmp_path / "paged.txt"
    script = tmp_path / "pager.sh"
    script.write_text(f"#!/bin/sh\ncat > '{log}'\necho PAGED-BY-SCRIPT\n")
    script.chmod(0o755)
    return str(script), log


def on_terminal(args: list[str], tmp_path: Path, rows: int = 24, **env: str) -> tuple[int, str]:
    child = pexpect.spawn(
        installed_script(),
        args,
        cwd=str(tmp_path),
        env=clean_env(**env),
        encoding="utf-8",
        timeout=30,
        dimensions=(rows, 100),
    )
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, child.before.replace("\r\n", "\n")


def test_long_output_goes_through_pmpath_pager(tmp_path: Path) -> None:
    pager, log = recording_pager(tmp_path)
    code, screen = on_terminal(["show", "senior"], tmp_path, PMPATH_PAGER=pager, PAGER="false")
    assert code == 0
    assert "PAGED-BY-SCRIPT" in screen
    assert "Senior Product Manager" in log.read_text()
    assert "Senior Product Manager" not in screen  # only the pager printed


def test_pager_falls_back_to_pager_variable(tmp_path: Path) -> None:
    pager, log = recording_pager(tmp_path)
    code, screen = on_terminal(["compare", "pm", "senior"], tmp_path, PAGER=pager)
    assert code == 0
    assert "PAGED-BY-SCRIPT" in screen
    assert log.exists()


@pytest.mark.parametrize(
    ("args", "rows"),
    [
        (["--no-pager", "show", "senior"], 24),
        (["show", "senior", "--json"], 24),
        (["show", "senior"], 500),  # it fits: printed directly
    ],
)
def test_no_pager(args: list[str], rows: int, tmp_path: Path) -> None:
    pager, log = recording_pager(tmp_path)
    code, screen = on_terminal(args, tmp_path, rows=rows, PAGER=pager)
    assert code == 0
    assert "PAGED-BY-SCRIPT" not in screen
    assert not log.exists()
    assert "Senior Product Manager" in screen


@pytest.mark.parametrize("args", [["--help"], ["help", "export"], ["show", "--help"]])
def test_long_help_goes_through_the_pager(args: list[str], tmp_path: Path) -> None:
    pager, log = recording_pager(tmp_path)
    code, screen = on_terminal(args, tmp_path, rows=10, PAGER=pager)
    assert code == 0
    assert "PAGED-BY-SCRIPT" in screen
    assert "Usage: pmpath" in log.read_text()
    assert "Usage: pmpath" not in screen


@pytest.mark.parametrize(
    "args", [["--no-pager", "--help"], ["--help", "--no-pager"], ["show", "--help", "--no-pager"]]
)
def test_no_pager_for_help_either(args: list[str], tmp_path: Path) -> None:
    pager, log = recording_pager(tmp_path)
    code, screen = on_terminal(args, tmp_path, rows=10, PAGER=pager)
    assert code == 0
    assert not log.exists()
    assert "Usage: pmpath" in screen


def test_a_dumb_terminal_gets_no_pager(tmp_path: Path) -> None:
    pager, log = recording_pager(tmp_path)
    code, screen = on_terminal(["show", "senior"], tmp_path, PAGER=pager, TERM="dumb")
    assert code == 0
    assert not log.exists()
    assert "Senior Product Manager" in screen


@pytest.mark.parametrize(("given", "seen"), [(None, "FRX"), ("-S", "-S")])
def test_less_gets_frx_unless_less_is_set(given: str | None, seen: str, tmp_path: Path) -> None:
    log = tmp_path / "less.txt"
    script = tmp_path / "pager.sh"
    script.write_text(f"#!/bin/sh\nprintf '%s' \"$LESS\" > '{log}'\ncat > /dev/null\n")
    script.chmod(0o755)
    env = {"PAGER": str(script), **({"LESS": given} if given else {})}
    code, _ = on_terminal(["show", "senior"], tmp_path, 24, **env)
    assert code == 0
    assert log.read_text() == seen


def test_a_pager_the_shell_cannot_find_prints_directly(tmp_path: Path) -> None:
    # Quotes make it a shell command: the shell's 127 says there was no such pager.
    code, screen = on_terminal(["show", "senior"], tmp_path, PAGER="no-such-pager-here '-x'")
    assert code == 0
    assert "Senior Product Manager" in screen


def test_never_a_pager_when_piped(tmp_path: Path) -> None:
    pager, log = recording_pager(tmp_path)
    done = run(["show", "senior"], PAGER=pager)
    assert done.returncode == 0
    assert not log.exists()


def test_a_missing_pager_prints_directly(tmp_path: Path) -> None:
    code, screen = on_terminal(["show", "senior"], tmp_path, PAGER="no-such-pager-here")
    assert code == 0
    assert "Senior Product Manager" in screen


def test_empty_pager_means_none(tmp_path: Path) -> None:
    code, screen = on_terminal(["show", "senior"], tmp_path, PAGER="", PMPATH_PAGER="")
    assert code == 0
    assert "Senior Product Manager" in screen


def test_ladder_text_loses_accents_and_escapes_the_rest(tmp_path: Path) -> None:
    ladder = tmp_path / "ladder.yaml"
    ladder.write_text('roles:\n  - {id: a, title: "Smile \\U0001F600 → é", level: 1}\n', encoding="utf-8")
    done = run(["--ladder", str(ladder), "show", "a"], PYTHONIOENCODING="ascii")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("ascii").splitlines()[0].rstrip() == "Smile \\U0001f600 > e (a)"


@pytest.mark.parametrize("args", [["show", "a"], ["compare", "a", "b"], ["list"], ["tree"]])
def test_escapes_are_laid_out_at_their_width(args: list[str], tmp_path: Path) -> None:
    """What the output cannot encode is escaped before the layout: a table of
    CJK titles keeps to the width in ascii, though each escape is wider than its character."""
    ladder = tmp_path / "ladder.yaml"
    title = "漢字" * 6
    ladder.write_text(
        f'roles:\n  - {{id: a, title: "{title}", level: 1, next: [b], summary: "{title} {title}"}}\n'
        "  - {id: b, title: Beta, level: 2}\n",
        encoding="utf-8",
    )
    done = run(["--ladder", str(ladder), *args], PYTHONIOENCODING="ascii", COLUMNS="40")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode("ascii").splitlines()
    assert [line for line in lines if len(line) > 40] == []
    assert "\\u6f22\\u5b57" in done.stdout.decode("ascii")


@pytest.mark.skipif(shutil.which("less") is None, reason="less is not installed")
def test_the_default_pager_is_less_and_keeps_the_top_on_screen(tmp_path: Path) -> None:
    child = pexpect.spawn(
        installed_script(),
        ["show", "senior"],
        cwd=str(tmp_path),
        env=clean_env(NO_COLOR="1"),  # no PMPATH_PAGER, no PAGER: less -FRX
        encoding="utf-8",
        timeout=30,
        dimensions=(24, 100),
    )
    child.expect_exact("Senior Product Manager")  # the top, shown first
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "(senior-ai-pm) [lateral]" not in child.before  # the end was never printed: less held it


@pytest.mark.parametrize(
    ("text", "stripped"),
    [
        ("a  \x1b[0m  \nb \n", "a\x1b[0m\nb\n"),  # a style's end is kept where the spaces go
        ("x\t \x1b[1;31m \x1b[0m", "x\x1b[1;31m\x1b[0m"),
        ("\x1b[1mc\x1b[0m", "\x1b[1mc\x1b[0m"),
        ("a" + " " * 5000 + "│\n", "a" + " " * 5000 + "│\n"),  # spaces inside a line stay
        ("   \n", "\n"),
        ("m m", "m m"),
    ],
)
def test_line_ends_lose_their_spaces_and_keep_their_styles(text: str, stripped: str) -> None:
    from pmpath.output.terminal import strip_line_ends

    assert strip_line_ends(text) == stripped
