"""Inline suppressions: which findings `mtcheck-disable` comments silence, and which comments went unused."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from mtcheck.document import Directive, Document
from mtcheck.finding import Finding


@dataclass
class _Region:
    directive: Directive
    first_line: int
    last_line: int  # inclusive
    used: bool = field(default=False)

    def covers(self, finding: Finding) -> bool:
        if not (self.first_line <= finding.line <= self.last_line):
            return False
        return not self.directive.codes or finding.code in self.directive.codes


def _regions(doc: Document) -> list[_Region]:
    index = doc.line_index
    regions: list[_Region] = []
    open_disables: list[tuple[Directive, int]] = []
    last_line = index.line_count()
    for d in doc.directives:
        line, _ = index.position(d.start)
        end_line, _ = index.position(max(d.start, d.end - 1))
        if d.kind == "disable-next-line":
            target = end_line + 1
            # Skip blank lines so a comment above a paragraph works as written.
            while target <= last_line and not _line_text(doc, target).strip():
                target += 1
            regions.append(_Region(d, target, target))
        elif d.kind == "disable":
            open_disables.append((d, line))
        elif d.kind == "enable":
            still_open = []
            for opened, start_line in open_disables:
                if not d.codes or set(opened.codes) & set(d.codes) or not opened.codes:
                    regions.append(_Region(opened, start_line, line))
                else:
                    still_open.append((opened, start_line))
            open_disables = still_open
    for opened, start_line in open_disables:
        regions.append(_Region(opened, start_line, last_line))
    return regions


def _line_text(doc: Document, line: int) -> str:
    index = doc.line_index
    start = index.line_start(line)
    end = doc.original.find("\n", start)
    return doc.original[start : end if end != -1 else len(doc.original)]


def apply_suppressions(
    doc: Document, findings: Sequence[Finding]
) -> tuple[list[Finding], list[Directive]]:
    """Findings left after suppression comments, and the directives that silenced nothing."""
    if not doc.directives:
        return list(findings), []
    regions = _regions(doc)
    kept: list[Finding] = []
    for finding in findings:
        silenced = False
        for region in regions:
            if region.covers(finding):
                region.used = True
                silenced = True
        if not silenced:
            kept.append(finding)
    unused = [r.directive for r in regions if not r.used]
    return kept, unused
