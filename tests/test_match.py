"""pmpath match TITLE...: the roles a job title may mean, best first, each
with why; exit 1 when nothing fits."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from pmpath.queries.matching import MAX_TITLE_CHARACTERS, MAX_TITLE_WORDS
from tests.conftest import LADDERS, SMALL, Run, installed_script, run_json, write_ladder

HEAD_NOTE = (
    "Usually a Director at a scale-up with a CPO or VP above; at a small start-up, "
    "the most senior product person, doing the VP's or the CPO's job."
)


def brief(role_id: str, title: str, level: int, label: str, track: str) -> dict[str, object]:
    return {
        "id": role_id,
        "title": title,
        "level": level,
        "level_label": label,
        "track": track,
        "tracks": [track],
    }


def test_head_of_product_lists_director_vp_and_cpo_with_the_note(run: Run) -> None:
    why = f"Listed under the title 'Head of Product': {HEAD_NOTE}"
    assert run_json(run, "match", "Head", "of", "Product") == [
        {"role": brief("director", "Director of Product", 5, "Senior lead", "management"), "why": why},
        {"role": brief("vp-product", "VP of Product", 6, "VP", "management"), "why": why},
        {"role": brief("cpo", "Chief Product Officer", 7, "Chief", "management"), "why": why},
    ]


def test_a_domain_in_the_title_is_set_aside(run: Run) -> None:
    # Unquoted, as typed: the words are joined with spaces.
    assert run_json(run, "match", "Sr.", "Product", "Manager,", "Payments") == [
        {
            "role": brief("senior-pm", "Senior Product Manager", 3, "Senior", "individual-contributor"),
            "why": "Its title 'Senior Product Manager'. Not used: payments.",
        }
    ]


def test_a_titles_entry_for_two_roles_lists_both_with_its_note(run: Run) -> None:
    found = run_json(run, "match", "Lead PM")
    assert [c["role"]["id"] for c in found] == ["staff-pm", "group-pm"]
    note = "Often the rung after Senior; whether it manages people depends on the company."
    assert [c["why"] for c in found] == [f"Listed under the title 'Lead Product Manager': {note}"] * 2


@pytest.mark.parametrize(
    ("title", "first_two"),
    [
        # "principal" is one role's word, "platform" two roles' (a track's).
        ("Principal PM, Platform", ["principal-pm", "data-pm"]),
        ("Staff Product Manager - AI", ["staff-pm", "ai-pm"]),
    ],
)
def test_the_rarer_matched_words_rank_first(run: Run, title: str, first_two: list[str]) -> None:
    found = run_json(run, "match", title)
    assert [c["role"]["id"] for c in found][:2] == first_two


_RUNGS_AND_A_DOMAIN = """\
roles:
  - {id: mobile-dev, title: Mobile Developer, level: 1, next: [mobile-senior]}
  - {id: mobile-senior, title: Senior Mobile Developer, level: 2, next: [principal-dev]}
  - {id: principal-dev, title: Principal Developer, level: 3}
  - {id: web-dev, title: Web Developer, level: 1}
"""


def test_rarity_on_a_ladder_of_its_own(run: Run, tmp_path: Path) -> None:
    ladder = str(write_ladder(tmp_path, _RUNGS_AND_A_DOMAIN))

    def ids(title: str) -> list[str]:
        return [c["role"]["id"] for c in run_json(run, "--ladder", ladder, "match", title)]

    # Two words each; "principal" is in one role's names, "mobile" in two:
    # the rung first, although the ladder lists the mobile developer first.
    assert ids("Principal Mobile Developer") == ["principal-dev", "mobile-dev"]
    # More of the title's words still come first.
    assert ids("Senior Mobile Developer, Principal") == ["mobile-senior", "principal-dev"]
    # Only the web developer has "web": it comes first, against ladder order.
    assert ids("Mobile Web Developer") == ["web-dev", "mobile-dev"]
    # "principal" and "web" are as rare as each other: ladder order.
    assert ids("Web Principal Developer") == ["principal-dev", "web-dev"]


def test_a_role_whose_words_are_part_of_a_better_fit_is_left_out(run: Run) -> None:
    # "Product Manager" is in "Senior Product Manager": only the senior role.
    assert [c["role"]["id"] for c in run_json(run, "match", "Senior Product Manager")] == ["senior-pm"]


def test_several_fits_best_first(run: Run) -> None:
    found = run_json(run, "match", "Product Lead, Growth")
    assert [c["role"]["id"] for c in found] == ["senior-pm", "staff-pm", "group-pm", "growth-pm"]
    assert found[-1]["why"] == "Its alias 'growth'. Not used: product, lead."


def test_words_in_common_when_no_name_fits_whole(run: Run) -> None:
    assert run_json(run, "match", "Engineering Manager") == [
        {
            "role": brief("software-engineer", "Software Engineer", 0, "Off the ladder", "entry"),
            "why": "Words in common with its alias 'from-engineering': engineering. Not used: manager.",
        }
    ]


def test_nothing_fits_is_exit_1(run: Run) -> None:
    human = run("match", "Product", "Person")
    assert (human.exit_code, human.stdout) == (1, "")
    assert human.stderr == "No role fits the title 'Product Person'. Run 'pmpath list' to see every role.\n"
    as_json = run("match", "Chef", "--json")
    assert (as_json.exit_code, as_json.stdout) == (1, "[]\n")


def test_human_view_says_a_shared_note_once(run: Run) -> None:
    result = run("match", "Head of Product", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "Director of Product (director) · level 5 · Senior lead · management",
        "  Listed under the title 'Head of Product'.",
        "",
        "VP of Product (vp-product) · level 6 · VP · management",
        "  Listed under the title 'Head of Product'.",
        "",
        "Chief Product Officer (cpo) · level 7 · Chief · management",
        "  Listed under the title 'Head of Product'.",
        "",
        "The title 'Head of Product' (director, vp-product, cpo):",
        f"  {HEAD_NOTE}",
        "",
        "3 roles may fit 'Head of Product', best first",
    ]


_TWO_ENTRIES = """\
roles:
  - {id: lead-dev, title: Lead Developer, level: 2}
  - {id: manager, title: Engineering Manager, level: 2}
  - {id: architect, title: Architect, level: 3}
