"""Findings produced by the fluency model stage (`mtcheck.fluency`), not by `check`."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.document import Document
from mtcheck.rules.base import Hit, Rule, RuleOptions


class ModelRule(Rule):
    """A rule whose findings the fluency stage produces; `check` finds nothing on its own.
    Its explanation ends with what the calibration measured for it."""

    staged = True

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        return iter(())  # produced by the fluency stage

    @classmethod
    def explanation(cls) -> str:
        return super().explanation() + "\n\n" + calibration_note(cls.code)


def calibration_note(code: str) -> str:
    """What the calibration measured for `code`, from the thresholds file's provenance."""
    from mtcheck.fluency.thresholds import load_thresholds

    th = load_thresholds()
    prov = th.provenance
    if code == "MT901":
        precision, threshold = th.window_precision, f"mean excess >= {th.window_min_excess:g} nats/word over {th.window_words} words"
    else:
        precision, threshold = th.word_precision, f"excess >= {th.word_min_excess:g} nats, surprisal >= {th.word_min_surprisal:g} nats"
    measured = f"{precision:.0%}" if precision >= 0 else "not measured"
    return (
        f"Threshold: {threshold}. Measured precision against Fluency/Style error spans: {measured} "
        f"({prov.get('data', '?')}; {prov.get('script', '?')}, {prov.get('date', '?')})."
    )
