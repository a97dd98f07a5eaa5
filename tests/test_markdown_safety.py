"""The Markdown and Mermaid exports, read by real parsers: markdown-it-py as a
GFM renderer (tables, strikethrough, bare links, math, footnotes, heading
ids) and in safe mode (CommonMark without HTML), and cmark-gfm, GitHub's own
parser, when it is installed. A hostile ladder's page has the very structure
of a page in plain words, shows its text literally, and links only to its
own headings; its diagram holds nothing Mermaid would obey."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from typer.testing import CliRunner, Result

from pmpath.cli.app import app
from pmpath.ladder.reading import bundled_ladder_path
from pmpath.output import markdown
from pmpath.output.escape import escape_controls
from tests.conftest import LADDERS, Run, installed_script, write_ladder

HOSTILE = LADDERS / "publish_hostile.yaml"
# The keys whose values are text a reader sees; every other string is an id.
TEXT_KEYS = {
    "title", "description", "version", "source", "license", "label", "name", "note", "summary",
    "scope", "expectation", "examples", "not_yet", "responsibilities", "in_practice", "brings",
    "to_learn", "stand_out", "ready_when",
}  # fmt: skip


def gfm() -> MarkdownIt:
    """A renderer as GitHub's: tables, strikethrough, bare links, math,
    footnotes, and an id for every heading."""
    parser = MarkdownIt("gfm-like").use(dollarmath_plugin).use(footnote_plugin)
    return parser.use(anchors_plugin, max_level=6)


def safe() -> MarkdownIt:
    """A renderer in safe mode: CommonMark with tables, no HTML."""
    return MarkdownIt("commonmark", {"html": False}).enable("table").use(anchors_plugin, max_level=6)


PARSERS = {"gfm": gfm, "safe": safe}


def export(run: Run, ladder: Path, fmt: str = "markdown") -> str:
    result = run("--ladder", str(ladder), "export", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def flat(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from flat(token.children or [])


def shape(tokens: list[Token]) -> list[tuple[str, str, str]]:
    """The document's structure: every token but text (and fences, whose text is the diagram)."""
    return [(t.type, t.tag, t.markup) for t in flat(tokens) if t.type not in ("text", "softbreak")]


def plain(tokens: list[Token]) -> str:
    """What a reader sees outside the diagram, a line per paragraph, cell or heading."""
    inline = (t for t in tokens if t.type == "inline")
    return "\n".join("".join(c.content for c in t.children or [] if c.type == "text") for t in inline)


def benign(data: Any, counter: list[int]) -> Any:
    """The same ladder with every text in plain words."""
    if isinstance(data, dict):
        return {k: words(v, counter) if k in TEXT_KEYS else benign(v, counter) for k, v in data.items()}
    if isinstance(data, list):
        return [benign(item, counter) for item in data]
    return data


def words(value: Any, counter: list[int]) -> Any:
    if isinstance(value, str):
        counter[0] += 1
        return f"Words {counter[0]}"
    if isinstance(value, list):
        return [words(item, counter) for item in value]
    return benign(value, counter)


def texts(data: Any) -> Iterator[str]:
    """Every text a reader sees in the ladder, as one line."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in TEXT_KEYS and isinstance(value, (str, list)):
                for text in [value] if isinstance(value, str) else value:
                    if isinstance(text, str):
                        yield " ".join(escape_controls(text).split())
                    else:
                        yield from texts(text)
            else:
                yield from texts(value)
    elif isinstance(data, list):
        for item in data:
            yield from texts(item)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The hostile ladder's page and the page of the same ladder in plain words."""

    def run(*args: str) -> Result:
        return CliRunner().invoke(app, list(args), catch_exceptions=False)

    data = yaml.safe_load(HOSTILE.read_text(encoding="utf-8"))
    plain_ladder = write_ladder(tmp_path_factory.mktemp("benign"), json.dumps(benign(data, [0])))
    return {"hostile": export(run, HOSTILE), "benign": export(run, plain_ladder)}


def headings(tokens: list[Token]) -> dict[str, str]:
    """Each heading's id and its text."""
    found = {}
    for opening, inline in itertools.pairwise(tokens):
        if opening.type == "heading_open":
            found[str(opening.attrGet("id"))] = inline.content
    return found


