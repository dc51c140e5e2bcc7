"""The document-level guess of the source language from language-specific findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mtcheck.config import Config
from mtcheck.engine import check_text
from mtcheck.language_guess import finding_languages, guess_source_language


@dataclass
class F:
    code: str = "MT999"
    confidence: float = 0.9
    data: dict[str, Any] = field(default_factory=dict)


def test_no_evidence_names_no_language():
    guess = guess_source_language([F(), F(data={"other": 1})])
    assert guess == {"language": None, "confidence": 0.0, "evidence": {}, "scores": {}}


def test_single_language_hits_win():
    findings = [F(data={"lang": "es"})] * 4 + [F(data={"lang": "fr"})]
    guess = guess_source_language(findings)
    assert guess["language"] == "es"
    assert guess["evidence"] == {"es": 4, "fr": 1}
    assert 0.5 < guess["confidence"] <= 1.0


def test_multi_language_hits_split_their_weight():
    everyone = [F(data={"lang": ["es", "fr", "it", "de", "pt"]})] * 6
    assert guess_source_language(everyone)["language"] is None  # a tie says nothing
    guess = guess_source_language([*everyone, F(data={"lang": "fr"})])
    assert guess["language"] == "fr"
    assert guess["evidence"]["fr"] == 7


def test_weak_evidence_is_not_enough():
    assert guess_source_language([F(confidence=0.3, data={"lang": "it"})])["language"] is None


def test_other_keys_and_rule_languages():
    assert finding_languages(F(data={"source_lang": "de"})) == ("de",)
    assert finding_languages(F(data={"langs": ["PT"]})) == ("pt",)
    # MT505 knows only Spanish: a finding of it counts for Spanish even without data.
    assert finding_languages(F(code="MT505")) == ("es",)
    assert finding_languages(F(code="MT601")) == ()


def test_guess_from_a_checked_text():
    text = (
        "¿Who will pay? the mayor asked. ¡Enough! the crowd shouted at 14 hours, "
        "and some 1.000 soldiers and 3,5 million euros were sent."
    )
    findings = check_text(text, filename="t.txt", config=Config(model=False))
    guess = guess_source_language(findings)
    assert guess["language"] == "es"
    assert guess["evidence"]["es"] >= 2
