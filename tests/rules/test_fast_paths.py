"""The fast paths of the names and punctuation rules find what the plain scans they replace find.

Each check builds random texts from the pieces that matter to one pattern (seeded, so a
failure reproduces) and compares the fast path with `pattern.finditer` or the plain loop.
"""

from __future__ import annotations

import random
import re

import pytest

from mtcheck.document import CAP_WORD_RE, Document
from mtcheck.lexicon.names import curated, phrase_matches
from mtcheck.rules.base import RuleOptions
from mtcheck.rules.names import mt103_inconsistent_name as mt103
from mtcheck.rules.names.phrases import phrase_candidates
from mtcheck.rules.names.tokens import occurrences
from mtcheck.rules.punctuation import mt501_quote_balance as mt501
from mtcheck.rules.punctuation import mt502_source_number_format as mt502
from mtcheck.rules.punctuation import mt503_source_time_format as mt503
from mtcheck.rules.punctuation import mt506_bracketed_ellipsis as mt506
from mtcheck.rules.punctuation.digits import has_other_digits


def texts(pieces: list[str], n: int, seed: int, most: int = 12) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, most))) for _ in range(n)]


def spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def test_phrase_candidates_find_what_the_full_scan_finds():
    surfaces = sorted(curated().surfaces)
    words = sorted({w for s in surfaces for w in s.split()})
    pieces = surfaces + words[:80] + [" ", " ", "-", "x", "a", "'", "’", "_", "’s", "d’", ".", "\n", "al-", "II"]
    for text in texts(pieces, 3000, seed=1, most=8):
        candidates = phrase_candidates(Document.from_text(text))
        assert list(phrase_matches(text, candidates)) == list(phrase_matches(text)), text


def test_number_matches_are_the_finditer_matches():
    pieces = ["1", "2", "12", "250", "000", "1.250", "1,5", ".", ",", " ", "\u00a0", "\u202f", "-", "/", ":",
              "a", "٣", "３", "_", "\n", "%", "h"]
    for text in texts(pieces, 4000, seed=2):
        assert spans(mt502._number_matches(Document.from_text(text))) == spans(mt502._NUMBER_RE.finditer(text)), text


def test_words_before_a_number_are_what_the_anchored_patterns_find():
    pieces = ["a", "é", "of", "at", "x", " ", "  ", "\n", ".", ",", "1", "٣", "²", "_", "-", "\u00a0"]
    for s in texts(pieces, 4000, seed=3, most=10):
        m = mt502._BEFORE_RE.search(s)
        assert mt502._before_word(s) == (m.group("word") if m else ""), s
        m = mt502._MEASURE_BEFORE_RE.search(s)
        assert mt502._measure_word(s) == (m.group("word") if m else ""), s
        assert mt502._ends_digit_comma(s) == bool(re.search(r"\d,\s?$", s)), s


def test_has_other_digits_sees_every_other_decimal_digit():
    pieces = ["a", "1", "?", "é", "“", "—", "٣", "３", "𝟘", "ł", "€", "\u202f", "१"]
    for text in texts(pieces, 3000, seed=4, most=20):
        if any(c.isdecimal() and c not in "0123456789" for c in text):
            assert has_other_digits(Document.from_text(text)), text


def test_time_scans_are_the_finditer_matches():
    pieces = ["at ", "At ", "around ", "about ", "before ", "by ", "13", "14", "24", "9", " ", "  ", "\n",
              "o'clock", "o’clock", "O'CLOCK", "clock", "x", ".", "30", "h", " h", "hours"]
    for text in texts(pieces, 3000, seed=5):
        doc = Document.from_text(text)
        assert spans(mt503._oclock(text, doc.lowered_text)) == spans(mt503._OCLOCK_RE.finditer(text)), text
        assert spans(mt503._bare_afternoon(doc)) == spans(mt503._BARE_AFTERNOON_RE.finditer(text)), text


def test_bracketed_ellipses_are_the_finditer_matches():
    pieces = ["(", ")", "[", "]", "...", "…", ". . .", " ", "x", "."]
    for text in texts(pieces, 3000, seed=6):
        assert spans(mt506._ellipses(text)) == spans(mt506._ELLIPSIS_RE.finditer(text)), text


