"""Role names as people type them: case, separators, word order and common
abbreviations do not matter; titles from the ladder's `titles:` resolve; an
ambiguous name lists every candidate with its title; no lone misleading
suggestion. The same reading in shell completion."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmpath.cli.completion import role_candidates
from pmpath.errors import UsageProblem
from pmpath.ladder.loading import load_ladder
from pmpath.ladder.model import Ladder
from pmpath.queries.names import resolve_role, word_groups, words
from tests.conftest import LADDERS, SMALL, Run, run_json, write_ladder
from tests.test_completion import SHELLS

DUAL = LADDERS / "format2" / "dual_track.yaml"
NAMED = LADDERS / "format2" / "named_levels.yaml"


@pytest.fixture(scope="module")
def bundled() -> Ladder:
    return load_ladder()


def problem(ladder: Ladder, name: str) -> str:
    """The error's message, and its hint on the next line if it has one, as printed."""
    with pytest.raises(UsageProblem) as caught:
        resolve_role(ladder, name)
    error = caught.value
    return f"{error}\n{error.hint}" if error.hint else str(error)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # The issue's own examples.
        ("Senior PM", "senior-pm"),
        ("senior_pm", "senior-pm"),
        ("PM senior", "senior-pm"),
        ("VP Product", "vp-product"),
        ("Group PM", "group-pm"),
        ("Associate PM", "apm"),
        ("Principal PM", "principal-pm"),
        # Abbreviations, dots and commas.
        ("sr. pm", "senior-pm"),
        ("Snr PM", "senior-pm"),
        ("Sr Product Manager", "senior-pm"),
        ("SENIOR.PRODUCT.MANAGER", "senior-pm"),
        ("Prod Mgr", "pm"),
        ("Dir.", "director"),
        ("Dir of Product", "director"),
        ("vice president, product", "vp-product"),
        ("Jr PM", "apm"),
        ("junior pm", "apm"),  # the ladder's titles list says so
        # Word order, and "of" left out.
        ("Product Director", "director"),
        ("product of director", "director"),
        ("Product VP", "vp-product"),
        ("officer chief product", "cpo"),
        # A titles entry for one role.
        ("Junior Product Manager", "apm"),
        # The start of a name, word by word.
        ("Senior Prod", "senior-pm"),
        # What worked before still does.
        ("senior", "senior-pm"),
        ("apm", "apm"),
        ("SENIOR-PM", "senior-pm"),
        ("chief", "cpo"),
        ("  vp  ", "vp-product"),
    ],
)
def test_names_as_people_type_them(bundled: Ladder, name: str, expected: str) -> None:
    assert resolve_role(bundled, name).id == expected


def test_the_words_of_a_name() -> None:
    assert words("Sr. Product Mgr, Payments") == ("senior", "product", "manager", "payments")
    assert words("VP of Product") == ("vice", "president", "product")
    assert word_groups("Senior PM") == (("senior",), ("product", "manager"))


def test_a_titles_entry_for_several_roles_lists_each_with_its_title(bundled: Ladder) -> None:
    assert problem(bundled, "head of product") == (
        "'head of product' matches more than one role\nIt may mean 'director' (Director of Product), "
        "'vp-product' (VP of Product), 'cpo' (Chief Product Officer). "
        "The ladder lists it as a title of each; 'pmpath match' with it says when each applies."
    )


def test_a_start_shared_by_several_roles_lists_each(bundled: Ladder) -> None:
    assert problem(bundled, "senior_p") == (
        "'senior_p' matches more than one role\nIt may mean 'senior-pm' (Senior Product Manager), "
        "'senior-data-pm' (Senior Data or Platform Product Manager)."
    )


def test_the_misleading_suggestions_are_gone(bundled: Ladder, run: Run) -> None:
    # Today's "junior pm" -> senior-pm, "Product Director" -> product-marketer.
    for name, expected in [("junior pm", "apm"), ("Product Director", "director")]:
        assert run_json(run, "show", name)["id"] == expected


@pytest.mark.parametrize("name", ["lead pm", "Lead Product Manager"])
def test_a_lead_pm_is_staff_or_group_as_the_titles_entry_says(bundled: Ladder, run: Run, name: str) -> None:
    # `show` agrees with `match`: the ladder lists the title for both roles.
    message = (
        f"'{name}' matches more than one role\nIt may mean 'staff-pm' (Staff Product Manager), "
        "'group-pm' (Group Product Manager). "
        "The ladder lists it as a title of each; 'pmpath match' with it says when each applies."
    )
    assert problem(bundled, name) == message
    shown = run("show", name)
    assert (shown.exit_code, shown.stdout, shown.stderr) == (2, "", f"pmpath: error: {message}\n")


