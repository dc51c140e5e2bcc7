"""MT401/MT402 fast paths give the answers of the slow ones they replace (literal tests before
regular expressions, gates on document words, the precomputed wordfreq candidates)."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

from mtcheck.document import Document
from mtcheck.lexicon import frequency
from mtcheck.rules.lexical import mt402_untranslated_word as mt402
from mtcheck.rules.lexical.calques import calque_lexicon
from mtcheck.rules.lexical.literals import CASE_TRAPS, analyse, finditer_at, has_case_trap, satisfied
from mtcheck.rules.lexical.tokens import EDGE

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.rglob("*.txt"))][::4]
    lex = calque_lexicon()
    # each calque's own wording, so that the patterns do match somewhere
    rng = random.Random(3)
    phrases = [" ".join(re.findall(r"[A-Za-z]+", c.english)[:4]) for c in lex.calques]
    texts.append(". ".join(rng.sample(phrases, len(phrases))))
    texts.append(
        "The Exterior Minister spoke in declarations to Reuters. Actually, the city is actually still calm."
    )
    return [t for t in texts if not has_case_trap(t)]


def test_only_dotted_capital_i_lowercases_to_more_characters() -> None:
    # MT401 and MT402 use doc.lowered_text unless the text holds this character
    assert [c for c in range(sys.maxunicode + 1) if len(chr(c).lower()) != 1] == [0x130]
    assert mt402._LONG_LOWER == "\u0130" and "\u0130" in CASE_TRAPS


def test_calque_patterns_match_only_where_their_literals_are() -> None:
    lex = calque_lexicon()
    texts = _texts()
    found = 0
    for i in range(len(lex.calques)):
        pattern, literals = lex.pattern(i), analyse(lex.sources[i], re.IGNORECASE)
        for text in texts:
            lowered = text.lower()
            whole = list(pattern.finditer(text))
            found += len(whole)
            if not satisfied(literals.requirement, lowered):
                assert not whole, lex.calques[i].key
            windows = [(0, len(text)), (-50, 120), (37, 400), (len(text) - 150, len(text) - 3)]
            windows += [(m.start() - d, m.end() + d) for m in whole for d in (0, 1, 9)]
            for lo, hi in windows:
                expected = [(m.start(), m.end()) for m in pattern.finditer(text, lo, hi)]
                if expected:
                    assert satisfied(literals.requirement, lowered[max(0, lo - literals.behind) : hi])
                if literals.prefixes is not None:
                    got = finditer_at(pattern, text, lowered, lo, hi, literals.prefixes)
                    assert [(m.start(), m.end()) for m in got] == expected, lex.calques[i].key
    assert found > 50  # the texts exercise the patterns


def _lowered_tokens(text: str) -> frozenset[str]:
    """The lowercased whitespace-separated tokens of `text`, edge punctuation stripped."""
    return frozenset(t.strip(EDGE).lower() for t in text.split())


def test_false_friend_windows_fast_path_finds_the_same_matches() -> None:
    from mtcheck.rules.lexical.mt401_false_friend import _matches_near, _word_offsets

    lex = calque_lexicon()
    for text in _texts():
        lowered = text.lower()
        positions: dict[str, list[int]] = {}
        words = _lowered_tokens(text)
        for i, calque in enumerate(lex.calques):
            offsets = sorted(o for w in calque.triggers & words for o in _word_offsets(lowered, w, positions))
            slow = [m.span() for m in _matches_near(lex.pattern(i), text, offsets)]
            literals = analyse(lex.sources[i], re.IGNORECASE)
            fast = _matches_near(lex.pattern(i), text, offsets, lowered, literals)
            assert [m.span() for m in fast] == slow, calque.key


def test_context_patterns_fast_path_finds_the_same_matches() -> None:
    texts = _texts()
    for calque in calque_lexicon().calques:
        for group in (calque.error, calque.clear, calque.topic, calque.off_topic):
            for text in texts[:40]:
                slow = [[m.span() for m in p.finditer(text)] for p in group]
                fast = [[m.span() for m in ms] for ms in group.finditers(text, text.lower())]
                assert [s for s in slow if s] == [f for f in fast if f], calque.key


def test_literal_analysis_is_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mtcheck.rules.lexical.literals import analyse_all

    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path))
    patterns = [(src, re.IGNORECASE) for src in calque_lexicon().sources[:20]]
    built = analyse_all(patterns)
    assert list(tmp_path.rglob("literals-*.json"))
    assert analyse_all(patterns) == built == {p: analyse(*p) for p in patterns}


def test_literal_analysis_of_simple_patterns() -> None:
    lits = analyse(r"(?<![\w'-])(?:(?:the )?(?:Supreme|Constitutional) court)(?![\w'-])", re.IGNORECASE)
    assert lits.prefixes == (
        "constitutional court", "supreme court", "the constitutional court", "the supreme court"
    )
    lits = analyse(r"(?<=parliamentary )fractions?", re.IGNORECASE)
    assert lits.requirement == ("and", ["parliamentary ", "fraction"])
    assert lits.behind == len("parliamentary ")
    assert analyse(r"\w+ing, actually", re.IGNORECASE).prefixes is None


def test_non_ascii_offsets_match_the_regex() -> None:
    rng = random.Random(7)
    alphabet = "abc XYZ.,\n’“”–—…«»éñüßİı€\u00a0"
    for n in (0, 1, 255, 256, 257, 600, 2000):
        for _ in range(20):
            text = "".join(rng.choice(alphabet) if rng.random() < 0.05 else "e" for _ in range(n))
            expected = [m.start() for m in mt402._NON_ASCII.finditer(text)]
            assert list(mt402._non_ascii_offsets(text)) == expected


def test_phrase_gate_keeps_every_match() -> None:
    lex = mt402._lexicon()
    for text in _texts():
        doc = Document.from_text(text)
        lowered = doc.lowered_text
        for word in _lowered_tokens(text) & lex.first_words:
            full = [m.span() for m in lex.phrases_starting(word).finditer(lowered)]
            gated = lex.phrases_present(word, doc.lowered_word_set)
            assert full == ([] if gated is None else [m.span() for m in gated.finditer(lowered)])


def test_loanword_gate_finds_the_same_loanwords() -> None:
    lex = mt402._lexicon()
    assert lex.loan_words is not None  # the loanword list is made of words
    texts = _texts()[::3]
    texts.append("The junta, the coup d'état and the Bundestag; la république en" + " " * 30 + "marchera.")
    checked = found = 0
    for text in texts:
        doc = Document.from_text(text)
        for start in range(0, len(text), 11):
            for width in (1, 30, 90):
                end = min(len(text), start + width)
                expected = [m.span() for m in lex.loanwords.finditer(text, start, end)]
                pattern = mt402._loan_pattern(lex, doc, start, end)
                got = [] if pattern is None else [m.span() for m in pattern.finditer(text, start, end)]
                assert got == expected
                checked += pattern is None
                found += len(expected)
    assert checked > 1000 and found > 10
    # endpos cuts "marchera" after "marche": the pattern then matches a loanword there
    text = "Officials of la république en" + " " * 30 + "marchera, según the note."
    end = text.index("marchera") + len("marche")
    doc = Document.from_text(text)
    for start in range(text.index("la république") + 1):
        pattern = mt402._loan_pattern(lex, doc, start, end)
        assert pattern is not None and pattern.search(text, start, end) is not None


@pytest.mark.skipif(not frequency.available(), reason="wordfreq index unavailable")
def test_ascii_candidates_are_the_words_that_pass_the_frequency_test() -> None:
    candidates = mt402._ascii_candidates()
    assert candidates
    words = {w for t in _texts() for w in Document.from_text(t).lowered_word_set}
    words |= set(random.Random(5).sample(sorted(candidates), 300))

    def passes(word: str) -> bool:
        if (
            len(word) < mt402.ASCII_MIN_LENGTH
            or not word.isascii()
            or not word.isalpha()
            or word.endswith(mt402._SHARED_SUFFIXES)
        ):
            return False
        en = frequency.zipf(word, "en")
        return en < mt402.ASCII_ENGLISH_MAX_ZIPF and any(
            frequency.zipf(word, lang) >= mt402.ASCII_SOURCE_MIN_ZIPF
            and frequency.zipf(word, lang) - en >= mt402.FOREIGN_MARGIN
            for lang in frequency.LANGUAGES
            if lang != "en"
        )

    assert {w for w in words if passes(w)} == words & candidates
