"""Readiness signals answered yes in a `--me` file show as met in `gap --me`,
`plan` (terminal, Markdown, JSON) and the gap `assess` prints."""

from __future__ import annotations

import datetime
import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Run, assess_here, bundled_role, installed_script, run_json, write_ladder
from tests.test_markdown_safety import gfm

REPO = Path(__file__).resolve().parent.parent
MY_LEVELS = str(REPO / "docs" / "my-levels.yaml")
WIDE = {"COLUMNS": "200"}
FRAMING = "You have taken a problem with no agreed answer from framing to a shipped result."
CLASHES = "You settle priority clashes with neighbouring teams without your manager stepping in."
LEADERS = "Leaders ask for your view on plans beyond your own area."


def _move_signals(before: str, after: str) -> list[str]:
    move = next(m for m in bundled_role(before)["next"] if isinstance(m, dict) and m["to"] == after)
    signals: list[str] = move.get("ready_when", [])
    return signals


def _flat(text: str) -> str:
    return " ".join(text.split())


# -- gap --me -----------------------------------------------------------------------------
def test_gap_json_lists_the_signals_answered_yes(run: Run) -> None:
    data = run_json(run, "gap", "--me", MY_LEVELS, "senior")
    assert data["signals"] == [
        {
            "id": "pm",
            "title": "Product Manager",
            "ready_when": bundled_role("pm")["ready_when"],
            "kind": "promotion",
            "move_ready_when": _move_signals("pm", "senior-pm"),
            # The move's signal first, as listed; "Leaders ask..." was answered not yet.
            "met": [FRAMING, CLASHES],
        }
    ]
    assert (data["signals_met"], data["signals_total"], data["signals_answered_on"]) == (2, 7, "2026-10-15")


def test_gap_shows_met_signals_checked_and_counts_them(run: Run) -> None:
    result = run("gap", "--me", MY_LEVELS, "senior", env=WIDE)
    assert result.exit_code == 0, result.stderr
    out = _flat(result.stdout)
    assert f"☑ {FRAMING}" in out and f"☑ {CLASHES}" in out
    assert f"☐ {LEADERS}" in out  # answered not yet
    assert "☐ Teams next to yours plan against" in out  # never answered
    assert out.count("☑") == 2
    assert "2 of 7 signals met (from your answers up to 2026-10-15)" in out


def test_gap_between_two_roles_has_no_answers(run: Run) -> None:
    data = run_json(run, "gap", "pm", "senior")
    assert data["signals"][0]["met"] == []
    assert (data["signals_met"], data["signals_total"], data["signals_answered_on"]) == (0, 7, None)
    out = _flat(run("gap", "pm", "senior", env=WIDE).stdout)
    assert "☑" not in out and "signals met" not in out


TWO_SIGNALS = """
scale: [{level: 1, name: One}, {level: 2, name: Two}]
competencies: [{id: a, name: Alpha}]
roles:
  - id: junior
    title: Junior
    level: 1
    ready_when: [Ships alone, Leads a project]
    next: [senior]
    competencies: {a: {level: 1, expectation: Does A.}}
  - id: senior
    title: Senior
    level: 2
    competencies: {a: {level: 2, expectation: Does more A.}}
"""


def _history(*assessments: tuple[str, dict[str, str]]) -> str:
    """A --me file in the history form: (date, {signal: answer}) per assessment."""
    entries = [
        {
            "date": date,
            "role": "junior",
            "competencies": {"a": 1},
            "signals": [{"signal": s, "answer": a} for s, a in answers.items()],
        }
        for date, answers in assessments
    ]
    return json.dumps({"assessments": entries})


@pytest.mark.parametrize(
    ("assessments", "met", "answered_on"),
    [
        # A later "not yet" takes back an earlier yes; a signal left out keeps its answer.
        (
            [
                ("2025-01-01", {"Ships alone": "yes", "Leads a project": "yes"}),
                ("2025-02-01", {"Ships alone": "not yet"}),
            ],
            ["Leads a project"],
            "2025-02-01",
        ),
        # The file's order does not matter: the latest by date wins.
        (
            [("2025-02-01", {"Ships alone": "yes"}), ("2025-01-01", {"Ships alone": "not yet"})],
            ["Ships alone"],
            "2025-02-01",
        ),
        # The date is that of the newest assessment with answers, not of the latest one.
        ([("2025-01-01", {"Ships alone": "yes"}), ("2025-02-01", {})], ["Ships alone"], "2025-01-01"),
        ([("2025-01-01", {})], [], None),
    ],
)
def test_the_latest_answer_wins(
    run: Run,
    tmp_path: Path,
    assessments: list[tuple[str, dict[str, str]]],
    met: list[str],
    answered_on: str | None,
) -> None:
    ladder = write_ladder(tmp_path, TWO_SIGNALS)
    me = write_ladder(tmp_path, _history(*assessments), "me.json")
    gap = run_json(run, "--ladder", str(ladder), "gap", "--me", str(me), "senior")
    assert gap["signals"][0]["met"] == met
    assert (gap["signals_met"], gap["signals_answered_on"]) == (len(met), answered_on)
    plan = run_json(run, "--ladder", str(ladder), "plan", "senior", "--me", str(me))
    assert plan["signals"][0]["met"] == met
    assert (plan["signals_met"], plan["signals_total"], plan["signals_answered_on"]) == (
        len(met),
        2,
        answered_on,
    )
    out = _flat(run("--ladder", str(ladder), "gap", "--me", str(me), "senior", env=WIDE).stdout)
    when = f"from your answers up to {answered_on}" if answered_on else "none answered yet"
    assert f"{len(met)} of 2 signals met ({when})" in out


