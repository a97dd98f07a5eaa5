"""`pmpath diff OLD NEW`: what changed between two versions of a ladder."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from pmpath.queries.diff import SECTION_TITLES
from tests import test_markdown_safety as mdsafe
from tests.conftest import LADDERS, Run, installed_script, write_ladder
from tests.test_match import brief

REPO = Path(__file__).resolve().parent.parent
# Relative to the checkout, where every test here runs: short enough not to wrap.
OLD = "tests/ladders/diff/old.yaml"
NEW = "tests/ladders/diff/new.yaml"
HOSTILE = LADDERS / "publish_hostile.yaml"


@pytest.fixture(autouse=True)
def _in_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def rating(
    level: int | None, statements: tuple[str, ...] = (), examples: tuple[str, ...] = ()
) -> dict[str, Any]:
    return {
        "level": level,
        "expectation": "\n".join(statements),
        "statements": list(statements),
        "examples": list(examples),
        "not_yet": [],
    }


def move(to: str, kind: str, *ready_when: str) -> dict[str, Any]:
    return {"to": to, "kind": kind, "ready_when": list(ready_when)}


def field(name: str, old: Any, new: Any) -> dict[str, Any]:
    return {"field": name, "old": old, "new": new}


def definition(
    section: str, key: str | int, name: str, change: str, *fields: dict[str, Any]
) -> dict[str, Any]:
    return {"section": section, "key": key, "name": name, "change": change, "fields": list(fields)}


def competency(
    cid: str, name: str, change: str, level_change: int | None, reworded: list[str], old: Any, new: Any
) -> dict[str, Any]:
    return {
        "id": cid,
        "name": name,
        "change": change,
        "level_change": level_change,
        "reworded": reworded,
        "old": old,
        "new": new,
    }


def role(
    change: str,
    old: dict[str, Any] | None,
    new: dict[str, Any] | None,
    fields: list[dict[str, Any]] = [],  # noqa: B006 - never changed
    moves: list[dict[str, Any]] = [],  # noqa: B006
    competencies: list[dict[str, Any]] = [],  # noqa: B006
) -> dict[str, Any]:
    found = new or old
    assert found is not None
    return {
        "id": found["id"],
        "change": change,
        "old": old,
        "new": new,
        "fields": fields,
        "moves": moves,
        "competencies": competencies,
    }


HIRING = "Hiring and onboarding"

EXPECTED = {
    "old": OLD,
    "new": NEW,
    "differences": True,
    "ladder": [
        field("title", "Maker ladder", "Maker ladder 2"),
        field("version", "1", "2"),
        field("license", "CC-BY-4.0", "CC-BY-SA-4.0"),
    ],
    "definitions": [
        definition("levels", 2, "Mid", "changed", field("label", "M2", "Mid")),
        definition("levels", 4, "M4", "added"),
        definition(
            "tracks",
            "ic",
            "Individual contributor",
            "changed",
            field("title", "Individual", "Individual contributor"),
        ),
        definition("tracks", "management", "Management", "removed"),
        definition("areas", "craft", "Craft", "changed", field("description", "", "Making things well.")),
        definition("competencies", "hiring", HIRING, "changed", field("name", "Hiring", HIRING)),
        definition("scale", 3, "Expert", "changed", field("name", "Strong", "Expert")),
        definition(
            "titles", "Team Lead", "Team Lead", "changed", field("roles", ["lead"], ["lead", "staff"])
        ),
    ],
    "roles": [
        role(
            "changed",
            brief("junior", "Junior Maker", 1, "M1", "ic"),
            brief("junior", "Junior Maker", 1, "M1", "ic"),
            fields=[
                field("aliases", [], ["jr"]),
                field("summary", "Starts out.", "Starts out small."),
                field(
                    "responsibilities",
                    ["Build small things", "Ask for help"],
                    ["Build small things", "Ask early"],
                ),
            ],
            competencies=[
                competency(
                    "strategy",
                    "Strategy",
                    "raised",
                    1,
                    [],
                    rating(1, ("Follows the plan.",)),
                    rating(2, ("Follows the plan.",)),
                ),
                competency(
                    "delivery",
                    "Delivery",
                    "reworded",
                    0,
                    ["expectation", "examples"],
                    rating(2, ("Ships small pieces.",)),
                    rating(2, ("Ships small pieces on time.",), ("A bug fix a week",)),
                ),
                competency("hiring", HIRING, "dropped", None, [], rating(1), None),
            ],
        ),
        role(
            "changed",
            brief("maker", "Maker", 2, "M2", "ic"),
            brief("maker", "Product Maker", 2, "Mid", "ic"),
            fields=[field("title", "Maker", "Product Maker"), field("level_label", "M2", "Mid")],
            moves=[
                {
                    "to": "lead",
                    "title": "Lead Maker",
                    "change": "signals",
                    "old": move("lead", "promotion", "Leads others"),
                    "new": move("lead", "promotion", "Leads others", "Hires well"),
                },
                {
                    "to": "staff",
                    "title": "Staff Maker",
                    "change": "retyped",
                    "old": move("staff", "promotion"),
                    "new": move("staff", "lateral"),
                },
                {
                    "to": "principal",
                    "title": "Principal Maker",
                    "change": "added",
                    "old": None,
                    "new": move("principal", "promotion"),
                },
                {
                    "to": "old-role",
                    "title": "Retired Role",
                    "change": "removed",
                    "old": move("old-role", "exit"),
                    "new": None,
                },
            ],
            competencies=[
                competency("strategy", "Strategy", "lowered", -1, [], rating(2), rating(1)),
                competency("hiring", HIRING, "added", None, [], None, rating(1)),
            ],
        ),
        role(
            "changed",
            brief("lead", "Lead Maker", 3, "M3", "management"),
            brief("lead", "Lead Maker", 4, "M4", "ic"),
            fields=[
                field("level", 3, 4),
                field("level_label", "M3", "M4"),
                field("track", ["management"], ["ic"]),
            ],
        ),
        role(
            "changed",
            brief("staff", "Staff Maker", 3, "M3", "ic"),
            brief("staff", "Staff Maker", 3, "M3", "ic"),
            competencies=[
                competency(
                    "strategy",
                    "Strategy",
                    "changed",
                    None,
                    [],
                    rating(None, ("Thinks ahead.",)),
                    rating(3, ("Thinks ahead.",)),
                )
            ],
        ),
        role("added", None, brief("principal", "Principal Maker", 4, "M4", "ic")),
        role("removed", brief("old-role", "Retired Role", 3, "M3", "ic"), None),
    ],
}


def test_json_lists_every_kind_of_change_grouped_by_role(run: Run) -> None:
    result = run("diff", OLD, NEW, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == EXPECTED


def _md_name(path: str) -> str:
    """A file name as the Markdown writes it: its dots escaped, so that GFM
    does not link it as a domain."""
    return path.replace(".", "\\.")


def test_no_differences(run: Run) -> None:
    bundled = "data/roles.yaml"
    human = run("diff", bundled, bundled)
    assert (human.exit_code, human.stdout) == (0, f"No differences between {bundled} and {bundled}.\n")
    data = json.loads(run("diff", bundled, bundled, "--json").stdout)
    assert data == {
        "old": bundled,
        "new": bundled,
        "differences": False,
        "ladder": [],
        "definitions": [],
        "roles": [],
    }
    markdown = run("diff", bundled, bundled, "-f", "markdown").stdout
    name = _md_name(bundled)
    assert markdown == f"# Ladder changes\n\nNo differences between {name} and {name}.\n"
    assert run("diff", bundled, bundled, "--exit-code").exit_code == 0


def test_exit_code_flag_reports_differences_as_git_diff_does(run: Run) -> None:
    assert run("diff", OLD, NEW).exit_code == 0
    result = run("diff", OLD, NEW, "--exit-code", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == EXPECTED  # the result is printed all the same
    assert run("diff", OLD, OLD, "--exit-code").exit_code == 0


def test_human_view_groups_changes_under_each_role(run: Run) -> None:
    result = run("diff", OLD, NEW, env={"COLUMNS": "120"})
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[0] == f"Changes from {OLD} to {NEW}"
    headings = [line for line in lines if line and not line.startswith(" ")]
    assert headings[1:] == [
        "Roles",
        "Junior Maker (junior) · level M1",
        "Product Maker (maker) · level Mid",
        "Lead Maker (lead) · level M4",
        "Staff Maker (staff) · level M3",
        "+ Principal Maker (principal) · level M4 · added",
        "- Retired Role (old-role) · level M3 · removed",
        "Ladder",
        *SECTION_TITLES.values(),
    ]
    text = "\n".join(lines)
    maker = text[text.index("Product Maker (maker)") : text.index("Lead Maker (lead) ·")]
    for shown in (
        "Title: Maker → Product Maker",
        "~ promotion to Lead Maker (lead): other signals",
        "+ Hires well",
        "~ to Staff Maker (staff): promotion → lateral",
        "+ promotion to Principal Maker (principal)",
        "- exit to Retired Role (old-role)",
        "~ Strategy: ▼ -1 lowered, 2 → 1",
        "+ Hiring and onboarding: added\n      now: level 1\n",
    ):
        assert shown in maker, shown
    junior = text[: text.index("Product Maker (maker)")]
    for shown in (
        "- Ask for help",
        "+ Ask early",
        "~ Strategy: ▲ +1 raised, 1 → 2",
        "~ Delivery: reworded: expectation, examples\n"
        "      was: level 2 · Ships small pieces.\n"
        "      now: level 2 · Ships small pieces on time. · example: A bug fix a week\n",
    ):
        assert shown in junior, shown
    assert "Level: 3 → 4" in text and "Track: management → ic" in text
    assert (
        "Version: 1 → 2" in text and "+ M4 (4) added" in text and "- Management (management) removed" in text
    )


def test_raised_and_lowered_are_neither_met_green_nor_short_yellow(run: Run) -> None:
    from pmpath.output import render_diff
    from pmpath.output.render import MET_STYLE, SHORT_STYLE

    styles = {str(render_diff.shift_text(1).style), str(render_diff.shift_text(-1).style)}
    assert styles.isdisjoint({MET_STYLE, SHORT_STYLE, "red", "bold red"})


def test_markdown_announcement(run: Run) -> None:
    result = run("diff", OLD, NEW, "-f", "markdown")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith(
        f"# Ladder changes\n\nFrom {_md_name(OLD)} to {_md_name(NEW)}.\n\n## Roles\n\n### Junior Maker (junior)\n"
    )
    assert "| Strategy | ▼ -1 lowered | Level 2 | Level 1 |" in text
    assert "- Retyped: to Staff Maker (staff), promotion → lateral" in text
    assert "### Retired Role (old-role)\n\nLevel M3. Removed role." in text


def test_a_role_whose_id_changed_is_removed_and_added(run: Run, tmp_path: Path) -> None:
    old = write_ladder(tmp_path, "roles:\n  - {id: pm, title: Product Manager, level: 1}\n", "old.yaml")
    new = write_ladder(
        tmp_path, "roles:\n  - {id: product-manager, title: Product Manager, level: 1}\n", "new.yaml"
    )
    data = json.loads(run("diff", str(old), str(new), "--json").stdout)
    assert [(r["id"], r["change"]) for r in data["roles"]] == [
        ("product-manager", "added"),
        ("pm", "removed"),
    ]


# Markdown safety: hostile text on both sides, changed in every kind of place.
CHANGES = (
    ('title: "Evil | ladder', 'title: "Evil 2 [x](https://evil.example/) | ladder'),
    ('version: "=HYPERLINK', 'version: "+HYPERLINK'),
    ('label: "Two ](https://evil.example)"', 'label: "Two ![i](https://evil.example/i.png) | x"'),
    ('title: "Senior PM](https://evil.example/login) [x | split"', 'title: "# Head | <b>x</b> ``` "'),
    ('summary: "# Fake\\n', 'summary: "## Faker\\n'),
    ('- "=CMD()"', '- "<script>alert(2)</script>"'),
    (
        'level: {level: 1, expectation: "=1+2"',
        'level: {level: 2, expectation: "| a | b | [l](https://evil.example)"',
    ),
    ('ready_when: ["A lateral move', 'ready_when: ["```\\n# Fence\\n```", "A lateral move'),
    ("        kind: apply", "        kind: lateral"),
)


def _hostile_pair(tmp_path: Path) -> tuple[Path, Path]:
    text = HOSTILE.read_text(encoding="utf-8")
    changed = text
    for before, after in CHANGES:
        assert before in changed, before
        changed = changed.replace(before, after, 1)
    changed += (
        '  - id: added-role\n    title: "[Added](https://evil.example) <img src=x> | # h"\n    level: 1\n'
    )
    return HOSTILE, write_ladder(tmp_path, changed, "changed.yaml")


def _headings(tokens: list[Token]) -> list[tuple[str, str]]:
    return [(t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]


def test_hostile_text_adds_no_markdown_element(run: Run, tmp_path: Path) -> None:
    old, new = _hostile_pair(tmp_path)
    assert run("validate", str(new)).exit_code == 0
    data = json.loads(run("diff", str(old), str(new), "--json").stdout)
    result = run("diff", str(old), str(new), "-f", "markdown")
    assert result.exit_code == 0
    tokens = MarkdownIt("commonmark").enable("table").parse(result.stdout)
    unsafe = ("html", "link", "image", "code", "fence", "em_", "blockquote", "hr", "ordered_list", "s_")
    found = [t for t in tokens for t in [t, *(t.children or [])] if t.type.startswith(unsafe)]
    assert found == []  # not even a line break of its own in a table cell
    headings = _headings(tokens)
    assert headings[0] == ("h1", "Ladder changes")
    # One h3 per role that changed, and only the section headings as h2.
    assert sum(tag == "h3" for tag, _ in headings) == len(data["roles"]) >= 3
    assert {content for tag, content in headings if tag == "h2"} <= {
        "Roles",
        "Ladder",
        *SECTION_TITLES.values(),
    }
    # Every table row keeps its four columns.
    rows, cells = 0, 0
    for token in tokens:
        if token.type == "tr_open":
            rows += 1
        elif token.type in ("td_open", "th_open"):
            cells += 1
    assert rows >= 2 and cells == 4 * rows
    shown = "".join(child.content for t in tokens for child in t.children or [] if child.type == "text")
    for _, after in CHANGES[:7]:
        text = after.split('"')[1] if '"' in after else after
        assert " ".join(text.replace("\\n", " ").split()).split(" | ")[0] in shown, text


def test_hostile_ladder_against_itself_has_no_differences(run: Run) -> None:
    result = run("diff", str(HOSTILE), str(HOSTILE), "--exit-code")
    assert result.exit_code == 0
    assert result.stdout.startswith("No differences between ")


def test_invalid_side_gets_validates_messages(run: Run, tmp_path: Path) -> None:
    bad = write_ladder(tmp_path, "roles:\n  - {id: a, title: A, level: 1}\n  - {id: a, title: B, level: 1}\n")
    found = run("validate", str(bad)).stdout.splitlines()[:-1]  # without the verdict line
    expected = [f"pmpath: error: {line}" for line in found]
    assert expected
    for args in ((str(bad), NEW), (OLD, str(bad))):
        result = run("diff", *args)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr.splitlines() == expected


def test_missing_file_as_for_a_missing_ladder(run: Run) -> None:
    result = run("diff", "no-such.yaml", NEW)
    assert (result.exit_code, result.stderr) == (1, "pmpath: error: no-such.yaml: no such file\n")
    assert run("--ladder", "no-such.yaml", "list").stderr == result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-", "-"), "only one of OLD and NEW can be '-' (stdin)"),
        ((OLD, NEW, "--json", "-f", "markdown"), "give --json or -f, not both"),
        ((OLD, NEW, "-f", "html"), "'html' is not one of 'markdown'"),
        ((OLD,), "Missing argument 'NEW'"),
    ],
)
def test_usage_errors(run: Run, args: tuple[str, ...], message: str) -> None:
    result = run("diff", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_stdin_side(run: Run) -> None:
    from typer.testing import CliRunner

    from pmpath.cli.app import app

    old_text = Path(OLD).read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["diff", "-", NEW, "--json"], input=old_text)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {**EXPECTED, "old": "<stdin>"}
    result = CliRunner().invoke(app, ["diff", NEW, "-"], input="roles: 3\n")
    assert result.exit_code == 1
    assert result.stderr == "pmpath: error: <stdin>:1: 'roles' must be a non-empty list, not a number\n"


def test_stdin_is_bounded_like_a_ladder_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from pmpath.cli.app import app
    from pmpath.ladder import reading

    monkeypatch.setattr(reading, "MAX_BYTES", 1024)
    text = "roles:\n" + "".join(f"  - {{id: r{i}, title: R{i}, level: 1}}\n" for i in range(40))
    assert len(text.encode()) > 1024
    result = CliRunner().invoke(app, ["diff", "-", NEW], input=text)
    assert result.exit_code == 1
    assert result.stderr == "pmpath: error: <stdin>: input is larger than 0 MiB; refusing to read it\n"
    within = "roles:\n  - {id: r, title: R, level: 1}\n"
    assert CliRunner().invoke(app, ["diff", "-", str(LADDERS / "minimal.yaml")], input=within).exit_code == 0


def test_git_show_piped_into_the_installed_command() -> None:
    old_text = Path(OLD).read_text(encoding="utf-8")
    done = subprocess.run(
        [installed_script(), "diff", "-", NEW, "--exit-code", "--json"],
        input=old_text,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert (done.returncode, done.stderr) == (1, "")
    assert json.loads(done.stdout) == {**EXPECTED, "old": "<stdin>"}
    same = subprocess.run(
        [installed_script(), "diff", NEW, NEW],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert (same.returncode, same.stdout) == (0, f"No differences between {NEW} and {NEW}.\n")


def test_ladder_option_plays_no_part(run: Run) -> None:
    result = run("--ladder", "no-such.yaml", "diff", OLD, NEW, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == EXPECTED


def test_terminal_sees_hostile_text_escaped(run: Run, tmp_path: Path) -> None:
    old, new = _hostile_pair(tmp_path)
    changed = new.read_text(encoding="utf-8").replace("Exit \\u202e reversed", "Exit \\u202e flipped", 1)
    new.write_text(changed, encoding="utf-8")
    result = run("diff", str(old), str(new))
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "Exit \\u202e flipped \\x07 bell \\x1b[31m red" in result.stdout


@pytest.mark.parametrize(
    "argv",
    [
        ["diff", OLD, NEW],
        ["diff", OLD, NEW, "--json", "--exit-code"],
        ["diff", OLD, OLD, "--exit-code"],
        ["diff", "no-such.yaml", NEW],
        ["diff", OLD, NEW, "-f", "markdown"],
        ["diff", "--help"],
    ],
)
def test_fast_path_and_typer_agree(argv: list[str]) -> None:
    from pmpath.cli import launcher
    from tests.test_grammar import assert_same

    fast = launcher.fast_call(argv, {}) is not None
    assert fast == ("-f" not in argv and "--help" not in argv)
    assert_same(argv, {"PMPATH_LADDER": None})


# Every field changed, hostile text on both sides, read by GitHub's parser
# and by a GFM renderer with bare links, math and footnotes.
HOSTILE_TAIL = " <b>x</b><br> [n](https://evil.example/n) ![i](x.png) $n$ | `n` www.evil.example ~~s~~"


def _changed(data: Any, tail: str, key: str = "") -> Any:
    """The same ladder with every text, level, track, alias and kind of move
    changed, and the texts of lists replaced item by item."""
    if isinstance(data, dict):
        changed = {k: _changed(v, tail, k) for k, v in data.items()}
        if "aliases" in data:
            changed["aliases"] = [*data["aliases"], "alias-2"]
        if "kind" in data:
            changed["kind"] = {"apply": "promotion", "lateral": "apply", "exit": "exit"}[data["kind"]]
        return changed
    if isinstance(data, list):
        return [_changed(item, tail, key) for item in data]
    if isinstance(data, str) and key in mdsafe.TEXT_KEYS:
        return data + tail
    if key == "track":
        return {"ic": "mgmt", "mgmt": "ic"}[data]
    if isinstance(data, int) and key in ("level", "scope", "title"):  # a level, or a rating
        return data + 1
    return data


def _pair_pages(run: Run, tmp_path: Path, data: dict[str, Any], tail: str) -> str:
    new = _changed(data, tail)
    new["roles"].append({"id": "added-role", "title": f"Added{tail}", "level": 1})
    old_file = write_ladder(tmp_path, json.dumps(data), "old.yaml")
    new_file = write_ladder(tmp_path, json.dumps(new), "new.yaml")
    assert run("validate", str(new_file)).exit_code == 0, run("validate", str(new_file)).stdout
    result = run("diff", str(old_file), str(new_file), "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def diff_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The diff of the hostile ladder against a changed copy of it, and the
    diff of the same pair with every text in plain words."""
    from typer.testing import CliRunner

    from pmpath.cli.app import app

    def run(*args: str) -> Any:
        return CliRunner().invoke(app, list(args), catch_exceptions=False)

    data = yaml.safe_load(HOSTILE.read_text(encoding="utf-8"))
    hostile = _pair_pages(run, tmp_path_factory.mktemp("hostile"), data, HOSTILE_TAIL)
    plain_words = mdsafe.benign(data, [0])
    benign = _pair_pages(run, tmp_path_factory.mktemp("benign"), plain_words, " changed")
    return {"hostile": hostile, "benign": benign}


