"""MT303 inverted-present-attribution: "“...”, indicates the notice of ...", present-tense verb-first attribution."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from mtcheck.document import Document, Segment
from mtcheck.finding import Severity
from mtcheck.rules.attribution.speech_verbs import alternation_trie, is_headline, speech_lexicon
from mtcheck.rules.base import Hit, Rule, RuleOptions

MIN_CONFIDENCE = 0.5
# Past-tense attributions elsewhere in the story show it is written in wire style, where
# a present-tense inversion stands out.
WIRE_STYLE_BOOST = 0.2
_PAST_ATTRIBUTION = re.compile(
    r"(?:[”\"»]\s*,?|,[”\"»]?)\s+(?:said|told|added|wrote)\b|\b(?:said|told reporters)\b"
)


def _in_headline(doc: Document, offset: int) -> bool:
    return is_headline(doc, Segment(offset, offset, ""))


_CLAUSE_END = frozenset("abcdefghijklmnopqrstuvwxyz)”\"")


@cache
def _pattern() -> re.Pattern[str]:
    lex = speech_lexicon()
    return re.compile(
        # a closing quote with a comma inside or outside it, then the verb, then a subject
        # (one character class first, then which mark it was: a fast scan to the marks)
        r"[,”»\"](?:(?<=,)[”»\"]|(?<=[”»\"])[\s“”\"«»]*,)\s*(?P<verb>%s)(?=\s+(?:the|a|an|this|that|its|his|"
        r"her|their|in|to|[A-ZÀ-Þ]))" % alternation_trie(list(lex.inverted))
    )


@cache
def _reported_pattern() -> re.Pattern[str]:
    """Without a quotation: '..., estimates the Ukrainian army, which ...' after a clause;
    the subject is a speaker noun (after up to three modifiers) or a capitalised name."""
    lex = speech_lexicon()
    agents = alternation_trie(list(lex.agents))
    return re.compile(
        r",\s+(?P<verb>%s)\s+(?=(?:to\s+\S+\s+)?(?:(?:the|a|an|its|his|her|their)\s+"
        r"(?:[\w’'-]+\s+){0,3}(?:%s)\b[^,.;:“”\"]{0,60}(?:[,.;]|$)|"
        # a bare name must end the clause ("..., indicates Sánchez."), else it is an object
        r"[A-ZÀ-Þ][\w’'-]+(?:\s+[A-ZÀ-Þ][\w’'-]+){0,3}\s*(?:[,.;]|$)))"
        % (alternation_trie([v for v, sv in lex.inverted.items() if sv.weight >= 0.7]), agents)
    )


# Characters that can stand between a comma or closing quote and the verb in `_pattern`
# (the quote-and-comma cluster and the spaces around it).
_CLUSTER = frozenset(",“”\"«»")
_OPENERS = frozenset(",”»\"")


@cache
def _site_pattern() -> re.Pattern[str]:
    """A comma, maybe a closing quote mark, spaces, then the first word of a verb form.

    Every match of `_pattern` and `_reported_pattern` has one: `,”  verb` or `”,  verb`
    (`,` then `\\s*`) or `,  verb`. (`_sites` finds the ones that matter; kept for the tests.)"""
    return re.compile(r",[”»\"]?\s*(?P<verb>%s)" % alternation_trie(_first_words()))


@cache
def _first_words() -> frozenset[str]:
    """The first word of every verb form (all lowercase letters)."""
    return frozenset(form.split()[0] for form in speech_lexicon().inverted)


def _sites(doc: Document) -> list[int]:
    """The verb offsets of the matches of `_site_pattern` that can end a match of `_pattern`
    or `_reported_pattern`, in text order, found from the verbs' first words.

    Both patterns need spaces after the verb form: the form's first word then stands at the
    verb offset as a word of its own, with a space after it (after the comma, quote or space
    before it, the word split starts a word there, and its letters run up to the space). So
    only first words in `doc.lowered_word_set` are looked for (they are lowercase), and a
    site is where one stands with a space after it and, before it, spaces, maybe a closing
    quote mark, and a comma. The sites left out have no such word and hold no match."""
    words = _first_words() & doc.lowered_word_set
    if not words:
        return []
    text = doc.text
    n = len(text)
    sites: set[int] = set()
    for word in words:
        size = len(word)
        v = text.find(word)
        while v != -1:
            after = v + size
            if after < n and text[after].isspace():
                k = v
                while k > 0 and text[k - 1].isspace():
                    k -= 1
                if k > 0 and (
                    text[k - 1] == "," or (text[k - 1] in _CLOSING and k > 1 and text[k - 2] == ",")
                ):
                    sites.add(v)
            v = text.find(word, after)
    return sorted(sites)


_CLOSING = frozenset("”»\"")


def _scan(doc: Document) -> tuple[list[re.Match[str]], list[re.Match[str]]]:
    """`list(_pattern().finditer(text))` and `list(_reported_pattern().finditer(text))`,
    found from the sites of `_sites` instead of scanning the whole text for commas and
    quote marks with the full patterns.

    At each site (a comma with a verb after it) a match of `_pattern` ending in that verb
    starts in the run of comma, quote and space characters right before the verb, and a
    match of `_reported_pattern` at the comma right before the spaces. These runs hold no
    letter, so the runs of different sites, and the matches, are disjoint and in text order:
    trying the candidate starts of each site, leftmost first, gives what `finditer` gives.
    """
    quoted: list[re.Match[str]] = []
    reported: list[re.Match[str]] = []
    sites = _sites(doc)
    if not sites:
        return quoted, reported
    text = doc.text
    pattern = _pattern()
    reported_pattern = _reported_pattern()
    for v in sites:
        k = v
        while k > 0 and ((c := text[k - 1]) in _CLUSTER or c.isspace()):
            k -= 1
        for p in range(k, v):
            if text[p] in _OPENERS:
                m = pattern.match(text, p)
                if m is not None:
                    quoted.append(m)
                    break
        # `,\s+verb`: the comma before the spaces right before the verb
        j = v
        while j > 0 and text[j - 1].isspace():
            j -= 1
        if j < v and j > 0 and text[j - 1] == ",":
            m = reported_pattern.match(text, j - 1)
            if m is not None:
                reported.append(m)
    return quoted, reported


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


# `_PAST_ATTRIBUTION` where no "said" stands between word boundaries: its first branch
# with each opening mark spelled out, and "told reporters" with its word boundary read
# back (r"\b" opens no branch: each opens with a character, which the regex engine skips
# to at C speed; `_PAST_ATTRIBUTION` has it try every position, five times slower).
_PAST_VERB = r"(?:said|told|added|wrote)\b"
_PAST_ATTRIBUTION_NO_SAID = re.compile(
    r'”\s*,?\s+%s|"\s*,?\s+%s|»\s*,?\s+%s|,[”"»]?\s+%s|told reporters\b(?<!\wtold reporters)'
    % (_PAST_VERB, _PAST_VERB, _PAST_VERB, _PAST_VERB)
)


def _has_past_attribution(text: str) -> bool:
    """`_PAST_ATTRIBUTION.search(text)`, answered first from a "said" between word
    boundaries (the pattern's second branch), which most stories have."""
    i = text.find("said")
    n = len(text)
    while i != -1:
        if (i == 0 or not _is_word_char(text[i - 1])) and (i + 4 == n or not _is_word_char(text[i + 4])):
            return True
        i = text.find("said", i + 1)
    return _PAST_ATTRIBUTION_NO_SAID.search(text) is not None


class InvertedPresentAttributionRule(Rule):
    """A present-tense speech verb placed before its subject after a quotation: Spanish
    "“...”, indica el aviso", Italian "“...”, sottolinea il ministro", French "“...”,
    souligne le ministre". English wire copy attributes in the past, subject first or
    inverted with "said" only: "“...,” the minister said." / "“...,” said the minister."

    Bad:  “... this destabilizing and dangerous program.”, indicates the notice of the departments of State ...
    Bad:  The offensive seems to mark time, estimates the Ukrainian army, which ...
    Fix:  “... this destabilizing and dangerous program,” the notice from the departments of State ... said.

    Verbs that native feature writing also inverts in the present ("says Smith", "adds
    Jones") get a low prior, raised when the story attributes in the past elsewhere.

    Source: AP Stylebook ("said" in news attribution, subject before verb preferred);
    Reuters Handbook of Journalism; verb list and priors in
    `mtcheck/data/attribution/speech_verbs.toml`.
    """

    code = "MT303"
    name = "inverted-present-attribution"
    severity = Severity.WARNING
    summary = "Present-tense verb-first attribution after a quote ('”, indicates the notice')"
    languages = frozenset({"es", "it", "fr", "pt"})

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        lex = speech_lexicon()
        text = doc.text
        quoted_matches, reported_matches = _scan(doc)
        if not quoted_matches and not reported_matches:
            return
        wire_style: bool | None = None
        matches = [(m, 0.0) for m in quoted_matches]  # after a quotation
        # a reported clause without quotation marks is a little less certain
        quoted = {m.start("verb") for m, _ in matches}
        # (the character before the comma is checked here: a lookbehind would slow the scan)
        matches += [
            (m, -0.1)
            for m in reported_matches
            if m.start("verb") not in quoted
            and m.start() > 0
            and text[m.start() - 1] in _CLAUSE_END
            and not _in_headline(doc, m.start())
        ]
        matches.sort(key=lambda x: x[0].start())
        for m, adjust in matches:
            form = m.group("verb")
            verb = lex.inverted.get(form) or lex.inverted[re.sub(r"\s+", " ", form)]
            conf = verb.weight + adjust
            if conf < 0.8:
                if wire_style is None:
                    wire_style = _has_past_attribution(text)
                if wire_style:
                    conf += WIRE_STYLE_BOOST
            if conf < MIN_CONFIDENCE:
                continue
            yield Hit(
                m.start("verb"),
                m.end("verb"),
                f"present-tense verb-first attribution '{m.group('verb')}' after "
                f"{'a quotation' if adjust == 0.0 else 'a reported statement'} (Romance word "
                f"order and tense); English wire copy says '{verb.past}', with the subject "
                f"first (“...,” the minister {verb.past}.)",
                suggestions=(verb.past,),
                confidence=round(min(conf, 0.95), 2),
                data={"past": verb.past},
            )
