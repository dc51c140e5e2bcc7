"""The fast paths of the structure rules (MT201-MT208) find what the scans they replace find.

Each check builds random texts from the pieces that matter to one search (seeded, so a
failure reproduces) and compares the fast path with the plain loop, or with the code it
replaced (kept here as the reference), or runs a rule with and without a shortcut.
"""

from __future__ import annotations

import random
import re
from bisect import bisect_left
from itertools import pairwise

import pytest

from mtcheck.document import Document
from mtcheck.rules.base import RuleOptions
from mtcheck.rules.structure import commas, word_tags
from mtcheck.rules.structure import mt201_dangling_function_word as mt201
from mtcheck.rules.structure import mt203_determiner_before_verb as mt203
from mtcheck.rules.structure import mt204_missing_noun as mt204
from mtcheck.rules.structure import mt205_postposed_adjective as mt205
from mtcheck.rules.structure import mt206_numeral_order as mt206
from mtcheck.rules.structure.adjectives import adjective_in_some_casing, is_comparative_adjective
from mtcheck.rules.structure.word_classes import alternation, alternation_trie, word_class, word_list
from mtcheck.rules.structure.word_tags import (
    class_positions,
    pair_starts,
    repeated_words,
    reversed_lowered_text,
    word_predicate_class,
    word_set_class,
)

OPTIONS = RuleOptions()


def texts(pieces: list[str], n: int, seed: int, most: int = 14) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, most))) for _ in range(n)]


def phrases(words: list[str], seps: list[str], n: int, seed: int, most: int = 12) -> list[str]:
    """Random runs of `words` joined by `seps` (weight a separator by repeating it)."""
    rng = random.Random(seed)
    return ["".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(1, most))) for _ in range(n)]


def hits(rule, text: str) -> list[tuple]:
    return [(h.start, h.end, h.message, h.confidence, h.suggestions, h.data)
            for h in rule.check(Document.from_text(text), OPTIONS)]


def _vowel_start(word: str) -> bool:
    return word[:1] in "aeiou"


# --- word tags -----------------------------------------------------------------------

TAG_WORDS = ["the", "The", "THE", "of", "Of", "a", "an", "in", "to", "for", "sands", "Sands", "national",
             "National", "natiOnal", "more", "less", "is", "and", "or", "that", "which", "other", "apple",
             "orange", "İstanbul", "ıs", "straße", "Straße", "x-of", "d'of", "3", "42", "é", "É"]


def _tag_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    seps = [" ", " ", ", ", ". ", "\n", " — ", "'", "-", "’"]
    out = []
    for k in range(n):
        words = []
        for _ in range(rng.randint(0, 14)):
            if rng.random() < 0.2:  # a word no document had before
                words.append("".join(rng.choice("abcdeiouxyzAE") for _ in range(rng.randint(1, 6))) + str(k))
            else:
                words.append(rng.choice(TAG_WORDS))
        out.append("".join(w + rng.choice(seps) for w in words))
    return out


FIRST = frozenset({"the", "of", "a", "sands"})
SECOND = frozenset({"of", "in", "national", "other", "the"})


def test_tags_find_what_a_word_loop_finds() -> None:
    first, second = word_set_class(FIRST), word_set_class(SECOND)
    vowel = word_predicate_class(_vowel_start)
    for text in _tag_texts(1500, seed=1):
        doc = Document.from_text(text)
        lw = doc.lowered_words
        assert len(word_tags.word_tags(doc)) == len(lw)
        assert class_positions(doc, first) == [i for i, w in enumerate(lw) if w in FIRST], text
        assert class_positions(doc, vowel) == [i for i, w in enumerate(lw) if _vowel_start(w)], text
        for a, in_a, b, in_b in ((first, FIRST.__contains__, second, SECOND.__contains__),
                                 (vowel, _vowel_start, first, FIRST.__contains__),
                                 (second, SECOND.__contains__, vowel, _vowel_start)):
            expected = [i for i, (x, y) in enumerate(pairwise(lw)) if in_a(x) and in_b(y)]
            assert pair_starts(doc, a, b) == expected, text
        assert repeated_words(doc) == [i for i, (x, y) in enumerate(pairwise(lw)) if x == y], text


