"""Every export carries format 2: YAML and JSON give the ladder back exactly,
and Markdown, Mermaid, DOT and CSV show levels, tracks, areas, moves by kind,
statements and the ladder's licence, with ladder text always escaped."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmpath.ladder.loading import check_ladder, load_ladder
from pmpath.ladder.model import Ladder
from pmpath.ladder.reading import bundled_ladder_path
from pmpath.output.export import FORMATS, to_json, to_yaml
from tests.conftest import LADDERS, Run, write_ladder

FORMAT2 = LADDERS / "format2"
DUAL = FORMAT2 / "dual_track.yaml"
WORDS = FORMAT2 / "words_only.yaml"
NAMED = FORMAT2 / "named_levels.yaml"
ROUND_TRIP = [
    DUAL,
    WORDS,
    NAMED,
    bundled_ladder_path(),
    *sorted(LADDERS.glob("*.yaml")),  # company, cycle, hostile, minimal, small
]
WRITERS = {"yaml": to_yaml, "json": to_json}


def export(run: Run, ladder: Path, fmt: str) -> str:
    result = run("--ladder", str(ladder), "export", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def as_yaml(data: object) -> str:
    """Data as a YAML file, written as the YAML export writes (PyYAML's pure
    Python writer folds a raw U+0085 in quoted text; libyaml escapes it). Not
    JSON: PyYAML cannot read JSON's \\ud83d\\ude00 pairs for one character."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return str(yaml.dump(data, Dumper=dumper, allow_unicode=True))


def without_path(ladder: Ladder) -> Ladder:
    return dataclasses.replace(ladder, path=None)


def reload(tmp_path: Path, text: str, fmt: str, warnings: tuple[str, ...] = ()) -> Ladder:
    """The exported text loaded as a ladder file, which must raise no problem
    but the warnings its source had."""
    path = write_ladder(tmp_path, text, f"exported.{fmt}")
    ladder, problems = check_ladder(path, strict=True)
    assert ladder is not None and tuple(p.message for p in problems) == warnings, problems
    return ladder


# -- YAML and JSON: the ladder itself ------------------------------------------------
@pytest.mark.parametrize("fmt", WRITERS)
@pytest.mark.parametrize("path", ROUND_TRIP, ids=lambda p: p.name)
def test_yaml_and_json_exports_load_back_exactly(tmp_path: Path, path: Path, fmt: str) -> None:
    ladder, problems = check_ladder(path, strict=True)
    assert ladder is not None
    text = WRITERS[fmt](ladder)
    again = reload(tmp_path, text, fmt, tuple(p.message for p in problems))  # publish_hostile warns
    assert without_path(again) == without_path(ladder)
    assert WRITERS[fmt](again) == text


def test_the_round_trip_keeps_what_format_2_adds(tmp_path: Path) -> None:
    data = json.loads(to_json(load_ladder(DUAL)))
    assert (data["version"], data["source"], data["license"]) == (
        "2026.2",
        "https://example.org/builders-ladder",
        "CC-BY-4.0",
    )
    senior = next(role for role in data["roles"] if role["id"] == "senior-2")
    assert senior["track"] == ["ic", "management"]
    assert senior["x-hr-code"] == "ENG-4"
    assert senior["next"] == [
        {"to": "staff", "ready_when": ["You have set the technical direction of a whole team."]},
        {
            "to": "engineering-manager",
            "kind": "apply",
            "ready_when": ["You have run a team for a quarter while its manager was away."],
        },
    ]
    words = json.loads(to_json(load_ladder(WORDS)))
    assert words["roles"][0]["competencies"]["empathy"] == {
        "expectation": ["Listens before answering.", "Keeps a calm tone with upset customers."]
    }


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)
X_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)
# A lateral move stays at the same level (a -> b rises): it would be warned about.
KINDS = st.sampled_from([None, "promotion", "apply", "exit"])


