"""Finding the original of a checked file: config `sources`, then `story.es.md` beside `story.md`."""

from __future__ import annotations

from pathlib import Path

from mtcheck.bilingual.pairing import find_source, is_source_file, language_from_name, source_by_convention


def _touch(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_convention_same_extension(tmp_path):
    story = _touch(tmp_path / "story.md")
    original = _touch(tmp_path / "story.es.md")
    assert source_by_convention(story) == (original, "es")
    assert is_source_file(original)
    assert not is_source_file(story)


def test_convention_other_extension(tmp_path):
    story = _touch(tmp_path / "story.md")
    original = _touch(tmp_path / "story.fr.txt")
    assert source_by_convention(story) == (original, "fr")


def test_no_original(tmp_path):
    story = _touch(tmp_path / "story.md")
    assert source_by_convention(story) is None
    lonely = _touch(tmp_path / "notes.de.md")  # no notes.md beside it: checked as usual
    assert not is_source_file(lonely)


def test_language_from_name():
    assert language_from_name(Path("a/b/story.pt.html")) == "pt"
    assert language_from_name(Path("a/b/story.md")) is None


def test_config_mapping_with_placeholders(tmp_path):
    story = _touch(tmp_path / "stories" / "drones.md")
    original = _touch(tmp_path / "originals" / "drones.es.txt")
    found = find_source(story, {"stories/*.md": "originals/{stem}.es.txt"}, tmp_path)
    assert found == (tmp_path / "originals" / "drones.es.txt", "es")
    assert found[0].read_text() == original.read_text()


def test_config_mapping_wins_over_convention(tmp_path):
    story = _touch(tmp_path / "story.md")
    _touch(tmp_path / "story.es.md")
    other = _touch(tmp_path / "wire" / "original.txt")
    found = find_source(story, {"story.md": "wire/original.txt"}, tmp_path)
    assert found == (other, None)
