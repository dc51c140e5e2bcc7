"""JSON report, schema version 1 (documented in mtcheck/data/report.schema.json)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from mtcheck import __version__
from mtcheck.engine import Report

SCHEMA_VERSION = 1


def report_dict(report: Report) -> dict[str, Any]:
    files = []
    for r in report.files:
        entry: dict[str, Any] = {"path": r.path, "findings": len(r.findings),
                                 "error": r.error.message if r.error else None}
        entry.update({k: v for k, v in r.extras.items() if _jsonable(v)})
        files.append(entry)
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "mtcheck", "version": __version__},
        "summary": report.summary(),
        "notices": list(report.notices),
        "files": files,
        "findings": [f.to_dict() for f in report.findings],
    }


def _jsonable(value: Any) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True


def render_json(report: Report, out: TextIO, color: bool) -> None:
    json.dump(report_dict(report), out, ensure_ascii=False, indent=2)
    out.write("\n")
