"""`pmpath plan TO --me FILE`: a growth plan from a person's own levels, as
JSON, as a terminal view and as Markdown to share."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from markdown_it.token import Token

from pmpath.queries.plan import focus_rule
from tests.conftest import LADDERS, Run, bundled_role, installed_script, run_json, write_ladder
from tests.test_grammar import assert_same
from tests.test_markdown_safety import gfm
from tests.test_process import clean_env, run_on_terminal

REPO = Path(__file__).resolve().parent.parent
MY_LEVELS = str(REPO / "docs" / "my-levels.yaml")
WORDS = str(LADDERS / "format2" / "words_only.yaml")
WIDE = {"COLUMNS": "200"}


def _statements(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value


def _brief(role_id: str, level_label: str, track: str) -> dict[str, Any]:
    role = bundled_role(role_id)
    return {
        "id": role_id,
        "title": role["title"],
        "level": role["level"],
        "level_label": level_label,
        "track": track,
        "tracks": [track],
    }


def _focus(role_id: str, competency: str, name: str, area: str, now: int) -> dict[str, Any]:
    """A focus area as the bundled ladder writes the goal's cell."""
    cell = bundled_role(role_id)["competencies"][competency]
    return {
        "competency": {"id": competency, "name": name, "area": area},
        "now": now,
        "needed": cell["level"],
        "gap": cell["level"] - now,
        "behaviours": _statements(cell["expectation"]),
        "examples": cell.get("examples", []),
        "not_yet": cell.get("not_yet", []),
    }


def _move_signals(before: str, after: str) -> list[str]:
    move = next(m for m in bundled_role(before)["next"] if isinstance(m, dict) and m["to"] == after)
    signals: list[str] = move.get("ready_when", [])
    return signals


PM = _brief("pm", "Mid-level", "individual-contributor")
SENIOR = _brief("senior-pm", "Senior", "individual-contributor")
DIRECTOR = _brief("director", "Senior lead", "management")
LEAVING_PM = {
    "from": {"id": "pm", "title": "Product Manager"},
    "to": {"id": "senior-pm", "title": "Senior Product Manager"},
    "kind": "promotion",
    "move_ready_when": _move_signals("pm", "senior-pm"),
    "ready_when": bundled_role("pm")["ready_when"],
    # The latest assessment of docs/my-levels.yaml answers these two yes.
    "met": [
        "You have taken a problem with no agreed answer from framing to a shipped result.",
        "You settle priority clashes with neighbouring teams without your manager stepping in.",
    ],
}
SIGNALS_COUNT = {"signals_met": 2, "signals_total": 7, "signals_answered_on": "2026-10-15"}
NOT_ASSESSED = [{"id": "technical-fluency", "name": "Technical fluency"}]


# -- JSON ------------------------------------------------------------------------------
def test_json_for_the_readme_levels_against_senior_pm(run: Run) -> None:
    assert run_json(run, "plan", "senior-pm", "--me", MY_LEVELS) == {
        "goal": SENIOR,
        "start": PM,
        "route": [{**PM, "kind": None}, {**SENIOR, "kind": "promotion"}],
        "route_found": True,
        "rule": focus_rule("Senior Product Manager"),
        # data-analytics is 2 short; then three competencies 1 short, in ladder order.
        "focus": [
            _focus("senior-pm", "data-analytics", "Data and analytics", "evidence", 2),
            _focus("senior-pm", "business-acumen", "Business acumen", "direction", 2),
            _focus("senior-pm", "communication", "Communication and influence", "people", 3),
        ],
        "also_short": [
            {
                "competency": {
                    "id": "leadership",
                    "name": "Leadership and people development",
                    "area": "people",
                },
                "now": 2,
                "needed": 3,
                "gap": 1,
            }
        ],
        "not_assessed": NOT_ASSESSED,
        "measured": 7,
        "all_met": False,
        "words_only": False,
        "signals": [LEAVING_PM],
        **SIGNALS_COUNT,
    }


