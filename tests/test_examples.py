"""End to end on real and written copy: the reference wire story, and clean native articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtcheck.cli import app
from mtcheck.config import Config
from mtcheck.engine import check_paths
from mtcheck.finding import Severity
from tests.conftest import FIXTURES, SHARED

REFERENCE = SHARED / "examples" / "wire-es-en-drones.txt"
CLEAN = sorted((FIXTURES / "articles" / "clean").glob("*.*"))


@pytest.fixture(scope="module")
def reference_findings():
    if not REFERENCE.exists():
        pytest.skip("reference article not available (../shared)")
    report = check_paths([str(REFERENCE)], overrides={"model": False})
    return report.findings


# (code, flagged text or a part of it) the issue requires on the reference article.
REQUIRED = [
    ("MT601", "Source link"),
    ("MT601", "Tags"),
    ("MT601", "Follow live the latest news about the war in Ukraine"),
    ("MT602", "Pool via"),
    ("MT603", "John Kirby."),
    ("MT201", "for"),
    ("MT501", "“"),
]


@pytest.mark.parametrize(("code", "text"), REQUIRED)
def test_reference_article_structural_debris(reference_findings, code, text):
    matches = [f for f in reference_findings if f.code == code and text in f.text]
    assert matches, f"{code} not reported on {text!r}"
    for f in matches:
        original = REFERENCE.read_text(encoding="utf-8")
        assert original[f.start : f.end] == f.text


def test_reference_article_stray_quote_position(reference_findings):
    original = REFERENCE.read_text(encoding="utf-8")
    [quote] = [f for f in reference_findings if f.code == "MT501"]
    assert original[quote.start - 2 : quote.end + 1] == "” “,"


def test_reference_article_exit_code():
    if not REFERENCE.exists():
        pytest.skip("reference article not available (../shared)")
    result = CliRunner().invoke(app, ["check", "--no-model", str(REFERENCE)])
    assert result.exit_code == 1


@pytest.mark.parametrize("path", CLEAN, ids=[p.name for p in CLEAN])
def test_clean_native_article_has_no_warnings(path: Path):
    report = check_paths([str(path)], overrides={"model": False})
    loud = [
        f"{f.code} {f.line}:{f.column} {f.text!r} {f.message}"
        for f in report.findings
        if f.severity >= Severity.WARNING
    ]
    assert loud == []


def test_there_are_clean_fixtures():
    assert len(CLEAN) >= 5
    assert Config().fail_on == Severity.WARNING
