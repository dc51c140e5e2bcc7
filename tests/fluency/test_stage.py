"""The model stage: judging rewrites, merging with heuristic findings, MT901/MT902, caching."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtcheck.document import Document
from mtcheck.engine import Proposal
from mtcheck.rules import all_rules
from mtcheck.rules.base import Hit

SHARED_EXAMPLE = Path(__file__).resolve().parents[3] / "shared" / "examples" / "wire-es-en-drones.txt"

# (context, original wording, better wording): the judge must prefer the better one.
JUDGE_PAIRS = [
    ("Officials said the weapons were shipped across the Caspian Sea to the Russian port of Majachkala, in Dagestan.", "Majachkala", "Makhachkala"),
    ("The central bank raised its main interest rate by 25 basic points on Thursday, its third increase this year.", "basic points", "basis points"),
    ("The alliance said its policy of nuclear dissuasion had kept the peace in Europe for decades.", "dissuasion", "deterrence"),
]
# The original is right: the judge must not prefer the rule's candidate.
KEEP_PAIRS = [
    ("Economists questioned the budget's growth assumptions, saying they were too optimistic.", "assumptions", "scenarios"),
]


def _proposal(doc: Document, original: str, candidate: str, confidence: float = 0.5) -> Proposal:
    rule = all_rules()["MT902"]()
    i = doc.text.index(original)
    return Proposal(rule, Hit(i, i + len(original), "heuristic", (candidate,), confidence))


@pytest.mark.parametrize(("text", "original", "better"), JUDGE_PAIRS)
def test_judge_prefers_correct_rewrite(stage, text, original, better) -> None:  # type: ignore[no-untyped-def]
    doc = Document.from_text(text)
    (out,) = [p for p in stage.process(doc, [_proposal(doc, original, better)]) if p.hit.message == "heuristic"]
    assert out.hit.data["model_preference_nats"] > 0
    assert out.hit.data["model_preferred"] == better
    assert out.hit.confidence >= 0.5


@pytest.mark.parametrize(("text", "original", "candidate"), KEEP_PAIRS)
def test_judge_keeps_correct_original(stage, text, original, candidate) -> None:  # type: ignore[no-untyped-def]
    doc = Document.from_text(text)
    out = [p for p in stage.process(doc, [_proposal(doc, original, candidate)]) if p.hit.message == "heuristic"]
    assert not out or out[0].hit.data["model_preference_nats"] < 0


def test_surprising_heuristic_span_is_merged_not_duplicated(stage) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The ministry said the convoy left the port at dawn and reached the border by noon. "
        "Inspectors said the trucks carried grain, fuel and spare parts for the power plant. "
        "The cargo then travelled to Russia through “opaque” or that they have disabled their navigation data."
    )
    doc = Document.from_text(text)
    plain = stage.process(doc, [])
    model_spans = [(p.hit.start, p.hit.end) for p in plain if p.rule.code in ("MT901", "MT902")]
    assert model_spans, "the model pass should flag the garbled clause"
    start, end = model_spans[-1]
    heuristic = Proposal(all_rules()["MT902"](), Hit(start, end, "heuristic", (), 0.4))
    merged = stage.process(doc, [heuristic])
    same_span = [p for p in merged if (p.hit.start, p.hit.end) == (start, end)]
    assert len(same_span) == 1 and same_span[0].hit.message == "heuristic"
    assert not [p for p in merged if p.hit.message != "heuristic" and p.hit.start < end and start < p.hit.end]


def test_clean_prose_is_quiet(stage) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The central bank left interest rates unchanged on Wednesday, saying inflation was easing "
        "but remained above its target. Officials said they would watch wage growth closely before "
        "deciding whether to cut rates later this year. Markets had expected the decision, and the "
        "currency barely moved after the announcement."
    )
    assert [p for p in stage.process(Document.from_text(text), []) if p.rule.code in ("MT901", "MT902")] == []


@pytest.mark.skipif(not SHARED_EXAMPLE.is_file(), reason="../shared/examples not present")
def test_reference_article_flags_the_garbled_clause_only(stage) -> None:  # type: ignore[no-untyped-def]
    from mtcheck.readers import read_path

    doc = read_path(SHARED_EXAMPLE)
    out = [p for p in stage.process(doc, []) if p.rule.code in ("MT901", "MT902")]
    garbled = doc.text.index("through “opaque” or that they have disabled their navigation data")
    garbled_end = garbled + len("through “opaque” or that they have disabled their navigation data")
    assert any(p.hit.start < garbled_end and garbled < p.hit.end for p in out), out
    for clean in (
        "The objective, Kirby explained, is to provide relevant and necessary information",
        "The National Security Council of the United States has warned this Friday",
    ):
        s = doc.text.index(clean)
        e = doc.text.index(".", s)
        assert not [p for p in out if s <= p.hit.start < e], clean


def test_results_are_cached(embedded_model, own_cache, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from mtcheck.fluency.stage import FluencyStage

    st = FluencyStage(embedded_model, use_cache=True)
    doc = Document.from_text("The minister resigned on Friday after a week of protests in the capital.")
    first, _ = st.analyse(doc)

    def boom(*a: object) -> None:
        raise AssertionError("scored again")

    monkeypatch.setattr(st.scorer, "score_document", boom)
    second, _ = st.analyse(doc)
    assert second.token_surprisal == first.token_surprisal
    st.cache.enabled = False
    with pytest.raises(AssertionError, match="scored again"):
        st.analyse(doc)


def test_rule_case_files(stage) -> None:  # type: ignore[no-untyped-def]
    """MT901/MT902 cases: bad texts get a model finding on the expected text, good ones none."""
    for code in ("MT901", "MT902"):
        cases = all_rules()[code].cases()
        assert cases.bad and cases.good
        for case in cases.bad:
            doc = Document.from_text(case.text)
            found = [doc.text[p.hit.start : p.hit.end] for p in stage.process(doc, []) if p.rule.code in ("MT901", "MT902")]
            for expected in case.expect:
                assert any(expected in f or f in expected for f in found), (code, expected, found)
        for case in cases.good:
            doc = Document.from_text(case.text)
            assert [p for p in stage.process(doc, []) if p.rule.code in ("MT901", "MT902")] == [], (code, case.text)
