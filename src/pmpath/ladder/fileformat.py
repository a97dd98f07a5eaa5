"""What a ladder file may contain: one table per part of the file, read by the
loader (`building`), the JSON Schema (`schema`) and every export.

Adding a role field means adding one line to ROLE_FIELDS and one attribute to
`model.Role`. Validation, the JSON Schema, `show --json`, the YAML and JSON
exports, and (for prose) role pages, comparisons, the Markdown export and
`search` all follow from this table. The other parts of a file (levels,
tracks, areas, competencies, the scale, titles, moves and ratings) have a
table each, read the same way.

Keys starting with `x-` are allowed anywhere a mapping is: they are kept as
they are, exported back, and never warned about.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal[
    "id",  # a kebab-case id
    "text",  # one piece of text
    "line",  # a name or title: text on one line, as tables and headings show it
    "int",  # a whole number within the spec's bounds
    "text_list",  # a list of text
    "statements",  # one text, or a list of texts
    "alias_list",  # names typed on the command line
    "id_list",  # ids of roles
    "track_list",  # one track id, or several
    "level",  # a number, or a label from the ladder's `levels`
    "moves",  # the roles a role leads to: ids, or moves with a kind
    "ratings",  # competency id -> rating
    "kind",  # one of MOVE_KINDS
]

# Ids: kebab-case ASCII. Matched with re.fullmatch (`$` alone would accept a
# final newline).
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# Aliases are typed on the command line and offered as shell-completion
# candidates, so they hold no spaces, quotes or shell punctuation: runs of
# letters and digits of any script, joined by single '-', '_' or '.'. In
# Python's re, `[^\W_]` is exactly str.isalnum(); the schema uses the pattern
# too. Checked on the NFC form of the alias, with fullmatch like ids.
ALIAS_PATTERN = r"^[^\W_]+(?:[-_.][^\W_]+)*$"
ALIAS_RULE = "letters and digits, joined by single '-', '_' or '.'"

# Extension keys: kept and exported as they are, never warned about.
EXTENSION_PREFIX = "x-"
EXTENSION_PATTERN = r"^x-"

# Numbers are small: some companies number their levels 59-80, so role levels
# go up to 999; scale and rating levels (and a person's own levels in a --me
# file) are points on a short scale. While parsing, yamlsafe also refuses
# integer literals over 40 characters and nesting over 100 levels anywhere,
# ignored keys included.
ROLE_LEVEL_MIN, ROLE_LEVEL_MAX = 0, 999
SCALE_LEVEL_MIN, SCALE_LEVEL_MAX = 0, 100

# How one role leads to another. A move that names no kind is a promotion
# when the level rises and lateral when it stays; a move down must say.
MOVE_KINDS = ("promotion", "lateral", "apply", "exit")
MOVE_KIND_MEANINGS = {
    "promotion": "a step up on the same ladder",
    "lateral": "a move across, at the same level",
    "apply": "a move that takes an application or an interview",
    "exit": "a move that leaves the ladder",
}
# For people: the heading each kind of move is listed under.
MOVE_KIND_HEADINGS = {
    "promotion": "Promotions",
    "lateral": "Lateral moves",
    "apply": "Apply and interview",
    "exit": "Ways out",
}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: Kind
    description: str  # for the schema: what to write
    heading: str  # for people: section headings, search labels, comparison rows
    required: bool = False
    # Prose about the role, shown in this order on a role page, in a comparison
    # and in the Markdown export, and looked through by `search`.
    prose: bool = False
    minimum: int | None = None  # bounds of an "int" field
    maximum: int | None = None
    example: object = None  # for the schema's `examples`
    # The model attribute that holds the field; left out, it is `name`.
    attr: str = ""

    def __post_init__(self) -> None:
        if not self.attr:
            object.__setattr__(self, "attr", self.name)


def _id(what: str, example: str) -> FieldSpec:
    return FieldSpec("id", "id", f"Unique kebab-case identifier of the {what}.", "Id", True, example=example)


def _description(what: str) -> FieldSpec:
    return FieldSpec("description", "text", f"What the {what} means, in a sentence or two.", "Description")


# In reading order: `show --json`, the YAML export and role pages follow it.
ROLE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", "id", "Unique kebab-case identifier.", "Id", required=True, example="senior-pm"),
    FieldSpec(
        "title",
        "line",
        "Job title as people say it.",
        "Title",
        required=True,
        example="Senior Product Manager",
    ),
    FieldSpec(
        "aliases",
        "alias_list",
        f"Other names that find this role on the command line: {ALIAS_RULE}.",
        "Also called",
        example=["senior"],
    ),
    FieldSpec(
        "level",
        "level",
        "Seniority rung, higher is more senior: a number, or a label from the ladder's 'levels'.",
        "Level",
        required=True,
        minimum=ROLE_LEVEL_MIN,
        maximum=ROLE_LEVEL_MAX,
        example=3,
    ),
    FieldSpec(
        "track",
        "track_list",
        "Career track: one track, or a list of the tracks that share this rung. When the ladder "
        "lists 'tracks', each must be one of their ids.",
        "Track",
        example="individual-contributor",
        attr="tracks",
    ),
    FieldSpec("summary", "text", "What the role is, in a sentence or two.", "Summary", prose=True),
    FieldSpec(
        "scope", "text", "What the role owns: a feature area, a product, a portfolio...", "Scope", prose=True
    ),
    FieldSpec("responsibilities", "text_list", "What people in the role do.", "Responsibilities", prose=True),
    FieldSpec("in_practice", "text_list", "What the job asks for day to day.", "In practice", prose=True),
    FieldSpec(
        "brings",
        "text_list",
        "For entry routes: what this background brings.",
        "What this background brings",
        prose=True,
    ),
    FieldSpec(
        "to_learn",
        "text_list",
        "For entry routes: what this background must learn.",
        "What it must learn",
        prose=True,
    ),
    FieldSpec(
        "ready_when",
        "text_list",
        "Signals that someone is ready for the next step.",
        "Ready for the next step when",
        prose=True,
    ),
    FieldSpec(
        "stand_out",
        "text_list",
        "What sets someone in this role apart from their peers, beyond what the role expects.",
        "How people stand out",
        prose=True,
    ),
    FieldSpec(
        "next",
        "moves",
        "The roles this role leads to: an id, or a move with 'to', 'kind' and its own 'ready_when'.",
        "Leads to",
        example=["principal-pm", {"to": "group-pm", "kind": "apply"}],
        attr="moves",
    ),
    FieldSpec(
        "competencies",
        "ratings",
        "Competency id -> a level, or {level, expectation, examples, not_yet}.",
        "Competencies",
    ),
)
# Worked out by the loader; never written in a file.
PREVIOUS = FieldSpec("previous", "id_list", "Ids of the roles that lead to this one.", "Comes from")
LEVEL_LABEL = FieldSpec("level_label", "text", "The label of the role's level, if the ladder names it.", "")

ROLE_FIELD_NAMES = tuple(spec.name for spec in ROLE_FIELDS)
PROSE_FIELDS = tuple(spec for spec in ROLE_FIELDS if spec.prose)
NAME_FIELDS = tuple(spec for spec in ROLE_FIELDS if spec.name in ("title", "aliases"))

# One entry of `next` written out as a mapping.
MOVE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("to", "id", "Id of the role this move leads to.", "To", required=True, example="group-pm"),
    FieldSpec(
        "kind",
        "kind",
        "promotion, lateral, apply (takes an application or interview) or exit (leaves the ladder). "
        "Left out: promotion when the level rises, lateral when it stays; a move down must name it.",
        "Kind",
        example="apply",
    ),
    FieldSpec("ready_when", "text_list", "Signals that someone is ready for this move.", "Ready when"),
)

# One cell: how a role rates one competency.
RATING_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "level",
        "int",
        "A level on the ladder's scale. Leave it out on a ladder described in words only.",
        "Level",
        minimum=SCALE_LEVEL_MIN,
        maximum=SCALE_LEVEL_MAX,
        example=3,
    ),
    FieldSpec(
        "expectation",
        "statements",
        "What the level looks like: one text, or a list of statements.",
        "Expected",
    ),
    FieldSpec("examples", "text_list", "Examples of work at this level.", "Examples"),
    FieldSpec("not_yet", "text_list", "Signs that someone is not there yet.", "Not yet"),
)

LEVEL_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "level",
        "int",
        "The number roles at this level have.",
        "Level",
        True,
        minimum=ROLE_LEVEL_MIN,
        maximum=ROLE_LEVEL_MAX,
        example=4,
    ),
    FieldSpec("label", "line", "The level's name, unique in the ladder.", "Label", True, example="L4"),
    _description("level"),
)

TRACK_FIELDS: tuple[FieldSpec, ...] = (
    _id("track", "ic"),
    FieldSpec("title", "line", "The track's name.", "Title", True, example="Individual contributor"),
    _description("track"),
)

AREA_FIELDS: tuple[FieldSpec, ...] = (
    _id("area", "execution"),
    FieldSpec("name", "line", "The area's name.", "Name", True, example="Execution"),
    _description("area"),
)

COMPETENCY_FIELDS: tuple[FieldSpec, ...] = (
    _id("competency", "delivery"),
    FieldSpec("name", "line", "The competency's name.", "Name", True, example="Delivery"),
    FieldSpec("area", "id", "Id of the area this competency belongs to.", "Area", example="execution"),
    _description("competency"),
)

SCALE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "level",
        "int",
        "A point on the scale.",
        "Level",
        True,
        minimum=SCALE_LEVEL_MIN,
        maximum=SCALE_LEVEL_MAX,
        example=1,
    ),
    FieldSpec("name", "line", "The point's name.", "Name", True, example="Learning"),
    _description("point on the scale"),
)

TITLE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "line", "A job title people use.", "Title", True, example="Head of Product"),
    FieldSpec("roles", "id_list", "Ids of the roles it usually means.", "Roles", True, example=["director"]),
    FieldSpec("note", "text", "When it means which role.", "Note"),
)

# The top of the file. The list parts are read with the tables below.
LADDER_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "line", "The ladder's name.", "Title", example="Product ladder"),
    FieldSpec("description", "text", "What the ladder covers.", "Description"),
    FieldSpec("version", "line", "The ladder's version, as free text.", "Version", example="2026.1"),
    FieldSpec("source", "text", "Where the ladder comes from: a URL or a citation.", "Source"),
    FieldSpec("license", "text", "The ladder's licence: an SPDX id or text.", "Licence", example="CC-BY-4.0"),
)


class Section:
    """A list of mappings at the top of the file: `levels`, `tracks`...
    (A plain class: a dataclass costs every start about a millisecond.)"""

    __slots__ = ("description", "fields", "key", "prefix", "what")

    def __init__(
        self, key: str, fields: tuple[FieldSpec, ...], what: str, description: str, prefix: str
    ) -> None:
        self.key = key
        self.fields = fields
        self.what = what  # how one entry is called in messages
        self.description = description  # for the schema
        self.prefix = prefix  # before a key's name in messages: "scale 'level'"


SECTIONS: tuple[Section, ...] = (
    Section(
        "levels", LEVEL_FIELDS, "a level", "Names for the numeric levels, shared by every track.", "level "
    ),
    Section(
        "tracks",
        TRACK_FIELDS,
        "a track",
        "The career tracks; each role's track must be one of them.",
        "track ",
    ),
    Section("areas", AREA_FIELDS, "an area", "Groups of competencies.", "area "),
    Section("competencies", COMPETENCY_FIELDS, "a competency", "What every role is rated on.", "competency "),
    Section(
        "scale", SCALE_FIELDS, "a scale level", "The levels ratings use; not needed in words only.", "scale "
    ),
    Section(
        "titles",
        TITLE_FIELDS,
        "a job title",
        "Job titles people use, and the roles they usually mean.",
        "title ",
    ),
)
SECTION_BY_KEY = {section.key: section for section in SECTIONS}

LADDER_KEYS = (*(spec.name for spec in LADDER_FIELDS), *(s.key for s in SECTIONS), "roles")


def field_names(fields: tuple[FieldSpec, ...]) -> tuple[str, ...]:
    return tuple(spec.name for spec in fields)


def is_extension(key: object) -> bool:
    return isinstance(key, str) and key.startswith(EXTENSION_PREFIX)


def name_key(name: str) -> str:
    """How role names compare: ignoring case, and in Unicode's composed form
    (NFC), so that 'é' typed as one character or two is the same name."""
    folded = name.casefold()
    if folded.isascii():
        return folded
    import unicodedata  # only for non-ASCII names

    return unicodedata.normalize("NFC", folded)
