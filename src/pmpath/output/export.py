"""The whole ladder in other formats: YAML and JSON (the data itself), CSV,
and, from their own modules, Markdown, Mermaid, DOT and HTML.

Each function returns the complete text; nothing here prints or imports Rich.
"""

from __future__ import annotations

import csv
import io
import os.path
import re
from collections.abc import Callable
from typing import Any

from pmpath.ladder.fileformat import ROLE_FIELDS
from pmpath.ladder.model import Ladder, Rating
from pmpath.ladder.plain import ladder_data
from pmpath.output import serialize
from pmpath.output.diagrams import to_dot, to_mermaid
from pmpath.output.html import to_html
from pmpath.output.markdown import to_markdown


def _dump_yaml(data: object) -> str:
    import yaml  # only for the formats that need it: the bundled ladder is read without it

    dumper: type[Any] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


# -- YAML and JSON: the ladder file itself -------------------------------------------
def to_yaml(ladder: Ladder) -> str:
    """A ladder file that loads back into pmpath unchanged."""
    return _dump_yaml(ladder_data(ladder))


# pmpath reads a JSON ladder with its YAML 1.1 reader, so the JSON export is
# written for it: the line separators YAML 1.1 would fold inside a string,
# and two noncharacters it refuses, go out as \u escapes; and
# a number with an exponent but no fraction (`1e-05`, text to YAML 1.1) gets
# one (`1.0e-05`, the same number to JSON). In indented JSON each number
# stands on a line of its own, so a match of a whole line is a number, never
# part of a string.
_NOT_IN_YAML = re.compile("[\u2028\u2029\ufffe\uffff]")
_BARE_EXPONENT = re.compile(r'^(\s*(?:"(?:[^"\\]|\\.)*": )?-?\d+)([eE][-+]\d+,?)$', re.MULTILINE)


def to_json(ladder: Ladder) -> str:
    """The same ladder file as JSON, which loads back unchanged too."""
    text = serialize.dumps(ladder_data(ladder))
    text = _NOT_IN_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return _BARE_EXPONENT.sub(r"\1.0\2", text)


def assessments_text(data: dict[str, Any], as_json: bool = False) -> str:
    """A `--me` file's data (see ladder/assessment.py) as YAML, or as JSON
    for a file named .json; dates are written as YYYY-MM-DD."""
    if as_json:
        import datetime
        import json

        def day(value: object) -> str:
            if isinstance(value, datetime.date):
                return value.isoformat()
            raise TypeError(f"cannot write {type(value).__name__} as JSON")

        return json.dumps(data, indent=2, ensure_ascii=False, default=day) + "\n"
    return "# My competency levels over time, for: pmpath gap --me THIS_FILE ROLE\n" + _dump_yaml(data)


def assessment_added(text: str, data: dict[str, Any], entry: dict[str, Any]) -> str | None:
    """A `--me` file's YAML text (read as `data`) with `entry` added at the
    end of its `assessments:` list and every other character kept (comments,
    layout, earlier entries as written). None unless the list is a block
    list that ends the file and the result reads back as the data plus the
    entry."""
    import yaml

    from pmpath.ladder import yamlsafe

    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    found = [value for key, value in root.value if key.value == "assessments"]
    if len(found) != 1 or not isinstance(found[0], yaml.SequenceNode) or found[0].flow_style:
        return None
    items = found[0].value
    after = text[found[0].end_mark.index :]
    if not items or any(line.strip() and not line.lstrip().startswith("#") for line in after.splitlines()):
        return None
    first = items[0].start_mark
    before_item = text.splitlines()[first.line][: first.column]
    if before_item.strip() != "-":
        return None
    dash = " " * before_item.index("-")
    end = "\r\n" if "\r\n" in text else "\n"  # the file's own line ending
    added = "".join(dash + line + end for line in _dump_yaml([entry]).splitlines())
    new = text + ("" if text.endswith("\n") or not text else end) + added
    new_data, _ = yamlsafe.parse(new)
    expected = {**data, "assessments": [*data["assessments"], yamlsafe.parse(_dump_yaml(entry))[0]]}
    return new if new_data == expected else None


# -- CSV ---------------------------------------------------------------------------
LIST_SEPARATOR = "\n"  # list fields keep one item per line inside their cell
# A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV
# injection"): it is written with a leading apostrophe, which shows it as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The ladder's own columns, after the roles' and the competencies'.
_ABOUT = ("license", "source", "version")


