"""What a ladder file may contain: one table read by the loader and the schema.

Adding a role field means adding one line to ROLE_FIELDS and one attribute to
`model.Role`. Validation, the JSON Schema, `show --json`, the YAML and JSON
exports, and (for prose) role pages, comparisons, the Markdown export and
`search` all follow from this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["id", "text", "int", "text_list", "alias_list", "id_list", "ratings"]

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

# Numbers are small: some companies number their levels 59-80, so role levels
# go up to 999; scale and rating levels (and a person's own levels in a --me
# file) are points on a short scale. While parsing, yamlsafe also refuses
# integer literals over 40 characters and nesting over 100 levels anywhere,
# ignored keys included.
ROLE_LEVEL_MIN, ROLE_LEVEL_MAX = 0, 999
SCALE_LEVEL_MIN, SCALE_LEVEL_MAX = 0, 100


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


# In reading order: `show --json`, the YAML export and role pages follow it.
ROLE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", "id", "Unique kebab-case identifier, e.g. senior-pm.", "Id", required=True),
    FieldSpec("title", "text", "Job title as people say it.", "Title", required=True),
    FieldSpec(
        "aliases",
        "alias_list",
        f"Other names that find this role on the command line: {ALIAS_RULE}.",
        "Also called",
    ),
    FieldSpec(
        "level",
        "int",
        "Seniority rung; higher is more senior.",
        "Level",
        required=True,
        minimum=ROLE_LEVEL_MIN,
        maximum=ROLE_LEVEL_MAX,
    ),
    FieldSpec("track", "text", "Career track, e.g. entry, individual-contributor, management.", "Track"),
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
        "How people stand out and get to this role.",
        "How people stand out",
        prose=True,
    ),
    FieldSpec("next", "id_list", "Ids of the roles this role leads to.", "Leads to"),
    FieldSpec("competencies", "ratings", "Competency id -> {level, expectation}.", "Competencies"),
)
# Worked out by the loader from every other role's `next`; never written in a file.
PREVIOUS = FieldSpec("previous", "id_list", "Ids of the roles that lead to this one.", "Comes from")

ROLE_FIELD_NAMES = tuple(spec.name for spec in ROLE_FIELDS)
PROSE_FIELDS = tuple(spec for spec in ROLE_FIELDS if spec.prose)
NAME_FIELDS = tuple(spec for spec in ROLE_FIELDS if spec.name in ("title", "aliases"))

LADDER_KEYS = ("title", "description", "scale", "competencies", "roles")
COMPETENCY_KEYS = ("id", "name", "description")
SCALE_KEYS = ("level", "name", "description")
RATING_KEYS = ("level", "expectation")


def name_key(name: str) -> str:
    """How role names compare: ignoring case, and in Unicode's composed form
    (NFC), so that 'é' typed as one character or two is the same name."""
    folded = name.casefold()
    if folded.isascii():
        return folded
    import unicodedata  # only for non-ASCII names

    return unicodedata.normalize("NFC", folded)
