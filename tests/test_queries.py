"""Role-name resolution and the pure queries, without the CLI."""

from __future__ import annotations

import pytest

from pmpath.errors import UsageProblem
from pmpath.ladder.loading import load_ladder
from pmpath.ladder.model import Ladder
from pmpath.queries import names
from tests.conftest import SMALL


@pytest.fixture(scope="module")
def bundled() -> Ladder:
    return load_ladder()


@pytest.fixture(scope="module")
def small() -> Ladder:
    return load_ladder(SMALL)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("apm", "apm"),
        ("pm", "pm"),
        ("senior", "senior-pm"),
        ("director", "director"),
        ("vp", "vp-product"),
        ("cpo", "cpo"),
        ("SENIOR-PM", "senior-pm"),
        ("Chief Product Officer", "cpo"),
        ("chief product officer", "cpo"),
        ("  vp  ", "vp-product"),
        ("chief", "cpo"),
        ("dir", "director"),
    ],
)
def test_bundled_names_resolve(bundled: Ladder, name: str, expected: str) -> None:
    assert names.resolve_role(bundled, name).id == expected


def test_exact_name_beats_a_longer_prefix(small: Ladder) -> None:
    # "staff" is an alias of staff-maker and a prefix of nothing else.
    assert names.resolve_role(small, "staff").id == "staff-maker"
    assert names.resolve_role(small, "maker").id == "maker"


def test_prefix_shared_by_two_roles_is_ambiguous(small: Ladder) -> None:
    with pytest.raises(UsageProblem) as caught:
        names.resolve_role(small, "ma")
    assert str(caught.value) == "'ma' matches more than one role"
    assert caught.value.hint == "It may mean 'maker' (Maker), 'lead-maker' (Lead Maker)."


def test_prefix_of_two_names_of_one_role_is_not_ambiguous(small: Ladder) -> None:
    assert names.resolve_role(small, "j").id == "junior"


def test_typo_suggests_one_name_per_role(bundled: Ladder) -> None:
    with pytest.raises(UsageProblem) as caught:
        names.resolve_role(bundled, "senoir")
    assert str(caught.value) == "no role matches 'senoir'"
    assert caught.value.hint == "Did you mean one of: 'senior', 'senior-ai'?"


def test_empty_name_is_refused(small: Ladder) -> None:
    with pytest.raises(UsageProblem):
        names.resolve_role(small, " ")


def test_role_page_has_both_neighbours(small: Ladder) -> None:
    from pmpath.queries.neighbours import next_steps, role_page

    page = role_page(small, small.role("maker"))
    assert [r.id for r in page.following] == ["lead-maker", "staff-maker"]
    assert [r.id for r in page.previous] == ["junior"]
    assert next_steps(small, small.role("maker")).following == page.following


def test_compare_changes(small: Ladder) -> None:
    from pmpath.queries.compare import compare

    result = compare(small, small.role("junior"), small.role("maker"))
    assert result.level_change == 1
    assert [c.change for c in result.competencies] == [1, 1]
    assert result.a_leads_to_b and not result.b_leads_to_a
