"""MT304 reportative-conditional: "Iran would be using the Caspian Sea routes", the Romance hearsay conditional."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from mtcheck.document import Document, Segment
from mtcheck.finding import Severity
from mtcheck.rules.attribution.speech_verbs import (
    SentenceIndex,
    grouped_alternation,
    match_case,
)
from mtcheck.rules.base import Hit, Rule, RuleOptions

MIN_CONFIDENCE = 0.4
# A story with one clear reportative conditional makes the weaker ones around it likely.
DOCUMENT_BOOST = 0.15
IN_QUOTE_FACTOR = 0.7

_WOULD = re.compile(
    r"would\s+(?P<adv>(?:also|already|now|still|even|reportedly|allegedly|apparently)\s+)?"
    r"(?:(?P<prog>be\s+(?P<ing>[a-z]+ing))\b|(?P<perf>have\s+(?:(?P<been>been)\s+)?(?:[a-z]+ly\s+)?(?P<pp>[a-z]+))\b|"
    r"(?P<pass>be\s+(?P<ppp>[a-z]+(?:ed|en|wn|ght|lt|nt)))\b|(?P<bare>[a-z]+)\b)"
)
_CONDITIONAL_MARKERS = (
    "if", "unless", "otherwise", "in case", "in the event", "provided", "providing", "as long as",
    "whether", "were (?:it|they|he|she|we|you|to)", "had (?:it|they|he|she|we|you|I|not)",
    "without", "but for", "rather than", "instead of", "so that", "suppose", "supposing",
    "imagine", "ideally", "hypothetically", "could", "might", "should", "wish", "hope", "hoped",
    "expects?", "expected",
)


# Anything in the sentence that makes "would" a real conditional or a modal use:
# r"\b(?:if|unless|...|expected)\b|\?", case-insensitive, with the markers grouped.
_CONDITIONAL = re.compile(r"\b%s%s\b|\?" % grouped_alternation(_CONDITIONAL_MARKERS), re.IGNORECASE)
_MODAL_USE = re.compile(
    r"\bwould\s+(?:not|never|n't|rather|prefer|like|love|hate|welcome|want|need|be\s+able|"
    r"be\s+willing|be\s+happy|be\s+glad|be\s+ready|be\s+wise|have\s+to|have\s+liked|have\s+preferred|"
    r"have\s+been\s+able|mean|make\s+sense|seem|appear|argue|say|suggest|add|note|guess|imagine)\b"
)
# A past-tense frame before "would": future-in-the-past ("he said the route would begin").
_PAST_FRAME_WORDS = (
    "said", "told", "announced", "warned", "stated", "added", "explained", "insisted", "noted",
    "predicted", "promised", "pledged", "vowed", "agreed", "decided", "expected", "hoped",
    "planned", "thought", "believed", "knew", "feared", "suggested", "indicated", "confirmed",
    "claimed", "argued", "estimated", "wrote", "reported", "signaled", "signalled", "asked",
    "ruled", "was", "were", "did", "became", "seemed", "appeared", "assumed", "calculated",
    "projected", "forecast", "forecasted", "guaranteed", "assured", "understood", "realized",
    "realised", "learned",
)
# r"(?<!has )(?<!have )(?<!had )\b(?:said|told|...)\b" with the word boundary and the
# look-ahead for the first letters before the look-behinds
_PAST_FRAME = re.compile(r"\b%s(?<!has )(?<!have )(?<!had )%s\b" % grouped_alternation(_PAST_FRAME_WORDS))
# A present-tense or hearsay frame: the sentence reports an alleged current fact.
_PRESENT_FRAME_WORDS = (
    "maintains?", "claims?", "says", "believes?", "suspects?", "indicates?", "points out",
    "assures?", "affirms?", "alleges?", "insists?", "stresses?", "considers?", "denounces?",
    "according to", "reportedly", "allegedly", "apparently", "presumably", "supposedly",
    "sources?", "según", "selon", "secondo", "segundo", "laut",
    r"ha(?:s|ve)\s+(?:confirmed|indicated|assured|pointed out|warned|reported|revealed|stated|"
    r"explained|denounced|claimed|affirmed|maintained|alleged|said|counted|specified|detailed|added)",
)
_PRESENT_FRAME = re.compile(r"\b%s%s\b" % grouped_alternation(_PRESENT_FRAME_WORDS), re.IGNORECASE)
# includes the source languages' own "according to", left untranslated (MT402 flags those)
_HEARSAY_WORDS = ("according to", "reportedly", "allegedly", "sources?", "según", "selon", "secondo", "segundo", "laut")
_HEARSAY = re.compile(r"\b%s%s\b" % grouped_alternation(_HEARSAY_WORDS), re.IGNORECASE)
_PARTICIPLE_END = re.compile(
    r"(?:ed|en|wn|ght|lt|nt|ne|ung|ot|ad|id|ade|ept|eld|ft|ld|uck|un|it|et|ut|ost|ood)$"
)
_THAT_CLAUSE = re.compile(r"\bthat\s+[\w’'\s-]{1,40}$")
_PLURAL_PRONOUNS = frozenset("they we you these those both many several some others".split())
_SINGULAR_PRONOUNS = frozenset("it he she this that one".split())


@dataclass(frozen=True, slots=True)
class _Verbs:
    past_of_pp: dict[str, str]
    base_of_pp: dict[str, str]
    present_3sg: dict[str, str]
    prospective: frozenset[str]


@cache
def _verbs() -> _Verbs:
    text = resources.files("mtcheck.data.attribution").joinpath("irregular_verbs.tsv").read_text("utf-8")
    past_of_pp: dict[str, str] = {}
    base_of_pp: dict[str, str] = {}
    present: dict[str, str] = {"be": "is", "have": "has", "do": "does", "go": "goes"}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        base, past, pp = line.split("\t")
        past_of_pp.setdefault(pp, past)
        base_of_pp.setdefault(pp, base)
    words = resources.files("mtcheck.data.attribution").joinpath("prospective_verbs.txt").read_text("utf-8")
    prospective = frozenset(
        w for ln in words.splitlines() if not ln.startswith("#") for w in ln.split()
    )
    return _Verbs(past_of_pp, base_of_pp, present, prospective)


def _would_matches(text: str) -> list[re.Match[str]]:
    """`list(_WOULD.finditer(text))`, found from the occurrences of "would" (every match
    starts with it): tried leftmost first and past the end of the last match, as finditer
    does, with `str.find` skipping to them faster than the regex engine's scan."""
    found: list[re.Match[str]] = []
    end = 0
    i = text.find("would")
    while i != -1:
        if i >= end:
            m = _WOULD.match(text, i)
            if m is not None:
                found.append(m)
                end = m.end()
        i = text.find("would", i + 1)
    return found


