"""Plain-text reader: the reader view is the text with CRLF folded to LF."""

from __future__ import annotations

from mtcheck.document import Document, OffsetMap, TextBuilder


def fold_line_endings(original: str, builder: TextBuilder, start: int, end: int) -> None:
    """Copy original[start:end] into the builder, dropping the CR of each CRLF."""
    pos = start
    while True:
        cr = original.find("\r", pos, end)
        if cr == -1:
            builder.copy(pos, end)
            return
        builder.copy(pos, cr)
        if cr + 1 < end and original[cr + 1] == "\n":
            pos = cr + 1
        else:  # a lone CR is an old Mac line break
            builder.insert("\n", cr, cr + 1)
            pos = cr + 1


def read_plain(original: str, path: str) -> Document:
    if "\r" not in original:
        return Document(
            path=path,
            original=original,
            text=original,
            format="text",
            offsets=OffsetMap.identity(len(original)),
        )
    builder = TextBuilder(original)
    fold_line_endings(original, builder, 0, len(original))
    text, offsets = builder.build()
    return Document(path=path, original=original, text=text, format="text", offsets=offsets)
