"""MT201 dangling-function-word: a sentence that ends on a function word, or a fragment after a full stop."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from functools import cache
from importlib import resources
from itertools import compress, count, islice
from operator import itemgetter

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.rules.base import Hit, Rule, RuleOptions
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


_LIST_MARKERS = frozenset("a b c d i ii iii iv v vi".split())
# The marks of `_END_MARK_RE`, read backwards (on `reversed_lowered_text`): a full stop,
# "!" or "?" with whitespace, a closing quote or bracket, or the end of the text after it;
# a closing quote with a comma after it (read backwards: the comma, whitespace, the quote).
# `_mark_word_res` adds the function word before the mark. Each pattern opens with a
# literal, so the regex engine finds it with a fast scan (a class of marks is a slow scan).
_MARK_PATTERNS = tuple(re.escape(mark) + "(?<![^\\s\"”’)]" + re.escape(mark) + ")" for mark in ".!?")
_QUOTE_PATTERN = ",\\s*([\"”])"
_SENTENCE_TEXT = itemgetter(2)
_FIRST_CHAR = itemgetter(slice(0, 1))


@cache
def function_words() -> tuple[frozenset[str], frozenset[str]]:
    raw = resources.files("mtcheck.data.lexicon").joinpath("function_words.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    return frozenset(data["never_final"]), frozenset(data["rarely_final"])


@cache
def _mark_word_res() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(The marks, the pattern) for the patterns above, with the function words filled in
    (any of them may end a sentence: `rarely_final` ones after a space). The word must be
    the whole run of letters before the mark."""
    never, rarely = function_words()
    reversed_words = "|".join(sorted((re.escape(w[::-1]) for w in never | rarely), key=lambda w: (-len(w), w)))
    word = f"[ \\t]*(?:{reversed_words})(?![a-z])"
    marks = (*".!?", "\"”")
    return tuple(zip(marks, (re.compile(p + word) for p in (*_MARK_PATTERNS, _QUOTE_PATTERN)), strict=True))


def _mark_candidates(doc: Document) -> list[int]:
    """Offsets of the marks (of `_END_MARK_RE`) right after a function word, spaces allowed.

    Read backwards from each mark: spaces, then a function word that is the whole run of
    letters there (lowercased). Where `_word_before` finds a function word before a mark,
    it is that run; the few marks found (most documents have none) are then checked as
    before."""
    backwards = reversed_lowered_text(doc)
    last = len(backwards) - 1
    found: list[int] = []
    text = doc.text
    for marks, pattern in _mark_word_res():
        # One-character tests are faster than the scan ("!" and "?" are rare in news).
        if any(map(text.__contains__, marks)) and pattern.search(backwards) is not None:
            # the mark is the match's start (a full stop ...) or its group (a quote)
            found.extend(last - m.start(m.lastindex or 0) for m in pattern.finditer(backwards))
    found.sort()
    return found


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
                yield Hit(
                    word_start,
                    word_end,
                    f"sentence ends on the function word '{word}': words are missing before the full stop",
                    confidence=0.95 if spaced else 0.8,
                )
        sentences = doc.sentences
        # A fragment starts in lowercase: look only at the sentences whose first character is.
        lowercase_starts = compress(count(1), map(str.islower, map(_FIRST_CHAR, map(
            _SENTENCE_TEXT, islice(sentences, 1, None)))))
        for k in lowercase_starts:
            prev, cur = sentences[k - 1], sentences[k]
            if not prev.text.endswith(".") or prev.text.endswith(".."):
                continue
            if text[prev.end : cur.start].count("\n"):
                continue  # a new line is a new block, not a fragment
            first = _FIRST_WORD_RE.match(cur.text)
            if first is None:
                continue
            word = first.group()
            after = cur.text[len(word) : len(word) + 1]
            if len(word) <= 3 and (after == ")" or (after == "." and word in _LIST_MARKERS)):
                continue  # a list marker such as "a)" or "ii."
            if not word[0].islower() or any(ch.isupper() for ch in word[1:]):
                continue  # uppercase, or a brand such as "iPhone"
            if options.accepts(word):
                continue
            yield Hit(
                cur.start,
                cur.start + len(word),
                f"sentence starts in lowercase ('{word}') right after a full stop: a fragment was left behind",
                confidence=0.85,
            )
