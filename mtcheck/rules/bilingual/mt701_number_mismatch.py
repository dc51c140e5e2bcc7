"""MT701 number-mismatch: a number, amount, percentage, date or time differs from the source (bilingual; needs the source)."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.rules.base import Hit, Rule, RuleOptions


class NumberMismatchRule(Rule):
    """A number, amount, percentage, date or clock time in the source is missing or different
    in the translation, after locale normalisation ("1.500" = "1,500", "9 de junio" =
    "June 9", "mil millones" = billion, "billón" = trillion, "22.30 horas" = "10:30 p.m.").

    Bad:  source "asciende a 1.500 millones de dólares" -> "at $1.5 million"
    Fix:  "at $1.5 billion"

    Source: number and date conventions of each language (RAE Ortografía 2010 §8, Duden,
    Code typographique, Accademia della Crusca, AP Stylebook); the normalisation tables are
    in `mtcheck/bilingual/data/numerals.toml`. Runs only with `--source`.
    """

    code = "MT701"
    name = "number-mismatch"
    severity = Severity.ERROR
    summary = "A number, amount, percentage, date or time differs from the source"
    staged = True  # produced by mtcheck.bilingual when a source is given
    quote_aware = False

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        # A monolingual document has nothing to compare with.
        return iter(())
