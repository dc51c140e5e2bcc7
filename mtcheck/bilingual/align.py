"""Sentence alignment between a source and its translation (or an MT output and its edit).

Method (documented so results can be reproduced and argued with):

1. **Monotonic dynamic programme** over the two sentence lists (Gale & Church 1993,
   "A Program for Aligning Sentences in Bilingual Corpora", Computational Linguistics
   19(1)) with beads 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1 and 1-3. A bead's cost is the
   Gale-Church length cost (-log of the bead prior and of the two-sided normal tail of
   the length difference, variance s² = 6.8) plus `CONTENT_WEIGHT * (1 - similarity)`
   per sentence of the bead. The expected length ratio `c` is first the whole-text
   ratio, then the median ratio of the confident 1-1 links of a first pass (a second
   pass follows), always within a factor `RATIO_SLACK` of the language pair's usual
   ratio (`data/thresholds.toml`), so an omission cannot set the ratio by itself.
2. **Similarity** mixes anchors that survive translation (cf. the anchor points of
   Brown et al. 1991 and the lexical cues of Moore 2002): numbers, dates and weekdays
   after locale normalisation (`numbers.py`), capitalised names compared without
   diacritics, and the Dice overlap of character trigrams of the words outside each
   language's commonest `FUNCTION_WORDS` (cognates, names, digits). For a monolingual
   pair (compare) only the trigram overlap of all words is used.
3. **Clean-up of the DP's beads**: a sentence that brings nothing to an n-m bead and
   whose removal brings the bead's length ratio nearer to `c` is split off as a
   deletion or insertion (`_trim`); a 2-2 bead whose two pairs stand on their own is
   split into two 1-1 links, crossing ones when the sentences were swapped
   (`_refine`); a 1-1 bead with no similarity, no anchor and a bad length fit is split
   into a deletion and an insertion.
4. **Re-ordering and merge recovery** (`_recover`): a deletion next to an insertion
   that share anything become one link; a source sentence left without a partner is
   linked to an unpaired target sentence it matches well anywhere (a moved sentence,
   similarity >= `MOVED_SIMILARITY`), or added to the link whose target it is folded
   into when that raises the link's similarity and brings its length ratio nearer to
   `c` (a sentence merged into a non-adjacent one). Whatever remains unpaired is an
   omission (source) or an addition (target).

Measured on fixtures/bilingual by `python -m benchmarks.bilingual`, which also plants
deletions, insertions and untranslated sentences into the clean pairs automatically.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from mtcheck.bilingual.numbers import Quantity, extract_quantities, fold

METHOD = "gale-church+anchors/v1"
BEADS: dict[tuple[int, int], float] = {
    # Priors from Gale & Church (1993), table 5, with 3-1/1-3 added at a small prior
    # (agency copy is often split or merged by the desk).
    (1, 1): 0.89,
    (1, 0): 0.0099 / 2,
    (0, 1): 0.0099 / 2,
    (2, 1): 0.089 / 2,
    (1, 2): 0.089 / 2,
    (2, 2): 0.011,
    (3, 1): 0.004,
    (1, 3): 0.004,
}
VARIANCE = 6.8  # Gale & Church's s² for character lengths
CONTENT_WEIGHT = 10.0
# A skipped sentence pays its prior plus this share of CONTENT_WEIGHT (as if it were a link
# of similarity 0.8). Swept 0.0-0.5 with benchmarks/bilingual.py: 0.0 gave a false
# omission on a clean pair, 0.2 the best recall on auto-planted deletions/insertions.
SKIP_CONTENT = 0.2
MIN_LINK_SIMILARITY = 0.12
# Monolingual pairs (MT vs its edit) share most trigrams when related; unrelated English
# sentences still share ~0.1-0.2 (function words), so the bar is higher.
MIN_LINK_SIMILARITY_MONOLINGUAL = 0.25
MOVED_SIMILARITY = 0.35
# How far the measured ratio may stray from the language pair's expected one (x or /).
RATIO_SLACK = 1.15
# The commonest words of each language (wordfreq top list) are left out of the
# cross-lingual trigram profiles: they never match across languages and dilute the overlap.
FUNCTION_WORDS = 150
BAND = 10  # sentences either side of the diagonal the DP looks at (plus 10% of the length)


@dataclass(frozen=True, slots=True)
class Link:
    """Source sentences `source` aligned to target sentences `target` (indices, ascending)."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    similarity: float
    kind: str  # "1-1", "2-1", ..., "1-0" (omitted), "0-1" (added); "moved", "merged" marks

    @property
    def shape(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": list(self.source),
            "target": list(self.target),
            "type": self.kind,
            "similarity": round(self.similarity, 3),
        }


