"""MT706 length-ratio: a translation far shorter or longer than its source sentence (bilingual; needs the source)."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.rules.base import Hit, Rule, RuleOptions


class LengthRatioRule(Rule):
    """An aligned sentence whose length is far from what the language pair shows in this
    document (below 55% or above 180% of the expected length): often a clause dropped or
    a gloss added.

    Bad:  source "La institución atribuye la mejora al buen comportamiento del turismo y del
          consumo de los hogares, aunque advierte ..." -> "The bank attributes the
          improvement to tourism."
    Fix:  translate the whole sentence.

    Source: length-based alignment (Gale & Church 1993); the expected ratio is measured on
    the document itself; thresholds in `mtcheck/bilingual/data/thresholds.toml`. Runs only
    with `--source`.
    """

    code = "MT706"
    name = "length-ratio"
    severity = Severity.WARNING
    summary = "A translation far shorter or longer than its source sentence"
    staged = True  # produced by mtcheck.bilingual when a source is given
    quote_aware = False

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        # A monolingual document has nothing to compare with.
        return iter(())
