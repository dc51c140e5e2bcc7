"""The fast paths of the attribution (MT3xx) and debris (MT6xx) rules find what the plain
scans they replace find.

Each check builds random texts from the pieces that matter to one scan (seeded, so a
failure reproduces) and compares the fast path with the plain scan.
"""

from __future__ import annotations

import bisect
import random
import re

from mtcheck.document import Document
from mtcheck.rules.attribution import mt302_trailing_relative_attribution as mt302
from mtcheck.rules.attribution import mt303_inverted_attribution as mt303
from mtcheck.rules.attribution import mt304_reportative_conditional as mt304
from mtcheck.rules.attribution import speech_verbs
from mtcheck.rules.attribution.speech_verbs import sentence_at
from mtcheck.rules.debris import boilerplate
from mtcheck.rules.debris import mt602_dangling_credit_line as mt602
from mtcheck.rules.debris.boilerplate import (
    LinePatterns,
    alternation,
    builtin_patterns,
    first_character_groups,
)


def texts(pieces: list[str], n: int, seed: int, most: int = 12) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, most))) for _ in range(n)]


def spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def _sentence_by_bisect(doc: Document, offset: int):
    """The lookup `sentence_at` replaces: bisect on the start offsets of `doc.sentences`."""
    sentences = doc.sentences
    i = bisect.bisect_right(sentences, offset, key=lambda s: s.start) - 1
    if i >= 0 and offset < sentences[i].end:
        return sentences[i]
    return None


def test_sentence_at_is_the_sentence_of_doc_sentences():
    # sentence ends, abbreviations and initials, closing marks, soft-wrapped lines (a line
    # of 40+ characters without final punctuation continues the block), list marks,
    # blank lines and lines of spaces
    long_line = "The quick brown fox jumps over the lazy dog and more"
    pieces = ["Word", "word", "x", "3", " ", "  ", "\n", "\n", "\n\n", " \n", "\n \n", "\t", "\r", "\u2028",
              "\u00a0", ".", ". ", "!", "?", "…", "...", "?!", "\"", "”", "’", "'", ")", "]", "»", "“",
              "Mr.", "U.S.", "U.S. The", "e.g.", "A.", "J. ", "no.", "etc.", "approx.", "- ", "* ", "• ",
              "1) ", "2. ", ":", "3.5", long_line, "a" * 45, "”.", "».", " — ", "Has said. ", "word.”"]
    rng = random.Random(21)
    for text in texts(pieces, 6000, seed=21, most=30):
        plain = Document.from_text(text)
        fast = Document.from_text(text)
        for offset in range(len(text) + 1):
            assert sentence_at(fast, offset) == _sentence_by_bisect(plain, offset), (text, offset)
        # one index for several look-ups, in any order (the rules share one per document)
        index = speech_verbs.SentenceIndex(fast)
        offsets = list(range(len(text) + 1))
        rng.shuffle(offsets)
        for offset in offsets:
            assert index.at(offset) == _sentence_by_bisect(plain, offset), (text, offset)


def test_sentence_ends_are_runs_of_marks():
    # what `sentence_at` reads the marks by: the matches of `Document`'s sentence-end
    # pattern are the runs of final marks whose closing marks are followed by a space or
    # the end, each from its first mark
    from mtcheck.document import _SENTENCE_END_RE

    def runs(text: str) -> list[tuple[int, int]]:
        out = []
        i, n = 0, len(text)
        while i < n:
            if text[i] not in speech_verbs._TERMINALS:
                i += 1
                continue
            j = i
            while j < n and text[j] in speech_verbs._TERMINALS:
                j += 1
            k = j
            while k < n and text[k] in speech_verbs._CLOSERS:
                k += 1
            if k == n or text[k].isspace():
                out.append((i, k))
            i = j
        return out

    pieces = [".", "!", "?", "…", "\"", "'", "”", "’", "»", ")", "]", " ", "\n", "\u2028", "a", "“", "("]
    for text in texts(pieces, 4000, seed=22, most=14):
        assert runs(text) == spans(_SENTENCE_END_RE.finditer(text)), text