@st.composite
def format2_ladders(draw: st.DrawFn) -> dict[str, Any]:
    """A valid ladder using every part of format 2, with any text and any
    `x-` values."""
    text = draw(TEXT)
    statements = draw(st.lists(TEXT, min_size=1, max_size=3))
    move: dict[str, Any] = {"to": "b", "ready_when": draw(st.lists(TEXT, max_size=2))}
    if (kind := draw(KINDS)) is not None:
        move["kind"] = kind
    rating: dict[str, Any] = {"expectation": statements[0] if len(statements) == 1 else statements}
    if draw(st.booleans()):
        rating["level"] = 1
    rating["examples"] = draw(st.lists(TEXT, max_size=2))
    rating["not_yet"] = draw(st.lists(TEXT, max_size=2))
    rating["x-note"] = draw(X_VALUES)
    return {
        "title": text,
        "version": draw(TEXT),
        "source": draw(TEXT),
        "license": draw(TEXT),
        "levels": [{"level": 1, "label": "L1", "description": draw(TEXT)}, {"level": 2, "label": "L2"}],
        "tracks": [{"id": "ic", "title": "IC", "x-t": draw(X_VALUES)}, {"id": "m", "title": "M"}],
        "areas": [{"id": "core", "name": "Core", "description": draw(TEXT)}],
        "competencies": [{"id": "craft", "name": "Craft", "area": "core"}],
        "scale": [{"level": 1, "name": "One"}],
        "titles": [{"title": "Lead", "roles": ["a", "b"], "note": draw(TEXT)}],
        "roles": [
            {
                "id": "a",
                "title": "A",
                "level": "L1",
                "track": ["ic", "m"],
                "summary": draw(TEXT),
                "ready_when": draw(st.lists(TEXT, max_size=2)),
                "next": [move],
                "competencies": {"craft": rating},
                f"x-{draw(TEXT)}": draw(X_VALUES),
            },
            {"id": "b", "title": "B", "level": 2, "track": "m", "competencies": {"craft": dict(rating)}},
        ],
        "x-ladder": draw(X_VALUES),
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=format2_ladders())
def test_any_format_2_ladder_loads_back_exactly(tmp_path: Path, data: dict[str, Any]) -> None:
    source = write_ladder(tmp_path, as_yaml(data), "source.yaml")
    ladder, problems = check_ladder(source)
    assert ladder is not None, problems
    for fmt, write in WRITERS.items():
        text = write(ladder)
        again = reload(tmp_path, text, fmt)
        assert without_path(again) == without_path(ladder)
        assert write(again) == text


TRICKY_VALUES = {
    "line separators": "a\u2028b\u2029c\x85d",
    "noncharacters": "\ufffe\uffff",
    "line ends": "a\r\nb\rc\td",
    "a number in a string": '": 1e-05,',
    "tiny": 5e-324,
    "huge": 1e100,
    "small": 1.0e-05,
    "negative zero": -0.0,
    "YAML 1.1 words": ["yes", "no", "on", "off", "~", "null", "1_000", "0x1F", "2026-01-02", "1e5"],
}


@pytest.mark.parametrize("fmt", WRITERS)
@pytest.mark.parametrize("value", TRICKY_VALUES.values(), ids=TRICKY_VALUES.keys())
def test_tricky_text_and_numbers_load_back_exactly(tmp_path: Path, fmt: str, value: object) -> None:
    key = value if isinstance(value, str) else "k"
    data = {
        "license": value if isinstance(value, str) else "x",
        "roles": [{"id": "a", "title": "A", "level": 1, "x-value": {key: value}, "summary": str(value)}],
        "x-list": [value, {'a": 1e-05': value}],
    }
    ladder = load_ladder(write_ladder(tmp_path, as_yaml(data)))
    assert ladder.extensions["x-list"][0] == value
    text = WRITERS[fmt](ladder)
    again = reload(tmp_path, text, fmt)
    assert without_path(again) == without_path(ladder)
    assert WRITERS[fmt](again) == text


