"""`check --source` on fixtures/bilingual: every planted error found, clean pairs clean."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mtcheck.engine import check_paths

ROOT = Path(__file__).resolve().parents[2]
BILINGUAL = ROOT / "fixtures" / "bilingual"
CODES = ("MT701", "MT702", "MT703", "MT704", "MT705", "MT706", "MT707")


_SOURCE_NAME = re.compile(r"^(?P<stem>.+)\.(?P<lang>es|fr|it|de|pt)\.(?P<ext>txt|md|html)$")


def _pairs():
    out = []
    for src in sorted(BILINGUAL.iterdir()):
        m = _SOURCE_NAME.match(src.name)
        if m:
            out.append((src.with_name(f"{m['stem']}.{m['ext']}"), src, m["lang"]))
    return out


def _annotations():
    lines = (BILINGUAL / "annotations.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def results():
    out = {}
    for tgt, src, lang in _pairs():
        report = check_paths([str(tgt)], overrides={"model": False, "select": CODES}, source=src, source_lang=lang)
        out[tgt.name] = report.files[0]
    return out


def test_fixture_inventory():
    pairs = _pairs()
    assert len(pairs) >= 15
    assert {lang for _t, _s, lang in pairs} == {"es", "fr", "it", "de", "pt"}
    for tgt, _src, _lang in pairs:
        assert tgt.exists(), tgt


def test_annotations_point_at_their_text():
    for a in _annotations():
        text = (BILINGUAL / a["file"]).read_text(encoding="utf-8")
        assert text[a["start"] : a["end"]] == a["text"], a
        assert a["code"] in CODES


def test_every_planted_error_is_found(results):
    missed = []
    for a in _annotations():
        findings = results[a["file"]].findings
        if not any(f.code == a["code"] and f.start < a["end"] and f.end > a["start"] for f in findings):
            missed.append(a)
    assert not missed


def test_clean_pairs_have_at_most_one_false_finding(results):
    annotated = {a["file"] for a in _annotations()}
    clean = [name for name in results if name not in annotated]
    assert len(clean) >= 5
    false = [(name, f.code, f.text) for name in clean for f in results[name].findings]
    assert len(false) <= 1, false


def test_no_false_findings_on_annotated_pairs(results):
    by_file: dict[str, list[dict]] = {}
    for a in _annotations():
        by_file.setdefault(a["file"], []).append(a)
    stray = []
    for name, planted in by_file.items():
        for f in results[name].findings:
            if not any(a["code"] == f.code and f.start < a["end"] and f.end > a["start"] for a in planted):
                stray.append((name, f.code, f.text))
    assert not stray


def test_alignment_is_reported(results):
    alignment = results["es-01-caspian-drones.txt"].extras["alignment"]
    data = alignment if isinstance(alignment, dict) else alignment.to_dict()
    assert data["method"].startswith("gale-church")
    assert data["source_lang"] == "es"
    omitted = [lk for lk in data["links"] if lk["source"] and not lk["target"]]
    assert len(omitted) == 1
    src_text = (BILINGUAL / "es-01-caspian-drones.es.txt").read_text(encoding="utf-8")
    start, end = omitted[0]["source_spans"][0]
    assert src_text[start:end].startswith("Kirby añadió")


def test_monolingual_run_has_no_bilingual_findings(tmp_path):
    # Copied away from its original: no `--source`, no `NAME.es.txt` beside it.
    lone = tmp_path / "es-01-caspian-drones.txt"
    lone.write_text((BILINGUAL / lone.name).read_text(encoding="utf-8"), encoding="utf-8")
    report = check_paths([str(lone)], overrides={"model": False, "select": CODES})
    assert report.files[0].findings == []
    assert "alignment" not in report.files[0].extras


def test_source_language_is_detected():
    tgt, src, _lang = next(p for p in _pairs() if p[2] == "de")
    report = check_paths([str(tgt)], overrides={"model": False, "select": CODES}, source=src)
    alignment = report.files[0].extras["alignment"]
    data = alignment if isinstance(alignment, dict) else alignment.to_dict()
    assert data["source_lang"] == "de"
