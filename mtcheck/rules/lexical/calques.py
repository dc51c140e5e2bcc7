"""The false-friend and calque lexicon (mtcheck/data/calques/<lang>.toml), merged across languages."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import TypeAlias

from mtcheck.cache import parsed_toml
from mtcheck.rules.base import SOURCE_LANGUAGES
from mtcheck.rules.lexical.literals import (
    Literals,
    Requirement,
    analyse_all,
    finditer_at,
    requirement_test,
)

LANGUAGE_NAMES = {
    "es": "Spanish",
    "fr": "French",
    "it": "Italian",
    "de": "German",
    "pt": "Portuguese",
}


# a pattern's index, its `requirement_test` and its prefixes (mtcheck.rules.lexical.literals)
_Analysed: TypeAlias = "tuple[int, Callable[[str], bool] | None, tuple[str, ...] | None]"


class LazyPatterns:
    """Regular expressions compiled on first use. Most calques never occur in a given text,
    and compiling every context pattern up front cost ~80 ms of each run's start-up. Where
    their literal text is known (`matches`, `finditers` with `lowered`), each pattern is
    compiled the first time a text holds that text: many never are."""

    __slots__ = ("_sources", "_one", "_literals", "_analysed")

    FLAGS = re.IGNORECASE | re.MULTILINE

    def __init__(self) -> None:
        self._sources: list[str] = []
        self._one: list[re.Pattern[str] | None] = []  # compiled so far, by index (`_pattern`)
        self._literals: list[Literals] | None = None  # set by CalqueLexicon.literals
        self._analysed: list[_Analysed] | None = None  # see `_analyse`

    def extend(self, sources: list[str]) -> None:
        self._sources.extend(sources)
        self._one = [None] * len(self._sources)
        self._literals = self._analysed = None

    def _pattern(self, k: int) -> re.Pattern[str]:
        """The k-th pattern, compiled now if it is not yet."""
        compiled = self._one[k]
        if compiled is None:
            compiled = self._one[k] = re.compile(self._sources[k], self.FLAGS)
        return compiled

    @property
    def sources(self) -> list[str]:
        return self._sources

    def __bool__(self) -> bool:
        return bool(self._sources)

    def __iter__(self) -> Iterator[re.Pattern[str]]:
        return iter([self._pattern(k) for k in range(len(self._sources))])

    def matches(self, text: str, lowered: str | None, start: int = 0, end: int = -1) -> bool:
        """Whether one of the patterns matches `text` (`pattern.search(text)` for any), or
        with `end` given, has a match overlapping text[start:end] (m.start() < end and
        m.end() > start for a match of `pattern.finditer(text)`). `lowered` as in
        `finditers`, whose matches these are, looked for without a generator per group."""
        if not self._sources:
            return False
        if lowered is None or self._literals is None:
            return self._matches_slow(text, start, end)
        one = self._one
        for k, test, prefixes in self._analyse():
            if test is not None and not test(lowered):  # satisfied(requirement, lowered)
                continue
            pattern = one[k] or self._pattern(k)
            if end < 0:
                if prefixes is None:
                    if pattern.search(text) is not None:
                        return True
                elif finditer_at(pattern, text, lowered, 0, len(text), prefixes):
                    return True
                continue
            found = (
                pattern.finditer(text) if prefixes is None
                else finditer_at(pattern, text, lowered, 0, len(text), prefixes)
            )
            for m in found:
                if m.start() < end and m.end() > start:
                    return True
        return False

    def _matches_slow(self, text: str, start: int, end: int) -> bool:
        for pattern in self:
            for m in pattern.finditer(text):
                if end < 0 or (m.start() < end and m.end() > start):
                    return True
        return False

    def _analyse(self) -> list[_Analysed]:
        """Each pattern's index with its `requirement_test` and prefixes."""
        if self._analysed is None:
            literals = self._literals or []
            self._analysed = [
                (k, requirement_test(lit.requirement), lit.prefixes)
                for k, lit in enumerate(literals)
            ]
            if len(self._analysed) != len(self._sources):
                raise ValueError("the literals are not those of the patterns")
        return self._analysed

    def finditers(self, text: str, lowered: str | None) -> Iterator[Iterable[re.Match[str]]]:
        """For each pattern, its matches in `text` (`pattern.finditer(text)`). With `lowered`
        (text.lower() with the same offsets, no CASE_TRAPS character), a pattern whose
        literal text `lowered` lacks is skipped (it cannot match), and one whose matches start
        with known literals is tried only where they occur (see mtcheck.rules.lexical.literals)."""
        if lowered is None or self._literals is None:
            for pattern in self:
                yield pattern.finditer(text)
            return
        for k, test, prefixes in self._analyse():
            if test is None or test(lowered):  # satisfied(literals.requirement, lowered)
                pattern = self._pattern(k)
                if prefixes is None:
                    yield pattern.finditer(text)
                else:
                    yield finditer_at(pattern, text, lowered, 0, len(text), prefixes)


