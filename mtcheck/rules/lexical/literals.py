"""What literal text a regular expression needs in order to match: lets MT401 skip a search
with a substring test, and try a pattern only where its matches can start.

sre tests a pattern at every offset of the text it searches when the pattern opens with a
lookbehind or a case-insensitive letter, as the calque patterns do (~0.1 µs an offset). A
pattern whose every match contains "president of the government", or starts with "the
westerners", cannot match in a text without it: `str.find` says so much faster.

Soundness rests on one property of case-insensitive matching: an ASCII literal matches only
its two cases, plus the CASE_TRAPS characters ("ı" and "İ" match "i", "ſ" matches "s"; the
Kelvin sign lowercases to "k" anyway). So in a text free of CASE_TRAPS whose `str.lower()`
keeps its offsets, every match's text, lowercased, holds the pattern's ASCII literals
lowercased, at the same offsets.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from functools import partial
from re import _constants as _c  # type: ignore[attr-defined]  # the parser's opcodes
from re import _parser  # type: ignore[attr-defined]  # this module reads parsed patterns
from typing import Any, NamedTuple, TypeAlias

from mtcheck.cache import json_cached

CASE_TRAPS = "ıſİ"
# Literal runs shorter than this say little and cost a scan each.
MIN_LITERAL = 3
# At most this many prefixes per pattern (each is a `str.find` per search).
MAX_PREFIXES = 24
# Part of the cache key of `analyse_all`: raise it when `analyse` changes.
ANALYSIS_VERSION = 1

# What a pattern needs in the lowercased text to match: a literal string, all of several
# ("and", [...]) or one of several ("or", [...]); None: nothing known.
Requirement: TypeAlias = "str | tuple[str, list[Requirement]] | None"


class Literals(NamedTuple):
    requirement: Requirement  # the literal text any match holds (see `analyse`)
    behind: int  # how far before a match that text may begin (lookbehinds' widths, summed)
    prefixes: tuple[str, ...] | None  # one of these starts the text at every match, or None


def has_case_trap(text: str) -> bool:
    """Whether `text` holds a CASE_TRAPS character (`str.find` in C: faster than a regex)."""
    return any(ch in text for ch in CASE_TRAPS)


def analyse(pattern: str, flags: int) -> Literals:
    """The literal text of `pattern` (compiled with `flags`) that a match needs, lowercased.

    `requirement`: runs of ASCII literals (at least MIN_LITERAL long) in the parts that
    every match goes through, lookarounds that must succeed included; the alternatives of a
    branch give an "or". `prefixes`: see `_prefixes`. Anything the parser gives that is not
    understood here (a private module's output) counts as "nothing known"."""
    try:
        tree = list(_parser.parse(pattern, flags))
    except Exception:  # pragma: no cover - the pattern compiles, so it parses
        return Literals(None, 0, None)
    behind = 0

    def sequence(items: list) -> Requirement:  # type: ignore[type-arg]
        nonlocal behind
        reqs: list[Requirement] = []
        run: list[str] = []

        def flush() -> None:
            if len(run) >= MIN_LITERAL:
                reqs.append("".join(run))
            run.clear()

        for op, av in items:
            if op is _c.LITERAL and av < 0x80:
                run.append(chr(av).lower())
                continue
            flush()
            req: Requirement = None
            if op is _c.SUBPATTERN:
                req = sequence(list(av[3]))
            elif op is _c.ATOMIC_GROUP:
                req = sequence(list(av))
            elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
                req = sequence(list(av[2]))
            elif op is _c.ASSERT:  # a lookahead or lookbehind that must match
                req = sequence(list(av[1]))
                if av[0] < 0 and req is not None:
                    behind += av[1].getwidth()[1]
            elif op is _c.BRANCH:
                alternatives = [sequence(list(alt)) for alt in av[1]]
                if all(alt is not None for alt in alternatives):
                    req = ("or", alternatives)
            if req is not None:
                reqs.append(req)
        flush()
        if not reqs:
            return None
        return reqs[0] if len(reqs) == 1 else ("and", reqs)

    requirement = sequence(tree)
    return Literals(requirement, behind, _prefixes(tree))


def analyse_all(patterns: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Literals]:
    """`analyse` for each (pattern, flags), kept in the user cache (`json_cached`, as rows
    of pattern, flags and the `Literals` fields): parsing costs about as much as compiling
    (~60 ms for the calque lexicon), and the answers only change with the patterns, this
    module or Python."""
    items = sorted(set(patterns))
    key = repr((ANALYSIS_VERSION, sys.version, items))

    def build() -> list[list[Any]]:
        return [[src, flags, *analyse(src, flags)] for src, flags in items]

    def decode(rows: list[list[Any]]) -> dict[tuple[str, int], Literals]:
        found = {
            (src, flags): Literals(_from_json(req), behind, None if prefixes is None else tuple(prefixes))
            for src, flags, req, behind, prefixes in rows
        }
        if len(found) != len(items) or not all(item in found for item in items):
            raise ValueError("the cached analysis is of other patterns")
        return found

    return json_cached("literals", key, build, decode, folder="calques")


def _from_json(req: Any) -> Requirement:
    if req is None or isinstance(req, str):
        return req
    kind, parts = req
    return (kind, [_from_json(part) for part in parts])


def satisfied(req: Requirement, lowered: str) -> bool:
    """Whether `lowered` holds what `req` asks for (None asks for nothing)."""
    if req is None:
        return True
    if isinstance(req, str):
        return req in lowered
    kind, parts = req
    if kind == "and":
        for part in parts:
            if not satisfied(part, lowered):
                return False
        return True
    for part in parts:
        if satisfied(part, lowered):
            return True
    return False


def requirement_test(req: Requirement) -> Callable[[str], bool] | None:
    """A function answering `satisfied(req, lowered)` for a lowercased text (None when `req`
    asks nothing): the tree is walked once here, and alternative strings are looked for with
    `any(map(...))` in C instead of a Python call per string."""
    if req is None:
        return None
    if isinstance(req, str):
        return partial(_holds, req)
    kind, parts = req
    strings = tuple(p for p in parts if isinstance(p, str))
    tests = [t for p in parts if not isinstance(p, str) and (t := requirement_test(p)) is not None]
    if kind == "and":  # a part that asks nothing (no test) holds
        return partial(_holds_all, strings, tuple(tests))
    if len(tests) < len(parts) - len(strings):  # one alternative asks nothing: always true
        return None
    return partial(_holds_any, strings, tuple(tests))


def _holds(string: str, lowered: str) -> bool:
    return string in lowered


def _holds_all(
    strings: tuple[str, ...], tests: tuple[Callable[[str], bool], ...], lowered: str
) -> bool:
    for string in strings:
        if string not in lowered:
            return False
    for test in tests:
        if not test(lowered):
            return False
    return True


def _holds_any(
    strings: tuple[str, ...], tests: tuple[Callable[[str], bool], ...], lowered: str
) -> bool:
    if any(map(lowered.__contains__, strings)):
        return True
    for test in tests:
        if test(lowered):
            return True
    return False


def _prefixes(items: list) -> tuple[str, ...] | None:  # type: ignore[type-arg]
    """The literal texts (lowercased ASCII) one of which the text at every match of the
    parsed pattern `items` starts with, or None when there is no such short list. Zero-width
    assertions are stepped over (what follows starts at the same offset), groups opened,
    branches and optional parts expanded, at most MAX_PREFIXES texts (if there would be more,
    only the branches before any literal); a class of one letter's two cases ("[Tt]") counts
    as that letter. No text of the list starts another."""
    return _expand(items, True, [500]) or _expand(items, False, [500])


def _expand(items: list, deep: bool, budget: list[int]) -> tuple[str, ...] | None:  # type: ignore[type-arg]
    """`_prefixes`; `deep`: expand branches after literal text too; `budget` bounds the work."""
    out = ""
    i = 0
    while i < len(items):
        op, av = items[i]
        rest = items[i + 1 :]
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):  # zero width
            i += 1
        elif op is _c.LITERAL and av < 0x80:
            out += chr(av).lower()
            i += 1
        elif op is _c.IN and (letter := _one_letter(av)) is not None:
            out += letter
            i += 1
        elif op is _c.SUBPATTERN:
            items, i = list(av[3]) + rest, 0
        elif (deep or not out) and (
            op is _c.BRANCH or op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[:2] == (0, 1)
        ):
            choices = [list(alt) + rest for alt in av[1]] if op is _c.BRANCH else [list(av[2]) + rest, rest]
            found: set[str] = set()
            for choice in choices:
                budget[0] -= 1
                sub = _expand(choice, deep, budget) if budget[0] > 0 else None
                if sub is None:
                    break
                found.update(out + s for s in sub)
                if len(found) > MAX_PREFIXES:
                    break
            else:
                # a text that another one starts is dropped: the shorter finds its offsets
                return tuple(sorted(p for p in found if not any(p != q and p.startswith(q) for q in found)))
            break  # not all alternatives known: the text before them is the prefix
        else:
            break
    return (out,) if out else None


