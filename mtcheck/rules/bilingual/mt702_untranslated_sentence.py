"""MT702 untranslated-sentence: a sentence left in the source language (bilingual; needs the source)."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.rules.base import Hit, Rule, RuleOptions


class UntranslatedSentenceRule(Rule):
    """A sentence of the English copy is still in the source language: its character
    n-gram overlap with its source sentence (sacrebleu chrF) is near that of a copy.

    Bad:  "Les usagers sont invités à privilégier le télétravail."
    Fix:  "Passengers are advised to work from home."

    Source: chrF (Popović 2015) as implemented by sacrebleu; the threshold (chrF >= 60) is
    in `mtcheck/bilingual/data/thresholds.toml`, measured by `python -m benchmarks.bilingual`.
    Runs only with `--source`.
    """

    code = "MT702"
    name = "untranslated-sentence"
    severity = Severity.ERROR
    summary = "A sentence left in the source language"
    staged = True  # produced by mtcheck.bilingual when a source is given
    quote_aware = False

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        # A monolingual document has nothing to compare with.
        return iter(())
