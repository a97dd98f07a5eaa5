"""Every command on each format-2 test ladder, through the installed
`pmpath` in a real process: each answers with exit 0, JSON that parses,
human output that never shows Python's `None`, and nothing on stderr."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from pmpath.ladder.loading import load_ladder
from pmpath.output.export import FORMATS
from tests.conftest import LADDERS, installed_script
from tests.test_process import clean_env

FORMAT2 = sorted((LADDERS / "format2").glob("*.yaml"))


def pmpath(ladder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [installed_script(), "--ladder", str(ladder), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=clean_env(COLUMNS="160"),
    )


def calls(ladder: Path) -> list[list[str]]:
    """A call of every command on this ladder, on its first and last roles."""
    roles = load_ladder(ladder).roles
    first, last = roles[0].id, roles[-1].id
    every = [
        ["validate"],
        ["info"],
        ["list"],
        ["next", first],
        ["tree"],
        ["compare", first, last],
        ["compare", last, first],
        ["gap", first, last],
        ["gap", last, first],
        ["search", roles[0].title.split()[0]],
        *(["show", role.id] for role in roles),
    ]
    reachable = [r.id for r in roles if r.id != first and r.id in _reachable(ladder, first)]
    if reachable:
        every += [["path", first, reachable[-1]], ["path", first, reachable[-1], "--all"]]
    return every


def _reachable(ladder: Path, start: str) -> set[str]:
    found, todo = {start}, [start]
    model = load_ladder(ladder)
    while todo:
        for target in model.role(todo.pop()).next:
            if target not in found:
                found.add(target)
                todo.append(target)
    return found


@pytest.mark.parametrize("ladder", FORMAT2, ids=lambda p: p.stem)
def test_every_command_answers_for_people_and_for_scripts(ladder: Path) -> None:
    for call in calls(ladder):
        human = pmpath(ladder, *call)
        assert (human.returncode, human.stderr) == (0, ""), call
        assert human.stdout.strip(), call
        assert "None" not in human.stdout, call
        if call[0] != "validate":
            data = pmpath(ladder, *call, "--json")
            assert (data.returncode, data.stderr) == (0, ""), call
            json.loads(data.stdout)


@pytest.mark.parametrize("ladder", FORMAT2, ids=lambda p: p.stem)
@pytest.mark.parametrize("format_", sorted(FORMATS))
def test_every_export_writes_the_whole_ladder(ladder: Path, format_: str) -> None:
    result = pmpath(ladder, "export", "-f", format_)
    assert (result.returncode, result.stderr) == (0, "")
    model = load_ladder(ladder)
    for role in model.roles:
        assert role.id in result.stdout or role.id.replace("-", "_") in result.stdout
    if model.license:
        assert model.license in result.stdout
