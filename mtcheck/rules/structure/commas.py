"""The words right before the commas of a document, read once for MT201 and MT203.

Both rules look at what comes right before a comma: MT203 at a determiner ("the, "), MT201
at a function word that ends a quotation ("... of the”, said"). Each used to scan the
reversed text for commas on its own; one regex with both alternatives after the comma
scans it once (the scan is most of the cost: commas are frequent, matches are rare). The
alternatives cannot both match at one comma: the first needs a letter right after the
comma and one optional space (read backwards), the second a quotation mark after
whitespace.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any

from mtcheck.document import Document
from mtcheck.rules.structure.word_classes import alternation_trie, word_class
from mtcheck.rules.structure.word_tags import reversed_lowered_text


@cache
def _function_word_data() -> dict[str, Any]:
    raw = resources.files("mtcheck.data.lexicon").joinpath("function_words.toml").read_text("utf-8")
    return tomllib.loads(raw)


@cache
def function_words() -> tuple[frozenset[str], frozenset[str]]:
    """MT201's function words: (never at the end of a sentence, rarely there)."""
    data = _function_word_data()
    return frozenset(data["never_final"]), frozenset(data["rarely_final"])


@cache
def final_after() -> dict[str, frozenset[str]]:
    """MT201: a word of `never_final` -> the words after which it may end a sentence
    ("made of.")."""
    return {w: frozenset(before) for w, before in _function_word_data().get("final_after", {}).items()}


@cache
def reversed_determiners() -> str:
    """The determiners of MT203, reversed, as an alternation (any one of them)."""
    return alternation_trie(d[::-1] for d in word_class("noun_determiners"))


@cache
def reversed_function_words() -> str:
    """MT201's function words, reversed, as an alternation (longest first)."""
    never, rarely = function_words()
    return alternation_trie(w[::-1] for w in never | rarely)


@cache
def _comma_re() -> re.Pattern[str]:
    """On the reversed lowered text, a comma and then (read backwards):
    - `space`: one optional space and a determiner that no word character precedes
      (MT203: "the,", "a ,"; not "Africa,", where a longer word ends: the caller checks
      that a determiner is the word there, which a word character before it rules out);
    - `quote`: whitespace, a quotation mark, spaces or tabs and a function word that is
      the whole run of letters there (MT201: `of the”,`)."""
    return re.compile(
        f",(?:(?P<space> ?)(?:{reversed_determiners()})(?!\\w)"
        f"|\\s*(?P<quote>[\"”])[ \\t]*(?:{reversed_function_words()})(?![a-z]))"
    )


def comma_matches(doc: Document) -> list[re.Match[str]]:
    """The matches of `_comma_re` on `reversed_lowered_text(doc)`, kept with the document."""
    return doc.derived(_comma_matches)


def _comma_matches(doc: Document) -> list[re.Match[str]]:
    return list(_comma_re().finditer(reversed_lowered_text(doc)))
