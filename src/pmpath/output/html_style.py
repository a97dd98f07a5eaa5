"""The HTML export's fixed parts: colours, stylesheet and filter script.

None of this holds ladder text. The page's Content-Security-Policy allows
exactly this stylesheet and this script, by their SHA-256 hashes (`csp`), and
nothing else: no other script, style, image, font or connection.
"""

from __future__ import annotations

import base64
import hashlib

# Each scheme's colours; tests check that text on each background has WCAG
# AA contrast (4.5:1) and that lines and box edges stand out by 3:1.
# heat1..heat8 shade the competency levels, lowest to highest: a ramp from a
# light to a dark end (in the dark scheme, from dark to light), spaced so that
# neighbouring steps differ by a contrast ratio of about 1.4. Each step has
# its own text colour, the page's text on the paler half and the background
# colour on the deeper half, for 4.5:1 on every step. `heat_steps` in html.py
# says which level gets which step. The keyboard focus ring is `focus` on the
# page and on boxes; on a shaded cell, where no one colour would stand out
# from every step, it takes the step's own text colour (3:1 at least, tested).
PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "bg": "#ffffff",
        "fg": "#1b1f24",
        "muted": "#4f5863",
        "link": "#0a4fb5",
        "line": "#737d8a",
        "box": "#eef3f9",
        "band": "#f6f7f9",
        "focus": "#b35900",
        "heat1": "#edf3fb",
        "heat2": "#b5ceee",
        "heat3": "#84ace2",
        "heat4": "#568ed7",
        "heat5": "#3d72b9",
        "heat6": "#2c5996",
        "heat7": "#1b4274",
        "heat8": "#0a2850",
        "heat1-text": "#1b1f24",
        "heat2-text": "#1b1f24",
        "heat3-text": "#1b1f24",
        "heat4-text": "#1b1f24",
        "heat5-text": "#ffffff",
        "heat6-text": "#ffffff",
        "heat7-text": "#ffffff",
        "heat8-text": "#ffffff",
        "promotion": "#1b1f24",
        "lateral": "#4f5863",
        "apply": "#0a4fb5",
        "exit": "#8e2f9e",
    },
    "dark": {
        "bg": "#14171c",
        "fg": "#e7eaee",
        "muted": "#b3bac3",
        "link": "#8cb8ff",
        "line": "#7d8794",
        "box": "#222a35",
        "band": "#1a1e24",
        "focus": "#ffb86b",
        "heat1": "#1a2636",
        "heat2": "#253e5e",
        "heat3": "#305384",
        "heat4": "#3867a6",
        "heat5": "#5886c4",
        "heat6": "#749dd3",
        "heat7": "#99bae8",
        "heat8": "#bfdbff",
        "heat1-text": "#e7eaee",
        "heat2-text": "#e7eaee",
        "heat3-text": "#e7eaee",
        "heat4-text": "#e7eaee",
        "heat5-text": "#14171c",
        "heat6-text": "#14171c",
        "heat7-text": "#14171c",
        "heat8-text": "#14171c",
        "promotion": "#e7eaee",
        "lateral": "#b3bac3",
        "apply": "#8cb8ff",
        "exit": "#e39ef0",
    },
}
HEAT_STEPS = 8
_STEPS = range(1, HEAT_STEPS + 1)


def _variables(scheme: str) -> str:
    return "".join(f"--{name}:{value};" for name, value in PALETTES[scheme].items())


