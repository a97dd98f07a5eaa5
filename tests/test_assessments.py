"""Assessments with history: `assess` on a real terminal, `gap --me` over the
latest assessment, `progress`, and hostile `--me` files."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pexpect  # type: ignore[import-untyped]
import pytest
import yaml

from pmpath.ladder.assessment import MAX_ASSESSMENTS, MAX_SIGNALS
from tests.conftest import SMALL, Run, installed_script, interruptible, run_json, write_ladder

README_EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "my-levels.yaml"
STRATEGY_PROMPT = "Strategy [1-3 or a name, skip, back]: "
DELIVERY_PROMPT = "Delivery [1-3 or a name, skip, back]: "
SIGNAL_PROMPT = "Do you show this? [yes/not yet, skip, back]: "
ROLE_PROMPT = "Role held now: "


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- assess on a pseudo-terminal ------------------------------------------------------
def spawn(*args: str, cwd: Path) -> pexpect.spawn:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "PMPATH_LADDER")}
    env.update({"NO_COLOR": "1", "COLUMNS": "200", "TERM": "dumb"})
    return pexpect.spawn(
        installed_script(),
        ["--ladder", str(SMALL), "assess", *args],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(50, 200),
        preexec_fn=interruptible,
    )


def finish(child: pexpect.spawn) -> tuple[int, str]:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, child.before.replace("\r\n", "\n")


def answer(child: pexpect.spawn, prompt: str, text: str) -> None:
    child.expect_exact(prompt)
    child.sendline(text)


@pytest.fixture
def days() -> Iterator[list[datetime.date]]:
    """Today, before and after the test: an assessment is dated one of them."""
    found = [datetime.date.today()]
    yield found


def dated(path: Path, days: list[datetime.date], index: int = -1) -> str:
    """The date of an assessment in the file, checked to be today."""
    days.append(datetime.date.today())
    day = yaml.safe_load(path.read_text())["assessments"][index]["date"]
    assert day in days
    return str(day.isoformat())


def first_assessment(child: pexpect.spawn) -> None:
    """Strategy by name, then back from Delivery to give it by number, skip
    Delivery, and say yes to the move's signal."""
    answer(child, STRATEGY_PROMPT, "SOLID")
    child.expect_exact("(2/3)")
    answer(child, DELIVERY_PROMPT, "b")
    answer(child, STRATEGY_PROMPT, "3")
    answer(child, DELIVERY_PROMPT, "not sure")
    child.expect_exact("(3/3) Ships alone")
    answer(child, SIGNAL_PROMPT, "yes")


def test_assess_shows_the_scale_and_what_the_target_expects(tmp_path: Path) -> None:
    child = spawn("maker", "--from", "jr", "--save", "me.yaml", cwd=tmp_path)
    child.expect_exact(STRATEGY_PROMPT)
    shown = child.before
    assert "(1/3) Strategy" in shown
    assert "  1 Basic\r\n  2 Solid  ← Maker expects this\r\n  3 Strong\r\n" in shown
    assert "  As Maker:\r\n    • Shapes the plan.\r\n" in shown
    child.sendline("4")  # not on the scale
    child.expect_exact("Please answer with 1-3 or a name, skip, back.")
    child.sendline("strong")
    child.expect_exact(DELIVERY_PROMPT)
    child.terminate(force=True)


def test_scale_descriptions_wrap_beside_their_step(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "PMPATH_LADDER")}
    env.update({"NO_COLOR": "1", "COLUMNS": "70", "TERM": "dumb"})
    child = pexpect.spawn(
        installed_script(),
        ["assess", "senior", "--from", "pm"],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=30,
    )
    child.expect_exact("Product strategy [1-5 or a name, skip, back]: ")
    lines = [line.rstrip() for line in child.before.split("\r\n")]
    child.terminate(force=True)
    step = next(i for i, line in enumerate(lines) if line.startswith("  4 Advanced  "))
    # The description goes on under itself, not under the step's name.
    assert lines[step + 1].startswith(" " * len("  4 Advanced  ")) and lines[step + 1].strip()
    assert "  As Senior Product Manager:" in lines


