"""MT207 orphan-bracket: a parenthesis or square bracket without its partner in the paragraph."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.rules.base import Hit, Rule, RuleOptions

_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_PAIRS = {")": "(", "]": "["}
_OPENERS = {"(": ")", "[": "]"}
# "1)", "a)", "iv)" as list markers: at the start of a line or after whitespace/punctuation
# (matched backwards from the closing mark).
_LIST_MARKER_RE = re.compile(r"(?:^|[\s;:,])(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})$")
# Emoticons: ":)", ";-)", ":(", "=)" (matched backwards from the bracket).
_EMOTICON_RE = re.compile(r"(?:^|[^\w])[:;=][-'^]?$")


def _bracket_offsets(text: str) -> list[tuple[int, str]]:
    """(offset, bracket) of every bracket of `text`, in text order (`str.find` per bracket:
    a regex class scan is slower)."""
    out: list[tuple[int, str]] = []
    find = text.find
    for ch in "()[]":
        i = find(ch)
        while i != -1:
            out.append((i, ch))
            i = find(ch, i + 1)
    out.sort()
    return out


def _all_paired(text: str, brackets: list[tuple[int, str]]) -> bool:
    """Whether every bracket closes or is closed by its partner with no blank line between.

    Then each paragraph holds whole pairs, properly nested, and the per-paragraph scan
    finds no orphan: the common case, told without splitting the text into paragraphs. (A
    blank line inside an outermost pair is a paragraph break there: a match of
    `_BLANK_LINE_RE` holds no bracket, so `search` between the two brackets finds one
    exactly when a paragraph of the scan ends between them.)"""
    stack: list[tuple[int, str]] = []
    for j, ch in brackets:
        if ch in _OPENERS:
            stack.append((j, ch))
        elif not stack or stack[-1][1] != _PAIRS[ch]:
            return False
        else:
            opened = stack.pop()[0]
            if not stack and _BLANK_LINE_RE.search(text, opened, j) is not None:
                return False
    return not stack


def _excused(text: str, j: int) -> bool:
    """Whether the unpaired bracket at `j` is a list marker or part of an emoticon."""
    window = text[max(0, j - 6):j]
    if _EMOTICON_RE.search(window) and (j + 1 == len(text) or not text[j + 1].isalnum()):
        return True
    return text[j] == ")" and _LIST_MARKER_RE.search(window) is not None


class OrphanBracketRule(Rule):
    """An opening parenthesis or square bracket that the paragraph never closes, or a
    closing one that was never opened: the translation dropped or moved part of a
    parenthetical.

    Bad:  The Assembly (the lower house approved the bill on Tuesday.
    Fix:  The Assembly (the lower house) approved the bill on Tuesday.

    List markers ("1)", "a)"), emoticons (":)") and balanced ranges ("(1) ... (2)") stay
    clean; a parenthetical that runs across paragraphs is not reported.
    Source: the punctuation conventions of the AP Stylebook and the Chicago Manual of Style
    (parentheses and brackets come in pairs within a sentence or paragraph).
    """

    code = "MT207"
    name = "orphan-bracket"
    severity = Severity.WARNING
    summary = "Parenthesis or square bracket without its partner in the paragraph"
    quote_aware = False

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        text = doc.text
        brackets = _bracket_offsets(text)
        if not brackets or _all_paired(text, brackets):
            return
        # Paragraphs end at blank lines only: a credit line broken in two
        # ("(Reporting by ...;\nEditing by ...)") is one parenthetical.
        bounds = [0] + [m.end() for m in _BLANK_LINE_RE.finditer(text)] + [len(text)]
        # The brackets of each paragraph, from the list found above (paragraph k is
        # text[bounds[k]:bounds[k + 1]]), in text order.
        paragraphs: dict[int, list[tuple[int, str]]] = {}
        for pos, ch in brackets:
            paragraphs.setdefault(bisect_right(bounds, pos) - 1, []).append((pos, ch))
        for k, found in paragraphs.items():
            start, end = bounds[k], bounds[k + 1]
            stack: list[tuple[str, int]] = []
            orphans: list[tuple[int, str]] = []
            for pos, ch in found:
                j = pos - start
                if ch in _OPENERS:
                    stack.append((ch, j))
                elif ch in _PAIRS:
                    if stack and stack[-1][0] == _PAIRS[ch]:
                        stack.pop()
                    elif any(o == _PAIRS[ch] for o, _ in stack):
                        # A mismatched nesting "( [ )": the inner opener is the orphan.
                        while stack and stack[-1][0] != _PAIRS[ch]:
                            orphans.append((stack.pop()[1], "open"))
                        stack.pop()
                    else:
                        orphans.append((j, "close"))
            orphans.extend((j, "open") for _, j in stack)
            if not orphans:
                continue
            btext = text[start:end]
            for j, kind in sorted(orphans):
                if _excused(btext, j):
                    continue  # a list marker "1)" or an emoticon ":)" that closes nothing
                pos = start + j
                ch = btext[j]
                if kind == "open":
                    message = f"'{ch}' is never closed in this paragraph"
                else:
                    message = f"'{ch}' closes nothing: its opening bracket is missing"
                yield Hit(pos, pos + 1, message, suggestions=("",), confidence=0.8)
