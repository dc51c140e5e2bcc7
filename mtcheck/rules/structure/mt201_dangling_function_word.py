"""MT201 dangling-function-word: a sentence that ends on a function word, or a fragment after a full stop."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from mtcheck.document import Document, is_abbreviation_stop
from mtcheck.finding import Severity
from mtcheck.rules.base import Hit, Rule, RuleOptions
from mtcheck.rules.structure.commas import comma_matches, final_after, function_words, reversed_function_words
from mtcheck.rules.structure.word_tags import reversed_lowered_text

# A function word before a sentence-final mark, or before a closing quote that ends the
# quoted part of a sentence ("... of interceptions of the", said the lawyer). The pattern
# opens with one character class (then checks which mark it found), so the regex engine
# skips to the next mark at C speed instead of trying two alternatives at every position.
_END_MARK_RE = re.compile(r"[.!?\"”](?:(?<=[.!?])(?=[\s\"”’)]|$)|(?<=[\"”])(?=\s*,))")
_FIRST_WORD_RE = re.compile(r"[^\W\d_]+")


def _word_before(text: str, pos: int) -> tuple[int, int, bool] | None:
    """(start, end, spaced) of the ASCII word right before `pos`, spaces allowed between."""
    end = pos
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    start = end
    while start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
        start -= 1
    if start == end or (start > 0 and text[start - 1].isalnum()):
        return None
    return start, end, end != pos


def _previous_word(text: str, start: int) -> str:
    """The ASCII word before the word at `start` (one space between), lowercased; "" if none."""
    if start < 2 or text[start - 1] != " ":
        return ""
    found = _word_before(text, start - 1)
    return "" if found is None or found[2] else text[found[0]:found[1]].lower()


_LIST_MARKERS = frozenset("a b c d i ii iii iv v vi".split())
# The marks of `_END_MARK_RE`, read backwards (on `reversed_lowered_text`): a full stop,
# "!" or "?" with whitespace, a closing quote or bracket, or the end of the text after it.
# `_mark_word_res` adds the function word before the mark. Each pattern opens with a
# literal, so the regex engine finds it with a fast scan (a class of marks is a slow scan).
# A closing quote with a comma after it (read backwards: the comma, whitespace, the quote)
# is found by the comma scan shared with MT203 (`comma_matches`, its `quote` group).
_MARK_PATTERNS = tuple(re.escape(mark) + "(?<![^\\s\"”’)]" + re.escape(mark) + ")" for mark in ".!?")
# A full stop, then spaces (no line break: a new line starts a new block), then a letter
# that is not an ASCII capital: where a sentence may start in lowercase after a full stop.
_FRAGMENT_RE = re.compile(r"\.[^\S\n]+(?=[^\W\d_A-Z])")
_SENTENCE_MARKS = ".!?…"


@cache
def _mark_word_res() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(The mark, the pattern) for the patterns above, with the function words filled in
    (any of them may end a sentence: `rarely_final` ones after a space). The word must be
    the whole run of letters before the mark."""
    word = f"[ \\t]*(?:{reversed_function_words()})(?![a-z])"
    return tuple((mark, re.compile(p + word)) for mark, p in zip(".!?", _MARK_PATTERNS, strict=True))


def _mark_candidates(doc: Document) -> list[int]:
    """Offsets of the marks (of `_END_MARK_RE`) right after a function word, spaces allowed.

    Read backwards from each mark: spaces, then a function word that is the whole run of
    letters there (lowercased). Where `_word_before` finds a function word before a mark,
    it is that run; the few marks found (most documents have none) are then checked as
    before."""
    backwards = reversed_lowered_text(doc)
    last = len(backwards) - 1
    text = doc.text
    found = [last - m.start("quote") for m in comma_matches(doc) if m.start("quote") >= 0]
    for mark, pattern in _mark_word_res():
        # One-character tests are faster than the scan ("!" and "?" are rare in news).
        if mark in text:
            found.extend(last - m.start() for m in pattern.finditer(backwards))
    found.sort()
    return found


