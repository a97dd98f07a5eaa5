"""The commands people read on a format-2 ladder: compare, gap, show, list
filters and info, over tracks, named levels, areas, titles and ladders
described in words only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from pmpath.cli import launcher
from tests.conftest import BUNDLED_YAML, LADDERS, SMALL, Run, run_json, write_ladder
from tests.test_grammar import assert_same

FORMAT2 = LADDERS / "format2"
DUAL = str(FORMAT2 / "dual_track.yaml")
WORDS = str(FORMAT2 / "words_only.yaml")
NAMED = str(FORMAT2 / "named_levels.yaml")
WIDE = {"COLUMNS": "200"}
NOT_APPLICABLE = "Readiness: not applicable: this ladder describes its levels in words, without numbers."


def human(run: Run, *args: str) -> str:
    result = run(*args, env=WIDE)
    assert result.exit_code == 0, result.stderr
    return result.stdout


# -- a ladder described in words only ------------------------------------------------
def test_compare_in_words_shows_statements_and_no_readiness(run: Run) -> None:
    data = run_json(run, "--ladder", WORDS, "compare", "agent", "senior-agent")
    assert (data["readiness"], data["readiness_applicable"], data["to_grow"]) == (None, False, [])
    empathy, knowledge = data["competencies"]
    assert empathy["change"] is None and empathy["area"] == ""
    assert empathy["a"]["statements"] == [
        "Listens before answering.",
        "Keeps a calm tone with upset customers.",
    ]
    assert empathy["b"]["examples"] == ["Saved a renewal after a long outage."]
    assert knowledge["a"]["not_yet"] == ["Escalates questions the guides already answer."]
    out = human(run, "--ladder", WORDS, "compare", "agent", "senior-agent")
    for text in (
        "Keeps a calm tone with upset customers.",
        "Turns an angry customer into a loyal one.",
        "Examples:",
        "Saved a renewal after a long outage.",
        "Not yet:",
        "Escalates questions the guides already answer.",
        NOT_APPLICABLE,
    ):
        assert text in out, text
    assert "%" not in out and "Change" not in out and "None" not in out
    assert "To grow" not in out and "Nothing to grow" not in out


def test_gap_in_words_is_never_ready(run: Run) -> None:
    data = run_json(run, "--ladder", WORDS, "gap", "agent", "support-lead")
    assert (data["readiness"], data["readiness_applicable"], data["met"], data["rated"]) == (
        None,
        False,
        0,
        0,
    )
    assert [(c["now"], c["needed"], c["change"]) for c in data["competencies"]] == [(None, None, None)] * 2
    out = human(run, "--ladder", WORDS, "gap", "agent", "support-lead")
    assert "Listens before answering." in out and "Coaches agents through difficult calls." in out
    assert NOT_APPLICABLE in out
    assert "%" not in out and "None" not in out


def test_gap_me_in_words_counts_nothing(run: Run, tmp_path: Path) -> None:
    me = write_ladder(tmp_path, "role: agent\ncompetencies: {empathy: 2}\n", "me.yaml")
    data = run_json(run, "--ladder", WORDS, "gap", "--me", str(me), "support-lead")
    assert (data["readiness"], data["readiness_applicable"], data["rated"], data["unrated"]) == (
        None,
        False,
        0,
        [],
    )
    assert [(c["now"], c["needed"]) for c in data["competencies"]] == [(2, None), (None, None)]
    out = human(run, "--ladder", WORDS, "gap", "--me", str(me), "support-lead")
    assert re.search(r"Empathy +2 +in words +— ", out), out
    assert re.search(r"Product knowledge +not assessed +in words +— ", out), out
    assert NOT_APPLICABLE in out and "counted as 0" not in out


# -- cells a role does not describe, or describes in words ---------------------------
PARTIAL = """
scale: [{level: 1, name: One}, {level: 2, name: Two}, {level: 3, name: Three}]
competencies: [{id: craft, name: Craft}, {id: lead, name: Leadership}, {id: talk, name: Talking}]
roles:
  - {id: a, title: A, level: 1, next: [b], competencies: {craft: 1, lead: 1, talk: {expectation: Speaks up.}}}
  - id: b
    title: B
    level: 2
    competencies: {craft: 3, lead: {expectation: Leads a meeting.}, talk: 3}
  - {id: c, title: C, level: 3, competencies: {craft: 1}}
  - {id: d, title: D, level: 1}
