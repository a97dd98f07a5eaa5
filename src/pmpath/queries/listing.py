"""The roles of `list`, optionally only those on a track or at a level.

Pure Python over the model: no I/O, no Typer, no Rich.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmpath.errors import UsageProblem
from pmpath.ladder.fileformat import name_key
from pmpath.ladder.model import Ladder, Role

# An error lists the known values, but no more than this many of them.
MAX_LISTED = 20


@dataclass(frozen=True)
class RoleList:
    title: str
    roles: tuple[Role, ...]
    # The filters asked for: a track id ("" for every track) and a level (None for every level).
    track: str = ""
    level: int | None = None
    level_label: str = ""
    # Track id -> title, for headings: every track the ladder knows, in order.
    track_titles: tuple[tuple[str, str], ...] = ()

    @property
    def filtered(self) -> bool:
        return bool(self.track) or self.level is not None


def known_tracks(ladder: Ladder) -> dict[str, str]:
    """Track id -> title (the id when the ladder does not declare it): the
    declared tracks in order, then any other track a role names."""
    found = {track.id: track.title for track in ladder.tracks}
    for role in ladder.roles:
        for track in role.tracks:
            found.setdefault(track, track)
    return found


def known_levels(ladder: Ladder) -> dict[int, str]:
    """Level -> its label ("" if unnamed): every level the ladder names or a role holds, in order."""
    found = {name.level: name.label for name in ladder.levels}
    for role in ladder.roles:
        found.setdefault(role.level, role.level_label)
    return dict(sorted(found.items()))


def _listed(values: list[str]) -> str:
    shown = ", ".join(values[:MAX_LISTED])
    return shown + (f" and {len(values) - MAX_LISTED} more" if len(values) > MAX_LISTED else "")


def _did_you_mean(word: str, choices: list[str]) -> str:
    """' Did you mean ...?' with the closest choice, compared as names are."""
    if not choices:
        return ""
    import difflib  # only when a word matched nothing: it costs ~3 ms to import

    keys: dict[str, str] = {}
    for choice in choices:  # the first choice with a name wins: ids before titles
        keys.setdefault(name_key(choice), choice)
    close = difflib.get_close_matches(name_key(word.strip()), list(keys), n=1, cutoff=0.6)
    return f" Did you mean '{keys[close[0]]}'?" if close else ""


def find_track(ladder: Ladder, name: str) -> str:
    """The id of the track NAME means: its id or its title, ignoring case."""
    tracks = known_tracks(ladder)
    wanted = name_key(name.strip())
    for track_id, title in tracks.items():
        if wanted in (name_key(track_id), name_key(title)):
            return track_id
    if not tracks:
        raise UsageProblem(f"no track '{name}': this ladder has no tracks")
    ids = list(tracks)
    names = ids + [title for track_id, title in tracks.items() if title != track_id]
    raise UsageProblem(
        f"no track '{name}' on this ladder",
        hint=f"{_did_you_mean(name, names)} Tracks: {_listed(ids)}".strip(),
    )


def find_level(ladder: Ladder, name: str) -> int:
    """The level NAME means: a label from the ladder's `levels` (ignoring
    case), or the number of a level the ladder names or a role holds. A
    label wins over a number, as the ladder's own names come first."""
    levels = known_levels(ladder)
    wanted = name_key(name.strip())
    for level, label in levels.items():
        if label and name_key(label) == wanted:
            return level
    # int() refuses text of thousands of digits; no level has more than a few.
    if wanted.isascii() and wanted.isdigit() and len(wanted) <= 6 and int(wanted) in levels:
        return int(wanted)
    described = [f"{level} ({label})" if label else str(level) for level, label in levels.items()]
    labels = [label for label in levels.values() if label]
    raise UsageProblem(
        f"no level '{name}' on this ladder",
        hint=f"{_did_you_mean(name, labels)} Levels: {_listed(described)}".strip(),
    )


def role_list(ladder: Ladder, track: str | None = None, level: str | None = None) -> RoleList:
    """Every role in ladder order, or those on TRACK and at LEVEL (a role on
    several tracks is on each of them). An unknown track or level is a usage
    error; known ones that no role matches give an empty list."""
    track_id = find_track(ladder, track) if track is not None else ""
    level_number = find_level(ladder, level) if level is not None else None
    roles = tuple(
        role
        for role in ladder.roles
        if (not track_id or track_id in role.tracks) and (level_number is None or role.level == level_number)
    )
    label = known_levels(ladder).get(level_number, "") if level_number is not None else ""
    titles = tuple(known_tracks(ladder).items())
    return RoleList(ladder.title, roles, track_id, level_number, label, titles)
