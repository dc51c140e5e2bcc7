"""MT206 numeral-order: "other(s)" before a number in Romance order ("others 60 people")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.rules.base import Hit, Rule, RuleOptions
from mtcheck.rules.structure.word_classes import find_all, word_class

_NUMBER = r"\d{1,3}(?:[.,\u00a0 ]\d{3})*(?:[.,]\d+)?|\d+"
_OTHER_RE = re.compile(
    r"(?<![\w’'-])(?P<other>[Oo]thers?)[ \t\u00a0]+(?P<num>" + _NUMBER + r"|[a-z]+)(?![\w’'%-])"
    r"(?P<rest>[ \t\u00a0]*(?:%|per[ \t]?cent|percent))?"
)
_NEXT_WORD_RE = re.compile(r"[ \t\u00a0]+([A-Za-z]+)")
_YEAR_RE = re.compile(r"(?:19|20)\d\d$")
# Determiners that make "the other 12" English, and "each other", "every other".
_LICENSING = frozenset({
    "the", "these", "those", "its", "their", "his", "her", "our", "your", "my", "all",
    "any", "every", "each", "one", "no", "some", "whose", "which", "what", "of", "among",
})
# Units that make "others 50 years ago" / "others 10 points behind" a measure phrase.
_MEASURES = frozenset({
    "years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour",
    "minutes", "seconds", "decades", "centuries", "times", "percent", "points", "kilometres",
    "kilometers", "km", "miles", "metres", "meters", "places", "spots", "votes", "seats",
})
_MAGNITUDES = frozenset({"million", "millions", "billion", "billions", "thousand", "hundred"})
# Words after the number that show "others" stood alone ("others 37 were wounded").
_CLAUSE_WORDS = frozenset({
    "of", "and", "or", "but", "were", "was", "are", "is", "have", "has", "had", "will",
    "would", "in", "at", "on", "to", "from", "with", "by", "who", "which", "that",
    "remain", "remained", "died", "fled", "suffered", "said",
})
_PREV_WORD_RE = re.compile(r"([A-Za-z]+)[ \t\u00a0]*$")


class NumeralOrderRule(Rule):
    """"Other" or "others" put before a number, in Spanish/Portuguese/Italian order
    ("otros 60", "outras 12", "altri 37"): English puts the number first.

    Bad:  Five people died and others 37 were wounded. / Other 12 soldiers were missing.
    Fix:  Five people died and 37 others were wounded. / Twelve other soldiers were missing.

    "The other 12", "every other 2 weeks", "each other 3 times", years ("other 2024
    candidates"), percentages and elliptical contrasts ("some got 40%, others 60%") stay
    clean.
    Source: English determiner order (Quirk et al. 1985, 5.17-5.21: numerals precede
    "other" unless a central determiner comes first).
    """

    code = "MT206"
    name = "numeral-order"
    severity = Severity.WARNING
    summary = "'others 60' / 'other 12 soldiers' in Romance order; English says '60 others'"
    languages = frozenset({"es", "it", "pt", "de"})  # otros 60, altri 37, outros 140, weitere 12

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        # "other" or "others" is a word of the document wherever the pattern matches.
        words = doc.lowered_word_set
        if "other" not in words and "others" not in words:
            return
        text = doc.text
        numbers = word_class("number_words")
        for at in find_all(doc.lowered_text, "other"):
            if at > 0 and (text[at - 1].isalnum() or text[at - 1] in "’'-"):
                continue  # inside a word: "another"
            m = _OTHER_RE.match(text, at)
            if m is None:
                continue
            other, num = m.group("other"), m.group("num")
            if m.group("rest"):
                continue  # a percentage
            if num.isalpha():
                if num not in numbers:
                    continue
            elif _YEAR_RE.match(num) or num.startswith("0"):
                continue
            before = text[max(0, m.start() - 40):m.start()]
            stripped = before.rstrip()
            if stripped.endswith((",", ";", ":")) and other.lower() == "others":
                continue  # "some got 40, others 60": an ellipsis
            pw = _PREV_WORD_RE.search(before)
            if pw is not None and pw.group(1).lower() in _LICENSING and before.endswith((" ", "\t", "\u00a0")):
                continue
            nxt = _NEXT_WORD_RE.match(text, m.end())
            noun = nxt.group(1) if nxt is not None else ""
            if other.lower() == "other" and (noun[:1].isupper() or noun == "times"):
                continue  # "other 737 MAX jets"
            if other.lower() == "others" and noun.lower() in _MEASURES:
                continue  # "others 50 years ago": a pronoun and a measure phrase
            span_end = m.end("num")
            if noun.lower() in _MAGNITUDES:
                suggestion = f"another {num}"
            elif noun and (noun.islower() or noun.endswith("s")) and noun.lower() not in _CLAUSE_WORDS:
                suggestion = f"{num} other"
            else:
                suggestion = f"{num} others"
            suggestions = [suggestion]
            if suggestion.endswith(" other"):
                suggestions.append(f"another {num}")  # "Others 60 people" -> "Another 60 people"
            if other[0].isupper():
                suggestions = [s[0].upper() + s[1:] if s[0].isalpha() else s for s in suggestions]
            yield Hit(
                m.start(),
                span_end,
                f"'{text[m.start():span_end]}': the number goes before 'other' in English ('{suggestions[0]}')",
                suggestions=tuple(suggestions),
                confidence=0.85,
            )
