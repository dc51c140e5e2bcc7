"""Unigram word rarity from `wordfreq` (Speer et al., wordfreq 3.x, 'best' English list).

A rare-but-correct word (a name, a technical term) surprises a language model too; the
unigram surprisal says how much of that surprise rarity alone explains (the SLOR idea:
Pauls & Klein 2012; Lau, Clark & Lappin 2017).
"""

from __future__ import annotations

import math
from functools import lru_cache

# wordfreq lists stop near 1e-8; a word it does not know is treated as half that rare.
UNKNOWN_FREQUENCY = 5e-9


@lru_cache(maxsize=65536)
def unigram_surprisal(word: str) -> float:
    """-ln p(word) under wordfreq's English unigram distribution (nats)."""
    from wordfreq import word_frequency

    freq = word_frequency(word, "en")
    return -math.log(max(freq, UNKNOWN_FREQUENCY))
