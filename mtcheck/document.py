"""The checked document: the reader view of a file plus the map back to original offsets."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple


class Segment(NamedTuple):
    """A span of the reader view (`Document.text`), end-exclusive.

    A named tuple: documents create one per word, so construction cost matters.
    """

    start: int
    end: int
    text: str


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


_WORD_RE = re.compile(r"\w+(?:['’-]\w+)*")
_TERMINAL = ".!?…"
_CLOSERS = "\"'”’»)]"
# Abbreviations after which a full stop does not end a sentence (wire-copy usage).
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col capt sgt maj cmdr adm gov sen rep rev st mt ft jr sr
    no vs etc approx dept est fig inc ltd co corp bros univ govt jan feb mar apr jun jul aug
    sep sept oct nov dec a.m p.m u.s u.k u.n e.u i.e e.g al""".split()
)
_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)|[.!?…]+[\"'”’»)\]]*$")
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

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> Document:
        """A plain-text document whose reader view is the text itself."""
        return cls(path=path, original=text, text=text, format="text")

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if self.offsets is None:
            return start, end
        return self.offsets.to_original(start, end)

    @cached_property
    def line_index(self) -> LineIndex:
        """Line index over the original text."""
        return LineIndex(self.original)

    @cached_property
    def lines(self) -> list[Segment]:
        """Lines of the reader view, without their line break; blank lines included."""
        out: list[Segment] = []
        pos = 0
        text = self.text
        for raw in text.split("\n"):
            out.append(Segment(pos, pos + len(raw), raw))
            pos += len(raw) + 1
        return out

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
    def words(self) -> list[Segment]:
        return [Segment(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(self.text)]

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


def split_sentences(text: str, base: int = 0) -> list[Segment]:
    """Split one block into sentences; offsets are shifted by `base`."""
    out: list[Segment] = []
    start = 0
    n = len(text)
    for m in _SENTENCE_END_RE.finditer(text):
        end = m.end()
        if m.group()[0] == "." and _is_abbreviation_stop(text, m.start()):
            continue
        seg = text[start:end]
        lead = len(seg) - len(seg.lstrip())
        if seg.strip():
            out.append(Segment(base + start + lead, base + end, seg.strip()))
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
