"""The calibrated thresholds the fluency findings use (`mtcheck/data/fluency/thresholds.toml`).

The file is written by `benchmarks/calibrate_fluency.py`, never by hand; its
`[provenance]` table says which data, model and date produced it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class FluencyThresholds:
    min_sentence_words: int
    min_context_tokens: int
    word_min_excess: float
    word_min_surprisal: float
    word_precision: float
    window_words: int
    window_min_excess: float
    window_precision: float
    judge_raise: float
    judge_lower: float
    judge_drop: float
    provenance: dict[str, Any]
    word_enabled: bool = True
    window_enabled: bool = True

    @property
    def signature(self) -> str:
        return (
            f"w:{self.word_min_excess:g}/{self.word_min_surprisal:g}|"
            f"c:{self.window_words}/{self.window_min_excess:g}|"
            f"j:{self.judge_raise:g}/{self.judge_lower:g}/{self.judge_drop:g}|"
            f"p:{self.min_sentence_words}/{self.min_context_tokens}"
        )


def parse_thresholds(raw: dict[str, Any]) -> FluencyThresholds:
    prose, w, c, j = raw["prose"], raw["mt902"], raw["mt901"], raw["judge"]
    return FluencyThresholds(
        min_sentence_words=int(prose["min_sentence_words"]),
        min_context_tokens=int(prose["min_context_tokens"]),
        word_min_excess=float(w["min_excess"]),
        word_min_surprisal=float(w["min_surprisal"]),
        word_precision=float(w.get("precision", -1.0)),
        window_words=int(c["window_words"]),
        window_min_excess=float(c["min_mean_excess"]),
        window_precision=float(c.get("precision", -1.0)),
        judge_raise=float(j["raise_margin"]),
        judge_lower=float(j["lower_margin"]),
        judge_drop=float(j["drop_margin"]),
        provenance=dict(raw.get("provenance", {})),
        word_enabled=bool(w.get("enabled", True)),
        window_enabled=bool(c.get("enabled", True)),
    )


@cache
def load_thresholds() -> FluencyThresholds:
    text = resources.files("mtcheck.data.fluency").joinpath("thresholds.toml").read_text(encoding="utf-8")
    return parse_thresholds(tomllib.loads(text))
