"""MT302 trailing-relative-attribution: "..., Kirby has counted, who has estimated ...", a relative hung on the speech verb."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.rules.attribution.speech_verbs import alternation, speech_lexicon
from mtcheck.rules.base import Hit, Rule, RuleOptions

# Words that cannot be the speaker right before the verb ("those who insisted, who ...").
_NOT_SUBJECT = frozenset("who which that whom whose those anyone everyone someone as what".split())
# Rhetorical "who knows", "who cares": a question, not a relative clause.
_RHETORICAL = re.compile(r"\s+(?:knows|cares|can|could|would|will|is to say|else)\b")
_AUX = frozenset("has have had is was were will would also then later however".split())


@cache
def _pattern() -> re.Pattern[str]:
    lex = speech_lexicon()
    perfect = alternation(list(lex.perfect))
    past = alternation(lex.trailing)
    return re.compile(
        r"(?P<subject>[\w’'.\-]+),?\s+(?P<verb>(?:has|have)\s+(?:%s)|%s)\s*$" % (perfect, past)
    )


@cache
def _inverted_pattern() -> re.Pattern[str]:
    """After a quotation: verb, subject, then an adverbial phrase right before ", who"."""
    lex = speech_lexicon()
    verbs = alternation([*lex.inverted, *lex.trailing, *(f"has {p}" for p in lex.perfect)])
    return re.compile(
        r"[”\"»]\s*,?\s*(?P<verb>%s)\s+(?P<subject>(?:the\s+|[A-Z])[^,;:.“”\"]{0,50}?)\s+"
        # only adverbials of the speech event, not post-modifiers of the speaker's noun
        # ("the economist of a bank in São Paulo, who asked not to be named" is native)
        r"(?P<pp>(?:at\s+the\s+(?:end|close|start|conclusion)\s+of|after\s+the|during\s+(?:the|a|an))"
        r"\s[^,;:.“”\"]{1,40}|in\s+(?:a|an|the|his|her|their)\s+(?:statement|interview|"
        r"press conference|news conference|speech|message|communiqué|note|post|video|letter)"
        r"[^,;:.“”\"]{0,30}|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
        r"to\s+(?:the\s+)?(?:press|reporters|journalists|AFP|Reuters|EFE|ANSA|dpa|Lusa|media)"
        r"[^,;:.“”\"]{0,20})$" % verbs
    )


# ", who" is rare and literal: find it first, then look back for the verb.
_WHO = re.compile(r",\s*who\b")


_NEXT_WORD = re.compile(r"\s+([a-z]+(?:[’'-][a-z]+)?)")


class TrailingRelativeAttributionRule(Rule):
    """A relative clause attached to the speech verb of an attribution: Spanish and Italian
    chain "..., ha contado Kirby, quien ha estimado ..." / "ha insistito Albares, che ...",
    and machine translation keeps the chain after moving the subject in front of the verb.
    In English "who" then dangles after the verb instead of following the speaker's name.

    Bad:  “...,” Kirby has counted, who has estimated the value at “billions of dollars”.
    Bad:  “We will not accept it,” Albares insisted, who in any case wants a deal.
    Bad:  “...”, affirms the coach at the end of the match, who has revealed ...
    Fix:  split the sentence: “...,” Kirby said. He estimated the value at ...

    Not flagged: the native relative after the name in an inverted attribution ("said
    John Kirby, who heads ..."), rhetorical "who knows".

    Source: English relative-clause attachment (a "who" relative modifies the noun right
    before it; CGEL ch. 12); Spanish/Italian attribution order from own knowledge of
    EFE/Europa Press/ANSA copy. Verb list in `mtcheck/data/attribution/speech_verbs.toml`.
    """

    code = "MT302"
    name = "trailing-relative-attribution"
    severity = Severity.WARNING
    summary = "Relative clause hung on the speech verb ('Kirby said, who estimated ...')"
    languages = frozenset({"es", "it", "pt", "fr"})

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        text = doc.text
        verb_before = _pattern()
        for w in _WHO.finditer(text):
            m = verb_before.search(text, max(0, w.start() - 60), w.start())
            conf = 0.0
            if m is not None:
                conf = 0.85 if m.group("verb").startswith(("has", "have")) else 0.8
            else:
                m = _inverted_pattern().search(text, max(0, w.start() - 160), w.start())
                conf = 0.65
            if m is None:
                continue
            subject = m.group("subject")
            if subject.lower() in _NOT_SUBJECT:
                continue
            after = text[w.end() : w.end() + 40]
            if _RHETORICAL.match(after):
                continue
            end = w.end()
            verb_text = ""
            nxt = _NEXT_WORD.match(text, end)
            if nxt and nxt.group(1) in _AUX:
                second = _NEXT_WORD.match(text, nxt.end())
                if second:
                    end = second.end()
                    verb_text = second.group(1)
            elif nxt and re.fullmatch(r"[a-z]+(?:ed|es|s)", nxt.group(1)) and nxt.group(1) not in ("is", "was", "has", "its", "this"):
                end = nxt.end()
                verb_text = nxt.group(1)
            start = w.start()
            tail = text[w.end() : end].strip()
            past = _simple_past(tail.split()) if tail else ""
            suggestions = tuple(f". {p}{' ' + past if past else ''}" for p in ("He", "She", "They"))
            yield Hit(
                start,
                end,
                f"relative clause hung on the speech verb '{m.group('verb')}': 'who' cannot "
                f"attach to a verb (a Spanish/Italian attribution chain); end the sentence "
                f"and start a new one with the speaker ('{subject} said. He {past or '...'}')",
                suggestions=suggestions,
                confidence=conf,
                data={"verb_after_who": verb_text},
            )


def _simple_past(words: list[str]) -> str:
    """'has estimated' -> 'estimated'; 'added' -> 'added'; other tails kept as they are."""
    if len(words) == 2 and words[0] in ("has", "have"):
        return words[1]
    return " ".join(words)
