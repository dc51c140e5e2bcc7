"""MT704 omitted-sentence: a source sentence with no counterpart in the translation (bilingual; needs the source)."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.rules.base import Hit, Rule, RuleOptions


class OmittedSentenceRule(Rule):
    """A sentence of the source has no counterpart in the English: the aligner found no
    target sentence for it (see `mtcheck/bilingual/align.py` for the method). The finding
    sits on the English sentence after which the content went missing.

    Bad:  source "... Kirby añadió que Irán quiere comprar cazas Su-35." -> (nothing)
    Fix:  translate the missing sentence.

    Source: omission is an Accuracy error in MQM (Lommel et al. 2014). Runs only with
    `--source`.
    """

    code = "MT704"
    name = "omitted-sentence"
    severity = Severity.ERROR
    summary = "A source sentence with no counterpart in the translation"
    staged = True  # produced by mtcheck.bilingual when a source is given
    quote_aware = False

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        # A monolingual document has nothing to compare with.
        return iter(())
