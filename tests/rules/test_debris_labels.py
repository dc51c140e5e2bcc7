"""MT604 stray-section-label: the data file, the frame of the copy, offsets and options."""

from __future__ import annotations

from importlib import resources

from mtcheck.config import Config
from mtcheck.engine import check_text
from mtcheck.finding import Severity
from mtcheck.rules.debris.mt604_stray_section_label import _label_langs, _labels

BODY = (
    "Iran is helping Russia build a factory for drones that could run at full capacity early "
    "next year, the White House said on Friday."
)
HEADLINE = "US says Iran is helping Russia expand its drone fleet"


def run(text: str, filename: str = "t.txt", **config_kw):
    cfg = Config(model=False, select=("MT604",), **config_kw)
    return [f for f in check_text(text, filename=filename, config=cfg) if f.code == "MT604"]


def test_data_file_names_its_source_and_parses():
    raw = resources.files("mtcheck.data.debris").joinpath("section_labels.txt").read_text(encoding="utf-8")
    assert raw.startswith("# source:")
    labels = _labels()
    assert labels["asia"] == ()
    assert labels["latin america"] == ()
    assert "es" in labels["internacional"]
    assert all(key == key.casefold() for key in labels)


def test_label_on_the_first_line_before_the_headline():
    text = f"Asia\n\n{HEADLINE}\n\n{BODY}\n"
    (f,) = run(text)
    assert (f.text, f.line, f.column, f.start, f.end) == ("Asia", 1, 1, 0, 4)
    assert f.severity == Severity.WARNING and f.suggestions == ("",)


def test_label_at_the_bottom_past_other_furniture():
    text = f"{HEADLINE}\n\n{BODY}\n\nSource link\n\nPolitics\n\nTags\n"
    (f,) = run(text)
    assert f.text == "Politics" and f.line == 7


def test_breadcrumb_and_source_language_label():
    text = f"Mundo › Oriente Medio\n\n{HEADLINE}\n\n{BODY}"
    (f,) = run(text)
    assert f.text == "Mundo › Oriente Medio"
    assert "es" in f.data["lang"]
    assert _label_langs("World > Asia") == ()
    assert _label_langs("World > Asia stocks") is None


def test_middle_lines_headlines_and_datelines_stay_clean():
    text = (
        f"Asia stocks slide as China data disappoints\n\nHONG KONG (Reuters) - {BODY}\n\nEurope\n\n"
        f"{BODY}\n\nReporting by Jane Doe; Editing by John Roe"
    )
    assert run(text) == []


def test_markdown_heading_label_is_rated_lower():
    text = f"# World\n\n## {HEADLINE}\n\n{BODY}\n"
    (f,) = run(text, filename="t.md")
    assert f.text == "World" and f.start == 2
    assert f.confidence < 0.85


def test_offsets_with_indentation_and_crlf():
    text = f"  Breaking news  \r\n\r\n{HEADLINE}\r\n\r\n{BODY}\r\n"
    (f,) = run(text)
    assert text[f.start : f.end] == "Breaking news"
    assert (f.line, f.column) == (1, 3)


def test_accept_and_short_documents():
    text = f"Asia\n\n{HEADLINE}\n\n{BODY}"
    assert run(text, accept=("Asia",)) == []
    assert run("Asia\n\nPolitics\n") == []


def test_country_tag_at_the_top():
    (f,) = run(f"Iran\n\n{HEADLINE}\n\n{BODY}")
    assert f.text == "Iran" and "country" in f.message
    assert run(f"{HEADLINE}\n\nIran\n\n{BODY}") == []