# -- every export shows the licence ---------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("path", "licence"),
    [(DUAL, "CC-BY-4.0"), (WORDS, "Text may be shared with attribution.")],
    ids=["dual", "words"],
)
def test_every_export_shows_the_licence(run: Run, path: Path, licence: str, fmt: str) -> None:
    assert licence in export(run, path, fmt)


# -- Markdown ----------------------------------------------------------------------
def test_markdown_metadata_sits_under_the_title(run: Run) -> None:
    text = export(run, DUAL, "markdown")
    assert text.startswith(
        "# Builders' ladder\n\n"
        "- **Version:** 2026\\.2\n"
        "- **Source:** [https\\:\\//example\\.org/builders-ladder](https\\:\\//example\\.org/builders-ladder)\n"
        "- **Licence:** CC-BY-4.0\n\n"
        "How engineers grow at a small software company, on two tracks.\n\n## Overview\n"
    )


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("https://example.org/a_b", "[https\\:\\//example\\.org/a\\_b](https\\:\\//example\\.org/a\\_b)"),
        ("HTTP://EXAMPLE.ORG/x", "[HTTP\\:\\//EXAMPLE\\.ORG/x](HTTP\\:\\//EXAMPLE\\.ORG/x)"),
        ("javascript:alert(1)", "javascript:alert(1)"),
        (
            "https://example.org/)[x](javascript:alert(1)",
            "https\\:\\//example\\.org/)\\[x\\](javascript:alert(1)",
        ),
        ("https://example.org/a b", "https\\:\\//example\\.org/a b"),
        ("https://evil.example/<script>", "https\\:\\//evil\\.example/\\<script\\>"),
        ("A book, 2024, page 12", "A book, 2024, page 12"),
        ("ftp://example.org/ladder", "ftp\\:\\//example\\.org/ladder"),
    ],
)
def test_markdown_links_the_source_only_when_it_is_a_web_address(
    run: Run, tmp_path: Path, source: str, shown: str
) -> None:
    path = write_ladder(
        tmp_path, json.dumps({"source": source, "roles": [{"id": "a", "title": "A", "level": 1}]})
    )
    assert f"\n- **Source:** {shown}\n" in export(run, path, "markdown")


def test_markdown_has_no_metadata_block_when_the_ladder_has_none(run: Run) -> None:
    text = export(run, LADDERS / "minimal.yaml", "markdown")
    assert "**Version:**" not in text and "**Licence:**" not in text and "**Source:**" not in text


def test_markdown_levels_table(run: Run) -> None:
    assert (
        "## Levels\n\n| Label | Level | Description |\n| --- | --- | --- |\n"
        "| Junior | 1 | Learning the craft with close support. |\n| Intermediate | 2 |  |\n"
        "| Senior 1 | 3 |  |\n| Senior 2 | 4 |  |\n| Lead | 5 | Influence beyond one team, by craft or by management. |\n"
        "| Senior Lead | 6 |  |\n"
    ) in export(run, DUAL, "markdown")


def test_markdown_tracks_list_shared_rungs_under_every_track(run: Run) -> None:
    text = export(run, DUAL, "markdown")
    shared = "[Junior Engineer](#junior), [Engineer](#intermediate), [Senior Engineer 1](#senior-1), [Senior Engineer 2](#senior-2)"
    assert (
        "## Tracks\n\n| Track | Description | Roles |\n| --- | --- | --- |\n"
        f"| Individual contributor | Grows by going deeper in the craft. | {shared}, "
        "[Staff Engineer](#staff), [Principal Engineer](#principal) |\n"
        f"| Management | Grows by helping others do their best work. | {shared}, "
        "[Engineering Manager](#engineering-manager), [Senior Engineering Manager](#senior-manager), "
        "[Director of Engineering](#director) |\n"
    ) in text
    assert "| 4 (Senior 2) | [Senior Engineer 2](#senior-2) | Individual contributor, Management |" in text


def test_markdown_competencies_are_grouped_by_area(run: Run) -> None:
    assert (
        "## Competencies\n\n**Execution**: Getting things done well.\n\n- **Quality**\n- **Scope**\n\n"
        "**Influence**\n\n- **Communication**\n\n**Other**\n\n- **Hiring**\n\n## Roles\n"
    ) in export(run, NAMED, "markdown")


