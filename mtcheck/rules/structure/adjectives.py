"""Adjective recognition without a tagger: closed lists plus suffix and plural-frequency evidence."""

from __future__ import annotations

from functools import cache

from mtcheck.lexicon.frequency import zipf
from mtcheck.rules.structure.word_classes import load_data, word_list

_FILE = "adjectives.toml"
# Endings that mark an adjective in the noun slot of "NOUN ADJ" (then the pair is a stack of
# adjectives, "the toxic chemical", not a postposed adjective).
_ADJECTIVE_ENDINGS = ("al", "ive", "ous", "ary", "ory", "ful", "ic", "ible", "able", "ent", "ant", "ish", "less")


def plural(word: str) -> str:
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


@cache
def is_adjective(word: str) -> bool:
    """Whether a lowercase word is an adjective English does not postpose.

    Listed words count; otherwise a word with an adjective ending (-al, -ive, -ous, -ary,
    -ory, -ful) counts when it is a common English word whose plural is rare (a noun such as
    "proposal" has a plural, an adjective such as "structural" has none).
    """
    if word in word_list(_FILE, "postposable") or "-" in word and word.split("-")[-1] in word_list(_FILE, "postposable"):
        return False
    if word in word_list(_FILE, "never_postposed"):
        return True
    data = load_data(_FILE)
    if word in word_list(_FILE, "suffix_nouns") or word in word_list(_FILE, "adjective_nouns"):
        return False
    if not word.endswith(tuple(data["suffixes"])):
        return False
    if zipf(word) < float(data["min_zipf"]):
        return False
    return zipf(plural(word)) < float(data["plural_zipf_max"])


@cache
def is_comparative_adjective(word: str) -> bool:
    """Whether a word can follow a postposed "more" ("a text more firm")."""
    return word in word_list(_FILE, "after_more") or is_adjective(word)


def adjective_in_some_casing(word: str) -> bool:
    """Whether a lowercase word, however it is written, may be an adjective of
    `is_comparative_adjective`: `is_comparative_adjective(word)` for the word written in
    lowercase; written with a capital inside ("nuClear"), the listed words (all lowercase)
    cannot be, and `is_adjective` needs an ending of `suffixes` (lowercase, so the
    lowercased word has it too) and the Zipf tests, whose answers do not depend on the
    case (`zipf` casefolds, and `casefold(lower(x)) == casefold(x)`; `plural` changes
    the ending only)."""
    if is_comparative_adjective(word):
        return True
    data = load_data(_FILE)
    return (word.endswith(tuple(data["suffixes"])) and zipf(word) >= float(data["min_zipf"])
            and zipf(plural(word)) < float(data["plural_zipf_max"]))


@cache
def looks_adjectival(word: str) -> bool:
    """Whether a word in the noun slot may itself be an adjective ("the toxic chemical")."""
    if word in word_list(_FILE, "never_postposed"):
        return True
    if word.endswith("s") and not word.endswith(("ous", "ss", "us", "is")):
        return False  # a plural noun
    if word in word_list(_FILE, "prenominal_only") or word in word_list(_FILE, "adjective_nouns"):
        return True
    return word.endswith(_ADJECTIVE_ENDINGS) and word not in word_list(_FILE, "suffix_nouns")
