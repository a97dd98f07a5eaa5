"""Keeps data/roles.yaml honest: the rules its content must follow.

Each rule is a function from the file's data to a list of problems, so a
failing test names every offending role and competency at once. The rules
read the YAML directly, not through the loader, so a loader bug cannot hide
a content problem; only the route test goes through pmpath itself."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "roles.yaml"

Data = dict[str, Any]
Role = dict[str, Any]

IC = ["apm", "pm", "senior-pm", "staff-pm", "principal-pm"]
MANAGEMENT = ["group-pm", "director", "vp-product", "cpo"]
CORE = IC + MANAGEMENT
TYPICAL_ROUTE = ["apm", "pm", "senior-pm", "director", "vp-product", "cpo"]
SPECIALISMS = {  # track -> its rungs at the PM and Senior levels
    "growth": ["growth-pm", "senior-growth-pm"],
    "data-platform": ["data-pm", "senior-data-pm"],
    "technical": ["technical-pm", "senior-technical-pm"],
    "ai": ["ai-pm", "senior-ai-pm"],
}
# What each specialism asks more of than the generalist rung beside it.
SPECIALISM_FOCUS = {
    "growth": {"data-analytics", "business-acumen"},
    "data-platform": {"data-analytics", "technical-fluency"},
    "technical": {"technical-fluency"},
    "ai": {"data-analytics", "technical-fluency"},
}
ENTRY = [
    "software-engineer",
    "designer",
    "marketer",
    "analyst",
    "graduate",
    "sales-engineer",
    "customer-success",
    "consultant",
    "project-manager",
]
EXITS = ["general-manager", "founder", "advisor"]
TITLES_PEOPLE_HAVE = {  # a title, and a rung it must be allowed to mean
    "Head of Product": {"director", "vp-product", "cpo"},
    "Product Lead": {"staff-pm"},
    "Lead Product Manager": {"staff-pm"},
    "Staff Product Manager": {"staff-pm"},
    "Product Manager II": {"pm"},
    "Senior Director of Product": {"director"},
    "SVP Product": {"vp-product"},
    "Product Owner": {"product-owner"},
    "AI Product Manager": {"ai-pm"},
    "Platform Product Manager": {"data-pm"},
    "Group Product Manager": {"group-pm"},
}

# The highest point of the scale a rung's level may ask for: Expert only from
# Principal and Director up, and nothing above Developing for an associate.
MAX_RATING_AT_LEVEL = {1: 2, 2: 4, 3: 4, 4: 4}
# Phrases that name the reach of a point of the scale (see the scale in the
# file): a rating below the point must not use them.
REACH_WORDS = {
    5: (
        "sets the standard",
        "across the organisation",
        "across the company",
        "company-wide",
        "whole company",
        "the industry",
        "industry-wide",
        "the company steers",
        "the company's direction",
    ),
    4: ("across teams", "several teams", "many teams", "other teams' ", "across the group"),
}
# A statement says what someone does: it does not open with a state of mind.
NOT_OBSERVABLE_START = re.compile(
    r"^(understands|knows|is aware|appreciates|believes|cares|feels|wants|likes|enjoys|has a passion)\b",
    re.IGNORECASE,
)
# Readiness is shown, not wished for.
PREFERENCE = re.compile(
    r"\b(you want|you would like|you'd like|you wish|preference|you prefer|you enjoy|you feel|"
    r"you are interested|you love|passion|keen|rather|drawn to|aspire|appeals? to you|your ambition)\b",
    re.IGNORECASE,
)
# No counting without a source: no percentages, money, or claims about most people.
UNSOURCED = re.compile(
    r"\d+\s*%|[$€£]\s*\d|\d+k\b|\bper ?cent\b|\bmajority\b|\bminority\b|\bnearly all\b|\balmost all\b|"
    r"\bthe vast\b|\b\d+ (out )?of (every )?\d+\b|\bstudies show\b|\bresearch shows\b|"
    r"\bmost (of|people|candidates|companies|teams|pms|product managers|organisations|firms|"
    r"engineers|designers|hiring|employers|roles|switchers|graduates|applicants|[a-z]+ers)\b|"
    r"\b(one|two|three|four|five|six|seven|eight|nine|\d+) (in|out of) (ten|\d+)\b|"
    r"\b(half|a third|a quarter|three quarters|two thirds) of\b|"
    # How often a kind of person does something is a count in disguise.
    r"\b(people|engineers|designers|marketers|analysts|consultants|graduates|candidates|pms|"
    r"leaders|companies|employers|internships|contacts) (often|usually|typically|mostly)\b|"
    r"\boften lead to\b",
    re.IGNORECASE,
)


def load() -> Data:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def ladder() -> Data:
    return load()


# ---------------------------------------------------------------- helpers


def roles_of(data: Data) -> dict[str, Role]:
    return {role["id"]: role for role in data["roles"]}


def tracks_of(role: Role) -> list[str]:
    track = role.get("track", [])
    return [track] if isinstance(track, str) else list(track)


def moves_of(role: Role) -> list[dict[str, Any]]:
    return [{"to": m} if isinstance(m, str) else m for m in role.get("next", [])]


def kind_of(move: dict[str, Any], here: Role, there: Role) -> str:
    """As the loader infers it: promotion when the level rises, else lateral."""
    if "kind" in move:
        return str(move["kind"])
    return "promotion" if there["level"] > here["level"] else "lateral"


def moves(data: Data) -> Iterator[tuple[Role, Role, str, dict[str, Any]]]:
    roles = roles_of(data)
    for role in data["roles"]:
        for move in moves_of(role):
            there = roles[move["to"]]
            yield role, there, kind_of(move, role, there), move


def levels(role: Role) -> dict[str, int]:
    return {cid: cell["level"] for cid, cell in role.get("competencies", {}).items()}


def statements(cell: dict[str, Any]) -> list[str]:
    said = cell.get("expectation", [])
    return [said] if isinstance(said, str) else list(said)


def prose(value: Any) -> Iterator[str]:
    """Every text in a role, however deep."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("id", "aliases", "to", "kind", "track", "next"):
                yield from prose(item)
    elif isinstance(value, list):
        for item in value:
            yield from prose(item)


