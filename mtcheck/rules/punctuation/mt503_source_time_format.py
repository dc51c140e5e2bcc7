"""MT503 source-time-format: a 24-hour clock time with "hours" or "h", as the source wrote it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.lazy_re import lazy
from mtcheck.rules.base import Hit, Rule, RuleOptions
from mtcheck.rules.punctuation.digits import digits_before_h, matches_at, separated_digits
from mtcheck.rules.punctuation.number_context import decimal_words

# One scan finds every candidate: "10.30 hours", "20:00 hours", "14 hours", "14.00 h",
# "14h30", "15 h 30", "20h"; the context decides what each one is.
_CANDIDATE_RE = lazy(
    r"\b(?P<h>\d{1,2})(?:(?P<sep>[.:])(?P<m>\d\d))?(?P<sp> ?)(?P<unit>hours|hrs|hr|h)"
    r"(?: ?(?P<gm>\d\d))?(?![\w\-])"
)
# "at 14.30" without "hours": a 24-hour time with a dot, afternoon hours only (a morning
# "at 10.30" is British English). Reported as information: some British copy writes it.
_BARE_AFTERNOON_RE = lazy(r"at (?P<h>1[3-9]|2[0-3])\.(?P<m>[0-5]\d)(?![\d.,]| ?(?:hours|hrs|hr|h)\b)")
_AFTER_BARE_RE = lazy(r" ?(?:[ap]\.?m\b|[A-Z]{2,4}\b|[%€$£])")
_NEXT_WORD_RE = lazy(r" ([^\W\d_]+)")
# Where a candidate can end: a digit 0-9, an optional space, "h" (see `digits`). Looking
# for this and matching the full pattern only there is several times faster than scanning
# with it.
# "at 16 o'clock" (German um 16 Uhr): o'clock with a 24-hour hour.
_OCLOCK_RE = lazy(r"\b(?:at|from|until|till|by|before|after|around)\s+(?:(?:around|about)\s+)?"
                        r"(?P<h>1[3-9]|2[0-4])\s+o[’']clock\b", re.IGNORECASE)
# "at" (optionally "at around") just before a whole hour.
_AT_RE = lazy(r"\bat\s+(?:(?:around|about|approximately|roughly)\s+)?$", re.IGNORECASE)
# Prepositions that make "10.30 hours" a clock time rather than a decimal duration.
_TIME_PREP_RE = lazy(
    r"\b(?:at|from|until|till|since|between|before|by|to|and)\s+"
    r"(?:(?:around|about|approximately|roughly)\s+)?$",
    re.IGNORECASE,
)
# Verbs after which "at 12 hours" is a measured duration ("capped at 12 hours").
_DURATION_VERB_RE = lazy(
    r"\b(?:set|fixed|capped|limited|kept|estimated|put|pegged|stands?|stood|remained|"
    r"lasted|lasting|measured|timed|clocked|reduced|extended|cut|raised|lowered|"
    r"maximum|minimum|limit|shift|shifts)\s+$",
    re.IGNORECASE,
)
# What makes a duration or a relative time after it: "at 12 hours a day", "at 10 hours per
# week", "measured at 6 hours after the dose", "at 12 hours' notice".
_DURATION_AFTER_RE = lazy(
    r"['’]|\s+(?:a|per|each|of|or|after|before|later|earlier|post|and\s+\d)\b", re.IGNORECASE
)


def _unit_words() -> frozenset[str]:
    """Units and currencies (MT502's context data): "at 14.50 euros" is a price, not a time."""
    return decimal_words()


def _bare_afternoon(doc: Document) -> Iterator[re.Match[str]]:
    """What `_BARE_AFTERNOON_RE.finditer(doc.text)` yields. A match is "at ", the hour's two
    digits, a dot and a digit: its second digit is one of `separated_digits(doc)` (see
    `digits`), four characters after the start; and none can hold the start of another."""
    text = doc.text
    starts = [q - 4 for q in separated_digits(doc) if q >= 4 and text.startswith("at ", q - 4)]
    return matches_at(_BARE_AFTERNOON_RE, text, starts)


def _oclock(text: str, lowered: str) -> Iterator[re.Match[str]]:
    """What `_OCLOCK_RE.finditer(text)` yields, trying the pattern only a few characters
    before each "clock" (found in `lowered`, `text` lowercased with the same offsets: the
    pattern ignores case, and a character matches a letter of "clock" exactly when its
    lowercase is that letter), where a case-insensitive scan tries every character.

    A match ends "H o'clock" with whitespace before "o" and before the hour H (two
    characters), after an optional "around"/"about" and whitespace, after a word of at
    most six letters: walking back over those gives the earliest offset it can start at.
    """
    starts: set[int] = set()
    i = lowered.find("clock")
    while i != -1:
        j = _skip_space_back(text, i - 2) - 2  # the hour's start
        j = _skip_space_back(text, j) - 6  # "around"/"about", or the word
        lo = max(0, _skip_space_back(text, j) - 6)
        starts.update(range(lo, i))
        i = lowered.find("clock", i + 1)
    yield from matches_at(_OCLOCK_RE, text, starts)


def _skip_space_back(text: str, i: int) -> int:
    """The start of the whitespace run that ends at `i` (`i` itself if none); 0 at most."""
    i = max(0, i)
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i


def twelve_hour(hour: int, minute: int) -> str:
    """The AP-style clock time: 14, 0 -> '2 p.m.'; 10, 30 -> '10:30 a.m.'; 0 -> 'midnight'."""
    if minute == 0 and hour in (0, 24):
        return "midnight"
    if minute == 0 and hour == 12:
        return "noon"
    suffix = "a.m." if hour % 24 < 12 else "p.m."
    h12 = hour % 12 or 12
    return f"{h12} {suffix}" if minute == 0 else f"{h12}:{minute:02d} {suffix}"


class SourceTimeFormatRule(Rule):
    """A clock time written the Spanish, Italian, French or German way: the 24-hour clock
    followed by "hours" or "h" (Spanish *a las 10.30 horas*, Italian *alle 14*, French
    *à 14h30*, German *um 20 Uhr*).

    Bad:  The talks began at 10.30 hours and ended at 14 hours local time.
    Fix:  The talks began at 10:30 a.m. and ended at 2 p.m. local time.

    Durations stay clean: "for 14 hours", "48 hours", "a 24-hour strike", "capped at
    12 hours", "2.25 hours" without a time preposition; so does a plain "at 10:30".
    Military "1400 hours" (four digits, no separator) is native English and not flagged.
    Source: AP Stylebook "times" (a.m./p.m., noon, midnight); Reuters Handbook "time".
    """

    code = "MT503"
    name = "source-time-format"
    severity = Severity.WARNING
    summary = "24-hour time with 'hours'/'h' from the source ('at 10.30 hours', 'at 14 hours')"

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        text = doc.text
        seen = -1
        for probe in digits_before_h(doc):
            # Walk back from the digit before "h" to where the time starts ("10.30 h").
            j = probe
            while j > 0 and probe - j < 5 and (text[j - 1].isdigit() or text[j - 1] in ".:"):
                j -= 1
            while j < probe and not text[j].isdigit():
                j += 1
            if j <= seen:
                continue
            m = _CANDIDATE_RE.match(text, j)
            if m is None:
                continue
            seen = m.end()
            hit = self._candidate(text, m)
            if hit is not None:
                yield hit
        for m in _bare_afternoon(doc):
            if (m.start() and text[m.start() - 1].isalnum()) or _AFTER_BARE_RE.match(text, m.end()):
                continue  # "that 14.30", "at 14.30 GMT", "at 14.30pm"
            nxt = _NEXT_WORD_RE.match(text, m.end())
            if nxt and nxt.group(1).casefold() in _unit_words():
                continue  # a price or a measure: "trade at 14.50 euros"
            start = m.start("h")
            yield self._hit(start, m.end(), text[start : m.end()], int(m.group("h")), int(m.group("m")),
                            0.4)
        if "clock" in text:
            for m in _oclock(text, doc.lowered_text):
                start = m.start("h")
                yield self._hit(start, m.end(), text[start : m.end()], int(m.group("h")), 0, 0.85,
                                langs=("de", "it", "es"))

    def _candidate(self, text: str, m: re.Match[str]) -> Hit | None:
        if m.start() and text[m.start() - 1] in ".:,":
            return None  # part of a longer number ("1.14 h", "3:10 hours")
        hour = int(m.group("h"))
        before = text[max(0, m.start() - 40) : m.start()]
        # French "14h30", "20h", "15 h 30".
        french = m.group("unit") == "h" and (not m.group("sp") or m.group("gm") is not None)
        if m.group("sep"):
            # "10.30 hours", "20:00 hours", "14.00 h": a clock time with minutes.
            minute = int(m.group("m"))
            if m.group("gm") or hour > 24 or minute > 59 or (hour == 24 and minute):
                return None
            if m.group("sep") == "." and not _TIME_PREP_RE.search(before):
                return None  # "2.25 hours" is a duration unless a time preposition says otherwise
            return self._hit(m.start(), m.end(), m.group(), hour, minute, 0.85)
        if french:
            minute = int(m.group("gm") or 0)
            if hour > 24 or minute > 59 or text[m.end() : m.end() + 1] in (":", "'", "’"):
                return None
            if m.group("gm") is None and not _TIME_PREP_RE.search(before):
                return None
            return self._hit(m.start(), m.end(), m.group(), hour, minute, 0.7, langs=("fr", "pt"))
        if m.group("gm") or hour > 23 or m.group("unit") == "hr":
            return None
        # A whole hour: only "at 14 hours", and not a measured duration ("capped at 12
        # hours", "at 10 hours a week").
        at = _AT_RE.search(before)
        if at is None or _DURATION_VERB_RE.search(before[: at.start()]):
            return None
        if _DURATION_AFTER_RE.match(text, m.end()):
            return None
        return self._hit(m.start(), m.end(), m.group(), hour, 0, 0.75)

    @staticmethod
    def _hit(
        start: int,
        end: int,
        span: str,
        hour: int,
        minute: int,
        confidence: float,
        langs: tuple[str, ...] = ("es", "it", "fr", "de", "pt"),
    ) -> Hit:
        fixed = twelve_hour(hour, minute)
        return Hit(
            start,
            end,
            f"'{span}' is a source-language clock time; English wire copy writes '{fixed}'",
            suggestions=(fixed,),
            confidence=confidence,
            data={"lang": list(langs)},
        )
