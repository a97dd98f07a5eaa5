"""A person's own competency levels over time, read from a `--me` file.

Two forms read. The history form, which `pmpath assess` writes:

    assessments:
      - date: 2026-09-01         # when it was made (not in the future)
        role: pm                 # optional: the role held then
        target: senior-pm        # optional: the role aimed for
        competencies:            # the ratings given; a competency left out was not assessed
          product-strategy: 2
        signals:                 # optional: answers to readiness signals
          - {signal: "Ships alone", answer: yes}     # or: not yet

And the single form of earlier versions, read as one undated assessment:

    role: pm
    competencies:
      product-strategy: 2

Assessments are ordered by date (undated ones first, in file order); the
latest is the last.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmpath.errors import FileProblem, LadderError, Problem, UsageProblem
from pmpath.ladder.checking import Checker, Path_, kind_name
from pmpath.ladder.fileformat import SCALE_LEVEL_MAX, SCALE_LEVEL_MIN
from pmpath.ladder.model import Ladder
from pmpath.ladder.reading import decode, read_bytes

# The answers a signal may have, as written; YAML 1.1 reads a bare yes/no as true/false.
YES = "yes"
NOT_YET = "not yet"
_YES_WORDS = {"yes", "y", "true"}
_NOT_YET_WORDS = {"not yet", "not-yet", "no", "n", "false"}
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# More than anyone makes by hand in a lifetime; bounds the work per file.
MAX_ASSESSMENTS = 10_000
# Answers to readiness signals in one assessment: a move asks for a handful.
MAX_SIGNALS = 1_000
# A date a day ahead of this machine's is someone's today in another time zone.
_DATE_TOLERANCE = datetime.timedelta(days=1)


@dataclass(frozen=True)
class SignalAnswer:
    """A readiness signal and whether the person said they show it."""

    signal: str
    met: bool


@dataclass(frozen=True)
class SelfAssessment:
    """One assessment: the levels given (only the competencies assessed),
    and optionally the role held, the role aimed for, the date and the
    answers to readiness signals."""

    levels: Mapping[str, int]
    role: str | None = None
    target: str | None = None
    date: datetime.date | None = None
    signals: tuple[SignalAnswer, ...] = ()


@dataclass(frozen=True)
class History:
    """Every assessment of a file, oldest first (never empty), and the file's
    data as parsed, to append to."""

    assessments: tuple[SelfAssessment, ...]
    # Whether the file is in the single form (no `assessments:` list).
    single_form: bool = False
    raw: Any = field(default=None, compare=False, repr=False)
    # The file as written, so that an assessment can be added to it in place.
    text: str = field(default="", compare=False, repr=False)

    @property
    def latest(self) -> SelfAssessment:
        return self.assessments[-1]

    @property
    def previous(self) -> SelfAssessment | None:
        return self.assessments[-2] if len(self.assessments) > 1 else None


# Which role a name in the file means, as the command line reads names: the
# queries layer knows the rules (queries.names.resolve_role), so the caller
# passes them in. It returns the role's id, or raises UsageProblem.
RoleNamer = Callable[[str], str]


def load_assessments(
    path: Path, ladder: Ladder, role_id_of: RoleNamer, today: datetime.date | None = None
) -> History:
    """Every assessment of a `--me` file (YAML or JSON), checked against the
    ladder; any problem is a LadderError at FILE:LINE."""
    try:
        text = decode(read_bytes(path))
    except FileProblem as fatal:
        raise LadderError(str(path), [fatal.problem]) from None
    return read_assessments(text, str(path), ladder, role_id_of, today)


def read_assessments(
    text: str, filename: str, ladder: Ladder, role_id_of: RoleNamer, today: datetime.date | None = None
) -> History:
    """The assessments of a `--me` file's text (see `load_assessments`)."""
    from pmpath.ladder import yamlsafe

    duplicates: list[Problem] = []
    try:
        data, root = yamlsafe.parse(text, duplicates)
    except FileProblem as fatal:
        raise LadderError(filename, [fatal.problem]) from None
    reader = _Reader(ladder, role_id_of, today or datetime.date.today())
    history = reader.read(data)
    # A ladder only warns of a key nothing reads or a key written twice. In a
    # --me file either one loses someone's answers without a word (a mistyped
    # `signal:`, the first of two ratings), so here both refuse the file.
    errors = [_refused(p) for p in (*duplicates, *reader.checker.problems)]
    if errors:
        raise LadderError(filename, yamlsafe.with_lines(errors, root, text))
    assert history is not None
    return dataclasses.replace(history, text=text)


