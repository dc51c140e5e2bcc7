"""Data files of the bilingual checks (lexicons and thresholds; each names its source)."""
