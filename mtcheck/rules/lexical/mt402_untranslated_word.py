"""MT402 untranslated-word: a source-language word or phrase left in the English ("según", "selon", "laut")."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from mtcheck.cache import parsed_toml
from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.lexicon.frequency import zipf
from mtcheck.rules.base import SOURCE_LANGUAGES, Hit, Rule, RuleOptions
from mtcheck.rules.lexical.calques import LANGUAGE_NAMES
from mtcheck.rules.lexical.common_english import common_english, foreign_ascii_candidates
from mtcheck.rules.lexical.literals import has_case_trap
from mtcheck.rules.lexical.tokens import is_token, tokens_among

# wordfreq thresholds for a word found by frequency alone: common in a source language and
# far rarer in English. Loanwords such as café, fiancé, régime, protégé have English Zipf
# >= 3 or a small margin, so they fail the test even before the loanword list is read.
SOURCE_MIN_ZIPF = 2.5
# A neighbour joins a run when it is this much (Zipf) commoner in the source language than
# in English, and not a common English word at all.
FOREIGN_MARGIN = 2.5
ENGLISH_CEILING = 3.0
STRONG_CONFIDENCE = 0.85
# Plain-ASCII words are easier to confuse with rare English ones: stricter tests, lower
# confidence (measured on the clean fixtures: no hits).
ASCII_MIN_LENGTH = 5
ASCII_ENGLISH_MAX_ZIPF = 1.5
ASCII_SOURCE_MIN_ZIPF = 3.0
ASCII_CONFIDENCE = 0.5
ASCII_CONFIRMED_CONFIDENCE = 0.65
# Latinate derivations shared by English and the Romance languages ("instrumentalisation",
# "interpellations"): a rare English spelling, not an untranslated word.
_SHARED_SUFFIXES = (
    "tion", "tions", "sion", "sions", "ment", "ments", "ity", "ities", "ism", "isms", "ist",
    "ists", "ance", "ances", "ence", "ences", "able", "ible", "ous", "ive", "ives", "ize",
    "ise", "ized", "ised", "izing", "ising", "ical", "ally",
)
FREQUENCY_CONFIDENCE = 0.6
CONFIRMED_CONFIDENCE = 0.8

_WORD_CHARS = r"[^\W\d_]"
_NEXT_WORD = re.compile(r"\s+([a-zà-öø-ÿœß][^\W\d_]*)(?![\w'’-])")
_PREV_WORD = re.compile(r"(?<![\w'’-])([a-zà-öø-ÿœß][^\W\d_]*)\s+$")
# how far a run grows into neighbouring words that are foreign by frequency alone
MAX_EXTENSION = 4
_FIRST_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")  # as Document.words tokenises
_NON_ASCII = re.compile(r"[^\x00-\x7f’“”–—…«»]")
_PUNCTUATION_OK = "’“”–—…«»"  # the non-ASCII characters _NON_ASCII leaves out
_ANY_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CHUNK = 256  # chunks tested with str.isascii, then their eighths
_WORD_REST = re.compile(r"[^\W\d_]*")
_WORDLIKE = re.compile(r"[\w'’-]").match
_NUMBER_BEFORE = re.compile(r"\d\s*$")
_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’.-]*$")
# Document.words' tokeniser (`_WORD_SPLIT_RE` in mtcheck/document.py): the gates below test
# whether a listed word occurs as one of the document's words.
_DOC_WORD = re.compile(r"\w+(?:['’-]\w+)*")
# The one character whose `str.lower` is longer than itself ("İ" -> "i̇"; checked by a test):
# with it `text.lower()` shifts offsets and MT402 lowercases character by character instead.
_LONG_LOWER = "\u0130"


def _non_ascii_offsets(text: str) -> Iterator[int]:
    """The offsets of `_NON_ASCII.finditer(text)`, faster: sre tests a character class at
    every offset (~50 µs an article), while the allowed punctuation is replaced in C
    (same length), ASCII-only chunks are skipped by `str.isascii` and the class runs on the
    rest only."""
    for ch in _PUNCTUATION_OK:
        text = text.replace(ch, " ")
    if text.isascii():
        return
    step = _CHUNK // 8
    for lo in range(0, len(text), _CHUNK):
        if not text[lo : lo + _CHUNK].isascii():
            for sub in range(lo, lo + _CHUNK, step):
                if not text[sub : sub + step].isascii():
                    for m in _ANY_NON_ASCII.finditer(text, sub, sub + step):
                        yield m.start()


@dataclass(frozen=True, slots=True)
class _Entry:
    languages: dict[str, str]  # language -> English translation
    kind: str  # "any", "lower" or "upper"


@dataclass(frozen=True)
class _Lexicon:
    entries: dict[str, _Entry]  # casefolded phrase -> entry ("any" and "lower" kinds)
    by_first_word: dict[str, list[str]]  # first word -> the phrases it may start
    first_words: frozenset[str]  # by_first_word's keys
    weak: dict[str, frozenset[str]]  # weak word -> its languages (they only extend runs)
    loanwords: re.Pattern[str]
    # phrase -> its words after the first: a match has each of them as a document word
    later_words: dict[str, frozenset[str]]
    loan_list: tuple[str, ...]  # the loanwords, in file order
    # a loanword's longest word -> (its index in loan_list, its words) for each loanword it
    # belongs to (None: some loanword is not made of document words: no loanword gate)
    loan_words: dict[str, list[tuple[int, frozenset[str]]]] | None
    loan_keys: frozenset[str]  # loan_words' keys
    _compiled: dict[str, re.Pattern[str]] = field(default_factory=dict)
    _subsets: dict[tuple[str, ...], re.Pattern[str]] = field(default_factory=dict)
    _loan_subsets: dict[tuple[int, ...], re.Pattern[str]] = field(default_factory=dict)

    def phrases_starting(self, word: str) -> re.Pattern[str]:
        """One pattern for the listed phrases that start with `word`, compiled the first
        time the word occurs (compiling all ~150 up front cost ~70 ms of start-up).
        Lowercase literals searched in the lowercased text: the literal prefix keeps re fast;
        the word boundary before a match is checked on the (rare) matches."""
        compiled = self._compiled.get(word)
        if compiled is None:
            compiled = self._compiled[word] = re.compile(
                rf"(?:{_phrase_regex(self.by_first_word[word])})(?![\w'’-])"
            )
        return compiled

    def phrases_present(self, word: str, doc_words: frozenset[str]) -> re.Pattern[str] | None:
        """`phrases_starting(word)` without the phrases that cannot occur in the document,
        None when none can. A phrase's later words are preceded by whitespace and followed by
        whitespace or a non-word character in a match, so each is one of the document's
        words: a phrase with a later word missing from `doc_words` (the lowercased document
        words) matches nowhere, and leaving it out of the alternation changes no match.
        Only valid when the text has no `_LONG_LOWER` character."""
        phrases = self.by_first_word[word]
        present = tuple(p for p in phrases if self.later_words[p] <= doc_words)
        if len(present) == len(phrases):
            return self.phrases_starting(word)
        if not present:
            return None
        compiled = self._subsets.get(present)
        if compiled is None:
            compiled = self._subsets[present] = re.compile(
                rf"(?:{_phrase_regex(list(present))})(?![\w'’-])"
            )
        return compiled


def _phrase_regex(phrases: list[str]) -> str:
    alts = sorted(phrases, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in alts)


@cache
def _lexicon() -> _Lexicon:
    pkg = resources.files("mtcheck.data.untranslated")
    data: dict[str, Any] = parsed_toml(pkg.joinpath("function_words.toml").read_text("utf-8"), "function-words")
    entries: dict[str, _Entry] = {}
    weak: dict[str, set[str]] = {}
    rank = {"any": 2, "lower": 1, "upper": 0}
    for lang, tables in data.items():
        for kind, words in tables.items():
            for phrase, english in words.items():
                key = phrase.casefold()
                if kind == "weak":
                    weak.setdefault(key, set()).add(lang)
                    continue
                old = entries.get(key)
                langs = dict(old.languages) if old else {}
                langs[lang] = english
                # a phrase listed in several languages keeps its strongest kind
                best = kind if old is None or rank[kind] > rank[old.kind] else old.kind
                entries[key] = _Entry(langs, best)
    grouped: dict[str, list[str]] = {}
    for phrase in entries:
        first = _FIRST_WORD.match(phrase)
        if first:
            grouped.setdefault(first.group(), []).append(phrase)
    by_first_word = grouped
    later_words = {p: frozenset(p.split(" ")[1:]) for p in entries}
    if not all(_DOC_WORD.fullmatch(w) for words in later_words.values() for w in words):
        later_words = {p: frozenset() for p in entries}  # a phrase not made of words: no gate
    loans: dict[str, Any] = parsed_toml(pkg.joinpath("loanwords.toml").read_text("utf-8"), "loanwords")
    loanwords = [w for words in loans.values() for w in words]
    loan_re = _loan_regex(loanwords)
    loan_words = _loan_words(loanwords)
    return _Lexicon(
        entries,
        by_first_word,
        frozenset(by_first_word),
        {k: frozenset(v) for k, v in weak.items()},
        loan_re,
        later_words,
        tuple(loanwords),
        loan_words,
        frozenset(loan_words or ()),
    )


def _loan_regex(loanwords: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'’-])(?:{_phrase_regex(loanwords)})(?![\w'’-])", re.IGNORECASE)


def _loan_words(loanwords: list[str]) -> dict[str, list[tuple[int, frozenset[str]]]] | None:
    """Each loanword as its index and the set of lowercased document words that any match
    of it consists of (see `_loan_pattern`), filed under its longest word. None when a
    loanword has a part that is not one word (after leading apostrophes), or a letter whose
    case-insensitive match `str.lower` does not reproduce."""
    from re._casefix import _EXTRA_CASES  # letters with more than two case variants

    # ("i" and "s" are among them: their odd variants are CASE_TRAPS, checked in the text)
    odd = {chr(c) for c in _EXTRA_CASES if c > 0x7F} | set(_LONG_LOWER)
    by_word: dict[str, list[tuple[int, frozenset[str]]]] = {}
    for i, loan in enumerate(loanwords):
        parts = [part.lstrip("'’-") for part in loan.split(" ")]
        if not all(_DOC_WORD.fullmatch(part) for part in parts) or odd & set(loan):
            return None
        words = frozenset(part.lower() for part in parts)
        by_word.setdefault(max(parts, key=len).lower(), []).append((i, words))
    return by_word


def _loan_pattern(lex: _Lexicon, doc: Document, start: int, end: int) -> re.Pattern[str] | None:
    """The loanword pattern without the loanwords that cannot match in text[start:end]
    (searched with pos=start, endpos=end), which finds the same matches there; None when no
    loanword can match. For a text without a CASE_TRAPS character.

    A loanword match begins after a non-word character and each of its parts is followed by
    whitespace or, at its end, by a character that is neither a word character nor an
    apostrophe or hyphen. So each part is one of Document.words (after a leading apostrophe),
    starting in [start, end), and lowercased it is the part lowercased: no CASE_TRAPS
    character (literals.py: "ı" matches "i" case-insensitively), and where a word crosses
    `end` (the endpos cut lets a match end inside a longer word) its part before the cut, as
    the tokeniser reads text[:end], is added. A loanword left out of the alternation matches
    at no offset of the window, so the others match as before."""
    table = lex.loan_words
    if table is None:
        return lex.loanwords
    starts = doc.word_starts
    first = bisect_left(starts, start)
    last = bisect_left(starts, end)
    window = set(doc.lowered_words[first:last])
    if last > first and doc.word_ends[last - 1] > end:  # a word crosses the cut
        cut = _DOC_WORD.match(doc.text, starts[last - 1], end)
        if cut is not None:
            window.add(cut.group().lower())
    possible = sorted(
        i for word in window.intersection(lex.loan_keys) for i, words in table[word] if words <= window
    )
    if not possible:
        return None
    key = tuple(possible)
    pattern = lex._loan_subsets.get(key)
    if pattern is None:
        pattern = lex._loan_subsets[key] = _loan_regex([lex.loan_list[i] for i in possible])
    return pattern


def _lowercase_tokens(doc: Document, candidates: frozenset[str] | None) -> set[str]:
    """The words `_ascii_tokens` tests: the tokens (whitespace-separated, edge punctuation
    stripped) that are their own lowercase form, among `candidates` when given, else among
    the lowercase ASCII words of ASCII_MIN_LENGTH letters or more outside `common_english()`
    (only those pass its first tests; `candidates` holds no others).

    Such a token is one of the document's words, lowercased itself, so it is in
    `lowered_word_set` (mtcheck.rules.lexical.tokens): the candidates or the spelling tests
    leave a few words there, and `is_token` on the text itself (not lowercased) keeps those
    that stand as tokens."""
    words: Iterable[str]
    if candidates is not None:
        words = doc.lowered_word_set & candidates
    else:
        words = {
            w for w in doc.lowered_word_set - common_english()
            if len(w) >= ASCII_MIN_LENGTH and w.isascii() and w.isalpha()
        }
    return tokens_among(doc.text, words)


def _ascii_candidates() -> frozenset[str] | None:
    """The words that pass `_ascii_tokens`' wordfreq and spelling tests for some source
    language (None without wordfreq): the words of a document outside this set would be
    skipped by those tests anyway, and one set intersection in C finds the rest."""
    return foreign_ascii_candidates(
        ASCII_MIN_LENGTH, ASCII_ENGLISH_MAX_ZIPF, ASCII_SOURCE_MIN_ZIPF, FOREIGN_MARGIN,
        _SHARED_SUFFIXES,
    )


# Reading the ~80,000 candidates costs ~20 ms, as much as the per-word tests on a few dozen
# documents: they are read once this many documents have been checked, so that a run on
# one file starts as fast as before. Both ways give the same tokens.
CANDIDATES_AFTER = 8
_checked = 0


def _ascii_candidates_when_worth_it() -> frozenset[str] | None:
    global _checked
    if _checked < CANDIDATES_AFTER:
        _checked += 1
        return None
    return _ascii_candidates()


@cache
def _detector(languages: frozenset[str]) -> Any:
    """lingua's detector for English plus the enabled source languages (low-accuracy mode:
    ~80 ms to load, ~5 ms a span; high-accuracy mode costs ~0.8 s and ~60 ms)."""
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:  # pragma: no cover - lingua is a declared dependency
        return None
    names = {"en": Language.ENGLISH, "es": Language.SPANISH, "fr": Language.FRENCH,
             "it": Language.ITALIAN, "de": Language.GERMAN, "pt": Language.PORTUGUESE}
    langs = [names["en"]] + [names[code] for code in sorted(languages) if code in names]
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


@cache
def _detected(word: str, languages: frozenset[str]) -> str | None:
    detector = _detector(languages)
    if detector is None:
        return None
    values = detector.compute_language_confidence_values(word)
    if not values:
        return None
    codes = {"ENGLISH": "en", "SPANISH": "es", "FRENCH": "fr", "ITALIAN": "it",
             "GERMAN": "de", "PORTUGUESE": "pt"}
    return codes.get(values[0].language.name)


@dataclass
class _Token:
    start: int
    end: int
    languages: dict[str, str | None]  # language -> translation (None: unknown)
    kind: str  # "any", "lower", "upper", "frequency"
    confidence: float


class UntranslatedWordRule(Rule):
    """A word or phrase of the source language left in the English text: machine
    translation passes through what it does not parse, and post-editors miss it.

    Bad:  The ministry, según the statement, will appeal.
    Bad:  The plan was approved by the council de la ciudad.
    Fix:  The ministry will appeal, according to the statement. / by the city council.

    Found three ways: a curated list of function words, connectives and acronyms that are
    never English (`mtcheck/data/untranslated/function_words.toml`); lowercase words with
    source-language accents ("declaró", "ministère"); and lowercase plain-ASCII words
    outside the 12,000 commonest English ones ("pourvoi", "manovra"). The last two must be
    common in a source language and all but absent from English (wordfreq), and lingua must
    not call them English. Short function words next to a finding join it ("Selon le
    ministère"). Established loanwords and names never fire (`loanwords.toml`: coup d'état,
    per se, junta, Bundestag, Realpolitik, São Paulo), nor do capitalised words or name
    particles between capitalised words ("Óscar de la Hoya", "Lula da Silva").

    Source: the data files named above (own knowledge of the five languages, checked
    against wordfreq); wordfreq (Speer 2022) for frequencies; lingua for identification.
    """

    code = "MT402"
    name = "untranslated-word"
    severity = Severity.WARNING
    summary = "Source-language word left untranslated ('según', 'selon', 'laut')"
    languages = frozenset(SOURCE_LANGUAGES)

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        lex = _lexicon()
        langs = options.source_languages
        text = doc.text
        tokens: list[_Token] = []
        # which listed first words occur as tokens (whitespace-separated, edge punctuation
        # stripped), then one regex per word that does, over the phrases whose later words
        # occur too. Such a token is one of the document's words (C-level set work), and
        # `is_token` tells which (see mtcheck.rules.lexical.tokens), asked only of the words
        # with a phrase that can occur.
        first_words = doc.lowered_word_set & lex.first_words
        trap = has_case_trap(text)  # CASE_TRAPS holds _LONG_LOWER
        if trap and _LONG_LOWER in text:  # a rare letter whose lowercase is longer ("İ")
            lowered = "".join(ch.lower()[0] for ch in text)
            patterns = [
                lex.phrases_starting(w) for w in first_words if is_token(doc.lowered_text, w)
            ]
        else:
            lowered = doc.lowered_text  # text.lower(): same length as text
            doc_words = doc.lowered_word_set
            patterns = [
                p for w in first_words
                if (p := lex.phrases_present(w, doc_words)) and is_token(lowered, w)
            ]
        matches = sorted(
            (
                (m.start(), m.end(), m.group())
                for pattern in patterns
                for m in pattern.finditer(lowered)
                if m.start() == 0 or not _WORDLIKE(lowered[m.start() - 1])
            ),
            key=lambda m: (m[0], -m[1]),
        )
        covered = 0  # end of the last listed phrase: words inside it are done
        for m in matches:
            if m[0] < covered:
                continue
            tok = self._listed_token(lex, text, m, langs)
            if tok is not None:
                tokens.append(tok)
                covered = tok.end
        listed = {t.start for t in tokens}
        # lowercase words with a non-ASCII letter (capitalised ones are names)
        done = -1
        for offset in _non_ascii_offsets(text):
            if offset < done:
                continue
            start = _word_start(text, offset)
            end = _WORD_REST.match(text, offset).end()  # type: ignore[union-attr]
            done = end
            word = text[start:end]
            if start in listed or not word[:1].islower():
                continue
            tok = self._frequency_token(word, start, langs)
            if tok is not None:
                tokens.append(tok)
        spans = [(t.start, t.end) for t in tokens]
        lower_words = _lowercase_tokens(doc, _ascii_candidates_when_worth_it())
        tokens.extend(
            t for t in self._ascii_tokens(text, lower_words, langs)
            if not any(a < t.end and t.start < b for a, b in spans)
        )
        if not tokens:
            return
        tokens.sort(key=lambda t: t.start)
        gate_loans = not trap
        for run in _runs(text, tokens, lex.weak):
            hit = self._run_hit(doc, run, options, gate_loans)
            if hit is not None:
                yield hit

    @staticmethod
    def _listed_token(
        lex: _Lexicon, text: str, m: tuple[int, int, str], langs: frozenset[str]
    ) -> _Token | None:
        """A token for a listed phrase found at `m` (start, end, lowercased phrase)."""
        start, end, phrase = m
        entry = lex.entries[re.sub(r"\s+", " ", phrase)]
        enabled = {k: v for k, v in entry.languages.items() if k in langs}
        if not enabled:
            return None
        original = text[start:end]
        if entry.kind == "upper":
            if not original.isupper() or _NUMBER_BEFORE.search(text, max(0, start - 12), start):
                return None
        elif entry.kind == "lower" and not original.islower():
            return None
        if entry.kind == "lower" and _between_names(text, start, end):
            return None
        return _Token(start, end, dict(enabled), entry.kind, STRONG_CONFIDENCE)

    @staticmethod
    def _frequency_token(word: str, start: int, langs: frozenset[str]) -> _Token | None:
        found = _foreign_languages(word, langs)
        if not found:
            return None
        detected = _detected(word, langs)
        if detected == "en":
            return None
        conf = CONFIRMED_CONFIDENCE if detected in langs else FREQUENCY_CONFIDENCE
        if detected in found:
            found = {detected}
        return _Token(start, start + len(word), dict.fromkeys(found), "frequency", conf)

    @staticmethod
    def _ascii_tokens(text: str, lower_words: Set[str], langs: frozenset[str]) -> Iterator[_Token]:
        """Lowercase ASCII words that are common in a source language and all but absent
        from English ("pourvoi", "manovra", "prefeitura"): the wordfreq test, asked only
        for words outside the most frequent English ones, confirmed by lingua."""
        common = common_english()
        if not common:
            return
        for word in lower_words - common:
            if (
                len(word) < ASCII_MIN_LENGTH
                or not word.isascii()
                or not word.isalpha()
                or word.endswith(_SHARED_SUFFIXES)
            ):
                continue
            if zipf(word, "en") >= ASCII_ENGLISH_MAX_ZIPF:
                continue
            found = {
                lang for lang in langs
                if zipf(word, lang) >= ASCII_SOURCE_MIN_ZIPF
                and zipf(word, lang) - zipf(word, "en") >= FOREIGN_MARGIN
            }
            if not found:
                continue
            detected = _detected(word, langs)
            if detected == "en":
                continue
            conf = ASCII_CONFIRMED_CONFIDENCE if detected in found else ASCII_CONFIDENCE
            if detected in found:
                found = {detected}
            # the word as a whole word: (?<![\w'’-])word(?![\w'’-]) without compiling it
            n = len(word)
            i = text.find(word)
            while i != -1:
                j = i + n
                if (i == 0 or not _WORDLIKE(text[i - 1])) and (j == len(text) or not _WORDLIKE(text[j])):
                    yield _Token(i, j, dict.fromkeys(found), "frequency", conf)
                    i = text.find(word, j)
                else:
                    i = text.find(word, i + 1)

    def _run_hit(
        self, doc: Document, run: list[_Token], options: RuleOptions, gate_loans: bool = False
    ) -> Hit | None:
        """The finding for a run of tokens, None when it is accepted or overlaps a loanword.
        `gate_loans`: the text has no CASE_TRAPS character, so the loanword pattern may leave
        out the loanwords that cannot occur (`_loan_pattern`)."""
        text = doc.text
        start, end = run[0].start, run[-1].end
        languages = set(run[0].languages)
        for t in run[1:]:
            languages = (languages & set(t.languages)) or languages | set(t.languages)
        start, end, languages = _extend(text, start, end, languages, _lexicon().weak)
        span = text[start:end]
        strongest = max(t.confidence for t in run)
        if options.accepts(span) or any(options.accepts(text[t.start : t.end]) for t in run):
            return None
        window_start = max(0, start - 40)
        window_end = min(len(text), end + 40)
        lex = _lexicon()
        loans = _loan_pattern(lex, doc, window_start, window_end) if gate_loans else lex.loanwords
        if loans is not None:
            for loan in loans.finditer(text, window_start, window_end):
                if loan.start() < end and loan.end() > start:
                    return None
        names = " or ".join(LANGUAGE_NAMES[code] for code in sorted(languages))
        suggestions: tuple[str, ...] = ()
        if len(run) == 1 and (start, end) == (run[0].start, run[0].end):
            translations = {v for v in run[0].languages.values() if v}
            suggestions = tuple(sorted(translations))
        message = f"'{span}' looks like untranslated {names}"
        if suggestions:
            message += f" ('{suggestions[0]}')"
        return Hit(
            start,
            end,
            message,
            suggestions=suggestions,
            confidence=strongest,
            data={"languages": sorted(languages)},
        )


def _runs(text: str, tokens: list[_Token], weak: dict[str, frozenset[str]]) -> Iterator[list[_Token]]:
    """Tokens separated only by spaces and short function words ("Selon le ministère")
    form one run (one finding)."""
    run = [tokens[0]]
    for tok in tokens[1:]:
        gap = text[run[-1].end : tok.start]
        joinable = (
            tok.start >= run[-1].end
            and "\n" not in gap
            and (gap == "" or gap[0].isspace() and gap[-1].isspace())
            and len(gap) < 20
            and all(w in weak for w in gap.split())
        )
        if joinable:
            run.append(tok)
        else:
            yield run
            run = [tok]
    yield run


def _between_names(text: str, start: int, end: int) -> bool:
    """A particle between two capitalised words ("Óscar de la Hoya", "Lula da Silva")."""
    before = text[max(0, start - 40) : start].rstrip()
    after = text[end : end + 40].lstrip()
    prev_word = before.split()[-1] if before.split() else ""
    next_word = after.split()[0] if after.split() else ""
    return bool(_CAPITALISED.match(prev_word)) and bool(next_word[:1].isupper())


def _foreign_languages(word: str, languages: set[str] | frozenset[str]) -> set[str]:
    """The languages in which `word` is common and far commoner than in English. wordfreq's
    English list holds some Spanish ("ciudad" 2.8), so the test is a margin, not a floor."""
    en = zipf(word, "en")
    if en >= ENGLISH_CEILING:
        return set()
    return {lang for lang in languages if zipf(word, lang) - en >= FOREIGN_MARGIN
            and zipf(word, lang) >= SOURCE_MIN_ZIPF}


def _extend(
    text: str, start: int, end: int, languages: set[str], weak: dict[str, frozenset[str]]
) -> tuple[int, int, set[str]]:
    """Grow a run over adjacent lowercase words of its languages: short function words
    ("la", "del", "e") and words that are common there and rare in English; returns the new
    span and the languages narrowed by the words added."""

    def fits(word: str) -> set[str]:
        return (set(weak.get(word, ())) & languages) or _foreign_languages(word, languages)

    for _ in range(MAX_EXTENSION):
        m = _NEXT_WORD.match(text, end)
        found = fits(m.group(1)) if m else set()
        if m is None or "\n" in text[end : m.start(1)] or not found:
            break
        languages = found
        end = m.end(1)
    for _ in range(MAX_EXTENSION):
        m = _PREV_WORD.search(text, max(0, start - 40), start)
        found = fits(m.group(1)) if m else set()
        if m is None or "\n" in text[m.end(1) : start] or not found:
            break
        languages = found
        start = m.start(1)
    # a run does not end on a function word ("según la" -> "según la" stays, "que el" ok)
    return start, end, languages


def _word_start(text: str, i: int) -> int:
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    return i
