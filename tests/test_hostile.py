"""Hostile text in every text field of a ladder and a `--me` file, through every
command in both modes: human output never carries a raw control character
(on a pipe or on a terminal, in colour), and `--json` carries the text
unchanged."""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from pmpath.cli.app import app

# What a terminal would obey: C0 and C1 controls (not tab or newline), DEL and
# the bidirectional overrides.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SGR = re.compile("\x1b\\[[0-9;]*m")  # the colours and styles pmpath itself writes

FRAGMENTS = [
    "\x1b[2J",  # clear the screen
    "\x1b]0;pwned\x07",  # retitle the window
    "\x1b]52;c;ZXZpbA==\x07",  # write the clipboard
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",  # a hyperlink
    "\x9b31m",  # C1 CSI
    "\x9d0;x\x9c",  # C1 OSC
    "\u202eoverride\u202c",
    "\u2066isolate\u2069",
    "\x07\x08\x7f\r",
    "[bold red]markup[/]",
    "[link=https://evil.example]x[/link]",
    ":smile:",
    "; touch /tmp/pwned #",
    "$(id) `id` *",
    "line\nbreak",
    "# Fake heading",
    "%%{init: {'theme': 'dark'}}%%",
    "```",
    "| a | b |",
    "<script>alert(1)</script>",
    "=cmd|' /C calc'!A0",
    "plain words",
]
HOSTILE = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=4).map(" ".join)
HOSTILE_LIST = st.lists(HOSTILE, min_size=1, max_size=2)


@st.composite
def hostile_ladder(draw: st.DrawFn) -> dict[str, Any]:
    """A valid three-rung ladder whose every text field is hostile."""

    def role(role_id: str, level: int, following: list[str]) -> dict[str, Any]:
        data: dict[str, Any] = {"id": role_id, "title": draw(HOSTILE), "level": level, "next": following}
        for name in ("track", "summary", "scope"):
            data[name] = draw(HOSTILE)
        for name in ("responsibilities", "in_practice", "ready_when", "stand_out", "brings", "to_learn"):
            data[name] = draw(HOSTILE_LIST)
        data["competencies"] = {"craft": {"level": level, "expectation": draw(HOSTILE)}}
        return data

    return {
        "title": draw(HOSTILE),
        "description": draw(HOSTILE),
        "scale": [{"level": n, "name": draw(HOSTILE), "description": draw(HOSTILE)} for n in (1, 2, 3)],
        "competencies": [{"id": "craft", "name": draw(HOSTILE), "description": draw(HOSTILE)}],
        "roles": [role("rung-a", 1, ["rung-b"]), role("rung-b", 2, ["rung-c"]), role("rung-c", 3, [])],
    }


COMMANDS = [
    ["list"],
    ["show", "rung-b"],
    ["next", "rung-a"],
    ["compare", "rung-a", "rung-c"],
    ["path", "rung-a", "rung-c"],
    ["path", "rung-a", "rung-c", "--all"],
    ["tree"],
    ["tree", "rung-b"],
    ["gap", "rung-a", "rung-c"],
    ["validate"],
]
EXPORTS = ["markdown", "mermaid", "dot", "csv", "json", "yaml", "html"]


@contextmanager
def stdout_on_terminal(on: bool) -> Iterator[None]:
    """Make pmpath believe its stdout is a terminal, as in a person's shell."""
    with mock.patch("pmpath.output.terminal.stdout_is_terminal", lambda: on):
        yield


def invoke(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=stdin, catch_exceptions=False)


def assert_inert(result: Result, coloured: bool) -> None:
    for stream in (result.stdout, result.stderr):
        shown = SGR.sub("", stream) if coloured else stream
        found = RAW_CONTROL.search(shown)
        assert found is None, f"raw {found.group()!r} in output:\n{stream}"


SETTINGS = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # every example runs ~25 commands: no shrinking
)


