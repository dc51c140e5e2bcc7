"""MT507 space-before-punctuation: French typography, a space before : ; ? !"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from mtcheck.document import Document, Segment
from mtcheck.finding import Severity
from mtcheck.lazy_re import lazy
from mtcheck.rules.base import Hit, Rule, RuleOptions

# The spaces French typesetting puts before the marks: a plain or no-break space, the narrow
# no-break space (U+202F) of careful typesetting, and the thin, figure and hair spaces that
# HTML entities (&thinsp;) and word processors give; sometimes two of them.
_SPACES = " \u00a0\u202f\u2009\u2007\u200a"
# A word, a number with its sign (3 %, 40°), a closing quote or bracket, or an abbreviation's
# full stop or an ellipsis, then the space(s), then the mark; after it a space, a closing
# quote or bracket, another mark (?!, !!), or the end of the line. "10 : 30", "3 : 1" (digits
# on both sides) and "://" are excluded by the follow-up checks; emoticons (" :)", " ;)",
# " :D") by the lookahead, which lets a bracket follow only ? and !.
_SPACED_RE = lazy(
    rf"(?<=[^\W_]|[”\"’'»)\]%°….])(?P<space>[{_SPACES}]{{1,3}})"
    r"(?:(?P<mark>[:;])(?=[\s”\"»’']|$)|(?P<qmark>[?!])(?=[\s”\"»’')\]…?!.,]|$))"
)
_MARKS = ":;?!"
_LIST_ITEM_RE = lazy(r"[ \t]*(?:[-*+•–]|\d{1,3}[.)])\s")
_DIGIT_BOTH_RE = lazy(r"\d\s*[:;]\s*\d")
# A label line of a fact box ("Population : 2 million"): up to three words, then the colon,
# on a short line that does not end like a sentence. Only a run of two or more such lines is
# a fact box; a lone one, or paragraphs one to a line ("The minister said : we ..."), is prose.
_LABEL_LINE_MAX = 80
_SENTENCE_END = (".", "!", "?", "…", '"', "”", "»", "’")
_LABEL_LINE_RE = lazy(rf"^\s*[^\W\d_][\w'’\-]*(?: [\w'’\-]+){{0,2}}[{_SPACES}]{{0,3}}:\s")


class SpaceBeforePunctuationRule(Rule):
    """French typography kept in English copy: a space (often a no-break space) before a
    colon, semicolon, question mark or exclamation mark.

    Bad:  The minister was clear : there will be no delay. Why ? Nobody knows.
    Fix:  The minister was clear: there will be no delay. Why? Nobody knows.

    Clock times and ratios ("10 : 30", "3 : 1"), emoticons, URLs and list items stay clean.
    One space in an article may be a typo; two or more are a pattern and rate higher.
    Source: Imprimerie nationale, Lexique des règles typographiques (espace avant : ; ? !);
    AP Stylebook "colon", "question mark" (no space before).
    """

    code = "MT507"
    name = "space-before-punctuation"
    severity = Severity.WARNING
    summary = "Space before : ; ? ! (French typography)"
    languages = frozenset({"fr"})
    quote_aware = True

    @staticmethod
    def _original_list_item(doc: Document, view_offset: int) -> bool:
        """Whether the original line is a list item (Markdown and HTML readers drop the marker)."""
        if doc.offsets is None:
            return False
        ostart, _ = doc.to_original(view_offset, view_offset)
        line_start = doc.original.rfind("\n", 0, ostart) + 1
        if _LIST_ITEM_RE.match(doc.original, line_start):
            return True
        # An HTML list item: the nearest tag opened before the text is <li>.
        tag = doc.original.rfind("<", line_start, ostart)
        return tag != -1 and doc.original[tag : tag + 3].lower() == "<li"

    @staticmethod
    def _is_label_line(text: str) -> bool:
        stripped = text.strip()
        return (
            len(stripped) <= _LABEL_LINE_MAX
            and not stripped.endswith(_SENTENCE_END)
            and bool(_LABEL_LINE_RE.match(text))
        )

    @classmethod
    def _in_fact_box(cls, lines: list[Segment], i: int) -> bool:
        if not cls._is_label_line(lines[i].text):
            return False
        neighbours = [lines[j].text for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        return any(cls._is_label_line(n) for n in neighbours)

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        text = doc.text
        # The marks are few; a space before one is rarer still. Only lines with such a pair
        # are looked at.
        pairs = _spaced_marks(text)
        if not pairs:
            return
        lines = doc.lines
        starts = [ln.start for ln in lines]
        line_numbers = sorted({bisect.bisect_right(starts, p) - 1 for p in pairs})
        found: list[tuple[int, int, str, bool, bool]] = []
        for i in line_numbers:
            line = lines[i]
            if not line.text or _LIST_ITEM_RE.match(line.text):
                continue
            matches = list(_SPACED_RE.finditer(line.text))
            if not matches or self._original_list_item(doc, line.start):
                continue
            for m in matches:
                mark = m.group("mark") or m.group("qmark")
                s = m.start()
                if mark in ":;" and _DIGIT_BOTH_RE.match(line.text, max(0, s - 1)):
                    continue
                if mark == ":" and line.text[m.end() : m.end() + 2] == "//":
                    continue
                label = mark == ":" and self._in_fact_box(lines, i)
                nbsp = m.group("space").strip(" ") != ""
                found.append((line.start + s, line.start + m.end(), mark, nbsp, label))
        if not found:
            return
        pattern = len(found) >= 2 or any(nbsp for _, _, _, nbsp, _ in found)
        for start, end, mark, nbsp, label in found:
            if label:
                confidence = 0.35
            elif nbsp:
                confidence = 0.9
            elif pattern:
                confidence = 0.8
            else:
                confidence = 0.55
            yield Hit(
                start,
                end,
                f"space before '{mark}' (French typography); English sets it directly after the word",
                suggestions=(mark,),
                confidence=confidence,
                data={"lang": "fr"},
            )


def _spaced_marks(text: str) -> list[int]:
    """The offsets (in no particular order) of the marks `:;?!` that follow one of
    `_SPACES`, past the first character. Each mark is found with `str.find` (a `memchr`);
    a scan with the class `[:;?!]` would try every character of the text."""
    spaces = _SPACES
    found: list[int] = []
    for mark in _MARKS:
        i = text.find(mark, 1)
        while i != -1:
            if text[i - 1] in spaces:
                found.append(i)
            i = text.find(mark, i + 1)
    return found
