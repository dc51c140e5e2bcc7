"""Whole-line boilerplate patterns (MT601, MT604), tried only where their match can start.

MT601 asks, for every short line of a document, whether the alternation of ~100
case-insensitive patterns in `mtcheck/data/debris/boilerplate.txt` (plus a repository's
`debris-patterns`) matches the whole line. The regex engine tries every alternative in turn
at the line's start, and compiling the alternation costs ~20 ms of start-up. Most patterns
can only start with one or two letters ("source link", "(?:see|view|show) more"), so the
patterns are grouped by the ASCII characters their match can start with: a line is tried
only against the group of its first character, compiled when first needed. The grouping is
derived from the parsed patterns once and kept as JSON in the user cache, named by a hash
of the patterns.

The answer is the same: a full match of an alternation is a full match of one of its
alternatives, and an alternative whose match cannot start with a line's first character
cannot match the line. A line that starts with a non-ASCII character (or an empty one) is
tried against the whole alternation, and so is every line where the patterns hold
something the grouping does not follow (group references, inline flags, named groups).
"""

from __future__ import annotations

import re
import sys
from functools import cache
from importlib import resources
from typing import Any

from mtcheck.cache import json_cached

FLAGS = re.IGNORECASE
# Bump when the grouping below changes: the cache file name carries it.
_VERSION = 1
_ASCII = [chr(i) for i in range(128)]


def read_pattern_file(package: str, name: str) -> list[str]:
    """Non-comment lines of a data file under mtcheck/data."""
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def alternation(patterns: tuple[str, ...] | list[str]) -> str:
    """The patterns as one regular expression (how MT601 has always combined them)."""
    return r"(?:%s)" % "|".join(f"(?:{p})" for p in patterns)


class LinePatterns:
    """`re.compile(alternation(patterns), re.IGNORECASE).fullmatch(line) is not None`,
    answered from the patterns that can start with the line's first character."""

    __slots__ = ("_patterns", "_groups", "_compiled", "_whole")

    def __init__(self, patterns: tuple[str, ...]) -> None:
        self._patterns = patterns
        # ASCII character -> indices of the patterns that can start with it (None: no grouping)
        self._groups: dict[str, tuple[int, ...]] | None = _cached_groups(patterns)
        self._compiled: dict[tuple[int, ...], re.Pattern[str]] = {}
        self._whole: re.Pattern[str] | None = None

    def fullmatch(self, line: str) -> bool:
        groups = self._groups
        first = line[:1]
        if groups is None or not first or first >= "\x80":
            return self.whole().fullmatch(line) is not None
        group = groups.get(first)
        if not group:
            return False  # no pattern can start with this character
        pattern = self._compiled.get(group)
        if pattern is None:
            pattern = self._compiled[group] = re.compile(alternation([self._patterns[i] for i in group]), FLAGS)
        return pattern.fullmatch(line) is not None

    def whole(self) -> re.Pattern[str]:
        if self._whole is None:
            self._whole = re.compile(alternation(self._patterns), FLAGS)
        return self._whole


@cache
def builtin_patterns() -> tuple[str, ...]:
    return tuple(read_pattern_file("mtcheck.data.debris", "boilerplate.txt"))


@cache
def line_patterns(extra: tuple[str, ...]) -> LinePatterns:
    """The built-in boilerplate patterns followed by `extra` (a repository's own)."""
    return LinePatterns(builtin_patterns() + extra)


def _cached_groups(patterns: tuple[str, ...]) -> dict[str, tuple[int, ...]] | None:
    """`first_character_groups(patterns)`, kept as JSON in the user cache (`json_cached`)."""
    key = "\0".join((str(_VERSION), sys.version, *patterns))
    return json_cached(
        "boilerplate-groups", key, lambda: first_character_groups(patterns), _groups_from_json, folder="debris"
    )


def _groups_from_json(value: Any) -> dict[str, tuple[int, ...]] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise TypeError("first-character groups are an object")
    return {c: tuple(ix) for c, ix in value.items()}


