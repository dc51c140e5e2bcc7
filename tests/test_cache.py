"""The user cache: derived indexes are written atomically."""

from __future__ import annotations

import pytest

from mtcheck.cache import atomic_file, cache_dir, parsed_toml


def test_atomic_file_renames_on_success_and_cleans_up_on_failure(tmp_path):
    target = tmp_path / "index.txt"
    with atomic_file(target) as tmp:
        with open(tmp, "w") as fh:
            fh.write("complete")
        assert not target.exists()  # nothing visible until the block is done
    assert target.read_text() == "complete"
    with pytest.raises(RuntimeError), atomic_file(target) as tmp:
        with open(tmp, "w") as fh:
            fh.write("half")
        raise RuntimeError("build failed")
    assert target.read_text() == "complete"
    assert [p.name for p in tmp_path.iterdir()] == ["index.txt"]


def test_cache_dir_honours_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path / "c"))
    assert cache_dir("lexicon") == tmp_path / "c" / "lexicon"
    assert (tmp_path / "c" / "lexicon").is_dir()


def test_parsed_toml_reads_back_its_json_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path))
    text = '# header\n[verbs]\nsaid = ["dijo", "a dit"]\nweight = 0.75\ncount = 3\n'
    first = parsed_toml(text, "verbs")
    assert first == {"verbs": {"said": ["dijo", "a dit"], "weight": 0.75, "count": 3}}
    (copy,) = (tmp_path / "parsed").glob("verbs-*.json")
    # The second call reads the copy, not the TOML: an edit to the copy shows.
    copy.write_text('{"verbs": {"said": ["from the cache"]}}', encoding="utf-8")
    assert parsed_toml(text, "verbs") == {"verbs": {"said": ["from the cache"]}}
    # Edited data hashes to a new entry.
    assert parsed_toml(text + "extra = true\n", "verbs")["verbs"]["extra"] is True
    assert len(list((tmp_path / "parsed").glob("verbs-*.json"))) == 2


def test_parsed_toml_parses_each_time_what_json_cannot_hold(tmp_path, monkeypatch):
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path))
    data = parsed_toml("day = 2026-11-29\n", "dated")
    assert str(data["day"]) == "2026-11-29"
    assert not list((tmp_path / "parsed").glob("dated-*.json"))


def test_parsed_toml_without_a_writable_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(blocker))
    assert parsed_toml("a = 1\n", "plain") == {"a": 1}
