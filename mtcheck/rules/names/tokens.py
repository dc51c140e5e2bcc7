"""Capitalised words of a document, as the MT1xx rules read them: counted once, located on demand."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from mtcheck.document import CAP_WORD_RE, Document

# Words with a transcription accent (acute or diaeresis).
MARKED_RE = re.compile(r"[áéíóúÁÉÍÓÚïëÏË]")


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


def occurrences(doc: Document, words: Iterable[str]) -> list[NameToken]:
    """Where the given capitalised words occur, in text order."""
    wanted = set(words)
    if not wanted:
        return []
    return [
        NameToken(m.start(), m.end(), m.group())
        for m in CAP_WORD_RE.finditer(doc.text)
        if m.group() in wanted
    ]


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
