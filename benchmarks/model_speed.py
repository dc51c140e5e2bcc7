#!/usr/bin/env python3
"""Speed of the fluency model pass on this machine, against the CPU's FLOP bound.

Usage:
  python benchmarks/model_speed.py [--runs N] [--words W]

Prints medians over --runs runs (default 5):
  - tokens/s of the scorer on a W-word article (default 700, built from fixtures/articles/mt),
  - seconds per 700-word article,
  - the FLOP bound: 2 x parameters x tokens per second at the cores' fp32 peak
    (cores x clock x 32 FLOP/cycle: two 256-bit FMA pipes, AVX2) and at the peak a large
    matrix multiply actually reaches here, and the fraction of each we get,
  - cold start: process start to first finding of `python -m mtcheck check` with the
    converted model cached (model pass on, result cache bypassed with --no-cache), and
    with the result cache warm too.
The machine may be shared: medians, and the spread is printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MT_ARTICLES = ROOT / "fixtures" / "articles" / "mt"
FLOPS_PER_CYCLE_FP32 = 32  # AVX2: 2 FMA pipes x 8 floats x 2 FLOP


def article(words: int) -> str:
    """A `words`-word article made of the MT fixture articles' paragraphs, in order."""
    paras: list[str] = []
    count = 0
    for p in sorted(MT_ARTICLES.glob("*.txt")):
        for para in p.read_text(encoding="utf-8").split("\n\n"):
            n = len(para.split())
            if n < 12:
                continue  # headlines and furniture
            paras.append(para.strip())
            count += n
            if count >= words:
                return "\n\n".join(paras)
    return "\n\n".join(paras)


def cpu_peak_gflops() -> tuple[float, int, float]:
    cores = len(os.sched_getaffinity(0))
    mhz = 0.0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("cpu MHz"):
                mhz = max(mhz, float(line.split(":")[1]))
    except OSError:
        pass
    return cores * mhz * 1e6 * FLOPS_PER_CYCLE_FP32 / 1e9, cores, mhz


def gemm_gflops(runs: int) -> float:
    """What a large fp32 matrix multiply reaches here (torch's BLAS, all threads)."""
    import torch

    a = torch.randn(1024, 576)
    b = torch.randn(3072, 576)
    torch.nn.functional.linear(a, b)
    rates = []
    for _ in range(runs):
        t = time.perf_counter()
        for _ in range(10):
            torch.nn.functional.linear(a, b)
        rates.append(10 * 2 * 1024 * 576 * 3072 / (time.perf_counter() - t) / 1e9)
    return statistics.median(rates)


