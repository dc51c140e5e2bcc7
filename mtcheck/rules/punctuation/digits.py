"""Where the digits of a text are, and what is around them (used by MT502 and MT503).

The number and time rules look for patterns that start with a digit. Scanning a whole
article with such a pattern makes the regex engine try every character, and with a
character class at that. Instead, the text is mapped once to one byte per character
(`char_classes`: every digit 0-9 becomes "0", the few characters the rules look for next
to a digit stay, everything else becomes "x"), and a pattern over that map that starts
with the literal "0" finds the offsets worth trying at C speed; the rules then try their
own pattern there. Both rules ask, so the map is kept with the document (`Document.derived`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from mtcheck.document import Document

DIGIT = ord("0")
# One byte per character: 0-9 -> "0"; ".", ",", " ", "h" stay; a no-break space -> "_";
# anything else -> "x" (so is every character beyond Latin-1: `latin1` makes it "?").
_CLASS_TABLE = bytes(
    DIGIT if 0x30 <= b <= 0x39 else b if b in b"., h" else ord("_") if b == 0xA0 else ord("x")
    for b in range(256)
)
# UTF-8 bytes that cannot belong to a decimal digit other than 0-9: ASCII, continuation
# bytes, the lead bytes of U+0080-U+063F and of U+2000-U+2FFF. The first non-ASCII decimal
# digit (what `\d` and `str.isdecimal` also accept) is U+0660, and U+2000-U+2FFF (curly
# quotes, dashes, the euro sign) holds none.
_NO_OTHER_DIGITS = bytes(range(0xD9)) + b"\xe2"
_MAX_LOOKS = 64

def latin1(doc: Document) -> bytes:
    """`doc.text` in Latin-1, one byte per character (same offsets); a character beyond
    Latin-1 becomes "?"."""
    return doc.derived(_latin1)


def _latin1(doc: Document) -> bytes:
    return doc.text.encode("latin-1", "replace")


def char_classes(doc: Document) -> bytes:
    """One byte per character of `doc.text` (same offsets): b"0" for a digit 0-9; ".", ",",
    " " and "h" as they are; b"_" for a no-break space (U+00A0); b"x" for anything else."""
    return doc.derived(_char_classes)


def _char_classes(doc: Document) -> bytes:
    return latin1(doc).translate(_CLASS_TABLE)


def separated_digits(doc: Document) -> list[int]:
    """Offsets, ascending, of the digits 0-9 followed by a dot, comma, space or no-break
    space and a digit 0-9 ("1.5", "14.30", "9 000"): MT502's numbers and MT503's times."""
    return doc.derived(_marks)[0]


def digits_before_h(doc: Document) -> list[int]:
    """Offsets, ascending, of the digits 0-9 followed by "h" or " h" ("14h30", "15 h")."""
    return doc.derived(_marks)[1]


def _marks(doc: Document) -> tuple[list[int], list[int]]:
    """`separated_digits` and `digits_before_h`, from one scan of `char_classes(doc)`."""
    classes = char_classes(doc)
    separated: list[int] = []
    before_h: list[int] = []
    for m in _MARK_RE.finditer(classes):
        q = m.start()
        (separated if classes[q + 2 : q + 3] == b"0" and classes[q + 1] != _H else before_h).append(q)
    return separated, before_h


# In `char_classes`: a digit, then a separator and a digit, or "h", or a space and "h".
_MARK_RE = re.compile(rb"0(?=[., _]0| ?h)")
_H = ord("h")


def has_other_digits(doc: Document) -> bool:
    """Whether `doc.text` may hold a decimal digit other than 0-9 (Arabic-Indic, fullwidth...),
    which `\\d` matches too: then `char_classes` does not show all the digits."""
    text = doc.text
    if text.isascii():
        return False
    # Latin-1 holds no decimal digit beyond 0-9 (the first other is U+0660): only the
    # characters the Latin-1 encoding replaces with "?" need a look, and they are few.
    encoded = latin1(doc)
    looks = 0
    i = encoded.find(b"?")
    while i != -1:
        if text[i].isdecimal():
            return True
        looks += 1
        if looks > _MAX_LOOKS:  # a text mostly in another script: look at it all at once
            return bool(text.encode("utf-8", "surrogatepass").translate(None, _NO_OTHER_DIGITS))
        i = encoded.find(b"?", i + 1)
    return False


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """The matches `pattern.finditer(text)` gives, when every match must start at one of
    `starts`: tried at those offsets only, left to right, none overlapping the last."""
    end = 0
    match = pattern.match
    for p in sorted(starts):
        if p < end:
            continue
        m = match(text, p)
        if m is not None:
            end = m.end()
            yield m