def specialism_of(role: Role) -> str | None:
    return next((t for t in tracks_of(role) if t in SPECIALISMS), None)


# ---------------------------------------------------------------- the rules


def drops_along_promotions(data: Data) -> list[str]:
    """A promotion never asks for less of anything."""
    return [
        f"{here['id']} -> {there['id']}: {cid} {level} -> {levels(there)[cid]}"
        for here, there, kind, _ in moves(data)
        if kind == "promotion"
        for cid, level in levels(here).items()
        if cid in levels(there) and levels(there)[cid] < level
    ]


def drops_into_specialisms(data: Data) -> list[str]:
    """A generalist moving sideways into a specialism keeps every expectation,
    and the specialism asks for more of something."""
    found = []
    for here, there, kind, _ in moves(data):
        if kind != "lateral" or specialism_of(there) is None or specialism_of(here) is not None:
            continue
        mine, theirs = levels(here), levels(there)
        found += [
            f"{here['id']} -> {there['id']}: {c} {mine[c]} -> {theirs[c]}"
            for c in mine
            if theirs[c] < mine[c]
        ]
        if not any(theirs[c] > mine[c] for c in mine):
            found.append(f"{here['id']} -> {there['id']}: the specialism asks for nothing more")
    return found


def promotions_that_barely_differ(data: Data) -> list[str]:
    """Neighbouring rungs really differ: a promotion raises at least two competencies."""
    found = []
    for here, there, kind, _ in moves(data):
        if kind == "promotion" and here["level"] > 0:
            raised = [c for c, level in levels(here).items() if levels(there)[c] > level]
            if len(raised) < 2:
                found.append(f"{here['id']} -> {there['id']} raises only {raised}")
    return found


