"""MT401 false-friend: an English look-alike of a source-language word used in the source's sense."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from mtcheck.document import Document, Segment
from mtcheck.finding import Severity
from mtcheck.rules.attribution.speech_verbs import SentenceIndex, match_case
from mtcheck.rules.base import Hit, Rule, RuleOptions
from mtcheck.rules.lexical.calques import WINDOW_AFTER, WINDOW_BEFORE, Calque, calque_lexicon
from mtcheck.rules.lexical.literals import Literals, has_case_trap, satisfied
from mtcheck.rules.lexical.tokens import is_token, stands_alone

STRONG = 0.6
_SPACES = re.compile(r"\s+")
DOCUMENT_BOOST = 0.15


def _windows(offsets: list[int], n: int) -> list[tuple[int, int]]:
    """The windows around the trigger offsets (a text of length `n`) in which a pattern is
    searched, in order, each starting where the one before ended."""
    windows = []
    done = -1
    for offset in offsets:
        lo = offset - WINDOW_BEFORE
        if lo < done:
            lo = done
        done = offset + WINDOW_AFTER
        if done > n:
            done = n
        windows.append((lo, done))
    return windows


def _matches_near(
    pattern: re.Pattern[str],
    text: str,
    offsets: list[int],
    lowered: str | None = None,
    literals: Literals | None = None,
    present: tuple[str, ...] | None = None,
) -> list[re.Match[str]]:
    """Matches of `pattern` in windows around the trigger offsets (not the whole text):
    `pattern.finditer(text, lo, hi)` for each window in turn.

    With `lowered` (text.lower() with the same offsets, no CASE_TRAPS character) and the
    pattern's `literals` (mtcheck.rules.lexical.literals): a pattern whose matches start
    with known literals is tried only where they occur (`literals.finditer_at`, here with
    the literals looked for once over neighbouring windows); otherwise a window is searched
    only when it holds the literal text the pattern needs (a match lies inside its window,
    endpos cuts the text there; its lookbehinds reach at most `literals.behind` before it).
    `present`: the prefixes that occur around the offsets at all (`_may_occur`), the only
    ones looked for."""
    found: list[re.Match[str]] = []
    windows = _windows(offsets, len(text))
    prefixes = None if lowered is None or literals is None else literals.prefixes
    if prefixes is not None and present is not None:
        prefixes = present
    if prefixes is None:
        for lo, hi in windows:
            if lowered is None or literals is None or satisfied(
                literals.requirement, lowered[max(0, lo - literals.behind) : hi]
            ):
                found.extend(pattern.finditer(text, lo, hi))
        return found
    # Where the prefixes occur: one search over the windows together when they lie close,
    # else one per window (a search costs about as much as 200 characters scanned).
    spans = [[max(lo, 0), hi] for lo, hi in windows if hi > lo]
    if not spans:
        return found
    if spans[-1][1] - spans[0][0] <= sum(hi - lo for lo, hi in spans) + 400:
        spans = [[spans[0][0], spans[-1][1]]]
    starts: list[int] = []
    for prefix in prefixes:
        for lo, hi in spans:
            k = lowered.find(prefix, lo, hi)  # type: ignore[union-attr]
            while k != -1:
                starts.append(k)
                k = lowered.find(prefix, k + 1, hi)  # type: ignore[union-attr]
    if not starts:
        return found
    starts.sort()  # distinct offsets: no prefix starts another
    match = pattern.match
    j = 0
    for lo, hi in windows:  # finditer_at, window by window: they follow one another
        pos = max(lo, 0)
        while j < len(starts) and starts[j] < pos:
            j += 1
        while j < len(starts) and starts[j] < hi:
            k = starts[j]
            j += 1
            if k >= pos and (m := match(text, k, hi)) is not None:
                found.append(m)
                pos = m.end()
    return found


def _word_offsets(lowered: str, word: str, cache: dict[str, list[int]]) -> list[int]:
    """The offsets of `word` in `lowered` not inside a longer run of letters (stored in
    `cache`)."""
    found = cache[word] = []
    n = len(word)
    end = len(lowered)
    i = lowered.find(word)
    while i != -1:
        j = i + n
        if (i == 0 or not lowered[i - 1].isalpha()) and (j == end or not lowered[j].isalpha()):
            found.append(i)
        i = lowered.find(word, j)
    return found


def _may_occur(literals: Literals, lowered: str, lo: int, hi: int) -> tuple[str, ...] | bool:
    """Whether a pattern with these `literals` may match in a window inside lowered[lo:hi]
    (`lowered`: the text lowercased, same offsets, no CASE_TRAPS character): every window
    of `_windows` lies between the first offset less WINDOW_BEFORE and the last one plus
    WINDOW_AFTER, and a match there holds one of the prefixes, or the required literal text
    with its lookbehinds (what `_matches_near` looks for window by window). One slice and a
    substring test per prefix, instead of the windows, for the many calques whose text
    does not occur. For a pattern with prefixes: those that occur (none: no match)."""
    prefixes = literals.prefixes
    if prefixes is None:
        return satisfied(literals.requirement, lowered[max(0, lo - literals.behind) : max(0, hi)])
    span = lowered[max(0, lo) : max(0, hi)]
    return tuple(filter(span.__contains__, prefixes))


def _is_token(
    doc: Document, lowered: str, word: str, positions: dict[str, list[int]], tokens: dict[str, bool]
) -> bool:
    """`is_token(doc.lowered_text, word)` (stored in `tokens`), for a trigger word, which is
    a lowercase document word (mtcheck.rules.lexical.tokens). A token stands between
    whitespace and edge punctuation, not letters, so its offset is among `_word_offsets`,
    which the calque needs anyway (stored in `positions`): one of them usually answers yes.
    Otherwise, or when `lowered` is not doc.lowered_text ("İ"), `is_token` decides."""
    if lowered is doc.lowered_text:
        offsets = positions[word] if word in positions else _word_offsets(lowered, word, positions)
        size = len(word)
        for i in offsets:
            if stands_alone(lowered, i, i + size):
                tokens[word] = True
                return True
    found = tokens[word] = is_token(doc.lowered_text, word)
    return found


class FalseFriendRule(Rule):
    """A false friend or word-for-word calque: the English word exists, but the source
    word behind it means something else here.

    Bad:  ... to warn of the dangerous assumptions of this new collaboration ...
          (Spanish "supuestos": scenarios)
    Bad:  it seems to have found the necessary intricacies to obtain technology ...
          (Spanish "resquicios": loopholes)
    Bad:  the Exterior Minister / in declarations to Reuters / 25 basic points
    Fix:  dangerous scenarios / the loopholes it needed / the Foreign Minister /
          told Reuters / 25 basis points

    Each entry names the context that makes it an error and the context that makes it
    native: "the budget's growth assumptions" and "the intricacies of the tax code" stay
    clean. Entries are per source language and follow `source-languages`.

    Source: the calque lists in `mtcheck/data/calques/<lang>.toml` (own knowledge of
    news translation, Fundéu BBVA / Académie française "Dire, ne pas dire" / Accademia della
    Crusca consultations, named per file).
    """

    code = "MT401"
    name = "false-friend"
    severity = Severity.WARNING
    summary = "False friend or calque ('dangerous assumptions', 'Exterior Minister', 'basic points')"
    languages = frozenset({"es", "fr", "it", "de", "pt"})

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        lex = calque_lexicon()
        langs = options.source_languages
        text = doc.text
        # Which trigger words occur as tokens (whitespace-separated, edge punctuation
        # stripped), and the calques of the enabled languages they trigger, in file order.
        # The trigger words among the document's words are a superset (see
        # mtcheck.rules.lexical.tokens): their calques are tried in order, and a calque none
        # of whose trigger words is a token (`is_token`, asked once a word) is skipped.
        maybe = doc.lowered_word_set & lex.triggers
        if not maybe:
            return
        candidates = sorted({i for w in maybe for i in lex.by_trigger[w]} & lex.enabled(langs))
        if not candidates:
            return
        # The patterns run faster where their literal text can be looked for in the lowercased
        # text: not with a CASE_TRAPS character in the text. "İ" is one, and the one letter
        # whose lowercase is two characters: without it, doc.lowered_text is text.lower().
        trap = has_case_trap(text)
        lowered = text.lower() if trap and "\u0130" in text else doc.lowered_text
        literal_test = None if trap else lowered
        gates = lex.gates
        positions: dict[str, list[int]] = {}  # trigger word -> its offsets (`_word_offsets`)
        tokens: dict[str, bool] = {}  # trigger word -> whether it is a token
        index: SentenceIndex | None = None
        hits: list[Hit] = []
        seen: set[tuple[int, int]] = set()
        for i in candidates:
            calque = lex.calques[i]
            if literal_test is not None:
                # literal text that any match holds, tested on the whole text at C speed
                gate = gates[i]
                if gate is not None and not any(map(lowered.__contains__, gate)):
                    continue
            # the offsets of its trigger words (whole words), in text order
            found = [
                w for w in calque.triggers & maybe
                if (tokens[w] if w in tokens else _is_token(doc, lowered, w, positions, tokens))
            ]
            if not found:
                continue
            if len(found) == 1:
                [w] = found
                offsets = positions[w] if w in positions else _word_offsets(lowered, w, positions)
            else:
                offsets = sorted(
                    offset
                    for w in found
                    for offset in (positions[w] if w in positions else _word_offsets(lowered, w, positions))
                )
            literals = lex.literals(i)
            present: tuple[str, ...] | None = None
            if literal_test is not None:
                near = _may_occur(
                    literals, lowered, offsets[0] - WINDOW_BEFORE, offsets[-1] + WINDOW_AFTER
                )
                if not near:
                    continue
                if isinstance(near, tuple):
                    present = near
            for m in _matches_near(lex.pattern(i), text, offsets, literal_test, literals, present):
                if (m.start(), m.end()) in seen:
                    continue
                seen.add((m.start(), m.end()))
                span = m.group()
                if options.accepts(span):
                    continue
                index = index or SentenceIndex(doc)
                sent = index.at(m.start())
                if sent is None:
                    continue
                conf = self._confidence(calque, sent, m.start(), m.end(), literal_test is not None)
                if conf <= 0:
                    continue
                suggestion = calque.forms.get(_SPACES.sub(" ", span.lower()))
                suggestions = (suggestion,) if suggestion else calque.suggest
                hits.append(Hit(
                    m.start(),
                    m.end(),
                    f"'{span}' is likely a calque of {calque.source_note(langs)} "
                    f"({calque.meaning})",
                    suggestions=tuple(match_case(span, s) for s in suggestions),
                    confidence=conf,
                    data={"sources": {k: v for k, v in calque.sources.items() if k in langs}},
                ))
        # one finding per span: overlapping entries keep the first (file order, longest first)
        hits.sort(key=lambda h: (h.start, -h.end))
        # a story with several clear calques makes the weaker ones around it likely
        strong = sum(1 for h in hits if h.confidence >= STRONG)
        last_end = -1
        for hit in hits:
            if hit.start < last_end:
                continue
            last_end = hit.end
            if strong >= 2 and hit.confidence < STRONG:
                hit = replace(hit, confidence=round(hit.confidence + DOCUMENT_BOOST, 2))
            yield hit

    @staticmethod
    def _confidence(calque: Calque, sent: Segment, start: int, end: int, fast: bool = False) -> float:
        """`fast`: the context patterns may look for their literal text in the lowercased
        sentence first (LazyPatterns.matches)."""
        text = sent.text
        lowered = None
        if fast and not has_case_trap(text):
            lowered = text.lower()
            if len(lowered) != len(text):  # pragma: no cover - "İ" is a CASE_TRAPS character
                lowered = None
        start -= sent.start
        end -= sent.start
        if calque.clear.matches(text, lowered, start, end):
            return 0.0
        if calque.off_topic.matches(text, lowered):
            return 0.0
        if calque.error.matches(text, lowered, start, end):
            return calque.error_confidence
        if calque.topic.matches(text, lowered):
            return calque.topic_confidence
        return calque.confidence