def test_json_for_the_readme_levels_against_director(run: Run) -> None:
    data = run_json(run, "plan", "director", "--me", MY_LEVELS)
    assert data["goal"] == DIRECTOR and data["start"] == PM
    assert [(step["id"], step["kind"]) for step in data["route"]] == [
        ("pm", None),
        ("senior-pm", "promotion"),
        ("director", "promotion"),
    ]
    assert data["focus"] == [
        _focus("director", "leadership", "Leadership and people development", "people", 2),
        _focus("director", "product-strategy", "Product strategy", "direction", 3),
        _focus("director", "business-acumen", "Business acumen", "direction", 2),
    ]
    assert [(s["competency"]["id"], s["gap"]) for s in data["also_short"]] == [
        ("data-analytics", 2),
        ("communication", 1),
    ]
    assert data["not_assessed"] == NOT_ASSESSED
    assert data["signals"] == [
        LEAVING_PM,
        {
            "from": {"id": "senior-pm", "title": "Senior Product Manager"},
            "to": {"id": "director", "title": "Director of Product"},
            "kind": "promotion",
            "move_ready_when": _move_signals("senior-pm", "director"),
            "ready_when": bundled_role("senior-pm")["ready_when"],
            "met": [],
        },
    ]


# -- the focus rule ---------------------------------------------------------------------
RULE_LADDER = """
scale: [{level: 1, name: One}, {level: 2, name: Two}, {level: 3, name: Three}, {level: 4, name: Four}]
competencies:
  - {id: a, name: Alpha}
  - {id: b, name: Beta}
  - {id: c, name: Gamma}
  - {id: d, name: Delta}
  - {id: e, name: Epsilon}
  - {id: f, name: Phi}
roles:
  - id: junior
    title: Junior
    level: 1
    ready_when: [Ships alone.]
    next:
      - to: senior
        ready_when: [Leads a project.]
  - id: senior
    title: Senior
    level: 2
    competencies:
      a: {level: 2, expectation: [Does A., Teaches A.], examples: [An A.], not_yet: [Waits for A.]}
      b: {level: 3, expectation: Does B.}
      c: {level: 4, expectation: Does C.}
      d: {level: 4, expectation: Does D.}
      e: {expectation: In words.}
  - {id: side, title: Side, level: 1}
"""


def _plan(run: Run, tmp_path: Path, me: str, to: str = "senior") -> Any:
    ladder = write_ladder(tmp_path, RULE_LADDER)
    path = write_ladder(tmp_path, me, "me.yaml")
    return run_json(run, "--ladder", str(ladder), "plan", to, "--me", str(path))


def _plan_view(run: Run, tmp_path: Path) -> str:
    """The terminal view of the plan `_plan` made."""
    ladder, me = tmp_path / "ladder.yaml", tmp_path / "me.yaml"
    return run("--ladder", str(ladder), "plan", "senior", "--me", str(me), env=WIDE).stdout


def test_focus_is_the_largest_gaps_with_ties_in_ladder_order(run: Run, tmp_path: Path) -> None:
    # d is left out: the largest gap if counted as 0, yet never a focus area.
    data = _plan(run, tmp_path, "role: junior\ncompetencies: {a: 1, b: 1, c: 2, e: 1, f: 1}\n")
    assert [(f["competency"]["id"], f["now"], f["needed"], f["gap"]) for f in data["focus"]] == [
        ("b", 1, 3, 2),
        ("c", 2, 4, 2),
        ("a", 1, 2, 1),
    ]
    assert data["focus"][2]["behaviours"] == ["Does A.", "Teaches A."]
    assert data["focus"][2]["examples"] == ["An A."] and data["focus"][2]["not_yet"] == ["Waits for A."]
    assert data["also_short"] == []
    assert data["not_assessed"] == [{"id": "d", "name": "Delta"}]
    # e is in words and f not described by the goal: neither is measured.
    assert data["measured"] == 3