def ratings_above_the_level(data: Data) -> list[str]:
    """The scale's words fit the rung: no Expert below level 5, nothing above
    Developing for an associate, and no rung below Lead rates anything above
    the individual-contributor rung one level up."""
    roles = roles_of(data)
    ic_at = {roles[r]["level"]: roles[r] for r in IC}
    found = []
    for role in data["roles"]:
        level = role["level"]
        if level == 0:
            continue
        cap = MAX_RATING_AT_LEVEL.get(level, 5)
        found += [f"{role['id']}: {c} {v} > {cap}" for c, v in levels(role).items() if v > cap]
        above = ic_at.get(level + 1)
        if level <= 3 and above is not None:
            found += [
                f"{role['id']}: {c} {v} above {above['id']}'s {levels(above)[c]}"
                for c, v in levels(role).items()
                if v > levels(above)[c]
            ]
    return found


def generalists_outranked(data: Data) -> list[str]:
    """Off its focus, a specialism asks no more than the generalist rung
    beside it, and a mid-level or associate rung never matches a rung three
    levels up, as a mid-level PM matching a Director's execution would."""
    roles = roles_of(data)
    core_at = {roles[r]["level"]: roles[r] for r in IC}
    found = []
    for role in data["roles"]:
        level = role["level"]
        if not 1 <= level <= 2:
            continue
        focus = SPECIALISM_FOCUS.get(specialism_of(role) or "", set())
        beside = core_at[level]
        far_above = [roles[r] for r in CORE if roles[r]["level"] >= level + 3]
        for c, v in levels(role).items():
            if c in focus:
                continue
            if v > levels(beside)[c]:
                found.append(f"{role['id']}: {c} {v} above {beside['id']}'s {levels(beside)[c]}")
            found += [f"{role['id']}: {c} {v} matches {up['id']}" for up in far_above if v >= levels(up)[c]]
    return found


def wording_beyond_the_rating(data: Data) -> list[str]:
    """A rating's statements stay within the reach of its point of the scale."""
    found = []
    for role in data["roles"]:
        for cid, cell in role.get("competencies", {}).items():
            for point, phrases in REACH_WORDS.items():
                if cell["level"] >= point:
                    continue
                for text in statements(cell) + cell.get("examples", []):
                    found += [
                        f"{role['id']}/{cid} (level {cell['level']}): {p!r}"
                        for p in phrases
                        if p in text.lower()
                    ]
    return found


def shallow_cells(data: Data) -> list[str]:
    """Every cell has 2 to 4 observable behaviours, as a list; every cell of a
    core rung has signs of 'not yet'."""
    ids = [c["id"] for c in data["competencies"]]
    found = []
    for role in data["roles"]:
        cells = role.get("competencies")
        if role["id"] in EXITS:
            continue
        if cells is None or list(cells) != ids:
            found.append(f"{role['id']}: rates {list(cells or [])}, not {ids} in that order")
            continue
        for cid, cell in cells.items():
            said = cell.get("expectation")
            if not isinstance(said, list) or not 2 <= len(said) <= 4:
                found.append(
                    f"{role['id']}/{cid}: {len(said) if isinstance(said, list) else 'not a list of'} statements"
                )
            found += [
                f"{role['id']}/{cid}: not observable: {s!r}"
                for s in statements(cell)
                if NOT_OBSERVABLE_START.match(s)
            ]
            if role["id"] in CORE and not cell.get("not_yet"):
                found.append(f"{role['id']}/{cid}: no not_yet signs")
    return found


def unobservable_signals(data: Data) -> list[str]:
    """Readiness signals, on roles and on moves, are things someone can see."""
    found = []
    for role in data["roles"]:
        signals = list(role.get("ready_when", []))
        signals += [s for move in moves_of(role) for s in move.get("ready_when", [])]
        found += [f"{role['id']}: {s!r}" for s in signals if PREFERENCE.search(s)]
    return found


