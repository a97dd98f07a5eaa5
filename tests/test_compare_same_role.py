"""compare A A: both names are one role; and compare and path colour a level
still to reach as work to do, and one met or beyond as calm."""

from __future__ import annotations

import re

from pmpath.output.render import MET_STYLE, SHORT_STYLE
from tests.conftest import SMALL, Run, run_json
from tests.test_process import run_on_terminal

# The SGR codes Rich writes for the two styles.
SHORT = "\x1b[1;33m"
MET = "\x1b[32m"


def test_the_same_name_twice_says_it_is_one_role(run: Run) -> None:
    result = run("compare", "pm", "pm")
    assert result.exit_code == 0
    assert result.stdout == (
        "Both names are the same role: Product Manager (pm).\n"
        "Nothing differs between them; pmpath show pm shows the whole role.\n"
    )


def test_two_names_of_one_role(run: Run) -> None:
    result = run("--ladder", str(SMALL), "compare", "jr", "junior")
    assert result.exit_code == 0
    assert result.stdout.startswith("Both names are the same role: Junior Maker (junior).\n")
    assert run("compare", "senior", "senior-pm").stdout.startswith(
        "Both names are the same role: Senior Product Manager (senior-pm).\n"
    )


def test_json_says_same_role(run: Run) -> None:
    same = run_json(run, "compare", "senior", "senior-pm")
    assert same["same_role"] is True
    assert same["a"] == same["b"]
    assert (same["level_change"], same["to_grow"], same["readiness"]) == (0, [], 100.0)
    assert run_json(run, "compare", "pm", "senior-pm")["same_role"] is False


def test_compare_and_path_use_the_shared_colours() -> None:
    assert (SHORT_STYLE, MET_STYLE) == ("bold yellow", "green")  # the codes below stand for these
    upwards = run_on_terminal("compare", "pm", "senior-pm")
    assert re.search(re.escape(SHORT) + r"▲ \+1", upwards)
    assert "▼" not in upwards
    downwards = run_on_terminal("compare", "senior-pm", "pm")
    assert re.search(re.escape(MET) + r"▼ -1", downwards)
    assert "▲" not in downwards
    route = run_on_terminal("path", "pm", "senior-pm")
    assert SHORT + "▲" in route
    assert "\x1b[31m" not in upwards + downwards + route  # never red
