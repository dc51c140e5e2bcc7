"""Readers: the reader view drops markup, and every offset maps back into the original file."""

from __future__ import annotations

import pytest

from mtcheck.readers import InputError, decode, parse
from tests.conftest import findings_for


def _orig(doc, needle: str) -> str:
    i = doc.text.index(needle)
    s, e = doc.to_original(i, i + len(needle))
    return doc.original[s:e]


MULTIBYTE = [
    "Le président Macron a dit « non ». Source: AFP. a note for .",
    "“Über alles”, said the café owner in Zürich. a note for .",
    "The crowd cheered 🎉🎉 in the stadium. a note for .",
    "北京 (Reuters) – Officials met in 上海 on Monday. a note for .",
    "Ελλάδα said: “José’s naïve plan” is late. a note for .",
]


@pytest.mark.parametrize("text", MULTIBYTE)
def test_offsets_and_columns_on_multibyte_text(text):
    findings = findings_for(text, codes=["MT201"])
    assert [f.text for f in findings] == ["a", "for"]
    for f in findings:
        assert text[f.start : f.end] == f.text
        assert f.line == 1 and f.column == f.start + 1 and f.end_column == f.end + 1


def test_offsets_on_multibyte_markdown_and_html():
    md = "---\ntitle: “Café” story\n---\n\n# Zürich 🎉\n\nThe **naïve** plan [was](http://x.y/é) late. a note for .\n"
    [a, f] = findings_for(md, codes=["MT201"], fmt="markdown")
    assert (a.text, f.text) == ("a", "for")
    assert md[f.start : f.end] == "for" and f.line == 7
    html = "<p>L’été 🎉 &amp; “naïve” <b>plans</b>. a note for .</p>"
    [a, f] = findings_for(html, codes=["MT201"], fmt="html")
    assert html[a.start : a.end] == "a" and html[f.start : f.end] == "for"
    assert f.column == html.index("for .") + 1


def test_crlf_and_bom():
    raw = "\ufeffSource link\r\nThe talks resumed.\r\nTags\r\n".encode()
    text = decode(raw)
    assert not text.startswith("\ufeff")
    findings = findings_for(text, codes=["MT601"])
    assert [(f.text, f.line, f.column, f.end_column) for f in findings] == [
        ("Source link", 1, 1, 12),
        ("Tags", 3, 1, 5),
    ]
    assert all(text[f.start : f.end] == f.text for f in findings)


def test_markdown_skips_code_urls_comments_and_checks_front_matter():
    md = """---
title: Source link
description: "The talks resumed. a note for ."
layout: post
---
# Heading

Text with `inline code for .` and a [link text](https://example.com/source-link) here.

```
Source link
```

<!-- Source link -->
    indented code for .

| Country | Deaths |
|---|---|
"""
    doc = parse(md, "a.md", "markdown")
    assert "inline code for" not in doc.text
    assert "example.com" not in doc.text
    assert "layout" not in doc.text and "post" not in doc.text
    assert "link text" in doc.text
    assert _orig(doc, "link text") == "link text"
    assert _orig(doc, "The talks resumed.") == "The talks resumed."
    codes = [(f.code, f.text) for f in findings_for(md, fmt="markdown", codes=["MT601", "MT201"])]
    # Only the front-matter title and description are prose here.
    assert ("MT601", "Source link") in codes
    assert ("MT201", "for") in codes
    lines = {f.line for f in findings_for(md, fmt="markdown", codes=["MT601", "MT201"])}
    assert lines == {2, 3}


def test_html_visible_text_only():
    html = """<!doctype html><html><head><title>Source link</title>
<style>p { color: red }</style><script>var s = "Source link";</script></head>
<body><h1>Drone deal</h1><p>The   talks
resumed &mdash; on <em>Monday</em>.</p><p>Source link</p><noscript>Tags</noscript></body></html>"""
    doc = parse(html, "a.html", "html")
    assert "color" not in doc.text and "var s" not in doc.text
    assert "The talks resumed — on Monday." in doc.text
    assert _orig(doc, "Monday") == "Monday"
    [f] = findings_for(html, fmt="html", codes=["MT601"])
    assert f.text == "Source link" and f.line == 4


@pytest.mark.parametrize(
    ("data", "cause"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("caf\u00e9".encode("latin-1") + b" au lait", "not valid UTF-8"),
        (b"", "empty"),
        (b"  \n\n ", "empty"),
    ],
)
def test_decode_errors_name_the_cause(data, cause):
    with pytest.raises(InputError, match=cause):
        decode(data)


def test_sentence_splitting_handles_abbreviations_and_fragments():
    doc = parse("The U.S. Army said Gen. Smith left at 9 a.m. on Friday. a note for . Then more.", "x.txt")
    assert [s.text for s in doc.sentences] == [
        "The U.S. Army said Gen. Smith left at 9 a.m. on Friday.",
        "a note for .",
        "Then more.",
    ]
