"""The checked document: the reader view of a file plus the map back to original offsets."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, compress, repeat
from operator import itemgetter
from typing import Any, NamedTuple, TypeVar, overload

T = TypeVar("T")


class Segment(NamedTuple):
    """A span of the reader view (`Document.text`), end-exclusive.

    A named tuple: documents create one per word, so construction cost matters.
    """

    start: int
    end: int
    text: str


class WordView(Sequence[Segment]):
    """The words of a document as a sequence whose Segments are built when read.

    Rules that look at a few candidate positions (found in `Document.lowered_words`) read
    them here and skip building one tuple per word of the document."""

    __slots__ = ("_starts", "_ends", "_texts")

    def __init__(self, starts: list[int], ends: list[int], texts: list[str]) -> None:
        self._starts, self._ends, self._texts = starts, ends, texts

    def __len__(self) -> int:
        return len(self._texts)

    @overload
    def __getitem__(self, i: int) -> Segment: ...
    @overload
    def __getitem__(self, i: slice) -> list[Segment]: ...
    def __getitem__(self, i: int | slice) -> Segment | list[Segment]:
        if isinstance(i, slice):
            return [Segment(*w) for w in zip(self._starts[i], self._ends[i], self._texts[i], strict=True)]
        # tuple.__new__ skips the Python-level __new__ of a NamedTuple
        return tuple.__new__(Segment, (self._starts[i], self._ends[i], self._texts[i]))


@dataclass(frozen=True, slots=True)
class Directive:
    """An inline suppression comment found by a reader (`mtcheck-disable` ...)."""

    kind: str  # "disable", "enable" or "disable-next-line"
    codes: tuple[str, ...]  # empty: every code
    start: int  # offsets of the comment in the original text
    end: int


class OffsetMap:
    """Maps reader-view offsets to original offsets.

    The reader view is a concatenation of runs. A verbatim run copies original text
    character for character; a synthetic run (a decoded entity, a paragraph break the
    reader inserted) stands for an original span of any length.
    """

    __slots__ = ("_view_starts", "_orig_starts", "_orig_ends", "_verbatim", "_length")

    def __init__(self) -> None:
        self._view_starts: list[int] = []
        self._orig_starts: list[int] = []
        self._orig_ends: list[int] = []
        self._verbatim: list[bool] = []
        self._length = 0

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        m = cls()
        m.add(length, 0, length, verbatim=True)
        return m

    def add(self, view_length: int, orig_start: int, orig_end: int, *, verbatim: bool) -> None:
        if view_length <= 0:
            return
        if (
            verbatim
            and self._verbatim
            and self._verbatim[-1]
            and self._orig_ends[-1] == orig_start
        ):
            self._orig_ends[-1] = orig_end
        else:
            self._view_starts.append(self._length)
            self._orig_starts.append(orig_start)
            self._orig_ends.append(orig_end)
            self._verbatim.append(verbatim)
        self._length += view_length

    def _position(self, offset: int, *, is_end: bool) -> int:
        if not self._view_starts:
            return 0
        probe = offset - 1 if is_end and offset > 0 else offset
        i = bisect.bisect_right(self._view_starts, probe) - 1
        i = max(0, min(i, len(self._view_starts) - 1))
        if self._verbatim[i]:
            return self._orig_starts[i] + (offset - self._view_starts[i])
        return self._orig_ends[i] if is_end else self._orig_starts[i]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if len(self._verbatim) == 1 and self._verbatim[0]:
            # One verbatim run (plain text): `_position` finds it for every offset, so an
            # offset maps to the run's original start plus the offset (the run starts at 0).
            ostart = self._orig_starts[0] + start
            return (ostart, ostart + end - start) if end > start else (ostart, ostart)
        ostart = self._position(start, is_end=False)
        oend = self._position(end, is_end=True) if end > start else ostart
        return ostart, max(ostart, oend)


class TextBuilder:
    """Assembles a reader view from pieces of the original text (used by readers)."""

    def __init__(self, original: str) -> None:
        self.original = original
        self._parts: list[str] = []
        self.map = OffsetMap()

    def copy(self, start: int, end: int) -> None:
        """Append original[start:end] verbatim."""
        if end > start:
            self._parts.append(self.original[start:end])
            self.map.add(end - start, start, end, verbatim=True)

    def insert(self, text: str, orig_start: int, orig_end: int) -> None:
        """Append `text` standing for original[orig_start:orig_end]."""
        if text:
            self._parts.append(text)
            self.map.add(len(text), orig_start, orig_end, verbatim=False)

    def ends_with(self, suffix: str) -> bool:
        joined = "".join(self._parts[-3:])
        return joined.endswith(suffix)

    def is_empty(self) -> bool:
        return not self._parts

    def break_block(self, at: int) -> None:
        """End the current block: make sure the view ends with a blank line."""
        if self.is_empty():
            return
        tail = "".join(self._parts[-3:])
        if tail.endswith("\n\n"):
            return
        self.insert("\n" if tail.endswith("\n") else "\n\n", at, at)

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self._parts), self.map


class LineIndex:
    """1-based line/column lookup over a text (lines end at LF; a CR before it is content)."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        # A line starts after each line break: the lengths of the lines plus one, summed.
        starts = list(accumulate(map((1).__add__, map(len, text.split("\n"))), initial=0))
        starts.pop()  # where a line after the last would start
        self._starts = starts

    @classmethod
    def from_starts(cls, starts: list[int]) -> LineIndex:
        """The index whose lines start at `starts` (0 first, ascending)."""
        index = cls.__new__(cls)
        index._starts = starts
        return index

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]

    def line_count(self) -> int:
        return len(self._starts)


