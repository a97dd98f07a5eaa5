"""Refresh the examples in README.md, and the pictures in docs/, from the real
program.

Each example block looks like this in the README, and everything between the
markers is replaced by what the command prints (at 100 columns, no colour):

    <!-- example: pmpath show senior -->
    ```
    $ pmpath show senior
    ...
    ```
    <!-- /example -->

`<!-- embed mermaid: CMD -->` ... `<!-- /embed -->` puts CMD's raw output in a
```mermaid block, which GitHub draws as a diagram.

`<!-- benchmark -->` ... `<!-- /benchmark -->` holds the latest figures of
bench/run.py, from bench/results.json.

`docs/html-export.png` is a screenshot of `pmpath export -f html` of the
bundled ladder, taken with Chromium through Playwright where both are
installed (and left as it is where they are not).

Usage: python scripts/update_readme.py [--check]
With --check, exit 1 (and change nothing) when the README is out of date or
a picture it shows is missing; the pictures are only written without
--check, and never compared: a screenshot is not the same byte for byte
from one machine to the next.
"""

from __future__ import annotations

import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
ROOT = README.parent
BLOCK = re.compile(r"(<!-- example: (?P<cmd>.+?) -->\n)(?P<body>.*?)(<!-- /example -->)", re.S)
BENCH = re.compile(r"(<!-- benchmark -->\n)(.*?)(<!-- /benchmark -->)", re.S)
EMBED = re.compile(r"(<!-- embed (?P<lang>\w+): (?P<cmd>.+?) -->\n)(?P<body>.*?)(<!-- /embed -->)", re.S)


def run(command: str) -> str:
    """What `command` prints, with pmpath run by this interpreter (never
    whatever `pmpath` is first on PATH); a pipe's later stages, such as jq,
    run in the shell and read pmpath's output."""
    first, bar, rest = command.partition(" | ")
    args = shlex.split(first)
    assert args[0] == "pmpath", command
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    env.pop("PMPATH_LADDER", None)
    result = subprocess.run(
        [sys.executable, "-m", "pmpath", *args[1:]],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    out, errors, code = result.stdout, result.stderr, result.returncode
    if bar:
        tool = shlex.split(rest)[0]
        if shutil.which(tool) is None:
            sys.exit(
                f"update_readme.py: the README example '{command}' needs {tool}; install it and run again"
            )
        piped = subprocess.run(
            rest, shell=True, input=out, capture_output=True, text=True, env=env, cwd=ROOT, check=False
        )
        out, errors, code = piped.stdout, errors + piped.stderr, piped.returncode
    lines = [line.rstrip() for line in (out + errors).splitlines()]
    if code:
        lines.append(f"(exit code {code})")
    return "\n".join(lines)


def refresh(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        body = run(match.group("cmd"))
        language = "json" if match.group("cmd").endswith("--json") else ""
        return f"{match.group(1)}```{language}\n$ {match.group('cmd')}\n{body}\n```\n{match.group(4)}"

    def embed(match: re.Match[str]) -> str:
        body = run(match.group("cmd"))
        return f"{match.group(1)}```{match.group('lang')}\n{body}\n```\n{match.group(5)}"

    def bench(match: re.Match[str]) -> str:
        return f"{match.group(1)}{benchmark_tables()}{match.group(3)}"

    return BENCH.sub(bench, EMBED.sub(embed, BLOCK.sub(replace, text)))


def benchmark_tables() -> str:
    import json

    results = json.loads((ROOT / "bench" / "results.json").read_text(encoding="utf-8"))
    lines = [
        f"Measured {results['date']} on {results['machine']}, Python {results['python']}, "
        f"{results['pairs']} alternating pairs per command.",
        "",
        "| start-up | median | min | max | median ms | floor ms | budget |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, r in results["startup"].items():
        lines.append(
            f"| `{name}` | {r['ratio_median']}x | {r['ratio_min']}x | {r['ratio_max']}x "
            f"| {r['ms_median']} | {r['floor_ms_median']} | {r['budget_ratio']}x |"
        )
    lines += [
        "",
        "| roles | command | median s | growth | CPU s | peak MiB | floor s | ratio |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for size, row in results["scale"].items():
        for name, r in row.items():
            cells = [
                f"{int(size):,}",
                f"`{name}`",
                r["seconds_median"],
                r.get("growth_from_previous", ""),
                r["cpu_seconds_median"],
                r["peak_mib"],
                r.get("floor_seconds_median", ""),
                f"{r['ratio_median']}x" if "ratio_median" in r else "",
            ]
            lines.append("| " + " | ".join(str(cell) for cell in cells) + " |")
    lines += ["", *(f"- {'met' if b['met'] else '**missed**'}: {b['check']}" for b in results["budgets"])]
    return "\n".join(lines) + "\n"


def pictures() -> None:
    """SVG screenshots of `pmpath tree` and `pmpath show senior`."""
    from rich.console import Console

    from pmpath.ladder.loading import load_ladder
    from pmpath.output import render, render_ladder
    from pmpath.output.escape import inert_copy
    from pmpath.queries import names
    from pmpath.queries.neighbours import role_page
    from pmpath.queries.tree import tree

    ladder = load_ladder()
    senior = names.resolve_role(ladder, "senior")
    views = {
        "tree": ("pmpath tree", render_ladder.tree_view(inert_copy(tree(ladder)))),
        "show-senior": ("pmpath show senior", render.role_view(inert_copy(role_page(ladder, senior)))),
    }
    for name, (title, view) in views.items():
        console = Console(  # as pmpath's own console (terminal.make_console), recording
            record=True,
            width=100,
            force_terminal=True,
            color_system="truecolor",
            file=io.StringIO(),
            markup=False,
            emoji=False,
            highlight=False,
        )
        console.print(view)
        console.save_svg(str(ROOT / "docs" / f"{name}.svg"), title=title)


SCREENSHOT = ROOT / "docs" / "html-export.png"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def screenshot() -> bool:
    """The top of the bundled ladder's web page (its header and overview) as
    a PNG, at a width the whole overview fits; False, changing nothing, where
    Chromium or Playwright is missing."""
    import tempfile

    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return False
    if chromium is None:
        return False
    from pmpath.ladder.loading import load_ladder
    from pmpath.output.html import to_html

    with tempfile.TemporaryDirectory() as folder:
        page_file = Path(folder) / "ladder.html"
        page_file.write_text(to_html(load_ladder()), encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1840, "height": 1660}, color_scheme="light")
            page.goto(page_file.as_uri())
            page.screenshot(path=str(SCREENSHOT))
            browser.close()
    return True


def main() -> int:
    current = README.read_text(encoding="utf-8")
    fresh = refresh(current)
    if "--check" in sys.argv[1:]:
        if fresh != current:
            print("README.md examples are out of date: run python scripts/update_readme.py")
            return 1
        shown = re.findall(r"\]\((docs/[^)]+\.(?:png|svg))\)", current)
        missing = [name for name in shown if not (ROOT / name).exists()]
        if missing:
            print(f"README.md shows pictures that are missing: {', '.join(missing)}")
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    pictures()
    if not screenshot():
        print(f"update_readme.py: {SCREENSHOT.name} left as it is: it needs chromium and playwright")
    return 0


if __name__ == "__main__":
    sys.exit(main())
