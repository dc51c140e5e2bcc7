"""Which curated multi-word variants ("Butros Gali") can be in a document (used by MT101).

Scanning a text for all the variants (a few hundred, with the exonyms) tries every
character; most articles hold none. A variant shows in the document's capitalised words
(`Document.capitalised_words`, already computed), so those tell which variants to look
for, without reading the text. Each capitalised word of a variant that the
capitalised-word pattern, matched on the variant, finds starting at the variant's start
or after a space and ending at a space or at the variant's end (a "witness") is among the
document's capitalised words wherever the variant occurs, with two exceptions:

- a witness that ends the variant may show as the word with an apostrophe and more
  letters after it ("Gali'd": no letter or hyphen can follow a variant,
  `phrase_matches` checks), so such longer words count for it too;
- a witness that starts the variant is hidden when an underscore or an apostrophe comes
  just before the variant (the pattern of capitalised words then finds no word there):
  those few places are looked at in the text.

A variant is a candidate when every one of its witnesses shows (most variants share a
common word with English copy, "Gaza", "Paulo", but not all of their words), or when it
follows one of those marks. A variant without a witness (one starting in lowercase,
"al-Kaida", or ending in "'s": the pattern treats a possessive by what follows it) is
looked for in the text, by its first three characters, which it shares with others
("al-").
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
    # capitalised word -> the variants it is a witness of, each with the witness's bit
    words: dict[str, tuple[tuple[str, int], ...]]
    # a capitalised word starting so -> the variants ended by a witness, with its bit
    prefixes: dict[str, tuple[tuple[str, int], ...]]
    full: dict[str, int]  # variant -> the bits of all its witnesses
    after_marks: tuple[str, ...]  # variants that may follow "_", "'" or "’" unseen
    first_letters: frozenset[str]  # their first letters
    scans: dict[str, tuple[str, ...]]  # the first three characters -> variants to look for


def _witness_words(surface: str) -> list[tuple[str, bool, bool]]:
    """The witnesses of `surface`: each capitalised word, whether it ends the variant (then
    a longer word with an apostrophe can show it too) and whether it starts it."""
    if re.search(r"['’]s$", surface):
        return []
    found = []
    for start in [0] + [m.end() for m in re.finditer(" ", surface)]:
        m = CAP_WORD_RE.match(surface, start)
        if m is not None and (m.end() == len(surface) or surface[m.end()] == " "):
            found.append((m.group(), m.end() == len(surface), start == 0))
    return found


@cache
def _witnesses() -> _Witnesses:
    words: dict[str, list[tuple[str, int]]] = {}
    prefixes: dict[str, list[tuple[str, int]]] = {}
    full: dict[str, int] = {}
    after_marks: list[str] = []
    scans: dict[str, list[str]] = {}
    for surface in sorted(curated().surfaces):
        found = _witness_words(surface)
        if not found:
            scans.setdefault(surface[:3], []).append(surface)
            continue
        for n, (word, last, first) in enumerate(found):
            bit = 1 << n
            words.setdefault(word, []).append((surface, bit))
            if last:
                for mark in _APOSTROPHES:
                    prefixes.setdefault(word + mark, []).append((surface, bit))
            if first:
                after_marks.append(surface)
        full[surface] = (1 << len(found)) - 1
    return _Witnesses(
        {w: tuple(s) for w, s in words.items()},
        {p: tuple(s) for p, s in prefixes.items()},
        full,
        tuple(after_marks),
        frozenset(surface[0] for surface in after_marks),
        {k: tuple(s) for k, s in scans.items()},
    )


class _WitnessWords:
    """The capitalised words seen so far that are witnesses, and of what (see `WordIndex`)."""

    def __init__(self) -> None:
        self.witnesses = _witnesses()
        self.prefixes = tuple(self.witnesses.prefixes)
        self.found: dict[str, tuple[tuple[str, int], ...]] = {}

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
    witnesses = part.witnesses
    shown: dict[str, int] = {}  # variant -> the bits of its witnesses in the document
    for word in found.keys() & doc.capitalised_words.keys():
        for surface, bit in found[word]:
            shown[surface] = shown.get(surface, 0) | bit
    full = witnesses.full
    candidates = {surface for surface, bits in shown.items() if bits == full[surface]}
    text = doc.text
    if witnesses.after_marks:
        firsts = witnesses.first_letters
        for mark in _HIDING:
            if mark not in text:  # (`in` costs less than a `find` call)
                continue
            i = text.find(mark)
            while i != -1:
                if text[i + 1 : i + 2] in firsts and text.startswith(witnesses.after_marks, i + 1):
                    candidates.update(s for s in witnesses.after_marks if text.startswith(s, i + 1))
                i = text.find(mark, i + 1)
    for key, surfaces in witnesses.scans.items():
        if key not in text:
            continue
        i = text.find(key)
        while i != -1:
            candidates.update(s for s in surfaces if text.startswith(s, i))
            i = text.find(key, i + 1)
    return candidates
