"""MT502 source-number-format: a decimal comma or a thousands dot carried over from the source."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.lazy_re import lazy
from mtcheck.rules.base import Hit, Rule, RuleOptions
from mtcheck.rules.punctuation.digits import (
    DIGIT,
    char_classes,
    has_other_digits,
    matches_at,
    separated_digits,
)
from mtcheck.rules.punctuation.number_context import decimal_words, number_context

# Languages that write 1,5 for one and a half; those that group thousands with a dot;
# those that group with a (no-break) space.
DECIMAL_COMMA_LANGS = ("es", "fr", "it", "de", "pt")
THOUSANDS_DOT_LANGS = ("es", "it", "de", "pt")
THOUSANDS_SPACE_LANGS = ("fr", "pt")

# A number not glued to other digits, dots, commas or letters on either side (the left
# side is checked in code: a leading lookbehind or \\b would slow the scan down):
#   1.250.000 / 1.250,5 / 12.500   (dot groups, optional decimal comma)
#   1,5 / 3,25 / 1,0870            (decimal comma; three digits would be English thousands)
#   1 500 / 9 000 / 1 250 000      (space groups, French and Portuguese)
_NUMBER_RE = lazy(
    r"\d{1,3}(?:(?P<dot>(?:\.\d{3})+(?:,\d{1,2})?)"
    r"|(?P<comma>,(?:\d{1,2}|\d{4,6}))"
    r"|(?P<space>(?:[ \u00a0\u202f]\d{3})+))"
    r"(?![\d_]|[.,:/]\d|[ \u00a0\u202f]\d)"
)
# A number glued to these on its left is part of something else ("v.1.250", "3:1,5", "-1,5").
_GLUED_BEFORE = ".,:/-"
_WORDS_AFTER_RE = lazy(r"\s?(%|[^\W\d_][\w²/\-]*|°[CF]?|º[CF]?)(?:\s([^\W\d_][\w²/\-]*))?")
# The word just before a number (searched in the 30 characters before it; `_before_word`
# and `_measure_word` compute what these give, with string methods: a search for a pattern
# anchored at the end tries every offset of the window):
_BEFORE_RE = lazy(r"(?P<word>[^\W\d_]+)\.?\s*$")
_MEASURE_BEFORE_RE = lazy(r"(?P<word>[^\W\d_]+)\s+(?:(?:of|at)\s+)?$")
_CURRENCY_BEFORE = "€$£"
# Typography around numbers, looked for only when a cheap substring test finds the mark:
# a space before the percent sign ("3.2 %", French and German), the currency sign after the
# amount ("15 €", "1.5 million €"), Spanish/Italian/Portuguese ordinal indicators ("25º",
# "1ª") and French ordinal suffixes ("3ème", "1ère").
_SPACE_PERCENT_RE = lazy(r"\d(?P<space>[ \u00a0\u202f])%")
_CURRENCY_AFTER_RE = lazy(
    r"(?<![\w€£$.,])(?P<amount>\d[\d.,]*(?: (?:million|billion|thousand|mil|millones|milliards?))?)"
    r"(?P<space>[ \u00a0\u202f]?)(?P<sign>[€£])$"
)
_TYPO_MARKS = "%€£ºªè"
_SPACES = " \u00a0\u202f"
_HEAT_WORDS = ("temperat", "heat", "degree", "celsius", "fahrenheit", "thermometer")
# Spanish "5 mil millones" rendered word for word: "5 thousand million". English counts in
# billions. ("5,000 million" is left alone: US earnings releases write "$1,250.5 million".)
_THOUSANDS_OF_MILLIONS_RE = lazy(r"(?P<small>\d{1,3}(?:[.,]\d+)?) thousand millions?\b")




def _number_matches(doc: Document) -> Iterator[re.Match[str]]:
    """What `_NUMBER_RE.finditer(doc.text)` yields, trying the pattern only where it can match.

    Every match is one to three digits, then a dot, comma or space, then a digit: it starts
    at a digit `q`, `q - 1` or `q - 2` (digits up to `q`) where `q` is a digit followed by
    a separator and a digit. Trying those offsets in order, each after the end of the last
    match, gives finditer's matches. Such `q` are found in `char_classes(doc)`
    (`separated_digits`, see `digits`), where a scan with the pattern would try every
    character of the text.
    """
    # `\d` also matches other decimal digits, and a narrow no-break space separates too:
    # neither shows in the character classes, so such a text is scanned as before.
    text = doc.text
    if "\u202f" in text or has_other_digits(doc):
        yield from _NUMBER_RE.finditer(text)
        return
    classes = char_classes(doc)
    starts: set[int] = set()
    for q in separated_digits(doc):
        starts.add(q)
        if q and classes[q - 1] == DIGIT:
            starts.add(q - 1)
            if q > 1 and classes[q - 2] == DIGIT:
                starts.add(q - 2)
    yield from matches_at(_NUMBER_RE, text, starts)


def _typo_marks(text: str) -> list[int]:
    """Offsets of the `_TYPO_MARKS` in `text`, ascending (found with `str.find`: they are
    rare, and a regex character-class scan would try every character)."""
    out: list[int] = []
    for ch in _TYPO_MARKS:
        if ch not in text:  # (`in` costs less than a `find` call: most marks are absent)
            continue
        i = text.find(ch)
        while i != -1:
            out.append(i)
            i = text.find(ch, i + 1)
    out.sort()
    return out


@dataclass(frozen=True)
class _Context:
    decimal_words: frozenset[str]
    counted_words: frozenset[str]
    precision_words: frozenset[str]
    magnitude_words: frozenset[str]
    month_words: frozenset[str]
    reference_words: frozenset[str]
    measure_words_before: frozenset[str]


@cache
def _context() -> _Context:
    dot = number_context()["thousands_dot"]

    def words(values: list[str]) -> frozenset[str]:
        return frozenset(w.casefold() for w in values)

    return _Context(
        decimal_words=decimal_words(),
        counted_words=words(dot["words"]),
        precision_words=words(dot["precision_words"]),
        magnitude_words=words(dot["magnitude_words"]),
        month_words=words(dot["month_words"]),
        reference_words=words(dot["reference_words"]),
        measure_words_before=words(dot["measure_words_before"]),
    )


def _trailing_letters(s: str) -> str:
    """The run of `[^\\W\\d_]` characters (letters: alphanumeric, not decimal digits) that
    ends `s`."""
    i = len(s)
    while i and s[i - 1].isalnum() and not s[i - 1].isdecimal():
        i -= 1
    return s[i:]


def _before_word(before: str) -> str:
    """The word `_BEFORE_RE.search(before)` finds ("" without a match): letters, an
    optional full stop, whitespace to the end. (`$` also matches before a final newline:
    whitespace all the same.) The leftmost match starts where the run of letters does."""
    t = before.rstrip()
    if t.endswith("."):
        t = t[:-1]
    return _trailing_letters(t)


def _measure_word(before: str) -> str:
    """The word `_MEASURE_BEFORE_RE.search(before)` finds ("" without a match): letters,
    whitespace, optionally "of" or "at" and whitespace, to the end. With "of"/"at" after
    a word the match starts at that word, left of "of"/"at" itself as a word."""
    t = before.rstrip()
    if len(t) == len(before):
        return ""  # no whitespace at the end
    if t[-2:] in ("of", "at"):
        head = t[:-2]
        word_end = head.rstrip()
        if len(word_end) < len(head):
            word = _trailing_letters(word_end)
            if word:
                return word
    return _trailing_letters(t)


def _ends_digit_comma(before: str) -> bool:
    """Whether `re.search(r"\\d,\\s?$", before)` matches: a digit, a comma, one optional
    whitespace character, at the end or before a final newline."""
    for t in (before, before[:-1]) if before.endswith("\n") else (before,):
        if t[-1:].isspace():
            t = t[:-1]
        if t[-1:] == "," and t[-2:-1].isdecimal():
            return True
    return False


def _english_ordinal(n: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def english_number(num: str) -> str:
    """'1.250.000' -> '1,250,000'; '1,5' -> '1.5'; '1.250,75' -> '1,250.75'; '9 000' -> '9,000'."""
    if "." not in num and "," not in num:
        return re.sub(r"[ \u00a0\u202f]", ",", num)
    return num.replace(".", "\0").replace(",", ".").replace("\0", ",")


def _currency_after(text: str, i: int) -> Hit | None:
    """"15 €" / "1.5 million €": the sign at `i` after its amount."""
    if text[i + 1 : i + 2].isdigit():
        return None  # "5 €10 notes": the sign starts the next amount
    m = _CURRENCY_AFTER_RE.search(text, max(0, i - 40), i + 1)
    if m is None:
        return None
    amount = m.group("amount")
    figure = re.match(r"[\d.,]*\d", amount)
    if figure and re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+,\d{1,2}", figure.group()):
        amount = english_number(figure.group()) + amount[figure.end() :]  # "1,5 million €"
    fixed = f"{m.group('sign')}{amount}"
    return Hit(
        m.start(),
        m.end(),
        f"currency sign after the amount ('{m.group()}'); English puts it first: '{fixed}'",
        suggestions=(fixed,),
        confidence=0.75,
        data={"lang": ["fr", "es", "it", "de", "pt"], "kind": "currency-after"},
    )


def _ordinal(text: str, i: int, options: RuleOptions) -> Hit | None:
    """"25º", "1ª" (Spanish, Italian, Portuguese), "3ème", "1ère" (French) ending at mark `i`."""
    mark_end = i + 1
    if text[i] == "è":
        if not (text.startswith("ème", i) or text.startswith("ère", i)):
            return None
        mark_end = i + 3
    j = i
    while j > 0 and text[j - 1].isdigit():
        j -= 1
    if j == i or i - j > 4 or (j and (text[j - 1].isalnum() or text[j - 1] in ".,")):
        return None
    if mark_end < len(text) and text[mark_end].isalnum():
        return None
    if text[i] in "ºª" and (
        text[mark_end : mark_end + 1] in ("C", "F")
        or any(k in text[max(0, j - 50) : j].lower() for k in _HEAT_WORDS)
    ):
        return None  # a degree sign typed as º ("40ºC", "temperatures of 40º")
    if text[i] == "è" and text.startswith("ère", i) and text[j:i] != "1":
        return None  # "ère" only follows 1
    if options.accepts(text[j:mark_end]):
        return None
    fixed = _english_ordinal(int(text[j:i]))
    return Hit(
        j,
        mark_end,
        f"source-language ordinal '{text[j:mark_end]}'; English writes '{fixed}'",
        suggestions=(fixed,),
        confidence=0.8,
        data={"lang": ["es", "it", "pt"] if text[i] in "ºª" else ["fr"], "kind": "ordinal"},
    )


class SourceNumberFormatRule(Rule):
    """A number written the Spanish, Italian, German, Portuguese or French way: a decimal
    comma ("1,5 million", "3,2%"), a dot grouping thousands ("1.000 soldiers",
    "12.500 euros", "1.250.000"), a space grouping them ("9 000 people"), Spanish
    *mil millones* word for word ("5 thousand million" for 5 billion), and the typography
    around numbers: a space before the percent sign ("3.2 %"), the currency sign after the
    amount ("15 €"), ordinal indicators ("25º", "1ª", "3ème").

    Bad:  The economy grew 3,2% and the fund holds 1,5 million euros for 12.500 families.
    Fix:  The economy grew 3.2% and the fund holds 1.5 million euros for 12,500 families.

    Only unambiguous forms fire: "N,D" / "N,DD" followed by a unit, a magnitude or percent
    (English never writes a comma there); "N.DDD" that ends in "00" or is followed by a
    counted noun or a currency (English never counts soldiers or euros to three decimals,
    nor writes trailing zeros), or several dot groups ("1.250.000"); "N DDD" with a no-break
    space, or a plain space before a counted noun. English numbers stay clean: 7.7 million,
    400,000, 1,500 people, 2.5%, 3.125%, 1.125 million, 1.250 seconds, 0.375 points,
    "batting 1.000", $3.599 a gallon, $1,250.5 million, Article 3.1, 10.30 (a time: MT503),
    9.6.2023, IP addresses, phone numbers, scores.
    Source: RAE Ortografía (2010) 8.1.3, Duden, Imprimerie nationale, against the AP
    Stylebook and Reuters Handbook entries on numerals; the context words are in
    `mtcheck/data/punctuation/number_context.toml`.
    """

    code = "MT502"
    name = "source-number-format"
    severity = Severity.WARNING
    summary = "Source-language number format: '1,5 million', '1.000 soldiers', '3.2 %', '15 €', '25º'"

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        text = doc.text
        ctx = _context()
        for m in _number_matches(doc):
            if m.start() and (text[m.start() - 1] in _GLUED_BEFORE or text[m.start() - 1].isalnum()
                              or text[m.start() - 1] == "_"):
                continue
            num = m.group()
            after = _WORDS_AFTER_RE.match(text, m.end())
            words = (
                (after.group(1).casefold(), (after.group(2) or "").casefold()) if after else ("", "")
            )
            if text[m.end() : m.end() + 1].isalpha() and not (
                words[0] in ctx.decimal_words or words[0] in ctx.counted_words
            ):
                continue  # glued to a word that is not a unit: "3,2GHz", "1.000a"
            before = text[max(0, m.start() - 30) : m.start()]
            before_word = _before_word(before).casefold()
            if before_word in ctx.reference_words or options.accepts(num):
                continue
            if m.group("dot"):
                if "," not in num and num.count(".") == 1:
                    measure = _measure_word(before)
                    if measure and measure.casefold() in ctx.measure_words_before:
                        continue  # "batting 1.000", "a percentage of 1.000"
                hit = self._thousands(m.start(), m.end(), num, words, before, ctx)
            elif m.group("comma"):
                hit = self._decimal(m.start(), m.end(), num, words[0], before, ctx)
            elif re.search(r"[\d+][ \u00a0\u202f]?$", before):
                continue  # part of a phone number or a run of figures ("+34 915 000 000")
            else:
                hit = self._spaced(m.start(), m.end(), num, words, before_word, ctx)
            if hit is not None:
                yield hit
        # A match has "thousand" between spaces: a word of its own, so the word set (at
        # hand) tells most articles apart without reading the text.
        if "thousand" in doc.lowered_word_set and "thousand million" in text:
            yield from self._thousands_of_millions(text, options)
        yield from self._typography(text, options)

    @staticmethod
    def _typography(text: str, options: RuleOptions) -> Iterator[Hit]:
        # The few marks involved, in text order; each is then judged from its neighbours.
        spaced_percent: list[tuple[int, bool]] = []
        for i in _typo_marks(text):
            ch = text[i]
            if ch == "%":
                if i >= 2 and text[i - 1] in _SPACES and text[i - 2].isdigit():
                    spaced_percent.append((i - 1, text[i - 1] != " "))
            elif ch in "€£":
                hit = _currency_after(text, i)
                if hit is not None:
                    yield hit
            else:
                hit = _ordinal(text, i, options)
                if hit is not None:
                    yield hit
        # One spaced percent sign may be a typo; a habit is the source's typography.
        habit = len(spaced_percent) >= 2 or any(nbsp for _, nbsp in spaced_percent)
        for start, _nbsp in spaced_percent:
            yield Hit(
                start,
                start + 2,
                "space before the percent sign (French/German typography); English writes '3.2%'",
                suggestions=("%",),
                confidence=0.7 if habit else 0.45,
                data={"lang": ["fr", "de"], "kind": "space-percent"},
            )

    @staticmethod
    def _thousands_of_millions(text: str, options: RuleOptions) -> Iterator[Hit]:
        for m in _THOUSANDS_OF_MILLIONS_RE.finditer(text):
            if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in _GLUED_BEFORE):
                continue
            value = float(m.group("small").replace(",", "."))
            if value < 1 or options.accepts(m.group()):
                continue
            fixed = f"{value:,.3f}".rstrip("0").rstrip(".") + " billion"
            yield Hit(
                m.start(),
                m.end(),
                f"'{m.group()}' counts thousands of millions, the Spanish/Portuguese way "
                f"(mil millones); English writes '{fixed}'",
                suggestions=(fixed,),
                confidence=0.6,
                data={"lang": ["es", "pt"], "kind": "thousand-million"},
            )

    @staticmethod
    def _decimal(
        start: int, end: int, num: str, word: str, before: str, ctx: _Context
    ) -> Hit | None:
        if not word or word not in ctx.decimal_words:
            return None
        # "1,2 and 3" in a list of numbers is not a decimal.
        if _ends_digit_comma(before):
            return None
        fixed = english_number(num)
        return Hit(
            start,
            end,
            f"decimal comma '{num}' is a source-language number format; English writes '{fixed}'",
            suggestions=(fixed,),
            confidence=0.85,
            data={"lang": list(DECIMAL_COMMA_LANGS), "kind": "decimal-comma"},
        )

    @staticmethod
    def _thousands(
        start: int, end: int, num: str, words: tuple[str, str], before: str, ctx: _Context
    ) -> Hit | None:
        groups = num.split(",")[0].split(".")
        word = words[0]
        if "," in num:
            confidence = 0.9  # "1.250,5": a dot group and a decimal comma
        elif len(groups) == 2:
            tail = groups[1]
            if groups[0] == "0" or word in ctx.precision_words:
                return None
            # "$3.599 a gallon", "€1.859 a litre": English prices to a tenth of a cent.
            if before.rstrip()[-1:] in _CURRENCY_BEFORE:
                return None
            if word in ctx.counted_words or tail.endswith("00"):
                confidence = 0.8
            elif tail.endswith("0") and word in ctx.magnitude_words:
                confidence = 0.7  # "199.170 million": English drops the trailing zero
            else:
                return None
        else:
            # Four small groups ending other than in 000 look like an IP address.
            if len(groups) == 4 and groups[-1] != "000" and all(int(g) <= 255 for g in groups):
                return None
            confidence = 0.9
        fixed = english_number(num)
        return Hit(
            start,
            end,
            f"'{num}' groups thousands with a dot, a source-language number format; "
            f"English writes '{fixed}'",
            suggestions=(fixed,),
            confidence=confidence,
            data={"lang": list(THOUSANDS_DOT_LANGS), "kind": "thousands-dot"},
        )

    @staticmethod
    def _spaced(
        start: int, end: int, num: str, words: tuple[str, str], before_word: str, ctx: _Context
    ) -> Hit | None:
        # "on June 1 500 protesters": a date, then a count.
        if before_word in ctx.month_words:
            return None
        no_break = "\u00a0" in num or "\u202f" in num
        counted = words[0] in ctx.counted_words or words[1] in ctx.counted_words
        if no_break:
            confidence = 0.85
        elif counted or num.endswith("00"):
            confidence = 0.7
        else:
            return None
        if words[0] in ctx.precision_words:
            return None
        fixed = english_number(num)
        return Hit(
            start,
            end,
            f"'{num}' groups thousands with a space, a French or Portuguese number format; "
            f"English writes '{fixed}'",
            suggestions=(fixed,),
            confidence=confidence,
            data={"lang": list(THOUSANDS_SPACE_LANGS), "kind": "thousands-space"},
        )
