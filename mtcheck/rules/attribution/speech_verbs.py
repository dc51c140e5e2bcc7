"""The speech-verb lexicon shared by the MT3xx attribution rules (mtcheck/data/attribution)."""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from mtcheck.document import Document, Segment


@dataclass(frozen=True, slots=True)
class SpeechVerb:
    form: str  # the form found in the text ("has counted" -> "counted")
    past: str  # the simple past English wire copy uses instead
    weight: float  # prior that the construction is a calque


@dataclass(frozen=True, slots=True)
class SpeechLexicon:
    perfect: dict[str, SpeechVerb]
    inverted: dict[str, SpeechVerb]
    trailing: frozenset[str]
    object_verbs: frozenset[str]
    agents: frozenset[str]
    time_markers: tuple[str, ...]
    durative_before: frozenset[str]
    durative_after: tuple[str, ...]


def _verbs(table: dict[str, dict[str, object]]) -> dict[str, SpeechVerb]:
    return {
        form: SpeechVerb(form, str(v["past"]), float(v["weight"]))  # type: ignore[arg-type]
        for form, v in table.items()
    }


@cache
def speech_lexicon() -> SpeechLexicon:
    raw = resources.files("mtcheck.data.attribution").joinpath("speech_verbs.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    return SpeechLexicon(
        perfect=_verbs(data["perfect"]),
        inverted=_verbs(data["inverted"]),
        trailing=frozenset(data["trailing"]["past"].split()),
        object_verbs=frozenset(data["objects"]["verbs"].split()),
        agents=frozenset(data["agents"]["nouns"].split()),
        time_markers=tuple(data["time"]["markers"]),
        durative_before=frozenset(data["durative"]["before"].split()),
        durative_after=tuple(data["durative"]["after"]),
    )


def alternation(forms: list[str] | frozenset[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal forms, longest first, spaces matching any whitespace."""
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True))


class SentenceIndex:
    """Finds the sentence around an offset; build it only once a candidate turns up."""

    def __init__(self, doc: Document) -> None:
        self.sentences = doc.sentences
        self._starts = [s.start for s in self.sentences]

    def at(self, offset: int) -> Segment | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None


def is_headline(doc: Document, seg: Segment) -> bool:
    """A block of one short line without final punctuation: headline style uses its own tenses."""
    line_end = doc.text.find("\n", seg.start)
    line_end = len(doc.text) if line_end == -1 else line_end
    line_start = doc.text.rfind("\n", 0, seg.start) + 1
    line = doc.text[line_start:line_end].strip()
    return len(line) < 160 and not line.endswith((".", "”", '"', "?", "!", ":", "»"))


def match_case(template: str, replacement: str) -> str:
    """`replacement` capitalised like `template`."""
    if template[:1].isupper() and replacement:
        return replacement[0].upper() + replacement[1:]
    return replacement