def test_tags_are_the_same_after_the_table_is_emptied(monkeypatch: pytest.MonkeyPatch) -> None:
    """A full table starts again from the fixed classes: tags do not change."""
    first = word_set_class(FIRST)
    vowel = word_predicate_class(_vowel_start)
    docs = [Document.from_text(t) for t in _tag_texts(200, seed=2)]
    before = [word_tags._word_tags(doc, word_tags._version) for doc in docs]
    monkeypatch.setattr(word_tags, "_MEMO_LIMIT", 10)
    for text in _tag_texts(50, seed=3):  # new words: the table is emptied after each document
        word_tags._word_tags(Document.from_text(text), word_tags._version)
    assert len(word_tags._table) <= len(word_tags._fixed) + 16
    after = [word_tags._word_tags(doc, word_tags._version) for doc in docs]
    assert before == after
    for doc in docs:
        lw = doc.lowered_words
        assert class_positions(doc, first) == [i for i, w in enumerate(lw) if w in FIRST]
        assert class_positions(doc, vowel) == [i for i, w in enumerate(lw) if _vowel_start(w)]


def test_alternation_trie_matches_what_the_alternation_matches() -> None:
    rng = random.Random(3)
    for _ in range(400):
        words = {"".join(rng.choice("abc") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 9))}
        plain = re.compile("(?:%s)(?![a-z])" % alternation(words))
        trie = re.compile("(?:%s)(?![a-z])" % alternation_trie(words))
        for _ in range(40):
            s = "".join(rng.choice("abc .") for _ in range(rng.randint(0, 14)))
            assert [m.span() for m in plain.finditer(s)] == [m.span() for m in trie.finditer(s)]
            for i in range(len(s) + 1):
                a, b = plain.match(s, i), trie.match(s, i)
                assert (a and a.span()) == (b and b.span()), (words, s, i)


# --- MT201 -----------------------------------------------------------------------------

def _old_mark_candidates(doc: Document) -> list[int]:
    """MT201's search before the shared comma scan and the prefix-tree alternations."""
    never, rarely = commas.function_words()
    reversed_words = "|".join(sorted((re.escape(w[::-1]) for w in never | rarely), key=lambda w: (-len(w), w)))
    word = f"[ \\t]*(?:{reversed_words})(?![a-z])"
    marks = (*".!?", "\"”")
    patterns = (*mt201._MARK_PATTERNS, ",\\s*([\"”])")
    backwards = reversed_lowered_text(doc)
    last = len(backwards) - 1
    found: list[int] = []
    for ms, p in zip(marks, patterns, strict=True):
        if any(map(doc.text.__contains__, ms)):
            found.extend(last - m.start(m.lastindex or 0) for m in re.finditer(p + word, backwards))
    found.sort()
    return found


def _sentence_fragment_starts(text: str) -> list[int]:
    """The sentences of `Document.sentences` that MT201 looked at for a fragment."""
    sentences = Document.from_text(text).sentences
    out = []
    for prev, cur in pairwise(sentences):
        if not cur.text[:1].islower() or mt201._FIRST_WORD_RE.match(cur.text) is None:
            continue
        if prev.text.endswith(".") and not prev.text.endswith("..") and "\n" not in text[prev.end:cur.start]:
            out.append(cur.start)
    return out


MT201_PIECES = ["the", "of", "for", "a", "i", "to", "an", "was", "said", "word", "The", "Of", "A", "x", "é",
                "É", "ünder", "iPhone", "eBay", "U.S.", "Mr.", "a.m.", "No.", "3.5", "J.", "etc.", ".", ".", "..",
                "...", "?.", "!", "?", "…", " ", " ", "  ", "\t", "\u00a0", "\n", "\n\n", '"', "”", "’", ")", ",",
                "a)", "ii.", "-", "'", "x-of", "d'of", "ⓐ", "this is a longer line of plain words that wraps "]


