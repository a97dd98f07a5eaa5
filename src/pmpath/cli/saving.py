"""Where `pmpath assess` saves an assessment, and saving it.

Whether a file can take one more assessment is checked before the first
question, with the largest entry the questions could produce, so that no
answer is lost to a file that turns out to be unwritable, full or not an
assessment file. Saving then adds the entry without losing anything the
file holds, and never writes a file that pmpath could not read back.
"""

from __future__ import annotations

import datetime
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmpath.errors import LadderError, PmpathError
from pmpath.ladder.assessment import (
    MAX_ASSESSMENTS,
    NOT_YET,
    History,
    RoleNamer,
    SignalAnswer,
    answer_word,
    appended,
    load_assessments,
    read_assessments,
)
from pmpath.ladder.fileformat import SCALE_LEVEL_MAX
from pmpath.ladder.model import Ladder, Role
from pmpath.ladder.reading import MAX_BYTES
from pmpath.output.export import assessment_added, assessments_text
from pmpath.output.files import can_replace, replace_file
from pmpath.output.terminal import print_message


def entry(
    day: datetime.date,
    start: Role | None,
    goal: Role,
    levels: dict[str, int],
    signals: Sequence[SignalAnswer],
) -> dict[str, Any]:
    """One assessment as the file holds it."""
    found: dict[str, Any] = {"date": day}
    if start is not None:
        found["role"] = start.id
    found["target"] = goal.id
    found["competencies"] = dict(levels)
    if signals:
        found["signals"] = [{"signal": a.signal, "answer": answer_word(a.met)} for a in signals]
    return found


def largest_entry(ladder: Ladder, start: Role | None, goal: Role, signals: Sequence[str]) -> dict[str, Any]:
    """The longest entry the questions could produce: every competency rated
    at the top of the scale, every signal answered with the longer word."""
    top = max((step.level for step in ladder.scale), default=SCALE_LEVEL_MAX)
    entry_ = entry(datetime.date.today(), start, goal, {c.id: top for c in ladder.competencies}, ())
    if signals:
        entry_["signals"] = [{"signal": signal, "answer": NOT_YET} for signal in signals]
    return entry_


@dataclass(frozen=True)
class NewText:
    text: str
    count: int  # assessments in the file once written
    rewritten: bool  # written out anew, not added to in place


def _new_text(path: Path, history: History | None, added: dict[str, Any]) -> NewText:
    as_json = path.suffix.lower() == ".json"
    data = appended(history, added)
    in_place = None
    if history is not None and not history.single_form and not as_json:
        in_place = assessment_added(history.text, history.raw, added)
    try:
        text = in_place if in_place is not None else assessments_text(data, as_json)
    except (TypeError, ValueError) as error:  # an x- value JSON cannot carry, such as a set
        raise PmpathError(f"{path} holds a value a JSON file cannot carry ({error})") from None
    return NewText(text, len(data["assessments"]), history is not None and in_place is None)


def history_of(path: Path, ladder: Ladder, role_id_of: RoleNamer) -> History | None:
    """The assessments the file holds, or None when there is no file yet."""
    return load_assessments(path, ladder, role_id_of) if os.path.lexists(path) else None


def _unreadable(path: Path, new: NewText, ladder: Ladder, role_id_of: RoleNamer) -> str | None:
    """Why pmpath could not read the new text back, if it could not."""
    if new.count > MAX_ASSESSMENTS:
        return f"{path} holds {MAX_ASSESSMENTS} assessments already, the most pmpath reads"
    if len(new.text.encode("utf-8")) > MAX_BYTES:
        return f"{path} would grow past {MAX_BYTES // (1024 * 1024)} MiB, the most pmpath reads"
    try:
        read_assessments(new.text, str(path), ladder, role_id_of)
    except LadderError as error:  # whatever else the reader bounds: answers to signals, names
        return f"with this assessment added, {path} could not be read back:\n{error}"
    return None


def problem(path: Path, ladder: Ladder, role_id_of: RoleNamer, largest: dict[str, Any]) -> str | None:
    """Why `path` cannot take one more assessment, or None when it can."""
    if reason := place_problem(path):
        return reason
    try:
        history = history_of(path, ladder, role_id_of)
    except LadderError as error:
        return f"{error}\n{path} is not a file of assessments pmpath can add to."
    return content_problem(path, history, ladder, role_id_of, largest)


def place_problem(path: Path) -> str | None:
    """Why no file can be saved at `path` (what it is, its folder), without reading it."""
    if os.path.lexists(path):
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            return f"{path} is a symbolic link; give the file it points to"
        if stat.S_ISDIR(mode):
            return f"{path} is a directory; give a file name"
        if not stat.S_ISREG(mode):
            return f"{path} is not a regular file"
        if not os.access(path, os.W_OK):
            return f"{path} is read-only; pmpath will not replace it"
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        return f"there is no folder {folder} to save {path.name} in"
    if not can_replace(path):  # the new file is made beside the old one, then renamed
        return f"cannot create files in {folder}: permission denied"
    return None


def content_problem(
    path: Path, history: History | None, ladder: Ladder, role_id_of: RoleNamer, largest: dict[str, Any]
) -> str | None:
    """Why the file read as `history` (None: absent) cannot take the largest
    entry: pmpath could not write it, or not read the result back."""
    try:
        new = _new_text(path, history, largest)
    except PmpathError as error:
        return error.in_one_line()
    return _unreadable(path, new, ladder, role_id_of)


def save(path: Path, ladder: Ladder, role_id_of: RoleNamer, added: dict[str, Any]) -> None:
    """Add the entry as the latest assessment of the file, written whole to a
    new file and renamed over the old one: never a half-written file, and
    every earlier assessment kept. A YAML file in the history form gets the
    entry at the end of its text, comments and all; any other is written out
    again in the history form."""
    history = history_of(path, ladder, role_id_of)  # read again just before writing: the latest
    new = _new_text(path, history, added)
    if reason := _unreadable(path, new, ladder, role_id_of):
        raise PmpathError(reason)
    replace_file(path, new.text)
    print_message(
        f"Added the assessment of {added['date'].isoformat()} to {path} ({new.count} in all). "
        f"Next time: pmpath gap --me {path} {added['target']}"
    )
    if new.rewritten and history is not None and re.search(r"(^|\s)#", history.text):
        print_message(f"{path} was written out again in the history form; its comments were not kept.")