def test_markdown_job_titles(run: Run) -> None:
    assert (
        "## Job titles\n\n- **Tech Lead** → [Senior Engineer 2](#senior-2), [Staff Engineer](#staff): "
        "A duty some seniors and staff engineers take on.\n"
    ) in export(run, DUAL, "markdown")


def test_markdown_role_moves_are_grouped_by_kind_with_their_own_signals(run: Run) -> None:
    text = export(run, DUAL, "markdown")
    assert (
        "**Promotions**\n\n- [Staff Engineer](#staff), ready when:\n"
        "  - You have set the technical direction of a whole team.\n\n"
        "**Apply and interview**\n\n- [Engineering Manager](#engineering-manager), ready when:\n"
        "  - You have run a team for a quarter while its manager was away.\n\n"
        "**Comes from:** [Senior Engineer 1](#senior-1)\n"
    ) in text
    assert (
        "**Lateral moves**\n\n- [Staff Engineer](#staff), ready when:\n"
        "  - You miss building and your design work is still sharp.\n"
    ) in text
    assert "**Ways out**\n\n- [Founder](#founder)\n" in text
    assert "*Level 7*\n\nLeaves to start a company of their own.\n\n**Leads to:** —\n" in text
    assert "*Level 4 (Senior 2) · Individual contributor, Management tracks*" in text


def test_markdown_competency_table_has_statements_examples_and_not_yet(run: Run) -> None:
    text = export(run, DUAL, "markdown")
    assert (
        "| Area | Competency | Level | What it looks like | Examples | Not yet |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| Craft | Delivery | 3 Strong | Plans and delivers projects spanning a quarter. | Led the billing migration. |  |\n"
        "| Craft | System design | 3 Strong |  |  |  |\n"
        "| People | Mentoring | 2 Capable | Mentors one or two engineers. |  | Only answers questions when asked. |\n"
    ) in text
    assert (
        "| Craft | Delivery | 2 Capable | Ships features of a few weeks. · Writes the tests that catch regressions. |"
        in text
    )


def test_markdown_words_only_ladder_has_no_level_column(run: Run) -> None:
    text = export(run, WORDS, "markdown")
    assert "| Level |" not in text.split("## Roles")[1]
    assert (
        "| Competency | What it looks like | Not yet |\n| --- | --- | --- |\n"
        "| Empathy | Listens before answering. · Keeps a calm tone with upset customers. |  |\n"
        "| Product knowledge | Knows the main features and where the guides are. "
        "| Escalates questions the guides already answer. |\n"
    ) in text


def test_markdown_a_cell_in_words_in_a_ladder_with_levels_has_an_empty_level(
    run: Run, tmp_path: Path
) -> None:
    path = write_ladder(
        tmp_path,
        "scale: [{level: 1, name: One}]\ncompetencies: [{id: a, name: A}, {id: b, name: B}]\n"
        "roles:\n  - {id: r, title: R, level: 1, competencies: {a: 1, b: {expectation: In words.}}}\n"
        "  - {id: s, title: S, level: 2}\n",
    )
    text = export(run, path, "markdown")
    assert "| A | 1 One |  |\n| B |  | In words. |\n" in text
    assert "### s\n\n**S** · *Level 2*\n\n**Leads to:** —\n" in text


HOSTILE_CELLS = {
    "pipe": ("a | b", "a \\| b"),
    "html": ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
    "break": ("one<br>two", "one\\<br\\>two"),
    "newline": ("one\ntwo", "one two"),
    "link": ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
    "autolink": ("see https://evil.example", "see https\\:\\//evil\\.example"),
    "escape": ("\x1b[2J", "\\\\x1b\\[2J"),
}


