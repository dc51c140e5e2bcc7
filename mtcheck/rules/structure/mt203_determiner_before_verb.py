"""MT203 determiner-before-verb: an article or possessive glued to a verb, a preposition or punctuation."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache

from mtcheck.document import Document, Segment
from mtcheck.finding import Severity
from mtcheck.rules.base import Hit, Rule, RuleOptions
from mtcheck.rules.structure.commas import comma_matches, reversed_determiners
from mtcheck.rules.structure.mt202_repeated_word import adjacent
from mtcheck.rules.structure.word_classes import word_class, word_list
from mtcheck.rules.structure.word_tags import pair_starts, reversed_lowered_text, word_set_class

# A determiner followed directly by a clause-internal punctuation mark ("the, ").
# "the." is MT201's (a sentence ending on a function word).
_PUNCT_AFTER_RE = re.compile(r"[ \t]*([,;:)\]])")
_PUNCT = frozenset(",;:)]")
_RARE_PUNCT = tuple(sorted(_PUNCT - {","}))
# Conjunctions and relative words that cannot follow an article ("the and", "the which").
_CONNECTIVES = frozenset({"and", "or", "but", "nor", "that", "which", "whose", "whom"})
_SINGLE_LETTER_RE = re.compile(r"[ \t]*[,;:]?[ \t]*[a-zA-Z](?![\w'’-])")


@cache
def _determiner_before_re() -> re.Pattern[str]:
    """On the reversed lowered text (`reversed_lowered_text`): one optional space and a
    determiner, matched right after a mark of `_PUNCT` other than a comma. A match may
    take the last letters of a longer word ("bathe;"): the caller checks the word there.

    These marks are rare: `str.find` finds them. Commas are frequent: the comma scan
    shared with MT201 finds the determiners before them (`comma_matches`, its `space`
    group)."""
    return re.compile(f"( ?)(?:{reversed_determiners()})")


@cache
def _followers() -> frozenset[str]:
    """Words whose presence right after a determiner makes it worth a closer look."""
    return (word_class("finite_auxiliaries") | word_class("modals") | word_class("core_prepositions")
            | word_class("subject_pronouns") | _CONNECTIVES)


def _candidates(doc: Document) -> set[int]:
    """Indexes of the determiners followed by a word of `_followers` (on the shared word
    tags), or by a mark of `_PUNCT` directly or after one space
    (`text[end:end + 2].lstrip(" ")[:1]`)."""
    text = doc.text
    dets = word_class("noun_determiners")
    lowered = doc.lowered_words
    n = len(lowered)
    ends = doc.word_ends
    candidates = set(pair_starts(doc, word_set_class(dets), word_set_class(_followers())))
    backwards = reversed_lowered_text(doc)
    size = len(backwards)
    after_mark = _determiner_before_re()
    found = [size - m.end("space") for m in comma_matches(doc) if m.end("space") >= 0]
    for mark in _RARE_PUNCT:
        at = text.find(mark)
        while at != -1:
            m = after_mark.match(backwards, size - at)  # right after the mark, read backwards
            if m is not None:
                found.append(size - m.end(1))
            at = text.find(mark, at + 1)
    for end in found:  # where the word before the mark (and space) ends
        i = bisect_left(ends, end)
        if i < n and ends[i] == end and lowered[i] in dets:
            candidates.add(i)
    return candidates


class DeterminerBeforeVerbRule(Rule):
    """An article or possessive that no noun follows: the next word is a finite verb, a
    preposition, a subject pronoun or punctuation. The translation dropped the noun (or
    kept an article the English sentence does not need).

    Bad:  The president of the is underway. / ... in the middle of the of the courtyard.
    Fix:  restore the noun ("the summit is underway") or delete the article.

    Auxiliaries, modals, prepositions and pronouns are closed classes, so the pattern needs
    no tagger; modals that are also nouns ("the will of the people", "a can of") count only
    before a base verb ("the will announce"), and a lowercase "a" after a label noun
    ("vitamin a", "plan a") is a letter, not an article.
    Source: `mtcheck/data/structure/word_classes.toml` (closed classes from Quirk et al.)
    and `determiner_context.toml`.
    """

    code = "MT203"
    name = "determiner-before-verb"
    severity = Severity.WARNING
    summary = "Article or possessive followed by a verb, preposition or punctuation ('the of', 'the is')"

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        candidates = _candidates(doc)
        if not candidates:
            return
        text = doc.text
        lowered = doc.lowered_words
        n = len(lowered)
        words = doc.word_view
        aux = word_class("finite_auxiliaries")
        modals = word_class("modals")
        preps = word_class("core_prepositions")
        pronouns = word_class("subject_pronouns")
        base = word_class("base_verbs")
        labels = word_list("determiner_context.toml", "label_nouns")
        exclaim = word_list("determiner_context.toml", "exclamation_heads")
        for i in sorted(candidates):
            w = words[i]
            lw = lowered[i]
            if w.text != lw and w.text != w.text.capitalize():
                continue  # "THE" in a headline, "A" as a grade
            prev = words[i - 1] if i > 0 else None
            if lw == "a" and (w.text == "A" or self._letter_a(text, w.start, prev, labels)):
                continue
            if lw == "my" and prev is not None and prev.text.lower() in exclaim:
                continue
            if options.accepts(lw):
                continue
            m = _PUNCT_AFTER_RE.match(text, w.end)
            if m is not None:
                if lw == "a" and (m.group(1) == ")" or _SINGLE_LETTER_RE.match(text, m.end())):
                    continue  # "a, b and c", "a) talks"
                yield Hit(w.start, w.end,
                          f"'{w.text}' is followed by '{m.group(1)}' with no noun: a word is missing",
                          confidence=0.8)
                continue
            if i + 1 >= n:
                continue
            nxt = words[i + 1]
            ln = nxt.text.lower()
            if nxt.text != ln or not adjacent(text, w, nxt) or "\n" in text[w.end:nxt.start]:
                continue
            after = words[i + 2] if i + 2 < n and adjacent(text, nxt, words[i + 2]) else None
            if lw == "a" and after is not None and len(after.text) == 1:
                continue  # "from a to z", "a and b"
            if ln in aux:
                what = "a verb"
            elif ln in _CONNECTIVES:
                what = "a conjunction"
            elif ln in preps:
                if ln in ("about", "around", "over", "under") and after is not None and after.text[0].isdigit():
                    continue  # an approximator: "the about 50,000 commuters" is awkward, not broken
                what = "a preposition"
            elif ln in pronouns:
                what = "a pronoun"
            elif ln in modals and after is not None and after.text.lower() in base:
                what = "a verb"
            else:
                continue
            yield Hit(w.start, nxt.end,
                      f"'{w.text}' is followed by {what} ('{nxt.text}'): the noun after the determiner is missing",
                      suggestions=(nxt.text,), confidence=0.85)

    @staticmethod
    def _letter_a(text: str, start: int, prev: Segment | None, labels: frozenset[str]) -> bool:
        """Whether a lowercase 'a' is a letter or label rather than the article."""
        before = text[max(0, start - 2):start]
        last = before[-1:]
        if last and (last.isdigit() or last in "(.-/" or before.strip()[-1:].isdigit()):
            return True
        text_prev = prev.text if prev is not None else ""
        return text_prev.lower() in labels or text_prev.isdigit()
