"""The false-friend and calque lexicon (mtcheck/data/calques/<lang>.toml), merged across languages."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from mtcheck.rules.base import SOURCE_LANGUAGES

LANGUAGE_NAMES = {
    "es": "Spanish",
    "fr": "French",
    "it": "Italian",
    "de": "German",
    "pt": "Portuguese",
}


class LazyPatterns:
    """Regular expressions compiled on first use. Most calques never occur in a given text,
    and compiling every context pattern up front cost ~80 ms of each run's start-up."""

    __slots__ = ("_sources", "_compiled")

    def __init__(self) -> None:
        self._sources: list[str] = []
        self._compiled: list[re.Pattern[str]] | None = None

    def extend(self, sources: list[str]) -> None:
        self._sources.extend(sources)
        self._compiled = None

    def __bool__(self) -> bool:
        return bool(self._sources)

    def __iter__(self) -> Iterator[re.Pattern[str]]:
        if self._compiled is None:
            self._compiled = [re.compile(p, re.IGNORECASE | re.MULTILINE) for p in self._sources]
        return iter(self._compiled)


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

    def pattern(self, i: int) -> re.Pattern[str]:
        """The pattern for calques[i], compiled when a trigger word first occurs."""
        compiled = self._compiled.get(i)
        if compiled is None:
            compiled = self._compiled[i] = re.compile(self.sources[i], re.IGNORECASE)
        return compiled

    def occurrences(self, words: list[tuple[str, int]]) -> dict[int, list[int]]:
        """For each calque whose trigger occurs among `words` (lowercase word, offset), the
        offsets of its triggers, in file order."""
        found: dict[int, list[int]] = {}
        by_trigger = self.by_trigger
        for w, offset in words:
            for i in by_trigger.get(w, ()):
                found.setdefault(i, []).append(offset)
        return dict(sorted(found.items()))


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
        data = tomllib.loads(res.read_text("utf-8"))
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