@dataclass
class Calque:
    """One English word or phrase that a source-language word turns into by mistake."""

    key: str
    english: str
    meaning: str
    triggers: frozenset[str] = frozenset()
    case_sensitive: bool = False
    suggest: tuple[str, ...] = ()
    forms: dict[str, str] = field(default_factory=dict)
    confidence: float = 0.0
    error_confidence: float = 0.8
    topic_confidence: float = 0.8
    sources: dict[str, str] = field(default_factory=dict)  # language -> source word
    error: LazyPatterns = field(default_factory=LazyPatterns)  # must overlap the span
    clear: LazyPatterns = field(default_factory=LazyPatterns)  # must overlap the span
    topic: LazyPatterns = field(default_factory=LazyPatterns)  # anywhere in the sentence
    off_topic: LazyPatterns = field(default_factory=LazyPatterns)  # anywhere in the sentence

    def source_note(self, languages: frozenset[str]) -> str:
        """"Spanish 'actual', Italian 'attuale'" for the enabled languages."""
        return ", ".join(
            f"{LANGUAGE_NAMES[lang]} '{word}'"
            for lang, word in self.sources.items()
            if lang in languages
        )


@dataclass(frozen=True)
class CalqueLexicon:
    calques: tuple[Calque, ...]
    sources: tuple[str, ...]  # sources[i] is the regular expression that finds calques[i]
    by_trigger: dict[str, tuple[int, ...]]  # lowercase word -> indexes of calques it may start
    _compiled: dict[int, re.Pattern[str]] = field(default_factory=dict)
    _literals: list[Literals] = field(default_factory=list)
    _enabled: dict[frozenset[str], frozenset[int]] = field(default_factory=dict)

    def enabled(self, languages: frozenset[str]) -> frozenset[int]:
        """The indexes of the calques listed for at least one of `languages`."""
        found = self._enabled.get(languages)
        if found is None:
            found = self._enabled[languages] = frozenset(
                i for i, c in enumerate(self.calques) if c.sources.keys() & languages
            )
        return found

    def pattern(self, i: int) -> re.Pattern[str]:
        """The pattern for calques[i], compiled when a trigger word first occurs."""
        compiled = self._compiled.get(i)
        if compiled is None:
            compiled = self._compiled[i] = re.compile(self.sources[i], re.IGNORECASE)
        return compiled

    @cached_property
    def triggers(self) -> frozenset[str]:
        """All trigger words (by_trigger's keys)."""
        return frozenset(self.by_trigger)

    @cached_property
    def gates(self) -> tuple[tuple[str, ...] | None, ...]:
        """For each calque, texts one of which the lowercased text holds wherever its
        pattern matches, in any window (cheap to look for, and not held by the trigger words
        themselves), or None. Chosen among the pattern's prefixes and the parts of its
        required literal text (`literals`): those are needed for a match, so a text without
        any of the chosen ones has no match, and the calque is skipped before its trigger
        words are even located. Searching a text costs more the shorter the string (str.find
        skips ahead by about its length): the cheapest set of strings is chosen, and none
        when even that would cost more than locating the trigger words."""
        return tuple(_gate(self.literals(i), c.triggers) for i, c in enumerate(self.calques))

    def literals(self, i: int) -> Literals:
        """The literal text the pattern for calques[i] needs (mtcheck.rules.lexical.literals).
        The first call reads it for every pattern of the lexicon, context patterns included
        (LazyPatterns.finditers), from the user cache or by parsing them."""
        if not self._literals:
            groups = [g for c in self.calques for g in (c.error, c.clear, c.topic, c.off_topic)]
            found = analyse_all(
                [(src, re.IGNORECASE) for src in self.sources]
                + [(src, LazyPatterns.FLAGS) for g in groups for src in g.sources]
            )
            for g in groups:
                g._literals = [found[src, LazyPatterns.FLAGS] for src in g.sources]
            self._literals.extend(found[src, re.IGNORECASE] for src in self.sources)
        return self._literals[i]