def _refused(problem: Problem) -> Problem:
    if not problem.warning:
        return problem
    message = problem.message.removesuffix("; it is ignored").removesuffix("; the last one wins")
    return dataclasses.replace(problem, message=message, warning=False)


class _Reader:
    def __init__(self, ladder: Ladder, role_id_of: RoleNamer, today: datetime.date) -> None:
        self.ladder = ladder
        self.role_id_of = role_id_of
        self.today = today
        self.checker = Checker()
        self.known = {c.id for c in ladder.competencies}
        self.scale = {step.level for step in ladder.scale}

    def read(self, data: object) -> History | None:
        checker = self.checker
        if not isinstance(data, dict):
            checker.error(
                (),
                "a self-assessment must be a mapping with 'assessments:' or 'competencies:', "
                f"not {kind_name(data)}",
            )
            return None
        if "assessments" not in data:
            checker.unknown_keys(data, ("role", "competencies"), (), "a self-assessment")
            one = self.assessment(data, (), dated=False)
            return History((one,), single_form=True, raw=data) if one else None
        for key in ("role", "competencies"):
            if key in data:
                checker.error(
                    (key,),
                    f"'{key}' belongs inside an assessment: a file with 'assessments:' keeps "
                    "every rating in that list",
                )
        checker.unknown_keys(data, ("assessments", "role", "competencies"), (), "a file of assessments")
        entries = data["assessments"]
        if not isinstance(entries, list):
            checker.error(("assessments",), f"'assessments' must be a list, not {kind_name(entries)}")
            return None
        if not entries:
            checker.error(("assessments",), "'assessments' is empty: it needs at least one assessment")
            return None
        if len(entries) > MAX_ASSESSMENTS:
            checker.error(("assessments",), f"more than {MAX_ASSESSMENTS} assessments; refusing to read them")
            return None
        found: list[SelfAssessment] = []
        for index, entry in enumerate(entries):
            where: Path_ = ("assessments", index)
            if not isinstance(entry, dict):
                checker.error(where, f"an assessment must be a mapping, not {kind_name(entry)}")
                continue
            checker.unknown_keys(
                entry, ("date", "role", "target", "competencies", "signals"), where, "an assessment"
            )
            one = self.assessment(entry, where, dated=True)
            if one is not None:
                found.append(one)
        if len(found) != len(entries):
            return None
        # Undated ones first (a single-form file converted keeps its one as the first); stable.
        ordered = sorted(found, key=lambda a: (a.date is not None, a.date or datetime.date.min))
        return History(tuple(ordered), raw=data)

    def assessment(self, data: dict[Any, Any], where: Path_, dated: bool) -> SelfAssessment | None:
        checker = self.checker
        before = len(checker.problems)
        date = self.date(data.get("date"), (*where, "date")) if dated and "date" in data else None
        role = self.role(data.get("role"), (*where, "role"), "role")
        target = self.role(data.get("target"), (*where, "target"), "target")
        levels = self.levels(data.get("competencies"), (*where, "competencies"))
        signals = self.signals(data.get("signals"), (*where, "signals"))
        if any(not p.warning for p in checker.problems[before:]):
            return None
        return SelfAssessment(levels, role, target, date, signals)

    def date(self, value: object, where: Path_) -> datetime.date | None:
        if value is None:
            return None
        found: datetime.date | None = None
        if isinstance(value, datetime.datetime):
            self.checker.error(where, f"'date' must be a day like 2026-11-27, without a time, not '{value}'")
            return None
        if isinstance(value, datetime.date):
            found = value
        elif isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
            try:
                found = datetime.date.fromisoformat(value.strip())
            except ValueError:
                found = None
        if found is None:
            shown = value if isinstance(value, str) and len(value) <= 40 else kind_name(value)
            self.checker.error(where, f"'date' must be a day like 2026-11-27, not {_quoted(shown, value)}")
            return None
        if found > self.today + _DATE_TOLERANCE:
            self.checker.error(where, f"'date' {found.isoformat()} is in the future (today is {self.today})")
            return None
        return found

    def role(self, value: object, where: Path_, key: str) -> str | None:
        if value is None:
            return None
        name = self.checker.text(value, where, f"'{key}'")
        if not name:
            return None
        try:
            return self.role_id_of(name)
        except UsageProblem as problem:
            self.checker.error(where, f"'{key}': {problem.in_one_line()}")
            return None

    def levels(self, value: object, where: Path_) -> dict[str, int]:
        checker = self.checker
        ratings = checker.mapping(value, where, "'competencies'") or {}
        levels: dict[str, int] = {}
        low, high = SCALE_LEVEL_MIN, SCALE_LEVEL_MAX
        if self.scale:
            low, high = min(self.scale), max(self.scale)
        for key, level_value in ratings.items():
            place: Path_ = (*where, str(key))
            if key not in self.known:
                checker.error(place, f"unknown competency '{key}'{checker.suggest(str(key), self.known)}")
                continue
            level = checker.integer(level_value, place, f"'{key}'", low, high)
            if level is None:
                continue
            if self.scale and level not in self.scale:  # a scale with a step left out
                checker.error(
                    place,
                    f"'{key}' level {level} is outside the scale ({min(self.scale)}-{max(self.scale)})",
                )
                continue
            levels[str(key)] = level
        return levels

    def signals(self, value: object, where: Path_) -> tuple[SignalAnswer, ...]:
        if value is None:
            return ()
        checker = self.checker
        if not isinstance(value, list):
            checker.error(where, f"'signals' must be a list, not {kind_name(value)}")
            return ()
        if len(value) > MAX_SIGNALS:
            checker.error(where, f"more than {MAX_SIGNALS} answers to signals; refusing to read them")
            return ()
        answers = []
        for index, item in enumerate(value):
            place: Path_ = (*where, index)
            if not isinstance(item, dict):
                checker.error(
                    place, f"a signal must be a mapping with 'signal' and 'answer', not {kind_name(item)}"
                )
                continue
            checker.unknown_keys(item, ("signal", "answer"), place, "a signal")
            text = checker.text(item.get("signal"), (*place, "signal"), "'signal'")
            met = self.answer(item.get("answer"), (*place, "answer"))
            if text and met is not None:
                answers.append(SignalAnswer(text, met))
        return tuple(answers)

    def answer(self, value: object, where: Path_) -> bool | None:
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            word = value.strip().lower()
            if word in _YES_WORDS:
                return True
            if word in _NOT_YET_WORDS:
                return False
        shown = value if isinstance(value, str) and len(value) <= 40 else kind_name(value)
        self.checker.error(where, f"'answer' must be yes or not yet, not {_quoted(shown, value)}")
        return None


def _quoted(shown: object, value: object) -> str:
    return f"'{shown}'" if isinstance(value, str) else str(shown)


def answer_word(met: bool) -> str:
    return YES if met else NOT_YET


def appended(history: History | None, entry: dict[str, Any]) -> dict[str, Any]:
    """The data of a file with `entry` added as its latest assessment: a file
    in the single form becomes the first, undated, entry of the history form;
    everything else the file holds is kept."""
    if history is None:
        return {"assessments": [entry]}
    raw = history.raw
    if history.single_form:
        return {"assessments": [dict(raw), entry]}
    data = dict(raw)
    data["assessments"] = [*(_answers_in_words(old) for old in raw["assessments"]), entry]
    return data


def _answers_in_words(entry: dict[str, Any]) -> dict[str, Any]:
    """An earlier assessment as read, with answers YAML read as true or false
    (`yes`, `no`) written back as the words the format documents."""
    signals = entry.get("signals")
    if not isinstance(signals, list):
        return entry
    words = [
        {**item, "answer": answer_word(item["answer"])}
        if isinstance(item, dict) and isinstance(item.get("answer"), bool)
        else item
        for item in signals
    ]
    return {**entry, "signals": words}