@dataclass
class Alignment:
    """The links between two sentence lists, in target order (omissions where they fell)."""

    links: list[Link]
    method: str = METHOD
    source_lang: str = ""
    target_lang: str = "en"
    length_ratio: float = 1.0  # measured target/source character ratio
    source_spans: list[tuple[int, int]] = field(default_factory=list)
    target_spans: list[tuple[int, int]] = field(default_factory=list)
    note: str = ""  # why some checks did not run, for the report

    def target_of(self, src_index: int) -> Link | None:
        for link in self.links:
            if src_index in link.source:
                return link
        return None

    def to_dict(self) -> dict[str, Any]:
        def spans(idx: Sequence[int], table: list[tuple[int, int]]) -> list[list[int]]:
            return [list(table[i]) for i in idx] if table else []

        links = []
        for link in self.links:
            d = link.to_dict()
            d["source_spans"] = spans(link.source, self.source_spans)
            d["target_spans"] = spans(link.target, self.target_spans)
            links.append(d)
        return {
            "method": self.method,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "length_ratio": round(self.length_ratio, 3),
            "note": self.note,
            "source_sentences": len(self.source_spans),
            "target_sentences": len(self.target_spans),
            "links": links,
        }


_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass
class _Features:
    length: int
    grams: Counter[str]
    quantities: list[Quantity]
    names: frozenset[str]
    total: int = -1  # number of trigrams

    def __post_init__(self) -> None:
        if self.total < 0:
            self.total = sum(self.grams.values())


def _trigrams(text: str, skip: frozenset[str] = frozenset()) -> Counter[str]:
    grams: Counter[str] = Counter()
    for w in _WORD.findall(fold(text)):
        if w in skip:
            continue
        w = f" {w} "
        for i in range(len(w) - 2):
            grams[w[i : i + 3]] += 1
    return grams


@lru_cache(maxsize=8)
def _function_words(lang: str) -> frozenset[str]:
    """The language's commonest words (articles, prepositions): noise across languages."""
    try:
        import wordfreq
    except ImportError:
        return frozenset()
    return frozenset(fold(w) for w in wordfreq.top_n_list(lang, FUNCTION_WORDS))


def _names(text: str, lang: str) -> frozenset[str]:
    """Capitalised words, folded; a sentence-initial one only if it is not a common word."""
    common = _function_words(lang)
    out = set()
    for k, m in enumerate(_WORD.finditer(text)):
        w = m.group(0)
        if len(w) < 3 or not w[0].isupper():
            continue
        folded = fold(w)
        starts = k == 0 or text[max(0, m.start() - 2) : m.start()].strip() in (".", "“", '"', "«", "¿", "¡", "—")
        if starts and folded in common:
            continue
        out.add(folded)
    return frozenset(out)


def _dice(a: Counter[str], b: Counter[str], total_a: int, total_b: int) -> float:
    if not total_a or not total_b:
        return 0.0
    inter = sum(min(a[k], b[k]) for k in a.keys() & b.keys())
    return 2.0 * inter / (total_a + total_b)


def _name_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    hits = 0
    for x in a:
        if x in b or any(_same_name(x, y) for y in b):
            hits += 1
    return hits / max(len(a), len(b))


@lru_cache(maxsize=65536)
def _same_name(x: str, y: str) -> bool:
    """Names equal up to spelling: "rusia"/"russia", "iran"/"iranian", "erdogan"/"erdogan"."""
    if len(x) < 4 or len(y) < 4:
        return False
    if x.startswith(y) or y.startswith(x):
        return True
    if min(len(x), len(y)) / max(len(x), len(y)) < 0.6:
        return False  # the ratio cannot reach 0.75
    return SequenceMatcher(None, x, y).ratio() >= 0.75


