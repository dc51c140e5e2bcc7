"""Machine-readable outputs: JSON against its documented schema, SARIF against 2.1.0, GitHub commands."""

from __future__ import annotations

import io
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from mtcheck.config import Config
from mtcheck.engine import check_paths
from mtcheck.reporters import renderer
from tests.conftest import SHARED

ARTICLE = (
    "Europe\n\nOlaf Scholz.\n\nOlaf Scholz. – Europa Press/Contact/Ana Pérez – Pool via\n\n"
    "“It is a “dangerous plan.” “, indicates the notice, 50%, según officials. a note for .\n\n"
    "Source link\n"
)


@pytest.fixture
def report(tmp_path: Path):
    (tmp_path / "story, 1: draft%.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00")
    return check_paths([str(tmp_path)], overrides={"model": False})


def _render(report, fmt: str) -> str:
    buf = io.StringIO()
    renderer(fmt)(report, buf, False)
    return buf.getvalue()


def test_json_matches_documented_schema(report):
    schema = json.loads(resources.files("mtcheck.data").joinpath("report.schema.json").read_text())
    data = json.loads(_render(report, "json"))
    jsonschema.validate(data, schema)
    assert data["version"] == 1
    assert data["summary"]["input_errors"] == 1
    codes = {f["code"] for f in data["findings"]}
    assert {"MT000", "MT601", "MT602", "MT603", "MT501", "MT201"} <= codes
    for f in data["findings"]:
        if f["code"] != "MT000":
            assert ARTICLE[f["start"] : f["end"]] == f["text"]


def test_sarif_validates_against_official_schema(report):
    schema_path = SHARED / "data" / "sarif-schema-2.1.0.json"
    if not schema_path.exists():
        pytest.skip("official SARIF schema not available (../shared/data)")
    schema = json.loads(schema_path.read_text())
    data = json.loads(_render(report, "sarif"))
    jsonschema.validate(data, schema)
    run = data["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "MT601" in rule_ids and "MT000" in rule_ids
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert " " not in uri and "%25" in uri or result["ruleId"] == "MT000" or "bad.txt" in uri


def test_github_workflow_commands(report):
    out = _render(report, "github").splitlines()
    assert out, "github format printed nothing"
    for line in out:
        assert line.startswith(("::error ", "::warning ", "::notice "))
        props, _, message = line[2:].partition("::")
        assert message and "\n" not in message
    line = next(x for x in out if "MT601" in x)
    # Commas, colons and percent signs in the path are escaped in properties.
    assert "file=" in line and "story%2C 1%3A draft%25.txt" in line
    assert ",line=9,col=1,endLine=9,endColumn=12,title=MT601 boilerplate-line::" in line


def test_full_output_underlines_the_span(report):
    text = _render(report, "full")
    assert "Pool via" in text and "^^^^" in text
    assert "suggestion" in text


def test_check_paths_library_api_returns_report(tmp_path):
    (tmp_path / "a.md").write_text("# Title\n\nSource link\n")
    report = check_paths([str(tmp_path / "a.md")], overrides={"model": False})
    assert report.exit_code() == 1
    assert [f.code for f in report.findings] == ["MT601"]


def test_check_text_api(heuristic_config):
    from mtcheck import check_text

    findings = check_text("Talks resumed. a note for .", config=heuristic_config)
    assert [(f.code, f.text, f.severity.label) for f in findings] == [
        ("MT201", "a", "warning"),
        ("MT201", "for", "warning"),
    ]
    assert check_text("Talks resumed on Monday.", config=Config(model=False)) == []
