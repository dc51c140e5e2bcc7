"""MT602 dangling-credit-line: a photo or caption credit cut off in the middle."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.rules.base import Hit, Rule, RuleOptions
from mtcheck.rules.debris.boilerplate import read_pattern_file
from mtcheck.rules.debris.lines import non_blank, stripped_lines

# A credit that ends on one of these has lost whatever came after it.
_DANGLING_WORDS = ("via", "by", "from", "of", "and", "for", "with", "the", "courtesy", "de", "por", "par", "di", "von")
_DANGLING_END_RE = re.compile(
    r"(?:\b(?:%s)|[–—/:-])\s*$" % "|".join(_DANGLING_WORDS),
    re.IGNORECASE,
)
# The characters a match can end in: the dashes and the last letters of the words in either
# case, plus "İ" and "ı", which case-insensitive matching takes for "i" (found by testing
# every code point against those letters).
_DANGLING_LAST = frozenset(
    "–—/:-"
    + "".join({w[-1] for w in _DANGLING_WORDS})
    + "".join({w[-1] for w in _DANGLING_WORDS}).upper()
    + "İı"
)
# `_DANGLING_END_RE` read from the end of the line: its match ends the line (`\s*$` on a
# stripped line), so it is a match at the start of the reversed line of the alternatives
# reversed. Case-insensitive matching compares character by character, and a word boundary
# before the word is one after it in the reversed line, between the same two characters.
_DANGLING_END_REVERSED = re.compile(
    r"(?:%s)\b|[–—/:-]" % "|".join(w[::-1] for w in _DANGLING_WORDS), re.IGNORECASE
)
# Agency/photographer separators typical of credits: "Agency/Contact/Name", " – Pool".
_CREDIT_SHAPE_RE = re.compile(r"\w/\w|\s[–—-]\s")
MAX_CREDIT_LENGTH = 160


@cache
def _markers() -> re.Pattern[str]:
    words = read_pattern_file("mtcheck.data.debris", "credit_markers.txt")
    return re.compile(r"\b(?:%s)\b" % "|".join(re.escape(w) for w in words), re.IGNORECASE)


class DanglingCreditLineRule(Rule):
    """A photo credit line that ends in a dangling word, the trace of a caption block
    scraped and machine-translated with its tail cut off.

    Bad:  Teresa Ribera in Brussels. – Europa Press/Contact/Ana Pérez – Pool via
    Fix:  delete the credit line (or complete it: "Ana Pérez/Pool via Reuters").

    Complete credits are normal English and stay clean: "Photo: Reuters",
    "(AP Photo/Efrem Lukatsky)", "Photograph: Getty Images", "via Getty Images".
    Source: the wire services' caption styles; markers in `mtcheck/data/debris/credit_markers.txt`.
    """

    code = "MT602"
    name = "dangling-credit-line"
    severity = Severity.WARNING
    summary = "Photo/caption credit line that ends in a dangling word ('... – Pool via')"
    quote_aware = False

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        stripped_all = stripped_lines(doc)
        lines = doc.lines
        for i in non_blank(doc):
            stripped = stripped_all[i]
            # A match of `_DANGLING_END_RE` ends the line (`stripped` has no trailing space
            # for `\s*$`): the line ends in a character a match can end in.
            if stripped[-1] not in _DANGLING_LAST:
                continue
            n = len(stripped)
            if n > MAX_CREDIT_LENGTH:
                continue
            line = lines[i]
            if not _DANGLING_END_REVERSED.match(stripped[::-1]):
                continue
            # A credit names an agency or photographer and has the credit's separators; a
            # sentence that merely ends on "by" or "of" has neither. (The separators are
            # looked for first: the cheaper test.)
            if not (_CREDIT_SHAPE_RE.search(stripped) and _markers().search(stripped)):
                continue
            lead = len(line.text) - len(line.text.lstrip())
            yield Hit(
                line.start + lead,
                line.start + lead + len(stripped),
                "photo credit line ends in a dangling word; the credit was cut off in the scrape",
                suggestions=("",),
                confidence=0.9,
            )
