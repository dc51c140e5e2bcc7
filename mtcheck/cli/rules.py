"""`mtcheck rules`: list every rule, or explain one with its examples."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer


def rules(
    code: Annotated[str | None, typer.Argument(help="A rule code to explain, e.g. MT601.")] = None,
    output_format: Annotated[str, typer.Option("--output-format", "-f", help="text or json.")] = "text",
) -> None:
    """List the rules, or explain one rule with its bad and good examples."""
    from mtcheck.rules import all_rules, rule_by_code

    if code is None:
        classes = all_rules()
        if output_format == "json":
            json.dump([{
                "code": c, "name": r.name, "severity": r.severity.label, "family": r.family(),
                "default_enabled": r.default_enabled, "summary": r.summary,
                "languages": sorted(r.languages),
            } for c, r in classes.items()], sys.stdout, indent=2, ensure_ascii=False)
            sys.stdout.write("\n")
            return
        for c, r in classes.items():
            flag = "" if r.default_enabled else "  (off by default)"
            typer.echo(f"{c}  {r.name:<32} {r.severity.label:<8} {r.summary}{flag}")
        return
    rule = rule_by_code(code)
    if rule is None:
        typer.echo(f"mtcheck: error: unknown rule code {code!r} (see `mtcheck rules`)", err=True)
        raise typer.Exit(2)
    cases = rule.cases()
    if output_format == "json":
        json.dump({
            "code": rule.code, "name": rule.name, "severity": rule.severity.label,
            "summary": rule.summary, "explanation": rule.explanation(),
            "bad": [{"text": c.text, "expect": list(c.expect), "fixed": c.fixed} for c in cases.bad],
            "good": [{"text": c.text, "note": c.note} for c in cases.good],
        }, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    typer.echo(f"{rule.code} {rule.name} (default severity: {rule.severity.label}"
               f"{'' if rule.default_enabled else ', off by default'})")
    typer.echo("")
    typer.echo(rule.explanation())
    typer.echo("")
    for i, case in enumerate(cases.bad, 1):
        typer.echo(f"Bad example {i}:")
        typer.echo(_indent(case.text))
        if case.expect:
            typer.echo("  flags: " + ", ".join(repr(e) for e in case.expect))
        if case.fixed is not None:
            typer.echo("  fixed:")
            typer.echo(_indent(case.fixed, 4))
        typer.echo("")
    for i, case in enumerate(cases.good, 1):
        typer.echo(f"Good example {i}{': ' + case.note if case.note else ''}:")
        typer.echo(_indent(case.text))
        typer.echo("")
    typer.echo(f"Rule: {rule.source_file()}")
    typer.echo(f"Cases: {rule.case_file()}")


def _indent(text: str, n: int = 2) -> str:
    return "\n".join(" " * n + line for line in text.splitlines())


def register(app: typer.Typer) -> None:
    app.command("rules")(rules)