def test_mark_candidates_find_what_the_separate_scans_found() -> None:
    for text in texts(MT201_PIECES, 4000, seed=4, most=16):
        doc = Document.from_text(text)
        assert mt201._mark_candidates(doc) == _old_mark_candidates(doc), text


def test_lowercase_sentence_starts_are_read_without_sentences() -> None:
    for text in texts(MT201_PIECES, 5000, seed=5, most=16):
        expected = _sentence_fragment_starts(text)
        found = [s for s in mt201._lowercase_sentence_starts(text) if mt201._FIRST_WORD_RE.match(text, s)]
        assert found == expected, text


# --- MT203 -----------------------------------------------------------------------------

def _old_mt203_candidates(doc: Document) -> set[int]:
    """MT203's candidates before the shared comma scan."""
    text = doc.text
    dets = word_class("noun_determiners")
    lowered = doc.lowered_words
    n = len(lowered)
    ends = doc.word_ends
    candidates = set(pair_starts(doc, word_set_class(dets), word_set_class(mt203._followers())))
    backwards = reversed_lowered_text(doc)
    size = len(backwards)
    alternatives = "|".join(re.escape(d[::-1]) for d in sorted(dets))
    after_mark, after_comma = re.compile(f"( ?)(?:{alternatives})"), re.compile(f",( ?)(?:{alternatives})")
    found = list(after_comma.finditer(backwards))
    for mark in mt203._RARE_PUNCT:
        at = text.find(mark)
        while at != -1:
            m = after_mark.match(backwards, size - at)
            if m is not None:
                found.append(m)
            at = text.find(mark, at + 1)
    for m in found:
        end = size - m.end(1)
        i = bisect_left(ends, end)
        if i < n and ends[i] == end and lowered[i] in dets:
            candidates.add(i)
    return candidates


def test_determiner_candidates_use_the_shared_comma_scan() -> None:
    pieces = ["the", "The", "a", "an", "its", "their", "bathe", "Africa", "of", "is", ",", ", ", " ,", ";", ":",
              ")", "]", " ", "  ", '"', "”", "\t", "\n", "said", "the”", "of the", "x"]
    for text in texts(pieces, 4000, seed=6, most=16):
        doc = Document.from_text(text)
        assert mt203._candidates(doc) == _old_mt203_candidates(doc), text


# --- MT204, MT205, MT206: a rule with and without its shortcut ------------------------

def test_missing_noun_head_test_drops_no_report(monkeypatch: pytest.MonkeyPatch) -> None:
    words = ["through", "Through", "the", "of", "via", "on", "as", "opaque", "“opaque”", '"unconstitutional"',
             "'new'", "structural", "state-owned", "“state-owned”", '"far-right"', "‘Opaque’", "new", "vessels",
             "x" * 30, "y" * 45, "or", "and", "that",
             "which", "who", "whom", "or that", "and which", "or that", "said"]
    seps = [" "] * 8 + ["  ", " " * 40, "\t", ", ", "\n"]
    rule = mt204.MissingNounRule()
    cases = phrases(words, seps, 3000, seed=7, most=8)
    fast = [hits(rule, t) for t in cases]
    monkeypatch.setattr(mt204, "_may_head", lambda doc, i: True)
    assert fast == [hits(rule, t) for t in cases]
    assert sum(map(len, fast)) > 100


