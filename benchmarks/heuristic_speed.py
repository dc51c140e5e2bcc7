"""Heuristic-pass speed: articles/s and MB/s on one core, start-up time, proselint beside it.

Usage: python -m benchmarks.heuristic_speed [--articles 1000] [--runs 5] [--corpus DIR] [--per-rule]
                                           [--cpu-time]

The corpus is generated from the project's own fixture articles (fixtures/articles/):
paragraphs are sampled with a fixed seed into articles of ~4 KB, half from machine-
translated copy and half from clean copy, so the text is realistic wire prose. `--corpus`
reads a directory of real articles instead. Timings are medians of several runs after a
warm-up run (lazy indexes loaded), with the process pinned to one core.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "articles"
TARGET_BYTES = 4096
# Wall-clock time by default; `--cpu-time` counts only this process's CPU time (and the
# start-up child's), which other jobs on a shared machine disturb far less.
_clock = time.perf_counter
_cpu_time = False


def _paragraphs(directory: Path) -> list[str]:
    out: list[str] = []
    for path in sorted(directory.glob("*.txt")):
        out.extend(p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip())
    return out


def generate_corpus(n: int, seed: int = 13) -> list[str]:
    mt, clean = _paragraphs(FIXTURES / "mt"), _paragraphs(FIXTURES / "clean")
    pool = mt + clean
    if not pool:
        raise FileNotFoundError(f"no fixture articles under {FIXTURES}")
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        source = (mt if i % 2 == 0 else clean) or pool
        parts: list[str] = []
        size = 0
        while size < TARGET_BYTES:
            p = rng.choice(source)
            parts.append(p)
            size += len(p.encode()) + 2
        articles.append("\n\n".join(parts))
    return articles


def read_corpus(directory: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(directory.rglob("*")) if p.is_file()]


def interpreter() -> str:
    """Which Python ran the figures. The same code ran about 1.2x faster on Debian's
    /usr/bin/python3.11 than on pyenv's 3.11.7 on the same machine in alternating runs (see
    the README): a rate means little without the interpreter build that gave it."""
    import platform

    return f"Python {platform.python_version()} ({sys.executable})"


def _pin_one_core() -> str:
    try:
        cpu = sorted(os.sched_getaffinity(0))[0]
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    except (AttributeError, OSError):
        return "not pinned"


def time_mtcheck(articles: list[str], runs: int) -> list[float]:
    from mtcheck.config import Config
    from mtcheck.engine import check_document
    from mtcheck.readers import parse

    config = Config(model=False)
    for text in articles[:50]:  # warm-up: lazy indexes and regex caches
        check_document(parse(text, "a.txt"), config)
    times = []
    for _ in range(runs):
        t0 = _clock()
        for text in articles:
            check_document(parse(text, "a.txt"), config)
        times.append(_clock() - t0)
    return times


def per_rule_ms(articles: list[str], runs: int) -> tuple[dict[str, float], float]:
    """Median milliseconds per article spent in each rule's `check`, plus the time to build
    the shared per-document data (words, sentences, token sets) that rules read lazily.

    Each document's shared data is built once before the rules are timed, so a rule's figure
    is its own work, not whichever rule happened to touch a lazy property first."""
    from mtcheck.config import Config
    from mtcheck.engine import RuleSet
    from mtcheck.readers import parse

    config = Config(model=False)
    rules = [r for r in RuleSet().selected(config, None) if not r.staged]
    options = config.rule_options()
    # What the rules read (the sentences are for the fluency stage and bilingual checks).
    shared = ("lines", "stripped_lines", "blocks", "word_texts", "word_starts", "word_ends",
              "word_view", "lowered_words", "lowered_word_set", "capitalised_words",
              "capitalised_pairs", "lowered_text", "quote_spans", "line_index")
    for text in articles[:50]:  # warm-up: lazy indexes and compiled patterns
        doc = parse(text, "a.txt")
        for rule in rules:
            list(rule.check(doc, options))
    per_run: dict[str, list[float]] = {r.code: [] for r in rules}
    data_runs: list[float] = []
    clock = _clock
    for _ in range(runs):
        totals = dict.fromkeys(per_run, 0.0)
        data = 0.0
        for text in articles:
            doc = parse(text, "a.txt")
            t0 = clock()
            for name in shared:
                getattr(doc, name)
            data += clock() - t0
            for rule in rules:
                t0 = clock()
                list(rule.check(doc, options))
                totals[rule.code] += clock() - t0
        for code, total in totals.items():
            per_run[code].append(total * 1e3 / len(articles))
        data_runs.append(data * 1e3 / len(articles))
    return {c: statistics.median(v) for c, v in per_run.items()}, statistics.median(data_runs)


def time_proselint(articles: list[str], runs: int) -> list[float] | None:
    try:
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    CheckRegistry().register_many(__register__)  # what proselint's own CLI does
    if not LintFile("warm.txt", "This is very unique and a very very good idea.").lint():
        raise RuntimeError("proselint ran no checks; the benchmark would compare against nothing")
    times = []
    for _ in range(runs):
        t0 = _clock()
        for text in articles:
            LintFile("a.txt", text).lint()
        times.append(_clock() - t0)
    return times


def time_startup(runs: int) -> list[float]:
    sample = next(iter(sorted((FIXTURES / "mt").glob("*.txt"))), None)
    if sample is None:
        return []
    # A regular install has bytecode compiled; an editable one writes it on first import
    # unless PYTHONDONTWRITEBYTECODE is set (it is on some CI machines). Compile it here so
    # start-up measures mtcheck, not the compiler.
    import compileall

    compileall.compile_dir(str(ROOT / "mtcheck"), quiet=1)
    cmd = [sys.executable, "-m", "mtcheck", "check", "--no-model", str(sample)]
    subprocess.run(cmd, capture_output=True)  # warm the file cache and lazy indexes
    out = []
    for _ in range(runs):
        if _cpu_time:
            import resource

            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(cmd, capture_output=True)
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            out.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
            continue
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True)
        out.append(time.perf_counter() - t0)
    return out


def measure(n: int = 1000, runs: int = 5, corpus: Path | None = None, proselint_n: int = 200) -> dict[str, float]:
    articles = read_corpus(corpus) if corpus else generate_corpus(n)
    megabytes = sum(len(a.encode()) for a in articles) / 1e6
    pinned = _pin_one_core()
    times = time_mtcheck(articles, runs)
    med = statistics.median(times)
    result = {
        "articles": len(articles),
        "mean_kb": megabytes * 1000 / len(articles),
        "articles_per_s": len(articles) / med,
        # the middle half of the runs: on a shared machine one median hides how much it moves
        "articles_per_s_quartiles": _quartiles([len(articles) / t for t in times]),
        "mb_per_s": megabytes / med,
        "runs": runs,
        "pinned": pinned,
        "interpreter": interpreter(),
    }
    subset = articles[:proselint_n]
    ptimes = time_proselint(subset, max(1, runs - 2)) if subset else None
    if ptimes:
        result["proselint_articles_per_s"] = len(subset) / statistics.median(ptimes)
        result["proselint_articles"] = len(subset)
    startup = time_startup(runs)
    if startup:
        result["startup_s"] = statistics.median(startup)
    return result


def _quartiles(values: list[float]) -> tuple[float, float]:
    """The first and third quartiles (the values themselves for fewer than two)."""
    if len(values) < 2:
        return values[0], values[0]
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q3


def summary_rows() -> list[tuple[str, str, str]]:
    try:
        from benchmarks import SkipBenchmark
    except ImportError:  # pragma: no cover - runner not present
        SkipBenchmark = RuntimeError  # noqa: N806
    if not (FIXTURES / "mt").is_dir():
        raise SkipBenchmark("fixtures/articles/mt is missing")
    r = measure(n=300, runs=3, proselint_n=60)
    rows = [
        ("heuristic articles/s (1 core)", f"{r['articles_per_s']:.0f}", f"{r['articles']} x {r['mean_kb']:.1f} KB, median of {r['runs']}; target >= 500"),
        ("heuristic MB/s (1 core)", f"{r['mb_per_s']:.2f}", r["interpreter"]),
    ]
    if "startup_s" in r:
        rows.append(("start-up, check --no-model", f"{r['startup_s']:.3f} s", "target < 0.5 s"))
    if "proselint_articles_per_s" in r:
        rows.append(("proselint articles/s (same corpus)", f"{r['proselint_articles_per_s']:.0f}",
                     f"mtcheck is {r['articles_per_s'] / r['proselint_articles_per_s']:.1f}x"))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--proselint-articles", type=int, default=200)
    ap.add_argument("--cpu-time", action="store_true",
                    help="time with CPU time, not wall-clock (steadier on a busy machine)")
    ap.add_argument("--per-rule", action="store_true",
                    help="only print milliseconds per article for each rule and the shared data")
    args = ap.parse_args(argv)
    if args.cpu_time:
        global _clock, _cpu_time
        _clock, _cpu_time = time.process_time, True
    if args.per_rule:
        articles = read_corpus(args.corpus) if args.corpus else generate_corpus(args.articles)
        pinned = _pin_one_core()
        rules, data = per_rule_ms(articles, args.runs)
        print(f"{len(articles)} articles ({pinned}); ms per article, median of {args.runs} runs; {interpreter()}")
        print(f"{'shared document data':<22} {data:6.3f}")
        for code, ms in sorted(rules.items(), key=lambda kv: -kv[1]):
            print(f"{code:<22} {ms:6.3f}")
        print(f"{'rules total':<22} {sum(rules.values()):6.3f}")
        return 0
    r = measure(args.articles, args.runs, args.corpus, args.proselint_articles)
    print(f"corpus: {r['articles']} articles, mean {r['mean_kb']:.1f} KB ({r['pinned']}); {r['interpreter']}")
    q1, q3 = r["articles_per_s_quartiles"]
    print(f"mtcheck heuristic pass: {r['articles_per_s']:.0f} articles/s, {r['mb_per_s']:.2f} MB/s "
          f"(median of {r['runs']} runs, middle half {q1:.0f}-{q3:.0f}; target >= 500 articles/s)")
    if "proselint_articles_per_s" in r:
        ratio = r["articles_per_s"] / r["proselint_articles_per_s"]
        print(f"proselint on the first {r['proselint_articles']} articles: "
              f"{r['proselint_articles_per_s']:.1f} articles/s (mtcheck {ratio:.1f}x faster)")
    elif args.proselint_articles > 0:
        print("proselint: not installed, skipped")
    if "startup_s" in r:
        print(f"start-up, `mtcheck check --no-model` on one article: {r['startup_s']:.3f} s "
              f"(median of {r['runs']}; target < 0.5 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
