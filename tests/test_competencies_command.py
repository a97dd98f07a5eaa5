"""pmpath competencies: the areas, the competencies (with the ids a --me file
rates) and the scale, on the bundled ladder and on a user's own."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import yaml

from tests.conftest import BUNDLED_YAML, LADDERS, SMALL, Run, installed_script, run_json, write_ladder
from tests.test_process import clean_env

WIDE = {"COLUMNS": "250"}
WORDS = str(LADDERS / "format2" / "words_only.yaml")
MINIMAL = str(LADDERS / "minimal.yaml")

GROUPED = """\
title: Grouped
areas:
  - {id: craft, name: Craft, description: Making the thing.}
  - {id: people, name: People}
  - {id: empty, name: Empty area, description: Nothing here yet.}
competencies:
  - {id: design, name: Design, area: craft, description: Shapes the product.}
  - {id: loose, name: Loose, description: Belongs to no area.}
  - {id: mentoring, name: Mentoring, area: people}
scale:
  - {level: 1, name: Starting, description: Needs help.}
  - {level: 2, name: Able}
roles:
  - id: a
    title: Alpha
    level: 1
    competencies: {design: 1, mentoring: 2, loose: 1}
"""


def test_json_groups_competencies_under_their_areas(run: Run, tmp_path: Path) -> None:
    ladder = write_ladder(tmp_path, GROUPED)
    assert run_json(run, "--ladder", str(ladder), "competencies") == {
        "areas": [
            {
                "id": "craft",
                "name": "Craft",
                "description": "Making the thing.",
                "competencies": [{"id": "design", "name": "Design", "description": "Shapes the product."}],
            },
            {
                "id": "people",
                "name": "People",
                "description": "",
                "competencies": [{"id": "mentoring", "name": "Mentoring", "description": ""}],
            },
            {"id": "empty", "name": "Empty area", "description": "Nothing here yet.", "competencies": []},
        ],
        "ungrouped": [{"id": "loose", "name": "Loose", "description": "Belongs to no area."}],
        "scale": [
            {"level": 1, "name": "Starting", "description": "Needs help."},
            {"level": 2, "name": "Able", "description": ""},
        ],
        "words_only": False,
    }


def test_json_on_a_ladder_without_areas(run: Run) -> None:
    assert run_json(run, "--ladder", str(SMALL), "competencies") == {
        "areas": [],
        "ungrouped": [
            {"id": "strategy", "name": "Strategy", "description": ""},
            {"id": "delivery", "name": "Delivery", "description": ""},
        ],
        "scale": [
            {"level": 1, "name": "Basic", "description": ""},
            {"level": 2, "name": "Solid", "description": ""},
            {"level": 3, "name": "Strong", "description": ""},
        ],
        "words_only": False,
    }


def test_human_view_shows_areas_then_competencies_then_the_scale(run: Run, tmp_path: Path) -> None:
    ladder = write_ladder(tmp_path, GROUPED)
    result = run("--ladder", str(ladder), "competencies", env=WIDE)
    assert result.exit_code == 0
    out = result.stdout
    assert re.search(r"Craft \(craft\) +Making the thing\.", out), out
    assert re.search(r"Empty area \(empty\) +Nothing here yet\.", out), out
    assert re.search(r"Design +design +Shapes the product\.", out), out
    assert re.search(r"Other *\n +Loose +loose +Belongs to no area\.", out), out
    assert re.search(r"1 +Starting +Needs help\.", out), out
    assert out.index("Areas") < out.index("Competencies") < out.index("Scale")
    assert out.index("Craft (craft)") < out.index("Design")


def test_the_bundled_ladder_shows_every_id_name_and_description(run: Run) -> None:
    out = run("competencies", env=WIDE).stdout
    data = yaml.safe_load(BUNDLED_YAML.read_text(encoding="utf-8"))
    for area in data["areas"]:
        assert f"{area['name']} ({area['id']})" in out
        assert area["description"] in out
    for competency in data["competencies"]:
        assert re.search(rf"{re.escape(competency['name'])} +{competency['id']} +", out), competency["id"]
        assert competency["description"] in out
    for step in data["scale"]:
        assert re.search(rf"{step['level']} +{step['name']} +{re.escape(step['description'])}", out)
    assert "A --me file rates you by these ids" in out


def test_a_ladder_in_words_only(run: Run) -> None:
    data = run_json(run, "--ladder", WORDS, "competencies")
    assert data["areas"] == [] and data["scale"] == []
    assert [c["id"] for c in data["ungrouped"]] == ["empathy", "product-knowledge"]
    assert data["words_only"] is True
    out = run("--ladder", WORDS, "competencies", env=WIDE).stdout
    assert re.search(r"Empathy +empathy", out)
    assert re.search(r"Product knowledge +product-knowledge", out)
    assert "Areas" not in out and "Description" not in out
    assert "This ladder names no scale: each role describes its competencies in words, without levels." in out


def test_a_ladder_without_competencies(run: Run) -> None:
    assert run_json(run, "--ladder", MINIMAL, "competencies") == {
        "areas": [],
        "ungrouped": [],
        "scale": [],
        "words_only": False,
    }
    result = run("--ladder", MINIMAL, "competencies")
    assert result.exit_code == 0
    assert "This ladder defines no competencies." in result.stdout
    assert "Scale" not in result.stdout


def test_ladder_text_is_shown_literally(run: Run, tmp_path: Path) -> None:
    ladder = write_ladder(
        tmp_path,
        "competencies:\n"
        '  - {id: c, name: "[bold red]Loud[/]", description: "\\x1b]0;pwned\\x07 :smile:"}\n'
        "roles:\n"
        "  - {id: a, title: A, level: 1}\n",
    )
    out = run("--ladder", str(ladder), "competencies", env=WIDE).stdout
    assert "[bold red]Loud[/]" in out
    assert "\\x1b]0;pwned\\x07 :smile:" in out
    assert "\x1b" not in out and "\x07" not in out


def test_help_gives_examples(run: Run) -> None:
    out = run("competencies", "--help", env={"COLUMNS": "200"}).stdout
    assert "pmpath competencies --json" in out


def test_through_the_installed_entry_point(tmp_path: Path) -> None:
    def script(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [installed_script(), "--ladder", str(SMALL), "competencies", *args],
            capture_output=True,
            text=True,
            env=clean_env(COLUMNS="100"),
            check=False,
            cwd=tmp_path,
        )

    done = script("--json")
    assert (done.returncode, done.stderr) == (0, "")
    assert [c["id"] for c in json.loads(done.stdout)["ungrouped"]] == ["strategy", "delivery"]
    human = script()
    assert (human.returncode, human.stderr) == (0, "")
    assert re.search(r"Strategy +strategy", human.stdout)
    assert re.search(r"3 +Strong", human.stdout)