def test_at_most_three_focus_areas_the_rest_also_short(run: Run, tmp_path: Path) -> None:
    data = _plan(run, tmp_path, "role: junior\ncompetencies: {a: 1, b: 2, c: 3, d: 3}\n")
    assert [f["competency"]["id"] for f in data["focus"]] == ["a", "b", "c"]
    assert [(s["competency"]["id"], s["gap"]) for s in data["also_short"]] == [("d", 1)]
    assert data["not_assessed"] == []


def test_no_gaps_means_focus_on_the_signals(run: Run, tmp_path: Path) -> None:
    me = "role: junior\ncompetencies: {a: 4, b: 3, c: 4, d: 4}\n"
    data = _plan(run, tmp_path, me)
    assert (data["focus"], data["also_short"], data["all_met"], data["measured"]) == ([], [], True, 4)
    assert data["signals"][0]["move_ready_when"] == ["Leads a project."]
    assert data["signals"][0]["ready_when"] == ["Ships alone."]
    ladder = write_ladder(tmp_path, RULE_LADDER)
    out = run("--ladder", str(ladder), "plan", "senior", "--me", str(tmp_path / "me.yaml"), env=WIDE).stdout
    assert "You meet every level you assessed for Senior: focus on the readiness signals of the move." in out
    assert "☐ Leads a project." in out and "☐ Ships alone." in out


def test_no_role_in_the_file_plans_against_the_goal_without_a_route(run: Run, tmp_path: Path) -> None:
    data = _plan(run, tmp_path, "competencies: {b: 1}\n")
    assert (data["start"], data["route"], data["route_found"], data["signals"]) == (None, [], False, [])
    assert [f["competency"]["id"] for f in data["focus"]] == ["b"]
    out = _plan_view(run, tmp_path)
    assert "Your file names no role you hold now ('role:'), so there is no route to show" in out


def test_no_route_is_said_plainly(run: Run, tmp_path: Path) -> None:
    data = _plan(run, tmp_path, "role: side\ncompetencies: {b: 1}\n")
    assert (data["start"]["id"], data["route"], data["route_found"]) == ("side", [], False)
    assert [f["competency"]["id"] for f in data["focus"]] == ["b"]
    out = _plan_view(run, tmp_path)
    assert "No route leads from Side to Senior by the ladder's moves" in out


def test_a_ladder_in_words_only_plans_without_levels(run: Run, tmp_path: Path) -> None:
    me = write_ladder(tmp_path, "role: agent\ncompetencies: {empathy: 2}\n", "me.yaml")
    data = run_json(run, "--ladder", WORDS, "plan", "support-lead", "--me", str(me))
    assert (data["focus"], data["measured"], data["all_met"], data["words_only"]) == ([], 0, False, True)
    assert [(s["from"]["id"], s["kind"]) for s in data["signals"]] == [
        ("agent", "promotion"),
        ("senior-agent", "apply"),
    ]
    out = run("--ladder", WORDS, "plan", "support-lead", "--me", str(me), env=WIDE).stdout
    assert "This ladder describes its levels in words, without numbers, so there are no gaps to rank" in out


# -- the terminal view ------------------------------------------------------------------
def test_human_view_shows_route_rule_focus_and_signals(run: Run) -> None:
    result = run("plan", "senior", "--me", MY_LEVELS, env=WIDE)
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    for text in (
        "Growth plan for Senior Product Manager (senior-pm)",
        "From Product Manager (pm), 1 move: pm → senior-pm (promotion)",
        focus_rule("Senior Product Manager"),
        "1. Data and analytics now 2 Developing · needed 4 Advanced ▲ +2",
        "2. Business acumen now 2 Developing · needed 3 Proficient ▲ +1",
        "3. Communication and influence now 3 Proficient · needed 4 Advanced ▲ +1",
        "Also below the level asked for Leadership and people development 2 → 3",
        "Not assessed (not counted, not chosen as focus) Technical fluency",
        "Readiness signals to collect evidence for Leaving Product Manager for Senior Product Manager:",
        *(
            f"{'☑' if signal in LEAVING_PM['met'] else '☐'} {signal}"
            for signal in LEAVING_PM["move_ready_when"] + LEAVING_PM["ready_when"]
        ),
        "2 of 7 signals met (from your answers up to 2026-10-15)",
        *(f"• {text}" for text in _focus("senior-pm", "data-analytics", "", "", 0)["behaviours"]),
        *(f"◦ {text}" for text in _focus("senior-pm", "data-analytics", "", "", 0)["not_yet"]),
    ):
        assert text in out, text