"""


def test_only_cells_with_a_level_on_both_sides_count(run: Run, tmp_path: Path) -> None:
    path = str(write_ladder(tmp_path, PARTIAL))
    data = run_json(run, "--ladder", path, "compare", "a", "b")
    assert [c["change"] for c in data["competencies"]] == [2, None, None]
    assert data["to_grow"] == ["craft"]
    assert (data["readiness"], data["readiness_applicable"]) == (33.3, True)  # min(1, 3) / 3
    gap = run_json(run, "--ladder", path, "gap", "a", "b")
    assert (gap["met"], gap["rated"], gap["readiness"], gap["readiness_applicable"]) == (0, 1, 33.3, True)
    out = human(run, "--ladder", path, "gap", "a", "b")
    assert re.search(r"Leadership +1 +in words +— ", out), out
    assert re.search(r"Talking +in words +3 +—$", out, re.MULTILINE), out
    assert "A meets 0 of 1 competency levels of B. Readiness: 33.3%" in out
    words = human(run, "--ladder", path, "compare", "a", "b")
    assert "To grow from A to B, work on: Craft (1 → 3)\n" in words
    assert "Readiness: 33.3% of the levels B asks for" in words


def test_a_cell_one_side_leaves_out_is_not_described_and_not_counted(run: Run, tmp_path: Path) -> None:
    path = str(write_ladder(tmp_path, PARTIAL))
    data = run_json(run, "--ladder", path, "compare", "c", "b")
    assert [(c["a"] is None, c["change"]) for c in data["competencies"]] == [
        (False, 2),
        (True, None),
        (True, None),
    ]
    assert data["readiness"] == 33.3
    out = human(run, "--ladder", path, "compare", "c", "b")
    assert out.count("not described") == 2


def test_no_cell_measured_on_a_ladder_with_levels(run: Run, tmp_path: Path) -> None:
    path = str(write_ladder(tmp_path, PARTIAL))
    for command in ("compare", "gap"):
        data = run_json(run, "--ladder", path, command, "d", "b")
        assert (data["readiness"], data["readiness_applicable"]) == (None, False)
        out = human(run, "--ladder", path, command, "d", "b")
        assert "Readiness: not applicable: no competency has a level for both roles." in out
        assert "%" not in out


def test_gap_me_counts_what_the_goal_levels(run: Run, tmp_path: Path) -> None:
    path = str(write_ladder(tmp_path, PARTIAL))
    me = write_ladder(tmp_path, "competencies: {craft: 2}\n", "me.yaml")
    data = run_json(run, "--ladder", path, "gap", "--me", str(me), "b")
    # talk is left out and b gives it a level: not counted, listed. lead is in words for b.
    assert (data["unrated"], data["not_assessed"]) == (["talk"], ["lead", "talk"])
    assert [(c["now"], c["needed"]) for c in data["competencies"]] == [(2, 3), (None, None), (None, 3)]
    assert (data["met"], data["rated"], data["readiness"]) == (0, 1, 66.7)  # 2 / 3
    out = human(run, "--ladder", path, "gap", "--me", str(me), "b")
    assert "You meet 0 of 1 competency levels for B. Readiness: 66.7% over 1 of 2 competencies; 1 not" in out
    assert "Not assessed, so left out of readiness: Talking\n" in out


# -- any two roles: down, across, and no route ---------------------------------------
def test_gap_down_has_no_route_and_still_compares(run: Run) -> None:
    data = run_json(run, "--ladder", DUAL, "gap", "principal", "junior")
    assert (data["route"], data["route_found"], data["signals"]) == ([], False, [])
    assert [c["change"] for c in data["competencies"]] == [-3, -3, -3]
    assert (data["met"], data["rated"], data["readiness"]) == (3, 3, 100.0)
    out = human(run, "--ladder", DUAL, "gap", "principal", "junior")
    assert out.startswith("From Principal Engineer (principal) to Junior Engineer (junior)\n")
    assert "No route leads from Principal Engineer to Junior Engineer by the ladder's moves" in out
    assert "Before leaving" not in out


def test_gap_across_follows_the_lateral_move(run: Run) -> None:
    data = run_json(run, "--ladder", DUAL, "gap", "em", "staff")
    assert (data["route"], data["route_found"]) == (["engineering-manager", "staff"], True)
    assert data["signals"][0]["ready_when"] == ["Your team delivers without you in every meeting."]


def test_compare_carries_the_route(run: Run) -> None:
    data = run_json(run, "--ladder", DUAL, "compare", "senior-1", "director")
    assert data["route"] == ["senior-1", "senior-2", "engineering-manager", "senior-manager", "director"]
    assert data["route_found"] is True
    down = run_json(run, "--ladder", DUAL, "compare", "director", "senior-1")
    assert (down["route"], down["route_found"]) == ([], False)
    out = human(run, "--ladder", DUAL, "compare", "senior-1", "director")
    assert (
        "Route from Senior Engineer 1 to Director of Engineering (4 steps): "
        "senior-1 → senior-2 → engineering-manager → senior-manager → director" in out
    )
    out = human(run, "--ladder", DUAL, "compare", "director", "senior-1")
    assert "No route leads from Director of Engineering to Senior Engineer 1 by the ladder's moves." in out
    assert "Nothing to grow: Director of Engineering meets every level Senior Engineer 1 asks for." in out


def test_compare_a_role_with_itself(run: Run) -> None:
    data = run_json(run, "--ladder", DUAL, "compare", "staff", "staff")
    assert (data["route"], data["readiness"], data["to_grow"]) == (["staff"], 100.0, [])


# -- areas ---------------------------------------------------------------------------
def test_competencies_carry_their_area(run: Run) -> None:
    data = run_json(run, "--ladder", NAMED, "compare", "l3", "l5")
    assert [(c["id"], c["area"]) for c in data["competencies"]] == [
        ("quality", "execution"),
        ("scope", "execution"),
        ("communication", "influence"),
        ("hiring", ""),
    ]
    gap = run_json(run, "--ladder", NAMED, "gap", "l3", "l5")
    assert [c["area"] for c in gap["competencies"]] == ["execution", "execution", "influence", ""]


@pytest.mark.parametrize("command", [("compare", "l3", "l5"), ("gap", "l3", "l5"), ("show", "l5")])
def test_human_tables_group_competencies_under_their_area(run: Run, command: tuple[str, ...]) -> None:
    out = human(run, "--ladder", NAMED, *command)
    rows = [line.split()[0] for line in out.splitlines() if line.strip()]
    order = [
        word
        for word in rows
        if word in ("Execution", "Quality", "Scope", "Influence", "Communication", "Other", "Hiring")
    ]
    assert order == ["Execution", "Quality", "Scope", "Influence", "Communication", "Other", "Hiring"]


def test_a_ladder_without_areas_has_no_area_rows(run: Run) -> None:
    out = human(run, "--ladder", str(SMALL), "compare", "junior", "maker")
    assert "Other" not in out


# -- show ----------------------------------------------------------------------------
def test_show_has_the_level_label_tracks_titles_and_every_statement(run: Run) -> None:
    out = human(run, "--ladder", DUAL, "show", "senior-1")
    lines = out.splitlines()
    assert lines[1] == "Level 3 · Senior 1 · ic, management tracks"
    for text in (
        "3 Strong\n",  # the level, then its one statement on the next line, unbulleted
        "Plans and delivers projects spanning a quarter.",
        "Examples:",
        "◦ Led the billing migration.",
        "Not yet:",
        "◦ Only answers questions when asked.",
        "2 Capable",
    ):
        assert text in "\n".join(line.rstrip() for line in lines) + "\n", text
    assert "• Plans" not in out
    several = human(run, "--ladder", DUAL, "show", "intermediate")
    assert "• Ships features of a few weeks." in several and "• Writes the tests" in several
    assert "Also known as" not in out
    titled = human(run, "--ladder", DUAL, "show", "staff").splitlines()
    assert titled[1:3] == ["Level 5 · Lead · ic track", "Also known as: Tech Lead"]


def test_show_a_cell_in_words_has_no_level_number(run: Run) -> None:
    out = human(run, "--ladder", WORDS, "show", "agent")
    assert re.search(r"Empathy +• Listens before answering\.", out), out
    assert "None" not in out


# -- list filters ----------------------------------------------------------------------
def ids(run: Run, *args: str) -> list[str]:
    return [role["id"] for role in run_json(run, "--ladder", DUAL, "list", *args)]


def test_list_by_track_includes_shared_rungs_on_each(run: Run) -> None:
    shared = ["junior", "intermediate", "senior-1", "senior-2"]
    assert ids(run, "--track", "ic") == [*shared, "staff", "principal"]
    assert ids(run, "--track", "MANAGEMENT") == [*shared, "engineering-manager", "senior-manager", "director"]
    assert ids(run, "--track", "individual contributor") == ids(run, "--track", "ic")  # by title


def test_list_by_level_number_or_label(run: Run) -> None:
    assert ids(run, "--level", "5") == ["staff", "engineering-manager"]
    assert ids(run, "--level", "senior 2") == ["senior-2"]
    assert ids(run, "--level", "SENIOR LEAD", "--track", "management") == ["senior-manager"]
    named = run_json(run, "--ladder", NAMED, "list", "--level", "l4")
    assert [(r["id"], r["level"], r["level_label"]) for r in named] == [("l4", 4, "L4")]


def test_list_filters_that_match_no_role_print_an_empty_list(run: Run) -> None:
    assert ids(run, "--track", "ic", "--level", "7") == []
    result = run("--ladder", DUAL, "list", "--track", "ic", "--level", "7", env=WIDE)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "No role is on the ic track at level 7.\n",
        "",
    )


def test_a_level_no_role_holds_yet_is_known(run: Run, tmp_path: Path) -> None:
    path = write_ladder(
        tmp_path,
        "levels: [{level: 1, label: One}, {level: 2, label: Two}, {level: 3, label: '2'}]\n"
        "roles: [{id: a, title: A, level: 1}, {id: b, title: B, level: 2}]\n",
    )
    assert run_json(run, "--ladder", str(path), "list", "--level", "One") == run_json(
        run, "--ladder", str(path), "list", "--level", "1"
    )
    # A label wins over a number: '2' is the label of level 3, which no role holds.
    assert run_json(run, "--ladder", str(path), "list", "--level", "2") == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--track", "mangement"),
            "no track 'mangement' on this ladder\nDid you mean 'management'? Tracks: ic, management",
        ),
        (("--track", "individual contributer"), "Did you mean 'Individual contributor'?"),
        (
            ("--level", "Senoir 2"),
            "no level 'Senoir 2' on this ladder\nDid you mean 'Senior 2'? Levels: 1 (Junior), ",
        ),
        (
            ("--level", "9"),
            "Levels: 1 (Junior), 2 (Intermediate), 3 (Senior 1), 4 (Senior 2), 5 (Lead), 6 (Senior Lead), 7",
        ),
        (("--level", "9" * 5000), "no level '999"),  # too many digits for a number: no traceback
        (("--track", "\x1b[31mred"), "no track '\\x1b[31mred'"),
    ],
)
def test_unknown_track_or_level_is_a_usage_error(run: Run, args: tuple[str, str], message: str) -> None:
    for json_ in ([], ["--json"]):
        result = run("--ladder", DUAL, "list", *args, *json_)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr.startswith("pmpath: error: ") and message in result.stderr
        assert "\x1b" not in result.stderr


def test_unknown_track_on_a_ladder_without_tracks(run: Run, tmp_path: Path) -> None:
    path = write_ladder(tmp_path, "roles: [{id: a, title: A, level: 1}]\n")
    result = run("--ladder", str(path), "list", "--track", "ic")
    assert result.exit_code == 2
    assert "no track 'ic': this ladder has no tracks" in result.stderr


def test_an_error_lists_at_most_twenty_known_levels(run: Run, tmp_path: Path) -> None:
    roles = ", ".join(f"{{id: r{n}, title: R{n}, level: {n}}}" for n in range(30))
    path = write_ladder(tmp_path, f"roles: [{roles}]\n")
    result = run("--ladder", str(path), "list", "--level", "99")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "pmpath: error: no level '99' on this ladder",
        "Levels: " + ", ".join(map(str, range(20))) + " and 10 more",
    ]


def test_list_table_shows_level_labels_and_tracks(run: Run) -> None:
    out = human(run, "--ladder", DUAL, "list", "--track", "ic")
    lines = out.splitlines()
    row = next(line for line in lines if "Senior Engineer 2" in line)
    assert row.split() == [
        "4",
        "·",
        "Senior",
        "2",
        "Senior",
        "Engineer",
        "2",
        "senior-2",
        "staff,",
        "engineering-manager",
    ]
    assert "Individual contributor (ic)" in lines
    everything = human(run, "--ladder", DUAL, "list").splitlines()
    # A rung several tracks share is one group, headed by all of them.
    shared = everything.index("Individual contributor and Management (ic, management)")
    assert "senior-2" in everything[shared + 4]
    assert "6 roles on the ic track" in out


def test_list_filters_leave_the_fast_path_to_typer() -> None:
    assert launcher.fast_call(["--ladder", DUAL, "list", "--track", "ic"], {}) is None
    assert launcher.fast_call(["--ladder", DUAL, "list", "--json"], {}) is not None
    for argv in (
        ["list"],
        ["list", "--json"],
        ["list", "--level", "Lead"],
        ["list", "--track=ic", "--json"],
    ):
        assert_same(["--ladder", DUAL, *argv], {"PMPATH_LADDER": None})


# -- info ------------------------------------------------------------------------------
def test_info_json(run: Run) -> None:
    assert run_json(run, "--ladder", DUAL, "info") == {
        "title": "Builders' ladder",
        "description": "How engineers grow at a small software company, on two tracks.",
        "version": "2026.2",
        "source": "https://example.org/builders-ladder",
        "license": "CC-BY-4.0",
        "path": DUAL,
        "bundled": False,
        "words_only": False,
        "counts": {"roles": 10, "tracks": 2, "levels": 7, "areas": 2, "competencies": 3, "titles": 1},
    }
    words = run_json(run, "--ladder", WORDS, "info")
    assert (words["words_only"], words["version"], words["counts"]["tracks"]) == (True, "", 1)


def test_info_human(run: Run) -> None:
    out = human(run, "--ladder", DUAL, "info")
    lines = [line.rstrip() for line in out.splitlines()]
    assert lines[:2] == ["Builders' ladder", "How engineers grow at a small software company, on two tracks."]
    for expected in (
        "Version      2026.2",
        "Licence      CC-BY-4.0",
        f"Loaded from  {DUAL}",
        "10  roles",
        " 7  levels",
        " 3  competencies",
        " 1  job title",
    ):
        assert expected in lines, expected


def test_info_on_the_bundled_ladder(run: Run) -> None:
    data = run_json(run, "info")
    assert data["bundled"] is True and data["path"].endswith("roles.yaml")
    assert data["counts"]["roles"] > 10
    out = human(run, "info")
    assert "Loaded from  the ladder bundled with pmpath (" in out
    assert "Version      2.0" in out
    assert "Licence      MIT" in out
    assert_same(["info"], {"PMPATH_LADDER": None})


def test_gap_shows_each_move_with_its_own_signals(run: Run) -> None:
    data = run_json(run, "--ladder", DUAL, "gap", "senior-1", "engineering-manager")
    assert [(s["id"], s["kind"], s["move_ready_when"]) for s in data["signals"]] == [
        ("senior-1", "promotion", []),
        ("senior-2", "apply", ["You have run a team for a quarter while its manager was away."]),
    ]
    out = human(run, "--ladder", DUAL, "gap", "senior-1", "engineering-manager")
    assert (
        "Before leaving Senior Engineer 2 (apply), show that\n"
        "  ☐ You have run a team for a quarter while its manager was away.\n"
        "  ☐ Other teams seek out your judgement."
    ) in "\n".join(line.rstrip() for line in out.splitlines())


def test_gap_json_carries_cells_in_words(run: Run) -> None:
    data = run_json(run, "--ladder", str(FORMAT2 / "words_only.yaml"), "gap", "agent", "senior-agent")
    empathy = data["competencies"][0]
    assert (empathy["now"], empathy["needed"]) == (None, None)
    assert empathy["now_rating"]["statements"] == [
        "Listens before answering.",
        "Keeps a calm tone with upset customers.",
    ]
    assert empathy["needed_rating"]["examples"] == ["Saved a renewal after a long outage."]


def test_search_looks_through_move_signals_examples_and_not_yet_signs(run: Run) -> None:
    hits = run_json(run, "--ladder", DUAL, "search", "billing")
    assert hits == [
        {
            "id": "senior-1",
            "title": "Senior Engineer 1",
            "matches": [
                {
                    "field": "competencies.delivery.examples",
                    "label": "Delivery, example",
                    "text": "Led the billing migration.",
                }
            ],
        }
    ]
    moves = run_json(run, "--ladder", DUAL, "search", "quarter while")
    assert [(h["id"], h["matches"][0]["field"]) for h in moves] == [("senior-2", "next.ready_when")]
    not_yet = run_json(run, "--ladder", DUAL, "search", "only answers")
    assert [h["matches"][0]["field"] for h in not_yet] == ["competencies.mentoring.not_yet"]


def test_a_cell_in_words_reads_in_words_on_a_route(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "words.yaml"
    path.write_text(
        "competencies: [{id: c0, name: Comp}]\nroles:\n"
        "  - {id: z, title: Z, level: 0, next: [a]}\n"
        "  - {id: a, title: A, level: 1, next: [b], competencies: {c0: {expectation: Writes specs}}}\n"
        "  - {id: b, title: B, level: 2}\n",
        encoding="utf-8",
    )
    out = human(run, "--ladder", str(path), "path", "z", "b")
    assert "Comp not described → in words" in out and "Comp in words → not described" in out
    assert "None" not in out


def test_a_role_warns_about_the_first_ten_competencies_it_does_not_rate(run: Run, tmp_path: Path) -> None:
    competencies = "".join(f"  - {{id: c{i:02}, name: C{i}}}\n" for i in range(30))
    path = tmp_path / "many.yaml"
    path.write_text(
        f"scale: [{{level: 1, name: One}}]\ncompetencies:\n{competencies}roles:\n"
        "  - {id: a, title: A, level: 1, competencies: {c00: 1}}\n",
        encoding="utf-8",
    )
    lines = run("validate", str(path)).stdout.splitlines()
    assert lines[0].endswith(
        "warning: 'a' does not rate: c01, c02, c03, c04, c05, c06, c07, c08, c09, c10 and 19 more"
    )
    page = run("--ladder", str(path), "export", "-f", "markdown").stdout
    assert page.count("| C0 |") == 1 and "| C1 |" not in page  # a row only for what the role describes


def test_show_lists_the_titles_that_can_mean_a_role_with_their_notes(run: Run) -> None:
    titles = yaml.safe_load(BUNDLED_YAML.read_text(encoding="utf-8"))["titles"]
    meaning_vp = [t for t in titles if "vp-product" in t["roles"]]
    out = human(run, "show", "vp")
    assert f"Also known as: {', '.join(t['title'] for t in meaning_vp)}\n" in out
    notes = out[out.index("What those titles can mean\n") :]
    for title in meaning_vp:
        assert f"• {title['title']}: {title['note']}" in notes
    # A rung's own title is no other name for it.
    group = human(run, "show", "group-pm")
    assert "Group Product Manager" in [t["title"] for t in titles]
    assert "Also known as: Product Lead, Lead Product Manager\n" in group
