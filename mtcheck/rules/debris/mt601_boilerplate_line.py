"""MT601 boilerplate-line: site furniture left in the copy by a page scrape."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.document import Document
from mtcheck.finding import Severity
from mtcheck.rules.base import Hit, Rule, RuleOptions
from mtcheck.rules.debris.boilerplate import line_patterns, read_pattern_file
from mtcheck.rules.debris.lines import non_blank, stripped_lines

__all__ = ["BoilerplateLineRule", "read_pattern_file"]

# Furniture lines are short; a long line that starts like one is prose.
MAX_LINE_LENGTH = 120


class BoilerplateLineRule(Rule):
    """Site furniture left in the article: "Source link", "Tags", "Read more",
    "Leave a reply", share widgets, "Follow live the latest news about ...".

    Bad:  ... the Treasury.  /  Source link  /  Tags
    Fix:  delete the furniture lines; they are not part of the story.

    Source: the pattern list in `mtcheck/data/debris/boilerplate.txt` (news-site and blog
    template strings); a repository adds its own with `debris-patterns`.
    """

    code = "MT601"
    name = "boilerplate-line"
    severity = Severity.WARNING
    summary = "Site furniture ('Source link', 'Tags', share widgets) left in the copy"
    quote_aware = False

    def check(self, doc: Document, options: RuleOptions) -> Iterator[Hit]:
        patterns = line_patterns(options.debris_patterns)
        stripped_all = stripped_lines(doc)
        lines = doc.lines
        for i in non_blank(doc):
            stripped = stripped_all[i]
            if len(stripped) > MAX_LINE_LENGTH:
                continue
            line = lines[i]
            candidate = stripped.rstrip(":").strip()
            if patterns.fullmatch(candidate):
                lead = len(line.text) - len(line.text.lstrip())
                yield Hit(
                    line.start + lead,
                    line.start + lead + len(stripped),
                    f"boilerplate line '{stripped}' left by the page scrape; delete it",
                    suggestions=("",),
                    confidence=0.95,
                )
