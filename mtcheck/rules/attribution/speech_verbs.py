"""The speech-verb lexicon shared by the MT3xx attribution rules (mtcheck/data/attribution)."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from mtcheck.cache import parsed_toml

# (the private names are how `Document.blocks` and `Document.sentences` split a text: the
# lookups below split only around an offset, and must split exactly as they do)
from mtcheck.document import (
    Document,
    Segment,
    is_abbreviation_stop,
    is_soft_wrap,
)


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
    settings: frozenset[str]  # MT302: nouns of a speech event's setting ("appearance", "court")
    object_verbs: frozenset[str]
    agents: frozenset[str]
    time_markers: tuple[str, ...]
    durative_before: frozenset[str]
    durative_after: tuple[str, ...]
    # perfect forms that are a calque with a plain object too (frames, "let know")
    strong_objects: frozenset[str] = frozenset()
    # MT301's perfect forms: `perfect` and the frames spelled out ("wanted to underline"),
    # which MT302 leaves out (their last words, "say", "add", "note", are everyday verbs)
    perfect_framed: dict[str, SpeechVerb] | None = None


def _framed(frames: dict[str, Any]) -> dict[str, SpeechVerb]:
    """The [frames] table spelled out: "wanted to" + "underline" -> "wanted to underline"."""
    weight = float(frames["weight"])
    return {
        f"{prefix} {base}": SpeechVerb(f"{prefix} {base}", str(past), weight)
        for prefix in frames["prefixes"]
        for base, past in frames["bases"].items()
    }


def _phrases(listing: str) -> frozenset[str]:
    """A "|"-separated list of multi-word forms (line breaks ignored)."""
    return frozenset(f.strip() for f in listing.replace("\n", "").split("|") if f.strip())


def _verbs(table: dict[str, dict[str, object]]) -> dict[str, SpeechVerb]:
    return {
        form: SpeechVerb(form, str(v["past"]), float(v["weight"]))  # type: ignore[arg-type]
        for form, v in table.items()
    }


def _lexicon_data() -> dict[str, Any]:
    """speech_verbs.toml, parsed (kept as JSON in the user cache: `parsed_toml`)."""
    raw = resources.files("mtcheck.data.attribution").joinpath("speech_verbs.toml").read_text("utf-8")
    return parsed_toml(raw, "speech-verbs")


@cache
def speech_lexicon() -> SpeechLexicon:
    data = _lexicon_data()
    framed = _framed(data["frames"])
    strong = _phrases(data["strong_objects"]["forms"])
    return SpeechLexicon(
        perfect=(perfect := _verbs(data["perfect"])),
        perfect_framed={**perfect, **framed},
        inverted=_verbs(data["inverted"]),
        trailing=frozenset(data["trailing"]["past"].split()),
        settings=frozenset(data["trailing"]["settings"].split()),
        object_verbs=frozenset(data["objects"]["verbs"].split()) | _phrases(data["objects"]["phrases"]),
        agents=frozenset(data["agents"]["nouns"].split()),
        time_markers=tuple(data["time"]["markers"]),
        durative_before=frozenset(data["durative"]["before"].split()),
        durative_after=tuple(data["durative"]["after"]),
        strong_objects=strong | frozenset(framed),
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


class WordSearch:
    r"""Whether a pattern that opens with r"\b" and a word character is found in a text:
    `found(text)` is `pattern.search(text) is not None`, answered faster.

    The regex engine tries a pattern that opens with r"\b" at every position of the text
    (a word boundary is not a character it can scan for), and a Unicode word test there
    costs more than the match. A match starts at the text's start or right after a
    non-word character (the boundary before its first, word, character), so the pattern
    is matched at the start, and searched for with r"\W" in place of r"\b": that opens
    with a character class, which the engine skips to at C speed. Only whether, not where,
    it matches is kept."""

    __slots__ = ("first", "after")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        if not pattern.pattern.startswith(r"\b"):
            raise ValueError(f"not a word-start pattern: {pattern.pattern[:40]}")
        self.first = pattern
        self.after = re.compile(r"\W" + pattern.pattern[2:], pattern.flags)

    def found(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        r"""`pattern.search(text, pos, endpos) is not None` (a match that starts at `pos`
        reads the character before it for its r"\b", one after it the r"\W")."""
        return self.first.match(text, pos, endpos) is not None or self.after.search(text, pos, endpos) is not None


class SentenceIndex:
    """The sentence of `doc.sentences` that holds an offset, found without splitting the
    document: `at(offset)` is `sentence_at(doc, offset)`, with what it needs of the
    document read once."""

    __slots__ = ("text", "marks")

    def __init__(self, doc: Document) -> None:
        self.text = text = doc.text
        # the sentence-ending marks the document has (most have only the full stop)
        self.marks = tuple(c for c in _TERMINALS if c in text)

    def at(self, offset: int) -> Segment | None:
        """See `sentence_at`."""
        text = self.text
        n = len(text)
        start = text.rfind("\n", 0, offset) + 1
        end = text.find("\n", offset)
        if end == -1:
            end = n
        if (
            start < end
            and (start < 2 or text[start - 2] == "\n")
            and (end + 1 >= n or text[end + 1] == "\n")
            and not text[start].isspace()
            and not text[end - 1].isspace()
        ):
            # most lines: a block of their own (empty lines around them, no spaces at their ends)
            if offset >= end:
                return None
        else:
            block = _block_at(text, offset)
            if block is None:
                return None
            start, end = block
        first = self._last_stop(start, end, offset)
        last = self._next_stop(start, end, offset)
        while first < last and text[first].isspace():
            first += 1
        if first <= offset < last:
            # (built as `Document` builds them: a NamedTuple's own __new__ is Python code)
            return tuple.__new__(Segment, (first, last, text[first:last]))
        return None

    def _last_stop(self, start: int, end: int, offset: int) -> int:
        """Where the last sentence end of the block `text[start:end]` at or before `offset`
        ends (`start` where none does)."""
        text, marks = self.text, self.marks
        before = offset
        while True:
            if len(marks) == 1:
                mark = text.rfind(marks[0], start, before)
            else:
                mark = max([text.rfind(c, start, before) for c in marks]) if marks else -1
            if mark == -1:
                return start
            while mark > start and text[mark - 1] in _TERMINALS:
                mark -= 1
            stop = _stop(text, start, end, mark)[1]
            if stop != -1 and stop <= offset:
                return stop
            before = mark

    def _next_stop(self, start: int, end: int, offset: int) -> int:
        """Where the first sentence end of the block `text[start:end]` after `offset` ends
        (`end` where none does)."""
        text, marks = self.text, self.marks
        # a sentence end that holds the offset starts in the run of marks around it
        pos = offset
        while pos > start and text[pos - 1] in _MARKS:
            pos -= 1
        while True:
            if len(marks) == 1:
                mark = text.find(marks[0], pos, end)
            else:
                found = [i for i in [text.find(c, pos, end) for c in marks] if i != -1]
                mark = min(found) if found else -1
            if mark == -1:
                return end
            pos, stop = _stop(text, start, end, mark)
            if stop > offset:
                return stop


def sentence_index(doc: Document) -> SentenceIndex:
    """The `SentenceIndex` of `doc`, shared by the rules that look up sentences in it
    (built once per document: finding the marks it has reads the whole text)."""
    return doc.derived(SentenceIndex)


def sentence_at(doc: Document, offset: int) -> Segment | None:
    """The sentence of `doc.sentences` that holds `offset` (None where no sentence does).

    The rules look up a few candidates per document, so only the text around the offset is
    read, the way `Document.sentences` splits each block of `Document.blocks`:
    `doc.sentences` is the concatenation of those splits and its sentences lie inside their
    blocks, so the sentence that holds the offset is the one the split of the block that
    holds it has there, and there is none where no block holds it. In the block the
    sentence runs from the last sentence end at or before the offset (or the block's start)
    to the first one after it (or the block's end), without the spaces it starts with (it
    ends in a mark, or at the block's end, which is not a space). (`SentenceIndex` looks
    up several.)"""
    return SentenceIndex(doc).at(offset)


def _block_at(text: str, offset: int) -> tuple[int, int] | None:
    """(start, end) of the block of `Document.blocks` that holds `offset`, or None.

    `Document.blocks` joins a non-blank line to the block of the line before when that one
    is not blank and `is_soft_wrap` holds for the two lines (stripped): a test on the two
    lines alone, so the block is found by walking out from the offset's line. A block runs
    from the first non-space character of its first line to the last of its last line."""
    n = len(text)
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    if end == -1:
        end = n
    # (an offset on a line break is taken with the line it ends: it is inside the block only
    # where the next line continues it)
    here = text[start:end].strip()
    if not here:
        return None
    first, cur = start, here
    while first > 0 and first != 1 and text[first - 2] != "\n":  # the line before is not empty
        prev_start = text.rfind("\n", 0, first - 1) + 1
        prev = text[prev_start : first - 1].strip()
        if not prev or not is_soft_wrap(prev, cur):
            break
        first, cur = prev_start, prev
    # (the first non-space character of a line is the first of its stripped text's first
    # character from the line's start: the spaces before it are not that character)
    block_start = text.find(cur[0], first)
    last, cur = start, here
    while end < n and end + 1 != n and text[end + 1] != "\n":  # the line after is not empty
        next_end = text.find("\n", end + 1)
        if next_end == -1:
            next_end = n
        nxt = text[end + 1 : next_end].strip()
        if not nxt or not is_soft_wrap(cur, nxt):
            break
        last, end, cur = end + 1, next_end, nxt
    block_end = text.find(cur[0], last) + len(cur)
    if block_start <= offset < block_end:
        return block_start, block_end
    return None


# How `split_sentences` ends a sentence (`document._SENTENCE_END_RE`): a run of these marks,
# the closing marks after it, then a space or the end of the block; unless the run starts
# with a full stop that `is_abbreviation_stop` takes for an abbreviation's. The regex
# scan meets each run at its first mark (a match never starts inside a run: the rest of the
# run is followed by what follows the whole run), so the ends are found from the marks with
# `str.find`, which the regex engine's scan is much slower than. Blocks start and end next
# to a space (or the text's ends): their runs are the same in the whole text.
_TERMINALS = ".!?…"
_CLOSERS = "\"'”’»)]"
_MARKS = frozenset(_TERMINALS + _CLOSERS)


def _stop(text: str, start: int, end: int, mark: int) -> tuple[int, int]:
    """(end of the run of marks at `mark`, end of the sentence end there or -1), in the
    block `text[start:end]`; `mark` is the first mark of its run."""
    after = mark + 1
    while after < end and text[after] in _TERMINALS:
        after += 1
    stop = after
    while stop < end and text[stop] in _CLOSERS:
        stop += 1
    if stop < end and not text[stop].isspace():
        return after, -1
    # (`is_abbreviation_stop` reads the block back from the dot over letters, digits and
    # full stops, and a few characters either side: the block's neighbours in the text are
    # spaces, which stop and fail these tests as its ends do)
    if text[mark] == "." and is_abbreviation_stop(text, mark):
        return after, -1
    return after, stop


def is_headline(doc: Document, seg: Segment) -> bool:
    """A block of one short line without final punctuation: headline style uses its own tenses."""
    text = doc.text
    line_end = text.find("\n", seg.start)
    if line_end == -1:
        line_end = len(text)
    line_start = text.rfind("\n", 0, seg.start) + 1
    if line_end - line_start >= 160 and not text[line_start].isspace() and not text[line_end - 1].isspace():
        return False  # a long line with no spaces to strip (most paragraphs): not copied
    line = text[line_start:line_end].strip()
    return len(line) < 160 and not line.endswith((".", "”", '"', "?", "!", ":", "»"))


def match_case(template: str, replacement: str) -> str:
    """`replacement` capitalised like `template`."""
    if template[:1].isupper() and replacement:
        return replacement[0].upper() + replacement[1:]
    return replacement
