"""MT401/MT402 find their trigger words among the document's words and `is_token` instead of
building every whitespace-separated token of the document: the same words, checked here on
random texts built from the pieces where the two splits differ."""

from __future__ import annotations

import random
import re
import sys
from itertools import repeat

from mtcheck.document import Document
from mtcheck.rules.lexical import mt402_untranslated_word as mt402
from mtcheck.rules.lexical.calques import calque_lexicon
from mtcheck.rules.lexical.common_english import common_english
from mtcheck.rules.lexical.literals import has_case_trap
from mtcheck.rules.lexical.tokens import TOKEN_EDGE_PUNCTUATION, is_token, tokens_among

_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def _token_set(text: str) -> frozenset[str]:
    """What `Document.token_set` was: the tokens, edge punctuation stripped."""
    return frozenset(map(str.strip, set(text.split()), repeat(TOKEN_EDGE_PUNCTUATION)))


def _lowered_token_set(text: str) -> frozenset[str]:
    return frozenset(map(str.lower, _token_set(text)))


def _listed_words() -> list[str]:
    lex = mt402._lexicon()
    return sorted(calque_lexicon().triggers | lex.first_words)


def test_lowercasing_keeps_word_characters_apart_from_the_rest() -> None:
    # tokens.py: a token lowercasing to a listed word has a character of the same kind at each
    # place, so it is one of Document.words
    word = re.compile(r"\w")
    for c in map(chr, range(sys.maxunicode + 1)):
        low = c.lower()
        if len(low) != 1:
            assert c == "\u0130" and not all(word.match(x) for x in low)
            continue
        assert not word.match(low) or word.match(c), c
        assert (low in "'’-") == (c in "'’-"), c
    assert not any(word.match(c) or c.isspace() for c in TOKEN_EDGE_PUNCTUATION)


def test_listed_words_are_lowercase_document_words() -> None:
    for w in _listed_words():
        assert _WORD.fullmatch(w) and w == w.lower() and "σ" not in w and "ς" not in w, w


def _pieces() -> list[str]:
    listed = _listed_words()
    rng = random.Random(11)
    words = rng.sample(listed, 60) + ["a", "de", "en", "president", "actually", "u", "s", "or"]
    words += [w.capitalize() for w in words[:20]] + [w.upper() for w in words[20:30]]
    candidates = mt402._ascii_candidates() or frozenset()
    words += rng.sample(sorted(candidates), 20) if candidates else ["pourvoi", "manovra"]
    words += ["Pourvoi", "POURVOI", "assumptions", "İstanbul", "ıs", "dİe"]
    marks = list(TOKEN_EDGE_PUNCTUATION) + list("%#@&+=_°€$§|\\~^`<>") + ["'s", "’s", "-", "—"]
    spaces = [" ", " ", " ", "\n", "\t", "\u00a0", "\u2009", "\x1c", "\u200b", "  "]
    return words + marks * 2 + spaces * 6 + ["1", "50", "3.5", "U.S.", "and/or", "d'", "l’"]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pieces = _pieces()
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(n)]


def test_is_token_agrees_with_the_token_sets() -> None:
    listed = frozenset(_listed_words())
    checked = positive = 0
    for text in _texts(6000, 1):
        doc = Document.from_text(text)
        tokens, lowered_tokens = _token_set(text), _lowered_token_set(text)
        # every token shaped like a word is one of the words (tokens.py)
        assert {t for t in lowered_tokens if _WORD.fullmatch(t)} <= doc.lowered_word_set
        for w in doc.lowered_word_set:
            assert is_token(text, w) == (w in tokens), (text, w)
            if not _WORD.fullmatch(w) or "σ" in w:  # "İ" lowercased: is_token is not asked
                continue
            assert is_token(doc.lowered_text, w) == (w in lowered_tokens), (text, w)
            checked += 1
            positive += w in lowered_tokens
        assert tokens_among(doc.lowered_text, doc.lowered_word_set & listed) == lowered_tokens & listed
    assert checked > 20000 and 0.2 * checked < positive < 0.95 * checked


