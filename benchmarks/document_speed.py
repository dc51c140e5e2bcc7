"""Cost of the shared per-document data and the engine's per-document bookkeeping.

Usage: python -m benchmarks.document_speed [--articles 400] [--runs 3]

Each cached property of `Document` is timed on its own: for every article a fresh document
is parsed and the properties are read in the order below, so a property's figure is what
it costs given the ones before it (e.g. `word_starts` after `word_texts`). Then the
engine's steps around the rules are timed: parse, rule selection and propose (rules
included, for reference), to_finding, suppressions, sort and the language guess.
Milliseconds per article, median of the runs, one core.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

PROPERTIES = ("lines", "stripped_lines", "blocks", "sentences", "word_texts", "word_starts",
              "word_ends", "words", "word_view", "lowered_words", "lowered_word_set",
              "capitalised_words", "capitalised_pairs", "lowered_text", "quote_spans",
              "line_index")


def time_properties(articles: list[str], runs: int) -> dict[str, float]:
    from mtcheck.readers import parse

    clock = time.perf_counter
    per_run: dict[str, list[float]] = {}
    for run in range(runs + 1):  # the first run warms up
        totals = dict.fromkeys(("parse", *PROPERTIES), 0.0)
        for text in articles:
            t0 = clock()
            doc = parse(text, "a.txt")
            totals["parse"] += clock() - t0
            for name in PROPERTIES:
                t0 = clock()
                getattr(doc, name)
                totals[name] += clock() - t0
        if run:
            for name, total in totals.items():
                per_run.setdefault(name, []).append(total * 1e3 / len(articles))
    return {name: statistics.median(v) for name, v in per_run.items()}


def time_engine(articles: list[str], runs: int) -> dict[str, float]:
    from mtcheck import engine
    from mtcheck.config import Config
    from mtcheck.finding import Finding
    from mtcheck.language_guess import guess_source_language
    from mtcheck.readers import parse
    from mtcheck.suppressions import apply_suppressions

    config = Config(model=False)
    clock = time.perf_counter
    per_run: dict[str, list[float]] = {}
    for run in range(runs + 1):
        totals = dict.fromkeys(("select", "propose", "to_finding", "suppress", "sort", "language"), 0.0)
        for text in articles:
            doc = parse(text, "a.txt")
            t0 = clock()
            rules = engine._RULES.selected(config, None)
            enabled = {r.code for r in rules}
            t1 = clock()
            proposals = engine.propose(doc, rules, config)
            t2 = clock()
            findings = [engine.to_finding(doc, p, config) for p in engine._dedupe(proposals)]
            t3 = clock()
            findings, _unused = apply_suppressions(doc, findings)
            t4 = clock()
            findings.sort(key=Finding.sort_key)
            t5 = clock()
            guess_source_language(findings)
            t6 = clock()
            assert enabled
            for name, dt in zip(totals, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5), strict=True):
                totals[name] += dt
        if run:
            for name, total in totals.items():
                per_run.setdefault(name, []).append(total * 1e3 / len(articles))
    return {name: statistics.median(v) for name, v in per_run.items()}


def main(argv: list[str] | None = None) -> int:
    from benchmarks.heuristic_speed import _pin_one_core, generate_corpus

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-engine", action="store_true", help="only the document properties")
    args = ap.parse_args(argv)
    articles = generate_corpus(args.articles)
    pinned = _pin_one_core()
    print(f"{len(articles)} articles ({pinned}); ms per article, median of {args.runs} runs")
    props = time_properties(articles, args.runs)
    for name, ms in props.items():
        print(f"  {name:<20} {ms:6.3f}")
    print(f"  {'properties total':<20} {sum(v for k, v in props.items() if k != 'parse'):6.3f}")
    if not args.no_engine:
        for name, ms in time_engine(articles, args.runs).items():
            print(f"  engine {name:<13} {ms:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
