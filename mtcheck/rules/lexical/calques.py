"""The false-friend and calque lexicon (mtcheck/data/calques/<lang>.toml), merged across languages."""

from __future__ import annotations

import re
import tomllib
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
    error: list[re.Pattern[str]] = field(default_factory=list)  # must overlap the span
    clear: list[re.Pattern[str]] = field(default_factory=list)  # must overlap the span
    topic: list[re.Pattern[str]] = field(default_factory=list)  # anywhere in the sentence
    off_topic: list[re.Pattern[str]] = field(default_factory=list)  # anywhere in the sentence

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
    patterns: tuple[re.Pattern[str], ...]  # patterns[i] finds calques[i]
    by_trigger: dict[str, tuple[int, ...]]  # lowercase word -> indexes of calques it may start

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


def _compile_all(patterns: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(p, re.IGNORECASE | re.MULTILINE) for p in patterns]


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
            entry.error.extend(_compile_all(raw.get("error", [])))
            entry.clear.extend(_compile_all(raw.get("clear", [])))
            entry.topic.extend(_compile_all(raw.get("topic", [])))
            entry.off_topic.extend(_compile_all(raw.get("off_topic", [])))
    calques = tuple(by_key[k] for k in order)
    patterns = []
    by_trigger: dict[str, list[int]] = {}
    for i, c in enumerate(calques):
        body = c.english if not c.case_sensitive else f"(?-i:{c.english})"
        patterns.append(re.compile(rf"(?<![\w’'-])(?:{body})(?![\w’'-])", re.IGNORECASE))
        for t in c.triggers:
            by_trigger.setdefault(t, []).append(i)
    return CalqueLexicon(
        calques, tuple(patterns), {k: tuple(v) for k, v in by_trigger.items()}
    )
