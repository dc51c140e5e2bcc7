"""The most frequent English words, derived once from the wordfreq index into the user cache.

MT402 asks wordfreq about lowercase words only when they are not among these: a set lookup
keeps the per-word SQLite queries to a handful per article.
"""

from __future__ import annotations

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


@cache
def common_english() -> frozenset[str]:
    """The TOP_N most frequent English words (empty when wordfreq is unavailable)."""
    path = _path()
    if not os.path.exists(path):
        try:
            _build(path)
        except (FileNotFoundError, OSError):
            return frozenset()
    with open(path, encoding="utf-8") as fh:
        return frozenset(line.rstrip("\n") for line in fh if not line.startswith("#"))
