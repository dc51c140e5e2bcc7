"""MT102 source-accent: a transcription accent on a foreign personal name whose English form has none."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.lazy_re import lazy
from mtcheck.lexicon.names import ACCENT, SOURCE_LANGUAGES, NameMatch, classify_name
from mtcheck.rules.base import Hit, Rule, RuleOptions
from mtcheck.rules.names.tokens import MARKED_RE, is_name_shaped, occurrences, word_part

_TREMA_RE = lazy(r"[ïëÏË]")


class SourceAccentRule(Rule):
    """A stress mark (or diaeresis) that Spanish, Portuguese or French transcription puts on
    a Russian, Ukrainian, Arabic or Persian personal name; the English form has none.

    Bad:  Russian Defence Minister Serguéi Shoigú and Kremlin spokesman Dmitri Peskóv ...
    Fix:  ... Sergei Shoigu and Kremlin spokesman Dmitry Peskov ...

    Also "Volodímir" (Volodymyr), "Andréi", "Hasán", "Hamás", French "Saïf", "Sergueï": the
    accent, with at most the vowel letters around it, is all that differs from the English
    form. Consonant changes ("Jameneí" -> "Khamenei", "Choïgou" -> "Shoigu") and places
    ("Teherán", "Mariúpol": the source language's own name for the place) are MT101. The
    accents of Spanish, Portuguese or French names (José, Sánchez, Inácio, François, Noël)
    are part of their spelling and never flagged: the rule only fires when the accented form
    is absent from English text (wordfreq), is not more used in a source language than the
    plain form is in English (Xóchitl, Popocatépetl stay), and the plain form is a known
    English name.

    Source: the transcription conventions of the Spanish Fundéu/RAE (Spanish stress rules
    applied to transcribed names), Portuguese practice and AFP French (tréma in Saïf,
    Sergueï); English style guides (AP, Reuters, BBC) write these names without diacritics.
    English and source-language usage from wordfreq; English forms from
    `mtcheck/data/names/curated.toml` and GeoNames.
    """

    code = "MT102"
    name = "source-accent"
    severity = Severity.WARNING
    summary = "Transcription accent on a foreign personal name ('Shoigú', 'Serguéi') whose English form has none"
    languages = frozenset(SOURCE_LANGUAGES)

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        # Each distinct capitalised word is judged once per process (`_Accents`); only the
        # document's few flagged words are located.
        langs = options.source_languages
        found = word_part(doc, ("MT102", langs), lambda: _Accents(langs)).found
        hits = found.keys() & doc.capitalised_words.keys()
        if not hits:
            return
        flagged: dict[str, NameMatch] = {w: found[w] for w in hits if not options.accepts(w)}
        for token in occurrences(doc, flagged):
            match = flagged[token.text]
            yield Hit(
                token.start,
                token.end,
                f"the accent in '{token.text}' comes from the source-language transcription; English writes '{match.english}'",
                suggestions=(match.english,),
                confidence=match.confidence,
                data={
                    "evidence": match.evidence,
                    "detail": match.detail,
                    # The tréma is French practice; the acute stress mark Spanish (or Portuguese).
                    "source_language": match.language or ("fr" if _TREMA_RE.search(token.text) else "es"),
                },
            )


def _accent(word: str, langs: frozenset[str]) -> NameMatch | None:
    """The English form of a capitalised word that differs from it by a transcription
    accent (ACCENT), else None. A function of the word alone (see `_Accents`)."""
    if not MARKED_RE.search(word) or not is_name_shaped(word) or not word[0].isupper():
        return None
    found = classify_name(word, langs)
    if found is None or found[0] != ACCENT:
        return None
    return found[1]


class _Accents:
    """The capitalised words seen so far with a transcription accent (see `WordIndex`)."""

    def __init__(self, langs: frozenset[str]) -> None:
        self.langs = langs
        self.found: dict[str, NameMatch] = {}

    def add(self, word: str) -> None:
        match = _accent(word, self.langs)
        if match is not None:
            self.found[word] = match
