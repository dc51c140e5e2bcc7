"""Human-readable reports: `full` (source line with the span underlined) and `concise`."""

from __future__ import annotations

from typing import TextIO

from mtcheck.engine import Report
from mtcheck.finding import Finding, Severity

_COLORS = {Severity.ERROR: "\033[1;31m", Severity.WARNING: "\033[1;33m", Severity.INFO: "\033[1;36m"}
_BOLD = "\033[1m"
_DIM = "\033[2m"
_RESET = "\033[0m"


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{_RESET}" if color else text


def headline(f: Finding, color: bool) -> str:
    where = _paint(f"{f.path}:{f.line}:{f.column}:", _BOLD, color)
    sev = _paint(f.severity.label, _COLORS[f.severity], color)
    return f"{where} {f.code} [{sev}] {f.message}"


def render_concise(report: Report, out: TextIO, color: bool) -> None:
    for f in report.findings:
        out.write(headline(f, color) + "\n")
    _footer(report, out, color)


def render_full(report: Report, out: TextIO, color: bool) -> None:
    for result in report.files:
        if result.error is not None:
            out.write(headline(result.error, color) + "\n\n")
        lines = result.source.split("\n") if result.source is not None else []
        for f in result.findings:
            out.write(headline(f, color) + f"  {_paint(f.name, _DIM, color)}\n")
            out.write(_snippet(f, lines, color))
            if f.suggestions:
                shown = ", ".join(f"'{s}'" if s else "(delete)" for s in f.suggestions[:3])
                out.write(f"   = suggestion: {shown}\n")
            out.write("\n")
    _footer(report, out, color)


def _snippet(f: Finding, lines: list[str], color: bool) -> str:
    if not lines or f.line > len(lines):
        return ""
    gutter = len(str(f.end_line))
    out = []
    last = min(f.end_line, len(lines))
    for number in range(f.line, last + 1):
        raw = lines[number - 1].rstrip("\r")
        start = f.column - 1 if number == f.line else 0
        end = f.end_column - 1 if number == f.end_line else len(raw)
        if number == f.end_line and f.end_column == 1 and number != f.line:
            break  # the span ends at this line's start: nothing on it
        # Expand tabs the same way on both lines so the carets line up.
        shown, start, end = _window(raw.replace("\t", " "), start, end)
        marks = " " * start + "^" * max(1, end - start)
        out.append(f" {str(number).rjust(gutter)} | {shown}\n")
        out.append(f" {' ' * gutter} | {_paint(marks, _COLORS[f.severity], color)}\n")
    return "".join(out)


# Long paragraphs are shown as a window around the span.
MAX_SHOWN = 120
CONTEXT = 40


def _window(line: str, start: int, end: int) -> tuple[str, int, int]:
    if len(line) <= MAX_SHOWN:
        return line, start, end
    lo = max(0, start - CONTEXT)
    hi = min(len(line), max(end, start + 1) + CONTEXT)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(line) else ""
    shift = len(prefix) - lo
    return prefix + line[lo:hi] + suffix, start + shift, end + shift


def _footer(report: Report, out: TextIO, color: bool) -> None:
    s = report.summary()
    n = s["findings"]
    if n == 0:
        out.write(f"No findings in {s['files']} file{'s' if s['files'] != 1 else ''}.\n")
        return
    parts = [f"{v} {k}" for k, v in s["by_severity"].items() if v]
    out.write(
        f"Found {n} finding{'s' if n != 1 else ''} ({', '.join(parts)}) in "
        f"{s['files']} file{'s' if s['files'] != 1 else ''}; failing at {s['fail_on']} and above.\n"
    )


def render_statistics(report: Report, out: TextIO) -> None:
    counts: dict[tuple[str, str], int] = {}
    for f in report.findings:
        counts[(f.code, f.name)] = counts.get((f.code, f.name), 0) + 1
    for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        out.write(f"{n:5d}  {code}  {name}\n")
