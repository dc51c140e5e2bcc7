"""Inline suppression comments: `<!-- mtcheck-disable MT601 -->` and friends."""

from __future__ import annotations

import re

from mtcheck.document import Directive

_DIRECTIVE_RE = re.compile(
    r"^\s*mtcheck-(disable-next-line|disable|enable)\b([^>]*?)\s*$", re.IGNORECASE
)
_CODE_RE = re.compile(r"MT\d{3}", re.IGNORECASE)


def parse_comment(body: str, start: int, end: int) -> Directive | None:
    """The directive in an HTML comment body, or None when it is an ordinary comment."""
    m = _DIRECTIVE_RE.match(body)
    if m is None:
        return None
    codes = tuple(c.upper() for c in _CODE_RE.findall(m.group(2)))
    return Directive(kind=m.group(1).lower(), codes=codes, start=start, end=end)
