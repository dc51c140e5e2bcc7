"""What a check reports: findings with severities and exact positions."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """How bad a finding is; the order matters for `fail-on`."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {value!r} (choose from {choices})") from None


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported problem.

    `start`/`end` are character offsets into the original file text (as decoded, BOM
    excluded), end-exclusive; `line`/`column` and `end_line`/`end_column` are 1-based and
    count Unicode code points. `end_column` is exclusive like `end`.
    """

    path: str
    code: str
    name: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    suggestions: tuple[str, ...] = ()
    confidence: float = 1.0
    data: Mapping[str, Any] = field(default_factory=dict)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.start, self.end, self.code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "suggestions": list(self.suggestions),
            "confidence": round(self.confidence, 3),
            "data": dict(self.data),
        }


INPUT_ERROR_CODE = "MT000"
INPUT_ERROR_NAME = "input-error"


def input_error(path: str, cause: str) -> Finding:
    """The MT000 diagnostic for a file that could not be read or decoded."""
    return Finding(
        path=path,
        code=INPUT_ERROR_CODE,
        name=INPUT_ERROR_NAME,
        severity=Severity.ERROR,
        message=f"cannot check {path}: {cause}",
        start=0,
        end=0,
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        text="",
    )