def test_missing_noun_head_cut_by_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """A head cut by the start of the 60 characters searched ("x|into") is still checked."""
    cases = []
    for pad in range(1, 64):
        for head, adj in (("into", ""), ("via", ""), ("the", "structural "), ("of", "“opaque” "), ("to", "'new' ")):
            for prefix in ("x", "ab", "é"):
                cases.append(f"{prefix}{head} {adj}{' ' * pad}or that it was")
                cases.append(f"{prefix}{head}{' ' * pad}{adj}or that it was")
    rule = mt204.MissingNounRule()
    fast = [hits(rule, t) for t in cases]
    monkeypatch.setattr(mt204, "_may_head", lambda doc, i: True)
    assert fast == [hits(rule, t) for t in cases]
    assert sum(map(len, fast)) > 5


def _old_mt205_candidates(doc: Document) -> list[int]:
    """MT205's candidates before `_candidate_word`: listed words and words with an
    adjective ending (found with regexes on the reversed text), and institution pairs."""
    frames = mt205._FRAMES
    texts_ = doc.word_texts
    institutions = pair_starts(doc, word_set_class(word_list(frames, "institution_nouns")),
                               word_set_class(word_list(frames, "institution_adjectives")))
    found = {i + 1 for i in institutions}
    found.update(i for i in class_positions(doc, word_set_class(mt205._candidates()[0])) if not texts_[i][0].isupper())
    backwards = reversed_lowered_text(doc)
    size, ends = len(backwards), doc.word_ends
    for suffix in mt205._candidates()[1]:
        p = re.escape(suffix[::-1])
        for m in re.finditer(f"{p}(?<!\\w{p})", backwards):
            end = size - m.start()
            i = bisect_left(ends, end)
            if i < len(ends) and ends[i] == end and not texts_[i][0].isupper():
                found.add(i)
    return sorted(found)


def test_postposed_adjective_candidates_drop_no_report(monkeypatch: pytest.MonkeyPatch) -> None:
    listed = sorted(mt205._candidates()[0])[:40]
    words = ["measures", "weapons", "the", "The", "a", "policy", "more", "less", "Council", "council", "Court",
             "structural", "nuclear", "NUCLEAR", "nuClear", "Nuclear", "economic", "urgent", "european", "European",
             "proposal", "general", "political", "legal", "hopeful", "temporary", "and", "to", "in", "of",
             "signals", "encouraging", "answers", "concrete", "superiority", "the weapons nuclear",
             "the Council European", "the Court Supreme", "the Army National Guard", "the Bank central", *listed]
    seps = [" "] * 8 + [", ", ". ", "\n", "\n\n", "-", "  "]
    rule = mt205.PostposedAdjectiveRule()
    cases = phrases(words, seps, 3000, seed=8, most=8)
    fast = [hits(rule, t) for t in cases]
    monkeypatch.setattr(mt205, "_candidate_positions", _old_mt205_candidates)
    assert fast == [hits(rule, t) for t in cases]
    assert sum(map(len, fast)) > 50


def test_every_reportable_adjective_is_a_candidate() -> None:
    """`adjective_in_some_casing` holds for any casing of a comparative adjective."""
    words = sorted(mt205._candidates()[0]) + ["structural", "nuclear", "hopeful", "temporary", "political",
                                                  "proposal", "general", "legendary", "regional", "fiscal"]
    rng = random.Random(9)
    for word in words:
        for _ in range(6):
            written = "".join(c.upper() if rng.random() < 0.3 else c for c in word)
            if is_comparative_adjective(written):
                assert adjective_in_some_casing(written.lower()), written


def test_numeral_order_gate_drops_no_report() -> None:
    pieces = ["other", "others", "Other", "OTHERS", "another", "otherwise", "each", "the", "-other", "'other",
              " ", " ", "\t", "12", "60", "2024", "4,5", "%", "percent", "people", "soldiers", "years", ",", "."]
    rule = mt206.NumeralOrderRule()
    for text in texts(pieces, 3000, seed=10, most=10):
        doc = Document.from_text(text)
        fast = list(rule.check(doc, OPTIONS))
        doc.__dict__["lowered_word_set"] = doc.lowered_word_set | {"other"}
        assert fast == list(rule.check(doc, OPTIONS)), text