def _third_person(base: str) -> str:
    v = _verbs()
    if base in v.present_3sg:
        return v.present_3sg[base]
    if re.search(r"(?:s|sh|ch|x|z|o)$", base):
        return base + "es"
    if re.search(r"[^aeiou]y$", base):
        return base[:-1] + "ies"
    return base + "s"


def _possible(m: re.Match[str]) -> bool:
    """The word tests of `_score`'s constructions, before any regex over the sentence:
    a participle after "would have", a verb after bare "would" that is not prospective."""
    if m.group("prog"):
        return True
    if m.group("perf"):
        pp = m.group("pp")
        return pp not in ("to", "liked", "preferred", "wanted", "loved") and _PARTICIPLE_END.search(pp) is not None
    if m.group("pass"):
        return True
    base = m.group("bare")
    return base not in ("be", "have") and base not in _verbs().prospective


_WORD_RUN = re.compile(r"[\w’'-]+")


def _is_plural(before: str) -> bool:
    words = _WORD_RUN.findall(before)
    if not words:
        return False
    w = words[-1]
    if w.lower() in _PLURAL_PRONOUNS:
        return True
    if w.lower() in _SINGULAR_PRONOUNS or w[0].isupper():
        return False
    return w.endswith("s") and not w.endswith(("ss", "us", "is"))