def test_quote_balance_checks_every_block_that_can_have_a_finding():
    pieces = ['"', '"', "“", "”", '""', '" "', "word", " ", "\n", "\n\n", ",", "“ ,", "” “ ,"]
    rule = mt501.QuoteBalanceRule()
    options = RuleOptions()
    for text in texts(pieces, 3000, seed=7, most=16):
        doc = Document.from_text(text)
        fast = [(h.start, h.end, h.message) for h in rule.check(doc, options)]
        every = mt501._blocks_to_check
        try:
            mt501._blocks_to_check = lambda text, blocks: list(range(len(blocks)))
            full = [(h.start, h.end, h.message) for h in rule.check(Document.from_text(text), options)]
        finally:
            mt501._blocks_to_check = every
        assert fast == full, text


@pytest.mark.parametrize("phrase", ["ab", "a b", "ab ab", "é1"])
def test_locate_is_the_word_bounded_finditer(phrase):
    pattern = re.compile(rf"(?<![^\W_]){re.escape(phrase)}(?![^\W_])")
    for text in texts(["ab", "a", "b", " ", "_", "-", "é", "1", ".", "aba"], 2000, seed=8):
        assert mt103._locate(text, phrase) == spans(pattern.finditer(text)), text


def test_occurrences_are_the_capitalised_word_matches():
    words = ["Jarkov", "Gali", "O'Brien", "Jarkov's"]
    pieces = words + [" ", "-", "x", "'", "’", "_", "s", "\n"]
    for text in texts(pieces, 2000, seed=9):
        expected = [(m.start(), m.end(), m.group()) for m in CAP_WORD_RE.finditer(text) if m.group() in words]
        assert [tuple(t) for t in occurrences(Document.from_text(text), words)] == expected, text


def test_spaced_marks_are_the_class_scan_matches():
    from mtcheck.rules.punctuation import mt507_space_before_punctuation as mt507

    pieces = [":", ";", "?", "!", " ", "\u00a0", "\u202f", "\u2009", "x", "\n", "’", "::", " ?!"]
    for text in texts(pieces, 4000, seed=8, most=14):
        scan = [m.start() for m in re.finditer(r"[:;?!]", text) if m.start() and text[m.start() - 1] in mt507._SPACES]
        assert sorted(mt507._spaced_marks(text)) == scan, text


def test_thousand_millions_show_in_the_word_set():
    pieces = ["5", "1,5", " thousand", "thousand", " million", " millions", "-", "_", "x", " ", "'s", "Thousand"]
    for text in texts(pieces, 4000, seed=9, most=10):
        if mt502._THOUSANDS_OF_MILLIONS_RE.search(text):
            assert "thousand" in Document.from_text(text).lowered_word_set, text


def test_first_name_pairs_skipped_only_when_none_can_be_close():
    rule = mt103.InconsistentNameRule()
    options = RuleOptions()
    pieces = ["Giorgia Meloni", "Georgia Meloni", "Ángela Merkel", "Angela Merkel", "Al Meloni", "Ali Meloni",
              "Luis Arce", "Luís Arce", "Daniel Ortega", "Daniela Ortega", "Prime Minister", "Foreign Minister",
              "Fyodor Minister", "Éric Zemmour", "Eric Zemmour", "Érik Zemmour", " ", ". ", "\n", "the "]
    for text in texts(pieces, 3000, seed=10, most=12):
        doc = Document.from_text(text)
        fast = [(h.start, h.end, h.message) for h in rule._first_names(doc, options)]
        gate = mt103._may_pair
        try:
            mt103._may_pair = lambda pairs: True
            full = [(h.start, h.end, h.message) for h in rule._first_names(Document.from_text(text), options)]
        finally:
            mt103._may_pair = gate
        assert fast == full, text


def test_phrase_candidates_need_every_witness():
    """Variants whose words show only in part ("São Paulo" for "João Paulo II") are not
    candidates, but every variant that occurs still is."""
    surfaces = sorted(curated().surfaces)
    words = sorted({w for s in surfaces for w in s.split()})
    rng = random.Random(11)
    pieces = surfaces + words + [" ", " ", "-", "x", "'", "’", "_", "’s", "'s", "'d", "d’", ".", "\n", "al-", "II"]
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        candidates = phrase_candidates(Document.from_text(text))
        assert list(phrase_matches(text, candidates)) == list(phrase_matches(text)), text
