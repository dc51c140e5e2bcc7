"""Bilingual checks (MT7xx) on fixtures/bilingual and post-edit distance on fixtures/compare.

Usage: python -m benchmarks.bilingual        (full figures)
       python benchmarks/bilingual.py

Measures, with the whole `mtcheck check --source` pipeline (heuristics only, MT7xx selected):
- recall per code on the planted errors of fixtures/bilingual/annotations.jsonl (a planted
  span is found when a finding of the same code overlaps it);
- precision: findings that overlap no planted span of their code are false; findings on the
  clean pairs (pairs with no annotation) are listed separately;
- the distributions behind the thresholds in mtcheck/bilingual/data/thresholds.toml: chrF
  of each aligned target sentence against its source (translated vs planted-untranslated),
  and the length ratio of the 1-1 links of the clean pairs;
- time per pair (alignment + checks) and per `compare` of fixtures/compare.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python benchmarks/bilingual.py`
    sys.path.insert(0, str(ROOT))

try:
    from benchmarks import SkipBenchmark
except ImportError:  # pragma: no cover
    class SkipBenchmark(Exception):  # type: ignore[no-redef]
        pass

BILINGUAL = ROOT / "fixtures" / "bilingual"
COMPARE = ROOT / "fixtures" / "compare"
CODES = ("MT701", "MT702", "MT703", "MT704", "MT705", "MT706", "MT707")


_SOURCE_NAME = re.compile(r"^(?P<stem>.+)\.(?P<lang>es|fr|it|de|pt)\.(?P<ext>txt|md|html)$")


def pairs() -> list[tuple[Path, Path, str]]:
    """(target, source, lang) for every `name.ext` with a `name.<lang>.ext` beside it."""
    out = []
    for src in sorted(BILINGUAL.iterdir()):
        m = _SOURCE_NAME.match(src.name)
        if not m:
            continue
        tgt = src.with_name(f"{m['stem']}.{m['ext']}")
        if tgt.exists():
            out.append((tgt, src, m["lang"]))
    return out


def annotations() -> list[dict[str, Any]]:
    path = BILINGUAL / "annotations.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate() -> dict[str, Any]:
    from mtcheck.engine import check_paths

    if not BILINGUAL.is_dir() or not (BILINGUAL / "annotations.jsonl").exists():
        raise SkipBenchmark("fixtures/bilingual/annotations.jsonl is missing")
    ann = annotations()
    by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in ann:
        by_file[a["file"]].append(a)
    found: set[int] = set()
    false: list[dict[str, Any]] = []
    clean_false: list[dict[str, Any]] = []
    times: list[float] = []
    per_code = Counter()
    links = Counter()
    for tgt, src, lang in pairs():
        t0 = time.perf_counter()
        report = check_paths([str(tgt)], overrides={"model": False, "select": CODES}, source=src, source_lang=lang)
        times.append(time.perf_counter() - t0)
        result = report.files[0]
        alignment = result.extras.get("alignment")
        if alignment is not None:
            for link in (alignment["links"] if isinstance(alignment, dict) else alignment.to_dict()["links"]):
                links[link["type"]] += 1
        planted = by_file.get(tgt.name, [])
        for f in result.findings:
            per_code[f.code] += 1
            hit = False
            for a in planted:
                if a["code"] == f.code and f.start < a["end"] and f.end > a["start"]:
                    found.add(id(a))
                    hit = True
            if not hit:
                entry = {"file": tgt.name, "code": f.code, "text": f.text[:60], "message": f.message[:100]}
                (false if planted else clean_false).append(entry)
    recall: dict[str, tuple[int, int]] = {}
    for code in CODES:
        total = [a for a in ann if a["code"] == code]
        recall[code] = (sum(1 for a in total if id(a) in found), len(total))
    return {
        "pairs": len(pairs()),
        "clean_pairs": sum(1 for t, _s, _l in pairs() if t.name not in by_file),
        "planted": len(ann),
        "found": len(found),
        "recall": recall,
        "false": false,
        "clean_false": clean_false,
        "findings": sum(per_code.values()),
        "per_code": dict(per_code),
        "seconds": times,
        "links": dict(links),
    }


def evaluate_default() -> tuple[int, int, int]:
    """Planted errors found with the default rule selection, where a bilingual hit that
    repeats a monolingual rule is reported once, under the monolingual code, marked
    `confirmed_by_source` (MT707 -> MT101, MT703 -> MT402). Returns (found, planted,
    MT7xx-or-confirmed findings off the planted spans)."""
    from mtcheck.engine import check_paths

    ann = annotations()
    found = 0
    stray = 0
    for tgt, src, lang in pairs():
        report = check_paths([str(tgt)], overrides={"model": False}, source=src, source_lang=lang)
        fs = [f for f in report.files[0].findings if f.code.startswith("MT7") or f.data.get("confirmed_by_source")]
        planted = [a for a in ann if a["file"] == tgt.name]
        for a in planted:
            if any(f.start < a["end"] and f.end > a["start"] and a["code"] in (f.code, f.data.get("confirmed_by_source")) for f in fs):
                found += 1
        stray += sum(1 for f in fs if not any(f.start < a["end"] and f.end > a["start"] for a in planted))
    return found, len(ann), stray


def distributions() -> dict[str, list[float]]:
    """chrF of aligned sentences against their source, and 1-1 length ratios on clean pairs."""
    from sacrebleu.metrics.chrf import CHRF

    from mtcheck.bilingual import align_documents
    from mtcheck.readers import read_path

    chrf = CHRF()
    untranslated = {(a["file"], a["text"]) for a in annotations() if a["code"] == "MT702"}
    annotated = {a["file"] for a in annotations()}
    translated_chrf: list[float] = []
    untranslated_chrf: list[float] = []
    ratios: list[float] = []
    for tgt, src, lang in pairs():
        t, s = read_path(tgt), read_path(src)
        alignment, ss, ts = align_documents(t, s, lang)
        for link in alignment.links:
            if not link.source or not link.target:
                continue
            src_text = " ".join(ss[i].text for i in link.source)
            for j in link.target:
                score = chrf.sentence_score(ts[j].text, [src_text]).score
                (untranslated_chrf if (tgt.name, ts[j].text) in untranslated else translated_chrf).append(score)
            if tgt.name not in annotated and len(link.source) == 1 and len(link.target) == 1:
                ls = len(ss[link.source[0]].text)
                if ls >= 60:
                    ratios.append(len(ts[link.target[0]].text) / ls / alignment.length_ratio)
    return {"translated_chrf": translated_chrf, "untranslated_chrf": untranslated_chrf, "clean_ratio": ratios}


def perturbations(limit_pairs: int | None = None) -> dict[str, dict[str, int]]:
    """Recall on errors planted automatically into the clean pairs, and stray findings.

    For every sentence of every clean English file (5+ words): delete it (expect MT704),
    replace it by its source sentence (MT702), change its first digit number by one
    (MT701), or insert after it a sentence from another clean file (MT705). A case counts
    as found when a finding of the expected code overlaps the edited place; any other
    MT7xx finding in the perturbed text counts as stray.
    """
    from mtcheck.bilingual import align_documents, bilingual_proposals
    from mtcheck.document import Document
    from mtcheck.readers import read_path

    annotated = {a["file"] for a in annotations()}
    clean = [(t, s, lang) for t, s, lang in pairs() if t.name not in annotated and t.suffix == ".txt"]
    if limit_pairs is not None:
        clean = clean[:limit_pairs]
    donors = [read_path(t).sentences for t, _s, _l in clean]
    stats: dict[str, dict[str, int]] = defaultdict(lambda: {"cases": 0, "found": 0, "stray": 0})
    for n, (tgt, src, lang) in enumerate(clean):
        tdoc, sdoc = read_path(tgt), read_path(src)
        alignment, ss, ts = align_documents(tdoc, sdoc, lang)
        text = tdoc.text
        for j, seg in enumerate(ts):
            if len(seg.text.split()) < 5:
                continue
            link = next((lk for lk in alignment.links if j in lk.target and lk.source), None)
            cases: list[tuple[str, str, tuple[int, int]]] = []
            # Deletion: the finding lands on a neighbouring sentence.
            before = ts[j - 1] if j > 0 else None
            deleted = text[: seg.start] + text[seg.end :].lstrip(" ")
            if before is not None:
                cases.append(("MT704", deleted, (before.start, before.end)))
            if link is not None and len(link.target) == 1:
                src_text = " ".join(ss[i].text for i in link.source)
                cases.append(("MT702", text[: seg.start] + src_text + text[seg.end :], (seg.start, seg.start + len(src_text))))
            m = re.search(r"(?<![\w.,])\d+", seg.text)
            # Not an identifier ("CV-20", "Su-35"): those are not quantities.
            if m and not re.search(r"[^\W\d_]-?$", seg.text[: m.start()]):
                old = m.group(0)
                new = str(int(old) + 1) if old[-1] != "9" else str(int(old) - 1)
                a = seg.start + m.start()
                cases.append(("MT701", text[:a] + new + text[a + len(old) :], (a, a + len(new))))
            donor = donors[(n + 1) % len(donors)]
            extra = next(
                (d.text for d in donor
                 if len(d.text.split()) >= 8 and d.text[-1] in ".!?" and not re.search(r"\d", d.text)),
                None,
            )
            # Only after a sentence that ends with a full stop: after a headline the
            # insertion would run on into it.
            if extra is not None and seg.text[-1] in ".!?\"”":
                ins = seg.end
                cases.append(("MT705", text[:ins] + " " + extra + text[ins:], (ins + 1, ins + 1 + len(extra))))
            for code, new_text, (lo, hi) in cases:
                props, _al = bilingual_proposals(Document.from_text(new_text, tgt.name), sdoc, lang)
                st = stats[code]
                st["cases"] += 1
                if any(p.rule.code == code and p.hit.start < hi and p.hit.end > lo for p in props):
                    st["found"] += 1
                st["stray"] += sum(1 for p in props if not (p.rule.code == code and p.hit.start < hi and p.hit.end > lo))
    return dict(stats)


def compare_timing() -> tuple[int, float, dict[str, float]]:
    from mtcheck.compare import compare_directories

    if not (COMPARE / "mt").is_dir():
        raise SkipBenchmark("fixtures/compare/mt is missing")
    t0 = time.perf_counter()
    result = compare_directories(COMPARE / "mt", COMPARE / "edited")
    return len(result.pairs), time.perf_counter() - t0, result.total


def confirmation() -> tuple[int, int, dict[str, tuple[int, int]]]:
    """Findings of the heuristic checker on fixtures/compare/mt that the desk's edit confirms."""
    from mtcheck.compare import compare_directories, confirm_findings
    from mtcheck.engine import check_paths
    from mtcheck.readers import read_path

    result = compare_directories(COMPARE / "mt", COMPARE / "edited")
    per_code: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pair in result.pairs:
        report = check_paths([pair.mt_path], overrides={"model": False})
        found = [f for r in report.files for f in r.findings]
        for o in confirm_findings(pair, read_path(Path(pair.mt_path), pair.mt_path), found):
            per_code[o.code][0] += int(o.confirmed)
            per_code[o.code][1] += 1
    confirmed = sum(v[0] for v in per_code.values())
    total = sum(v[1] for v in per_code.values())
    return confirmed, total, {k: (v[0], v[1]) for k, v in sorted(per_code.items())}