@SETTINGS
@given(ladder=hostile_ladder(), needle=HOSTILE, typed=HOSTILE, colour=st.booleans())
# colour: stdout is a terminal, so output is coloured (and exports are for a person)
def test_human_output_never_carries_a_raw_control(
    ladder: dict[str, Any], needle: str, typed: str, colour: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ladder.yaml"
        path.write_text(yaml.safe_dump(ladder, allow_unicode=True), encoding="utf-8")
        me = Path(folder) / "me.yaml"
        me.write_text("role: rung-a\ncompetencies:\n  craft: 2\n", encoding="utf-8")
        calls = [
            *COMMANDS,
            ["search", needle],
            ["search", ladder["roles"][0]["summary"]],
            ["show", typed],
            ["compare", "rung-a", typed],
            ["gap", "--me", str(me), "rung-c"],
            # Exports are data: exact on a pipe (see below), escaped on a terminal.
            *(["export", "-f", name] for name in EXPORTS if colour),
        ]
        with stdout_on_terminal(colour):
            for call in calls:
                args = [*call, str(path)] if call[0] == "validate" else ["--ladder", str(path), *call]
                assert_inert(invoke(*args), colour)
            with mock.patch("pmpath.cli.app._stdin_is_terminal", lambda: True):
                answers = "2\n" + "n\n" * 50  # a level; not yet to every signal; no file
                assessed = invoke(
                    "--ladder", str(path), "assess", "rung-c", "--from", "rung-a", stdin=answers
                )
                assert assessed.exit_code == 0, assessed.output
                assert_inert(assessed, colour)


@SETTINGS
@given(ladder=hostile_ladder())
def test_json_carries_hostile_text_unchanged(ladder: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ladder.yaml"
        path.write_text(yaml.safe_dump(ladder, allow_unicode=True), encoding="utf-8")
        with stdout_on_terminal(True):
            for call in [*COMMANDS, ["show", "rung-a"]]:
                result = invoke("--ladder", str(path), *call, "--json")
                assert RAW_CONTROL.search(result.stdout) is None  # escaped as \\u sequences...
                json.loads(result.stdout)  # ...so the JSON is still valid
            shown = json.loads(invoke("--ladder", str(path), "show", "rung-a", "--json").stdout)
            listed = json.loads(invoke("--ladder", str(path), "list", "--json").stdout)
    original = ladder["roles"][0]
    for key, value in original.items():
        if key == "title":  # a name is one line: its line breaks are read as spaces
            assert shown[key] == " ".join(value.splitlines())
        elif key != "competencies":
            assert shown[key] == value, key  # ...and decodes to exactly the ladder's text
    assert shown["competencies"]["craft"]["expectation"] == original["competencies"]["craft"]["expectation"]
    assert [role["title"] for role in listed] == [
        " ".join(role["title"].splitlines()) for role in ladder["roles"]
    ]


def test_exports_are_exact_when_piped(tmp_path: Path) -> None:
    """Escaping for the terminal never reaches a pipe or a file: data stays data."""
    title = "Boss \x1b[2J \u202e"
    path = tmp_path / "ladder.yaml"
    path.write_text(yaml.safe_dump({"roles": [{"id": "a", "title": title, "level": 1}]}), encoding="utf-8")
    with stdout_on_terminal(False):
        exported = invoke("--ladder", str(path), "export", "-f", "json")
    assert json.loads(exported.stdout)["roles"][0]["title"] == title
    with stdout_on_terminal(True):
        shown = invoke("--ladder", str(path), "export", "-f", "json")
    assert "\\u001b[2J" in shown.stdout  # JSON's own escape, harmless on a terminal
    assert RAW_CONTROL.search(shown.stdout) is None


def test_a_text_cannot_forge_lines_in_messages(tmp_path: Path) -> None:
    forged = "Same\nladder.yaml: valid: 2 roles\n\n\n"
    path = tmp_path / "ladder.yaml"
    roles = [{"id": "a", "title": "A", "level": 1, forged: 1}, {"id": "b", "title": "B", "level": 2}]
    path.write_text(yaml.safe_dump({"roles": roles}), encoding="utf-8")
    report = invoke("validate", str(path))
    assert len(report.stdout.splitlines()) == 2  # one warning, one verdict
    assert "Same\\nladder.yaml: valid: 2 roles\\n\\n\\n" in report.stdout
    failed = invoke("--ladder", str(path), "show", forged)
    assert failed.exit_code == 2
    assert (
        failed.stderr.splitlines()[0] == "pmpath: error: no role matches 'Same\\nladder.yaml: valid: 2 roles'"
    )


def test_bytes_that_are_not_utf8_never_reach_the_terminal_raw(tmp_path: Path) -> None:
    """A file name is bytes: 0x9b (CSI) comes back as a lone surrogate and would be written out raw."""
    import os

    name = os.fsdecode(b"\x9b2J.yaml")
    path = tmp_path / name
    path.write_text("roles:\n  - {id: a, title: A, level: 1}\n", encoding="utf-8")
    shown = invoke("validate", str(path))
    assert "\\udc9b2J.yaml: valid: 1 roles" in shown.stdout
    as_json = invoke("validate", str(path), "--json")
    assert json.loads(as_json.stdout)["file"] == str(path)  # decodes to the same name
    assert "\\udc9b" in as_json.stdout