def _number_overlap(a: list[Quantity], b: list[Quantity]) -> float:
    if not a or not b:
        return 0.0
    used: set[int] = set()
    hits = 0
    for q in a:
        for k, r in enumerate(b):
            if k not in used and q.agrees(r):
                used.add(k)
                hits += 1
                break
    return hits / max(len(a), len(b))


class _Side:
    def __init__(self, texts: Sequence[str], lang: str, anchors: bool) -> None:
        self.texts = list(texts)
        self.lang = lang
        self.feats = [
            _Features(
                length=len(t),
                grams=_trigrams(t, _function_words(lang) if anchors else frozenset()),
                quantities=[q for q in extract_quantities(t, lang) if not q.is_word] if anchors else [],
                names=_names(t, lang) if anchors else frozenset(),
            )
            for t in texts
        ]
        self._cache: dict[tuple[int, ...], _Features] = {}

    def group(self, idx: tuple[int, ...]) -> _Features:
        if len(idx) == 1:
            return self.feats[idx[0]]
        got = self._cache.get(idx)
        if got is None:
            grams: Counter[str] = Counter()
            qs: list[Quantity] = []
            names: set[str] = set()
            length = 0
            for i in idx:
                f = self.feats[i]
                grams.update(f.grams)
                qs.extend(f.quantities)
                names |= f.names
                length += f.length + 1
            got = _Features(length - 1, grams, qs, frozenset(names))
            self._cache[idx] = got
        return got


class _Scorer:
    def __init__(
        self,
        src: _Side,
        tgt: _Side,
        anchors: bool,
        ratio: float,
        cache: dict[tuple[tuple[int, ...], tuple[int, ...]], float] | None = None,
    ) -> None:
        # Similarities do not depend on the length ratio: passes share one cache.
        self.cache = cache if cache is not None else {}
        self.src = src
        self.tgt = tgt
        self.anchors = anchors
        self.ratio = ratio
        self.min_link = MIN_LINK_SIMILARITY if anchors else MIN_LINK_SIMILARITY_MONOLINGUAL

    def similarity(self, si: tuple[int, ...], ti: tuple[int, ...]) -> float:
        key = (si, ti)
        got = self.cache.get(key)
        if got is None:
            got = self.cache[key] = self._similarity(si, ti)
        return got

    def _similarity(self, si: tuple[int, ...], ti: tuple[int, ...]) -> float:
        a = self.src.group(si)
        b = self.tgt.group(ti)
        if not self.anchors:
            return _dice(a.grams, b.grams, a.total, b.total)
        # Cross-lingual trigram overlap of real translations is ~0.2-0.4; scale it up.
        parts = [(min(1.0, _dice(a.grams, b.grams, a.total, b.total) / 0.4), 1.0)]
        if a.quantities or b.quantities:
            parts.append((_number_overlap(a.quantities, b.quantities), 2.0))
        if a.names or b.names:
            parts.append((_name_overlap(a.names, b.names), 1.5))
        return sum(v * w for v, w in parts) / sum(w for _, w in parts)

    def anchored(self, si: tuple[int, ...], ti: tuple[int, ...]) -> bool:
        a = self.src.group(si)
        b = self.tgt.group(ti)
        return _number_overlap(a.quantities, b.quantities) > 0 or _name_overlap(a.names, b.names) > 0

    def length_cost(self, ls: int, lt: int) -> float:
        if ls == 0 and lt == 0:
            return 0.0
        c = self.ratio
        mean = (ls + lt / c) / 2.0
        delta = (lt - ls * c) / math.sqrt(max(mean, 1.0) * VARIANCE)
        p = 2.0 * (1.0 - _phi(abs(delta)))
        return -math.log(max(p, 1e-12))


