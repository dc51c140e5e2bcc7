"""Every rule's case file: bad cases flag exactly what they say, good and fixed texts stay clean."""

from __future__ import annotations

import pytest

from mtcheck.config import Config
from mtcheck.engine import check_document
from mtcheck.readers import parse
from mtcheck.rules import all_rules

# Rules whose findings come from the model stage are tested in tests/fluency/.
MODEL_FAMILIES = {"fluency"}


def _rules():
    return [r for r in all_rules().values() if r.family() not in MODEL_FAMILIES]


def _run(rule, text: str, fmt: str, source: str | None, options: dict) -> list[str]:
    settings = {"select": (rule.code,), **options}
    cfg = Config(model=False, **settings)
    doc = parse(text, "case." + {"text": "txt", "markdown": "md", "html": "html"}[fmt], fmt)
    src = parse(source, "case.src.txt", "text") if source is not None else None
    findings = check_document(doc, cfg, source=src)
    return sorted(f.text for f in findings if f.code == rule.code)


def _options(case) -> dict:
    opts = dict(case.options)
    return {k.replace("-", "_"): tuple(v) if isinstance(v, list) else v for k, v in opts.items()}


BAD = [(r, i, c) for r in _rules() for i, c in enumerate(r.cases().bad)]
GOOD = [(r, i, c) for r in _rules() for i, c in enumerate(r.cases().good)]
FIXED = [(r, i, c) for r in _rules() for i, c in enumerate(r.cases().bad) if c.fixed is not None]


def test_every_rule_has_bad_and_good_cases():
    for rule in all_rules().values():
        cases = rule.cases()
        assert cases.bad, f"{rule.code} has no bad cases in {rule.case_file()}"
        assert cases.good, f"{rule.code} has no good cases in {rule.case_file()}"


@pytest.mark.parametrize(("rule", "i", "case"), BAD, ids=[f"{r.code}-bad{i}" for r, i, _ in BAD])
def test_bad_case_flags_expected(rule, i, case):
    flagged = _run(rule, case.text, case.format, case.source, _options(case))
    assert flagged == sorted(case.expect), f"{rule.code} bad case {i}"


@pytest.mark.parametrize(("rule", "i", "case"), GOOD, ids=[f"{r.code}-good{i}" for r, i, _ in GOOD])
def test_good_case_is_clean(rule, i, case):
    assert _run(rule, case.text, case.format, case.source, _options(case)) == []


@pytest.mark.parametrize(("rule", "i", "case"), FIXED, ids=[f"{r.code}-fixed{i}" for r, i, _ in FIXED])
def test_fixed_text_is_clean(rule, i, case):
    assert _run(rule, case.fixed, case.format, case.source, _options(case)) == []


def test_rule_metadata_is_complete():
    seen_names = set()
    for code, rule in all_rules().items():
        assert code == rule.code and code.startswith("MT") and len(code) == 5
        assert rule.name and rule.name == rule.name.lower() and " " not in rule.name
        assert rule.name not in seen_names, f"duplicate rule name {rule.name}"
        seen_names.add(rule.name)
        assert rule.summary and "\n" not in rule.summary
        assert rule.__doc__ and len(rule.__doc__.strip()) > 40, f"{code} needs a docstring with an example"
        assert rule.source_file().name.startswith(code.lower() + "_")
        assert rule.case_file().exists()
