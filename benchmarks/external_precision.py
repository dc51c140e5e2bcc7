"""False alarms on English the team did not write: heuristic findings on human reference translations and on machine translations that expert raters found no error in.

Usage: python -m benchmarks.external_precision [--data-dir DIR] [--show N] [--min-severity warning]

Our clean fixtures were written by the people who wrote the rules, so their zero false
alarms say little about copy nobody here has seen. This benchmark reads Google's WMT MQM
annotations (../shared/data, Apache-2.0, Freitag et al. 2021; development halves only):

- `ref`: the professional human reference translations in `ted-zhen-mqm.dev.jsonl`
  (systems `ref` and `refB`), fluent English by construction;
- `zero-mqm`: machine translations in both files that every rater left without a single
  error span (`spans` empty): output the experts read as clean.

All segments of one document and system are joined into one article (one paragraph per
segment), so that the rules see the context a reader sees (a quotation opened in one
segment may close in the next); only findings that start inside a counted segment (a
reference, or a segment with no error span) count, and only those segments' words. The
rules run with the model off, default configuration. Every such finding at or above
`--min-severity` counts as a false alarm: the source language is Chinese, so no finding here is the Romance-language
artefact the rules look for, and the texts were judged clean. `--show` prints the first N
of them with their code and context, for a person to read.

Targets: the same as the fixtures' (at most one warning per 10 clean articles); here also
per 10,000 words, since these "articles" are short.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import SkipBenchmark

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT.parent / "shared" / "data"
FILES = ("ted-zhen-mqm.dev.jsonl", "wmt23-zhen-mqm.dev.jsonl")
REFERENCE_SYSTEMS = frozenset({"ref", "refB"})


@dataclass
class Article:
    corpus: str  # "ref" or "zero-mqm"
    name: str  # file:doc:system
    text: str
    counted: list[tuple[int, int]]  # the spans of the counted segments in `text`
    words: int  # in the counted segments


def load_articles(data_dir: Path) -> list[Article]:
    """One article per document and system with a counted segment (see the module
    docstring), in file order."""
    groups: dict[tuple[str, str, str], list[tuple[int, str, bool]]] = defaultdict(list)
    found_any = False
    for filename in FILES:
        path = data_dir / filename
        if not path.is_file():
            continue
        found_any = True
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                target = row["target"].strip()
                if target:
                    counted = row["system"] in REFERENCE_SYSTEMS or not row["spans"]
                    groups[(filename, row["doc"], row["system"])].append((int(row["seg"]), target, counted))
    if not found_any:
        raise FileNotFoundError(f"none of {', '.join(FILES)} in {data_dir}")
    articles = []
    for (filename, doc, system), segments in groups.items():
        segments.sort()
        parts: list[str] = []
        counted: list[tuple[int, int]] = []
        offset = words = 0
        for _, target, is_counted in segments:
            if is_counted:
                counted.append((offset, offset + len(target)))
                words += len(target.split())
            parts.append(target)
            offset += len(target) + 2  # the blank line after it
        if counted:
            corpus = "ref" if system in REFERENCE_SYSTEMS else "zero-mqm"
            articles.append(Article(corpus, f"{filename}:{doc}:{system}", "\n\n".join(parts) + "\n", counted, words))
    return articles


def _in_counted(article: Article, offset: int) -> bool:
    return any(start <= offset < end for start, end in article.counted)


def measure(articles: list[Article], min_severity: str = "warning") -> dict[str, Any]:
    from mtcheck.config import Config
    from mtcheck.engine import check_document
    from mtcheck.finding import Severity
    from mtcheck.readers import parse

    floor = Severity.parse(min_severity)
    config = Config(model=False)
    stats: dict[str, dict[str, Any]] = {}
    alarms: list[tuple[Article, Any]] = []
    for article in articles:
        s = stats.setdefault(article.corpus, {"articles": 0, "words": 0, "alarms": 0, "by_code": Counter()})
        s["articles"] += 1
        s["words"] += article.words
        for f in check_document(parse(article.text, "article.txt"), config):
            if f.severity >= floor and _in_counted(article, f.start):
                s["alarms"] += 1
                s["by_code"][f.code] += 1
                alarms.append((article, f))
    for s in stats.values():
        s["per_10_articles"] = 10 * s["alarms"] / max(1, s["articles"])
        s["per_10k_words"] = 1e4 * s["alarms"] / max(1, s["words"])
    return {"stats": stats, "alarms": alarms, "min_severity": floor.label}


def _context(text: str, start: int, end: int, width: int = 50) -> str:
    before = text[max(0, start - width):start].replace("\n", " ")
    after = text[end:end + width].replace("\n", " ")
    return f"...{before}[{text[start:end]}]{after}..."


def summary_rows(data_dir: Path = DATA_DIR) -> list[tuple[str, str, str]]:
    try:
        articles = load_articles(data_dir)
    except FileNotFoundError as exc:
        raise SkipBenchmark(str(exc)) from exc
    r = measure(articles)
    rows = []
    for corpus, s in sorted(r["stats"].items()):
        codes = ", ".join(f"{c} {n}" for c, n in s["by_code"].most_common()) or "none"
        rows.append((f"external false alarms per 10 {corpus} articles", f"{s['per_10_articles']:.2f}",
                     f"{s['alarms']} {r['min_severity']}+ in {s['articles']} articles, {s['words']} words "
                     f"({s['per_10k_words']:.2f} per 10k words; {codes}); target <= 1"))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=DATA_DIR)
    ap.add_argument("--show", type=int, default=20, help="print the first N false alarms with context")
    ap.add_argument("--min-severity", default="warning", choices=("info", "warning", "error"))
    args = ap.parse_args(argv)
    try:
        articles = load_articles(args.data_dir)
    except FileNotFoundError as exc:
        print(f"external_precision: {exc}", file=sys.stderr)
        return 2
    r = measure(articles, args.min_severity)
    print(f"heuristic rules (model off) on English the team did not write; {r['min_severity']}+ findings count as false alarms")
    print(f"{'corpus':10} {'articles':>8} {'words':>7} {'alarms':>6} {'per 10 art':>10} {'per 10k w':>9}  by code")
    for corpus, s in sorted(r["stats"].items()):
        codes = ", ".join(f"{c} {n}" for c, n in s["by_code"].most_common()) or "-"
        print(f"{corpus:10} {s['articles']:8d} {s['words']:7d} {s['alarms']:6d} "
              f"{s['per_10_articles']:10.2f} {s['per_10k_words']:9.2f}  {codes}")
    for article, f in r["alarms"][: args.show]:
        print(f"  {f.code} {f.severity.label:7} {article.name} {f.line}:{f.column} "
              f"{_context(article.text, f.start, f.end)}")
    if len(r["alarms"]) > args.show:
        print(f"  ... {len(r['alarms']) - args.show} more (--show N)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
