"""Commands that only read leave no file behind: not in the home directory,
not in a cache folder, not beside the ladder, not in the working directory."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import SMALL, installed_script
from tests.test_process import clean_env

BUNDLED_CALLS = [
    ["list"],
    ["list", "--json"],
    ["show", "senior"],
    ["show", "senior", "--json"],
    ["next", "apm"],
    ["compare", "pm", "senior", "--json"],
    ["path", "apm", "director"],
    ["tree"],
    ["search", "mentor", "--json"],
    ["gap", "pm", "senior"],
    ["validate"],
    ["validate", "--json"],
    ["schema"],
    ["export", "--format", "markdown"],
    ["export", "--format", "json"],
]
OWN_LADDER_CALLS = [
    ["list"],
    ["show", "jr", "--json"],
    ["path", "jr", "staff"],
    ["compare", "jr", "maker"],
    ["validate"],
    ["export", "--format", "csv"],
]


def everything_under(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*"))


@pytest.mark.parametrize("own_ladder", [False, True], ids=["bundled", "own ladder"])
def test_read_only_commands_create_nothing(tmp_path: Path, own_ladder: bool) -> None:
    home, xdg, work, tmp, ladders = (tmp_path / name for name in ("home", "xdg", "work", "tmp", "ladders"))
    for folder in (home, xdg, work, tmp, ladders):
        folder.mkdir()
    ladder = ladders / "ladder.yaml"
    ladder.write_bytes(SMALL.read_bytes())
    env = clean_env(HOME=str(home), XDG_CACHE_HOME=str(xdg), TMPDIR=str(tmp))
    calls = OWN_LADDER_CALLS if own_ladder else BUNDLED_CALLS
    prefix = ["--ladder", str(ladder)] if own_ladder else []
    for call in calls:
        result = subprocess.run(
            [installed_script(), *prefix, *call],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, (call, result.stderr)
        assert result.stdout, call
    for folder in (home, xdg, work, tmp):
        assert everything_under(folder) == [], folder
    assert everything_under(ladders) == [ladder]
