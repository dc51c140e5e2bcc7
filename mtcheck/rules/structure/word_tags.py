"""Per-document values shared by the MT2xx structure rules: word tags and the reversed text.

Word tags find "a word of class A" or "a word of A followed by a word of B" without a Python
loop over the words. Each word class (a fixed word set) a rule asks about gets one bit;
every word of a document becomes one byte, its tag, that stands for the combination of
classes that hold the word (most words: none, a space). The tags have one byte per word,
so an offset in them is a word index, and a regex over them (`A-tag(?=[B-tags])`) runs
over a few hundred bytes instead of a Python loop over the words or a scan of the whole
text.

The tags are built once per document (one C-level `map` over `Document.lowered_words`
through a small dict) and shared by the rules that ask for tags (MT202-MT205, MT208); that
one pass costs about as much as a single rule's own scan over the words, and each query
then costs a few microseconds.

The tags and the reversed text are kept with each document (`Document.derived`); the
tags are rebuilt when a word class is registered after they were made.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import repeat

from mtcheck.document import Document

# A word's tag is a byte that stands for the combination of classes that hold it; only a
# few combinations occur. The tags of a document are a bytes object (built faster than a
# str of one-character strings), searched with bytes patterns.
_TAGS = range(0xC0, 0x100)
_NO_TAG = 0x20

_classes: dict[frozenset[str], int] = {}  # registered word sets -> their bit
_masks: dict[str, int] = {}  # word -> bits of the classes that hold it
_table: dict[str, int] = {}  # word -> tag: one per combination of classes
_tag_masks: dict[int, int] = {}  # tag -> its combination of classes
# Bumped when a class is registered: tags built before do not cover it.
_version = 0


def word_set_class(words: frozenset[str]) -> int:
    """The tag bit of a fixed set of lowercase words (registered on first use)."""
    global _version
    bit = _classes.get(words)
    if bit is None:
        bit = _classes[words] = len(_classes)
        for w in words:
            _masks[w] = _masks.get(w, 0) | 1 << bit
        combinations = sorted(set(_masks.values()))
        if len(combinations) > len(_TAGS):
            raise ValueError("too many combinations of word classes for word tags")
        tag_of = dict(zip(combinations, _TAGS, strict=False))  # _TAGS is longer
        _table.clear()
        _table.update((w, tag_of[mask]) for w, mask in _masks.items())
        _tag_masks.clear()
        _tag_masks.update((tag, mask) for mask, tag in tag_of.items())
        _version += 1
    return bit


def word_tags(doc: Document) -> bytes:
    """One tag per word of `doc` (see the module docstring)."""
    return doc.derived(_word_tags, _version)


def _word_tags(doc: Document, version: int) -> bytes:
    return bytes(map(_table.get, doc.lowered_words, repeat(_NO_TAG)))


def _tags_of(bit: int) -> list[int]:
    """The tags of the words of class `bit` (one per combination of classes with the bit)."""
    return sorted(tag for tag, mask in _tag_masks.items() if mask >> bit & 1)


def _literal(tag: int) -> bytes:
    return re.escape(bytes((tag,)))


def _any_of(tags: list[int]) -> bytes:
    return b"[" + b"".join(map(_literal, tags)) + b"]"


# The searches open with one tag as a literal: the regex engine then finds it with a fast
# scan, where a class of tags is tested byte by byte (several times slower).
@cache
def _class_res(bit: int, version: int) -> tuple[re.Pattern[bytes], ...]:
    return tuple(re.compile(_literal(tag)) for tag in _tags_of(bit))


@cache
def _pair_res(first: int, second: int, version: int) -> tuple[tuple[re.Pattern[bytes], ...], ...]:
    """Two ways to find a tag of `first` followed by a tag of `second` (one pattern per
    tag scanned for): from each tag of `first` looking ahead (the match is the first
    word), or from each tag of `second` looking behind (the match is the second word)."""
    a, b = _tags_of(first), _tags_of(second)
    if not a or not b:
        return (), ()
    ahead = tuple(re.compile(_literal(tag) + b"(?=" + _any_of(b) + b")") for tag in a)
    behind = tuple(re.compile(_literal(tag) + b"(?<=" + _any_of(a) + _literal(tag) + b")") for tag in b)
    return ahead, behind


def class_positions(doc: Document, bit: int) -> list[int]:
    """Indexes of the words of `doc` in the class `bit`, in order."""
    tags = word_tags(doc)
    found = [m.start() for pattern in _class_res(bit, _version) for m in pattern.finditer(tags)]
    found.sort()
    return found


def pair_starts(doc: Document, first: int, second: int, *, from_second: bool = False) -> list[int]:
    """Indexes `i` where word `i` of `doc` is in class `first` and word `i + 1` in `second`,
    in order. The scan is for the tags of `first`, or of `second` with `from_second` (the
    caller's choice: the class whose words are rarer in text, fewer matches to check)."""
    tags = word_tags(doc)
    back = 1 if from_second else 0
    found = [m.start() - back for pattern in _pair_res(first, second, _version)[back] for m in pattern.finditer(tags)]
    found.sort()
    return found


def reversed_lowered_text(doc: Document) -> str:
    """`doc.lowered_text[::-1]`: a regex over it reads backwards from a punctuation mark, so
    a pattern can open with the mark as a literal (a fast scan) and then match the word
    before it."""
    return doc.derived(_reversed_lowered_text)


def _reversed_lowered_text(doc: Document) -> str:
    return doc.lowered_text[::-1]
