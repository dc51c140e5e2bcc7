"""MT902 unexpected-word: a word the language model finds out of place in its context."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.fluency.thresholds import load_thresholds
from mtcheck.rules.base import Hit
from mtcheck.rules.fluency import ModelRule

if TYPE_CHECKING:
    from mtcheck.fluency.stage import ModelSpan
    from mtcheck.fluency.thresholds import FluencyThresholds


class UnexpectedWordRule(ModelRule):
    """A word that does not belong where it stands: the fluency model's surprisal at it
    exceeds its unigram rarity by a calibrated margin (a stray function word, a word the
    translation engine left from the source, a broken name).

    Bad:  "Kirby said in a statement. a note for ."
    Fix:  delete the debris, or rewrite the phrase.

    Source: the model pass (`mtcheck.fluency`); thresholds fitted by
    `benchmarks/calibrate_fluency.py` (WMT23 zh-en MQM development data) and stored with
    their provenance in `mtcheck/data/fluency/thresholds.toml`. Nearly blind to calques
    that read fluently ("has confirmed"); those are the heuristic rules' job, which the
    model then judges.
    """

    code = "MT902"
    name = "unexpected-word"
    severity = Severity.INFO
    summary = "Word is unexpected in its context (fluency model)"
    # Off by default when calibration found no threshold quiet enough on clean copy.
    default_enabled = load_thresholds().word_enabled

    def hit_for(self, doc: Document, span: ModelSpan, signature: str, th: FluencyThresholds) -> Hit:
        data: dict[str, Any] = {
            "score": round(span.score, 2),
            "max_surprisal": round(span.surprisal, 2),
            "threshold": th.word_min_excess,
            "model": signature,
        }
        word = doc.text[span.start : span.end]
        return Hit(
            span.start,
            span.end,
            f"unexpected word {word!r}: {span.score:.1f} nats more surprising than its rarity explains "
            f"(threshold {th.word_min_excess:g})",
            confidence=th.word_precision if th.word_precision > 0 else 0.5,
            data=data,
        )
