"""Which curated multi-word variants ("Butros Gali") can be in a document (used by MT101).

Scanning a text for all the variants (a few hundred, with the exonyms) tries every
character; most articles hold none. A variant shows in the document's capitalised words
(`Document.capitalised_words`, already computed), so those tell which variants to look
for, without reading the text:

- a variant with a capitalised word after a space ("Butros Gali": "Gali") puts that word
  among the capitalised words wherever it occurs, or, when the word ends the variant, the
  word with an apostrophe and more letters after it ("Gali'd": no letter or hyphen can
  follow a variant, `phrase_matches` checks);
- a variant that starts with a capitalised word and has no other ("Al-Kaida", "Bachar
  al-Assad") puts its first word there too, unless an underscore or an apostrophe comes
  just before the variant (the pattern of capitalised words then finds no word there):
  those few places are looked at;
- any other variant (one starting in lowercase, "al-Kaida") is looked for in the text, by
  its first three characters, which it shares with others ("al-").

The word a variant shows is where the capitalised-word pattern, matched on the variant,
stops at a space (then the text around cannot change it) or at the variant's end; a
variant ending in "'s" is looked for in the text (the pattern treats a possessive by what
follows it).
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from mtcheck.document import CAP_WORD_RE, Document
from mtcheck.lexicon.names import curated
from mtcheck.rules.names.tokens import word_part

# The characters that, just before a variant, hide its first capitalised word: the
# look-behind of `CAP_WORD_RE` refuses them, and `phrase_matches` accepts them.
_HIDING = "_'’"
_APOSTROPHES = "'’"


class _Witnesses(NamedTuple):
    words: dict[str, tuple[str, ...]]  # capitalised word -> the variants it shows
    prefixes: dict[str, tuple[str, ...]]  # a capitalised word starting so -> the variants
    after_marks: tuple[str, ...]  # variants that may follow "_", "'" or "’" unseen
    first_letters: frozenset[str]  # their first letters
    scans: dict[str, tuple[str, ...]]  # the first three characters -> variants to look for


def _witness(surface: str) -> tuple[str, bool, bool] | None:
    """The capitalised word that shows `surface`, whether it ends the variant (then a
    longer word with an apostrophe can show it too), and whether it is the first word."""
    if re.search(r"['’]s$", surface):
        return None
    starts = [m.end() for m in re.finditer(" ", surface)] + [0]
    for start in starts:
        m = CAP_WORD_RE.match(surface, start)
        if m is not None and (m.end() == len(surface) or surface[m.end()] == " "):
            return m.group(), m.end() == len(surface), start == 0
    return None


@cache
def _witnesses() -> _Witnesses:
    words: dict[str, list[str]] = {}
    prefixes: dict[str, list[str]] = {}
    after_marks: list[str] = []
    scans: dict[str, list[str]] = {}
    for surface in sorted(curated().surfaces):
        found = _witness(surface)
        if found is None:
            scans.setdefault(surface[:3], []).append(surface)
            continue
        word, last, first = found
        words.setdefault(word, []).append(surface)
        if last:
            for mark in _APOSTROPHES:
                prefixes.setdefault(word + mark, []).append(surface)
        if first:
            after_marks.append(surface)
    return _Witnesses(
        {w: tuple(s) for w, s in words.items()},
        {p: tuple(s) for p, s in prefixes.items()},
        tuple(after_marks),
        frozenset(surface[0] for surface in after_marks),
        {k: tuple(s) for k, s in scans.items()},
    )


class _WitnessWords:
    """The capitalised words seen so far that show variants, and which (see `WordIndex`)."""

    def __init__(self) -> None:
        self.witnesses = _witnesses()
        self.prefixes = tuple(self.witnesses.prefixes)
        self.found: dict[str, tuple[str, ...]] = {}

    def add(self, word: str) -> None:
        shown = self.witnesses.words.get(word, ())
        if word.startswith(self.prefixes):
            for prefix, surfaces in self.witnesses.prefixes.items():
                if word.startswith(prefix):
                    shown += surfaces
        if shown:
            self.found[word] = shown


def phrase_candidates(doc: Document) -> set[str]:
    """The curated variants that may occur in `doc.text`; no other does."""
    part = word_part(doc, "MT101 phrases", _WitnessWords)
    found = part.found
    candidates: set[str] = set()
    for word in found.keys() & doc.capitalised_words.keys():
        candidates.update(found[word])
    witnesses = part.witnesses
    text = doc.text
    if witnesses.after_marks:
        firsts = witnesses.first_letters
        for mark in _HIDING:
            i = text.find(mark)
            while i != -1:
                if text[i + 1 : i + 2] in firsts and text.startswith(witnesses.after_marks, i + 1):
                    candidates.update(s for s in witnesses.after_marks if text.startswith(s, i + 1))
                i = text.find(mark, i + 1)
    for key, surfaces in witnesses.scans.items():
        i = text.find(key)
        while i != -1:
            candidates.update(s for s in surfaces if text.startswith(s, i))
            i = text.find(key, i + 1)
    return candidates
