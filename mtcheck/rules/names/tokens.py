"""Capitalised words of a document, as the MT1xx rules read them: counted once, located on demand."""

from __future__ import annotations

import re
import weakref
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import NamedTuple, Protocol, TypeVar

from mtcheck.document import CAP_WORD_RE, Document

# Words with a transcription accent (acute or diaeresis).
MARKED_RE = re.compile(r"[áéíóúÁÉÍÓÚïëÏË]")

P = TypeVar("P", bound="WordPart")


class NameToken(NamedTuple):
    start: int
    end: int
    text: str


def capitalised_words(doc: Document) -> Counter[str]:
    """How often each capitalised word (possessive stripped) occurs in `doc.text`."""
    return doc.capitalised_words


def is_name_shaped(word: str, min_length: int = 4) -> bool:
    """Long enough and not an all-capitals abbreviation or headline word."""
    return len(word) >= min_length and not word.isupper()


class WordPart(Protocol):
    """What one rule keeps about the capitalised words of all documents seen so far."""

    def add(self, word: str) -> None:
        """Judge a word seen for the first time (a pure function of the word)."""


class WordIndex:
    """Per process: every distinct capitalised word seen so far, and each rule's part.

    The MT1xx rules judge a capitalised word the same way in every document, so each word
    is judged once, the first time it is seen (`WordPart.add`), and a document then costs
    one pass over its distinct words (for the new ones), shared by the rules, plus a set
    intersection per rule with the few words its part holds. Bounded (a server sees an
    open-ended stream of names): when full, a fresh index replaces it; a caller holding
    the old one keeps a consistent view.
    """

    LIMIT = 1 << 16

    def __init__(self, factories: dict[Hashable, Callable[[], WordPart]]) -> None:
        self.factories = factories
        self.parts = {key: factory() for key, factory in factories.items()}
        self.seen: set[str] = set()
        # The words of the last document brought up to date with (see `update`), held
        # weakly: the index must not keep a document's data alive after it.
        self._last: Callable[[], object] = _nothing

    def update(self, words: Counter[str]) -> None:
        if self._last() is words:  # the same document's words: nothing new since
            return
        seen = self.seen
        if not seen.issuperset(words):
            parts = tuple(self.parts.values())
            for word in [w for w in words if w not in seen]:
                for part in parts:
                    part.add(word)
                seen.add(word)
        try:
            self._last = weakref.ref(words)
        except TypeError:  # a mapping that takes no weak reference: judged again next call
            self._last = _nothing


def _nothing() -> None:
    return None


_INDEX = WordIndex({})


def word_part(doc: Document, key: Hashable, factory: Callable[[], P]) -> P:
    """The part `key` of the word index (made with `factory` the first time), brought up
    to date with the capitalised words of `doc`."""
    global _INDEX
    index = _INDEX
    if key not in index.parts or len(index.seen) > WordIndex.LIMIT:
        # A new part must judge every word: start a fresh index with it (this happens once
        # per rule and source-language set, at the first document).
        index = _INDEX = WordIndex({**index.factories, key: factory})
    index.update(doc.capitalised_words)
    return index.parts[key]  # type: ignore[return-value]


def occurrences(doc: Document, words: Iterable[str]) -> list[NameToken]:
    """Where the given capitalised words occur, in text order.

    The tokens `CAP_WORD_RE.finditer(doc.text)` yields whose text is one of `words`. Each
    word is found with `str.find` and kept where the pattern matches exactly it at that
    offset: the same set, since a match can never start inside an earlier one (every
    character of a match after its first is a word character, an apostrophe or a hyphen,
    which the pattern's look-behind refuses), so finditer's matches are exactly the offsets
    where the pattern matches. The words are a few names; scanning the whole text with the
    pattern costs far more. `doc.capitalised_words` counts the same matches, so the search
    for a word stops at its last occurrence.
    """
    wanted = set(words)
    if not wanted:
        return []
    text = doc.text
    counts = doc.capitalised_words
    match = CAP_WORD_RE.match
    found: list[NameToken] = []
    for word in wanted:
        size = len(word)
        left = counts.get(word, 0)
        i = text.find(word) if left else -1
        while i != -1:
            m = match(text, i)
            if m is not None and m.end() == i + size:
                found.append(NameToken(i, i + size, word))
                left -= 1
                if not left:
                    break
            i = text.find(word, i + 1)
    found.sort()
    return found


def name_pairs(doc: Document) -> list[tuple[str, str]]:
    """Adjacent capitalised words ("Giorgia", "Meloni"), in text order."""
    return doc.capitalised_pairs


def parts(token: NameToken) -> Iterator[NameToken]:
    """The hyphen-separated parts of a token ("Butros-Gali" -> "Butros", "Gali")."""
    pos = token.start
    for piece in token.text.split("-"):
        if piece:
            yield NameToken(pos, pos + len(piece), piece)
        pos += len(piece) + 1
