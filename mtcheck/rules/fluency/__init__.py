"""Findings produced by the fluency model stage (`mtcheck.fluency`), not by `check`."""

from __future__ import annotations


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
