"""MT506 bracketed-ellipsis: "(...)" / "(…)" / "[...]" marking a cut in a quotation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.lazy_re import lazy
from mtcheck.rules.base import Hit, Rule, RuleOptions

_ELLIPSIS_RE = lazy(r"(?P<open>[(\[])\s?(?:\.\s?\.\s?\.|…)\s?(?P<close>[)\]])")
# Languages whose press marks an elision with round brackets.
_ROUND_LANGS = ("es", "fr", "it", "pt")


def _ellipses(text: str) -> Iterator[re.Match[str]]:
    """What `_ELLIPSIS_RE.finditer(text)` yields. Every match starts at "(" or "[" and
    holds no other, so the pattern is tried at each bracket (found with `str.find`)
    instead of at every character."""
    brackets: list[int] = []
    for ch in "([":
        i = text.find(ch)
        while i != -1:
            brackets.append(i)
            i = text.find(ch, i + 1)
    brackets.sort()
    match = _ELLIPSIS_RE.match
    for i in brackets:
        m = match(text, i)
        if m is not None:
            yield m


class BracketedEllipsisRule(Rule):
    """An elision in a quotation marked the Spanish, French, Italian or Portuguese way,
    with an ellipsis in round brackets.

    Bad:  “The talks went well (…) we expect a deal by Friday,” the envoy said.
    Fix:  “The talks went well ... we expect a deal by Friday,” the envoy said.

    English wire copy marks a cut with a bare ellipsis; square brackets "[...]" are the
    academic convention and accepted by some house styles, so they are only reported as
    information.
    Source: AP Stylebook "ellipsis"; Chicago Manual of Style 13.50-13.58 (square brackets
    optional); RAE Ortografía (2010) 3.4.6 ("(...)" or "[...]" for an omission).
    """

    code = "MT506"
    name = "bracketed-ellipsis"
    severity = Severity.WARNING
    summary = "Ellipsis in brackets '(...)' marking a cut in a quotation"

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        text = doc.text
        matches = list(_ellipses(text))  # few brackets to try; the text scans below are dearer
        if not matches or ("…" not in text and "..." not in text and ". ." not in text):
            return
        for m in matches:
            if (m.group("open"), m.group("close")) not in (("(", ")"), ("[", "]")):
                continue
            square = m.group("open") == "["
            quoted = doc.in_quote(m.start())
            if square:
                confidence = 0.3
            elif quoted:
                confidence = 0.85
            else:
                confidence = 0.6
            yield Hit(
                m.start(),
                m.end(),
                f"bracketed ellipsis '{m.group()}'; English marks a cut in a quotation with '...'",
                suggestions=("...",),
                confidence=confidence,
                data={} if square else {"lang": list(_ROUND_LANGS)},
            )
