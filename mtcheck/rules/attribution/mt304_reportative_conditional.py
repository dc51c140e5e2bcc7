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
    WordSearch,
    grouped_alternation,
    match_case,
    sentence_index,
)
from mtcheck.rules.base import Hit, Rule, RuleOptions

MIN_CONFIDENCE = 0.4
# A story with one clear reportative conditional makes the weaker ones around it likely.
DOCUMENT_BOOST = 0.15
IN_QUOTE_FACTOR = 0.7

_WOULD = re.compile(
    r"would\s+(?P<adv>(?:also|already|now|still|even|reportedly|allegedly|apparently)\s+)?"
    # (an adverb may stand after "have" or "been": "would have already contacted", French
    # "aurait déjà contacté"; Portuguese "teria já")
    r"(?:(?P<prog>be\s+(?P<ing>[a-z]+ing))\b|(?P<perf>have\s+(?:(?:already|also|even|still|just|"
    r"again|once)\s+)?(?:(?P<been>been)\s+)?(?:(?:[a-z]+ly|already|also|even|still|just|again)\s+)?"
    r"(?P<pp>[a-z]+))\b|"
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
# (`_has_conditional` answers it: a "?" or a marker)
_CONDITIONAL_WORDS = WordSearch(re.compile(r"\b%s%s\b" % grouped_alternation(_CONDITIONAL_MARKERS), re.IGNORECASE))
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
    # reported speech after these is English too ("Iran denied it would be sending drones")
    "denied", "acknowledged", "admitted", "conceded", "stressed", "emphasized", "emphasised",
    "reiterated", "repeated", "replied", "responded", "answered", "threatened", "declared",
    "mentioned", "recalled", "hinted", "speculated", "reckoned", "doubted", "anticipated",
    "reaffirmed", "countered", "clarified", "affirmed", "disclosed",
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
_HEARSAY_WORDS = ("according to", "reportedly", "allegedly", "sources?", "según", "selon", "secondo", "segundo", "laut",
                 # a source cited after the claim: "..., which cites employees", "..., indicates
                 # the general staff", "..., reveals the portal"
                 "cites?", "citing", "quoting", "quoted by", "indicates", "reveals", "learns", "learned")
_HEARSAY = re.compile(r"\b%s%s\b" % grouped_alternation(_HEARSAY_WORDS), re.IGNORECASE)
# A past moment in the clause: "would have negotiated in the last days", "would have been
# discussed in November": an event placed in time is reported, not imagined.
_PAST_ANCHOR = re.compile(
    r"\b(?:in\s+the\s+(?:last|past)\s+(?:days|hours|weeks|months)|last\s+(?:week|month|year|night|weekend)|"
    r"(?:on|last)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|yesterday|"
    r"in\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)|"
    r"in\s+(?:19|20)\d\d|at\s+the\s+end\s+of\s+(?:19|20)\d\d|during\s+the\s+night)\b"
)
# "according to <source>": hearsay unless the source is a plan ("according to the draft, the
# EU would pay ...": a prospective effect), see `_plan_nouns`.
_ACCORDING = re.compile(r"\b(?:according\s+to|según|selon|secondo|segundo|laut)\s+(?P<src>[^,.;:]{1,60})", re.IGNORECASE)
# the words of `_ACCORDING` and `_OTHER_SOURCE`, lowercase (a story without any has no source)
_SOURCE_WORDS = frozenset("according según selon secondo segundo laut reportedly allegedly source "
                          "sources citing cite cites quoting learns".split())
_OTHER_SOURCE = re.compile(r"\b(?:reportedly|allegedly|sources?|citing|cites?|quoting|learns)\b", re.IGNORECASE)
# After "would be": a predicate noun or a purpose ("would be the first", "would be to") is
# evaluative or prospective in native copy too.
_BE_PREDICATE_SKIP = frozenset("a an the to able willing ready happy glad wise possible "
                               "difficult hard easy impossible unlikely likely enough".split())
_SUBJECT_SKIP = frozenset("it this that which what there such".split())
# A habitual past ("the men would meet before each shipment", "would often visit") or a
# projection ("would be operational by 2027", "would reach 400 million by 2060"): native uses
# of "would" that a cited source does not turn into hearsay.
_HABITUAL_OR_FUTURE = re.compile(
    r"\b(?:each|every|whenever|usually|often|routinely|regularly|sometimes|always|frequently|"
    r"typically|repeatedly|by\s+(?:the\s+end\s+of\s+)?(?:19|20)\d\d|next\s+(?:week|month|year|season|"
    r"spring|summer|autumn|fall|winter|decade)|in\s+the\s+coming|from\s+next|within\s+(?:a|the|two|"
    r"three|\d+)|soon|eventually|by\s+then|once|again|later|tomorrow|until|from\s+(?:19|20)\d\d|"
    # a weekday or "this week" with a bare verb is most often a plan ("would meet on Thursday")
    r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|this\s+(?:week|weekend))\b",
    re.IGNORECASE,
)
_HABIT_OR_PLAN = WordSearch(_HABITUAL_OR_FUTURE)
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
    plans: frozenset[str]


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
    plans = resources.files("mtcheck.data.attribution").joinpath("plan_nouns.txt").read_text("utf-8")
    plan_nouns = frozenset(w for ln in plans.splitlines() if not ln.startswith("#") for w in ln.split())
    return _Verbs(past_of_pp, base_of_pp, present, prospective, plan_nouns)


