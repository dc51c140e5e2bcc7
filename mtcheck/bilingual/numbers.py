"""Find numbers, amounts, percentages, dates and clock times in a sentence, normalised per language.

Every quantity carries the *set* of values it can stand for, so "1.500" in Spanish is
{1500}, "1.500" left in English copy is {1.5, 1500} (it is MT debris, either reading is
possible) and "10:30" in English is {10:30, 22:30}. Two quantities agree when their value
sets intersect. Lexicons (multipliers, month names, number words) are in
`data/numerals.toml`.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

Value = tuple[Any, ...]  # ("n", 1500.0) | ("date", m, d) | ("month", m) | ("time", minutes) | ("weekday", k)

_DATA = Path(__file__).parent / "data" / "numerals.toml"
LANGUAGES = ("en", "es", "fr", "it", "de", "pt")


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number-like expression: its span in the sentence, its text and possible values."""

    start: int
    end: int
    text: str
    values: frozenset[Value]
    kind: str  # "number", "amount", "percent", "date", "month", "time", "word", "weekday"

    @property
    def is_weak(self) -> bool:
        """Evidence that only counts as a clash, never as a missing value."""
        return self.kind in ("word", "weekday")

    @property
    def is_word(self) -> bool:
        """Spelled-out small numbers are weak evidence ("sei", "neuf" are words too)."""
        return self.kind == "word"

    def agrees(self, other: Quantity) -> bool:
        return bool(self.values & other.values)

    def display(self) -> str:
        """A readable normal form of the first value ("1,500", "9 June", "22:30")."""
        v = sorted(self.values, key=repr)[0]
        if v[0] == "n":
            x = v[1]
            return f"{int(x):,}" if x == int(x) else f"{x:,}"
        if v[0] == "date":
            return f"{v[2]} {_EN_MONTHS[v[1] - 1].title()}"
        if v[0] == "month":
            return str(_EN_MONTHS[v[1] - 1]).title()
        if v[0] == "weekday":
            return str("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()[v[1]])
        if v[0] == "time":
            return f"{v[1] // 60:02d}:{v[1] % 60:02d}"
        return self.text


@cache
def _lexicon() -> dict[str, dict[str, Any]]:
    with _DATA.open("rb") as fh:
        return tomllib.load(fh)


_EN_MONTHS = (
    "january february march april may june july august september october november december"
).split()


def _num(x: float) -> Value:
    return ("n", round(float(x), 6))


_DIGITS = r"\d{1,3}(?:(?:[.,\u00a0\u202f]|(?<=\d) (?=\d{3}\b))\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_NUMBER_RE = re.compile(rf"(?<![\w.,])(?:{_DIGITS})(?![\d])")
# A clock time with minutes: 10:30, 10.30, 10h30 (the dotted form only in context).
_CLOCK_RE = re.compile(r"(?<![\w.,:])([01]?\d|2[0-3])(?:[:h]|\.(?=\d{2}\b))([0-5]\d)(?![\d])")


def parse_digits(token: str, lang: str) -> set[float]:
    """The values a digit string can stand for in `lang` ("1.500" es -> {1500})."""
    t = token.replace("\u00a0", " ").replace("\u202f", " ")
    if " " in t:
        t = t.replace(" ", "")
    seps = [c for c in t if c in ".,"]
    if not seps:
        return {float(t)}
    kinds = set(seps)
    out: set[float] = set()
    if len(kinds) == 2:
        dec = seps[-1]
        thou = "," if dec == "." else "."
        try:
            out.add(float(t.replace(thou, "").replace(dec, ".")))
        except ValueError:
            pass
        return out
    sep = seps[0]
    groups = t.split(sep)
    all_three = all(len(g) == 3 for g in groups[1:])
    if len(seps) > 1:
        # Repeated separator: only a thousands separator repeats.
        if all_three:
            out.add(float(t.replace(sep, "")))
        return out
    after = groups[1]
    as_decimal = float(groups[0] + "." + after)
    as_thousands = float(groups[0] + after) if len(after) == 3 else None
    if lang == "en":
        if sep == ",":
            out.add(as_thousands if as_thousands is not None else as_decimal)
        else:
            out.add(as_decimal)
            if as_thousands is not None:
                out.add(as_thousands)  # "140.000" left by MT in English copy
    else:
        if sep == ".":
            if as_thousands is not None:
                out.add(as_thousands)
            else:
                out.add(as_decimal)  # "2.5" in Latin-American usage
        else:
            out.add(as_decimal)
            if as_thousands is not None:
                out.add(as_thousands)  # "1,500" in Mexican usage
    return out


def _fold(s: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", s.lower()) if unicodedata.category(c) != "Mn"
    )


@cache
def _patterns(lang: str) -> dict[str, Any]:
    lex = _lexicon()[lang]
    mult_items = sorted(lex["multipliers"].items(), key=lambda kv: -len(kv[0]))
    mult_alt = "|".join(re.escape(k) for k, _ in mult_items)
    pct_alt = "|".join(re.escape(p) for p in sorted(lex["percent"], key=len, reverse=True))
    months = lex["months"]
    month_alt = "|".join(
        re.escape(m) for m in sorted(months + lex.get("month_abbreviations", []), key=len, reverse=True)
    )
    joiners = lex.get("date_joiners", [])
    joiner = r"\s+(?:(?:" + "|".join(joiners) + r")\s+)?" if joiners else r"\s+"
    words = lex["words"]
    word_alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    flags = re.IGNORECASE
    day = r"(?P<day>[0-3]?\d)(?:\.|º|er|st|nd|rd|th)?"
    # Day-month: "9 de junio", "9 juin", "9. Juni", "1er mai", "9 June"
    day_month = re.compile(
        rf"(?<![\w.,]){day}{joiner}(?P<month>{month_alt})\.?(?:,?{joiner}(?P<year>\d{{4}}))?(?!\w)",
        flags,
    )
    # Month-day: "June 9", "June 9th, 2024" (English order)
    month_day = re.compile(
        rf"(?<!\w)(?P<month>{month_alt})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?(?![\w])",
        flags,
    )
    month_only = re.compile(rf"(?<!\w)(?P<month>{month_alt})(?!\w)", flags)
    multiplier = re.compile(rf"(?P<sp>\s?)(?P<mult>{mult_alt})(?!\w)", re.IGNORECASE) if mult_alt else None
    percent = re.compile(rf"\s?(?:{pct_alt})(?!\w)", re.IGNORECASE)
    word_num = re.compile(rf"(?<!\w)(?:{word_alt})(?!\w)", re.IGNORECASE)
    # "un billón", "a trillion", "mil millones" with no digits.
    articles = r"(?:un|una|uno|a|one|um|uma|ein|eine|einer|une|an|il|el|le|lo|o|the)"
    long_mults = "|".join(re.escape(k) for k, _ in mult_items if len(k) > 4)
    bare_multiplier = (
        re.compile(rf"(?<!\w)(?:{articles}\s+)?(?P<mult>{long_mults})(?!\w)", re.IGNORECASE)
        if long_mults
        else None
    )
    weekdays = [w.lower() for w in lex.get("weekdays", [])]
    suffix = r"\w*" if lang == "de" else ""
    weekday = re.compile(
        rf"(?<!\w)(?P<day>{'|'.join(re.escape(w) for w in weekdays)}){suffix}(?!\w)", re.IGNORECASE
    )
    return {
        "weekday": weekday,
        "weekdays": weekdays,
        "bare_multiplier": bare_multiplier,
        "day_month": day_month,
        "month_day": month_day if lang == "en" else None,
        "month_only": month_only,
        "months": [m for m in months],
        "abbr": lex.get("month_abbreviations", []),
        "multiplier": multiplier,
        "multipliers": {k.lower(): v for k, v in lex["multipliers"].items()},
        "percent": percent,
        "word_num": word_num,
        "words": {k.lower(): v for k, v in words.items()},
        "time_words": [w.lower() for w in lex["time_words"]],
        "time_before": re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(w) for w in lex.get("time_before", [])) + r")\s+$", re.IGNORECASE
        ) if lex.get("time_before") else None,
    }


