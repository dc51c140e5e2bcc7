"""Inline suppression comments in Markdown and HTML."""

from __future__ import annotations

from tests.conftest import findings_for

MD = """# Story

<!-- mtcheck-disable MT601 -->
Source link
<!-- mtcheck-enable -->

Tags

<!-- mtcheck-disable-next-line -->
Read more

<!-- mtcheck-disable-next-line MT201 -->
Read more
"""


def test_markdown_disable_enable_and_next_line():
    found = [(f.code, f.line) for f in findings_for(MD, fmt="markdown", codes=["MT601"])]
    assert found == [("MT601", 7), ("MT601", 13)]


def test_unused_suppression_is_reported_when_selected():
    found = findings_for(MD, fmt="markdown", codes=["MT601", "MT001"])
    unused = [(f.code, f.line, f.severity.label) for f in found if f.code == "MT001"]
    assert unused == [("MT001", 12, "info")]


def test_html_suppression_without_codes_disables_everything():
    html = "<p>Source link</p>\n<!-- mtcheck-disable -->\n<p>Tags</p>\n<p>Read more</p>\n"
    found = [(f.text, f.line) for f in findings_for(html, fmt="html")]
    assert found == [("Source link", 1)]
