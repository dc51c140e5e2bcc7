"""MT603 duplicated-line: a line or caption repeated verbatim a few lines later."""

from __future__ import annotations

from collections.abc import Iterator
from operator import itemgetter

from mtcheck.document import Document, Segment
from mtcheck.finding import Severity
from mtcheck.rules.base import Hit, Rule, RuleOptions
from mtcheck.rules.debris.lines import non_blank, stripped_lines

# How many non-blank lines after a line we look for its repeat.
WINDOW = 4
MIN_LENGTH = 6
# A repeated caption that starts a longer line (a credit) counts when it is this short.
MAX_PREFIX_LENGTH = 80
_SEPARATORS = (" –", " —", " -", " |", ":", " (")
_HEAD = itemgetter(slice(0, MIN_LENGTH))


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
        stripped_all = stripped_lines(doc)
        texts = list(filter(None, stripped_all))  # the non-blank lines, stripped
        # A repeat starts with the whole earlier line, which has at least MIN_LENGTH
        # characters: both lines then share their first MIN_LENGTH characters (the head).
        # Only a line with the same head as one of the next WINDOW lines can be repeated:
        # marking, at each line, the last earlier line with its head if that one is near
        # enough finds them all. Most documents have no head twice: nothing to mark.
        heads = list(map(_HEAD, texts))
        if len(set(heads)) == len(heads):
            return
        near: list[int] = []
        last: dict[str, int] = {}
        for j, head in enumerate(heads):
            i = last.get(head)
            if i is not None and j - i <= WINDOW:
                near.append(i)
            last[head] = j
        if not near:
            return
        # the non-blank lines, parallel to `texts`
        lines = [doc.lines[k] for k in non_blank(doc)]
        for i in sorted(near):
            first, key = lines[i], texts[i]
            if len(key) < MIN_LENGTH or not any(ch.isalpha() for ch in key):
                continue
            for later, text in zip(lines[i + 1 : i + 1 + WINDOW], texts[i + 1 : i + 1 + WINDOW], strict=True):
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
