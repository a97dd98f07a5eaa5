"""The terminal's escaping policy: untrusted text is shown, never obeyed.

Every string that reaches a person's terminal came from a ladder, a `--me`
file or the command line, so it passes through here first: control
characters and bidirectional overrides become visible escapes such as \\x1b.
Rich output is made safe by escaping the whole typed result before any view
sees it (`inert_copy`), so no view can forget a field; plain text (messages,
`validate`, exports shown on a terminal) is escaped as a whole.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from pathlib import PurePath
from typing import Any, TypeVar, cast

from pmpath.ladder.naming import BIDI_CONTROLS

# C0 and C1 controls (but tab and newline) and the bidirectional overrides:
# printed raw they could move the cursor, retitle the window, write the
# clipboard (OSC 52) or reorder text. Lone surrogates stand for bytes that
# were not UTF-8 (a file name, say) and would be written back as those raw
# bytes, 0x9b (CSI) among them.
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}\ud800-\udfff]")
# The ones JSON may carry raw (it escapes C0 itself).
RAW_IN_JSON = re.compile(f"[\x7f-\x9f{BIDI_CONTROLS}\ud800-\udfff]")

T = TypeVar("T")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """Show control characters as visible escapes such as \\x1b."""
    return _UNSAFE.sub(_escape, text)


def escape_line(text: str) -> str:
    """One line of a message: controls escaped, and newlines shown as \\n, so
    that text from a ladder cannot forge a line of its own."""
    return escape_controls(text).replace("\n", "\\n")


def inert_copy(value: T) -> T:
    """A copy of a typed result (frozen dataclasses, tuples, frozensets, mappings) with
    every string escaped. Objects shared within the result are copied once,
    and a part with nothing to escape is the original itself: results are
    immutable, and most ladders have nothing to escape."""
    return cast(T, _copy(value, {}, _inert))


def text_mapped_copy(value: T, text: Callable[[str], str]) -> T:
    """A copy of a typed result, as inert_copy makes, with `text` applied to
    every string instead."""
    return cast(T, _copy(value, {}, text))


def _inert(text: str) -> str:
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def _init_fields(cls: type) -> tuple[str, ...]:
    names = _INIT_FIELDS.get(cls)
    if names is None:
        names = _INIT_FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls) if f.init)
    return names


_INIT_FIELDS: dict[type, tuple[str, ...]] = {}


_PLAIN = (bool, int, float, type(None))


def _copy(value: Any, done: dict[int, Any], text: Callable[[str], str]) -> Any:
    kind = type(value)
    if kind is str:  # most of a result: searched once, copied only when unsafe
        return text(value)
    if kind in _PLAIN:
        return value
    key = id(value)  # every object of the result stays alive meanwhile, so ids are unique
    if key in done:
        return done[key]
    copied: Any
    if kind is tuple:
        items = tuple([_copy(item, done, text) for item in value])
        copied = value if all(a is b for a, b in zip(items, value, strict=True)) else items
    elif isinstance(value, str):
        copied = text(value)
    elif isinstance(value, PurePath):
        copied = type(value)(text(str(value)))
    elif isinstance(value, (tuple, list)):
        copied = type(value)(_copy(item, done, text) for item in value)
    elif isinstance(value, frozenset):  # escaped like the texts it is matched against
        members = frozenset(_copy(item, done, text) for item in value)
        copied = value if members == value else members
    elif isinstance(value, Mapping):
        pairs = [(_copy(k, done, text), _copy(v, done, text), k, v) for k, v in value.items()]
        same = all(k2 is k and v2 is v for k2, v2, k, v in pairs)
        copied = value if same else {k2: v2 for k2, v2, _, _ in pairs}
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _init_fields(kind)
        changes = {name: _copy(getattr(value, name), done, text) for name in names}
        same = all(changes[name] is getattr(value, name) for name in names)
        copied = value if same else kind(**changes)
    else:
        raise TypeError(f"cannot make a {kind.__name__} safe for the terminal")
    done[key] = copied
    return copied