def test_assess_answers_by_number_and_name_skip_back_and_signals(
    tmp_path: Path, days: list[datetime.date]
) -> None:
    child = spawn("maker", "--from", "jr", "--save", "me.yaml", cwd=tmp_path)
    first_assessment(child)
    code, out = finish(child)
    assert code == 0, out
    day = dated(tmp_path / "me.yaml", days)
    assert (tmp_path / "me.yaml").read_text() == (
        "# My competency levels over time, for: pmpath gap --me THIS_FILE ROLE\n"
        "assessments:\n"
        f"- date: {day}\n"
        "  role: junior\n"
        "  target: maker\n"
        "  competencies:\n"
        "    strategy: 3\n"
        "  signals:\n"
        "  - signal: Ships alone\n"
        "    answer: 'yes'\n"
    )
    assert "Readiness: 100% over 1 of 2 competencies; 1 not assessed" in " ".join(out.split())
    assert f"Added the assessment of {day} to me.yaml (1 in all)." in out
    assert os.listdir(tmp_path) == ["me.yaml"]  # no temporary file left behind


def test_a_second_assessment_keeps_the_first(tmp_path: Path, days: list[datetime.date]) -> None:
    child = spawn("maker", "--from", "jr", "--save", "me.yaml", cwd=tmp_path)
    first_assessment(child)
    assert finish(child)[0] == 0
    first_text = (tmp_path / "me.yaml").read_text()
    before = yaml.safe_load(first_text)
    # No --from: the role comes from the file; the signal is the same move's.
    child = spawn("maker", "--save", "me.yaml", cwd=tmp_path)
    answer(child, STRATEGY_PROMPT, "2")
    answer(child, DELIVERY_PROMPT, "Solid")
    answer(child, SIGNAL_PROMPT, "not yet")
    code, out = finish(child)
    assert code == 0, out
    assert "Since " in out  # the change since the first
    after_text = (tmp_path / "me.yaml").read_text()
    assert after_text.startswith(first_text)  # added to, not written again
    after = yaml.safe_load(after_text)
    assert after["assessments"][0] == before["assessments"][0]
    assert after["assessments"][1] == {
        "date": after["assessments"][1]["date"],
        "role": "junior",
        "target": "maker",
        "competencies": {"strategy": 2, "delivery": 2},
        "signals": [{"signal": "Ships alone", "answer": "not yet"}],
    }
    assert "to me.yaml (2 in all)" in out


def test_a_file_in_the_single_form_becomes_the_first_of_a_history(
    tmp_path: Path, days: list[datetime.date]
) -> None:
    """Without --save the file is named only after asking; an old one is kept as the first entry."""
    (tmp_path / "my-levels.yaml").write_text("role: jr  # kept\ncompetencies: {strategy: 1}\n")
    child = spawn("maker", "--from", "junior", cwd=tmp_path)
    answer(child, STRATEGY_PROMPT, "skip")
    answer(child, DELIVERY_PROMPT, "3")
    answer(child, SIGNAL_PROMPT, "y")
    answer(child, "Save this assessment to a file for next time? [y/n] (n): ", "y")
    answer(child, "File name (my-levels.yaml): ", "")
    code, out = finish(child)
    assert code == 0, out
    assert "my-levels.yaml was written out again in the history form; its comments were not kept." in out
    day = dated(tmp_path / "my-levels.yaml", days)
    assert yaml.safe_load((tmp_path / "my-levels.yaml").read_text()) == {
        "assessments": [
            {"role": "jr", "competencies": {"strategy": 1}},
            {
                "date": datetime.date.fromisoformat(day),
                "role": "junior",
                "target": "maker",
                "competencies": {"delivery": 3},
                "signals": [{"signal": "Ships alone", "answer": "yes"}],
            },
        ]
    }


HAND_WRITTEN = """\
# Kept by hand: my notes stay.
assessments:
    # The first one, after my review.
    -   date: 2026-01-05
        role: jr   # then
        competencies: {strategy: 1}
        signals:
          - signal: Ships alone
            answer: yes
# The end.
"""


