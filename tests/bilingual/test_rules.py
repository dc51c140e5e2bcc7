"""Each MT7xx rule on its own cases, through the bilingual pass directly (no engine)."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

from mtcheck.bilingual import bilingual_proposals
from mtcheck.document import Document
from mtcheck.rules import bilingual as family
from mtcheck.rules.base import Rule, RuleOptions


def _rule_classes() -> list[type[Rule]]:
    out = []
    for mod in pkgutil.iter_modules(family.__path__):
        module = importlib.import_module(f"{family.__name__}.{mod.name}")
        out.extend(
            obj for obj in vars(module).values()
            if isinstance(obj, type) and issubclass(obj, Rule) and obj is not Rule and obj.__module__ == module.__name__
        )
    return sorted(out, key=lambda r: r.code)


RULES = _rule_classes()
BAD = [(r, i, c) for r in RULES for i, c in enumerate(r.cases().bad)]
GOOD = [(r, i, c) for r in RULES for i, c in enumerate(r.cases().good)]


def _flagged(rule: type[Rule], text: str, source: str) -> list[str]:
    doc = Document.from_text(text, "case.txt")
    proposals, _alignment = bilingual_proposals(doc, Document.from_text(source, "case.src.txt"))
    return sorted(doc.text[p.hit.start : p.hit.end] for p in proposals if p.rule.code == rule.code)


def test_all_seven_rules_exist():
    assert [r.code for r in RULES] == [f"MT70{n}" for n in range(1, 8)]
    for r in RULES:
        assert r.staged


@pytest.mark.parametrize(("rule", "i", "case"), BAD, ids=[f"{r.code}-bad{i}" for r, i, _ in BAD])
def test_bad_case(rule, i, case):
    assert case.source, f"{rule.code} bad case {i} needs a source"
    assert _flagged(rule, case.text, case.source) == sorted(case.expect)
    if case.fixed is not None:
        assert _flagged(rule, case.fixed, case.source) == []


@pytest.mark.parametrize(("rule", "i", "case"), GOOD, ids=[f"{r.code}-good{i}" for r, i, _ in GOOD])
def test_good_case(rule, i, case):
    assert _flagged(rule, case.text, case.source) == []


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_monolingual_check_yields_nothing(rule):
    case = rule.cases().bad[0]
    assert list(rule().check(Document.from_text(case.text), RuleOptions())) == []


def test_english_source_is_skipped():
    doc = Document.from_text("The council approved the plan on Tuesday. It will cost 5 million euros.")
    proposals, alignment = bilingual_proposals(doc, doc)
    assert proposals == []
    assert "English" in alignment.note


def test_accepted_words_are_not_reported():
    case = next(c for c in _rule_classes()[2].cases().bad)  # MT703
    doc = Document.from_text(case.text)
    src = Document.from_text(case.source)
    options = RuleOptions(accept=frozenset({case.expect[0].casefold()}))
    proposals, _ = bilingual_proposals(doc, src, None, options)
    assert not [p for p in proposals if p.rule.code == "MT703"]