@pytest.mark.parametrize("parser", PARSERS.values(), ids=PARSERS.keys())
def test_a_hostile_ladder_adds_no_element(pages: dict[str, str], parser: Any) -> None:
    hostile, plain_words = parser().parse(pages["hostile"]), parser().parse(pages["benign"])
    assert shape(hostile) == shape(plain_words)
    kinds = {t.type for t in flat(hostile)}
    assert not kinds & {"html_block", "html_inline", "image", "math_inline", "math_block", "footnote_ref"}
    assert not kinds & {"code_inline", "s_open", "blockquote_open", "ordered_list_open", "hr", "lheading"}
    assert sum(t.type == "fence" for t in hostile) == 1


@pytest.mark.parametrize("parser", PARSERS.values(), ids=PARSERS.keys())
def test_every_table_row_has_the_columns_of_its_header(pages: dict[str, str], parser: Any) -> None:
    tokens = parser().parse(pages["hostile"])
    rows: list[int] = []
    tables = []
    for token in tokens:
        if token.type == "tr_open":
            rows.append(0)
        elif token.type in ("th_open", "td_open"):
            rows[-1] += 1
        elif token.type == "table_close":
            tables.append(rows)
            rows = []
    assert len(tables) == 5
    for table in tables:
        assert set(table) == {table[0]}, table


@pytest.mark.parametrize("parser", PARSERS.values(), ids=PARSERS.keys())
def test_every_link_goes_to_a_heading_of_the_page(pages: dict[str, str], parser: Any) -> None:
    tokens = parser().parse(pages["hostile"])
    ids = headings(tokens)
    links = [t for t in flat(tokens) if t.type == "link_open"]
    assert len(links) == 24
    for link in links:
        target = str(link.attrGet("href"))
        assert target.startswith("#") and target[1:] in ids, target


def test_the_hostile_text_reads_back_literally(pages: dict[str, str]) -> None:
    shown = plain(gfm().parse(pages["hostile"]))
    for text in texts(yaml.safe_load(HOSTILE.read_text(encoding="utf-8"))):
        assert text in shown, text


def test_each_link_lands_on_its_role(run: Run, tmp_path: Path) -> None:
    """Role headings are the roles' ids; an id an earlier heading took (the
    ladder's title, a section) is counted as GitHub counts it."""
    roles = [
        {"id": "roles", "title": "Named like a section", "level": 1, "next": ["a-b"]},
        {"id": "a-b", "title": "Named like the title", "level": 2, "next": ["overview"]},
        {"id": "overview", "title": "Overview too", "level": 3},
    ]
    page = export(run, write_ladder(tmp_path, json.dumps({"title": "A-B", "roles": roles})))
    assert "[Named like the title](#a-b-1)" in page and "[Overview too](#overview-1)" in page
    for parser in PARSERS.values():
        tokens = parser().parse(page)
        ids = headings(tokens)
        for at, token in enumerate(tokens):
            if token.type == "inline" and token.children and token.children[0].type == "link_open":
                for opening, text in zip(token.children, token.children[1:], strict=False):
                    if opening.type == "link_open":
                        role = ids[str(opening.attrGet("href"))[1:]]
                        assert {"id": role, "title": text.content} in [
                            {"id": r["id"], "title": r["title"]} for r in roles
                        ], (at, role, text.content)


@pytest.mark.parametrize(
    ("title", "shown"),
    [("A-B", "a-b"), ("Évolution & co: «PM» 2024!", "évolution--co-pm-2024"), ("a_b - c", "a_b---c")],
)
def test_slugs_are_github_slugs(title: str, shown: str) -> None:
    assert markdown.github_slug(title) == shown
    assert list(headings(gfm().parse(f"# {markdown.md_text(title)}\n"))) == [shown]


# -- each example of the issue ------------------------------------------------------
def one_role_page(run: Run, tmp_path: Path, **role: str) -> list[Token]:
    roles = [
        {"id": "a", "title": "A", "level": 1, "next": ["b"], **role},
        {"id": "b", "title": "B", "level": 2},
    ]
    return gfm().parse(export(run, write_ladder(tmp_path, json.dumps({"roles": roles}))))


def test_a_pipe_in_a_title_keeps_the_overview_row_and_its_link(run: Run, tmp_path: Path) -> None:
    tokens = one_role_page(run, tmp_path, title="Senior | split")
    row = next(
        i for i, t in enumerate(tokens) if t.type == "tr_open" and tokens[i + 2].content.startswith("1")
    )
    cells = tokens[row : next(i for i in range(row, len(tokens)) if tokens[i].type == "tr_close")]
    assert [t.type for t in cells].count("td_open") == 4
    assert cells[5].children is not None
    assert [c.type for c in cells[5].children] == ["link_open", "text", "link_close"]
    assert cells[5].children[1].content == "Senior | split"


