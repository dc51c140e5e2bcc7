"""MT202 repeated-word: a word doubled across a join ("the the") or two prepositions in a row ("for to")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mtcheck.document import Document, Segment
from mtcheck.finding import Severity
from mtcheck.rules.base import Hit, Rule, RuleOptions
from mtcheck.rules.structure.word_classes import word_class, word_list, words_before
from mtcheck.rules.structure.word_tags import pair_starts, repeated_words, word_set_class

# Only spaces, or one line break, between two words (a blank line starts a new block).
_JOIN = r"(?:[ \t\u00a0]*\n[ \t\u00a0]*|[ \t\u00a0]+)"
_JOIN_RE = re.compile(_JOIN)
_SPACES_RE = re.compile(r"[ \t\u00a0]+")
# First prepositions of a doubled pair that are not phrasal-verb particles, then the second.
_FIRST = frozenset({"of", "for", "to", "at", "with", "from", "into"})
_SECOND = frozenset({"of", "in", "on", "at", "to", "for", "from", "with", "by", "into"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "our", "your", "my", "his", "her",
                          "this", "these", "those", "that", "no", "some", "any", "every", "each"})
_VERB_SUFFIX_RE = re.compile(r"(?:ed|ing|en)$")
_INFLECTION_RE = re.compile(r"(?:ing|ed|es|s|d)$")


def adjacent(text: str, a: Segment, b: Segment) -> bool:
    """Whether only spaces (and at most one line break) separate two words."""
    return a.end < b.start and _JOIN_RE.fullmatch(text, a.end, b.start) is not None


class RepeatedWordRule(Rule):
    """A word written twice across a join ("the the", "of of"), or two prepositions in a row
    where English has one ("for to discuss", "the president of in the capital"): the
    translation kept the source preposition and added its own.

    Bad:  The talks will resume for to discuss the the ceasefire.
    Fix:  The talks will resume to discuss the ceasefire.

    Grammatical doubles ("had had", "that that"), emphasis ("very very", reported as info),
    reduplicated names ("Walla Walla", "Bora Bora"), numbers and stranded prepositions in
    relative or passive clauses ("the report they referred to in the meeting") stay clean.
    Source: `mtcheck/data/structure/repeats.toml` and `preposition_pairs.toml` (closed lists
    from English grammars and the author's knowledge of English idiom).
    """

    code = "MT202"
    name = "repeated-word"
    severity = Severity.WARNING
    summary = "Word repeated across a join ('the the') or a doubled preposition ('for to')"

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        text = doc.text
        words = doc.word_view
        lw = doc.lowered_words
        for i in repeated_words(doc):
            a, b = words[i], words[i + 1]
            if not lw[i].isalpha() or not adjacent(text, a, b):
                continue
            hit = self._repeat(a, b, options, words[i - 1] if i > 0 else None)
            if hit is not None:
                yield hit
        # Word i in _FIRST and word i + 1 in _SECOND, found on the shared word tags.
        for i in pair_starts(doc, word_set_class(_FIRST), word_set_class(_SECOND)):
            if lw[i] == lw[i + 1]:
                continue
            a, b = words[i], words[i + 1]
            if a.text != lw[i] or b.text != lw[i + 1] or not _SPACES_RE.fullmatch(text, a.end, b.start):
                continue
            c = words[i + 2] if i + 2 < len(words) and _SPACES_RE.fullmatch(text, b.end, words[i + 2].start) else None
            hit = self._doubled_preposition(text, a, b, c)
            if hit is not None:
                yield hit

    @staticmethod
    def _repeat(a: Segment, b: Segment, options: RuleOptions, prev: Segment | None) -> Hit | None:
        first, second = a.text, b.text
        lower = first.lower()
        if lower in word_list("repeats.toml", "grammatical") or lower in word_list("repeats.toml", "reduplicated"):
            return None
        if options.accepts(lower):
            return None
        function = lower in word_class("core_prepositions") or lower in word_class("noun_determiners") \
            or lower in word_class("coordinators")
        if not function and first[0].isupper() and second[0].isupper():
            return None  # "Walla Walla", "Baden Baden": a name
        if lower in word_list("repeats.toml", "emphatic"):
            return Hit(a.start, b.end, f"'{first}' repeated: emphasis, or a slip?",
                       suggestions=(first,), confidence=0.35)
        if len(lower) == 1 and lower != "a":
            return None  # initials, list letters
        if lower in word_class("repeatable_particles") and prev is not None:
            lp = prev.text.lower()
            if _VERB_SUFFIX_RE.search(lp) or lp in word_class("irregular_past") or lp in word_class("base_verbs"):
                # "moved in in March", "carried on on Monday": a phrasal verb and a preposition
                return Hit(a.start, b.end, f"'{first}' twice: a phrasal verb and a preposition, or a slip?",
                           suggestions=(first,), confidence=0.35)
        return Hit(a.start, b.end, f"'{first}' is written twice; delete one",
                   suggestions=(first,), confidence=0.95 if function else 0.8)

    @staticmethod
    def _doubled_preposition(text: str, a: Segment, b: Segment, c: Segment | None) -> Hit | None:
        first, second, nxt = a.text, b.text, c.text if c is not None else None
        if nxt is not None and f"{second} {nxt.lower()}" in word_list("preposition_pairs.toml", "fixed_after_preposition"):
            return None
        start, end = a.start, b.end
        message = f"two prepositions in a row ('{first} {second}'): one of them is left over from the translation"
        before = [w.lower() for w in words_before(text, start, 5)]
        if first == "for" and second == "to":
            if nxt is None or not nxt[0].islower() or not before:
                return None
            prev = before[-1]
            stem = _INFLECTION_RE.sub("", prev)
            if prev in word_class("linking_verbs") or stem in word_list("preposition_pairs.toml", "for_verbs") \
                    or prev in word_list("preposition_pairs.toml", "for_verbs"):
                return None  # "the evidence they were looking for to convict him"
            return Hit(start, end, message, suggestions=(second, first), confidence=0.85)
        # Otherwise: a noun phrase right before the pair ("the president of in the ..."),
        # with no subject or relative word that could strand the preposition.
        hosts = word_list("preposition_pairs.toml", "stranding_hosts")
        for back, word in enumerate(reversed(before)):
            if back >= 3:
                return None
            if word in _DETERMINERS:
                if back == 0:
                    return None  # "the of in": MT203 reports it
                if any(w in hosts for w in before[: len(before) - back - 1][-3:]):
                    return None
                # "to" may be an infinitive marker split by a phrase ("a plan to in effect ...").
                return Hit(start, end, message, suggestions=(second, first),
                           confidence=0.6 if first == "to" else 0.75)
            if (word in hosts or _VERB_SUFFIX_RE.search(word) or word in word_class("linking_verbs")
                    or not word.isalpha() or word in word_class("core_prepositions")
                    or word in word_class("particles")):
                return None
        return None
