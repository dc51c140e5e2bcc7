"""MT703 source-word-left: a source-language word left in an English sentence (bilingual; needs the source)."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.rules.base import Hit, Rule, RuleOptions


class SourceWordLeftRule(Rule):
    """A word of the source sentence appears untranslated in the English sentence: it is
    common in the source language and rare in English (wordfreq Zipf frequencies).

    Bad:  "The ayuntamientos will be able to request additional funds."
    Fix:  "Local councils will be able to request additional funds."

    Source: wordfreq (Speer 2022) frequencies per language; thresholds in
    `mtcheck/bilingual/data/thresholds.toml`. With the source language known this is the
    bilingual form of the untranslated-word check. Runs only with `--source`.
    """

    code = "MT703"
    name = "source-word-left"
    severity = Severity.WARNING
    summary = "A source-language word left in an English sentence"
    staged = True  # produced by mtcheck.bilingual when a source is given
    quote_aware = False

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        # A monolingual document has nothing to compare with.
        return iter(())