def cold_start(path: Path, extra: list[str], runs: int, env: dict[str, str]) -> list[float]:
    """Seconds from process start to the first finding line on stdout."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "mtcheck", "check", str(path), "--output-format", "concise", "--exit-zero", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT, env=env,
        )
        assert proc.stdout is not None
        first = None
        for line in proc.stdout:
            if first is None and line.strip():
                first = time.perf_counter() - t
        proc.wait()
        times.append(first if first is not None else float("nan"))
    return times


def measure(runs: int = 5, words: int = 700) -> dict[str, Any]:
    import torch

    from mtcheck.fluency.loading import load_language_model
    from mtcheck.fluency.scorer import FluencyScorer

    t = time.perf_counter()
    model = load_language_model(None, "cpu")
    load_s = time.perf_counter() - t
    scorer = FluencyScorer(model)
    text = article(words)
    n_words = len(text.split())
    ids, _, _, _ = scorer.token_surprisal(text)  # warm-up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        scorer.token_surprisal(text)
        times.append(time.perf_counter() - t)
    med = statistics.median(times)
    tokens = len(ids) + 1
    peak, cores, mhz = cpu_peak_gflops()
    gemm = gemm_gflops(runs)
    flops_per_token = 2 * model.parameter_count
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "article.txt"
        sample.write_text(text, encoding="utf-8")
        env = {**os.environ, "HF_HUB_OFFLINE": "1"}
        cold_model = cold_start(sample, ["--no-cache"], runs, env)
        cold_start(sample, [], 1, env)  # fills the result cache
        cold_cached = cold_start(sample, [], runs, env)
        cold_heuristic = cold_start(sample, ["--no-model"], runs, env)
    return {
        "model": model.description, "params": model.parameter_count, "threads": torch.get_num_threads(),
        "load_s": load_s, "words": n_words, "tokens": tokens, "times": times,
        "tokens_per_s": tokens / med, "s_per_700_words": med * 700 / n_words,
        "peak_gflops": peak, "cores": cores, "mhz": mhz, "gemm_gflops": gemm,
        "bound_tokens_per_s": peak * 1e9 / flops_per_token,
        "gemm_bound_tokens_per_s": gemm * 1e9 / flops_per_token,
        "cold_model": cold_model, "cold_cached": cold_cached, "cold_heuristic": cold_heuristic,
    }


def _spread(v: list[float]) -> str:
    return f"median {statistics.median(v):.2f} s (min {min(v):.2f}, max {max(v):.2f}, n={len(v)})"


def report(r: dict[str, Any]) -> None:
    print(f"model {r['model']}: {r['params'] / 1e6:.1f} M parameters, {r['threads']} torch threads; "
          f"load from converted cache {r['load_s']:.2f} s (in-process)")
    print(f"article: {r['words']} words, {r['tokens']} tokens; scoring {_spread(r['times'])}")
    print(f"  tokens/s (median)          {r['tokens_per_s']:7.0f}")
    print(f"  s per 700-word article     {r['s_per_700_words']:7.2f}")
    print(f"  FLOP bound: {r['cores']} cores x {r['mhz']:.0f} MHz x {FLOPS_PER_CYCLE_FP32} FLOP/cycle = {r['peak_gflops']:.0f} GFLOP/s"
          f" -> {r['bound_tokens_per_s']:.0f} tokens/s at 2 x params FLOP/token; we reach {r['tokens_per_s'] / r['bound_tokens_per_s']:.0%}")
    print(f"  measured GEMM peak here    {r['gemm_gflops']:7.0f} GFLOP/s -> {r['gemm_bound_tokens_per_s']:.0f} tokens/s;"
          f" we reach {r['tokens_per_s'] / r['gemm_bound_tokens_per_s']:.0%}")
    print("cold start, process start to first finding (converted model cached):")
    print(f"  model pass, --no-cache     {_spread(r['cold_model'])}")
    print(f"  model pass, results cached {_spread(r['cold_cached'])}")
    print(f"  --no-model                 {_spread(r['cold_heuristic'])}")


def summary_rows() -> list[tuple[str, str, str]]:
    try:
        from benchmarks import SkipBenchmark
    except ImportError:  # pragma: no cover
        SkipBenchmark = RuntimeError  # noqa: N806
    from mtcheck.fluency import ModelUnavailable

    if not MT_ARTICLES.is_dir():
        raise SkipBenchmark("fixtures/articles/mt is missing")
    try:
        r = measure(runs=3)
    except ModelUnavailable as exc:
        raise SkipBenchmark(f"fluency model unavailable: {exc}") from exc
    return [
        ("fluency tokens/s", f"{r['tokens_per_s']:.0f}", f"median of 3; FLOP bound {r['bound_tokens_per_s']:.0f}, GEMM bound {r['gemm_bound_tokens_per_s']:.0f}"),
        ("fluency s per 700-word article", f"{r['s_per_700_words']:.2f}", f"{r['tokens']} tokens"),
        ("cold start to first finding (model, --no-cache)", f"{statistics.median(r['cold_model']):.2f} s", "converted model cached"),
        ("cold start to first finding (results cached)", f"{statistics.median(r['cold_cached']):.2f} s", ""),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--words", type=int, default=700)
    args = ap.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    report(measure(args.runs, args.words))
    return 0


if __name__ == "__main__":
    sys.exit(main())
