"""The lines of a document as the debris rules (MT601-MT604) read them, worked out once per
document and kept with it (`Document.derived`)."""

from __future__ import annotations

from itertools import compress
from operator import itemgetter

from mtcheck.document import Document

_TEXT = itemgetter(2)


def stripped_lines(doc: Document) -> list[str]:
    """Each line's text stripped of surrounding whitespace ("" for a blank line), parallel
    to `doc.lines` (what `Document.stripped_lines` gives)."""
    return doc.derived(_stripped)


def non_blank(doc: Document) -> list[int]:
    """The indices of the non-blank lines of `doc.lines`, in order."""
    return doc.derived(_non_blank)


def _stripped(doc: Document) -> list[str]:
    # (map and str.strip: no Python-level loop over the lines)
    return list(map(str.strip, map(_TEXT, doc.lines)))


def _non_blank(doc: Document) -> list[int]:
    stripped = stripped_lines(doc)
    return list(compress(range(len(stripped)), stripped))