# `CalqueLexicon.gate`: the most a gate may cost, in units of one `str.find` over the text
# for a string of about 1 character.
GATE_COST = 1.0


def _search_cost(strings: tuple[str, ...]) -> float:
    """About what looking for each of `strings` costs (str.find advances by about a quarter
    of a string's length at a time over English text)."""
    return sum(1.0 / (0.25 * len(s) + 0.75) for s in strings)


def _gate(literals: Literals, triggers: frozenset[str]) -> tuple[str, ...] | None:
    """See `CalqueLexicon.gate`: sets of strings one of which every match holds are the
    prefixes and each part of an "and" requirement made of strings; a set is of no use when
    every trigger word holds one of its strings (the trigger words occur)."""
    sets: list[tuple[str, ...]] = []
    if literals.prefixes is not None:
        sets.append(literals.prefixes)
    req = literals.requirement
    parts: list[Requirement] = []
    if isinstance(req, str) or (req is not None and req[0] == "or"):
        parts = [req]
    elif req is not None:
        parts = list(req[1])
    for part in parts:
        if isinstance(part, str):
            sets.append((part,))
        elif part is not None and part[0] == "or" and all(isinstance(p, str) for p in part[1]):
            sets.append(tuple(part[1]))  # type: ignore[arg-type]
    useful = [s for s in sets if not all(any(x in t for x in s) for t in triggers)]
    if not useful:
        return None
    best = min(useful, key=_search_cost)
    return best if _search_cost(best) <= GATE_COST else None


# How far around a trigger word a calque pattern may reach (its context words).
WINDOW_BEFORE = 80
WINDOW_AFTER = 120


@cache
def calque_lexicon() -> CalqueLexicon:
    by_key: dict[str, Calque] = {}
    order: list[str] = []
    pkg = resources.files("mtcheck.data.calques")
    for lang in SOURCE_LANGUAGES:
        res = pkg.joinpath(f"{lang}.toml")
        if not res.is_file():
            continue
        data = parsed_toml(res.read_text("utf-8"), f"calques-{lang}")
        for i, raw in enumerate(data.get("calque", ())):
            key = raw.get("id") or f"{lang}:{i}"
            entry = by_key.get(key)
            if entry is None:
                if "english" not in raw:
                    raise ValueError(f"calques/{lang}.toml: entry '{key}' has no pattern")
                entry = by_key[key] = Calque(
                    key=key,
                    english=raw["english"],
                    meaning=raw["meaning"],
                    triggers=frozenset(raw["trigger"].split()),
                    case_sensitive=bool(raw.get("case_sensitive", False)),
                    suggest=tuple(raw.get("suggest", ())),
                    forms={k.lower(): v for k, v in raw.get("forms", {}).items()},
                    confidence=float(raw.get("confidence", 0.0)),
                    error_confidence=float(raw.get("error_confidence", 0.8)),
                    topic_confidence=float(
                        raw.get("topic_confidence", raw.get("error_confidence", 0.8))
                    ),
                )
                order.append(key)
            entry.sources[lang] = raw["source"]
            entry.error.extend(raw.get("error", []))
            entry.clear.extend(raw.get("clear", []))
            entry.topic.extend(raw.get("topic", []))
            entry.off_topic.extend(raw.get("off_topic", []))
    calques = tuple(by_key[k] for k in order)
    patterns = []
    by_trigger: dict[str, list[int]] = {}
    for i, c in enumerate(calques):
        body = c.english if not c.case_sensitive else f"(?-i:{c.english})"
        patterns.append(rf"(?<![\w’'-])(?:{body})(?![\w’'-])")
        for t in c.triggers:
            by_trigger.setdefault(t, []).append(i)
    return CalqueLexicon(
        calques, tuple(patterns), {k: tuple(v) for k, v in by_trigger.items()}
    )
