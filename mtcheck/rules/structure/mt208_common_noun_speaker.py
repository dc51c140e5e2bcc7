"""MT208 common-noun-speaker: a surname translated as a common noun ("said the sands" for Arenas)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import cache

from mtcheck.document import Document, Segment
from mtcheck.finding import Severity
from mtcheck.rules.base import SOURCE_LANGUAGES, Hit, Rule, RuleOptions
from mtcheck.rules.structure.mt202_repeated_word import adjacent
from mtcheck.rules.structure.word_classes import load_data, word_list
from mtcheck.rules.structure.word_tags import pair_starts, word_set_class

_SPEAKERS = "speakers.toml"
# Punctuation right before an inverted attribution (", said the sands" / "”, added ...").
_ATTRIBUTION_LEAD = ",”\"’»—–"
# What may come before a sentence-initial "The sands said ...".
_SENTENCE_LEAD = ".!?“”\"\n"
# Verbs that make a sentence-initial "The sands said" a person speaking; "told", "showed" are
# left out ("the fields told a different story").
_THING_VERBS = frozenset({
    "said", "says", "added", "declared", "stated", "explained", "insisted", "stressed",
    "warned", "noted", "argued", "claimed", "affirmed", "assured", "indicated", "emphasized",
    "emphasised", "recalled", "acknowledged", "admitted", "announced", "denied",
})
# "The stones said to date from ...", "said by": a passive, not an attribution.
_PASSIVE_AFTER = frozenset({"to", "by"})
_THE = frozenset({"the"})
_AUXILIARIES = frozenset({"has", "have"})
# What follows the speaker: punctuation, a blank line or the end, else the next word (a single
# line break is a soft wrap).
_AFTER_RE = re.compile(r"[ \t]*(?:(?P<end>[.,;:!?)”\"]|\n[ \t]*\n|\n?[ \t]*$)|\n?[ \t]*(?P<word>[^\W\d_]+))")
# Words that may follow the speaker and close the attribution ("said the sands in an
# interview", "said the sands, who ...").
_FOLLOWERS = frozenset({
    "in", "on", "at", "to", "during", "after", "before", "from", "who", "which", "and",
    "when", "while", "as", "speaking", "according", "late", "earlier", "last", "this",
    "yesterday", "today", "then", "also", "later", "recently", "via", "through", "with",
})


@cache
def surname_index() -> dict[str, tuple[tuple[str, str, bool], ...]]:
    """English word (one or two words, lowercase) -> (surname, language, names a person)."""
    index: dict[str, list[tuple[str, str, bool]]] = {}
    speakers = word_list(_SPEAKERS, "plausible_speakers")
    for entry in load_data("surname_translations.toml")["translations"]:
        for word in entry["words"]:
            w = word.lower()
            if w in speakers:
                continue
            index.setdefault(w, []).append((entry["surname"], entry["lang"], bool(entry.get("person", False))))
    return {k: tuple(v) for k, v in index.items()}


@cache
def _first_words() -> frozenset[str]:
    return frozenset(k.split()[0] for k in surname_index())


class CommonNounSpeakerRule(Rule):
    """A speech verb whose speaker is "the" + a lowercase common noun that is also a
    translated surname: the machine translated the name as a word (Spanish "Arenas" ->
    "the sands", "Molina" -> "the mills", Portuguese "Santos" -> "the saints", Italian
    "Tedesco" -> "the german", German "Nagel" -> "the nail").

    Bad:  “We will not accept it,” said the sands in an interview.
    Fix:  “We will not accept it,” Arenas said in an interview.

    Only inverted attributions count (after a comma or a closing quotation mark), only
    nouns from the surname list, and never a plausible speaker ("said the minister",
    "the mayor said", "according to the report"): a speaker noun that is also a surname
    translation ("the mayor" for Le Maire) cannot be told apart and is not reported.
    Source: `mtcheck/data/structure/surname_translations.toml` and `speakers.toml` (the
    author's knowledge of Romance and German surnames; AP and Reuters attribution style).
    """

    code = "MT208"
    name = "common-noun-speaker"
    severity = Severity.WARNING
    summary = "Speaker written as 'the' + common noun: a surname translated as a word ('said the sands')"

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        text = doc.text
        words = doc.word_view
        index = surname_index()
        verbs = word_list(_SPEAKERS, "speech_verbs")
        n = len(words)
        firsts = _first_words()
        if firsts.isdisjoint(doc.lowered_word_set):
            return
        # "the" followed by the first word of a listed noun, found on the shared word tags
        # (from the nouns: "the" is frequent).
        texts = doc.word_texts
        lowered = doc.lowered_words
        for i in pair_starts(doc, word_set_class(_THE), word_set_class(firsts)):
            if not self._speech_verb_near(texts, lowered, i, verbs):
                continue  # most "the" + noun pairs
            w = words[i]
            noun_end, key = self._noun(text, words, i + 1, index)
            if key is None or options.accepts(key):
                continue
            names = tuple(
                e for e in index[key] if e[1] in options.source_languages or e[1] not in SOURCE_LANGUAGES
            )
            if not names:
                continue
            noun_text = text[words[i + 1].start:words[noun_end].end]
            # "..., said the sands" / "according to the sands"
            verb = self._verb_before(text, words, i, verbs)
            if verb is not None and w.text == "the" and self._closes(text, words, noun_end):
                vstart, vtext = verb
                yield self._hit(text, vstart, words[noun_end].end, noun_text, names,
                                tuple(dict.fromkeys(f"{vtext} {s}" for s, _, _ in names)))
                continue
            # "..., the hunter added." / "The sands said ..." (a thing cannot speak)
            vi = noun_end + 1
            if vi < n and words[vi].text in verbs and adjacent(text, words[noun_end], words[vi]):
                lead = text[max(0, w.start - 8):w.start].rstrip()[-1:]
                inverted = bool(lead) and lead in _ATTRIBUTION_LEAD and self._closes(text, words, vi)
                thing_speaks = (w.text == "The" and (not lead or lead in _SENTENCE_LEAD)
                                and words[vi].text in _THING_VERBS and not self._passive(text, words, vi)
                                and not any(person for _, _, person in names))
                if inverted or thing_speaks:
                    hit = self._hit(text, w.start, words[vi].end, noun_text, names,
                                    tuple(dict.fromkeys(f"{s} {words[vi].text}" for s, _, _ in names)))
                    if thing_speaks and not inverted:
                        hit = replace(hit, confidence=min(hit.confidence, 0.75))
                    yield hit

    @staticmethod
    def _speech_verb_near(texts: list[str], lowered: list[str], i: int, verbs: frozenset[str]) -> bool:
        """Whether a speech verb is where a report below needs one: before "the" at `i`
        where `_verb_before` looks ("said the", "pointed out the", "according to the"), or
        after the noun of one or two words ("the sands said")."""
        k = i - 1
        if k >= 1 and texts[k] == "out":
            k -= 1
        if i >= 1 and (texts[k] in verbs or (i >= 2 and lowered[i - 1] == "to" and lowered[i - 2] == "according")):
            return True
        n = len(texts)
        return (i + 2 < n and texts[i + 2] in verbs) or (i + 3 < n and texts[i + 3] in verbs)

    @staticmethod
    def _passive(text: str, words: Sequence[Segment], vi: int) -> bool:
        return vi + 1 < len(words) and words[vi + 1].text in _PASSIVE_AFTER and adjacent(text, words[vi], words[vi + 1])

    @staticmethod
    def _noun(text: str, words: Sequence[Segment], j: int,
              index: dict[str, tuple[tuple[str, str, bool], ...]]) -> tuple[int, str | None]:
        first = words[j]
        if first.text != first.text.lower() or not adjacent(text, words[j - 1], first):
            return j, None
        if j + 1 < len(words) and adjacent(text, first, words[j + 1]):
            two = f"{first.text} {words[j + 1].text}"
            if two in index:
                return j + 1, two
        return (j, first.text) if first.text in index else (j, None)

    @staticmethod
    def _verb_before(text: str, words: Sequence[Segment], i: int, verbs: frozenset[str]) -> tuple[int, str] | None:
        """The attribution verb right before "the", when it follows a comma or a quote."""
        if i < 1 or not adjacent(text, words[i - 1], words[i]):
            return None
        k = i - 1
        if words[k].text.lower() == "to" and k >= 1 and words[k - 1].text.lower() == "according":
            return words[k - 1].start, text[words[k - 1].start:words[k].end]
        if words[k].text == "out" and k >= 1:
            k -= 1
        if words[k].text not in verbs:
            return None
        # a compound past before the verb ("”, has declared the hunter": French "a déclaré")
        if k >= 1 and words[k - 1].text in _AUXILIARIES and adjacent(text, words[k - 1], words[k]):
            k -= 1
        lead = text[max(0, words[k].start - 8):words[k].start].rstrip()[-1:]
        if not lead or lead not in _ATTRIBUTION_LEAD:
            return None
        return words[k].start, text[words[k].start:words[i - 1].end]

    @staticmethod
    def _closes(text: str, words: Sequence[Segment], last: int) -> bool:
        """Whether the attribution ends after words[last] (punctuation, or a closing word)."""
        m = _AFTER_RE.match(text, words[last].end)
        if m is None or m.group("end") is not None:
            return True
        nxt = m.group("word")
        return nxt.lower() in _FOLLOWERS or nxt[0].isupper()

    @staticmethod
    def _hit(text: str, start: int, end: int, noun: str, names: tuple[tuple[str, str, bool], ...],
             suggestions: tuple[str, ...]) -> Hit:
        langs: dict[str, list[str]] = {}
        for s, lang, _ in names:
            langs.setdefault(s, []).append(lang)
        # The name itself elsewhere in the story (MT keeps it in one place and translates it
        # in another) is strong evidence; without it a noun for a person ("said the farmer")
        # is a plausible native speaker and stays at info.
        present = [s for s in langs if s in text]
        ordered = present + [s for s in langs if s not in present]
        listing = " or ".join(f"{s} ({', '.join(langs[s])})" for s in ordered)
        person = all(p for _, _, p in names)
        if present:
            confidence, note = 0.9, f"; '{present[0]}' appears elsewhere in the story"
        else:
            confidence, note = (0.45 if person else 0.8), ""
        order = {s: i for i, s in enumerate(ordered)}
        ranked = tuple(sorted(suggestions, key=lambda sug: min(
            (order[s] for s in order if s in sug), default=len(order))))
        return Hit(
            start,
            end,
            f"the speaker 'the {noun}' looks like a surname translated as a word "
            f"(likely {listing}){note}; restore the name",
            suggestions=ranked,
            confidence=confidence,
            data={"surnames": ordered},
        )
