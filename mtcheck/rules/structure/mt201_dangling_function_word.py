"""MT201 dangling-function-word: a sentence that ends on a function word, or a fragment after a full stop."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from functools import cache
from importlib import resources

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.rules.base import Hit, Rule, RuleOptions

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


@cache
def function_words() -> tuple[frozenset[str], frozenset[str]]:
    raw = resources.files("mtcheck.data.lexicon").joinpath("function_words.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    return frozenset(data["never_final"]), frozenset(data["rarely_final"])


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
        # matters, so look there instead of scanning every word.
        for end in _END_MARK_RE.finditer(text):
            found = _word_before(text, end.start())
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
        for prev, cur in zip(sentences, sentences[1:], strict=False):
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
