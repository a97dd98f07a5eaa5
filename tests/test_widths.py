"""Every view at any width: 40, 60, 80, 120 and 200 columns, through the
installed entry point with its output piped (COLUMNS sets the width)."""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import LADDERS, installed_script

WIDTHS = (40, 60, 80, 120, 200)

COMMANDS = [
    ("list",),
    ("list", "--track", "growth"),
    ("next", "senior"),
    ("next", "apm"),
    ("next", "cpo"),
    ("show", "senior"),
    ("show", "software-engineer"),
    ("compare", "pm", "senior"),
    ("path", "apm", "cpo"),
    ("path", "pm", "director", "--all"),
    ("tree",),
    ("search", "roadmap"),
    ("match", "Head of Product"),
    ("competencies",),
    ("gap", "pm", "senior"),
    ("info",),
]


def pmpath(*args: str, columns: int) -> str:
    env = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1"}
    env.pop("PMPATH_LADDER", None)
    done = subprocess.run([installed_script(), *args], capture_output=True, text=True, env=env, timeout=60)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    return done.stdout


ME = """\
assessments:
  - date: 2026-03-01
    competencies: {product-strategy: 3, business-acumen: 2}
  - date: 2026-01-10
    role: pm
    target: senior-pm
    competencies: {product-strategy: 2, business-acumen: 1}
"""
ME_COMMANDS = [
    ("progress", "--me", "ME"),
    ("plan", "senior", "--me", "ME"),
    ("gap", "--me", "ME", "senior"),
    ("diff", str(LADDERS / "small.yaml"), str(LADDERS / "format2" / "dual_track.yaml")),
]


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("args", ME_COMMANDS, ids=lambda args: args[0])
def test_views_of_a_person_and_of_a_change_fit_every_width(
    args: tuple[str, ...], columns: int, tmp_path: Path
) -> None:
    me = tmp_path / "me.yaml"
    me.write_text(ME, encoding="utf-8")
    lines = pmpath(*(str(me) if arg == "ME" else arg for arg in args), columns=columns).splitlines()
    assert [line for line in lines if len(line) > columns] == []
    assert [line for line in lines if line != line.rstrip()] == []
    assert [line for line in lines if "…" in line] == []


@functools.cache
def bundled_roles() -> list[dict[str, str]]:
    return list(json.loads(pmpath("list", "--json", columns=80)))


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_view_fits_the_width_and_cuts_nothing(args: tuple[str, ...], columns: int) -> None:
    out = pmpath(*args, columns=columns)
    lines = out.splitlines()
    assert [line for line in lines if len(line) > columns] == []
    assert [line for line in lines if line != line.rstrip()] == []  # piped: no trailing spaces

    # Wrapped, never cut; the whole bundled tree is drawn at every width.
    assert [line for line in lines if "…" in line] == []
    # No id broken at its hyphen ("technical-" / "pm"). A path folded by
    # characters may end at a hyphen by chance ("/site-"), so only a last
    # word made of letters and hyphens counts.
    assert [line for line in lines if re.search(r"(?:^|[\s(\[])[\w-]*\w-$", line)] == []


@pytest.mark.parametrize("columns", WIDTHS)
def test_list_shows_every_title_and_id_whole_on_one_line(columns: int) -> None:
    lines = pmpath("list", columns=columns).splitlines()
    words = [re.findall(r"[\w-]+", line) for line in lines]
    for role in bundled_roles():
        assert any(role["title"] in line for line in lines), role["title"]
        assert any(role["id"] in found for found in words), role["id"]


def test_list_at_40_columns_is_a_list_not_a_table() -> None:
    lines = pmpath("list", columns=40).splitlines()
    assert "Senior Technical Product Manager" in lines
    assert "  senior-technical-pm · level 3 · Senior" in lines
    assert not any("Title" in line for line in lines)


def test_json_is_the_same_at_every_width() -> None:
    outputs = {pmpath("list", "--json", columns=columns) for columns in WIDTHS}
    assert len(outputs) == 1


@pytest.mark.parametrize("columns", (40, 120))
def test_a_ladder_without_tracks_lists_its_roles_under_no_heading(columns: int, tmp_path: Path) -> None:
    ladder = tmp_path / "flat.yaml"
    ladder.write_text(
        "roles:\n  - {id: a, title: Alpha, level: 1, next: [b]}\n  - {id: b, title: Beta, level: 2}\n",
        encoding="utf-8",
    )
    lines = pmpath("--ladder", str(ladder), "list", columns=columns).splitlines()
    expected = {
        40: ["  Level  Title  Id", "  1      Alpha  a", "  2      Beta   b"],
        120: ["  Level  Title  Id  Leads to", "  1      Alpha  a   b", "  2      Beta   b   —"],
    }
    assert lines == expected[columns]


@pytest.mark.parametrize("columns", WIDTHS)
def test_the_tree_draws_every_role_at_every_width(columns: int) -> None:
    words = set(re.findall(r"[\w-]+", pmpath("tree", columns=columns)))
    assert [role["id"] for role in bundled_roles() if role["id"] not in words] == []


@pytest.mark.parametrize(
    "args", [("compare", "a", "b"), ("path", "a", "b"), ("search", "sum"), ("show", "a")]
)
def test_an_endless_word_is_folded_never_cut(args: tuple[str, ...], tmp_path: Path) -> None:
    word = "W" * 300
    ladder = tmp_path / "long.yaml"
    ladder.write_text(
        f'roles:\n  - {{id: a, title: "Alpha {word}", level: 1, next: [b], summary: "sum {word} end"}}\n'
        f'  - {{id: b, title: Beta, level: 2, summary: "beta {word}"}}\n',
        encoding="utf-8",
    )
    out = pmpath("--ladder", str(ladder), *args, columns=80)
    assert "…" not in out
    assert word in "".join(out.split())  # whole, over several lines


@pytest.mark.parametrize("columns", ["0", "abc", "-5"])
def test_a_columns_that_is_no_width_is_ignored(columns: str) -> None:
    env = {**os.environ, "COLUMNS": columns, "NO_COLOR": "1"}
    env.pop("PMPATH_LADDER", None)
    for args in (["list"], ["show", "pm"], ["--help"]):
        done = subprocess.run(
            [installed_script(), *args], capture_output=True, text=True, env=env, timeout=60
        )
        assert (done.returncode, done.stderr) == (0, "")
        assert done.stdout == pmpath(*args, columns=80)
