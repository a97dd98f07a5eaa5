"""Checking plain data read from YAML, one value at a time, noting every
problem with the path of the offending value. `building.Builder` checks a
ladder with these; `assessment` checks a `--me` file."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pmpath.errors import Problem
from pmpath.ladder.fileformat import is_extension

Path_ = tuple[str | int, ...]


def kind_name(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    import datetime  # only when something is wrong: most runs never need it

    if isinstance(value, datetime.date):  # datetimes too
        return "a date"
    if isinstance(value, bytes):
        return "binary data"
    return f"a {type(value).__name__}"


# Each "did you mean" compares a word with every choice, so a file with
# thousands of unknown names would take quadratic time; past this many, the
# errors are still reported, without suggestions.
MAX_SUGGESTIONS = 20


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    import difflib  # only when something is wrong: it costs ~3 ms to import

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class Checker:
    """Checks values of plain YAML data, noting each problem."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.suggestions_left = MAX_SUGGESTIONS

    def suggest(self, word: str, choices: Iterable[str]) -> str:
        """' (did you mean ...?)' for the first MAX_SUGGESTIONS unknown words."""
        if self.suggestions_left <= 0:
            return ""
        self.suggestions_left -= 1
        return did_you_mean(word, choices)

    def error(self, path: Path_, message: str) -> None:
        self.problems.append(Problem(message, path))

    def warn(self, path: Path_, message: str) -> None:
        self.problems.append(Problem(message, path, warning=True))

    # -- generic value checks ------------------------------------------------
    def text(self, value: object, path: Path_, what: str) -> str:
        if isinstance(value, str):
            return value
        import datetime  # only when something is wrong: most runs never need it

        # Numbers, true/false and dates are text once quoted.
        hint = " (put it in quotes)" if isinstance(value, (int, float, bool, datetime.date)) else ""
        self.error(path, f"{what} must be text, not {kind_name(value)}{hint}")
        return ""

    def one_line(self, text: str, path: Path_, what: str) -> str:
        """A name or title on one line: a line break in it would read, in a
        table or a list, as the start of another row. Each is a space."""
        joined = " ".join(text.splitlines())
        if joined != text:
            self.warn(path, f"{what} is a name on one line: its line breaks are read as spaces")
        return joined

    def integer(self, value: object, path: Path_, what: str, low: int, high: int) -> int | None:
        """A whole number from low to high, or None (an error is noted).
        `2.0` is 2, as JSON Schema's "integer" reads it."""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            self.error(path, f"{what} must be a whole number, not {kind_name(value)}")
        elif not low <= value <= high:
            shown = value if abs(value) < 10**12 else f"{str(value)[:12]}..."
            self.error(path, f"{what} must be from {low} to {high}, not {shown}")
        else:
            return value
        return None

    def text_list(self, value: object, path: Path_, what: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error(path, f"{what} must be a list of text, not {kind_name(value)}")
            return ()
        items = []
        for index, item in enumerate(value):
            if isinstance(item, str):
                items.append(item)
            else:
                self.error((*path, index), f"{what} entries must be text, not {kind_name(item)}")
        return tuple(items)

    def mapping(self, value: object, path: Path_, what: str) -> dict[Any, Any] | None:
        if isinstance(value, dict):
            return value
        self.error(path, f"{what} must be a mapping of keys to values, not {kind_name(value)}")
        return None

    def unknown_keys(self, data: dict[Any, Any], allowed: tuple[str, ...], path: Path_, what: str) -> None:
        """Warn about keys nothing reads; `x-` keys are extensions, kept silently."""
        for key in data:
            if key not in allowed and not is_extension(key):
                hint = self.suggest(str(key), allowed)
                self.warn((*path, str(key)), f"unknown key '{key}' in {what}{hint}; it is ignored")