@pytest.mark.parametrize(("text", "shown"), HOSTILE_CELLS.values(), ids=HOSTILE_CELLS.keys())
def test_markdown_statements_examples_and_not_yet_stay_text(
    run: Run, tmp_path: Path, text: str, shown: str
) -> None:
    rating = {"level": 1, "expectation": [text, "second"], "examples": [text], "not_yet": [text, text]}
    move = {"to": "b", "kind": "lateral", "ready_when": [text]}
    data: dict[str, Any] = {
        "version": text,
        "license": text,
        "levels": [{"level": 1, "label": "L1", "description": text}],
        "tracks": [{"id": "t", "title": text, "description": text}],
        "areas": [{"id": "r", "name": text, "description": text}],
        "competencies": [{"id": "c", "name": "C", "area": "r"}],
        "scale": [{"level": 1, "name": "One"}],
        "titles": [{"title": text, "roles": ["a"], "note": text}],
        "roles": [
            {
                "id": "a",
                "title": "A",
                "level": 1,
                "track": "t",
                "next": [move],
                "competencies": {"c": rating},
            },
            {"id": "b", "title": "B", "level": 1},
        ],
    }
    page = export(run, write_ladder(tmp_path, json.dumps(data)), "markdown")
    assert f"| {shown} | C | 1 One | {shown} · second | {shown} | {shown} · {shown} |" in page
    assert f"- **Version:** {shown}\n- **Licence:** {shown}\n" in page
    assert f"| L1 | 1 | {shown} |" in page
    assert f"| {shown} | {shown} | [A](#a) |" in page
    assert f"**{shown}**: {shown}\n\n- **C**" in page
    assert f"- **{shown}** → [A](#a): {shown}\n" in page
    assert f"- [B](#b), ready when:\n  - {shown}\n" in page
    # No raw HTML at all, so that renderers in safe mode show the same page.
    before, _, after = page.partition("```mermaid")
    assert raw_tags(before + after.partition("```")[2]) == set()


def raw_tags(page: str) -> set[str]:
    """The names of the tags Markdown would read as HTML: a `<` after an even
    number of backslashes."""
    found = set()
    for match in re.finditer(r"(\\*)<(/?[A-Za-z]*)", page):
        if len(match.group(1)) % 2 == 0:
            found.add(match.group(2))
    return found


# -- Mermaid -----------------------------------------------------------------------
def test_mermaid_draws_moves_by_kind_and_shared_rungs_in_a_box_of_their_own(run: Run) -> None:
    assert export(run, DUAL, "mermaid") == (
        "flowchart BT\n"
        "  %% Version: 2026.2 · Licence: CC-BY-4.0 · Source: https://example.org/builders-ladder\n"
        '  subgraph track_0["Shared#58; Individual contributor, Management"]\n'
        '    r_junior["Junior Engineer"]\n'
        '    r_intermediate["Engineer"]\n'
        '    r_senior_1["Senior Engineer 1"]\n'
        '    r_senior_2["Senior Engineer 2"]\n'
        "  end\n"
        '  subgraph track_1["Individual contributor"]\n'
        '    r_staff["Staff Engineer"]\n'
        '    r_principal["Principal Engineer"]\n'
        "  end\n"
        '  subgraph track_2["Management"]\n'
        '    r_engineering_manager["Engineering Manager"]\n'
        '    r_senior_manager["Senior Engineering Manager"]\n'
        '    r_director["Director of Engineering"]\n'
        "  end\n"
        '  r_founder["Founder"]\n'
        '  level_0["Level 1 · Junior"]\n'
        '  level_1["Level 2 · Intermediate"]\n'
        '  level_2["Level 3 · Senior 1"]\n'
        '  level_3["Level 4 · Senior 2"]\n'
        '  level_4["Level 5 · Lead"]\n'
        '  level_5["Level 6 · Senior Lead"]\n'
        '  level_6["Level 7"]\n'
        "  level_0 ~~~ level_1 ~~~ level_2 ~~~ level_3 ~~~ level_4 ~~~ level_5 ~~~ level_6\n"
        "  r_junior ~~~ level_1\n"
        "  level_0 ~~~ r_intermediate\n"
        "  r_intermediate ~~~ level_2\n"
        "  level_1 ~~~ r_senior_1\n"
        "  r_senior_1 ~~~ level_3\n"
        "  level_2 ~~~ r_senior_2\n"
        "  r_senior_2 ~~~ level_4\n"
        "  level_3 ~~~ r_staff\n"
        "  r_staff ~~~ level_5\n"
        "  level_4 ~~~ r_principal\n"
        "  r_principal ~~~ level_6\n"
        "  level_3 ~~~ r_engineering_manager\n"
        "  r_engineering_manager ~~~ level_5\n"
        "  level_4 ~~~ r_senior_manager\n"
        "  r_senior_manager ~~~ level_6\n"
        "  level_5 ~~~ r_director\n"
        "  level_5 ~~~ r_founder\n"
        "  r_junior --> r_intermediate\n"
        "  r_intermediate --> r_senior_1\n"
        "  r_senior_1 --> r_senior_2\n"
        "  r_senior_2 --> r_staff\n"
        "  r_senior_2 -.->|apply| r_engineering_manager\n"
        "  r_staff --> r_principal\n"
        "  r_staff -.->|apply| r_engineering_manager\n"
        "  r_engineering_manager --> r_senior_manager\n"
        "  r_engineering_manager -.->|lateral| r_staff\n"
        "  r_senior_manager -.->|apply| r_director\n"
        "  r_director ==>|exit| r_founder\n"
    )


