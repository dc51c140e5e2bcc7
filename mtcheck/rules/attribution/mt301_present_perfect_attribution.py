"""MT301 present-perfect-attribution: "Kirby has confirmed that ...", the Romance compound past in attribution."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.rules.attribution.speech_verbs import (
    SentenceIndex,
    SpeechVerb,
    WordSearch,
    alternation_trie,
    grouped_alternation,
    is_headline,
    match_case,
    sentence_index,
    speech_lexicon,
)
from mtcheck.rules.base import Hit, Rule, RuleOptions

# Below this the construction is too often native ("has said he would ..."): say nothing.
MIN_CONFIDENCE = 0.4
# Several present-perfect attributions in one story are the calque's fingerprint: a candidate
# beside another one at this confidence gains DOCUMENT_BOOST.
DOCUMENT_BOOST = 0.2
STRONG_NEIGHBOUR = 0.55
# A present perfect with a plain object is native often enough to count only with company.
OBJECT_CEILING = 0.35
# Verb-first after a quotation ('“...”, has affirmed the minister') is never native.
INVERTED_BOOST = 0.25
# Words before the auxiliary that make it something other than a news attribution.
_SKIP_BEFORE = frozenset(
    "i we you who which that to could would should may might must will can not never "
    "cannot also".split()
)
_ADVERB_SKIP = frozenset("not never yet just n't".split())
# Connectives and "for his part" that Spanish, Italian and French put between the auxiliary
# and the participle ("ha, por su parte, asegurado", "ha invece sottolineato", "a pour sa
# part salué"): in English attribution they stand before the verb or at the clause's start.
_INSERTED = (
    r"(?:for|in)\s+(?:his|her|its|their|our)\s+(?:part|turn)|in\s+turn|however|instead|"
    r"moreover|meanwhile|likewise|nevertheless|furthermore|besides|therefore|in\s+any\s+case|"
    r"on\s+the\s+other\s+hand|for\s+(?:his|her|its|their)\s+part|in\s+addition"
)
_ATTRIBUTION_NOUNS = (
    "statement|interview|press conference|news conference|message|note|communiqué|communique|"
    "speech|letter|post|video|appearance|meeting|tweet|briefing|press release|radio|television"
)


def _perfect_forms() -> dict[str, SpeechVerb]:
    """The present-perfect forms MT301 looks for (the frames spelled out)."""
    lex = speech_lexicon()
    return lex.perfect_framed if lex.perfect_framed is not None else lex.perfect


# The patterns are compiled on first use, each on its own: the ones after `_perfect` only
# once a candidate turns up.
@cache
def _perfect() -> re.Pattern[str]:
    return re.compile(
        r"(?P<aux>ha(?:s|ve))(?:,?\s+(?P<adv>[a-z]+ly|also|already|now|again|long|often|"
        r"never|always|since|ever|just|not|yet|too|both|today|previously|%s),?)?\s+"
        r"(?P<verb>%s)(?![\w'’-])" % (_INSERTED, alternation_trie(list(_perfect_forms())))
    )


# (`time` and `durative` are only tested for a match: their alternatives grouped)
@cache
def _time() -> re.Pattern[str]:
    return re.compile(r"\s*,?\s*%s%s\b" % grouped_alternation(speech_lexicon().time_markers), re.IGNORECASE)


@cache
def _durative() -> re.Pattern[str]:
    return re.compile(r"\b%s%s\b" % grouped_alternation(speech_lexicon().durative_after), re.IGNORECASE)


@cache
def _durative_search() -> WordSearch:
    """`_durative().search` answered as a `WordSearch`: its matches start with a letter
    (the look-ahead of `grouped_alternation`, which is empty where one might not)."""
    look, _ = grouped_alternation(speech_lexicon().durative_after)
    if not look:
        raise ValueError("a durative marker does not start with a letter")
    return WordSearch(_durative())


@cache
def _clause() -> re.Pattern[str]:
    time = r"(?:%s)" % "|".join(speech_lexicon().time_markers)
    return re.compile(
        # an optional adverbial phrase ("through his Telegram channel", "in remarks to
        # journalists") may stand between the verb and its clause
        r"\s*,?\s*(?:(?:%s)\s*,?\s*)?(?:(?:in|on|at|through|via|to|during|after|before|"
        # (the phrase may also end the sentence: "..., she has explained in the evening.")
        # (not a gerund: "has insisted on respecting the limit" is the verb's own complement)
        r"from|with|by|for)\s+(?![a-z]+ing\b)[^,.;:“\"«»]{1,60}?\s*,?\s*(?=that\b|[,:“\"«.;]|$))?"
        r"(?:(?P<that>that\b)|(?P<quote>[:“\"«])|(?P<comma>,)|"
        r"(?P<end>[.;]|$)|(?P<to>(?:to|before)\s+(?:the\s+)?(?:press|reporters|journalists|media|"
        r"[A-Z]))|(?P<in>in\s+(?:a|an|the|his|her|its|their)\s+(?:\w+\s+)?(?:%s))|"
        r"(?P<pron>(?:he|she|they|it|there|we)\b))" % (time, _ATTRIBUTION_NOUNS)
    )


@cache
def _flanked() -> re.Pattern[str]:
    return re.compile(r"[,”\"»]\s*(?:[\w'’.\-]+\s+){0,5}$")


@cache
def _after_quote_pattern() -> re.Pattern[str]:
    """What `_after_quote` answers (kept for the tests)."""
    return re.compile(r"(?:[”\"»]\s*,?|,\s*[”\"»])\s*$")


_CLOSING_QUOTES = frozenset("”\"»")


def _after_quote(before: str) -> bool:
    """`_after_quote_pattern().search(before)`: `before` ends, spaces aside, in a closing
    quote mark, maybe with a comma before it (', ”') or after it ('”,')."""
    end = before.rstrip()
    if not end:
        return False
    if end[-1] in _CLOSING_QUOTES:
        return True
    if end[-1] == ",":
        end = end[:-1].rstrip()
        return bool(end) and end[-1] in _CLOSING_QUOTES
    return False


class PresentPerfectAttributionRule(Rule):
    """A statement reported in the present perfect: Spanish "ha confirmado", Italian
    "ha affermato", French "a déclaré" and Portuguese compound pasts are simple pasts in
    meaning, and machine translation renders them word for word.

    Bad:  Kirby has confirmed that Iran would be using the Caspian Sea routes ...
    Bad:  ... “billions of dollars”, Kirby has counted.   (ha contado = told)
    Bad:  “The reform is necessary”, has affirmed the Prime Minister.
    Fix:  Kirby confirmed that ... / ..., Kirby said. / “...,” the Prime Minister said.

    Not flagged: standing positions and repeated statements ("has said repeatedly",
    "has long argued", "has warned for years"), relative clauses ("who has said"), first
    person in quotes ("we have said"), and objects that are not reported clauses ("has
    indicated interest"). A time adverbial that pins the act to a moment ("has warned
    this Friday") makes the calque certain; headlines lower the confidence. Speech acts
    with a plain object ("has asked the government for ...") and verbs common in native
    present-perfect copy ("has warned that") only count beside a stronger candidate.
    Also found: a connective between auxiliary and participle ("has, for his part,
    welcomed"), modal frames ("has wanted to underline", Italian "ha tenuto a precisare"),
    "has let it be known" (ha fatto sapere) and reflexives ("has shown himself confident",
    se ha mostrado), which are calques with any complement.

    Source: AP Stylebook and Reuters Handbook of Journalism attribution practice ("said",
    simple past); the verb list and priors in `mtcheck/data/attribution/speech_verbs.toml`.
    """

    code = "MT301"
    name = "present-perfect-attribution"
    severity = Severity.WARNING
    summary = "Present perfect in news attribution ('Kirby has confirmed that'), a Romance calque"
    # German uses its Perfekt ("hat versichert") as the spoken past, with the same effect.
    languages = frozenset({"es", "it", "fr", "pt", "de"})

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        lex = speech_lexicon()
        text = doc.text
        index: SentenceIndex | None = None
        found: list[tuple[int, int, float, SpeechVerb, str, bool]] = []
        for m in _perfect().finditer(text):
            mstart = m.start()
            if mstart > 0 and (text[mstart - 1].isalnum() or text[mstart - 1] in "'’-"):
                continue  # inside a word ("chas", "behave"): checked here to keep the scan fast
            adv = m.group("adv")
            if adv is None:
                adv = ""  # most candidates (in neither skip list)
            else:
                adv = " ".join(adv.split())
                if adv in _ADVERB_SKIP or adv in lex.durative_before:
                    continue
            if index is None:
                # (the patterns below are compiled on the first candidate, see above)
                index = sentence_index(doc)
                forms = _perfect_forms()
                durative, clause, time, flanked_re = _durative_search(), _clause(), _time(), _flanked()
            sent = index.at(mstart)
            if sent is None:
                continue
            before = text[sent.start : mstart]
            # the last whitespace-separated word before the auxiliary
            last = before.rsplit(None, 1)
            prev = last[-1].lower().lstrip("“\"‘«(") if last else ""
            if prev.rstrip(",") in _SKIP_BEFORE or prev.endswith(("’d", "'d")):
                continue
            form = m.group("verb")
            verb = forms.get(form) or forms[re.sub(r"\s+", " ", form)]
            # `rest` is text[mend:send] and `window` rest[:60] up to a " that ": the patterns
            # read them through pos/endpos (the verb ends before a non-word character, so a
            # `\b` at `mend` reads the same). A match can run past the sentence's end, and
            # `rest` is then empty.
            mend = m.end()
            send = max(sent.end, mend)
            wend = min(mend + 60, send)
            that = text.find(" that ", mend, wend)
            if durative.found(text, mend, wend if that == -1 else that):
                continue
            pos = clause.match(text, mend, send)
            timed = time.match(text, mend, send) is not None
            inverted = _after_quote(before)
            objective = pos is None and not timed and not inverted
            strong_object = objective and verb.form in lex.strong_objects
            if objective and not strong_object and verb.form not in lex.object_verbs:
                continue  # an object that is not a reported clause ("has indicated interest")
            # (only read below when neither `timed` nor `inverted` holds: the search waits)
            flanked = (
                not (timed or inverted)
                and pos is not None
                and bool(pos.group("comma") or pos.group("end") is not None)
                and flanked_re.search(before) is not None
            )
            if (
                pos is not None
                and pos.group("end") is not None
                and not (flanked or timed or inverted)
            ):
                continue  # "He has explained." with no quote around it: too little to go on
            conf = verb.weight
            if timed:
                conf = max(conf, 0.6) + 0.3
            elif inverted:
                conf = max(conf, 0.5) + INVERTED_BOOST
            elif flanked:
                conf += 0.15
            elif objective and not strong_object:
                conf = min(conf, OBJECT_CEILING)
            if is_headline(doc, sent):
                conf *= 0.6
            found.append((mstart, mend, conf, verb, adv, timed))
        # a candidate gains the boost when another one is strong
        strong = [f[2] >= STRONG_NEIGHBOUR for f in found]
        n_strong = sum(strong)
        for k, (start, end, conf, verb, adv, timed) in enumerate(found):
            if n_strong - strong[k] > 0:
                conf += DOCUMENT_BOOST
            conf = min(conf, 0.95)
            if conf < MIN_CONFIDENCE:
                continue
            span = text[start:end]
            past = f"{adv} {verb.past}" if adv else verb.past
            past = match_case(span, past)
            why = " with a time adverbial" if timed else ""
            yield Hit(
                start,
                end,
                f"present perfect '{span}' in news attribution{why}: a calque of the source's "
                f"compound past (Spanish 'ha dicho', Italian 'ha detto', French 'a dit', German "
                f"'hat gesagt'); English wire copy uses the simple past ('{past}')",
                suggestions=(past,),
                confidence=round(conf, 2),
                data={"verb": verb.form, "past": verb.past},
            )
