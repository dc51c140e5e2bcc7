"""MT207 orphan-bracket: a parenthesis or square bracket without its partner in the paragraph."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.rules.base import Hit, Rule, RuleOptions

_BRACKET_RE = re.compile(r"[()\[\]]")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_PAIRS = {")": "(", "]": "["}
_OPENERS = {"(": ")", "[": "]"}
# "1)", "a)", "iv)" as list markers: at the start of a line or after whitespace/punctuation
# (matched backwards from the closing mark).
_LIST_MARKER_RE = re.compile(r"(?:^|[\s;:,])(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})$")
# Emoticons: ":)", ";-)", ":(", "=)" (matched backwards from the bracket).
_EMOTICON_RE = re.compile(r"(?:^|[^\w])[:;=][-'^]?$")


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
        if _BRACKET_RE.search(text) is None:
            return
        # Paragraphs end at blank lines only: a credit line broken in two
        # ("(Reporting by ...;\nEditing by ...)") is one parenthetical.
        bounds = [0] + [m.end() for m in _BLANK_LINE_RE.finditer(text)] + [len(text)]
        for start, end in zip(bounds, bounds[1:], strict=False):
            btext = text[start:end]
            if _BRACKET_RE.search(btext) is None:
                continue
            stack: list[tuple[str, int]] = []
            orphans: list[tuple[int, str]] = []
            for bm in _BRACKET_RE.finditer(btext):
                j, ch = bm.start(), bm.group()
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
