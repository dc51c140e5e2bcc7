"""MT302 trailing-relative-attribution: "..., Kirby has counted, who has estimated ...", a relative hung on the speech verb."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.rules.attribution.speech_verbs import alternation_trie, speech_lexicon
from mtcheck.rules.base import Hit, Rule, RuleOptions

# Words that cannot be the speaker right before the verb ("those who insisted, who ...").
_NOT_SUBJECT = frozenset("who which that whom whose those anyone everyone someone as what".split())
# Rhetorical "who knows", "who cares": a question, not a relative clause.
_RHETORICAL = re.compile(r"\s+(?:knows|cares|can|could|would|will|is to say|else)\b")
_AUX = frozenset("has have had is was were will would also then later however".split())


@cache
def _pattern(tail: str = "") -> re.Pattern[str]:
    """The subject and speech verb at the end of the text before ", who", with `tail`
    (a regex) between the verb and the end."""
    lex = speech_lexicon()
    perfect = alternation_trie(list(lex.perfect))
    past = alternation_trie(lex.trailing)
    return re.compile(
        r"(?P<subject>[\w’'.\-]+),?\s+(?P<verb>(?:has|have)\s+(?:%s)|%s)%s\s*$" % (perfect, past, tail)
    )


# The speech event's setting between the verb and ", who" ("Albares has counted in an appearance
# before the committee, who ...", "Lindner has underlined in Berlin, who ...", "Zelensky said
# in his evening address, who ..."). Only settings: after "with"/"to" + a person ("said at a
# meeting with Macron, who ...") the relative is native and attaches to that person.
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_SETTING_TAIL = (
    r"\s+(?P<pp>(?:in|at|on|before|during|after|from|through|via)\s+(?:[^\s,;:.“”\"]+\s+){0,7}?"
    r"(?P<head>[^\s,;:.“”\"]+)|(?:this|on|last)\s+(?:%s)(?:\s+(?:morning|afternoon|evening|night))?|"
    r"this\s+(?:morning|afternoon|evening|week)|(?:yesterday|today|tonight|later|again))" % _WEEKDAYS
)


_TOKEN = re.compile(r"\S+")
# the first words `_SETTING_TAIL` can start with
_SETTING_STARTS = frozenset(
    "in at on before during after from through via this last yesterday today tonight later again".split()
)
# words a match of `_setting_pattern` may hold after its verb's last word (a setting phrase
# of at most nine words, or a time of three), and before it (a verb form of up to five words
# and the subject)
_TAIL_WORDS = 10
_HEAD_WORDS = 6


def _setting_match(text: str, w_start: int) -> re.Match[str] | None:
    """A match of `_setting_pattern` ending at `w_start` (the comma before "who"), tried only
    at word starts a few words before a word that can end a verb form: most windows have
    no such word near their end, and cost a split instead of a scan of the large pattern."""
    lo = max(0, w_start - 160)
    endings = _verb_endings()
    # (word tests first: most windows have no verb followed by a setting's first word)
    tail = text[lo:w_start].split()[-_TAIL_WORDS - 1 :]
    if not any(
        tail[k + 1] in _SETTING_STARTS and tail[k].rstrip(",") in endings for k in range(len(tail) - 1)
    ):
        return None
    tokens = [(t.start(), t.group()) for t in _TOKEN.finditer(text, lo, w_start)]
    pattern = _pattern(_SETTING_TAIL)
    n = len(tokens)
    for k in range(n - 2, max(-1, n - 2 - _TAIL_WORDS), -1):  # the verb is not the last word
        if tokens[k][1].rstrip(",") not in endings:
            continue
        for j in range(k - 1, max(-1, k - 1 - _HEAD_WORDS), -1):
            m = pattern.match(text, tokens[j][0], w_start)
            if m is not None and _is_setting(m):
                return m
    return None


def _is_setting(m: re.Match[str]) -> bool:
    """Whether the phrase after the verb names the speech event's setting (a place, an
    occasion, a time), so that "who" cannot attach to it."""
    head = m.group("head")
    if head is None:
        return True  # a time adverbial
    pp = m.group("pp")
    if re.search(r"\b(?:with|to|by|of|for|and)\s", pp[pp.find(" ") :]):
        return False  # "at a meeting with Macron", "in a letter to Sánchez": a person may follow
    if head.lower() in speech_lexicon().settings:
        return True
    # a place name right after "in"/"at" ("in Berlin", "at Downing Street")
    return head[:1].isupper() and pp.startswith(("in ", "at ")) and len(pp.split()) <= 3


@cache
def _inverted_pattern() -> re.Pattern[str]:
    """After a quotation: verb, subject, then an adverbial phrase right before ", who"."""
    lex = speech_lexicon()
    verbs = alternation_trie([*lex.inverted, *lex.trailing, *(f"has {p}" for p in lex.perfect)])
    return re.compile(
        r"[”\"»]\s*,?\s*(?P<verb>%s)\s+(?P<subject>(?:the\s+|[A-Z])[^,;:.“”\"]{0,50}?)\s+"
        # only adverbials of the speech event, not post-modifiers of the speaker's noun
        # ("the economist of a bank in São Paulo, who asked not to be named" is native)
        r"(?P<pp>(?:at\s+the\s+(?:end|close|start|conclusion)\s+of|after\s+the|"
        r"during\s+(?:the|a|an|his|her|its|their))"
        r"\s[^,;:.“”\"]{1,40}|in\s+(?:a|an|the|his|her|their)\s+(?:statement|interview|"
        r"press conference|news conference|speech|message|communiqué|note|post|video|letter)"
        r"[^,;:.“”\"]{0,30}|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
        r"to\s+(?:the\s+)?(?:press|reporters|journalists|AFP|Reuters|EFE|ANSA|dpa|Lusa|media)"
        r"[^,;:.“”\"]{0,20})$" % verbs
    )


@cache
def _inverted_first_words() -> frozenset[str]:
    """The first word of every verb form of `_inverted_pattern`."""
    lex = speech_lexicon()
    return frozenset(form.split()[0] for form in [*lex.inverted, *lex.trailing, "has"])


def _inverted_possible(text: str, start: int, end: int) -> bool:
    """False where `_inverted_pattern().search(text, start, end)` finds nothing, told from a
    few characters instead of the large pattern.

    After its first character (a closing quote mark) a match holds no ” or " up to `end`
    (the `$`), so it starts at the last of these in the window or at a » after it. Then
    come spaces, maybe a comma, spaces, and a verb form followed by spaces: the run of
    non-space characters there must be the first word of a verb form."""
    q = max(text.rfind("”", start, end), text.rfind('"', start, end))
    starts = [q] if q >= 0 else []
    i = text.find("»", max(q + 1, start), end)
    while i != -1:
        starts.append(i)
        i = text.find("»", i + 1, end)
    words = _inverted_first_words()
    for p in starts:
        a = p + 1
        while a < end and text[a].isspace():
            a += 1
        if a < end and text[a] == ",":
            a += 1
            while a < end and text[a].isspace():
                a += 1
        b = a
        while b < end and not text[b].isspace():
            b += 1
        if text[a:b] in words:
            return True
    return False


# ", who" is rare and literal: find it first, then look back for the verb.
_WHO = re.compile(r",\s*who\b")


def _who_spans(text: str) -> list[tuple[int, int]]:
    """The spans of `_WHO.finditer(text)`, found from the occurrences of "who" (`str.find`
    skips to them faster than the regex engine's scan for commas).

    A match is a comma, the spaces after it, and "who" not followed by a word character:
    each "who" with a comma before its spaces (the regex's spaces are those of
    `str.isspace`, its word characters those of `str.isalnum` and "_") ends one, and
    as each match holds a single comma and a single "who", they never overlap."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    i = text.find("who")
    while i != -1:
        end = i + 3
        if end == n or not (text[end].isalnum() or text[end] == "_"):
            k = i
            while k > 0 and text[k - 1].isspace():
                k -= 1
            if k > 0 and text[k - 1] == ",":
                spans.append((k - 1, end))
        i = text.find("who", end)
    return spans


@cache
def _verb_endings() -> frozenset[str]:
    """The last word of every verb form `_pattern` can end with."""
    lex = speech_lexicon()
    return frozenset(form.split()[-1] for form in [*lex.perfect, *lex.trailing])


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

    Also flagged: the speech event's setting or time between the verb and "who" ("Kirby
    has counted in an appearance before the committee, who ...", "Lindner has underlined
    in Berlin, who ...", "Albares insisted this Tuesday, who ...").

    Not flagged: the native relative after the name in an inverted attribution ("said
    John Kirby, who heads ..."), after a person in the setting ("said after a meeting with
    Macron, who ..."), rhetorical "who knows".

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
        endings = _verb_endings()
        for w_start, w_end in _who_spans(text):
            m = None
            # The verb pattern ends at the window's end (`\s*$`), and the last word of its
            # verb follows a space: unless the last word before the comma is the last word
            # of one of its verbs, it cannot match.
            last = text[max(0, w_start - 60) : w_start].rsplit(None, 1)
            if last and last[-1] in endings:
                m = verb_before.search(text, max(0, w_start - 60), w_start)
            conf = 0.0
            if m is not None:
                conf = 0.85 if m.group("verb").startswith(("has", "have")) else 0.8
            else:
                m = _setting_match(text, w_start)
                if m is not None:
                    conf = 0.8 if m.group("verb").startswith(("has", "have")) else 0.75
            if m is None:
                if _inverted_possible(text, max(0, w_start - 160), w_start):
                    m = _inverted_pattern().search(text, max(0, w_start - 160), w_start)
                conf = 0.65
            if m is None:
                continue
            subject = m.group("subject")
            if subject.lower() in _NOT_SUBJECT:
                continue
            after = text[w_end : w_end + 40]
            if _RHETORICAL.match(after):
                continue
            end = w_end
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
            start = w_start
            tail = text[w_end : end].strip()
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
