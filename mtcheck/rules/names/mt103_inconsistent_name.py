"""MT103 inconsistent-name: the same person or place spelled two ways in one article."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache
from itertools import chain
from operator import itemgetter

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.lexicon.frequency import zipf
from mtcheck.lexicon.names import classify_name, curated, fold, geonames_place, levenshtein
from mtcheck.rules.base import Hit, Rule, RuleOptions
from mtcheck.rules.names.tokens import capitalised_words, name_pairs, word_part

# Short names collide too easily (Ali/Aly, Lee/Li can be different people).
MIN_LENGTH = 5
# Two spellings both this common in English are different names (Brian/Bryan, Sergei/Sergey
# can be two people); the rule stays out.
COMMON_NAME_ZIPF = 3.0

# Spelling differences that transliteration variants show and that never separate two
# names: applied in order to the folded word to give its comparison key.
_KEY_STEPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"['’\-\s]", ""),
        (r"(?<=[aeiou])j(?=[aeiou])", "i"),
        (r"kh", "h"),
        (r"x", "ks"),
        (r"ck", "k"),
        (r"ph", "f"),
        (r"w", "v"),
        (r"ou", "u"),
        (r"y", "i"),
        (r"j$", "i"),
        (r"(?<=[aeiou])h$", ""),
        (r"(.)\1+", r"\1"),
    )
)


# A spelling right after these words is part of a proper name in the source language
# ("Banco de México", "Universidad de Córdoba", "Corriere della Sera"), which English copy
# keeps as it is: a capitalised word, then a source-language preposition or article.
_FOREIGN_NAME_BEFORE_RE = re.compile(
    r"\b[A-ZÀ-Þ][\w'’.-]* (?:de la|de las|de los|de|del|della|dello|delle|dei|degli|di|du|des|da|do|dos|das|von|vom|zu|zur|der) $"
)


def _in_foreign_name(text: str, start: int) -> bool:
    """Whether the word at `start` follows a source-language preposition or article after a
    capitalised word: part of a proper name in that language."""
    return _FOREIGN_NAME_BEFORE_RE.search(text, max(0, start - 40), start) is not None


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


@lru_cache(maxsize=65536)
def comparison_key(word: str) -> str:
    """The spelling-insensitive key of a name: "Zelenskyy", "Zelenskiy" -> "zelenski";
    German umlauts count as their ae/oe/ue spelling ("Fäser", "Faeser")."""
    key = fold(word.translate(_UMLAUTS))
    for pattern, rep in _KEY_STEPS:
        key = pattern.sub(rep, key)
    return key


# Near spellings: a vowel slip, s/z or d/t, two letters swapped (Umerov/Umarov,
# Moraes/Morais, Tavares/Tavarez, Lindner/Lintner, Boluarte/Boularte). Their comparison keys
# differ, so they are grouped by a coarser key (first letter, then the consonants, with s for
# z and t for d) and then compared letter by letter. Only long names, only equal lengths.
# Copy that names the other spelling on purpose: "Zelenskiy, also spelled Zelensky",
# "Gaddafi, or Qaddafi", "Kharkiv (or Kharkov)".
_SPELLING_NOTE = (
    r"(?:,? (?:also|otherwise|sometimes|often|formerly) (?:spelled|spelt|written|transliterated|rendered|known as) "
    r"|,? or | \((?:or |also |formerly )?)"
)


def _spelled_on_purpose(text: str, a: str, b: str) -> bool:
    """Whether the text gives one spelling as the other's variant, right after it."""
    return any(
        re.search(rf"\b{re.escape(first)}{_SPELLING_NOTE}{re.escape(second)}\b", text)
        for first, second in ((a, b), (b, a))
    )


NEAR_MIN_LENGTH = 6
NEAR_CONFIDENCE = 0.55
_SKELETON_DROP = re.compile(r"[aeiou]")
_SKELETON_MAP = str.maketrans({"z": "s", "d": "t"})


@lru_cache(maxsize=65536)
def skeleton_key(word: str) -> str:
    """The coarse key of a name for near spellings: "Umerov", "Umarov" -> "umrv"."""
    key = comparison_key(word)
    return key[:1] + _SKELETON_DROP.sub("", key[1:]).translate(_SKELETON_MAP)


def near_spellings(a: str, b: str) -> bool:
    """Whether two comparison keys of equal length differ by one letter, or by two
    neighbouring letters swapped."""
    if len(a) != len(b) or a == b or a[:1] != b[:1]:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 1:
        return True
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


