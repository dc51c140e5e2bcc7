"""MT901 garbled-sentence: a clause the language model finds far less likely than its words' rarity explains."""

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


class GarbledSentenceRule(ModelRule):
    """A run of words that reads as machine-translated or garbled: the fluency model's
    surprisal over the run exceeds what the words' own rarity (wordfreq) explains.

    Bad:  ... to Russia, through “opaque” or that they have disabled their navigation data.
    Fix:  ... to Russia on "dark" vessels that have switched off their transponders.

    Source: the model pass (`mtcheck.fluency`); the window width and threshold are fitted
    by `benchmarks/calibrate_fluency.py` on WMT23 zh-en MQM development data and stored
    with their provenance in `mtcheck/data/fluency/thresholds.toml`, which also records
    the precision measured against Fluency/Style error spans (shown by `mtcheck rules
    MT901`). Names and rare words are not errors: rarity is subtracted first.
    """

    code = "MT901"
    name = "garbled-sentence"
    severity = Severity.INFO
    summary = "Clause reads as garbled or machine-translated (fluency model)"
    # Off by default when calibration found no threshold quiet enough on clean copy.
    default_enabled = load_thresholds().window_enabled

    def hit_for(self, doc: Document, span: ModelSpan, signature: str, th: FluencyThresholds) -> Hit:
        data: dict[str, Any] = {
            "score": round(span.score, 2),
            "max_surprisal": round(span.surprisal, 2),
            "threshold": th.window_min_excess,
            "model": signature,
        }
        return Hit(
            span.start,
            span.end,
            f"reads as garbled: {span.score:.1f} nats/word more surprising than word rarity explains "
            f"(threshold {th.window_min_excess:g})",
            confidence=th.window_precision if th.window_precision > 0 else 0.5,
            data=data,
        )
