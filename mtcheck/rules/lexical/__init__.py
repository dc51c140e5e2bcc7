"""MT4xx: lexical calques, false friends and untranslated source-language words."""