def summary_rows(quick: bool = False) -> list[tuple[str, str, str]]:
    ev = evaluate()
    found, planted = ev["found"], ev["planted"]
    false_n = len(ev["false"]) + len(ev["clean_false"])
    precision = (ev["findings"] - false_n) / ev["findings"] if ev["findings"] else 0.0
    d_found, d_planted, d_stray = evaluate_default()
    rows = [
        ("MT7xx recall (planted)", f"{found}/{planted}", f"{ev['pairs']} pairs in fixtures/bilingual, es/fr/it/de/pt; --select MT7"),
        ("recall, default rules", f"{d_found}/{d_planted}", f"MT707/MT703 may report as the MT101/MT402 they confirm; {d_stray} off-span"),
        ("MT7xx precision", f"{precision:.2f}", f"{ev['findings'] - false_n} of {ev['findings']} findings on planted spans"),
        ("false findings, clean pairs", str(len(ev["clean_false"])), f"{ev['clean_pairs']} clean pairs (done-when: at most 1)"),
        ("ms per pair (check --source)", f"{1000 * statistics.median(ev['seconds']):.0f}", "median, heuristics only, after warm-up of first pair"),
    ]
    pert = perturbations(limit_pairs=2 if quick else None)
    cases = sum(v["cases"] for v in pert.values())
    rows.append((
        "recall, auto-planted errors",
        f"{sum(v['found'] for v in pert.values())}/{cases}",
        "; ".join(f"{k} {v['found']}/{v['cases']}" for k, v in sorted(pert.items()))
        + f"; stray findings {sum(v['stray'] for v in pert.values())}" + (" (quick: 2 pairs)" if quick else ""),
    ))
    confirmed, flagged, _per_code = confirmation()
    rows.append(("findings confirmed by desk edits", f"{confirmed}/{flagged}",
                 "heuristic findings on fixtures/compare/mt whose text the edit changed"))
    n, secs, total = compare_timing()
    rows.append(("compare, directory", f"{1000 * secs / max(n, 1):.0f} ms/pair", f"{n} pairs in fixtures/compare; corpus chrF {total.get('chrf', 0):.1f}, TER {total.get('ter', 0):.1f}"))
    return rows


