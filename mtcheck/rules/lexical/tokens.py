"""Whether a listed word occurs as a whitespace-separated token of a text, edge punctuation
stripped ("según," -> "según"): the test MT401 and MT402 gate their trigger words on.

Both rules used to build every token of the document for it (`{t.strip(EDGE) for t in
text.split()}`, and that lowercased), ~0.27 ms an article. They now take the few listed words
among `Document.lowered_word_set` (the regex word split every rule reads) and ask this module
about those only. Why the word set holds every such token:

A word listed here matches `\\w+(?:['’-]\\w+)*` (checked by the tests for both lexicons). A
token T equal to it, or lowercasing to it, has a character of the same kind at each place
(only "İ" lowercases to more than one character, and it lowercases to a non-word mark; no
character outside `\\w` and the apostrophes and hyphen lowercases into them: a test runs
through Unicode), so T matches that expression too. Before T, back to whitespace or the start,
and after it, to whitespace or the end, stand only `TOKEN_EDGE_PUNCTUATION` characters, none
of them a word character: the word split cannot join T to a neighbouring word, so T is one of
`Document.words`, and lowercased one of `lowered_words`.

The two split differently where a token keeps inner punctuation: "U.S" and "and/or" are one
token and two words, "50%" and "#tag" keep their mark. So a word of the set is a token only
when one of its occurrences has nothing but edge punctuation between it and the whitespace
around it: `is_token` looks for such an occurrence with `str.find`.
"""

from __future__ import annotations

from collections.abc import Iterable

from mtcheck.document import TOKEN_EDGE_PUNCTUATION

EDGE = TOKEN_EDGE_PUNCTUATION


def is_token(text: str, word: str) -> bool:
    """Whether `word` is one of the whitespace-separated tokens of `text` stripped of
    `TOKEN_EDGE_PUNCTUATION` (`word in {t.strip(EDGE) for t in text.split()}`).

    `word` must be non-empty, without whitespace, and start and end with a character outside
    EDGE (a word character). For the lowercased tokens pass `Document.lowered_text`
    (`text.lower()` with the same offsets) and a lowercase word without "σ" (the one letter
    whose lowercase depends on its neighbours): a token lowercases to the word exactly where
    lowered_text holds the word."""
    if f" {word} " in text:  # the usual case: a token between spaces
        return True
    size = len(word)
    i = text.find(word)
    while i != -1:
        if stands_alone(text, i, i + size):
            return True
        i = text.find(word, i + 1)
    return False


def stands_alone(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a whole token with its edge punctuation stripped: nothing
    but TOKEN_EDGE_PUNCTUATION between it and the whitespace (or the ends of the text) around
    it. text[start] and text[end - 1] must not be edge punctuation (see `is_token`)."""
    k = start - 1
    while k >= 0 and text[k] in EDGE:
        k -= 1
    if k >= 0 and not text[k].isspace():
        return False
    n = len(text)
    while end < n and text[end] in EDGE:
        end += 1
    return end == n or text[end].isspace()


def tokens_among(text: str, words: Iterable[str]) -> set[str]:
    """The `words` that are tokens of `text` (see `is_token`)."""
    return {w for w in words if is_token(text, w)}
