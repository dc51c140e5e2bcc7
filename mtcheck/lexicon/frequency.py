"""Word frequencies (Zipf scale) per language, from wordfreq, via a compact on-disk index.

wordfreq takes ~0.2-0.4 s to load one language's table; the heuristic pass must start in
well under that. So the tables are copied once into an SQLite index in the user cache
(built on first use, atomically, with wordfreq's version recorded) and looked up per word.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from functools import cache

from mtcheck.cache import atomic_file, cache_dir

LANGUAGES = ("en", "es", "fr", "it", "de", "pt")
# Words rarer than this (Zipf) are left out of the index: ~1 per billion words and below.
MIN_ZIPF = 1.0
_lock = threading.Lock()


def wordfreq_version() -> str:
    from importlib import metadata  # costs ~30 ms: only when the index is first opened

    try:
        return metadata.version("wordfreq")
    except metadata.PackageNotFoundError:
        return "missing"


def _build(path: str) -> None:
    import wordfreq

    with atomic_file(path, ".sqlite") as tmp:
        con = sqlite3.connect(tmp)
        con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        con.execute(
            "CREATE TABLE freq (lang TEXT, word TEXT, zipf REAL, PRIMARY KEY (lang, word)) WITHOUT ROWID"
        )
        con.execute(
            "INSERT INTO meta VALUES ('source', ?)",
            (f"wordfreq {wordfreq_version()} get_frequency_dict(lang), Zipf >= {MIN_ZIPF}",),
        )
        for lang in LANGUAGES:
            table = wordfreq.get_frequency_dict(lang)
            rows = []
            for word, freq in table.items():
                z = wordfreq.freq_to_zipf(freq) if freq > 0 else 0.0
                if z >= MIN_ZIPF:
                    rows.append((lang, word, round(z, 2)))
            con.executemany("INSERT OR IGNORE INTO freq VALUES (?, ?, ?)", rows)
        con.commit()
        con.close()


@cache
def connection() -> sqlite3.Connection | None:
    """The index, built on first use; None when wordfreq is not installed."""
    path = str(cache_dir("lexicon") / f"wordfreq-{wordfreq_version()}.sqlite")
    with _lock:
        if not os.path.exists(path):
            try:
                _build(path)
            except ImportError:
                return None
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    return con


@cache
def zipf(word: str, lang: str = "en") -> float:
    """Zipf frequency of `word` (casefolded) in `lang`: 7 for 'the', ~3 for common words,
    0.0 when unknown or below the index floor."""
    con = connection()
    if con is None:
        return 0.0
    row = con.execute(
        "SELECT zipf FROM freq WHERE lang = ? AND word = ?", (lang, word.casefold())
    ).fetchone()
    return float(row[0]) if row else 0.0


def available() -> bool:
    return connection() is not None