def test_who_spans_are_the_finditer_matches():
    pieces = [",", ", ", ",\n", " ", "  ", "who", "Who", "whom", "who's", "who-", "who_", "whoé", "who²", "x", "\t", "\u2028"]
    for text in texts(pieces, 4000, seed=23):
        assert mt302._who_spans(text) == spans(mt302._WHO.finditer(text)), text


def test_would_matches_are_the_finditer_matches():
    pieces = ["would", "Would", "would ", " be ", "be using ", "have ", "been ", "entered ", "x", " ", "\n",
              "also ", "not ", "shouldwould", "would would ", "walking", "made"]
    for text in texts(pieces, 4000, seed=24):
        assert spans(mt304._would_matches(text)) == spans(mt304._WOULD.finditer(text)), text


def test_inverted_scan_finds_what_the_full_patterns_find():
    lex = speech_verbs.speech_lexicon()
    verbs = sorted(lex.inverted)
    agents = sorted(lex.agents)[:20]
    pieces = verbs + [v.split()[0] for v in verbs] + agents + [
        ",", ", ", ",  ", "”", "”,", ",”", "»", "\"", "“", "«", " ", "  ", "\n", "the ", "a ", "his ",
        "Sánchez", "Ukrainian ", "army", ".", ";", "x", "to ", "Kyiv ", "indicatesx", "Says", "-", "’"]
    for text in texts(pieces, 4000, seed=25, most=10):
        quoted, reported = mt303._scan(Document.from_text(text))
        assert spans(quoted) == spans(mt303._pattern().finditer(text)), text
        assert spans(reported) == spans(mt303._reported_pattern().finditer(text)), text


def test_inverted_first_words_are_lowercase_words():
    # `_sites` looks the first words up among `Document.lowered_word_set`
    assert all(w.isalpha() and w.islower() for w in mt303._first_words())


def _line_pieces(patterns: tuple[str, ...]) -> list[str]:
    words = sorted({w for p in patterns for w in re.findall(r"[^\W\d_]+", p)})
    return words + [" ", " ", ":", "#", "»", ">", "|", "/", "©", "1", "2024", "'", "’", "?", ".", "-",
                    "K", "\u212a", "ſ", "İ", "é", "x", "Ω", "\t"]


def test_line_patterns_match_what_the_alternation_matches():
    patterns = builtin_patterns()
    whole = re.compile(alternation(patterns), re.IGNORECASE)
    grouped = LinePatterns(patterns)
    rng = random.Random(26)
    pieces = _line_pieces(patterns)
    for line in texts(pieces, 20000, seed=26, most=6):
        line = line.strip() if rng.random() < 0.8 else line
        for candidate in (line, line.upper(), line.title()):
            assert grouped.fullmatch(candidate) == (whole.fullmatch(candidate) is not None), candidate


def test_line_patterns_with_a_repository_s_own():
    extra = ("more from our partners", r"\d+ views?", "[^a-z]+ only", "(?:x|y)?zap", r"(?=q)\w+", "k+elvin")
    patterns = builtin_patterns() + extra
    whole = re.compile(alternation(patterns), re.IGNORECASE)
    grouped = LinePatterns(patterns)
    pieces = _line_pieces(patterns) + ["ONLY", "!!", "views", "qq", "zap", "elvin"]
    for line in texts(pieces, 20000, seed=27, most=5):
        assert grouped.fullmatch(line) == (whole.fullmatch(line) is not None), line


def test_patterns_the_grouping_does_not_follow_use_the_alternation():
    assert first_character_groups((r"(a)\1",)) is None  # a group reference
    assert first_character_groups(("(?i)x",)) is None  # inline global flags
    assert first_character_groups(("(?P<n>x)",)) is None  # a named group
    groups = first_character_groups(("(?s:.)x", "b"))
    assert groups is not None and all(0 in ix for ix in groups.values())  # local flags: any start