titles:
  - {title: Team Lead, roles: [lead-dev, manager], note: Ask whether it has reports.}
  - {title: Tech Lead, roles: [architect], note: Some companies call their architects so.}
"""


def test_human_view_keeps_a_note_only_one_candidate_cites(run: Run, tmp_path: Path) -> None:
    ladder = str(write_ladder(tmp_path, _TWO_ENTRIES))
    result = run("--ladder", ladder, "match", "Team Tech Lead", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    # Piped, a short line ends where its text does (a wrapped one is padded
    # to the longest of its lines, as in `search`).
    assert "\n  Listed under the title 'Team Lead'. Not used: tech.\n" in result.stdout
    assert [line.rstrip() for line in result.stdout.splitlines()] == [
        "Architect (architect) · level 3",
        "  Listed under the title 'Tech Lead': Some companies call their architects so.",
        "  Not used: team.",
        "",
        "Lead Developer (lead-dev) · level 2",
        "  Listed under the title 'Team Lead'. Not used: tech.",
        "",
        "Engineering Manager (manager) · level 2",
        "  Listed under the title 'Team Lead'. Not used: tech.",
        "",
        "The title 'Team Lead' (lead-dev, manager):",
        "  Ask whether it has reports.",
        "",
        "3 roles may fit 'Team Tech Lead', best first",
    ]


def test_ladder_text_in_the_human_view_cannot_act_on_the_terminal(run: Run, tmp_path: Path) -> None:
    path = write_ladder(
        tmp_path,
        'roles:\n  - {id: a, title: "A\\e[31m", level: 1}\n'
        'titles:\n  - {title: Boss, roles: [a], note: "Runs\\e]0;x\\a it"}\n',
    )
    result = run("--ladder", str(path), "match", "boss")
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["x" * (MAX_TITLE_CHARACTERS + 1)],
            f"at most {MAX_TITLE_CHARACTERS} characters long; this one has 201",
        ),
        (["w"] * (MAX_TITLE_WORDS + 1), f"at most {MAX_TITLE_WORDS} words; this one has 21"),
        ([" "], "give a job title to match"),
    ],
)
def test_the_title_is_bounded(run: Run, args: list[str], message: str) -> None:
    result = run("match", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_a_title_at_the_limits_is_read(run: Run) -> None:
    assert run("match", "x" * MAX_TITLE_CHARACTERS).exit_code == 1
    assert run("match", *(["senior"] * MAX_TITLE_WORDS)).exit_code == 0


def test_own_ladders(run: Run) -> None:
    assert run_json(run, "--ladder", str(SMALL), "match", "Senior", "Maker") == [
        {
            "role": brief("maker", "Maker", 2, "", "ic"),
            "why": "Its title 'Maker'. Not used: senior.",
        }
    ]
    named = str(LADDERS / "format2" / "named_levels.yaml")
    found = run_json(run, "--ladder", named, "match", "Senior Staff Platform Engineer, Storage")
    assert [c["role"]["id"] for c in found] == ["l7"]
    dual = str(LADDERS / "format2" / "dual_track.yaml")
    found = run_json(run, "--ladder", dual, "match", "Tech Lead")
    assert [c["role"]["id"] for c in found] == ["senior-2", "staff"]
    assert (
        found[0]["why"]
        == "Listed under the title 'Tech Lead': A duty some seniors and staff engineers take on."
    )


def test_installed_entry_point(tmp_path: Path) -> None:
    done = subprocess.run(
        [installed_script(), "match", "Sr.", "Product", "Manager,", "Payments", "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert [c["role"]["id"] for c in json.loads(done.stdout)] == ["senior-pm"]
    missing = subprocess.run(
        [installed_script(), "match", "Chef"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert (missing.returncode, missing.stdout) == (1, "")
    assert missing.stderr.startswith("No role fits the title 'Chef'.")
