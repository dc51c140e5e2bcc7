"""SARIF 2.1.0 report for code-scanning tools (GitHub code scanning accepts it)."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from mtcheck import __version__
from mtcheck.engine import Report
from mtcheck.finding import INPUT_ERROR_CODE, INPUT_ERROR_NAME, Severity
from mtcheck.rules import all_rules

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
INFORMATION_URI = "https://github.com/mtcheck/mtcheck"


def _rule_descriptors() -> list[dict[str, Any]]:
    out = [{
        "id": INPUT_ERROR_CODE,
        "name": INPUT_ERROR_NAME,
        "shortDescription": {"text": "Input could not be read or decoded"},
        "fullDescription": {"text": "The file is missing, unreadable, binary, empty or not valid UTF-8."},
        "defaultConfiguration": {"level": "error"},
    }]
    for code, rule in all_rules().items():
        out.append({
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.explanation()},
            "help": {"text": f"Run `mtcheck rules {code}` for examples."},
            "defaultConfiguration": {"level": _LEVEL[rule.severity], "enabled": rule.default_enabled},
            "properties": {"tags": [rule.family()]},
        })
    return out


def _uri(path: str) -> str:
    return quote(PurePath(path).as_posix())


def render_sarif(report: Report, out: TextIO, color: bool) -> None:
    rules = _rule_descriptors()
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for f in report.findings:
        region: dict[str, Any] = {
            "startLine": f.line,
            "startColumn": f.column,
            "endLine": f.end_line,
            "endColumn": f.end_column,
            "charOffset": f.start,
            "charLength": f.end - f.start,
        }
        if f.text:
            region["snippet"] = {"text": f.text}
        result: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": index.get(f.code, 0),
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.path)},
                    "region": region,
                }
            }],
            "properties": {"confidence": round(f.confidence, 3), "name": f.name},
        }
        if f.suggestions:
            result["fixes"] = [{
                "description": {"text": f"Replace with '{s}'" if s else "Delete"},
                "artifactChanges": [{
                    "artifactLocation": {"uri": _uri(f.path)},
                    "replacements": [{
                        "deletedRegion": {"charOffset": f.start, "charLength": f.end - f.start},
                        "insertedContent": {"text": s},
                    }],
                }],
            } for s in f.suggestions[:3]]
        results.append(result)
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "mtcheck",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            # Columns and offsets count Unicode code points (Python str indices).
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")