def test_a_focus_area_without_not_yet_signs_says_so(run: Run, tmp_path: Path) -> None:
    ladder = write_ladder(tmp_path, RULE_LADDER)
    me = write_ladder(tmp_path, "competencies: {b: 1}\n", "me.yaml")
    out = run("--ladder", str(ladder), "plan", "senior", "--me", str(me), env=WIDE).stdout
    assert "The ladder gives no not-yet signs for this level." in out
    markdown = run("--ladder", str(ladder), "plan", "senior", "--me", str(me), "-o", "-").stdout
    assert "**Not yet there when**\n\nThe ladder gives no not-yet signs for this level.\n" in markdown


# -- Markdown ---------------------------------------------------------------------------
EXPECTED_MARKDOWN = """\
# Growth plan: Senior

- **Goal:** Senior (senior)
- **Now:** Junior (junior)
- **Route:** Junior → Senior (promotion)

## Focus areas

{rule}

### 1. Beta

Now 1 (One); needed 3 (Three); a gap of 2 levels.

**What Senior does here**

- Does B.

**Not yet there when**

The ladder gives no not-yet signs for this level.

### 2. Alpha

Now 1 (One); needed 2 (Two); a gap of 1 level.

**What Senior does here**

- Does A.
- Teaches A.

**Examples**

- An A.

**Not yet there when**

- Waits for A.

## Not assessed

Not counted, and not chosen as focus areas.

- Gamma
- Delta

## Readiness signals to collect evidence for

### Leaving Junior for Senior

- [ ] Leads a project.
- [ ] Ships alone.

0 of 2 signals met (none answered yet).
"""