def forks_without_their_own_evidence(data: Data) -> list[str]:
    """Where a role can be promoted more than one way, each way has its own signals."""
    found = []
    for role in data["roles"]:
        forks = [
            (there, move) for here, there, kind, move in moves(data) if here is role and kind == "promotion"
        ]
        if len(forks) < 2:
            continue
        seen: Counter[str] = Counter()
        for there, move in forks:
            if len(move.get("ready_when", [])) < 2:
                found.append(f"{role['id']} -> {there['id']}: fewer than two signals of its own")
            seen.update(move.get("ready_when", []))
        found += [f"{role['id']}: {s!r} is given for several forks" for s, n in seen.items() if n > 1]
    return found


def unsourced_numbers(data: Data) -> list[str]:
    texts = itertools.chain(prose(data["roles"]), prose(data.get("titles", [])), [data["description"]])
    return [repr(t) for t in texts if UNSOURCED.search(t)]


RULES: list[Callable[[Data], list[str]]] = [
    drops_along_promotions,
    drops_into_specialisms,
    promotions_that_barely_differ,
    ratings_above_the_level,
    generalists_outranked,
    wording_beyond_the_rating,
    shallow_cells,
    unobservable_signals,
    forks_without_their_own_evidence,
    unsourced_numbers,
]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__name__)
def test_content_rule(ladder: Data, rule: Callable[[Data], list[str]]) -> None:
    assert rule(ladder) == []


# A rule that cannot fail proves nothing: each is shown a ladder that breaks it.
def _broken(mutate: Callable[[dict[str, Role]], None]) -> Data:
    data = load()
    mutate(roles_of(data))
    return data


def _set(role: Role, cid: str, level: int) -> None:
    role["competencies"][cid]["level"] = level


BREAKAGES: list[tuple[Callable[[Data], list[str]], Callable[[dict[str, Role]], None]]] = [
    (drops_along_promotions, lambda r: _set(r["director"], "communication", 1)),
    (drops_into_specialisms, lambda r: _set(r["technical-pm"], "customer-insight", 1)),
    (promotions_that_barely_differ, lambda r: r["cpo"].update(competencies=r["vp-product"]["competencies"])),
    (ratings_above_the_level, lambda r: _set(r["data-pm"], "data-analytics", 5)),
    (ratings_above_the_level, lambda r: _set(r["technical-pm"], "product-strategy", 4)),
    (generalists_outranked, lambda r: _set(r["technical-pm"], "execution", 4)),
    (generalists_outranked, lambda r: _set(r["growth-pm"], "communication", 4)),
    (
        wording_beyond_the_rating,
        lambda r: r["cpo"]["competencies"]["data-analytics"].update(
            level=3, expectation=["Sets the measures the company steers by.", "Reports them."]
        ),
    ),
    (shallow_cells, lambda r: r["pm"]["competencies"]["execution"].update(expectation="Ships.")),
    (shallow_cells, lambda r: r["pm"]["competencies"]["execution"].pop("not_yet")),
    (
        shallow_cells,
        lambda r: r["pm"]["competencies"]["execution"]["expectation"].append("Understands delivery."),
    ),
    (
        unobservable_signals,
        lambda r: r["senior-pm"]["ready_when"].append("You have a clear preference for the management fork."),
    ),
    (
        forks_without_their_own_evidence,
        lambda r: moves_of(r["senior-pm"])[1].update(ready_when=moves_of(r["senior-pm"])[0]["ready_when"]),
    ),
    (
        unsourced_numbers,
        lambda r: r["graduate"]["ready_when"].append("Most candidates hold a bachelor's degree."),
    ),
    (
        unsourced_numbers,
        lambda r: r["software-engineer"].update(summary="Engineers often move into product."),
    ),
]


@pytest.mark.parametrize(("rule", "mutate"), BREAKAGES, ids=lambda x: getattr(x, "__name__", ""))
def test_each_rule_catches_what_it_forbids(
    rule: Callable[[Data], list[str]], mutate: Callable[[dict[str, Role]], None]
) -> None:
    assert rule(_broken(mutate)) != []


