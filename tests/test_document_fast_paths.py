"""The shared per-document data is what the plain implementations it replaced computed.

The reference implementations below are the earlier ones of `mtcheck/document.py`, kept
here verbatim (a regex split per word, a finditer over each block, a character loop for the
quotation marks, ...). Each check builds random texts from the pieces that matter (seeded,
so a failure reproduces) and compares every property, value and type.
"""

from __future__ import annotations

import bisect
import random
import re
from collections import Counter
from itertools import accumulate, repeat
from operator import itemgetter

import pytest

from mtcheck.document import (
    CAP_WORD_RE,
    Document,
    LineIndex,
    Segment,
    find_quote_spans,
    lowercase,
    split_sentences,
)
from mtcheck.readers import parse

# ---------------------------------------------------------------------------------------------
# The reference: the earlier implementations

_WORD_SPLIT_RE = re.compile(r"(\w+(?:['’-]\w+)*)")
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ɏ"
_CAP_WORD_NEXT_RE = re.compile(
    rf"({CAP_WORD_RE.pattern})(?: (?=([{_UPPER}][^\W_]*(?:-[^\W_]+)*)))?"
)
_TERMINAL = ".!?…"
_CLOSERS = "\"'”’»)]"
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col capt sgt maj cmdr adm gov sen rep rev st mt ft jr sr
    no vs etc approx dept est fig inc ltd co corp bros univ govt jan feb mar apr jun jul aug
    sep sept oct nov dec a.m p.m u.s u.k u.n e.u i.e e.g al""".split()
)
_LONGEST_ABBREVIATION = max(len(a) for a in _ABBREVIATIONS)
_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?:(?=\s)|$)")
_LIST_MARK_RE = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s")
_CLOSE_FOR = {"“": "”", "«": "»", '"': '"'}
_QUOTE_CHAR_RE = re.compile(r'[“”«»"\n]')


def ref_line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


def ref_lines(text: str) -> list[Segment]:
    raws = text.split("\n")
    lengths = list(map(len, raws))
    starts = list(accumulate(map((1).__add__, lengths), initial=0))
    ends = list(map(int.__add__, starts, lengths))
    return list(map(tuple.__new__, repeat(Segment), zip(starts, ends, raws, strict=False)))


def ref_is_soft_wrap(prev: str, nxt: str) -> bool:
    if len(prev) < 40 or prev[-1] in _TERMINAL or prev[-1] in _CLOSERS or prev[-1] == ":":
        return False
    if _LIST_MARK_RE.match(nxt):
        return False
    return True


def ref_blocks(text: str) -> list[Segment]:
    blocks: list[Segment] = []
    cur_start = -1
    cur_end = -1
    prev_text = ""
    for line in ref_lines(text):
        stripped = line.text.strip()
        if not stripped:
            if cur_start >= 0:
                blocks.append(Segment(cur_start, cur_end, text[cur_start:cur_end]))
                cur_start = -1
            continue
        lead = len(line.text) - len(line.text.lstrip())
        if cur_start >= 0 and ref_is_soft_wrap(prev_text, stripped):
            cur_end = line.start + lead + len(stripped)
        else:
            if cur_start >= 0:
                blocks.append(Segment(cur_start, cur_end, text[cur_start:cur_end]))
            cur_start = line.start + lead
            cur_end = cur_start + len(stripped)
        prev_text = stripped
    if cur_start >= 0:
        blocks.append(Segment(cur_start, cur_end, text[cur_start:cur_end]))
    return blocks


def ref_is_abbreviation_stop(text: str, dot: int) -> bool:
    if dot > _LONGEST_ABBREVIATION and text[dot - _LONGEST_ABBREVIATION - 1 : dot].isalnum():
        return False
    j = dot
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] == "."):
        j -= 1
    token = text[j:dot].lower()
    if not token:
        return False
    if token in _ABBREVIATIONS:
        return True
    if len(token) == 1 and text[j].isupper():
        return True
    if "." in token and all(len(p) <= 2 for p in token.split(".")):
        nxt = text[dot + 1 : dot + 3]
        return not (len(nxt) == 2 and nxt[0] == " " and nxt[1].isupper())
    return False


def ref_split_sentences(text: str, base: int = 0) -> list[Segment]:
    out: list[Segment] = []
    start = 0
    n = len(text)
    for m in _SENTENCE_END_RE.finditer(text):
        dot, end = m.span()
        if text[dot] == "." and ref_is_abbreviation_stop(text, dot):
            continue
        seg = text[start:end]
        stripped = seg.strip()
        if stripped:
            out.append(Segment(base + start + len(seg) - len(seg.lstrip()), base + end, stripped))
        start = end
    if start < n:
        seg = text[start:]
        lead = len(seg) - len(seg.lstrip())
        stripped = seg.strip()
        if stripped:
            out.append(Segment(base + start + lead, base + start + lead + len(stripped), stripped))
    return out


def ref_sentences(text: str) -> list[Segment]:
    out: list[Segment] = []
    for block in ref_blocks(text):
        out.extend(ref_split_sentences(block.text, block.start))
    return out


def ref_word_split(text: str) -> tuple[list[str], list[int], list[int]]:
    parts = _WORD_SPLIT_RE.split(text)
    offsets = list(accumulate(map(len, parts), initial=0))
    return parts[1::2], offsets[1:-1:2], offsets[2::2]


def ref_lowered_text(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered


def ref_quote_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    open_at = -1
    expect = ""
    for m in _QUOTE_CHAR_RE.finditer(text):
        ch = m.group()
        if ch == "\n":
            open_at = -1
        elif open_at >= 0 and ch == expect:
            spans.append((open_at, m.end()))
            open_at = -1
        elif open_at < 0 and ch in _CLOSE_FOR:
            open_at = m.start()
            expect = _CLOSE_FOR[ch]
    return spans


def reference(text: str) -> dict[str, object]:
    """Every property as the earlier implementation computed it."""
    texts, starts, ends = ref_word_split(text)
    lowered = list(map(str.lower, texts))
    scan = _CAP_WORD_NEXT_RE.findall(text)
    lines = ref_lines(text)
    return {
        "lines": lines,
        "stripped_lines": [line.text.strip() for line in lines],
        "blocks": ref_blocks(text),
        "sentences": ref_sentences(text),
        "word_texts": texts,
        "word_starts": starts,
        "word_ends": ends,
        "words": [Segment(*w) for w in zip(starts, ends, texts, strict=True)],
        "lowered_words": lowered,
        "lowered_word_set": frozenset(lowered),
        "capitalised_words": Counter(map(itemgetter(0), scan)),
        "capitalised_pairs": [pair for pair in scan if pair[1]],
        "lowered_text": ref_lowered_text(text),
        "quote_spans": ref_quote_spans(text),
    }


# ---------------------------------------------------------------------------------------------
# Random texts

WORDS = ["said", "the", "a", "I", "It", "U", "S", "Mr", "mr", "MRS", "Gen", "gen", "approx",
         "Sept", "jan", "No", "al", "e", "g", "p", "m", "x", "ab", "abcdefgh", "Jarkov", "O",
         "Brien", "Meloni", "Giorgia", "López", "Ángel", "Łódź", "łódź", "ā", "Ā", "ÉTAT",
         "über", "2023", "1", "٣", "_", "a_b", "İstanbul", "İ", "ΟΔΟΣ", "Σ", "σ", "ſt",
         "\u212aelvin", "ß", "ﬁ", "ǅ", "𝐀bc", "Ⅷ"]
MARKS = [".", ".", "...", "!", "?", "…", "?!", ".”", ".\"", ".’", ".)", ".]", ".»", "!”"]
JOINERS = ["'", "’", "-", "--", "'s", "’s", "'S"]
QUOTES = ['"', "“", "”", "«", "»", "‘"]
SPACES = [" ", " ", " ", "  ", "\n", "\n\n", "\n \n", "\r\n", "\t", "\u00a0", "\u2028", "\x1c",
          "\x85", "\u3000", " - ", " — "]
OTHER = [",", ";", ":", "(", ")", "/", "*", "•", "1.", "2)", "U.S.", "U.S", "p.m.", "e.g.",
         "A.", "etc.", "Mr.", "a.b.c.", "3.5", "Dr", "ſ"]
LONG = ["This is a long line of text that goes on well past forty characters",
        "Another line, long enough to be soft-wrapped into its paragraph here"]


def random_texts(n: int, seed: int, most: int = 30) -> list[str]:
    rng = random.Random(seed)
    groups = [WORDS, WORDS, WORDS, MARKS, JOINERS, QUOTES, SPACES, SPACES, OTHER, LONG]
    out = []
    for _ in range(n):
        out.append("".join(rng.choice(rng.choice(groups)) for _ in range(rng.randint(0, most))))
    return out


def article_texts() -> list[str]:
    from benchmarks.heuristic_speed import generate_corpus

    return generate_corpus(60)


# ---------------------------------------------------------------------------------------------
# The checks


def check_document(text: str) -> None:
    doc = Document.from_text(text)
    for name, expected in reference(text).items():
        got = getattr(doc, name)
        assert type(got) is type(expected), (name, text)
        assert got == expected, (name, text)
    assert doc.line_index._starts == ref_line_starts(text), text


@pytest.mark.parametrize("seed", range(4))
def test_properties_match_the_reference_on_random_texts(seed: int) -> None:
    for text in random_texts(2500, seed):
        check_document(text)


def test_properties_match_the_reference_on_articles() -> None:
    for text in article_texts():
        check_document(text)
        check_document(text.replace(". ", ".  ").replace("\n\n", "\n"))


def test_line_index_of_a_document_with_crlf_reads_the_original() -> None:
    for text in random_texts(500, seed=7) + ["a\r\nb\rc\n", "\r\n\r\n"]:
        doc = parse(text, "a.txt")
        assert doc.line_index._starts == ref_line_starts(doc.original), text
        assert LineIndex(text)._starts == ref_line_starts(text), text


def test_split_sentences_of_a_block_matches_the_reference() -> None:
    for text in random_texts(3000, seed=11):
        block = text.strip()
        assert split_sentences(block, 5) == ref_split_sentences(block, 5), text


def test_quote_spans_match_the_character_loop() -> None:
    pieces = ['"', "“", "”", "«", "»", "\n", "a", " ", "x y", "‘", "’"]
    rng = random.Random(5)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        assert find_quote_spans(text) == ref_quote_spans(text), text


def test_lowercase_is_str_lower() -> None:
    pieces = ["A", "a", "Z", "É", "é", "İ", "Σ", "ΑΣ", "Σ.", "ς", "ſ", "\u212a", "ß", "ﬁ", "ǅ",
              "𝐀", "Ω", "\ud800", "’", "“", " ", ".", "'", "Ⅷ", "Ａ", "ǈ", "\u0345", "\x00"]
    rng = random.Random(9)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert lowercase(text) == text.lower(), text


def test_lowercase_of_every_character_is_str_lower() -> None:
    chars = "".join(map(chr, range(0x110000)))
    for i in range(0, len(chars), 4096):
        chunk = chars[i : i + 4096]
        assert lowercase(chunk) == chunk.lower()
        assert lowercase("a" + chunk + "a") == ("a" + chunk + "a").lower()


def test_in_quote_reads_the_spans() -> None:
    doc = Document.from_text('He said "yes" and “no”.\n"open')
    spans = doc.quote_spans
    for offset in range(len(doc.text) + 1):
        i = bisect.bisect_right(spans, (offset, 1 << 62)) - 1
        assert doc.in_quote(offset) == (i >= 0 and spans[i][0] <= offset < spans[i][1])
