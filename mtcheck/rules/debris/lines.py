"""The lines of a document as the debris rules (MT601-MT604) read them, worked out once per
document and kept with it (`Document.derived`)."""

from __future__ import annotations

from itertools import compress

from mtcheck.document import Document


def stripped_lines(doc: Document) -> list[str]:
    """Each line's text stripped of surrounding whitespace ("" for a blank line), parallel
    to `doc.lines`: `Document.stripped_lines`, which `Document.blocks` builds for every
    document anyway (the debris rules only read it)."""
    return doc.stripped_lines


def non_blank(doc: Document) -> list[int]:
    """The indices of the non-blank lines of `doc.lines`, in order."""
    return doc.derived(_non_blank)


def _non_blank(doc: Document) -> list[int]:
    stripped = stripped_lines(doc)
    return list(compress(range(len(stripped)), stripped))
