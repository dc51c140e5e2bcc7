"""The speech-verb lexicon shared by the MT3xx attribution rules (mtcheck/data/attribution)."""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from operator import itemgetter

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


def alternation_trie(forms: list[str] | frozenset[str] | tuple[str, ...]) -> str:
    """`alternation(forms)` grouped by first character: "a(?:dds|ffirms)|c(?:laims)|...".

    It matches the same text as `alternation`, trying the alternatives in the same order
    (forms with different first characters never match at the same place), but the regex
    engine tries one group per position instead of every form."""
    groups: dict[str, list[str]] = {}
    for form in sorted(forms, key=len, reverse=True):
        groups.setdefault(form[0], []).append(form[1:])
    return "|".join(
        re.escape(first) + "(?:%s)" % "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in rests)
        for first, rests in groups.items()
    )


# A leading group of plain words, not repeated: "(?:many|several) times".
_LEADING_GROUP = re.compile(r"\(\?:([a-z ]+(?:\|[a-z ]+)*)\)(?![?*+{])(.*)", re.DOTALL)


def _has_top_level_bar(regex: str) -> bool:
    """Whether `regex` has a "|" outside groups and character classes."""
    depth, i, n = 0, 0, len(regex)
    while i < n:
        c = regex[i]
        if c == "\\":
            i += 1
        elif c == "[":
            i += 1
            if i < n and regex[i] == "^":
                i += 1
            if i < n and regex[i] == "]":  # a "]" first in the class is a literal
                i += 1
            while i < n and regex[i] != "]":
                i += 2 if regex[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False


def grouped_alternation(alternatives: list[str] | tuple[str, ...]) -> tuple[str, str]:
    """A look-ahead for the first letters of some regex alternatives, and the alternatives
    grouped by first letter: ("(?=[ab])", "(?:a(?:x|y)|b(?:z))") for "ax", "ay", "bz".

    Placed together, they match the same strings as "(?:ax|ay|bz)", so they can stand for it
    where only whether (not how) a pattern matches counts, and the regex engine leaves most
    positions after one test instead of one per alternative. A leading group of plain words
    is spread out first ("(?:many|several) times" -> "many times", "several times"); where an
    alternative still does not start with a letter the look-ahead is "" and the group plain.
    """
    spread: list[str] = []
    for alt in alternatives:
        m = _LEADING_GROUP.fullmatch(alt)
        if m:
            spread.extend(f"{word}{m.group(2)}" for word in m.group(1).split("|"))
        else:
            spread.append(alt)
    if any(not alt[:1].isascii() or not alt[:1].isalpha() or _has_top_level_bar(alt) for alt in spread):
        return "", "(?:%s)" % "|".join(alternatives)
    groups: dict[str, list[str]] = {}
    for alt in spread:
        groups.setdefault(alt[0], []).append(alt[1:])
    body = "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())
    return f"(?=[{''.join(groups)}])", f"(?:{body})"


class SentenceIndex:
    """Finds the sentence around an offset; build it only once a candidate turns up."""

    def __init__(self, doc: Document) -> None:
        self.sentences = doc.sentences

    def at(self, offset: int) -> Segment | None:
        # bisect on the sentences' start offsets (no list of them is built)
        i = bisect.bisect_right(self.sentences, offset, key=_start) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None


_start = itemgetter(0)


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
