"""The rule contract: a rule reads a Document and proposes Hits; it never prints or loads models."""

from __future__ import annotations

import abc
import inspect
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

from mtcheck.document import Document
from mtcheck.finding import Severity

SOURCE_LANGUAGES = ("es", "fr", "it", "de", "pt")


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule proposes: a span of `Document.text` (end-exclusive) and why.

    `suggestions` are candidate rewrites of the span; the fluency stage may compare them
    with the original wording in context. `confidence` is the rule's own estimate that
    this is a real translation artefact (0..1); low confidence lowers the severity.
    """

    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()
    confidence: float = 1.0
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RuleOptions:
    """The parts of the configuration that rules read."""

    accept: frozenset[str] = frozenset()  # casefolded words and names always fine
    source_languages: frozenset[str] = frozenset(SOURCE_LANGUAGES)
    debris_patterns: tuple[str, ...] = ()  # extra boilerplate lines (regular expressions)

    def accepts(self, word: str) -> bool:
        return word.casefold() in self.accept


class Rule(abc.ABC):
    """One kind of artefact.

    Subclasses set `code` (stable, e.g. "MT601"), `name` (kebab-case), `severity`
    (default), `summary` (one line) and implement `check`. The class docstring explains
    the artefact with a bad example and the fix, and names the source of authority. The
    rule's cases (bad / good / fixed examples) live in `<CODE>.toml` beside the module.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str]
    # Source languages whose calques the rule knows; empty means language-independent.
    languages: ClassVar[frozenset[str]] = frozenset()
    # Rules off by default are enabled with `select` / `extend-select`.
    default_enabled: ClassVar[bool] = True
    # Hits below this confidence are reported as `info`.
    warning_confidence: ClassVar[float] = 0.5
    # Produced by a later stage (model, bilingual pass) rather than by `check`.
    staged: ClassVar[bool] = False

    @abc.abstractmethod
    def check(self, doc: Document, options: RuleOptions) -> Iterable[Hit]:
        """Yield the hits for one document."""

    @classmethod
    def family(cls) -> str:
        return Path(inspect.getfile(cls)).parent.name

    @classmethod
    def source_file(cls) -> Path:
        return Path(inspect.getfile(cls))

    @classmethod
    def case_file(cls) -> Path:
        return cls.source_file().with_name(f"{cls.code}.toml")

    @classmethod
    def cases(cls) -> RuleCases:
        return load_cases(cls.case_file())

    @classmethod
    def explanation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or cls.summary)


@dataclass(frozen=True, slots=True)
class RuleCase:
    """One example from a rule's case file."""

    text: str
    expect: tuple[str, ...] = ()  # flagged texts, for bad cases
    fixed: str | None = None
    note: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)
    source: str | None = None  # the original, for bilingual rules
    format: str = "text"


@dataclass(frozen=True, slots=True)
class RuleCases:
    bad: tuple[RuleCase, ...]
    good: tuple[RuleCase, ...]


def _case(raw: Mapping[str, Any]) -> RuleCase:
    return RuleCase(
        text=raw["text"],
        expect=tuple(raw.get("expect", ())),
        fixed=raw.get("fixed"),
        note=raw.get("note", ""),
        options=raw.get("options", {}),
        source=raw.get("source"),
        format=raw.get("format", "text"),
    )


@cache
def load_cases(path: Path) -> RuleCases:
    if not path.exists():
        return RuleCases(bad=(), good=())
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    return RuleCases(
        bad=tuple(_case(c) for c in raw.get("bad", ())),
        good=tuple(_case(c) for c in raw.get("good", ())),
    )
