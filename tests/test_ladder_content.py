"""Keeps data/roles.yaml honest. Reads the YAML directly, not through the
loader, so a loader bug cannot hide a content problem."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "roles.yaml"
CORE = ["apm", "pm", "senior-pm", "director", "vp-product", "cpo"]
BRANCHES = ["group-pm", "principal-pm", "growth-pm", "data-pm", "technical-pm"]
ENTRY = ["software-engineer", "designer", "marketer", "analyst", "graduate"]


@pytest.fixture(scope="module")
def ladder() -> dict[str, Any]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def roles(ladder: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {role["id"]: role for role in ladder["roles"]}


def test_ids_are_unique(ladder: dict[str, Any]) -> None:
    counts = Counter(role["id"] for role in ladder["roles"])
    assert [i for i, n in counts.items() if n > 1] == []


def test_names_are_unique_across_ids_and_aliases(ladder: dict[str, Any]) -> None:
    names = Counter(
        name.casefold() for role in ladder["roles"] for name in [role["id"], *role.get("aliases", [])]
    )
    assert [n for n, count in names.items() if count > 1] == []


def test_every_reference_resolves(roles: dict[str, dict[str, Any]]) -> None:
    dangling = [(r, t) for r, role in roles.items() for t in role.get("next", []) if t not in roles]
    assert dangling == []


def test_the_whole_map_is_there(roles: dict[str, dict[str, Any]]) -> None:
    for role_id in CORE + BRANCHES + ENTRY:
        assert role_id in roles, role_id


def test_every_role_is_complete(roles: dict[str, dict[str, Any]]) -> None:
    for role_id, role in roles.items():
        assert role.get("summary", "").strip(), role_id
        assert len(role.get("responsibilities", [])) >= 3, role_id
        if role.get("next"):
            assert len(role.get("ready_when", [])) >= 2, role_id


def test_core_stages_are_deep(roles: dict[str, dict[str, Any]]) -> None:
    for role_id in CORE:
        role = roles[role_id]
        assert len(role["responsibilities"]) >= 5, role_id
        assert role.get("scope"), role_id
        assert role.get("in_practice"), role_id
        assert role.get("stand_out"), role_id
        if role_id != "cpo":
            assert len(role["ready_when"]) >= 3, role_id


def test_core_levels_strictly_rise_and_link_up(roles: dict[str, dict[str, Any]]) -> None:
    levels = [roles[r]["level"] for r in CORE]
    assert levels == sorted(set(levels))
    for here, there in itertools.pairwise(CORE):
        assert there in roles[here]["next"] or any(
            there in roles[mid].get("next", []) for mid in roles[here]["next"]
        ), (here, there)
    assert "next" not in roles["cpo"]


def test_group_pm_sits_between_senior_and_director(roles: dict[str, dict[str, Any]]) -> None:
    assert roles["senior-pm"]["level"] < roles["group-pm"]["level"] < roles["director"]["level"]
    assert "group-pm" in roles["senior-pm"]["next"]
    assert "director" in roles["group-pm"]["next"]


def test_senior_pm_forks_into_ic_and_management(roles: dict[str, dict[str, Any]]) -> None:
    tracks = {roles[t]["track"] for t in roles["senior-pm"]["next"]}
    assert {"individual-contributor", "management"} <= tracks
    assert roles["principal-pm"]["track"] == "individual-contributor"
    assert roles["group-pm"]["track"] == "management"


def test_specialists_branch_from_pm(roles: dict[str, dict[str, Any]]) -> None:
    for role_id in ("growth-pm", "data-pm", "technical-pm"):
        assert role_id in roles["pm"]["next"]


def test_entry_routes_lead_into_apm_or_pm(roles: dict[str, dict[str, Any]]) -> None:
    for role_id in ENTRY:
        role = roles[role_id]
        assert role["track"] == "entry"
        assert set(role["next"]) & {"apm", "pm"}, role_id
        assert len(role.get("brings", [])) >= 2, role_id
        assert len(role.get("to_learn", [])) >= 2, role_id


def test_faq_facts_sit_with_the_graduate_route(roles: dict[str, dict[str, Any]]) -> None:
    text = " ".join(
        str(v) for key in ("summary", "brings", "stand_out") for v in roles["graduate"].get(key, [])
    ).casefold()
    text += " " + roles["graduate"]["summary"].casefold()
    for fact in ("computer science", "business", "mba", "certification", "network"):
        assert fact in text, fact


def test_competencies_and_scale(ladder: dict[str, Any]) -> None:
    assert len(ladder["competencies"]) >= 6
    assert [step["level"] for step in ladder["scale"]] == [1, 2, 3, 4, 5]
    assert all(step["name"] for step in ladder["scale"])


def test_every_role_rates_every_competency_within_the_scale(
    ladder: dict[str, Any], roles: dict[str, dict[str, Any]]
) -> None:
    ids = {c["id"] for c in ladder["competencies"]}
    scale = {step["level"] for step in ladder["scale"]}
    for role_id, role in roles.items():
        ratings = role["competencies"]
        assert set(ratings) == ids, role_id
        for competency, rating in ratings.items():
            assert rating["level"] in scale, (role_id, competency)
            assert rating["expectation"].strip(), (role_id, competency)


def test_competencies_rise_believably_along_the_core(roles: dict[str, dict[str, Any]]) -> None:
    def total(role_id: str) -> int:
        return sum(r["level"] for r in roles[role_id]["competencies"].values())

    totals = [total(r) for r in CORE]
    assert totals == sorted(set(totals)), totals
    for here, there in itertools.pairwise(CORE):
        for competency, rating in roles[here]["competencies"].items():
            assert roles[there]["competencies"][competency]["level"] >= rating["level"], (
                here,
                there,
                competency,
            )


def test_principal_and_group_pm_differ_where_they_really_differ(
    roles: dict[str, dict[str, Any]],
) -> None:
    principal = {k: v["level"] for k, v in roles["principal-pm"]["competencies"].items()}
    group = {k: v["level"] for k, v in roles["group-pm"]["competencies"].items()}
    assert principal["leadership"] < group["leadership"]
    assert principal["communication"] > group["communication"]
    assert principal["product-strategy"] >= group["product-strategy"]


def test_no_invented_statistics(roles: dict[str, dict[str, Any]]) -> None:
    prose = yaml.safe_dump(list(roles.values()))
    assert not re.search(r"\d+\s*%|[$€£]\s*\d|\d+k\b", prose)
