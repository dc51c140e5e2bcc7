"""`mtcheck check --source` and the `story.es.md` convention, through the CLI (JSON report)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from mtcheck.cli import app

ROOT = Path(__file__).resolve().parents[2]
BILINGUAL = ROOT / "fixtures" / "bilingual"


def _json(args: list[str]) -> dict:
    res = CliRunner().invoke(app, ["check", *args, "--no-model", "--output-format", "json", "--exit-zero"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_source_option_reports_findings_and_alignment():
    data = _json([str(BILINGUAL / "es-01-caspian-drones.txt"),
                  "--source", str(BILINGUAL / "es-01-caspian-drones.es.txt"), "--select", "MT7"])
    codes = sorted(f["code"] for f in data["findings"])
    assert codes == ["MT701", "MT704", "MT707"]
    alignment = data["files"][0]["alignment"]
    assert alignment["source_lang"] == "es"
    assert alignment["method"].startswith("gale-church")
    assert any(link["type"] == "1-0" for link in alignment["links"])
    mt701 = next(f for f in data["findings"] if f["code"] == "MT701")
    text = (BILINGUAL / "es-01-caspian-drones.txt").read_text(encoding="utf-8")
    assert text[mt701["start"] : mt701["end"]] == mt701["text"] == "1.5 million"


def test_source_lang_option_is_used():
    data = _json([str(BILINGUAL / "fr-01-paris-strike.txt"),
                  "--source", str(BILINGUAL / "fr-01-paris-strike.fr.txt"), "--source-lang", "fr", "--select", "MT7"])
    assert data["files"][0]["alignment"]["source_lang"] == "fr"
    assert sorted(f["code"] for f in data["findings"]) == ["MT701", "MT702"]


def test_without_source_no_bilingual_findings(tmp_path):
    lone = tmp_path / "es-01-caspian-drones.txt"
    lone.write_text((BILINGUAL / lone.name).read_text(encoding="utf-8"), encoding="utf-8")
    data = _json([str(lone), "--select", "MT7"])
    assert data["findings"] == []
    assert "alignment" not in data["files"][0]


def test_named_original_is_found_without_the_option():
    data = _json([str(BILINGUAL / "it-02-moscow-summit.txt"), "--select", "MT7"])
    assert data["files"][0]["alignment"]["source_lang"] == "it"
    assert data["files"][0]["source_file"].endswith("it-02-moscow-summit.it.txt")
    assert sorted(f["code"] for f in data["findings"]) == ["MT705", "MT707"]


def test_config_mapping(tmp_path):
    (tmp_path / "copy").mkdir()
    (tmp_path / "wire").mkdir()
    (tmp_path / "copy" / "summit.txt").write_text((BILINGUAL / "it-02-moscow-summit.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "wire" / "summit-it.txt").write_text((BILINGUAL / "it-02-moscow-summit.it.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "mtcheck.toml").write_text('[sources]\n"copy/*.txt" = "wire/{stem}-it.txt"\n', encoding="utf-8")
    data = _json([str(tmp_path / "copy"), "--select", "MT7", "--config", str(tmp_path / "mtcheck.toml")])
    assert data["files"][0]["source_file"].endswith("summit-it.txt")
    assert sorted(f["code"] for f in data["findings"]) == ["MT705", "MT707"]


def test_directory_pairs_by_naming_convention(tmp_path):
    for name in ("es-02-housing-plan.txt", "es-02-housing-plan.es.txt", "es-03-valencia-fire.txt",
                 "es-03-valencia-fire.es.txt", "es-05-lebanon-talks.md", "es-05-lebanon-talks.es.md"):
        (tmp_path / name).write_text((BILINGUAL / name).read_text(encoding="utf-8"), encoding="utf-8")
    data = _json([str(tmp_path), "--select", "MT7"])
    checked = sorted(Path(f["path"]).name for f in data["files"])
    assert checked == ["es-02-housing-plan.txt", "es-03-valencia-fire.txt", "es-05-lebanon-talks.md"]
    assert all("alignment" in f for f in data["files"])
    assert sorted(f["code"] for f in data["findings"]) == ["MT702", "MT703"]