class ReportativeConditionalRule(Rule):
    """The hearsay conditional of Spanish ("estaría utilizando"), French ("serait",
    "aurait pénétré"), Italian ("sarebbe", "avrebbe") and Portuguese ("estaria") marks an
    alleged fact; English "would" marks a hypothesis or a future in the past, so the
    literal translation turns a report into a supposition.

    Bad:  Kirby has confirmed that Iran would be using the Caspian Sea routes ...
    Bad:  Washington maintains that the route would begin from the port of Amirabad.
    Bad:  According to police, the attackers would have entered through a window.
    Fix:  ... that Iran is using the Caspian Sea routes / the route begins from ... /
          the attackers entered through a window, according to police (or "reportedly").

    Not flagged: real conditionals ("would ... if", "unless", "otherwise"), modal uses
    ("would like", "would be able to", "would have to"), the future in the past after a
    past reporting verb ("he said the route would begin next week"), prospective effects
    of plans ("the bill would allow ..."). Signals that raise confidence: a present-tense
    or hearsay frame ("maintains that", "according to"), "would be + -ing", "would have +
    participle" for a past event.

    Source: Romance grammars' "condicional de rumor" / "conditionnel journalistique" /
    "condizionale di dissociazione" (RAE Nueva gramática §23.15; Grevisse §859), English
    modal "would" (CGEL ch. 3); verb lists in `mtcheck/data/attribution/`.
    """

    code = "MT304"
    name = "reportative-conditional"
    severity = Severity.WARNING
    summary = "Hearsay conditional ('Iran would be using ...') for an alleged fact"
    # German reported speech (Konjunktiv: "hätte gefordert") is rendered the same way.
    languages = frozenset({"es", "fr", "it", "pt", "de"})

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        text = doc.text
        if "would" not in text:
            return  # the scan below needs the literal
        index: SentenceIndex | None = None
        # whether a sentence (by start offset) has a conditional or modal marker
        conditional: dict[int, bool] = {}
        found: list[tuple[int, int, float, tuple[str, ...], str]] = []
        for m in _would_matches(text):
            start = m.start()
            if start > 0 and text[start - 1].isalnum():
                continue
            # (the word tests of `_score` first: all of these are filters on the candidate)
            if not _possible(m) or _MODAL_USE.match(text, start):
                continue
            index = index or SentenceIndex(doc)
            sent = index.at(start)
            if sent is None:
                continue
            # `_score` and the conditional test are both filters on the same candidate:
            # the cheaper `_score` runs first, the sentence-wide regex only for survivors
            scored = self._score(doc, sent, m)
            if scored is None:
                continue
            cond = conditional.get(sent.start)
            if cond is None:
                cond = conditional[sent.start] = _CONDITIONAL.search(sent.text) is not None
            if cond:
                continue
            conf, suggestions, kind = scored
            if doc.in_quote(start):
                conf *= IN_QUOTE_FACTOR
            found.append((start, m.end(), conf, suggestions, kind))
        if not found:
            return
        # the document boost needs another candidate at 0.45 or more
        strong = [f[2] >= 0.45 for f in found]
        n_strong = sum(strong)
        for k, (start, end, conf, suggestions, kind) in enumerate(found):
            if conf < 0.6 and n_strong - strong[k] > 0:
                conf += DOCUMENT_BOOST
            if conf < MIN_CONFIDENCE:
                continue
            span = text[start:end]
            yield Hit(
                start,
                end,
                f"'{span}' reads as a hypothesis, but here it reports an alleged fact "
                f"({kind}): likely the hearsay conditional of the source (Spanish "
                f"'estaría', French 'serait', Italian 'sarebbe'); state the fact and "
                f"attribute it ('{suggestions[0]}, according to ...', or 'reportedly')",
                suggestions=suggestions,
                confidence=round(min(conf, 0.95), 2),
            )

    def _score(
        self, doc: Document, sent: Segment, m: re.Match[str]
    ) -> tuple[float, tuple[str, ...], str] | None:
        """`None` where the candidate is not a hearsay conditional; `m` has passed `_possible`
        (every `return None` is an independent filter, the word tests of `_possible` first)."""
        prog, perf, pass_, base = m.group("prog", "perf", "pass", "bare")
        text = doc.text
        mstart = m.start()
        before = text[sent.start : mstart]
        if _PAST_FRAME.search(before):
            return None  # future in the past, or a narrative past around it
        present = _PRESENT_FRAME.search(before) is not None
        if not (prog or perf or pass_):
            if not present:
                return None
            # only a complement clause right under the present frame ("maintains that X would")
            if not _THAT_CLAUSE.search(before):
                return None
        hearsay = present or _HEARSAY.search(text, m.end(), sent.end) is not None
        if pass_ and not hearsay:
            return None  # "the missiles would be destined for": too often prospective
        adv = (m.group("adv") or "").strip()
        adv_ = f"{adv} " if adv else ""
        plural = _is_plural(before)
        span = text[mstart : m.end()]
        if prog:
            be = "are" if plural else "is"
            conf = 0.85 if hearsay else 0.55
            ing = m.group("ing")
            sugg = (f"{be} {adv_}{ing}", f"{be} reportedly {ing}")
            kind = "'would be' + -ing for an ongoing action"
        elif perf:
            pp = m.group("pp")
            # without a hearsay frame a counterfactual reading is possible ("he would have
            # turned 80"): below warning unless the story has another candidate
            conf = 0.8 if hearsay else 0.45
            if m.group("been"):
                was = "were" if plural else "was"
                sugg = (f"{adv_}{was} {pp}", f"{was} reportedly {pp}")
            else:
                past = _verbs().past_of_pp.get(pp, pp)
                sugg = (f"{adv_}{past}", f"reportedly {past}")
            kind = "'would have' + participle for a past event"
        elif pass_:
            be = "are" if plural else "is"
            conf = 0.6
            sugg = (f"{be} {adv_}{m.group('ppp')}", f"{be} reportedly {m.group('ppp')}")
            kind = "a passive stated as hearsay"
        else:
            conf = 0.6
            pres = base if plural else _third_person(base)
            sugg = (f"{adv_}{pres}", f"reportedly {pres}" if not plural else f"{pres}, reportedly,")
            kind = "a present-tense report frame"
        return conf, tuple(match_case(span, s) for s in sugg), kind
