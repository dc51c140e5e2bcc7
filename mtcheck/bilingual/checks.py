"""The MT7xx checks over an aligned source/translation pair; each yields (code, Hit) on the target.

Thresholds live in `data/thresholds.toml` with the measurement behind each one.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from mtcheck.bilingual.align import Alignment, Link
from mtcheck.bilingual.names import english_name, fold
from mtcheck.bilingual.numbers import Quantity, compatible, extract_quantities
from mtcheck.document import Segment
from mtcheck.rules.base import Hit

LANGUAGE_NAMES = {"es": "Spanish", "fr": "French", "it": "Italian", "de": "German", "pt": "Portuguese", "en": "English"}
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@cache
def thresholds() -> dict[str, Any]:
    with (Path(__file__).parent / "data" / "thresholds.toml").open("rb") as fh:
        return tomllib.load(fh)


@dataclass
class Bitext:
    """A target document's sentences, its source's sentences and the alignment between them."""

    lang: str
    source: Sequence[Segment]
    target: Sequence[Segment]
    alignment: Alignment
    _tq: dict[int, list[Quantity]] = field(default_factory=dict)
    _sq: dict[int, list[Quantity]] = field(default_factory=dict)

    def src_text(self, idx: Sequence[int]) -> str:
        return " ".join(self.source[i].text for i in idx)

    def tgt_text(self, idx: Sequence[int]) -> str:
        return " ".join(self.target[i].text for i in idx)

    def target_quantities(self, i: int) -> list[Quantity]:
        """Quantities of target sentence i with offsets into the target document text."""
        if i not in self._tq:
            seg = self.target[i]
            self._tq[i] = [
                Quantity(q.start + seg.start, q.end + seg.start, q.text, q.values, q.kind)
                for q in extract_quantities(seg.text, "en")
            ]
        return self._tq[i]

    def source_quantities(self, i: int) -> list[Quantity]:
        if i not in self._sq:
            self._sq[i] = extract_quantities(self.source[i].text, self.lang)
        return self._sq[i]

    def neighbours(self, k: int) -> list[Link]:
        links = self.alignment.links
        return [links[j] for j in (k - 1, k + 1) if 0 <= j < len(links)]


def _span(segs: Sequence[Segment], idx: Sequence[int]) -> tuple[int, int]:
    return segs[idx[0]].start, segs[idx[-1]].end


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


# --------------------------------------------------------------------------------------------
# MT702 untranslated sentence


def untranslated(bt: Bitext) -> Iterator[tuple[str, Hit]]:
    from sacrebleu.metrics.chrf import CHRF

    limit = float(thresholds()["untranslated"]["min_chrf"])
    min_words = int(thresholds()["untranslated"]["min_words"])
    chrf = CHRF()
    lang_name = LANGUAGE_NAMES.get(bt.lang, bt.lang)
    links = bt.alignment.links
    for k, link in enumerate(links):
        if not link.target:
            continue
        if link.source:
            # Its own source, and the sentences of the links around it in case the
            # aligner put it one place off (a copied sentence is unmistakable).
            near = [i for j in range(max(0, k - 2), min(len(links), k + 3)) for i in links[j].source]
            candidates = [link.source, *((i,) for i in near if i not in link.source)]
        else:
            # A sentence the aligner could not place: compare with every source sentence.
            candidates = [(i,) for i in range(len(bt.source))]
        for t in link.target:
            seg = bt.target[t]
            if len(_WORD.findall(seg.text)) < min_words:
                continue
            best = 0.0
            for src in candidates:
                best = max(best, chrf.sentence_score(seg.text, [bt.src_text(src)]).score)
            if best >= limit and _looks_foreign(seg.text, bt.lang):
                yield "MT702", Hit(
                    seg.start,
                    seg.end,
                    f"sentence left in {lang_name}: it is nearly identical to its source "
                    f"(chrF {best:.0f})",
                    confidence=min(1.0, 0.6 + (best - limit) / 100),
                    data={"chrf": round(best, 2), "chrf_signature": str(chrf.get_signature()), "source_lang": bt.lang},
                )


def _looks_foreign(text: str, lang: str) -> bool:
    """Most lowercase words are likelier in `lang` than in English (names do not vote).

    Keeps a name-heavy English sentence ("President Luiz Inácio Lula da Silva ...") that
    shares many characters with its source from counting as untranslated.
    """
    from mtcheck.lexicon.frequency import zipf

    votes = [
        (zs, ze)
        for w in _WORD.findall(text)
        if w[0].islower() and len(w) > 1
        for zs, ze in [(zipf(w, lang), zipf(w, "en"))]
        if zs or ze  # unknown to both ("d'accesso") does not vote
    ]
    if not votes:
        return True
    foreign = sum(1 for zs, ze in votes if zs > ze)
    return foreign * 2 >= len(votes)


def untranslated_targets(bt: Bitext, hits: list[tuple[str, Hit]]) -> set[int]:
    spans = {(h.start, h.end) for code, h in hits if code == "MT702"}
    return {i for i, s in enumerate(bt.target) if (s.start, s.end) in spans}


# --------------------------------------------------------------------------------------------
# MT701 number mismatch


def number_mismatches(bt: Bitext, skip: set[int]) -> Iterator[tuple[str, Hit]]:
    links = bt.alignment.links
    for k, link in enumerate(links):
        if not link.source or not link.target or any(t in skip for t in link.target):
            continue
        sq = [q for i in link.source for q in bt.source_quantities(i)]
        tq = [q for t in link.target for q in bt.target_quantities(t)]
        if not sq and not tq:
            continue
        # Quantities of the neighbouring links excuse a value that the aligner put one
        # sentence off.
        near_t = [q for lk in bt.neighbours(k) for t in lk.target for q in bt.target_quantities(t)]
        near_s = [q for lk in bt.neighbours(k) for i in lk.source for q in bt.source_quantities(i)]
        missing = [
            q for q in sq
            if not q.is_weak and not any(compatible(q, r) for r in tq) and not any(compatible(q, r) for r in near_t)
        ]
        extra = [
            r for r in tq
            if not r.is_weak and not any(compatible(q, r) for q in sq) and not any(compatible(q, r) for q in near_s)
        ]
        # Weekdays count only as a clash: both sides name one and they differ.
        sw = [q for q in sq if q.kind == "weekday"]
        tw = [r for r in tq if r.kind == "weekday"]
        if sw and tw:
            for r in tw:
                if not any(q.agrees(r) for q in sw):
                    extra.append(r)
                    missing.extend(q for q in sw if q not in missing)
        # Pair each unexplained target value with an unexplained source value of its kind.
        paired: list[tuple[Quantity | None, Quantity]] = []
        pool = list(missing)
        for r in extra:
            match = next((q for q in pool if _same_family(q, r)), None)
            if match is None and pool:
                match = pool[0]
            if match is not None:
                pool.remove(match)
            paired.append((match, r))
        for q, r in paired:
            if q is not None:
                msg = f"“{r.text}” does not match the source’s “{q.text}” (= {q.display()})"
                yield "MT701", Hit(r.start, r.end, msg, suggestions=(q.display(),), confidence=0.9,
                                   data={"source": q.text, "source_value": q.display(), "target_value": r.display()})
            else:
                msg = f"“{r.text}” is not in the source sentence"
                yield "MT701", Hit(r.start, r.end, msg, confidence=0.6,
                                   data={"target_value": r.display()})
        for q in pool:
            start, end = _span(bt.target, link.target)
            msg = f"the source’s “{q.text}” (= {q.display()}) is missing from this sentence"
            yield "MT701", Hit(start, end, msg, confidence=0.7,
                               data={"source": q.text, "source_value": q.display()})


def _same_family(q: Quantity, r: Quantity) -> bool:
    fam = {"number": "n", "amount": "n", "percent": "n", "word": "n", "date": "d", "month": "d", "time": "t", "weekday": "w"}
    return fam.get(q.kind) == fam.get(r.kind)


# --------------------------------------------------------------------------------------------
# MT703 source-language word left in an English sentence


_DE_DETERMINERS = frozenset(
    """der die das den dem des ein eine einen einem einer eines kein keine weitere weiteren
    weiterer neue neuen neuer vor von mit nach bei zu zum zur im am""".split()
)


def source_words(bt: Bitext, skip: set[int]) -> Iterator[tuple[str, Hit]]:
    from mtcheck.lexicon.frequency import zipf

    th = thresholds()["source_word"]
    max_en, min_src, min_gap = float(th["max_zipf_en"]), float(th["min_zipf_source"]), float(th["min_gap"])
    lang_name = LANGUAGE_NAMES.get(bt.lang, bt.lang)
    for link in bt.alignment.links:
        if not link.source or not link.target:
            continue
        src_text = bt.src_text(link.source)
        src_words = {fold(w): w for w in _WORD.findall(src_text)}
        nouns = _german_nouns(src_text) if bt.lang == "de" else set()
        for t in link.target:
            if t in skip:
                continue
            seg = bt.target[t]
            for m in _WORD.finditer(seg.text):
                w = m.group(0)
                if len(w) < 3 or m.start() == 0:
                    continue
                key = fold(w)
                if key not in src_words:
                    continue
                if w[0].isupper():
                    # Capitalised: a name, except German common nouns left untranslated.
                    if bt.lang != "de" or key not in nouns or w.isupper():
                        continue
                zen = zipf(w.lower(), "en")
                zsrc = _source_zipf(src_words[key].lower(), bt.lang, zipf)
                if zen < max_en and zsrc >= min_src and zsrc - zen >= min_gap:
                    yield "MT703", Hit(
                        seg.start + m.start(),
                        seg.start + m.end(),
                        f"“{w}” is {lang_name}, left from the source",
                        confidence=0.8,
                        data={"source_lang": bt.lang, "zipf_en": zen, "zipf_source": zsrc},
                    )


def _source_zipf(word: str, lang: str, zipf: Any) -> float:
    """Frequency of the word or of its form without an inflection ending ("Unwettern")."""
    forms = [word]
    if len(word) > 5:
        forms += [word[:-1], word[:-2]]
    return max(float(zipf(f, lang)) for f in forms)


def _german_nouns(text: str) -> set[str]:
    """Capitalised words preceded by a lowercase determiner/preposition (not a name run)."""
    out = set()
    words = list(_WORD.finditer(text))
    for prev, cur in zip(words, words[1:], strict=False):
        if cur.group(0)[0].isupper() and prev.group(0).lower() in _DE_DETERMINERS and prev.group(0)[0].islower():
            out.add(fold(cur.group(0)))
    return out


# --------------------------------------------------------------------------------------------
# MT704 omitted sentence, MT705 added sentence


def omissions_and_additions(bt: Bitext, untranslated_hits: Sequence[Hit] = ()) -> Iterator[tuple[str, Hit]]:
    from sacrebleu.metrics.chrf import CHRF

    min_words = int(thresholds()["omission"]["min_words"])
    limit = float(thresholds()["untranslated"]["min_chrf"])
    chrf = CHRF()
    copies = [s.text for s in bt.target if any(h.start == s.start and h.end == s.end for h in untranslated_hits)]
    links = bt.alignment.links
    for k, link in enumerate(links):
        if link.source and not link.target:
            text = bt.src_text(link.source)
            if len(_WORD.findall(text)) < min_words:
                continue
            if any(chrf.sentence_score(c, [text]).score >= limit for c in copies):
                continue  # not omitted: left untranslated elsewhere (MT702)
            anchor = _nearest_target(links, k)
            if anchor is None:
                continue
            seg = bt.target[anchor]
            where = "after" if _target_before(links, k) is not None else "before"
            yield "MT704", Hit(
                seg.start,
                seg.end,
                f"source sentence {link.source[0] + 1} has no counterpart in the translation "
                f"(omitted {where} this sentence): “{_short(text)}”",
                confidence=0.8,
                data={"source_sentences": list(link.source), "source_text": text},
            )
        elif link.target and not link.source:
            for t in link.target:
                seg = bt.target[t]
                if len(_WORD.findall(seg.text)) < min_words:
                    continue
                yield "MT705", Hit(
                    seg.start,
                    seg.end,
                    "this sentence has no counterpart in the source (added in translation?)",
                    confidence=0.7,
                    data={"target_sentence": t},
                )


def _target_before(links: Sequence[Link], k: int) -> int | None:
    for j in range(k - 1, -1, -1):
        if links[j].target:
            return links[j].target[-1]
    return None


def _nearest_target(links: Sequence[Link], k: int) -> int | None:
    before = _target_before(links, k)
    if before is not None:
        return before
    for j in range(k + 1, len(links)):
        if links[j].target:
            return links[j].target[0]
    return None


# --------------------------------------------------------------------------------------------
# MT706 length ratio


def length_ratios(bt: Bitext, skip: set[int]) -> Iterator[tuple[str, Hit]]:
    th = thresholds()["length_ratio"]
    low, high, min_chars = float(th["low"]), float(th["high"]), int(th["min_source_chars"])
    c = bt.alignment.length_ratio
    for link in bt.alignment.links:
        if not link.source or not link.target or any(t in skip for t in link.target):
            continue
        ls = sum(len(bt.source[i].text) for i in link.source)
        lt = sum(len(bt.target[t].text) for t in link.target)
        if max(ls, lt / max(c, 0.1)) < min_chars:
            continue
        r = lt / (ls * c) if ls else math.inf
        if low <= r <= high:
            continue
        start, end = _span(bt.target, link.target)
        if r < low:
            msg = (f"translation is {r:.0%} of the length expected from its source "
                   f"({ls} source characters, ratio {c:.2f}): part of it may be missing")
        else:
            msg = (f"translation is {r:.0%} of the length expected from its source "
                   f"({ls} source characters, ratio {c:.2f}): something may have been added")
        yield "MT706", Hit(start, end, msg, confidence=0.6,
                           data={"ratio": round(r, 3), "expected_ratio": round(c, 3),
                                 "source_text": bt.src_text(link.source)})


# --------------------------------------------------------------------------------------------
# MT707 name spelling


_NAME_RUN = re.compile(r"[A-ZÀ-ÖØ-Þ][^\W\d_]+(?:[ -][A-ZÀ-ÖØ-Þ][^\W\d_]+){0,2}")


def name_spellings(bt: Bitext, skip: set[int]) -> Iterator[tuple[str, Hit]]:
    seen: set[tuple[int, int]] = set()
    for link in bt.alignment.links:
        if not link.source or not link.target:
            continue
        src_text = bt.src_text(link.source)
        # German capitalises nouns: after an article a capitalised word is a noun
        # ("die Sparte"), whatever the gazetteer says (Sparte is also Sparta).
        nouns = _after_article(src_text) if bt.lang == "de" else set()
        for cand, whole_run in _candidates(src_text):
            gazetteer = whole_run and cand not in nouns
            english = english_name(cand, bt.lang, table_only=not gazetteer)
            if english is None or fold(english) == fold(cand):
                continue
            rx = re.compile(rf"(?<!\w){re.escape(fold(cand))}(?!\w)")
            for t in link.target:
                if t in skip:
                    continue  # an untranslated sentence is reported whole (MT702)
                seg = bt.target[t]
                folded = fold(seg.text)
                if len(folded) != len(seg.text):  # folding changed offsets: fall back to exact
                    folded = seg.text
                    rx_use = re.compile(rf"(?<!\w){re.escape(cand)}(?!\w)", re.IGNORECASE)
                else:
                    rx_use = rx
                if fold(english) in fold(seg.text):
                    continue
                for m in rx_use.finditer(folded):
                    span = (seg.start + m.start(), seg.start + m.end())
                    if span in seen:
                        continue
                    seen.add(span)
                    found = seg.text[m.start() : m.end()]
                    yield "MT707", Hit(
                        span[0],
                        span[1],
                        f"“{found}” is the {LANGUAGE_NAMES.get(bt.lang, bt.lang)} spelling; "
                        f"English uses “{english}”",
                        suggestions=(english,),
                        confidence=0.9,
                        data={"source_name": cand, "english": english},
                    )


_DE_ARTICLES = frozenset("der die das den dem des ein eine einen einem einer eines".split())


def _after_article(text: str) -> set[str]:
    words = list(_WORD.finditer(text))
    return {cur.group(0) for prev, cur in zip(words, words[1:], strict=False) if prev.group(0).lower() in _DE_ARTICLES}


def _candidates(text: str) -> list[tuple[str, bool]]:
    """Capitalised words and runs of up to three ("Nueva York"), longest first.

    The flag says whether the candidate is a whole run: "Söder" inside "Markus Söder" is
    part of a person's name and is looked up in the hand table only.
    """
    out: dict[str, bool] = {}
    for m in _NAME_RUN.finditer(text):
        parts = m.group(0).split(" ")
        for n in range(len(parts), 0, -1):
            for i in range(len(parts) - n + 1):
                cand = " ".join(parts[i : i + n])
                out[cand] = out.get(cand, False) or n == len(parts)
    return list(out.items())