# ---------------------------------------------------------------- the map


def test_ids_and_names_are_unique(ladder: Data) -> None:
    names = Counter(n.casefold() for role in ladder["roles"] for n in [role["id"], *role.get("aliases", [])])
    assert [n for n, count in names.items() if count > 1] == []


def test_every_reference_resolves(ladder: Data) -> None:
    roles = roles_of(ladder)
    dangling = [(r["id"], m["to"]) for r in ladder["roles"] for m in moves_of(r) if m["to"] not in roles]
    dangling += [(t["title"], r) for t in ladder["titles"] for r in t["roles"] if r not in roles]
    assert dangling == []


def test_the_tracks_are_declared_and_used(ladder: Data) -> None:
    declared = [t["id"] for t in ladder["tracks"]]
    assert {"entry", "individual-contributor", "management", *SPECIALISMS} <= set(declared)
    roles = roles_of(ladder)
    for track, rungs in SPECIALISMS.items():
        assert [roles[r]["level"] for r in rungs] == [roles["pm"]["level"], roles["senior-pm"]["level"]]
        assert all(tracks_of(roles[r]) == [track] for r in rungs), track
    assert all(tracks_of(roles[r]) == ["individual-contributor"] for r in IC)
    assert all(tracks_of(roles[r]) == ["management"] for r in MANAGEMENT)


def test_competencies_sit_in_about_four_areas(ladder: Data) -> None:
    areas = [a["id"] for a in ladder["areas"]]
    assert 3 <= len(areas) <= 5
    assert all(c.get("area") in areas for c in ladder["competencies"])
    assert set(areas) == {c["area"] for c in ladder["competencies"]}


def test_technical_fluency_covers_engineering_and_ai(ladder: Data) -> None:
    fluency = next(c for c in ladder["competencies"] if c["id"] == "technical-fluency")
    assert re.search(r"\bAI\b", fluency["description"])
    text = fluency["description"].lower()
    for topic in ("engineer", "machine-learning", "model", "evaluat", "behave", "cost", "latency"):
        assert topic in text, topic


def test_every_level_has_a_label(ladder: Data) -> None:
    labelled = {step["level"] for step in ladder["levels"] if step.get("label")}
    assert {role["level"] for role in ladder["roles"]} <= labelled


def test_the_scale_has_five_named_points(ladder: Data) -> None:
    assert [(step["level"], bool(step["name"])) for step in ladder["scale"]] == [
        (n, True) for n in range(1, 6)
    ]


def test_the_ic_track_continues_past_senior(ladder: Data) -> None:
    roles = roles_of(ladder)
    assert [roles[r]["level"] for r in IC] == sorted({roles[r]["level"] for r in IC})
    for here, there in itertools.pairwise(IC):
        assert there in [m["to"] for m in moves_of(roles[here])], (here, there)
    # Principal is the top of the track, not a waiting room for Director: a
    # sideways move to Director, or out of the ladder.
    principal = roles["principal-pm"]
    moves_out = [(m["to"], kind_of(m, principal, roles[m["to"]])) for m in moves_of(principal)]
    assert moves_out == [("director", "lateral"), ("founder", "exit"), ("advisor", "exit")]


def test_the_management_chain(ladder: Data) -> None:
    roles = roles_of(ladder)
    chain = ["senior-pm", *MANAGEMENT]
    for here, there in itertools.pairwise(chain):
        assert there in [m["to"] for m in moves_of(roles[here])], (here, there)
    assert roles["senior-pm"]["level"] < roles["group-pm"]["level"] < roles["director"]["level"]


def test_specialisms_branch_from_the_generalist_rungs_and_back(ladder: Data) -> None:
    roles = roles_of(ladder)
    for rung, senior in SPECIALISMS.values():
        assert rung in [m["to"] for m in moves_of(roles["pm"])]
        assert {m["to"] for m in moves_of(roles[rung])} == {senior, "pm"}
        assert {m["to"] for m in moves_of(roles[senior])} == {"staff-pm", "senior-pm"}


