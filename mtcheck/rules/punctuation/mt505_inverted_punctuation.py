"""MT505 inverted-punctuation: Spanish opening marks ¿ ¡ left in English copy."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.lazy_re import lazy
from mtcheck.lexicon.frequency import zipf
from mtcheck.rules.base import Hit, Rule, RuleOptions

_MARK_RE = lazy(r"[¿¡]")
_WORD_RE = lazy(r"[^\W\d_]+")
# How far to look for the closing ? or ! that ends the Spanish question or exclamation.
_MAX_SPAN = 300


class InvertedPunctuationRule(Rule):
    """Spanish inverted question and exclamation marks ¿ ¡ kept in the English translation.

    Bad:  ¿Who will pay for the reconstruction?, the mayor asked.
    Fix:  Who will pay for the reconstruction?, the mayor asked.

    When the words between ¿/¡ and the closing mark are Spanish (a quoted Spanish title or
    slogan such as the magazine "¡Hola!"), the mark belongs to the Spanish and the finding
    is only informational.
    Source: RAE Ortografía (2010) 3.4.3 (paired opening marks in Spanish); English has none
    (AP Stylebook "question mark", "exclamation point"). Language of the inner words:
    wordfreq Zipf frequencies in English and Spanish.
    """

    code = "MT505"
    name = "inverted-punctuation"
    severity = Severity.WARNING
    summary = "Spanish inverted ¿ ¡ left in English copy"
    languages = frozenset({"es"})

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        text = doc.text
        if "¿" not in text and "¡" not in text:
            return
        for m in _MARK_RE.finditer(text):
            mark = m.group()
            closer = "?" if mark == "¿" else "!"
            end = text.find(closer, m.end(), m.end() + _MAX_SPAN)
            inner = text[m.end() : end] if end != -1 else ""
            if inner and "\n" not in inner and _is_spanish(inner):
                yield Hit(
                    m.start(),
                    m.end(),
                    f"Spanish opening mark {mark} before Spanish words (a quoted title or phrase?)",
                    confidence=0.3,
                    data={"lang": "es"},
                )
                continue
            yield Hit(
                m.start(),
                m.end(),
                f"Spanish opening mark {mark} left in English copy; delete it",
                suggestions=("",),
                confidence=0.9,
                data={"lang": "es"},
            )


def _is_spanish(inner: str) -> bool:
    """Whether the words between the marks read as Spanish rather than English."""
    words = _WORD_RE.findall(inner)[:8]
    if not words:
        return False
    spanish = sum(1 for w in words if zipf(w.lower(), "es") > zipf(w.lower(), "en") + 0.5)
    return spanish * 2 > len(words)