@pytest.mark.parametrize("parser", mdsafe.PARSERS.values(), ids=mdsafe.PARSERS.keys())
def test_a_hostile_diff_has_the_elements_of_a_plain_one(diff_pages: dict[str, str], parser: Any) -> None:
    hostile, benign = parser().parse(diff_pages["hostile"]), parser().parse(diff_pages["benign"])
    assert mdsafe.shape(hostile) == mdsafe.shape(benign)
    kinds = {t.type for t in mdsafe.flat(hostile)}
    assert not kinds & {"html_block", "html_inline", "image", "link_open", "math_inline", "math_block"}
    assert not kinds & {"code_inline", "fence", "s_open", "footnote_ref", "blockquote_open", "hr"}
    tables = [t for t in hostile if t.type == "table_open"]
    assert len(tables) == 2  # the roles that rate competencies
    rows: list[list[Token]] = [[]]  # the cells of each row
    for token in hostile:
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            rows[-1].append(token)
    assert {len(cells) for cells in rows[1:]} == {4}


def test_a_hostile_diff_reads_back_literally(diff_pages: dict[str, str]) -> None:
    shown = mdsafe.plain(mdsafe.gfm().parse(diff_pages["hostile"]))
    assert " ".join(HOSTILE_TAIL.split()) in shown
    data = yaml.safe_load(HOSTILE.read_text(encoding="utf-8"))
    for text in mdsafe.texts(data["roles"]):  # every role changed, so each text shows as it was
        assert text in shown, text


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_github_parser_finds_no_html_and_no_link_in_a_hostile_diff(
    diff_pages: dict[str, str], unsafe: bool
) -> None:
    """cmark-gfm as GitHub runs it, and letting raw HTML through: the page
    holds none (safe mode would show `<!-- raw HTML omitted -->`), and the
    only link is GitHub's own of an e-mail address, which no escape prevents."""
    cmark = pytest.importorskip("cmarkgfm")
    options = cmark.cmark.Options.CMARK_OPT_UNSAFE if unsafe else 0
    hostile = cmark.github_flavored_markdown_to_html(diff_pages["hostile"], options)
    benign = cmark.github_flavored_markdown_to_html(diff_pages["benign"], options)
    assert "raw HTML omitted" not in hostile + benign
    for tag in ("<h", "<table", "<tr", "<td", "<th", "<pre", "<code", "<a ", "<li", "<ul", "<strong", "<em"):
        allowance = hostile.count('<a href="mailto:') if tag == "<a " else 0
        assert hostile.count(tag) - allowance == benign.count(tag), tag
    assert re.findall(r'<a href="(?!mailto:pm@evil\.example")', hostile) == []
    for tag in ("<img", "<script", "<b>", "<br", "<iframe", "<svg", "<del", "<math", "<input"):
        assert tag not in hostile, tag
    assert [row.count("<td") for row in hostile.split("<tr>")[1:] if "<td" in row] == [
        4 for row in hostile.split("<tr>")[1:] if "<td" in row
    ]