def test_an_assessment_is_added_to_a_hand_written_file_as_it_is(
    tmp_path: Path, days: list[datetime.date]
) -> None:
    (tmp_path / "me.yaml").write_text(HAND_WRITTEN)
    child = spawn("maker", "--save", "me.yaml", cwd=tmp_path)
    answer(child, STRATEGY_PROMPT, "2")
    answer(child, DELIVERY_PROMPT, "skip")
    answer(child, SIGNAL_PROMPT, "yes")
    code, out = finish(child)
    assert code == 0, out
    day = dated(tmp_path / "me.yaml", days)
    assert (tmp_path / "me.yaml").read_text() == HAND_WRITTEN + (
        f"    - date: {day}\n"
        "      role: junior\n"
        "      target: maker\n"
        "      competencies:\n"
        "        strategy: 2\n"
        "      signals:\n"
        "      - signal: Ships alone\n"
        "        answer: 'yes'\n"
    )
    assert "comments were not kept" not in out


def test_a_file_that_cannot_be_added_to_in_place_keeps_its_answers_in_words(
    tmp_path: Path, days: list[datetime.date]
) -> None:
    # A list in flow style has no end to add a line to: the file is written again.
    (tmp_path / "me.yaml").write_text(
        "assessments: [{date: 2026-01-05, role: jr, competencies: {strategy: 1},"
        " signals: [{signal: Ships alone, answer: yes}]}]\n"
    )
    child = spawn("maker", "--save", "me.yaml", cwd=tmp_path)
    answer(child, STRATEGY_PROMPT, "2")
    answer(child, DELIVERY_PROMPT, "skip")
    answer(child, SIGNAL_PROMPT, "not yet")
    assert finish(child)[0] == 0
    first = yaml.safe_load((tmp_path / "me.yaml").read_text())["assessments"][0]
    assert first["signals"] == [{"signal": "Ships alone", "answer": "yes"}]  # not true


def test_answering_no_to_saving_writes_nothing(tmp_path: Path) -> None:
    child = spawn("maker", cwd=tmp_path)
    answer(child, ROLE_PROMPT, "")  # none: no signals to ask
    answer(child, STRATEGY_PROMPT, "1")
    answer(child, DELIVERY_PROMPT, "1")
    answer(child, "Save this assessment to a file for next time? [y/n] (n): ", "")
    assert finish(child)[0] == 0
    assert os.listdir(tmp_path) == []


def test_assess_asks_the_role_held_when_nothing_names_it(tmp_path: Path, days: list[datetime.date]) -> None:
    child = spawn("maker", "--save", "me.yaml", cwd=tmp_path)
    answer(child, ROLE_PROMPT, "Senior Maker")  # no such role: explained, asked again
    child.expect_exact("no role matches 'Senior Maker'")
    answer(child, ROLE_PROMPT, "JUNIOR")  # a name as people type it
    answer(child, STRATEGY_PROMPT, "1")
    answer(child, DELIVERY_PROMPT, "1")
    child.expect_exact("(3/3) Ships alone")  # the move's signals, now that the start is known
    answer(child, SIGNAL_PROMPT, "yes")
    assert finish(child)[0] == 0
    entry = yaml.safe_load((tmp_path / "me.yaml").read_text())["assessments"][0]
    assert (entry["role"], entry["target"]) == ("junior", "maker")


def test_ctrl_c_at_the_role_question_exits_130_on_a_fresh_line(tmp_path: Path) -> None:
    child = spawn("maker", "--save", "me.yaml", cwd=tmp_path)
    child.expect_exact(ROLE_PROMPT)
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert child.before.endswith("\r\n")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("bad", ["folder", "not assessments"])
def test_a_bad_file_name_at_the_save_prompt_is_asked_again(tmp_path: Path, bad: str) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "not assessments").write_text("competencies: {strategy: 9}\n")
    before = digest(tmp_path / "not assessments")
    child = spawn("maker", "--from", "jr", cwd=tmp_path)
    answer(child, STRATEGY_PROMPT, "1")
    answer(child, DELIVERY_PROMPT, "1")
    answer(child, SIGNAL_PROMPT, "yes")
    answer(child, "Save this assessment to a file for next time? [y/n] (n): ", "yes")  # as signals take it
    answer(child, "File name (my-levels.yaml): ", bad)
    child.expect_exact("Give another file name")
    answer(child, "File name (my-levels.yaml): ", "kept.yaml")
    assert finish(child)[0] == 0
    assert yaml.safe_load((tmp_path / "kept.yaml").read_text())["assessments"][0]["competencies"] == {
        "strategy": 1,
        "delivery": 1,
    }
    assert digest(tmp_path / "not assessments") == before


