"""export -f html: one self-contained page, its overview's layout, and ladder
text that always stays text. The real-browser checks are in
test_html_browser.py."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
from html.parser import HTMLParser
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any

import pytest

from pmpath.ladder.loading import load_ladder
from pmpath.ladder.model import Ladder
from pmpath.ladder.plain import ladder_data
from pmpath.ladder.reading import bundled_ladder_path
from pmpath.output import svg_overview
from pmpath.output.escape import escape_controls
from pmpath.output.html import heat_steps, to_html
from pmpath.output.html_style import CSS, HEAT_STEPS, PALETTES
from pmpath.output.html_text import esc, role_anchor
from tests.conftest import LADDERS, SMALL, Run, installed_script, write_ladder
from tests.test_process import clean_env

HOSTILE = LADDERS / "publish_hostile.yaml"
PLAIN_LADDERS = [
    bundled_ladder_path(),
    SMALL,
    LADDERS / "minimal.yaml",
    LADDERS / "company.yaml",
    *sorted((LADDERS / "format2").glob("*.yaml")),
]
# Everything the page's own template writes; a ladder can add none of it.
TEMPLATE_TAGS = {
    *("html", "head", "meta", "title", "style", "body", "script", "header", "nav", "main", "footer"),
    *("section", "article", "h1", "h2", "h3", "h4", "h5", "p", "a", "ul", "li", "dl", "dt", "dd"),
    *("div", "label", "input", "span", "strong", "table", "thead", "tbody", "tr", "th", "td"),
    *("details", "summary", "svg", "defs", "marker", "path", "g", "text", "tspan", "rect"),
}
SECTIONS = {"#main", "#overview", "#levels", "#matrix", "#titles", "#roles"}


class Page(HTMLParser):
    """A page as the parts these tests look at."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self.inside = ""  # the script or style element being read
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.inside = tag if tag in self.raw else ""

    def handle_endtag(self, tag: str) -> None:
        self.inside = ""

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.raw[self.inside].append(data)
        self.texts.append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    def values(self, attribute: str) -> list[str]:
        return [attrs[attribute] or "" for _, attrs in self.tags if attribute in attrs]


def page_of(path: Path) -> tuple[Ladder, str, Page]:
    ladder = load_ladder(path)
    text = to_html(ladder)
    return ladder, text, Page(text)


def ladder_strings(data: Any, key: str = "") -> list[str]:
    """Every text of a ladder file that a reader sees: not ids, kinds or `x-` keys."""
    if key.startswith("x-"):
        return []
    if isinstance(data, str):  # ids where the key names them
        return [] if key in ("id", "to", "kind", "track", "next", "roles", "area") else [data]
    if isinstance(data, dict):
        return [s for k, v in data.items() for s in ladder_strings(v, str(k))]
    if isinstance(data, list):
        return [s for item in data for s in ladder_strings(item, key)]
    return []


def test_every_ladder_text_shows_as_literal_text() -> None:
    ladder, _, page = page_of(HOSTILE)
    strings = ladder_strings(ladder_data(ladder))
    assert len(strings) > 50
    for string in strings:
        assert any(escape_controls(string) in text for text in page.texts), string


def test_a_hostile_ladder_adds_no_element_attribute_or_link() -> None:
    ladder, text, page = page_of(HOSTILE)
    assert {tag for tag, _ in page.tags} <= TEMPLATE_TAGS
    assert len(page.named("script")) == 1 and len(page.named("style")) == 1
    names = {name for _, attrs in page.tags for name in attrs}
    assert not {name for name in names if name.startswith("on")}
    assert "style" not in names and "src" not in names
    roles = {f"#role-{role.id}" for role in ladder.roles}
    assert set(page.values("href")) <= roles | SECTIONS
    markers = {f"arrow-{kind}" for kind in ("promotion", "lateral", "apply", "exit")}
    fixed = {
        "main",
        "overview",
        "levels",
        "matrix",
        "titles",
        "roles",
        "filter",
        "filter-box",
        "filter-count",
    }
    assert set(page.values("id")) <= {r[1:] for r in roles} | markers | fixed
    assert "javascript:" not in " ".join(page.values("href"))
    assert "<script>alert" not in text and "&lt;script&gt;alert(&#x27;title&#x27;)" in text


def test_html_text_escapes_markup_quotes_and_controls() -> None:
    assert esc("<a href='x'>&\x1b[31m") == "&lt;a href=&#x27;x&#x27;&gt;&amp;\\x1b[31m"
    assert role_anchor('pm"><b') == "role-pm&quot;&gt;&lt;b"


