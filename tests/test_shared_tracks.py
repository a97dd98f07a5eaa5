"""A rung shared by the same tracks is one group however each role lists
them: one box in Mermaid and DOT, one column in the web page's overview,
named in the ladder's order of tracks."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pmpath.ladder.loading import load_ladder
from pmpath.output import svg_overview
from tests.conftest import Run, installed_script, write_ladder
from tests.test_process import clean_env

# IC is listed first, so every shared name starts with it.
LADDER = """
tracks: [{id: ic, title: IC}, {id: mgmt, title: Management}, {id: growth, title: Growth}]
roles:
  - {id: a, title: A, level: 3, track: [mgmt, ic], next: [b]}
  - {id: b, title: B, level: 4, track: [ic, mgmt]}
  - {id: c, title: C, level: 4, track: mgmt}
  - {id: d, title: D, level: 3, track: [growth, ic]}
  - {id: e, title: E, level: 4, track: [ic, growth]}
"""


def export(run: Run, path: Path, form: str) -> str:
    result = run("--ladder", str(path), "export", "-f", form)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_ladder_gives_a_role_its_tracks_in_the_ladder_order(tmp_path: Path) -> None:
    ladder = load_ladder(write_ladder(tmp_path, LADDER))
    assert [ladder.tracks_of(role) for role in ladder.roles] == [
        ("ic", "mgmt"),
        ("ic", "mgmt"),
        ("mgmt",),
        ("ic", "growth"),
        ("ic", "growth"),
    ]
    assert ladder.roles[0].tracks == ("mgmt", "ic")  # the role itself keeps the file's order


def test_tracks_a_ladder_does_not_list_follow_the_order_roles_first_name_them(tmp_path: Path) -> None:
    unlisted = """
roles:
  - {id: a, title: A, level: 1, track: [y, x]}
  - {id: b, title: B, level: 2, track: [x, z, y]}
"""
    ladder = load_ladder(write_ladder(tmp_path, unlisted))
    assert dict(ladder.track_order) == {"y": 0, "x": 1, "z": 2}
    assert [ladder.tracks_of(role) for role in ladder.roles] == [("y", "x"), ("y", "x", "z")]


def test_mermaid_draws_one_box_per_set_of_tracks(run: Run, tmp_path: Path) -> None:
    text = export(run, write_ladder(tmp_path, LADDER), "mermaid")
    boxes = [line.strip() for line in text.splitlines() if line.strip().startswith("subgraph")]
    assert boxes == [
        'subgraph track_0["Shared#58; IC, Management"]',
        'subgraph track_1["Management"]',
        'subgraph track_2["Shared#58; IC, Growth"]',
    ]
    assert '    r_a["A"]\n    r_b["B"]\n  end\n' in text


def test_dot_draws_one_cluster_per_set_of_tracks(run: Run, tmp_path: Path) -> None:
    text = export(run, write_ladder(tmp_path, LADDER), "dot")
    assert [line.strip() for line in text.splitlines() if line.strip().startswith("label=")] == [
        'label="Shared: IC, Management";',
        'label="Management";',
        'label="Shared: IC, Growth";',
    ]
    assert (
        "  subgraph cluster_0 {\n"
        '    label="Shared: IC, Management";\n'
        '    "a" [label="A\\n(a)"];\n'
        '    "b" [label="B\\n(b)"];\n'
        "  }\n"
    ) in text


def test_the_overview_has_one_column_per_set_of_tracks(tmp_path: Path) -> None:
    grid = svg_overview.layout(load_ladder(write_ladder(tmp_path, LADDER)))
    assert [column.name for column in grid.columns] == ["Management", "IC + Management", "IC + Growth"]
    # Both roles of the shared rung stand in its one column.
    assert grid.boxes["a"].x == grid.boxes["b"].x


def test_the_installed_command_names_one_shared_box(tmp_path: Path) -> None:
    path = write_ladder(tmp_path, LADDER)
    result = subprocess.run(
        [installed_script(), "--ladder", str(path), "export", "-f", "dot"],
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.count("Shared: IC, Management") == 1
    assert "Management, IC" not in result.stdout