@pytest.mark.parametrize("where", ["first level", "after back", "signal", "save question"])
def test_ctrl_c_at_any_prompt_exits_130_and_leaves_the_file_as_it_was(tmp_path: Path, where: str) -> None:
    me = tmp_path / "my-levels.yaml"
    me.write_text("# mine\nrole: jr\ncompetencies: {strategy: 1}\n")
    before = digest(me)
    save = ["--save", str(me)] if where != "save question" else ["--from", "jr"]
    child = spawn("maker", *save, cwd=tmp_path)
    if where == "first level":
        child.expect_exact(STRATEGY_PROMPT)
    elif where == "after back":
        answer(child, STRATEGY_PROMPT, "2")
        answer(child, DELIVERY_PROMPT, "back")
        child.expect_exact(STRATEGY_PROMPT)
    else:
        answer(child, STRATEGY_PROMPT, "2")
        answer(child, DELIVERY_PROMPT, "2")
        if where == "signal":
            child.expect_exact(SIGNAL_PROMPT)
        else:
            answer(child, SIGNAL_PROMPT, "yes")
            child.expect_exact("Save this assessment to a file for next time? [y/n] (n): ")
    child.sendintr()
    code, out = finish(child)
    assert code == 130
    assert out.endswith("\n")  # the shell's prompt starts on a fresh line
    assert "Traceback" not in out
    assert digest(me) == before
    assert sorted(os.listdir(tmp_path)) == ["my-levels.yaml"]


def test_assess_refuses_a_bad_save_file_before_asking(tmp_path: Path) -> None:
    me = write_ladder(tmp_path, "assessments:\n  - competencies: {strategy: 9}\n", "me.yaml")
    before = digest(me)
    child = spawn("maker", "--save", str(me), cwd=tmp_path)
    code, out = finish(child)
    assert code == 1
    assert f"{me}:2: 'strategy' must be from 1 to 3, not 9" in out
    assert "Strategy [" not in out
    assert digest(me) == before


def _many(count: int) -> str:
    return "assessments:\n" + "  - competencies: {strategy: 1}\n" * count


SAVE_PROBLEMS = [
    ("a link", lambda d: os.symlink(d / "real.yaml", d / "me.yaml"), "is a symbolic link"),
    ("no folder", None, "there is no folder"),
    ("json cannot carry it", "x-set: !!set {a, b}\nrole: jr\ncompetencies: {strategy: 1}\n", "cannot carry"),
    ("as many as are read", _many(MAX_ASSESSMENTS), f"holds {MAX_ASSESSMENTS} assessments already"),
]


@pytest.mark.parametrize(("name", "setup", "said"), SAVE_PROBLEMS, ids=[case[0] for case in SAVE_PROBLEMS])
def test_assess_refuses_a_file_it_could_not_add_to_before_asking(
    tmp_path: Path, name: str, setup: object, said: str
) -> None:
    (tmp_path / "real.yaml").write_text("role: jr\ncompetencies: {strategy: 1}\n")
    target = tmp_path / ("me.json" if name.startswith("json") else "me.yaml")
    if name == "no folder":
        target = tmp_path / "missing" / "me.yaml"
    elif isinstance(setup, str):
        target.write_text(setup)
    elif callable(setup):
        setup(tmp_path)
    before = {p.name: digest(p) for p in tmp_path.iterdir() if p.is_file() and not p.is_symlink()}
    child = spawn("maker", "--from", "jr", "--save", str(target), cwd=tmp_path)
    code, out = finish(child)
    assert code == 1
    assert said in out
    assert "Strategy [" not in out  # before the first question: no answer is lost
    assert {p.name: digest(p) for p in tmp_path.iterdir() if p.is_file() and not p.is_symlink()} == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file")