def _month_number(name: str, pats: dict[str, Any]) -> int | None:
    low = name.lower().rstrip(".")
    if low in pats["months"]:
        return int(pats["months"].index(low)) + 1
    if low in pats["abbr"]:
        idx = pats["abbr"].index(low)
        return 9 if low == "sep" else idx + 1
    return None


def _english_month_ok(text: str, m: re.Match[str]) -> bool:
    """English "May"/"March" are months only when capitalised (else modal/verb)."""
    return m.group("month")[0].isupper()


def _time_context(text: str, start: int, end: int, pats: dict[str, Any]) -> bool:
    before = text[max(0, start - 12) : start].lower()
    after = text[end : end + 12].lower()
    words = pats["time_words"]
    for w in words:
        if re.match(rf"\s?{re.escape(w)}(?!\w)", after) or re.search(rf"(?<!\w){re.escape(w)}\s$", before):
            return True
    return False


def extract_quantities(text: str, lang: str) -> list[Quantity]:
    """Every quantity in `text`, left to right, read with `lang`'s conventions."""
    if lang not in LANGUAGES:
        lang = "en"
    pats = _patterns(lang)
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(q: Quantity) -> None:
        out.append(q)
        taken.append((q.start, q.end))

    # 1. Dates (they contain numbers that must not count on their own).
    for key in ("day_month", "month_day"):
        rx = pats[key]
        if rx is None:
            continue
        for m in rx.finditer(text):
            if lang == "en" and not _english_month_ok(text, m):
                continue
            if not free(m.start(), m.end()):
                continue
            month = _month_number(m.group("month"), pats)
            day = int(m.group("day"))
            if month is None or not 1 <= day <= 31:
                continue
            date_end = m.end("day") if key == "month_day" else m.end("month")
            add(Quantity(m.start(), date_end, text[m.start() : date_end],
                         frozenset({("date", month, day)}), "date"))
            if m.group("year"):
                ys, ye = m.span("year")
                add(Quantity(ys, ye, m.group("year"), frozenset({_num(int(m.group("year")))}), "number"))
    # 2. Clock times with minutes.
    for m in _CLOCK_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        sep = text[m.end(1)]
        hh, mm = int(m.group(1)), int(m.group(2))
        ctx = _time_context(text, m.start(), m.end(), pats)
        if sep == "." and not ctx:
            continue  # "10.30" without "horas"/"a.m." is a number
        values: set[Value] = set()
        after = text[m.end() : m.end() + 6].lower()
        if lang == "en" and re.match(r"\s?p\.?m\b", after) and hh < 12:
            values.add(("time", (hh + 12) * 60 + mm))
        elif lang == "en" and re.match(r"\s?a\.?m\b", after):
            values.add(("time", (hh % 12) * 60 + mm))
        else:
            values.add(("time", hh * 60 + mm))
            if lang == "en" and hh <= 12:
                values.add(("time", ((hh % 12) + 12) * 60 + mm))  # "10:30" may be evening
        t_end = m.end()
        if lang == "en":
            ampm = re.match(r"\s?[ap]\.?m\.?", text[t_end:], re.IGNORECASE)
            if ampm:
                t_end += ampm.end()
        add(Quantity(m.start(), t_end, text[m.start() : t_end], frozenset(values), "time"))
    # 3. Numbers with their multiplier / percent / hour unit.
    for m in _NUMBER_RE.finditer(text):
        s, e = m.span()
        if not free(s, e):
            continue
        token = m.group(0)
        # Glued to a letter or hyphen ("Su-35", "G7", "COVID-19"): an identifier, not a quantity.
        if s > 0 and (text[s - 1].isalpha() or (text[s - 1] == "-" and s > 1 and text[s - 2].isalpha())):
            continue
        if e < len(text) and text[e].isalpha() and not re.match(r"(?:bn|mn|m|k|pc|h|er|st|nd|rd|th|º|ª)(?!\w)", text[e:], re.I):
            continue
        vals = parse_digits(token, lang)
        if not vals:
            continue
        kind = "number"
        end = e
        rest = text[e:]
        mm_ = pats["multiplier"].match(rest) if pats["multiplier"] else None
        if mm_:
            word = mm_.group("mult").lower()
            short = len(word) <= 2 or word in ("bn", "mn")
            if short and mm_.group("sp"):
                mm_ = None  # "5 m" is metres; "5m" is millions
        if mm_:
            factor = pats["multipliers"][mm_.group("mult").lower()]
            vals = {v * factor for v in vals}
            end = e + mm_.end()
            kind = "amount"
        else:
            pm = pats["percent"].match(rest)
            if pm:
                end = e + pm.end()
                kind = "percent"
        # "a las 22 horas", "22 Uhr", "10 p.m."
        if kind == "number" and len(vals) == 1:
            v = next(iter(vals))
            after = text[e : e + 8].lower()
            if v == int(v) and 0 <= v <= 24:
                if lang == "en" and re.match(r"\s?([ap])\.?m\b", after):
                    h = int(v) % 12 + (12 if re.match(r"\s?p", after) else 0)
                    ampm = re.match(r"\s?[ap]\.?m\.?", text[e:], re.IGNORECASE)
                    t_end = e + (ampm.end() if ampm else 0)
                    add(Quantity(s, t_end, text[s:t_end], frozenset({("time", h * 60)}), "time"))
                    continue
                before = text[max(0, s - 15) : s]
                if lang != "en" and (
                    re.match(r"\s?(?:horas|hora|heures|heure|uhr|ore|h)\b", after)
                    or (pats["time_before"] is not None and pats["time_before"].search(before))
                ):
                    add(Quantity(s, e, token, frozenset({("time", int(v) * 60)}), "time"))
                    continue
        add(Quantity(s, end, text[s:end], frozenset(_num(v) for v in vals), kind))
    # 4. Spelled-out numbers ("once", "eleven"), possibly with a multiplier ("tres millones").
    for m in pats["word_num"].finditer(text):
        s, e = m.span()
        if not free(s, e):
            continue
        v = float(pats["words"][m.group(0).lower()])
        kind = "word"
        end = e
        mm_ = pats["multiplier"].match(text[e:]) if pats["multiplier"] else None
        if mm_ and mm_.group("sp") and len(mm_.group("mult")) > 2:
            v *= pats["multipliers"][mm_.group("mult").lower()]
            end = e + mm_.end()
            kind = "amount"
        add(Quantity(s, end, text[s:end], frozenset({_num(v)}), kind))
    # 4b. A multiplier with an article or alone ("un billón", "a trillion", "mil millones").
    if pats["bare_multiplier"] is not None:
        for m in pats["bare_multiplier"].finditer(text):
            s, e = m.span()
            word = m.group("mult").lower()
            has_article = m.start("mult") > s
            if not free(s, e) or not (has_article or " " in word):
                continue
            add(Quantity(s, e, m.group(0), frozenset({_num(pats["multipliers"][word])}), "amount"))
    # 5. A month on its own ("en junio" / "in June").
    for m in pats["month_only"].finditer(text):
        if lang == "en" and not _english_month_ok(text, m):
            continue
        if lang == "en" and m.group("month").lower() in ("may", "march") and not _month_context(text, m.start()):
            continue
        if not free(m.start(), m.end()):
            continue
        month = _month_number(m.group("month"), pats)
        if month is None or (lang == "en" and len(m.group("month")) <= 3 and m.group("month").lower() != "may"):
            continue
        add(Quantity(m.start(), m.end(), m.group(0), frozenset({("month", month)}), "month"))
    # 6. Weekdays ("el martes", "am Dienstagabend", "on Tuesday").
    for m in pats["weekday"].finditer(text):
        if not free(m.start(), m.end()):
            continue
        if lang == "en" and not m.group(0)[0].isupper():
            continue
        k = pats["weekdays"].index(m.group("day").lower())
        add(Quantity(m.start(), m.end(), m.group(0), frozenset({("weekday", k)}), "weekday"))
    out.sort(key=lambda q: q.start)
    return out


def _month_context(text: str, start: int) -> bool:
    """English "May"/"March" alone count as months only after "in"/"since"/"until"/"of"."""
    return bool(
        re.search(
            r"(?:\bin|\bsince|\buntil|\bof|\bby|\blast|\bnext|\bearly|\blate|\bmid-?)\s*$",
            text[:start],
            re.IGNORECASE,
        )
    )


def month_of(q: Quantity) -> int | None:
    for v in q.values:
        if v[0] in ("date", "month"):
            return int(v[1])
    return None


def compatible(src: Quantity, tgt: Quantity) -> bool:
    """Whether a source and a target quantity can be the same fact.

    A bare month agrees with a full date in that month (the translation may drop the day
    when the source repeats it); everything else must share a value.
    """
    if src.agrees(tgt):
        return True
    ms, mt = month_of(src), month_of(tgt)
    if ms is not None and mt is not None and ms == mt and ("month" in (src.kind, tgt.kind)):
        return True
    return False


def fold(s: str) -> str:
    """Lowercase without diacritics (shared with the name checks)."""
    return _fold(s)
