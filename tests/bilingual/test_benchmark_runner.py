"""`python -m benchmarks`: discovery, the summary table, skips and errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks.__main__ import discover, render

ROOT = Path(__file__).resolve().parents[2]


def test_discovers_modules_with_summary_rows():
    names = discover()
    assert "bilingual" in names
    assert "annotate" not in names  # a tool, not a benchmark
    assert "__main__" not in names and "__init__" not in names


def test_render_lists_rows_skips_and_errors():
    table = render({
        "alpha": {"status": "ok", "rows": [["speed", "12 ms", "median"], ["size", "3", ""]]},
        "beta": {"status": "skipped", "reason": "../shared/data is absent"},
        "gamma": {"status": "error", "reason": "ValueError: boom"},
    })
    lines = table.splitlines()
    assert lines[0].split() == ["benchmark", "metric", "value", "note"]
    assert any(line.startswith("alpha") and "12 ms" in line for line in lines)
    assert any(line.startswith("beta") and "skipped" in line and "../shared/data is absent" in line for line in lines)
    assert any(line.startswith("gamma") and "ERROR" in line for line in lines)


def test_only_runs_one_module_and_prints_the_table():
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--only", "bilingual", "--quick"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0].split() == ["benchmark", "metric", "value", "note"]
    assert "MT7xx recall (planted)" in proc.stdout


def test_unknown_module_is_an_error():
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--only", "no_such_benchmark"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2
    assert "unknown benchmark" in proc.stderr
