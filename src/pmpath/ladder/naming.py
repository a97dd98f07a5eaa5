"""The rules for names in a ladder: ids and aliases, and the characters that
hide in a name or make two different names look alike."""

from __future__ import annotations

import re

from pmpath.ladder import fileformat

_ID = re.compile(fileformat.ID_PATTERN)
_ALIAS = re.compile(fileformat.ALIAS_PATTERN)

# Zero-width characters and bidirectional controls: invisible, or reorder
# what is shown, so a name containing one is not the name it appears to be.
BIDI_CONTROLS = (
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # isolates
)
INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u2060\ufeff"  # zero-width space, non-joiner, joiner, word joiner, BOM
    "\u200e\u200f\u061c" + BIDI_CONTROLS  # left-to-right, right-to-left and Arabic letter marks
)

# Cyrillic and Greek letters drawn like Latin ones, by the Latin letter they
# imitate (a small part of Unicode's confusables table).
_LOOKALIKES = {
    "A": "\u0410\u0391",
    "a": "\u0430\u03b1",
    "B": "\u0412\u0392",
    "C": "\u0421",
    "c": "\u0441",
    "d": "\u0501",
    "E": "\u0415\u0395",
    "e": "\u0435",
    "H": "\u041d\u0397",
    "h": "\u04bb",
    "I": "\u0406\u0399",
    "i": "\u0456\u03b9",
    "J": "\u0408",
    "j": "\u0458",
    "K": "\u041a\u039a",
    "k": "\u03ba",
    "l": "\u04cf",
    "M": "\u041c\u039c",
    "N": "\u039d",
    "O": "\u041e\u039f",
    "o": "\u043e\u03bf",
    "P": "\u0420\u03a1",
    "p": "\u0440\u03c1",
    "q": "\u051b",
    "S": "\u0405",
    "s": "\u0455",
    "T": "\u0422\u03a4",
    "t": "\u03c4",
    "u": "\u03c5",
    "v": "\u03bd",
    "w": "\u051d",
    "X": "\u0425\u03a7",
    "x": "\u0445\u03c7",
    "Y": "\u0423\u03a5",
    "y": "\u0443",
    "Z": "\u0396",
}
_TO_LATIN = {ord(char): latin for latin, chars in _LOOKALIKES.items() for char in chars}


def invisible_in(text: str) -> str | None:
    """The first invisible or direction-changing character in text, as U+XXXX."""
    found = next((ch for ch in text if ch in INVISIBLE), None)
    return f"U+{ord(found):04X}" if found is not None else None


def skeleton(name: str) -> str:
    """The name with lookalike letters replaced by the Latin ones, casefolded:
    two names with the same skeleton read the same."""
    return name.translate(_TO_LATIN).casefold()


def visible(text: str) -> str:
    """Text for a message, with unprintable characters (newlines, zero-width
    and bidi controls) written as escapes so they show."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def lookalike_letter(name: str) -> str:
    """The first letter of name drawn like a Latin one, as 'U+0455 for s'."""
    found = next((ch for ch in name if ord(ch) in _TO_LATIN), None)
    return f"U+{ord(found):04X} for '{_TO_LATIN[ord(found)]}'" if found else ""


def id_problem(text: str, what: str) -> str | None:
    """What is wrong with an id, if anything (whole string: `$` alone would
    accept a final newline)."""
    if not text:
        return f"{what} must not be empty"
    if hidden := invisible_in(text):
        return f"{what} contains the invisible character {hidden}"
    if not _ID.fullmatch(text):
        return f"{what} must be kebab-case (lowercase letters, digits, single hyphens), not '{visible(text)}'"
    return None


def alias_problem(alias: str) -> str | None:
    """Aliases are typed in a shell and offered by shell completion: only
    letters and digits of any script, joined by single separators (checked
    in composed form, NFC, so that an accent typed separately counts)."""
    if not alias.strip():
        return "an alias must not be empty"
    if hidden := invisible_in(alias):
        return f"alias '{visible(alias)}' contains the invisible character {hidden}"
    if not _ALIAS.fullmatch(fileformat.name_key(alias)):
        return f"alias '{visible(alias)}' must be {fileformat.ALIAS_RULE}"
    return None
