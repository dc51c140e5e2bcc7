"""Whether a curated multi-word variant ("Butros Gali") can be in a document (used by MT101).

`phrase_matches` finds the variants with a few scans of the whole text; most articles hold
none. A variant shows in the document's capitalised words (`Document.capitalised_words`,
already computed), so those rule out most articles without reading the text:

- a variant with a capitalised word after a space ("Butros Gali": "Gali") puts that word
  among the capitalised words wherever it occurs, or the word with an apostrophe and more
  letters after it when it ends the variant ("Gali'd": no letter or hyphen can follow a
  variant, `phrase_matches` checks);
- a variant that starts with a capitalised word and has no other ("Al-Kaida", "Bachar
  al-Assad") puts its first word there too, unless an underscore or an apostrophe comes
  just before the variant (the pattern of capitalised words then finds no word there):
  those few places are looked at;
- any other variant (one starting in lowercase, "al-Kaida") is looked for in the text.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from mtcheck.document import CAP_WORD_RE, Document
from mtcheck.lexicon.names import curated
from mtcheck.rules.names.tokens import word_part


class _Witnesses(NamedTuple):
    words: frozenset[str]  # capitalised words that occur wherever their variant does
    prefixes: tuple[str, ...]  # ... or a capitalised word that starts with one of these
    after_marks: tuple[str, ...]  # variants that may follow "_", "'" or "’" unseen
    first_letters: frozenset[str]  # their first letters
    scan: tuple[str, ...]  # variants without a capitalised word to show them


# The characters that, just before a variant, hide its first capitalised word: the
# look-behind of `CAP_WORD_RE` refuses them, and `phrase_matches` accepts them.
_HIDING = "_'’"


@cache
def _witnesses() -> _Witnesses:
    words: set[str] = set()
    prefixes: list[str] = []
    after_marks: list[str] = []
    scan: list[str] = []
    for surface in sorted(curated().surfaces):
        if any(ch in surface for ch in _HIDING):
            # An apostrophe inside makes the capitalised word depend on what follows it.
            scan.append(surface)
            continue
        witness = None
        for m in re.finditer(r" ", surface):
            witness = CAP_WORD_RE.match(surface, m.end())
            if witness is not None:
                break
        first = witness is None
        if first:
            witness = CAP_WORD_RE.match(surface)
        if witness is None:
            scan.append(surface)
            continue
        word = witness.group()
        words.add(word)
        if witness.end() == len(surface):
            prefixes += [word + "'", word + "’"]
        if first:
            after_marks.append(surface)
    firsts = frozenset(surface[0] for surface in after_marks)
    return _Witnesses(frozenset(words), tuple(prefixes), tuple(after_marks), firsts, tuple(scan))


class _WitnessWords:
    """The capitalised words seen so far that can show a variant (see `WordIndex`)."""

    def __init__(self) -> None:
        self.witnesses = _witnesses()
        self.found: set[str] = set()

    def add(self, word: str) -> None:
        if word in self.witnesses.words or word.startswith(self.witnesses.prefixes):
            self.found.add(word)


def phrases_possible(doc: Document) -> bool:
    """False when `phrase_matches(doc.text)` cannot find anything."""
    part = word_part(doc, "MT101 phrases", _WitnessWords)
    if not part.found.isdisjoint(doc.capitalised_words):
        return True
    witnesses = part.witnesses
    text = doc.text
    if witnesses.after_marks:
        firsts = witnesses.first_letters
        for mark in _HIDING:
            i = text.find(mark)
            while i != -1:
                if text[i + 1 : i + 2] in firsts and text.startswith(witnesses.after_marks, i + 1):
                    return True
                i = text.find(mark, i + 1)
    return any(surface in text for surface in witnesses.scan)
