"""The context words of the number and time rules, read once for both (MT502, MT503).

`mtcheck/data/punctuation/number_context.toml` is parsed on the first document that needs
it; MT503's unit words are MT502's decimal-comma words, so one parse serves both. The file
is read by path: `importlib.resources` adds nothing for a file inside the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from mtcheck.cache import parsed_toml

_PATH = Path(__file__).resolve().parent.parent.parent / "data" / "punctuation" / "number_context.toml"


@cache
def number_context() -> dict[str, Any]:
    """The parsed `number_context.toml`."""
    return parsed_toml(_PATH.read_text(encoding="utf-8"), "number-context")


@cache
def decimal_words() -> frozenset[str]:
    """The words after which N,D is a decimal (units, currencies, magnitudes), casefolded."""
    return frozenset(w.casefold() for w in number_context()["decimal_comma"]["words"])
