"""Capitalised words of a document, as the MT1xx rules read them: counted once, located on demand."""

from __future__ import annotations

import re
import threading
import weakref
from collections import Counter
from collections.abc import Iterable, Iterator
from operator import itemgetter
from typing import NamedTuple

from mtcheck.document import Document

# Capitals of Latin-1 and Latin Extended-A/B; the extended ranges mix cases, so words found
# with a lowercase first letter there are dropped by the rules (`str.isupper`).
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ɏ"
# A capitalised word as `Document.words` delimits words (letters and digits joined by
# apostrophes or hyphens), not inside another word, without a possessive ending
# ("Jarkov's" -> "Jarkov"). The capital is matched before the look-behind so that the scan
# stays a cheap C-level pass; rules work on the distinct words and locate the few they
# report, instead of looping over every word in Python.
_CAP_WORD_RE = re.compile(rf"[{_UPPER}](?<![\w'’\-].)[^\W_]*(?:['’](?!s\b)[^\W_]+|-[^\W_]+)*")
# The same, with the capitalised word that follows after one space (a first name and its
# surname), in one scan: findall gives (word, next word or "").
_CAP_WORD_NEXT_RE = re.compile(
    rf"({_CAP_WORD_RE.pattern})(?: (?=([{_UPPER}][^\W_]*(?:-[^\W_]+)*)))?"
)
# Words with a transcription accent (acute or diaeresis).
MARKED_RE = re.compile(r"[áéíóúÁÉÍÓÚïëÏË]")


class NameToken(NamedTuple):
    start: int
    end: int
    text: str


class _LastScan(threading.local):
    """The words of the last document counted on this thread: MT101, MT102 and MT103 run
    one after another on the same document and share one scan."""

    doc: weakref.ref[Document] | None = None
    text: str | None = None
    counts: Counter[str] = Counter()
    pairs: list[tuple[str, str]] = []


_last = _LastScan()


def _scan(doc: Document) -> _LastScan:
    text = doc.text
    if _last.doc is None or _last.doc() is not doc or _last.text is not text:
        found: list[tuple[str, str]] = _CAP_WORD_NEXT_RE.findall(text)
        _last.counts = Counter(map(itemgetter(0), found))
        _last.pairs = [pair for pair in found if pair[1]]
        _last.doc, _last.text = weakref.ref(doc), text
    return _last


def capitalised_words(doc: Document) -> Counter[str]:
    """How often each capitalised word (possessive stripped) occurs in `doc.text`."""
    return _scan(doc).counts


def is_name_shaped(word: str, min_length: int = 4) -> bool:
    """Long enough and not an all-capitals abbreviation or headline word."""
    return len(word) >= min_length and not word.isupper()


def occurrences(doc: Document, words: Iterable[str]) -> list[NameToken]:
    """Where the given capitalised words occur, in text order."""
    wanted = set(words)
    if not wanted:
        return []
    return [
        NameToken(m.start(), m.end(), m.group())
        for m in _CAP_WORD_RE.finditer(doc.text)
        if m.group() in wanted
    ]


def name_pairs(doc: Document) -> list[tuple[str, str]]:
    """Adjacent capitalised words ("Giorgia", "Meloni"), in text order."""
    return _scan(doc).pairs


def parts(token: NameToken) -> Iterator[NameToken]:
    """The hyphen-separated parts of a token ("Butros-Gali" -> "Butros", "Gali")."""
    pos = token.start
    for piece in token.text.split("-"):
        if piece:
            yield NameToken(pos, pos + len(piece), piece)
        pos += len(piece) + 1
