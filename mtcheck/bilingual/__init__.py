"""Bilingual QA: align a translation with its source and propose the MT7xx findings.

Entry point for the engine: `bilingual_proposals(target_doc, source_doc, source_lang,
options)`. Without a source document none of this runs.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from mtcheck.document import Document, Segment

if TYPE_CHECKING:
    from mtcheck.bilingual.align import Alignment, Link
    from mtcheck.bilingual.align import align as align_sentences
    from mtcheck.bilingual.langdetect import detect_language
    from mtcheck.engine import Proposal
    from mtcheck.rules.base import RuleOptions

__all__ = [
    "Alignment",
    "Link",
    "align_documents",
    "align_sentences",
    "bilingual_proposals",
    "detect_language",
]

DEFAULT_SOURCE_LANG = "es"
SUPPORTED_LANGUAGES = ("es", "fr", "it", "de", "pt")
_HAS_LETTER = re.compile(r"[^\W\d_]")
# The aligner is imported when first used: every checked file passes through
# `mtcheck.bilingual.pairing` (is there a source file beside it?), and most have none.
_LAZY = {
    "Alignment": ("mtcheck.bilingual.align", "Alignment"),
    "Link": ("mtcheck.bilingual.align", "Link"),
    "align_sentences": ("mtcheck.bilingual.align", "align"),
    "detect_language": ("mtcheck.bilingual.langdetect", "detect_language"),
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    module, attr = _LAZY[name]
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value
    return value


def sentences(doc: Document, lang: str) -> list[Segment]:
    """The document's sentences, with splits after ordinal dots rejoined ("10. Januar")."""
    out: list[Segment] = []
    for seg in doc.sentences:
        if not _HAS_LETTER.search(seg.text):
            continue
        if out and _continues(out[-1].text, seg.text, lang):
            prev = out[-1]
            out[-1] = Segment(prev.start, seg.end, doc.text[prev.start : seg.end])
            continue
        out.append(seg)
    return out


def _continues(prev: str, nxt: str, lang: str) -> bool:
    # German (and other) ordinals: "Berlin, 10. Januar." / "am 3. Juni"; a lowercase
    # continuation after a number's dot is never a new sentence.
    if re.search(r"(?<!\d)\d{1,2}\.$", prev) and (nxt[:1].islower() or lang == "de"):
        return True
    return False


def align_documents(target: Document, source: Document, source_lang: str) -> tuple[Alignment, list[Segment], list[Segment]]:
    """Align two documents' sentences; spans in the alignment are original offsets."""
    src = sentences(source, source_lang)
    tgt = sentences(target, "en")
    from mtcheck.bilingual.align import align as align_sentences
    from mtcheck.bilingual.checks import thresholds

    prior = thresholds()["length_ratio"]["expected"].get(source_lang)
    alignment = align_sentences([s.text for s in src], [s.text for s in tgt], source_lang, "en", expected_ratio=prior)
    alignment.source_spans = [source.to_original(s.start, s.end) for s in src]
    alignment.target_spans = [target.to_original(s.start, s.end) for s in tgt]
    return alignment, src, tgt


def bilingual_proposals(
    target: Document,
    source: Document,
    source_lang: str | None = None,
    options: RuleOptions | None = None,
) -> tuple[list[Proposal], Alignment]:
    """The MT7xx proposals for `target` given its `source`, and the alignment used."""
    from mtcheck.bilingual import checks
    from mtcheck.bilingual.langdetect import detect_language
    from mtcheck.engine import Proposal

    lang = (source_lang or detect_language(source.text) or DEFAULT_SOURCE_LANG).lower()
    alignment, src, tgt = align_documents(target, source, lang)
    if lang == "en":
        # An English "source" is the wrong file (or an edit): nothing to compare across languages.
        alignment.note = "source is English: bilingual checks skipped (see `mtcheck compare`)"
        return [], alignment
    bt = checks.Bitext(lang, src, tgt, alignment)
    hits = list(checks.untranslated(bt))
    skip = checks.untranslated_targets(bt, hits)
    if lang in SUPPORTED_LANGUAGES:
        # Number conventions and word frequencies are known for these languages only.
        hits.extend(checks.number_mismatches(bt, skip))
        hits.extend(checks.source_words(bt, skip))
    else:
        alignment.note = f"source language {lang!r}: number and left-word checks need one of {', '.join(SUPPORTED_LANGUAGES)}"
    hits.extend(checks.omissions_and_additions(bt, [h for c, h in hits if c == "MT702"]))
    hits.extend(checks.length_ratios(bt, skip))
    hits.extend(checks.name_spellings(bt, skip))
    if options is not None and options.accept:
        # Words and names the desk accepts are fine in any check that names a word.
        hits = [(c, h) for c, h in hits if c not in ("MT703", "MT707") or not options.accepts(target.text[h.start : h.end])]
    proposals = [Proposal(_rule(code), hit) for code, hit in hits]
    return proposals, alignment


@cache
def _rule(code: str) -> Any:
    """The rule instance for an MT7xx code (imported directly: no registry scan needed)."""
    import importlib
    import pkgutil

    from mtcheck.rules import bilingual as family
    from mtcheck.rules.base import Rule

    for mod in pkgutil.iter_modules(family.__path__):
        if mod.name.startswith(code.lower() + "_"):
            module = importlib.import_module(f"{family.__name__}.{mod.name}")
            for obj in vars(module).values():
                if isinstance(obj, type) and issubclass(obj, Rule) and getattr(obj, "code", None) == code:
                    return obj()
    raise LookupError(f"no rule class for {code}")


# Monolingual rules that report the same thing as a bilingual one: the monolingual finding
# stays (same code with or without --source) and is marked as confirmed by the source.
_CONFIRMS = {"MT707": ("MT101", "MT102", "MT103"), "MT703": ("MT402",)}


def merge_with_monolingual(monolingual: list[Proposal], bilingual: list[Proposal]) -> list[Proposal]:
    """Both lists together, without reporting one problem twice.

    - an MT707/MT703 hit on the span of an MT101-MT103/MT402 hit is dropped, and that
      monolingual hit gains `data["confirmed_by_source"]` and the higher confidence;
    - MT402 hits inside a sentence reported as untranslated (MT702) are dropped.
    """
    from dataclasses import replace

    from mtcheck.engine import Proposal

    out = list(monolingual)
    untranslated = [p.hit for p in bilingual if p.rule.code == "MT702"]
    if untranslated:
        out = [
            p for p in out
            if not (p.rule.code == "MT402" and any(u.start <= p.hit.start and p.hit.end <= u.end for u in untranslated))
        ]
    for b in bilingual:
        codes = _CONFIRMS.get(b.rule.code, ())
        match = next(
            (k for k, p in enumerate(out)
             if p.rule.code in codes and p.hit.start < b.hit.end and b.hit.start < p.hit.end),
            None,
        )
        if match is None:
            out.append(b)
            continue
        m = out[match]
        hit = replace(
            m.hit,
            confidence=max(m.hit.confidence, b.hit.confidence),
            data={**m.hit.data, "confirmed_by_source": b.rule.code},
        )
        out[match] = Proposal(m.rule, hit)
    return out