def test_a_name_sharing_only_common_words_gets_no_suggestion(tmp_path: Path) -> None:
    # Without a titles entry for it, "junior pm" shares only "product
    # manager" with the PM roles: no single role is offered as the answer.
    ladder = load_ladder(write_ladder(tmp_path, _WITHOUT_JUNIOR))
    assert problem(ladder, "junior pm") == (
        "no role matches 'junior pm'\nRun 'pmpath match' with it for the roles it may mean, "
        "or 'pmpath list' for all."
    )


_WITHOUT_JUNIOR = """\
roles:
  - {id: apm, title: Associate Product Manager, level: 1, next: [pm]}
  - {id: pm, title: Product Manager, level: 2, next: [senior-pm]}
  - {id: senior-pm, title: Senior Product Manager, level: 3}
"""


def test_a_title_with_other_words_names_the_roles_it_shares_words_with(bundled: Ladder) -> None:
    assert problem(bundled, "Sr. Product Manager, Payments") == (
        "no role matches 'Sr. Product Manager, Payments'\nRoles with words in common: "
        "'senior-pm' (Senior Product Manager). 'pmpath match' with it says why."
    )
    # "principal" is rarer on the ladder's names than "engineer": it comes first.
    assert problem(bundled, "Principal Engineer") == (
        "no role matches 'Principal Engineer'\nRoles with words in common: "
        "'principal-pm' (Principal Product Manager), 'software-engineer' (Software Engineer). "
        "'pmpath match' with it says why."
    )


def test_a_typo_in_one_word_of_several_is_pointed_out(bundled: Ladder) -> None:
    assert problem(bundled, "senoir pm") == (
        "no role matches 'senoir pm'\nDid you mean 'senior' for 'senoir'? "
        "Run 'pmpath match' with it for the roles it may mean, or 'pmpath list' for all."
    )


def test_half_an_abbreviation_is_no_match(tmp_path: Path) -> None:
    """'pm' is product manager: a role whose only name is 'manager' does not fit it."""
    ladder = load_ladder(write_ladder(tmp_path, "roles:\n  - {id: manager, title: Manager, level: 1}\n"))
    assert problem(ladder, "senior pm") == (
        "no role matches 'senior pm'\nRun 'pmpath match' with it for the roles it may mean, "
        "or 'pmpath list' for all."
    )
    assert resolve_role(ladder, "Mgr").id == "manager"


# -- a user's own ladder: the rules do not depend on the bundled ladder's words --
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Junior Maker", "junior"),
        ("maker junior", "junior"),
        ("JR", "junior"),
        ("Staff_Maker", "staff-maker"),
        ("lead.maker", "lead-maker"),
        ("Mgr", "lead-maker"),  # its alias 'manager'
    ],
)
def test_own_ladder_small(name: str, expected: str) -> None:
    assert resolve_role(load_ladder(SMALL), name).id == expected


@pytest.mark.parametrize(
    ("ladder", "name", "expected"),
    [
        (NAMED, "Sr Platform Engineer", "l5"),
        (NAMED, "platform engineer staff", "l6"),
        (NAMED, "Senior Staff Platform Engineer", "l7"),
        (NAMED, "Platform Engineer II", "l4"),
        (DUAL, "Dir of Eng", "director"),
        (DUAL, "engineering manager senior", "senior-manager"),
        (DUAL, "EM", "engineering-manager"),
    ],
)
def test_own_ladder_format2(ladder: Path, name: str, expected: str) -> None:
    assert resolve_role(load_ladder(ladder), name).id == expected


def test_own_ladder_titles_entry_is_ambiguous_with_every_title() -> None:
    assert problem(load_ladder(DUAL), "tech lead") == (
        "'tech lead' matches more than one role\nIt may mean 'senior-2' (Senior Engineer 2), 'staff' (Staff Engineer). "
        "The ladder lists it as a title of each; 'pmpath match' with it says when each applies."
    )


def test_an_ambiguous_name_is_exit_2_with_every_candidate(run: Run) -> None:
    result = run("show", "Head of Product")
    assert result.exit_code == 2
    assert result.stdout == ""
    for role in [
        "'director' (Director of Product)",
        "'vp-product' (VP of Product)",
        "'cpo' (Chief Product Officer)",
    ]:
        assert role in result.stderr