def first_character_groups(patterns: tuple[str, ...]) -> dict[str, tuple[int, ...]] | None:
    """For each ASCII character, the indices of the patterns (compiled with `FLAGS`) whose
    match can start with it; None where some pattern is beyond this analysis."""
    try:  # the `re` module's own parser: private, so any change in it means "no groups"
        from re import _constants as sre  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]
    except ImportError:
        return None

    can_start: list[list[bool] | None] = []  # per pattern, per ASCII code; None: anything
    for pattern in patterns:
        try:
            # (as it stands in the alternation: inline global flags are an error there)
            parsed = _parser.parse(alternation((pattern,)), FLAGS)
        except re.error:
            return None  # compiling the alternation raises the error
        if parsed.state.groupdict:
            return None  # named groups, which may clash in the alternation
        if _has_reference(list(parsed), sre):
            return None  # a group reference: its number would change in a smaller alternation
        atoms, _nullable = _first(list(parsed), sre)
        can_start.append(None if atoms is None else _ascii_matches(atoms, sre))
    groups: dict[str, tuple[int, ...]] = {}
    for code, char in enumerate(_ASCII):
        group = tuple(i for i, chars in enumerate(can_start) if chars is None or chars[code])
        if group:
            groups[char] = group
    return groups


def _has_reference(items: list[tuple[Any, Any]], sre: Any) -> bool:
    """Whether parsed items hold a group reference, at any depth."""
    for op, av in items:
        if op is sre.GROUPREF or op is sre.GROUPREF_EXISTS:
            return True
        if op is sre.SUBPATTERN:
            subs = [av[3]]
        elif op is sre.ATOMIC_GROUP:
            subs = [av]
        elif op is sre.BRANCH:
            subs = av[1]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            subs = [av[2]]
        elif op is sre.ASSERT or op is sre.ASSERT_NOT:
            subs = [av[1]]
        else:
            continue
        if any(_has_reference(list(sub), sre) for sub in subs):
            return True
    return False


def _first(items: list[tuple[Any, Any]], sre: Any) -> tuple[Any, bool]:
    """The LITERAL and IN items that can match the first character a sequence of parsed
    items consumes (None: any character may come first), and whether the sequence can match
    the empty string. Over-approximates: a zero-width item (an anchor, a look-around) is
    passed over."""
    atoms: list[tuple[Any, Any]] = []
    for op, av in items:
        found, nullable = _first_of_item(op, av, sre)
        if found is None:
            return None, False
        atoms.extend(found)
        if not nullable:
            return atoms, False
    return atoms, True


def _first_of_item(op: Any, av: Any, sre: Any) -> tuple[Any, bool]:
    if op is sre.LITERAL or op is sre.IN:
        return [(op, av)], False
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            return None, False  # local flags: read as "anything"
        return _first(list(sub), sre)
    if op is sre.ATOMIC_GROUP:
        return _first(list(av), sre)
    if op is sre.BRANCH:
        atoms: list[tuple[Any, Any]] = []
        nullable = False
        for branch in av[1]:
            found, empty = _first(list(branch), sre)
            if found is None:
                return None, False
            atoms.extend(found)
            nullable = nullable or empty
        return atoms, nullable
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, sub = av
        found, empty = _first(list(sub), sre)
        if found is None:
            return None, False
        return found, empty or low == 0
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return [], True  # zero-width: the first character comes after it
    return None, False  # ANY, NOT_LITERAL, anything else: any character


_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}


def _ascii_matches(atoms: list[tuple[Any, Any]], sre: Any) -> list[bool] | None:
    """Per ASCII code, whether one of the atoms matches that character under `FLAGS` (each
    atom written back as a pattern and asked; None where one cannot be written back)."""
    sources: list[str] = []
    for op, av in atoms:
        if op is sre.LITERAL:
            sources.append(re.escape(chr(av)))
            continue
        parts: list[str] = []
        for item_op, item_av in av:
            if item_op is sre.NEGATE:
                parts.append("^")
            elif item_op is sre.LITERAL:
                parts.append(re.escape(chr(item_av)))
            elif item_op is sre.RANGE:
                parts.append(f"{re.escape(chr(item_av[0]))}-{re.escape(chr(item_av[1]))}")
            elif item_op is sre.CATEGORY and getattr(item_av, "name", None) in _CATEGORIES:
                parts.append(_CATEGORIES[item_av.name])
            else:
                return None
        sources.append("[%s]" % "".join(parts))
    if not sources:
        return [False] * len(_ASCII)
    first = re.compile("|".join(sources), FLAGS)
    return [first.fullmatch(c) is not None for c in _ASCII]