# A word: letters and digits joined by inner apostrophes or hyphens. A capturing split:
# the text between words and the words alternate, so offsets come from summing lengths at
# C level instead of one match object per word.
_WORD_SPLIT_RE = re.compile(r"(\w+(?:['’-]\w+)*)")
# Runs of such words that single spaces separate (see `Document._word_split`). It opens with
# a class, not a repeat, so `re` skips to the next word character at C speed; possessive:
# the words end where `_WORD_SPLIT_RE` ends them, giving back would not change that.
_WORD_RUN_RE = re.compile(r"(\w\w*+(?:[ '’-]\w++)*+)")
# Capitals of Latin-1 and Latin Extended-A/B; the extended ranges mix cases, so words found
# with a lowercase first letter there are dropped by the rules (`str.isupper`).
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ɏ"
# A capitalised word as `Document.words` delimits words (letters and digits joined by
# apostrophes or hyphens), not inside another word, without a possessive ending
# ("Jarkov's" -> "Jarkov"). The capital is matched before the look-behind so that the scan
# stays a cheap C-level pass; rules work on the distinct words and locate the few they
# report, instead of looping over every word in Python.
CAP_WORD_RE = re.compile(rf"[{_UPPER}](?<![\w'’\-].)[^\W_]*(?:['’](?!s\b)[^\W_]+|-[^\W_]+)*")
# The same, with the capitalised word that follows after one space (a first name and its
# surname), in one scan: findall gives (word, next word or "").
_CAP_WORD_NEXT_RE = re.compile(
    rf"({CAP_WORD_RE.pattern})(?: (?=([{_UPPER}][^\W_]*(?:-[^\W_]+)*)))?"
)
_TERMINAL = ".!?…"
_CLOSERS = "\"'”’»)]"
# Abbreviations after which a full stop does not end a sentence (wire-copy usage).
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col capt sgt maj cmdr adm gov sen rep rev st mt ft jr sr
    no vs etc approx dept est fig inc ltd co corp bros univ govt jan feb mar apr jun jul aug
    sep sept oct nov dec a.m p.m u.s u.k u.n e.u i.e e.g al""".split()
)
_LONGEST_ABBREVIATION = max(len(a) for a in _ABBREVIATIONS)


def _abbreviation_stop_candidates_re() -> re.Pattern[str]:
    """Full stops that `is_abbreviation_stop` may accept (a superset), in one scan.

    It accepts a stop only when the token before it (letters, digits and full stops) is an
    abbreviation, a capital initial or dotted initials of one or two characters a part, so
    the run of letters and digits right before the stop is at most two long, or is an
    abbreviation without a full stop lowercased. Each of those letters is matched with both
    its cases and the Kelvin sign, every character whose lowercase is an ASCII letter.
    The pattern opens with the literal full stop, so `re` finds the stops at C speed, and
    looks back from each; grouped by first letter, an alternative is skipped on one test."""
    def either_case(word: str) -> str:
        return "".join(f"[{c.upper()}{c}{kelvin if c == 'k' else ''}]" for c in word)

    kelvin = "\u212a"

    by_length: dict[int, dict[str, list[str]]] = {}
    for abbreviation in sorted(_ABBREVIATIONS):
        if "." not in abbreviation and len(abbreviation) > 2:
            first = by_length.setdefault(len(abbreviation), {})
            first.setdefault(abbreviation[0], []).append(either_case(abbreviation[1:]))
    behind = [r"(?<![^\W_]{3}\.)"]  # a run of at most two (or none: the check says no)
    for _, firsts in sorted(by_length.items()):
        words = "|".join(f"{either_case(c)}(?:{'|'.join(rest)})" for c, rest in firsts.items())
        behind.append(rf"(?<=(?<![^\W_])(?:{words})\.)")
    return re.compile(r"\.(?:" + "|".join(behind) + ")")


_ABBREVIATION_STOP_CANDIDATES_RE = _abbreviation_stop_candidates_re()
# One alternative that starts with the mark: the regex engine then skips to the next mark
# at C speed (two alternatives made it try every position).
# `Document.sentences` searches a copy of the text with every mark made a full stop (same
# offsets): a pattern that opens with one literal is searched for at C speed, one that
# opens with a class or a repeat is tried at every position. Possessive: giving back a mark
# or closer leaves a mark or closer next, never whitespace or the end, so it cannot match.
_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?:(?=\s)|$)")  # the reference
_STOP_END_RE = re.compile(r"\.\.*+([\"'”’»)\]]*+)(?:(?=\s)|$)\s*+")  # group 1 ends the sentence
_LIST_MARK_RE = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s")


@dataclass
class Document:
    """A file as the rules see it.

    `original` is the decoded file text; `text` is the reader view (markup removed,
    CRLF folded to LF) that rules and the model read. Rules report offsets into `text`;
    `to_original` maps them back.
    """

    path: str
    original: str
    text: str
    format: str = "text"
    offsets: OffsetMap | None = None
    directives: tuple[Directive, ...] = ()
    # Where the body starts in `text`: before it are metadata values (front-matter title,
    # description) that legitimately repeat the headline.
    body_start: int = 0
    quote_spans_cache: list[tuple[int, int]] | None = field(default=None, repr=False)
    _derived: dict[Hashable, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> Document:
        """A plain-text document whose reader view is the text itself."""
        return cls(path=path, original=text, text=text, format="text")

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if self.offsets is None:
            return start, end
        return self.offsets.to_original(start, end)

    def derived(self, compute: Callable[..., T], *args: Hashable) -> T:
        """`compute(self, *args)`, worked out once per document and kept with it.

        For data that one family of rules shares and `Document` need not know about (the
        structure rules' word tags, the number rules' digit map): it lives with the
        document rather than in module state, so rules stay pure and documents can be
        checked in any order, or in several threads at once. `compute` must depend only on
        the document and `args`."""
        key = (compute, *args)
        try:
            return self._derived[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._derived[key] = compute(self, *args)
            return value

    @cached_property
    def line_index(self) -> LineIndex:
        """Line index over the original text."""
        if self.original is self.text:  # (plain text without CR) the lines' starts
            return LineIndex.from_starts(self._line_split[1][:-1])
        return LineIndex(self.original)

    @cached_property
    def _line_split(self) -> tuple[list[str], list[int]]:
        """The lines of the reader view and where each starts, plus where a next would."""
        raws = self.text.split("\n")
        return raws, list(accumulate(map((1).__add__, map(len, raws)), initial=0))

    @cached_property
    def lines(self) -> list[Segment]:
        """Lines of the reader view, without their line break; blank lines included."""
        raws, starts = self._line_split
        ends = map((-1).__add__, starts[1:])  # a line ends where the next starts, less the break
        return list(map(tuple.__new__, repeat(Segment), zip(starts, ends, raws, strict=False)))  # starts: one more

    @cached_property
    def stripped_lines(self) -> list[str]:
        """Each line's text stripped of surrounding whitespace ("" for a blank line),
        parallel to `lines` (the line-based debris rules all read it)."""
        return list(map(str.strip, self._line_split[0]))

    @cached_property
    def blocks(self) -> list[Segment]:
        """Paragraph-like blocks: runs of lines joined where a line was soft-wrapped."""
        raws, line_starts = self._line_split
        stripped_lines = self.stripped_lines
        starts: list[int] = []
        ends: list[int] = []
        previous = -2
        prev_text = ""
        for i in compress(range(len(stripped_lines)), stripped_lines):  # the lines not blank
            stripped = stripped_lines[i]
            raw = raws[i]
            start = line_starts[i]
            if raw[0].isspace():
                start += len(raw) - len(raw.lstrip())
            if i == previous + 1 and is_soft_wrap(prev_text, stripped):
                ends[-1] = start + len(stripped)
            else:
                starts.append(start)
                ends.append(start + len(stripped))
            previous = i
            prev_text = stripped
        texts = map(self.text.__getitem__, map(slice, starts, ends))
        return list(map(tuple.__new__, repeat(Segment), zip(starts, ends, texts, strict=True)))

    @cached_property
    def sentences(self) -> list[Segment]:
        """Sentences of the reader view (a full stop followed by lowercase still splits).

        The same sentences as `split_sentences` on each block, in one scan of the whole
        text: every sentence end lies inside a block (its marks are not whitespace), and a
        block is bounded by whitespace or the ends of the text, so the end pattern (which
        tests for whitespace or the end after the marks) and `is_abbreviation_stop` (which
        reads back over letters, digits and full stops, and ahead for "space, capital") see
        the same in the whole text as in the block; the end of a block closes the sentence
        it holds. The scan eats the whitespace after an end, so the next sentence starts
        where the match ends (`strip` done by the pattern)."""
        text = self.text
        blocks = self.blocks
        if not blocks:
            return []
        starts: list[int] = []
        ends: list[int] = []
        last_block = len(blocks) - 1
        b = 0
        start, block_end = blocks[0][0], blocks[0][1]
        # Every mark made a full stop, same offsets: see `_STOP_END_RE`.
        marks = text.replace("!", ".").replace("?", ".").replace("…", ".")
        # The only stops `is_abbreviation_stop` may accept (few; most stops end a word).
        maybe_abbreviations = {m.start() for m in _ABBREVIATION_STOP_CANDIDATES_RE.finditer(text)}
        for m in _STOP_END_RE.finditer(marks):
            (dot, after), (_, end) = m.regs
            if dot >= block_end:
                while True:  # close the blocks before this mark
                    if start < block_end:  # the block's text after its last sentence end
                        starts.append(start)
                        ends.append(block_end)
                    b += 1
                    start, block_end = blocks[b][0], blocks[b][1]
                    if dot < block_end:
                        break
            if dot in maybe_abbreviations and is_abbreviation_stop(text, dot):
                continue
            starts.append(start)
            ends.append(end)
            start = after
        while True:
            if start < block_end:
                starts.append(start)
                ends.append(block_end)
            if b == last_block:
                break
            b += 1
            start, block_end = blocks[b][0], blocks[b][1]
        texts = map(text.__getitem__, map(slice, starts, ends))
        return list(map(tuple.__new__, repeat(Segment), zip(starts, ends, texts, strict=True)))

    @cached_property
    def _word_split(self) -> tuple[list[str], list[int], list[int], str]:
        """The words' texts, starts and ends, and the words joined with spaces.

        `_WORD_RUN_RE` finds runs of words that single spaces separate (a run is words as
        `_WORD_SPLIT_RE` finds them: a space is no apostrophe or hyphen, so a word ends
        there, and the next starts right after it), about seven words a match: the runs
        joined with spaces and split at the spaces are the words. Offsets come from summing
        lengths at C level: before each word one space within a run, the text between the
        runs before the first word of a run."""
        parts = _WORD_RUN_RE.split(self.text)
        runs = parts[1::2]
        joined = " ".join(runs)
        if not runs:
            return [], [], [], joined
        texts = joined.split(" ")
        steps = [1] * (2 * len(texts))  # what comes before each word, the word
        steps[1::2] = map(len, texts)
        i = 0
        for before, run in zip(parts[0::2], runs, strict=False):  # parts has one piece more
            steps[i] = len(before)
            i += 2 * run.count(" ") + 2
        offsets = list(accumulate(steps))
        return texts, offsets[0::2], offsets[1::2], joined

    @cached_property
    def word_texts(self) -> list[str]:
        """The text of each word of `words` (parallel list)."""
        return self._word_split[0]

    @cached_property
    def word_starts(self) -> list[int]:
        """The start offset of each word of `words` (parallel list)."""
        return self._word_split[1]

    @cached_property
    def word_ends(self) -> list[int]:
        """The end offset of each word of `words` (parallel list)."""
        return self._word_split[2]

    @cached_property
    def words(self) -> list[Segment]:
        """Words of the reader view: letters and digits, joined by inner hyphens and apostrophes."""
        # tuple.__new__ builds each Segment at C level (a NamedTuple's own __new__ is Python)
        return list(map(tuple.__new__, repeat(Segment), zip(self.word_starts, self.word_ends, self.word_texts, strict=True)))

    @cached_property
    def word_view(self) -> WordView:
        """`words` built on access (cheaper when a rule reads only some of them)."""
        return WordView(self.word_starts, self.word_ends, self.word_texts)

    @cached_property
    def lowered_words(self) -> list[str]:
        """`word_texts` lowercased with `str.lower` (parallel to `words`).

        One `lowercase` of the words joined with spaces, split again: the same words, since
        lowering a character never makes or removes a space, and the one rule that looks at
        a neighbour (a capital sigma at the end of a word) sees a space there as it sees
        the end of the word alone. Should a word's lowercase hold a space after all, the
        count differs and each word is lowered alone."""
        texts, _, _, joined = self._word_split
        lowered = lowercase(joined).split(" ") if texts else []
        if len(lowered) != len(texts):
            lowered = list(map(str.lower, texts))
        return lowered

    @cached_property
    def lowered_word_set(self) -> frozenset[str]:
        """The distinct lowercased words: a cheap test whether a word occurs at all."""
        return frozenset(self.lowered_words)

    @cached_property
    def _capitalised_scan(self) -> list[tuple[str, str]]:
        """Each capitalised word with the capitalised word after one space ("" if none)."""
        found: list[tuple[str, str]] = _CAP_WORD_NEXT_RE.findall(self.text)
        return found

    @cached_property
    def capitalised_words(self) -> Counter[str]:
        """How often each capitalised word (see `CAP_WORD_RE`: possessive stripped) occurs."""
        return Counter(map(itemgetter(0), self._capitalised_scan))

    @cached_property
    def capitalised_pairs(self) -> list[tuple[str, str]]:
        """Adjacent capitalised words ("Giorgia", "Meloni"), in text order."""
        return [pair for pair in self._capitalised_scan if pair[1]]

    @cached_property
    def lowered_text(self) -> str:
        """`text.lower()` with the same length and offsets as `text`: a character whose
        lowercase is longer ("İ") is kept as it is. Rules find literal anchors in it."""
        text = self.text
        lowered = lowercase(text)
        if len(lowered) != len(text):
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        return lowered

    @cached_property
    def quote_spans(self) -> list[tuple[int, int]]:
        """Spans of the reader view inside quotation marks (curly, straight, guillemets)."""
        return find_quote_spans(self.text)

    def in_quote(self, offset: int) -> bool:
        spans = self.quote_spans
        i = bisect.bisect_right(spans, (offset, 1 << 62)) - 1
        return i >= 0 and spans[i][0] <= offset < spans[i][1]


_ASCII_BYTES = bytes(range(128))


def lowercase(text: str) -> str:
    """`text.lower()`, faster for text with few characters outside ASCII.

    `str.lower` looks up every character of a text that is not all ASCII. Here the ASCII
    letters are lowered as bytes (UTF-8 keeps ASCII as one byte each, and no other
    character has an ASCII byte), which is the whole answer when no other character
    changes: those, taken out and lowered together, stay as they are. (Lowercasing is
    character by character but for a capital sigma, which changes in any context.)"""
    if text.isascii():
        return text.lower()
    data = text.encode("utf-8", "surrogatepass")
    others = data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    if others.lower() != others:
        return text.lower()
    return data.lower().decode("utf-8", "surrogatepass")


def is_soft_wrap(prev: str, nxt: str) -> bool:
    """Whether a single line break between `prev` and `nxt` continues a paragraph.

    Public: rules that find the block around an offset without `Document.blocks`
    (`rules/attribution/speech_verbs.py`) use it, so they join lines exactly as it does."""
    if len(prev) < 40 or prev[-1] in _TERMINAL or prev[-1] in _CLOSERS or prev[-1] == ":":
        return False
    if _LIST_MARK_RE.match(nxt):
        return False
    return True


def _segment(values: tuple[int, int, str]) -> Segment:
    """A Segment built at C level (a NamedTuple's own __new__ is Python code)."""
    return tuple.__new__(Segment, values)


def split_sentences(text: str, base: int = 0) -> list[Segment]:
    """Split one block into sentences; offsets are shifted by `base`."""
    out: list[Segment] = []
    start = 0
    n = len(text)
    for m in _SENTENCE_END_RE.finditer(text):
        dot, end = m.span()
        if text[dot] == "." and is_abbreviation_stop(text, dot):
            continue
        seg = text[start:end]
        stripped = seg.strip()
        if stripped:
            out.append(_segment((base + start + len(seg) - len(seg.lstrip()), base + end, stripped)))
        start = end
    if start < n:
        seg = text[start:]
        lead = len(seg) - len(seg.lstrip())
        stripped = seg.strip()
        if stripped:
            out.append(Segment(base + start + lead, base + start + lead + len(stripped), stripped))
    return out


def is_abbreviation_stop(text: str, dot: int) -> bool:
    """True when the full stop at `dot` belongs to an abbreviation or an initial.

    Public: rules that find sentence ends around an offset without `Document.sentences`
    (speech_verbs, MT201) use it, so they end sentences exactly as it does."""
    if dot > _LONGEST_ABBREVIATION and text[dot - _LONGEST_ABBREVIATION - 1 : dot].isalnum():
        return False  # an ordinary word: longer than any abbreviation, its last part too
    j = dot
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] == "."):
        j -= 1
    token = text[j:dot].lower()
    if not token:
        return False
    if token in _ABBREVIATIONS:
        return True
    # Single capital initial ("John F. Kennedy") or dotted initials ("U.S").
    if len(token) == 1 and text[j].isupper():
        return True
    if "." in token and all(len(p) <= 2 for p in token.split(".")):
        nxt = text[dot + 1 : dot + 3]
        # "U.S. officials" continues; "in the U.S. The" ends: look at the next word's case.
        return not (len(nxt) == 2 and nxt[0] == " " and nxt[1].isupper())
    return False


_CLOSE_FOR = {"“": "”", "«": "»", '"': '"'}


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans between matched quotation marks within a line (best effort, no nesting).

    An opening mark opens a span that its closing mark ends; a line break first drops it.
    While a span is open the other marks count for nothing, and no closing mark opens one.
    The marks are found with `str.find` (a few an article), not character by character."""
    spans: list[tuple[int, int]] = []
    find = text.find
    following = {opener: find(opener) for opener in _CLOSE_FOR}  # the next of each, or -1
    pos = 0
    while True:
        at = -1
        for opener, i in following.items():
            if 0 <= i < pos:
                i = following[opener] = find(opener, pos)
            if i >= 0 and (at < 0 or i < at):
                at, first = i, opener
        if at < 0:
            return spans
        close = find(_CLOSE_FOR[first], at + 1)
        line_break = find("\n", at + 1) if close < 0 else find("\n", at + 1, close)
        if line_break >= 0:
            pos = line_break + 1
        elif close < 0:
            return spans  # open to the end of the text
        else:
            spans.append((at, close + 1))
            pos = close + 1