def test_boilerplate_groups_and_lexicon_come_back_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path))
    patterns = builtin_patterns()
    derived = first_character_groups(patterns)
    assert boilerplate._cached_groups(patterns) == derived  # builds the cache file
    assert list(tmp_path.rglob("boilerplate-groups-*.json"))
    assert boilerplate._cached_groups(patterns) == derived  # read back
    parsed = speech_verbs._lexicon_data()
    assert list(tmp_path.rglob("speech-verbs-*.json"))
    assert speech_verbs._lexicon_data() == parsed


def test_dangling_end_read_backwards_is_the_search():
    pieces = list(mt602._DANGLING_WORDS) + [w.upper() for w in mt602._DANGLING_WORDS] + [
        " ", "x", "-", "–", "—", "/", ":", "_", "é", "İ", "ı", "ſ", "K", "\u212a", "1", ".", "'", "’", "Pool "]
    for text in texts(pieces, 6000, seed=28, most=6):
        line = text.strip()
        if not line:
            continue
        assert bool(mt602._DANGLING_END_REVERSED.match(line[::-1])) == bool(mt602._DANGLING_END_RE.search(line)), line


def test_word_searches_find_what_the_patterns_find():
    # word boundaries (letters, digits, "_", apostrophes and hyphens before a marker), case
    # and the characters that match ASCII letters case-insensitively ("İ", "ı", "ſ", the
    # Kelvin sign), question marks, line breaks, text that starts with a marker
    pieces = ["if", "If", "IF", "İf", "ıf", "unless", "xunless", "_if", "9if", "-if", "'if", "’if", "if_",
              "ifs", "in case", "in  case", "were it", "were", "had not", "Had I", "so that", "?", " ",
              "  ", "\n", ",", ".", "“", "é", "each", "Each", "eachother", "every", "by 2027", "by the end of 2030",
              "next week", "on Monday", "on monday", "this week", "ſoon", "soon", "\u212aeep", "x"]
    for text in texts(pieces, 6000, seed=25, most=8):
        assert mt304._has_conditional(text) == (mt304._CONDITIONAL.search(text) is not None), text
        assert mt304._HABIT_OR_PLAN.found(text) == (mt304._HABITUAL_OR_FUTURE.search(text) is not None), text


def test_past_attribution_is_the_pattern():
    pieces = ["said", "Said", "xsaid", "said_", "saidx", "told", "added", "wrote", "told reporters", "xtold reporters",
              "told reportersx", "told  reporters", "”", '"', "»", ",", ", ", "”,", ",”", " ", "  ", "\n", "x", "é", "_"]
    for text in texts(pieces, 6000, seed=26, most=10):
        assert mt303._has_past_attribution(text) == (mt303._PAST_ATTRIBUTION.search(text) is not None), text


def test_word_search_within_bounds():
    # MT301 searches its durative markers in a window (pos, endpos): a marker that starts
    # at the window's start reads the character before it for its word boundary
    from mtcheck.rules.attribution import mt301_present_perfect_attribution as mt301

    pieces = ["repeatedly", "Repeatedly", "xrepeatedly", "for years", "for  years", "since", "sinces", "many times",
              "several times", "before", "before the", "before The", "in the past", "in the past days", " ", ",",
              "\n", "x", "_", "é", "-"]
    pattern, search = mt301._durative(), mt301._durative_search()
    rng = random.Random(27)
    for text in texts(pieces, 3000, seed=27, most=8):
        for _ in range(4):
            pos = rng.randint(0, len(text))
            endpos = rng.randint(pos, len(text) + 2)
            assert search.found(text, pos, endpos) == (pattern.search(text, pos, endpos) is not None), (text, pos, endpos)