CSS = (
    ":root{color-scheme:light dark;" + _variables("light") + "}\n"
    "@media (prefers-color-scheme: dark){:root{" + _variables("dark") + "}}\n"
    """body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,sans-serif}
body{overflow-wrap:anywhere}
header,nav,main,footer{max-width:72rem;margin:0 auto;padding:0 1rem}
header{padding-top:1rem}
a{color:var(--link)}
a:focus-visible,input:focus-visible,summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px}
.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.25rem .5rem}
.text,li,dd,td{white-space:pre-line}
.muted,.facts{color:var(--muted)}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:0 1rem}
dt{font-weight:600}
dd{margin:0}
nav ul{display:flex;flex-wrap:wrap;gap:0 1.5rem;padding:0;list-style:none}
#filter{margin:.5rem 0 1rem}
#filter input{font:inherit;padding:.25rem .5rem;min-width:16rem;color:var(--fg);background:var(--bg)}
#filter input{border:1px solid var(--line)}
.diagram{overflow-x:auto;border:1px solid var(--line);width:max-content;max-width:calc(100vw - 2rem)}
.diagram{position:relative;left:50%;transform:translateX(-50%)}
svg.overview{display:block;font-size:12px}
svg.overview text{fill:var(--fg)}
svg.overview .axis{fill:var(--muted);font-weight:600}
svg.overview .band{fill:var(--bg)}
svg.overview .band-alt{fill:var(--band)}
svg.overview rect:not(.band){fill:var(--box);stroke:var(--line)}
svg.overview a:focus-visible rect,svg.overview a:hover rect{stroke:var(--focus);stroke-width:3}
svg.overview a.dim{opacity:.25}
.move{fill:none;stroke-width:1.5}
.move-promotion{stroke:var(--promotion)}
.move-lateral{stroke:var(--lateral);stroke-dasharray:2 4}
.move-apply{stroke:var(--apply);stroke-dasharray:8 5}
.move-exit{stroke:var(--exit);stroke-width:3.5}
.head-promotion{fill:var(--promotion)}.head-lateral{fill:var(--lateral)}
.head-apply{fill:var(--apply)}.head-exit{fill:var(--exit)}
.scroll{overflow-x:auto}
table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}
table.matrix td{text-align:center;min-width:2.5rem}
table.matrix summary{cursor:pointer;font-weight:600}
table.matrix summary:focus-visible{outline-offset:1px}
table.matrix details[open]{text-align:left;min-width:14rem}
"""
    + "".join(
        f".heat{i}{{background:var(--heat{i});color:var(--heat{i}-text)}}\n"
        f".heat{i} summary:focus-visible{{outline-color:var(--heat{i}-text)}}\n"
        for i in _STEPS
    )
    + """article.role{border-top:1px solid var(--line);padding-top:.5rem;margin-top:1.5rem}
footer{border-top:1px solid var(--line);margin-top:2rem;padding-bottom:2rem;color:var(--muted)}
@media print{
:root{color-scheme:light;"""
    + _variables("light")
    + """}
nav,#filter,.skip{display:none}
body{background:#fff;color:#000;font-size:11pt}
a{color:#000}
.diagram{overflow:visible;border:0;position:static;transform:none;max-width:100%}
svg.overview{max-width:100%;height:auto}
svg.overview a.dim{opacity:1}
article.role[hidden]{display:block}
#matrix tbody tr[hidden]{display:table-row}
article.role,table{break-inside:avoid}
h2,h3{break-after:avoid}
}
"""
)

# The filter: shows the role sections whose own text holds every word typed,
# dims the others' boxes in the overview and hides their matrix rows. A
# role's own text is its id and the elements of its section marked `own`
# (html.py): its title, level, tracks, aliases, titles, prose and statements,
# never the fixed headings or the titles of the roles it links to. Without
# JavaScript the box stays hidden and every section shows.
SCRIPT = """(function () {
  var wrap = document.getElementById("filter");
  var box = document.getElementById("filter-box");
  var count = document.getElementById("filter-count");
  var roles = Array.prototype.slice.call(document.querySelectorAll("article.role"));
  var texts = roles.map(function (role) {
    var own = Array.prototype.map.call(role.querySelectorAll(".own"), function (e) { return e.textContent; });
    return [role.id.slice(5)].concat(own).join("\\n").toLowerCase();
  });
  var marked = document.querySelectorAll("#overview a.role-box, #matrix tbody tr");
  wrap.hidden = false;
  box.addEventListener("input", function () {
    var words = box.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = {};
    var found = 0;
    roles.forEach(function (role, i) {
      var text = texts[i];
      var match = words.every(function (word) { return text.indexOf(word) !== -1; });
      role.hidden = !match;
      if (match) { shown["#" + role.id] = true; found += 1; }
    });
    marked.forEach(function (item) {
      var link = item.matches("a") ? item : item.querySelector("a");
      var match = link !== null && shown[link.getAttribute("href")] === true;
      if (item.matches("a")) { item.classList.toggle("dim", !match); } else { item.hidden = !match; }
    });
    count.textContent = words.length ? found + " of " + roles.length + " roles" : "";
  });
})();
"""


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def csp() -> str:
    """The page's policy: nothing loads, and only CSS and SCRIPT run."""
    return (
        f"default-src 'none'; style-src {_hash(CSS)}; script-src {_hash(SCRIPT)}; "
        "base-uri 'none'; form-action 'none'"
    )