def test_markdown_of_a_small_ladder(run: Run, tmp_path: Path) -> None:
    ladder = write_ladder(tmp_path, RULE_LADDER)
    me = write_ladder(tmp_path, "role: junior\ncompetencies: {a: 1, b: 1}\n", "me.yaml")
    result = run("--ladder", str(ladder), "plan", "senior", "--me", str(me), "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == EXPECTED_MARKDOWN.format(rule=focus_rule("Senior"))


def test_o_writes_the_file_and_overwrites_it(run: Run, tmp_path: Path) -> None:
    ladder = write_ladder(tmp_path, RULE_LADDER)
    me = write_ladder(tmp_path, "role: junior\ncompetencies: {a: 1, b: 1}\n", "me.yaml")
    target = tmp_path / "plan.md"
    target.write_text("an older plan\n", encoding="utf-8")
    result = run("--ladder", str(ladder), "plan", "senior", "--me", str(me), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", f"Wrote {target}\n")
    assert target.read_text(encoding="utf-8") == EXPECTED_MARKDOWN.format(rule=focus_rule("Senior"))
    assert me.read_text(encoding="utf-8") == "role: junior\ncompetencies: {a: 1, b: 1}\n"


def test_o_never_writes_over_the_me_file(run: Run, tmp_path: Path) -> None:
    ladder = write_ladder(tmp_path, RULE_LADDER)
    me = write_ladder(tmp_path, "role: junior\ncompetencies: {a: 1, b: 1}\n", "me.yaml")
    (tmp_path / "again.yaml").symlink_to(me)
    for given in (me, tmp_path / "again.yaml"):
        result = run("--ladder", str(ladder), "plan", "senior", "--me", str(me), "-o", str(given))
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            f"pmpath: error: -o {given} is the --me file; the plan would replace your assessments\n"
        )
    assert me.read_text(encoding="utf-8") == "role: junior\ncompetencies: {a: 1, b: 1}\n"


# Ladder text that would be Markdown syntax or HTML if written as it is.
HOSTILE_TEXTS = (
    "*bold* _em_ **strong**",
    "# heading",
    "a | b | c",
    "[x](https://example.com/y)",
    "![img](https://example.com/i.png)",
    "`code` and ``more``",
    "```",
    "<script>alert(1)</script>",
    "- item",
    "1. first",
    "+ plus",
    "> quote",
    "&amp; &#65;",
    "<https://example.com> https://example.com/a, www.example.com and example.com/b",
    "---",
    "Title\n===",
    "~~gone~~ $x^2$ and a note[^1]",
)


def _hostile_ladder(texts: tuple[str, ...]) -> str:
    """RULE_LADDER's shape with every name, title and statement taken from `texts`."""

    def q(index: int) -> str:
        return json.dumps(texts[index % len(texts)])

    return f"""
scale: [{{level: 1, name: {q(0)}}}, {{level: 2, name: {q(1)}}}, {{level: 3, name: {q(2)}}}]
competencies:
  - {{id: a, name: {q(3)}}}
  - {{id: b, name: {q(4)}}}
  - {{id: c, name: {q(5)}}}
  - {{id: d, name: {q(6)}}}
roles:
  - id: junior
    title: {q(7)}
    level: 1
    ready_when: [{q(8)}, {q(9)}]
    next:
      - to: senior
        ready_when: [{q(10)}, {q(11)}]
  - id: senior
    title: {q(12)}
    level: 2
    competencies:
      a: {{level: 3, expectation: [{q(13)}, {q(14)}], examples: [{q(15)}], not_yet: [{q(16)}, {q(0)}]}}
      b: {{level: 3, expectation: [{q(1)}], not_yet: [{q(2)}]}}
      c: {{level: 2, expectation: [{q(3)}]}}
      d: {{level: 2, expectation: [{q(4)}]}}
"""


def _shape(tokens: list[Token]) -> list[tuple[str, ...]]:
    """The document's structure: every block token and every inline one but text."""
    shape: list[tuple[str, ...]] = []
    for token in tokens:
        shape.append((token.type, token.tag, token.markup))
        for child in token.children or []:
            if child.type not in ("text", "softbreak"):
                shape.append(("  " + child.type, child.tag, child.markup))
    return shape


def _plain(tokens: list[Token]) -> str:
    return "".join(
        child.content for token in tokens for child in token.children or [] if child.type == "text"
    )


def _markdown(run: Run, tmp_path: Path, texts: tuple[str, ...], name: str) -> str:
    ladder = write_ladder(tmp_path, _hostile_ladder(texts), f"{name}.yaml")
    # a and b fall short; c is also short (the rest); d is not assessed.
    me = write_ladder(tmp_path, "role: junior\ncompetencies: {a: 1, b: 1, c: 1}\n", "me.yaml")
    result = run("--ladder", str(ladder), "plan", "senior", "--me", str(me), "-o", "-")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_markdown_is_safe_for_any_ladder_text(run: Run, tmp_path: Path) -> None:
    """Parsed by a CommonMark parser, the plan of a hostile ladder has the
    very structure of the plan of a ladder in plain words: no link, image,
    heading, emphasis, code, list or HTML comes from the ladder's text, which
    reads back literally."""
    plain = tuple(f"word{i}" for i in range(len(HOSTILE_TEXTS)))
    parser = gfm()
    hostile_tokens = parser.parse(_markdown(run, tmp_path, HOSTILE_TEXTS, "hostile"))
    assert _shape(hostile_tokens) == _shape(parser.parse(_markdown(run, tmp_path, plain, "plain")))
    text = _plain(hostile_tokens)
    for hostile in HOSTILE_TEXTS:
        assert " ".join(hostile.split()) in text, hostile
    assert not any(t.type.startswith(("html", "link", "image", "code", "fence")) for t in hostile_tokens)


def test_human_view_shows_hostile_text_literally(run: Run, tmp_path: Path) -> None:
    ladder = write_ladder(tmp_path, _hostile_ladder(HOSTILE_TEXTS))
    me = write_ladder(tmp_path, "role: junior\ncompetencies: {a: 1}\n", "me.yaml")
    out = run("--ladder", str(ladder), "plan", "senior", "--me", str(me), env=WIDE).stdout
    assert "[x](https://example.com/y)" in out and "<script>alert(1)</script>" in out


# -- errors -----------------------------------------------------------------------------
def test_a_bad_me_file_is_one_error_at_file_line(run: Run, tmp_path: Path) -> None:
    me = write_ladder(tmp_path, "role: pm\ncompetencies:\n  strategy: 3\n", "me.yaml")
    result = run("plan", "senior", "--me", str(me))
    assert result.exit_code == 1
    assert (
        result.stderr.startswith(f"pmpath: error: {me}:3: ")
        and "unknown competency 'strategy'" in result.stderr
    )
    assert result.stdout == ""


def test_an_unknown_goal_is_a_usage_error(run: Run) -> None:
    result = run("plan", "astronaut", "--me", MY_LEVELS)
    assert result.exit_code == 2
    assert "no role matches 'astronaut'" in result.stderr and result.stdout == ""


@pytest.mark.parametrize(
    "argv",
    [
        ["plan", "senior"],
        ["plan", "--me", MY_LEVELS],
        ["plan", "senior", "--me", MY_LEVELS, "--json", "-o", "-"],
    ],
)
def test_usage_errors(run: Run, argv: list[str]) -> None:
    assert run(*argv).exit_code == 2


def test_the_entry_point_leaves_a_missing_me_to_typer() -> None:
    """--me is required: the fast path must not run `plan` without it."""
    assert_same(["plan", "senior"], {"PMPATH_LADDER": None})
    assert_same(["plan", "senior", "-o", "-"], {"PMPATH_LADDER": None})


def test_a_ladder_without_competencies_has_nothing_to_plan(run: Run, tmp_path: Path) -> None:
    ladder = write_ladder(tmp_path, "roles:\n  - {id: a, title: A, level: 1}\n")
    me = write_ladder(tmp_path, "competencies: {}\n", "me.yaml")
    result = run("--ladder", str(ladder), "plan", "a", "--me", str(me))
    assert result.exit_code == 1
    assert "this ladder defines no competencies, so there is nothing to plan" in result.stderr


# -- the installed program --------------------------------------------------------------
def test_installed_program_writes_the_plan(tmp_path: Path) -> None:
    process = subprocess.run(
        [installed_script(), "plan", "Senior", "--me", MY_LEVELS, "-o", "plan.md"],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (process.returncode, process.stdout, process.stderr) == (0, "", "Wrote plan.md\n")
    page = (tmp_path / "plan.md").read_text(encoding="utf-8")
    assert page.startswith("# Growth plan: Senior Product Manager\n")
    assert "### 1. Data and analytics\n" in page


def test_on_a_terminal_short_is_work_to_do_and_met_is_calm(tmp_path: Path) -> None:
    out = run_on_terminal("plan", "senior", "--me", MY_LEVELS)
    assert "\x1b[1;33mnow 2 Developing" in out  # SHORT_STYLE, bold yellow
    me = tmp_path / "me.yaml"
    me.write_text("role: pm\ncompetencies: {execution: 5}\n", encoding="utf-8")
    out = run_on_terminal("plan", "senior", "--me", str(me))
    assert "\x1b[1;32mYou meet every level you assessed" in out  # MET_STYLE, green
    assert "\x1b[31m" not in out and "\x1b[1;31m" not in out
