"""MT204 missing-noun: a preposition or article followed by a bare adjective or a conjunction, the noun lost."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from mtcheck.document import Document, Segment
from mtcheck.finding import Severity
from mtcheck.rules.base import Hit, Rule, RuleOptions
from mtcheck.rules.structure.adjectives import is_adjective
from mtcheck.rules.structure.word_classes import word_class
from mtcheck.rules.structure.word_tags import pair_starts, word_set_class

# " or that", " and which" ...: a space, then _TAIL_RE. Where _TAIL_RE matches, its two words
# are words of the document: they are found as word pairs on the shared word tags.
_TAIL_RE = re.compile(r"(?P<conj>or|and) (?P<clause>that|which|who|whose|whom)(?![\w’'-])")
_CONJUNCTIONS = frozenset({"or", "and"})
_CLAUSE_WORDS = frozenset({"that", "which", "who", "whose", "whom"})
# Read backwards from the conjunction: `head [quote]adjective[quote] ` at the end of the text.
_HEAD_ADJ_RE = re.compile(
    r"(?<![\w’'-])(?P<head>[A-Za-z]+)[ \t]+(?P<q>[“\"‘']?)(?P<adj>[a-z]+(?:-[a-z]+)*)(?P<cq>[”\"’']?)[ \t]+$"
)
_HEAD_ONLY_RE = re.compile(r"(?<![\w’'-])(?P<head>[a-z]+)[ \t]+$")
# The adjective of `_HEAD_ADJ_RE`, as a whole word of the document.
_ADJECTIVE_WORD_RE = re.compile(r"[a-z]+(?:-[a-z]+)*")
# Prepositions that need a noun phrase object ("as", "like" and particles are left out:
# "described as “unconstitutional” and that ...").
_OBJECT_PREPOSITIONS = frozenset({
    "of", "through", "with", "from", "via", "into", "by", "for", "at", "to", "towards",
    "toward", "against", "without", "within", "among", "between", "despite", "during",
    "upon", "onto", "on", "in", "under", "across",
})
# A preposition straight before "or that" is reported only when it cannot be a particle.
_BARE_PREPOSITIONS = _OBJECT_PREPOSITIONS - {"on", "in", "under", "across", "by", "to"}
_QUOTE_PAIRS = {"“": "”", '"': '"', "‘": "’", "'": "'"}
# A plural or other word that can be a noun by itself is not a lost noun.
_NOUNISH_ENDINGS = ("s", "tion", "ment", "ness", "ity", "ship", "ism")
_ADJECTIVE_SHAPES = ("ed", "ous", "ive", "al", "ic", "ful", "less", "able", "ible", "ent", "ant", "que", "ary", "ory")


def _search_end(pattern: re.Pattern[str], before: str, tokens: int) -> re.Match[str] | None:
    """`pattern.search(before)` for a pattern that ends with spaces and `$`, and spans its
    last `tokens` runs of non-blank characters (spaces and tabs are the only blanks it
    takes): the search starts at the first of those runs instead of trying every position."""
    body = before[:-1] if before.endswith("\n") else before  # `$` matches before a final line break
    start = len(body)
    for _ in range(tokens):
        kept = body[:start].rstrip(" \t")
        start = max(kept.rfind(" "), kept.rfind("\t")) + 1
    return pattern.search(before, start)


@cache
def _heads() -> frozenset[str]:
    return _OBJECT_PREPOSITIONS | word_class("noun_determiners")


def _may_head(doc: Document, i: int) -> bool:
    """Whether a report is possible for the conjunction at word `i`. Its head is then a
    whole word of the document in the lists the loop below checks: the word before the
    conjunction ("through or that", `_HEAD_ONLY_RE`), or the one before that, the word
    between being the adjective, written in lowercase ("through “opaque” or that",
    `_HEAD_ADJ_RE`: the quotation marks are not part of the word). Only a word cut by the
    start of the 60 characters searched may be read as a shorter one: a conjunction with a
    word there that starts before them is kept for the full check."""
    if i < 1:
        return True
    words, starts = doc.lowered_words, doc.word_starts
    window = starts[i] - 60
    if words[i - 1] in _BARE_PREPOSITIONS or starts[i - 1] < window:
        return True
    if i < 2:
        return False
    return starts[i - 2] < window or (words[i - 2] in _heads()
                                      and _ADJECTIVE_WORD_RE.fullmatch(doc.word_texts[i - 1]) is not None)


class MissingNounRule(Rule):
    """A clause that lost its noun: a preposition or article followed by an adjective alone
    and then "or that" / "and which", or a preposition followed directly by a conjunction.

    Bad:  ... shipped to Russia through “opaque” or that they have disabled ... (the
          example quoted in the issue)
    Fix:  ... through “opaque” vessels, or vessels that have disabled ...

    A Spanish source of the shape "a través de buques 'opacos' o que han desactivado ..."
    loses its noun ("buques", vessels) in translation. English puts an adjective after a preposition
    only with a noun; "described as “unconstitutional” and that ..." (after "as") and a
    quoted noun ("through “channels” or that") stay clean.
    Source: the English noun-phrase grammar (Quirk et al. 1985, ch. 9 on prepositional
    complements) and the adjective recognition in `mtcheck/data/structure/adjectives.toml`.
    """

    code = "MT204"
    name = "missing-noun"
    severity = Severity.WARNING
    summary = "Preposition or article followed by a bare adjective and 'or that' (the noun is lost)"
    # The quotation marks in the span are scare quotes around the adjective, not a quotation.
    quote_aware = False

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        text = doc.text
        lowered = doc.lowered_text
        determiners = word_class("noun_determiners")
        starts = doc.word_starts
        pairs = pair_starts(doc, word_set_class(_CONJUNCTIONS), word_set_class(_CLAUSE_WORDS))
        anchors = [starts[i] for i in pairs if starts[i] > 0 and lowered[starts[i] - 1] == " " and _may_head(doc, i)]
        for start in anchors:
            m = _TAIL_RE.match(text, start)
            if m is None:
                continue
            conj = Segment(m.start("conj"), m.end("conj"), m.group("conj"))
            clause = Segment(m.start("clause"), m.end("clause"), m.group("clause"))
            before = text[max(0, conj.start - 60):conj.start]
            tail = f"{conj.text} {clause.text}"
            m = _search_end(_HEAD_ONLY_RE, before, 1)
            if m is not None and m.group("head") in _BARE_PREPOSITIONS:
                yield Hit(conj.start - len(before) + m.start("head"), clause.end,
                          f"the preposition '{m.group('head')}' has no object before '{tail}': "
                          "a noun was lost in translation",
                          confidence=0.8)
                continue
            m = _search_end(_HEAD_ADJ_RE, before, 2)
            if m is None:
                continue
            head, adj, q, cq = m.group("head"), m.group("adj"), m.group("q"), m.group("cq")
            lh = head.lower()
            if (lh not in _OBJECT_PREPOSITIONS and lh not in determiners) or (head != lh and head != head.capitalize()):
                continue
            quoted = bool(q) and _QUOTE_PAIRS.get(q) == cq
            if (q or cq) and not quoted:
                continue
            if options.accepts(adj) or adj in determiners or adj in word_class("non_nouns"):
                continue
            if quoted:
                if adj.endswith(_NOUNISH_ENDINGS) and not adj.endswith(("ous", "less", "ss")):
                    continue
                if not (is_adjective(adj) or adj.rsplit("-", 1)[-1].endswith(_ADJECTIVE_SHAPES) or "-" in adj):
                    continue
            elif lh in determiners or not is_adjective(adj):
                continue  # "the poor and who ..." is English
            yield Hit(
                conj.start - len(before) + m.start("q"),
                clause.end,
                f"'{head} {q}{adj}{cq}' has no noun: the adjective stands alone before '{tail}'; "
                "a noun was lost in translation",
                confidence=0.85 if quoted else 0.7,
            )
