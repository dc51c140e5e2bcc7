"""Document: segmentation and the per-document derived data rules share."""

from __future__ import annotations

import re

from mtcheck.document import Document, Segment

_TEXT = "The Élysée said: l’état-major's 2,5 kids_x — İstanbul  re-opened.\n\nNew para"


def test_words_match_a_regex_scan() -> None:
    doc = Document.from_text(_TEXT)
    expected = [Segment(m.start(), m.end(), m.group()) for m in re.finditer(r"\w+(?:['’-]\w+)*", _TEXT)]
    assert doc.words == expected
    assert all(type(w) is Segment for w in doc.words)
    assert doc.word_texts == [w.text for w in expected]
    assert doc.word_starts == [w.start for w in expected]
    assert doc.word_ends == [w.end for w in expected]


def test_words_of_empty_and_wordless_text() -> None:
    assert Document.from_text("").words == []
    assert Document.from_text(" -- ... ").words == []
    assert Document.from_text("word").words == [Segment(0, 4, "word")]


def test_lowered_words_and_set() -> None:
    doc = Document.from_text(_TEXT)
    assert doc.lowered_words == [w.text.lower() for w in doc.words]
    assert doc.lowered_words is doc.lowered_words
    assert doc.lowered_word_set == frozenset(doc.lowered_words)
    assert "élysée" in doc.lowered_word_set


def test_lowered_text_keeps_offsets() -> None:
    doc = Document.from_text(_TEXT)
    assert len(doc.lowered_text) == len(_TEXT)
    assert doc.lowered_text.startswith("the élysée said")
    assert doc.lowered_text[doc.text.index("İ")] == "İ"  # lowercase is two code points: kept
    plain = Document.from_text("ABC Def")
    assert plain.lowered_text == "abc def"


def test_word_view_reads_like_words() -> None:
    doc = Document.from_text(_TEXT)
    view = doc.word_view
    assert len(view) == len(doc.words)
    assert [view[i] for i in range(len(view))] == doc.words
    assert view[-1] == doc.words[-1]
    assert view[1:3] == doc.words[1:3]
    assert list(view) == doc.words


def test_derived_is_computed_once_per_document_and_arguments() -> None:
    calls: list[tuple[str, int]] = []

    def count_words(doc: Document, minimum: int) -> int:
        calls.append((doc.text, minimum))
        return sum(len(w) >= minimum for w in doc.word_texts)

    a, b = Document.from_text("Kharkiv and Kherson"), Document.from_text("Kharkiv and Kherson")
    assert a.derived(count_words, 4) == 2
    assert a.derived(count_words, 4) == 2
    assert a.derived(count_words, 3) == 3
    assert b.derived(count_words, 4) == 2  # an equal document still gets its own value
    assert calls == [(a.text, 4), (a.text, 3), (b.text, 4)]
