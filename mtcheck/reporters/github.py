"""GitHub Actions workflow commands (`::warning file=...::message`), shown as annotations."""

from __future__ import annotations

from typing import TextIO

from mtcheck.engine import Report
from mtcheck.finding import Severity

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report, out: TextIO, color: bool) -> None:
    for f in report.findings:
        props = ",".join([
            f"file={_escape_property(f.path)}",
            f"line={f.line}",
            f"col={f.column}",
            f"endLine={f.end_line}",
            f"endColumn={f.end_column}",
            f"title={_escape_property(f'{f.code} {f.name}')}",
        ])
        out.write(f"::{_COMMAND[f.severity]} {props}::{_escape_data(f.message)}\n")
