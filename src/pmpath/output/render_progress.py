"""The Rich view of `pmpath progress`: a person's levels over time."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from pmpath.output.render import MET_STYLE, SHORT_STYLE, ByWidth, Table, bullets, section, since_text
from pmpath.queries.progress import Progress

BLOCKS = "▁▂▃▄▅▆▇█"
NOT_ASSESSED = "·"
# The dated columns shown; the chart covers up to MAX_CHART assessments.
MAX_COLUMNS = 6
MAX_CHART = 40


def sparkline(levels: tuple[int | None, ...], low: int, high: int) -> str:
    """One block per assessment, its height the level between low and high;
    '·' where the competency was not assessed."""
    span = high - low
    marks = []
    for level in levels:
        if level is None:
            marks.append(NOT_ASSESSED)
            continue
        share = (min(max(level, low), high) - low) / span if span else 1.0
        marks.append(BLOCKS[round(share * (len(BLOCKS) - 1))])
    return "".join(marks)


# Below this width `progress` lists each competency with its levels under it.
PROGRESS_TABLE_WIDTH = 60


def progress_view(result: Progress) -> RenderableType:
    dates = [a.date or "undated" for a in result.assessments]
    count = len(dates)
    if count == 1:
        header = Text(f"Your levels, from one assessment ({dates[0]})")
    else:
        header = Text(f"Your levels over {count} assessments, from {dates[0]} to {dates[-1]}")
    header.stylize("bold")
    parts: list[RenderableType] = [header]
    if count == 1:
        parts.append(Text("Run 'pmpath assess' again later to see the change.", style="dim"))
    every = [level for c in result.competencies for level in c.levels if level is not None]
    low = result.scale_low if result.scale_low is not None else min(every, default=0)
    high = result.scale_high if result.scale_high is not None else max(every, default=0)
    shown = range(max(0, count - MAX_COLUMNS), count)

    def build(width: int) -> RenderableType:
        if width < PROGRESS_TABLE_WIDTH:  # each competency with its levels under it
            lines: list[RenderableType] = [Text("Competencies", style="bold italic")]
            for row in result.competencies:
                levels = Text(", ").join(
                    Text(f"{dates[i]}: {'—' if row.levels[i] is None else row.levels[i]}") for i in shown
                )
                chart = Text.assemble(
                    sparkline(row.levels[-MAX_CHART:], low, high), "  ", since_text(row.change)
                )
                lines += [
                    Text(row.competency.name, style="bold"),
                    Padding(Group(levels, chart), (0, 0, 0, 2)),
                ]
            return Group(*lines)
        table = Table(box=box.SIMPLE_HEAVY, title="Competencies", title_justify="left")
        table.add_column("Competency", style="bold")
        for index in shown:
            table.add_column(dates[index], justify="right")
        table.add_column("Chart")
        table.add_column("Change", justify="right")
        for row in result.competencies:
            cells: list[RenderableType] = [Text(row.competency.name)]
            cells.extend(
                Text("—", style="dim") if row.levels[i] is None else Text(str(row.levels[i])) for i in shown
            )
            cells.append(Text(sparkline(row.levels[-MAX_CHART:], low, high)))
            cells.append(since_text(row.change))
            table.add_row(*cells)
        return table

    table = ByWidth(build)
    parts.extend([Text(), table])
    if count > MAX_COLUMNS:
        parts.append(Text(f"The table shows the latest {MAX_COLUMNS} assessments; the chart all.", "dim"))
    parts.append(
        Text(
            f"Chart: one block per assessment, low to high on the scale; {NOT_ASSESSED} not assessed.", "dim"
        )
    )
    met = result.signals_met
    if result.signals:
        section(
            parts,
            f"Readiness signals met so far: {len(met)} of {len(result.signals)}",
            bullets(
                [
                    Text.assemble(("yes", MET_STYLE), f" ({s.date or 'undated'}): ", s.signal)
                    if s.met
                    else Text.assemble(("not yet", SHORT_STYLE), ": ", s.signal)
                    for s in result.signals
                ],
            ),
        )
    else:
        parts.extend([Text(), Text("No readiness signals answered yet.", style="dim")])
    return Group(*parts)
