"""One problem, one finding: bilingual hits that repeat a monolingual rule confirm it instead."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.bilingual import merge_with_monolingual
from mtcheck.document import Document
from mtcheck.engine import Proposal
from mtcheck.rules.base import Hit, Rule, RuleOptions


def _rule(code: str) -> Rule:
    class _R(Rule):
        name = code.lower()
        summary = code

        def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
            return iter(())

    _R.code = code
    return _R()


def P(code: str, start: int, end: int, confidence: float = 0.6) -> Proposal:
    return Proposal(_rule(code), Hit(start, end, code, confidence=confidence))


def test_transliteration_confirmed_by_name_check():
    out = merge_with_monolingual([P("MT101", 10, 20)], [P("MT707", 10, 20, 0.9), P("MT701", 30, 35)])
    codes = sorted(p.rule.code for p in out)
    assert codes == ["MT101", "MT701"]
    mt101 = next(p for p in out if p.rule.code == "MT101")
    assert mt101.hit.data["confirmed_by_source"] == "MT707"
    assert mt101.hit.confidence == 0.9


def test_untranslated_word_inside_untranslated_sentence_is_dropped():
    out = merge_with_monolingual([P("MT402", 12, 18), P("MT402", 80, 85)], [P("MT702", 0, 50)])
    assert sorted((p.rule.code, p.hit.start) for p in out) == [("MT402", 80), ("MT702", 0)]


def test_left_word_confirms_untranslated_word():
    out = merge_with_monolingual([P("MT402", 4, 17)], [P("MT703", 4, 17)])
    assert [p.rule.code for p in out] == ["MT402"]
    assert out[0].hit.data["confirmed_by_source"] == "MT703"


def test_unrelated_hits_are_kept():
    out = merge_with_monolingual([P("MT301", 0, 5)], [P("MT707", 10, 20)])
    assert sorted(p.rule.code for p in out) == ["MT301", "MT707"]