def test_assess_refuses_a_read_only_file_before_asking(tmp_path: Path) -> None:
    me = tmp_path / "me.yaml"
    me.write_text("role: jr\ncompetencies: {strategy: 1}\n")
    me.chmod(0o444)
    child = spawn("maker", "--save", str(me), cwd=tmp_path)
    code, out = finish(child)
    assert (code, "is read-only" in out, "Strategy [" in out) == (1, True, False)


def test_assess_without_a_terminal_exits_2(tmp_path: Path) -> None:
    result = subprocess.run(
        [installed_script(), "--ladder", str(SMALL), "assess", "maker", "--save", "me.yaml"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 2
    assert "assess asks questions and needs a terminal" in result.stderr
    assert os.listdir(tmp_path) == []


def test_replace_file_keeps_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmpath.errors import PmpathError
    from pmpath.output import files

    target = tmp_path / "me.yaml"
    target.write_text("old\n")

    def broken(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("pmpath.output.files.os.replace", broken)
    with pytest.raises(PmpathError, match="No space left on device"):
        files.replace_file(target, "new\n")
    assert target.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["me.yaml"]


# -- gap --me over a history --------------------------------------------------------
HISTORY = """\
assessments:
  - date: 2026-03-01
    competencies: {strategy: 2}
  - date: 2026-01-10
    role: jr
    target: maker
    competencies: {strategy: 1, delivery: 2}
    signals:
      - {signal: Ships alone, answer: not yet}
"""


def test_gap_uses_the_latest_by_date_and_shows_the_change_since_the_one_before(
    run: Run, tmp_path: Path
) -> None:
    me = write_ladder(tmp_path, HISTORY, "me.yaml")
    data = run_json(run, "--ladder", str(SMALL), "gap", "--me", str(me), "maker")
    strategy, delivery = data.pop("competencies")
    assert data == {
        "from": None,
        "to": "maker",
        "self_assessed": True,
        "same_role": False,
        "assessed_on": "2026-03-01",
        "previous": {"date": "2026-01-10"},
        "route": ["maker"],
        "route_found": True,
        "signals": [],
        # The earlier assessment answered a signal: none is on this route.
        "signals_met": 0,
        "signals_total": 0,
        "signals_answered_on": "2026-01-10",
        "unrated": ["delivery"],
        "not_assessed": ["delivery"],
        "met": 1,
        "rated": 1,
        "readiness": 100.0,
        "readiness_applicable": True,
    }
    assert {
        k: strategy[k] for k in ("id", "now", "needed", "change", "assessed", "previous", "since_previous")
    } == {
        "id": "strategy",
        "now": 2,
        "needed": 2,
        "change": 0,
        "assessed": True,
        "previous": 1,
        "since_previous": 1,
    }
    assert {
        k: delivery[k] for k in ("id", "now", "needed", "change", "assessed", "previous", "since_previous")
    } == {
        "id": "delivery",
        "now": None,
        "needed": 3,
        "change": None,
        "assessed": False,
        "previous": 2,
        "since_previous": None,
    }
    out = run("--ladder", str(SMALL), "gap", "--me", str(me), "maker", env={"COLUMNS": "120"}).stdout
    assert "Your levels against Maker (maker), as assessed on 2026-03-01 (the Since column" in out
    assert re.search(r"Strategy +2 +2 += 0 +\+1 +Shapes the plan\.", out), out
    assert re.search(r"Delivery +not assessed +3 +— +—$", out, re.MULTILINE), out
    assert "(the Since column: change since 2026-01-10)" in out
    assert "Readiness: 100% over 1 of 2 competencies; 1 not assessed" in out
    assert "Not assessed, so left out of readiness: Delivery" in out


def test_the_readme_two_competency_example_is_no_longer_29_percent(run: Run, tmp_path: Path) -> None:
    """Six competencies left out used to count as 0, giving 29.2%."""
    me = write_ladder(tmp_path, "role: pm\ncompetencies:\n  product-strategy: 3\n  customer-insight: 4\n")
    data = run_json(run, "gap", "--me", str(me), "senior")
    assert (data["readiness"], data["rated"], len(data["unrated"])) == (100.0, 2, 6)
    example = run_json(run, "gap", "--me", str(README_EXAMPLE), "senior")
    assert (example["readiness"], example["not_assessed"]) == (80.0, ["technical-fluency"])
    assert example["previous"] == {"date": "2026-06-01"}


@pytest.mark.parametrize("me", [False, True])
def test_gap_says_when_both_names_are_one_role(run: Run, tmp_path: Path, me: bool) -> None:
    if me:
        path = write_ladder(tmp_path, "role: pm\ncompetencies: {execution: 3}\n", "me.yaml")
        args = ["gap", "--me", str(path), "Product Manager"]
        said = "You hold Product Manager (pm) already."
    else:
        args = ["gap", "pm", "Product Manager"]
        said = "Both names are the same role: Product Manager (pm).\nNothing differs between them"
    assert run_json(run, *args)["same_role"] is True
    shown = run(*args, env={"COLUMNS": "200"}).stdout
    assert said in shown
    # Two names for one role: the note alone, not a table of zero changes.
    assert ("Competencies" in shown) is me
    assert run_json(run, "gap", "pm", "senior")["same_role"] is False


# -- progress -----------------------------------------------------------------------
def test_progress_json(run: Run, tmp_path: Path) -> None:
    me = write_ladder(
        tmp_path,
        HISTORY + "  - date: 2026-05-01\n    competencies: {strategy: 3}\n"
        "    signals: [{signal: Ships alone, answer: yes}, {signal: Leads others, answer: no}]\n",
        "me.yaml",
    )
    assert run_json(run, "--ladder", str(SMALL), "progress", "--me", str(me)) == {
        "assessments": [
            {"date": "2026-01-10", "role": "junior", "target": "maker"},
            {"date": "2026-03-01", "role": None, "target": None},
            {"date": "2026-05-01", "role": None, "target": None},
        ],
        "competencies": [
            {"id": "strategy", "name": "Strategy", "area": "", "levels": [1, 2, 3], "latest": 3, "change": 2},
            {
                "id": "delivery",
                "name": "Delivery",
                "area": "",
                "levels": [2, None, None],
                "latest": None,
                "change": None,
            },
        ],
        "signals": [
            {"signal": "Ships alone", "met": True, "date": "2026-05-01"},
            {"signal": "Leads others", "met": False, "date": "2026-05-01"},
        ],
        "signals_met": 1,
    }


def test_progress_table_and_chart(run: Run, tmp_path: Path) -> None:
    me = write_ladder(tmp_path, HISTORY, "me.yaml")
    out = run("--ladder", str(SMALL), "progress", "--me", str(me), env={"COLUMNS": "100"}).stdout
    assert "Your levels over 2 assessments, from 2026-01-10 to 2026-03-01" in out
    assert re.search(r"Competency +2026-01-10 +2026-03-01 +Chart +Change", out), out
    assert re.search(r"Strategy +1 +2 +▁▅ +\+1", out), out  # the scale is 1-3
    assert re.search(r"Delivery +2 +— +▅· +—$", out, re.MULTILINE), out
    assert "Readiness signals met so far: 0 of 1" in out
    assert "not yet: Ships alone" in out


def test_progress_with_one_assessment(run: Run, tmp_path: Path) -> None:
    me = write_ladder(tmp_path, "role: jr\ncompetencies: {strategy: 3}\n", "me.yaml")
    out = run("--ladder", str(SMALL), "progress", "--me", str(me), env={"COLUMNS": "100"}).stdout
    assert "Your levels, from one assessment (undated)" in out
    assert re.search(r"Strategy +3 +█ +—$", out, re.MULTILINE), out
    assert "No readiness signals answered yet." in out


def test_progress_needs_me(run: Run) -> None:
    result = run("progress")
    assert result.exit_code == 2
    assert "--me" in result.stderr


# -- hostile and malformed --me files ----------------------------------------------
TODAY = datetime.date.today()
BAD = [
    (
        "wrong type",
        "assessments:\n  - date: 2026-01-10\n    competencies: {strategy: two}\n",
        ":3: 'strategy' must be a whole number, not text",
    ),
    (
        "unknown competency",
        "assessments:\n  - competencies:\n      stratgy: 1\n",
        ":3: unknown competency 'stratgy' (did you mean 'strategy'?)",
    ),
    (
        "out of scale",
        "assessments:\n  - competencies: {strategy: 7}\n",
        ":2: 'strategy' must be from 1 to 3, not 7",
    ),
    (
        "huge number",
        "competencies: {strategy: 99999999999999999}\n",
        ":1: 'strategy' must be from 1 to 3, not 999999999999...",
    ),
    (
        "negative number",
        "assessments:\n  - competencies:\n      strategy: -1\n",
        ":3: 'strategy' must be from 1 to 3, not -1",
    ),
    (
        "future date",
        "assessments:\n  - date: 2999-01-01\n    competencies: {strategy: 1}\n",
        f":2: 'date' 2999-01-01 is in the future (today is {TODAY})",
    ),
    (
        "nonsense date",
        'assessments:\n  - date: "2026-02-30"\n    competencies: {strategy: 1}\n',
        ":2: 'date' must be a day like 2026-11-27, not '2026-02-30'",
    ),
    (
        "impossible date",
        "assessments:\n  - date: 2026-13-45\n    competencies: {strategy: 1}\n",
        ":2: '2026-13-45' cannot be read as a date",
    ),
    (
        "date with a time",
        "assessments:\n  - date: 2026-01-10 10:00:00\n    competencies: {strategy: 1}\n",
        ":2: 'date' must be a day like 2026-11-27, without a time, not '2026-01-10 10:00:00'",
    ),
    (
        "date as a number",
        "assessments:\n  - date: 20260110\n    competencies: {strategy: 1}\n",
        ":2: 'date' must be a day like 2026-11-27, not a number",
    ),
    (
        "a list instead of a mapping",
        "- strategy\n- 2\n",
        ":1: a self-assessment must be a mapping with 'assessments:' or 'competencies:', not a list",
    ),
    (
        "assessments a mapping",
        "assessments: {strategy: 1}\n",
        ":1: 'assessments' must be a list, not a mapping",
    ),
    (
        "an assessment a list",
        "assessments:\n  - [strategy, 1]\n",
        ":2: an assessment must be a mapping, not a list",
    ),
    ("no assessment", "assessments: []\n", ":1: 'assessments' is empty: it needs at least one assessment"),
    (
        "unknown role",
        "assessments:\n  - role: nosuch\n    competencies: {strategy: 1}\n",
        ":2: 'role': no role matches 'nosuch'",
    ),
    (
        "unknown target",
        "assessments:\n  - target: [maker]\n    competencies: {strategy: 1}\n",
        ":2: 'target' must be text, not a list",
    ),
    (
        "bad answer",
        "assessments:\n  - competencies: {}\n    signals:\n      - {signal: Ships alone, answer: maybe}\n",
        ":4: 'answer' must be yes or not yet, not 'maybe'",
    ),
    (
        "signals a mapping",
        "assessments:\n  - competencies: {}\n    signals: {a: 1}\n",
        ":3: 'signals' must be a list, not a mapping",
    ),
    (
        "misspelt key",
        "assessments:\n  - competencies: {}\n    signal:\n      - {signal: Ships alone, answer: yes}\n",
        ":4: unknown key 'signal' in an assessment (did you mean 'signals'?)",
    ),
    (
        "key written twice",
        "assessments:\n  - competencies:\n      strategy: 3\n      strategy: 1\n",
        ":4: key 'strategy' appears twice in this mapping",
    ),
    (
        "both forms",
        "competencies: {strategy: 2}\nassessments:\n  - competencies: {strategy: 1}\n",
        ":1: 'competencies' belongs inside an assessment: a file with 'assessments:' keeps every "
        "rating in that list",
    ),
    (
        "too many answers",
        "assessments:\n  - competencies: {}\n    signals:\n"
        + "      - {signal: Ships alone, answer: yes}\n" * (MAX_SIGNALS + 1),
        f":4: more than {MAX_SIGNALS} answers to signals; refusing to read them",
    ),
    (
        "signal without text",
        "assessments:\n  - competencies: {}\n    signals:\n      - {answer: yes}\n",
        ":4: 'signal' must be text, not empty",
    ),
]


@pytest.mark.parametrize(("text", "message"), [case[1:] for case in BAD], ids=[case[0] for case in BAD])
@pytest.mark.parametrize("command", ["gap", "progress"])
def test_bad_me_files_get_one_clear_error_and_stay_unchanged(
    run: Run, tmp_path: Path, text: str, message: str, command: str
) -> None:
    me = write_ladder(tmp_path, text, "me.yaml")
    before = digest(me)
    args = ["gap", "--me", str(me), "maker"] if command == "gap" else ["progress", "--me", str(me)]
    result = run("--ladder", str(SMALL), *args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"pmpath: error: {me}{message}"), result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert digest(me) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, ": is a directory, not a file"),
        (
            b"competencies:\n  strategy: \xff\n",
            ":2: not valid UTF-8 text (byte 0xff); save the file as UTF-8",
        ),
        (b"", ": file is larger than 32 MiB; refusing to read it"),
    ],
    ids=["a directory", "not UTF-8", "too large"],
)
def test_me_files_that_cannot_be_read(run: Run, tmp_path: Path, content: bytes | None, message: str) -> None:
    from pmpath.ladder.reading import MAX_BYTES

    me = tmp_path / "me"
    if content is None:
        me.mkdir()
    else:
        me.write_bytes(content)
        if not content:  # one byte over the limit, without writing it all
            with me.open("r+b") as handle:
                handle.truncate(MAX_BYTES + 1)
    for args in (["gap", "--me", str(me), "senior"], ["progress", "--me", str(me)]):
        result = run(*args)  # the bundled ladder: read without the limit patched here
        assert result.exit_code == 1
        assert result.stderr.startswith(f"pmpath: error: {me}{message}"), result.stderr
    if content:
        assert me.read_bytes() == content