def test_the_policy_allows_exactly_the_page_own_style_and_script() -> None:
    _, _, page = page_of(SMALL)
    (meta,) = [m for m in page.named("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    policy = meta["content"] or ""
    assert policy.startswith("default-src 'none';") and "base-uri 'none'" in policy
    for kind, directive in (("style", "style-src"), ("script", "script-src")):
        (body,) = page.raw[kind]
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"{directive} 'sha256-{digest}';" in policy
    assert "http" not in " ".join(page.raw["style"] + page.raw["script"]).replace("http://www.w3.org", "")


def test_the_source_is_text_never_a_link() -> None:
    _, text, page = page_of(HOSTILE)
    assert "javascript:alert(&#x27;source&#x27;)" in text
    assert all(not href.startswith("javascript") for href in page.values("href"))
    footer = text[text.index("<footer>") :]
    assert "Licence: %%{init: {&#x27;theme&#x27;:&#x27;dark&#x27;}}%% MIT" in footer


@pytest.mark.parametrize("path", [*PLAIN_LADDERS, HOSTILE], ids=lambda p: p.name)
def test_every_ladder_exports_with_its_landmarks_and_heading_order(path: Path) -> None:
    ladder, _, page = page_of(path)
    for landmark in ("header", "nav", "main", "footer"):
        assert len(page.named(landmark)) == 1
    levels = [int(tag[1]) for tag, _ in page.tags if re.fullmatch(r"h[1-6]", tag)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(after <= before + 1 for before, after in pairwise(levels))
    sections = {attrs["id"] for attrs in page.named("article")}
    assert sections == {f"role-{role.id}" for role in ladder.roles}
    boxes = {a["href"] for a in page.named("a") if a.get("class") == "role-box"}
    assert boxes == {f"#{section}" for section in sections}


def test_a_role_section_has_everything_show_has() -> None:
    ladder, text, _ = page_of(bundled_ladder_path())
    start = text.index('<article class="role" id="role-senior-pm">')
    section = text[start : text.index("</article>", start)]
    senior = ladder.role("senior-pm")
    for heading in ("Scope", "Responsibilities", "Ready for the next step when", "Competencies"):
        assert f"<h4>{heading}</h4>" in section
    assert "<h4>Leads to</h4>" in section and "<h5>Promotions</h5>" in section
    assert "Level 3 · Senior · Individual contributor track · also: senior" in re.sub("<[^>]+>", "", section)
    for item in (*senior.responsibilities, *senior.ready_when):
        assert f"<li>{item}</li>" in section.replace("&#x27;", "'")
    assert '<a href="#role-staff-pm">Staff Product Manager</a>' in section
    assert "<h4>Comes from</h4>" in section and '<a href="#role-pm">' in section


def test_the_matrix_shades_each_level_and_shows_its_number() -> None:
    ladder, text, _page = page_of(SMALL)
    matrix = text[text.index('<section id="matrix">') :]
    matrix = matrix[: matrix.index("</section>")]
    rows = re.findall(r'<tr><th scope="row"><a href="#role-([a-z-]+)">', matrix)
    assert rows == [role.id for role in ladder.roles]
    cells = re.findall(r'<td class="heat(\d)">(?:<details><summary>)?(\d)', matrix)
    assert cells and all(int(shade) >= 1 for shade, _ in cells)
    assert {number for _, number in cells} == {
        str(r.level) for role in ladder.roles for r in role.competencies.values() if r.level is not None
    }


def test_each_level_of_the_bundled_scale_has_a_shade_of_its_own() -> None:
    ladder, text, _ = page_of(bundled_ladder_path())
    cells = set(re.findall(r'<td class="heat(\d+)">(?:<details><summary>)?(\d+)', text))
    shade_of = {int(number): int(shade) for shade, number in cells}
    assert len(shade_of) == len(cells)  # one shade per level, wherever it shows
    assert sorted(shade_of) == [step.level for step in ladder.scale] == [1, 2, 3, 4, 5]
    shades = [shade_of[level] for level in sorted(shade_of)]
    assert shades == sorted(set(shades)) and shades[0] == 1 and shades[-1] == HEAT_STEPS


@pytest.mark.parametrize("count", range(1, 3 * HEAT_STEPS))
def test_any_length_of_scale_shades_in_order_from_pale_to_deep(count: int) -> None:
    levels = [10 * i for i in range(count)]  # ranks count, not values
    steps = [heat_steps(levels)[level] for level in levels]
    assert steps == sorted(steps) and steps[-1] == HEAT_STEPS
    assert set(steps) <= set(range(1, HEAT_STEPS + 1))
    if count <= HEAT_STEPS:
        assert len(set(steps)) == count and (count == 1 or steps[0] == 1)
    else:  # every step used, shared out evenly
        runs = [steps.count(step) for step in range(1, HEAT_STEPS + 1)]
        assert max(runs) - min(runs) <= 1


def test_a_ladder_in_words_shows_its_statements_on_expand() -> None:
    _, text, _ = page_of(LADDERS / "format2" / "words_only.yaml")
    assert "<td><details><summary>in words</summary><ul><li>Listens before answering.</li>" in text


# -- the overview's layout ---------------------------------------------------------
def company_ladder(tmp_path: Path) -> Ladder:
    """60 roles: five tracks over eight levels, a second role on one track,
    rungs shared by two tracks, entry routes and exits with no track."""
    tracks = ["ic", "mgmt", "growth", "platform", "data"]
    roles: list[dict[str, Any]] = []
    for track in tracks:
        for level in range(1, 9):
            roles.append(
                {
                    "id": f"{track}-{level}",
                    "title": f"Level {level} {track.title()} Product Manager for Payments and Risk",
                    "level": level,
                    "track": track,
                    "next": [f"{track}-{level + 1}"] if level < 8 else [],
                }
            )
    for level in range(1, 9):
        roles.append({"id": f"ic-b-{level}", "title": f"Specialist {level}", "level": level, "track": "ic"})
        roles[level - 1]["next"].append({"to": f"ic-b-{level}", "kind": "lateral"})
    roles += [
        {"id": f"shared-{lv}", "title": "Shared lead", "level": lv, "track": ["ic", "mgmt"]} for lv in (5, 6)
    ]
    roles += [
        {
            "id": f"entry-{i}",
            "title": f"Entry route {i}",
            "level": 0,
            "track": "entry",
            "next": [{"to": "ic-1", "kind": "apply"}],
        }
        for i in range(7)
    ]
    roles += [{"id": f"out-{i}", "title": f"Founder {i}", "level": 3} for i in range(3)]
    roles[7]["next"] += [{"to": f"out-{i}", "kind": "exit"} for i in range(3)]
    assert len(roles) == 60
    return load_ladder(write_ladder(tmp_path, json.dumps({"title": "Company", "roles": roles})))


def overlap(a: svg_overview.Box, b: svg_overview.Box) -> bool:
    w, h = svg_overview.BOX_W, svg_overview.BOX_H
    return a.x < b.x + w and b.x < a.x + w and a.y < b.y + h and b.y < a.y + h


@pytest.mark.parametrize("which", ["bundled", "company"])
def test_the_overview_places_every_role_without_overlap(tmp_path: Path, which: str) -> None:
    ladder = load_ladder() if which == "bundled" else company_ladder(tmp_path)
    grid = svg_overview.layout(ladder)
    boxes = list(grid.boxes.values())
    assert {box.role.id for box in boxes} == {role.id for role in ladder.roles}
    assert not [(a.role.id, b.role.id) for a, b in combinations(boxes, 2) if overlap(a, b)]
    assert all(b.x >= 0 and b.x + svg_overview.BOX_W <= grid.width for b in boxes)
    assert all(b.y >= 0 and b.y + svg_overview.BOX_H <= grid.height for b in boxes)
    for a, b in combinations(boxes, 2):  # a higher level is higher up
        if a.role.level != b.role.level:
            assert (a.y < b.y) == (a.role.level > b.role.level)
        if a.role.tracks != b.role.tracks:  # a column per track, or per set of shared tracks
            assert abs(a.x - b.x) >= svg_overview.BOX_W


def test_a_shared_rung_has_its_column_after_its_tracks(tmp_path: Path) -> None:
    grid = svg_overview.layout(company_ladder(tmp_path))
    names = [column.name for column in grid.columns]
    assert names == ["ic", "mgmt", "ic + mgmt", "growth", "platform", "data", "entry", "No track"]


def test_a_long_title_is_wrapped_and_cut_visibly_with_the_whole_in_its_tooltip() -> None:
    title = "Senior Principal Platform Product Manager for Payments, Risk and Fraud Operations"
    lines = svg_overview.wrap_title(title, 124)
    assert len(lines) == svg_overview.MAX_LINES and lines[-1].endswith("…")
    assert all(svg_overview.text_width(line) <= 124 for line in lines)
    assert svg_overview.wrap_title("Product Manager", 124) == ["Product Manager"]
    cut = svg_overview.wrap_title("x" * 50, 100, 2)
    assert len(cut) == 2 and cut[-1].endswith("…") and set("".join(cut)) == {"x", "…"}
    assert all(svg_overview.text_width(line) <= 100 for line in cut)


def test_wide_letters_count_more_than_narrow_ones() -> None:
    width = svg_overview.text_width
    assert width("W" * 10) > width("n" * 10) > width("i" * 10) > 0
    assert width("中文") >= width("WW") and width("e\u0301") == width("e")
    lines = svg_overview.wrap_title("WWWWWWWWWWWWWWWWWWWW MMMMMMMMMMMMMMMMMMMM", 124)
    assert len(lines) == svg_overview.MAX_LINES and all(width(line) <= 124 for line in lines)


@pytest.mark.parametrize("path", [LADDERS / "minimal.yaml", LADDERS / "format2" / "words_only.yaml"])
def test_the_legend_lies_within_the_overview(path: Path) -> None:
    grid = svg_overview.layout(load_ladder(path))
    assert [item.kind for item in grid.legend] == ["promotion", "lateral", "apply", "exit"]
    for item in grid.legend:
        drawn = svg_overview.LEGEND_SWATCH + svg_overview.text_width(item.label)
        assert item.x >= 0 and item.x + drawn <= grid.width, item
        assert item.y >= 0 and item.y + 15 <= grid.legend_height
    legend = re.findall(
        r'<text x="(\d+)" y="\d+">([a-z ]+)</text>', svg_overview.overview_svg(load_ladder(path))
    )
    assert [label for _, label in legend] == [item.label for item in grid.legend]
    assert all(
        int(x) == item.x + svg_overview.LEGEND_SWATCH
        for (x, _), item in zip(legend, grid.legend, strict=True)
    )
    assert min(box.y for box in grid.boxes.values()) > grid.legend_height


class Labels(HTMLParser):
    """The overview's labels: each line of text with the viewport it is drawn in."""

    def __init__(self, svg: str) -> None:
        super().__init__(convert_charrefs=True)
        self.viewports: list[dict[str, str | None]] = []
        self.lines: list[tuple[dict[str, str | None], str, float, str]] = []  # viewport, class, x, text
        self.unclipped: list[str] = []
        self.cls = ""
        self.tspan: float | None = None
        self.feed(svg)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "svg":
            self.viewports.append(found)
        elif tag == "text":
            self.cls = found.get("class") or ""
        elif tag == "tspan":
            self.tspan = float(found["x"] or 0)

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.viewports.pop()
        elif tag == "tspan":
            self.tspan = None

    def handle_data(self, data: str) -> None:
        if self.tspan is None:
            return
        if len(self.viewports) < 2:
            self.unclipped.append(data)
        else:
            self.lines.append((self.viewports[-1], self.cls, self.tspan, data))


def hostile_labels_ladder(tmp_path: Path) -> Ladder:
    """Titles of wide letters, full-width ones, escaped controls and one
    endless word, in boxes, level names and track names."""
    bidi = "\u202e" * 12
    titles = [
        "WWWWWWWWWWWWWWWWWWWW MMMMMMMMMMMMMMMMMMMM",
        f"Exit {bidi} reversed \u0007 bell \u001b[31m red",
        "製品管理の責任者" * 4,
        "x" * 500,
        "mmmm wwww @@@@ %%%% " * 5,
    ]
    roles = [
        {"id": f"r{i}", "title": title, "level": i % 3 + 1, "track": ["ic", "other"][i % 2]}
        for i, title in enumerate(titles)
    ]
    levels = [{"level": lv, "label": f"{bidi} WWWW{lv} {'M' * 30}"} for lv in (1, 2, 3)]
    tracks = [{"id": "ic", "title": "W" * 40}, {"id": "other", "title": f"Other {bidi} track"}]
    data = {"title": "Labels", "levels": levels, "tracks": tracks, "roles": roles}
    return load_ladder(write_ladder(tmp_path, json.dumps(data)))


@pytest.mark.parametrize("which", ["hostile", "generated", "big"])
def test_every_label_is_estimated_to_fit_its_box_and_is_clipped_to_it(tmp_path: Path, which: str) -> None:
    ladder = {
        "hostile": lambda: load_ladder(HOSTILE),
        "generated": lambda: hostile_labels_ladder(tmp_path),
        "big": lambda: company_ladder(tmp_path),
    }[which]()
    labels = Labels(svg_overview.overview_svg(ladder))
    grid = svg_overview.layout(ladder)
    assert labels.lines and labels.unclipped == []  # every line in a viewport that clips
    for viewport, cls, x, line in labels.lines:
        left, top = float(viewport["x"] or 0), float(viewport["y"] or 0)
        width, height = float(viewport["width"] or 0), float(viewport["height"] or 0)
        assert left >= 0 and left + width <= grid.width and top >= 0 and top + height <= grid.height
        half = svg_overview.text_width(line, bold=cls == "axis") / 2
        assert x - half >= 0 and x + half <= width, (line, width)
    if which == "generated":
        shown = "".join(line for *_, line in labels.lines)
        assert "\\u202e" in shown and "\u202e" not in shown  # measured as drawn: escaped


def test_each_kind_of_move_is_drawn_its_own_way() -> None:
    text = to_html(load_ladder())
    for kind in ("promotion", "lateral", "apply", "exit"):
        assert f'<path class="move move-{kind}" d="M' in text
        assert f".move-{kind}{{stroke:var(--{kind})" in text
    assert "stroke-dasharray:2 4" in text and "stroke-dasharray:8 5" in text


# -- colours -----------------------------------------------------------------------
def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", sorted(PALETTES))
def test_text_has_aa_contrast_in_both_schemes(scheme: str) -> None:
    p = PALETTES[scheme]
    assert min(contrast(p["fg"], p[bg]) for bg in ("bg", "box", "band")) >= 4.5
    heat = [f"heat{i}" for i in range(1, HEAT_STEPS + 1)]
    assert min(contrast(p[f"{shade}-text"], p[shade]) for shade in heat) >= 4.5
    assert min(contrast(p[text], p[bg]) for text in ("muted", "link") for bg in ("bg", "band")) >= 4.5
    assert contrast(p["focus"], p["bg"]) >= 3 and contrast(p["focus"], p["box"]) >= 3
    assert min(contrast(p[kind], p["bg"]) for kind in ("promotion", "lateral", "apply", "exit")) >= 3
    # a box's edge against its fill and against the page around it (WCAG 1.4.11)
    assert min(contrast(p["line"], p[around]) for around in ("box", "bg", "band")) >= 3


@pytest.mark.parametrize("scheme", sorted(PALETTES))
def test_the_focus_ring_stands_out_from_every_surface_it_is_drawn_on(scheme: str) -> None:
    p = PALETTES[scheme]
    assert min(contrast(p["focus"], p[surface]) for surface in ("bg", "box", "band")) >= 3
    for step in range(1, HEAT_STEPS + 1):  # a level's summary in a shaded matrix cell
        ring = re.search(rf"\.heat{step} summary:focus-visible\{{outline-color:var\(--([\w-]+)\)\}}", CSS)
        colour = p[ring.group(1)] if ring else p["focus"]
        assert contrast(colour, p[f"heat{step}"]) >= 3, step


@pytest.mark.parametrize("scheme", sorted(PALETTES))
def test_neighbouring_heat_shades_are_told_apart_in_both_schemes(scheme: str) -> None:
    p = PALETTES[scheme]
    shades = [p[f"heat{i}"] for i in range(1, HEAT_STEPS + 1)]
    assert min(contrast(a, b) for a, b in pairwise(shades)) >= 1.3
    assert [luminance(shade) for shade in shades] == sorted(
        (luminance(shade) for shade in shades), reverse=scheme == "light"
    )


def test_contrast_is_measured_as_wcag_does() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


# -- the command -------------------------------------------------------------------
def test_export_writes_the_page(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "ladder.html"
    result = run("--ladder", str(SMALL), "export", "-f", "html", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8") == to_html(load_ladder(SMALL))
    assert run("--ladder", str(SMALL), "export", "-f", "HTML").stdout == to_html(load_ladder(SMALL))


def test_the_installed_command_writes_the_page(tmp_path: Path) -> None:
    result = subprocess.run(
        [installed_script(), "--ladder", str(HOSTILE), "export", "-f", "html", "-o", "ladder.html"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "ladder.html").read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>\n") and text.endswith("</html>\n")
    assert text == to_html(load_ladder(HOSTILE))
