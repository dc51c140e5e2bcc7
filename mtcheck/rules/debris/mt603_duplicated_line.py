"""MT603 duplicated-line: a line or caption repeated verbatim a few lines later."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.document import Document, Segment
from mtcheck.finding import Severity
from mtcheck.rules.base import Hit, Rule, RuleOptions

# How many non-blank lines after a line we look for its repeat.
WINDOW = 4
MIN_LENGTH = 6
# A repeated caption that starts a longer line (a credit) counts when it is this short.
MAX_PREFIX_LENGTH = 80
_SEPARATORS = (" –", " —", " -", " |", ":", " (")


class DuplicatedLineRule(Rule):
    """A line or caption repeated verbatim nearby, the sign of a scrape that took the
    caption twice (once as text, once as the image credit) or a headline pasted again.

    Bad:  Olaf Scholz.  /  Olaf Scholz.
    Fix:  keep one.

    Source: observed in scraped, machine-translated agency copy; native copy does not
    repeat a line within a few lines.
    """

    code = "MT603"
    name = "duplicated-line"
    severity = Severity.WARNING
    summary = "Line or caption repeated verbatim within a few lines"
    quote_aware = False

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        lines = [(ln, stripped) for ln in doc.lines if (stripped := ln.text.strip())]
        for i, (first, key) in enumerate(lines):
            if len(key) < MIN_LENGTH or not any(ch.isalpha() for ch in key):
                continue
            for later, text in lines[i + 1 : i + 1 + WINDOW]:
                if first.start < doc.body_start <= later.start:
                    break  # a front-matter title repeated as the heading is layout
                if not text.startswith(key):
                    continue  # both kinds of repeat start with the line
                hit = self._repeat(key, later, text)
                if hit is not None:
                    yield hit
                    break

    @staticmethod
    def _repeat(key: str, later: Segment, text: str) -> Hit | None:
        """`text` is `later.text` stripped."""
        lead = later.start + len(later.text) - len(later.text.lstrip())
        if text == key:
            return Hit(lead, lead + len(key), f"line repeated verbatim: '{key}'",
                       suggestions=("",), confidence=0.9)
        if (
            len(key) <= MAX_PREFIX_LENGTH
            and text.startswith(key)
            and text[len(key):].startswith(_SEPARATORS)
        ):
            return Hit(lead, lead + len(key),
                       f"caption '{key}' repeated at the start of a nearby line",
                       confidence=0.8)
        return None
