"""Closed word classes and data-file loading shared by the MT2xx structure rules."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any, AnyStr

from mtcheck.cache import parsed_toml

DATA_PACKAGE = "mtcheck.data.structure"


@cache
def load_data(name: str) -> dict[str, Any]:
    """A TOML data file from `mtcheck/data/structure/`, parsed once (see `parsed_toml`)."""
    raw = resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    return parsed_toml(raw, f"structure-{name.removesuffix('.toml')}")


@cache
def word_class(name: str) -> frozenset[str]:
    """A closed word class from `word_classes.toml` (lowercase words)."""
    return frozenset(w.lower() for w in load_data("word_classes.toml")[name])


@cache
def word_list(file: str, key: str) -> frozenset[str]:
    """A list of lowercase words from any structure data file."""
    return frozenset(w.lower() for w in load_data(file)[key])


# A word as `Document.words` sees it, for scanning a short stretch of text around a match.
WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# Word boundaries that treat hyphens and apostrophes as inside the word ("in-house").
BEFORE = r"(?<![\w’'-])"
AFTER = r"(?![\w’'-])"


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


_Trie = dict[str, "_Trie"]  # a prefix tree of words: "" marks the end of a word


def alternation_trie(words: Iterable[str]) -> str:
    """The alternation of `alternation(words)` as a prefix tree: "o(?:f(?:f)?|n)" for
    "of", "off", "on".

    It matches what `alternation` matches, longest word first (a longer word is tried
    before the word it extends, and words that differ at a character never match at the
    same place), but the regex engine tests each character once instead of every word."""
    tree: _Trie = {}
    for word in set(words):
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        branches = [re.escape(ch) + emit(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


def words_before(text: str, offset: int, count: int, reach: int = 60) -> list[str]:
    """Up to `count` words right before `offset` on the same line, nearest last.

    The scan stops at punctuation other than a hyphen or apostrophe, so the words returned
    belong to the same phrase."""
    chunk = text[max(0, offset - reach):offset]
    cut = max(chunk.rfind(c) for c in "\n.,;:!?()[]“”\"")
    if cut >= 0:
        chunk = chunk[cut + 1:]
    return WORD_RE.findall(chunk)[-count:]


def find_all(haystack: AnyStr, needle: AnyStr) -> list[int]:
    """Every start offset of `needle` in `haystack`, overlapping ones too (C-speed
    `str.find`/`bytes.find` loop)."""
    out: list[int] = []
    find = haystack.find
    i = find(needle)
    while i != -1:
        out.append(i)
        i = find(needle, i + 1)
    return out
