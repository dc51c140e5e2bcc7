"""The curated names' derived tables are cached as JSON; what `curated` builds from the cache
must equal what deriving them from the TOML gives, and the full-scan regex is built lazily."""

from __future__ import annotations

import tomllib

from mtcheck.lexicon import names


def _from_toml() -> names.CuratedNames:
    entries = [e for name in names.CURATED_FILES for e in tomllib.loads(names._data_text(name)).get("name", ())]
    t = names._derive_curated(entries)
    return names.CuratedNames(
        t["words"], t["phrases"], frozenset(t["english"]), t["kinds"], frozenset(t["surfaces"]), t["shared"]
    )


def test_curated_tables_cache_gives_what_the_toml_gives(tmp_path, monkeypatch):
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path))
    expected = _from_toml()
    for _ in range(2):  # first call builds the cache, second reads it
        names.curated.cache_clear()
        try:
            got = names.curated()
        finally:
            names.curated.cache_clear()
        assert got == expected
        assert all(type(v) is names.CuratedName for v in [*got.words.values(), *got.phrases.values()])
        assert all(type(v) is names.CuratedName for items in got.shared.values() for v in items)
        assert all(type(v.confidence) is float for v in got.words.values())
    cached = list(tmp_path.rglob("curated-tables-*.json"))
    assert len(cached) == 1
    for damaged in ("{not json", '{"words": {}}', "[]"):
        cached[0].write_text(damaged, encoding="utf-8")
        names.curated.cache_clear()
        try:
            assert names.curated() == expected
        finally:
            names.curated.cache_clear()


def test_phrase_regex_finds_every_variant():
    regex = names.phrase_regex()
    for surface in names.curated().surfaces:
        assert regex.match(surface).group() == surface  # nothing longer fits in the variant itself