def test_the_users_examples_still_work(run: Run) -> None:
    assert run_json(run, "show", "senior")["id"] == "senior-pm"
    assert run("next", "apm").exit_code == 0
    assert run("compare", "Senior PM", "sr. pm").exit_code == 0
    assert len(run_json(run, "list")) == 30


def test_an_exact_name_never_loads_difflib_or_matching(run: Run, suggestion_calls: list[str]) -> None:
    import sys

    sys.modules.pop("pmpath.queries.matching", None)
    assert run("show", "senior-pm", "--json").exit_code == 0
    assert run("show", "Senior PM", "--json").exit_code == 0
    assert suggestion_calls == []
    assert "pmpath.queries.matching" not in sys.modules


# -- completion ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Senior_PM", ["senior-pm"]),
        ("pm_senior", ["senior-pm"]),
        ("Sr", ["senior-pm"]),
        ("Sr.", ["senior-pm"]),
        ("VP_Product", ["vp-product"]),
        ("Product_Director", ["director"]),
        ("senior_p", ["senior-pm", "senior-product-manager", "senior-platform"]),
        ("Snr_Prod", ["senior-pm", "senior-product-manager"]),
        # A name that starts as typed is offered as before, alone.
        ("senior-p", ["senior-pm", "senior-product-manager", "senior-platform"]),
        ("vi", ["vice-president-of-product"]),
        ("zzz", []),
    ],
)
@pytest.mark.parametrize("shell", SHELLS)
def test_completion_reads_names_as_show_does(shell: str, word: str, expected: list[str]) -> None:
    assert [name for name, _ in role_candidates(None, word)] == expected
    assert SHELLS[shell](word) == expected


def test_completion_on_an_own_ladder() -> None:
    assert role_candidates(SMALL, "Maker_Junior") == [("junior", "Junior Maker")]
    assert role_candidates(SMALL, "Mgr") == [("lead-maker", "Lead Maker")]


def test_completion_by_words_still_offers_only_safe_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """A role whose id a shell could read as syntax is offered by a safe alias."""
    ladder = [("$(x)", "Bad", "$(x)"), ("senior-pm", "Senior PM", "$(x)"), ("a;b", "Other", "a;b")]
    monkeypatch.setattr("pmpath.cli.completion._ladder_names", lambda ladder_path: ladder)
    assert role_candidates(None, "PM_Senior") == [("senior-pm", "Senior PM")]
    assert role_candidates(None, "a_b") == []


def test_full_width_letters_are_the_same_words(bundled: Ladder) -> None:
    full_width = "".join(chr(ord(char) + 0xFEE0) if char != " " else char for char in "SENIOR PM")
    assert resolve_role(bundled, full_width).id == "senior-pm"


def test_a_name_is_bounded_before_it_is_compared(run: Run) -> None:
    from pmpath.queries.names import MAX_NAME_CHARACTERS

    long = "w " * MAX_NAME_CHARACTERS
    result = run("show", long)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"pmpath: error: a role name is at most {MAX_NAME_CHARACTERS} characters long; "
        f"this one has {len(long)}\n"
    )
    assert run("show", "w" * MAX_NAME_CHARACTERS).stderr.startswith("pmpath: error: no role matches")


def test_an_ambiguous_name_lists_ten_roles_and_counts_the_rest(tmp_path: Path) -> None:
    roles = "".join(f"  - {{id: team-{n}, title: Team {n}, level: 1}}\n" for n in range(15))
    ladder = load_ladder(write_ladder(tmp_path, f"roles:\n{roles}"))
    said = problem(ladder, "team")
    assert said.startswith("'team' matches more than one role\nIt may mean 'team-0' (Team 0), ")
    assert said.endswith("'team-9' (Team 9) and 5 more (see 'pmpath list').")


def test_an_id_longer_than_the_bound_still_resolves_as_written(tmp_path: Path) -> None:
    from pmpath.queries.names import MAX_NAME_CHARACTERS

    long_id = "r" * (MAX_NAME_CHARACTERS + 10)
    ladder = load_ladder(write_ladder(tmp_path, f"roles:\n  - {{id: {long_id}, title: Long, level: 1}}\n"))
    assert resolve_role(ladder, long_id).id == long_id
    assert "at most" in problem(ladder, long_id + "x")
