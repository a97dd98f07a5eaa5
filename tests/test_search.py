"""search: every word, in any order, anywhere in the role; hits labelled as
people name them; bounded input."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from pmpath.cli import launcher
from pmpath.queries.search import MAX_SEARCH_CHARS, MAX_SEARCH_WORDS
from tests.conftest import SMALL, Run, bundled_role, installed_script, run_json, write_ladder
from tests.test_process import clean_env, run_on_terminal

WIDE = {"COLUMNS": "250"}


def ids(run: Run, *args: str) -> list[str]:
    return [hit["id"] for hit in run_json(run, *args)]


def test_several_words_match_in_any_order_anywhere_in_the_role(run: Run) -> None:
    # "build" and "things" are in different pieces of Maker's text, and in one of Junior's.
    expected = [
        {
            "id": "junior",
            "title": "Junior Maker",
            "matches": [
                {"field": "responsibilities", "label": "Responsibilities", "text": "Build small things"}
            ],
        },
        {
            "id": "maker",
            "title": "Maker",
            "matches": [
                {"field": "summary", "label": "Summary", "text": "Builds."},
                {"field": "responsibilities", "label": "Responsibilities", "text": "Build things"},
            ],
        },
    ]
    assert run_json(run, "--ladder", str(SMALL), "search", "things build") == expected
    assert run_json(run, "--ladder", str(SMALL), "search", "BUILD   things") == expected


def test_a_role_needs_every_word(run: Run) -> None:
    assert ids(run, "--ladder", str(SMALL), "search", "plan") == ["junior", "maker"]
    assert ids(run, "--ladder", str(SMALL), "search", "plan shapes") == ["maker"]
    result = run("--ladder", str(SMALL), "search", "plan staff", "--json")
    assert (result.exit_code, result.stdout) == (1, "[]\n")


def test_strategy_roadmap_finds_roles_in_the_bundled_ladder(run: Run) -> None:
    forwards = ids(run, "search", "strategy roadmap")
    assert "senior-pm" in forwards
    assert ids(run, "search", "roadmap strategy") == forwards
    for hit in run_json(run, "search", "strategy roadmap"):
        texts = " ".join(m["text"] for m in hit["matches"]).casefold()
        assert "strategy" in texts and "roadmap" in texts, hit["id"]
        # Every piece shown holds at least one of the words.
        assert all(re.search("strategy|roadmap", m["text"], re.I) for m in hit["matches"]), hit["id"]


def test_words_need_no_quotes(run: Run) -> None:
    quoted = run("search", "strategy roadmap", "--json")
    for argv in (["search", "strategy", "roadmap", "--json"], ["search", "--json", "roadmap", "strategy"]):
        words = run(*argv)
        assert (words.exit_code, sorted(hit["id"] for hit in json.loads(words.stdout))) == (
            0,
            sorted(hit["id"] for hit in json.loads(quoted.stdout)),
        )
    # Through the fast path too, which fills an argument of any number of words itself.
    assert launcher.fast_call(["search", "strategy", "roadmap", "--json"], {}) is not None


def test_quoted_phrases_match_as_written(run: Run) -> None:
    assert ids(run, "--ladder", str(SMALL), "search", "plan follows") == ["junior"]
    assert ids(run, "--ladder", str(SMALL), "search", '"follows the"') == ["junior"]
    result = run("--ladder", str(SMALL), "search", '"plan follows"')
    assert result.exit_code == 1
    assert result.stderr == "No role mentions 'plan follows'.\n"


def test_human_labels_name_things_as_people_do(run: Run) -> None:
    out = run("search", "discovery launch", env=WIDE).stdout
    assert "Execution and delivery:" in out
    out = run("search", "mentor", env=WIDE).stdout
    assert "Ready for the next step when:" in out
    signal = next(m for m in bundled_role("pm")["next"] if m["to"] == "senior-pm")["ready_when"][0]
    out = run("search", "framing shipped result", env=WIDE).stdout
    assert re.search(r"Ready to move to Senior Product Manager when: +" + re.escape(signal), out), out
    for shown in (out, run("search", "strategy roadmap", env=WIDE).stdout):
        assert "competencies." not in shown
        assert "next.ready_when" not in shown
        assert "ready_when" not in shown


def test_json_keeps_field_and_adds_the_human_label(run: Run) -> None:
    hits = run_json(run, "search", "framing shipped result")
    pm = next(hit for hit in hits if hit["id"] == "pm")
    move = next(m for m in pm["matches"] if m["field"] == "next.ready_when")
    assert move["label"] == "Ready to move to Senior Product Manager when"
    labels = {m["field"]: m["label"] for hit in run_json(run, "search", "mentor") for m in hit["matches"]}
    assert labels["ready_when"] == "Ready for the next step when"
    assert labels["competencies.leadership"] == "Leadership and people development"
    assert labels["competencies.leadership.not_yet"] == "Leadership and people development, not yet"


def test_nothing_found_is_exit_1(run: Run) -> None:
    result = run("--ladder", str(SMALL), "search", "zebra plan", "--json")
    assert (result.exit_code, result.stdout) == (1, "[]\n")
    human = run("--ladder", str(SMALL), "search", "zebra plan")
    assert (human.exit_code, human.stdout) == (1, "")
    assert human.stderr == "No role mentions all of 'zebra' and 'plan'.\n"


def test_the_footer_counts_roles_and_says_what_was_looked_for(run: Run) -> None:
    out = run("--ladder", str(SMALL), "search", "plan shapes").stdout
    assert out.rstrip().endswith("1 role mentions all of 'plan' and 'shapes'")


def test_search_text_is_bounded(run: Run) -> None:
    longest = "a" * MAX_SEARCH_CHARS
    assert run("--ladder", str(SMALL), "search", longest).exit_code == 1  # allowed, finds nothing
    result = run("--ladder", str(SMALL), "search", longest + "a")
    assert result.exit_code == 2
    assert result.stderr == (
        f"pmpath: error: search text is too long ({MAX_SEARCH_CHARS + 1} characters): "
        f"give at most {MAX_SEARCH_CHARS}\n"
    )
    words = [f"w{n}" for n in range(MAX_SEARCH_WORDS)]
    assert run("--ladder", str(SMALL), "search", " ".join(words)).exit_code == 1
    result = run("--ladder", str(SMALL), "search", " ".join([*words, "more"]))
    assert result.exit_code == 2
    assert result.stderr == (
        f"pmpath: error: search takes at most {MAX_SEARCH_WORDS} words or phrases, "
        f"not {MAX_SEARCH_WORDS + 1}\n"
    )
    # The same word twice counts once.
    assert run("--ladder", str(SMALL), "search", " ".join(["plan"] * 20)).exit_code == 0


def test_empty_quotes_are_an_empty_search(run: Run) -> None:
    result = run("--ladder", str(SMALL), "search", '"" "  "')
    assert result.exit_code == 2
    assert "search text cannot be empty" in result.stderr


def test_every_word_is_highlighted_on_a_terminal() -> None:
    out = run_on_terminal("search", "strategy roadmap")
    assert "\x1b[1;7mstrategy\x1b[0m" in out
    assert "\x1b[1;7mroadmap\x1b[0m" in out


def test_ladder_text_is_shown_literally_around_highlights(run: Run, tmp_path: Path) -> None:
    ladder = write_ladder(
        tmp_path,
        "roles:\n"
        "  - id: a\n"
        "    title: Alpha\n"
        "    level: 1\n"
        '    summary: "[bold red]plan[/] \\x1b[2J ships"\n',
    )
    result = run("--ladder", str(ladder), "search", "ships [bold", env=WIDE)
    assert result.exit_code == 0
    assert "Summary: [bold red]plan[/] \\x1b[2J ships" in result.stdout
    assert "\x1b" not in result.stdout


def test_search_through_the_installed_entry_point(tmp_path: Path) -> None:
    done = subprocess.run(
        [installed_script(), "--ladder", str(SMALL), "search", "shapes plan", "--json"],
        capture_output=True,
        text=True,
        env=clean_env(),
        check=False,
        cwd=tmp_path,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout) == [
        {
            "id": "maker",
            "title": "Maker",
            "matches": [{"field": "competencies.strategy", "label": "Strategy", "text": "Shapes the plan."}],
        }
    ]
