"""The most frequent English words, derived once from the wordfreq index into the user cache.

MT402 asks wordfreq about lowercase words only when they are not among these: a set lookup
keeps the per-word SQLite queries to a handful per article.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache

from mtcheck.cache import atomic_file, cache_dir
from mtcheck.lexicon import frequency

TOP_N = 12000


def _path() -> str:
    version = frequency.wordfreq_version()
    return str(cache_dir("lexicon") / f"english-top{TOP_N}-wordfreq-{version}.txt")


def _build(path: str) -> None:
    con = frequency.connection()
    if con is None:
        raise FileNotFoundError("wordfreq index unavailable")
    rows = con.execute(
        "SELECT word FROM freq WHERE lang = 'en' ORDER BY zipf DESC LIMIT ?", (TOP_N,)
    ).fetchall()
    header = f"# source: wordfreq {frequency.wordfreq_version()}, the {TOP_N} most frequent English words\n"
    with atomic_file(path, ".txt") as tmp, open(tmp, "w", encoding="utf-8") as fh:
        fh.write(header)
        fh.write("\n".join(r[0] for r in rows))


def _read_words(path: str) -> frozenset[str]:
    """The words of a list written here: one a line after "#" header lines (one split in C,
    ~3x faster than a loop over the lines for the ~80,000 MT402 candidates)."""
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    while lines and lines[0].startswith("#"):
        del lines[0]
    return frozenset(line for line in lines if line) if "" in lines else frozenset(lines)


@cache
def common_english() -> frozenset[str]:
    """The TOP_N most frequent English words (empty when wordfreq is unavailable)."""
    path = _path()
    if not os.path.exists(path):
        try:
            _build(path)
        except (FileNotFoundError, OSError):
            return frozenset()
    return _read_words(path)


# --------------------------------------------------------------------------- MT402 candidates
#
# MT402's plain-ASCII test asks wordfreq, for each lowercase word of a document outside
# `common_english()`, whether the word is rare in English and common in a source language.
# Almost every word fails, so the words that can pass for *some* source language are listed
# once (a ~0.5 s scan of the index, kept in the user cache like the list above) and a
# document needs one set intersection. The list is a superset: MT402 still runs the full test,
# with the enabled languages, on the words it finds.


def _candidates_path(key: str) -> str:
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    version = frequency.wordfreq_version()
    return str(cache_dir("lexicon") / f"foreign-ascii-{digest}-wordfreq-{version}.txt")


def _build_candidates(
    path: str,
    key: str,
    min_length: int,
    english_max: float,
    source_min: float,
    margin: float,
    suffixes: tuple[str, ...],
) -> None:
    con = frequency.connection()
    if con is None:
        raise FileNotFoundError("wordfreq index unavailable")
    # Every (word, source language) pair at or above the source floor, with the word's English
    # Zipf (0.0 when absent, as `frequency.zipf` answers). The comparisons below are the ones
    # MT402 makes, on the same stored values.
    rows = con.execute(
        "SELECT f.word, f.zipf, e.zipf FROM freq AS f"
        " LEFT JOIN freq AS e ON e.lang = 'en' AND e.word = f.word"
        " WHERE f.lang != 'en' AND f.zipf >= ?",
        (source_min,),
    ).fetchall()
    words = sorted({
        word
        for word, source, en in rows
        if len(word) >= min_length
        and word.isascii()
        and word.isalpha()
        and word == word.casefold()
        and not word.endswith(suffixes)
        and (english := float(en) if en is not None else 0.0) < english_max
        and float(source) >= source_min
        and float(source) - english >= margin
    })
    with atomic_file(path, ".txt") as tmp, open(tmp, "w", encoding="utf-8") as fh:
        fh.write(f"# source: wordfreq {frequency.wordfreq_version()}; {key}\n")
        fh.write("\n".join(words))


@cache
def foreign_ascii_candidates(
    min_length: int,
    english_max: float,
    source_min: float,
    margin: float,
    suffixes: tuple[str, ...],
) -> frozenset[str] | None:
    """Lowercase ASCII words of at least `min_length` letters, not ending in one of
    `suffixes`, whose English Zipf is below `english_max` and whose Zipf in some other
    language of the index is at least `source_min` and `margin` above the English one.
    None when the wordfreq index is unavailable."""
    key = (
        f"len>={min_length} en<{english_max} src>={source_min} margin>={margin}"
        f" suffixes={','.join(suffixes)}"
    )
    path = _candidates_path(key)
    if not os.path.exists(path):
        try:
            _build_candidates(path, key, min_length, english_max, source_min, margin, suffixes)
        except (FileNotFoundError, OSError):
            return None
    return _read_words(path)
