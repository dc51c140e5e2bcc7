"""MT508 percent-article: an article before a percentage, carried over from the source ("a 20% of the vote")."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.lazy_re import lazy
from mtcheck.rules.base import Hit, Rule, RuleOptions
from mtcheck.rules.structure.word_classes import find_all

# The percentage sign or word and the word after it, matched where `check` finds a sign or
# "per cent"/"percent": the article and the number before it are read back from there.
_AFTER_RE = lazy(r"(?:%|per ?cent\b|percent\b) (?P<next>of|more|less|fewer|higher|lower)\b")
# Read on the text before the sign: the article, the number, an optional space.
_BEFORE_RE = lazy(r"(?:^|(?<=[\s(“\"‘'—–-]))(?P<article>[Aa]n?) (?P<number>\d+(?:[.,]\d+)?) ?$")
# "a 3% of GDP deficit": an English compound modifier, the noun after it.
_MODIFIER_RE = lazy(
    r" of (?:GDP|gross domestic product|output|economic output|national income|sales|revenue|turnover)"
    r" (?:deficit|target|limit|debt|surplus|ceiling|cap|threshold|rule|goal|spending|budget|margin|rise|fall|increase|drop|cut)s?\b"
)
_LOOK_BACK = 24


class PercentArticleRule(Rule):
    """An indefinite article before a percentage that is not a modifier: Spanish and
    Italian put one before a share ("un 20 % de los votos", "un 15 % más", "un 20% in
    più"), English does not.

    Bad:  The party won a 20% of the vote, a 4% more than in 2019.
    Fix:  The party won 20% of the vote, 4% more than in 2019.

    A percentage that modifies a noun takes the article in English and stays clean: "a 20%
    increase", "a 3% stake", "a 3% of GDP deficit target".
    Source: own knowledge of Spanish and Italian news usage (Fundéu BBVA notes that Spanish
    writes both "el 20 %" and "un 20 %"); in English a bare percentage is a noun phrase of
    its own ("20% of the vote"), and "a 20%" only opens a modifier ("a 20% increase").
    """

    code = "MT508"
    name = "percent-article"
    severity = Severity.WARNING
    summary = "Article before a percentage from the source ('a 20% of the vote', 'a 4% more')"
    languages = frozenset({"es", "it"})

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        text = doc.text
        # Where the percentage can end: each sign, and each "cent" (per cent, percent). A
        # find over the text costs less than a scan with the pattern, which then runs
        # only at those places.
        places = find_all(text, "%")
        if "cent" in text:
            places += [i - 4 if text[i - 4:i] == "per " else i - 3 for i in find_all(text, "cent")
                       if text[i - 3:i].lower() == "per" or text[i - 4:i].lower() == "per "]
            places.sort()
        for place in places:
            m = _AFTER_RE.match(text, place)
            if m is None:
                continue
            sign = m.start()
            before = _BEFORE_RE.search(text, max(0, sign - _LOOK_BACK), sign)
            if before is None:
                continue
            if m.group("next") == "of" and _MODIFIER_RE.match(text, m.end() - 3):
                continue
            start = before.start("article")
            percent = text[before.start("number"):m.start("next") - 1]
            yield Hit(
                start,
                m.start("next") - 1,
                f"'{text[start:m.start('next') - 1]}': an article before a percentage is the source's "
                f"('un 20 %'); English writes the share alone ('{percent} {m.group('next')}')",
                suggestions=(percent,),
                confidence=0.85,
                data={"lang": ["es", "it"]},
            )

