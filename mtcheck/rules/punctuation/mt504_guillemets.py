"""MT504 guillemets: « » (or German „ “, » «) used as quotation marks in English copy."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.lazy_re import lazy
from mtcheck.rules.base import Hit, Rule, RuleOptions

# A quotation within one line: «...», »...« (German), „...“ (German low-high quotes), ‹...›.
_PAIR_RE = lazy(r"«(?P<a>[^«»\n]{1,600})»|»(?P<b>[^«»\n]{1,600})«|„(?P<c>[^„“”\n]{1,600})[“”]|‹(?P<d>[^‹›\n]{1,200})›")
_LONE_RE = lazy(r"[«»„‹›]")
_FRENCH_SPACE = " \u00a0\u202f"
_MARKS = "«»„‹›"


class GuillemetsRule(Rule):
    """Quotation marks of the source language kept in English copy: French, Spanish,
    Italian and Portuguese guillemets « », German »...« and „...“.

    Bad:  The minister called it «a historic day» for the country.
    Fix:  The minister called it “a historic day” for the country.

    French sets the quotation off with spaces inside the marks (« un jour »); that and the
    German forms narrow the guess of the source language.
    Source: AP Stylebook "quotation marks"; Imprimerie nationale, Lexique des règles
    typographiques; RAE Ortografía (2010) 3.4.8; Duden "Anführungszeichen".
    """

    code = "MT504"
    name = "guillemets"
    severity = Severity.WARNING
    summary = "Guillemets « » or German „ “ used as quotation marks in English copy"
    quote_aware = False

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        text = doc.text
        if not any(mark in text for mark in _MARKS):
            return
        paired: set[int] = set()
        for m in _PAIR_RE.finditer(text):
            inner_group = next(g for g in "abcd" if m.group(g) is not None)
            inner = m.group(inner_group)
            if inner_group == "a":
                spaced = inner[:1] in _FRENCH_SPACE and inner[-1:] in _FRENCH_SPACE
                langs = ["fr"] if spaced else ["es", "it", "pt", "fr"]
            elif inner_group in "bc":
                langs = ["de"]
            else:
                langs = ["fr", "de"]
            paired.update((m.start(), m.end() - 1))
            # A quotation inside the quotation takes single marks in English.
            nested = inner.strip(_FRENCH_SPACE).replace("“", "‘").replace("”", "’")
            fixed = f"“{nested}”"
            yield Hit(
                m.start(),
                m.end(),
                f"source-language quotation marks {m.group()[0]} {m.group()[-1]}; English uses “ ”",
                suggestions=(fixed,),
                confidence=0.9,
                data={"lang": langs},
            )
        for m in _LONE_RE.finditer(text):
            if m.start() in paired:
                continue
            mark = m.group()
            around = text[m.start() - 1 : m.start()] + text[m.end() : m.end() + 1]
            if not around.strip():
                continue  # a navigation arrow ("World » Asia", "Read more »"), not a quote
            yield Hit(
                m.start(),
                m.end(),
                f"source-language quotation mark {mark}; English uses “ or ”",
                suggestions=("”" if mark in "»›" else "“",),
                confidence=0.7,
                data={"lang": ["de"] if mark == "„" else ["fr", "es", "it", "pt", "de"]},
            )
