"""Heuristic-pass cost in machine instructions per article (valgrind): an A/B measure for noisy machines.

Usage: python -m benchmarks.heuristic_instructions [--root DIR] [--codes all|none|MT401,MT402]
                                                   [--articles 100]

On a shared machine a wall-clock rate moves by a fifth from one minute to the next, so a
change of a few per cent cannot be seen in `heuristic_speed`. The number of instructions
the process runs is the same to about 0.3 % from run to run. It is a proxy, good for
comparing two versions of the code on the same corpus, not for claiming a rate: a regex
scan runs many cheap instructions, Python code and cache misses fewer dear ones.

The figure is the difference between two runs of a child process under
`valgrind --tool=cachegrind --cache-sim=no`, one over `--articles` more articles than the
other, after the same warm-up (lazy indexes loaded, patterns compiled), divided by
`--articles`: start-up and warm-up cancel out. The corpus is `heuristic_speed`'s.

`--root` names the checkout whose `mtcheck` is measured (default: this one), so that a
worktree of an older commit can be measured with the same script. `--codes` measures the
shared document data plus only the listed rules' `check` (`none`: the shared data alone);
the default `all` measures `check_document` as the speed benchmark runs it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARM = 60  # articles checked before either measured run
BASE = 20  # articles the shorter run checks after the warm-up
# What the rules read of a document (built before the rules run, as in `--per-rule`).
SHARED = ("lines", "stripped_lines", "blocks", "word_texts", "word_starts", "word_ends",
          "word_view", "lowered_words", "lowered_word_set", "capitalised_words",
          "capitalised_pairs", "lowered_text", "quote_spans", "line_index")
_IREFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def child(root: Path, codes: str, count: int, total: int) -> int:
    """Check `count` articles after the warm-up (run under valgrind); returns how many
    were checked after it (fewer where the corpus is short)."""
    sys.path.insert(0, str(root))
    from benchmarks.heuristic_speed import generate_corpus
    from mtcheck.config import Config
    from mtcheck.engine import RuleSet, check_document
    from mtcheck.readers import parse

    articles = generate_corpus(total)
    config = Config(model=False)
    if codes == "all":
        def one(text: str) -> None:
            check_document(parse(text, "a.txt"), config)
    else:
        wanted = set() if codes == "none" else set(codes.split(","))
        rules = [r for r in RuleSet().selected(config, None) if not r.staged and r.code in wanted]
        options = config.rule_options()

        def one(text: str) -> None:
            doc = parse(text, "a.txt")
            for name in SHARED:
                getattr(doc, name)
            for rule in rules:
                list(rule.check(doc, options))

    for text in articles[:WARM]:
        one(text)
    measured = articles[WARM:WARM + count]
    for text in measured:
        one(text)
    return len(measured)


def instructions(root: Path, codes: str, count: int, total: int) -> int:
    cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
           sys.executable, "-m", "benchmarks.heuristic_instructions", "--child", str(count),
           "--root", str(root), "--codes", codes, "--total", str(total)]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    run = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    m = _IREFS.search(run.stderr)
    if run.returncode != 0 or m is None:
        tail = run.stderr.strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"valgrind run failed (exit {run.returncode}): {tail[0]}")
    return int(m.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=ROOT, help="checkout whose mtcheck is measured")
    ap.add_argument("--codes", default="all", help="all, none, or rule codes separated by commas")
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--total", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    total = args.total or WARM + BASE + args.articles
    if args.child is not None:
        child(args.root.resolve(), args.codes, args.child, total)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: no instruction counts (apt install valgrind)", file=sys.stderr)
        return 2
    root = args.root.resolve()
    # Both runs must import the same bytecode: a checkout with stale .pyc files would have the
    # first run compile (and write) it and the second read it, and the difference would count
    # the compiler (it came out negative once).
    import compileall

    for package in ("mtcheck", "benchmarks"):
        compileall.compile_dir(str(root / package), quiet=1)
    short = instructions(root, args.codes, BASE, total)
    long = instructions(root, args.codes, BASE + args.articles, total)
    if long <= short:
        print(f"the longer run counted fewer instructions ({long:,} <= {short:,}): something ran "
              "in the shorter run only (a cache built, bytecode written); run again", file=sys.stderr)
        return 1
    per_article = (long - short) / args.articles
    print(f"{root} ({args.codes}): {per_article / 1e3:,.0f} k instructions per article "
          f"({args.articles} articles after {WARM} warm-up; valgrind cachegrind)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
