"""Where the digits of a text are, found with `str.find` (used by MT502 and MT503).

The number and time rules look for patterns that start with a digit. Scanning a whole
article with such a pattern makes the regex engine try every character; digits are about
one character in a hundred, and `str.find` locates each one at C speed. The rules then try
their pattern only where a digit makes a match possible. (Computed once per text: both
rules ask. Could move to `Document`.)
"""

from __future__ import annotations

import threading

# UTF-8 bytes that cannot belong to a decimal digit other than 0-9: ASCII, continuation
# bytes, the lead bytes of U+0080-U+063F and of U+2000-U+2FFF. The first non-ASCII decimal
# digit (what `\d` and `str.isdecimal` also accept) is U+0660, and U+2000-U+2FFF (curly
# quotes, dashes, the euro sign) holds none.
_NO_OTHER_DIGITS = bytes(range(0xD9)) + b"\xe2"

_last = threading.local()


def ascii_digits(text: str) -> list[int]:
    """Offsets of the characters 0-9 in `text`, ascending."""
    cached: tuple[str, list[int]] | None = getattr(_last, "value", None)
    if cached is not None and cached[0] is text:
        return cached[1]
    out: list[int] = []
    find = text.find
    append = out.append
    for d in "0123456789":
        i = find(d)
        while i != -1:
            append(i)
            i = find(d, i + 1)
    out.sort()
    # Kept for the next rule that asks about the same text (the same object: a str is
    # immutable, so identity means the same offsets).
    _last.value = (text, out)
    return out


def has_other_digits(text: str) -> bool:
    """Whether `text` may hold a decimal digit other than 0-9 (Arabic-Indic, fullwidth...),
    which `\\d` matches too: then the ASCII digits are not all the digits."""
    if text.isascii():
        return False
    # Latin-1 holds no decimal digit beyond 0-9 (the first other is U+0660): only the
    # characters the Latin-1 encoding replaces with "?" need a look, and they are few.
    latin1 = text.encode("latin-1", "replace")
    looks = 0
    i = latin1.find(b"?")
    while i != -1:
        if text[i].isdecimal():
            return True
        looks += 1
        if looks > _MAX_LOOKS:  # a text mostly in another script: look at it all at once
            return bool(text.encode("utf-8", "surrogatepass").translate(None, _NO_OTHER_DIGITS))
        i = latin1.find(b"?", i + 1)
    return False


_MAX_LOOKS = 64
