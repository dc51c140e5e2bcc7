"""The checked document: the reader view of a file plus the map back to original offsets."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, repeat
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
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts

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
# Punctuation stripped from the ends of a whitespace-separated token (see `token_set`).
TOKEN_EDGE_PUNCTUATION = "\"'“”‘’«»()[]{}.,;:!?¿¡—–-…*/"
_TERMINAL = ".!?…"
_CLOSERS = "\"'”’»)]"
# Abbreviations after which a full stop does not end a sentence (wire-copy usage).
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col capt sgt maj cmdr adm gov sen rep rev st mt ft jr sr
    no vs etc approx dept est fig inc ltd co corp bros univ govt jan feb mar apr jun jul aug
    sep sept oct nov dec a.m p.m u.s u.k u.n e.u i.e e.g al""".split()
)
_LONGEST_ABBREVIATION = max(len(a) for a in _ABBREVIATIONS)
# One alternative that starts with the mark: the regex engine then skips to the next mark
# at C speed (two alternatives made it try every position).
_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?:(?=\s)|$)")
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
        return LineIndex(self.original)

    @cached_property
    def lines(self) -> list[Segment]:
        """Lines of the reader view, without their line break; blank lines included."""
        raws = self.text.split("\n")
        lengths = list(map(len, raws))
        starts = list(accumulate(map((1).__add__, lengths), initial=0))
        ends = list(map(int.__add__, starts, lengths))
        # `starts` has one entry more than there are lines (where a next line would start)
        return list(map(tuple.__new__, repeat(Segment), zip(starts, ends, raws, strict=False)))

    @cached_property
    def stripped_lines(self) -> list[str]:
        """Each line's text stripped of surrounding whitespace ("" for a blank line),
        parallel to `lines` (the line-based debris rules all read it)."""
        return [line.text.strip() for line in self.lines]

    @cached_property
    def blocks(self) -> list[Segment]:
        """Paragraph-like blocks: runs of lines joined where a line was soft-wrapped."""
        blocks: list[Segment] = []
        cur_start = -1
        cur_end = -1
        prev_text = ""
        for line in self.lines:
            stripped = line.text.strip()
            if not stripped:
                if cur_start >= 0:
                    blocks.append(Segment(cur_start, cur_end, self.text[cur_start:cur_end]))
                    cur_start = -1
                continue
            lead = len(line.text) - len(line.text.lstrip())
            if cur_start >= 0 and _is_soft_wrap(prev_text, stripped):
                cur_end = line.start + lead + len(stripped)
            else:
                if cur_start >= 0:
                    blocks.append(Segment(cur_start, cur_end, self.text[cur_start:cur_end]))
                cur_start = line.start + lead
                cur_end = cur_start + len(stripped)
            prev_text = stripped
        if cur_start >= 0:
            blocks.append(Segment(cur_start, cur_end, self.text[cur_start:cur_end]))
        return blocks

    @cached_property
    def sentences(self) -> list[Segment]:
        """Sentences of the reader view (a full stop followed by lowercase still splits)."""
        out: list[Segment] = []
        for block in self.blocks:
            out.extend(split_sentences(block.text, block.start))
        return out

    @cached_property
    def _word_split(self) -> tuple[list[str], list[int]]:
        """Words of the reader view and the offsets of every split part (see `words`)."""
        parts = _WORD_SPLIT_RE.split(self.text)
        return parts[1::2], list(accumulate(map(len, parts), initial=0))

    @cached_property
    def word_texts(self) -> list[str]:
        """The text of each word of `words` (parallel list)."""
        return self._word_split[0]

    @cached_property
    def word_starts(self) -> list[int]:
        """The start offset of each word of `words` (parallel list)."""
        return self._word_split[1][1:-1:2]

    @cached_property
    def word_ends(self) -> list[int]:
        """The end offset of each word of `words` (parallel list)."""
        return self._word_split[1][2::2]

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
        """`word_texts` lowercased with `str.lower` (parallel to `words`)."""
        return list(map(str.lower, self.word_texts))

    @cached_property
    def lowered_word_set(self) -> frozenset[str]:
        """The distinct lowercased words: a cheap test whether a word occurs at all."""
        return frozenset(self.lowered_words)

    @cached_property
    def token_set(self) -> frozenset[str]:
        """The distinct whitespace-separated tokens, stripped of `TOKEN_EDGE_PUNCTUATION`
        ("según," -> "según"): which listed words occur at all, found by set work in C."""
        return frozenset(map(str.strip, set(self.text.split()), repeat(TOKEN_EDGE_PUNCTUATION)))

    @cached_property
    def lowered_token_set(self) -> frozenset[str]:
        """`token_set` lowercased."""
        return frozenset(map(str.lower, self.token_set))

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
        lowered = text.lower()
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


def _is_soft_wrap(prev: str, nxt: str) -> bool:
    """Whether a single line break between `prev` and `nxt` continues a paragraph."""
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
        if text[dot] == "." and _is_abbreviation_stop(text, dot):
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


def _is_abbreviation_stop(text: str, dot: int) -> bool:
    """True when the full stop at `dot` belongs to an abbreviation or an initial."""
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
_QUOTE_CHAR_RE = re.compile(r'[“”«»"\n]')


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans between matched quotation marks within a line (best effort, no nesting)."""
    spans: list[tuple[int, int]] = []
    open_at = -1
    expect = ""
    for m in _QUOTE_CHAR_RE.finditer(text):
        ch = m.group()
        if ch == "\n":
            open_at = -1
        elif open_at >= 0 and ch == expect:
            spans.append((open_at, m.end()))
            open_at = -1
        elif open_at < 0 and ch in _CLOSE_FOR:
            open_at = m.start()
            expect = _CLOSE_FOR[ch]
    return spans
