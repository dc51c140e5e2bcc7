"""Which language a source text is in (es, fr, it, de, pt or en), with lingua, built on first use."""

from __future__ import annotations

from functools import cache
from typing import Any

CANDIDATES = ("es", "fr", "it", "de", "pt", "en")


@cache
def _detector() -> Any:
    # Building the detector loads its n-gram models: do it once, and only when asked.
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in CANDIDATES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language of `text`, or None when lingua is missing or unsure."""
    sample = text[:4000]
    if not sample.strip():
        return None
    try:
        detector = _detector()
    except ImportError:
        return None
    lang = detector.detect_language_of(sample)
    if lang is None:
        return None
    return str(lang.iso_code_639_1.name.lower())
