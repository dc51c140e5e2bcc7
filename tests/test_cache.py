"""The user cache: derived indexes are written atomically."""

from __future__ import annotations

import os

import pytest

from mtcheck.cache import atomic_file, cache_dir, json_cached, parsed_toml


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


class _Counted:
    """A `build` that counts its calls."""

    def __init__(self, value):
        self.value = value
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.value


def _a_list(value):
    if not isinstance(value, list):
        raise TypeError("not a list")
    return value


def test_json_cached_builds_once_then_reads_back(tmp_path, monkeypatch):
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path))
    build = _Counted([1, "zwei", {"drei": 3.5}])
    assert json_cached("things", "input v1", build, _a_list, folder="derived") == build.value
    assert json_cached("things", "input v1", build, _a_list, folder="derived") == build.value
    assert build.calls == 1
    (copy,) = (tmp_path / "derived").glob("things-*.json")
    assert not [p for p in (tmp_path / "derived").iterdir() if p != copy]  # no temporary left
    # The second call read the copy: an edit to it shows.
    copy.write_text('["edited"]', encoding="utf-8")
    assert json_cached("things", "input v1", build, _a_list, folder="derived") == ["edited"]
    assert build.calls == 1


def test_json_cached_a_new_key_is_a_new_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path))
    first, second = _Counted(["first"]), _Counted(["second"])
    assert json_cached("things", "input v1", first, _a_list) == ["first"]
    assert json_cached("things", b"input v2", second, _a_list) == ["second"]
    assert json_cached("things", "input v1", second, _a_list) == ["first"]
    assert (first.calls, second.calls) == (1, 1)
    assert len(list((tmp_path / "parsed").glob("things-*.json"))) == 2


def test_json_cached_decode_applies_to_both_paths(tmp_path, monkeypatch):
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path))
    build = _Counted([[1, 2], [3]])

    def decode(rows):
        return [tuple(row) for row in rows]

    assert json_cached("rows", "k", build, decode) == [(1, 2), (3,)]  # built
    assert json_cached("rows", "k", build, decode) == [(1, 2), (3,)]  # read back
    assert build.calls == 1


@pytest.mark.parametrize("damaged", ["[not json", '{"a": "valid JSON, rejected"}', "\udcff", ""])
def test_json_cached_rebuilds_what_it_cannot_use(tmp_path, monkeypatch, damaged):
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path))
    build = _Counted(["built"])
    assert json_cached("things", "k", build, _a_list) == ["built"]
    (copy,) = (tmp_path / "parsed").glob("things-*.json")
    copy.write_bytes(damaged.encode("utf-8", "surrogateescape"))
    assert json_cached("things", "k", build, _a_list) == ["built"]
    assert build.calls == 2
    assert json_cached("things", "k", build, _a_list) == ["built"]  # rewritten, read back
    assert build.calls == 2


def test_json_cached_keeps_no_copy_of_what_json_cannot_hold(tmp_path, monkeypatch):
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path))
    build = _Counted([{1, 2}])
    assert json_cached("sets", "k", build, _a_list) == [{1, 2}]
    assert json_cached("sets", "k", build, _a_list) == [{1, 2}]
    assert build.calls == 2
    assert list((tmp_path / "parsed").iterdir()) == []


def test_json_cached_without_a_writable_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(blocker))
    build = _Counted(["built"])
    assert json_cached("things", "k", build, _a_list) == ["built"]
    assert json_cached("things", "k", build, _a_list) == ["built"]
    assert build.calls == 2


def test_json_cached_in_a_read_only_cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path))
    (tmp_path / "parsed").mkdir()
    (tmp_path / "parsed").chmod(0o500)
    try:
        if os.access(tmp_path / "parsed", os.W_OK):
            pytest.skip("running as root: permissions do not stop writes")
        build = _Counted(["built"])
        assert json_cached("things", "k", build, _a_list) == ["built"]
        assert build.calls == 1
        assert list((tmp_path / "parsed").iterdir()) == []
    finally:
        (tmp_path / "parsed").chmod(0o700)