def _has_conditional(sentence: str) -> bool:
    """`_CONDITIONAL.search(sentence) is not None`: a question mark or a marker."""
    return "?" in sentence or _CONDITIONAL_WORDS.found(sentence)


def _source_frame(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` cites a source for the claim: "according to the newspaper",
    "sources close to", "reportedly"; not "according to the plan" (a prospective effect)."""
    if _OTHER_SOURCE.search(text, start, end):
        return True
    plans = _verbs().plans
    for m in _ACCORDING.finditer(text, start, end):
        if not any(w in plans for w in m.group("src").lower().split()):
            return True
    return False


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
    if base == "be":
        # "would be" + a predicate: not a predicate noun or a purpose ("would be the first")
        nxt = _NEXT_WORD.match(m.string, m.end())
        return nxt is not None and nxt.group(1).lower() not in _BE_PREDICATE_SKIP
    return base != "have" and base not in _verbs().prospective


_WORD_RUN = re.compile(r"[\w’'-]+")
_INVERTED_IF = ("Had ", "Were ", "Should ")
_WHO_BEFORE = re.compile(r",\s*who\s+$")
_NEXT_WORD = re.compile(r"\s+[“\"«]?([A-Za-z]+)")


def _last_word(before: str) -> str:
    """The last word of `before`, lowercased ("" where there is none)."""
    words = before.rsplit(None, 1)
    return words[-1].lower().strip(",;:“”\"'’") if words else ""


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

    Also: "would be" + a predicate with a source cited in the sentence ("the refinery would
    be out of service, according to ..."), a bare verb after "according to <source>", and
    "would have" + participle placed at a past moment ("would have negotiated in the last
    days").

    Not flagged: real conditionals ("would ... if", "unless", "otherwise", "Had he ..."), modal uses
    ("would like", "would be able to", "would have to"), the future in the past after a
    past reporting verb ("he said the route would begin next week"), prospective effects
    of plans ("the bill would allow ...", "according to the draft, states would pay ...",
    `plan_nouns.txt`). Signals that raise confidence: a present-tense
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
        sourced_doc: bool | None = None
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
            index = index or sentence_index(doc)
            sent = index.at(start)
            if sent is None:
                continue
            # `_score` and the conditional test are both filters on the same candidate:
            # the cheaper `_score` runs first, the sentence-wide regex only for survivors
            if sourced_doc is None:
                # whether the story cites a source anywhere (the "would be" + predicate and
                # bare-verb constructions need one in their sentence): a set look-up
                sourced_doc = not _SOURCE_WORDS.isdisjoint(doc.lowered_word_set)
            scored = self._score(doc, sent, m, sourced_doc)
            if scored is None:
                continue
            cond = conditional.get(sent.start)
            if cond is None:
                # (an inverted conditional opens the sentence: "Had he been acquitted, he would
                # still have faced ...", "Were the deal signed, ...")
                cond = conditional[sent.start] = (
                    _has_conditional(sent.text) or sent.text.startswith(_INVERTED_IF)
                )
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
        self, doc: Document, sent: Segment, m: re.Match[str], sourced_doc: bool = True
    ) -> tuple[float, tuple[str, ...], str] | None:
        """`None` where the candidate is not a hearsay conditional; `m` has passed `_possible`
        (every `return None` is an independent filter, the word tests of `_possible` first)."""
        prog, perf, pass_, base = m.group("prog", "perf", "pass", "bare")
        text = doc.text
        mstart = m.start()
        before = text[sent.start : mstart]
        # (a relative "who would have ..." is not under the past frame's reporting verb: "they
        # reported arrests, among them his father, who would have been detained")
        if _PAST_FRAME.search(before) and not ((prog or perf) and _WHO_BEFORE.search(before)):
            return None  # future in the past, or a narrative past around it
        if not (prog or perf):
            # "it would be", "the deal would give", "the proposal foresees 92 boats, of which 37
            # would operate ...": evaluative, or the content of a plan (prospective)
            plans = _verbs().plans
            if _last_word(before) in _SUBJECT_SKIP or any(w in plans for w in _WORD_RUN.findall(before.lower())):
                return None
        present = _PRESENT_FRAME.search(before) is not None
        # a cited source in the sentence, before or after ("..., according to the guilds")
        sourced: bool | None = None
        if base == "be":
            # "would be" + a predicate ("would be partially out of service", "would still be in
            # the fund"): hearsay only with a source cited in the sentence
            # (`_possible` read the word after "be")
            if not sourced_doc or _HABIT_OR_PLAN.found(sent.text):
                return None
            sourced = _source_frame(text, sent.start, sent.end)
            if not sourced:
                return None
        elif not (prog or perf or pass_):
            if present and _THAT_CLAUSE.search(before):
                pass  # a complement clause right under the present frame ("maintains that X would")
            else:
                # or a source cited before the clause: "According to the newspaper, the coach
                # would receive ..." (not a habit or a projection)
                if not sourced_doc or _HABIT_OR_PLAN.found(sent.text):
                    return None
                sourced = _source_frame(text, sent.start, mstart)
                if not sourced:
                    return None
        hearsay = present or bool(sourced) or _HEARSAY.search(text, m.end(), sent.end) is not None
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
            # turned 80"): below warning unless the story has another candidate, or the clause
            # places the event at a past moment ("would have negotiated in the last days")
            conf = 0.8 if hearsay else 0.55 if _PAST_ANCHOR.search(text, m.end(), sent.end) else 0.45
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
        elif base == "be":
            be = "are" if plural else "is"
            # ("according to the study, the drug would be effective" may be a hypothesis:
            # below warning unless the story has another candidate)
            conf = 0.45
            sugg = (f"{be}{' ' + adv if adv else ''}", f"{be} reportedly")
            kind = "'would be' for an alleged state, with a source cited"
        else:
            # (a cited source alone, without a present-tense frame: below warning unless the
            # story has another candidate; "according to witnesses, soldiers would stop cars"
            # may be a habit)
            conf = 0.6 if present and not sourced else 0.45
            pres = base if plural else _third_person(base)
            sugg = (f"{adv_}{pres}", f"reportedly {pres}" if not plural else f"{pres}, reportedly,")
            kind = "a present-tense report frame"
        return conf, tuple(match_case(span, s) for s in sugg), kind