def _lowercase_sentence_starts(text: str) -> list[int]:
    """Where a sentence of `Document.sentences` starts in lowercase right after a sentence
    that ends with one full stop (not "..", no closing mark after it), in the same block,
    with no line break between: `text[prev.end:cur.start]` holds no line break, `prev.text`
    ends with "." and not "..", and `cur.text` starts with a lowercase letter.

    Read from the text, without splitting it into sentences: a sentence ends at a run of
    the marks of `split_sentences` (".!?…") followed by whitespace, unless the run starts
    with an abbreviation's full stop (`is_abbreviation_stop`, which looks no further than
    the block: a block starts after whitespace and ends before it). A run that ends with
    one full stop right before the whitespace ends such a sentence; the next sentence starts
    after the whitespace, in the same block when the whitespace holds no line break."""
    starts: list[int] = []
    for m in _FRAGMENT_RE.finditer(text):
        start = m.end()
        if not text[start].islower():
            continue
        stop = m.start()
        first = stop
        while first > 0 and text[first - 1] in _SENTENCE_MARKS:
            first -= 1
        if first < stop and text[stop - 1] == ".":
            continue  # the sentence ends with ".."
        if text[first] == "." and is_abbreviation_stop(text, first):
            continue  # no sentence ends here
        starts.append(start)
    return starts


class DanglingFunctionWordRule(Rule):
    """A preposition, article or determiner right before the full stop, or a sentence that
    starts in lowercase right after one: the translation dropped the words in between.

    Bad:  ... the governor said in a message. a note for .
    Fix:  restore or delete the fragment: "... the governor said in a message."

    Source: closed-class word lists in `mtcheck/data/lexicon/function_words.toml`.
    """

    code = "MT201"
    name = "dangling-function-word"
    severity = Severity.WARNING
    summary = "Function word before the full stop ('a note for .') or a lowercase fragment after one"

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        never, rarely = function_words()
        stranded = final_after()
        text = doc.text
        # Only the word before a sentence-final mark (or before a closing quote and a comma)
        # matters, and only a function word there, so look at those marks alone.
        for mark in _mark_candidates(doc):
            end = _END_MARK_RE.match(text, mark)
            if end is None:
                continue
            found = _word_before(text, mark)
            if found is None:
                continue
            word_start, word_end, spaced = found
            word = text[word_start:word_end]
            lower = word.lower()
            closes_quote = end.group() in ('"', "”")
            if closes_quote and (spaced or lower not in never):
                continue  # a straight quote after a space opens a quotation; phrasal verbs end quotes
            if lower in never or (spaced and lower in rarely):
                if lower in ("a", "i") and not spaced and word_start > 0 and text[word_start - 1] == ".":
                    continue  # initials such as "U.S.A."
                if not spaced and lower in stranded and _previous_word(text, word_start) in stranded[lower]:
                    continue  # a stranded preposition: "what it is made of."
                yield Hit(
                    word_start,
                    word_end,
                    f"sentence ends on the function word '{word}': words are missing before the full stop",
                    confidence=0.95 if spaced else 0.8,
                )
        # A fragment: a sentence that starts in lowercase right after a full stop. (A new
        # line is a new block, not a fragment.) The word is read from the text: it ends
        # before the sentence does, and the character after it is the sentence's or
        # whitespace, which is neither ")" nor ".".
        for start in _lowercase_sentence_starts(text):
            first = _FIRST_WORD_RE.match(text, start)
            if first is None:
                continue
            word = first.group()
            after = text[first.end() : first.end() + 1]
            if len(word) <= 3 and (after == ")" or (after == "." and word in _LIST_MARKERS)):
                continue  # a list marker such as "a)" or "ii."
            if not word[0].islower() or any(ch.isupper() for ch in word[1:]):
                continue  # uppercase, or a brand such as "iPhone"
            if options.accepts(word):
                continue
            yield Hit(
                start,
                start + len(word),
                f"sentence starts in lowercase ('{word}') right after a full stop: a fragment was left behind",
                confidence=0.85,
            )