class InconsistentNameRule(Rule):
    """One name spelled two ways in the same article: the translation took one occurrence
    from the source-language copy and another from an English source, or the output mixed
    transliteration systems.

    Bad:  adviser Mykhailo Podolyak said ... Podoliak added that ...
    Fix:  use one spelling throughout: Podolyak.

    The rule reports the spelling that is not an established English form, else the minority
    spelling, else the later one, and suggests the other; a first name spelled two close ways
    before the same surname ("Giorgia Meloni" ... "Georgia Meloni") too. Spellings that
    MT101/MT102 already report (Jarkov, Shoigú) are left to them. Two spellings that are both
    common English names (Brian/Bryan), or first names before different surnames (Vladimir
    Putin, Wladimir Klitschko), may be two people and are not compared; neither are names
    shorter than five letters. Near spellings (a vowel slip, s/z, d/t, two letters swapped:
    Umerov/Umarov, Boluarte/Boularte) count for names of six letters or more when the slip
    occurs once and stands without a first name of its own.

    Source: consistency of proper names is a basic rule of every English news style guide
    (AP Stylebook "names"; Reuters Handbook "Names and titles": use the same spelling
    throughout). Variant equivalences (kh/h, y/i, w/v, ou/u, doubled letters, accents) from
    the transliteration systems the source languages use (see backrules.toml).
    """

    code = "MT103"
    name = "inconsistent-name"
    severity = Severity.WARNING
    summary = "Same name spelled two ways in one article ('Podolyak' ... 'Podoliak')"

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        # Fast path: only when two distinct pieces of the article share a comparison key
        # can a group hold two spellings, and only then is the article gone through word
        # by word. Both pieces' words are among those that `_Variants` found to have a
        # variant spelling in some document seen so far (this one included).
        variants = word_part(doc, "MT103", _Variants)
        words = doc.capitalised_words.keys()
        candidates = words & variants.ambiguous
        if candidates:
            keyed = set(chain.from_iterable(map(variants.pieces.__getitem__, candidates)))
            if len(set(map(itemgetter(1), keyed))) < len(keyed):
                yield from self._spellings(doc, options)
        near = words & variants.near
        if len(near) > 1:
            yield from self._near(doc, near, options)
        yield from self._first_names(doc, options)

    def _near(self, doc: Document, words: set[str], options: RuleOptions) -> Iterator[Hit]:
        """Near spellings of one name (see `near_spellings`): the later or rarer one, when it
        stands alone (a full name "Ida Jensen" beside "Carl Jansen" may be two people)."""
        counts = doc.capitalised_words
        groups: dict[str, dict[str, str]] = {}  # skeleton -> comparison key -> spelling
        for word in words:
            for piece in word.split("-") if "-" in word else (word,):
                if len(piece) >= NEAR_MIN_LENGTH and piece[0].isupper() and not piece.isupper():
                    groups.setdefault(skeleton_key(piece), {}).setdefault(comparison_key(piece), piece)
        text = doc.text
        with_first: set[str] | None = None
        for keys in groups.values():
            if len(keys) < 2:
                continue
            spellings = list(keys.items())
            for i, (ka, a) in enumerate(spellings):
                for kb, b in spellings[i + 1 :]:
                    if not (near_spellings(ka, kb) or near_spellings(fold(a), fold(b))):
                        continue  # (the keys, or the plain letters: "Boluarte"/"Boularte")
                    if zipf(a, "en") >= COMMON_NAME_ZIPF or zipf(b, "en") >= COMMON_NAME_ZIPF:
                        continue  # an ordinary word or a common name on either side
                    located = {s: [sp for sp in _locate(text, s) if not _in_foreign_name(text, sp[0])] for s in (a, b)}
                    if not located[a] or not located[b]:
                        continue
                    # the rarer spelling, else the later one, is the slip
                    best, other = sorted((a, b), key=lambda s: (-counts.get(s, 0), located[s][0][0]))
                    if counts.get(other, 0) > 1 or options.accepts(other) or _owned_by_other_rule(other, options):
                        continue
                    if with_first is None:
                        with_first = {surname for _, surname in name_pairs(doc)}
                    if other in with_first:
                        continue  # a full name of its own: maybe another person
                    yield from _spelling_hits(located[other], other, best, NEAR_CONFIDENCE)

    def _spellings(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        """Each group of pieces that share a comparison key and are spelled two ways."""
        counts: dict[str, int] = {}
        groups: dict[str, list[str]] = {}
        key_of = comparison_key
        for word, n in capitalised_words(doc).items():
            if len(word) < MIN_LENGTH or word.isupper():
                continue
            for piece in word.split("-") if "-" in word else (word,):
                if len(piece) < MIN_LENGTH or not piece[0].isupper():
                    continue
                if piece in counts:
                    counts[piece] += n
                    continue
                counts[piece] = n
                key = key_of(piece)
                group = groups.get(key)
                if group is None:
                    groups[key] = [piece]
                else:
                    group.append(piece)
        surnames: dict[str, set[str]] | None = None
        firsts: dict[str, set[str]] = defaultdict(set)
        for spellings in groups.values():
            if len(spellings) > 1:
                if surnames is None:
                    surnames = defaultdict(set)
                    for first, surname in name_pairs(doc):
                        surnames[first].add(key_of(surname))
                        firsts[surname].add(key_of(first))
                yield from self._group(doc, set(spellings), counts, surnames, firsts, options)

    def _group(
        self,
        doc: Document,
        spellings: set[str],
        counts: dict[str, int],
        surnames: dict[str, set[str]],
        firsts: dict[str, set[str]],
        options: RuleOptions,
    ) -> Iterator[Hit]:
        if all(zipf(s, "en") >= COMMON_NAME_ZIPF for s in spellings):
            return
        text = doc.text
        english = curated().english
        # A spelling inside a source-language proper name ("Banco de México") is that name's
        # own: it neither counts as a second spelling nor outvotes the English one.
        located = {s: [span for span in _locate(text, s) if not _in_foreign_name(text, span[0])]
                   for s in spellings}
        if sum(1 for spans in located.values() if spans) < 2:
            return
        spellings = {s for s in spellings if located[s]}
        counts = {s: len(located[s]) for s in spellings}

        def rank(s: str) -> tuple[int, int, float, int]:
            known = fold(s) in english or geonames_place(s)
            spans = located[s]
            return (int(known), counts[s], zipf(s, "en"), -(spans[0][0] if spans else 0))

        best = max(spellings, key=rank)
        for s in sorted(spellings - {best}):
            if options.accepts(s) or _owned_by_other_rule(s, options):
                continue
            if surnames.get(s) and surnames.get(best) and not surnames[s] & surnames[best]:
                continue  # first names of different people (Vladimir Putin, Wladimir Klitschko)
            if firsts.get(s) and firsts.get(best) and not firsts[s] & firsts[best]:
                continue  # surnames of different people (Maria Lopez, Manuel López Obrador)
            if _spelled_on_purpose(text, s, best):
                continue
            confidence = 0.75 if rank(best)[0] and not rank(s)[0] else 0.6
            yield from _spelling_hits(located[s], s, best, confidence)

    def _first_names(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        """A first name spelled two close ways before the same surname ("Giorgia Meloni" ...
        "Georgia Meloni"): the translation turned one occurrence into a word or another name."""
        # Count the pairs at C level; only surnames with two or more first names matter.
        # Counter keeps first-seen order, so `by_surname` lists surnames, and each one's
        # first names, in text order as a word-by-word pass would (ties in the sort below
        # keep that order).
        pairs = name_pairs(doc)
        if not _may_pair(pairs):
            return
        counted = Counter(pairs)
        surnames = Counter(map(itemgetter(1), counted))
        by_surname: dict[str, dict[str, int]] = {}
        for (first, surname), n in counted.items():
            if surnames[surname] > 1:
                by_surname.setdefault(surname, {})[first] = n
        text = doc.text
        for surname, firsts in by_surname.items():
            names = sorted(firsts, key=lambda s: (-firsts[s], zipf(s, "en")))
            best = names[0]
            for other in names[1:]:
                if not _close_first_names(best, other):
                    continue
                if options.accepts(other) or _owned_by_other_rule(other, options):
                    continue
                for start, _ in _locate(text, f"{other} {surname}"):
                    yield Hit(
                        start,
                        start + len(other),
                        f"'{other}' is spelled '{best}' before the same surname elsewhere in this article; use one spelling",
                        suggestions=(best,),
                        confidence=0.6,
                        data={"other_spelling": best},
                    )


def _spelling_hits(spans: list[tuple[int, int]], other: str, best: str, confidence: float) -> Iterator[Hit]:
    """One finding per place where `other` stands for the article's `best` spelling."""
    for start, end in spans:
        yield Hit(
            start,
            end,
            f"'{other}' is spelled '{best}' elsewhere in this article; use one spelling",
            suggestions=(best,),
            confidence=confidence,
            data={"other_spelling": best},
        )


def _locate(text: str, phrase: str) -> list[tuple[int, int]]:
    r"""Spans of `phrase` as whole words (not inside a longer word) in `text`: neither
    character around it is a letter or digit. (What finditer of
    `(?<![^\W_])PHRASE(?![^\W_])` gives, where `[^\W_]` is `str.isalnum`; found with
    `str.find`, as a regex per phrase would be compiled anew in most documents.)"""
    spans: list[tuple[int, int]] = []
    size = len(phrase)
    n = len(text)
    i = text.find(phrase)
    while i != -1:
        end = i + size
        if (i == 0 or not text[i - 1].isalnum()) and (end == n or not text[end].isalnum()):
            spans.append((i, end))
            i = text.find(phrase, end)
        else:
            i = text.find(phrase, i + 1)
    return spans


def _may_pair(pairs: list[tuple[str, str]]) -> bool:
    """Whether some surname comes after two first names of four letters or more that start
    with the same letter (as `fold` sees it): `_close_first_names` holds for no other two
    names, so without such a surname `_first_names` has nothing to report. Most articles
    have none, and this costs a few set operations."""
    distinct = set(pairs)
    if len(distinct) == len(set(map(itemgetter(1), distinct))):
        return False  # each surname after one first name only (the test below, at C level)
    long = {p for p in distinct if len(p[0]) >= 4}
    if len(long) == len(set(map(itemgetter(1), long))):
        return False  # each surname after one such first name only
    # `fold` of an ASCII letter is its lowercase.
    initials = {(s, f[0].lower() if f[0] < "\x80" else fold(f[0])) for f, s in long}
    return len(initials) < len(long)


def _close_first_names(a: str, b: str) -> bool:
    if len(a) < 4 or len(b) < 4 or fold(a[0]) != fold(b[0]):
        return False
    if zipf(a, "en") >= COMMON_NAME_ZIPF and zipf(b, "en") >= COMMON_NAME_ZIPF:
        return False  # two ordinary names or words ("When"/"Then", "Brian"/"Bryan")
    fa, fb = fold(a), fold(b)
    if fa.rstrip("aeo") == fb.rstrip("aeo"):
        return fa == fb  # Daniel/Daniela are two people; Luis/Luís one
    distance = levenshtein(fa, fb, 2)
    return distance <= min(2, len(fa) // 3)


def _pieces(word: str) -> tuple[tuple[str, str], ...]:
    """The pieces of a capitalised word the rule compares (the word, or the parts of a
    hyphenated one, long enough and capitalised), each with its comparison key."""
    if len(word) < MIN_LENGTH or word.isupper():
        return ()
    return tuple(
        (piece, comparison_key(piece))
        for piece in (word.split("-") if "-" in word else (word,))
        if len(piece) >= MIN_LENGTH and piece[0].isupper()
    )


class _Variants:
    """The capitalised words seen so far (see `WordIndex`) that hold a piece whose
    comparison key another piece, of any word seen, shares ("Podolyak", "Podoliak")."""

    def __init__(self) -> None:
        self.pieces: dict[str, tuple[tuple[str, str], ...]] = {}  # word -> its (piece, key)s
        self.ambiguous: set[str] = set()
        self._spellings: dict[str, set[str]] = {}  # key -> pieces
        self._words: dict[str, set[str]] = {}  # piece -> words holding it
        # words holding a long piece whose skeleton key a piece with another comparison key
        # shares ("Umerov", "Umarov"): `_near` compares them
        self.near: set[str] = set()
        self._skeletons: dict[str, dict[str, set[str]]] = {}  # skeleton -> key -> pieces
        self._near_pieces: set[str] = set()

    def add(self, word: str) -> None:
        pieces = _pieces(word)
        if not pieces:
            return
        self.pieces[word] = pieces
        for piece, key in pieces:
            self._words.setdefault(piece, set()).add(word)
            spellings = self._spellings.setdefault(key, set())
            spellings.add(piece)
            if len(spellings) > 1:
                for spelling in spellings:
                    self.ambiguous.update(self._words[spelling])
            if len(piece) >= NEAR_MIN_LENGTH:
                if piece in self._near_pieces:
                    self.near.add(word)
                keys = self._skeletons.setdefault(skeleton_key(piece), {})
                if key not in keys:
                    # (only pairs `_near` can report: most shared skeletons are two words,
                    # "Minister" and "Ministry", that `near_spellings` tells apart)
                    folded = fold(piece)
                    for other_key, held in keys.items():
                        for other in held:
                            if near_spellings(key, other_key) or near_spellings(folded, fold(other)):
                                self._near_pieces.update((piece, other))
                                self.near.update(self._words[other])
                                self.near.add(word)
                keys.setdefault(key, set()).add(piece)


def _owned_by_other_rule(word: str, options: RuleOptions) -> bool:
    """Whether MT101 (a source spelling) or MT102 (a source accent) reports the word."""
    return classify_name(word, options.source_languages) is not None