def test_mermaid_inferred_lateral_moves_are_drawn_as_lateral(run: Run) -> None:
    text = export(run, bundled_ladder_path(), "mermaid")
    assert "  r_growth_pm -.->|lateral| r_pm\n" in text
    assert "  r_growth_pm --> r_senior_growth_pm\n" in text
    assert "  r_cpo ==>|exit| r_founder\n" in text


@pytest.mark.parametrize(
    ("licence", "comment"),
    [
        (
            "MIT\n%%{init: {'theme': 'dark'}}%%",
            "  %% Licence: MIT #37;#37;{init: {'theme': 'dark'}}#37;#37;\n",
        ),
        ("a\nflowchart LR\nx --> y", "  %% Licence: a flowchart LR x --#gt; y\n"),
        ("```\n</script>", "  %% Licence: #96;#96;#96; #lt;/script#gt;\n"),
        ("\x1b]52;c;aGk=\x07", "  %% Licence: \\x1b]52;c;aGk=\\x07\n"),
    ],
)
def test_mermaid_comment_cannot_break_out(run: Run, tmp_path: Path, licence: str, comment: str) -> None:
    path = write_ladder(
        tmp_path, json.dumps({"license": licence, "roles": [{"id": "a", "title": "A", "level": 1}]})
    )
    assert export(run, path, "mermaid") == f'flowchart BT\n{comment}  r_a["A"]\n'


# -- DOT ----------------------------------------------------------------------------
def test_dot_styles_moves_by_kind_and_labels_the_graph(run: Run) -> None:
    text = export(run, DUAL, "dot")
    assert (
        "  label=\"Builders' ladder\\nVersion: 2026.2 · Licence: CC-BY-4.0 · "
        'Source: https://example.org/builders-ladder";\n  labelloc=t;\n'
    ) in text
    assert '  "senior-2" -> "staff";\n' in text
    assert '  "senior-2" -> "engineering-manager" [style=dashed, xlabel="apply"];\n' in text
    # Moves both ways within a level: one edge from the role drawn first (staff's box comes first).
    assert (
        '  "staff" -> "engineering-manager" [style=dashed, xlabel="apply → / ← lateral", dir=both];\n' in text
    )
    assert '  "director" -> "founder" [style=bold, xlabel="exit"];\n' in text


