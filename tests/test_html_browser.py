"""export -f html in a real browser: Debian's chromium driven by Playwright.
Skipped where either is missing; CI (.ci/run) installs both."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pmpath.ladder.loading import load_ladder
from pmpath.ladder.reading import bundled_ladder_path
from pmpath.output.html import to_html
from tests.conftest import LADDERS, write_ladder
from tests.test_html_export import contrast, hostile_labels_ladder

playwright = pytest.importorskip("playwright.sync_api")
if shutil.which("chromium") is None:
    pytest.skip("chromium is not installed", allow_module_level=True)

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOSTILE = LADDERS / "publish_hostile.yaml"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        yield launched
        launched.close()


class Visit:
    """A page opened from a file, with what it asked for and said."""

    def __init__(self, browser: Any, path: Path, **options: Any) -> None:
        self.context = browser.new_context(**options)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.console: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: self.console.append(f"{message.type}: {message.text}"))
        self.page.on("pageerror", lambda error: self.console.append(f"pageerror: {error}"))
        self.page.on("dialog", self._dialog)
        self.url = path.as_uri()
        self.page.goto(self.url)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def shown_roles(self) -> list[str]:
        return list(self.page.eval_on_selector_all("article.role:not([hidden])", "els => els.map(e => e.id)"))


def exported(tmp_path: Path, ladder: Path) -> Path:
    target = tmp_path / "ladder.html"
    target.write_text(to_html(load_ladder(ladder)), encoding="utf-8")
    return target


@pytest.fixture
def bundled(browser: Any, tmp_path: Path) -> Iterator[Visit]:
    visit = Visit(browser, exported(tmp_path, bundled_ladder_path()))
    yield visit
    visit.context.close()


def test_the_page_loads_nothing_and_logs_no_error(bundled: Visit) -> None:
    bundled.page.wait_for_load_state("load")
    assert bundled.requests == [bundled.url]
    assert bundled.console == []


def test_every_role_is_reached_from_the_overview(bundled: Visit) -> None:
    page = bundled.page
    boxes = page.locator("#overview a.role-box")
    sections = page.eval_on_selector_all("article.role", "els => els.map(e => e.id)")
    assert boxes.count() == len(sections) == len(load_ladder().roles)
    reached = []
    for i in range(boxes.count()):
        boxes.nth(i).click()
        target = page.evaluate("location.hash.slice(1)")
        assert page.locator(f"article#{target}").is_visible()
        reached.append(target)
    assert sorted(reached) == sorted(sections)
    assert bundled.console == []


def test_the_filter_shows_the_roles_that_mention_every_word(bundled: Visit) -> None:
    page = bundled.page
    everyone = bundled.shown_roles()
    page.fill("#filter-box", "growth")
    shown = bundled.shown_roles()
    assert 0 < len(shown) < len(everyone)
    for described in load_ladder().roles:  # in its own words, not in the roles it links to
        words = [described.id, described.title, described.summary, *described.aliases, *described.tracks]
        if any("growth" in text.lower() for text in words):
            assert f"role-{described.id}" in shown
    for role in everyone:
        own = " ".join(page.locator(f"#{role} .own").all_text_contents()).lower()
        assert (role in shown) == ("growth" in own or "growth" in role)
    assert "role-pm" not in shown  # it leads to Growth PM, but says nothing of growth itself
    assert page.inner_text("#filter-count") == f"{len(shown)} of {len(everyone)} roles"
    dimmed = page.eval_on_selector_all("#overview a.dim", "els => els.map(e => e.getAttribute('href'))")
    assert sorted(dimmed) == sorted(f"#{role}" for role in everyone if role not in shown)
    page.fill("#filter-box", "growth senior")
    assert set(bundled.shown_roles()) < set(shown)
    page.fill("#filter-box", "")
    assert bundled.shown_roles() == everyone


def test_without_javascript_the_page_is_whole_and_the_filter_hidden(browser: Any, tmp_path: Path) -> None:
    visit = Visit(browser, exported(tmp_path, bundled_ladder_path()), java_script_enabled=False)
    assert not visit.page.is_visible("#filter-box")
    assert len(visit.shown_roles()) == len(load_ladder().roles)
    visit.context.close()


def test_a_hostile_ladder_shows_its_text_literally(browser: Any, tmp_path: Path) -> None:
    visit = Visit(browser, exported(tmp_path, HOSTILE))
    page = visit.page
    page.wait_for_load_state("load")
    title = "Evil | ladder </title><script>alert('title')</script>"
    assert page.title() == title
    assert page.inner_text("h1") == title
    text = page.inner_text("body")
    for shown in ("<script>alert('summary')</script>", "<iframe src=https://evil.example></iframe>"):
        assert shown in text
    assert "javascript:alert('source')" in page.inner_text("footer")
    page.fill("#filter-box", "evil")  # the script runs on the hostile text too
    for i in range(page.locator("#overview a.role-box").count()):
        page.locator("#overview a.role-box").nth(i).click()
    assert visit.dialogs == []
    assert visit.requests == [visit.url]
    assert visit.console == []
    visit.context.close()


def test_dark_mode_and_print_apply(browser: Any, tmp_path: Path) -> None:
    visit = Visit(browser, exported(tmp_path, bundled_ladder_path()), color_scheme="dark")
    background = "getComputedStyle(document.body).backgroundColor"
    assert visit.page.evaluate(background) == "rgb(20, 23, 28)"
    visit.page.emulate_media(media="print")
    assert visit.page.evaluate(background) == "rgb(255, 255, 255)"
    assert not visit.page.is_visible("nav")
    visit.context.close()


def test_printing_from_dark_mode_prints_dark_labels_on_white(browser: Any, tmp_path: Path) -> None:
    visit = Visit(browser, exported(tmp_path, bundled_ladder_path()), color_scheme="dark")
    page = visit.page
    label = "getComputedStyle(document.querySelector('svg.overview .legend text')).fill"
    assert page.evaluate(label) == "rgb(231, 234, 238)"  # light text on the dark screen
    page.emulate_media(color_scheme="dark", media="print")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    fills = page.eval_on_selector_all("svg.overview text", "els => els.map(e => getComputedStyle(e).fill)")
    assert fills and set(fills) <= {"rgb(27, 31, 36)", "rgb(79, 88, 99)"}  # text and muted, light scheme
    bands = page.eval_on_selector_all(
        "svg.overview rect.band", "els => els.map(e => getComputedStyle(e).fill)"
    )
    assert set(bands) == {"rgb(255, 255, 255)", "rgb(246, 247, 249)"}
    visit.context.close()


def test_a_filtered_page_prints_every_role_and_every_matrix_row(bundled: Visit) -> None:
    page = bundled.page
    roles = len(load_ladder().roles)
    visible = (
        "sel => Array.from(document.querySelectorAll(sel)).filter(e => e.getClientRects().length > 0).length"
    )
    page.fill("#filter-box", "growth")
    assert 0 < page.evaluate(visible, "article.role") < roles
    assert 0 < page.evaluate(visible, "#matrix tbody tr") < roles
    page.emulate_media(media="print")
    assert page.evaluate(visible, "article.role") == roles
    assert page.evaluate(visible, "#matrix tbody tr") == roles
    opacities = page.eval_on_selector_all(
        "#overview a.role-box", "els => els.map(e => getComputedStyle(e).opacity)"
    )
    assert set(opacities) == {"1"}


def test_a_role_box_focused_from_the_keyboard_shows_it(bundled: Visit) -> None:
    page = bundled.page
    focused = "document.activeElement.matches('#overview a.role-box')"
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(focused):
            break
    assert page.evaluate(focused)
    style = page.evaluate(
        "(() => { const a = getComputedStyle(document.activeElement);"
        " const r = getComputedStyle(document.activeElement.querySelector('rect'));"
        " return [a.outlineStyle, a.outlineWidth, r.stroke, r.strokeWidth]; })()"
    )
    assert style == ["solid", "3px", "rgb(179, 89, 0)", "3px"]


def test_box_labels_of_wide_letters_stay_inside_their_boxes(browser: Any, tmp_path: Path) -> None:
    target = tmp_path / "ladder.html"
    target.write_text(to_html(hostile_labels_ladder(tmp_path)), encoding="utf-8")
    visit = Visit(browser, target)
    outside = visit.page.evaluate(
        """() => Array.from(document.querySelectorAll("#overview a.role-box")).flatMap(a => {
          const box = a.querySelector("rect").getBoundingClientRect();
          return Array.from(a.querySelectorAll("tspan")).map(t => t.getBoundingClientRect())
            .filter(r => r.left < box.left - 1 || r.right > box.right + 1
                      || r.top < box.top - 1 || r.bottom > box.bottom + 1)
            .map(r => [a.getAttribute("href"), r.left - box.left, box.right - r.right]);
        })"""
    )
    assert visit.page.locator("#overview a.role-box tspan").count() >= 5
    assert outside == []
    visit.context.close()


def test_the_filter_reads_only_each_role_own_text(browser: Any, tmp_path: Path) -> None:
    visit = Visit(browser, exported(tmp_path, HOSTILE))
    page = visit.page
    everyone = visit.shown_roles()
    # "split" is only in pipe-role's title, which two other sections link to
    for typed, kept in (
        ("split", ["role-pipe-role"]),
        ("senior pm", ["role-pipe-role"]),
        ("comes from", []),
        ("leads to", []),
        ("entry", ["role-pipe-role"]),  # its level's name
        ("mgmt pipe", ["role-pipe-role"]),  # a track by its title, and an alias
        ("digraph", ["role-manager-role"]),  # its summary
        ("closing tilde", ["role-pipe-role"]),  # a move's own signal
        ("calc", []),  # a competency's name is the matrix's, not a role's
    ):
        page.fill("#filter-box", typed)
        assert visit.shown_roles() == kept, typed
        assert page.inner_text("#filter-count") == f"{len(kept)} of {len(everyone)} roles"
    page.fill("#filter-box", "")
    assert visit.shown_roles() == everyone
    assert visit.console == []
    visit.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_focused_level_in_the_matrix_shows_a_ring_that_stands_out(
    browser: Any, tmp_path: Path, scheme: str
) -> None:
    visit = Visit(browser, exported(tmp_path, bundled_ladder_path()), color_scheme=scheme)
    page = visit.page
    page.keyboard.press("Tab")  # from the keyboard: focus rings show
    seen = page.evaluate(
        """() => Array.from(document.querySelectorAll("#matrix td[class^=heat] summary")).map(s => {
          s.focus();
          const ring = getComputedStyle(s), cell = getComputedStyle(s.closest("td"));
          return [s.closest("td").className, ring.outlineStyle, ring.outlineColor, cell.backgroundColor];
        })"""
    )
    hexes = {}
    for cell, style, ring, background in seen:
        assert style == "solid", cell
        hexes[cell] = (rgb_hex(ring), rgb_hex(background))
    assert len(hexes) >= 5  # every shade the bundled scale uses
    assert min(contrast(ring, background) for ring, background in hexes.values()) >= 3, hexes
    visit.context.close()


def rgb_hex(css: str) -> str:
    red, green, blue = (int(part) for part in css[css.index("(") + 1 : css.index(")")].split(",")[:3])
    return f"#{red:02x}{green:02x}{blue:02x}"


def test_an_endless_word_does_not_widen_the_page(browser: Any, tmp_path: Path) -> None:
    word = "x" * 5000
    text = (
        f"title: {word[:3000]}\ndescription: {word}\n"
        "competencies: [{id: craft, name: " + word[:2000] + "}]\n"
        f"roles:\n  - id: pm\n    title: {word}\n    level: 1\n    summary: {word}\n"
        f"    responsibilities: [{word}]\n    competencies: {{craft: {{level: 2, expectation: {word}}}}}\n"
    )
    target = exported(tmp_path, write_ladder(tmp_path, text, "wide.yaml"))
    visit = Visit(browser, target, viewport={"width": 1024, "height": 800})
    widths = visit.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths
    visit.context.close()
