"""MT401 false-friend: an English look-alike of a source-language word used in the source's sense."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from mtcheck.document import Document, Segment
from mtcheck.finding import Severity
from mtcheck.rules.attribution.speech_verbs import SentenceIndex, match_case
from mtcheck.rules.base import Hit, Rule, RuleOptions
from mtcheck.rules.lexical.calques import WINDOW_AFTER, WINDOW_BEFORE, Calque, calque_lexicon

STRONG = 0.6
DOCUMENT_BOOST = 0.15


def _matches_near(pattern: re.Pattern[str], text: str, offsets: list[int]) -> Iterator[re.Match[str]]:
    """Matches of `pattern` in windows around the trigger offsets (not the whole text)."""
    done = -1
    for offset in offsets:
        lo = max(offset - WINDOW_BEFORE, done)
        hi = min(len(text), offset + WINDOW_AFTER)
        yield from pattern.finditer(text, lo, hi)
        done = hi


def _overlaps(patterns: list[re.Pattern[str]], sent: Segment, start: int, end: int) -> bool:
    rel_start, rel_end = start - sent.start, end - sent.start
    for p in patterns:
        for m in p.finditer(sent.text):
            if m.start() < rel_end and m.end() > rel_start:
                return True
    return False


class FalseFriendRule(Rule):
    """A false friend or word-for-word calque: the English word exists, but the source
    word behind it means something else here.

    Bad:  ... to warn of the dangerous assumptions of this new collaboration ...
          (Spanish "supuestos": scenarios)
    Bad:  it seems to have found the necessary intricacies to obtain technology ...
          (Spanish "resquicios": loopholes)
    Bad:  the Exterior Minister / in declarations to Reuters / 25 basic points
    Fix:  dangerous scenarios / the loopholes it needed / the Foreign Minister /
          told Reuters / 25 basis points

    Each entry names the context that makes it an error and the context that makes it
    native: "the budget's growth assumptions" and "the intricacies of the tax code" stay
    clean. Entries are per source language and follow `source-languages`.

    Source: the calque lists in `mtcheck/data/calques/<lang>.toml` (own knowledge of
    news translation, Fundéu BBVA / Académie française "Dire, ne pas dire" / Accademia della
    Crusca consultations, named per file).
    """

    code = "MT401"
    name = "false-friend"
    severity = Severity.WARNING
    summary = "False friend or calque ('dangerous assumptions', 'Exterior Minister', 'basic points')"
    languages = frozenset({"es", "fr", "it", "de", "pt"})

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        lex = calque_lexicon()
        langs = options.source_languages
        text = doc.text
        lowered = text.lower()
        # which trigger words occur at all (C-level split and set work), then their offsets
        present = doc.lowered_token_set & lex.by_trigger.keys()
        words: list[tuple[str, int]] = []
        for w in present:
            i = lowered.find(w)
            while i != -1:
                j = i + len(w)
                if (i == 0 or not lowered[i - 1].isalpha()) and (j == len(lowered) or not lowered[j].isalpha()):
                    words.append((w, i))
                i = lowered.find(w, j)
        words.sort(key=lambda x: x[1])
        if not words:
            return
        index: SentenceIndex | None = None
        hits: list[Hit] = []
        seen: set[tuple[int, int]] = set()
        for i, offsets in lex.occurrences(words).items():
            calque = lex.calques[i]
            if not (calque.sources.keys() & langs):
                continue
            for m in _matches_near(lex.pattern(i), text, offsets):
                if (m.start(), m.end()) in seen:
                    continue
                seen.add((m.start(), m.end()))
                span = m.group()
                if options.accepts(span):
                    continue
                index = index or SentenceIndex(doc)
                sent = index.at(m.start())
                if sent is None:
                    continue
                conf = self._confidence(calque, sent, m.start(), m.end())
                if conf <= 0:
                    continue
                suggestion = calque.forms.get(re.sub(r"\s+", " ", span.lower()))
                suggestions = (suggestion,) if suggestion else calque.suggest
                hits.append(Hit(
                    m.start(),
                    m.end(),
                    f"'{span}' is likely a calque of {calque.source_note(langs)} "
                    f"({calque.meaning})",
                    suggestions=tuple(match_case(span, s) for s in suggestions),
                    confidence=conf,
                    data={"sources": {k: v for k, v in calque.sources.items() if k in langs}},
                ))
        # one finding per span: overlapping entries keep the first (file order, longest first)
        hits.sort(key=lambda h: (h.start, -h.end))
        # a story with several clear calques makes the weaker ones around it likely
        strong = sum(1 for h in hits if h.confidence >= STRONG)
        last_end = -1
        for hit in hits:
            if hit.start < last_end:
                continue
            last_end = hit.end
            if strong >= 2 and hit.confidence < STRONG:
                hit = replace(hit, confidence=round(hit.confidence + DOCUMENT_BOOST, 2))
            yield hit

    @staticmethod
    def _confidence(calque: Calque, sent: Segment, start: int, end: int) -> float:
        if calque.clear and _overlaps(calque.clear, sent, start, end):
            return 0.0
        if any(p.search(sent.text) for p in calque.off_topic):
            return 0.0
        if calque.error and _overlaps(calque.error, sent, start, end):
            return calque.error_confidence
        if any(p.search(sent.text) for p in calque.topic):
            return calque.topic_confidence
        return calque.confidence