def test_lowercase_tokens_are_the_old_set() -> None:
    candidates = mt402._ascii_candidates()
    common = common_english()
    for text in _texts(3000, 2):
        doc = Document.from_text(text)
        tokens, lowered_tokens = _token_set(text), _lowered_token_set(text)
        # what MT402 passed to `_ascii_tokens`, less the words its first tests drop
        old = {
            w for w in (tokens & lowered_tokens) - common
            if len(w) >= mt402.ASCII_MIN_LENGTH and w.isascii() and w.isalpha()
        }
        assert mt402._lowercase_tokens(doc, None) == old, text
        if candidates is not None:
            new = mt402._lowercase_tokens(doc, candidates)
            assert new - common == (tokens & candidates) - common and new <= candidates




def test_false_friend_token_test_from_trigger_offsets() -> None:
    from mtcheck.rules.lexical.mt401_false_friend import _is_token

    triggers = calque_lexicon().triggers
    checked = negative = 0
    for text in _texts(3000, 5):
        doc = Document.from_text(text)
        lowered_tokens = _lowered_token_set(text)
        lowered = text.lower() if "\u0130" in text else doc.lowered_text
        positions: dict[str, list[int]] = {}
        tokens: dict[str, bool] = {}
        for w in sorted(doc.lowered_word_set & triggers):
            assert _is_token(doc, lowered, w, positions, tokens) == (w in lowered_tokens), (text, w)
            assert tokens[w] == (w in lowered_tokens)
            checked += 1
            negative += w not in lowered_tokens
    assert checked > 2000 and negative > 100, (checked, negative)


def test_gates_never_hide_a_match() -> None:
    # MT401 skips a calque whose gate strings the text lacks, or whose prefixes (required
    # text) the span around its trigger words lacks: only where no window has a match
    from mtcheck.rules.lexical.calques import WINDOW_AFTER, WINDOW_BEFORE
    from mtcheck.rules.lexical.mt401_false_friend import _matches_near, _may_occur, _word_offsets

    lex = calque_lexicon()
    rng = random.Random(4)
    phrases = [" ".join(re.findall(r"[A-Za-z]+", c.english)[:5]) for c in lex.calques]
    tails = [".", ", ", " has ruled", " the ", " meeting", "-", " before the risks"]
    texts = [
        " ".join(rng.sample(phrases, 6)) + rng.choice(tails) + " " + rng.choice(phrases)
        for _ in range(400)
    ] + _texts(300, 3)
    found = gated = 0
    for text in texts:
        if has_case_trap(text):
            continue
        lowered = text.lower()
        positions: dict[str, list[int]] = {}
        for i, calque in enumerate(lex.calques):
            offsets = sorted(o for w in calque.triggers for o in _word_offsets(lowered, w, positions))
            if not offsets:
                continue
            literals = lex.literals(i)
            matches = _matches_near(lex.pattern(i), text, offsets, lowered, literals)
            assert [m.span() for m in matches] == [m.span() for m in _matches_near(lex.pattern(i), text, offsets)]
            clause = lex.gates[i]
            passes = clause is None or any(s in lowered for s in clause)
            near = _may_occur(literals, lowered, offsets[0] - WINDOW_BEFORE, offsets[-1] + WINDOW_AFTER)
            gated += not (passes and near)
            if matches:
                found += len(matches)
                assert passes and near, (calque.key, text)
    assert found > 500 and gated > 500, (found, gated)


def test_context_pattern_matches_agree_with_finditer() -> None:
    from tests.rules.test_lexical_fast_paths import _texts as fixture_texts

    texts = fixture_texts()[:30]
    rng = random.Random(8)
    checked = hits = 0
    for calque in calque_lexicon().calques:
        for group in (calque.error, calque.clear, calque.topic, calque.off_topic):
            for text in texts:
                lowered = text.lower()
                spans = [[m.span() for m in p.finditer(text)] for p in group]
                flat = [s for found in spans for s in found]
                expected = bool(flat)
                assert group.matches(text, lowered) == expected == group.matches(text, None)
                cuts = [(s, e) for s, e in flat[:3]] + [
                    (a, a + rng.randint(1, 40)) for a in rng.sample(range(len(text)), 3)
                ]
                for start, end in cuts:
                    overlap = any(s < end and e > start for s, e in flat)
                    assert group.matches(text, lowered, start, end) == overlap
                    assert group.matches(text, None, start, end) == overlap
                    checked += 1
                    hits += overlap
    assert checked > 1000 and hits > 50
