"""Per-document values shared by the MT2xx structure rules: word tags and the reversed text.

Word tags find "a word of class A" or "a word of A followed by a word of B" without a Python
loop over the words. Each word class a rule asks about gets one bit: a fixed word set
(`word_set_class`) or a test on the word (`word_predicate_class`, "may be a reportable
adjective"). Every word of a document becomes one byte, its tag, that stands for the
combination of classes that hold the word, so an offset in the tags is a word index. A
query codes the tags by class (`bytes.translate`, at C level) and finds the codes, or the
two-byte runs of codes for a pair, with `bytes.find`, also at C level; only the few
indexes found are touched in Python. (A regex over the tags runs every byte through the
regex engine, several times slower.)

Each combination of classes owns a range of tags, and a word gets the one its hash picks
in that range: equal words have equal tags, and two words side by side rarely do unless
they are equal, so `repeated_words` compares the words only where the tags XOR-ed with
themselves shifted by one word are zero (one pass over the words serves both).

The tag of a word is looked up in one table: the words of the fixed classes are entered
when a class is registered, any other word when a document first has it (`_learn` works
out its tag from the predicates). The table is a cache of a pure function of the word
(like `functools.cache`, and as free of documents), so a word costs one dict lookup once
it has been seen, and a document's tags come from one C-level `itemgetter` over
`Document.lowered_words`. The table is emptied when a class is registered, and when it
holds more than `_MEMO_LIMIT` words (it then starts again from the fixed classes).

The tags and the reversed text are kept with each document (`Document.derived`); the
tags are rebuilt when a word class is registered after they were made.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable
from functools import cache
from itertools import combinations, repeat
from operator import itemgetter

from mtcheck.document import Document
from mtcheck.rules.structure.word_classes import find_all

# Tags are bytes. Words in no class share the first `_UNCLASSED` tags; each combination of
# classes gets an equal share of the rest (a power of two, at least one tag).
_UNCLASSED = 64
_MEMO_LIMIT = 100_000  # the most words the table keeps (about 10 MB)

_classes: dict[Hashable, int] = {}  # registered word sets and predicates -> their bit
_word_sets: list[tuple[frozenset[str], int]] = []
_predicates: list[tuple[Callable[[str], bool], int]] = []
_ranges: dict[int, tuple[int, int]] = {0: (0, _UNCLASSED - 1)}  # combination -> (first tag, hash mask)
_tag_masks: list[int] = [0] * 256  # tag -> its combination of classes (none for `_NEW`)
_fixed: dict[str, int] = {}  # the words of the fixed classes -> their tags
# Bumped when a class is registered: tags built before do not cover it.
_version = 0


def _tag(word: str, mask: int) -> int:
    first, spread = _ranges[mask]
    return first + (hash(word) & spread)


def _new_word_tag(word: str) -> int:
    """The tag of a word in no fixed class: its predicates decide its combination."""
    mask = 0
    for predicate, bit in _predicates:
        if predicate(word):
            mask |= 1 << bit
    return _tag(word, mask)


# word -> tag. A word not seen yet reads as `_NEW` (and is entered with it), a byte no word
# gets as its tag: `_learn` then works out the tags of the new words, found with
# `bytes.find`. (A `defaultdict` with a C-level default keeps the dict's own fast lookup;
# a dict subclass with a Python `__missing__` makes every lookup go through a Python-level
# slot.)
_NEW = 0xFF
_table: defaultdict[str, int] = defaultdict(repeat(_NEW).__next__)


def word_set_class(words: frozenset[str]) -> int:
    """The tag bit of a fixed set of lowercase words (registered on first use)."""
    bit = _classes.get(words)
    if bit is None:
        bit = _classes[words] = len(_classes)
        _word_sets.append((words, bit))
        _rebuild()
    return bit


def word_predicate_class(predicate: Callable[[str], bool]) -> int:
    """The tag bit of the lowercase words for which `predicate` holds (registered on first
    use). The predicate must be a pure function of the word: its answer is kept."""
    bit = _classes.get(predicate)
    if bit is None:
        bit = _classes[predicate] = len(_classes)
        _predicates.append((predicate, bit))
        _rebuild()
    return bit


def _rebuild() -> None:
    """Enter the words of the fixed classes and give each combination of classes its tags."""
    global _version
    masks: dict[str, int] = {}
    for words, bit in _word_sets:
        for w in words:
            masks[w] = masks.get(w, 0) | 1 << bit
    for predicate, bit in _predicates:
        for w in masks:
            if predicate(w):
                masks[w] |= 1 << bit
    # A word in no fixed class may pass any combination of the predicates.
    predicate_bits = [1 << bit for _, bit in _predicates]
    alone = {sum(c) for k in range(1, len(predicate_bits) + 1) for c in combinations(predicate_bits, k)}
    combos = sorted(set(masks.values()) | alone)
    room = _NEW - _UNCLASSED  # the tags below `_NEW`
    if len(combos) > room:
        raise ValueError("too many combinations of word classes for word tags")
    share = 1 << (room // max(1, len(combos))).bit_length() - 1
    _ranges.clear()
    _ranges[0] = (0, _UNCLASSED - 1)
    _ranges.update((mask, (_UNCLASSED + k * share, share - 1)) for k, mask in enumerate(combos))
    _tag_masks[:] = [0] * 256
    for mask, (first, spread) in _ranges.items():
        _tag_masks[first:first + spread + 1] = [mask] * (spread + 1)
    _fixed.clear()
    _fixed.update((w, _tag(w, mask)) for w, mask in masks.items())
    _table.clear()
    _table.update(_fixed)
    _version += 1


def word_tags(doc: Document) -> bytes:
    """One tag per word of `doc` (see the module docstring)."""
    return doc.derived(_word_tags, _version)


def _word_tags(doc: Document, version: int) -> bytes:
    words = doc.lowered_words
    if len(words) < 2:
        tags = bytes(map(_table.__getitem__, words))
    else:
        # itemgetter with several keys returns a tuple: one C-level pass of dict lookups
        tags = bytes(itemgetter(*words)(_table))
    if _NEW in tags:  # words seen for the first time
        return _learn(words, tags)
    return tags


def _learn(words: list[str], tags: bytes) -> bytes:
    """`tags` with the tags of the words seen for the first time filled in (and kept)."""
    out = bytearray(tags)
    find = tags.find
    i = find(_NEW)
    while i != -1:
        word = words[i]
        tag = _table[word]
        if tag == _NEW:  # not learnt earlier in this loop
            tag = _table[word] = _new_word_tag(word)
        out[i] = tag
        i = find(_NEW, i + 1)
    if len(_table) > _MEMO_LIMIT:
        _table.clear()
        _table.update(_fixed)
    return bytes(out)


@cache
def _membership(bit: int, version: int) -> bytes:
    """A `bytes.translate` table: 1 for the tags of class `bit`, 0 for the others."""
    return bytes(mask >> bit & 1 for mask in _tag_masks)


@cache
def _pair_codes(first: int, second: int, version: int) -> tuple[bytes, tuple[bytes, ...]]:
    """A `bytes.translate` table that codes a tag 1 (class `first`), 2 (`second`), 3 (both)
    or 0, and the two-byte runs of codes that are a word of `first` followed by one of
    `second` (only those of codes some tag has)."""
    table = bytes((mask >> first & 1) | (mask >> second & 1) << 1 for mask in _tag_masks)
    codes = set(table)
    runs = tuple(bytes((a, b)) for a in (1, 3) for b in (2, 3) if a in codes and b in codes)
    return table, runs


def class_positions(doc: Document, bit: int) -> list[int]:
    """Indexes of the words of `doc` in the class `bit`, in order."""
    return find_all(word_tags(doc).translate(_membership(bit, _version)), b"\x01")


def pair_starts(doc: Document, first: int, second: int, *, from_second: bool = False) -> list[int]:
    """Indexes `i` where word `i` of `doc` is in class `first` and word `i + 1` in `second`,
    in order. (`from_second` is accepted for older callers: both ways cost the same now.)"""
    table, runs = _pair_codes(first, second, _version)
    codes = word_tags(doc).translate(table)
    if len(runs) == 1:
        return find_all(codes, runs[0])
    found = [i for run in runs for i in find_all(codes, run)]
    found.sort()
    return found


def repeated_words(doc: Document) -> list[int]:
    """Indexes `i` where word `i + 1` of `doc` repeats word `i` (lowercased), in order.

    Equal words have equal tags: the tags XOR-ed with themselves shifted by one word (as
    a little-endian big integer: byte `i` of the result is `tags[i] ^ tags[i + 1]`) are
    zero at the only places where a word can repeat, and the few words there are compared."""
    tags = word_tags(doc)
    last = len(tags) - 1  # byte `last` of the result is the last tag itself
    if last < 1:
        return []
    whole = int.from_bytes(tags, "little")
    diff = (whole ^ whole >> 8).to_bytes(last + 1, "little")
    lw = doc.lowered_words
    out: list[int] = []
    find = diff.find
    i = find(0, 0, last)
    while i != -1:
        if lw[i] == lw[i + 1]:
            out.append(i)
        i = find(0, i + 1, last)
    return out


def reversed_lowered_text(doc: Document) -> str:
    """`doc.lowered_text[::-1]`: a regex over it reads backwards from a punctuation mark, so
    a pattern can open with the mark as a literal (a fast scan) and then match the word
    before it."""
    return doc.derived(_reversed_lowered_text)


def _reversed_lowered_text(doc: Document) -> str:
    return doc.lowered_text[::-1]
