"""MT001 unused-suppression: a `mtcheck-disable` comment that silenced nothing."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.rules.base import Hit, Rule, RuleOptions


class UnusedSuppressionRule(Rule):
    """A suppression comment (`<!-- mtcheck-disable MT101 -->`, `mtcheck-disable-next-line`)
    that silenced no finding: the problem was fixed, or the code is wrong. Off by default;
    turn it on with `extend-select = ["MT001"]`.

    Bad:  <!-- mtcheck-disable-next-line MT601 -->  above a line with no boilerplate.
    Fix:  delete the comment.
    """

    code = "MT001"
    name = "unused-suppression"
    severity = Severity.INFO
    summary = "Suppression comment that silenced nothing (opt-in)"
    default_enabled = False
    staged = True  # the engine reports it after applying suppressions
    quote_aware = False

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        return iter(())