def test_entry_routes_are_applied_for(ladder: Data) -> None:
    roles = roles_of(ladder)
    for role_id in ENTRY:
        role = roles[role_id]
        assert tracks_of(role) == ["entry"], role_id
        assert {m["to"] for m in moves_of(role)} & {"apm", "pm"}, role_id
        assert {m.get("kind") for m in moves_of(role)} == {"apply"}, role_id
        assert len(role.get("brings", [])) >= 2 and len(role.get("to_learn", [])) >= 2, role_id


def test_product_owner_is_a_neighbour_that_leads_to_pm(ladder: Data) -> None:
    owner = roles_of(ladder)["product-owner"]
    assert tracks_of(owner) == ["neighbouring"]
    assert [m["to"] for m in moves_of(owner)] == ["pm"]


def test_the_cpo_exits_the_ladder(ladder: Data) -> None:
    roles = roles_of(ladder)
    assert [(m["to"], m.get("kind")) for m in moves_of(roles["cpo"])] == [(e, "exit") for e in EXITS]
    assert all(tracks_of(roles[e]) == ["exits"] and not roles[e].get("next") for e in EXITS)


DELIVERY_WORDS = re.compile(
    r"program|release train|release window|milestone|status (meeting|report)|timeline|gantt|"
    r"on a date|tracking and follow-up|raid log",
    re.IGNORECASE,
)


def test_a_technical_pm_is_not_a_program_manager(ladder: Data) -> None:
    roles = roles_of(ladder)
    for role_id in SPECIALISMS["technical"]:
        assert "tpm" not in roles[role_id].get("aliases", [])
        assert [t for t in prose(roles[role_id]) if DELIVERY_WORDS.search(t)] == [], role_id


def test_titles_people_have(ladder: Data) -> None:
    titles = {t["title"]: t for t in ladder["titles"]}
    for title, rungs in TITLES_PEOPLE_HAVE.items():
        assert title in titles, title
        assert rungs <= set(titles[title]["roles"]), title
    assert [t["title"] for t in ladder["titles"] if len(t["roles"]) > 1 and not t.get("note")] == []


def test_every_role_is_complete(ladder: Data) -> None:
    for role in ladder["roles"]:
        core = role["id"] in CORE
        assert role.get("summary", "").strip(), role["id"]
        assert len(role.get("responsibilities", [])) >= (5 if core else 3), role["id"]
        if role.get("next"):
            assert len(role.get("ready_when", [])) >= (3 if core else 2), role["id"]
        if role["id"] not in EXITS:
            assert role.get("scope") and role.get("stand_out"), role["id"]
        if core:
            assert role.get("in_practice"), role["id"]


def test_certification_is_weighed_honestly(ladder: Data) -> None:
    mentions = [t for t in prose(ladder["roles"]) if "certif" in t.lower()]
    assert mentions
    for text in mentions:
        assert "shipped" in text.lower() and "switch" in text.lower(), text


def test_the_typical_route_runs_up_the_core(ladder: Data) -> None:
    from pmpath.ladder.loading import load_ladder
    from pmpath.queries.routes import shortest_route

    bundled = load_ladder()
    route = shortest_route(bundled, bundled.role("apm"), bundled.role("cpo"))
    assert [role.id for role in route] == TYPICAL_ROUTE


def test_the_readme_tells_the_same_route() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The bundled ladder", 1)[1].split("\n## ", 1)[0]
    said = " ".join(section.split())
    route = " → ".join(f"`{r}`" for r in TYPICAL_ROUTE)
    assert route in said
    meaning = "`stand_out` lists what sets a person in that role apart from their peers in the same role"
    assert meaning in said
    # The format's own table says the same.
    assert (
        "| `stand_out` | array of strings | what sets someone in this role apart from their peers" in readme
    )