def test_dates_written_as_text_or_yaml_dates_read_the_same(run: Run, tmp_path: Path) -> None:
    as_text = write_ladder(
        tmp_path, 'assessments:\n  - {date: "2026-01-10", competencies: {strategy: 1}}\n', "a.yaml"
    )
    as_json = tmp_path / "b.json"
    as_json.write_text(json.dumps({"assessments": [{"date": "2026-01-10", "competencies": {"strategy": 1}}]}))
    as_date = write_ladder(
        tmp_path, "assessments:\n  - {date: 2026-01-10, competencies: {strategy: 1}}\n", "c.yaml"
    )
    for path in (as_text, as_json, as_date):
        assert run_json(run, "--ladder", str(SMALL), "progress", "--me", str(path))["assessments"] == [
            {"date": "2026-01-10", "role": None, "target": None}
        ]


# -- adding to a file ---------------------------------------------------------------
def test_an_entry_added_in_place_keeps_the_files_line_endings() -> None:
    from pmpath.output.export import assessment_added

    text = "assessments:\r\n  - competencies: {strategy: 1}\r\n"
    added = assessment_added(text, yaml.safe_load(text), {"competencies": {"strategy": 2}})
    assert added == text + "  - competencies:\r\n      strategy: 2\r\n"


def test_an_entry_that_would_make_the_file_unreadable_is_refused(tmp_path: Path) -> None:
    from pmpath.cli import saving
    from pmpath.ladder.loading import load_ladder
    from pmpath.queries.names import resolve_role

    ladder = load_ladder(SMALL)
    largest = saving.largest_entry(
        ladder, None, ladder.role("maker"), [f"signal {n}" for n in range(MAX_SIGNALS + 1)]
    )
    said = saving.problem(tmp_path / "me.yaml", ladder, lambda name: resolve_role(ladder, name).id, largest)
    assert said is not None and said.startswith(
        f"with this assessment added, {tmp_path / 'me.yaml'} could not"
    )
    assert f"more than {MAX_SIGNALS} answers to signals" in said
