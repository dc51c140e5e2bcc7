"""MT5xx: punctuation and locale conventions carried over from the source language."""