def test_dot_label_escapes_ladder_text(run: Run, tmp_path: Path) -> None:
    data = {
        "license": 'a"; evil=1;\n"\\N',
        "version": "1\n2",  # a name, read as one line
        "roles": [{"id": "a", "title": "A", "level": 1}],
    }
    text = export(run, write_ladder(tmp_path, json.dumps(data)), "dot")
    assert '  label="Version: 1 2 · Licence: a\\"; evil=1;\\n\\"\\\\N";\n' in text


@pytest.mark.parametrize("path", [DUAL, WORDS, NAMED], ids=lambda p: p.name)
def test_dot_export_of_format_2_parses_with_graphviz_when_present(run: Run, path: Path) -> None:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed here; CI installs it")
    result = subprocess.run(
        ["dot", "-Tsvg"], input=export(run, path, "dot"), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "<svg" in result.stdout


# -- CSV -----------------------------------------------------------------------------
def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_columns_for_format_2(run: Run) -> None:
    text = export(run, DUAL, "csv")
    assert text.splitlines()[0] == (
        "id,title,aliases,level,track,summary,scope,responsibilities,in_practice,brings,to_learn,"
        "ready_when,stand_out,next,previous,level_label,tracks,moves,competency:delivery,competency:design,"
        "competency:mentoring,"
        "license,source,version"
    )
    rows = {row["id"]: row for row in csv_rows(text)}
    senior = rows["senior-2"]
    assert senior["track"] == "ic, management"
    assert senior["tracks"] == "ic\nmanagement"
    assert senior["level"] == "4" and senior["level_label"] == "Senior 2"
    assert senior["next"] == "staff\nengineering-manager"
    assert senior["moves"] == "staff (promotion)\nengineering-manager (apply)"
    assert rows["engineering-manager"]["moves"] == "senior-manager (promotion)\nstaff (lateral)"
    assert rows["director"]["moves"] == "founder (exit)"
    assert rows["founder"]["track"] == "" and rows["founder"]["level_label"] == ""
    assert {(row["license"], row["source"], row["version"]) for row in rows.values()} == {
        ("CC-BY-4.0", "https://example.org/builders-ladder", "2026.2")
    }


def test_csv_has_no_licence_columns_when_the_ladder_has_none(run: Run) -> None:
    header = export(run, bundled_ladder_path(), "csv").splitlines()[0]
    assert header.endswith(
        ",moves,competency:product-strategy,competency:business-acumen,competency:customer-insight,"
        "competency:data-analytics,competency:execution,competency:technical-fluency,"
        "competency:communication,competency:leadership,license,version"
    )
    header = export(run, LADDERS / "small.yaml", "csv").splitlines()[0]
    assert header.endswith(",moves,competency:strategy,competency:delivery")
    named = export(run, NAMED, "csv").splitlines()[0]
    assert named.endswith(
        ",competency:quality,competency:scope,competency:communication,competency:hiring,version"
    )


def test_csv_cells_in_words_hold_the_statements(run: Run) -> None:
    rows = csv_rows(export(run, WORDS, "csv"))
    assert (
        rows[0]["competency:empathy"] == "Listens before answering.\nKeeps a calm tone with upset customers."
    )
    assert rows[0]["competency:product-knowledge"] == "Knows the main features and where the guides are."
    assert rows[0]["license"] == "Text may be shared with attribution."
    assert "source" not in rows[0] and "version" not in rows[0]


def test_csv_metadata_and_statements_never_start_a_formula(run: Run, tmp_path: Path) -> None:
    data = {
        "license": '=HYPERLINK("https://evil.example")',
        "source": "+1",
        "version": "-2",
        "competencies": [{"id": "c", "name": "C"}],
        "roles": [
            {"id": "a", "title": "A", "level": 1, "competencies": {"c": {"expectation": ["@SUM(A1)", "x"]}}}
        ],
    }
    rows = csv_rows(export(run, write_ladder(tmp_path, json.dumps(data)), "csv"))
    assert rows[0]["license"] == '\'=HYPERLINK("https://evil.example")'
    assert (rows[0]["source"], rows[0]["version"]) == ("'+1", "'-2")
    assert rows[0]["competency:c"] == "'@SUM(A1)\nx"