def test_a_link_in_a_title_cannot_lead_off_the_page(run: Run, tmp_path: Path) -> None:
    tokens = one_role_page(run, tmp_path, title="Senior PM](https://evil.example/login) [x")
    targets = [t.attrGet("href") for t in flat(tokens) if t.type == "link_open"]
    assert targets == ["#a", "#b", "#b", "#b", "#a"]  # the overview, a's move, where b comes from


def test_a_heading_in_a_summary_stays_a_paragraph(run: Run, tmp_path: Path) -> None:
    tokens = one_role_page(run, tmp_path, summary="# Fake\n\n## Also fake")
    assert "# Fake ## Also fake" not in headings(tokens).values()
    assert "# Fake ## Also fake" in plain(tokens).split("\n")


def test_a_fence_in_a_title_cannot_close_the_diagram(run: Run, tmp_path: Path) -> None:
    title = "```\n# Injected section\n![img](https://evil.example/p.png)\n```"
    tokens = one_role_page(run, tmp_path, title=title)
    fences = [t for t in tokens if t.type == "fence"]
    assert [t.info for t in fences] == ["mermaid"]
    assert "Injected" not in " ".join(headings(tokens).values())
    assert "image" not in {t.type for t in flat(tokens)}
    assert "`" not in fences[0].content


