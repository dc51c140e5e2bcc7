"""A document-level guess of the source language, from the language-specific findings.

Rules that recognise a language-specific artefact say so in the hit's data: `{"lang": "es"}`
or `{"lang": ["es", "it"]}` (other rules use `languages`, `source_language`, `source_lang`
or a `sources` mapping keyed by language; all are read). A finding of a rule
that knows only some source languages (`Rule.languages`) and says nothing itself counts for
those. Each finding adds its confidence, split evenly over the languages it names; the
language with the largest share wins when the evidence is strong enough.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, Protocol

from mtcheck.rules.base import SOURCE_LANGUAGES

# Data keys that name a source language, in order of preference (a mapping, such as
# MT401's {"pt": "pretender"}, names its keys).
LANG_KEYS = ("lang", "langs", "languages", "source_lang", "source_language", "sources")
# Findings that show the source language itself rather than a habit of its translations
# count double: an untranslated word ("secondo", "laut") or sentence.
EVIDENCE_WEIGHT = {"MT402": 2.0, "MT702": 2.0, "MT703": 2.0}
# Below this score (about one confident single-language finding) no language is named.
MIN_SCORE = 0.8
# How fast confidence saturates with the lead over the runner-up: a lead of 1.5 (about two
# confident single-language hits) gives 0.86 of the share.
SATURATION = 1.5


class _FindingLike(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def confidence(self) -> float: ...
    @property
    def data(self) -> Mapping[str, Any]: ...


def finding_languages(finding: _FindingLike) -> tuple[str, ...]:
    """The source languages a finding points to (empty when it says nothing)."""
    data = finding.data
    if data:
        for key in LANG_KEYS:
            value = data.get(key)
            if value:
                langs = (value,) if isinstance(value, str) else tuple(str(v) for v in value)
                return tuple(dict.fromkeys(lang.lower() for lang in langs))
    return _rule_languages(finding.code)


@lru_cache(maxsize=1024)  # the rule registry is fixed for the process (`all_rules` caches it)
def _rule_languages(code: str) -> tuple[str, ...]:
    from mtcheck.rules import rule_by_code

    try:
        rule = rule_by_code(code)
    except Exception:  # a broken rule module must not break the report
        return ()
    if rule is None or not rule.languages or rule.languages >= set(SOURCE_LANGUAGES):
        return ()
    return tuple(sorted(rule.languages))


def guess_source_language(findings: Iterable[_FindingLike]) -> dict[str, Any]:
    """{"language": "es" | None, "confidence": 0..1, "evidence": {lang: findings},
    "scores": {lang: weighted score}} for one document."""
    evidence: dict[str, int] = {}
    scores: dict[str, float] = {}
    for f in findings:
        langs = finding_languages(f)
        if not langs:
            continue
        weight = EVIDENCE_WEIGHT.get(f.code, 1.0) * max(0.0, min(1.0, float(f.confidence))) / len(langs)
        for lang in langs:
            evidence[lang] = evidence.get(lang, 0) + 1
            scores[lang] = scores.get(lang, 0.0) + weight
    ranked: Sequence[tuple[str, float]] = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    language: str | None = None
    confidence = 0.0
    if ranked:
        top_lang, top = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        total = sum(scores.values())
        if top >= MIN_SCORE and top - second > 1e-9:
            language = top_lang
            share = top / total
            confidence = share * (1.0 - math.exp(-2.0 * (top - second) / SATURATION))
    return {
        "language": language,
        "confidence": round(confidence, 2),
        "evidence": dict(sorted(evidence.items(), key=lambda kv: (-kv[1], kv[0]))),
        "scores": {k: round(v, 2) for k, v in ranked},
    }
