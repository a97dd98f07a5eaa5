"""The HTML export's one escaping function for untrusted text.

Every string from a ladder reaches the page (text, attribute value, SVG
label or tooltip) through `esc`, so it is always text: `<`, `>`, `&` and both
quotes become character references, and control characters and
bidirectional overrides become visible escapes such as \\x1b, as on a
terminal. Nothing from a ladder is ever put in a URL, a style, a script or an
element name; ids are role ids (kebab-case, checked by the loader), prefixed
and escaped all the same.
"""

from __future__ import annotations

import html

from pmpath.output.escape import escape_controls


def esc(text: str | int) -> str:
    """Untrusted text (or a number) as HTML text or a quoted attribute value."""
    return html.escape(escape_controls(str(text)), quote=True)


def role_anchor(role_id: str) -> str:
    """The id of a role's section: `role-` and the role's id."""
    return esc(f"role-{role_id}")