def test_a_signal_with_control_characters_matches_and_shows_escaped(run: Run, tmp_path: Path) -> None:
    """The terminal view sees an escaped copy of the result: the answers are
    escaped the same way as the ladder's text, so they still match."""
    ladder = write_ladder(tmp_path, TWO_SIGNALS.replace("Ships alone", '"Ships \\e[31malone"'))
    me = write_ladder(tmp_path, _history(("2025-01-01", {"Ships \x1b[31malone": "yes"})), "me.json")
    result = run("--ladder", str(ladder), "gap", "--me", str(me), "senior", env=WIDE)
    assert result.exit_code == 0, result.stderr
    assert "☑ Ships \\x1b[31malone" in result.stdout
    assert "\x1b" not in result.stdout
    plan = run("--ladder", str(ladder), "plan", "senior", "--me", str(me), env=WIDE).stdout
    assert "☑ Ships \\x1b[31malone" in plan


# -- plan ---------------------------------------------------------------------------------
def test_plan_terminal_and_markdown_check_the_met_signals(run: Run) -> None:
    out = _flat(run("plan", "senior", "--me", MY_LEVELS, env=WIDE).stdout)
    assert f"☑ {FRAMING}" in out and f"☑ {CLASHES}" in out and f"☐ {LEADERS}" in out
    assert out.count("☑") == 2
    assert "2 of 7 signals met (from your answers up to 2026-10-15)" in out
    markdown = run("plan", "senior", "--me", MY_LEVELS, "-o", "-").stdout
    signals = [*_move_signals("pm", "senior-pm"), *bundled_role("pm")["ready_when"]]
    expected = "\n".join(f"- [{'x' if s in (FRAMING, CLASHES) else ' '}] {s}" for s in signals)
    assert f"\n\n{expected}\n\n2 of 7 signals met (from your answers up to 2026-10-15).\n" in markdown


# Signal texts that would be task boxes, links or other syntax if written as they are.
TRICKY = ("[ ] an empty box", "] [x] closes a box", "- [x] nested", "[x](https://example.com)", "<b>bold</b>")


def test_markdown_task_items_stay_literal(run: Run, tmp_path: Path) -> None:
    texts = ", ".join(json.dumps(t) for t in TRICKY)
    ladder = write_ladder(tmp_path, TWO_SIGNALS.replace("[Ships alone, Leads a project]", f"[{texts}]"))
    me = write_ladder(tmp_path, _history(("2025-01-01", {TRICKY[1]: "yes", TRICKY[2]: "yes"})), "me.json")
    markdown = run("--ladder", str(ladder), "plan", "senior", "--me", str(me), "-o", "-").stdout
    assert [line for line in markdown.splitlines() if line.startswith("- [")] == [
        "- [ ] \\[ \\] an empty box",
        "- [x] \\] \\[x\\] closes a box",
        "- [x] \\- \\[x\\] nested",
        "- [ ] \\[x\\](https\\:\\//example\\.com)",
        "- [ ] \\<b\\>bold\\</b\\>",
    ]
    tokens = gfm().parse(markdown)
    assert not any(t.type.startswith(("html", "link", "image", "code")) for t in tokens)
    for token in tokens:
        assert not any(c.type.startswith(("html", "link", "image")) for c in token.children or [])


# -- assess -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("answer", "box", "count"), [("yes", "☑", "1 of 1 signal met"), ("not yet", "☐", "0 of 1 signal met")]
)
def test_the_gap_assess_prints_uses_the_answers_just_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: str, box: str, count: str
) -> None:
    result = assess_here(monkeypatch, tmp_path / "levels.yaml", f"2\n3\n{answer}\n")
    assert result.exit_code == 0, result.output
    out = _flat(result.stdout)
    assert f"{box} Ships alone" in out
    assert f"{count} (from your answers up to {datetime.date.today().isoformat()})" in out


# -- the installed program ----------------------------------------------------------------
def test_installed_program_reports_the_met_signals() -> None:
    done = subprocess.run(
        [installed_script(), "plan", "senior", "--me", MY_LEVELS, "--json"],
        capture_output=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["signals"][0]["met"] == [FRAMING, CLASHES]
    assert (data["signals_met"], data["signals_total"], data["signals_answered_on"]) == (2, 7, "2026-10-15")
