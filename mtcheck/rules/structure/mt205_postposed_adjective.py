"""MT205 postposed-adjective: an adjective after its noun in Romance order ("measures urgent")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache

from mtcheck.document import Document, Segment
from mtcheck.finding import Severity
from mtcheck.lexicon.frequency import zipf
from mtcheck.rules.base import Hit, Rule, RuleOptions
from mtcheck.rules.structure.adjectives import (
    adjective_in_some_casing,
    is_adjective,
    is_comparative_adjective,
    looks_adjectival,
)
from mtcheck.rules.structure.word_classes import load_data, word_class, word_list
from mtcheck.rules.structure.word_tags import class_positions, word_predicate_class

_FRAMES = "postposed_frames.toml"
# Punctuation, a blank line or the end of the text after the adjective (a single line break
# is a soft wrap in hard-wrapped wire copy, not the end of a phrase).
_PUNCT_RE = re.compile(r"[ \t]*(?:[.,;:!?)\]”\"’]|\n[ \t]*(?:\n|$)|$)")
_NOT_NOUN_RE = re.compile(r"(?:ly|ed|ing)$")
# The noun of "NOUN ADJ" is a common English word (wordfreq Zipf).
_NOUN_MIN_ZIPF = 2.5
_SPACES_RE = re.compile(r"[ \t\u00a0]+")
# Conjunctions before "the NOUN ADJ" that signal gapping (a verb left out), not word order.
_GAPPING = frozenset({"and", "but", "or", "nor", "while", "whereas", "yet"})
# Prepositions that make "NOUN more ADJ" an English postposed comparative with a complement.
_COMPARATIVE_COMPLEMENTS = frozenset({"in", "on", "at", "to", "with", "about", "of", "from"})
# What may follow an "-ing" adjective: "signals encouraging and", not "developers promising that".
_TEMPORAL = frozenset({"and", "or", "during", "after", "before", "until", "since", "throughout", "despite", "amid"})


def adjacent(text: str, a: Segment, b: Segment) -> bool:
    """Whether only spaces separate two words (a line break ends a headline or a phrase)."""
    return _SPACES_RE.fullmatch(text, a.end, b.start) is not None


@cache
def _closed_words() -> frozenset[str]:
    """Words that cannot be the noun of "NOUN ADJ" (function words, linking verbs ...)."""
    return (word_class("non_nouns") | word_class("linking_verbs") | word_class("core_prepositions")
            | word_class("particles") | word_class("coordinators") | word_class("clause_conjunctions")
            | word_class("finite_auxiliaries") | word_class("modals") | word_class("subject_pronouns")
            | word_class("complement_verbs"))


@cache
def _candidates() -> tuple[frozenset[str], tuple[str, ...]]:
    """Words worth a closer look: listed adjectives, and the adjective endings."""
    listed = (word_list("adjectives.toml", "never_postposed") | word_list("adjectives.toml", "after_more")
              | word_list(_FRAMES, "institution_adjectives"))
    return listed, tuple(load_data("adjectives.toml")["suffixes"])


@cache
def _plain_noun(word: str) -> bool:
    """Whether a word as written can be the noun of "NOUN ADJ": a lowercase common word
    of three letters or more that is no function word, verb form or adjective."""
    return (word == word.lower() and word.replace("-", "").isalpha() and len(word) >= 3
            and word not in _closed_words() and not _NOT_NOUN_RE.search(word) and not looks_adjectival(word))


def _candidate_word(word: str) -> bool:
    """Whether a lowercase word may be the adjective of a report (a word tag class): an
    institution adjective ("the Council European"), or a word that may be a comparative
    adjective however it is written (`adjective_in_some_casing`, which both frames need).
    Listed words and words with an adjective ending are the only such words: the others
    are told apart without looking up frequencies."""
    if word in word_list(_FRAMES, "institution_adjectives"):
        return True
    listed, suffixes = _candidates()
    return (word in listed or word.endswith(suffixes)) and adjective_in_some_casing(word)


def _candidate_positions(doc: Document) -> list[int]:
    """Indexes of the words that may be reported, in text order (a superset: the rule
    checks each), from the shared word tags: a word written with a capital is reported
    only as an institution adjective after an institution noun, any other word only if
    it is a comparative adjective (`is_comparative_adjective`)."""
    return class_positions(doc, word_predicate_class(_candidate_word))


class PostposedAdjectiveRule(Rule):
    """An adjective placed after its noun, in the order of the source language: Spanish
    "medidas urgentes", Italian "armi nucleari", French "le Conseil européen" become
    "measures urgent", "the weapons nuclear", "the Council European".

    Bad:  The government announced measures urgent to contain prices.
    Fix:  The government announced urgent measures to contain prices.

    English postposes some adjectives ("something new", "the people responsible", "the
    money available", "attorney general", "heir apparent") and puts an adjective after an
    object in complement frames ("made the documents public", "with the door open"): those
    stay clean. The rule only reports adjectives English keeps before the noun (a closed
    list, plus words with an adjective ending whose plural is rare in English), when the
    adjective ends the noun phrase (punctuation, a conjunction or a verb follows).
    Source: `mtcheck/data/structure/adjectives.toml` and `postposed_frames.toml` (Quirk et
    al. 1985, 7.21-7.22 on postposed adjectives; plural frequencies from wordfreq).
    """

    code = "MT205"
    name = "postposed-adjective"
    severity = Severity.WARNING
    summary = "Adjective after its noun in Romance order ('measures urgent', 'the Council European')"
    languages = frozenset({"es", "fr", "it", "pt"})

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        text = doc.text
        words = doc.word_view
        texts = doc.word_texts
        lowered = doc.lowered_words
        starts, ends = doc.word_starts, doc.word_ends
        n = len(lowered)
        institution_adjectives = word_list(_FRAMES, "institution_adjectives")
        institution_nouns = word_list(_FRAMES, "institution_nouns")
        followers = word_list(_FRAMES, "followers")

        def may_end_phrase(i: int) -> bool:
            # The first test of `_ends_phrase`, on the word lists: punctuation after the
            # adjective, or a follower word after spaces.
            if _PUNCT_RE.match(text, ends[i]) is not None:
                return True
            return (i + 1 < n and lowered[i + 1] in followers
                    and _SPACES_RE.fullmatch(text, ends[i], starts[i + 1]) is not None)

        for i in _candidate_positions(doc):
            if i == 0:
                continue
            lw = texts[i]
            if lw[0].isupper():
                # `_institution` needs "the" and an institution noun before the adjective.
                if (lowered[i] in institution_adjectives and i >= 2 and lowered[i - 2] == "the"
                        and lowered[i - 1] in institution_nouns):
                    hit = self._institution(text, words, i)
                    if hit is not None:
                        yield hit
                continue
            # The tests before `_frame` are `_frame`'s own on the word lists (all must pass),
            # cheapest first; `options.accepts` skips the word either way.
            if lowered[i - 1] in ("more", "less"):
                if (i >= 2 and _plain_noun(texts[i - 2]) and is_comparative_adjective(lw) and may_end_phrase(i)
                        and adjacent(text, words[i - 1], words[i]) and not options.accepts(lw)):
                    hit = self._frame(text, words, i - 2, i, comparative=True)
                    if hit is not None:
                        yield hit
                continue
            if _plain_noun(texts[i - 1]) and is_adjective(lw) and may_end_phrase(i) and not options.accepts(lw):
                hit = self._frame(text, words, i - 1, i, comparative=False)
                if hit is not None:
                    yield hit

    def _frame(self, text: str, words: Sequence[Segment], ni: int, ai: int, *, comparative: bool) -> Hit | None:
        """The hit for "NOUN ADJ" (or "NOUN more ADJ"); the caller checked `_plain_noun`."""
        noun, adj = words[ni], words[ai]
        ln = noun.text
        for k in range(ni, ai):
            if not adjacent(text, words[k], words[k + 1]) or "\n" in text[words[k].end:words[k + 1].start]:
                return None
        if not self._ends_phrase(text, words, ai, adj.text, comparative=comparative):
            return None
        if not self._noun_phrase_start(text, words, ni):
            return None
        if zipf(ln) < _NOUN_MIN_ZIPF:
            return None
        adj_text = text[words[ni + 1].start:adj.end]
        listed = adj.text in word_list("adjectives.toml", "never_postposed") or comparative
        suggestions = [f"{adj_text} {noun.text}"]
        if comparative and words[ni + 1].text.lower() == "more" and len(adj.text) <= 6 and adj.text[-1] not in "aiouy":
            # "a text more firm" -> "a firmer text" for short adjectives
            suggestions.insert(0, f"{adj.text}{'r' if adj.text.endswith('e') else 'er'} {noun.text}")
        return Hit(
            noun.start,
            adj.end,
            f"adjective after the noun ('{noun.text} {adj_text}'), in the source language's order; "
            f"English says '{suggestions[0]}'",
            suggestions=tuple(suggestions),
            confidence=0.8 if listed else 0.65,
            data={"adjective": adj.text},
        )

    @staticmethod
    def _ends_phrase(text: str, words: Sequence[Segment], ai: int, adj: str, *, comparative: bool = False) -> bool:
        """Whether the noun phrase ends with the adjective (no noun, no complement after it)."""
        if _PUNCT_RE.match(text, words[ai].end):
            return True
        if ai + 1 >= len(words) or not adjacent(text, words[ai], words[ai + 1]):
            return False
        nxt = words[ai + 1].text.lower()
        if nxt not in word_list(_FRAMES, "followers"):
            return False
        if adj.endswith("ing") and nxt not in _TEMPORAL:
            return False  # a participle with its complement: "the developers promising that"
        if comparative and nxt in _COMPARATIVE_COMPLEMENTS:
            return False  # "citizens more active in politics"
        if nxt == "of" and (adj not in word_list("adjectives.toml", "never_postposed")
                            or adj in word_list(_FRAMES, "of_complement")):
            return False
        listed = adj in word_list("adjectives.toml", "never_postposed") or adj in word_list("adjectives.toml", "after_more")
        if nxt in ("in", "at", "on") and not listed:
            return False
        if nxt in word_list(_FRAMES, "complement_prepositions"):
            if adj in word_list(_FRAMES, "preposition_complement"):
                return False  # "issues important to voters"
            if nxt != "for" and not listed:
                return False
        return True

    @staticmethod
    def _noun_phrase_start(text: str, words: Sequence[Segment], ni: int) -> bool:
        """Whether the noun opens a noun phrase that no complement verb governs."""
        if ni == 0:
            return False
        before = words[ni - 1]
        lb = before.text.lower()
        complement = word_class("complement_verbs")
        joined = adjacent(text, before, words[ni])
        if joined and (lb in word_list(_FRAMES, "np_openers") or lb.endswith(("'s", "’s"))):
            if ni >= 2 and words[ni - 2].text.lower() in _GAPPING:
                return False  # "the fighting was intense, and the damage extensive": a verb left out
            k = ni - 2
            for _ in range(2):
                if k < 0:
                    break
                if words[k].text.lower() in complement:
                    return False
                k -= 1
            return True
        plural = words[ni].text.endswith("s") and not words[ni].text.endswith(("ss", "us", "is"))
        if not joined:
            return False
        if ni >= 2 and adjacent(text, words[ni - 2], before):
            outer = words[ni - 2].text.lower()
            if plural and lb in ("are", "were") and outer == "there":
                return True  # "there are signals encouraging"
            preposition = outer in word_class("core_prepositions") or outer in word_list(_FRAMES, "np_prepositions")
            opens = outer in word_list(_FRAMES, "np_openers") or (plural and preposition)
            # A noun modifier is singular ("security measures"); "the details remain" is a clause.
            singular_modifier = not lb.endswith("s") or lb.endswith(("ss", "us", "is"))
            if opens and singular_modifier and before.text == lb and lb.isalpha() and not _NOT_NOUN_RE.search(lb) \
                    and lb not in _closed_words() and lb not in complement:
                return True  # "under security measures exceptional", "a monetary policy more ..."
        if not plural or lb in complement:
            return False
        return (lb in word_class("core_prepositions") or lb in word_list(_FRAMES, "np_prepositions")
                or lb in word_class("coordinators") or lb in word_list(_FRAMES, "plural_hosts"))

    @staticmethod
    def _institution(text: str, words: Sequence[Segment], ai: int) -> Hit | None:
        if ai < 2:
            return None
        noun, adj, det = words[ai - 1], words[ai], words[ai - 2]
        if noun.text.lower() not in word_list(_FRAMES, "institution_nouns") or not noun.text[0].isupper():
            return None
        if det.text.lower() != "the" or not adjacent(text, det, noun) or not adjacent(text, noun, adj):
            return None
        pair = f"{noun.text} {adj.text}"
        if pair in load_data(_FRAMES)["institution_exceptions"]:
            return None
        if ai + 1 < len(words) and adjacent(text, adj, words[ai + 1]):
            nxt = words[ai + 1].text
            if nxt[0].isupper() and nxt.lower() not in word_list(_FRAMES, "institution_adjectives"):
                return None  # part of a longer English name ("the Army National Guard")
        return Hit(
            noun.start,
            adj.end,
            f"institution name in the source language's order ('{pair}'); English says "
            f"'{adj.text} {noun.text}'",
            suggestions=(f"{adj.text} {noun.text}",),
            confidence=0.85,
        )
