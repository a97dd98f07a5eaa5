"""What `info` says about a ladder: what it is, where it comes from, how big it is.

Pure Python over the model: no I/O, no Typer, no Rich.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pmpath.ladder.model import Ladder
from pmpath.queries.listing import known_levels, known_tracks


@dataclass(frozen=True)
class LadderInfo:
    title: str
    description: str
    version: str
    source: str
    license: str
    # The file the ladder was read from, and whether it is the one pmpath ships.
    path: Path | None
    bundled: bool
    roles: int
    # Tracks and levels the ladder declares or a role uses.
    tracks: int
    levels: int
    areas: int
    competencies: int
    titles: int
    words_only: bool


def ladder_info(ladder: Ladder, bundled: bool) -> LadderInfo:
    return LadderInfo(
        ladder.title,
        ladder.description,
        ladder.version,
        ladder.source,
        ladder.license,
        ladder.path,
        bundled,
        len(ladder.roles),
        len(known_tracks(ladder)),
        len(known_levels(ladder)),
        len(ladder.areas),
        len(ladder.competencies),
        len(ladder.titles),
        # With no competencies there are no cells, in words or otherwise.
        bool(ladder.competencies) and ladder.words_only,
    )