def main() -> int:
    try:
        ev = evaluate()
    except SkipBenchmark as exc:
        print(f"skipped: {exc}")
        return 0
    print(f"pairs: {ev['pairs']} ({ev['clean_pairs']} clean); planted errors: {ev['planted']}; findings: {ev['findings']}")
    print(f"alignment links: {ev['links']}")
    print("\nrecall per code (planted spans overlapped by a finding of the same code):")
    for code, (hit, total) in ev["recall"].items():
        fp = sum(1 for f in ev["false"] + ev["clean_false"] if f["code"] == code)
        print(f"  {code}  {hit}/{total}   false findings: {fp}   findings: {ev['per_code'].get(code, 0)}")
    print(f"\nfalse findings on annotated pairs: {len(ev['false'])}")
    for f in ev["false"]:
        print(f"  {f['file']} {f['code']} {f['text']!r}: {f['message']}")
    print(f"false findings on clean pairs: {len(ev['clean_false'])}")
    for f in ev["clean_false"]:
        print(f"  {f['file']} {f['code']} {f['text']!r}: {f['message']}")
    d_found, d_planted, d_stray = evaluate_default()
    print(f"\nwith the default rules (bilingual hits merged into the monolingual ones they confirm): "
          f"{d_found}/{d_planted} planted errors found, {d_stray} bilingual/confirmed findings off the planted spans")
    secs = ev["seconds"]
    print(f"\ntime per pair: median {1000 * statistics.median(secs):.0f} ms, max {1000 * max(secs):.0f} ms (first pair loads the gazetteer)")
    d = distributions()
    def describe(xs: list[float]) -> str:
        if not xs:
            return "none"
        xs = sorted(xs)
        return f"n={len(xs)} min={xs[0]:.2f} median={statistics.median(xs):.2f} p90={xs[int(0.9 * (len(xs) - 1))]:.2f} max={xs[-1]:.2f}"
    print("\nthreshold evidence (mtcheck/bilingual/data/thresholds.toml):")
    print(f"  chrF target vs source, translated sentences:   {describe(d['translated_chrf'])}")
    print(f"  chrF target vs source, untranslated (planted): {describe(d['untranslated_chrf'])}")
    print(f"  length ratio / document ratio, clean 1-1 links (source >= 60 chars): {describe(d['clean_ratio'])}")
    print("\nerrors planted automatically into the clean pairs (see perturbations()):")
    for code, v in sorted(perturbations().items()):
        print(f"  {code}  found {v['found']}/{v['cases']}   other findings in the perturbed texts: {v['stray']}")
    confirmed, flagged, per_code = confirmation()
    print(f"\nheuristic findings on fixtures/compare/mt confirmed by the desk's edit: {confirmed}/{flagged}")
    for code, (c, t) in per_code.items():
        print(f"  {code}  {c}/{t}")
    n, secs_c, total = compare_timing()
    print(f"\ncompare fixtures/compare: {n} pairs in {secs_c:.2f} s; corpus chrF {total['chrf']:.2f} BLEU {total['bleu']:.2f} TER {total['ter']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
