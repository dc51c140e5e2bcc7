"""MT7xx: checks that compare the English copy with its source-language original."""