def test_a_fence_is_longer_than_any_backticks_in_the_diagram(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(markdown, "to_mermaid", lambda ladder: "flowchart BT\n```\n  a[```` b]\n")
    tokens = one_role_page(run, tmp_path)
    assert [t.content for t in tokens if t.type == "fence"] == ["flowchart BT\n```\n  a[```` b]\n"]


@pytest.mark.parametrize(
    "text",
    [
        "see https://evil.example/a",
        "see www.evil.example and evil.com/x",
        "see //evil.example",
        "write to pm@evil.example or pm@127.0.0.1",
        "$x^2$ and $$y$$",
        "a note[^1]",
        "&amp; &copy;",
        "two spaces  \nand a backslash \\\nend",
        "Setext\n===",
        "***",
    ],
)
def test_text_a_gfm_renderer_would_turn_into_syntax_stays_text(run: Run, tmp_path: Path, text: str) -> None:
    tokens = one_role_page(run, tmp_path, summary=text)
    plain_tokens = one_role_page(run, tmp_path, summary="words")
    assert shape(tokens) == shape(plain_tokens)
    assert " ".join(text.split()) in plain(tokens).split("\n")


def test_no_html_so_safe_mode_shows_the_same_page(pages: dict[str, str]) -> None:
    """No raw HTML of the page's own either: line breaks in cells are dots."""
    assert shape(safe().parse(pages["benign"])) == shape(gfm().parse(pages["benign"]))
    assert not {t.type for t in flat(gfm().parse(pages["benign"]))} & {"html_inline", "html_block"}


def test_github_parser_agrees_when_installed(pages: dict[str, str]) -> None:
    """cmark-gfm, GitHub's parser, with its extensions: the same tables and
    headings, no HTML, image or off-page link, but GitHub's own link of an
    e-mail address, which no escape in the text prevents."""
    cmark = pytest.importorskip("cmarkgfm")
    render = cmark.github_flavored_markdown_to_html
    hostile, plain_words = render(pages["hostile"]), render(pages["benign"])
    for tag in ("<h", "<tr", "<td", "<th", "<pre", "<a ", "<li", "<strong", "<em"):
        allowance = hostile.count('<a href="mailto:') if tag == "<a " else 0
        assert hostile.count(tag) - allowance == plain_words.count(tag), tag
    assert re.findall(r'<a href="(?!#|mailto:pm@evil\.example")', hostile) == []
    assert "<img" not in hostile and "<script" not in hostile


# -- Mermaid ------------------------------------------------------------------------
STATEMENTS = [
    r"flowchart BT",
    r"  %% [^%`]*",
    r'  subgraph track_\d+\["[^"`]*"\]',
    r"  end",
    r'(    |  )r_\w+\["[^"`]*"\]',
    r'  level_\d+\["Level -?\d+[^"`]*"\]',
    r"  level_\d+( ~~~ level_\d+)+",
    r"  (level_\d+ ~~~ r_\w+|r_\w+ ~~~ level_\d+)",
    r"  r_\w+ (-->|-\.->\|lateral\||-\.->\|apply\||==>\|exit\|) r_\w+",
]
OUR_ENTITIES = {"#35;", "#quot;", "#37;", "#96;", "#lt;", "#gt;", "#38;", "#58;"}


@pytest.mark.parametrize(
    "ladder", [HOSTILE, bundled_ladder_path(), LADDERS / "company.yaml"], ids=lambda p: p.name
)
def test_every_mermaid_line_is_a_statement_of_ours(run: Run, ladder: Path) -> None:
    lines = export(run, ladder, "mermaid").splitlines()
    for line in lines:
        assert any(re.fullmatch(shape, line) for shape in STATEMENTS), line
    text = "\n".join(lines[1:])
    assert "`" not in text and "&" not in text and "%%{" not in text
    assert sum("%%" in line for line in lines) <= 1 and "%%" not in text.partition("\n")[2]
    assert set(re.findall(r"#\w+;", text)) <= OUR_ENTITIES
    # Mermaid cuts the last `;` off a line where `style` or `classDef` comes before `:` and `#`.
    statements = [line for line in lines if not line.startswith("  %%")]
    assert not any(re.search(r"(style|classDef).*:\S*#.*;", line) for line in statements)


def test_levels_line_up_across_tracks(run: Run) -> None:
    """Each role is held between the levels below and above its own, and the
    levels are chained in order."""
    text = export(run, HOSTILE, "mermaid")
    assert '  level_3["Level 5 · Five"]\n' in text
    assert "  level_0 ~~~ level_1 ~~~ level_2 ~~~ level_3\n" in text
    assert "  level_2 ~~~ r_lonely_top\n" in text  # level 5, the top: above level 3
    assert "  r_pipe_role ~~~ level_1\n" in text  # level 1, the bottom
    assert "  level_1 ~~~ r_manager_role\n  r_manager_role ~~~ level_3\n" in text


def test_a_title_cannot_switch_the_theme_or_break_the_labels(run: Run, tmp_path: Path) -> None:
    title = "%%{init: {'theme':'dark'}}%% <style>a:b</style> #quot; &amp; `x`"
    roles = [{"id": "a", "title": title, "level": 1}]
    text = export(run, write_ladder(tmp_path, json.dumps({"roles": roles})), "mermaid")
    assert text == (
        "flowchart BT\n"
        "  r_a[\"#37;#37;{init#58; {'theme'#58;'dark'}}#37;#37; #lt;style#gt;a#58;b#lt;/style#gt; "
        '#35;quot; #38;amp; #96;x#96;"]\n'
    )


def test_mermaid_draws_the_hostile_text_literally_when_installed(run: Run) -> None:
    """With MERMAID_JS naming a mermaid.min.js (`npm install mermaid`; not in
    CI), render the hostile diagram in Chromium: it parses, keeps the default
    theme, and every label reads as the ladder wrote it."""
    script = Path(os.environ.get("MERMAID_JS", "/nonexistent"))
    chromium = shutil.which("chromium")
    if not (script.is_file() and chromium):
        pytest.skip("needs MERMAID_JS and chromium")
    playwright = pytest.importorskip("playwright.sync_api")
    diagram = export(run, HOSTILE, "mermaid")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.add_script_tag(path=str(script))
        labels, fill = page.evaluate(
            """async (text) => {
                mermaid.initialize({startOnLoad: false, securityLevel: 'strict'});
                const {svg} = await mermaid.render('d', text);
                document.body.innerHTML = svg;
                const nodes = [...document.querySelectorAll('g.node, g.cluster')];
                return [nodes.map(n => n.textContent), getComputedStyle(document.querySelector('svg')).fill];
            }""",
            diagram,
        )
        browser.close()
    data = yaml.safe_load(HOSTILE.read_text(encoding="utf-8"))
    for role in data["roles"]:
        assert " ".join(escape_controls(role["title"]).split()) in labels
    for track in data["tracks"]:  # each has a box of its own
        assert track["title"] in labels
    assert fill == "rgb(51, 51, 51)"  # the default theme's text colour


def test_the_installed_command_writes_the_same_page(run: Run) -> None:
    result = subprocess.run(
        [installed_script(), "--ladder", str(HOSTILE), "export", "-f", "markdown"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == export(run, HOSTILE)