# The human view: text from a ladder cannot pose as a line of the diff.
FORGING_OLD = {
    "levels": [{"level": 1, "label": "One"}],
    "tracks": [{"id": "ic", "title": "IC"}],
    "competencies": [{"id": "craft", "name": "Craft"}],
    "roles": [
        {
            "id": "a",
            "title": "Maker",
            "level": 1,
            "track": "ic",
            "summary": "Short.",
            "competencies": {"craft": 1},
        }
    ],
}
FORGED_TITLE = "Maker\n  + Fake line"
FORGED_SUMMARY = "First line of a longer summary\n    now: forged summary\n  + Fake item\n- Fake removal"


def _forging_pair(tmp_path: Path) -> tuple[Path, Path]:
    new = json.loads(json.dumps(FORGING_OLD))
    new["levels"][0]["label"] = "One\n~ Fake level"
    new["tracks"][0]["title"] = "IC\n- Fake track"
    new["competencies"][0]["name"] = "Craft\n    ~ Fake rating"
    new["license"] = "MIT\n~ Fake licence"
    role = new["roles"][0]
    role.update(title=FORGED_TITLE, summary=FORGED_SUMMARY)
    role["competencies"]["craft"] = {"level": 2, "examples": ["An example\n  - Fake example line"]}
    return (
        write_ladder(tmp_path, json.dumps(FORGING_OLD), "old.yaml"),
        write_ladder(tmp_path, json.dumps(new), "new.yaml"),
    )


