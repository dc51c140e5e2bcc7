"""Snapshot every heuristic finding on a fixed corpus, and compare a later run with it.

Usage: python -m benchmarks.findings_snapshot dump SNAPSHOT.json [--generated 200]
       python -m benchmarks.findings_snapshot compare SNAPSHOT.json [--codes MT4,MT502]

For speed work and refactoring, where findings must not change at all: the snapshot holds,
per input, each finding's code, span, severity, message, confidence, suggestions and data.
The corpus is every article under fixtures/ (txt, md, html), the examples in
../shared/examples when that folder is there, and `--generated` articles of
`heuristic_speed`'s corpus (paragraphs of the fixtures recombined, so spans fall at new
offsets). `compare` prints each input whose findings differ, the findings removed (-) and
added (+), and exits 1 if any differ. `--codes` limits the comparison to codes starting
with the given prefixes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = (".txt", ".md", ".html")


def _rows(findings: list[Any]) -> list[list[Any]]:
    return [[f.code, f.start, f.end, f.severity.label, f.message, round(f.confidence, 4),
             list(f.suggestions), json.dumps(f.data, sort_keys=True)] for f in findings]


def collect(generated: int) -> dict[str, list[list[Any]]]:
    """Findings per input, heuristic rules only (model off)."""
    from benchmarks.heuristic_speed import generate_corpus
    from mtcheck.config import Config
    from mtcheck.engine import check_document
    from mtcheck.readers import format_for, parse

    config = Config(model=False)
    out: dict[str, list[list[Any]]] = {}
    for folder in (ROOT / "fixtures", ROOT.parent / "shared" / "examples"):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.suffix in SUFFIXES and path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                name = Path(os.path.relpath(path, ROOT)).as_posix()  # the same in any checkout
                out[name] = _rows(check_document(parse(text, name, format_for(path.name)), config))
    for i, text in enumerate(generate_corpus(generated) if generated else []):
        name = f"generated/{i:04d}.txt"
        out[name] = _rows(check_document(parse(text, name), config))
    return out


def compare(before: dict[str, list[list[Any]]], now: dict[str, list[list[Any]]],
            prefixes: tuple[str, ...] = ("",)) -> tuple[int, int, list[str]]:
    """(findings compared, inputs that differ, report lines)."""
    lines: list[str] = []
    compared = differ = 0
    for name in sorted(set(before) | set(now)):
        old = [f for f in before.get(name, []) if str(f[0]).startswith(prefixes)]
        new = [f for f in now.get(name, []) if str(f[0]).startswith(prefixes)]
        compared += len(old)
        if old != new:
            differ += 1
            lines.append(f"DIFF {name}")
            lines.extend(f"  - {f}" for f in old if f not in new)
            lines.extend(f"  + {f}" for f in new if f not in old)
    return compared, differ, lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=("dump", "compare"))
    ap.add_argument("snapshot", type=Path)
    ap.add_argument("--generated", type=int, default=200,
                    help="generated articles (dump; compare uses the snapshot's count)")
    ap.add_argument("--codes", default="", help="compare only codes with these prefixes (comma-separated)")
    args = ap.parse_args(argv)
    if args.action == "dump":
        data = collect(args.generated)
        args.snapshot.write_text(json.dumps({"generated": args.generated, "findings": data}),
                                 encoding="utf-8")
        print(f"{sum(map(len, data.values()))} findings on {len(data)} inputs -> {args.snapshot}")
        return 0
    try:
        saved = json.loads(args.snapshot.read_text(encoding="utf-8"))
        generated, before = int(saved["generated"]), saved["findings"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"{args.snapshot}: not a findings snapshot ({exc})", file=sys.stderr)
        return 2
    prefixes = tuple(p for p in args.codes.split(",") if p) or ("",)
    compared, differ, lines = compare(before, collect(generated), prefixes)
    for line in lines:
        print(line)
    verdict = "IDENTICAL" if not differ else f"{differ} inputs differ"
    print(f"compared {compared} snapshot findings ({args.codes or 'all codes'}): {verdict}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
