"""MT705 added-sentence: a sentence with no counterpart in the source (bilingual; needs the source)."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.rules.base import Hit, Rule, RuleOptions


class AddedSentenceRule(Rule):
    """A sentence of the English copy has no counterpart in the source: it was added during
    translation or editing (or the source is not the version that was translated).

    Bad:  an English paragraph of background that the Italian original does not have.
    Fix:  check the addition with the desk; attribute or remove it.

    Source: addition is an Accuracy error in MQM (Lommel et al. 2014). Runs only with
    `--source`.
    """

    code = "MT705"
    name = "added-sentence"
    severity = Severity.WARNING
    summary = "A sentence with no counterpart in the source"
    staged = True  # produced by mtcheck.bilingual when a source is given
    quote_aware = False

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        # A monolingual document has nothing to compare with.
        return iter(())
