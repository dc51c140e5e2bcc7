"""MT2xx search helpers: the shared word tags and the narrowed searches give what a plain
loop over the words (or a plain regex search) gives."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest

from mtcheck.document import Document
from mtcheck.rules.structure import mt204_missing_noun as mt204
from mtcheck.rules.structure import mt205_postposed_adjective as mt205
from mtcheck.rules.structure.adjectives import is_comparative_adjective
from mtcheck.rules.structure.word_tags import (
    class_positions,
    pair_starts,
    reversed_lowered_text,
    word_set_class,
    word_tags,
)

TEXT = """\
The the talks of in the capital resumed for to discuss the the ceasefire. Officials said
the sands and THE Sands were there, and the hunter added: "the of", the, the ; an ) The
National Council European met. The measures urgent and the weapons nuclear, of of of
several general final regional people. İstanbul's mayor spoke. Talks talks. the
"""

FIRST = frozenset({"the", "an", "of"})
SECOND = frozenset({"the", "of", "in", "sands", "council"})


def _doc(text: str) -> Document:
    return Document.from_text(text)


@pytest.mark.parametrize("text", [TEXT, "", "the", "the the", "of the of"])
def test_tags_find_what_a_word_loop_finds(text: str) -> None:
    doc = _doc(text)
    lw = doc.lowered_words
    first, second = word_set_class(FIRST), word_set_class(SECOND)
    assert len(word_tags(doc)) == len(lw)
    assert class_positions(doc, first) == [i for i, w in enumerate(lw) if w in FIRST]
    pairs = [i for i, (a, b) in enumerate(pairwise(lw)) if a in FIRST and b in SECOND]
    assert pair_starts(doc, first, second) == pairs
    assert pair_starts(doc, first, second, from_second=True) == pairs


def test_tags_follow_the_document() -> None:
    first = word_set_class(FIRST)
    a, b = _doc("the cat of mine"), _doc("no article here at all")
    assert class_positions(doc=a, bit=first) == [0, 2]
    assert class_positions(doc=b, bit=first) == []
    assert class_positions(doc=a, bit=first) == [0, 2]
    assert reversed_lowered_text(a) == a.lowered_text[::-1]
    assert reversed_lowered_text(b) == b.lowered_text[::-1]


def test_search_end_is_a_search_from_the_start() -> None:
    rng = random.Random(7)
    pieces = ["of", "through", "the", "The", "opaque", "“opaque”", "'new'", "x-y", " ", "  ", "\t", "\n", ",", "(", "é",
              "Of", "3", "-"]
    for _ in range(3000):
        before = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))[-60:]
        for pattern, tokens in ((mt204._HEAD_ONLY_RE, 1), (mt204._HEAD_ADJ_RE, 2)):
            expected = pattern.search(before)
            found = mt204._search_end(pattern, before, tokens)
            assert (found and (found.span(), found.groupdict())) == (expected and (expected.span(), expected.groupdict()))


def test_adjective_endings_are_all_found() -> None:
    """Every word the rule may report is found: a comparative adjective not written with a
    capital (an adjective ending and the frequency tests, or a listed word), and an
    institution adjective."""
    doc = _doc(TEXT + " The fiscal, political and hopeful, the legendary ory al. ")
    found = set(mt205._candidate_positions(doc))
    institution = mt205.word_list(mt205._FRAMES, "institution_adjectives")
    for i, (text, lower) in enumerate(zip(doc.word_texts, doc.lowered_words, strict=True)):
        if (is_comparative_adjective(text) and not text[0].isupper()) or lower in institution:
            assert i in found, text


def test_candidate_words_cover_every_ending() -> None:
    """The word class of the candidates holds every listed word and every word with an
    adjective ending that `is_comparative_adjective` accepts."""
    listed, suffixes = mt205._candidates()
    for word in sorted(listed) + [f"structur{s}" for s in suffixes] + ["national", "hopeful", "legendary"]:
        if is_comparative_adjective(word):
            assert mt205._candidate_word(word), word
