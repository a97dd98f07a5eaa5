"""Making untrusted text safe to print on a terminal."""

from __future__ import annotations

import re

# C0 and C1 controls (but tab and newline) and the bidirectional overrides:
# printed raw they could move the cursor, retitle the window or reorder text.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """Show control characters as visible escapes such as \\x1b."""
    return _UNSAFE.sub(_escape, text)
