"""benchmarks.findings_snapshot: a snapshot compares IDENTICAL with itself and names what changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import findings_snapshot as fs


def test_compare_reports_removed_and_added_findings() -> None:
    a = ["MT401", 5, 16, "warning", "m", 0.8, [], "{}"]
    b = ["MT502", 30, 34, "warning", "n", 0.9, ["1,200"], "{}"]
    c = ["MT401", 40, 48, "warning", "o", 0.75, [], "{}"]
    compared, differ, lines = fs.compare({"x.txt": [a, b]}, {"x.txt": [a, c]})
    assert (compared, differ) == (2, 1)
    assert lines == ["DIFF x.txt", f"  - {b}", f"  + {c}"]
    # only MT5xx compared: the MT401 finding that appeared does not count
    assert fs.compare({"x.txt": [a, b]}, {"x.txt": [b, c]}, ("MT5",))[:2] == (1, 0)
    assert fs.compare({"x.txt": [a]}, {"x.txt": [a], "y.txt": []})[:2] == (1, 0)


def test_dump_then_compare_is_identical_and_a_change_is_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    snap = tmp_path / "snap.json"
    assert fs.main(["dump", str(snap), "--generated", "2"]) == 0
    saved = json.loads(snap.read_text(encoding="utf-8"))
    findings = saved["findings"]
    assert saved["generated"] == 2 and "generated/0001.txt" in findings
    assert any(rows for name, rows in findings.items() if name.startswith("fixtures/articles/mt/"))
    assert fs.main(["compare", str(snap)]) == 0
    assert "IDENTICAL" in capsys.readouterr().out
    name = next(n for n, rows in findings.items() if rows)
    removed = findings[name].pop()
    snap.write_text(json.dumps(saved), encoding="utf-8")
    assert fs.main(["compare", str(snap)]) == 1
    out = capsys.readouterr().out
    assert f"DIFF {name}" in out and f"  + {removed}" in out and "1 inputs differ" in out


def test_a_file_that_is_not_a_snapshot_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    assert fs.main(["compare", str(bad)]) == 2
    assert "not a findings snapshot" in capsys.readouterr().err