def _human_diff(old: Path, new: Path, columns: int) -> list[str]:
    """The human view, from the installed command."""
    done = subprocess.run(
        [installed_script(), "diff", str(old), str(new)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env={**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1"},
    )
    assert (done.returncode, done.stderr) == (0, "")
    return done.stdout.splitlines()


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def test_a_value_cannot_forge_a_line_of_the_diff(tmp_path: Path) -> None:
    old, new = _forging_pair(tmp_path)
    lines = _human_diff(old, new, 200)
    # A name is one line (its line breaks are read as spaces), on the line of its field.
    assert "  Title: Maker → Maker   + Fake line" in lines
    for shown in (
        "Label: One → One ~ Fake level",
        "Title: IC → IC - Fake track",
        "Name: Craft → Craft     ~ Fake rating",
    ):
        assert any(line.strip() == shown for line in lines), shown
    # Other one-line values show their line breaks, on the line of their field.
    assert "  License: — → MIT\\n~ Fake licence" in lines
    # A text of several lines goes on deeper than any line of the diff's own.
    forged = [line for line in lines if line.lstrip().startswith(("now: forged", "+ Fake", "- Fake"))]
    assert [line.strip() for line in forged] == [
        "now: forged summary",
        "+ Fake item",
        "- Fake removal",
        "- Fake example line",
    ]
    own = [line for line in lines if line not in forged]
    deepest = max(_indent(line) for line in own)
    assert min(_indent(line) for line in forged) > deepest
    assert "    now: First line of a longer summary" in lines
    # Wrapped at a narrow width, a line that is not as deep is where a line of
    # the diff's own starts.
    narrow = _human_diff(old, new, 40)
    assert len(narrow) > len(lines)
    for line in narrow:
        if _indent(line) <= deepest:
            assert any(whole.startswith(line.rstrip()) for whole in own), line


def test_the_human_view_draws_lines_not_a_table_per_role(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rich measures a table cell by cell, which made a large ladder's diff
    slow (a Rich table per role): the view is lines, however many roles changed."""
    from rich.padding import Padding
    from rich.table import Table

    built: list[str] = []

    def counted(kind: Any) -> Any:
        def init(self: Any, *args: Any, **kwargs: Any) -> None:
            built.append(kind.__name__)
            original(self, *args, **kwargs)

        original = kind.__init__
        return init

    for kind in (Table, Padding):
        monkeypatch.setattr(kind, "__init__", counted(kind))

    def ladder(level: int) -> str:
        roles = [
            {"id": f"r{i}", "title": f"R{i}", "level": 1, "competencies": {"c": level}} for i in range(50)
        ]
        return json.dumps({"competencies": [{"id": "c", "name": "C"}], "roles": roles})

    old = write_ladder(tmp_path, ladder(1), "old.yaml")
    result = run("diff", str(old), str(write_ladder(tmp_path, ladder(2), "new.yaml")))
    assert result.exit_code == 0, result.stderr
    assert built == []
    assert result.stdout.count("~ C: ▲ +1 raised, 1 → 2") == 50
