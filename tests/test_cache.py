"""The user cache: derived indexes are written atomically."""

from __future__ import annotations

import pytest

from mtcheck.cache import atomic_file, cache_dir


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