def _one_letter(charset: list) -> str | None:  # type: ignore[type-arg]
    """The lowercase letter a class of plain ASCII characters stands for ("[Tt]"), if one."""
    if not charset or any(op is not _c.LITERAL or av >= 0x80 for op, av in charset):
        return None
    letters = {chr(av).lower() for _, av in charset}
    return letters.pop() if len(letters) == 1 else None


def finditer_at(
    pattern: re.Pattern[str], text: str, lowered: str, lo: int, hi: int, prefixes: tuple[str, ...]
) -> list[re.Match[str]]:
    """`list(pattern.finditer(text, lo, hi))` for a pattern whose matches all start where one of
    `prefixes` starts in `lowered` (text.lower() with the same offsets, no CASE_TRAPS
    character; see `_prefixes`): the pattern is tried there only, not by sre at every offset.
    A search from `pos` finds the first offset >= pos where the pattern matches, one of
    those; the matches hold their prefix, so they are not empty, and the next search starts
    at the end of the last one, as in finditer (whose lookbehinds also see before `lo`, as
    `pattern.match(text, k, hi)` does, and whose lookaheads stop at `hi`)."""
    lo = max(lo, 0)  # finditer reads a negative pos as 0, str.find from the end
    starts: list[int] = []
    for prefix in prefixes:
        k = lowered.find(prefix, lo, hi)
        while k != -1:
            starts.append(k)
            k = lowered.find(prefix, k + 1, hi)
    if len(prefixes) > 1:
        starts.sort()  # distinct offsets: no prefix starts another
    found: list[re.Match[str]] = []
    pos = lo
    match = pattern.match
    for k in starts:
        if k < pos:
            continue
        m = match(text, k, hi)
        if m is not None:
            found.append(m)
            pos = m.end()
    return found
