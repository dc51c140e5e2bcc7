"""MT501 quote-balance: unbalanced, misplaced, empty or glued quotation marks."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress, count, repeat
from operator import and_, contains, itemgetter

from mtcheck.document import Document, Segment
from mtcheck.finding import Severity
from mtcheck.lazy_re import lazy
from mtcheck.rules.base import Hit, Rule, RuleOptions

_OPENING = "“"
_CLOSING = "”"
_CURLY_RE = lazy("[“”]")
_STRAIGHT_RE = lazy('"')
_EMPTY_RE = lazy(r"[“\"]\s*[”\"]")
# An opening quote directly followed by punctuation that closes a clause: a stray mark.
_STRAY_OPEN_RE = lazy(r"“\s*(?=[,.;:!?])")
# A closing quote glued to an opening one with nothing between but space.
_GLUED_RE = lazy(r"”\s*“(?=\s*[,.;:])")


class QuoteBalanceRule(Rule):
    """Quotation marks that do not pair up: an opening mark with no closing one, a stray
    closing mark, an empty pair, or a closing mark glued to an opening one.

    Bad:  ... do not end up in “military hands.” “, indicates the guidance ...
    Fix:  ... do not end up in “military hands,” the guidance said.

    A paragraph of a multi-paragraph quotation may end without a closing mark when the
    next paragraph opens with one (English convention); that stays clean.
    Source: the quotation conventions of the AP Stylebook and the Chicago Manual of Style.
    """

    code = "MT501"
    name = "quote-balance"
    severity = Severity.WARNING
    summary = "Unbalanced, stray, empty or glued quotation marks"
    quote_aware = False

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        blocks = doc.blocks
        text = doc.text
        for i in _blocks_to_check(text, blocks):
            block = blocks[i]
            next_opens = i + 1 < len(blocks) and blocks[i + 1].text.lstrip()[:1] in ("“", '"')
            flagged: set[int] = set()
            for m in _EMPTY_RE.finditer(block.text):
                if m.group()[0] == '"' and m.group()[-1] == '"' and m.end() - m.start() > 2:
                    continue  # `" "` between two quotations is ambiguous with straight marks
                s = block.start + m.start()
                flagged.update(range(s, block.start + m.end()))
                yield Hit(s, block.start + m.end(), "empty pair of quotation marks", confidence=0.9)
            for m in _STRAY_OPEN_RE.finditer(block.text):
                s = block.start + m.start()
                if s in flagged:
                    continue
                flagged.add(s)
                glued = _GLUED_RE.search(block.text, max(0, m.start() - 3), m.end() + 1)
                what = "opening quotation mark glued to a closing one" if glued else "stray opening quotation mark"
                yield Hit(s, s + 1, f"{what} before punctuation; delete it", suggestions=("",), confidence=0.95)
            yield from self._curly(block, text, flagged, next_opens)
            yield from self._straight(block, flagged, next_opens)

    @staticmethod
    def _curly(block: Segment, text: str, flagged: set[int], next_opens: bool) -> Iterator[Hit]:
        open_at: int | None = None
        for m in _CURLY_RE.finditer(block.text):
            ch = m.group()
            pos = block.start + m.start()
            if ch == _OPENING:
                if pos in flagged:
                    continue
                if open_at is not None:
                    yield Hit(open_at, open_at + 1,
                              "quotation opened here is never closed (another one opens before it ends)",
                              confidence=0.75)
                open_at = pos
            elif ch == _CLOSING:
                if open_at is None:
                    if pos not in flagged:
                        yield Hit(pos, pos + 1, "closing quotation mark without an opening one",
                                  confidence=0.7)
                else:
                    open_at = None
        if open_at is not None and not next_opens:
            yield Hit(open_at, open_at + 1, "quotation opened here is never closed", confidence=0.75)

    @staticmethod
    def _straight(block: Segment, flagged: set[int], next_opens: bool) -> Iterator[Hit]:
        positions = [block.start + m.start() for m in _STRAIGHT_RE.finditer(block.text)]
        positions = [p for p in positions if p not in flagged]
        if len(positions) % 2 == 1 and not next_opens:
            last = positions[-1]
            yield Hit(last, last + 1, "odd number of straight quotation marks in this paragraph",
                      confidence=0.6)


def _blocks_to_check(text: str, blocks: list[Segment]) -> list[int]:
    """The indices, ascending, of the blocks that can get a finding; the others cannot.

    A block gets one only (i) with a curly mark (stray, unclosed or unopened quotation,
    or an empty pair with one), (ii) with two straight marks side by side (an empty pair:
    with whitespace between, two straight marks are left alone), or (iii) with an odd
    number of straight marks (marks flagged by an empty pair or a stray opening are
    discounted, but those come with (i) or (ii)). Most blocks have no mark, or an even
    number of straight ones: these tests, string methods mapped over the blocks at C
    speed, spare them the scans below.
    """
    texts = list(map(_TEXT, blocks))
    found: set[int] = set()
    if '"' in text:
        found.update(compress(count(), map(and_, map(str.count, texts, repeat('"')), repeat(1))))
        if '""' in text:
            found.update(compress(count(), map(contains, texts, repeat('""'))))
    for mark in (_OPENING, _CLOSING):
        if mark in text:
            found.update(compress(count(), map(contains, texts, repeat(mark))))
    return sorted(found)


_TEXT = itemgetter(2)
