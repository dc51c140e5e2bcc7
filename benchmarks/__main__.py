"""Run every benchmark module and print one summary table (benchmark, metric, value, note).

Usage: python -m benchmarks [--only NAME[,NAME]] [--quick] [--timeout S] [--json] [--list]

Modules are discovered in this directory: any `benchmarks/<name>.py` that defines
`summary_rows()`. Each runs in its own process (a crash or a slow model cannot take the
table down; `--timeout` bounds each one). A module that raises SkipBenchmark gets one
"skipped" line with its reason. `--quick` sets MTCHECK_BENCH_QUICK=1 and passes
`quick=True` to modules whose `summary_rows` accepts it.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
_HAS_SUMMARY = re.compile(r"^def summary_rows\(", re.MULTILINE)


def discover() -> list[str]:
    """Names of the benchmark modules (files defining `summary_rows`), sorted."""
    names = []
    for path in sorted(HERE.glob("*.py")):
        if path.name.startswith("_"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            continue
        if _HAS_SUMMARY.search(text):
            names.append(path.stem)
    return names


def _run_one(name: str, result_file: str, quick: bool) -> int:
    """Child process: import one module, call summary_rows, write JSON to result_file."""
    import importlib

    from benchmarks import SkipBenchmark

    out: dict[str, object]
    try:
        module = importlib.import_module(f"benchmarks.{name}")
        fn = module.summary_rows
        kwargs = {"quick": True} if quick and "quick" in inspect.signature(fn).parameters else {}
        rows = fn(**kwargs)
        out = {"status": "ok", "rows": [[str(c) for c in row] for row in rows]}
    except SkipBenchmark as exc:
        out = {"status": "skipped", "reason": str(exc) or "skipped"}
    except Exception as exc:  # noqa: BLE001 - reported in the table, never hidden
        out = {"status": "error", "reason": f"{type(exc).__name__}: {exc}"}
    Path(result_file).write_text(json.dumps(out), encoding="utf-8")
    return 0


def run(name: str, quick: bool, timeout: float) -> dict[str, object]:
    fd, result_file = tempfile.mkstemp(prefix="mtcheck-bench-", suffix=".json")
    os.close(fd)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    if quick:
        env["MTCHECK_BENCH_QUICK"] = "1"
    cmd = [sys.executable, "-m", "benchmarks", "--run-one", name, "--result-file", result_file]
    if quick:
        cmd.append("--quick")
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
        data = json.loads(Path(result_file).read_text(encoding="utf-8") or "{}")
        if not data:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or [f"exit status {proc.returncode}"]
            data = {"status": "error", "reason": tail[0]}
    except subprocess.TimeoutExpired:
        data = {"status": "error", "reason": f"timed out after {timeout:.0f} s"}
    except (OSError, json.JSONDecodeError) as exc:
        data = {"status": "error", "reason": str(exc)}
    finally:
        try:
            os.unlink(result_file)
        except OSError:
            pass
    data["seconds"] = round(time.perf_counter() - start, 1)
    return data


def render(results: dict[str, dict[str, object]]) -> str:
    rows: list[tuple[str, str, str, str]] = []
    for name, data in results.items():
        status = data["status"]
        if status == "ok":
            first = True
            for metric, value, note in data["rows"]:  # type: ignore[union-attr]
                rows.append((name if first else "", metric, value, note))
                first = False
            if first:
                rows.append((name, "(no rows)", "", ""))
        elif status == "skipped":
            rows.append((name, "skipped", "", str(data["reason"])))
        else:
            rows.append((name, "ERROR", "", str(data["reason"])))
    header = ("benchmark", "metric", "value", "note")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
    lines = []

    def fmt(r: tuple[str, str, str, str]) -> str:
        return f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:>{widths[2]}}  {r[3]}".rstrip()

    lines.append(fmt(header))
    lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 4)
    for r in rows:
        lines.append(fmt(r))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", default=[], help="run only these modules (repeat or comma-separate)")
    parser.add_argument("--quick", action="store_true", help="shorter runs where a module supports it")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds allowed per module (default 900)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    parser.add_argument("--list", action="store_true", help="list the benchmark modules and exit")
    parser.add_argument("--run-one", help=argparse.SUPPRESS)
    parser.add_argument("--result-file", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.run_one:
        return _run_one(args.run_one, args.result_file, args.quick)
    names = discover()
    if args.list:
        print("\n".join(names))
        return 0
    if args.only:
        wanted = [n.strip().removesuffix(".py") for v in args.only for n in v.split(",") if n.strip()]
        unknown = [n for n in wanted if n not in names]
        if unknown:
            print(f"unknown benchmark(s): {', '.join(unknown)} (have: {', '.join(names)})", file=sys.stderr)
            return 2
        names = [n for n in names if n in wanted]
    results: dict[str, dict[str, object]] = {}
    for name in names:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        results[name] = run(name, args.quick, args.timeout)
        print(f"  {name}: {results[name]['status']} ({results[name]['seconds']} s)", file=sys.stderr, flush=True)
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        print(render(results))
    return 1 if any(r["status"] == "error" for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
