"""Regular expressions compiled on first use (start-up time).

A rule module that compiles its patterns at import makes every run pay for all of them
before its first document, though a document needs few: the time patterns serve the
articles with a clock time, the guillemet patterns those with guillemets. `lazy(pattern,
flags)` stands for `re.compile(pattern, flags)` and compiles the pattern the first time one
of its methods or attributes is used. From then on each method is an attribute of the
object itself (the compiled pattern's bound method), as cheap to call as on the pattern.
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, Generic, cast

# What `lazy` objects forward once compiled (everything a caller reads on a pattern).
_ATTRIBUTES = (
    "match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split", "scanner",
    "pattern", "flags", "groups", "groupindex",
)


class _LazyPattern(Generic[AnyStr]):
    def __init__(self, pattern: AnyStr, flags: int) -> None:
        self._source: tuple[AnyStr, int] = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        # Only called for attributes not set yet: the first use compiles and sets them all.
        if name.startswith("__") or name == "_source":
            raise AttributeError(name)
        compiled = re.compile(*self._source)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._source[0]!r})"


def lazy(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """`re.compile(pattern, flags)`, compiled on first use."""
    return cast("re.Pattern[AnyStr]", _LazyPattern(pattern, flags))