def _phi(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def align(
    source: Sequence[str],
    target: Sequence[str],
    source_lang: str = "",
    target_lang: str = "en",
    *,
    monolingual: bool = False,
    expected_ratio: float | None = None,
) -> Alignment:
    """Align two lists of sentences; see the module docstring for the method.

    `expected_ratio` (target/source characters for the language pair) bounds the ratio
    measured on the document to within a factor RATIO_SLACK of it, so that one added or
    dropped sentence in a short text cannot set the ratio by itself.
    """
    anchors = not monolingual
    src = _Side(source, source_lang or "en", anchors)
    tgt = _Side(target, target_lang, anchors)
    total_s = sum(len(t) for t in source) or 1
    total_t = sum(len(t) for t in target) or 1
    ratio = 1.0 if monolingual else min(1.6, max(0.6, total_t / total_s))
    bounds = (0.6, 1.6)
    if expected_ratio is not None and not monolingual:
        bounds = (expected_ratio / RATIO_SLACK, expected_ratio * RATIO_SLACK)
        ratio = min(bounds[1], max(bounds[0], ratio))
    sims: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}
    links = _align_pass(src, tgt, anchors, ratio, sims)
    if not monolingual:
        # Omitted or added sentences skew the whole-text ratio; re-estimate it from the
        # confident 1-1 links (median) and align again.
        ratios = sorted(
            tgt.feats[lk.target[0]].length / max(1, src.feats[lk.source[0]].length)
            for lk in links
            if lk.kind == "1-1" and lk.similarity >= 0.3 and src.feats[lk.source[0]].length >= 40
        )
        if len(ratios) >= 3:
            median = ratios[len(ratios) // 2]
            new_ratio = min(bounds[1], max(bounds[0], median))
            if abs(new_ratio - ratio) > 0.02:
                ratio = new_ratio
                links = _align_pass(src, tgt, anchors, ratio, sims)
    return Alignment(links=links, source_lang=source_lang, target_lang=target_lang, length_ratio=ratio)


def _align_pass(
    src: _Side,
    tgt: _Side,
    anchors: bool,
    ratio: float,
    sims: dict[tuple[tuple[int, ...], tuple[int, ...]], float],
) -> list[Link]:
    n, m = len(src.texts), len(tgt.texts)
    scorer = _Scorer(src, tgt, anchors, ratio, sims)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    prior_cost = {k: -math.log(v) for k, v in BEADS.items()}
    skip_cost = -math.log(BEADS[(1, 0)]) + CONTENT_WEIGHT * SKIP_CONTENT
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            # Band around the diagonal keeps long documents fast.
            if n and m and abs(i / n * m - j) > BAND + 0.1 * max(n, m):
                continue
            best = inf
            arg = None
            for (di, dj), pc in prior_cost.items():
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0 or cost[pi][pj] == inf:
                    continue
                if di == 0 or dj == 0:
                    c = skip_cost
                else:
                    si = tuple(range(pi, i))
                    ti = tuple(range(pj, j))
                    ls = src.group(si).length
                    lt = tgt.group(ti).length
                    sim = scorer.similarity(si, ti)
                    # Content cost counts per sentence so a 2-2 bead is not cheaper than two 1-1s.
                    c = pc + scorer.length_cost(ls, lt) + CONTENT_WEIGHT * (1.0 - sim) * (di + dj) / 2
                total = cost[pi][pj] + c
                if total < best:
                    best = total
                    arg = (di, dj)
            cost[i][j] = best
            back[i][j] = arg
    beads: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    i, j = n, m
    while i > 0 or j > 0:
        step = back[i][j]
        if step is None:  # outside the band: fall back to single skips
            step = (1, 0) if i > 0 else (0, 1)
        di, dj = step
        beads.append((tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()

    links: list[Link] = []
    for si, ti in beads:
        if si and ti:
            sim = scorer.similarity(si, ti)
            unrelated = sim < scorer.min_link and not scorer.anchored(si, ti)
            if (
                len(si) == 1
                and len(ti) == 1
                and unrelated
                # Cross-lingual overlap is weak evidence: also ask for a length mismatch.
                and (not anchors or scorer.length_cost(src.group(si).length, tgt.group(ti).length) > 3.0)
            ):
                links.append(Link(si, (), 0.0, "1-0"))
                links.append(Link((), ti, 0.0, "0-1"))
                continue
            links.append(Link(si, ti, sim, f"{len(si)}-{len(ti)}"))
        else:
            links.append(Link(si, ti, 0.0, f"{len(si)}-{len(ti)}"))
    for _ in range(3):  # a 3-1 bead may hide two sentences to split off
        trimmed = _trim(links, scorer, ratio)
        if trimmed == links:
            break
        links = trimmed
    links = _refine(links, scorer)
    return _recover(links, scorer, ratio)


def _refine(links: list[Link], scorer: _Scorer) -> list[Link]:
    """Split a 2-2 bead into two 1-1 links when each pair stands on its own.

    The DP takes a 2-2 bead when one of two sentences is poorly translated; splitting it
    lets the per-sentence checks (length ratio, numbers) see each pair. A crossing split
    is a swap of two adjacent sentences ("moved").
    """
    out: list[Link] = []
    for link in links:
        if link.shape != "2-2":
            out.append(link)
            continue
        (s0, s1), (t0, t1) = link.source, link.target
        straight = (scorer.similarity((s0,), (t0,)), scorer.similarity((s1,), (t1,)))
        crossed = (scorer.similarity((s0,), (t1,)), scorer.similarity((s1,), (t0,)))
        if sum(crossed) >= sum(straight) + 0.2 and min(crossed) >= 0.25:
            out.append(Link((s1,), (t0,), crossed[1], "moved"))
            out.append(Link((s0,), (t1,), crossed[0], "moved"))
        elif min(straight) >= 0.15 and sum(straight) >= sum(crossed):
            out.append(Link((s0,), (t0,), straight[0], "1-1"))
            out.append(Link((s1,), (t1,), straight[1], "1-1"))
        else:
            out.append(link)
    return out


def _trim(links: list[Link], scorer: _Scorer, ratio: float) -> list[Link]:
    """Split a sentence off an n-1 / 1-n bead when it brings nothing to the link.

    A dropped sentence tends to hide in a 2-1 bead next to its neighbour; it shows as a
    link whose similarity and length ratio both improve without it.
    """
    out: list[Link] = []
    for link in links:
        if not (link.source and link.target) or len(link.source) + len(link.target) < 3:
            out.append(link)
            continue
        best = None
        if not scorer.anchors:
            # Monolingual: drop a sentence that shares nothing with the other side
            # ("Source link" merged into the last paragraph's link).
            for side in ("source", "target"):
                idx = link.source if side == "source" else link.target
                if len(idx) < 2:
                    continue
                for k in idx:
                    rest = tuple(i for i in idx if i != k)
                    alone = scorer.similarity((k,), link.target) if side == "source" else scorer.similarity(link.source, (k,))
                    si, ti = (rest, link.target) if side == "source" else (link.source, rest)
                    sim = scorer.similarity(si, ti)
                    if alone < scorer.min_link and sim >= link.similarity and (best is None or sim > best[0]):
                        best = (sim, side, k, si, ti)
        for side in ("source", "target"):
            if not scorer.anchors:
                break
            idx = link.source if side == "source" else link.target
            if len(idx) < 2:
                continue
            for k in idx:
                rest = tuple(i for i in idx if i != k)
                si, ti = (rest, link.target) if side == "source" else (link.source, rest)
                sim = scorer.similarity(si, ti)
                before = _ratio_error(scorer, link.source, link.target, ratio)
                after = _ratio_error(scorer, si, ti, ratio)
                # Either the lengths say clearly that k is extra, or they agree a little
                # and the link is no worse without it.
                clear = before >= 0.25 and before - after >= 0.2 and sim >= link.similarity - 0.15
                mild = before >= 0.25 and before - after >= 0.1 and sim >= link.similarity
                if (clear or mild) and (best is None or sim > best[0]):
                    best = (sim, side, k, si, ti)
        if best is None:
            out.append(link)
            continue
        sim, side, k, si, ti = best
        kept = Link(si, ti, sim, f"{len(si)}-{len(ti)}")
        lone = Link((k,), (), 0.0, "1-0") if side == "source" else Link((), (k,), 0.0, "0-1")
        first_is_lone = k < (si[0] if side == "source" else ti[0])
        out.extend([lone, kept] if first_is_lone else [kept, lone])
    return out


def _recover(links: list[Link], scorer: _Scorer, ratio: float) -> list[Link]:
    """Re-link moved sentences and attach sentences merged into a non-adjacent one."""
    lonely_src = [k for k, lk in enumerate(links) if lk.source and not lk.target]
    lonely_tgt = [k for k, lk in enumerate(links) if lk.target and not lk.source]
    dropped: set[int] = set()
    # Moved sentences: best unpaired-unpaired pairs first.
    pairs: list[tuple[int, float, int, int]] = []
    for a in lonely_src:
        for b in lonely_tgt:
            sim = scorer.similarity(links[a].source, links[b].target)
            if sim >= MOVED_SIMILARITY:
                pairs.append((0, sim, a, b))
    # Neighbouring gaps (a deletion next to an insertion) are one badly translated
    # sentence when the two share anything at all.
    for a in lonely_src:
        for b in lonely_tgt:
            if abs(a - b) == 1:
                sim = scorer.similarity(links[a].source, links[b].target)
                if sim >= scorer.min_link or scorer.anchored(links[a].source, links[b].target):
                    pairs.append((1, sim, a, b))  # before the far-away candidates
    pairs.sort(reverse=True)
    for _priority, sim, a, b in pairs:
        if a in dropped or b in dropped:
            continue
        kind = "1-1" if abs(a - b) == 1 else "moved"
        links[b] = Link(links[a].source, links[b].target, sim, kind)
        dropped.add(a)
    # Merged into a linked sentence elsewhere.
    for a in lonely_src:
        if a in dropped:
            continue
        best: tuple[float, int] | None = None
        for k, lk in enumerate(links):
            if k in dropped or not lk.source or not lk.target or k == a:
                continue
            merged_src = tuple(sorted(lk.source + links[a].source))
            new_sim = scorer.similarity(merged_src, lk.target)
            old_ratio = _ratio_error(scorer, lk.source, lk.target, ratio)
            new_ratio = _ratio_error(scorer, merged_src, lk.target, ratio)
            gain = new_sim - lk.similarity
            alone = scorer.similarity(links[a].source, lk.target)
            if _merge_helps(scorer, gain, old_ratio, new_ratio, alone) and (best is None or gain > best[0]):
                best = (gain, k)
        if best is not None:
            k = best[1]
            lk = links[k]
            merged_src = tuple(sorted(lk.source + links[a].source))
            links[k] = Link(merged_src, lk.target, scorer.similarity(merged_src, lk.target), "merged")
            dropped.add(a)
    for b in lonely_tgt:
        if b in dropped:
            continue
        best = None
        for k, lk in enumerate(links):
            if k in dropped or not lk.source or not lk.target or k == b:
                continue
            merged_tgt = tuple(sorted(lk.target + links[b].target))
            new_sim = scorer.similarity(lk.source, merged_tgt)
            old_ratio = _ratio_error(scorer, lk.source, lk.target, ratio)
            new_ratio = _ratio_error(scorer, lk.source, merged_tgt, ratio)
            gain = new_sim - lk.similarity
            alone = scorer.similarity(lk.source, links[b].target)
            if _merge_helps(scorer, gain, old_ratio, new_ratio, alone) and (best is None or gain > best[0]):
                best = (gain, k)
        if best is not None:
            k = best[1]
            lk = links[k]
            merged_tgt = tuple(sorted(lk.target + links[b].target))
            links[k] = Link(lk.source, merged_tgt, scorer.similarity(lk.source, merged_tgt), "merged")
            dropped.add(b)
    return [lk for k, lk in enumerate(links) if k not in dropped]


def _merge_helps(scorer: _Scorer, gain: float, old_ratio: float, new_ratio: float, alone: float) -> bool:
    """Whether folding a lone sentence into a link is worth it.

    Across languages the length ratio must improve too; an editor compresses what they
    merge, so in monolingual mode the similarity gain alone decides.
    """
    if not scorer.anchors:
        return gain > 0.05 and alone >= scorer.min_link
    return gain > 0.08 and new_ratio < old_ratio


def _ratio_error(scorer: _Scorer, si: tuple[int, ...], ti: tuple[int, ...], ratio: float) -> float:
    ls = scorer.src.group(si).length or 1
    lt = scorer.tgt.group(ti).length
    return abs(math.log(max(lt, 1) / (ls * ratio)))