def _csv_cell(value: object) -> object:
    """CSV's one escaping function: a cell never starts a formula.
    Spreadsheets read a formula only at the start of a cell, so a later line
    of a list cell that starts with `=` stays text without an apostrophe."""
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def _csv_rating(rating: Rating | None) -> str | int:
    """A competency cell: the level, or the statements where the cell has
    no level (a ladder described in words)."""
    if rating is None:
        return ""
    return rating.level if rating.level is not None else LIST_SEPARATOR.join(rating.statements)


COMPETENCY_PREFIX = "competency:"  # a wide CSV's competency columns: `competency:level`
LAYOUTS = ("wide", "long")


def _csv_text(rows: list[list[Any]]) -> str:
    """Rows as CSV, every cell (headers included: competency ids and the
    ladder's own text reach them) through `_csv_cell`. Lines end in CRLF
    (RFC 4180): the writer then quotes every cell holding a CR or a newline,
    where with a bare LF it would leave a CR unquoted, and a reader would
    split the row there."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([_csv_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def _csv_list(value: object) -> object:
    return LIST_SEPARATOR.join(value) if isinstance(value, tuple) else value


def to_csv(ladder: Ladder, layout: str = "wide") -> str:
    """`wide`: one row per role; lists one item per line in a cell; one
    column per competency, named `competency:ID`, holding its level (or its
    statements when the cell is in words only). The ladder's licence,
    source and version, when it has them, are columns of their own, the
    same on every row.

    `long`: one row per role and competency the role rates, with the
    competency's level, statements, examples and not-yet signs."""
    if layout == "long":
        return _csv_long(ladder)
    # The file's own fields, then what the loader works out. `track` and
    # `next` keep their first meaning: the tracks joined with ", ", and ids.
    scalar_fields = [spec.name for spec in ROLE_FIELDS if spec.kind != "ratings"]
    derived = ["previous", "level_label", "tracks", "moves"]
    about = [(name, getattr(ladder, name)) for name in _ABOUT if getattr(ladder, name)]
    competencies = [COMPETENCY_PREFIX + c.id for c in ladder.competencies]
    rows: list[list[Any]] = [[*scalar_fields, *derived, *competencies, *(name for name, _ in about)]]
    for role in ladder.roles:
        row: list[Any] = []
        for name in [*scalar_fields, *derived]:
            value = getattr(role, name)
            if name == "moves":
                value = tuple(f"{move.to} ({move.kind})" for move in value)
            row.append(_csv_list(value))
        row += [_csv_rating(role.competencies.get(c.id)) for c in ladder.competencies]
        row += [value for _, value in about]
        rows.append(row)
    return _csv_text(rows)


LONG_HEADER = (
    "id",
    "title",
    "level",
    "competency",
    "competency_name",
    "area",
    "competency_level",
    "expectation",
    "examples",
    "not_yet",
)


def _csv_long(ladder: Ladder) -> str:
    rows: list[list[Any]] = [list(LONG_HEADER)]
    for role in ladder.roles:
        for competency in ladder.competencies:
            rating = role.competencies.get(competency.id)
            if rating is None:
                continue
            level = "" if rating.level is None else rating.level
            rows.append(
                [role.id, role.title, role.level, competency.id, competency.name, competency.area, level]
                + [_csv_list(part) for part in (rating.statements, rating.examples, rating.not_yet)]
            )
    return _csv_text(rows)


FORMATS: dict[str, Callable[[Ladder], str]] = {
    "markdown": to_markdown,
    "mermaid": to_mermaid,
    "dot": to_dot,
    "csv": to_csv,
    "json": to_json,
    "yaml": to_yaml,
    "html": to_html,
}

# The format an output file's name asks for (`export -o ladder.csv`). A format
# listed here that FORMATS lacks is not offered.
_EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
    ".dot": "dot",
    ".gv": "dot",
    ".csv": "csv",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".html": "html",
    ".htm": "html",
}
EXTENSIONS = {ext: fmt for ext, fmt in _EXTENSIONS.items() if fmt in FORMATS}


def format_of(name: str) -> str | None:
    """The format a file name's extension stands for (case ignored), or None."""
    return EXTENSIONS.get(os.path.splitext(name)[1].lower())
